"""A large journal's export is written by this process and forked ones, a chunk each in
turn (ff.reporting.processes.shared): the file must be byte for byte the one written
here alone, whatever happens to the other processes, and none may outlive ff."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ff.reporting.exporters import REGISTRY
from ff.reporting.exporters.common import SHARED_OVER, written
from ff.reporting.processes import shared
from tests.benchmarks.bench import make_tables, write_journal

NOW = "2026-11-30T12:00:00Z"
pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="sharing needs fork")


@pytest.fixture(scope="module")
def large_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One team's journal with more iterations than are written here alone."""
    path = tmp_path_factory.mktemp("large") / "team.json"
    write_journal(path, make_tables(SHARED_OVER + 500, ideas=40, seed=21))
    return path


def _ff(*args: str, workers: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "FF_NOW": NOW, "NO_COLOR": "1", "FF_REPORT_WORKERS": workers}
    return subprocess.run([sys.executable, "-m", "ff", *args], env=env, capture_output=True)


@pytest.mark.parametrize("period", [[], ["--since", "2026-03-01"]], ids=["all", "a period"])
@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_a_large_journal_s_export_is_the_same_written_by_two_processes(
    large_journal: Path, name: str, period: list[str]
) -> None:
    args = ["export", "--format", name, "--journal", str(large_journal), *period]
    alone, together = _ff(*args, workers="0"), _ff(*args, workers="2")
    assert alone.returncode == together.returncode == 0, together.stderr
    assert len(alone.stdout) > 100_000
    assert together.stdout == alone.stdout


def _items(count: int) -> list[dict[str, Any]]:
    """Ideas as the writers see them, heavy enough to be shared."""
    tries = -(-SHARED_OVER // count)
    return [{"n": n, "iterations": [{}] * tries} for n in range(count)]


def _who_wrote(write: Callable[[dict[str, Any]], str], count: int = 400) -> list[tuple[int, int]]:
    """(item, process) of each item written, in the order written."""
    text = "".join(written(_items(count), write))
    return [(int(n), int(pid)) for n, pid in (line.split(":") for line in text.splitlines())]


def _said(item: dict[str, Any]) -> str:
    return f"{item['n']}:{os.getpid()}\n"


def test_chunks_are_shared_and_come_back_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FF_REPORT_WORKERS", "2")
    wrote = _who_wrote(_said)
    assert [n for n, _ in wrote] == list(range(400))
    assert {pid for _, pid in wrote} - {os.getpid()}, "no other process wrote"
    assert os.getpid() in {pid for _, pid in wrote}


def test_small_reports_are_written_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FF_REPORT_WORKERS", "2")
    text = "".join(written([{"n": n, "iterations": [{}]} for n in range(50)], _said))
    assert {line.split(":")[1] for line in text.splitlines()} == {str(os.getpid())}


@pytest.mark.parametrize("how", ["raises", "is killed"])
def test_what_another_process_cannot_write_is_written_here(
    monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """A process that fails half way (an error, or killed) writes nothing more: its
    chunks are written here, and the whole comes out as if written here alone."""
    monkeypatch.setenv("FF_REPORT_WORKERS", "2")
    here = os.getpid()

    def failing_elsewhere(item: dict[str, Any]) -> str:
        if os.getpid() != here and item["n"] >= 150:
            if how == "raises":
                raise RuntimeError("a helper's own trouble")
            os.kill(os.getpid(), signal.SIGKILL)
        return _said(item)

    wrote = _who_wrote(failing_elsewhere)
    assert [n for n, _ in wrote] == list(range(400))
    assert all(pid == here for n, pid in wrote if n >= 150)
    assert any(pid != here for n, pid in wrote if n < 150)


def test_an_error_writing_is_raised_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """An item that cannot be written raises its own error, as it would here alone."""
    monkeypatch.setenv("FF_REPORT_WORKERS", "2")

    def broken(item: dict[str, Any]) -> str:
        if item["n"] == 333:
            raise ValueError("item 333 cannot be written")
        return _said(item)

    with pytest.raises(ValueError, match="item 333"):
        _who_wrote(broken)


def _children() -> list[str]:
    found = subprocess.run(["pgrep", "-P", str(os.getpid())], capture_output=True, text=True)
    return found.stdout.split()


def test_a_report_stopped_early_leaves_no_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FF_REPORT_WORKERS", "2")
    items = _items(400)
    pieces = shared(len(items), items.__getitem__, _said)
    next(pieces)
    assert _children(), "no other process was started"
    pieces.close()
    assert _children() == []


def test_ctrl_c_while_a_large_journal_s_export_is_written_leaves_nothing(
    tmp_path: Path,
) -> None:
    """Ctrl-C once the export has started to be written: exit 130, no report, no
    temporary file, no process left."""
    journal = tmp_path / "team.json"
    write_journal(journal, make_tables(30_000, ideas=300, seed=22))
    target = tmp_path / "out" / "report.html"
    target.parent.mkdir()
    env = {**os.environ, "FF_REPORT_WORKERS": "2", "NO_COLOR": "1"}
    command = [sys.executable, "-m", "ff", "export", "-f", "html", "--journal", str(journal)]
    running = subprocess.Popen(
        [*command, "-o", str(target)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own group: the signal reaches ff and its helpers
    )
    deadline = time.monotonic() + 60
    while not any(target.parent.iterdir()) and running.poll() is None:
        assert time.monotonic() < deadline, "the export never started to be written"
        time.sleep(0.005)
    os.killpg(running.pid, signal.SIGINT)  # as Ctrl-C does: to every process of the group
    _, said = running.communicate(timeout=60)
    assert running.returncode == 130, said
    assert b"Traceback" not in said
    assert list(target.parent.iterdir()) == []
    time.sleep(0.2)
    left = subprocess.run(["pgrep", "-s", str(running.pid)], capture_output=True, text=True)
    assert left.stdout == "", "a helper process was left running"


def test_sharing_imports_no_multiprocessing() -> None:
    """multiprocessing takes 20 ms to import, more than sharing saves on 10,000
    iterations: the lean processes here need only os."""
    probe = "import sys, ff.reporting.processes; print('multiprocessing' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr
