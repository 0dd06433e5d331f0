"""Other processes for a large report: how many may be used, and work done in them
in order, a few pieces ahead of what has been written (so that a slow reader of the
report, a pager say, never makes ff hold the whole of it).

Processes are started by forking, where the system has it (Linux, macOS): they start
at once, with ff imported and the report's state as it is. Elsewhere the work is
done here."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import repeat
from typing import Any

# More processes than this: the one writing the report would not keep up.
MOST_WORKERS = 4

# Elements a process writes out at a time (an idea, a learning): a few hundred
# kilobytes of text, few enough messages between processes.
CHUNK = 100


def workers_for(count: int) -> int:
    """How many other processes may work on ``count`` things (0: none): the
    FF_REPORT_WORKERS setting if given, else one per processor, up to MOST_WORKERS."""
    given = os.environ.get("FF_REPORT_WORKERS", "").strip()
    if given:
        try:
            wanted = int(given)
        except ValueError:
            from ff.errors import UsageError

            raise UsageError(
                f"FF_REPORT_WORKERS={given!r} is not a whole number.",
                hint="Set it to how many processes may make a report (0: none), or unset it.",
            ) from None
    else:
        wanted = min(_processors(), MOST_WORKERS)
    if "fork" not in multiprocessing.get_all_start_methods():
        return 0
    return max(0, min(wanted, count)) if wanted > 1 else 0


def _processors() -> int:
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity else os.cpu_count() or 1


def in_order(
    work: Callable[[Any], Any], jobs: Iterable[Any], workers: int, ahead: int = 0
) -> Iterator[Any]:
    """``work(job)`` for each job, in order, done by ``workers`` forked processes, at
    most ``ahead`` (by default twice the workers) done before they are taken."""
    ahead = ahead or 2 * workers
    with multiprocessing.get_context("fork").Pool(workers, initializer=_quiet) as pool:
        waiting: deque[Any] = deque()
        rest = iter(jobs)
        for job in rest:
            waiting.append(pool.apply_async(work, (job,)))
            if len(waiting) >= ahead:
                break
        while waiting:
            done = waiting.popleft().get()
            for job in rest:
                waiting.append(pool.apply_async(work, (job,)))
                break
            yield done


def _quiet() -> None:
    """Ctrl-C is the main process's to answer: the pool is ended with it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


# What the processes of ``written`` write out, set before they are forked.
_writing: tuple[Callable[[int], Any], Callable[[Any], str]] | None = None


def written(count: int, get: Callable[[int], Any], write: Callable[[Any], str]) -> Iterator[str]:
    """``write(get(i))`` for i in range(count), in order, a chunk of them at a time;
    in other processes when it is worth it (each gets the elements itself)."""
    workers = workers_for(count)
    if workers < 2:
        yield from map(_write_chunk, _chunks(count, CHUNK), repeat((get, write)))
        return
    global _writing
    _writing = (get, write)
    try:  # chunks of CHUNK, or smaller: at least a few for each process
        size = max(1, min(CHUNK, count // (4 * workers)))
        yield from in_order(_write_chunk_there, _chunks(count, size), workers)
    finally:
        _writing = None


def _chunks(count: int, size: int) -> Iterator[range]:
    return (range(start, min(start + size, count)) for start in range(0, count, size))


def _write_chunk_there(chunk: range) -> str:
    assert _writing is not None  # (set before the process was forked)
    return _write_chunk(chunk, _writing)


def _write_chunk(chunk: range, writing: tuple[Callable[[int], Any], Callable[[Any], str]]) -> str:
    get, write = writing
    return "".join(write(get(i)) for i in chunk)
