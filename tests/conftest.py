"""Shared fixtures. Every test gets its own home, data folder and journal path,
so no test ever reads or writes a real user's files."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from ff.cli import app

REPO = Path(__file__).resolve().parent.parent

ALL_CLEAR = {
    "legal": "yes",
    "values": "yes",
    "harm": "no",
    "personal_data": "no",
    "budget": "yes",
    "reversible": "yes",
    "newspaper": "yes",
    "accountable": "yes",
}


def answer_options(answers: dict[str, str]) -> list[str]:
    """``--answer`` options for a mapping of answers."""
    return [part for key, value in answers.items() for part in ("--answer", f"{key}={value}")]


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))  # cards kept once read
    monkeypatch.setenv("FF_OWNER", "test-owner")  # the login name is the edge of the world
    monkeypatch.setenv("COLUMNS", "100")
    for name in ("FF_JOURNAL", "FF_NOW", "FF_TEAM", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture
def journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The journal path, set through FF_JOURNAL; the file does not exist yet."""
    path = tmp_path / "journal.json"
    monkeypatch.setenv("FF_JOURNAL", str(path))
    return path


@pytest.fixture
def ff() -> Callable[..., Result]:
    """Run ff in-process with CliRunner: ``ff("check", "--dry-run", input=...)``."""
    runner = CliRunner()

    def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        return runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)

    return run


def stored_records(path: Path) -> dict[str, dict[str, dict[str, Any]]]:
    """The journal file read as plain JSON (not through ff): each of ff's tables'
    records by their own id (the UUID in their ``id`` field; other tables' by document
    id), checking that the file's keys are TinyDB's document ids and that the schema
    table is ff's."""
    import json

    data = json.loads(path.read_bytes().decode("utf-8-sig"))
    assert data.pop("ff_journal") == {"1": {"schema": 2}}
    tables: dict[str, dict[str, dict[str, Any]]] = {}
    for name, records in data.items():
        assert all(key.isdigit() for key in records), f"{name}: keys are TinyDB document ids"
        own = name in ("ideas", "iterations", "status_changes", "deleted", "conflicts")
        tables[name] = {
            str(record["id"]) if own else key: record for key, record in records.items()
        }
        assert len(tables[name]) == len(records), f"{name}: each record's id is its own"
    return tables


def run_ff(
    *args: str, env: dict[str, str] | None = None, input: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ff as a real process (``python -m ff``), with the test's environment."""
    return subprocess.run(
        [sys.executable, "-m", "ff", *args],
        env={**os.environ, **(env or {})},
        input=input if input is not None else "",
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def _as_a_shell_would() -> None:
    """Ctrl-C interrupts, as in a shell's foreground job, even when the tests run
    where SIGINT is ignored (a background job, nohup), which children inherit."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


TERMINAL_SIZE = (40, 100)  # rows, columns: the one size every terminal test uses


def run_in_terminal(*args: str, env: dict[str, str]) -> str:
    """Run ``ff ARGS`` to the end in a real pseudo-terminal; everything it showed."""
    import pexpect

    shown: str = pexpect.run(
        " ".join([sys.executable, "-m", "ff", *args]),
        env=env,
        encoding="utf-8",
        timeout=60,
        dimensions=TERMINAL_SIZE,
    )
    return shown


@pytest.fixture
def terminal(journal: Path, tmp_path: Path) -> Iterator[Callable[..., Any]]:
    """Start ``ff ARGS`` in a real pseudo-terminal (a ``pexpect.spawn``, 100 columns,
    no colour, the test's journal); stopped at the end of the test."""
    if sys.platform == "win32":  # pragma: no cover - pexpect.spawn needs a POSIX pty
        pytest.skip("pseudo-terminal tests need POSIX")
    import pexpect

    children: list[Any] = []
    env = dict(os.environ, NO_COLOR="1", COLUMNS="100", FF_JOURNAL=str(journal))

    def spawn(*args: str, extra: dict[str, str] | None = None, timeout: int = 30) -> Any:
        """``extra``: more environment variables for this one."""
        child = pexpect.spawn(
            sys.executable,
            ["-m", "ff", *args],
            env={**env, **(extra or {})},
            cwd=str(tmp_path),
            encoding="utf-8",
            codec_errors="replace",  # a test may type bytes that are not UTF-8
            timeout=timeout,
            dimensions=TERMINAL_SIZE,
            preexec_fn=_as_a_shell_would,
        )
        children.append(child)
        return child

    yield spawn
    for child in children:
        if child.isalive():
            child.close(force=True)
