"""What the journal holds: its tables, and the shape of each kind of record."""

from __future__ import annotations

from typing import Any

IDEAS = "ideas"


ITERATIONS = "iterations"


STATUS_CHANGES = "status_changes"


# What was deleted: ids only, never text, so that merging an older copy of a journal
# does not bring a deleted record back.
DELETED = "deleted"


STATES = ("checked", "approved", "prototyping", "paused", "adopted", "abandoned")


Record = dict[str, Any]


Tables = dict[str, dict[str, Record]]


# Tables whose records belong to an idea: a command about one idea decodes only its own.
LAZY = frozenset({ITERATIONS, STATUS_CHANGES, DELETED})
