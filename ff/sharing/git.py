"""Running git: always the real ``git`` program, given a list of arguments (never a
shell, so no name is ever read as a command), its version checked once, and the
repository a journal is in, with what state it is in."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from ff.errors import FFError
from ff.light import dataclass

MINIMUM = (2, 20)  # the oldest git whose commands and options ff uses here
NETWORK_SECONDS = 300  # a fetch or a push that takes longer is treated as unreachable
_version: tuple[int, ...] | None = None


class SharingError(FFError):
    """Git or the repository is not in a state ff can share a journal in (exit 1);
    the message says what state it is in, and the hint what to run."""


@dataclass(frozen=True)
class Done:
    code: int
    out: str
    err: str
    raw: bytes = b""  # the output as git wrote it (a file as a commit holds it)

    @property
    def said(self) -> str:
        """Git's message, on one line (its last meaningful lines)."""
        lines = [line.strip() for line in (self.err + "\n" + self.out).splitlines()]
        wanted = [line for line in lines if line and not line.startswith("hint:")]
        return " ".join(wanted[-3:])


def version() -> tuple[int, ...]:
    """Git's version (checked once per run): a SharingError if there is no git, or
    one too old."""
    global _version
    if _version is None:
        try:
            done = subprocess.run(
                ["git", "--version"], capture_output=True, text=True, timeout=60, check=False
            )
        except OSError:
            raise SharingError(
                "git is not installed, or not on the PATH: ff shares journals through git.",
                hint="Install git (https://git-scm.com), or ask your IT team to, then run "
                "the command again.",
            ) from None
        found = re.search(r"(\d+)\.(\d+)", done.stdout)
        _version = tuple(int(n) for n in found.groups()) if found else (0, 0)
        if _version < MINIMUM:
            raise SharingError(
                f"git {'.'.join(map(str, _version))} is too old for ff (it needs "
                f"{'.'.join(map(str, MINIMUM))} or later).",
                hint="Upgrade git, then run the command again.",
            )
    return _version


def run(args: list[str], cwd: Path, *, network: bool = False) -> Done:
    """``git ARGS`` in ``cwd``; its exit code and output (never raises for a failure)."""
    version()
    env = {**os.environ, "GIT_MERGE_AUTOEDIT": "no"}
    if not sys.stdin.isatty():
        env["GIT_TERMINAL_PROMPT"] = "0"  # a script: fail rather than wait for a password
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            env=env,
            timeout=NETWORK_SECONDS if network else 120,
            check=False,
            stdin=None if network and sys.stdin.isatty() else subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        return Done(124, "", f"git {args[0]} took too long and was stopped.")
    out, err = done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")
    return Done(done.returncode, out, err, done.stdout)


@dataclass(frozen=True)
class Repository:
    """A git repository's working tree."""

    root: Path

    @classmethod
    def holding(cls, path: Path) -> Repository:
        """The repository ``path`` (a file, or a folder) is in."""
        folder = path if path.is_dir() else path.parent
        if not folder.is_dir():
            raise SharingError(
                f"The folder {folder} does not exist.", hint="Check the journal's path."
            )
        done = run(["rev-parse", "--show-toplevel"], folder)
        if done.code != 0 or not done.out.strip():
            raise SharingError(
                f"{path} is not in a git repository.",
                hint="Clone your team's repository (git clone URL) and keep the journal in "
                "it, or make this folder one with git init; then run ff share init there.",
            )
        return cls(Path(done.out.strip()))

    def git(self, *args: str, network: bool = False) -> Done:
        return run(list(args), self.root, network=network)

    def relative(self, path: Path) -> str:
        """``path`` as git names it: relative to the root, with forward slashes."""
        return Path(os.path.relpath(os.path.realpath(path), os.path.realpath(self.root))).as_posix()

    def git_path(self, name: str) -> Path:
        """A file inside the repository's .git folder (wherever that is)."""
        done = self.git("rev-parse", "--git-path", name)
        return (self.root / done.out.strip()).resolve()

    def busy(self) -> tuple[str, str] | None:
        """What the repository is in the middle of, and how to finish or leave it."""
        states = [
            ("rebase-merge", "a rebase", "git rebase --continue, or git rebase --abort"),
            ("rebase-apply", "a rebase", "git rebase --continue, or git rebase --abort"),
            ("MERGE_HEAD", "a merge", "git commit to finish it, or git merge --abort"),
            ("CHERRY_PICK_HEAD", "a cherry-pick", "git cherry-pick --abort"),
            ("REVERT_HEAD", "a revert", "git revert --abort"),
        ]
        for name, what, how in states:
            if self.git_path(name).exists():
                return what, how
        return None

    def branch(self) -> str | None:
        done = self.git("symbolic-ref", "--quiet", "--short", "HEAD")
        return done.out.strip() if done.code == 0 else None

    def config(self, key: str) -> str | None:
        done = self.git("config", "--get", key)
        return done.out.strip() if done.code == 0 else None

    def at(self, commit: str, relative: str) -> bytes | None:
        """The file as ``commit`` holds it (None: not in it, or no such commit, as in a
        repository with no commits yet)."""
        done = self.git("show", f"{commit}:{relative}")
        return done.raw if done.code == 0 else None
