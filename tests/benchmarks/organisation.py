"""An organisation's years of learning: ``ff summary`` and ``ff export`` in every
format over many teams' journals (by default 100 journals of 10,000 iterations: a
million iterations, 690 MB), timed as whole processes (median of ``--runs`` after a
warm-up), with the peak memory of all ff's processes together (reports over large
journals read them in other processes, see ff/reporting/parallel.py).

    python -m tests.benchmarks.organisation [--journals 100] [--runs 3] [--keep FOLDER]

Memory: the peak resident memory of the largest process (the kernel's count, from
``wait4``), and, on Linux, the peak of the sum of every ff process's proportional
set size (PSS: pages shared between forked processes counted once in all),
sampled every 50 ms in one more run (sampling takes a little of the machine, so
that run is not timed)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.bench import make_tables, measure, write_journal

COMMANDS = [
    ["summary"],
    ["summary", "--json"],
    *(["export", "--format", name] for name in ("csv", "html", "md", "json")),
]


def generate(folder: Path, journals: int) -> None:
    """``team000.json``...: 10,000 iterations among 100 ideas each (written once)."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(journals):
        path = folder / f"team{n:03d}.json"
        if not path.exists():
            write_journal(path, make_tables(10_000, ideas=100, seed=1000 + n))


def _family(pid: int) -> list[int]:
    found = [pid]
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as children:
                for child in children.read().split():
                    found += _family(int(child))
    except OSError:
        pass
    return found


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def peak_of_all(command: list[str], env: dict[str, str]) -> int | None:
    """The peak of the summed PSS (KiB) of the command's processes (None: not Linux)."""
    if not Path("/proc/self/smaps_rollup").exists():
        return None
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while child.poll() is None:
        peak = max(peak, sum(map(_pss_kib, _family(child.pid))))
        time.sleep(0.05)
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--journals", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="make (or reuse) the journals here")
    options = parser.parse_args()
    env = {**os.environ, "FF_OWNER": "bench", "NO_COLOR": "1", "FF_NOW": "2026-11-30T12:00:00Z"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as people run ff: bytecode cached
    with tempfile.TemporaryDirectory() as spare:
        folder = options.keep or Path(spare)
        generate(folder, options.journals)
        base, _ = measure([sys.executable, "-c", "pass"], env, options.runs)
        print(
            f"{options.journals} journals of 10k; python -c pass {base:.1f} ms; "
            f"{options.runs} runs each after a warm-up; {os.cpu_count()} cores\n"
        )
        print("| command | median s | × python -c pass | largest process MiB | all MiB (PSS) |")
        print("|---|---:|---:|---:|---:|")
        for args in COMMANDS:
            command = [sys.executable, "-m", "ff", *args, "--journal", str(folder)]
            ms, largest = measure(command, env, options.runs)
            every = peak_of_all(command, env)
            shown = f"{every / 1024:.0f}" if every is not None else "n/a"
            name = "ff " + " ".join(args)
            print(
                f"| {name} | {ms / 1000:.2f} | {ms / base:.0f} | {largest / 1024:.0f} | {shown} |"
            )


if __name__ == "__main__":
    main()
