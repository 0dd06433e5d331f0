"""The command line: the only package that knows Typer. Kept thin on purpose.

Each command reads its options (the shared ones are declared once, in
``options``), calls plain functions (ff.check, ff.journal, ff.reporting, ff.cards,
ff.config) and hands the result to ff.terminal (people) or json (scripts).
``app`` holds the global options and the one place errors become exit codes.
Heavy modules (YAML, msgspec, Rich) are imported inside the commands that need
them, so ``ff --help`` starts quickly.
"""

# Importing the modules registers their commands, in this order in ff --help.
import ff.cli.cards
import ff.cli.check
import ff.cli.config
import ff.cli.ideas
import ff.cli.iterations
import ff.cli.journal
import ff.cli.share
import ff.cli.summary  # noqa: F401
from ff.cli.app import app, main

__all__ = ["app", "main"]
