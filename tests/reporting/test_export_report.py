"""The report a director reads (HTML and Markdown): every iteration's evidence, the
check's reasons, who approved and when, the status history; a breakdown by team and
over time; a title and a period; one idea told whole as a case study; a summary
whose counts agree; and exports shown in a terminal with control characters inert.

The journal, made through the CLI with the clock set for each step:

P "Parents Supporting Parents"  Family support, Sam Price, approval (harm unsure), 2 Mar
    approved 4 Mar by "Jo Evans, service manager", note "Volunteers to be DBS checked first"
    #1 17 Mar failure, adapt: every field, with families and frontline-staff, 6 h, £40
    #2 14 Apr success, adopt: with families, 9 h
    status adopted 20 Apr
W "Quiet corner in the waiting room"  Early years, Rhian Morgan, go, 7 Apr
    #1  5 May partial: with young-people, 8 h, £60
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from ff.reporting.breakdown import over_time
from ff.reporting.exporters.screen import for_terminal
from tests.conftest import ALL_CLEAR, answer_options
from tests.reporting.test_export import Element, parse_html, rendered_markdown

Run = Callable[..., Result]
NOW = "2026-06-01T12:00:00Z"
FIRST = {
    "hypothesis": "Parents who have been through services welcome new families better",
    "test": "Two volunteer Meeter Greeters on Tuesday mornings",
    "measure": "Families coming to the first two sessions",
    "criteria": "At least 5 new families come",
    "observed": "2 families came; both said the greeter made the difference",
    "learned": "Families come when someone like them invites them",
    "next-step": "Greeters phone families referred by health visitors",
}


def at(day: str) -> dict[str, str]:
    return {"FF_NOW": f"{day}T12:00:00Z"}


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.stdout + result.stderr
    return result


def check(ff: Run, title: str, team: str, owner: str, day: str, **answers: str) -> str:
    done = ff(
        "check", title, "--json", "--team", team, "--owner", owner,
        *answer_options({**ALL_CLEAR, **answers}), env=at(day),
    )  # fmt: skip
    assert done.exit_code in (0, 3, 4), done.stderr  # 3: approval needed
    return str(json.loads(done.stdout)["idea"]["ref"])


@pytest.fixture
def refs(ff: Run, journal: Path) -> dict[str, str]:
    p = check(ff, "Parents Supporting Parents", "Family support", "Sam Price", "2026-03-02",
              harm="unsure")  # fmt: skip
    ok(ff("status", p, "approved", "--by", "Jo Evans, service manager",
          "--note", "Volunteers to be DBS checked first", env=at("2026-03-04")))  # fmt: skip
    fields = [f"--{name}={value}" for name, value in FIRST.items()]
    ok(ff("log", p, *fields, "--result=failure", "--decision=adapt", "--with=families",
          "--with=frontline-staff", "--hours=6", "--cost=40", "--date=2026-03-17",
          env=at("2026-03-17")))  # fmt: skip
    ok(ff("log", p, "--test=Greeters phone referred families", "--result=success",
          "--learned=A phone call more than doubled who came", "--decision=adopt",
          "--with=families", "--hours=9", "--date=2026-04-14", env=at("2026-04-14")))  # fmt: skip
    ok(ff("status", p, "adopted", "--note", "Part of the offer", env=at("2026-04-20")))
    w = check(ff, "Quiet corner in the waiting room", "Early years", "Rhian Morgan", "2026-04-07")
    ok(ff("log", w, "--test=A quiet corner for a month", "--result=partial",
          "--learned=Noise matters more than furniture", "--with=young-people", "--hours=8",
          "--cost=60", "--date=2026-05-05", env=at("2026-05-05")))  # fmt: skip
    return {"P": p, "W": w}


def html(ff: Run, *args: str) -> Element:
    return parse_html(ok(ff("export", "-f", "html", *args, env={"FF_NOW": NOW})).stdout).root


def markdown(ff: Run, *args: str) -> str:
    return ok(ff("export", "-f", "md", *args, env={"FF_NOW": NOW})).stdout


def texts(page: Element, tag: str) -> list[str]:
    return [" ".join(e.text.split()) for e in page.all(tag)]


# What the report must say of idea P, wherever it shows it.
EVIDENCE = [
    f"Hypothesis: {FIRST['hypothesis']}",
    f"What we tried: {FIRST['test']}",
    f"Measure: {FIRST['measure']}",
    f"Prediction: {FIRST['criteria']}",
    f"What we observed: {FIRST['observed']}",
    f"Learned: {FIRST['learned']}",
    f"Next: {FIRST['next-step']}",
]
APPROVAL = "Approved by Jo Evans, service manager on 4 Mar 2026: Volunteers to be DBS checked first"
REASON = "You are not sure whether it could put someone at risk of harm."
HISTORY = [
    "2 Mar 2026: checked (Sam Price)",
    "4 Mar 2026: approved (Jo Evans, service manager): Volunteers to be DBS checked first",
    "17 Mar 2026: prototyping (test-owner): iteration 1 logged",  # who ran ff log (FF_OWNER)
    "20 Apr 2026: adopted (test-owner): Part of the offer",
]


def test_each_iteration_shows_its_evidence_in_html_and_markdown(
    ff: Run, refs: dict[str, str]
) -> None:
    page = html(ff)
    (article,) = [a for a in page.all("article") if "Parents Supporting" in a.all("h3")[0].text]
    (first,) = [s for s in article.all("section") if s.all("h4")[0].text.startswith("Iteration 1")]
    assert first.all("h4")[0].text == "Iteration 1 · 17 Mar 2026 · Failure · decision: adapt"
    shown = texts(first, "p")
    assert shown == [*EVIDENCE, "With: families, frontline-staff · Hours: 6 hours · Money: £40"]
    said = " ".join(article.text.split())
    assert f"Approval: {APPROVAL}" in said and REASON in texts(article, "li")
    assert [t for t in texts(article, "li") if "2026:" in t] == HISTORY
    # Markdown, as a renderer shows it: the same words, in lists under headings.
    md = rendered_markdown(markdown(ff, "--team", "family support"))  # P alone, as a report
    items = texts(md, "li")
    for line in EVIDENCE:
        assert line in items, line
    assert "With: families, frontline-staff · Hours: 6 hours · Money: £40" in items
    assert REASON in items and [t for t in items if "2026:" in t] == HISTORY
    assert f"Approval: {APPROVAL}" in texts(md, "p")
    assert "Iteration 1 · 17 Mar 2026 · Failure · decision: adapt" in texts(md, "h4")


def test_the_report_puts_figures_and_charts_first_with_a_breakdown_by_team_and_month(
    ff: Run, refs: dict[str, str]
) -> None:
    page = html(ff)
    assert texts(page, "h2")[:4] == ["Headline figures", "Over time", "By team", "At a glance"]
    tables = {t.attrs.get("class"): t for t in page.all("table")}
    assert "headline" in tables
    by_team = next(t for t in page.all("table") if t.all("th")[0].text == "Team")
    rows = [[c.text for c in tr.children if isinstance(c, Element)] for tr in by_team.all("tr")[1:]]
    # Team, ideas, checked, tried, iterations, adopted, abandoned, with people who use
    # the service, hours, money: W (1 iteration, with young people, 8 h, £60); P (2,
    # both with families, 6 + 9 h, £40).
    assert rows == [
        ["Early years", "1", "1", "1", "1", "0", "0", "1", "8", "£60"],
        ["Family support", "1", "1", "1", "2", "1", "0", "2", "15", "£40"],
    ]
    month = next(t for t in page.all("table") if t.all("th")[0].text == "Month")
    months = [[c.text for c in tr.children if isinstance(c, Element)] for tr in month.all("tr")[1:]]
    # Checked: P in March, W in April. Iterations: P1 March, P2 April, W1 May.
    assert months == [["Mar 2026", "1", "1"], ["Apr 2026", "1", "1"], ["May 2026", "0", "1"]]
    (chart,) = [s for s in page.all("svg") if s.all("title")[0].text.startswith("Ideas checked")]
    assert "Mar 2026: 1 checked, 1 iterations" in chart.all("desc")[0].text
    assert len([r for r in chart.all("rect") if r.attrs.get("height") != "1"]) >= 6


def test_a_title_and_a_period_head_the_report(ff: Run, refs: dict[str, str]) -> None:
    hostile = "Early help <b>Q1</b> **review**"
    page = html(ff, "--title", hostile, "--since", "2026-04-01", "--until", "2026-05-31")
    assert texts(page, "h1") == [hostile] and texts(page.all("head")[0], "title") == [hostile]
    lead = texts(page, "p")[1]
    # P was checked before April but tried in it; W was checked and tried in it.
    assert lead == (
        "2 ideas checked or tried from 1 Apr 2026 to 31 May 2026: "
        "1 checked in the period, 2 tried; 2 iterations."
    )
    md = markdown(ff, "--title", hostile)
    assert md.startswith("# Early help &lt;b>Q1&lt;/b> \\*\\*review\\*\\*\n")
    exported = json.loads(ok(ff("export", "-f", "json", "--title", hostile)).stdout)
    assert exported["title"] == hostile
    empty = ff("export", "-f", "html", "--title", "   ")
    assert empty.exit_code == 2 and "title is empty" in empty.stderr


@pytest.mark.parametrize("how", ["argument", "option"])
def test_one_idea_exported_alone_is_a_case_study(ff: Run, refs: dict[str, str], how: str) -> None:
    chosen = [refs["P"]] if how == "argument" else ["--idea", refs["P"]]
    page = html(ff, *chosen)
    assert texts(page, "h1") == ["Parents Supporting Parents (" + refs["P"] + ")"]
    assert texts(page, "h2") == [
        "In brief",
        "The check",
        "Approval",
        "What was tried",
        "Status history",
    ]
    check = next(t for t in page.all("table") if t.all("th")[0].text == "Question")
    asked = {tr.all("th")[0].text: tr.all("td")[0].text for tr in check.all("tbody")[0].all("tr")}
    assert len(asked) == len(ALL_CLEAR)
    harm = "Could it put anyone at risk of harm (children, young people, vulnerable adults, staff)?"
    assert asked[harm] == "Not sure"
    said = " ".join(page.text.split())
    assert "Decision: Talk to your manager first." in said and REASON in said and APPROVAL in said
    tried = texts(page, "h3")
    assert tried == [
        "Iteration 1 · 17 Mar 2026 · Failure · decision: adapt",
        "Iteration 2 · 14 Apr 2026 · Success · decision: adopt",
    ], "as it happened: oldest first"
    for line in EVIDENCE:
        assert line in texts(page, "p"), line
    history = page.all("table")[-1]
    assert [tr.all("th")[0].text for tr in history.all("tbody")[0].all("tr")] == [
        "2 Mar 2026", "4 Mar 2026", "17 Mar 2026", "20 Apr 2026",
    ]  # fmt: skip
    brief = dict(
        (tr.all("th")[0].text, tr.all("td")[0].text) for tr in page.all("table")[0].all("tr")
    )
    assert brief["Iterations"] == "2 iterations: 1 failure, 1 success"
    assert (brief["Hours spent (where recorded)"], brief["Money spent (where recorded)"]) == (
        "15",
        "£40",
    )
    md = markdown(ff, *chosen)
    for heading in (
        "## In brief",
        "## The check",
        "## Approval",
        "## What was tried",
        "## Status history",
    ):
        assert f"\n{heading}\n" in md, heading
    assert f"| {harm} | Not sure |" in md
    # Two ideas are a report, not a case study.
    both = html(ff, refs["P"], "--idea", refs["W"])
    assert "Headline figures" in texts(both, "h2") and "In brief" not in texts(both, "h2")


def test_a_filtered_summary_says_what_each_count_counts(ff: Run, journal: Path) -> None:
    """Issue 12's case: an idea checked before the period and tried in it."""
    ref = check(ff, "Youth club on Fridays", "Youth service", "Ali Khan", "2026-01-05")
    ok(ff("log", ref, "--test=t", "--result=success", "--learned=l", "--date=2026-10-01",
          env=at("2026-10-01")))  # fmt: skip
    now = {"FF_NOW": "2026-11-25T12:00:00Z"}
    done = ok(ff("summary", "--team", "youth service", "--since", "6m", env=now))
    said = " ".join(done.stdout.split())
    assert (
        "1 idea checked or tried from 25 May 2026: 0 checked in the period, 1 tried; 1 iteration."
        in said
    )
    assert re.search(r"^Ideas checked in the period +0$", done.stdout, re.M)
    assert re.search(r"^Ideas tried in the period +1$", done.stdout, re.M)
    data = json.loads(
        ok(ff("summary", "--json", "--team", "youth service", "--since", "6m", env=now)).stdout
    )
    assert (data["ideas"], data["ideas_checked"], data["ideas_tried"]) == (1, 0, 1)
    nothing = ok(ff("summary", "--team", "youth service", "--since", "2026-11-01", env=now))
    assert nothing.stdout == (
        "No ideas match --team 'youth service' --since 2026-11-01.\n"
        "Try fewer or wider filters, or list every idea with: ff ideas\n"
    ), "plainly nothing, and no empty charts"


def test_over_time_goes_by_month_and_by_year_for_long_spans() -> None:
    day = lambda value: date.fromisoformat(str(value)) if value else None  # noqa: E731
    checked = [{"created": "2026-01-15"}, {"created": "2026-03-02"}]
    tried = [
        {"date": "2026-01-20", "result": "success"},
        {"date": "2026-03-31", "result": "failure"},
    ]
    months = over_time(checked, tried, day)
    assert months["unit"] == "month"
    assert [(p["period"], p["ideas_checked"], p["iterations"]) for p in months["periods"]] == [
        ("2026-01", 1, 1),
        ("2026-02", 0, 0),
        ("2026-03", 1, 1),
    ]  # fmt: skip, a month with nothing in it is still shown
    assert months["periods"][2]["by_result"]["failure"] == 1
    years = over_time(checked, [*tried, {"date": "2030-06-01", "result": "partial"}], day)
    assert years["unit"] == "year"
    assert [p["period"] for p in years["periods"]] == ["2026", "2027", "2028", "2029", "2030"]
    far = over_time(checked, [{"date": "2999-01-01", "result": "partial"}], day)
    assert [p["period"] for p in far["periods"]] == ["2026", "2999"], "not 974 empty years"
    assert over_time([], [], day) == {"unit": "month", "periods": []}


# --------------------------------------------------------------------------- the terminal

OSC52 = "\x1b]52;c;cm0gLXJmIH4=\x07"  # asks the terminal to put text on the clipboard
BIDI = "\u202egnp.exe"  # shows as exe.png


def hostile_journal(path: Path) -> None:
    from tests.benchmarks.bench import make_tables, write_journal

    tables = make_tables(3, ideas=1, seed=3)
    for iteration in tables["iterations"].values():
        iteration["learned"] = f"Learned {OSC52} with {BIDI}\rover"
    write_journal(path, tables)


def test_control_characters_are_inert_only_in_a_terminal(journal: Path, terminal: Any) -> None:
    import pexpect

    hostile_journal(journal)
    for fmt in ("csv", "md", "html"):
        child = terminal("export", "-f", fmt)
        child.expect(pexpect.EOF)
        shown = child.before
        assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown, fmt
        assert "␛" in shown and "␇" in shown and "\ufffdgnp.exe" in shown, fmt
        if fmt != "md":  # (Markdown adds its own backslash before the bracket)
            assert "Learned ␛]52;c;cm0gLXJmIH4=␇ with \ufffdgnp.exe␍over" in shown, fmt
    # JSON escapes what is below a space itself; its text comes as UTF-8 (one piece of
    # bytes), and the rest is made inert all the same.
    child = terminal("export", "-f", "json")
    child.expect(pexpect.EOF)
    assert "\u202e" not in child.before and "\ufffdgnp.exe" in child.before
    assert "Learned \\u001b]52;c;cm0gLXJmIH4=\\u0007 with" in child.before
    # Piped, or written to a file, the export keeps the text exactly.
    env = {**os.environ, "FF_JOURNAL": str(journal)}
    command = [sys.executable, "-m", "ff", "export", "-f", "csv"]
    piped = subprocess.run(command, env=env, capture_output=True, check=True).stdout
    assert f"Learned {OSC52} with {BIDI}\rover".encode() in piped
    out = journal.with_name("out.csv")
    subprocess.run([*command, "-o", str(out)], env=env, capture_output=True, check=True)
    assert out.read_bytes() == piped


def test_for_terminal_keeps_lines_and_tabs_and_shows_the_rest() -> None:
    assert for_terminal("a\tb\nc\r\nd") == "a\tb\nc\r\nd"
    assert (
        for_terminal("\x00\x1b\x07\x7f\x9b\u202a\u2066\u2069\rx")
        == "␀␛␇␡\ufffd\ufffd\ufffd\ufffd␍x"
    )
    assert for_terminal("Welsh ŵ ŷ 🙂 £") == "Welsh ŵ ŷ 🙂 £"
