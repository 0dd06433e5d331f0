"""Journals shared through real git: a bare repository as the remote, clones as the
laptops, ff run through its command line (git runs ff's merge driver as a real
process). Git's identity and settings come from the environment set here, never from
the machine's own git config."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable, Iterator
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from ff.cli import app
from tests.conftest import ALL_CLEAR, answer_options, stored_records

OWN_TABLES = ("ideas", "iterations", "status_changes", "deleted", "conflicts")


@pytest.fixture(autouse=True)
def git_identity(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Who commits, no system or global git config (HOME is the test's own), and no
    repository above the test's folder."""
    for key, value in {
        "GIT_CEILING_DIRECTORIES": str(tmp_path),
        "GIT_AUTHOR_NAME": "Test Laptop",
        "GIT_AUTHOR_EMAIL": "laptop@example.org",
        "GIT_COMMITTER_NAME": "Test Laptop",
        "GIT_COMMITTER_EMAIL": "laptop@example.org",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_TERMINAL_PROMPT": "0",
    }.items():
        monkeypatch.setenv(key, value)
    for key in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_CONFIG_GLOBAL"):
        monkeypatch.delenv(key, raising=False)


def git(folder: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        ["git", *args], cwd=folder, capture_output=True, text=True, timeout=120, check=False
    )
    if check:
        assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
    return done


def head(folder: Path) -> str:
    return git(folder, "rev-parse", "HEAD").stdout.strip()


_minutes = count()


def next_moment() -> str:
    """Distinct, increasing times for FF_NOW, shared by every laptop of a test run."""
    minute = next(_minutes)
    return f"2026-11-{1 + minute // 600 % 28:02d}T{8 + minute // 60 % 10:02d}:{minute % 60:02d}:00Z"


class Laptop:
    """One clone with its journal, worked on through ff's command line."""

    def __init__(self, root: Path, journal: str = "team.json") -> None:
        self.root = root
        self.journal = root / journal
        self.runner = CliRunner()

    def ff(self, *args: str, ok: bool = True) -> Result:
        result = self.runner.invoke(
            app,
            [*args],
            env={"FF_JOURNAL": str(self.journal), "FF_NOW": next_moment()},
            catch_exceptions=False,
        )
        if ok:
            assert result.exit_code == 0, result.stdout + result.stderr
        return result

    def in_repo(self, *args: str, ok: bool = True) -> Result:
        """``ff ARGS`` run from the clone's folder (``ff share init`` works there)."""
        import os

        was = Path.cwd()
        os.chdir(self.root)
        try:
            return self.ff(*args, ok=ok)
        finally:
            os.chdir(was)

    def check(self, title: str) -> dict[str, Any]:
        idea: dict[str, Any] = json.loads(
            self.ff("check", title, *answer_options(ALL_CLEAR), "--json").stdout
        )["idea"]
        return idea

    def log(self, ref: str, learned: str) -> dict[str, Any]:
        done = self.ff(
            "log", ref, "--test", f"tried: {learned}", "--result", "partial", "--learned",
            learned, "--json",
        )  # fmt: skip
        iteration: dict[str, Any] = json.loads(done.stdout)
        return iteration

    def sync(self, ok: bool = True) -> Result:
        return self.ff("sync", ok=ok)

    def show(self, ref: str) -> dict[str, Any]:
        shown: dict[str, Any] = json.loads(self.ff("show", ref, "--json").stdout)
        return shown

    def records(self) -> dict[str, dict[str, dict[str, Any]]]:
        """The journal read as plain JSON (not through ff): ff's tables by record id."""
        found = stored_records(self.journal)
        return {name: found.get(name, {}) for name in OWN_TABLES}


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    """A bare repository, the team's shared one (on a git server, say)."""
    path = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", "--initial-branch=main", str(path))
    return path


@pytest.fixture
def laptops(tmp_path: Path, remote: Path) -> Callable[[int], list[Laptop]]:
    """``laptops(3)``: the first sets the repository up (ff share init, a first idea,
    pushed), the others clone it and run ff share init."""

    def make(how_many: int) -> list[Laptop]:
        made: list[Laptop] = []
        for number in range(how_many):
            root = tmp_path / f"laptop{number + 1}"
            git(tmp_path, "clone", "--quiet", str(remote), str(root))
            laptop = Laptop(root)
            laptop.in_repo("share", "init")
            if number == 0:
                git(root, "checkout", "--quiet", "-B", "main")
                laptop.check("Homework club in the library")
                git(root, "add", "team.json")
                git(root, "commit", "--quiet", "-m", "the team's journal")
                git(root, "push", "--quiet", "-u", "origin", "main")
            made.append(laptop)
        return made

    return make


@pytest.fixture
def three(laptops: Callable[[int], list[Laptop]]) -> Iterator[list[Laptop]]:
    yield laptops(3)
