"""A wheel built from the repository works with no checkout: the cards are inside it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ALL_CLEAR, REPO, answer_options

pytestmark = pytest.mark.slow


def test_wheel_carries_the_cards_and_runs_a_check(tmp_path: Path) -> None:
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert built.returncode == 0, built.stderr
    wheel = next(tmp_path.glob("*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "ff/shipped_cards/fail-fast-fail-forward.yaml" in names
    assert "ff/shipped_cards/just-do-it.yaml" in names
    assert any(name.endswith("entry_points.txt") for name in names)

    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(unpacked)}
    where = subprocess.run(
        [sys.executable, "-c", "import ff; print(ff.__file__)"],
        env=env,
        cwd=elsewhere,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert where.stdout.strip().startswith(str(unpacked))
    done = subprocess.run(
        [sys.executable, "-m", "ff", "check", "--dry-run", "--json", *answer_options(ALL_CLEAR)],
        env=env,
        cwd=elsewhere,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["outcome"]["id"] == "go-ahead"
