"""ff summary (and the filters it shares with ff export): every figure, the human
output, filters and periods, many journals, read-only reading and progress.

The journals are made through the CLI with the clock fixed (FF_NOW), so every
figure is known in advance; the expected numbers are written out literally, with
how they were worked out by hand in a comment beside them. The council journal
below is built once per module (``built``) and each test reads a copy of it; the
first test builds its own.

Every clock is set to noon UTC, so each check, log and status change falls on
the same day in any time zone within 11 hours of UTC.

The council journal used throughout (ref letters A to E):

A "Saturday drop-in for dads"   Family support, Sam Price, tag dads, go, 2 Mar
    #1  5 Mar failure                 with families                   2 h  £10
    #2 12 Mar inconclusive            with families, frontline-staff  3.5 h
    #3 20 Mar success, adopt          with partners                        £120.50
    status adopted 25 Mar
B "Text reminders for appointments"  Family support, Sam Price, approval, 3 Mar
    approved 4 Mar (by Jo Evans)
    #1 10 Mar failure                 (nobody)                        1 h
    status abandoned 31 Mar
C "Family by Family coaching"   Early years, Rhian Morgan, caution, 4 Mar
    #1  9 Mar partial, adapt          with young-people, grandparents 4 h
    #2 16 Mar inconclusive, tag pilot with families                        £0
    #3 30 Mar failure                 (nobody)
    status prototyping (moved there by #1)
D "Rearrange the waiting room"  Early years, Rhian Morgan, stop, 6 Mar: no iterations
E "Library pop-up for toddlers" Early years, Rhian Morgan, approval, 8 Mar
    #1 14 Mar inconclusive, abandon   with families (logged with --force)  0.5 h
    status paused 15 Mar
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from ff.cli import app
from tests.conftest import ALL_CLEAR, answer_options, run_ff, run_in_terminal

Run = Callable[..., Result]
Refs = dict[str, dict[str, str]]

NOW = "2026-04-01T12:00:00Z"  # when the leads read the summary
EARLY = "early-years.json"
COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")


# --------------------------------------------------------------------------- building


def check(ff: Run, path: Path, title: str, day: str, *extra: str, **answers: str) -> dict[str, str]:
    """Check (and so record) an idea at noon on ``day``; its id and ref."""
    result = ff(
        "--journal",
        str(path),
        "check",
        title,
        "--json",
        *extra,
        *answer_options({**ALL_CLEAR, **answers}),
        env={"FF_NOW": f"{day}T12:00:00Z"},
    )
    assert result.exit_code in (0, 3, 4), result.stderr
    idea = json.loads(result.stdout)["idea"]
    return {"id": idea["id"], "ref": idea["ref"]}


def log(ff: Run, path: Path, ref: str, day: str, result: str, learned: str, *extra: str) -> None:
    """Log an iteration dated ``day``, recorded that day."""
    done = ff(
        "--journal",
        str(path),
        "log",
        ref,
        "--test",
        "Tried it for a week",
        "--result",
        result,
        "--learned",
        learned,
        "--date",
        day,
        *extra,
        env={"FF_NOW": f"{day}T12:00:00Z"},
    )
    assert done.exit_code == 0, done.stderr


def status(ff: Run, path: Path, ref: str, state: str, day: str, *extra: str) -> None:
    done = ff(
        "--journal", str(path), "status", ref, state, *extra, env={"FF_NOW": f"{day}T12:00:00Z"}
    )
    assert done.exit_code == 0, done.stderr


def build_council(ff: Run, family: Path, early: Path | None = None) -> Refs:
    """The council journal of the module docstring: Family support's ideas (A, B) in
    ``family``, Early years' (C, D, E) in ``early`` (by default the same file)."""
    early = early or family
    a = check(
        ff, family, "Saturday drop-in for dads", "2026-03-02",
        "--team", "Family support", "--owner", "Sam Price", "--tag", "dads",
    )  # fmt: skip
    b = check(
        ff, family, "Text reminders for appointments", "2026-03-03",
        "--team", "Family support", "--owner", "Sam Price", personal_data="yes",
    )  # fmt: skip
    c = check(
        ff, early, "Family by Family coaching", "2026-03-04",
        "--team", "Early years", "--owner", "Rhian Morgan", reversible="unsure",
    )  # fmt: skip
    d = check(
        ff, early, "Rearrange the waiting room", "2026-03-06",
        "--team", "Early years", "--owner", "Rhian Morgan", legal="no",
    )  # fmt: skip
    e = check(
        ff, early, "Library pop-up for toddlers", "2026-03-08",
        "--team", "Early years", "--owner", "Rhian Morgan", harm="yes",
    )  # fmt: skip
    status(ff, family, b["ref"], "approved", "2026-03-04", "--by", "Jo Evans")
    log(
        ff, family, a["ref"], "2026-03-05", "failure", "Dads do not come on weekdays",
        "--next-step", "Open on a Saturday", "--with", "families", "--hours", "2", "--cost", "10",
    )  # fmt: skip
    log(
        ff, early, c["ref"], "2026-03-09", "partial", "Matching on experience matters most",
        "--decision", "adapt", "--next-step", "Let families choose their coach",
        "--with", "young-people", "--with", "grandparents", "--hours", "4",
    )  # fmt: skip
    log(ff, family, b["ref"], "2026-03-10", "failure", "Families lacked phone credit",
        "--hours", "1")  # fmt: skip
    log(
        ff, family, a["ref"], "2026-03-12", "inconclusive", "Too few came to tell",
        "--with", "families", "--with", "frontline-staff", "--hours", "3.5",
    )  # fmt: skip
    log(
        ff, early, e["ref"], "2026-03-14", "inconclusive", "Nobody could say if it helped",
        "--decision", "abandon", "--with", "families", "--hours", "0.5", "--force",
    )  # fmt: skip
    status(ff, early, e["ref"], "paused", "2026-03-15")
    log(
        ff, early, c["ref"], "2026-03-16", "inconclusive", "Too soon to say if choice helps",
        "--with", "families", "--cost", "0", "--tag", "pilot",
    )  # fmt: skip
    log(
        ff, family, a["ref"], "2026-03-20", "success", "Saturdays work for dads",
        "--decision", "adopt", "--next-step", "Run it every month",
        "--with", "partners", "--cost", "120.50",
    )  # fmt: skip
    status(ff, family, a["ref"], "adopted", "2026-03-25")
    log(ff, early, c["ref"], "2026-03-30", "failure", "Coaches tire after six weeks")
    status(ff, family, b["ref"], "abandoned", "2026-03-31")
    return {"A": a, "B": b, "C": c, "D": d, "E": e}


@dataclass(frozen=True)
class Built:
    root: Path
    one: Refs  # the refs of one/council.json
    teams: Refs  # the refs of teams/family-support.json and teams/early-years.json


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The council journal built once for the module, in a home of its own: as one
    file, and as one file per team. Tests use copies of them."""
    root = tmp_path_factory.mktemp("built")
    home = root / "home"
    base: dict[str, str | None] = {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "FF_CONFIG": str(home / "ff.ini"),
        "FF_OWNER": "test-owner",
        "COLUMNS": "100",
        **dict.fromkeys(("FF_JOURNAL", "FF_TEAM", "FF_CARD", "NO_COLOR", "FORCE_COLOR")),
    }
    runner = CliRunner()

    def run(*args: str, env: dict[str, str] | None = None) -> Result:
        return runner.invoke(app, list(args), env={**base, **(env or {})}, catch_exceptions=False)

    one = build_council(run, root / "one" / "council.json")
    teams = build_council(run, root / "teams" / "family-support.json", root / "teams" / EARLY)
    return Built(root, one, teams)


@pytest.fixture
def council(built: Built, tmp_path: Path) -> tuple[Path, Refs]:
    """A copy of the council journal, as one file."""
    path = tmp_path / "council.json"
    shutil.copy(built.root / "one" / "council.json", path)
    return path, built.one


@pytest.fixture
def teams(built: Built, tmp_path: Path) -> tuple[Path, Refs]:
    """A copy of the council journal as one journal per team, in a folder."""
    folder = tmp_path / "teams"
    folder.mkdir()
    for name in ("family-support.json", EARLY):
        shutil.copy(built.root / "teams" / name, folder / name)
    return folder, built.teams


def summary(ff: Run, *args: str, now: str = NOW) -> Result:
    return ff("summary", *args, env={"FF_NOW": now})


def figures(ff: Run, *args: str, now: str = NOW) -> dict[str, Any]:
    result = summary(ff, *args, "--json", now=now)
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


# What the summary should say of each idea and iteration of the council journal.
# fmt: off
FACTS = {  # title, team, owner, check level
    "A": ("Saturday drop-in for dads", "Family support", "Sam Price", "go"),
    "B": ("Text reminders for appointments", "Family support", "Sam Price", "approval"),
    "C": ("Family by Family coaching", "Early years", "Rhian Morgan", "caution"),
    "E": ("Library pop-up for toddlers", "Early years", "Rhian Morgan", "approval"),
}
TRIED = {  # (idea, number): date, result, decision, learned, next step, with
    ("A", 1): ("2026-03-05", "failure", None, "Dads do not come on weekdays",
               "Open on a Saturday", ["families"]),
    ("A", 2): ("2026-03-12", "inconclusive", None, "Too few came to tell",
               None, ["families", "frontline-staff"]),
    ("A", 3): ("2026-03-20", "success", "adopt", "Saturdays work for dads",
               "Run it every month", ["partners"]),
    ("B", 1): ("2026-03-10", "failure", None, "Families lacked phone credit", None, []),
    ("C", 1): ("2026-03-09", "partial", "adapt", "Matching on experience matters most",
               "Let families choose their coach", ["young-people", "grandparents"]),
    ("C", 2): ("2026-03-16", "inconclusive", None, "Too soon to say if choice helps",
               None, ["families"]),
    ("C", 3): ("2026-03-30", "failure", None, "Coaches tire after six weeks", None, []),
    ("E", 1): ("2026-03-14", "inconclusive", "abandon", "Nobody could say if it helped",
               None, ["families"]),
}
# fmt: on


def group(
    refs: Refs, letter: str, status: str, numbers: tuple[int, ...], *journals: str
) -> dict[str, Any]:
    """One idea's entry in ``learnings``: the idea, and its iterations ``numbers``."""
    title, team, owner, level = FACTS[letter]
    keys = ("date", "result", "decision", "learned", "next_step", "with")
    return {
        "idea": {
            **refs[letter],  # id and ref
            "title": title,
            "team": team,
            "owner": owner,
            "status": status,
            "level": level,
            "journals": list(journals),
        },
        "iterations": [
            {"number": n, **dict(zip(keys, TRIED[letter, n], strict=True))} for n in numbers
        ],
    }


def learnings(refs: Refs, family: str = "council", early: str = "council") -> list[Any]:
    """The learnings of the whole council journal: ideas by their newest iteration
    (C 30 Mar, A 20 Mar, E 14 Mar, B 10 Mar; D has none), each newest first."""
    return [
        group(refs, "C", "prototyping", (3, 2, 1), early),
        group(refs, "A", "adopted", (3, 2, 1), family),
        group(refs, "E", "paused", (1,), early),
        group(refs, "B", "abandoned", (1,), family),
    ]


# --------------------------------------------------------------------------- 1. figures


def test_every_figure_of_a_known_journal(ff: Run, tmp_path: Path) -> None:
    path = tmp_path / "council.json"
    refs = build_council(ff, path)
    data = figures(ff, "--journal", str(path))
    assert data == {
        "ideas": 5,
        "ideas_checked": 5,  # no period: every idea counts as checked
        "by_level": {"go": 1, "caution": 1, "approval": 2, "stop": 1},  # A; C; B, E; D
        "without_approval_share": 0.4,  # (go 1 + caution 1) / 5
        "by_status": {
            "checked": 1,  # D (stop: never tried)
            "approved": 0,  # B was approved, then moved on to prototyping, then abandoned
            "prototyping": 1,  # C
            "paused": 1,  # E
            "adopted": 1,  # A
            "abandoned": 1,  # B
        },
        "iterations": 8,  # A 3 + B 1 + C 3 + E 1
        "by_result": {
            "success": 1,  # A3
            "partial": 1,  # C1
            "failure": 3,  # A1, B1, C3
            "inconclusive": 3,  # A2, C2, E1
        },
        "speed": {
            # check to first iteration: A 2->5 Mar 3, B 3->10 Mar 7, C 4->9 Mar 5,
            # E 8->14 Mar 6; median of 3, 5, 6, 7 = 5.5
            "median_days_check_to_first_iteration": 5.5,
            "ideas_with_iterations": 4,
            # first iteration to the first adopt/abandon (decision or status):
            # A 5 Mar -> adopt decision 20 Mar (not status adopted 25 Mar) 15,
            # B 10 Mar -> status abandoned 31 Mar 21, E 14 Mar -> its own abandon 0;
            # C never decided. Median of 0, 15, 21 = 15
            "median_days_first_iteration_to_decision": 15.0,
            "ideas_decided": 3,
        },
        "fail_forward": {
            "iterations_per_idea": 2.0,  # 8 iterations / 4 ideas tried
            "failed_iterations": 6,  # failures and inconclusive: A1, A2, B1, C2, C3, E1
            # A1, A2, C2: a later iteration; B1: idea abandoned; E1: its own
            # decision; C3: none of these
            "failed_iterations_followed_up": 5,
            "failed_followed_up_share": 0.8333,  # 5 / 6, to 4 places
            "ideas_abandoned_after_learning": 2,  # B (status), E (its decision)
        },
        "coproduction": {
            "iterations_with_people": 6,  # A1, A2, A3, C1, C2, E1 (not B1, C3)
            "share": 0.75,  # 6 / 8
            "by_group": {
                "families": 4,  # A1, A2, C2, E1
                "young-people": 1,  # C1
                "frontline-staff": 1,  # A2
                "partners": 1,  # A3
                "grandparents": 1,  # C1, in the team's own words, after the four
            },
            # The people who use the service: A1, A2 (families, with staff), C1
            # (young people, grandparents), C2, E1; not A3 (partners only).
            "iterations_with_service_users": 5,
            "service_users_share": 0.625,  # 5 / 8
            "iterations_with_others_only": 1,  # A3
            "others_only_share": 0.125,
            "service_user_groups": ["families", "young-people", "grandparents"],
        },
        "spent": {
            "hours": 11.0,  # 2 + 3.5 + 1 + 4 + 0.5
            "iterations_with_hours": 5,  # A1, A2, B1, C1, E1
            "cost": 130.5,  # 10 + 120.50 + 0
            "iterations_with_cost": 3,  # A1, A3, C2 (£0 is recorded, so it counts)
        },
        "learnings": learnings(refs),
        "ideas_tried": 4,  # A, B, C, E (not D)
        "period": {"since": None, "until": None},
        "by_team": [
            {  # C, D, E
                "team": "Early years",
                "ideas": 3,
                "ideas_checked": 3,
                "ideas_tried": 2,  # C, E
                "iterations": 4,  # C1, C2, C3, E1
                "by_result": {"success": 0, "partial": 1, "failure": 1, "inconclusive": 2},
                "adopted": 0,
                "abandoned": 0,  # E is paused
                "iterations_with_service_users": 3,  # C1, C2, E1
                "hours": 4.5,  # C1 4 + E1 0.5
                "cost": 0.0,  # C2's £0
            },
            {  # A, B
                "team": "Family support",
                "ideas": 2,
                "ideas_checked": 2,
                "ideas_tried": 2,
                "iterations": 4,  # A1, A2, A3, B1
                "by_result": {"success": 1, "partial": 0, "failure": 2, "inconclusive": 1},
                "adopted": 1,  # A
                "abandoned": 1,  # B
                "iterations_with_service_users": 2,  # A1, A2
                "hours": 6.5,  # 2 + 3.5 + 1
                "cost": 130.5,  # 10 + 120.50
            },
        ],
        "over_time": {  # everything happened in March
            "unit": "month",
            "periods": [
                {
                    "period": "2026-03",
                    "ideas_checked": 5,
                    "iterations": 8,
                    "by_result": {"success": 1, "partial": 1, "failure": 3, "inconclusive": 3},
                }
            ],
        },
    }


def test_an_empty_journal_has_zeros_and_no_shares(ff: Run, journal: Path) -> None:
    data = figures(ff)
    assert data == {
        "ideas": 0,
        "ideas_checked": 0,
        "by_level": {"go": 0, "caution": 0, "approval": 0, "stop": 0},
        "without_approval_share": None,
        "by_status": {
            "checked": 0,
            "approved": 0,
            "prototyping": 0,
            "paused": 0,
            "adopted": 0,
            "abandoned": 0,
        },
        "iterations": 0,
        "by_result": {"success": 0, "partial": 0, "failure": 0, "inconclusive": 0},
        "speed": {
            "median_days_check_to_first_iteration": None,
            "ideas_with_iterations": 0,
            "median_days_first_iteration_to_decision": None,
            "ideas_decided": 0,
        },
        "fail_forward": {
            "iterations_per_idea": None,
            "failed_iterations": 0,
            "failed_iterations_followed_up": 0,
            "failed_followed_up_share": None,
            "ideas_abandoned_after_learning": 0,
        },
        "coproduction": {
            "iterations_with_people": 0,
            "share": None,
            "by_group": {"families": 0, "young-people": 0, "frontline-staff": 0, "partners": 0},
            "iterations_with_service_users": 0,
            "service_users_share": None,
            "iterations_with_others_only": 0,
            "others_only_share": None,
            "service_user_groups": ["families", "young-people"],
        },
        "spent": {"hours": 0.0, "iterations_with_hours": 0, "cost": 0.0, "iterations_with_cost": 0},
        "learnings": [],
        "ideas_tried": 0,
        "period": {"since": None, "until": None},
        "by_team": [],
        "over_time": {"unit": "month", "periods": []},
    }
    assert not journal.exists()


def test_a_failure_after_adoption_with_nothing_after_it_is_not_followed_up(
    ff: Run, tmp_path: Path
) -> None:
    path = tmp_path / "council.json"
    a = check(ff, path, "Saturday drop-in for dads", "2026-03-02")
    log(ff, path, a["ref"], "2026-03-05", "success", "Saturdays work", "--decision", "adopt")
    status(ff, path, a["ref"], "adopted", "2026-03-06")
    log(ff, path, a["ref"], "2026-03-20", "failure", "The new hall is too far")
    forward = figures(ff, "--journal", str(path))["fail_forward"]
    # One failure (#2), after the adoption; nothing later, no decision of its own.
    assert (forward["failed_iterations"], forward["failed_iterations_followed_up"]) == (1, 0)


# --------------------------------------------------------------------------- 2. human output


def _line(out: str, label: str, value: str) -> None:
    assert re.search(rf"^{re.escape(label)} +{re.escape(value)}$", out, re.M), (label, out)


def test_human_summary_shows_headlines_learnings_and_charts(
    ff: Run, council: tuple[Path, Refs]
) -> None:
    path, refs = council
    result = summary(ff, "--journal", str(path))
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "\x1b" not in out, "not a terminal: plain text"
    assert out.startswith(
        "What we tried and learned\nFrom 1 journal: council\n"
        "5 ideas: 5 checked, 4 tried; 8 iterations.\n"
    ), "the counts agree: no period, so every idea counts as checked"
    # The headline figures, with the values of test_every_figure_of_a_known_journal.
    _line(out, "Ideas checked", "5")
    _line(out, "Could go ahead without approval", "40%")
    _line(out, "Iterations logged", "8")
    _line(out, "Median days from check to first iteration", "5.5")
    _line(out, "Median days from first iteration to adopt or abandon", "15")
    _line(out, "Iterations per idea tried", "2")
    _line(out, "Failures and inconclusive tries that led somewhere", "5 of 6 (83%)")
    _line(out, "Ideas abandoned after learning", "2")
    _line(out, "Iterations with the people who use the service", "5 of 8 (63%)")
    _line(out, "Iterations with only staff, partners or others", "1 of 8 (13%)")
    _line(out, "Hours spent (where recorded)", "11")
    _line(out, "Money spent (where recorded)", "£130.50")

    # The learnings: ideas newest first (C, A, E, B; D was never tried), each
    # idea's iterations newest first, with team, status, check and journal.
    learned = out[out.index("What we learned (newest first)") : out.index("Ideas by check")]

    def tried(number: int, day: str, result: str, text: str) -> str:
        return rf"#{number} {day} 2026 {re.escape(result)}:?\s+{re.escape(text)}"

    def idea(title: str, ref: str) -> str:
        return rf"{re.escape(title)}\s+{ref}"

    expected = [
        idea("Family by Family coaching", refs["C"]["ref"]),
        re.escape("Early years · prototyping · check: Go ahead, with conditions · council"),
        tried(3, "30 Mar", "FAILURE", "Coaches tire after six weeks"),
        tried(2, "16 Mar", "INCONCLUSIVE", "Too soon to say if choice helps"),
        tried(1, "9 Mar", "PARTIAL (adapt)", "Matching on experience matters most"),
        r"Next:\s+Let families choose their coach",
        idea("Saturday drop-in for dads", refs["A"]["ref"]),
        re.escape("Family support · adopted · check: Go ahead · council"),
        tried(3, "20 Mar", "SUCCESS (adopt)", "Saturdays work for dads"),
        r"Next:\s+Run it every month",
        tried(2, "12 Mar", "INCONCLUSIVE", "Too few came to tell"),
        tried(1, "5 Mar", "FAILURE", "Dads do not come on weekdays"),
        r"Next:\s+Open on a Saturday",
        idea("Library pop-up for toddlers", refs["E"]["ref"]),
        re.escape("Early years · paused · check: Talk to your manager first · council"),
        tried(1, "14 Mar", "INCONCLUSIVE (abandon)", "Nobody could say if it helped"),
        idea("Text reminders for appointments", refs["B"]["ref"]),
        re.escape("Family support · abandoned · check: Talk to your manager first · council"),
        tried(1, "10 Mar", "FAILURE", "Families lacked phone credit"),
    ]
    # Compared as one line of words, so the layout (and wrapping) may change freely.
    flat = " ".join(learned.split()[5:])  # after "What we learned (newest first)"
    assert re.fullmatch(r"\s+".join(expected), flat), flat
    assert "Rearrange the waiting room" not in out

    # The charts, as text when the output is not a terminal: each count as a number,
    # no bars (tests/terminal/test_plain_output.py checks the bars of a terminal).
    charts = out[out.index("Ideas by check decision") :]
    titles = ["Ideas by check decision", "Ideas by status", "Iterations by result"]
    titles.append("Iterations by who took part")
    assert [charts.index(t) for t in titles] == sorted(charts.index(t) for t in titles)
    assert "█" not in out
    counts = {m[1]: int(m[2]) for m in re.finditer(r"^(\S+): (\d+)$", charts, re.M)}
    assert counts == {
        "go": 1, "caution": 1, "approval": 2, "stop": 1,
        "checked": 1, "approved": 0, "prototyping": 1, "paused": 1, "adopted": 1, "abandoned": 1,
        "success": 1, "partial": 1, "failure": 3, "inconclusive": 3,
        "families": 4, "young-people": 1, "frontline-staff": 1, "partners": 1, "grandparents": 1,
    }  # fmt: skip

    no_colour = ff("summary", "--journal", str(path), env={"FF_NOW": NOW, "NO_COLOR": "1"})
    assert no_colour.stdout == out and "\x1b" not in no_colour.stdout + no_colour.stderr

    # With a period the headlines count what happened in it (the figures of
    # test_a_period_counts_only_its_iterations_and_ideas_checked_or_tried_in_it).
    since, until = ("--since", "2026-03-05"), ("--until", "2026-03-14")
    period = summary(ff, "--journal", str(path), *since, *until).stdout
    assert "From 1 journal: council" in period
    # The counts agree and say what they count: 5 ideas, of which 2 were checked in
    # the period (D, E) and 4 tried in it (A, B, C, E).
    assert (
        "5 ideas checked or tried from 5 Mar 2026 to 14 Mar 2026: 2 checked in the period, "
        "4 tried; 5 iterations." in " ".join(period.split())
    )
    _line(period, "Ideas checked in the period", "2")
    _line(period, "Ideas tried in the period", "4")
    _line(period, "Could go ahead without approval", "0%")
    _line(period, "Iterations logged in the period", "5")
    _line(period, "Median days from first iteration to adopt or abandon", "20")
    _line(period, "Money spent (where recorded)", "£10")


def test_summary_with_no_iterations_says_so(ff: Run, tmp_path: Path) -> None:
    path = tmp_path / "council.json"
    check(ff, path, "Rearrange the waiting room", "2026-03-06", legal="no")
    out = summary(ff, "--journal", str(path)).stdout
    assert "From 1 journal: council\n1 idea: 1 checked, 0 tried; 0 iterations." in out
    assert "No iterations recorded yet." in out
    # Charts of noughts say nothing: only the one with something in it is drawn.
    assert "Ideas by check decision" in out and "Ideas by status" in out
    assert "Iterations by result" not in out and "Iterations by who took part" not in out
    _line(out, "Failures and inconclusive tries that led somewhere", "0 of 0 (-)")
    _line(out, "Median days from check to first iteration", "-")
    assert re.search(r"^stop: 1$", out, re.M)  # not a terminal: the count, no bar


@pytest.mark.slow
def test_real_processes_print_no_escape_codes_unless_at_a_terminal(
    council: tuple[Path, Refs],
) -> None:
    """Piped: no escape codes at all. At a terminal with NO_COLOR: no colour (Rich
    may still use bold and dim, as the other terminal tests note)."""
    path, _ = council
    piped = run_ff("summary", "--journal", str(path), env={"FF_NOW": NOW})
    assert piped.returncode == 0, piped.stderr
    assert "Iterations by result" in piped.stdout
    assert "\x1b" not in piped.stdout + piped.stderr
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "FF_NOW": NOW}
    env.pop("FORCE_COLOR", None)
    shown = run_in_terminal("summary", "--journal", str(path), env=env)
    assert "Iterations by result" in shown and "█" in shown
    assert not COLOUR.search(shown), sorted(set(re.findall(r"\x1b\[[0-9;]*m", shown)))
    env.pop("NO_COLOR")
    coloured = run_in_terminal("summary", "--journal", str(path), env=env)
    assert COLOUR.search(coloured), "the colour check can see colour"


# --------------------------------------------------------------------------- 3. filters


def _export(ff: Run, *args: str, now: str = NOW) -> dict[str, Any]:
    result = ff("export", "--format", "json", *args, env={"FF_NOW": now})
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.mark.parametrize(
    ("options", "chosen", "iterations"),
    [
        (("--team", "early years"), "CDE", 4),  # any case
        (("--team", "Family support", "--team", "EARLY YEARS"), "ABCDE", 8),
        (("--owner", "sam price"), "AB", 4),
        (("--tag", "DADS"), "A", 3),  # the idea's tag
        (("--tag", "pilot"), "C", 3),  # a tag on one of its iterations
        (("--status", "adopted", "--status", "abandoned"), "AB", 4),
        (("--level", "approval"), "BE", 2),
        (("--level", "Stop"), "D", 0),
        (("--team", "Early years", "--level", "approval"), "E", 1),  # filters combine
        (("--idea", "{A}", "--idea", "{C4}"), "AC", 6),  # a ref, and the start of one
        (("--idea", "zzzz"), "", 0),
    ],
)
def test_filters_choose_ideas_in_summary_and_export_alike(
    ff: Run, council: tuple[Path, Refs], options: tuple[str, ...], chosen: str, iterations: int
) -> None:
    path, refs = council
    args = [
        o.format(A=refs["A"]["ref"], C4=refs["C"]["ref"][:4]) for o in options
    ]  # fmt: skip
    data = figures(ff, "--journal", str(path), *args)
    assert (data["ideas"], data["ideas_checked"], data["iterations"]) == (
        len(chosen),
        len(chosen),
        iterations,
    )
    tried = {g["idea"]["ref"] for g in data["learnings"]}
    assert tried == {refs[x]["ref"] for x in chosen if x != "D"}
    exported = _export(ff, "--journal", str(path), *args)
    assert exported["summary"] == data
    assert sorted(i["ref"] for i in exported["ideas"]) == sorted(refs[x]["ref"] for x in chosen)


def test_a_period_counts_only_its_iterations_and_ideas_checked_or_tried_in_it(
    ff: Run, council: tuple[Path, Refs]
) -> None:
    path, refs = council
    period = ("--since", "2026-03-05", "--until", "2026-03-14")
    data = figures(ff, "--journal", str(path), *period)
    # In the period: A1 (5 Mar), C1 (9), B1 (10), A2 (12), E1 (14). Ideas kept: A, B,
    # C (tried in it), D (checked 6 Mar), E (checked 8 Mar, tried 14 Mar).
    assert data == {
        "ideas": 5,
        "ideas_checked": 2,  # D and E were checked in the period
        "by_level": {"go": 0, "caution": 0, "approval": 1, "stop": 1},  # E; D
        "without_approval_share": 0.0,
        "by_status": {  # statuses as they are now
            "checked": 1,
            "approved": 0,
            "prototyping": 1,
            "paused": 1,
            "adopted": 1,
            "abandoned": 1,
        },
        "iterations": 5,
        "by_result": {"success": 0, "partial": 1, "failure": 2, "inconclusive": 2},
        "speed": {
            "median_days_check_to_first_iteration": 5.5,  # 3, 5, 6, 7 as before
            "ideas_with_iterations": 4,
            # A's adopt decision (20 Mar) is outside the period, but its status
            # adopted (25 Mar) counts: 5 -> 25 Mar 20; B 21; E 0. Median 20.
            "median_days_first_iteration_to_decision": 20.0,
            "ideas_decided": 3,
        },
        "fail_forward": {
            "iterations_per_idea": 1.25,  # 5 / 4
            "failed_iterations": 4,  # A1, A2, B1, E1
            # A1: A2 after it; A2: A adopted; B1: B abandoned; E1: its decision
            "failed_iterations_followed_up": 4,
            "failed_followed_up_share": 1.0,
            "ideas_abandoned_after_learning": 2,  # B, E
        },
        "coproduction": {
            "iterations_with_people": 4,  # A1, A2, C1, E1
            "share": 0.8,
            "by_group": {
                "families": 3,  # A1, A2, E1
                "young-people": 1,
                "frontline-staff": 1,
                "partners": 0,  # A3 (20 Mar) is outside the period
                "grandparents": 1,
            },
            "iterations_with_service_users": 4,  # all four named families or young people
            "service_users_share": 0.8,
            "iterations_with_others_only": 0,
            "others_only_share": 0.0,
            "service_user_groups": ["families", "young-people", "grandparents"],
        },
        "spent": {
            "hours": 11.0,  # 2 + 3.5 + 1 + 4 + 0.5: every hour was spent in the period
            "iterations_with_hours": 5,
            "cost": 10.0,  # A1 only (A3 and C2 are outside)
            "iterations_with_cost": 1,
        },
        # Newest first: E (14 Mar), A (12 Mar), B (10 Mar), C (9 Mar).
        "learnings": [
            group(refs, "E", "paused", (1,), "council"),
            group(refs, "A", "adopted", (2, 1), "council"),
            group(refs, "B", "abandoned", (1,), "council"),
            group(refs, "C", "prototyping", (1,), "council"),
        ],
        "ideas_tried": 4,  # A, B, C, E tried in it; D only checked
        "period": {"since": "2026-03-05", "until": "2026-03-14"},
        "by_team": [
            {
                "team": "Early years",
                "ideas": 3,  # C (tried in it), D, E
                "ideas_checked": 2,  # D, E
                "ideas_tried": 2,  # C, E
                "iterations": 2,  # C1, E1
                "by_result": {"success": 0, "partial": 1, "failure": 0, "inconclusive": 1},
                "adopted": 0,
                "abandoned": 0,
                "iterations_with_service_users": 2,
                "hours": 4.5,
                "cost": 0.0,
            },
            {
                "team": "Family support",
                "ideas": 2,
                "ideas_checked": 0,  # A and B were checked before the period
                "ideas_tried": 2,
                "iterations": 3,  # A1, A2, B1
                "by_result": {"success": 0, "partial": 0, "failure": 2, "inconclusive": 1},
                "adopted": 1,
                "abandoned": 1,
                "iterations_with_service_users": 2,  # A1, A2
                "hours": 6.5,
                "cost": 10.0,
            },
        ],
        "over_time": {
            "unit": "month",
            "periods": [
                {
                    "period": "2026-03",
                    "ideas_checked": 2,
                    "iterations": 5,
                    "by_result": {"success": 0, "partial": 1, "failure": 2, "inconclusive": 2},
                }
            ],
        },
    }
    assert _export(ff, "--journal", str(path), *period)["summary"] == data

    # Only --until: ideas checked or tried by 8 Mar. A1 is the one iteration; all
    # five ideas were checked by then.
    until = figures(ff, "--journal", str(path), "--until", "2026-03-08")
    assert (until["ideas"], until["ideas_checked"], until["iterations"]) == (5, 5, 1)
    # Only --since: from 8 Mar. A, B, C and E were tried; only E was checked then;
    # every iteration but A1.
    since = figures(ff, "--journal", str(path), "--since", "2026-03-08")
    assert (since["ideas"], since["ideas_checked"], since["iterations"]) == (4, 1, 7)
    assert since["by_level"] == {"go": 0, "caution": 0, "approval": 1, "stop": 0}
    # A period with nothing in it.
    empty = figures(ff, "--journal", str(path), "--since", "2026-05-01")
    assert (empty["ideas"], empty["iterations"], empty["learnings"]) == (0, 0, [])


def test_relative_periods_count_back_from_today(ff: Run, council: tuple[Path, Refs]) -> None:
    path, _ = council
    where = ("--journal", str(path))
    since_8_march = figures(ff, *where, "--since", "2026-03-08")
    until_8_march = figures(ff, *where, "--until", "2026-03-08")
    assert since_8_march != until_8_march
    for span, now in [
        ("14d", "2026-03-22T12:00:00Z"),  # 22 Mar less 14 days
        ("2w", "2026-03-22T12:00:00Z"),
        ("1m", "2026-04-08T12:00:00Z"),  # a calendar month
    ]:
        assert figures(ff, *where, "--since", span, now=now) == since_8_march, span
    for span, now in [
        ("30d", "2026-04-07T12:00:00Z"),  # 7 Apr less 30 days
        ("12w", "2026-05-31T12:00:00Z"),  # 31 May less 84 days
        ("6m", "2026-09-08T12:00:00Z"),
    ]:
        assert figures(ff, *where, "--until", span, now=now) == until_8_march, span
    # The end of a short month: 31 Mar less 1 month is 28 Feb (everything).
    assert figures(ff, *where, "--since", "1m", now="2026-03-31T12:00:00Z")["ideas"] == 5
    # 30 Apr less 1 month is 30 Mar: C3 only, so only C.
    assert figures(ff, *where, "--since", "1m", now="2026-04-30T12:00:00Z")["ideas"] == 1


@pytest.mark.parametrize("command", ["summary", "export"])
@pytest.mark.parametrize(
    ("options", "says"),
    [
        (("--level", "amber"), ["--level 'amber' is not allowed", "go, caution, approval, stop"]),
        (
            ("--status", "done"),
            [
                "--status 'done' is not allowed",
                "checked, approved, prototyping, paused, adopted, abandoned",
            ],
        ),
        (
            ("--since", "2026-03-20", "--until", "2026-03-10"),
            ["--since 2026-03-20 is after --until 2026-03-10"],
        ),
        (("--since", "30d", "--until", "60d"), ["--since 2026-03-02 is after --until 2026-01-31"]),
        (("--since", "last week"), ["--since 'last week' is not a date", "YYYY-MM-DD"]),
    ],
)
def test_bad_filter_values_exit_2_saying_what_is_allowed(
    ff: Run, tmp_path: Path, command: str, options: tuple[str, ...], says: list[str]
) -> None:
    path = tmp_path / "council.json"
    check(ff, path, "Saturday drop-in for dads", "2026-03-02")
    extra = ("--format", "json") if command == "export" else ()
    result = ff(command, *extra, "--journal", str(path), *options, env={"FF_NOW": NOW})
    assert result.exit_code == 2
    assert result.stdout == ""
    for words in says:
        assert words in result.stderr


# --------------------------------------------------------------------------- 4. many journals


def test_many_journals_by_path_folder_or_pattern(
    ff: Run,
    tmp_path: Path,
    built: Built,
    teams: tuple[Path, Refs],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder, refs = teams
    monkeypatch.chdir(tmp_path)
    by_path = figures(
        ff, "--journal", str(folder / "family-support.json"), "--journal", "teams/early-years.json"
    )
    # The figures of the one council journal; each idea names its own journal.
    whole_journal = tmp_path / "council" / "journal.json"
    whole_journal.parent.mkdir()
    shutil.copy(built.root / "one" / "council.json", whole_journal)
    whole = figures(ff, "--journal", str(whole_journal))
    assert {k: v for k, v in by_path.items() if k != "learnings"} == {
        k: v for k, v in whole.items() if k != "learnings"
    }
    assert by_path["learnings"] == learnings(refs, "family-support", "early-years")
    assert whole["learnings"][0]["idea"]["journals"] == ["council"], "journal.json: its folder"
    assert figures(ff, "--journal", "teams") == by_path
    assert figures(ff, "--journal", str(folder) + "/") == by_path
    assert figures(ff, "--journal", "teams/*.json") == by_path
    assert figures(ff, "--journal", str(tmp_path / "*" / "*-*.json")) == by_path
    # The same file named twice is read once.
    assert figures(ff, "--journal", "teams", "--journal", "teams/early-years.json") == by_path
    twice = figures(ff, "--journal", "teams/early-years.json", "--journal", str(folder / EARLY))
    assert twice["ideas"] == 3  # C, D, E
    assert [g["idea"]["journals"] for g in twice["learnings"]] == [["early-years"]] * 2

    out = summary(ff, "--journal", "teams/*.json").stdout
    assert "From 2 journals: early-years, family-support" in out
    assert "Early years · prototyping · check: Go ahead, with conditions · early-years" in out
    assert "Family support · adopted · check: Go ahead · family-support" in out


def test_an_idea_in_two_journals_is_counted_once_naming_both(
    ff: Run, tmp_path: Path, teams: tuple[Path, Refs]
) -> None:
    folder, refs = teams
    copy = tmp_path / "laptop" / "journal.json"  # named "laptop", after its folder
    copy.parent.mkdir()
    shutil.copy(folder / "family-support.json", copy)
    log(ff, copy, refs["A"]["ref"], "2026-03-28", "partial", "Mums came too", "--hours", "2")
    data = figures(ff, "--journal", str(folder), "--journal", str(copy))
    # Still five ideas; the copy adds only its new iteration, A4.
    assert (data["ideas"], data["iterations"]) == (5, 9)
    assert data["by_result"] == {"success": 1, "partial": 2, "failure": 3, "inconclusive": 3}
    assert data["spent"]["hours"] == 13.0  # 11 + 2
    assert data["fail_forward"]["iterations_per_idea"] == 2.25  # 9 / 4
    groups = {g["idea"]["ref"]: g for g in data["learnings"]}
    assert [g["idea"]["ref"] for g in data["learnings"]] == [refs[x]["ref"] for x in "CAEB"], (
        "C (30 Mar) is still newest; A's newest is now 28 Mar"
    )
    assert groups[refs["A"]["ref"]]["idea"]["journals"] == ["family-support", "laptop"]
    assert groups[refs["B"]["ref"]]["idea"]["journals"] == ["family-support", "laptop"]
    assert groups[refs["C"]["ref"]]["idea"]["journals"] == ["early-years"]
    assert [i["number"] for i in groups[refs["A"]["ref"]]["iterations"]] == [4, 3, 2, 1]
    out = summary(ff, "--journal", str(folder), "--journal", str(copy)).stdout
    assert "From 3 journals: early-years, family-support, laptop" in out
    assert "Family support · adopted · check: Go ahead · family-support, laptop" in out
    assert re.search(r"#4 28 Mar 2026 PARTIAL:?\s+Mums came too", out)


def test_journals_that_cannot_be_used(ff: Run, tmp_path: Path, teams: tuple[Path, Refs]) -> None:
    folder, _ = teams
    nothing = ff("summary", "--journal", str(tmp_path / "elsewhere" / "*.json"))
    assert nothing.exit_code == 2 and nothing.stdout == ""
    assert "matches no file" in nothing.stderr
    (tmp_path / "empty").mkdir()
    empty = ff("summary", "--journal", str(tmp_path / "empty"))
    assert empty.exit_code == 2 and "holds no .json journal" in empty.stderr

    broken = folder / "broken.json"
    broken.write_text('{"ff_journal": {"schema": 1}, "ideas": {', encoding="utf-8")
    result = summary(ff, "--journal", str(folder), "--json")
    assert result.exit_code == 1
    assert "Not included" in result.stderr and str(broken) in result.stderr
    data = json.loads(result.stdout)
    assert (data["ideas"], data["iterations"]) == (5, 8), "the others are summarised"
    human = summary(ff, "--journal", str(folder))
    assert human.exit_code == 1 and str(broken) in human.stderr
    assert "Family by Family coaching" in human.stdout
    assert "Saturday drop-in for dads" in human.stdout
    exported = ff("export", "-f", "json", "--journal", str(folder), env={"FF_NOW": NOW})
    assert exported.exit_code == 1
    assert str(broken) in json.loads(exported.stdout)["problems"][0]

    strict = summary(ff, "--journal", str(folder), "--strict", "--json")
    assert strict.exit_code == 1 and strict.stdout == ""
    assert str(broken) in strict.stderr
    assert broken.read_text(encoding="utf-8") == '{"ff_journal": {"schema": 1}, "ideas": {'

    broken.unlink()
    missing = tmp_path / "gone" / "team.json"
    result = summary(ff, "--journal", str(folder), "--journal", str(missing), "--json")
    assert result.exit_code == 1
    assert f"There is no journal at {missing}" in result.stderr
    assert json.loads(result.stdout)["ideas"] == 5
    assert summary(ff, "--journal", str(missing), "--strict").exit_code == 1
    assert not missing.parent.exists()


def test_a_missing_default_journal_is_an_empty_summary(
    ff: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "nowhere" / "journal.json"
    monkeypatch.setenv("FF_JOURNAL", str(missing))
    result = summary(ff, "--json")
    assert (result.exit_code, result.stderr) == (0, "")
    data = json.loads(result.stdout)
    assert (data["ideas"], data["iterations"], data["learnings"]) == (0, 0, [])
    human = summary(ff)
    assert human.exit_code == 0
    # Plainly nothing yet, and what to run: no empty figures or charts.
    assert human.stdout == (
        "Nothing to report yet: there are no ideas in the journal.\n"
        'Check an idea first with: ff check "Your idea", then record each try with: '
        "ff log REF\n"
    )
    assert not missing.parent.exists()


# --------------------------------------------------------------------------- 5. read only


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_journals_are_only_read(ff: Run, tmp_path: Path, teams: tuple[Path, Refs]) -> None:
    folder, refs = teams
    shared = tmp_path / "shared"  # copies never written by ff: no .lock beside them
    (shared / "youth").mkdir(parents=True)
    shutil.copy(folder / "family-support.json", shared / "family-support.json")
    shutil.copy(folder / "early-years.json", shared / "early-years.json")
    shutil.copy(folder / "family-support.json", shared / "youth" / "journal.json")
    for path in shared.rglob("*.json"):
        os.utime(path, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    before = _snapshot(shared)
    teams_before = _snapshot(folder)
    runs = [
        ("summary", "--journal", str(shared), "--journal", str(shared / "youth" / "journal.json")),
        ("summary", "--json", "--journal", str(shared / "*.json"), "--since", "30d"),
        ("summary", "--journal", str(folder), "--team", "early years", "--strict"),
        ("export", "-f", "json", "--journal", str(shared), "--idea", refs["A"]["ref"]),
        ("export", "-f", "md", "--journal", str(shared / "**" / "*.json")),
    ]
    for args in runs:
        done = ff(*args, env={"FF_NOW": NOW})
        assert done.exit_code == 0, (args, done.stderr)
        assert "Saturday drop-in" in done.stdout or "Family by Family" in done.stdout
    assert _snapshot(shared) == before
    assert not list(shared.rglob("*.lock")) and not list(shared.rglob("*.tmp*"))
    assert _snapshot(folder) == teams_before


# --------------------------------------------------------------------------- 6. progress


def _thirty_journals(teams: tuple[Path, Refs], tmp_path: Path) -> Path:
    folder, _ = teams
    many = tmp_path / "many"
    many.mkdir()
    for number in range(30):
        shutil.copy(folder / "early-years.json", many / f"team-{number:02}.json")
    return many


def _slow_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each journal takes 25 ms to read, so 30 take longer than the half second
    after which a terminal would see a progress bar."""
    import ff.reporting.collect

    read = ff.reporting.collect.read_journal_file

    def slow(path: Path, **how: Any) -> Any:
        time.sleep(0.025)
        return read(path, **how)

    monkeypatch.setattr(ff.reporting.collect, "read_journal_file", slow)


def test_no_progress_bar_when_stderr_is_not_a_terminal(
    ff: Run, tmp_path: Path, teams: tuple[Path, Refs], monkeypatch: pytest.MonkeyPatch
) -> None:
    many = _thirty_journals(teams, tmp_path)
    _slow_reads(monkeypatch)
    started = time.monotonic()
    result = summary(ff, "--journal", str(many), "--json")
    assert time.monotonic() - started > 0.6
    assert (result.exit_code, result.stderr) == (0, "")
    data = json.loads(result.stdout)
    assert (data["ideas"], data["iterations"]) == (3, 4), "30 copies: each idea once"
    assert data["learnings"][0]["idea"]["journals"] == [f"team-{n:02}" for n in range(30)]
    human = summary(ff, "--journal", str(many))
    assert (human.exit_code, human.stderr) == (0, "")
    assert "Reading journals" not in human.stdout and "\x1b" not in human.stdout
    assert human.stdout.startswith("What we tried and learned\nFrom 30 journals:")


def test_a_terminal_would_see_the_progress_bar(
    ff: Run, tmp_path: Path, teams: tuple[Path, Refs], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other side of the test above: with stderr a terminal, the bar shows, on
    stderr only, so the test above could see one if it were printed."""
    from rich.console import Console

    from ff.terminal import console

    many = _thirty_journals(teams, tmp_path)
    _slow_reads(monkeypatch)
    monkeypatch.setattr(console, "_err", Console(stderr=True, force_terminal=True, width=100))
    result = summary(ff, "--journal", str(many), "--json")
    assert result.exit_code == 0
    assert "Reading journals" in result.stderr
    assert "Reading journals" not in result.stdout
    assert json.loads(result.stdout)["ideas"] == 3


def test_a_big_journal_shows_the_newest_learnings_and_says_how_to_see_all(
    ff: Run, tmp_path: Path
) -> None:
    """The terminal shows the learnings of the newest 50 ideas; --all shows every one."""
    import json as json_module

    from tests.benchmarks.bench import make_tables, write_journal

    path = tmp_path / "big.json"
    tables = make_tables(200, ideas=60, seed=7)
    write_journal(path, tables)
    tried = {it["idea_id"] for it in tables["iterations"].values()}
    short = ff("summary", "--journal", str(path))
    assert short.exit_code == 0, short.stderr
    assert f"...and {len(tried) - 50} more idea(s) with learnings" in short.stdout
    assert "ff summary --all" in short.stdout
    full = ff("summary", "--journal", str(path), "--all")
    assert "more idea(s) with learnings" not in full.stdout
    learned = [it["learned"] for it in tables["iterations"].values()]
    flat = " ".join(full.stdout.split())
    assert all(" ".join(text.split()) in flat for text in learned)
    figures = json_module.loads(ff("summary", "--journal", str(path), "--json").stdout)
    assert len(figures["learnings"]) == len(tried), "JSON always has every learning"
