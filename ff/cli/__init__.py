"""The command line: the only package that knows Typer. Kept thin on purpose.

Each command reads its options (the shared ones are declared once, in
``options``), calls plain functions (ff.check, ff.journal, ff.reporting, ff.cards,
ff.config) and hands the result to ff.terminal (people) or json (scripts).
``typer_app`` holds the Typer app, the global options, the table of commands (a command's module is
imported only to run or show that command) and the one place errors become exit
codes. Heavy modules (YAML, msgspec, Rich) are imported inside the commands that
need them; ``ff --version`` is answered by ``ff.__main__`` before Typer is imported,
and the commonest calls (``show``, ``ideas``, a scripted ``log``) by ``quick``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ff.cli.typer_app import app, main

__all__ = ["app", "main"]


def __getattr__(name: str) -> Any:
    """``app`` and ``main`` are imported when asked for: the commonest calls are read
    without Typer (ff.cli.quick)."""
    if name in __all__:
        import importlib

        return getattr(importlib.import_module("ff.cli.typer_app"), name)
    raise AttributeError(f"module 'ff.cli' has no attribute {name!r}")
