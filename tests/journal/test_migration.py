"""Journals from before ff kept TinyDB ids (schema 1: records keyed by their own ids)
keep working: read as they are, and rewritten as TinyDB databases on the first write,
atomically, with every record, deletion and iteration number kept."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from tinydb import Query, TinyDB

from tests.benchmarks.bench import make_tables
from tests.conftest import run_ff, stored_records

DATA = Path(__file__).resolve().parent.parent / "data" / "journals"
TABLES = ("ideas", "iterations", "status_changes", "deleted")


def schema_1(tables: dict[str, dict[str, Any]]) -> bytes:
    """A journal as ff wrote it before: schema 1, one record per line keyed by its id."""
    parts = [b'{"ff_journal": {"schema": 1}']
    for name in sorted(tables):
        lines = [
            f"{json.dumps(key)}: {json.dumps(record, ensure_ascii=False, sort_keys=True)}"
            for key, record in tables[name].items()
        ]
        body = ("\n" + ",\n".join(lines) + "\n}") if lines else "}"
        parts.append(f',\n"{name}": {{{body}'.encode())
    return b"".join(parts) + b"}\n"


def old_records(path: Path) -> dict[str, dict[str, Any]]:
    data = json.loads(path.read_bytes().decode("utf-8"))
    assert data.pop("ff_journal") == {"schema": 1}
    return data


def migrate_by_a_write(journal: Path) -> tuple[str, dict[str, Any]]:
    """Log one iteration to the journal's first idea (the first write); its ref and
    the iteration."""
    listed = run_ff("ideas", "--json", "--journal", str(journal))
    assert listed.returncode == 0, listed.stderr
    ref = json.loads(listed.stdout)[0]["ref"]
    done = run_ff(
        "log", ref, "--test", "t", "--result", "success", "--learned", "after the upgrade",
        "--journal", str(journal), "--json", "--force",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return ref, json.loads(done.stdout)


@pytest.mark.parametrize("name", ["schema-1-early-years", "schema-1-family-support"])
def test_the_examples_journals_of_schema_1_are_read_and_then_upgraded(
    name: str, tmp_path: Path
) -> None:
    journal = tmp_path / "journal.json"
    shutil.copy(DATA / f"{name}.json", journal)
    before = old_records(journal)
    original = journal.read_bytes()
    shown = run_ff("summary", "--json", "--journal", str(journal))
    assert shown.returncode == 0, shown.stderr
    assert journal.read_bytes() == original, "reading does not rewrite the journal"

    _, logged = migrate_by_a_write(journal)
    after = stored_records(journal)  # schema 2, TinyDB ids
    added = after["iterations"].pop(logged["id"])
    after["status_changes"] = {
        key: change
        for key, change in after["status_changes"].items()
        if key in before.get("status_changes", {})
    }
    assert {name: after.get(name, {}) for name in before} == before, "every record kept"
    assert added["number"] == 1 + max(
        it["number"] for it in before["iterations"].values() if it["idea_id"] == added["idea_id"]
    )
    with TinyDB(journal) as db:
        assert len(db.table("iterations")) == len(before["iterations"]) + 1
        assert db.table("ff_journal").all() == [{"schema": 2}]


def test_a_large_journal_of_schema_1_keeps_every_record_deletion_and_number(
    tmp_path: Path,
) -> None:
    tables = make_tables(10_000, ideas=300, seed=11)
    gone = next(iter(tables["iterations"]))
    tables["deleted"] = {gone: {"id": gone, "table": "iterations", "at": "2026-01-01T00:00:00Z"}}
    del tables["iterations"][gone]
    journal = tmp_path / "journal.json"
    journal.write_bytes(schema_1(tables))
    _, logged = migrate_by_a_write(journal)
    after = stored_records(journal)
    after["iterations"].pop(logged["id"])
    after["status_changes"] = {
        key: change for key, change in after["status_changes"].items()
        if key in tables["status_changes"]
    }  # fmt: skip
    for name in TABLES:
        assert after.get(name, {}) == tables.get(name, {}), name
    numbers = [(it["idea_id"], it["number"]) for it in after["iterations"].values()]
    assert numbers == [(it["idea_id"], it["number"]) for it in tables["iterations"].values()]
    merged = run_ff("merge", str(DATA / "schema-1-early-years.json"), "--journal", str(journal))
    assert merged.returncode == 0, merged.stderr
    with TinyDB(journal) as db:
        assert db.table("deleted").search(Query().id == gone)


def test_a_journal_of_schema_1_that_is_damaged_is_refused_unchanged(tmp_path: Path) -> None:
    journal = tmp_path / "journal.json"
    content = (DATA / "schema-1-early-years.json").read_bytes().replace(b'"title": ', b'"title" ')
    journal.write_bytes(content)
    done = run_ff("log", "f261d5", "--test", "t", "--result", "success", "--learned", "l",
                  "--journal", str(journal))  # fmt: skip
    assert done.returncode == 1
    assert "damaged" in done.stderr
    assert journal.read_bytes() == content
