"""The journal as a library: checked ideas, iterations, status, corrections, deletions
and merges, called as plain Python on a real journal file (the CLI tests keep the
wording and exit codes)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ff.cards.engine import decide
from ff.cards.loading import find_card
from ff.check.record import decision_record
from ff.errors import UsageError
from ff.journal.ideas import NewIdea, record_check
from ff.journal.iterations import NeedsApproval, NotAllowed, delete_idea, edit, log
from ff.journal.lifecycle import change_status
from ff.journal.merge import merge
from ff.journal.reading import all_ideas, find_idea
from tests.conftest import ALL_CLEAR, stored_records

FIELDS = {"test": "Drop-in at 11", "result": "partial", "learned": "Later suits families"}


@pytest.fixture
def fresh_journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A journal path with no file yet, and a fixed clock."""
    monkeypatch.setenv("FF_NOW", "2026-11-25T09:30:00Z")
    yield tmp_path / "journal.json"


def checked(path: Path, title: str, **answers: str) -> dict[str, Any]:
    decision = decision_record(decide(find_card(None), {**ALL_CLEAR, **answers}))
    idea, _ = record_check(path, NewIdea(title, "Sam", "Early years", ("play",)), decision)
    return dict(idea)


def test_a_checked_idea_is_recorded_with_its_decision_and_status(fresh_journal: Path) -> None:
    idea = checked(fresh_journal, "Saturday drop-in")
    assert (idea["level"], idea["status"], idea["team"], idea["tags"]) == (
        "go",
        "checked",
        "Early years",
        ["play"],
    )
    assert idea["id"].startswith(idea["ref"]) and len(idea["ref"]) == 6
    assert [a["question"] for a in idea["answers"]][:2] == ["legal", "values"]
    stored = find_idea(fresh_journal, idea["ref"])
    assert stored["title"] == "Saturday drop-in"
    assert [c["status"] for c in stored["status_history"]] == ["checked"]


def test_logging_numbers_iterations_and_moves_the_idea_on(fresh_journal: Path) -> None:
    ref = checked(fresh_journal, "Saturday drop-in")["ref"]
    first = log(fresh_journal, ref, FIELDS, "Sam", force=False)
    second = log(fresh_journal, ref, {**FIELDS, "decision": "adopt"}, "Jo", force=False)
    assert (first.iteration["number"], second.iteration["number"]) == (1, 2)
    assert first.moved_to == "prototyping" and second.moved_to is None
    assert second.suggested == "adopted"
    idea = find_idea(fresh_journal, ref)
    assert [it["author"] for it in idea["iterations"]] == ["Sam", "Jo"]
    assert idea["status"] == "prototyping"


def test_an_idea_needing_approval_is_logged_only_once_approved_or_forced(
    fresh_journal: Path,
) -> None:
    ref = checked(fresh_journal, "Share data", personal_data="yes")["ref"]
    with pytest.raises(NeedsApproval):
        log(fresh_journal, ref, FIELDS, "Sam", force=False)
    forced = log(fresh_journal, ref, FIELDS, "Sam", force=True)
    assert forced.iteration["logged_without_approval"] is True
    change_status(fresh_journal, ref, "approved", by="Jo Evans", note=None, recorded_by="Sam")
    later = log(fresh_journal, ref, FIELDS, "Sam", force=False)
    assert "logged_without_approval" not in later.iteration


def test_a_stop_idea_takes_no_iteration_and_only_some_statuses(fresh_journal: Path) -> None:
    ref = checked(fresh_journal, "Unlawful", legal="no")["ref"]
    with pytest.raises(NotAllowed):
        log(fresh_journal, ref, FIELDS, "Sam", force=True)
    with pytest.raises(NotAllowed):
        change_status(fresh_journal, ref, "adopted", by=None, note=None, recorded_by="Sam")
    change_status(fresh_journal, ref, "abandoned", by=None, note="as checked", recorded_by="Sam")
    assert find_idea(fresh_journal, ref)["status"] == "abandoned"


def test_an_edit_replaces_the_fields_given_and_notes_the_correction(fresh_journal: Path) -> None:
    ref = checked(fresh_journal, "Saturday drop-in")["ref"]
    log(fresh_journal, ref, {**FIELDS, "observed": "Six families"}, "Sam", force=False)
    updated = edit(fresh_journal, ref, 1, {"learned": "Eleven is better", "observed": None}, "Jo")
    assert updated["learned"] == "Eleven is better" and "observed" not in updated
    assert updated["edited"][0]["by"] == "Jo"
    unchanged = edit(fresh_journal, ref, 1, {"learned": "Eleven is better"}, "Jo")
    assert len(unchanged["edited"]) == 1, "an edit that changes nothing is not noted"


def test_deleting_an_idea_leaves_only_the_ids_of_what_it_held(fresh_journal: Path) -> None:
    keep = checked(fresh_journal, "Keep")["ref"]
    gone = checked(fresh_journal, "Gone")
    log(fresh_journal, gone["ref"], FIELDS, "Sam", force=False)
    deleted = delete_idea(fresh_journal, gone["ref"])
    assert [i["ref"] for i in all_ideas(fresh_journal)] == [keep]
    stored = stored_records(fresh_journal)
    removed = {gone["id"], *(r["id"] for r in deleted["iterations"])}
    removed |= {r["id"] for r in deleted["status_history"]}
    assert removed == set(stored["deleted"])
    assert "Gone" not in fresh_journal.read_text(encoding="utf-8")


def test_merge_adds_what_is_new_renumbers_clashes_and_keeps_deletions(tmp_path: Path) -> None:
    ours, theirs = tmp_path / "ours.json", tmp_path / "theirs.json"
    shared = checked(ours, "Shared")
    log(ours, shared["ref"], FIELDS, "Sam", force=False)
    theirs.write_bytes(ours.read_bytes())  # a copy that then goes its own way
    log(ours, shared["ref"], {**FIELDS, "learned": "ours"}, "Sam", force=False)
    log(theirs, shared["ref"], {**FIELDS, "learned": "theirs"}, "Jo", force=False)
    only_theirs = checked(theirs, "Theirs only")
    delete_idea(theirs, only_theirs["ref"])
    report = merge(ours, [theirs])
    assert report.added == {"ideas": 0, "status_changes": 0, "iterations": 1}
    assert [(r["from"], r["to"]) for r in report.renumbered] == [(2, 3)]
    assert report.conflicts == []
    learned = [it["learned"] for it in find_idea(ours, shared["ref"])["iterations"]]
    assert learned == [FIELDS["learned"], "ours", "theirs"]
    assert only_theirs["id"] in stored_records(ours)["deleted"], "the deletion travels"
    again = merge(ours, [theirs])
    assert again.added == {"ideas": 0, "status_changes": 0, "iterations": 0}


def test_a_reference_must_name_one_idea(fresh_journal: Path) -> None:
    checked(fresh_journal, "One")
    with pytest.raises(UsageError, match="has the reference 'zzz'"):
        find_idea(fresh_journal, "zzz")
    with pytest.raises(UsageError, match="No idea reference given"):
        find_idea(fresh_journal, "  ")


REREAD = """
import sys, tracemalloc
from pathlib import Path
from ff.journal.reading import all_ideas, find_idea
path = Path(sys.argv[1])
ref = all_ideas(path)[0]["ref"]
tracemalloc.start()
find_idea(path, ref)
first = tracemalloc.get_traced_memory()[0]
for _ in range(5):
    find_idea(path, ref)
print(first, tracemalloc.get_traced_memory()[0])
"""


def test_a_script_reading_the_journal_again_and_again_does_not_grow(tmp_path: Path) -> None:
    """A notebook reads the journal many times: each read is freed when dropped (a read
    kept alive by a reference cycle would never be, the collector having frozen it)."""
    import subprocess
    import sys

    from tests.benchmarks.bench import make_tables, write_journal

    path = tmp_path / "journal.json"
    write_journal(path, make_tables(3000, ideas=100, seed=1))
    done = subprocess.run(
        [sys.executable, "-c", REREAD, str(path)], capture_output=True, text=True, check=True
    )
    first, last = map(int, done.stdout.split())
    held = path.stat().st_size  # a read held on to holds about as much as the file, or more
    assert last - first < held / 10, f"memory held after one read {first}, after six {last}"
