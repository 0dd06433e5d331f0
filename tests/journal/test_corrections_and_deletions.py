"""Corrections and deletions as they travel between copies of a journal, and a journal
cut short, called as plain Python on real journal files:

* an idea corrected (``ff edit REF``) keeps its conflict notes out of its own record;
* corrections of an idea made on two computers are all kept by the three-way merge,
  as an iteration's are, without a conflict;
* a deletion brought by ``ff merge`` keeps the time it was made in the other journal;
* a journal cut short where a record should start is refused as damaged, unchanged.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from ff.cards.engine import decide
from ff.cards.loading import find_card
from ff.check.record import decision_record
from ff.errors import JournalError
from ff.journal.copies import read_copy
from ff.journal.corrections import correct_idea
from ff.journal.ideas import NewIdea, record_check
from ff.journal.iterations import delete_idea, log
from ff.journal.merge import merge
from ff.journal.reading import all_ideas, find_idea
from ff.journal.threeway import ThreeWayReport, merge_files
from tests.conftest import ALL_CLEAR, stored_records

FIELDS = {"test": "Drop-in at 11", "result": "partial", "learned": "Later suits families"}


def checked(path: Path, title: str) -> dict[str, Any]:
    decision = decision_record(decide(find_card(None), ALL_CLEAR))
    idea, _ = record_check(path, NewIdea(title, "Sam", "Early years", ()), decision)
    return dict(idea)


def at(monkeypatch: pytest.MonkeyPatch, moment: str) -> None:
    monkeypatch.setenv("FF_NOW", moment)


def corrected_on_both_sides(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    ours: dict[str, Any],
    theirs: dict[str, Any],
) -> tuple[Path, dict[str, Any], ThreeWayReport]:
    """One idea, copied to two computers, corrected on each, merged as git merges them
    (into ours); ours' path, the idea as checked, and the merge's report."""
    at(monkeypatch, "2026-03-01T09:00:00Z")
    ancestor = tmp_path / "ancestor.json"
    idea = checked(ancestor, "Saturday drop-in")
    mine, other = tmp_path / "ours.json", tmp_path / "theirs.json"
    shutil.copyfile(ancestor, mine)
    shutil.copyfile(ancestor, other)
    at(monkeypatch, "2026-03-02T09:00:00Z")
    correct_idea(mine, idea["ref"], ours, "Jo")
    at(monkeypatch, "2026-03-03T09:00:00Z")
    correct_idea(other, idea["ref"], theirs, "Al")
    report = merge_files(
        read_copy(ancestor, check=False),
        read_copy(mine, check=True),
        read_copy(other, check=True),
        mine,
    )
    return mine, idea, report


# --------------------------------------------------------------------------- corrections


def test_correcting_an_idea_with_a_conflict_note_keeps_the_note_out_of_its_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal, idea, report = corrected_on_both_sides(
        tmp_path, monkeypatch, {"title": "Drop-in at 11"}, {"title": "Drop-in at noon"}
    )
    assert [c["fields"] for c in report.conflicts] == [["title"]]
    assert find_idea(journal, idea["ref"])["conflicts"], "the idea shows its conflict"
    at(monkeypatch, "2026-03-04T09:00:00Z")
    correct_idea(journal, idea["ref"], {"owner": "Jo Evans"}, "Jo")
    stored = stored_records(journal)
    assert "conflicts" not in stored["ideas"][idea["id"]]
    assert stored["ideas"][idea["id"]]["owner"] == "Jo Evans"
    assert len(stored["conflicts"]) == 1, "the note stays where notes are kept"
    assert len(find_idea(journal, idea["ref"])["conflicts"]) == 1


def test_corrections_of_one_idea_on_two_computers_are_all_kept_without_a_conflict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal, idea, report = corrected_on_both_sides(
        tmp_path, monkeypatch, {"owner": "Jo Evans"}, {"title": "Drop-in at 11"}
    )
    assert report.conflicts == []
    stored = stored_records(journal)
    assert stored.get("conflicts", {}) == {}
    merged = stored["ideas"][idea["id"]]
    assert (merged["owner"], merged["title"]) == ("Jo Evans", "Drop-in at 11")
    assert [(c["field"], c["by"]) for c in merged["corrections"]] == [
        ("owner", "Jo"),
        ("title", "Al"),
    ]


# --------------------------------------------------------------------------- deletions


def test_a_deletion_brought_by_ff_merge_keeps_the_time_it_was_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ours, theirs = tmp_path / "ours.json", tmp_path / "theirs.json"
    at(monkeypatch, "2025-12-01T09:00:00Z")
    idea = checked(ours, "Gone in theirs")
    log(ours, idea["ref"], FIELDS, "Sam", force=False)
    shutil.copyfile(ours, theirs)
    at(monkeypatch, "2026-01-01T10:00:00Z")
    deleted = delete_idea(theirs, idea["ref"])
    at(monkeypatch, "2026-05-05T12:00:00Z")
    report = merge(ours, [theirs])
    assert report.deleted == 1 + len(deleted["iterations"]) + len(deleted["status_history"])
    assert all_ideas(ours) == []
    tombstones = stored_records(ours)["deleted"]
    assert tombstones == stored_records(theirs)["deleted"]
    assert {t["at"] for t in tombstones.values()} == {"2026-01-01T10:00:00Z"}
    assert tombstones[idea["id"]]["table"] == "ideas"


# --------------------------------------------------------------------------- cut short


def _cuts(raw: bytes) -> list[bytes]:
    """The journal cut where a record line should start: after a table's heading,
    after a record line with its comma, after the table's last record line."""
    heading = raw.index(b'"iterations": {\n') + len(b'"iterations": {\n')
    first_line = raw.index(b"\n", heading) + 1
    closing = raw.index(b"\n}", heading) + 1
    return [raw[:heading], raw[:first_line], raw[:closing]]


@pytest.mark.parametrize("cut", range(3), ids=["heading", "a-record", "the-last-record"])
def test_a_journal_cut_short_is_refused_as_damaged_and_left_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cut: int
) -> None:
    journal = tmp_path / "journal.json"
    at(monkeypatch, "2026-03-01T09:00:00Z")
    idea = checked(journal, "Saturday drop-in")
    for learned in ("one", "two"):
        log(journal, idea["ref"], {**FIELDS, "learned": learned}, "Sam", force=False)
    cut_short = _cuts(journal.read_bytes())[cut]
    journal.write_bytes(cut_short)
    with pytest.raises(JournalError, match="is damaged"):
        all_ideas(journal)
    with pytest.raises(JournalError, match="is damaged"):
        log(journal, idea["ref"], FIELDS, "Sam", force=False)
    assert journal.read_bytes() == cut_short
