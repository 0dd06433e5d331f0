"""ff sync between laptops through a shared git repository: every laptop ends with the
same journal, the union of what each did, with deletions kept and iteration numbers
unique; a conflict is kept where people see it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tinydb import TinyDB

from tests.sharing.conftest import Laptop, git, head

pytestmark = pytest.mark.slow


def numbers_by_idea(records: dict[str, dict[str, Any]]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for iteration in records["iterations"].values():
        found.setdefault(iteration["idea_id"], []).append(iteration["number"])
    return found


def learned_differently(one: Laptop, two: Laptop, first: str, second: str) -> str:
    """Both laptops hold iteration 1 of the one idea, then each edits what was learned
    in it differently, offline; ``one`` syncs its edit first. The idea's ref."""
    (idea,) = json.loads(one.ff("ideas", "--json").stdout)
    one.log(idea["ref"], "First try")
    one.sync()
    two.sync()
    one.ff("edit", f"{idea['ref']}#1", "--learned", first)
    two.ff("edit", f"{idea['ref']}#1", "--learned", second)
    one.sync()
    return str(idea["ref"])


def test_three_laptops_offline_then_syncing_in_turn_twice_hold_exactly_the_union(
    three: list[Laptop],
) -> None:
    one, two, three_ = three
    home = one.ff("ideas", "--json")
    (homework,) = json.loads(home.stdout)
    park = one.check("Stay and play in the park")
    quiet = one.check("Quiet room for teenagers")
    park_first = one.log(park["ref"], "Parents stayed when it was dry")
    park_second = one.log(park["ref"], "Mentions a child by name: delete me")
    one.log(quiet["ref"], "Teenagers asked for it back")
    one.sync()
    two.sync()
    three_.sync()

    # Offline, each laptop works on the same ideas.
    logged = [
        one.log(homework["ref"], "Year 7s came twice"),
        one.log(homework["ref"], "Library staff joined in"),
    ]
    one.ff("edit", f"{park['ref']}#1", "--learned", "Parents stayed when it was dry, not wet")
    one.ff("status", quiet["ref"], "paused", "--note", "waiting for a room")
    one.ff("delete", f"{park['ref']}#2", "--yes")

    logged.append(two.log(homework["ref"], "Parents asked about Saturdays"))
    logged.append(two.log(park["ref"], "Grandparents came too"))
    rota = two.check("Volunteer rota by text")
    logged.append(two.log(rota["ref"], "Texts on Sunday got replies"))
    two.ff("delete", quiet["ref"], "--yes")

    on_deleted_idea = three_.log(quiet["ref"], "The quiet room worked on Tuesdays")
    logged.append(three_.log(homework["ref"], "A maths tutor offered help"))
    three_.ff("edit", f"{park['ref']}#1", "--observed", "Twelve families")
    walk = three_.check("Walk and talk for dads")
    logged.append(three_.log(walk["ref"], "Dads talk side by side"))

    for laptop in (one, two, three_, one, two, three_):
        laptop.sync()

    journals = [laptop.records() for laptop in three]
    assert journals[0] == journals[1] == journals[2], "every laptop holds the same journal"
    held = journals[0]
    assert {idea["title"] for idea in held["ideas"].values()} == {
        "Homework club in the library",
        "Stay and play in the park",
        "Volunteer rota by text",
        "Walk and talk for dads",
    }
    kept = {park_first["id"], *(it["id"] for it in logged)}
    assert set(held["iterations"]) == kept, "no iteration lost, none duplicated or revived"
    for idea_id, numbers in numbers_by_idea(held).items():
        assert len(numbers) == len(set(numbers)), f"numbers unique on {idea_id}: {numbers}"
    assert len(numbers_by_idea(held)[homework["id"]]) == 4
    corrected = held["iterations"][park_first["id"]]
    assert corrected["learned"] == "Parents stayed when it was dry, not wet"
    assert corrected["observed"] == "Twelve families", "edits of different fields both kept"
    assert {quiet["id"], park_second["id"], on_deleted_idea["id"]} <= set(held["deleted"])
    assert held["conflicts"] == {}
    for laptop in three:
        text = laptop.journal.read_text(encoding="utf-8")
        for gone in ("delete me", "Quiet room for teenagers", "quiet room worked on Tuesdays"):
            assert gone not in text, "deleted text stays deleted on every laptop"
        assert len(laptop.ff("ideas", "--json").stdout) > 0
        assert len(json.loads(laptop.ff("ideas", "--json").stdout)) == 4
        with TinyDB(laptop.journal) as db:  # plain TinyDB reads it too
            assert len(db.table("iterations")) == len(kept)
            assert len(db.table("ideas")) == 4
        assert git(laptop.root, "status", "--porcelain", "--untracked-files=no").stdout == ""
        assert head(laptop.root) == head(three[0].root)


def test_the_commit_message_says_what_changed_and_the_report_what_came_in(
    laptops: Callable[[int], list[Laptop]],
) -> None:
    one, two = laptops(2)
    (idea,) = json.loads(one.ff("ideas", "--json").stdout)
    one.log(idea["ref"], "Year 7s came twice")
    one.log(idea["ref"], "Library staff joined in")
    synced = one.sync()
    assert "Committed your journal: ff: 2 iterations, 1 status change" in synced.stderr
    message = git(one.root, "log", "-1", "--format=%s").stdout.strip()
    assert message == "ff: 2 iterations, 1 status change"
    two.check("Walk and talk for dads")
    came = json.loads(two.ff("sync", "--json").stdout)
    assert came["committed"] == "ff: 1 idea, 1 status change"
    assert came["came_in"]["iterations"] == 2 and came["shared"] and came["pushed"]
    back = one.sync()
    assert "From others: 1 idea, 1 status change." in back.stderr
    assert "new idea" in back.stderr and "Walk and talk for dads" in back.stderr
    again = one.sync()
    assert "Committed" not in again.stderr and "From others" not in again.stderr
    assert "In step with origin/main" in again.stderr


def test_one_iteration_edited_differently_on_two_laptops_keeps_both_texts_in_sight(
    laptops: Callable[[int], list[Laptop]],
) -> None:
    one, two = laptops(2)
    ref = learned_differently(
        one, two, "Sam: families prefer Thursdays", "Jo: families prefer Saturdays"
    )
    report = two.sync()
    assert f"Conflict: iteration 1 of idea {ref} was changed differently" in report.stderr
    assert "(learned)" in report.stderr and f"ff show {ref}" in report.stderr
    came = json.loads(one.ff("sync", "--json").stdout)["came_in"]
    assert [(c["ref"], c["number"], c["fields"]) for c in came["conflicts"]] == [
        (ref, 1, ["learned"])
    ]
    assert one.records() == two.records(), "both laptops keep the same version and note"
    for laptop in (one, two):
        shown = laptop.ff("show", ref).stdout
        assert "Conflicts (1)" in shown
        assert "Sam: families prefer Thursdays" in shown
        assert "Jo: families prefer Saturdays" in shown
        shown_json = laptop.show(ref)
        (note,) = shown_json["conflicts"]
        kept = shown_json["iterations"][0]["learned"]
        assert {kept, *note["fields"]["learned"]} == {
            "Sam: families prefer Thursdays",
            "Jo: families prefer Saturdays",
        }

    settled = two.ff("share", "resolve", f"{ref}#1")
    assert "Settled 1 conflict" in settled.stderr
    assert "settled" in two.sync().stderr
    one.sync()
    for laptop in (one, two):
        assert "conflicts" not in laptop.show(ref)
        assert "Conflicts" not in laptop.ff("show", ref).stdout
    texts = {it["learned"] for it in one.show(ref)["iterations"]}
    assert texts & {"Sam: families prefer Thursdays", "Jo: families prefer Saturdays"}


def test_deleting_an_iteration_deletes_its_conflict_note_too(
    laptops: Callable[[int], list[Laptop]],
) -> None:
    one, two = laptops(2)
    ref = learned_differently(one, two, "Names a child: Alex", "Names a child: Billie")
    two.sync()
    two.ff("delete", f"{ref}#1", "--yes")
    two.sync()
    one.sync()
    for laptop in (one, two):
        text = laptop.journal.read_text(encoding="utf-8")
        assert "Alex" not in text and "Billie" not in text
        assert laptop.records()["conflicts"] == {}


def test_the_leads_view_across_teams_names_each_journal_by_its_team(
    tmp_path: Path, remote: Path
) -> None:
    """One repository for the organisation, a folder of team journals: each team syncs
    its own, and the lead's clone summarises them all."""
    teams = {}
    for team in ("early-years", "family-support"):
        root = tmp_path / team
        git(tmp_path, "clone", "--quiet", str(remote), str(root))
        laptop = Laptop(root, f"teams/{team}.json")
        laptop.in_repo("share", "init")
        if not teams:  # the first team starts the repository
            git(root, "checkout", "--quiet", "-B", "main")
            laptop.check("Stay and play")
            git(root, "add", ".")
            git(root, "commit", "--quiet", "-m", "early years' journal")
            git(root, "push", "--quiet", "-u", "origin", "main")
        teams[team] = laptop
    teams["family-support"].check("Family group conference")
    teams["family-support"].sync()
    teams["early-years"].sync()
    lead = tmp_path / "lead"
    git(tmp_path, "clone", "--quiet", str(remote), str(lead))
    done = Laptop(lead).ff(
        "export", "--format", "json", "--journal", str(lead / "teams" / "*.json")
    )
    report = json.loads(done.stdout)
    assert sorted(report["journals"]) == ["early-years", "family-support"]
    titles = {idea["title"]: idea["journals"] for idea in report["ideas"]}
    assert titles == {
        "Stay and play": ["early-years"],
        "Family group conference": ["family-support"],
    }
