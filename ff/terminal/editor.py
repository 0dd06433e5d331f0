"""Writing an iteration in the person's own editor ($VISUAL or $EDITOR).

The editor opens a commented YAML template in a private temporary file (mode
0600). When it closes, the file is read and removed; if the YAML is invalid, the
file is kept and its path shown, so nothing typed is lost.
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
from ff.journal.iterations import DECISIONS, FIELDS, PROMPTS, RESULTS

_LIST_HINTS = {
    "with": "who took part: families, young-people, frontline-staff, partners, or your words",
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
        "date": "when you tried it: YYYY-MM-DD, today or yesterday",
        **_LIST_HINTS,
    }
    for field in FIELDS:
        note = PROMPTS.get(field, notes.get(field, ""))
        if field in notes and field in PROMPTS:
            note = notes[field]
        lines += [f"# {note}", _line(field, values.get(field)), ""]
    return "\n".join(lines)


def edit_in_editor(
    heading: str,
    values: Mapping[str, Any],
    accept: Callable[[dict[str, Any]], dict[str, Any]],
    again: str,
) -> dict[str, Any]:
    """Open the template in the editor and return ``accept(fields)``.

    If the YAML is invalid or ``accept`` refuses the fields (UsageError), or the person
    presses Ctrl-C while the editor is open, the file is kept and its path given in the
    message, so nothing typed is lost. ``again`` is the command to try again with."""
    handle, name = tempfile.mkstemp(prefix="ff-iteration-", suffix=".yaml")  # mode 0600
    path = Path(name)
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(template(heading, values))
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


def _read_fields(path: Path) -> dict[str, Any]:
    from ff.yamlload import YamlProblem, load_yaml

    try:
        data = load_yaml(path.read_text(encoding="utf-8"), str(path))
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
