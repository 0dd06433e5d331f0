"""The HTML and Markdown exports tell an idea's iterations a field at a time (a column:
evidence.column), with each field that every iteration has, or none has, as one place
in one pattern: the text must be exactly what telling them one by one makes, for
iterations as ff records them and for anything a hand-edited journal may hold."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ff.reporting.exporters import html_ideas, markdown
from ff.reporting.exporters.common import DayNames
from ff.reporting.exporters.evidence import EVIDENCE

# Text as people type it, and text that is markup in HTML or Markdown where it stands.
TEXT = st.text(max_size=12) | st.sampled_from(
    [
        "Tried it, twice",
        "<b>bold</b> & 'quotes' \"too\"",
        "**strong** _em_ `code` [link](x)",
        "# heading",
        "1. a list",
        "- item",
        "ends with #",
        "  spaced  ",
        "two\nlines",
        "£40 · 3 hours",
        "{braces} {0} %s",
        "",
    ]
)
ANYTHING = st.none() | TEXT | st.integers(-3, 3) | st.floats() | st.booleans() | st.lists(TEXT)
# Each field of an idea's iterations is drawn of one kind for all of them (as ff records
# them), or of any kind each (as a hand-edited journal may hold them).
KINDS = {
    "text": TEXT,
    "text or none": st.none() | TEXT,
    "none": st.none(),
    "numbers": st.integers(0, 40) | st.floats(0, 100, allow_nan=False),
    "lists of text": st.lists(TEXT, max_size=3),
    "anything": ANYTHING,
}
FIELDS = (
    "date",
    "result",
    "decision",
    *(field for field, _ in EVIDENCE),
    "with",
    "hours",
    "cost",
)
DATES = st.sampled_from(["2026-04-14", "2026-11-25T09:30:00Z", "not a date", "", None])


@st.composite
def iterations(draw: st.DrawFn) -> list[dict[str, Any]]:
    kinds = {field: KINDS[draw(st.sampled_from(sorted(KINDS)))] for field in FIELDS}
    kinds["date"] = draw(st.sampled_from([DATES, ANYTHING]))
    # Who took part is a list in every record ff reads (a journal with anything else there
    # is refused as damaged); its names may be anything.
    kinds["with"] = draw(st.sampled_from([KINDS["lists of text"], st.lists(ANYTHING), st.none()]))
    told = []
    for number in range(1, draw(st.integers(0, 5)) + 1):
        it: dict[str, Any] = {"number": number}
        for field in FIELDS:
            if draw(st.booleans()) or kinds[field] is not ANYTHING:  # (or not there at all)
                it[field] = draw(kinds[field])
        told.append(it)
    return told


@settings(max_examples=200, deadline=None)
@given(iterations(), st.sampled_from([3, 4]))
def test_html_iterations_told_by_column_are_told_as_one_by_one(
    its: list[dict[str, Any]], level: int
) -> None:
    day = DayNames()  # (one for a whole export, as the exports name days)
    one_by_one = "".join(html_ideas._iteration(it, day, level) for it in its)
    assert html_ideas._iterations(its, DayNames(), level) == one_by_one


@settings(max_examples=200, deadline=None)
@given(iterations(), st.sampled_from(["###", "####"]))
def test_markdown_iterations_told_by_column_are_told_as_one_by_one(
    its: list[dict[str, Any]], level: str
) -> None:
    day = DayNames()  # (one for a whole export, as the exports name days)
    one_by_one = [line for it in its for line in markdown._iteration(it, day, level)]
    by_column = markdown._iterations(its, DayNames(), level)
    # Joined with the lines around them, as an idea's story is: the same text.
    assert "\n".join(["before", *by_column, "after"]) == "\n".join(["before", *one_by_one, "after"])
    assert by_column[-1:] == one_by_one[-1:]  # (an idea's story ends at its last line)


def test_iterations_that_are_not_dicts_are_told_one_by_one() -> None:
    its = [{"number": 1, "learned": "a <b>", "hours": 2}]
    as_mappings = [_Mapping(it) for it in its]
    assert html_ideas._iterations(as_mappings, DayNames(), 4) == html_ideas._iterations(  # type: ignore[arg-type]
        its, DayNames(), 4
    )
    assert markdown._iterations(as_mappings, DayNames(), "###") == [  # type: ignore[arg-type]
        line for it in its for line in markdown._iteration(it, DayNames(), "###")
    ]


class _Mapping(dict[str, Any]):
    """A record that is a mapping of its own kind, not a plain dict."""
