"""An iteration's fields by name, in the order of the cards (and of the editor's
template): kept apart from ff.journal.iterations so that reading a command's options
needs nothing else (ff.cli.quick)."""

FIELDS = (
    "hypothesis",
    "test",
    "measure",
    "criteria",
    "observed",
    "result",
    "learned",
    "decision",
    "next_step",
    "with",
    "hours",
    "cost",
    "date",
    "tags",
)
