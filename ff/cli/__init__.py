"""The command line: the only package that knows Typer. Kept thin on purpose.

Each command reads its options, calls plain functions (ff.checking, ff.journal,
ff.iterations, ff.lifecycle, ff.merge, ff.config) and hands the result to
ff.render (people) or json (scripts). Heavy modules (YAML, msgspec, Rich) are
imported inside the commands that need them, so ``ff --help`` starts quickly.
"""

import ff.cli.cards
import ff.cli.check
import ff.cli.config
import ff.cli.journal
import ff.cli.summary  # noqa: F401  (importing the modules registers their commands)
from ff.cli.app import app, main

__all__ = ["app", "main"]
