"""``ff sync``: the journal shared through its git repository in one step.

Commit the journal (with a message saying what changed), fetch, merge what came in
(git runs ff's merge driver on the journal), push, and say what came in from
others. Everything that could stop it half way is checked first (git, the
repository's state, its remote and upstream, the merge driver, other changed files),
and then nothing is done. If the remote cannot be reached, the commit stays and the
person runs it again later. A merge that fails is undone (``git merge --abort``), so
the repository is never left in the middle of one; if even that fails, the message
says what state it is in and what to run.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from ff.errors import JournalError
from ff.files import FileLock
from ff.journal.changes import Changes, changes
from ff.journal.copies import Copy, empty_copy, read_copy
from ff.light import dataclass
from ff.sharing.git import Repository, SharingError
from ff.sharing.setup import driver_problem

ATTEMPTS = 3  # pushes tried when someone else pushed in between


@dataclass
class Place:
    """Where the journal is shared: its repository, its name there, and the branch."""

    repo: Repository
    relative: str
    branch: str
    remote: str
    upstream: str  # e.g. origin/main
    merge_ref: str  # the upstream branch on the remote, e.g. refs/heads/main


@dataclass
class Synced:
    """What ``ff sync`` did, and what stopped it if something did."""

    journal: str
    repository: str
    upstream: str
    committed: str | None = None  # the commit message, if the journal was committed
    came_in: Changes | None = None
    pushed: bool = False
    problem: str | None = None
    hint: str | None = None

    @property
    def shared(self) -> bool:
        return self.problem is None

    def json(self) -> dict[str, Any]:
        return {
            "journal": self.journal,
            "repository": self.repository,
            "upstream": self.upstream,
            "committed": self.committed,
            "came_in": self.came_in.json() if self.came_in is not None else None,
            "pushed": self.pushed,
            "shared": self.shared,
            "problem": self.problem,
            "hint": self.hint,
        }


def sync(journal: Path) -> Synced:
    """Commit, pull and push the journal; see the module's docstring."""
    place = ready(journal)
    report = Synced(str(journal), str(place.repo.root), place.upstream)
    # No ff command changes the journal while git works on it (the lock ff's storage
    # takes: beside the real file, if the journal is reached through a link).
    lock = FileLock(Path(os.path.realpath(journal)))
    try:
        # Read once: a damaged journal is never committed, and under the lock nothing
        # changes it before the pull (committing leaves the file as it is).
        before = _read(journal, check=True)
        report.committed = _commit(place, journal, before)
        for _ in range(ATTEMPTS):
            report.problem = report.hint = None  # what stopped an earlier try
            if not _fetch(place, report) or not _merge(place, report):
                break
            if _push(place, report):
                break
        report.came_in = changes(before, _read(journal, check=False))
    finally:
        lock.release()
    return report


def ready(journal: Path) -> Place:
    """Where the journal is shared, once everything that could stop a sync half way has
    been checked; a SharingError says what is not ready, and nothing was changed."""
    repo = Repository.holding(journal)
    relative = repo.relative(journal)
    if relative.startswith("../"):
        raise SharingError(
            f"The journal {journal} is outside the repository {repo.root}.",
            hint="Use the journal inside the repository: --journal PATH, or "
            "ff config set journal PATH.",
        )
    if repo.git("check-ignore", "-q", "--", relative).code == 0:
        raise SharingError(
            f"git ignores the journal {relative} (a .gitignore names it), so it cannot be shared.",
            hint="Remove it from .gitignore, or keep the journal elsewhere in the repository.",
        )
    busy = repo.busy()
    if busy is not None:
        raise SharingError(
            f"The repository {repo.root} is in the middle of {busy[0]}; ff sync changes "
            "nothing until it is finished.",
            hint=f"Finish it or go back ({busy[1]}), then run ff sync again.",
        )
    branch = repo.branch()
    if branch is None:
        raise SharingError(
            f"The repository {repo.root} is not on a branch (a detached HEAD).",
            hint="Go back to your branch (git switch main, say), then run ff sync again.",
        )
    place = _upstream(repo, relative, branch)
    problem = driver_problem(repo, relative)
    if problem is not None:
        raise SharingError(
            f"git would not merge {relative} with ff: {problem}.",
            hint="Run ff share init in the repository (once per clone), then ff sync again.",
        )
    _check_clean(repo, relative)
    return place


def _upstream(repo: Repository, relative: str, branch: str) -> Place:
    remotes = repo.git("remote").out.split()
    if not remotes:
        raise SharingError(
            f"The repository {repo.root} has no remote to share the journal with.",
            hint="Add the shared repository once: git remote add origin URL, then "
            f"git push -u origin {branch}; then run ff sync again.",
        )
    upstream = repo.git("rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}")
    remote = repo.config(f"branch.{branch}.remote")
    merge_ref = repo.config(f"branch.{branch}.merge")
    if upstream.code != 0 or not remote or remote == "." or not merge_ref:
        raise SharingError(
            f"The branch {branch} has no upstream branch on a remote to sync with.",
            hint=f"Set it once: git push -u {remotes[0]} {branch} (or, if the remote has the "
            f"branch already, git branch --set-upstream-to={remotes[0]}/{branch}); then run "
            "ff sync again.",
        )
    return Place(repo, relative, branch, remote, upstream.out.strip(), merge_ref)


def _check_clean(repo: Repository, relative: str) -> None:
    """Refuse if files other than the journal have changes not committed: ff commits
    only the journal, and git cannot merge over them."""
    listed = repo.git("status", "--porcelain=v1", "-z", "--untracked-files=no").out
    others: list[str] = []
    entries = iter(listed.split("\0"))
    for entry in entries:
        if not entry:
            continue
        if entry[0] in "RC":
            next(entries, None)  # a rename or copy: its old name follows
        name = entry[3:]
        if name != relative:
            others.append(name)
    if others:
        shown = ", ".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
        raise SharingError(
            f"Other files in the repository {repo.root} have changes not committed: {shown}.",
            hint="ff sync commits only the journal. Commit those changes (git commit) or "
            "put them aside (git stash), then run ff sync again.",
        )


def _read(journal: Path, *, check: bool) -> Copy:
    if not journal.exists():
        return empty_copy()
    return read_copy(journal, check=check)


def _commit(place: Place, journal: Path, now: Copy) -> str | None:
    """Commit the journal if it changed; the commit message."""
    repo, relative = place.repo, place.relative
    if not journal.exists() or not repo.git("status", "--porcelain=v1", "--", relative).out:
        return None
    message = f"ff: {_what_changed(repo, relative, now)}"
    for args in (
        ("add", "--", relative),
        ("commit", "--quiet", "-m", message, "--only", "--", relative),
    ):
        done = repo.git(*args)
        if done.code != 0:
            raise SharingError(
                f"git could not commit the journal {relative}: {done.said}",
                hint="If git asks who you are, tell it once: git config --global user.name "
                '"Your Name" and git config --global user.email you@example.org; then run '
                "ff sync again. Your journal is unchanged.",
            )
    return message


def _what_changed(repo: Repository, relative: str, now: Copy) -> str:
    try:
        before = _committed(repo, "HEAD", relative, check=False) or empty_copy()
    except JournalError:
        return "journal updated"  # the last commit's copy cannot be read: say no more
    said = changes(before, now).words()
    return "journal updated" if said == "nothing" else said


def _committed(repo: Repository, commit: str, relative: str, *, check: bool) -> Copy | None:
    """The journal as ``commit`` holds it (None: not there); ``JournalError`` if damaged."""
    found = repo.at(commit, relative)
    if found is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "journal.json"
        path.write_bytes(found)
        try:
            return read_copy(path, check=check)
        except JournalError as problem:
            said = problem.message.replace(str(path), f"{commit}:{relative}")
            raise JournalError(said, hint=problem.hint) from None


def _fetch(place: Place, report: Synced) -> bool:
    done = place.repo.git("fetch", "--quiet", place.remote, network=True)
    if done.code == 0:
        return True
    report.problem = f"Could not reach {place.remote}: {done.said}"
    report.hint = (
        "Your journal is committed here and nothing is lost: run ff sync again when you "
        "are online (or when the remote is back)."
    )
    return False


def _count(place: Place, between: str) -> int:
    done = place.repo.git("rev-list", "--count", between)
    return int(done.out.strip() or 0) if done.code == 0 else 0


def _merge(place: Place, report: Synced) -> bool:
    """Merge what came in; if git cannot, go back to before the merge."""
    if _count(place, f"HEAD..{place.upstream}") == 0:
        return True
    repo = place.repo
    damaged = _damaged_upstream(place)
    if damaged is not None:
        report.problem = f"The journal coming in from {place.upstream} is damaged: {damaged}"
        report.hint = (
            "Nothing was merged: your journal is as you committed it. Ask whoever last "
            f"pushed {place.relative} to check it (ff ideas --journal {place.relative} says "
            "where it is damaged), or restore it from an earlier commit; then run ff sync again."
        )
        return False
    try:
        done = repo.git("merge", "--no-edit", "--quiet", place.upstream)
    except BaseException:  # Ctrl-C: not left in the middle of the merge either
        if repo.busy() is not None:
            repo.git("merge", "--abort")
        raise
    if done.code == 0:
        return True
    said = [line for line in (done.err + done.out).splitlines() if line.startswith("Error: ")]
    report.problem = f"Could not merge what came in from {place.upstream}: " + (
        said[0].removeprefix("Error: ") if said else done.said
    )
    if repo.busy() is not None:
        repo.git("merge", "--abort")
    if repo.busy() is not None:
        report.hint = (
            f"The repository {repo.root} is still in the middle of the merge. Go back to "
            "before it with git merge --abort (your journal was committed first), then "
            "run ff sync again."
        )
    else:
        report.hint = (
            "ff went back to before the merge: your journal is as you committed it, and "
            "nothing was pushed. Ask whoever last pushed it to check their journal (or "
            "restore it from an earlier commit), then run ff sync again."
        )
    return False


def _damaged_upstream(place: Place) -> str | None:
    """What is wrong with the journal the upstream holds, if ff cannot read it: checked
    before merging, since git takes it as it is when only the other side changed it."""
    try:
        _committed(place.repo, place.upstream, place.relative, check=True)
    except JournalError as problem:
        return problem.message
    return None


def _push(place: Place, report: Synced) -> bool:
    """Push; False if someone pushed in between (fetch and merge again)."""
    if _count(place, f"{place.upstream}..HEAD") == 0:
        return True
    done = place.repo.git("push", "--quiet", place.remote, f"HEAD:{place.merge_ref}", network=True)
    if done.code == 0:
        report.pushed = True
        return True
    report.problem = f"Could not push to {place.remote}: {done.said}"
    report.hint = (
        "Your journal is committed and merged here, and nothing is lost: run ff sync "
        "again later. If it keeps failing, check that you may push to the repository."
    )
    return False
