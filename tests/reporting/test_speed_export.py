"""The CSV export writes its own lines (csv.writer copies every character on its own):
they must be exactly what the csv module's Excel dialect writes."""

from __future__ import annotations

import csv
import io
from types import MappingProxyType
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ff.journal.reading import in_number_order
from ff.reporting.exporters import needs_figures
from ff.reporting.exporters.csv_export import (
    COLUMNS,
    ITERATION_COLUMNS,
    csv_field,
    export,
    safe_cell,
)

CELLS = st.text(alphabet=st.characters(codec="utf-8"), max_size=12) | st.sampled_from(
    ["a,b", 'say "hi"', "two\nlines", "cr\rhere", "crlf\r\n", '"', ",", "", " ", "\x00", "é🧪"]
)


def by_csv_module(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


@settings(max_examples=300, deadline=None)
@given(st.lists(CELLS, min_size=2, max_size=8))
def test_a_row_is_written_as_the_csv_module_writes_it(cells: list[str]) -> None:
    assert ",".join(map(csv_field, cells)) + "\r\n" == by_csv_module([cells])


VALUES = (
    st.none()
    | CELLS
    | st.integers(-5, 5)
    | st.integers()
    | st.booleans()
    | st.floats()
    | st.lists(CELLS | st.integers(-3, 3))
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.dictionaries(st.sampled_from(["title", "team", "owner", "tags"]), VALUES),
            st.lists(st.dictionaries(st.sampled_from((*ITERATION_COLUMNS, "created")), VALUES)),
        ),
        max_size=4,
    )
)
def test_the_export_is_what_the_csv_module_writes(
    ideas: list[tuple[dict[str, Any], list[dict[str, Any]]]],
) -> None:
    report = {
        "ideas": [
            {"id": f"id{n}", "ref": f"r{n}", "created": "2026-01-02", **idea, "iterations": its}
            for n, (idea, its) in enumerate(ideas)
        ]
    }
    assert export(report) == "\ufeff" + by_csv_module(expected_rows(report))


def expected_rows(report: dict[str, Any]) -> list[list[str]]:
    """The export's rows, each cell as ``safe_cell`` makes it, for the csv module."""
    rows = [list(COLUMNS)]
    for idea in report["ideas"]:
        start = [
            idea.get("id"),
            idea.get("ref"),
            idea.get("title"),
            idea.get("team"),
            idea.get("owner"),
            idea.get("journals"),
            "2026-01-02",
            idea.get("level"),
            idea.get("status"),
            idea.get("tags"),
        ]
        # (The export puts each idea's iterations in order, by number then when recorded.)
        for it in in_number_order(idea["iterations"]) or [{}]:
            cells = {column: it.get(column) for column in ITERATION_COLUMNS}
            cells.update(iteration=it.get("number"), recorded=it.get("created"))
            if not it:
                cells = {}
            rows.append(
                [safe_cell(v) for v in start] + [safe_cell(cells.get(c)) for c in ITERATION_COLUMNS]
            )
    return rows


# The CSV writes an idea's iterations a column at a time, looking at a column of text,
# of lists of text or of whole numbers as a whole: columns of one kind each, with the
# cells that make it write them one by one (a quote, a formula's first character).
FORMULAS = st.sampled_from(["=1+1", "+44 1234", "-3", "@home", "\tx", "\rx", "a=b", "3-4"])
TEXT = CELLS | FORMULAS
KINDS = {
    "text": TEXT,
    "text or none": st.none() | TEXT,
    "lists of text": st.lists(TEXT, max_size=3),
    "whole numbers": st.integers(0, 10**20),
    "numbers": st.integers(-3, 3) | st.floats(allow_nan=False),
    "anything": VALUES,
}
FIELDS = [c for c in ITERATION_COLUMNS if c not in ("iteration", "recorded")]


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_columns_of_one_kind_are_written_as_the_csv_module_writes_them(data: st.DataObject) -> None:
    ideas = []
    for n in range(data.draw(st.integers(1, 3))):
        kinds = {field: data.draw(st.sampled_from(sorted(KINDS))) for field in FIELDS}
        its = []
        for number in range(1, data.draw(st.integers(1, 6)) + 1):
            # (numbered and dated as ff records them: the order is not what is tested)
            it: dict[str, Any] = {"number": number, "created": f"2026-01-0{number}"}
            it.update({field: data.draw(KINDS[kinds[field]]) for field in FIELDS})
            its.append(it)
        ideas.append({"id": f"id{n}", "ref": f"r{n}", "created": "2026-01-02", "iterations": its})
    report = {"ideas": ideas}
    assert export(report) == "\ufeff" + by_csv_module(expected_rows(report))


def test_iterations_that_are_mappings_but_not_dicts_are_written_all_the_same() -> None:
    its = [{"number": 2, "learned": "b, c", "hours": 1.5}, {"number": 1, "tags": ["=x"]}]
    report = {"ideas": [{"id": "i", "ref": "r", "created": "2026-01-02", "iterations": its}]}
    as_dicts = export(report)
    report["ideas"][0]["iterations"] = [MappingProxyType(it) for it in its]
    assert export(report) == as_dicts == "\ufeff" + by_csv_module(expected_rows(report))


def test_only_csv_goes_without_the_figures() -> None:
    assert [name for name in ("html", "md", "csv", "json") if not needs_figures(name)] == ["csv"]
