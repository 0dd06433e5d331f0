"""Writing an iteration in the person's own editor ($VISUAL or $EDITOR).

The editor opens a commented YAML template, a draft in ff's own data folder
(``drafts/``, private: the folder 0700, the file 0600), named after the idea's id so
that deleting the idea can delete its drafts too (``remove_drafts``). When the
editor closes, the draft is read and removed; if it cannot be used (invalid YAML,
not UTF-8, a field refused), it is kept and its path shown, so nothing typed is lost.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ff.errors import Cancelled, UsageError
from ff.files import check_readable_file
from ff.journal.iterations import DECISIONS, FIELDS, PROMPTS, RESULTS
from ff.paths import drafts_dir
from ff.reporting.people import TOOK_PART
from ff.text import utf8_text

# An iteration's seven texts of at most 20,000 characters fit (560 KB in 4-byte letters).
MAX_DRAFT_BYTES = 1_000_000

_LIST_HINTS = {
    "with": f"who took part: {', '.join(TOOK_PART)}, or your words",
    "tags": "words to find it by later",
}


def editor_command() -> list[str]:
    chosen = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if chosen:
        return shlex.split(chosen, posix=sys.platform != "win32")
    if sys.platform == "win32":
        return ["notepad"]
    for fallback in ("nano", "vi"):
        if shutil.which(fallback):
            return [fallback]
    raise UsageError(
        "No editor found.",
        hint="Set VISUAL or EDITOR, e.g. export EDITOR=nano, "
        "or give the fields as options instead of --edit.",
    )


def _line(field: str, value: Any) -> str:
    if field in ("with", "tags"):
        return f"{field}: {json.dumps(list(value or []), ensure_ascii=False)}"
    if value is None or value == "":
        return f"{field}:"
    return f"{field}: {json.dumps(value, ensure_ascii=False)}"


def template(heading: str, values: Mapping[str, Any]) -> str:
    """The commented YAML a person fills in."""
    lines = [
        f"# {heading}",
        "# Fill in what you can, save, and close the editor to record it.",
        "# Needed: test, result and learned. Lines starting with # are ignored.",
        "# Text may go on several lines: start it with | and indent the lines below.",
        "",
    ]
    notes = {
        "result": f"one of: {', '.join(RESULTS)}",
        "decision": f"one of: {', '.join(DECISIONS)} (optional)",
        "hours": "hours spent (optional)",
        "cost": "money spent, in pounds (optional)",
        "date": "when you tried it: DD/MM/YYYY (day first), YYYY-MM-DD, today or yesterday",
        **_LIST_HINTS,
    }
    for field in FIELDS:
        note = notes.get(field) or PROMPTS.get(field, "")
        lines += [f"# {note}", _line(field, values.get(field)), ""]
    return "\n".join(lines)


def edit_in_editor(
    heading: str,
    values: Mapping[str, Any],
    accept: Callable[[dict[str, Any]], dict[str, Any]],
    again: str,
    idea: str = "",
) -> dict[str, Any]:
    """Open the template in the editor and return ``accept(fields)``.

    If the YAML is invalid or ``accept`` refuses the fields (UsageError), or the person
    presses Ctrl-C while the editor is open, the draft is kept and its path given in
    the message, so nothing typed is lost. ``again`` is the command to try again with;
    ``idea`` the idea's id, which the draft is named after."""
    path = _new_draft(idea, template(heading, values))
    try:
        done = subprocess.run([*editor_command(), str(path)], check=False)
    except KeyboardInterrupt:
        raise Cancelled(
            f"Cancelled: nothing was recorded. Your draft is kept in {path}.",
            hint=f"Copy it from there into {again}, then delete it.",
        ) from None
    except (OSError, UsageError) as error:
        path.unlink(missing_ok=True)
        if isinstance(error, UsageError):
            raise
        raise UsageError(
            f"Cannot start the editor: {error.strerror}.", hint="Check VISUAL or EDITOR."
        ) from None
    if done.returncode != 0:
        path.unlink(missing_ok=True)
        raise Cancelled(f"The editor exited with code {done.returncode}: nothing was recorded.")
    try:
        accepted = accept(_read_fields(path))
    except UsageError as problem:
        raise UsageError(
            problem.message,
            hint=f"Nothing was recorded. What you wrote is kept "
            f"in {path}: fix it there, then copy it into {again} again.",
        ) from None
    path.unlink(missing_ok=True)
    return accepted


def _new_draft(idea: str, text: str) -> Path:
    """A new private draft holding ``text``, in ff's drafts folder."""
    folder = drafts_dir()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(  # mode 0600
            prefix=f"{idea or 'iteration'}-", suffix=".yaml", dir=folder
        )
    except OSError as error:
        raise UsageError(
            f"Cannot write a draft in {folder}: {error.strerror}.",
            hint="Check that you may write to that folder, or give the fields as options "
            "instead of --edit.",
        ) from None
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(text)
    return Path(name)


def drafts_of(idea: str) -> list[Path]:
    """The drafts kept for the idea with this id (what was typed for it in the editor
    and could not be used, or was left with Ctrl-C)."""
    folder = drafts_dir()
    if not idea or not folder.is_dir():
        return []
    return sorted(folder.glob(f"{idea}-*.yaml"))


def remove_drafts(idea: str) -> list[Path]:
    """Delete the drafts kept for the idea with this id (as ``ff delete`` deletes the
    idea, its text must not stay behind in a draft); the paths removed."""
    removed = []
    for draft in drafts_of(idea):
        try:
            draft.unlink()
        except FileNotFoundError:
            continue
        removed.append(draft)
    return removed


def _read_fields(path: Path) -> dict[str, Any]:
    from ff.yamlload import YamlProblem, load_yaml

    try:
        data = load_yaml(_read_draft(path), str(path))
    except YamlProblem as problem:
        raise UsageError(f"{problem}.") from None
    if data is not None and not isinstance(data, dict):
        raise UsageError(f"{path}: expected lines of field: value.")
    fields = {str(k): v for k, v in (data or {}).items()}
    unknown = sorted(set(fields) - set(FIELDS))
    if unknown:
        raise UsageError(f"Unknown field(s): {', '.join(unknown)} (fields: {', '.join(FIELDS)}).")
    if not any(v not in (None, "", []) for k, v in fields.items() if k != "date"):
        path.unlink(missing_ok=True)
        raise Cancelled("Nothing was written in the editor: nothing was recorded.")
    # YAML reads 12 as a number and 2026-11-25 stays text: text fields want text.
    return {
        k: (str(v) if isinstance(v, (int, float)) and k not in ("hours", "cost") else v)
        for k, v in fields.items()
    }


def _read_draft(path: Path) -> str:
    """The draft as the editor saved it: UTF-8 text, at most ``MAX_DRAFT_BYTES``."""
    try:
        check_readable_file(path, "a draft")
        with path.open("rb") as file:
            raw = file.read(MAX_DRAFT_BYTES + 1)
    except OSError as error:
        raise UsageError(f"Cannot read the draft {path}: {error.strerror}.") from None
    if len(raw) > MAX_DRAFT_BYTES:
        raise UsageError(f"{path}: the draft is over {MAX_DRAFT_BYTES:,} bytes.")
    return utf8_text(
        raw,
        path,
        "the draft",
        advice="; the editor saved it in another encoding, such as Latin-1.",
    )
