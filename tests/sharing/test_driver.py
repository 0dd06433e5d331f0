"""ff as git's merge driver: run as git runs it (a real process, with %O %A %B %P),
called by git itself, and behind ff sync. It merges by record and writes a whole
journal, or refuses a side it cannot read and changes nothing."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from tinydb import TinyDB

from tests.conftest import run_ff, stored_records
from tests.sharing.conftest import Laptop, git, head

pytestmark = pytest.mark.slow


def three_copies(tmp_path: Path) -> tuple[Laptop, Laptop, Laptop, str]:
    """An ancestor journal and two copies that each logged an iteration of its idea."""
    ancestor = Laptop(tmp_path / "o")
    ancestor.root.mkdir()
    ref = ancestor.check("Homework club")["ref"]
    ancestor.log(ref, "First try")
    ours, theirs = Laptop(tmp_path / "a"), Laptop(tmp_path / "b")
    for copy in (ours, theirs):
        copy.root.mkdir()
        shutil.copyfile(ancestor.journal, copy.journal)
    ours.log(ref, "Ours: Year 7s came")
    theirs.log(ref, "Theirs: parents came")
    return ancestor, ours, theirs, ref


def drive(
    ancestor: Path, ours: Path, theirs: Path, name: str = "team.json"
) -> subprocess.CompletedProcess[str]:
    return run_ff("share", "merge-driver", str(ancestor), str(ours), str(theirs), name)


def test_the_driver_merges_by_record_and_says_what_came_in(tmp_path: Path) -> None:
    ancestor, ours, theirs, ref = three_copies(tmp_path)
    done = drive(ancestor.journal, ours.journal, theirs.journal)
    assert done.returncode == 0, done.stderr
    said = " ".join(done.stderr.split())
    assert "ff merged team.json: from the other side, 1 iteration." in said
    assert f"Iteration 2 of {ref} became {ref}#3 (the number was taken)." in said
    learned = [it["learned"] for it in ours.show(ref)["iterations"]]
    assert learned == ["First try", "Ours: Year 7s came", "Theirs: parents came"]
    assert theirs.journal.read_bytes() != ours.journal.read_bytes()
    with TinyDB(ours.journal) as db:
        assert len(db.table("iterations")) == 3


def test_a_journal_added_on_both_sides_merges_with_an_empty_ancestor(tmp_path: Path) -> None:
    _, ours, theirs, _ = three_copies(tmp_path)
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    done = drive(empty, ours.journal, theirs.journal)
    assert done.returncode == 0, done.stderr
    assert len(stored_records(ours.journal)["iterations"]) == 3


def test_a_damaged_ancestor_is_left_out_and_nothing_is_lost(tmp_path: Path) -> None:
    ancestor, ours, theirs, _ = three_copies(tmp_path)
    ancestor.journal.write_text('{"ff_journal": {"1": {"schema": 2}}, "ideas": {', "utf-8")
    done = drive(ancestor.journal, ours.journal, theirs.journal)
    assert done.returncode == 0, done.stderr
    assert "The common ancestor was left out" in done.stderr
    assert "team.json (the common ancestor)" in done.stderr
    assert len(stored_records(ours.journal)["iterations"]) == 3


@pytest.mark.parametrize(
    ("side", "words"),
    [("theirs", "the version being merged in"), ("ours", "your version")],
)
@pytest.mark.parametrize(
    ("damage", "fault"),
    [
        ("title", "title: expected text, got a whole number"),
        ("cut", "is damaged"),
        ("other", "is not an ff journal"),
    ],
)
def test_a_damaged_side_is_refused_and_neither_is_changed(
    tmp_path: Path, side: str, words: str, damage: str, fault: str
) -> None:
    ancestor, ours, theirs, _ = three_copies(tmp_path)
    broken = theirs if side == "theirs" else ours
    text = broken.journal.read_text(encoding="utf-8")
    if damage == "title":
        text = text.replace('"title":"Homework club"', '"title":7')
    elif damage == "cut":
        text = text[: len(text) // 2]
    else:
        text = json.dumps({"name": "package", "version": "1.0"})
    broken.journal.write_text(text, encoding="utf-8")
    before = ours.journal.read_bytes(), theirs.journal.read_bytes()
    done = drive(ancestor.journal, ours.journal, theirs.journal)
    assert done.returncode == 1, done.stderr
    said = " ".join(done.stderr.split())
    assert f"Error: ff cannot merge team.json: {words} is not a journal ff can read" in said
    assert fault in said and f"team.json ({words})" in said
    assert "git show :3:team.json" in said
    assert (ours.journal.read_bytes(), theirs.journal.read_bytes()) == before
    assert [p.name for p in tmp_path.rglob("*.tmp")] == []


def diverged_with_damage(
    laptops: Callable[[int], list[Laptop]], *, both: bool
) -> tuple[Laptop, Laptop, str]:
    """Two laptops; the second pushes a damaged journal; the first (if ``both``) has
    committed a change of its own."""
    one, two = laptops(2)
    (idea,) = json.loads(one.ff("ideas", "--json").stdout)
    damaged = two.journal.read_text(encoding="utf-8").replace(
        '"title":"Homework club in the library"', '"title":["broken"]'
    )
    two.journal.write_text(damaged, encoding="utf-8")
    git(two.root, "commit", "--quiet", "-am", "a journal edited by hand")
    git(two.root, "push", "--quiet")
    if both:
        one.log(idea["ref"], "Logged on a home visit")
        git(one.root, "commit", "--quiet", "-am", "ff: 1 iteration")
    return one, two, damaged


def test_git_itself_reports_a_conflict_and_keeps_both_versions(
    laptops: Callable[[int], list[Laptop]],
) -> None:
    one, _, damaged = diverged_with_damage(laptops, both=True)
    ours = one.journal.read_bytes()
    pulled = git(one.root, "pull", "--no-rebase", "--no-edit", check=False)
    assert pulled.returncode != 0
    output = pulled.stdout + pulled.stderr
    assert "ff cannot merge team.json: the version being merged in" in output
    assert "CONFLICT" in output
    assert one.journal.read_bytes() == ours, "yours is left in the file as it was"
    assert git(one.root, "show", ":2:team.json").stdout.encode() == ours
    assert git(one.root, "show", ":3:team.json").stdout == damaged, "theirs is kept by git"
    assert "UU team.json" in git(one.root, "status", "--porcelain").stdout


def test_ff_sync_goes_back_to_before_the_merge_when_the_incoming_journal_is_damaged(
    laptops: Callable[[int], list[Laptop]],
) -> None:
    one, _, _ = diverged_with_damage(laptops, both=True)
    ours, commit = one.journal.read_bytes(), head(one.root)
    result = one.sync(ok=False)
    assert result.exit_code == 1
    said = " ".join(result.stderr.split())
    assert "Not shared yet:" in said and "coming in from origin/main is damaged" in said
    assert "title: expected text, got a list" in said
    assert one.journal.read_bytes() == ours and head(one.root) == commit
    assert not (one.root / ".git" / "MERGE_HEAD").exists(), "never left mid-merge"
    assert git(one.root, "status", "--porcelain", "--untracked-files=no").stdout == ""


def test_ff_sync_will_not_take_a_damaged_journal_even_when_only_the_other_side_changed(
    laptops: Callable[[int], list[Laptop]],
) -> None:
    one, _, _ = diverged_with_damage(laptops, both=False)
    ours, commit = one.journal.read_bytes(), head(one.root)
    result = one.sync(ok=False)
    assert result.exit_code == 1
    assert "coming in from origin/main is damaged" in " ".join(result.stderr.split())
    assert one.journal.read_bytes() == ours and head(one.root) == commit


def test_the_driver_needs_no_card_reader(tmp_path: Path) -> None:
    """git runs the driver for every journal it merges: it loads no YAML."""
    from tests.test_imports import modules_imported_by, top_level

    _, ours, theirs, _ = three_copies(tmp_path)
    loaded = top_level(
        modules_imported_by("share", "merge-driver", str(ours.journal), str(ours.journal),
                            str(theirs.journal), "team.json")
    )  # fmt: skip
    assert "msgspec" in loaded and "yaml" not in loaded


def test_without_an_ancestor_a_deletion_still_wins(tmp_path: Path) -> None:
    """With no common ancestor to tell "deleted here" from "added there" (a journal
    added on both sides, or an ancestor ff cannot read), the ids ff keeps of deleted
    records still keep them deleted."""
    _, ours, theirs, ref = three_copies(tmp_path)
    ours.ff("delete", f"{ref}#1", "--yes")
    theirs.ff("edit", f"{ref}#1", "--learned", "First try, names a child")
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    for first, second in ((ours, theirs), (theirs, ours)):
        result = tmp_path / "result.json"
        shutil.copyfile(first.journal, result)
        done = drive(empty, result, second.journal)
        assert done.returncode == 0, done.stderr
        text = result.read_text(encoding="utf-8")
        assert "First try" not in text and "names a child" not in text
        assert len(stored_records(result)["iterations"]) == 2
