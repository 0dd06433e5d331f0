"""``ff cards`` and the card folders, as a council's card author meets them: real
``ff`` processes, cards in FF_CARDS folders and in the config's cards_dir, and the
real Graphviz for the drawings."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, answer_options, run_ff
from tests.data.cardtext import SMALL_CARD

pytestmark = pytest.mark.slow  # every test here runs ff as a real process

BUILT_IN = REPO / "cards"
BUILT_IN_IDS = sorted(path.stem for path in BUILT_IN.glob("*.yaml"))
SMALL_RULES = [  # (question, where the rule goes), in card order: 8 rules
    ("safe", "stop"),
    ("safe", "cost"),
    ("cost", "tell"),
    ("cost", "go"),
    ("cost", "tell"),
    ("tell", "ask"),
    ("tell", "ask"),
    ("tell", "careful"),
]
SMALL_LEVELS = {"go": "go", "careful": "caution", "ask": "approval", "stop": "stop"}
EXIT_FOR_LEVEL = {"go": 0, "caution": 0, "approval": 3, "stop": 4}
PROBLEM_LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<column>\d+): (?P<message>.+)$")


@pytest.fixture(autouse=True)
def no_card_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A config file of the test's own and no card settings from the outside world."""
    monkeypatch.setenv("FF_CONFIG", str(tmp_path / "config.ini"))
    monkeypatch.setenv("FF_JOURNAL", str(tmp_path / "journal.json"))
    for name in ("FF_CARDS", "FF_CARD", "FF_LANG"):
        monkeypatch.delenv(name, raising=False)


# --------------------------------------------------------------------------- helpers


def replaced(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` (which must be there, once) replaced."""
    assert text.count(old) == 1, f"{old!r} is not in the card once"
    return text.replace(old, new)


def small_card(card_id: str = "small", title: str = "Small card") -> str:
    text = replaced(SMALL_CARD, "\nid: small\n", f"\nid: {card_id}\n")
    return replaced(text, "title: Small card", f"title: {title}")


def folder(tmp_path: Path, name: str) -> Path:
    made = tmp_path / name
    made.mkdir(parents=True, exist_ok=True)
    return made


def write_card(where: Path, card_id: str, title: str = "Small card", text: str = "") -> Path:
    path = where / f"{card_id}.yaml"
    path.write_text(text or small_card(card_id, title), encoding="utf-8")
    return path


def ff(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return run_ff(*args, env=env, cwd=cwd)


def ff_json(*args: str, code: int = 0, env: dict[str, str] | None = None) -> Any:
    """Run ff with --json; check the exit code and that stdout is one JSON document."""
    done = ff(*args, "--json", env=env)
    assert done.returncode == code, done.stderr
    return json.loads(done.stdout)


def cards_path(*folders: Path) -> dict[str, str]:
    return {"FF_CARDS": os.pathsep.join(str(f) for f in folders)}


def set_cards_dir(where: Path) -> None:
    done = ff("config", "set", "cards_dir", str(where))
    assert done.returncode == 0, done.stderr


def by_id(listed: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in listed}


def words(text: str) -> str:
    """Text with its whitespace collapsed, so that wrapping at the terminal's width
    does not matter."""
    return " ".join(text.split())


def problem_lines(stdout: str) -> list[tuple[str, int, int, str]]:
    """``file:line:column: message`` lines; every line of stdout must be one."""
    found = []
    for line in stdout.splitlines():
        parsed = PROBLEM_LINE.match(line)
        assert parsed, f"not file:line:column: message: {line!r}"
        found.append(
            (parsed["file"], int(parsed["line"]), int(parsed["column"]), parsed["message"])
        )
    return found


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def column_of(text: str, fragment: str) -> int:
    line = text.splitlines()[line_of(text, fragment) - 1]
    return line.index(fragment) + 1


# --------------------------------------------------------------------------- list


def test_built_in_cards_are_listed_as_built_in() -> None:
    listed = by_id(ff_json("cards", "list"))
    assert sorted(listed) == BUILT_IN_IDS
    assert {"fail-fast-fail-forward", "just-do-it"} <= set(listed)
    for card_id, item in listed.items():
        assert item["source"] == "built-in"
        assert Path(item["path"]) == BUILT_IN / f"{card_id}.yaml"
        assert item["shadows"] == [] and item["problems"] == 0
        assert item["title"] and item["version"] and "en" in item["languages"]
    assert listed["fail-fast-fail-forward"]["title"] == "Fail Fast Fail Forward"
    text = ff("cards", "list")
    assert text.returncode == 0, text.stderr
    row = next(line for line in text.stdout.splitlines() if line.startswith("just-do-it "))
    assert "Just Do It" in row and "built-in" in row and str(BUILT_IN / "just-do-it.yaml") in row


def test_cards_in_ff_cards_and_in_cards_dir_are_listed_with_their_source(tmp_path: Path) -> None:
    mine = write_card(folder(tmp_path, "mine"), "mine", "My own card")
    team = write_card(folder(tmp_path, "org"), "team-a", "Team A's card")
    set_cards_dir(team.parent)
    listed = by_id(ff_json("cards", "list", env=cards_path(mine.parent)))
    assert sorted(listed) == sorted([*BUILT_IN_IDS, "mine", "team-a"])
    assert (listed["mine"]["source"], listed["mine"]["path"]) == ("FF_CARDS", str(mine))
    assert (listed["team-a"]["source"], listed["team-a"]["path"]) == ("cards_dir", str(team))
    assert listed["mine"]["title"] == "My own card" and listed["mine"]["version"] == "1"
    assert listed["team-a"]["title"] == "Team A's card" and listed["team-a"]["problems"] == 0


def test_an_organisation_card_with_a_built_in_id_shadows_it_and_is_used(tmp_path: Path) -> None:
    ours = write_card(folder(tmp_path, "org"), "just-do-it", "Our own Just Do It")
    env = cards_path(ours.parent)
    item = by_id(ff_json("cards", "list", env=env))["just-do-it"]
    assert (item["source"], item["path"], item["title"]) == (
        "FF_CARDS",
        str(ours),
        "Our own Just Do It",
    )
    assert item["shadows"] == [{"source": "built-in", "path": str(BUILT_IN / "just-do-it.yaml")}]
    text = ff("cards", "list", env=env)
    assert f"it shadows the built-in card at {BUILT_IN / 'just-do-it.yaml'}" in text.stdout
    # The built-in just-do-it has no question "safe": only our card takes these answers.
    answers = answer_options({"safe": "yes", "cost": "nothing"})
    checked = ff_json("check", "--card", "just-do-it", "--dry-run", *answers, env=env)
    assert checked["card"]["title"] == "Our own Just Do It"
    assert (checked["outcome"]["id"], checked["level"]) == ("go", "go")


def test_the_first_ff_cards_folder_wins_over_the_second_and_over_cards_dir(
    tmp_path: Path,
) -> None:
    # Named so that alphabetical order is not the order of precedence.
    first = write_card(folder(tmp_path, "z-first"), "shared", "From the first folder")
    second = write_card(folder(tmp_path, "a-second"), "shared", "From the second folder")
    org = write_card(folder(tmp_path, "org"), "shared", "From cards_dir")
    set_cards_dir(org.parent)
    env = cards_path(first.parent, second.parent)
    item = by_id(ff_json("cards", "list", env=env))["shared"]
    assert (item["source"], item["path"], item["title"]) == (
        "FF_CARDS",
        str(first),
        "From the first folder",
    )
    assert item["shadows"] == [
        {"source": "FF_CARDS", "path": str(second)},
        {"source": "cards_dir", "path": str(org)},
    ]
    answers = answer_options({"safe": "no"})
    checked = ff_json("check", "--card", "shared", "--dry-run", *answers, code=4, env=env)
    assert checked["card"]["title"] == "From the first folder"
    swapped = ff_json("cards", "list", env=cards_path(second.parent, first.parent))
    assert by_id(swapped)["shared"]["title"] == "From the second folder"


def test_a_broken_card_in_a_folder_is_listed_with_its_problem_count(tmp_path: Path) -> None:
    org = folder(tmp_path, "org")
    write_card(org, "fine", "A fine card")
    broken = small_card("broken", "Broken card")
    broken = replaced(broken, 'version: "1"\n', 'version: "1"\ncolour: blue\n')
    broken = replaced(broken, "level: approval, title: Ask first", "level: maybe, title: Ask first")
    write_card(org, "broken", text=broken)
    listed = by_id(ff_json("cards", "list", env=cards_path(org)))
    assert listed["broken"]["problems"] == 2
    assert listed["broken"]["title"] is None and listed["broken"]["source"] == "FF_CARDS"
    assert listed["fine"]["problems"] == 0 and listed["fine"]["title"] == "A fine card"
    assert set(BUILT_IN_IDS) <= set(listed)
    text = ff("cards", "list", env=cards_path(org))
    assert text.returncode == 0, text.stderr
    row = next(line for line in text.stdout.splitlines() if line.startswith("broken "))
    assert "2 problems" in row and "cannot be used" in row
    assert "1 card cannot be used: ff cards validate shows why." in text.stderr
    assert "Traceback" not in text.stderr


@pytest.mark.parametrize(
    "command",
    [
        ("cards", "show", "../outside"),
        ("cards", "graph", "../outside"),
        ("check", "--card", "../outside", "--dry-run", "--answer", "safe=no"),
    ],
    ids=["show", "graph", "check"],
)
def test_a_path_given_as_a_card_id_is_refused_and_never_read(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    # FF_CARDS/../outside.yaml is a real, valid card: joining the id to the folder
    # would find it.
    org = folder(tmp_path, "org")
    write_card(org, "inside", "Inside the folder")
    write_card(tmp_path, "outside", "Outside the folder")
    done = ff(*command, env=cards_path(org))
    assert done.returncode == 2, done.stderr
    assert "'../outside' is not a card id" in done.stderr
    assert ".yaml" in done.stderr, "the hint says how to give a card file"
    assert "Outside the folder" not in done.stdout + done.stderr


# --------------------------------------------------------------------------- show


def test_show_names_every_question_its_answers_and_where_each_leads(tmp_path: Path) -> None:
    org = folder(tmp_path, "org")
    write_card(org, "small")
    done = ff("cards", "show", "small", env=cards_path(org))
    assert done.returncode == 0, done.stderr
    text = words(done.stdout)
    assert text.startswith("Small card (small, version 1)")
    first, rest = text.split("2. How much will it cost?")
    second, rest = rest.split("3. Will you tell your manager?")
    third, outcomes = rest.split("Outcomes")
    assert "1. Is it safe?" in first and "Help: Think about everyone involved." in first
    assert "1. Yes 2. No 3. Not sure" in first
    assert "If the answer is No: STOP. It is not safe. What to do: Do not do it." in first
    assert "if the answer is No, go to outcome Stop (stop)" in first
    assert "otherwise, go to question 2 (cost)" in first
    assert "1. nothing 2. A little 3. A lot" in second
    assert "If the answer is A lot: CAUTION. It costs a lot." in second
    assert "if the answer is A lot or the answer to safe is Not sure, go to question 3" in second
    assert "go to outcome Go (go ahead)" in second
    assert "otherwise, go to question 3 (tell)" in second
    assert "1. Yes 2. No" in third and "Not sure" not in third
    assert "go to outcome Ask first (talk to your manager first)" in third
    assert "otherwise, go to outcome Go carefully (go ahead, with conditions)" in third
    for title, level in [("Go", "go"), ("Go carefully", "caution"), ("Ask first", "approval")]:
        assert f"{title} [" in outcomes and f"level {level}" in outcomes
    assert "Stop [stop], level stop" in outcomes
    assert "Why: All clear." in outcomes and "Next: Start." in outcomes


def test_show_json_is_the_parsed_card(tmp_path: Path) -> None:
    card = write_card(tmp_path, "small")
    data = ff_json("cards", "show", str(card))
    assert (data["id"], data["version"], data["title"]) == ("small", "1", "Small card")
    assert [q["id"] for q in data["questions"]] == ["safe", "cost", "tell"]
    safe, cost, tell = data["questions"]
    assert (safe["type"], safe["text"]) == ("yes_no_unsure", "Is it safe?")
    assert [c["value"] for c in safe["choices"]] == ["yes", "no", "unsure"]
    assert cost["choices"] == [
        {"value": "nothing", "label": "nothing"},
        {"value": "little", "label": "A little"},
        {"value": "lots", "label": "A lot"},
    ]
    assert safe["flags"]["no"]["level"] == "stop"
    assert safe["next"] == [
        {"when": {"question": "safe", "answer": ["no"]}, "goto": "stop"},
        {"when": None, "goto": "cost"},
    ]
    rules = [(q["id"], rule["goto"]) for q in data["questions"] for rule in q["next"]]
    assert rules == SMALL_RULES
    assert tell["next"][0]["when"] == {
        "all": [{"question": "tell", "answer": ["no"]}, {"flagged_at_least": "approval"}]
    }
    assert {o["id"]: o["level"] for o in data["outcomes"]} == SMALL_LEVELS
    assert [t["name"] for t in data["tests"]] == ["clear", "pricey", "unsure", "unsafe"]


def test_markup_in_a_card_is_shown_literally(tmp_path: Path) -> None:
    text = small_card("loud", '"[red]x[/red] wiped"')
    text = replaced(text, "text: Is it safe?", 'text: "Is it safe? [bold]b[/bold]"')
    text = replaced(text, "title: Stop}", 'title: "[blink]Stop[/blink] now"}')
    org = folder(tmp_path, "org")
    write_card(org, "loud", text=text)
    for colour in ({"NO_COLOR": "1"}, {"FORCE_COLOR": "1", "TERM": "xterm-256color"}):
        env = {**cards_path(org), **colour}
        for command in (("cards", "show", "loud"), ("cards", "list")):
            done = ff(*command, env=env)
            assert done.returncode == 0, done.stderr
            assert "[red]x[/red]" in done.stdout, "markup is shown as typed"
            if "NO_COLOR" in colour:
                assert "\x1b" not in done.stdout + done.stderr, command
    shown = ff("cards", "show", "loud", env=cards_path(org)).stdout
    assert "[bold]b[/bold]" in shown and "[blink]Stop[/blink]" in shown


def test_escape_codes_in_a_card_are_refused_where_they_are_and_never_printed(
    tmp_path: Path,
) -> None:
    text = small_card("loud", '"Small \\e[2J wiped"')
    text = replaced(text, "text: Is it safe?", 'text: "Is it \\e]0;pwned\\a safe?"')
    text = replaced(text, "title: Stop}", 'title: "Stop \\e[31mnow"}')
    org = folder(tmp_path, "org")
    path = write_card(org, "loud", text=text)
    validated = ff("cards", "validate", str(path))
    assert validated.returncode == 1
    lines = {int(line.split(":")[1]): line for line in validated.stdout.splitlines()}
    numbered = text.splitlines()
    for fragment, what in [
        ("title: ", "the card: 'title'"),
        ("text: ", "question 'safe': 'text'"),
        ('title: "Stop', "outcome 'stop': 'title'"),
    ]:
        number = next(n for n, line in enumerate(numbered, 1) if fragment in line)
        assert f"{what} holds a control character (U+001B)" in lines.pop(number)
    assert not lines, "one problem for each text, and no other"
    env = cards_path(org)
    for command in (("cards", "show", "loud"), ("cards", "graph", "loud"), ("cards", "list")):
        done = ff(*command, env=env)
        assert done.returncode == (0 if command[1] == "list" else 1), done.stderr
        for code in ("\x1b", "\x07"):
            assert code not in done.stdout + done.stderr, (command, code)


# --------------------------------------------------------------------------- validate


def broken_card() -> str:
    """The small card with four problems, each found while reading it."""
    text = replaced(small_card(), 'version: "1"\n', 'version: "1"\ncolour: blue\n')
    text = replaced(text, "title: Go carefully}", "title: Go carefully, colour: red}")
    text = replaced(text, "level: approval, title: Ask first", "level: maybe, title: Ask first")
    return replaced(text, "type: yes_no\n", "type: yes_or_no\n")


def test_validate_reports_every_problem_at_its_line_and_column(tmp_path: Path) -> None:
    text = broken_card()
    card = tmp_path / "broken.yaml"
    card.write_text(text, encoding="utf-8")
    done = ff("cards", "validate", str(card))
    assert done.returncode == 1, done.stderr
    found = problem_lines(done.stdout)
    assert [(f, line, column) for f, line, column, _ in found] == [
        (str(card), line_of(text, "colour: blue"), 1),
        (str(card), line_of(text, "type: yes_or_no"), column_of(text, "type: yes_or_no")),
        (str(card), line_of(text, "colour: red"), column_of(text, "colour: red")),
        (str(card), line_of(text, "level: maybe"), column_of(text, "level: maybe")),
    ]
    messages = [message for *_, message in found]
    assert "unknown key 'colour'" in messages[0]
    assert "yes_or_no" in messages[1]
    assert "unknown key 'colour'" in messages[2]
    assert "'maybe'" in messages[3] and "go, caution, approval, stop" in messages[3]
    assert f"BAD {card} (4 problems)" in done.stderr
    assert "0 of 1 cards valid." in done.stderr


def test_validate_json_gives_each_card_and_each_problem(tmp_path: Path) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text(broken_card(), encoding="utf-8")
    good = write_card(tmp_path, "small")
    data = ff_json("cards", "validate", str(bad), str(good), code=1)
    assert data["valid"] is False
    assert [set(c) for c in data["cards"]] == [{"file", "card", "valid", "problems"}] * 2
    broken, fine = data["cards"]
    assert (broken["file"], broken["card"], broken["valid"]) == (str(bad), None, False)
    assert len(broken["problems"]) == 4
    for problem in broken["problems"]:
        assert set(problem) == {"file", "line", "column", "message"}
        assert problem["file"] == str(bad)
        assert isinstance(problem["line"], int) and isinstance(problem["column"], int)
    assert broken["problems"][3]["line"] == line_of(broken_card(), "level: maybe")
    assert fine == {"file": str(good), "card": "small", "valid": True, "problems": []}
    assert ff_json("cards", "validate", str(good)) == {"valid": True, "cards": [fine]}


def test_valid_cards_exit_0_with_nothing_on_stdout(tmp_path: Path) -> None:
    card = write_card(tmp_path, "small")
    done = ff("cards", "validate", str(card), str(BUILT_IN / "just-do-it.yaml"))
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert f"ok  {card}" in done.stderr and "2 of 2 cards valid." in done.stderr


def test_validate_with_no_paths_checks_every_card_ff_can_find(tmp_path: Path) -> None:
    mine = write_card(folder(tmp_path, "mine"), "mine")
    data = ff_json("cards", "validate", env=cards_path(mine.parent))
    assert data["valid"] is True
    assert sorted(c["card"] for c in data["cards"]) == sorted([*BUILT_IN_IDS, "mine"])
    assert str(mine) in [c["file"] for c in data["cards"]]
    broken = mine.parent / "broken.yaml"
    broken.write_text(broken_card().replace("id: small", "id: broken"), encoding="utf-8")
    done = ff("cards", "validate", env=cards_path(mine.parent))
    assert done.returncode == 1
    assert {f for f, *_ in problem_lines(done.stdout)} == {str(broken)}


def test_a_card_whose_id_is_not_its_file_name_is_reported(tmp_path: Path) -> None:
    org = folder(tmp_path, "org")
    text = small_card("other")
    named = write_card(org, "named", text=text)
    done = ff("cards", "validate", env=cards_path(org))
    assert done.returncode == 1
    [(file, line, column, message)] = problem_lines(done.stdout)
    assert (file, line, column) == (str(named), line_of(text, "id: other"), 1)
    assert "'other'" in message and "file name" in message and "named" in message
    assert by_id(ff_json("cards", "list", env=cards_path(org)))["named"]["problems"] == 1


@pytest.mark.parametrize("command", ["validate", "test"])
def test_a_broken_card_given_by_id_is_reported_as_json(tmp_path: Path, command: str) -> None:
    org = folder(tmp_path, "org")
    write_card(org, "broken", text=broken_card().replace("id: small", "id: broken"))
    done = ff("cards", command, "broken", "--json", env=cards_path(org))
    assert done.returncode == 1
    assert done.stdout, f"no JSON on stdout; stderr: {done.stderr}"
    [card] = json.loads(done.stdout)["cards"]
    assert card["valid"] is False and len(card["problems"]) == 4


def test_a_flow_problem_is_reported_with_an_unknown_key_in_one_run(tmp_path: Path) -> None:
    text = replaced(small_card(), 'version: "1"\n', 'version: "1"\ncolour: blue\n')
    text = replaced(text, "goto: careful", "goto: nowhere")
    card = tmp_path / "two.yaml"
    card.write_text(text, encoding="utf-8")
    done = ff("cards", "validate", str(card))
    assert done.returncode == 1
    assert [line for _, line, *_ in problem_lines(done.stdout)] == [
        line_of(text, "colour: blue"),
        line_of(text, "goto: nowhere"),
    ]


def test_unquoted_no_and_duplicate_keys_come_with_every_other_problem(tmp_path: Path) -> None:
    text = replaced(small_card(), '"no": {level: stop', "no: {level: stop")
    text = replaced(
        text, 'when: {answer: "no"}\n        goto: stop', "when: {answer: no}\n        goto: stop"
    )
    text = replaced(text, "source: Written", "source: Once.\nsource: Written")
    text = replaced(text, 'version: "1"\n', 'version: "1"\ncolour: blue\n')
    card = tmp_path / "several.yaml"
    card.write_text(text, encoding="utf-8")
    done = ff("cards", "validate", str(card))
    assert done.returncode == 1
    found = problem_lines(done.stdout)
    assert [line for _, line, *_ in found] == [
        line_of(text, "colour: blue"),
        line_of(text, "source: Written"),
        line_of(text, "no: {level: stop"),
        line_of(text, "when: {answer: no}"),
    ]
    messages = [message for *_, message in found]
    assert "unknown key 'colour'" in messages[0] and "duplicate key 'source'" in messages[1]
    assert all('write "no" in quotes' in message for message in messages[2:])


# --------------------------------------------------------------------------- test


def wrong_example_card() -> str:
    """Every outcome reached, but one example expects the wrong outcome."""
    return small_card() + (
        '  - {name: wrong guess, answers: {safe: "yes", cost: nothing}, outcome: stop}\n'
    )


def unreached_card() -> str:
    """Every example right, but no example reaches the outcome stop."""
    return replaced(
        small_card(), '  - {name: unsafe, answers: {safe: "no"}, outcome: stop, path: [safe]}\n', ""
    )


def test_a_card_whose_examples_all_pass_exits_0(tmp_path: Path) -> None:
    card = write_card(tmp_path, "small")
    done = ff("cards", "test", str(card))
    assert done.returncode == 0, done.stdout + done.stderr
    for name in ("clear", "pricey", "unsure", "unsafe"):
        assert f"pass {name}" in done.stdout
    assert "FAIL" not in done.stdout and "1 of 1 cards passed." in done.stderr


def test_an_example_with_the_wrong_outcome_fails_saying_what_differed(tmp_path: Path) -> None:
    card = tmp_path / "wrong.yaml"
    card.write_text(wrong_example_card(), encoding="utf-8")
    done = ff("cards", "test", str(card))
    assert done.returncode == 1
    lines = [line.strip() for line in done.stdout.splitlines()]
    line = len(wrong_example_card().splitlines())  # the example is the card's last line
    failed = lines.index(f"FAIL wrong guess (line {line})")
    assert lines[failed + 1] == "outcome: expected stop, got go"
    assert "pass clear" in lines and "pass unsafe" in lines
    assert "no example reaches" not in done.stdout
    assert "0 of 1 cards passed." in done.stderr


def test_an_example_missing_an_answer_fails_with_the_detail_under_it(tmp_path: Path) -> None:
    """The missing answer is indented under its example, never like the next one."""
    missing = '  - {name: missing, answers: {safe: "yes", cost: lots}, outcome: careful}\n'
    text = small_card() + missing
    card = tmp_path / "missing.yaml"
    card.write_text(text, encoding="utf-8")
    done = ff("cards", "test", str(card), env={"COLUMNS": "200"})
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    failed = lines.index(f"  FAIL missing (line {len(text.splitlines())})")
    assert lines[failed + 1 : failed + 3] == [
        "       Answers are missing for:",
        "         tell (answers: yes, no): Will you tell your manager?",
    ]
    examples = [line for line in lines if re.match(r"  (pass|FAIL) ", line)]
    assert len(examples) == 5, "only the examples are at the examples' indent"


def test_an_example_may_name_the_reasons_the_decision_must_give(tmp_path: Path) -> None:
    pricey = (
        '  - {name: pricey, answers: {safe: "yes", cost: lots, tell: "yes"}, outcome: careful}\n'
    )
    text = replaced(
        small_card(),
        pricey,
        pricey.replace("outcome: careful}", "outcome: careful, reasons: [It costs a lot.]}")
        + '  - {name: pricey too, answers: {safe: "yes", cost: lots, tell: "yes"}, '
        "outcome: careful, reasons: [It costs a little.]}\n",
    )
    card = tmp_path / "reasons.yaml"
    card.write_text(text, encoding="utf-8")
    done = ff("cards", "test", str(card))
    assert done.returncode == 1
    lines = [line.strip() for line in done.stdout.splitlines()]
    assert "pass pricey" in lines
    failed = next(n for n, line in enumerate(lines) if line.startswith("FAIL pricey too (line "))
    assert lines[failed + 1].startswith("reasons: expected 'It costs a little.', got [")
    assert "'It costs a lot.'" in lines[failed + 1]


def test_an_outcome_no_example_reaches_fails_the_card(tmp_path: Path) -> None:
    card = tmp_path / "unreached.yaml"
    card.write_text(unreached_card(), encoding="utf-8")
    done = ff("cards", "test", str(card))
    assert done.returncode == 1
    assert "FAIL no example reaches the outcome stop" in done.stdout
    assert [line for line in done.stdout.splitlines() if "FAIL" in line] == [
        "  FAIL no example reaches the outcome stop"
    ]


def test_test_json_gives_each_card_each_example_and_unreached_outcomes(tmp_path: Path) -> None:
    good = write_card(tmp_path, "small")
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(wrong_example_card(), encoding="utf-8")
    unreached = tmp_path / "unreached.yaml"
    unreached.write_text(unreached_card(), encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text(broken_card(), encoding="utf-8")
    data = ff_json("cards", "test", *map(str, (good, wrong, unreached, broken)), code=1)
    assert data["passed"] is False
    keys = {"file", "card", "valid", "problems", "passed", "examples", "unreached_outcomes"}
    assert [set(c) for c in data["cards"]] == [keys] * 4
    passing, failing, unreaching, unreadable = data["cards"]
    assert passing["passed"] is True and passing["unreached_outcomes"] == []
    clear_line = next(
        n for n, line in enumerate(SMALL_CARD.splitlines(), 1) if "name: clear" in line
    )
    assert passing["examples"][0] == {
        "name": "clear",
        "passed": True,
        "differences": [],
        "line": clear_line,
    }
    assert [e["passed"] for e in passing["examples"]] == [True] * 4
    assert failing["passed"] is False and failing["unreached_outcomes"] == []
    assert failing["examples"][-1] == {
        "name": "wrong guess",
        "passed": False,
        "differences": ["outcome: expected stop, got go"],
        "line": len(wrong_example_card().splitlines()),
    }
    assert unreaching["passed"] is False and unreaching["unreached_outcomes"] == ["stop"]
    assert all(e["passed"] for e in unreaching["examples"])
    assert (unreadable["file"], unreadable["valid"], unreadable["passed"]) == (
        str(broken),
        False,
        False,
    )
    assert len(unreadable["problems"]) == 4 and unreadable["examples"] == []
    assert ff_json("cards", "test", str(good))["passed"] is True


# --------------------------------------------------------------------------- graph


TRICKY = {  # text that would end a quoted label, start a comment or open a tag
    "safe": 'Is it "safe" for #1 <kids> & > adults?',
    "cost": "How much; {in} [pounds] | %% it's \\ back\\slash?",
    "stop": 'Stop "now" #2 <b>bold</b>',
    "lots": 'A lot: "500+" <over> #budget',
}


def quoted(text: str) -> str:
    """Text as a single-quoted YAML scalar."""
    return "'" + text.replace("'", "''") + "'"


def tricky_card() -> str:
    text = replaced(small_card("tricky"), "text: Is it safe?", f"text: {quoted(TRICKY['safe'])}")
    text = replaced(text, "text: How much will it cost?", f"text: {quoted(TRICKY['cost'])}")
    text = replaced(  # a line break inside a label would end the Mermaid line
        text, "text: Will you tell your manager?", 'text: "Will you tell\\nyour manager?"'
    )
    text = replaced(text, "title: Stop}", f"title: {quoted(TRICKY['stop'])}}}")
    return replaced(text, "label: A lot}", f"label: {quoted(TRICKY['lots'])}}}")


def unmermaid(label: str) -> str:
    """A Mermaid label with its entity codes (#quot; #35; ...) turned back into text."""
    codes = {"quot": '"', "lt": "<", "gt": ">", "amp": "&", "35": "#"}
    return re.sub(r"#(\w+);", lambda m: codes[m[1]], label)


def test_mermaid_has_every_question_outcome_and_rule_and_escapes_text(tmp_path: Path) -> None:
    card = tmp_path / "tricky.yaml"
    card.write_text(tricky_card(), encoding="utf-8")
    done = ff("cards", "graph", str(card))
    assert done.returncode == 0, done.stderr
    questions: dict[str, str] = {}
    outcomes: dict[str, tuple[str, str]] = {}
    edges: list[tuple[str, str, str]] = []
    classes = set()
    lines = done.stdout.splitlines()
    assert lines[0].startswith("%% ") and lines[1] == "flowchart TD"
    for line in lines[2:]:  # every line is one of these shapes, or the syntax broke
        if node := re.fullmatch(r'    (\w+)\["([^"]*)"\]', line):
            questions[node[1]] = node[2]
        elif node := re.fullmatch(r'    (\w+)\(\["([^"]*)"\]\):::(\w+)', line):
            outcomes[node[1]] = (node[2], node[3])
        elif edge := re.fullmatch(r'    (\w+) -->\|"([^"]*)"\| (\w+)', line):
            edges.append((edge[1], edge[3], edge[2]))
        elif style := re.fullmatch(
            r"    classDef (\w+) fill:#\w{6},stroke:#\w{6},color:#000", line
        ):
            classes.add(style[1])
        else:
            pytest.fail(f"not a Mermaid node, edge or class: {line!r}")
    labels = [*questions.values(), *(label for label, _ in outcomes.values())]
    for label in [*labels, *(label for *_, label in edges)]:
        assert not re.search(r"[<>]|#(?!(quot|lt|gt|amp|35);)", label), label
    node_of = {f"1. {TRICKY['safe']}": "safe", f"2. {TRICKY['cost']}": "cost"}
    node_of["3. Will you tell your manager?"] = "tell"
    names = {name: node_of[unmermaid(label)] for name, label in questions.items()}
    titles = {"Go": "go", "Go carefully": "careful", "Ask first": "ask", TRICKY["stop"]: "stop"}
    for name, (label, level) in outcomes.items():
        title, _, shown_level = unmermaid(label).rpartition(" (")
        names[name] = titles[title]
        assert level == shown_level.rstrip(")") == SMALL_LEVELS[names[name]]
    assert sorted(names.values()) == sorted(["safe", "cost", "tell", *SMALL_LEVELS])
    assert [(names[a], names[b]) for a, b, _ in edges] == SMALL_RULES
    assert (
        unmermaid(edges[2][2])
        == f"the answer is {TRICKY['lots']} or the answer to safe is Not sure"
    )
    assert classes == {"go", "caution", "approval", "stop"}


def needs_graphviz() -> str:
    dot = shutil.which("dot")
    if dot is None:
        pytest.skip("Graphviz's dot is not installed here (CI installs it)")
    return dot


def svg_root(text: str) -> ET.Element:
    root = ET.fromstring(text)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return root


def drawn(root: ET.Element) -> tuple[int, int, str]:
    """Nodes, edges and all the text of an SVG that Graphviz drew."""
    groups = [g.get("class") for g in root.iter("{http://www.w3.org/2000/svg}g")]
    texts = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    return groups.count("node"), groups.count("edge"), texts


def test_dot_output_is_read_by_graphviz(tmp_path: Path) -> None:
    dot = needs_graphviz()
    card = tmp_path / "tricky.yaml"
    card.write_text(tricky_card(), encoding="utf-8")
    done = ff("cards", "graph", str(card), "--format", "dot")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith('digraph "tricky" {')
    drawing = subprocess.run(
        [dot, "-Tsvg"], input=done.stdout, capture_output=True, text=True, timeout=60
    )
    assert drawing.returncode == 0, drawing.stderr
    assert "error" not in drawing.stderr.lower(), drawing.stderr
    nodes, edges, texts = drawn(svg_root(drawing.stdout))
    assert (nodes, edges) == (7, len(SMALL_RULES))
    for fragment in ('"safe"', "#1 <kids> &", "back\\slash", '"now"', "<b>bold</b>", '"500+"'):
        assert fragment in texts


def test_svg_is_drawn_by_graphviz_into_a_file(tmp_path: Path) -> None:
    needs_graphviz()
    card = tmp_path / "tricky.yaml"
    card.write_text(tricky_card(), encoding="utf-8")
    picture = tmp_path / "tricky.svg"
    done = ff("cards", "graph", str(card), "--format", "svg", "-o", str(picture))
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and f"Wrote {picture}" in done.stderr
    nodes, edges, texts = drawn(svg_root(picture.read_text(encoding="utf-8")))
    assert (nodes, edges) == (7, len(SMALL_RULES))
    assert "Small card" in texts and "Go carefully" in texts


def test_svg_without_graphviz_says_how_to_install_it_and_writes_nothing(tmp_path: Path) -> None:
    card = write_card(tmp_path, "small")
    no_programs = folder(tmp_path, "empty-bin")
    picture = tmp_path / "small.svg"
    env = {"PATH": str(no_programs)}
    done = ff("cards", "graph", str(card), "--format", "svg", "-o", str(picture), env=env)
    assert done.returncode == 1
    assert "Graphviz" in done.stderr and "install graphviz" in done.stderr.lower()
    assert "--format mermaid" in done.stderr
    assert not picture.exists() and done.stdout == ""
    to_stdout = ff("cards", "graph", str(card), "--format", "svg", env=env)
    assert (to_stdout.returncode, to_stdout.stdout) == (1, "")


def test_graph_writes_a_file_and_replaces_it_only_with_force(tmp_path: Path) -> None:
    card = write_card(tmp_path, "small")
    picture = tmp_path / "small.mmd"
    done = ff("cards", "graph", str(card), "-o", str(picture))
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and f"Wrote {picture}" in done.stderr
    drawing = picture.read_text(encoding="utf-8")
    assert "flowchart TD" in drawing and drawing.count(" -->|") == len(SMALL_RULES)
    picture.write_text("keep me", encoding="utf-8")
    refused = ff("cards", "graph", str(card), "-o", str(picture))
    assert refused.returncode == 2
    assert "already exists" in refused.stderr and "--force" in refused.stderr
    assert picture.read_text(encoding="utf-8") == "keep me"
    forced = ff("cards", "graph", str(card), "-o", str(picture), "--force")
    assert forced.returncode == 0, forced.stderr
    assert picture.read_text(encoding="utf-8") == drawing


# --------------------------------------------------------------------------- new


def test_a_new_card_passes_validate_and_test_and_checks_as_written(tmp_path: Path) -> None:
    where = folder(tmp_path, "drafts")
    done = ff("cards", "new", "my-card", "--output", str(where))
    assert done.returncode == 0, done.stderr
    card = where / "my-card.yaml"
    assert card.is_file() and "#" in card.read_text(encoding="utf-8"), "a commented card"
    assert f"ff cards validate {card}" in done.stderr
    validated = ff("cards", "validate", str(card))
    assert (validated.returncode, validated.stdout) == (0, ""), validated.stderr
    tested = ff_json("cards", "test", str(card))
    assert tested["passed"] is True and tested["cards"][0]["examples"]
    shown = ff_json("cards", "show", str(card))
    assert shown["id"] == "my-card"
    levels = {o["id"]: o["level"] for o in shown["outcomes"]}
    for example in shown["tests"]:
        answers = {key: str(value) for key, value in example["answers"].items()}
        level = example["level"] or levels[example["outcome"]]
        checked = ff_json(
            "check",
            "--card",
            str(card),
            "--dry-run",
            *answer_options(answers),
            code=EXIT_FOR_LEVEL[level],
        )
        assert checked["outcome"]["id"] == example["outcome"], example["name"]
        assert checked["recorded"] is False
    assert not (tmp_path / "journal.json").exists()


def test_a_new_card_goes_into_the_ff_cards_folder_and_is_found_by_id(tmp_path: Path) -> None:
    mine = folder(tmp_path, "mine")
    set_cards_dir(folder(tmp_path, "org"))
    env = cards_path(mine)
    done = ff("cards", "new", "my-card", env=env)
    assert done.returncode == 0, done.stderr
    assert (mine / "my-card.yaml").is_file()
    assert not (tmp_path / "org" / "my-card.yaml").exists()
    checked = ff_json(
        "check", "--card", "my-card", "--dry-run", "--answer", "safe=no", code=4, env=env
    )
    assert (checked["card"]["id"], checked["outcome"]["id"]) == ("my-card", "stop")


def test_a_new_card_goes_into_cards_dir_without_ff_cards(tmp_path: Path) -> None:
    org = folder(tmp_path, "org")
    set_cards_dir(org)
    done = ff("cards", "new", "team-card")
    assert done.returncode == 0, done.stderr
    assert by_id(ff_json("cards", "list"))["team-card"]["path"] == str(org / "team-card.yaml")


def test_a_new_card_with_no_card_folder_set_exits_2_with_a_hint(tmp_path: Path) -> None:
    done = ff("cards", "new", "my-card", cwd=tmp_path)
    assert done.returncode == 2
    assert "--output" in done.stderr and "ff config set cards_dir" in done.stderr
    assert list(tmp_path.rglob("*.yaml")) == []


def test_a_new_card_never_replaces_a_file_without_force(tmp_path: Path) -> None:
    card = tmp_path / "my-card.yaml"
    card.write_text("keep me", encoding="utf-8")
    refused = ff("cards", "new", "my-card", "--output", str(tmp_path))
    assert refused.returncode == 2
    assert "already exists" in refused.stderr and "--force" in refused.stderr
    assert card.read_text(encoding="utf-8") == "keep me"
    forced = ff("cards", "new", "my-card", "--output", str(tmp_path), "--force")
    assert forced.returncode == 0, forced.stderr
    assert ff("cards", "validate", str(card)).returncode == 0


@pytest.mark.parametrize("name", ["../evil", "My Card", "card.yaml"])
def test_a_new_card_needs_a_name_that_can_be_an_id(tmp_path: Path, name: str) -> None:
    where = folder(tmp_path, "drafts")
    done = ff("cards", "new", name, "--output", str(where))
    assert done.returncode == 2
    assert "cannot be a card id" in done.stderr and "lower-case" in done.stderr
    assert list(tmp_path.rglob("*.yaml")) == []


def test_a_new_card_shows_each_next_step_whole(tmp_path: Path) -> None:
    done = ff("cards", "new", "my-card", "--output", str(tmp_path))
    assert done.returncode == 0, done.stderr
    checked = ff_json(
        "check",
        "--card",
        str(tmp_path / "my-card.yaml"),
        "--dry-run",
        *answer_options({"safe": "yes", "cost": "100"}),
    )
    assert checked["next_steps"] == ["Start small, and record what you learn with ff log."]
