"""``ff share init``: a git repository set up so that git lets ff merge its journals.

Three things, each said back to the person: the ``.gitattributes`` line that names
ff as the merge driver for journal files (committed, so every clone has it), the
driver itself in the repository's own git config (``merge.ff.driver``: git config is
never shared, so each clone runs ``ff share init`` once), and ff's lock and
temporary files kept out of git (``.git/info/exclude``). The driver is this very ff,
named by its full path, and is run once to check that git can start it.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

from ff import __version__
from ff.errors import UsageError
from ff.light import dataclass, field
from ff.sharing.git import Repository, SharingError

DRIVER = "ff"  # the driver's name: merge=ff in .gitattributes, merge.ff.* in git config
DRIVER_NAME = "ff: journals merged by record"
# ff's own files beside a journal: its lock and a writer's temporary files.
EXCLUDED = ("*.json.lock", ".*.json.*.tmp")


@dataclass
class SetUp:
    """What ``ff share init`` did, for the person and for ``--json``."""

    repository: str
    attributes: str  # the .gitattributes line
    attributes_added: bool
    committed: bool
    commit_problem: str | None
    driver: str
    driver_was: str | None
    excluded: list[str] = field(default_factory=list)
    checked: str = ""  # what the driver said when run

    def json(self) -> dict[str, object]:
        return {
            "repository": self.repository,
            "gitattributes": {
                "line": self.attributes,
                "added": self.attributes_added,
                "committed": self.committed,
                "problem": self.commit_problem,
            },
            "driver": {"command": self.driver, "was": self.driver_was, "checked": self.checked},
            "excluded": self.excluded,
        }


def ff_command() -> list[str]:
    """This ff, as a program git can start: its ``ff`` script beside this Python (so it
    imports this ff whatever folder git runs it in), else this Python with ``-m ff``."""
    folder = Path(sys.executable).parent
    for name in ("ff", "ff.exe"):
        script = folder / name
        if script.is_file() and os.access(script, os.X_OK):
            return [str(script)]
    return [sys.executable, "-m", "ff"]


def driver_command() -> str:
    """The ``merge.ff.driver`` setting: git runs it with %O %A %B %P filled in."""
    return shlex.join([*ff_command(), "share", "merge-driver"]) + " %O %A %B %P"


def attributes_pattern(pattern: str) -> str:
    """The journals' pattern as a ``.gitattributes`` line can hold it: one word with no
    spaces or control characters (git reads the first space as the end of the pattern,
    and would leave the journals unmerged while ff said they were set up), not a
    comment (``#``) nor a negative pattern (``!``, which git refuses in attributes)."""
    given = pattern.strip()
    if not given or any(char.isspace() or not char.isprintable() for char in given):
        raise UsageError(
            f"The pattern {given!r} cannot name journals in .gitattributes: "
            "it must be one word, with no spaces.",
            hint="Name the journals like this: ff share init --pattern 'teams/*.json' "
            "(a folder whose name has spaces can be matched with ?, as in 'my?teams/*.json').",
        )
    if given[0] in "#!":
        raise UsageError(
            f"The pattern {given!r} cannot name journals: .gitattributes reads a line "
            f"starting with {given[0]} as {'a comment' if given[0] == '#' else 'a negation'}.",
            hint="Name the journals like this: ff share init --pattern 'teams/*.json'.",
        )
    return given


def set_up(folder: Path, pattern: str) -> SetUp:
    """Set up the repository ``folder`` is in; see the module's docstring."""
    pattern = attributes_pattern(pattern)  # checked before anything is written
    repo = Repository.holding(folder)
    line = f"{pattern} merge={DRIVER}"
    added = _add_line(repo.root / ".gitattributes", line, f"# ff merges journals: {pattern}")
    committed, problem = _commit_attributes(repo) if added else (False, None)
    was = repo.config(f"merge.{DRIVER}.driver")
    command = driver_command()
    for key, value in ((f"merge.{DRIVER}.name", DRIVER_NAME), (f"merge.{DRIVER}.driver", command)):
        done = repo.git("config", key, value)
        if done.code != 0:
            raise SharingError(
                f"Could not set {key} in the repository's git config: {done.said}",
                hint="Check that you may write to the repository's .git folder.",
            )
    exclude = repo.git_path("info/exclude")
    excluded = [p for p in EXCLUDED if _add_line(exclude, p, "# ff's lock and temporary files")]
    return SetUp(
        str(repo.root),
        line,
        added,
        committed,
        problem,
        command,
        was if was != command else None,
        excluded,
        check_driver(repo.root),
    )


def check_driver(root: Path) -> str:
    """Run the ff git will run (as git would: from the repository's root) and check it
    is this one; what it said."""
    command = [*ff_command(), "--version"]
    try:
        done = subprocess.run(
            command, cwd=root, capture_output=True, text=True, timeout=120, check=False
        )
    except OSError as error:
        raise SharingError(
            f"git would run {command[0]}, which cannot be started: {error.strerror}.",
            hint="Reinstall ff, then run ff share init again.",
        ) from None
    said = done.stdout.strip()
    if done.returncode != 0 or said != f"ff {__version__}":
        raise SharingError(
            f"git would run {shlex.join(command[:-1])}, which says {said or done.stderr.strip()!r},"
            f" not ff {__version__}.",
            hint="Run ff share init with the ff you use (the one on your PATH).",
        )
    return said


def driver_problem(repo: Repository, relative: str) -> str | None:
    """Why git would not merge the journal at ``relative`` with this repository's ff
    driver, or None if it would."""
    attribute = repo.git("check-attr", "merge", "--", relative).out.strip()
    if not attribute.endswith(f": merge: {DRIVER}"):
        return (
            f"the repository's .gitattributes does not name ff as the merge driver for {relative}"
        )
    command = repo.config(f"merge.{DRIVER}.driver")
    if not command:
        return "this clone's git config has no ff merge driver (merge.ff.driver)"
    try:
        program = shlex.split(command)[0]
    except (ValueError, IndexError):
        return f"this clone's merge.ff.driver cannot be read: {command!r}"
    if not Path(program).is_file():
        return f"the merge driver set up for this clone runs {program}, which is no longer there"
    return None


def _add_line(path: Path, line: str, comment: str) -> bool:
    """Add ``line`` to the text file (made if need be) unless it is there; whether added."""
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as error:
        raise SharingError(
            f"Cannot read {path}: {error}.", hint="Fix or remove the file."
        ) from None
    if line in (existing.strip() for existing in text.splitlines()):
        return False
    start = "" if not text or text.endswith("\n") else "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as file:
            file.write(f"{start}{comment}\n{line}\n")
    except OSError as error:
        raise SharingError(
            f"Cannot write {path}: {error.strerror}.",
            hint="Check that you may write to that folder.",
        ) from None
    return True


def _commit_attributes(repo: Repository) -> tuple[bool, str | None]:
    """Commit .gitattributes alone, so that every clone gets the line; if git cannot
    (mid-merge, no name set), say why and leave it for the person to commit."""
    busy = repo.busy()
    if busy is not None:
        return False, f"the repository is in the middle of {busy[0]}"
    added = repo.git("add", "--", ".gitattributes")
    done = (
        added
        if added.code != 0
        else repo.git(
            "commit",
            "--quiet",
            "-m",
            "ff: merge journals with ff",
            "--only",
            "--",
            ".gitattributes",
        )
    )
    if done.code != 0:
        return False, done.said
    return True, None
