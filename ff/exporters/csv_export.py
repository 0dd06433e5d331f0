"""CSV for Excel: one row per iteration with its idea's fields.

UTF-8 with a byte order mark (so Excel shows £ and Welsh letters), ISO dates,
and any cell that begins with = + - @ tab or carriage return prefixed with an
apostrophe, so that a spreadsheet never runs it as a formula. Ideas with no
iteration yet have one row with the iteration columns empty.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from ff.dates import local_day
from ff.exporters import Report

IDEA_COLUMNS = (
    "idea_id",
    "idea_ref",
    "idea_title",
    "team",
    "owner",
    "journals",
    "checked",
    "level",
    "status",
    "idea_tags",
)
ITERATION_COLUMNS = (
    "iteration",
    "date",
    "result",
    "decision",
    "hypothesis",
    "test",
    "measure",
    "criteria",
    "observed",
    "learned",
    "next_step",
    "with",
    "hours",
    "cost",
    "tags",
    "author",
    "recorded",
)
COLUMNS = IDEA_COLUMNS + ITERATION_COLUMNS
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """The cell's text, neutralised if a spreadsheet could read it as a formula."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _local(timestamp: Any) -> str:
    """The day of a UTC time where the reader is, as every other output shows it."""
    day = local_day(timestamp)
    return day.isoformat() if day else ""


def _idea_cells(idea: dict[str, Any]) -> dict[str, Any]:
    return {
        "idea_id": idea.get("id"),
        "idea_ref": idea.get("ref"),
        "idea_title": idea.get("title"),
        "team": idea.get("team"),
        "owner": idea.get("owner"),
        "journals": idea.get("journals"),
        "checked": _local(idea.get("created")),
        "level": idea.get("level"),
        "status": idea.get("status"),
        "idea_tags": idea.get("tags"),
    }


def _iteration_cells(iteration: dict[str, Any]) -> dict[str, Any]:
    cells = {column: iteration.get(column) for column in ITERATION_COLUMNS}
    cells.update(iteration=iteration.get("number"), recorded=iteration.get("created"))
    return cells


def export(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # Excel's dialect: commas, quotes, CRLF line ends
    writer.writerow(COLUMNS)
    for idea in report["ideas"]:
        idea_cells = _idea_cells(idea)
        for iteration in idea.get("iterations") or [{}]:
            row = {**idea_cells, **(_iteration_cells(iteration) if iteration else {})}
            writer.writerow([safe_cell(row.get(column)) for column in COLUMNS])
    return "\ufeff" + buffer.getvalue()
