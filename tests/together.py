"""Processes that start at one moment, to fight over the journal's lock.

Each child says it is ready (a file ``ready-N`` in the shared folder) and waits for
``go``; the parent says ``go`` once every child is ready. Child scripts run from the
repository's root, so they import this module as ``tests.together``."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

WAIT = 60  # seconds before either side gives up


def wait_for_go(sync: Path, n: str) -> None:
    """In a child: say it is ready, then wait for the parent's go."""
    (sync / f"ready-{n}").touch()
    deadline = time.monotonic() + WAIT
    while not (sync / "go").exists():
        if time.monotonic() > deadline:
            sys.exit("never told to go")
        time.sleep(0.002)


def go_when_ready(sync: Path, children: list[subprocess.Popen[str]]) -> None:
    """In the parent: wait until every child is ready, then tell them all to go."""
    deadline = time.monotonic() + WAIT
    while len(list(sync.glob("ready-*"))) < len(children):
        assert time.monotonic() < deadline, "the children did not start"
        assert all(child.poll() is None for child in children), "a child died before starting"
        time.sleep(0.01)
    (sync / "go").touch()
