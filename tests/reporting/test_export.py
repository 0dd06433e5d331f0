"""ff export: the learning summary as html, md, csv or json, with hostile text inside.

The journal is made through the CLI (ff check, ff status, ff log) with a fixed
clock, from titles, teams and learnings chosen to break a careless exporter: HTML
and script tags, spreadsheet formulas, Rich markup, Markdown punctuation, quotes,
newlines, pipes, emoji and Welsh letters. It is built once per module (some 25
commands) and each test gets its own copy; the contract test builds its own. Each
format is then parsed back with the standard library (json, csv, html.parser, a
small Markdown table reader) and checked to be well formed, to hold the text
exactly, and to keep it inert. Known bugs are strict xfails: fixing one fails the
test until its marker is removed.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from ff.cli import app
from ff.dates import local_day
from ff.reporting.exporters import REGISTRY, exporter
from ff.reporting.exporters.common import headline_rows, uk_date
from ff.reporting.exporters.csv_export import COLUMNS, ITERATION_COLUMNS
from tests.conftest import ALL_CLEAR, answer_options, run_ff

Run = Callable[..., Result]

NOW = "2026-11-25T10:00:00Z"
LATE = "2026-07-01T23:30:00Z"  # 00:30 on 2 July in London
CAUTION = {**ALL_CLEAR, "reversible": "unsure"}
APPROVAL = {**ALL_CLEAR, "harm": "yes"}
STOP = {**ALL_CLEAR, "legal": "no"}

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
HYPERLINK = '=HYPERLINK("http://evil","click")'
SUM = "+SUM(A1)"
MINUS = "-2+3"
AT = "@cmd"
TAB = "\tTab at the start"
RICH = "[red]alarm[/red]"
QUOTES = "\"double\" and 'single' quotes"
NEWLINES = "First line\nsecond line\nthird line"
PIPE = "a | pipe"
BOLD = "**bold**"
HEADING = "# heading"
WELSH = "🙂 ŵ ŷ £"
DDE = "=cmd|' /C calc'!A0"
HOSTILE = (
    SCRIPT,
    IMG,
    HYPERLINK,
    SUM,
    MINUS,
    AT,
    TAB,
    RICH,
    QUOTES,
    NEWLINES,
    PIPE,
    BOLD,
    HEADING,
    WELSH,
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def stored(text: str) -> str:
    """How ff keeps typed text: as typed, without outer whitespace (so a leading tab goes)."""
    return text.strip()


@dataclass(frozen=True)
class IdeaSpec:
    title: str
    team: str
    checked: str
    answers: dict[str, str]
    extra: tuple[str, ...] = ()

    @property
    def stamp(self) -> str:
        """When it was checked: midday UTC, the same day in nearly every time zone."""
        return f"{self.checked}T12:00:00Z"


IDEAS = {
    "script": IdeaSpec(SCRIPT, IMG, "2026-11-02", ALL_CLEAR, (f"--owner={QUOTES}", f"--tag={AT}")),
    "formula": IdeaSpec(HYPERLINK, SUM, "2026-11-03", CAUTION),
    "minus": IdeaSpec(MINUS, AT, "2026-11-04", APPROVAL),
    "lines": IdeaSpec(NEWLINES, WELSH, "2026-11-05", ALL_CLEAR),
    "tab": IdeaSpec(TAB, TAB, "2026-11-06", ALL_CLEAR),
    "markdown": IdeaSpec(f"{HEADING} {BOLD} {PIPE}", RICH, "2026-11-07", ALL_CLEAR),
    "stop": IdeaSpec(f"{QUOTES} {WELSH}", PIPE, "2026-11-08", STOP),
}
WITHOUT_ITERATIONS = ("markdown", "stop")

# (idea, learned, other ff log options); every date differs, so the order is fixed.
ITERATIONS: list[tuple[str, str, dict[str, str | tuple[str, ...]]]] = [
    (
        "script",
        SCRIPT,
        {
            "test": HYPERLINK,
            "hypothesis": TAB,
            "result": "failure",
            "next-step": AT,
            "with": ("families",),
            "hours": "2",
            "cost": "12.5",
            "date": "2026-11-10",
        },
    ),
    (
        "script",
        IMG,
        {
            "test": SCRIPT,
            "result": "success",
            "decision": "adapt",
            "with": ("families", "young-people"),
            "hours": "1.5",
            "date": "2026-11-12",
        },
    ),
    ("script", WELSH, {"test": WELSH, "result": "partial", "cost": "£40", "date": "2026-11-20"}),
    (
        "formula",
        HYPERLINK,
        {
            "test": SUM,
            "result": "inconclusive",
            "with": (DDE,),
            "cost": "100",
            "date": "2026-11-11",
        },
    ),
    (
        "formula",
        SUM,
        {"test": "Asked again", "result": "failure", "decision": "abandon", "date": "2026-11-14"},
    ),
    ("minus", MINUS, {"test": MINUS, "result": "success", "date": "2026-11-09"}),
    (
        "minus",
        AT,
        {
            "test": AT,
            "result": "failure",
            "next-step": MINUS,
            "with": ("partners",),
            "date": "2026-11-15",
        },
    ),
    (
        "lines",
        NEWLINES,
        {
            "test": NEWLINES,
            "result": "success",
            "with": ("frontline-staff",),
            "hours": "3",
            "date": "2026-11-13",
        },
    ),
    ("lines", QUOTES, {"test": QUOTES, "result": "partial", "date": "2026-11-16"}),
    ("lines", PIPE, {"test": PIPE, "result": "success", "date": "2026-11-17"}),
    ("tab", TAB, {"test": TAB, "result": "success", "date": "2026-11-08"}),
    ("tab", RICH, {"test": RICH, "result": "inconclusive", "date": "2026-11-18"}),
    ("tab", BOLD, {"test": BOLD, "result": "success", "date": "2026-11-19"}),
    ("tab", HEADING, {"test": HEADING, "result": "partial", "date": "2026-11-21"}),
]
LEARNINGS = [stored(learned) for _, learned, _ in ITERATIONS]


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.stdout + result.stderr
    return result


def build_journal(ff: Run) -> dict[str, str]:
    """Check every idea (on its own day), approve one, log every iteration, abandon one.

    Returns each idea's ref by its key in IDEAS."""
    refs: dict[str, str] = {}
    for key, spec in IDEAS.items():
        result = ff(
            "check",
            "--json",
            f"--team={spec.team}",
            *spec.extra,
            *answer_options(spec.answers),
            "--",
            spec.title,
            env={"FF_NOW": spec.stamp},
        )
        assert result.exit_code in (0, 3, 4), result.stderr
        refs[key] = json.loads(result.stdout)["idea"]["ref"]
    ok(ff("status", refs["minus"], "approved", "--by", "A manager"))
    for key, learned, fields in ITERATIONS:
        options = [f"--learned={learned}"]
        for name, value in fields.items():
            options += [f"--{name}={v}" for v in (value if isinstance(value, tuple) else (value,))]
        ok(ff("log", refs[key], *options))
    ok(ff("status", refs["formula"], "abandoned", f"--note={SUM}"))
    return refs


@pytest.fixture(autouse=True)
def clock(journal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FF_NOW", NOW)


def cli_in(home: Path) -> Run:
    """Run ff in-process with a home, data folder, journal and clock of its own, for a
    journal built once per module (the per-test fixtures are not there yet)."""
    runner = CliRunner()
    base: dict[str, str | None] = {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "FF_JOURNAL": str(home / "journal.json"),
        "FF_OWNER": "test-owner",
        "FF_NOW": NOW,
        **dict.fromkeys(("FF_CONFIG", "FF_TEAM", "FF_CARD", "NO_COLOR", "FORCE_COLOR")),
    }

    def run(*args: str, env: dict[str, str] | None = None) -> Result:
        return runner.invoke(app, list(args), env={**base, **(env or {})}, catch_exceptions=False)

    return run


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, dict[str, str]]:
    """The journal, built once through the CLI (some 25 commands), and the ideas' refs."""
    home = tmp_path_factory.mktemp("builder")
    refs = build_journal(cli_in(home))
    return (home / "journal.json").read_bytes(), refs


@pytest.fixture
def refs(built: tuple[bytes, dict[str, str]], journal: Path) -> dict[str, str]:
    """This test's own copy of the built journal, at FF_JOURNAL; the ideas' refs."""
    journal.write_bytes(built[0])
    return dict(built[1])


def export(ff: Run, fmt: str, *extra: str) -> Result:
    return ok(ff("export", "--format", fmt, *extra))


def exported_json(ff: Run, *extra: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(export(ff, "json", *extra).stdout)
    return data


def one_line(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------- formats


def test_an_unknown_format_exits_2_and_lists_every_format_of_the_registry(
    ff: Run, refs: dict[str, str]
) -> None:
    result = ff("export", "--format", "pdf")
    assert result.exit_code == 2
    assert result.stdout == ""
    message = one_line(result.stderr)
    assert "'pdf' is not known" in message
    for name, entry in REGISTRY.items():
        assert f"{name}: {entry.description}" in message


def test_help_offers_every_format_of_the_registry(ff: Run) -> None:
    result = ok(ff("export", "--help"))
    assert f"One of: {', '.join(REGISTRY)}." in one_line(result.stdout)
    assert set(REGISTRY) == {"html", "md", "csv", "json"}


@pytest.mark.parametrize("name", list(REGISTRY))
def test_every_registered_format_exports(ff: Run, refs: dict[str, str], name: str) -> None:
    result = export(ff, name.upper())  # the name is not case sensitive
    assert result.stdout_bytes == exporter(name)(exported_json(ff)).encode("utf-8")
    assert "Wrote" not in result.stderr


# --------------------------------------------------------------------------- JSON

ENVELOPE = {"format", "version", "generated", "journals", "problems", "filters", "summary", "ideas"}
ENVELOPE |= {"title"}  # added in version 1: the report's title, or null
SUMMARY_KEYS = {
    "ideas",
    "ideas_checked",
    "by_level",
    "without_approval_share",
    "by_status",
    "iterations",
    "by_result",
    "speed",
    "fail_forward",
    "coproduction",
    "spent",
    "learnings",
    # added in version 1, after the keys above
    "ideas_tried",
    "period",
    "by_team",
    "over_time",
}
COPRODUCTION_KEYS = {"iterations_with_people", "share", "by_group"}
COPRODUCTION_KEYS |= {  # added in version 1: who counts as the people who use the service
    "iterations_with_service_users",
    "service_users_share",
    "iterations_with_others_only",
    "others_only_share",
    "service_user_groups",
}
IDEA_KEYS = {
    "id",
    "ref",
    "title",
    "owner",
    "team",
    "tags",
    "created",
    "status",
    "card",
    "answers",
    "outcome",
    "level",
    "reasons",
    "iterations",
    "status_history",
    "journals",
}
ITERATION_KEYS = {
    "id",
    "idea_id",
    "number",
    "created",
    "author",
    "date",
    "test",
    "result",
    "learned",
    "with",
    "tags",
}
STATUS_KEYS = {"id", "idea_id", "at", "status", "by", "note"}


def test_json_envelope_and_idea_keys_are_a_contract(ff: Run, journal: Path) -> None:
    refs = build_journal(ff)
    data = exported_json(ff)
    assert set(data) == ENVELOPE
    assert (data["format"], data["version"], data["generated"]) == ("ff-export", 1, NOW)
    # names, not paths: a shared export must not carry a home folder's path
    assert data["journals"] == [journal.parent.name]
    assert str(journal.parent) not in json.dumps(data)
    assert data["problems"] == []
    assert data["filters"] == {
        "status": [],
        "level": [],
        "team": [],
        "owner": [],
        "tag": [],
        "idea": [],
        "since": None,
        "until": None,
    }
    assert set(data["summary"]) == SUMMARY_KEYS
    assert set(data["summary"]["coproduction"]) == COPRODUCTION_KEYS
    assert data["title"] is None
    assert sorted(i["ref"] for i in data["ideas"]) == sorted(refs.values())
    for idea in data["ideas"]:
        assert set(idea) >= IDEA_KEYS, IDEA_KEYS - set(idea)
        assert set(idea["card"]) >= {"id", "version", "sha256", "title"}
        assert set(idea["outcome"]) >= {"id", "level", "title"}
        assert idea["outcome"]["level"] == idea["level"]
        assert all({"question", "answer"} <= set(a) for a in idea["answers"])
        assert idea["reasons"] and all({"level", "text"} <= set(r) for r in idea["reasons"])
        assert idea["journals"] == [journal.parent.name]
        for iteration in idea["iterations"]:
            assert set(iteration) >= ITERATION_KEYS, ITERATION_KEYS - set(iteration)
            assert iteration["idea_id"] == idea["id"]
        assert idea["status_history"][0]["status"] == "checked"
        for change in idea["status_history"]:
            assert set(change) >= STATUS_KEYS, STATUS_KEYS - set(change)
    by_ref = {i["ref"]: i for i in data["ideas"]}
    for key, spec in IDEAS.items():
        answers = {a["question"]: a["answer"] for a in by_ref[refs[key]]["answers"]}
        assert answers["legal"] == spec.answers["legal"]
        assert answers.items() <= spec.answers.items()
    levels = {key: by_ref[ref]["level"] for key, ref in refs.items()}
    assert levels == {
        "script": "go",
        "formula": "caution",
        "minus": "approval",
        "lines": "go",
        "tab": "go",
        "markdown": "go",
        "stop": "stop",
    }
    assert [s["status"] for s in by_ref[refs["formula"]]["status_history"]] == [
        "checked",
        "prototyping",
        "abandoned",
    ]


def test_json_keeps_hostile_text_exactly(ff: Run, refs: dict[str, str]) -> None:
    text = export(ff, "json").stdout
    assert WELSH in text, "emoji and Welsh are written as themselves, not as \\u escapes"
    by_ref = {i["ref"]: i for i in json.loads(text)["ideas"]}
    for key, spec in IDEAS.items():
        idea = by_ref[refs[key]]
        assert (idea["title"], idea["team"]) == (stored(spec.title), stored(spec.team))
    assert by_ref[refs["script"]]["owner"] == QUOTES
    assert by_ref[refs["script"]]["tags"] == [AT]
    logged = [
        (by_ref[refs[key]]["title"], stored(learned), fields["test"], fields["date"])
        for key, learned, fields in ITERATIONS
    ]
    found = [
        (idea["title"], it["learned"], it["test"], it["date"])
        for idea in by_ref.values()
        for it in idea["iterations"]
    ]
    assert sorted(found) == sorted(
        (title, learned, stored(str(test)), day) for title, learned, test, day in logged
    )
    first = by_ref[refs["script"]]["iterations"][0]
    assert (first["hypothesis"], first["next_step"], first["hours"], first["cost"]) == (
        stored(TAB),
        AT,
        2.0,
        12.5,
    )
    assert by_ref[refs["formula"]]["iterations"][0]["with"] == [DDE]


def test_filters_choose_the_ideas_and_are_recorded(ff: Run, refs: dict[str, str]) -> None:
    data = exported_json(ff, "--team", SUM, "--since", "2026-11-12")
    assert data["filters"]["team"] == [SUM]
    assert data["filters"]["since"] == "2026-11-12"
    assert [i["ref"] for i in data["ideas"]] == [refs["formula"]]
    assert [it["learned"] for it in data["ideas"][0]["iterations"]] == [SUM]
    assert data["summary"]["iterations"] == 1


def test_many_journals_count_a_shared_idea_once_and_name_both(
    ff: Run, refs: dict[str, str], journal: Path, tmp_path: Path
) -> None:
    teams = tmp_path / "teams"
    teams.mkdir()
    for name in ("early-years", "family-support"):
        (teams / f"{name}.json").write_bytes(journal.read_bytes())
    data = exported_json(ff, "--journal", str(teams))
    assert data["journals"] == ["early-years", "family-support"]
    assert len(data["ideas"]) == len(IDEAS)
    both = ["early-years", "family-support"]
    assert all(i["journals"] == both for i in data["ideas"])
    assert data["summary"]["iterations"] == len(ITERATIONS)
    again = exported_json(ff, "--journal", str(teams / "*.json"), "--journal", str(journal))
    assert again["summary"] == {
        **data["summary"],
        "learnings": [
            {**g, "idea": {**g["idea"], "journals": [*both, journal.parent.name]}}
            for g in data["summary"]["learnings"]
        ],
    }
    rows = csv_rows(export(ff, "csv", "--journal", str(teams)).stdout_bytes)
    assert {r["journals"] for r in rows} == {"early-years; family-support"}


def test_an_empty_journal_exports_in_every_format(ff: Run, journal: Path) -> None:
    assert not journal.exists()
    data = exported_json(ff)
    assert (data["ideas"], data["summary"]["iterations"], data["problems"]) == ([], 0, [])
    rows = csv_rows(export(ff, "csv").stdout_bytes)
    assert rows == []
    # The human formats say plainly that there is nothing yet, and what to run: no
    # empty figures, charts or tables.
    md = export(ff, "md").stdout
    assert "Nothing to report yet: there are no ideas in the journal." in md
    assert 'ff check "Your idea"' in md and "ff log REF" in md
    assert md_tables(md) == [] and "## " not in md
    page = export_html(ff)
    assert "Nothing to report yet: there are no ideas in the journal." in page.text
    assert 'ff check "Your idea"' in page.text
    assert not page.all("table") and not page.all("svg") and not page.all("h2")
    chosen = export(ff, "md", "--team", "youth service").stdout
    assert "No ideas match --team 'youth service'." in chosen and "ff ideas" in chosen
    assert not journal.exists(), "exporting never creates the journal"


def test_an_unreadable_journal_is_named_and_the_rest_exported(
    ff: Run, refs: dict[str, str], journal: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "gone.json"
    result = ff("export", "-f", "json", "--journal", str(journal), "--journal", str(missing))
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert len(data["ideas"]) == len(IDEAS)
    assert len(data["problems"]) == 1 and str(missing) in data["problems"][0]
    assert "Not included" in result.stderr
    page = export_html(ff, "--journal", str(journal), "--journal", str(missing), code=1)
    notes = [e for e in page.iter() if "problem" in (e.attrs.get("class") or "")]
    assert len(notes) == 1 and str(missing) in notes[0].text


# --------------------------------------------------------------------------- CSV


def csv_rows(raw: bytes) -> list[dict[str, str]]:
    assert raw.startswith(b"\xef\xbb\xbf"), raw[:10]
    text = raw.decode("utf-8")[1:]
    assert not text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == list(COLUMNS)
    assert all(len(row) == len(COLUMNS) for row in rows)
    return [dict(zip(COLUMNS, row, strict=True)) for row in rows[1:]]


def as_cell(value: Any) -> str:
    """What a spreadsheet-safe cell holds for a stored value (a number as typed: 6, not 6.0)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = "; ".join(map(str, value)) if isinstance(value, list) else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def test_csv_file_starts_with_the_byte_order_mark(
    ff: Run, refs: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "ideas.csv"
    ok(ff("export", "-f", "csv", "-o", str(out)))
    raw = out.read_bytes()
    assert raw[:3] == b"\xef\xbb\xbf"
    assert raw.count(b"\xef\xbb\xbf") == 1
    assert raw.split(b"\r\n")[0].removeprefix(b"\xef\xbb\xbf") == ",".join(COLUMNS).encode()
    assert raw.endswith(b"\r\n")
    assert csv_rows(raw)


def test_csv_has_one_row_per_iteration_with_its_ideas_fields(ff: Run, refs: dict[str, str]) -> None:
    ideas = exported_json(ff)["ideas"]
    rows = csv_rows(export(ff, "csv").stdout_bytes)
    assert len(rows) == len(ITERATIONS) + len(WITHOUT_ITERATIONS)
    expected = []
    for idea in ideas:
        cells = {
            "idea_id": idea["id"],
            "idea_ref": idea["ref"],
            "idea_title": idea["title"],
            "team": idea["team"],
            "owner": idea["owner"],
            "journals": idea["journals"],
            "checked": str(local_day(idea["created"])),
            "level": idea["level"],
            "status": idea["status"],
            "idea_tags": idea["tags"],
        }
        for it in idea["iterations"] or [None]:
            row = {column: as_cell(cells.get(column)) for column in COLUMNS}
            if it is not None:
                row.update({c: as_cell(it.get(c)) for c in ITERATION_COLUMNS})
                row.update(iteration=str(it["number"]), recorded=it["created"])
            expected.append(row)
    assert rows == expected
    empty = [r for r in rows if r["idea_ref"] in (refs["markdown"], refs["stop"])]
    assert len(empty) == 2
    assert all(r[c] == "" for r in empty for c in ITERATION_COLUMNS)
    assert all(r[c] for r in empty for c in ("idea_id", "idea_title", "team", "checked"))


def test_csv_dates_are_iso_and_text_survives(ff: Run, refs: dict[str, str]) -> None:
    rows = csv_rows(export(ff, "csv").stdout_bytes)
    days = {spec.checked for spec in IDEAS.values()}
    for row in rows:
        assert row["checked"] in days
        assert date.fromisoformat(row["checked"]).isoformat() == row["checked"]
        if row["iteration"]:
            assert date.fromisoformat(row["date"]).isoformat() == row["date"]
            assert datetime.fromisoformat(row["recorded"].replace("Z", "+00:00"))
            assert row["recorded"] == NOW
    learned = sorted(r["learned"] for r in rows if r["iteration"])
    assert learned == sorted(as_cell(text) for text in LEARNINGS)
    titles = {r["idea_ref"]: r["idea_title"] for r in rows}
    assert titles[refs["lines"]] == NEWLINES, "a newline inside a cell survives"
    assert titles[refs["stop"]] == f"{QUOTES} {WELSH}"
    assert {r["team"] for r in rows if r["idea_ref"] == refs["lines"]} == {WELSH}
    assert WELSH in learned and NEWLINES in learned and QUOTES in learned
    costs = {r["cost"] for r in rows if r["iteration"]}
    assert costs == {"", "12.5", "40", "100"}, "as typed: 40, not 40.0"
    hours = {r["hours"] for r in rows if r["iteration"]}
    assert hours == {"", "2", "1.5", "3"}


def test_csv_cells_never_start_a_formula(ff: Run, refs: dict[str, str]) -> None:
    rows = csv_rows(export(ff, "csv").stdout_bytes)
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(FORMULA_STARTS), (column, cell)
    by_ref = {r["idea_ref"]: r for r in rows}
    assert by_ref[refs["formula"]]["idea_title"] == "'" + HYPERLINK
    assert by_ref[refs["formula"]]["team"] == "'" + SUM
    assert by_ref[refs["minus"]]["idea_title"] == "'" + MINUS
    assert by_ref[refs["minus"]]["team"] == "'" + AT
    assert by_ref[refs["script"]]["idea_tags"] == "'" + AT
    assert by_ref[refs["script"]]["idea_title"] == SCRIPT, "only formula starts are changed"
    cells = {cell for row in rows for cell in row.values()}
    for text in (HYPERLINK, SUM, MINUS, AT, DDE):
        assert "'" + text in cells
        assert text not in cells
    assert "'" + DDE in {r["with"] for r in rows}


def test_csv_checked_is_the_same_local_day_as_in_the_other_exports(journal: Path) -> None:
    london = {"TZ": "GMT0BST,M3.5.0/1,M10.5.0"}  # POSIX rule: no tz database needed
    checked = run_ff(
        "check", "Late night", *answer_options(ALL_CLEAR), env={**london, "FF_NOW": LATE}
    )
    assert checked.returncode == 0, checked.stderr
    later = {**london, "FF_NOW": "2026-07-02T08:00:00Z"}
    md = run_ff("export", "-f", "md", "--since", "2026-07-02", env=later)
    assert "| 2 Jul 2026 | Late night |" in md.stdout, "00:30 on 2 July in London"
    exported = run_ff("export", "-f", "csv", "--since", "2026-07-02", env=later)
    assert exported.returncode == 0, exported.stderr
    rows = csv_rows(exported.stdout.encode("utf-8"))
    assert [(r["idea_title"], r["checked"]) for r in rows] == [("Late night", "2026-07-02")]


def test_csv_neutralises_tab_and_carriage_return_starts(ff: Run, refs: dict[str, str]) -> None:
    """ff strips outer whitespace from typed text, so a tab or CR start can only come
    from a journal written some other way; the exporter must still neutralise it."""
    report = exported_json(ff)
    idea = next(i for i in report["ideas"] if i["ref"] == refs["lines"])
    idea["title"] = "\t=1+1"
    idea["team"] = "\rteam"
    idea["iterations"][0]["learned"] = "\t@SUM(1)"
    idea["iterations"][0]["observed"] = "\r\n-1"
    rows = csv_rows(exporter("csv")(report).encode("utf-8"))
    mine = [r for r in rows if r["idea_ref"] == refs["lines"]]
    assert {r["idea_title"] for r in mine} == {"'\t=1+1"}
    assert {r["team"] for r in mine} == {"'\rteam"}
    first = next(r for r in mine if r["iteration"] == "1")
    assert (first["learned"], first["observed"]) == ("'\t@SUM(1)", "'\r\n-1")
    for row in rows:
        assert not any(cell.startswith(FORMULA_STARTS) for cell in row.values())


# --------------------------------------------------------------------------- Markdown


def split_row(line: str) -> list[str]:
    """The cells of a Markdown table row, split on pipes that no backslash escapes."""
    assert line.startswith("| ") or line.startswith("|---") or line.startswith("|  |"), line
    assert line.endswith("|") and not line.endswith("\\|"), line
    cells, cell, chars = [], "", iter(line[1:-1])
    for char in chars:
        if char == "\\":
            cell += char + next(chars, "")
        elif char == "|":
            cells.append(cell)
            cell = ""
        else:
            cell += char
    cells.append(cell)
    return [c.strip() for c in cells]


def md_text(cell: str) -> str:
    """Undo the exporter's escaping: backslashes, then <br>, then entities."""
    return html.unescape(re.sub(r"\\(.)", r"\1", cell).replace("<br>", "\n"))


@dataclass
class MdTable:
    heading: str
    header: list[str]
    rows: list[list[str]]


def md_tables(text: str) -> list[MdTable]:
    """Every table, with the heading above it; each row has as many cells as the header."""
    tables: list[MdTable] = []
    heading, block = "", []
    for line in [*text.split("\n"), ""]:
        if line.startswith("|"):
            block.append(line)
            continue
        if block:
            header, rule, *rows = (split_row(row) for row in block)
            assert rule == ["---"] * len(header), block[1]
            for row in rows:
                assert len(row) == len(header), (header, row)
            tables.append(MdTable(heading, header, rows))
            block = []
        if line.startswith("#"):
            heading = line
    return tables


def rendered_markdown(md: str) -> Element:
    """The Markdown as a CommonMark renderer with GitHub's tables shows it (markdown-it,
    which Rich installs), as a tree of elements."""
    from markdown_it import MarkdownIt

    return parse_html(MarkdownIt("commonmark").enable("table").render(md)).root


# What ff's own Markdown makes; user text must add nothing to it.
MD_TAGS = {"#document", "h1", "h2", "h3", "h4", "p", "ul", "li", "strong", "br"}
MD_TAGS |= {"table", "thead", "tbody", "tr", "th", "td"}


def test_markdown_has_its_headings_and_tables_that_parse_back(
    ff: Run, refs: dict[str, str]
) -> None:
    md = export(ff, "md").stdout
    lines = md.split("\n")
    for heading in (
        "# What we tried and learned",
        "## Headline figures",
        "## Over time",
        "## By team",
        "## At a glance",
        "## What we learned",
        "## Ideas",
    ):
        assert lines.count(heading) == 1, heading
    assert [line for line in lines if line.startswith("# ")] == ["# What we tried and learned"]
    assert lines.index("## Headline figures") < lines.index("## What we learned"), "figures first"
    assert "\r" not in md and "\t" not in md
    tables = md_tables(md)
    ideas = next(t for t in tables if t.heading == "## Ideas")
    assert ideas.header == ["Ref", "Checked", "Title", "Team", "Check", "Status", "Iterations"]
    got = {md_text(row[0]): [md_text(cell) for cell in row] for row in ideas.rows}
    assert set(got) == set(refs.values())
    for key, spec in IDEAS.items():
        ref = refs[key]
        count = sum(1 for k, _, _ in ITERATIONS if k == key)
        assert got[ref][1:4] == [uk_date(spec.stamp), stored(spec.title), stored(spec.team)]
        assert got[ref][6] == str(count)
    months = next(t for t in tables if t.heading == "## Over time")
    assert months.header[:3] == ["Month", "Ideas checked", "Iterations"]
    assert months.rows == [["Nov 2026", "7", "14", "6", "3", "3", "2"]]
    teams = next(t for t in tables if t.heading == "## By team")
    assert sum(int(row[4]) for row in teams.rows) == len(ITERATIONS)
    # Every iteration is told with its evidence, each field as the journal has it.
    page = rendered_markdown(md)
    said = [li.text for li in page.all("li")]
    data = exported_json(ff)
    for idea in data["ideas"]:
        for it in idea["iterations"]:
            for key, label in (("test", "What we tried"), ("learned", "Learned")):
                assert f"{label}: {it[key]}" in said, (key, it[key])
    assert sorted(t for t in said if t.startswith("Learned: ")) == sorted(
        f"Learned: {text}" for text in LEARNINGS
    )


def test_markdown_keeps_hostile_text_inert(ff: Run, refs: dict[str, str]) -> None:
    md = export(ff, "md").stdout
    assert "<script" not in md and "<img" not in md
    assert "&lt;script>alert(1)&lt;/script>" in md
    assert "&lt;img src=x onerror=alert(1)>" in md
    assert "**bold**" not in md and "\\*\\*bold\\*\\*" in md
    assert "[red]" not in md and "\\[red\\]alarm\\[/red\\]" in md
    assert "a \\| pipe" in md, "in a table cell the pipe is escaped"
    assert "First line<br>second line<br>third line" in md
    assert WELSH in md
    headings = [line for line in md.split("\n") if line.startswith("#")]
    for line in headings:
        assert re.match(r"#{1,4} [^#]", line), line
    assert "### First line<br>second line<br>third line" in md
    # the only raw HTML left is the <br> that ff puts in
    assert set(re.findall(r"<[^>]*>", md)) == {"<br>"}
    # Rendered, user text makes no element of its own, and reads as typed.
    page = rendered_markdown(md)
    assert {e.tag for e in page.iter()} <= MD_TAGS
    labels = {e.text for e in page.all("strong")}
    assert all(label.endswith(":") or label.startswith("Decision") for label in labels), labels
    shown = page.text
    for text in (SCRIPT, IMG, BOLD, RICH, HEADING, WELSH, DDE, QUOTES):
        assert text in shown, text


def test_markdown_escapes_only_what_would_become_markup(ff: Run, refs: dict[str, str]) -> None:
    """Pasted into Word or Teams, Markdown's backslashes show: none where nothing needs one."""
    ok(
        ff(
            "log",
            refs["markdown"],
            "--test=Tried it with young-people (ages 11-16), 3.5 hours",
            "--result=success",
            "--learned=young-people and families: 50% came back #1 priority",
            "--with=young-people",
            "--with=young people",
        )
    )
    md = export(ff, "md", "--idea", refs["markdown"]).stdout
    assert "- **What we tried:** Tried it with young-people (ages 11-16), 3.5 hours" in md
    assert "- **Learned:** young-people and families: 50% came back #1 priority" in md
    assert "young\\-people" not in md and "\\." not in md and "\\(" not in md


def test_markdown_turns_a_lone_carriage_return_into_br(ff: Run, refs: dict[str, str]) -> None:
    ok(ff("log", refs["markdown"], "--test=t", "--result=success", "--learned=one\rtwo | x"))
    md = export(ff, "md", "--idea", refs["markdown"]).stdout_bytes.decode("utf-8")
    assert "\r" not in md
    assert "- **Learned:** one<br>two | x" in md.split("\n")


# --------------------------------------------------------------------------- HTML

HTML_TAGS = {
    *("#document", "html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3"),
    *("p", "div", "table", "thead", "tbody", "tr", "th", "td", "article", "small", "strong"),
    *("span", "figure", "svg", "desc", "text", "rect", "ul", "li", "section", "h4"),
}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    children: list[Element | str] = field(default_factory=list)

    def iter(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def all(self, tag: str) -> list[Element]:
        return [e for e in self.iter() if e.tag == tag]

    @property
    def text(self) -> str:
        """The text within, a <br> as the line break it shows."""
        return "".join(
            c if isinstance(c, str) else "\n" if c.tag == "br" else c.text for c in self.children
        )


class TreeBuilder(HTMLParser):
    """A small DOM from html.parser: the page must close every element it opens."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]
        self.data: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)
        self.data.append(data)


def parse_html(text: str) -> TreeBuilder:
    builder = TreeBuilder()
    builder.feed(text)
    builder.close()
    assert builder.stack == [builder.root], [e.tag for e in builder.stack]
    return builder


def export_html(ff: Run, *extra: str, code: int = 0) -> Element:
    result = ff("export", "-f", "html", *extra)
    assert result.exit_code == code, result.stderr
    return parse_html(result.stdout).root


def has_class(element: Element, name: str) -> bool:
    return name in (element.attrs.get("class") or "").split()


def test_html_runs_nothing_and_fetches_nothing(ff: Run, refs: dict[str, str]) -> None:
    page = export_html(ff)
    tags = {e.tag for e in page.iter()}
    assert not tags & {"script", "img", "iframe", "object", "embed", "link", "base", "form"}
    for element in page.iter():
        for name, value in element.attrs.items():
            assert not name.startswith("on"), (element.tag, name, value)
            if name in ("src", "href", "xlink:href", "action", "srcset", "poster", "data"):
                assert not (value or "").strip().lower().startswith(("http:", "https:", "//"))
            assert not (value or "").strip().lower().startswith("javascript:")
    css = "".join(style.text for style in page.all("style"))
    assert "url(" not in css and "@import" not in css
    policies = [
        m.attrs.get("content") or ""
        for m in page.all("meta")
        if (m.attrs.get("http-equiv") or "").lower() == "content-security-policy"
    ]
    assert len(policies) == 1
    directives = [d.strip() for d in policies[0].split(";")]
    assert "default-src 'none'" in directives
    assert not [d for d in directives if d.startswith("script-src")]
    assert page.all("html")[0].attrs.get("lang") == "en-GB"
    assert [m.attrs.get("charset") for m in page.all("meta") if "charset" in m.attrs] == ["utf-8"]


def test_html_headings_tables_and_charts_are_accessible(ff: Run, refs: dict[str, str]) -> None:
    page = export_html(ff)
    summary = json.loads(ff("summary", "--json").stdout)
    headings = [e for e in page.iter() if re.fullmatch(r"h[1-6]", e.tag)]
    levels = [int(h.tag[1]) for h in headings]
    assert levels.count(1) == 1 and levels[0] == 1
    for before, after in pairwise(levels):
        assert after <= before + 1, (before, after)
    sections = [h.text for h in headings if h.tag == "h2"]
    assert sections == [
        "Headline figures",
        "Over time",
        "By team",
        "At a glance",
        "What we learned",
        "All ideas",
    ], "the figures and charts first, then the learning"
    for table in page.all("table"):
        assert table.all("th"), "every table has header cells"
        for head in table.all("thead"):
            assert {c.tag for c in head.iter()} == {"thead", "tr", "th"}
            assert {th.attrs.get("scope") for th in head.all("th")} == {"col"}
        for row in table.all("tbody")[0].all("tr"):
            scopes = [th.attrs.get("scope") for th in row.all("th")]
            assert scopes in ([], ["row"])
    figures = page.all("figure")
    assert len(figures) == len(page.all("svg")) == 6
    months = [
        {
            "Month": "Nov 2026",
            "Ideas checked": str(summary["ideas_checked"]),
            "Iterations": str(summary["iterations"]),
        }
    ]
    results = [
        {"Month": "Nov 2026", **{k.capitalize(): str(v) for k, v in summary["by_result"].items()}}
    ]
    tables = [
        months,
        results,
        *(
            [{"": name, "Count": str(count)} for name, count in values.items()]
            for values in (
                summary["by_level"],
                summary["by_status"],
                summary["by_result"],
                summary["coproduction"]["by_group"],
            )
        ),
    ]
    for figure, values in zip(figures, tables, strict=True):
        (heading,) = figure.all("h3")
        assert figure.attrs.get("aria-labelledby") == heading.attrs.get("id")
        (svg,) = figure.all("svg")
        assert svg.attrs.get("role") == "img"
        titles, descs = svg.all("title"), svg.all("desc")
        assert len(titles) == 1 and len(descs) == 1
        assert titles[0].text == heading.text and descs[0].text.strip()
        ids = {titles[0].attrs.get("id"), descs[0].attrs.get("id")}
        assert set((svg.attrs.get("aria-labelledby") or "").split()) == ids
        # Beside the drawing, every value as text in a table.
        (table,) = figure.all("table")
        header = [th.text for th in table.all("thead")[0].all("th")]
        rows = [
            dict(zip(header, [c.text for c in tr.children if isinstance(c, Element)], strict=True))
            for tr in table.all("tbody")[0].all("tr")
        ]
        if "Count" in header:
            rows = [{"": row[header[0]], "Count": row["Count"]} for row in rows]
        assert rows == values, heading.text
        for row in values:
            assert all(str(v) in descs[0].text for v in row.values() if v), (row, descs[0].text)
    css = "".join(style.text for style in page.all("style"))
    assert re.search(r"@media print\s*{\s*@page\s*{[^}]*size:\s*A4", css), css


def test_html_shows_hostile_text_as_text_exactly(ff: Run, refs: dict[str, str]) -> None:
    builder = parse_html(export(ff, "html").stdout)
    page = builder.root
    ideas_table = page.all("table")[-1]
    rows = {
        r.all("td")[0].text: [td.text for td in r.all("td")]
        for r in ideas_table.all("tbody")[0].all("tr")
    }
    for key, spec in IDEAS.items():
        count = sum(1 for k, _, _ in ITERATIONS if k == key)
        assert rows[refs[key]][1:4] == [
            uk_date(spec.stamp),
            stored(spec.title),
            stored(spec.team),
        ]
        assert rows[refs[key]][6] == str(count)
    learned = [p.text for p in page.iter() if p.tag == "p" and has_class(p, "learned")]
    assert sorted(learned) == sorted(f"Learned: {text}" for text in LEARNINGS)
    for text in (*map(stored, HOSTILE), DDE):
        assert any(text in data for data in builder.data), text
    articles = page.all("article")
    assert len(articles) == len(IDEAS) - len(WITHOUT_ITERATIONS)
    by_title = {a.all("h3")[0].text: a for a in articles}
    script = by_title[f"{SCRIPT} ({refs['script']})"]
    assert f"Team: {IMG}." in script.all("p")[0].text
    assert {e.tag for e in page.iter()} <= HTML_TAGS, "no element but those ff writes"


def test_a_hostile_journal_file_name_is_escaped_too(
    ff: Run, refs: dict[str, str], journal: Path, tmp_path: Path
) -> None:
    name = "<img src=x onerror=alert(1)> **team** | x"
    hostile = tmp_path / f"{name}.json"
    hostile.write_bytes(journal.read_bytes())
    page = export_html(ff, "--journal", str(hostile))
    assert "img" not in {e.tag for e in page.iter()}
    metas = [p.text for p in page.iter() if p.tag == "p" and has_class(p, "meta")]
    assert name in one_line(metas[0]) and str(tmp_path) not in one_line(metas[0])
    assert all(f"Journal: {name}." in text for text in metas[1:])
    md = export(ff, "md", "--journal", str(hostile)).stdout
    assert "<img" not in md
    assert "Journal: &lt;img src=x onerror=alert(1)> \\*\\*team\\*\\* | x." in md


# --------------------------------------------------------------------------- -o FILE


@pytest.mark.parametrize("name", list(REGISTRY))
def test_output_file_is_written_whole_and_announced_on_stderr(
    ff: Run, refs: dict[str, str], tmp_path: Path, name: str
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / f"summary.{name}"
    result = ok(ff("export", "-f", name, "-o", str(out)))
    assert result.stdout == ""
    assert result.stderr.strip() == f"Wrote {out}"
    assert [p.name for p in folder.iterdir()] == [out.name], "no temporary file is left"
    assert out.read_bytes() == export(ff, name).stdout_bytes


def test_output_file_is_not_replaced_without_force(
    ff: Run, refs: dict[str, str], tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "summary.html"
    out.write_bytes(b"keep me")
    result = ff("export", "-f", "html", "-o", str(out))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"{out} already exists" in one_line(result.stderr)
    assert "--force" in result.stderr
    assert out.read_bytes() == b"keep me"
    assert [p.name for p in folder.iterdir()] == [out.name]
    result = ok(ff("export", "-f", "html", "-o", str(out), "--force"))
    assert result.stderr.strip() == f"Wrote {out}"
    assert out.read_bytes() == export(ff, "html").stdout_bytes
    assert [p.name for p in folder.iterdir()] == [out.name]


def test_output_into_a_missing_folder_or_onto_a_folder_exits_2(
    ff: Run, refs: dict[str, str], tmp_path: Path
) -> None:
    missing = tmp_path / "nowhere" / "summary.md"
    result = ff("export", "-f", "md", "-o", str(missing))
    assert result.exit_code == 2
    assert f"The folder {missing.parent} does not exist" in one_line(result.stderr)
    assert not missing.parent.exists()
    result = ff("export", "-f", "md", "-o", str(tmp_path), "--force")
    assert result.exit_code == 2
    assert "is a folder" in result.stderr
    assert result.stdout == ""


def test_without_output_the_export_goes_to_stdout(ff: Run, refs: dict[str, str]) -> None:
    before = sorted(p.name for p in Path.cwd().iterdir())
    result = export(ff, "csv")
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in result.stdout_bytes, "CSV's CRLF goes out as it is"
    assert result.stderr == ""
    assert sorted(p.name for p in Path.cwd().iterdir()) == before


# --------------------------------------------------------------------------- figures


def md_headline(md: str) -> dict[str, str]:
    table = next(t for t in md_tables(md) if t.heading == "## Headline figures")
    assert table.header == ["Figure", "Value"]
    return {row[0]: row[1] for row in table.rows}


def html_headline(page: Element) -> dict[str, str]:
    table = page.all("table")[0]
    return {row.all("th")[0].text: row.all("td")[0].text for row in table.all("tr")}


def test_figures_in_every_export_match_ff_summary(ff: Run, refs: dict[str, str]) -> None:
    summary = json.loads(ok(ff("summary", "--json")).stdout)
    assert summary["iterations"] == len(ITERATIONS)
    assert summary["ideas"] == summary["ideas_checked"] == len(IDEAS)
    assert summary["spent"]["hours"] == 6.5 and summary["spent"]["cost"] == 152.5
    assert summary["fail_forward"]["ideas_abandoned_after_learning"] == 1
    expected = dict(headline_rows(summary))
    assert expected["Iterations logged"] == "14"
    assert expected["Money spent (where recorded)"] == "£152.50"
    md = export(ff, "md").stdout
    assert md_headline(md) == expected
    assert html_headline(export_html(ff)) == expected
    data = exported_json(ff)
    assert data["summary"] == summary
    for heading, counts in (
        ("### Ideas by check decision", summary["by_level"]),
        ("### Ideas by status", summary["by_status"]),
        ("### Iterations by result", summary["by_result"]),
        ("### Iterations by who took part", summary["coproduction"]["by_group"]),
    ):
        table = next(t for t in md_tables(md) if t.heading == heading)
        assert {md_text(k): int(v) for k, v in table.rows} == counts
    rows = csv_rows(export(ff, "csv").stdout_bytes)
    assert sum(1 for r in rows if r["iteration"]) == summary["iterations"]
    assert sum(float(r["hours"]) for r in rows if r["hours"]) == summary["spent"]["hours"]
    assert sum(float(r["cost"]) for r in rows if r["cost"]) == summary["spent"]["cost"]
    assert f"{summary['ideas']} ideas: 7 checked, 5 tried; 14 iterations." in md


def test_export_never_overwrites_a_journal_it_reads(ff: Run, journal: Path) -> None:
    ok(ff("check", "Idea", *answer_options(ALL_CLEAR)))
    before = journal.read_bytes()
    result = ff("export", "--format", "csv", "-o", str(journal), "--force")
    assert result.exit_code == 2
    assert "one of the journals being exported" in result.stderr
    assert journal.read_bytes() == before


def test_export_writes_through_a_symbolic_link(ff: Run, journal: Path, tmp_path: Path) -> None:
    ok(ff("check", "Idea", *answer_options(ALL_CLEAR)))
    real = tmp_path / "shared" / "summary.md"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "summary.md"
    link.symlink_to(real)
    assert ff("export", "--format", "md", "-o", str(link)).exit_code == 2, "exists: --force"
    ok(ff("export", "--format", "md", "-o", str(link), "--force"))
    assert link.is_symlink(), "the link is kept"
    assert real.read_text(encoding="utf-8").startswith("# What we tried and learned")
    dangling = tmp_path / "dangling.md"
    dangling.symlink_to(tmp_path / "nowhere" / "x.md")
    assert ff("export", "--format", "md", "-o", str(dangling)).exit_code == 2
