"""ff.memory: the ff command keeps what it read to its end and leaves without freeing
it, with its output whole and its exit code; a script using ff frees what it read."""

from __future__ import annotations

import os
import subprocess
import sys

LEAVING = """
import sys
from ff import memory
memory.short_lived()
memory.keep([{"record": n} for n in range(1000)])
sys.stdout.write("all of the output")  # not flushed: leaving must flush it
sys.stderr.write("and the message")
memory.leave(3)
sys.stdout.write("never")
"""


def test_a_short_lived_process_leaves_with_its_output_whole_and_its_code() -> None:
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # as people run ff
    done = subprocess.run(
        [sys.executable, "-c", LEAVING], capture_output=True, text=True, env=buffered
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        3,
        "all of the output",
        "and the message",
    )


def test_a_script_keeps_nothing() -> None:
    from ff import memory

    memory.keep(["what a notebook read"])
    assert memory._kept == []  # freed when the script drops it
