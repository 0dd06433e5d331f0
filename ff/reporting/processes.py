"""Other processes for a large report: how many may be used, and work done in them
in order, a few pieces ahead of what has been written (so that a slow reader of the
report, a pager say, never makes ff hold the whole of it).

Processes are started by forking, where the system has it (Linux, macOS): they start
at once, with ff imported and the report's state as it is. Elsewhere the work is
done here."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
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
    work: Callable[[Any], Any], jobs: Iterable[Any], workers: int, ahead: int = 2
) -> Generator[Any, None, None]:
    """``work(job)`` for each job, in order, done by ``workers`` forked processes: the
    jobs dealt to them in turn, at most ``ahead`` each waiting to be taken.

    Not multiprocessing's Pool: with it, Ctrl-C at the wrong moment left a process
    running after ff had gone, holding ff's output open (a script waiting for the
    output waited for ever), as ff leaves at once without tidying up.
    Here each process has a pipe of its own and nothing else, and however this ends
    (done, Ctrl-C, an error) every process is killed and reaped before it returns."""
    context = multiprocessing.get_context("fork")
    lanes: list[tuple[Any, Any]] = []
    try:
        for _ in range(workers):
            with _ctrl_c_held():  # a process started is one known, to be ended
                mine, theirs = context.Pipe()
                others = [pipe for _, pipe in lanes]  # (the child lets go of theirs)
                process = context.Process(target=_serve, args=(work, theirs, others))
                process.start()
                theirs.close()
                lanes.append((process, mine))
        yield from _dealt([pipe for _, pipe in lanes], iter(jobs), ahead)
    finally:
        for process, pipe in lanes:
            process.kill()  # (idle, or its work no longer wanted)
            process.join()
            pipe.close()


def _dealt(pipes: list[Any], jobs: Iterator[Any], ahead: int) -> Iterator[Any]:
    """The answers to ``jobs``, dealt to the pipes in turn, in order."""
    waiting: deque[Any] = deque()  # the pipe of each job given out, in order
    dealt = 0
    for job in jobs:
        pipes[dealt % len(pipes)].send(job)
        waiting.append(pipes[dealt % len(pipes)])
        dealt += 1
        if dealt == ahead * len(pipes):
            break
    while waiting:
        done, value = waiting.popleft().recv()
        for job in jobs:  # the next job, if any, to the pipe whose turn it is
            pipes[dealt % len(pipes)].send(job)
            waiting.append(pipes[dealt % len(pipes)])
            dealt += 1
            break
        if not done:
            raise value
        yield value


@contextlib.contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Ctrl-C held back for the block (where the system can: not on Windows, which
    has no fork anyway), and answered after it."""
    hold = getattr(signal, "pthread_sigmask", None)
    if hold is None:
        yield
        return
    hold(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        hold(signal.SIG_UNBLOCK, {signal.SIGINT})


def _serve(work: Callable[[Any], Any], pipe: Any, others: list[Any]) -> None:
    """A worker: each job it is given, done, until its pipe is closed or it is killed.
    Ctrl-C is the main process's to answer; the other workers' pipes are let go (held,
    one would keep another waiting for ever); on Linux it ends with the main process."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # (held while forked)
    for other in others:
        other.close()
    _end_with_parent()
    while True:
        try:
            job = pipe.recv()
        except (EOFError, OSError):
            return
        try:
            answer = (True, work(job))
        except Exception as problem:  # raised where the answer is taken
            answer = (False, problem)
        try:
            pipe.send(answer)
        except OSError:  # (the main process has gone)
            return
        except Exception as problem:  # an answer that cannot be pickled
            pipe.send((False, RuntimeError(f"{type(problem).__name__}: {problem}")))
        del job, answer


def _end_with_parent() -> None:
    """Be killed when the main process ends, however it ends (Linux's prctl)."""
    if sys.platform != "linux":
        return
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


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
