"""Start-up benchmark: whole-process wall times of ff commands, as medians and as
ratios to ``python -c pass``. Not part of the test run (speed is measured, never
asserted). Run it with:

    python -m tests.benchmarks.startup [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ALL_CLEAR = [
    "legal=yes",
    "values=yes",
    "harm=no",
    "personal_data=no",
    "budget=yes",
    "reversible=yes",
    "newspaper=yes",
    "accountable=yes",
]
ANSWERS = [part for answer in ALL_CLEAR for part in ("--answer", answer)]
COMMANDS: list[tuple[str, list[str]]] = [
    ("ff --version", ["--version"]),
    ("ff --help", ["--help"]),
    ("ff check --dry-run (all answers given)", ["check", "--dry-run", *ANSWERS]),
    ("ff check (all answers given, records)", ["check", "Benchmark idea", *ANSWERS]),
    ("ff ideas", ["ideas"]),
]


def median_ms(command: list[str], runs: int, env: dict[str, str]) -> float:
    subprocess.run(command, capture_output=True, env=env)  # warm-up: disk cache, .pyc
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "FF_JOURNAL": str(Path(folder) / "journal.json")}
        base = median_ms([sys.executable, "-c", "pass"], runs, env)
        print("| command | median ms | x python -c pass |\n|---|---:|---:|")
        print(f"| python -c pass | {base:.0f} | 1.0 |")
        for name, args in COMMANDS:
            ms = median_ms([sys.executable, "-m", "ff", *args], runs, env)
            print(f"| {name} | {ms:.0f} | {ms / base:.1f} |")
    print(
        f"\n{runs} runs each after a warm-up; Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} cores."
    )


if __name__ == "__main__":
    main()
