"""The commonest calls, read without Typer (ff.cli.quick): each gives exactly what the
Typer command gives (output, messages, exit code, journal), and anything in another
form is left to Typer, which still reads it.

``python -m ff`` goes through ff.cli.quick; CliRunner calls the Typer app itself."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from ff.cli.quick import read_call
from tests.conftest import ALL_CLEAR, answer_options, run_ff, run_in_terminal
from tests.test_imports import modules_imported_by

NOW = "2026-11-24T09:00:00Z"


@pytest.fixture
def refs(journal: Path, ff: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Two ideas, one with iterations; the clock fixed, so both ways write alike."""
    monkeypatch.setenv("FF_NOW", NOW)
    made = []
    for title, team in (("Saturday drop-in", "Family support"), ("Homework club", "Youth")):
        done = ff("check", title, "--team", team, *answer_options(ALL_CLEAR), "--json")
        assert done.exit_code == 0, done.output
        made.append(str(json.loads(done.stdout)["idea"]["ref"]))
    for learned in ("Dads came", "Mums came too, £5 spent"):
        logged = ff("log", made[0], "--test", "t", "--result", "partial", "--learned", learned)
        assert logged.exit_code == 0, logged.output
    return made


def both_ways(ff: Callable[..., Result], args: list[str]) -> None:
    """The call through ff.cli.quick (a process) and through Typer (in this one) give
    the same output, messages and exit code."""
    assert read_call(args) is not None, "not a call read without Typer"
    quick = run_ff(*args)
    typer = ff(*args)
    assert (quick.returncode, quick.stdout, quick.stderr) == (
        typer.exit_code,
        typer.stdout,
        typer.stderr,
    ), args


def forms(ref: str, other: Path) -> list[list[str]]:
    return [
        ["show", ref],
        ["show", ref, "--json"],
        ["show", ref[:3]],
        ["show", "nothing-like-it"],
        ["show", ref, "--plain"],
        ["--plain", "show", ref],
        ["show", ref, "--journal", str(other)],
        ["--journal", str(other), "ideas", "--json", "--journal", str(other)],
        ["--journal", str(other), "show", ref, "--journal", str(other) + ".two"],
        ["ideas"],
        ["ideas", "--json"],
        ["ideas", "--team", "family", "--status", "prototyping", "--status", "checked"],
        ["ideas", "--since", "30d", "--search", "dads"],
        ["ideas", "--since", "not a date"],
        ["ideas", "--level", "nonsense"],
        ["--journal", str(other.parent / "none.json"), "ideas"],
        ["summary"],
        ["summary", "--json", "--all"],
        ["summary", "--team", "family", "--since", "1w", "--idea", ref],
        ["summary", "--journal", str(other), "--journal", str(other.parent / "none.json")],
        ["summary", "--strict", "--journal", str(other.parent / "none.json")],
        ["--journal", str(other), "summary", "--journal", str(other.parent / "none.json")],
        ["--journal", str(other.parent / "none.json"), "summary", "--json"],
        ["export", "--format", "csv"],
        ["export", "-f", "json", "--strict"],
        ["export", "-f", "md", "--title", "Our year", "--team", "family"],
        ["export", "-f", "html", "--since", "30d"],
        ["export", "-f", "pdf"],
        ["export", "-f", "md", ref],
        ["export", "-f", "csv", "--idea", ref, "--journal", str(other)],
        ["export", "-f", "json", "--journal", str(other), "--journal", str(other) + ".none"],
    ]


def check_forms(tmp_path: Path) -> list[list[str]]:
    answers = answer_options(ALL_CLEAR)
    given = tmp_path / "answers.yaml"
    given.write_text("".join(f"{q}: {a}\n" for q, a in ALL_CLEAR.items()), encoding="utf-8")
    return [
        ["check", "Idea", "--dry-run", *answers],
        ["check", "Idea", "--dry-run", "--json", *answers],
        ["check", "--dry-run", *answers],
        ["check", "Idea", "--dry-run", "--answer", "legal=maybe"],
        ["check", "Idea", "--dry-run", "--answer", "harm=unsure", *answers[2:]],
        ["check", "Idea", "--dry-run", "--card", "no-such-card", *answers],
        ["check", "Idea", "--dry-run", "--lang", "cy", *answers],
        ["check", "Idea", "--dry-run", "--answers", str(given), "--team", "Youth"],
        ["check", "Idea", "--dry-run", "--date", "31/02/2026", *answers],
    ]


def test_a_check_is_the_same_without_typer(
    journal: Path, ff: Callable[..., Result], refs: list[str], tmp_path: Path
) -> None:
    for args in check_forms(tmp_path):
        both_ways(ff, args)


def test_a_check_records_the_same_without_typer(
    journal: Path, ff: Callable[..., Result], refs: list[str]
) -> None:
    args = ["check", "Idea", "--team", "Youth", "--tag", "a", "--tag", "b"]
    writes_alike(ff, journal, [*args, *answer_options(ALL_CLEAR)])


def writes_alike(ff: Callable[..., Result], journal: Path, args: list[str]) -> None:
    """The call through ff.cli.quick and through Typer, each into its own copy of the
    journal: the same output, messages, exit code and file afterwards (the clock is
    fixed; the ids and refs it makes, random, are named alike)."""
    copy = journal.parent / "copy.json"
    shutil.copy(journal, copy)
    before = journal.read_text(encoding="utf-8")
    both = []
    for path in (journal, copy):
        call = ["--journal", str(path), *args]
        assert read_call(call) is not None
        done = run_ff(*call) if path == journal else ff(*call)
        code = done.returncode if path == journal else done.exit_code
        said = [
            _new_ids(text.replace(str(path), "J"), before) for text in (done.stdout, done.stderr)
        ]
        both.append((code, *said, _new_ids(path.read_text(encoding="utf-8"), before)))
    assert both[0] == both[1]


def test_reading_an_idea_or_the_list_is_the_same_without_typer(
    journal: Path, ff: Callable[..., Result], refs: list[str]
) -> None:
    other = journal.parent / "other.json"
    shutil.copy(journal, other)
    for args in forms(refs[0], other):
        both_ways(ff, args)


@pytest.mark.parametrize(
    "extra",
    [
        [],
        ["--json"],
        ["--with", "parents", "--with", "staff", "--tag", "x", "--hours", "2", "--cost", "£5"],
        ["--decision", "abandon", "--next-step", "stop", "--date", "yesterday"],
        ["--result", "nonsense"],
        ["--hours", "lots"],
        ["--date", "31/02/2026"],
    ],
    ids=["plain", "json", "every-list", "decision", "bad-result", "bad-hours", "bad-date"],
)
def test_a_scripted_log_is_the_same_without_typer(
    journal: Path, ff: Callable[..., Result], refs: list[str], extra: list[str]
) -> None:
    args = ["log", refs[1], "--test", "Tried it", "--learned", "It works", *extra]
    if "--result" not in extra:
        args += ["--result", "success"]
    writes_alike(ff, journal, args)


def _new_ids(text: str, before: str) -> str:
    """``text`` with the ids and refs made by this call (random) named alike."""
    return re.sub(r"\b[0-9a-f]{6,32}\b", lambda m: m[0] if m[0] in before else "NEW-ID", text)


@pytest.mark.parametrize(
    "args",
    [
        ["show", "--help"],
        ["show", "-h"],
        ["show"],
        ["show", "a", "b"],
        ["show", "a", "--json", "--json"],
        ["show", "a", "--jsn"],
        ["--journal=x.json", "show", "a"],
        ["show", "a", "--journal=x.json"],
        ["log", "a", "--test=x"],
        ["log", "a", "--test", "-x"],
        ["log", "a", "--edit"],
        ["log", "a", "--learned", "x" * 201],
        ["ideas", "--", "x"],
        ["export"],
        ["export", "-fcsv"],
        ["export", "-f", "csv", "-o", "-"],
        ["summary", "--journal"],
        ["--journal"],
        ["--journal", "a", "--journal", "b", "ideas"],
        [],
    ],
)
def test_calls_in_other_forms_are_left_to_typer(args: list[str]) -> None:
    assert read_call(args) is None


def test_an_export_to_a_file_is_the_same_without_typer(
    journal: Path, ff: Callable[..., Result], refs: list[str], tmp_path: Path
) -> None:
    """The same file, message and exit code; and neither writes over a file unasked."""
    said = []
    for way, run in (("quick", run_ff), ("typer", ff)):
        target = tmp_path / f"{way}.html"
        for _ in range(2):  # the second time, the file is there
            done = run("export", "-f", "html", "-o", str(target))
            code = done.returncode if way == "quick" else done.exit_code
            said.append((code, done.stdout, done.stderr.replace(str(target), "T")))
        said.append(target.read_bytes())
    half = len(said) // 2
    assert said[:half] == said[half:]
    assert said[0][0] == 0 and said[1][0] == 2


def test_typer_still_reads_what_is_left_to_it(journal: Path, refs: list[str]) -> None:
    helped = run_ff("show", "--help")
    assert helped.returncode == 0 and "Show one idea" in helped.stdout
    extra = run_ff("show", refs[0], "more")
    assert extra.returncode == 2 and "unexpected extra argument" in extra.stderr
    long = run_ff("log", refs[0], "--test", "t", "--result", "success", "--learned", "x" * 30_000)
    assert long.returncode == 2 and "--learned" in long.stderr


def test_the_commonest_calls_import_no_typer(journal: Path, refs: list[str]) -> None:
    for args in (
        ("show", refs[0]),
        ("ideas", "--json"),
        ("summary", "--json"),
        ("export", "-f", "csv"),
        ("check", "Idea", "--dry-run", *answer_options(ALL_CLEAR)),
        ("log", refs[0], "--test", "t", "--result", "success", "--learned", "l"),
    ):
        loaded = modules_imported_by(*args)
        assert "ff.cli.calls" in loaded, args  # it ran
        assert not {"typer", "click", "ff.cli.typer_app"} & loaded, args


@pytest.mark.parametrize(
    "form",
    [["show", "REF"], ["show", "REF", "--plain"], ["--plain", "show", "REF"], ["ideas"]],
)
def test_in_a_terminal_the_same_is_shown_without_typer(
    journal: Path, refs: list[str], form: list[str]
) -> None:
    """In a real terminal (boxes and colour unless --plain): ``--journal PATH`` is read
    without Typer, ``--journal=PATH`` by Typer; the screens are the same."""
    env = {**os.environ, "FORCE_COLOR": "1"}
    args = [refs[0] if arg == "REF" else arg for arg in form]
    quick = run_in_terminal("--journal", str(journal), *args, env=env)
    typer = run_in_terminal(f"--journal={journal}", *args, env=env)
    assert quick == typer
    assert ("\x1b[" in quick) == ("--plain" not in form)  # styled unless asked not to be
