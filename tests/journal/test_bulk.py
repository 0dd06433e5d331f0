"""Journals read whole, a table at a time (ff.journal.bulk, for summaries, exports and
merges), and the tables of a write command read at once (ff.journal.fileformat): the
records are exactly those read record by record, and whatever these faster readings
are unsure of is read record by record, so nothing ff does not know is lost and
damage is still named."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tinydb import Query
from tinydb.table import Document
from typer.testing import Result

from ff.journal import bulk, lines
from ff.journal.fileformat import (
    FileBytes,
    ReadJournal,
    TableReader,
    read_lines,
    table_at_once,
    table_by_line,
)
from ff.journal.lines import serialise
from ff.journal.reading import read_journal_file
from ff.journal.storage import JournalStorage, open_journal, tables_of
from tests.benchmarks.bench import make_tables, write_journal
from tests.conftest import ALL_CLEAR, answer_options

EXAMPLES = Path(__file__).parents[2] / "examples" / "teams"


def record_by_record(path: Path) -> dict[str, dict[str, Any]]:
    """The journal's records as ff's record-by-record reading gives them, by their ids."""
    with open_journal(path, read_only=True) as db:
        return {
            name: {str(r["id"]): dict(r) for r in records.values()}
            for name, records in tables_of(db).items()
            if name in ("ideas", "iterations", "status_changes", "deleted")
        }


def check_and_log(ff: Callable[..., Result]) -> str:
    done = ff("check", "Saturday drop-in", *answer_options(ALL_CLEAR), "--json")
    assert done.exit_code == 0, done.output
    ref = str(json.loads(done.stdout)["idea"]["ref"])
    for text in ("first try", "second, £5"):
        logged = ff("log", ref, "--test", "t", "--result", "partial", "--learned", text)
        assert logged.exit_code == 0, logged.output
    return ref


@pytest.mark.parametrize("name", ["early-years.json", "family-support.json"])
def test_the_examples_read_whole_are_every_record_as_read_one_by_one(
    tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    shutil.copy(EXAMPLES / name, path)
    whole = bulk.read_whole(path)
    assert whole is not None  # read whole, not handed back as unsure
    assert read_journal_file(path) == record_by_record(path)
    by_id = {t: {str(r["id"]): r for r in records.values()} for t, records in whole.tables.items()}
    for table, records in record_by_record(path).items():
        for key, record in records.items():  # same keys, in the same order
            assert list(by_id[table][key].items()) == list(record.items()), (table, key)


def test_a_report_reads_a_journal_whole_through_tinydb(tmp_path: Path) -> None:
    """ff's TinyDB storage, asked to read whole (a report's way), gives TinyDB its
    records decoded at once: TinyDB's queries find them."""
    path = tmp_path / "journal.json"
    write_journal(path, make_tables(200, ideas=5, seed=8))
    with open_journal(path, read_only=True, whole=True) as db:
        assert db.storage.read_whole
        failed = db.table("iterations").search(Query().result == "failure")
        assert failed and all(
            type(doc) is Document and doc["result"] == "failure" for doc in failed
        )
    with open_journal(path, read_only=True) as db:
        assert not db.storage.read_whole
        assert len(db.table("iterations").search(Query().result == "failure")) == len(failed)


def test_a_large_journal_read_whole_is_every_record_as_read_one_by_one(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    write_journal(path, make_tables(3000, ideas=100, seed=3))
    assert bulk.read_whole(path) is not None
    assert read_journal_file(path) == record_by_record(path)


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(learned=TEXT, title=TEXT)
def test_any_text_reads_whole_as_it_reads_one_by_one(
    tmp_path: Path, learned: str, title: str
) -> None:
    path = tmp_path / "journal.json"
    tables = make_tables(20, ideas=3, seed=5)
    next(iter(tables["iterations"].values()))["learned"] = learned
    next(iter(tables["ideas"].values()))["title"] = title
    write_journal(path, tables)
    assert bulk.read_whole(path) is not None
    assert read_journal_file(path) == record_by_record(path)


def _with_extra(path: Path, field: str, value: Any, nested: bool = False) -> None:
    """An analyst's own field added to the first iteration (or inside its ``edited``)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    iteration = next(iter(data["iterations"].values()))
    if nested:
        iteration["edited"] = [{"at": "2026-01-02T10:00:00Z", "by": "a", field: value}]
    else:
        iteration[field] = value
    tables = {name: table for name, table in data.items() if name != "ff_journal"}
    path.write_bytes(serialise(tables))  # still in ff's own layout


@pytest.mark.parametrize("nested", [False, True], ids=["field", "nested-field"])
def test_fields_ff_does_not_know_are_still_exported(
    journal: Path, ff: Callable[..., Result], nested: bool
) -> None:
    check_and_log(ff)
    _with_extra(journal, "analyst_score", 7, nested)
    with pytest.raises(bulk.Unsure):
        bulk.read_whole(journal)
    done = ff("export", "--format", "json")
    assert done.exit_code == 0, done.output
    assert '"analyst_score": 7' in done.stdout
    listed = ff("ideas", "--json")  # (read whole too: every field of every record)
    assert listed.exit_code == 0, listed.output
    assert '"analyst_score": 7' in listed.stdout


def test_a_report_of_known_fields_reads_a_journal_with_unknown_ones_whole(
    journal: Path, ff: Callable[..., Result]
) -> None:
    """The summary shows only the fields ff knows: it reads them alone, at once, even
    from a journal with an analyst's fields, and sees every record."""
    check_and_log(ff)
    _with_extra(journal, "analyst_score", 7)
    known = bulk.read_whole(journal, fields="known")
    assert known is not None
    every = record_by_record(journal)
    for records in every.values():
        for record in records.values():
            record.pop("analyst_score", None)
    by_id = {t: {str(r["id"]): r for r in rs.values()} for t, rs in known.tables.items()}
    assert {t: by_id[t] for t in every} == every
    done = ff("summary", "--json")
    assert done.exit_code == 0 and json.loads(done.stdout)["iterations"] == 2


@settings(max_examples=30, deadline=None)
@given(learned=TEXT)
def test_known_fields_read_whole_are_every_field_for_a_journal_ff_wrote(learned: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "journal.json"
        tables = make_tables(20, ideas=3, seed=6)
        next(iter(tables["iterations"].values()))["learned"] = learned
        write_journal(path, tables)
        known, every = bulk.read_whole(path, fields="known"), bulk.read_whole(path)
        assert known is not None and every is not None
        assert known.tables == every.tables


def test_two_records_on_one_line_are_refused_by_every_reading_alike(
    journal: Path, ff: Callable[..., Result]
) -> None:
    """Valid JSON, but not ff's layout of one record a line: every command names the
    line, as reading record by record always has, and the file is left as it was."""
    ref = check_and_log(ff)
    content = journal.read_bytes().replace(b'"},\n"2": {', b'"}, "2": {', 1)
    assert content != journal.read_bytes()
    journal.write_bytes(content)
    with pytest.raises(bulk.Unsure):
        bulk.read_whole(journal)
    for command in (("show", ref, "--json"), ("summary", "--json", "--strict")):
        done = ff(*command)
        assert done.exit_code == 1, command
        assert "damaged" in done.stderr and "(line " in done.stderr, command
        assert journal.read_bytes() == content


def test_a_record_given_twice_is_refused_by_a_summary_naming_both_lines(
    journal: Path, ff: Callable[..., Result]
) -> None:
    check_and_log(ff)
    content = journal.read_bytes().replace(b'\n"2": {', b'\n"1": {', 1)
    journal.write_bytes(content)
    done = ff("summary", "--json", "--strict")
    assert done.exit_code == 1
    assert "appears twice" in done.stderr
    assert journal.read_bytes() == content


def _read(path: Path, read_table: TableReader | None) -> ReadJournal:
    journal = ReadJournal(FileBytes(path, path.read_bytes()), {})
    read_lines(journal, read_table)
    return journal


def _at_once_only(journal: ReadJournal, name: str, position: int) -> int:
    found = table_at_once(journal, name, position)
    assert found is not None, f"table {name!r} was not read at once"
    return found


def _at_once_unless_checked_whole(journal: ReadJournal, name: str, position: int) -> int:
    """Ideas are checked whole as they are read, so never read at once."""
    if name == "ideas":
        return table_by_line(journal, name, position)
    return _at_once_only(journal, name, position)


def test_a_table_ff_wrote_is_read_at_once_as_it_is_read_line_by_line(tmp_path: Path) -> None:
    """What a write command reads of each table at once (records, where each line is,
    the fields read at once) is what reading line by line gives; and a table ff wrote
    is read so."""
    path = tmp_path / "journal.json"
    tables = make_tables(300, ideas=10, seed=9)
    next(iter(tables["iterations"].values()))["learned"] = '"}\n"9": {"quoted", £5, ©'
    write_journal(path, tables)
    by_line = _read(path, table_by_line)
    at_once = _read(path, _at_once_unless_checked_whole)
    assert at_once.tables.keys() == by_line.tables.keys()
    for name, records in by_line.tables.items():
        assert list(at_once.tables[name]) == list(records), name
        for key, record in records.items():
            read = at_once.tables[name][key]
            assert (read.span, bytes(read.line)) == (record.span, bytes(record.line))
            assert read.get("id") == record.get("id") and dict(read) == dict(record)


def test_a_write_copies_the_lines_read_at_once_as_line_by_line_would(tmp_path: Path) -> None:
    """A table holding the records read (one decoded since, one added) is written by
    copying the lines read as one piece: the same bytes as copying them record by
    record, and each record's line encoded again only where it was decoded."""
    path = tmp_path / "journal.json"
    write_journal(path, make_tables(50, ideas=3, seed=2))
    storage = JournalStorage(path, read_only=True)
    iterations = (storage.read() or {})["iterations"]
    assert iterations["7"]["learned"]  # decoded
    iterations["51"] = {**dict(iterations["7"]), "id": "new", "learned": "added"}
    read = storage._journal
    assert read is not None
    at_once = lines._copied_at_once("iterations", iterations, read)
    assert at_once is not None, "not copied at once"
    by_record = lines._record_lines("iterations", iterations, read.raw)
    assert b"".join(at_once) == b"".join(by_record)
    assert sum(1 for piece in at_once if isinstance(piece, memoryview)) == 2  # 1-6, 8-50


def test_one_ideas_records_are_found_alike_as_read_and_once_changed(tmp_path: Path) -> None:
    """Finding an idea's iterations among those read (their idea ids compared at once)
    gives what the index made record by record gives, once the table has changed."""
    path = tmp_path / "journal.json"
    tables = make_tables(300, ideas=7, seed=4)
    write_journal(path, tables)
    ideas = [str(idea["id"]) for idea in tables["ideas"].values()]
    storage = JournalStorage(path, read_only=True)
    as_read = {idea: storage.owned_by("iterations", idea) for idea in ideas}
    assert storage._unchanged("iterations", (storage.read() or {})["iterations"]) is not None
    assert sum(map(len, as_read.values())) == 300
    iterations = (storage.read() or {})["iterations"]
    assert iterations["1"]["learned"] is not None  # decoded: no longer as read
    assert storage._unchanged("iterations", iterations) is None
    assert {idea: storage.owned_by("iterations", idea) for idea in ideas} == as_read


def test_an_analysts_table_is_searched_by_idea_all_the_same(tmp_path: Path) -> None:
    """A table ff does not know, whose records name an idea: found by the index."""
    path = tmp_path / "journal.json"
    tables = make_tables(20, ideas=2, seed=1)
    tables["notes"] = {"1": {"idea_id": "abc", "text": "ask in May"}, "2": {"idea_id": "x"}}
    write_journal(path, tables)
    assert JournalStorage(path, read_only=True).owned_by("notes", "abc") == [1]


# ------------------------------------------------- what the summary reads of each iteration


def _varied(path: Path) -> None:
    """A journal whose iterations hold every field the summary could read, varied:
    decisions, money, hours as decimals, tags, several people, the ideas' own fates."""
    import random

    rng = random.Random(13)
    tables = make_tables(600, ideas=20, seed=13)
    for n, iteration in enumerate(tables["iterations"].values()):
        iteration["decision"] = rng.choice([None, "adapt", "adopt", "abandon"])
        iteration["cost"] = rng.choice([None, 40, 12.5])
        iteration["hours"] = rng.choice([None, 2, 1.5])
        iteration["tags"] = rng.sample(["outdoors", "families", "quick"], n % 3)
        iteration["with"] = rng.sample(["families", "partners", "young-people"], n % 4)
        iteration["hypothesis"] = iteration["measure"] = iteration["criteria"] = "Not read"
    for n, change in enumerate(tables["status_changes"].values()):
        change["status"] = ["prototyping", "adopted", "abandoned", "paused"][n % 4]
    write_journal(path, tables)


FILTERS = [
    {},
    {"tag": ["outdoors"]},  # the iterations' tags are read for it (every field)
    {"since": "2026-03-01", "until": "2026-06-30"},  # only the iterations dated in it
    {"team": ["early"], "status": ["adopted", "abandoned"]},
]


@pytest.mark.parametrize("chosen", FILTERS, ids=lambda f: ",".join(f) or "all")
def test_the_summary_reading_less_of_each_iteration_has_the_same_figures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chosen: dict[str, Any]
) -> None:
    """``ff summary`` reads of each iteration only what its figures and learnings read
    (SUMMARY_READS, and the tags when ``--tag`` looks at them): every figure, every
    learning, as when every field ff knows is read."""
    from ff.cli.report_calls import Wanted, gather, summary_fields

    path = tmp_path / "journal.json"
    _varied(path)
    monkeypatch.setenv("FF_NOW", "2026-11-30T12:00:00Z")
    filters = {
        **dict(status=[], level=[], team=[], owner=[], tag=[], since=None, until=None),
        **chosen,
    }
    sources = {"journal": [path], "idea": [], "strict": False}
    summaries = [
        gather(None, filters, sources, Wanted(fields=fields))[0]["summary"]
        for fields in ("known", summary_fields(filters))
    ]
    # (A report's learnings are each made when read: made here, to be compared.)
    summaries = [{**summary, "learnings": list(summary["learnings"])} for summary in summaries]
    assert summaries[0] == summaries[1]
    assert summaries[0]["iterations"] > 20 and summaries[0]["learnings"]


def test_ff_summary_reads_only_what_it_shows_of_each_iteration(
    journal: Path, ff: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only SUMMARY_READS of each iteration, but every field ff knows with ``--tag``
    (which looks at the iterations' tags): the ideas with the tag, all their tries."""
    from ff.journal.records import SUMMARY_READS

    _varied(journal)
    tries = json.loads(journal.read_text())["iterations"].values()
    tagged = {it["idea_id"] for it in tries if "outdoors" in it["tags"]}
    asked: list[tuple[Any, set[str]]] = []
    reading = bulk.read_whole

    def read_whole(path: Path, **how: Any) -> Any:
        found = reading(path, **how)
        assert found is not None
        iterations = found.tables["iterations"].values()
        asked.append((how, {key for record in iterations for key in record}))
        return found

    monkeypatch.setattr(bulk, "read_whole", read_whole)
    done = ff("summary", "--json")
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["iterations"] == 600
    assert asked == [({"fields": "figures"}, set(SUMMARY_READS))]  # (the journal has each)
    left = {"hypothesis", "test", "measure", "criteria", "observed", "tags", "author"}
    assert not left & set(SUMMARY_READS), "what was tried and observed is not read"
    asked.clear()
    done = ff("summary", "--tag", "outdoors", "--json")
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["iterations"] == sum(it["idea_id"] in tagged for it in tries)
    (how, read), *_ = asked
    assert how == {"fields": "known"} and {"tags", "test", *SUMMARY_READS} <= read


def test_a_field_the_summary_does_not_read_is_checked_by_what_shows_it(
    journal: Path, ff: Callable[..., Result]
) -> None:
    """A field of the wrong type (edited by hand) is named by the reports that show it
    (an export: "damaged", with its line), and not by the summary, which counts every
    iteration all the same; one that the summary reads is named by it too."""
    check_and_log(ff)
    text = journal.read_text()
    journal.write_text(text.replace('"test":"t"', '"test":7', 1))
    summary = ff("summary", "--json")
    assert summary.exit_code == 0 and json.loads(summary.stdout)["iterations"] == 2
    export = ff("export", "-f", "csv")
    assert export.exit_code == 1
    assert "is damaged" in export.output and "test: expected" in export.output
    journal.write_text(text.replace('"learned":"first try"', '"learned":7', 1))
    summary = ff("summary", "--json")
    assert summary.exit_code == 1
    assert "is damaged" in summary.output and "learned: expected" in summary.output
