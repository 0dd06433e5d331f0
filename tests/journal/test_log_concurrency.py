"""Many processes logging iterations of the same idea at once.

Iteration numbers are given under the journal's lock (ff/iterations.py), so
eight real processes that log at the same moment must still get 1, 2, 3… with
no gap and no number twice, lose no iteration, and move the idea to
prototyping exactly once.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ALL_CLEAR, answer_options, run_ff, stored_records
from tests.together import go_when_ready

pytestmark = pytest.mark.slow

PROCESSES = 8
LOGS_EACH = 25
TOTAL = PROCESSES * LOGS_EACH

LOGGER = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from tests.together import wait_for_go
    from ff.journal.iterations import log

    journal, sync, n, ref, count = (
        Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
    )
    wait_for_go(sync, n)  # start together, to fight over the lock
    for i in range(count):
        fields = {
            "test": f"process {n} try {i}",
            "result": "success",
            "learned": f"process {n} learned {i}",
            "date": "2026-11-25",
        }
        logged = log(journal, ref, fields, f"writer-{n}", force=False)
        print(json.dumps({
            "i": i,
            "number": logged.iteration["number"],
            "id": logged.iteration["id"],
            "moved_to": logged.moved_to,
        }), flush=True)
    """
)


def spawn(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", LOGGER, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )


def test_eight_processes_logging_to_one_idea_number_every_iteration_once(
    tmp_path: Path,
) -> None:
    journal = tmp_path / "shared" / "journal.json"
    checked = run_ff(
        "check", "Shared idea", *answer_options(ALL_CLEAR), "--json", "--journal", str(journal)
    )
    assert checked.returncode == 0, checked.stderr
    ref = json.loads(checked.stdout)["idea"]["ref"]
    sync = tmp_path / "sync"
    sync.mkdir()

    started = time.monotonic()
    loggers = [
        spawn(str(journal), str(sync), str(n), ref, str(LOGS_EACH)) for n in range(PROCESSES)
    ]
    reports: dict[int, list[dict[str, Any]]] = {}
    try:
        go_when_ready(sync, loggers)
        for n, logger in enumerate(loggers):
            stdout, stderr = logger.communicate(timeout=90)
            assert logger.returncode == 0, stderr
            reports[n] = [json.loads(line) for line in stdout.splitlines()]
    finally:
        for logger in loggers:
            if logger.poll() is None:
                logger.kill()
                logger.wait()
    elapsed = time.monotonic() - started

    # The journal is whole, valid JSON.
    raw = stored_records(journal)  # whole, valid JSON, of ff's schema
    assert len(raw["iterations"]) == TOTAL

    shown = run_ff("show", ref, "--json", "--journal", str(journal))
    assert shown.returncode == 0, shown.stderr
    idea = json.loads(shown.stdout)
    iterations = idea["iterations"]

    # Numbered 1..200: no gaps, no number twice, each a distinct record.
    assert [it["number"] for it in iterations] == list(range(1, TOTAL + 1))
    assert len({it["id"] for it in iterations}) == TOTAL
    assert {it["id"] for it in iterations} == set(raw["iterations"])
    assert all(it["idea_id"] == idea["id"] for it in iterations)

    # Every process's every log is there exactly once, with its own fields.
    learned = Counter(it["learned"] for it in iterations)
    expected = {f"process {n} learned {i}" for n in range(PROCESSES) for i in range(LOGS_EACH)}
    assert set(learned) == expected
    assert max(learned.values()) == 1
    for it in iterations:
        n, i = it["learned"].removeprefix("process ").split(" learned ")
        assert it["test"] == f"process {n} try {i}"
        assert it["author"] == f"writer-{n}"
        assert it["result"] == "success"
        assert it["date"] == "2026-11-25"

    # What each process was told matches what was stored, in the order it logged.
    by_number = {it["number"]: it for it in iterations}
    for n, report in reports.items():
        assert [r["i"] for r in report] == list(range(LOGS_EACH))
        numbers = [r["number"] for r in report]
        assert numbers == sorted(numbers) and len(set(numbers)) == LOGS_EACH
        for r in report:
            stored = by_number[r["number"]]
            assert stored["id"] == r["id"]
            assert stored["learned"] == f"process {n} learned {r['i']}"

    # The first log moved the idea to prototyping; no later log added another change.
    moves = [r for report in reports.values() for r in report if r["moved_to"]]
    assert [(r["number"], r["moved_to"]) for r in moves] == [(1, "prototyping")]
    history = [(c["status"], c["note"]) for c in idea["status_history"]]
    assert history == [("checked", None), ("prototyping", "iteration 1 logged")]
    assert idea["status"] == "prototyping"

    # Only the journal and its lock are left: no temporary files.
    assert sorted(os.listdir(journal.parent)) == ["journal.json", "journal.json.lock"]
    split = sum(
        1
        for report in reports.values()
        if max(r["number"] for r in report) - min(r["number"] for r in report) >= LOGS_EACH
    )
    print(
        f"{TOTAL} iterations from {PROCESSES} processes in {elapsed:.1f} s; "
        f"{split} processes had their logs split by others'"
    )
