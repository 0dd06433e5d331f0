"""ff check, ideas and show as a script or a person at a terminal would use them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from tests.conftest import ALL_CLEAR, answer_options, run_ff

Run = Callable[..., Result]


def check(ff: Run, *extra: str, answers: dict[str, str] = ALL_CLEAR) -> Result:
    return ff("check", *extra, *answer_options(answers))


@pytest.mark.parametrize(
    ("changes", "level", "outcome", "exit_code"),
    [
        ({}, "go", "go-ahead", 0),
        ({"reversible": "unsure"}, "caution", "go-ahead-with-conditions", 0),
        ({"harm": "yes"}, "approval", "talk-to-your-manager-first", 3),
        ({"legal": "no"}, "stop", "stop", 4),
    ],
)
def test_each_level_has_its_exit_code_and_is_recorded(
    ff: Run, journal: Path, changes: dict[str, str], level: str, outcome: str, exit_code: int
) -> None:
    result = check(ff, "Saturday drop-in for dads", "--json", answers={**ALL_CLEAR, **changes})
    assert result.exit_code == exit_code, result.stderr
    data = json.loads(result.stdout)
    assert (data["level"], data["outcome"]["id"]) == (level, outcome)
    assert data["recorded"] is True
    stored = json.loads(ff("ideas", "--json").stdout)
    assert [(i["title"], i["level"], i["ref"]) for i in stored] == [
        ("Saturday drop-in for dads", level, data["idea"]["ref"])
    ]


def test_json_keys_scripts_rely_on(ff: Run, journal: Path) -> None:
    result = check(
        ff,
        "Idea",
        "--json",
        "--team",
        "Early years",
        "--tag",
        "dads",
        answers={**ALL_CLEAR, "budget": "unsure"},
    )
    data = json.loads(result.stdout)
    assert set(data) >= {"idea", "card", "outcome", "reasons", "path", "answers"}
    assert set(data["idea"]) >= {"id", "ref", "title"}
    assert set(data["card"]) >= {"id", "version", "sha256"}
    assert set(data["outcome"]) >= {"id", "level", "title"}
    assert data["path"][0] == {"question": "legal", "answer": "yes"}
    assert data["answers"] == {**ALL_CLEAR, "budget": "unsure"}
    assert data["reasons"][0]["question"] == "budget"
    assert data["reasons"][0]["answer"] == "unsure"
    assert data["card"]["id"] == "fail-fast-fail-forward"
    assert len(data["card"]["sha256"]) == 64
    assert len(data["idea"]["id"]) == 32 and data["idea"]["id"].startswith(data["idea"]["ref"])
    assert result.stdout.count("\n{") == 0, "exactly one JSON object"


def test_human_output_shows_the_decision_panel(ff: Run, journal: Path) -> None:
    result = check(ff, "Idea", answers={**ALL_CLEAR, "personal_data": "yes"})
    assert result.exit_code == 3
    out = result.stdout
    assert "Decision: Talk to your manager first" in out
    assert "data protection officer" in out
    # The reason names the answer by the question's own words, not the card's id.
    reason = "1. Will it collect, use or share personal data in a new way? Yes. It would collect"
    assert reason in out
    assert "personal_data" not in out
    assert "\n8. Will you own it and share what you learn, whether it works or not? Yes\n" in out
    ref = json.loads(ff("ideas", "--json").stdout)[0]["ref"]
    assert f"ref {ref}" in out
    assert f"Recorded as {ref} in {journal}" in result.stderr
    # What to type next: how to record the approval, then each try.
    assert f"ff status {ref} approved --by NAME" in result.stderr
    assert f"ff log {ref}" in result.stderr
    assert "Started a new journal at" in result.stderr
    assert "Started a new journal" not in check(ff, "Second").stderr


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({}, ["Each time you try it, record what happened: ff log {ref}"]),
        ({"reversible": "unsure"}, ["Each time you try it, record what happened: ff log {ref}"]),
        ({"legal": "no"}, []),  # a stopped idea is not logged
    ],
    ids=["go", "caution", "stop"],
)
def test_after_recording_ff_says_what_to_type_next(
    ff: Run, journal: Path, changes: dict[str, str], says: list[str]
) -> None:
    result = check(ff, "Idea", answers={**ALL_CLEAR, **changes})
    ref = json.loads(ff("ideas", "--json").stdout)[0]["ref"]
    after = result.stderr[result.stderr.index("Recorded as") :].splitlines()[1:]
    assert after == [line.format(ref=ref) for line in says]
    assert "ff log" not in check(ff, "Idea", "--dry-run").stderr  # nothing recorded


def test_missing_answers_exit_2_naming_every_one_and_write_nothing(ff: Run, journal: Path) -> None:
    result = ff("check", "Idea", "--answer", "legal=yes", "--answer", "budget=yes")
    assert result.exit_code == 2
    for question in ("values", "harm", "personal_data", "reversible", "newspaper", "accountable"):
        assert f"  {question} (answers: yes, no, unsure): " in result.stderr
    assert "  legal" not in result.stderr and "  budget" not in result.stderr
    assert result.stdout == ""
    assert not journal.exists()


def test_invalid_answer_exits_2_naming_question_value_and_allowed(ff: Run, journal: Path) -> None:
    result = check(ff, "Idea", answers={**ALL_CLEAR, "harm": "maybe"})
    assert result.exit_code == 2
    assert "harm: 'maybe' is not allowed (allowed: yes, no, unsure)" in result.stderr
    assert not journal.exists()


def test_unknown_question_and_malformed_answer_exit_2(ff: Run, journal: Path) -> None:
    assert "colour: not a question" in check(ff, "I", answers={**ALL_CLEAR, "colour": "x"}).stderr
    result = ff("check", "Idea", "--answer", "legal")
    assert result.exit_code == 2
    assert "QUESTION=VALUE" in result.stderr
    assert not journal.exists()


def test_answers_from_a_yaml_file_with_options_winning(
    ff: Run, journal: Path, tmp_path: Path
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("".join(f"{k}: {v}\n" for k, v in ALL_CLEAR.items()))  # unquoted yes
    result = ff("check", "Idea", "--answers", str(answers), "--answer", "newspaper=no", "--json")
    assert result.exit_code == 3
    assert json.loads(result.stdout)["answers"]["newspaper"] == "no"


def test_answers_from_json_on_stdin(ff: Run, journal: Path) -> None:
    result = ff("check", "Idea", "--answers", "-", "--json", input=json.dumps(ALL_CLEAR))
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["level"] == "go"


def test_a_broken_answers_file_is_named_with_its_line(
    ff: Run, journal: Path, tmp_path: Path
) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text('{"legal": "yes",\n "values": }\n')
    result = ff("check", "Idea", "--answers", str(answers))
    assert result.exit_code == 2
    assert f"{answers}:2:" in result.stderr
    assert not journal.exists()


def test_dry_run_records_nothing(ff: Run, journal: Path) -> None:
    result = check(ff, "--dry-run", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["recorded"] is False and data["idea"]["id"] is None
    assert not journal.exists()


def test_a_title_is_needed_to_record_without_a_terminal(ff: Run, journal: Path) -> None:
    result = check(ff)
    assert result.exit_code == 2
    assert "needs a title" in result.stderr
    assert not journal.exists()


def test_owner_team_and_tags_are_recorded(ff: Run, journal: Path) -> None:
    check(
        ff,
        "Idea",
        "--owner",
        "Sam Jones",
        "--team",
        "Family support",
        "--tag",
        "dads",
        "--tag",
        "weekend",
        "--tag",
        "dads",
    )
    idea = json.loads(ff("ideas", "--json").stdout)[0]
    assert (idea["owner"], idea["team"], idea["tags"]) == (
        "Sam Jones",
        "Family support",
        ["dads", "weekend"],
    )
    check(ff, "Another")
    assert json.loads(ff("ideas", "--json").stdout)[0]["owner"] == "test-owner"


def test_ideas_lists_newest_first_with_uk_dates(ff: Run, journal: Path) -> None:
    ff("check", "First idea", *answer_options(ALL_CLEAR), env={"FF_NOW": "2026-11-24T09:00:00Z"})
    ff(
        "check",
        "Second idea",
        *answer_options({**ALL_CLEAR, "legal": "no"}),
        env={"FF_NOW": "2026-11-25T09:00:00Z"},
    )
    result = ff("ideas")
    assert result.exit_code == 0
    lines = [line for line in result.stdout.splitlines() if "idea" in line]
    assert "Second idea" in lines[0] and "25 Nov 2026" in lines[0] and "stop" in lines[0]
    assert "First idea" in lines[1] and "24 Nov 2026" in lines[1] and "go" in lines[1]


def test_empty_journal_is_not_an_error(ff: Run, journal: Path) -> None:
    result = ff("ideas")
    assert result.exit_code == 0
    assert "No ideas yet" in result.stderr
    assert result.stdout == ""
    assert ff("ideas", "--json").stdout.strip() == "[]"
    assert not journal.exists()


def test_show_by_ref_prefix_in_human_and_json(ff: Run, journal: Path) -> None:
    created = json.loads(
        check(ff, "Idea to show", "--json", answers={**ALL_CLEAR, "harm": "unsure"}).stdout
    )
    ref = created["idea"]["ref"]
    shown = ff("show", ref[:4])
    assert shown.exit_code == 0
    assert "Idea to show" in shown.stdout
    assert "safeguarding lead" in shown.stdout
    assert "Could it put anyone at risk of harm" in shown.stdout
    data = json.loads(ff("show", ref, "--json").stdout)
    assert data["id"] == created["idea"]["id"]
    assert data["answers"][2] == {
        "question": "harm",
        "answer": "unsure",
        "label": "Not sure",
        "text": "Could it put anyone at risk of harm (children, young "
        "people, vulnerable adults, staff)?",
    }
    assert data["card"]["sha256"] == created["card"]["sha256"]


def test_show_unknown_ref_exits_2(ff: Run, journal: Path) -> None:
    check(ff, "Idea")
    result = ff("show", "zzzz")
    assert result.exit_code == 2
    assert "No idea in" in result.stderr and "ff ideas" in result.stderr


def test_journal_option_before_or_after_the_command(ff: Run, tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "one.json", tmp_path / "two.json"
    assert check(ff, "A", "--journal", str(first)).exit_code == 0
    assert ff("--journal", str(second), "check", "B", *answer_options(ALL_CLEAR)).exit_code == 0
    assert [
        i["title"] for i in json.loads(ff("--journal", str(first), "ideas", "--json").stdout)
    ] == ["A"]
    assert [
        i["title"] for i in json.loads(ff("ideas", "--json", "--journal", str(second)).stdout)
    ] == ["B"]


def test_default_journal_is_in_the_user_data_folder(ff: Run, isolated: Path) -> None:
    result = check(ff, "Idea")
    expected = isolated / ".local" / "share" / "ff" / "journal.json"
    assert expected.exists()
    assert str(expected) in result.stderr


def test_markup_and_escapes_in_user_text_print_as_typed(ff: Run, journal: Path) -> None:
    title = "[bold red]Shout[/bold red] \x1b[2J\x1b]0;pwned\x07 end"
    result = check(ff, title)
    assert result.exit_code == 0
    assert "[bold red]Shout[/bold red]" in result.stdout
    assert "\x1b" not in result.stdout
    listed = ff("ideas").stdout
    assert "[bold red]Shout[/bold red]" in listed and "\x1b" not in listed
    assert json.loads(ff("ideas", "--json").stdout)[0]["title"] == title, "stored as typed"


def test_another_card_by_id(ff: Run, journal: Path) -> None:
    result = ff("check", "Idea", "--card", "just-do-it", "--json", "--answer", "legal_ethical=no")
    assert result.exit_code == 4
    assert json.loads(result.stdout)["card"]["id"] == "just-do-it"


def test_unknown_card_exits_2_listing_cards(ff: Run, journal: Path) -> None:
    result = check(ff, "Idea", "--card", "nope")
    assert result.exit_code == 2
    assert "fail-fast-fail-forward" in result.stderr and "just-do-it" in result.stderr


def test_a_broken_card_file_exits_1_with_its_position(
    ff: Run, journal: Path, tmp_path: Path
) -> None:
    card = tmp_path / "broken.yaml"
    card.write_text("id: broken\ntitle: [oops\n")
    result = check(ff, "Idea", "--card", str(card))
    assert result.exit_code == 1
    assert f"{card}:3:1:" in result.stderr or f"{card}:2:" in result.stderr
    assert not journal.exists()


@pytest.mark.slow
def test_real_process_stdout_is_data_and_no_color_is_respected(journal: Path) -> None:
    done = run_ff(
        "check",
        "Idea",
        "--json",
        *answer_options(ALL_CLEAR),
        env={"NO_COLOR": "1", "FORCE_COLOR": ""},
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["level"] == "go"
    assert "Recorded as" in done.stderr
    human = run_ff("show", json.loads(done.stdout)["idea"]["ref"], env={"NO_COLOR": "1"})
    assert "\x1b[" not in human.stdout and "Decision: Go ahead" in human.stdout


@pytest.mark.slow
def test_version_and_module_entry_point() -> None:
    from ff import __version__

    done = run_ff("--version")
    assert (done.returncode, done.stdout.strip()) == (0, f"ff {__version__}")


def test_escapes_in_a_journal_edited_elsewhere_never_reach_the_terminal(
    ff: Run, journal: Path
) -> None:
    created = json.loads(check(ff, "Plain title", "--json").stdout)
    raw = journal.read_text(encoding="utf-8")
    journal.write_text(
        raw.replace("Plain title", "Evil \\u001b[2J\\u001b]0;pwned\\u0007 title"), encoding="utf-8"
    )
    assert json.loads(ff("show", created["idea"]["ref"], "--json").stdout)["title"].startswith(
        "Evil \x1b[2J"
    ), "the JSON keeps the stored text as it is"
    for args in (("ideas",), ("show", created["idea"]["ref"])):
        shown = ff(*args).stdout
        assert "Evil" in shown and "title" in shown
        assert "\x1b" not in shown and "\x07" not in shown and "pwned" not in shown


def test_shell_completion_offers_idea_refs_and_card_ids(journal: Path) -> None:
    """Typer's completion, as bash asks for it, completes refs from the journal."""
    from typer.testing import CliRunner

    from ff.cli import app

    made = json.loads(
        CliRunner().invoke(app, ["check", "Idea", "--json", *answer_options(ALL_CLEAR)]).stdout
    )
    runner = CliRunner()

    def complete(words: str) -> list[str]:
        env = {
            "_FF_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split(" ")) - 1),
        }
        result = runner.invoke(app, [], env=env, prog_name="ff")
        return result.stdout.split()

    assert made["idea"]["ref"] in complete("ff show ")
    assert set(complete("ff check --card ")) >= {"fail-fast-fail-forward", "just-do-it"}
