"""The learning cycle: ff log, status, show, ideas (filters), edit, delete and config.

Every command runs in-process through CliRunner, whose stdin is not a terminal,
so ff never prompts: whatever it needs must come from options, and anything
missing is an error (exit 2) that writes nothing. The clock is fixed with FF_NOW
(which also fixes "today") and the config file is a temporary one (FF_CONFIG).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from tests.cli.reading import Run, shown, titles
from tests.conftest import ALL_CLEAR, answer_options, run_ff, stored_records

NOW = "2026-11-25T10:00:00Z"
TODAY = "2026-11-25"
STOP = {**ALL_CLEAR, "legal": "no"}
APPROVAL = {**ALL_CLEAR, "harm": "yes"}
JUST_DO_IT_YES = {
    "legal_ethical": "yes",
    "good_for_customer": "yes",
    "shared_values": "yes",
    "accountable": "yes",
}


@pytest.fixture(autouse=True)
def setting(isolated: Path, journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fixed clock, a journal of the test's own, and a config file of its own."""
    monkeypatch.setenv("FF_NOW", NOW)
    config = tmp_path / "config" / "ff.ini"
    monkeypatch.setenv("FF_CONFIG", str(config))
    return config


# --------------------------------------------------------------------------- helpers


def new_idea(
    ff: Run,
    title: str = "Saturday drop-in for dads",
    *extra: str,
    answers: dict[str, str] = ALL_CLEAR,
    now: str | None = None,
) -> str:
    """Check (and so record) an idea; its ref."""
    env = {"FF_NOW": now} if now else None
    result = ff("check", title, "--json", *extra, *answer_options(answers), env=env)
    assert result.exit_code in (0, 3, 4), result.stderr
    return str(json.loads(result.stdout)["idea"]["ref"])


def log(
    ff: Run,
    ref: str,
    *extra: str,
    test: str = "Opened the centre on a Saturday",
    result: str = "success",
    learned: str = "Dads come when it is not a weekday",
) -> Result:
    """``ff log`` with the three needed fields (override any of them)."""
    return ff("log", ref, "--test", test, "--result", result, "--learned", learned, *extra)


def logged_json(ff: Run, ref: str, *extra: str, **fields: str) -> dict[str, Any]:
    result = log(ff, ref, "--json", *extra, **fields)
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def statuses(ff: Run, ref: str) -> list[str]:
    return [change["status"] for change in shown(ff, ref)["status_history"]]


def config_json(ff: Run) -> dict[str, Any]:
    result = ff("config", "show", "--json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


_JOURNALS: dict[str, tuple[bytes, Any]] = {}


def journal_once(name: str, journal: Path, build: Callable[[], Any]) -> Any:
    """Build a starting journal once per session with ff itself; later tests get a copy
    of its bytes (and of what ``build`` returned, e.g. the refs), which keeps them quick."""
    if name not in _JOURNALS:
        made = build()
        _JOURNALS[name] = (journal.read_bytes(), made)
    content, made = _JOURNALS[name]
    journal.write_bytes(content)
    return made


@pytest.fixture(name="ref")
def one_idea(ff: Run, journal: Path) -> str:
    """The ref of one idea checked as go (all clear) by test-owner, in an otherwise
    empty journal."""
    return str(journal_once("one idea", journal, lambda: new_idea(ff)))


# --------------------------------------------------------------------------- ff log


def test_log_stores_every_field_and_prints_it_as_json(ff: Run, ref: str) -> None:
    data = logged_json(
        ff,
        ref,
        "--hypothesis",
        "Dads cannot come on weekdays",
        "--measure",
        "How many dads come",
        "--criteria",
        "At least five dads come",
        "--observed",
        "Seven dads came",
        "--decision",
        "adapt",
        "--next-step",
        "Try a Sunday too",
        "--with",
        "families",
        "--with",
        "young-people",
        "--with",
        "frontline-staff",
        "--with",
        "partners",
        "--with",
        "the local library",
        "--hours",
        "2.5",
        "--cost",
        "£45",
        "--date",
        "2026-11-20",
        "--tag",
        "dads",
        "--tag",
        "weekend",
    )
    idea_id = shown(ff, ref)["id"]
    assert len(data["id"]) == 32 and data["id"] != idea_id
    assert data["idea_id"] == idea_id
    assert data["number"] == 1
    assert data["created"] == NOW
    assert data["author"] == "test-owner"
    assert data["date"] == "2026-11-20"
    assert data["hypothesis"] == "Dads cannot come on weekdays"
    assert data["test"] == "Opened the centre on a Saturday"
    assert data["measure"] == "How many dads come"
    assert data["criteria"] == "At least five dads come"
    assert data["observed"] == "Seven dads came"
    assert data["result"] == "success"
    assert data["learned"] == "Dads come when it is not a weekday"
    assert data["decision"] == "adapt"
    assert data["next_step"] == "Try a Sunday too"
    assert data["with"] == [
        "families",
        "young-people",
        "frontline-staff",
        "partners",
        "the local library",
    ]
    assert (data["hours"], data["cost"]) == (2.5, 45)
    assert data["tags"] == ["dads", "weekend"]
    assert shown(ff, ref)["iterations"] == [data], "what was printed is what was stored"


def test_log_with_only_the_needed_fields(ff: Run, ref: str) -> None:
    """The date defaults to today; with and tags are empty lists; nothing else is set."""
    data = logged_json(ff, ref)
    assert data["date"] == TODAY
    assert (data["with"], data["tags"]) == ([], [])
    for absent in ("hypothesis", "measure", "criteria", "observed", "decision", "next_step"):
        assert absent not in data
    assert "hours" not in data and "cost" not in data


def test_created_is_utc_with_a_z(ff: Run, ref: str) -> None:
    result = ff(
        "log",
        ref,
        "--test",
        "t",
        "--result",
        "partial",
        "--learned",
        "l",
        "--json",
        env={"FF_NOW": "2026-11-25T12:30:00+02:00"},
    )
    assert json.loads(result.stdout)["created"] == "2026-11-25T10:30:00Z"


@pytest.mark.parametrize(
    ("given", "stored"),
    [("today", TODAY), ("yesterday", "2026-11-24"), ("2025-01-31", "2025-01-31"), (TODAY, TODAY)],
)
def test_log_date_words_and_iso_dates(ff: Run, ref: str, given: str, stored: str) -> None:
    assert logged_json(ff, ref, "--date", given)["date"] == stored


@pytest.mark.parametrize(
    ("option", "given", "stored"),
    [
        ("--cost", "£45", 45),
        ("--cost", "1,200.50", 1200.5),
        ("--cost", "0", 0),
        ("--cost", "£1,000", 1000),
        ("--hours", "0.5", 0.5),
        ("--hours", "0", 0),
        ("--hours", "3", 3),
    ],
)
def test_hours_and_cost_are_numbers(
    ff: Run, ref: str, option: str, given: str, stored: float
) -> None:
    assert logged_json(ff, ref, option, given)[option[2:]] == stored


def test_choices_take_any_case_and_repeated_values_are_kept_once(ff: Run, ref: str) -> None:
    data = logged_json(
        ff,
        ref,
        "--decision",
        "ABANDON",
        "--with",
        "families",
        "--with",
        "families",
        "--tag",
        "a",
        "--tag",
        "a",
        result="Inconclusive",
    )
    assert (data["result"], data["decision"]) == ("inconclusive", "abandon")
    assert (data["with"], data["tags"]) == (["families"], ["a"])


def test_iterations_are_numbered_per_idea(ff: Run) -> None:
    first, second = new_idea(ff, "First"), new_idea(ff, "Second")
    assert [logged_json(ff, first)["number"] for _ in range(3)] == [1, 2, 3]
    assert logged_json(ff, second)["number"] == 1
    assert logged_json(ff, first)["number"] == 4
    assert [it["number"] for it in shown(ff, first)["iterations"]] == [1, 2, 3, 4]
    assert [it["number"] for it in shown(ff, second)["iterations"]] == [1]


def test_human_output_of_log(ff: Run) -> None:
    ref = new_idea(ff, "Dads group")
    result = log(ff, ref, "--cost", "£45", "--hours", "1")
    assert result.exit_code == 0, result.stderr
    assert f"Logged iteration 1 of idea {ref} (Dads group)." in result.stderr
    out = result.stdout
    assert "Iteration 1" in out and "25 Nov 2026" in out and "SUCCESS" in out
    assert "Learned: Dads come when it is not a weekday" in out
    assert "We tried" in out and "Opened the centre on a Saturday" in out
    assert "1 hour, £45" in out


@pytest.mark.parametrize(
    ("leave_out", "named"),
    [
        (("--test",), "Missing --test"),
        (("--result",), "Missing --result"),
        (("--learned",), "Missing --learned"),
        (("--test", "--result", "--learned"), "Missing --test, --result, --learned"),
        (("--result", "--learned"), "Missing --result, --learned"),
    ],
)
def test_missing_needed_fields_exit_2_naming_them_and_write_nothing(
    ff: Run, ref: str, journal: Path, leave_out: tuple[str, ...], named: str
) -> None:
    before = journal.read_bytes()
    given = {"--test": "tried", "--result": "success", "--learned": "learned"}
    args = [part for key, value in given.items() if key not in leave_out for part in (key, value)]
    result = ff("log", ref, *args)
    assert result.exit_code == 2
    assert named in result.stderr
    assert result.stdout == ""
    assert journal.read_bytes() == before


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (("--result", "great"), "success, partial, failure, inconclusive"),
        (("--decision", "maybe"), "adopt, adapt, abandon"),
        (("--learned", "   "), "--learned is blank"),
        (("--test", "   "), "Missing --test"),
        (("--hours", "-1"), "--hours '-1' cannot be negative"),
        (("--cost", "-5"), "--cost '-5' cannot be negative"),
        (("--cost", "£-5"), "cannot be negative"),
        (("--cost", "lots"), "--cost 'lots' is not a number"),
        (("--hours", "two"), "--hours 'two' is not a number"),
        (("--date", "2026-11-26"), "--date 2026-11-26 is in the future"),
        (("--date", "tomorrow"), "YYYY-MM-DD"),
        (("--date", "26/11/2026"), "--date 2026-11-26 is in the future"),
        (("--date", "11/25/2026"), "there is no month 25 (ff reads it as day/month/year)"),
        (("--date", "25/11/26"), "give the year in full"),
        (("--date", "2026-02-30"), "February 2026 has no day 30"),
        (("--date", "30/02/2026"), "DD/MM/YYYY"),
        (("--learned", "x" * 20_001), "at most 20,000"),
    ],
)
def test_bad_values_exit_2_and_write_nothing(
    ff: Run, ref: str, journal: Path, extra: tuple[str, str], expected: str
) -> None:
    before = journal.read_bytes()
    result = log(ff, ref, *extra)  # later options win over the helper's defaults
    assert result.exit_code == 2, result.stdout
    assert expected in result.stderr
    assert journal.read_bytes() == before


# --------------------------------------------------------------------------- what a check allows


def test_a_stop_idea_cannot_be_logged_even_with_force(ff: Run, journal: Path) -> None:
    ref = new_idea(ff, "Unlawful idea", answers=STOP)
    before = journal.read_bytes()
    for extra in ((), ("--force",)):
        result = log(ff, ref, *extra)
        assert result.exit_code == 1
        assert "stop" in result.stderr and "check it again" in result.stderr
        assert journal.read_bytes() == before
    assert shown(ff, ref)["iterations"] == []


def test_an_idea_needing_approval_is_refused_until_approved(ff: Run, journal: Path) -> None:
    ref = new_idea(ff, "Risky idea", answers=APPROVAL)
    before = journal.read_bytes()
    result = log(ff, ref)
    assert result.exit_code == 1
    assert "approval" in result.stderr and "--force" in result.stderr
    assert f"ff status {ref} approved --by" in result.stderr
    assert journal.read_bytes() == before

    approved = ff("status", ref, "approved", "--by", "Jo Evans")
    assert approved.exit_code == 0, approved.stderr
    assert log(ff, ref).exit_code == 0
    assert statuses(ff, ref) == ["checked", "approved", "prototyping"]


def test_force_logs_an_idea_needing_approval(ff: Run) -> None:
    ref = new_idea(ff, "Risky idea", answers=APPROVAL)
    result = log(ff, ref, "--force", "--json")
    assert result.exit_code == 0, result.stderr
    assert [it["number"] for it in shown(ff, ref)["iterations"]] == [1]


# --------------------------------------------------------------------------- status moves


def test_logging_moves_a_checked_idea_to_prototyping(ff: Run, ref: str) -> None:
    result = log(ff, ref)
    assert f"Idea {ref} is now prototyping." in result.stderr
    record = shown(ff, ref)
    assert record["status"] == "prototyping"
    change = record["status_history"][-1]
    assert set(change) == {"id", "idea_id", "status", "at", "by", "note", "recorded_by"}
    assert (change["status"], change["at"], change["by"]) == ("prototyping", NOW, "test-owner")
    assert change["note"] == "iteration 1 logged"
    second = log(ff, ref)
    assert "is now" not in second.stderr, "already prototyping: no second move"
    assert statuses(ff, ref) == ["checked", "prototyping"]


def test_logging_moves_an_approved_idea_to_prototyping(ff: Run) -> None:
    ref = new_idea(ff, answers=APPROVAL)
    ff("status", ref, "approved", "--by", "Jo Evans")
    assert "is now prototyping" in log(ff, ref).stderr
    assert shown(ff, ref)["status"] == "prototyping"


def test_logging_leaves_a_paused_idea_paused(ff: Run, ref: str) -> None:
    ff("status", ref, "paused")
    result = log(ff, ref)
    assert result.exit_code == 0
    assert "is now" not in result.stderr
    assert shown(ff, ref)["status"] == "paused"


@pytest.mark.parametrize(
    ("decision", "state"), [("adopt", "adopted"), ("abandon", "abandoned"), ("adapt", None)]
)
def test_a_decision_suggests_a_status_without_changing_it(
    ff: Run, ref: str, decision: str, state: str | None
) -> None:
    result = log(ff, ref, "--decision", decision)
    assert result.exit_code == 0
    if state:
        assert f"Your decision suggests: ff status {ref} {state}" in result.stderr
        assert "ff status" not in result.stdout
    else:
        assert "suggests" not in result.stderr
    assert shown(ff, ref)["status"] == "prototyping"


# --------------------------------------------------------------------------- ff status


def test_status_history_keeps_every_change_in_order(ff: Run) -> None:
    ref = new_idea(ff, "Dads group")
    steps = [
        ("2026-11-26T09:00:00Z", "paused", "Winter break"),
        ("2026-11-27T09:00:00Z", "prototyping", None),
        ("2026-11-28T09:00:00Z", "adopted", "It works"),
    ]
    for now, state, note in steps:
        extra = ("--note", note) if note else ()
        result = ff("status", ref, state, *extra, env={"FF_NOW": now})
        assert result.exit_code == 0, result.stderr
    assert "Idea" in result.stderr and "prototyping -> adopted" in result.stderr
    record = shown(ff, ref)
    assert record["status"] == "adopted"
    history = record["status_history"]
    assert [(c["status"], c["at"], c["note"]) for c in history] == [
        ("checked", NOW, None),
        *[(state, now, note) for now, state, note in steps],
    ]
    assert {c["by"] for c in history} == {"test-owner"}
    assert len({c["id"] for c in history}) == 4


def test_changes_in_the_same_second_keep_their_order(ff: Run, ref: str) -> None:
    for state in ("paused", "prototyping", "paused", "abandoned"):
        assert ff("status", ref, state).exit_code == 0
    assert statuses(ff, ref) == ["checked", "paused", "prototyping", "paused", "abandoned"]
    assert shown(ff, ref)["status"] == "abandoned"


def test_status_json_prints_the_change(ff: Run, ref: str) -> None:
    result = ff("status", ref, "Paused", "--note", "Waiting for a room", "--json")
    assert result.exit_code == 0
    change = json.loads(result.stdout)
    assert change == {
        "id": change["id"],
        "idea_id": shown(ff, ref)["id"],
        "status": "paused",
        "at": NOW,
        "by": "test-owner",
        "note": "Waiting for a room",
        "recorded_by": "test-owner",
    }
    assert shown(ff, ref)["status_history"][-1] == change


def test_approved_records_who_approved_and_who_recorded_it(ff: Run) -> None:
    ref = new_idea(ff, answers=APPROVAL)
    change = json.loads(ff("status", ref, "approved", "--by", "Jo Evans", "--json").stdout)
    assert (change["status"], change["by"], change["recorded_by"]) == (
        "approved",
        "Jo Evans",
        "test-owner",
    )


def test_unknown_status_exits_2_listing_the_states(ff: Run, ref: str, journal: Path) -> None:
    before = journal.read_bytes()
    result = ff("status", ref, "finished")
    assert result.exit_code == 2
    assert "checked, approved, prototyping, paused, adopted, abandoned" in result.stderr
    assert journal.read_bytes() == before


def test_approved_needs_by_without_a_terminal(ff: Run, journal: Path) -> None:
    ref = new_idea(ff, answers=APPROVAL)
    before = journal.read_bytes()
    result = ff("status", ref, "approved")
    assert result.exit_code == 2
    assert "--by" in result.stderr
    assert journal.read_bytes() == before


def test_a_stop_idea_cannot_be_approved(ff: Run, journal: Path) -> None:
    ref = new_idea(ff, answers=STOP)
    before = journal.read_bytes()
    result = ff("status", ref, "approved", "--by", "Jo Evans")
    assert result.exit_code == 1
    assert "stop" in result.stderr
    assert journal.read_bytes() == before


def test_the_same_status_twice_exits_2(ff: Run, ref: str, journal: Path) -> None:
    result = ff("status", ref, "checked")
    assert result.exit_code == 2 and "already checked" in result.stderr
    assert ff("status", ref, "paused").exit_code == 0
    before = journal.read_bytes()
    again = ff("status", ref, "paused")
    assert again.exit_code == 2 and "already paused" in again.stderr
    assert journal.read_bytes() == before


def test_a_blank_approver_is_refused(ff: Run, journal: Path) -> None:
    ref = new_idea(ff, answers=APPROVAL)
    result = ff("status", ref, "approved", "--by", "   ")
    assert result.exit_code == 2
    assert log(ff, ref).exit_code == 1, "no one approved it"


# --------------------------------------------------------------------------- ff show


def test_show_has_a_timeline_of_iterations_and_the_history(ff: Run) -> None:
    ref = new_idea(ff, "Dads group")
    log(ff, ref, "--cost", "£45", "--date", "2026-11-20", learned="Dads like Saturdays")
    log(
        ff,
        ref,
        "--cost",
        "1,200.50",
        "--hours",
        "3",
        "--with",
        "families",
        "--decision",
        "adopt",
        result="partial",
        learned="Sundays are quieter",
    )
    out = ff("show", ref).stdout
    assert "Dads group" in out
    assert "Status history" in out
    assert "25 Nov 2026  checked" in out and "prototyping" in out
    assert "(iteration 1 logged)" in out
    assert "Iterations (2)" in out
    first, second = out.index("Iteration 1"), out.index("Iteration 2")
    assert first < out.index("Dads like Saturdays") < second < out.index("Sundays are quieter")
    assert "Iteration 1  20 Nov 2026  SUCCESS" in out
    assert "Iteration 2  25 Nov 2026  PARTIAL  decision: adopt" in out
    assert "£45" in out and "3 hours, £1,200.50" in out
    assert "families" in out


def test_show_an_idea_with_no_iterations(ff: Run, ref: str) -> None:
    out = ff("show", ref).stdout
    assert "Iterations (0)" in out and "None yet" in out


def test_show_json_lists_iterations_by_number(ff: Run, ref: str) -> None:
    for number, day in enumerate(("2026-11-24", "2026-11-01", "2026-11-25"), 1):
        log(ff, ref, "--date", day, learned=f"Learning {number}")
    record = shown(ff, ref)
    assert [(it["number"], it["learned"]) for it in record["iterations"]] == [
        (1, "Learning 1"),
        (2, "Learning 2"),
        (3, "Learning 3"),
    ]
    assert [it["date"] for it in record["iterations"]] == ["2026-11-24", "2026-11-01", TODAY]


# --------------------------------------------------------------------------- text as typed


def test_markup_and_escapes_are_stored_as_typed_and_shown_literally(ff: Run, ref: str) -> None:
    learned = "[red]alarm[/red] and [/] then \x1b[31mred\x1b[0m text"
    test = "[bold]Tried[/bold] \x1b]0;title\x07 it"
    data = logged_json(ff, ref, learned=learned, test=test)
    assert (data["learned"], data["test"]) == (learned, test)
    assert shown(ff, ref)["iterations"][0]["learned"] == learned
    out = ff("show", ref).stdout
    assert "[red]alarm[/red] and [/] then" in out
    assert "[bold]Tried[/bold]" in out
    assert "\x1b" not in out and "\x07" not in out
    human = log(ff, ref, learned=learned, test=test)
    assert "[red]alarm[/red]" in human.stdout and "\x1b" not in human.stdout


def test_long_welsh_and_emoji_text_is_kept_exactly(ff: Run) -> None:
    ref = new_idea(ff, "Sesiwn i dadau 🙂")
    long_text = ("Dysgu ŵ ŷ 🙂 " * 800)[:10_000]
    long_text = long_text.strip() + "!"
    welsh = "Dysgu ŵ ŷ 🙂"
    logged_json(ff, ref, learned=long_text)
    logged_json(ff, ref, "--tag", "cymraeg", learned=welsh, test="Profi ŵ ŷ")
    iterations = shown(ff, ref)["iterations"]
    assert iterations[0]["learned"] == long_text
    assert (iterations[1]["learned"], iterations[1]["test"]) == (welsh, "Profi ŵ ŷ")
    out = ff("show", ref).stdout
    assert welsh in out and "Sesiwn i dadau 🙂" in out
    assert titles(ff, "--search", "ŵ ŷ 🙂") == ["Sesiwn i dadau 🙂"]


# --------------------------------------------------------------------------- ff ideas


@pytest.fixture
def three_days(ff: Run, journal: Path) -> dict[str, str]:
    """Three ideas checked on different days, with different teams, owners and tags."""

    def build() -> dict[str, str]:
        return {
            "Old": new_idea(
                ff, "Old", "--team", "Early years", "--tag", "dads", now="2026-11-01T09:00:00Z"
            ),
            "Yesterday": new_idea(
                ff,
                "Yesterday",
                "--owner",
                "Sam Jones",
                "--team",
                "Family support",
                answers=APPROVAL,
                now="2026-11-24T09:00:00Z",
            ),
            "Today": new_idea(ff, "Today", "--tag", "Weekend", answers=STOP),
        }

    return journal_once("three days", journal, build)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (("--since", "today"), ["Today"]),
        (("--since", "yesterday"), ["Today", "Yesterday"]),
        (("--until", "yesterday"), ["Yesterday", "Old"]),
        (("--since", "2026-11-24", "--until", "2026-11-24"), ["Yesterday"]),
        (("--since", "2026-11-02"), ["Today", "Yesterday"]),
        (("--until", "2026-11-01"), ["Old"]),
        (("--since", "7d"), ["Today", "Yesterday"]),
        (("--since", "24d"), ["Today", "Yesterday", "Old"]),
        (("--since", "23d"), ["Today", "Yesterday"]),
        (("--since", "1w"), ["Today", "Yesterday"]),
        (("--since", "4w"), ["Today", "Yesterday", "Old"]),
        (("--since", "1m"), ["Today", "Yesterday", "Old"]),
        (("--since", "0d"), ["Today"]),
        (("--until", "30d"), []),
    ],
)
def test_ideas_by_date(
    ff: Run, three_days: dict[str, str], filters: tuple[str, ...], expected: list[str]
) -> None:
    assert titles(ff, *filters) == expected


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ((), ["Today", "Yesterday", "Old"]),
        (("--level", "stop"), ["Today"]),
        (("--level", "STOP", "--level", "go"), ["Today", "Old"]),
        (("--team", "early years"), ["Old"]),
        (("--team", "Early years", "--team", "family SUPPORT"), ["Yesterday", "Old"]),
        (("--owner", "sam jones"), ["Yesterday"]),
        (("--owner", "test-owner"), ["Today", "Old"]),
        (("--owner", "test-owner", "--team", "Early years"), ["Old"]),
        (("--owner", "Sam Jones", "--level", "go"), []),
        (("--tag", "DADS"), ["Old"]),
        (("--tag", "weekend", "--tag", "dads"), ["Today", "Old"]),
        (("--search", "DAY"), ["Today", "Yesterday"]),
        (("--search", "old", "--level", "go", "--team", "early years"), ["Old"]),
    ],
)
def test_ideas_filters_or_within_and_across(
    ff: Run, three_days: dict[str, str], filters: tuple[str, ...], expected: list[str]
) -> None:
    assert titles(ff, *filters) == expected


def test_ideas_by_status(ff: Run, three_days: dict[str, str]) -> None:
    log(ff, three_days["Old"])
    ff("status", three_days["Yesterday"], "paused")
    assert titles(ff, "--status", "prototyping") == ["Old"]
    assert titles(ff, "--status", "paused", "--status", "Prototyping") == ["Yesterday", "Old"]
    assert titles(ff, "--status", "checked") == ["Today"]
    assert titles(ff, "--status", "adopted") == []


def test_ideas_by_iteration_tag_and_learning(ff: Run, three_days: dict[str, str]) -> None:
    log(ff, three_days["Old"], "--tag", "Library", learned="Grandparents came TOO")
    assert titles(ff, "--tag", "library") == ["Old"]
    assert titles(ff, "--tag", "library", "--tag", "weekend") == ["Today", "Old"]
    assert titles(ff, "--search", "grandparents came too") == ["Old"]
    assert titles(ff, "--search", "Opened the centre") == [], "only titles and learnings"


def test_no_match_is_not_an_error(ff: Run, three_days: dict[str, str]) -> None:
    result = ff("ideas", "--json", "--search", "nothing like this")
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])
    human = ff("ideas", "--owner", "nobody")
    assert human.exit_code == 0
    assert human.stdout == ""
    assert "No ideas match" in human.stderr


def test_ideas_human_table_shows_status_and_tries(ff: Run, three_days: dict[str, str]) -> None:
    log(ff, three_days["Old"])
    log(ff, three_days["Old"])
    lines = ff("ideas", "--team", "early years").stdout.splitlines()
    row = next(line for line in lines if three_days["Old"] in line)
    assert "1 Nov 2026" in row and "prototyping" in row and " 2 " in row and "Old" in row


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (("--status", "done"), "checked, approved, prototyping, paused, adopted, abandoned"),
        (("--level", "red"), "go, caution, approval, stop"),
        (("--since", "today", "--until", "yesterday"), "is after --until"),
        (("--since", "last week"), "is not a date"),
        (("--until", "2026-13-01"), "is not a date"),
    ],
)
def test_bad_filters_exit_2(ff: Run, ref: str, filters: tuple[str, ...], expected: str) -> None:
    result = ff("ideas", *filters)
    assert result.exit_code == 2
    assert expected in result.stderr
    assert result.stdout == ""


@pytest.mark.slow
def test_an_idea_checked_just_now_is_checked_today_in_any_time_zone(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FF_NOW")  # the real clock: FF_NOW makes "today" a UTC date
    # POSIX zones (no tz database needed): local date one ahead of, or behind, UTC now.
    hour = datetime.now(timezone.utc).hour
    zone, option = ("XYZ-14", "--since") if hour >= 10 else ("XYZ+12", "--until")
    env = {"TZ": zone}
    assert run_ff("check", "Just now", *answer_options(ALL_CLEAR), env=env).returncode == 0
    listed = run_ff("ideas", option, "today", "--json", env=env)
    assert [i["title"] for i in json.loads(listed.stdout)] == ["Just now"]


# --------------------------------------------------------------------------- ff edit


def test_edit_replaces_one_field_and_keeps_the_others(ff: Run, ref: str, journal: Path) -> None:
    original = logged_json(ff, ref, "--cost", "£45", "--with", "families", learned="Old-learning")
    logged_json(ff, ref, learned="Second stays")
    result = ff(
        "edit",
        f"{ref}#1",
        "--learned",
        "New learning",
        "--json",
        env={"FF_NOW": "2026-11-26T08:00:00Z"},
    )
    assert result.exit_code == 0, result.stderr
    edited = json.loads(result.stdout)
    assert edited["learned"] == "New learning"
    assert edited["edited"] == [{"at": "2026-11-26T08:00:00Z", "by": "test-owner"}]
    unchanged = {k: v for k, v in original.items() if k != "learned"}
    assert {k: edited[k] for k in unchanged} == unchanged
    iterations = shown(ff, ref)["iterations"]
    assert iterations[0] == edited
    assert iterations[1]["learned"] == "Second stays" and "edited" not in iterations[1]
    assert b"Old-learning" not in journal.read_bytes()

    again = json.loads(ff("edit", f"{ref}#1", "--result", "failure", "--json").stdout)
    assert [e["at"] for e in again["edited"]] == ["2026-11-26T08:00:00Z", NOW]
    assert (again["result"], again["learned"]) == ("failure", "New learning")


def test_edit_replaces_whole_lists(ff: Run, ref: str) -> None:
    logged_json(ff, ref, "--with", "families", "--with", "partners", "--tag", "a")
    result = ff("edit", f"{ref}#1", "--with", "young-people", "--tag", "b", "--tag", "c")
    assert result.exit_code == 0, result.stderr
    iteration = shown(ff, ref)["iterations"][0]
    assert (iteration["with"], iteration["tags"]) == (["young-people"], ["b", "c"])


def test_show_says_an_iteration_was_corrected(ff: Run, ref: str) -> None:
    log(ff, ref)
    human = ff("edit", f"{ref}#1", "--learned", "Corrected learning")
    assert f"Corrected iteration 1 of idea {ref}" in human.stderr
    out = ff("show", ref).stdout
    assert "Corrected learning" in out and "Corrected" in out and "by test-owner" in out


@pytest.mark.parametrize(
    ("target", "extra", "expected"),
    [
        ("{ref}", ("--learned", "x"), "names an idea, not an iteration"),
        ("{ref}#9", ("--learned", "x"), "Its iterations: 1, 2"),
        ("{ref}#0", ("--learned", "x"), "does not name an iteration"),
        ("{ref}#one", ("--learned", "x"), "does not name an iteration"),
        ("{ref}#1", (), "Nothing to change"),
        ("{ref}#1", ("--learned", "  "), "--learned is blank"),
        ("{ref}#1", ("--test", "  "), "Missing --test"),
        ("{ref}#1", ("--result", "great"), "success, partial, failure, inconclusive"),
        ("{ref}#1", ("--date", "2027-01-01"), "in the future"),
        ("{ref}#1", ("--cost", "-1"), "cannot be negative"),
    ],
)
def test_bad_edits_exit_2_and_change_nothing(
    ff: Run, ref: str, journal: Path, target: str, extra: tuple[str, ...], expected: str
) -> None:
    log(ff, ref)
    log(ff, ref)
    before = journal.read_bytes()
    result = ff("edit", target.format(ref=ref), *extra)
    assert result.exit_code == 2, result.stdout
    assert expected in result.stderr
    assert journal.read_bytes() == before


def test_an_emptied_field_is_removed_from_the_journal(ff: Run, ref: str, journal: Path) -> None:
    logged_json(ff, ref, "--observed", "PRIVATE-OBSERVATION-xyz", "--decision", "adopt")
    printed = json.loads(
        ff("edit", f"{ref}#1", "--observed", "", "--decision", "", "--json").stdout
    )
    assert "observed" not in printed and "decision" not in printed
    stored = shown(ff, ref)["iterations"][0]
    assert "observed" not in stored and "decision" not in stored
    assert b"PRIVATE-OBSERVATION-xyz" not in journal.read_bytes()


def test_an_emptied_list_stays_an_empty_list(ff: Run, ref: str) -> None:
    logged_json(ff, ref, "--with", "families")
    printed = json.loads(ff("edit", f"{ref}#1", "--with", "", "--json").stdout)
    assert printed.get("with") == []
    assert shown(ff, ref)["iterations"][0]["with"] == []


# --------------------------------------------------------------------------- ff delete


def test_delete_an_iteration_removes_its_text_from_the_file(ff: Run, journal: Path) -> None:
    ref = new_idea(ff, "Dads group")
    log(ff, ref, learned="First learning")
    log(ff, ref, learned="SECRET-LEARNING-xyz", test="SECRET-TEST-xyz")
    log(ff, ref, learned="Third learning")
    assert b"SECRET-LEARNING-xyz" in journal.read_bytes()
    result = ff("delete", f"{ref}#2", "--yes")
    assert result.exit_code == 0, result.stderr
    assert f"Deleted iteration 2 of idea {ref} (Dads group)" in result.stderr
    raw = journal.read_bytes()
    assert b"SECRET-LEARNING-xyz" not in raw and b"SECRET-TEST-xyz" not in raw
    iterations = shown(ff, ref)["iterations"]
    assert [(it["number"], it["learned"]) for it in iterations] == [
        (1, "First learning"),
        (3, "Third learning"),
    ]
    assert logged_json(ff, ref)["number"] == 4, "numbers are not reused"


def test_delete_an_idea_removes_it_its_iterations_and_history(ff: Run, journal: Path) -> None:
    keep = new_idea(ff, "Keep me")
    log(ff, keep, learned="Kept learning")
    gone = new_idea(ff, "SECRET-TITLE-xyz")
    log(ff, gone, learned="SECRET-LEARNING-xyz")
    ff("status", gone, "paused", "--note", "SECRET-NOTE-xyz")
    gone_id = shown(ff, gone)["id"]
    result = ff("delete", gone, "--yes")
    assert result.exit_code == 0, result.stderr
    assert "Deleted idea" in result.stderr and "1 iteration(s)" in result.stderr
    raw = journal.read_bytes()
    for secret in ("SECRET-TITLE-xyz", "SECRET-LEARNING-xyz", "SECRET-NOTE-xyz"):
        assert secret.encode() not in raw
    stored = stored_records(journal)
    assert gone_id in stored.pop("deleted"), "its id (no text) is kept, so merges skip it"
    assert gone_id not in json.dumps(stored)
    for other in journal.parent.iterdir():  # nor in the lock file or a temporary file
        if other.is_file():
            assert b"SECRET-LEARNING-xyz" not in other.read_bytes(), other
    assert titles(ff) == ["Keep me"]
    assert shown(ff, keep)["iterations"][0]["learned"] == "Kept learning"
    assert statuses(ff, keep) == ["checked", "prototyping"]
    assert ff("show", gone).exit_code == 2


@pytest.mark.parametrize("target", ["{ref}", "{ref}#1"])
def test_delete_without_yes_and_without_a_terminal_deletes_nothing(
    ff: Run, ref: str, journal: Path, target: str
) -> None:
    log(ff, ref)
    before = journal.read_bytes()
    result = ff("delete", target.format(ref=ref))
    assert result.exit_code == 2
    assert "--yes" in result.stderr
    assert journal.read_bytes() == before


def test_delete_a_missing_iteration_exits_2(ff: Run, ref: str, journal: Path) -> None:
    log(ff, ref)
    before = journal.read_bytes()
    result = ff("delete", f"{ref}#9", "--yes")
    assert result.exit_code == 2
    assert "no iteration 9" in result.stderr and "Its iterations: 1" in result.stderr
    assert journal.read_bytes() == before


# --------------------------------------------------------------------------- refs


@pytest.mark.parametrize(
    "args",
    [
        ("show", "zzzz"),
        ("log", "zzzz", "--test", "t", "--result", "success", "--learned", "l"),
        ("status", "zzzz", "paused"),
        ("edit", "zzzz#1", "--learned", "l"),
        ("delete", "zzzz", "--yes"),
        ("delete", "zzzz#1", "--yes"),
    ],
)
def test_an_unknown_ref_exits_2(ff: Run, ref: str, journal: Path, args: tuple[str, ...]) -> None:
    before = journal.read_bytes()
    result = ff(*args)
    assert result.exit_code == 2
    assert "No idea in" in result.stderr and "'zzzz'" in result.stderr
    assert journal.read_bytes() == before


def test_a_unique_start_of_a_ref_in_any_case_is_enough(ff: Run, ref: str) -> None:
    assert logged_json(ff, ref[:3].upper())["number"] == 1
    assert ff("status", ref[:2], "paused").exit_code == 0
    assert ff("edit", f"{ref[:4]}#1", "--learned", "Short ref").exit_code == 0
    assert shown(ff, ref)["iterations"][0]["learned"] == "Short ref"


def test_an_ambiguous_ref_exits_2_listing_the_candidates(ff: Run, journal: Path) -> None:
    refs = {new_idea(ff, f"Idea number {n}"): f"Idea number {n}" for n in range(20)}
    starts = Counter(ref[0] for ref in refs)  # 20 refs, 16 hex digits: some digit repeats
    digit = min((d for d, count in starts.items() if count >= 2), key=lambda d: starts[d])
    candidates = [ref for ref in refs if ref.startswith(digit)]
    before = journal.read_bytes()
    for args in (
        ("show", digit),
        ("status", digit, "paused"),
        ("edit", f"{digit}#1", "--test", "t"),
    ):
        result = ff(*args)
        assert result.exit_code == 2
        assert f"matches {len(candidates)} ideas" in result.stderr
        for ref in candidates:
            assert f"{ref} ({refs[ref]})" in result.stderr
    assert log(ff, digit).exit_code == 2
    assert journal.read_bytes() == before


# --------------------------------------------------------------------------- ff config


def test_config_set_owner_names_the_author(
    ff: Run, setting: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FF_OWNER")
    result = ff("config", "set", "owner", "Sam Jones")
    assert result.exit_code == 0, result.stderr
    assert f"Set owner in {setting}" in result.stderr
    assert "Sam Jones" in setting.read_text(encoding="utf-8")
    assert config_json(ff)["settings"]["owner"] == {"value": "Sam Jones", "source": "config file"}
    ref = new_idea(ff)
    assert shown(ff, ref)["owner"] == "Sam Jones"
    assert logged_json(ff, ref)["author"] == "Sam Jones"
    assert shown(ff, ref)["status_history"][-1]["by"] == "Sam Jones"


def test_config_show_names_each_setting_and_its_source(
    ff: Run, setting: Path, journal: Path
) -> None:
    data = config_json(ff)
    assert data["config_file"] == str(setting)
    assert set(data["settings"]) == {
        *("owner", "team", "card", "journal", "lang", "cards_dir", "plain"),
        "service_users",  # who counts as the people who use the service in ff summary
    }
    settings = data["settings"]
    assert settings["owner"] == {"value": "test-owner", "source": "environment (FF_OWNER)"}
    assert settings["team"] == {"value": None, "source": "default"}
    assert settings["card"] == {"value": "fail-fast-fail-forward", "source": "default"}
    assert settings["journal"] == {"value": str(journal), "source": "environment (FF_JOURNAL)"}
    human = ff("config", "show")
    assert "fail-fast-fail-forward" in human.stdout and "environment (FF_OWNER)" in human.stdout
    assert str(setting) in human.stderr
    assert not setting.exists(), "showing the settings writes nothing"


def test_owner_option_beats_environment_beats_config_beats_default(
    ff: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FF_OWNER")
    assert config_json(ff)["settings"]["owner"]["source"] == "default"
    ff("config", "set", "owner", "Config Person")
    monkeypatch.setenv("FF_OWNER", "Env Person")
    assert config_json(ff)["settings"]["owner"] == {
        "value": "Env Person",
        "source": "environment (FF_OWNER)",
    }
    ref = new_idea(ff)
    assert shown(ff, ref)["owner"] == "Env Person"
    assert logged_json(ff, ref)["author"] == "Env Person"
    assert shown(ff, new_idea(ff, "Mine", "--owner", "Option Person"))["owner"] == "Option Person"
    monkeypatch.delenv("FF_OWNER")
    assert logged_json(ff, ref)["author"] == "Config Person"


def test_team_from_config_environment_and_option(ff: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    ff("config", "set", "team", "Family support")
    assert shown(ff, new_idea(ff, "A"))["team"] == "Family support"
    monkeypatch.setenv("FF_TEAM", "Early years")
    assert shown(ff, new_idea(ff, "B"))["team"] == "Early years"
    assert shown(ff, new_idea(ff, "C", "--team", "Youth service"))["team"] == "Youth service"
    assert titles(ff, "--team", "family support") == ["A"]


def test_card_from_config_environment_and_option(ff: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    assert ff("config", "set", "card", "just-do-it").exit_code == 0
    result = ff("check", "Quick win", "--json", *answer_options(JUST_DO_IT_YES))
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["card"]["id"] == "just-do-it"
    monkeypatch.setenv("FF_CARD", "fail-fast-fail-forward")
    assert config_json(ff)["settings"]["card"]["source"] == "environment (FF_CARD)"
    default = ff("check", "Default card", "--json", *answer_options(ALL_CLEAR))
    assert json.loads(default.stdout)["card"]["id"] == "fail-fast-fail-forward"
    chosen = ff(
        "check", "Option", "--card", "just-do-it", "--json", *answer_options(JUST_DO_IT_YES)
    )
    assert json.loads(chosen.stdout)["card"]["id"] == "just-do-it"


def test_journal_from_config_environment_and_option(
    ff: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FF_JOURNAL")
    from_config, from_env, from_option = (tmp_path / n for n in ("c.json", "e.json", "o.json"))
    ff("config", "set", "journal", str(from_config))
    assert config_json(ff)["settings"]["journal"] == {
        "value": str(from_config),
        "source": "config file",
    }
    new_idea(ff, "In config journal")
    monkeypatch.setenv("FF_JOURNAL", str(from_env))
    new_idea(ff, "In env journal")
    new_idea(ff, "In option journal", "--journal", str(from_option))
    for path, title in (
        (from_config, "In config journal"),
        (from_env, "In env journal"),
        (from_option, "In option journal"),
    ):
        assert titles(ff, "--journal", str(path)) == [title]


def test_config_set_journal_stores_an_absolute_path(
    ff: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FF_JOURNAL")
    ff("config", "set", "journal", "notes/journal.json")
    expected = str(tmp_path / "notes" / "journal.json")
    assert config_json(ff)["settings"]["journal"]["value"] == expected


def test_config_unset_removes_only_that_setting(ff: Run, setting: Path) -> None:
    ff("config", "set", "team", "Family support")
    ff("config", "set", "card", "just-do-it")
    result = ff("config", "unset", "team")
    assert result.exit_code == 0 and "Removed team" in result.stderr
    settings = config_json(ff)["settings"]
    assert settings["team"] == {"value": None, "source": "default"}
    assert settings["card"] == {"value": "just-do-it", "source": "config file"}
    assert shown(ff, new_idea(ff, "No team", answers=JUST_DO_IT_YES))["team"] is None


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("set", "colour", "x"), "Settings: owner, team, card, journal"),
        (("unset", "colour"), "Settings: owner, team, card, journal"),
        (("set", "owner", "   "), "ff config unset owner"),
    ],
)
def test_bad_config_changes_exit_2_and_write_nothing(
    ff: Run, setting: Path, args: tuple[str, ...], expected: str
) -> None:
    result = ff("config", *args)
    assert result.exit_code == 2
    assert expected in result.stderr
    assert not setting.exists()


def test_deleting_an_idea_removes_the_editor_drafts_that_hold_its_text(
    ff: Run, journal: Path
) -> None:
    """A draft kept from the editor holds the idea's text: deleting the idea deletes it,
    and says so; another idea's draft stays."""
    from ff.paths import drafts_dir

    gone, kept = new_idea(ff, "SECRET-TITLE-xyz"), new_idea(ff, "Keep me")
    folder = drafts_dir()
    folder.mkdir(parents=True, exist_ok=True)
    draft = folder / f"{shown(ff, gone)['id']}-1a2b.yaml"
    draft.write_text("learned: SECRET-DRAFT-xyz\n", encoding="utf-8")
    other = folder / f"{shown(ff, kept)['id']}-3c4d.yaml"
    other.write_text("learned: other\n", encoding="utf-8")
    result = ff("delete", gone, "--yes")
    assert result.exit_code == 0, result.stderr
    assert not draft.exists()
    assert f"Removed the editor draft {draft}" in " ".join(result.stderr.split())
    assert other.exists()
