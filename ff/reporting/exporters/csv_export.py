"""CSV for Excel: one row per iteration with its idea's fields. It shows no figures,
so ``ff export`` does not work them out for it (its registry entry says so).

UTF-8 with a byte order mark (so Excel shows £ and Welsh letters), ISO dates,
numbers as people type them (6 hours, not 6.0), and any cell that begins with
= + - @ tab or carriage return prefixed with an apostrophe, so that a
spreadsheet never runs it as a formula. Ideas with no iteration yet have one
row with the iteration columns empty.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import repeat
from typing import Any

from ff.dates import local_day
from ff.journal.reading import in_number_order
from ff.numbers import tidy_number
from ff.reporting.exporters import Report
from ff.reporting.exporters.common import are_dicts, column, written

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
_NO_ITERATION = "," * len(ITERATION_COLUMNS) + "\r\n"
# Where each iteration column comes from in the stored iteration.
_ITERATION_FIELDS = tuple(
    {"iteration": "number", "recorded": "created"}.get(column, column)
    for column in ITERATION_COLUMNS
)
_FORMULA_STARTS = frozenset(("=", "+", "-", "@", "\t", "\r"))
_FORMULA_PREFIXES = tuple(_FORMULA_STARTS)


def safe_cell(value: Any) -> str:
    """The cell's text, neutralised if a spreadsheet could read it as a formula; a
    number as people type it (6, 40, 12.5: the journal keeps 6.0 and 40.0)."""
    if value is None:
        return ""
    if type(value) is float:
        value = tidy_number(value)
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    text = value if type(value) is str else str(value)
    return "'" + text if text[:1] in _FORMULA_STARTS else text


def _local(timestamp: Any) -> str:
    """The day of a UTC time where the reader is, as every other output shows it."""
    day = local_day(timestamp)
    return day.isoformat() if day else ""


def _idea_cells(idea: dict[str, Any]) -> list[str]:
    values = (
        idea.get("id"),
        idea.get("ref"),
        idea.get("title"),
        idea.get("team"),
        idea.get("owner"),
        idea.get("journals"),
        _local(idea.get("created")),
        idea.get("level"),
        idea.get("status"),
        idea.get("tags"),
    )
    return [safe_cell(value) for value in values]


def csv_field(text: str) -> str:
    """A cell as the csv module's Excel dialect writes it: in quotes, with its quotes
    doubled, if it holds a comma, a quote or a line break; else as it is."""
    if '"' in text or "," in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def _cell(value: Any) -> str:
    """``csv_field(safe_cell(value))`` in one call: a CSV of 100,000 iterations has 1.7
    million cells (each iteration's number, hours, cost and lists too, without a call
    more: the rows of 10,000 iterations took 51 ms so, against 60)."""
    if value is None:  # a field not given (most of them, in most iterations)
        return ""
    kind = type(value)
    text: str
    if kind is str:
        text = value
    elif kind is int:
        text = str(value)
    elif kind is float:
        text = str(tidy_number(value))
    elif kind is list:
        text = "; ".join(map(str, value))
    else:
        text = str(value)
    if text.startswith(_FORMULA_PREFIXES):
        text = "'" + text
    if '"' in text:
        return '"' + text.replace('"', '""') + '"'
    if "," in text or "\n" in text or "\r" in text:
        return '"' + text + '"'
    return text


def _rows(idea: dict[str, Any]) -> str:
    """The idea's lines, one per iteration, in order (by number: put so here, just before
    the rows, see ff.reporting.pieces.in_order). Written here rather than by csv.writer,
    which copies each character on its own (1.5 s for 100,000 rows): the idea's cells
    are made once, and its iterations' cells a column at a time (``_column``), each
    line then joined in C. Timed in one process (medians of 9), the CSV of 10,000
    iterations took 59–64 ms to write cell by cell, and 41–43 ms a column at a time;
    with commas and line breaks in the text (many cells quoted), 59 and 47 ms."""
    start = ",".join(map(csv_field, _idea_cells(idea)))
    tries = idea.get("iterations")
    if not tries:
        return start + _NO_ITERATION
    ordered = in_number_order(tries)
    if not are_dicts(ordered):  # (records not made plain: not as ff reads them)
        return _rows_one_by_one(start, ordered)
    columns = [_column(column(ordered, field)) for field in _ITERATION_FIELDS]
    opening = start + ","
    return opening + ("\r\n" + opening).join(map(",".join, zip(*columns, strict=True))) + "\r\n"


def _rows_one_by_one(start: str, ordered: list[Any]) -> str:
    """``_rows`` a line at a time, for iterations that are mappings but not dicts."""
    lines = []
    for iteration in ordered:
        cells = map(_cell, map(iteration.get, _ITERATION_FIELDS))
        lines.append(f"{start},{','.join(cells)}\r\n")
    return "".join(lines)


_NONE = type(None)
_TEXT = frozenset((str, _NONE))


def _column(values: list[Any]) -> list[str]:
    """``[_cell(value) for value in values]``: one field of an idea's iterations. The
    column is looked at as a whole, where it is all text (or none), all lists of text,
    or all whole numbers of no sign, and made cell by cell otherwise, or if any of its
    cells starts as a formula would or holds a quote."""
    kinds = set(map(type, values))
    if kinds == {_NONE}:  # (a field none of the idea's iterations has: the most common)
        return [""] * len(values)
    if kinds == {list}:  # who took part, tags
        try:
            texts = list(map("; ".join, values))
        except TypeError:  # (something in a list that is not text)
            return list(map(_cell, values))
    elif kinds <= _TEXT:
        texts = [value or "" for value in values] if _NONE in kinds else values
    elif kinds == {int} and min(values) >= 0:  # the iterations' numbers, hours
        return list(map(str, values))
    else:
        return list(map(_cell, values))
    joined = "\x00".join(texts)
    if '"' in joined or any(map(str.startswith, texts, repeat(_FORMULA_PREFIXES))):
        return list(map(_cell, values))
    if "," in joined or "\n" in joined or "\r" in joined:
        return [
            '"' + text + '"' if "," in text or "\n" in text or "\r" in text else text
            for text in texts
        ]
    return texts


def pieces(report: Report) -> Iterator[str]:
    """The file in pieces, one an idea, each made as it is written (never held whole)."""
    yield "\ufeff"
    yield ",".join(map(csv_field, COLUMNS)) + "\r\n"  # Excel's dialect: CRLF line ends
    yield from written(report["ideas"], _rows)


def export(report: Report) -> str:
    return "".join(pieces(report))
