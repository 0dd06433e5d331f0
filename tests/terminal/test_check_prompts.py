"""``ff check`` in a real pseudo-terminal, as a person would use it.

Each test spawns ``python -m ff check`` under pexpect, types replies at the
prompts and checks what a user would notice: the prompts and questions shown,
the decision, the exit status, and what ends up in the journal (read back with
``ff ideas --json``). Rich may style the output even with NO_COLOR (bold, dim),
so text is matched with a pattern that allows escape codes and line wrapping
between words.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO, run_ff
from tests.terminal import screen
from tests.terminal.screen import ANY_ESCAPES, on_its_own_line, plain

if sys.platform == "win32":  # pragma: no cover - pexpect.spawn needs a POSIX pty
    pytest.skip("pseudo-terminal tests need POSIX", allow_module_level=True)

import pexpect

pytestmark = pytest.mark.slow

CARD = yaml.safe_load((REPO / "cards" / "fail-fast-fail-forward.yaml").read_text(encoding="utf-8"))


def _english(text: str | dict[str, str]) -> str:
    """A card text as ``ff check`` shows it by default: the card's texts may be
    given in several languages, and English is the default card's language."""
    return text if isinstance(text, str) else text["en"]


QUESTIONS = {
    q["id"]: {key: _english(q[key]) for key in ("text", "help") if key in q}
    for q in CARD["questions"]
}
ORDER = [q["id"] for q in CARD["questions"]]
MOST = len(ORDER)

TITLE_PROMPT = "What is your idea? Give it a short title:"
TIP = "Type 1, 2, 3, ? for help, b to go back."
INVALID = "Please type a number from 1 to 3, ? for help, or b to go back."
FIRST_QUESTION = "This is the first question: there is nothing to go back to."

_HEADING = re.compile(r"(Question \d+ of up to \d+)[^\n]*\n([^\r\n]*)(?=\r?\n)")


class Session(screen.Session):
    """One ``ff check`` run in a pseudo-terminal."""

    def title(self, title: str) -> None:
        self.see(TITLE_PROMPT)
        self.child.sendline(title)

    def question(self, number: int, qid: str) -> str:
        """Wait for question ``qid`` shown as number ``number``, and its prompt;
        return (plain) what came before the question's heading."""
        self.child.expect(_HEADING)
        before = plain(self.child.before)
        heading, text = plain(self.child.match[1]).strip(), plain(self.child.match[2]).strip()
        assert heading == f"Question {number} of up to {MOST}", before
        assert text == QUESTIONS[qid]["text"]
        for index, label in enumerate(("Yes", "No", "Not sure"), 1):
            self.child.expect(re.compile(rf"\n {ANY_ESCAPES} {ANY_ESCAPES}{index}\. {label}"))
        self.see(TIP)
        self.child.expect_exact("> ")
        return before

    def reply(self, number: int, qid: str, reply: str) -> None:
        self.question(number, qid)
        self.child.sendline(reply)


@pytest.fixture
def start(terminal: Callable[..., pexpect.spawn]) -> Callable[..., Session]:
    """Start ``ff check ARGS`` in a pseudo-terminal (see ``terminal`` in conftest)."""
    return lambda *args: Session(terminal("check", *args))


def recorded_ideas() -> list[dict[str, Any]]:
    """The journal's ideas, as ``ff ideas --json`` lists them (FF_JOURNAL is set)."""
    result = run_ff("ideas", "--json")
    assert result.returncode == 0, result.stderr
    ideas: list[dict[str, Any]] = json.loads(result.stdout)
    return ideas


def the_one_idea() -> dict[str, Any]:
    ideas = recorded_ideas()
    assert len(ideas) == 1, ideas
    return ideas[0]


def answers_of(idea: dict[str, Any]) -> list[tuple[str, str]]:
    return [(a["question"], a["answer"]) for a in idea["answers"]]


# --------------------------------------------------------------------------- answering


CAUTION_REPLIES = ["1", "yes", "No", "2", "Yes", "Not sure", "1", "yes"]
CAUTION_VALUES = ["yes", "yes", "no", "no", "yes", "unsure", "yes", "yes"]
APPROVAL_REPLIES = ["not sure", "1", "2", "no", "YES", "1", "  yes  ", "1"]
APPROVAL_VALUES = ["unsure", "yes", "no", "no", "yes", "yes", "yes", "yes"]


@pytest.mark.parametrize(
    ("replies", "values", "level", "outcome", "exit_status"),
    [
        (CAUTION_REPLIES, CAUTION_VALUES, "caution", "Go ahead, with conditions", 0),
        (APPROVAL_REPLIES, APPROVAL_VALUES, "approval", "Talk to your manager first", 3),
    ],
    ids=["caution", "approval"],
)
def test_typed_answers_all_the_way_through(
    start: Callable[..., Session],
    journal: Path,
    replies: list[str],
    values: list[str],
    level: str,
    outcome: str,
    exit_status: int,
) -> None:
    ff = start()
    ff.title("Try a drop-in clinic")
    for number, (qid, reply) in enumerate(zip(ORDER, replies, strict=True), 1):
        ff.reply(number, qid, reply)
    decision = ff.see(f"Decision: {outcome}")
    assert "Please type a number" not in decision
    rest, status = ff.finish()

    assert status == exit_status
    assert "Idea: Try a drop-in clinic" in rest
    assert f"Level: {level.upper()}:" in rest
    found = re.search(r"Recorded as (\w+) in (.+)", rest)
    assert found, rest
    assert found[2].strip() == str(journal)

    idea = the_one_idea()
    assert idea["ref"] == found[1]
    assert idea["title"] == "Try a drop-in clinic"
    assert answers_of(idea) == list(zip(ORDER, values, strict=True))
    assert [a["text"] for a in idea["answers"]] == [QUESTIONS[q]["text"] for q in ORDER]
    labels = {"yes": "Yes", "no": "No", "unsure": "Not sure"}
    assert [a["label"] for a in idea["answers"]] == [labels[v] for v in values]
    assert idea["level"] == level
    assert idea["outcome"]["title"] == outcome
    assert idea["outcome"]["level"] == level


def test_title_given_as_an_argument_is_not_asked_for(start: Callable[..., Session]) -> None:
    ff = start("Lend laptops to carers")
    before = ff.question(1, "legal")
    assert "What is your idea" not in before
    ff.child.sendline("no")
    rest, status = ff.finish()
    assert "What is your idea" not in rest
    assert status == 4
    assert the_one_idea()["title"] == "Lend laptops to carers"


def test_a_stop_answer_ends_at_once(start: Callable[..., Session]) -> None:
    ff = start()
    ff.title("Skip the paperwork")
    ff.reply(1, "legal", "2")
    rest, status = ff.finish()

    assert "Question 2" not in rest
    assert QUESTIONS["values"]["text"] not in rest
    assert "Decision: Stop" in rest
    assert "Level: STOP:" in rest
    assert status == 4
    idea = the_one_idea()
    assert answers_of(idea) == [("legal", "no")]
    assert idea["level"] == "stop"
    assert idea["outcome"]["id"] == "stop"


# --------------------------------------------------------------------------- help


def test_question_mark_shows_the_current_questions_help(start: Callable[..., Session]) -> None:
    ff = start("Open on Saturdays")
    ff.reply(1, "legal", "?")
    ff.see("Help: " + QUESTIONS["legal"]["help"])
    ff.reply(1, "legal", "yes")  # the same question again, then it takes the answer

    ff.reply(2, "values", "?")
    before = ff.see("Help:")
    assert QUESTIONS["values"]["text"] not in before  # no second question drawn first
    help_shown = ff.see("openness, fairness, flexibility and teamwork")
    assert "Think of the law" not in help_shown  # not the first question's help
    ff.see("Would the residents, children and families it touches say it is good for them?")
    ff.reply(2, "values", "no")
    rest, status = ff.finish()

    assert "Question 3" not in rest
    assert "Decision: Stop" in rest
    assert status == 4
    assert answers_of(the_one_idea()) == [("legal", "yes"), ("values", "no")]


# --------------------------------------------------------------------------- going back


def test_b_goes_back_and_drops_the_answer_it_undoes(start: Callable[..., Session]) -> None:
    ff = start("Pilot a new rota")
    ff.reply(1, "legal", "yes")
    ff.reply(2, "values", "unsure")
    ff.reply(3, "harm", "b")
    before = ff.question(2, "values")  # asked again, as question 2
    assert "Question 3" not in before
    ff.child.sendline("yes")
    clear = {"harm": "no", "personal_data": "no", "budget": "yes"}
    clear |= {"reversible": "yes", "newspaper": "yes", "accountable": "yes"}
    for number, (qid, reply) in enumerate(clear.items(), 3):
        ff.reply(number, qid, reply)
    rest, status = ff.finish()

    assert "Decision: Go ahead" in rest
    assert "Decision: Go ahead, with conditions" not in rest
    assert "Not sure" not in rest.split("Decision:", 1)[1]
    assert status == 0
    idea = the_one_idea()
    assert answers_of(idea) == [("legal", "yes"), ("values", "yes"), *clear.items()]
    assert idea["level"] == "go"
    assert idea["outcome"]["id"] == "go-ahead"
    assert all(reason["question"] is None for reason in idea["reasons"])
    assert all(reason["answer"] != "unsure" for reason in idea["reasons"])


def test_b_twice_goes_back_two_questions(start: Callable[..., Session]) -> None:
    ff = start("Pilot a new rota")
    ff.reply(1, "legal", "unsure")
    ff.reply(2, "values", "yes")
    ff.reply(3, "harm", "back")
    ff.reply(2, "values", "b")
    ff.reply(1, "legal", "no")
    rest, status = ff.finish()

    assert "Decision: Stop" in rest
    assert status == 4
    idea = the_one_idea()
    assert answers_of(idea) == [("legal", "no")]
    assert [r["answer"] for r in idea["reasons"] if r["question"]] == ["no"]


def test_b_at_the_first_question_has_nowhere_to_go(start: Callable[..., Session]) -> None:
    ff = start("Pilot a new rota")
    ff.reply(1, "legal", "b")
    ff.see(FIRST_QUESTION)
    ff.reply(1, "legal", "no")  # the first question is asked again, and still works
    rest, status = ff.finish()
    assert "Decision: Stop" in rest
    assert status == 4
    assert answers_of(the_one_idea()) == [("legal", "no")]


# --------------------------------------------------------------------------- bad replies


def test_an_invalid_reply_is_explained_and_the_question_asked_again(
    start: Callable[..., Session],
) -> None:
    ff = start("Pilot a new rota")
    for bad in ("7", "maybe", "0"):
        ff.reply(1, "legal", bad)
        before = ff.see(INVALID)
        assert "Question 2" not in before
    ff.reply(1, "legal", "1")
    ff.reply(2, "values", "perhaps")
    ff.see(INVALID)
    ff.reply(2, "values", "2")
    rest, status = ff.finish()

    assert "Decision: Stop" in rest
    assert status == 4
    assert answers_of(the_one_idea()) == [("legal", "yes"), ("values", "no")]


def test_a_superscript_digit_is_an_invalid_reply(start: Callable[..., Session]) -> None:
    ff = start("Pilot a new rota")
    ff.reply(1, "legal", "²")
    ff.see(INVALID)
    ff.reply(1, "legal", "no")
    _, status = ff.finish()
    assert status == 4


def test_an_empty_title_is_asked_for_again(start: Callable[..., Session]) -> None:
    ff = start()
    ff.title("   ")
    ff.see("The title is empty.")
    ff.title("Pilot a new rota")
    ff.reply(1, "legal", "no")
    _, status = ff.finish()
    assert status == 4
    assert the_one_idea()["title"] == "Pilot a new rota"


# --------------------------------------------------------------------------- leaving


def test_ctrl_c_midway_exits_130_and_records_nothing(
    start: Callable[..., Session], journal: Path
) -> None:
    ff = start("Pilot a new rota")
    ff.reply(1, "legal", "yes")
    ff.reply(2, "values", "yes")
    ff.question(3, "harm")
    ff.interrupt()
    rest, status = ff.finish()

    assert "Cancelled: nothing was recorded." in rest
    assert "Decision:" not in rest
    assert status == 130
    assert not journal.exists()
    assert recorded_ideas() == []


def test_ctrl_c_at_the_title_prompt_exits_130(start: Callable[..., Session], journal: Path) -> None:
    ff = start()
    ff.see(TITLE_PROMPT)
    ff.interrupt()
    rest, status = ff.finish()
    assert "Cancelled: nothing was recorded." in rest
    assert on_its_own_line("Cancelled: nothing was recorded.", rest), rest
    assert "Question 1" not in rest
    assert status == 130
    assert not journal.exists()


def test_ctrl_d_at_the_title_prompt_starts_its_message_on_a_new_line(
    start: Callable[..., Session], journal: Path
) -> None:
    ff = start()
    ff.see(TITLE_PROMPT)
    ff.end_of_input()
    rest, status = ff.finish()
    assert on_its_own_line("Input ended: nothing was recorded.", rest), rest
    assert status == 130
    assert not journal.exists()


def test_ctrl_d_at_a_prompt_exits_130_and_records_nothing(
    start: Callable[..., Session], journal: Path
) -> None:
    ff = start()
    ff.title("Pilot a new rota")
    ff.reply(1, "legal", "yes")
    ff.question(2, "values")
    ff.end_of_input()
    rest, status = ff.finish()

    assert "Input ended: nothing was recorded." in rest
    assert "Decision:" not in rest
    assert status == 130
    assert not journal.exists()


def test_leaving_keeps_an_existing_journal_as_it_was(
    start: Callable[..., Session], journal: Path
) -> None:
    first = run_ff("check", "Earlier idea", "--answer", "legal=no")
    assert first.returncode == 4, first.stderr
    before = journal.read_bytes()

    ff = start("Pilot a new rota")
    ff.reply(1, "legal", "yes")
    ff.question(2, "values")
    ff.interrupt()
    _, status = ff.finish()

    assert status == 130
    assert journal.read_bytes() == before
    assert [idea["title"] for idea in recorded_ideas()] == ["Earlier idea"]
