"""Correcting what was recorded, and recording it after the event (issue 12, items
10-13): ``ff edit REF`` corrects an idea and keeps each old value; an edit that
changes nothing writes nothing and says so; ``ff check --date`` and ``ff status
--date`` record an earlier day and keep when it was recorded; dates typed day first
(17/11/2026); ``--owner priya`` finds "Priya Shah".

Every command runs in-process through CliRunner (no terminal, so ff never asks),
with the clock fixed by FF_NOW; the journal is read back as ff shows it and as the
file holds it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from ff.dates import local_day
from tests.cli.reading import Run, shown, titles
from tests.conftest import ALL_CLEAR, answer_options, stored_records

NOW = "2026-11-25T10:00:00Z"
LATER = "2026-11-26T09:00:00Z"
APPROVAL = {**ALL_CLEAR, "harm": "yes"}


@pytest.fixture(autouse=True)
def fixed_clock(journal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FF_NOW", NOW)


def check(
    ff: Run, title: str, *extra: str, answers: dict[str, str] = ALL_CLEAR, now: str = NOW
) -> Any:
    """``ff check --json`` (at ``now``): the printed object."""
    result = ff("check", title, "--json", *extra, *answer_options(answers), env={"FF_NOW": now})
    assert result.exit_code in (0, 3), result.stderr
    return json.loads(result.stdout)


def new_idea(ff: Run, title: str = "Dads drop in", *extra: str, **kw: Any) -> str:
    return str(check(ff, title, *extra, **kw)["idea"]["ref"])


def log(ff: Run, ref: str, *extra: str) -> Result:
    fields = ("--test", "Two Saturdays", "--result", "success", "--learned", "Dads came")
    result = ff("log", ref, *fields, *extra, "--force")
    assert result.exit_code == 0, result.stderr
    return result


# --------------------------------------------------------------------------- ff edit REF


def test_an_ideas_title_team_owner_and_tags_are_corrected_and_each_old_value_kept(
    ff: Run, journal: Path
) -> None:
    ref = new_idea(ff, "Dads drop in", "--tag", "dads")
    done = ff(
        "edit",
        ref,
        *("--title", "Saturday drop-in for dads", "--team", "Family support"),
        *("--owner", "Sam Price", "--tag", "dads", "--tag", "weekend"),
        env={"FF_NOW": LATER, "FF_OWNER": "Jo Evans"},
    )
    assert done.exit_code == 0, done.stderr
    said = done.stderr
    assert f"Corrected idea {ref} (Saturday drop-in for dads):" in said
    assert '  title: "Dads drop in" -> "Saturday drop-in for dads"' in said
    assert '  team: (none) -> "Family support"' in said
    assert '  owner: "test-owner" -> "Sam Price"' in said
    assert "  tags: dads -> dads, weekend" in said

    idea = shown(ff, ref)
    assert (idea["title"], idea["team"], idea["owner"], idea["tags"]) == (
        "Saturday drop-in for dads",
        "Family support",
        "Sam Price",
        ["dads", "weekend"],
    )
    assert idea["corrections"] == [
        {"at": LATER, "by": "Jo Evans", "field": "title", "old": "Dads drop in",
         "new": "Saturday drop-in for dads"},
        {"at": LATER, "by": "Jo Evans", "field": "team", "old": None, "new": "Family support"},
        {"at": LATER, "by": "Jo Evans", "field": "owner", "old": "test-owner",
         "new": "Sam Price"},
        {"at": LATER, "by": "Jo Evans", "field": "tags", "old": ["dads"],
         "new": ["dads", "weekend"]},
    ]  # fmt: skip
    # The file holds them too, on the idea's own record (nothing else was added).
    [stored] = stored_records(journal)["ideas"].values()
    assert stored["corrections"] == idea["corrections"]
    assert len(stored_records(journal)["status_changes"]) == 1

    text = ff("show", ref).stdout
    assert "Corrections" in text
    assert '26 Nov 2026  title  "Dads drop in" -> "Saturday drop-in for dads"  by Jo Evans' in text
    # The new names are found by the filters; the old ones no longer are.
    assert titles(ff, "--owner", "sam") == ["Saturday drop-in for dads"]
    assert titles(ff, "--team", "family support") == ["Saturday drop-in for dads"]
    assert titles(ff, "--owner", "test-owner") == []


def test_a_second_correction_adds_to_the_history_and_json_prints_the_idea(ff: Run) -> None:
    ref = new_idea(ff, "Dads drop in", "--team", "Family support")
    assert ff("edit", ref, "--title", "Dads' drop-in").exit_code == 0
    printed = ff("edit", ref, "--team", "", "--tag", "", "--json", env={"FF_NOW": LATER})
    assert printed.exit_code == 0, printed.stderr
    idea = json.loads(printed.stdout)
    assert idea == shown(ff, ref)  # as ff show --json prints it
    assert idea["team"] is None and idea["tags"] == []
    assert [(c["field"], c["old"], c["new"]) for c in idea["corrections"]] == [
        ("title", "Dads drop in", "Dads' drop-in"),
        ("team", "Family support", None),
    ]  # the tags were already empty: not a change
    assert "Corrected idea" not in printed.stderr  # --json: the data only


def test_correcting_an_idea_to_what_it_already_says_writes_nothing(ff: Run, journal: Path) -> None:
    ref = new_idea(ff, "Dads drop in", "--team", "Family support")
    before = journal.read_bytes()
    done = ff("edit", ref, "--title", "  Dads drop in ", "--team", "Family support")
    assert done.exit_code == 0, done.stderr
    assert f"Nothing was changed: idea {ref} already has that title, team." in done.stderr
    assert "Corrected" not in done.stderr
    assert journal.read_bytes() == before
    assert "corrections" not in shown(ff, ref)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--learned", "x"), "names an idea, not an iteration"),
        (("--edit",), "names an idea, not an iteration"),
        ((), "Nothing to change"),
        (("--title", "  "), "The title is empty"),
        (("--owner", ""), "The owner is empty"),
        (("--title", "x" * 201), "at most 200 fit"),
        (("#1", "--title", "New"), "--title, --team, --owner correct an idea, not an iteration"),
        (("#1", "--team", "Early years"), "Give the idea's ref alone"),
    ],
)
def test_a_correction_ff_cannot_make_exits_2_and_writes_nothing(
    ff: Run, journal: Path, args: tuple[str, ...], says: str
) -> None:
    ref = new_idea(ff)
    log(ff, ref)
    before = journal.read_bytes()
    target, rest = (ref + args[0], args[1:]) if args[:1] == ("#1",) else (ref, args)
    done = ff("edit", target, *rest)
    assert done.exit_code == 2, done.stdout
    assert says in " ".join(done.stderr.split())
    assert journal.read_bytes() == before


# --------------------------------------------------------------------------- ff edit REF#N


def test_an_iteration_edit_that_changes_nothing_says_so_and_writes_nothing(
    ff: Run, journal: Path
) -> None:
    ref = new_idea(ff)
    log(ff, ref, "--with", "families")
    before = journal.read_bytes()
    done = ff("edit", f"{ref}#1", "--learned", "Dads came", "--with", "families")
    assert done.exit_code == 0, done.stderr
    assert f"Nothing was changed: iteration 1 of idea {ref} already says that." in done.stderr
    assert "Corrected" not in done.stderr + done.stdout
    assert journal.read_bytes() == before
    assert "edited" not in shown(ff, ref)["iterations"][0]


def test_ff_edit_help_does_not_say_what_ff_log_needs() -> None:
    from tests.conftest import run_ff

    text = " ".join(run_ff("edit", "--help", env={"COLUMNS": "200"}).stdout.split())
    assert "(needed)" not in text and "needed)" not in text
    assert "default today" not in text
    assert "--learned TEXT From that we learned that… (cannot be made blank)" in text
    assert "--title TEXT The idea's title (with REF alone)." in text
    # ff log keeps its own words.
    log_help = " ".join(run_ff("log", "--help", env={"COLUMNS": "200"}).stdout.split())
    assert "(what you tried; needed)" in log_help and "(default today)" in log_help


# --------------------------------------------------------------------------- ff check --date


def test_an_idea_checked_on_an_earlier_day_keeps_that_day_and_when_it_was_recorded(
    ff: Run,
) -> None:
    printed = check(ff, "Parents Supporting Parents", "--date", "17/08/2026")
    idea = printed["idea"]
    assert local_day(idea["created"]) == date(2026, 8, 17)
    assert idea["recorded_at"] == NOW
    stored = shown(ff, idea["ref"])
    assert (stored["created"], stored["recorded_at"]) == (idea["created"], NOW)
    [checked] = stored["status_history"]  # checked then, too
    assert (checked["at"], checked["recorded_at"]) == (idea["created"], NOW)
    text = ff("show", idea["ref"]).stdout
    assert "Checked  17 Aug 2026 (" in text and "), recorded 25 Nov 2026" in text
    # Lists and periods go by the day it was checked.
    assert "17 Aug 2026" in ff("ideas").stdout
    assert titles(ff, "--until", "31/08/2026") == ["Parents Supporting Parents"]
    assert titles(ff, "--since", "1/9/2026") == []


def test_an_idea_checked_today_has_no_separate_recorded_time(ff: Run) -> None:
    for given in ((), ("--date", "today"), ("--date", "25/11/2026")):
        idea = check(ff, "Today", *given)["idea"]
        assert (idea["created"], idea["recorded_at"]) == (NOW, None)
        assert "recorded_at" not in shown(ff, idea["ref"])


@pytest.mark.parametrize(
    ("given", "says"),
    [
        ("26/11/2026", "--date 2026-11-26 is in the future"),
        ("tomorrow", "--date 'tomorrow' is not a date"),
        ("31/9/2026", "September 2026 has no day 31"),
    ],
)
def test_a_check_dated_in_the_future_or_on_no_day_is_refused(
    ff: Run, journal: Path, given: str, says: str
) -> None:
    result = ff("check", "Idea", "--date", given, *answer_options(ALL_CLEAR))
    assert result.exit_code == 2
    assert says in result.stderr
    assert not journal.exists()


# --------------------------------------------------------------------------- ff status --date


def test_an_approval_recorded_after_the_event_is_dated_on_its_day(ff: Run) -> None:
    ref = new_idea(ff, "Scheme", "--date", "2026-08-01", answers=APPROVAL)
    log(ff, ref, "--date", "17/08/2026")  # prototyping from now (25 Nov)
    done = ff("status", ref, "approved", "--by", "Jo Evans", "--date", "10/08/2026")
    assert done.exit_code == 0, done.stderr
    said = " ".join(done.stderr.split())
    assert f"Idea {ref} (Scheme): checked -> approved on 10 Aug 2026." in said
    assert "It is still prototyping now: a later change (prototyping on 25 Nov 2026)" in said

    idea = shown(ff, ref)
    assert [c["status"] for c in idea["status_history"]] == ["checked", "approved", "prototyping"]
    approved = idea["status_history"][1]
    assert local_day(approved["at"]) == date(2026, 8, 10)
    assert approved["recorded_at"] == NOW and approved["by"] == "Jo Evans"
    assert idea["status"] == "prototyping"
    assert "10 Aug 2026  approved     by Jo Evans (recorded 25 Nov 2026)" in ff("show", ref).stdout


@pytest.mark.parametrize("backdated", [True, False])
def test_a_status_dated_on_the_day_an_idea_was_checked_comes_after_the_check(
    ff: Run, backdated: bool
) -> None:
    """Checked yesterday afternoon (as it happened, or backdated this morning), then
    paused "yesterday" this morning: the pause comes after the check, not before it
    at this morning's time of day."""
    if backdated:
        ref = new_idea(ff, "Scheme", "--date", "yesterday")
    else:
        ref = new_idea(ff, "Scheme", now="2026-11-24T15:00:00Z")
    done = ff("status", ref, "paused", "--date", "yesterday", "--json")
    assert done.exit_code == 0, done.stderr
    idea = shown(ff, ref)
    assert [c["status"] for c in idea["status_history"]] == ["checked", "paused"]
    assert idea["status"] == "paused"
    assert json.loads(done.stdout)["recorded_at"] == NOW


@pytest.mark.parametrize(
    ("state", "given", "says"),
    [
        ("paused", "2026-11-26", "--date 2026-11-26 is in the future"),
        ("paused", "31/07/2026", "was checked on 1 Aug 2026, after --date 31 Jul 2026"),
        ("checked", "05/08/2026", "was already checked on 5 Aug 2026"),
        ("paused", "1/13/2026", "there is no month 13"),
    ],
)
def test_a_status_on_a_day_it_cannot_have_changed_is_refused(
    ff: Run, journal: Path, state: str, given: str, says: str
) -> None:
    ref = new_idea(ff, "Scheme", "--date", "2026-08-01")
    before = journal.read_bytes()
    result = ff("status", ref, state, "--date", given)
    assert result.exit_code == 2
    assert says in " ".join(result.stderr.split())
    assert journal.read_bytes() == before


# --------------------------------------------------------------------------- filters


@pytest.fixture
def people(ff: Run) -> None:
    new_idea(ff, "One", "--owner", "Priya Shah", "--team", "Youth service")
    new_idea(ff, "Two", "--owner", "Rosamund Jones", "--team", "Family support")
    new_idea(ff, "Three", "--owner", "Sam Price", "--team", "Family Support North")


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (("--owner", "priya"), ["One"]),
        (("--owner", "SHAH"), ["One"]),
        (("--owner", "Priya  Shah"), ["One"]),
        (("--owner", "sam"), ["Three"]),  # not Rosamund: a part that starts a word
        (("--owner", "iya"), []),
        (("--owner", "priya", "--owner", "sam"), ["Three", "One"]),
        (("--team", "youth"), ["One"]),
        (("--team", "family support"), ["Three", "Two"]),
        (("--team", "north"), ["Three"]),
    ],
)
def test_owners_and_teams_are_found_by_a_part_of_their_name(
    ff: Run, people: None, filters: tuple[str, ...], expected: list[str]
) -> None:
    assert titles(ff, *filters) == expected


def test_tags_are_still_matched_whole(ff: Run) -> None:
    new_idea(ff, "Tagged", "--tag", "weekend")
    assert titles(ff, "--tag", "week") == []
    assert titles(ff, "--tag", "WEEKEND") == ["Tagged"]


@pytest.mark.parametrize("command", ["ideas", "summary"])
def test_a_bad_since_names_every_form_that_works(ff: Run, command: str) -> None:
    new_idea(ff)
    result = ff(command, "--since", "last week")
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert "--since 'last week' is not a date." in said
    for form in ("DD/MM/YYYY", "YYYY-MM-DD", "30d", "12w", "6m"):
        assert form in said, said


def test_dates_typed_day_first_choose_the_same_days_as_iso_dates(ff: Run) -> None:
    new_idea(ff, "Idea")
    assert titles(ff, "--since", "25/11/2026") == titles(ff, "--since", "2026-11-25") == ["Idea"]
    assert titles(ff, "--until", "24.11.2026") == []
