"""The floor under issue 13's target for a team's journal (any command on 10,000
iterations within 12 times ``python -c pass``): the least a Python program with ff's
stack takes to read such a journal and write its iterations out, timed as whole
processes in turn with ``python -c pass`` and ff's four exports of the same journal.

    python -m tests.benchmarks.floor [--runs 11] [--size 10000]

The floor program imports what any report of ff's must (msgspec, as ff.decoder
imports it, without typing_extensions; TinyDB, through which ff reads its journals;
pathlib, re and datetime, which ff's reading and dates use), reads the journal's
bytes, decodes them whole with msgspec into dicts, and writes each iteration's 17
fields (the CSV's iteration columns) joined by commas, as UTF-8. It checks nothing,
escapes nothing, puts no idea's columns beside its iterations, groups nothing by
idea and works out no figures: what ff adds over it is what the exports do for their
readers (and what ff's reading checks), and the target leaves room only for the
part of that above the floor. Speed is measured here, never asserted by a test."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from tests.benchmarks.bench import Run, ff, generate_elsewhere, in_turn

# Run with ``python -c``: the journal's path is its one argument.
FLOOR = """
import sys
sys.modules["typing_extensions"] = None
import datetime, pathlib, re
import msgspec, msgspec.json, tinydb
tables = msgspec.json.decode(pathlib.Path(sys.argv[1]).read_bytes())
fields = ("number", "date", "result", "decision", "hypothesis", "test", "measure",
    "criteria", "observed", "learned", "next_step", "with", "hours", "cost", "tags",
    "author", "created")
rows = [
    ",".join(["" if v is None else v if type(v) is str else str(v) for v in map(it.get, fields)])
    for it in tables["iterations"].values()
]
sys.stdout.buffer.write("\\r\\n".join(rows).encode())
"""

EXPORTS = ("csv", "html", "md", "json")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--size", type=int, default=10_000)
    options = parser.parse_args()
    env = {**os.environ, "FF_OWNER": "bench", "NO_COLOR": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as people run ff: bytecode cached
    with tempfile.TemporaryDirectory() as folder:
        generate_elsewhere(Path(folder), [options.size], teams=False)
        journal = str(Path(folder) / f"journal-{options.size}.json")
        rows: list[tuple[str, Run]] = [
            ("the floor (read, decode, join each iteration's fields)", _floor(journal, env))
        ]
        rows += [(f"ff export --format {name}", _export(name, journal, env)) for name in EXPORTS]
        timed, base = in_turn([run for _, run in rows], options.runs)
    label = f"{options.size // 1000}k"
    print(f"| command ({label}) | median ms | × python -c pass |")
    print("|---|---:|---:|")
    for (name, _), (ms, _) in zip(rows, timed, strict=True):
        print(f"| {name} | {ms:.0f} | {ms / base:.1f} |")
    print(
        f"\n`python -c pass`: {base:.1f} ms (median, timed in turn with each command); "
        f"{options.runs} runs each after a warm-up."
    )


def _floor(journal: str, env: dict[str, str]) -> Run:
    return [sys.executable, "-c", FLOOR, journal], env, None


def _export(name: str, journal: str, env: dict[str, str]) -> Run:
    return ff("export", "--format", name), {**env, "FF_JOURNAL": journal}, None


if __name__ == "__main__":
    main()
