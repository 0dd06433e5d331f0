"""The journal is a TinyDB database: TinyDB reads what ff writes, ff reads what TinyDB
writes, and other programs writing through ff's storage lose nothing beside ff.

Real files, real TinyDB (its default storage where a test says plain TinyDB), real
processes for writers running at once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tinydb import Query, TinyDB
from tinydb.storages import MemoryStorage

from ff.journal import open_journal
from ff.journal.records import IDEAS, ITERATIONS
from tests.conftest import ALL_CLEAR, answer_options, run_ff, stored_records

CHECK = answer_options(ALL_CLEAR)


def ff_ok(*args: str, journal: Path) -> dict[str, Any] | list[Any] | None:
    done = run_ff(*args, "--journal", str(journal))
    assert done.returncode == 0, (args, done.stderr)
    return json.loads(done.stdout) if "--json" in args else None


def check(journal: Path, title: str) -> str:
    made = ff_ok("check", title, *CHECK, "--json", journal=journal)
    assert isinstance(made, dict)
    return str(made["idea"]["ref"])


def log(journal: Path, ref: str, result: str, learned: str) -> None:
    ff_ok("log", ref, "--test", "t", "--result", result, "--learned", learned, journal=journal)


def test_plain_tinydb_reads_and_queries_what_every_command_wrote(tmp_path: Path) -> None:
    journal = tmp_path / "journal.json"
    other = tmp_path / "other.json"
    first = check(journal, "Saturday drop-in")
    second = check(journal, "Homework club")
    log(journal, first, "failure", "Nobody came at 9")
    log(journal, first, "success", "Ten came at 11")
    log(journal, second, "failure", "Too noisy")
    log(journal, second, "partial", "Quieter room helped")
    ff_ok("status", first, "paused", "--note", "summer", journal=journal)
    ff_ok("edit", f"{second}#2", "--learned", "The library room worked", journal=journal)
    ff_ok("delete", f"{second}#1", "--yes", journal=journal)
    theirs = check(other, "Their idea")
    log(other, theirs, "failure", "Their failure")
    ff_ok("merge", str(other), journal=journal)

    with TinyDB(journal) as db:  # TinyDB's own default storage, reading only
        failures = db.table("iterations").search(Query().result == "failure")
        assert sorted(doc["learned"] for doc in failures) == ["Nobody came at 9", "Their failure"]
        titles = {doc["title"] for doc in db.table("ideas").all()}
        assert titles == {"Saturday drop-in", "Homework club", "Their idea"}
        edited = db.table("iterations").get(Query().learned == "The library room worked")
        assert edited is not None and edited["edited"][0]["by"]
        assert all(isinstance(doc.doc_id, int) for doc in db.table("iterations"))
        paused = db.table("status_changes").search(Query().status == "paused")
        assert [doc["note"] for doc in paused] == ["summer"]
        assert db.table("deleted").count(Query().table == "iterations") == 1
        assert db.table("ff_journal").all() == [{"schema": 2}]


def test_ff_reads_what_plain_tinydb_wrote_and_keeps_it(tmp_path: Path) -> None:
    """An analyst who adds a table with plain TinyDB (while no ff runs) keeps it: ff
    reads the journal, and its next write keeps the analyst's documents."""
    journal = tmp_path / "journal.json"
    ref = check(journal, "Parents Supporting Parents")
    with TinyDB(journal) as db:
        db.table("notes").insert({"about": ref, "text": "Ask the volunteers in May"})
    listed = ff_ok("ideas", "--json", journal=journal)
    assert isinstance(listed, list) and [i["ref"] for i in listed] == [ref]
    log(journal, ref, "success", "Families doubled in six months")
    notes = stored_records(journal)  # and back in ff's layout
    assert list(notes) == ["ideas", "iterations", "notes", "status_changes"]
    with TinyDB(journal) as db:
        assert db.table("notes").all() == [{"about": ref, "text": "Ask the volunteers in May"}]


def test_a_script_writes_through_ffs_storage_with_tinydb_and_ff_reads_it(tmp_path: Path) -> None:
    journal = tmp_path / "journal.json"
    ref = check(journal, "Meeter greeter rota")
    with open_journal(journal) as db:
        idea = db.table(IDEAS).get(Query().ref == ref)
        assert idea is not None
        db.table(IDEAS).update({"tags": ["volunteers"]}, doc_ids=[idea.doc_id])
        db.table("notes").insert({"about": ref})
    shown = ff_ok("show", ref, "--json", journal=journal)
    assert isinstance(shown, dict) and shown["tags"] == ["volunteers"]
    with open_journal(journal, read_only=True) as db:
        assert db.table("notes").all() == [{"about": ref}]


def test_a_script_cannot_write_a_record_ff_could_not_read(tmp_path: Path) -> None:
    """Writing an iteration of the wrong shape through ff's storage is refused, and
    the journal is left as it was, so ff never meets a record it cannot read."""
    from ff.errors import JournalError

    journal = tmp_path / "journal.json"
    check(journal, "Idea")
    before = journal.read_bytes()
    with pytest.raises(JournalError, match="hours"), open_journal(journal) as db:
        db.table(ITERATIONS).insert({"id": "a" * 32, "hours": "lots"})
    assert journal.read_bytes() == before


def test_read_only_opening_takes_no_lock_and_writes_nothing(tmp_path: Path) -> None:
    from ff.errors import JournalError

    journal = tmp_path / "folder" / "journal.json"
    with open_journal(journal, read_only=True) as db:
        assert db.table(IDEAS).all() == []
    assert not journal.parent.exists(), "reading a missing journal creates nothing"
    check(journal, "Idea")
    before = journal.read_bytes()
    reader = open_journal(journal, read_only=True)
    with pytest.raises(JournalError, match="read-only"), reader as db:
        db.table("notes").insert({"x": 1})
    assert journal.read_bytes() == before


# --------------------------------------------------------------------------- at once

SCRIPT_WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from tinydb import Query
    from ff.journal import open_journal

    journal, sync, n, count = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    while not (sync / "go").exists():
        time.sleep(0.002)
    for i in range(count):
        with open_journal(journal) as db:
            db.table("notes").insert({"writer": n, "i": i})
            idea = db.table("ideas").all()[0]
            tags = sorted({*idea.get("tags", []), f"w{n}"})
            db.table("ideas").update({"tags": tags}, doc_ids=[idea.doc_id])
    """
)
LOGGERS, SCRIPTS, EACH = 3, 3, 15


def test_tinydb_writers_through_ffs_storage_and_ff_log_at_once_lose_nothing(
    tmp_path: Path,
) -> None:
    journal = tmp_path / "journal.json"
    sync = tmp_path / "sync"
    sync.mkdir()
    ref = check(journal, "Shared idea")
    env = {**os.environ, "FF_JOURNAL": str(journal)}
    logger = textwrap.dedent(
        """
        import sys, time, subprocess
        from pathlib import Path
        while not Path(sys.argv[1]).exists():
            time.sleep(0.002)
        for i in range(int(sys.argv[3])):
            log = ["log", sys.argv[2], "--test", "t", "--result", "success"]
            done = subprocess.run(
                [sys.executable, "-m", "ff", *log, "--learned", f"{sys.argv[4]}-{i}"],
                capture_output=True, text=True,
            )
            assert done.returncode == 0, done.stderr
        """
    )
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", SCRIPT_WRITER, str(journal), str(sync), str(n), str(EACH)],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(SCRIPTS)
    ]
    processes += [
        subprocess.Popen(
            [sys.executable, "-c", logger, str(sync / "go"), ref, str(EACH), f"logger{n}"],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(LOGGERS)
    ]
    time.sleep(0.2)
    (sync / "go").touch()
    try:
        for process in processes:
            _, stderr = process.communicate(timeout=240)
            assert process.returncode == 0, stderr
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
    stored = stored_records(journal)
    assert len(stored["notes"]) == SCRIPTS * EACH
    assert sorted((n["writer"], n["i"]) for n in stored["notes"].values()) == sorted(
        (str(w), i) for w in range(SCRIPTS) for i in range(EACH)
    )
    shown = ff_ok("show", ref, "--json", journal=journal)
    assert isinstance(shown, dict)
    assert [it["number"] for it in shown["iterations"]] == list(range(1, LOGGERS * EACH + 1))
    assert sorted(it["learned"] for it in shown["iterations"]) == sorted(
        f"logger{n}-{i}" for n in range(LOGGERS) for i in range(EACH)
    )
    assert shown["tags"] == [f"w{n}" for n in range(SCRIPTS)], "no update was lost"


# --------------------------------------------------------------------------- the same as TinyDB

OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("insert"), st.integers(0, 5)),
        st.tuples(st.just("insert_multiple"), st.lists(st.integers(0, 5), max_size=3)),
        st.tuples(st.just("update"), st.integers(0, 5)),
        st.tuples(st.just("remove"), st.integers(0, 5)),
        # Each id once: TinyDB's own table fails on an id given twice (KeyError).
        st.tuples(st.just("remove_ids"), st.lists(st.integers(1, 8), max_size=3, unique=True)),
        st.tuples(st.just("upsert"), st.integers(0, 5)),
        st.tuples(st.just("truncate"), st.none()),
    ),
    max_size=20,
)


def _apply(db: Any, operations: list[tuple[str, Any]]) -> list[tuple[int, dict[str, Any]]]:
    table = db.table("notes")
    for name, value in operations:
        if name == "insert":
            table.insert({"n": value})
        elif name == "insert_multiple":
            table.insert_multiple([{"n": v} for v in value])
        elif name == "update":
            table.update({"seen": True}, Query().n == value)
        elif name == "remove":
            table.remove(Query().n == value)
        elif name == "remove_ids":
            table.remove(doc_ids=value)
        elif name == "upsert":
            table.upsert({"n": value, "up": True}, Query().n == value)
        else:
            table.truncate()
    return [(doc.doc_id, dict(doc)) for doc in table.all()]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(operations=OPERATIONS)
def test_tinydb_operations_on_a_journal_give_what_tinydb_gives(
    operations: list[tuple[str, Any]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """ff's table changes records where they are, rather than copying the table twice
    for each change as TinyDB's does: every TinyDB operation gives the same documents,
    with the same ids, as TinyDB's own table in memory."""
    expected = _apply(TinyDB(storage=MemoryStorage), operations)
    journal = tmp_path_factory.mktemp("same") / "journal.json"
    with open_journal(journal) as db:
        assert _apply(db, operations) == expected
    with open_journal(journal, read_only=True) as db:
        assert [(doc.doc_id, dict(doc)) for doc in db.table("notes").all()] == expected
