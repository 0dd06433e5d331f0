"""Pausing Python's cycle collector while many small objects are made.

Reading a journal or a card makes many small dicts and lists with no reference
cycles (reference counting frees them), and the collector would walk them all
again and again: it doubled the time to read a large journal and to summarise
one, and tripled the time to read a 1 MB card (4.3 s against 1.3 s).
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Iterator

# What a short-lived process read, kept to its end (see ``short_lived``).
_kept: list[object] = []
_short_lived = False


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector off for the block, and back on as it was after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            # What was made meanwhile is moved out of the collector's sight before it
            # wakes: else its first pass walks every record still held (0.5 s for a
            # summary of 100,000 iterations).
            gc.freeze()
            gc.enable()


def short_lived() -> None:
    """This process ends when its one command does (the ``ff`` command, not a script
    or a notebook using ff): what it reads is kept to the end, and the end gives the
    memory back to the system at once instead of freeing each record (freeing the
    records of 100,000 iterations cost a summary 0.12 s of its 1.6)."""
    global _short_lived
    _short_lived = True


def keep(read: object) -> None:
    """Keep what was read to the end of a short-lived process; elsewhere, nothing: it
    is freed as soon as it is dropped, so a notebook reading a journal again and again
    does not grow. Nor while ``letting_go``."""
    if _short_lived and not _letting_go:
        _kept.append(read)


_letting_go = False


@contextlib.contextmanager
def letting_go() -> Iterator[None]:
    """Nothing read in the block is kept to the end: a report over a council's
    journals reads them one by one and lets each go (kept, a million iterations held
    3 GB; freeing them costs about a second)."""
    global _letting_go
    was, _letting_go = _letting_go, True
    try:
        yield
    finally:
        _letting_go = was


def leave(code: int) -> None:
    """End a short-lived process with ``code``: without freeing what it kept, once its
    output is flushed (its files are written and closed by then, and its locks end
    with it); a normal exit when nothing was kept."""
    if not _kept:
        sys.exit(code)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):  # a closed pipe: nothing more to say
            stream.flush()
    os._exit(code)
