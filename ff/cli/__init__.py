"""The command line: the only package that knows Typer. Kept thin on purpose.

Each command reads its options (the shared ones are declared once, in
``options``), calls plain functions (ff.check, ff.journal, ff.reporting, ff.cards,
ff.config) and hands the result to ff.terminal (people) or json (scripts).
``app`` holds the global options, the table of commands (a command's module is
imported only to run or show that command) and the one place errors become exit
codes. Heavy modules (YAML, msgspec, Rich) are imported inside the commands that
need them; ``ff --version`` is answered by ``ff.__main__`` before Typer is imported.
"""

from ff.cli.app import app, main

__all__ = ["app", "main"]
