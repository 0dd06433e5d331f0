"""Where each record's line is, in a journal read whole (not mapped): found only when a
command asks (ff.journal.fileformat.LazyLines), by a binary search on the document ids,
or for every line at once. Each place found must be the one the file has; a file whose
lines count right but are not one record each is refused when a record is needed, and
left as it was; ids out of order are still found."""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from ff.journal import fileformat, mapped
from ff.journal.bulk import read_whole
from ff.journal.fileformat import CLOSING, LazyLines, read
from ff.journal.lines import serialise
from ff.journal.stored import StoredRecord
from tests.benchmarks.bench import make_tables
from tests.conftest import ALL_CLEAR, answer_options, stored_records

CHECK = answer_options(ALL_CLEAR)


def lines_in_file(content: bytes) -> dict[tuple[str, str], tuple[int, int]]:
    """Every record line's place, found by reading the file line by line here: (table,
    document id) -> (where its line starts, where its JSON ends, without the comma)."""
    places: dict[tuple[str, str], tuple[int, int]] = {}
    table, offset = None, 0
    for line in content.split(b"\n"):
        if line.endswith(b": {") or line.endswith(b": {}},") or line.endswith(b": {}}"):
            table = line[1 : line.index(b'"', 1)].decode()
        elif line.startswith(b'"') and table is not None:
            key = line[1 : line.index(b'"', 1)].decode()
            places[table, key] = offset, offset + len(line.rstrip(b","))
        offset += len(line) + 1
    return places


def numbered(tables: dict[str, dict[str, Any]], order: Callable[[list[int]], None]) -> bytes:
    """The tables as a journal, each record under a document id (1, 2, ...), the lines
    of each table in the order ``order`` leaves the ids in."""
    laid_out = {}
    for name, records in tables.items():
        ids = list(range(1, len(records) + 1))
        order(ids)
        by_id = dict(zip(ids, records.values(), strict=True))
        laid_out[name] = {str(n): by_id[n] for n in ids}
    return serialise(laid_out)


def _shuffled(ids: list[int]) -> None:
    random.Random(7).shuffle(ids)


LAYOUTS: dict[str, Callable[[list[int]], None]] = {
    "ids in order": lambda ids: None,
    "ids shuffled": _shuffled,
    "ids reversed": lambda ids: ids.reverse(),
}


def records_of(
    journal_path: Path, every_line: bool = False
) -> Iterator[tuple[str, str, StoredRecord]]:
    journal = read(journal_path, every_line=every_line)
    assert journal is not None
    for table, records in journal.tables.items():
        for key, record in records.items():
            assert isinstance(record, StoredRecord)
            yield table, key, record


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("searches", [0, 1, 5, 1000])
def test_every_records_line_is_found_where_the_file_has_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layout: str, searches: int
) -> None:
    """Every record of every table asked for its place, in a random order (searched
    for, then every line at once after ``searches`` searches): each is its line."""
    monkeypatch.setattr(LazyLines, "SEARCHES", searches)
    path = tmp_path / "journal.json"
    content = numbered(make_tables(400, ideas=30, seed=3), LAYOUTS[layout])
    path.write_bytes(content)
    expected = lines_in_file(content)
    found = list(records_of(path))
    random.Random(searches).shuffle(found)
    lazy = [record for _, _, record in found if isinstance(record._lines, LazyLines)]
    assert len(lazy) >= 400, "the iterations' lines are found when asked for"
    assert {(table, key): record.span for table, key, record in found} == expected
    # As a merge reads it: every line found as the journal is read.
    merged = list(records_of(path, every_line=True))
    assert not any(isinstance(record._lines, LazyLines) for _, _, record in merged)
    assert {(table, key): record.span for table, key, record in merged} == expected
    for table, key, record in found:  # and each record read from its own line
        start, end = expected[table, key]
        assert record.plain() == json.loads(content[start:end].split(b": ", 1)[1])


def _check(ff: Callable[..., Result], title: str) -> str:
    done = ff("check", title, *CHECK, "--json")
    assert done.exit_code == 0, done.output
    return str(json.loads(done.stdout)["idea"]["ref"])


def _log(ff: Callable[..., Result], ref: str, learned: str) -> Result:
    return ff("log", ref, "--test", "t", "--result", "partial", "--learned", learned)


def _lines_not_one_a_record(content: bytes, first: bytes, second: bytes, third: bytes) -> bytes:
    """The line of ``first`` joined to the next (two records on one line), and the line
    of ``third`` cut in two after a comma of its JSON: as many lines, still valid JSON."""
    lines = content.split(b"\n")
    one = next(n for n, line in enumerate(lines) if first in line)
    assert second in lines[one + 1]
    lines[one : one + 2] = [lines[one] + b" " + lines[one + 1]]
    three = next(n for n, line in enumerate(lines) if third in line)
    cut = lines[three].index(b",") + 1
    lines[three : three + 1] = [lines[three][:cut], lines[three][cut:]]
    joined = b"\n".join(lines)
    json.loads(joined)  # still valid JSON
    assert joined.count(b"\n") == content.count(b"\n")
    return joined


def test_lines_that_count_right_but_are_not_one_a_record_are_refused_when_needed(
    journal: Path, ff: Callable[..., Result]
) -> None:
    """The file is valid JSON with a line for each record, but one line holds two
    records and one record is on two lines: a command that needs them (or, deleting,
    every line) says the journal is damaged and changes nothing; one about another
    idea works and keeps those lines as they were, with every record."""
    odd = _check(ff, "Saturday drop-in")
    for text in ("first try", "second try", "third try"):
        assert _log(ff, odd, text).exit_code == 0
    other = _check(ff, "Homework club")
    assert _log(ff, other, "its own try").exit_code == 0
    content = _lines_not_one_a_record(
        journal.read_bytes(), b'"first try"', b'"second try"', b'"third try"'
    )
    journal.write_bytes(content)
    records = stored_records(journal)
    for command in (
        ("show", odd),
        ("log", odd, "--test", "t", "--result", "success", "--learned", "l"),
        ("delete", other, "--yes"),  # every other line copied: each must be found
    ):
        done = ff(*command)
        assert done.exit_code == 1, (command, done.output)
        assert "damaged" in done.stderr, (command, done.stderr)
        assert journal.read_bytes() == content, command
    shown = ff("show", other, "--json")
    assert shown.exit_code == 0, shown.output
    assert [it["learned"] for it in json.loads(shown.stdout)["iterations"]] == ["its own try"]
    assert _log(ff, other, "a second try").exit_code == 0
    after = journal.read_bytes()
    odd_lines = [line for line in content.split(b"\n") if b" try" in line and b"own" not in line]
    assert all(line in after.split(b"\n") for line in odd_lines)
    kept = stored_records(journal)
    assert kept["ideas"] == records["ideas"]
    assert kept["iterations"].items() >= records["iterations"].items()
    assert len(kept["iterations"]) == len(records["iterations"]) + 1


@pytest.mark.parametrize("layout", ["ids shuffled", "ids reversed"])
def test_a_journal_with_its_ids_out_of_order_is_shown_and_logged_into(
    journal: Path, ff: Callable[..., Result], layout: str
) -> None:
    """Lines not in the order of their document ids (an editor's sort, another tool):
    the binary search finds nothing, every line is found at once, and nothing is lost."""
    ref = _check(ff, "Saturday drop-in")
    for n in range(6):
        assert _log(ff, ref, f"try {n}").exit_code == 0
    data = json.loads(journal.read_bytes())
    tables = {name: table for name, table in data.items() if name != "ff_journal"}
    journal.write_bytes(numbered(tables, LAYOUTS[layout]))
    before = stored_records(journal)
    shown = ff("show", ref, "--json")
    assert shown.exit_code == 0, shown.output
    learned = [it["learned"] for it in json.loads(shown.stdout)["iterations"]]
    assert learned == [f"try {n}" for n in range(6)]
    assert _log(ff, ref, "after the shuffle").exit_code == 0
    after = stored_records(journal)
    assert after["iterations"].items() >= before["iterations"].items()
    assert len(after["iterations"]) == 7


def test_a_few_lines_asked_for_are_searched_for_not_every_line_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A command about one idea asks where a few dozen records are: in a file ff wrote
    (ids in order), each is searched for, and the table's other lines are not looked at."""
    path = tmp_path / "journal.json"
    content = numbered(make_tables(20_000, ideas=20, seed=5), LAYOUTS["ids in order"])
    path.write_bytes(content)

    def every_line(self: LazyLines) -> None:
        raise AssertionError("every line was found, for a few records")

    monkeypatch.setattr(LazyLines, "_every_line", every_line)
    expected = lines_in_file(content)
    iterations = [(t, k, r) for t, k, r in records_of(path) if t == "iterations"]
    few = random.Random(1).sample(iterations, 20_000 // 256)
    assert {(t, k): r.span for t, k, r in few} == {(t, k): expected[t, k] for t, k, _ in few}


@pytest.mark.parametrize("near", [64, mapped.NEAR])
def test_every_table_of_ffs_is_read_at_once_whatever_tables_follow_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, near: int
) -> None:
    """The line closing a table is looked for near its start, then (a large table) from
    the end of the file first (right for the last two tables), then further on: every
    table ff reads at once is read so, by a command and by a report, even with
    deletions and conflict notes before the ideas and an analyst's table between the
    iterations and the status changes; each line where it is, each record as it is."""
    monkeypatch.setattr(mapped, "NEAR", near)  # (64: every table is a large one)
    tables = make_tables(300, ideas=10, seed=11)
    iterations = list(tables["iterations"].values())
    tables["deleted"] = {
        f"d{n}": {"id": f"gone{n}", "table": "iterations", "at": "2026-01-01T09:00:00Z"}
        for n in range(5)
    }
    tables["conflicts"] = {
        f"c{n}": {
            "id": f"note{n}",
            "table": "iterations",
            "record_id": str(it["id"]),
            "idea_id": str(it["idea_id"]),
            "fields": {"learned": ["another value"]},
        }
        for n, it in enumerate(iterations[:4])
    }
    tables["notes"] = {"n1": {"by": "an analyst", "text": "a table of their own"}}
    path = tmp_path / "journal.json"
    content = numbered(tables, LAYOUTS["ids in order"])
    path.write_bytes(content)
    assert content.index(b'\n"iterations": {') < content.index(b'\n"notes": {')
    assert content.index(b'\n"notes": {') < content.index(b'\n"status_changes": {')
    found = list(records_of(path))
    at_once = {t for t, _, r in found if isinstance(r._lines, LazyLines)}
    assert at_once == {"conflicts", "deleted", "iterations", "status_changes"}
    assert {(t, k): r.span for t, k, r in found} == lines_in_file(content)
    as_file = {name: table for name, table in json.loads(content).items() if name != "ff_journal"}
    reported = read_whole(path)  # as a report reads it (None: record by record)
    assert reported is not None
    assert reported.tables == as_file


def test_a_table_whose_end_is_guessed_right_is_not_searched_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large table's closing line guessed from the end of the file (the iterations',
    the status changes') is taken as it is: the table is not then searched through
    from its start as well (18 ms of a journal of 100,000). The ideas, whose end is
    not the guess, are still found by searching on when a report reads them whole (a
    command reads them line by line)."""
    monkeypatch.setattr(mapped, "NEAR", 64)  # (every table is a large one)
    path = tmp_path / "journal.json"
    content = numbered(make_tables(300, ideas=10, seed=11), LAYOUTS["ids in order"])
    path.write_bytes(content)
    searched_on: list[int] = []  # where each search without an end started

    class Watched:
        def search(self, raw: bytes, start: int, end: int | None = None) -> Any:
            if end is None:
                searched_on.append(start)
                return CLOSING.search(raw, start)
            return CLOSING.search(raw, start, end)

    monkeypatch.setattr(fileformat, "CLOSING", Watched())
    iterations = content.index(b'\n"iterations": {')
    found = list(records_of(path))  # as a command reads it
    assert {(t, k): r.span for t, k, r in found} == lines_in_file(content)
    assert searched_on == []
    reported = read_whole(path)  # as a report reads it
    assert reported is not None and len(reported.tables["iterations"]) == 300
    assert len(searched_on) == 1 and searched_on[0] < iterations  # (the ideas')
