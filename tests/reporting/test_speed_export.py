"""The CSV export writes its own lines (csv.writer copies every character on its own):
they must be exactly what the csv module's Excel dialect writes."""

from __future__ import annotations

import csv
import io
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
    assert export(report) == "\ufeff" + by_csv_module(rows)


def test_only_csv_goes_without_the_figures() -> None:
    assert [name for name in ("html", "md", "csv", "json") if not needs_figures(name)] == ["csv"]
