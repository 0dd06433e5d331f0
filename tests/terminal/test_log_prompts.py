"""``ff log``, ``ff delete``, ``ff status`` and ``--edit`` as a person uses them.

The prompts are tested in a real pseudo-terminal (pexpect): each test types
replies at the card phrases ff shows and checks the exit status and what ends
up in the journal (read back with ``ff show --json``). Rich may style prompts
even with NO_COLOR (bold, dim), so text is matched with patterns that allow
escape codes and line wrapping between words.

The editor tests need no terminal: EDITOR is a small Python script that
records what ff gave it and writes what the test wants into the file.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import stat
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ALL_CLEAR, answer_options, run_ff, stored_records
from tests.terminal import screen
from tests.terminal.screen import ANY_ESCAPES, on_its_own_line, pattern, plain

if sys.platform == "win32":  # pragma: no cover - pexpect.spawn needs a POSIX pty
    pytest.skip("pseudo-terminal tests need POSIX", allow_module_level=True)


from ff.journal.iterations import FIELDS  # the fields a person writes
from ff.paths import drafts_dir

pytestmark = pytest.mark.slow

TIMEOUT = 30
NOW = "2026-11-25T10:30:00Z"
TODAY = "2026-11-25"

# The card phrases ff asks with (ff/iterations.py PROMPTS), as a person reads them.
TEST = "To verify that, we will… (what you tried)"
CRITERIA = "We are right if… (your prediction)"
OBSERVED = "We observed…"
RESULT = "Result"
LEARNED = "From that we learned that…"
DECISION = "Decision (adopt, adapt or abandon)"
NEXT_STEP = "Therefore, we will…"
# What the card phrases leave out, asked after them in plain words.
WITH = "Who took part?"
HOURS = "Hours spent on it (a number, such as 2.5)"
COST = "Money spent, in pounds (a number, such as 40)"
DATE = "When did you try it? (DD/MM/YYYY, YYYY-MM-DD or yesterday)"
TOOK_PART = ("families", "children", "young-people", "residents", "frontline-staff", "partners")
RESULTS = ("success", "partial", "failure", "inconclusive")
DECISIONS = ("adopt", "adapt", "abandon")
NEEDED = "This one is needed. Type it, or press Ctrl-C to stop."
BAD_RESULT = (
    "Please type a number from 1 to 4, or the word: success, partial, failure, inconclusive."
)
CANCELLED = "Cancelled: nothing was recorded."


def whole_line(text: str) -> re.Pattern[str]:
    """``text`` as a whole line of output (with nothing else before or after it)."""
    return re.compile(rf"(?:\A|\n){ANY_ESCAPES}{pattern(text)}{ANY_ESCAPES}\r?\n")


def skippable(prompt: str, enter: str = "to skip") -> str:
    """An optional prompt as ff shows it: "Observed… (Enter to skip)", and one that
    ends in brackets says it inside them: "(your prediction; Enter to skip)"."""
    if prompt.endswith(")"):
        return prompt[:-1] + f"; Enter {enter})"
    return prompt + f" (Enter {enter})"


def one_line(text: str) -> str:
    """Output with line wrapping undone."""
    return " ".join(text.split())


# --------------------------------------------------------------------------- sessions


class Session(screen.Session):
    """One ff command in a pseudo-terminal."""

    def ask(self, prompt: str, *, required: bool, enter: str = "to skip") -> str:
        """Wait for a text prompt (its own line, then ``> ``); return (plain) what
        came before it. An optional prompt says Enter skips it (or what Enter does);
        a needed one does not."""
        label = prompt if required else skippable(prompt, enter)
        self.child.expect(whole_line(label))
        before = plain(self.child.before)
        self.child.expect(re.compile(rf"\A{ANY_ESCAPES}> "))
        return before

    def choose(self, prompt: str, options: tuple[str, ...], *, required: bool) -> str:
        """Wait for a numbered choice: the prompt, the options numbered from 1, the
        tip and ``> ``; return (plain) what came before it."""
        self.child.expect(whole_line(prompt))
        before = plain(self.child.before)
        for number, option in enumerate(options, 1):
            self.child.expect(re.compile(rf"\A{ANY_ESCAPES}  {number}\. {option}\r?\n"))
        tip = "Type a number or the word" + ("." if required else ", or press Enter to skip.")
        self.child.expect(re.compile(rf"\A{ANY_ESCAPES}{pattern(tip)}{ANY_ESCAPES}\r?\n"))
        self.child.expect(re.compile(rf"\A{ANY_ESCAPES}> "))
        return before

    def took_part(self) -> str:
        """Wait for "Who took part?", its suggestions numbered from 1, the tip and
        ``> ``; return (plain) what came before it."""
        self.child.expect(whole_line(WITH))
        before = plain(self.child.before)
        for number, option in enumerate(TOOK_PART, 1):
            self.child.expect(re.compile(rf"\A{ANY_ESCAPES}  {number}\. {option}\r?\n"))
        tip = "Type numbers or words, with commas between them, or press Enter to skip."
        self.child.expect(re.compile(rf"\A{ANY_ESCAPES}{pattern(tip)}{ANY_ESCAPES}\r?\n"))
        self.child.expect(re.compile(rf"\A{ANY_ESCAPES}> "))
        return before

    def the_rest(self, took_part: str = "", hours: str = "", cost: str = "", day: str = "") -> None:
        """Reply to the prompts after the card phrases: who took part, hours, cost
        and the date (Enter, the default, skips each; the date is then today)."""
        self.took_part()
        self.type(took_part)
        self.ask(HOURS, required=False)
        self.type(hours)
        self.ask(COST, required=False)
        self.type(cost)
        self.ask(DATE, required=False, enter="for today")
        self.type(day)

    def type(self, reply: str) -> None:
        self.child.sendline(reply)


@pytest.fixture(autouse=True)
def fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ff run (in-process, subprocess or pty) sees the same moment."""
    monkeypatch.setenv("FF_NOW", NOW)


@pytest.fixture
def start(terminal: Callable[..., Any]) -> Callable[..., Session]:
    """Start ``ff ARGS`` in the shared pseudo-terminal (with ``extra`` environment
    variables), as a Session."""

    def spawn(*args: str, extra: dict[str, str] | None = None) -> Session:
        return Session(terminal(*args, extra=extra, timeout=TIMEOUT))

    return spawn


# --------------------------------------------------------------------------- the journal


def check_idea(title: str = "Idea", **answers: str) -> str:
    """Check an idea without prompts (all clear unless ``answers`` say otherwise);
    its ref. FF_JOURNAL is set by the ``journal`` fixture."""
    done = run_ff("check", title, *answer_options({**ALL_CLEAR, **answers}), "--json")
    expected = 3 if answers.get("harm") == "yes" else 0
    assert done.returncode == expected, done.stderr
    ref = json.loads(done.stdout)["idea"]["ref"]
    assert isinstance(ref, str)
    return ref


@pytest.fixture
def ref(journal: Path) -> str:
    """A checked idea that may be logged on (level go)."""
    return check_idea("Idea")


def show(ref: str) -> dict[str, Any]:
    done = run_ff("show", ref, "--json")
    assert done.returncode == 0, done.stderr
    record: dict[str, Any] = json.loads(done.stdout)
    return record


def written(iteration: dict[str, Any]) -> dict[str, Any]:
    """An iteration's fields, without ff's bookkeeping (id, number, author, times)."""
    return {key: iteration[key] for key in FIELDS if key in iteration}


def log_by_options(ref: str, *options: str) -> None:
    done = run_ff("log", ref, *options)
    assert done.returncode == 0, done.stderr


# --------------------------------------------------------------------------- 1. all prompts


@pytest.mark.parametrize(
    ("replies", "expected", "suggested"),
    [
        (
            {
                TEST: "Ran a pop-up stall at the library",
                CRITERIA: "",
                OBSERVED: "Twelve families stopped to talk",
                RESULT: "2",
                LEARNED: "Mornings suit families better than afternoons",
                DECISION: "",
                NEXT_STEP: "Try a Saturday morning",
                WITH: "1, grandparents, 5",
                HOURS: "2.5",
                COST: "£40",
                DATE: "17/11/2026",
            },
            {
                "test": "Ran a pop-up stall at the library",
                "observed": "Twelve families stopped to talk",
                "result": "partial",
                "learned": "Mornings suit families better than afternoons",
                "next_step": "Try a Saturday morning",
                "with": ["families", "grandparents", "frontline-staff"],
                "hours": 2.5,
                "cost": 40,
                "date": "2026-11-17",
            },
            None,
        ),
        (
            {
                TEST: "  Texted parents the night before  ",
                CRITERIA: "Half of them reply",
                OBSERVED: "",
                RESULT: "3",
                LEARNED: "Texts late at night annoy people",
                DECISION: "3",
                NEXT_STEP: "",
                WITH: "",
                HOURS: "",
                COST: "",
                DATE: "",
            },
            {
                "test": "Texted parents the night before",
                "criteria": "Half of them reply",
                "result": "failure",
                "learned": "Texts late at night annoy people",
                "decision": "abandon",
                "with": [],
                "date": TODAY,
            },
            "abandoned",
        ),
    ],
    ids=["some-skipped", "decision-by-number"],
)
def test_log_with_no_fields_asks_each_card_phrase_in_turn(
    start: Callable[..., Session],
    ref: str,
    replies: dict[str, str],
    expected: dict[str, Any],
    suggested: str | None,
) -> None:
    ff = start("log", ref)
    before = ff.ask(TEST, required=True)
    assert "Error" not in before
    ff.type(replies[TEST])
    ff.ask(CRITERIA, required=False)
    ff.type(replies[CRITERIA])
    ff.ask(OBSERVED, required=False)
    ff.type(replies[OBSERVED])
    ff.choose(RESULT, RESULTS, required=True)
    ff.type(replies[RESULT])
    ff.ask(LEARNED, required=True)
    ff.type(replies[LEARNED])
    ff.choose(DECISION, DECISIONS, required=False)
    ff.type(replies[DECISION])
    ff.ask(NEXT_STEP, required=False)
    ff.type(replies[NEXT_STEP])
    ff.the_rest(replies[WITH], replies[HOURS], replies[COST], replies[DATE])
    rest, status = ff.finish()

    assert status == 0
    for prompt in (TEST, CRITERIA, OBSERVED, RESULT, LEARNED, DECISION, NEXT_STEP, WITH, DATE):
        assert prompt not in rest, f"{prompt!r} asked twice"
    assert NEEDED not in rest and BAD_RESULT not in rest
    assert f"Logged iteration 1 of idea {ref} (Idea)." in rest
    assert f"Idea {ref} is now prototyping." in rest
    suggestion = f"Your decision suggests: ff status {ref} {suggested}"
    assert (suggestion in rest) == (suggested is not None)

    idea = show(ref)
    assert idea["status"] == "prototyping"
    [iteration] = idea["iterations"]
    assert iteration["number"] == 1
    assert iteration["author"] == "test-owner"
    assert written(iteration) == {**expected, "tags": []}


# --------------------------------------------------------------------------- 2. only the missing


def test_only_the_missing_needed_field_is_asked_when_some_are_given(
    start: Callable[..., Session], ref: str
) -> None:
    ff = start("log", ref, "--test", "Phoned five carers", "--result", "Success")
    before = ff.ask(LEARNED, required=True)
    for prompt in (TEST, CRITERIA, OBSERVED, RESULT, "(Enter to skip)"):
        assert prompt not in before
    ff.type("Carers prefer a call to a letter")
    rest, status = ff.finish()

    assert status == 0
    for prompt in (CRITERIA, OBSERVED, DECISION, NEXT_STEP, WITH, HOURS, COST, DATE, "> "):
        assert prompt not in rest, f"{prompt!r} was asked"
    [iteration] = show(ref)["iterations"]
    assert written(iteration) == {
        "test": "Phoned five carers",
        "result": "success",
        "learned": "Carers prefer a call to a letter",
        "date": TODAY,
        "with": [],
        "tags": [],
    }


def test_every_field_given_in_a_terminal_asks_nothing(
    start: Callable[..., Session], ref: str
) -> None:
    ff = start("log", ref, "--test", "t", "--result", "partial", "--learned", "l")
    rest, status = ff.finish()
    assert status == 0
    assert "> " not in rest
    assert written(show(ref)["iterations"][0])["learned"] == "l"


# --------------------------------------------------------------------------- 3. asked again


def test_an_empty_needed_reply_and_a_bad_result_are_asked_again(
    start: Callable[..., Session], ref: str
) -> None:
    ff = start("log", ref, "--observed", "Nobody came")  # a field given: no optional prompts
    ff.ask(TEST, required=True)
    ff.type("")
    ff.see(NEEDED)
    ff.ask(TEST, required=True)
    ff.type("   ")  # only spaces is empty too
    ff.see(NEEDED)
    ff.ask(TEST, required=True)
    ff.type("Opened the hall at 6pm")

    for bad in ("5", "0", "maybe", "", "²"):
        ff.choose(RESULT, RESULTS, required=True)
        ff.type(bad)
        before = ff.see(BAD_RESULT)
        assert LEARNED not in before, f"{bad!r} was taken as a result"
    ff.choose(RESULT, RESULTS, required=True)
    ff.type("4")

    ff.ask(LEARNED, required=True)
    ff.type("")
    ff.see(NEEDED)
    ff.ask(LEARNED, required=True)
    ff.type("Six is too early for working parents")
    rest, status = ff.finish()

    assert status == 0
    assert DECISION not in rest
    [iteration] = show(ref)["iterations"]
    assert written(iteration) == {
        "test": "Opened the hall at 6pm",
        "observed": "Nobody came",
        "result": "inconclusive",
        "learned": "Six is too early for working parents",
        "date": TODAY,
        "with": [],
        "tags": [],
    }


def test_who_took_part_hours_cost_and_date_are_asked_again_until_ff_can_use_them(
    start: Callable[..., Session], ref: str
) -> None:
    """Each refusal says why in the prompt's words (not "--hours 'two'") and what to
    type; a day in the future is refused as ``--date`` refuses it."""
    ff = start("log", ref)
    for prompt, reply in ((TEST, "Stall"), (CRITERIA, ""), (OBSERVED, "")):
        ff.ask(prompt, required=prompt == TEST)
        ff.type(reply)
    ff.choose(RESULT, RESULTS, required=True)
    ff.type("1")
    ff.ask(LEARNED, required=True)
    ff.type("Stalls work")
    ff.choose(DECISION, DECISIONS, required=False)
    ff.type("")
    ff.ask(NEXT_STEP, required=False)
    ff.type("")
    ff.took_part()
    ff.type("2, 7")
    ff.see("Please type numbers from 1 to 6, or words, with commas between.")
    ff.took_part()
    ff.type("young-people; 6")
    ff.ask(HOURS, required=False)
    ff.type("two")
    said = ff.ask(HOURS, required=False)
    assert "'two' is not a number." in said and "--hours" not in said, said
    ff.type("-1")
    ff.ask(HOURS, required=False)
    ff.type("1,5")  # a decimal comma is not a thousands separator
    ff.ask(HOURS, required=False)
    ff.type("3 hours")
    ff.ask(COST, required=False)
    ff.type("lots")
    ff.ask(COST, required=False)
    ff.type("£1,200")
    for bad, why in (
        ("26/11/2026", "2026-11-26 is in the future."),
        ("31/02/2026", "'31/02/2026' is not a date: February 2026 has no day 31."),
        ("11/17/2026", "there is no month 17"),
        ("last week", "Write it as DD/MM/YYYY"),
    ):
        ff.ask(DATE, required=False, enter="for today")
        ff.type(bad)
        ff.see(why)
    ff.ask(DATE, required=False, enter="for today")
    ff.type("yesterday")
    rest, status = ff.finish()

    assert status == 0, rest
    [iteration] = show(ref)["iterations"]
    assert written(iteration) == {
        "test": "Stall",
        "result": "success",
        "learned": "Stalls work",
        "with": ["young-people", "partners"],
        "hours": 3,
        "cost": 1200,
        "date": "2026-11-24",
        "tags": [],
    }


def test_a_result_can_be_typed_as_a_word(start: Callable[..., Session], ref: str) -> None:
    ff = start("log", ref, "--test", "t", "--learned", "l")
    ff.choose(RESULT, RESULTS, required=True)
    ff.type(" Failure ")
    _, status = ff.finish()
    assert status == 0
    assert show(ref)["iterations"][0]["result"] == "failure"


def test_a_wrong_word_is_refused_naming_the_words_and_a_decision_taken_as_a_word(
    start: Callable[..., Session], ref: str
) -> None:
    ff = start("log", ref)
    for prompt, reply in ((TEST, "t"), (CRITERIA, ""), (OBSERVED, "")):
        ff.ask(prompt, required=prompt == TEST)
        ff.type(reply)
    ff.choose(RESULT, RESULTS, required=True)
    ff.type("failed")
    ff.see(BAD_RESULT)  # the words it takes are named, as the numbers are
    ff.choose(RESULT, RESULTS, required=True)
    ff.type("failure")
    ff.ask(LEARNED, required=True)
    ff.type("l")
    ff.choose(DECISION, DECISIONS, required=False)
    ff.type("Adapt")
    ff.ask(NEXT_STEP, required=False)
    ff.type("")
    ff.the_rest()
    _, status = ff.finish()
    assert status == 0
    iteration = show(ref)["iterations"][0]
    assert (iteration["result"], iteration["decision"]) == ("failure", "adapt")


# --------------------------------------------------------------------------- 4. leaving


@pytest.mark.parametrize("at", ["test", "result", "learned", "decision", "with", "date"])
def test_ctrl_c_at_a_prompt_exits_130_and_writes_nothing(
    start: Callable[..., Session], journal: Path, ref: str, at: str
) -> None:
    log_by_options(ref, "--test", "earlier", "--result", "success", "--learned", "earlier")
    before = journal.read_bytes()

    ff = start("log", ref)
    steps: list[tuple[str, Callable[[], str], str]] = [
        ("test", lambda: ff.ask(TEST, required=True), "Tried it"),
        ("criteria", lambda: ff.ask(CRITERIA, required=False), ""),
        ("observed", lambda: ff.ask(OBSERVED, required=False), "Saw it"),
        ("result", lambda: ff.choose(RESULT, RESULTS, required=True), "1"),
        ("learned", lambda: ff.ask(LEARNED, required=True), "Learned it"),
        ("decision", lambda: ff.choose(DECISION, DECISIONS, required=False), "1"),
        ("next_step", lambda: ff.ask(NEXT_STEP, required=False), ""),
        ("with", ff.took_part, "families"),
        ("hours", lambda: ff.ask(HOURS, required=False), "3"),
        ("cost", lambda: ff.ask(COST, required=False), "10"),
        ("date", lambda: ff.ask(DATE, required=False, enter="for today"), ""),
    ]
    for field, wait, reply in steps:
        wait()
        if field == at:
            ff.interrupt()
            break
        ff.type(reply)
    rest, status = ff.finish()

    assert status == 130
    assert CANCELLED in rest
    assert on_its_own_line(CANCELLED, rest), rest
    assert "Logged" not in rest
    assert journal.read_bytes() == before
    assert [it["number"] for it in show(ref)["iterations"]] == [1]


def test_ctrl_d_at_a_prompt_exits_130_and_writes_nothing(
    start: Callable[..., Session], journal: Path, ref: str
) -> None:
    before = journal.read_bytes()
    ff = start("log", ref, "--test", "t")
    ff.choose(RESULT, RESULTS, required=True)
    ff.end_of_input()
    rest, status = ff.finish()
    assert status == 130
    assert "Input ended: nothing was recorded." in rest
    assert on_its_own_line("Input ended: nothing was recorded.", rest), rest
    assert journal.read_bytes() == before


# --------------------------------------------------------------------------- 5. approval


APPROVAL_NOTE = "needs a manager's approval, and none is recorded."
ANYWAY = "Log this iteration anyway? Type yes to go on:"


@pytest.fixture
def approval_ref(journal: Path) -> str:
    """An idea whose check said approval (exit 3), with no approval recorded."""
    return check_idea("Risky idea", harm="yes")


@pytest.mark.parametrize("reply", ["no", "", "nope"], ids=["no", "enter", "other"])
def test_not_confirming_a_log_without_approval_writes_nothing(
    start: Callable[..., Session], journal: Path, approval_ref: str, reply: str
) -> None:
    before = journal.read_bytes()
    ff = start("log", approval_ref, "--test", "t", "--result", "success", "--learned", "l")
    ff.see(f"Idea {approval_ref} {APPROVAL_NOTE}")
    ff.see(ANYWAY)
    ff.type(reply)
    rest, status = ff.finish()

    assert status == 130
    assert "Nothing was recorded." in rest
    assert "Logged" not in rest
    assert journal.read_bytes() == before
    idea = show(approval_ref)
    assert idea["iterations"] == []
    assert idea["status"] == "checked"


@pytest.mark.parametrize("reply", ["yes", " YES "])
def test_confirming_a_log_without_approval_logs_it(
    start: Callable[..., Session], approval_ref: str, reply: str
) -> None:
    ff = start("log", approval_ref, "--test", "Tried it quietly", "--result", "success")
    before = ff.see(ANYWAY)
    assert LEARNED not in before  # the confirmation comes before the prompts
    assert APPROVAL_NOTE in one_line(before)
    # It says how to record the approval, as the scripted error does.
    assert f"ff status {approval_ref} approved --by NAME" in one_line(before)
    ff.type(reply)
    ff.ask(LEARNED, required=True)
    ff.type("It went fine")
    rest, status = ff.finish()

    assert status == 0
    assert f"Logged iteration 1 of idea {approval_ref}" in rest
    idea = show(approval_ref)
    [iteration] = idea["iterations"]
    assert written(iteration)["learned"] == "It went fine"
    assert idea["status"] == "prototyping"


def test_ctrl_c_at_the_approval_question_writes_nothing(
    start: Callable[..., Session], journal: Path, approval_ref: str
) -> None:
    before = journal.read_bytes()
    ff = start("log", approval_ref)
    ff.see(ANYWAY)
    ff.interrupt()
    rest, status = ff.finish()
    assert status == 130
    assert TEST not in rest
    assert journal.read_bytes() == before


# --------------------------------------------------------------------------- 6. delete


CONFIRM = "This cannot be undone. Type yes to go on:"


@pytest.mark.parametrize("reply", ["no", ""], ids=["no", "enter"])
@pytest.mark.parametrize("whole_idea", [True, False], ids=["idea", "iteration"])
def test_delete_not_confirmed_keeps_everything(
    start: Callable[..., Session], journal: Path, ref: str, reply: str, whole_idea: bool
) -> None:
    log_by_options(ref, "--test", "t", "--result", "success", "--learned", "kept")
    before = journal.read_bytes()
    ff = start("delete", ref if whole_idea else f"{ref}#1")
    what = (
        f"Delete idea {ref} (Idea) with its 1 iteration(s) and its history?"
        if whole_idea
        else f"Delete iteration 1 of idea {ref} (Idea)?"
    )
    before_asking = ff.see(f"{what} {CONFIRM}")
    if not whole_idea:  # what the iteration says, so that the right one is deleted
        assert "Iteration 1  25 Nov 2026  SUCCESS" in before_asking, before_asking
        assert "Learned: kept" in before_asking, before_asking
        assert "We tried  t" in before_asking, before_asking
    ff.type(reply)
    rest, status = ff.finish()

    assert status == 130
    assert "Nothing was changed." in rest
    assert "Deleted" not in rest
    assert journal.read_bytes() == before
    assert show(ref)["iterations"][0]["learned"] == "kept"


def test_delete_confirmed_deletes_the_idea(
    start: Callable[..., Session], journal: Path, ref: str
) -> None:
    other = check_idea("Other idea")
    log_by_options(ref, "--test", "t", "--result", "success", "--learned", "secret learning")
    idea = show(ref)
    ff = start("delete", ref)
    ff.see(CONFIRM)
    ff.type("yes")
    rest, status = ff.finish()

    assert status == 0
    assert f"Deleted idea {ref} (Idea)" in one_line(rest)
    listed = run_ff("ideas", "--json")
    assert listed.returncode == 0, listed.stderr
    assert [idea["ref"] for idea in json.loads(listed.stdout)] == [other]
    gone = run_ff("show", ref)
    assert gone.returncode == 2
    raw = journal.read_text(encoding="utf-8")
    assert "secret learning" not in raw  # really removed from the file, not hidden
    stored = stored_records(journal)
    deleted = stored.pop("deleted")  # only the ids are kept, so merges do not revive them
    for record in (idea, *idea["iterations"], *idea["status_history"]):
        assert record["id"] in deleted
        assert record["id"] not in json.dumps(stored)


def test_delete_confirmed_deletes_only_that_iteration(
    start: Callable[..., Session], ref: str
) -> None:
    for learned in ("first", "second"):
        log_by_options(ref, "--test", "t", "--result", "success", "--learned", learned)
    ff = start("delete", f"{ref}#1")
    ff.see(f"Delete iteration 1 of idea {ref} (Idea)? {CONFIRM}")
    ff.type("yes")
    _, status = ff.finish()

    assert status == 0
    assert [(it["number"], it["learned"]) for it in show(ref)["iterations"]] == [(2, "second")]


# --------------------------------------------------------------------------- 7. status approved


def test_approving_in_a_terminal_asks_who_approved_it(
    start: Callable[..., Session], approval_ref: str
) -> None:
    ff = start("status", approval_ref, "approved")
    ff.ask("Who approved it? (name and role)", required=True)
    ff.type("")
    ff.see(NEEDED)
    ff.ask("Who approved it? (name and role)", required=True)
    ff.type("Priya Shah, team manager")
    rest, status = ff.finish()

    assert status == 0
    assert f"Idea {approval_ref} (Risky idea): checked -> approved." in one_line(rest)
    idea = show(approval_ref)
    assert idea["status"] == "approved"
    change = idea["status_history"][-1]
    assert change["status"] == "approved"
    assert change["by"] == "Priya Shah, team manager"
    assert change["recorded_by"] == "test-owner"
    # With the approval recorded, a script may log without --force.
    log_by_options(approval_ref, "--test", "t", "--result", "success", "--learned", "l")


def test_a_name_typed_in_another_encoding_is_asked_for_again(
    start: Callable[..., Session], approval_ref: str
) -> None:
    """A terminal that sends Latin-1 (é as the byte E9): said plainly, asked again, and
    nothing of it is recorded."""
    ff = start("status", approval_ref, "approved")
    ff.ask("Who approved it? (name and role)", required=True)
    os.write(ff.child.child_fd, b"Jo \xe9vans\n")  # bytes, as such a terminal sends
    ff.see("What you typed is not UTF-8 text")
    ff.ask("Who approved it? (name and role)", required=True)
    ff.type("Jo Evans")
    rest, status = ff.finish()
    assert status == 0, rest
    assert "Traceback" not in rest
    assert show(approval_ref)["status_history"][-1]["by"] == "Jo Evans"


def test_approving_with_by_in_a_terminal_asks_nothing(
    start: Callable[..., Session], approval_ref: str
) -> None:
    ff = start("status", approval_ref, "approved", "--by", "Jo Evans")
    rest, status = ff.finish()
    assert status == 0
    assert "Who approved it" not in rest
    assert show(approval_ref)["status_history"][-1]["by"] == "Jo Evans"


# --------------------------------------------------------------------------- 8. the editor


FAKE_EDITOR = textwrap.dedent(
    """
    import json, os, re, signal, stat, sys, time
    from pathlib import Path

    side, action, payload, target = sys.argv[1], sys.argv[2], sys.argv[3], Path(sys.argv[-1])
    template = target.read_text(encoding="utf-8")
    Path(side).write_text(json.dumps({
        "path": str(target),
        "args": sys.argv[1:],
        "mode": stat.S_IMODE(target.stat().st_mode),
        "template": template,
    }), encoding="utf-8")
    text = Path(payload).read_text(encoding="utf-8")
    if action == "replace":
        target.write_text(text, encoding="utf-8")
    elif action == "learned":  # change the learned line only
        changed, count = re.subn(r"(?m)^learned:.*$", text.strip(), template)
        assert count == 1, template
        target.write_text(changed, encoding="utf-8")
    elif action == "latin-1":  # as an editor set to another encoding saves it
        target.write_bytes(text.encode("latin-1"))
    elif action == "fail":  # write something valid, then exit as if the editor failed
        target.write_text(text, encoding="utf-8")
        sys.exit(3)
    elif action == "wait":  # what was typed so far, then stay open until Ctrl-C
        target.write_text(text, encoding="utf-8")
        signal.signal(signal.SIGINT, lambda *_: os._exit(130))
        Path(side + ".open").touch()
        time.sleep(60)
    """
)

VALID = textwrap.dedent(
    """\
    test: Put a suggestion box in the waiting room
    result: failure
    learned: "Nobody writes on paper any more: try a QR code"
    with: [families]
    """
)


class Editor:
    """A fake $EDITOR: records the file it was given, then writes ``payload`` into it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.script = folder / "fake_editor.py"
        self.script.write_text(FAKE_EDITOR, encoding="utf-8")
        self.side = folder / "seen.json"
        self.payload = folder / "payload.txt"
        self.temp = folder / "tmp"  # TMPDIR for ff: its drafts must not go here
        self.temp.mkdir()
        self.folder_of_drafts = drafts_dir()  # ff's data folder, isolated per test

    def env(self, action: str, payload: str) -> dict[str, str]:
        self.payload.write_text(payload, encoding="utf-8")
        self.side.unlink(missing_ok=True)
        Path(f"{self.side}.open").unlink(missing_ok=True)
        command = [sys.executable, str(self.script), str(self.side), action, str(self.payload)]
        return {
            "EDITOR": shlex.join(command),
            "VISUAL": "",
            "TMPDIR": str(self.temp),
        }

    def seen(self) -> dict[str, Any]:
        assert self.side.exists(), "the editor was not started"
        seen: dict[str, Any] = json.loads(self.side.read_text(encoding="utf-8"))
        return seen

    def wait_until_open(self) -> None:
        deadline = time.monotonic() + TIMEOUT
        while not Path(f"{self.side}.open").exists():
            assert time.monotonic() < deadline, "the editor was not started"
            time.sleep(0.05)

    def drafts(self) -> list[Path]:
        """The drafts ff keeps (in its data folder); none ever go to TMPDIR."""
        assert list(self.temp.iterdir()) == [], "a draft was left in TMPDIR"
        folder = self.folder_of_drafts
        return sorted(folder.iterdir()) if folder.is_dir() else []


@pytest.fixture
def editor(tmp_path: Path) -> Editor:
    folder = tmp_path / "editor"
    folder.mkdir()
    return Editor(folder)


def test_log_edit_stores_what_was_written_in_the_editor(editor: Editor, ref: str) -> None:
    done = run_ff("log", ref, "--edit", env=editor.env("replace", VALID))
    assert done.returncode == 0, done.stderr

    seen = editor.seen()
    draft = Path(seen["path"])
    assert seen["args"][-1] == str(draft)  # the file is the editor's last argument
    assert draft.parent == editor.folder_of_drafts
    assert draft.name.startswith(show(ref)["id"] + "-"), "named after the idea's id"
    assert stat.S_IMODE(draft.parent.stat().st_mode) == 0o700
    assert draft.suffix == ".yaml"
    assert seen["mode"] == 0o600, oct(seen["mode"])
    template = seen["template"]
    assert f"# Iteration 1 of idea {ref}: Idea" in template
    assert "# We believe that…\nhypothesis:\n" in template
    assert "# To verify that, we will… (what you tried)\ntest:\n" in template
    assert "# From that we learned that…\nlearned:\n" in template
    assert f'date: "{TODAY}"' in template
    assert not draft.exists(), "the draft was not removed"
    assert editor.drafts() == []

    idea = show(ref)
    assert idea["status"] == "prototyping"
    [iteration] = idea["iterations"]
    assert iteration["number"] == 1
    assert written(iteration) == {
        "test": "Put a suggestion box in the waiting room",
        "result": "failure",
        "learned": "Nobody writes on paper any more: try a QR code",
        "with": ["families"],
        "tags": [],
        "date": TODAY,
    }


def test_log_edit_starts_from_the_options_given(editor: Editor, ref: str) -> None:
    options = ("--test", "Given as an option", "--tag", "winter")
    done = run_ff("log", ref, "--edit", *options, env=editor.env("replace", VALID))
    assert done.returncode == 0, done.stderr
    template = editor.seen()["template"]
    assert 'test: "Given as an option"' in template
    assert 'tags: ["winter"]' in template


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("test: [unclosed\n", None),
        (VALID.replace("result: failure", "result: maybe"), "--result 'maybe' is not allowed"),
        ("test: t\nresult: success\n", "Missing --learned"),
        (VALID + "colour: blue\n", "Unknown field(s): colour"),
    ],
    ids=["invalid-yaml", "bad-result", "missing-learned", "unknown-field"],
)
def test_log_edit_keeps_a_draft_it_cannot_use(
    editor: Editor, journal: Path, ref: str, payload: str, message: str | None
) -> None:
    before = journal.read_bytes()
    done = run_ff("log", ref, "--edit", env={**editor.env("replace", payload), "COLUMNS": "1000"})

    assert done.returncode == 2, done.stderr
    draft = Path(editor.seen()["path"])
    error = one_line(done.stderr)
    assert str(draft) in error, error
    assert "Nothing was recorded" in error
    if message:
        assert message in error
    assert "Traceback" not in done.stderr
    assert draft.exists(), "the draft with what was typed is gone"
    assert draft.read_text(encoding="utf-8") == payload
    assert editor.drafts() == [draft]
    assert journal.read_bytes() == before
    assert show(ref)["iterations"] == []


def test_a_draft_saved_as_latin_1_is_named_and_kept(
    editor: Editor, journal: Path, ref: str
) -> None:
    before = journal.read_bytes()
    latin = VALID.replace("any more", "any more at the café")
    done = run_ff("log", ref, "--edit", env={**editor.env("latin-1", latin), "COLUMNS": "1000"})

    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    draft = Path(editor.seen()["path"])
    error = one_line(done.stderr)
    assert f"{draft}:3:" in error, error  # the draft, and the line of the byte
    assert "is not UTF-8 text (byte 0xe9 cannot be read)" in error, error
    assert "Nothing was recorded" in error
    assert editor.drafts() == [draft], "kept in ff's data folder, where it can be found"
    assert draft.read_bytes() == latin.encode("latin-1")
    assert journal.read_bytes() == before


def test_removing_an_ideas_drafts_removes_only_its_own(editor: Editor, ref: str) -> None:
    from ff.terminal.editor import drafts_of, remove_drafts

    other = editor.folder_of_drafts / "0123456789abcdef0123456789abcdef-x.yaml"
    done = run_ff("log", ref, "--edit", env=editor.env("replace", "test: [unclosed\n"))
    assert done.returncode == 2, done.stderr
    other.write_text("another idea's draft", encoding="utf-8")
    idea = show(ref)["id"]
    [draft] = drafts_of(idea)
    assert str(draft) in one_line(done.stderr)

    assert remove_drafts(idea) == [draft]
    assert not draft.exists()
    assert editor.drafts() == [other]
    assert remove_drafts(idea) == []


def test_log_edit_when_the_editor_fails_records_nothing(
    editor: Editor, journal: Path, ref: str
) -> None:
    before = journal.read_bytes()
    done = run_ff("log", ref, "--edit", env=editor.env("fail", VALID))

    assert done.returncode == 130, done.stderr
    assert "The editor exited with code 3: nothing was recorded." in one_line(done.stderr)
    assert not Path(editor.seen()["path"]).exists()
    assert editor.drafts() == []
    assert journal.read_bytes() == before


def test_log_edit_left_empty_records_nothing(editor: Editor, journal: Path, ref: str) -> None:
    before = journal.read_bytes()
    done = run_ff("log", ref, "--edit", env=editor.env("replace", "# nothing\ndate: today\n"))
    assert done.returncode == 130, done.stderr
    assert "Nothing was written in the editor" in one_line(done.stderr)
    assert editor.drafts() == []
    assert journal.read_bytes() == before


def test_edit_in_the_editor_changes_only_what_was_changed(editor: Editor, ref: str) -> None:
    log_by_options(
        ref,
        *("--test", "Ran a stall", "--observed", "Ten came", "--result", "partial"),
        *("--learned", "Original learning", "--with", "families", "--with", "partners"),
        *("--hours", "2.5", "--tag", "library", "--date", "2026-11-20"),
    )
    [original] = show(ref)["iterations"]

    done = run_ff(
        "edit", f"{ref}#1", "--edit", env=editor.env("learned", 'learned: "Changed learning"')
    )
    assert done.returncode == 0, done.stderr

    template = editor.seen()["template"]
    assert f"# Iteration 1 of idea {ref}: Idea" in template
    assert 'learned: "Original learning"' in template
    assert 'test: "Ran a stall"' in template
    assert editor.drafts() == []
    [changed] = show(ref)["iterations"]
    assert changed["learned"] == "Changed learning"
    assert written(changed) == {**written(original), "learned": "Changed learning"}
    for key in ("id", "number", "created", "author"):
        assert changed[key] == original[key], key
    assert changed["edited"] == [{"at": NOW, "by": "test-owner"}]


def test_edit_in_the_editor_with_a_bad_draft_keeps_it_and_changes_nothing(
    editor: Editor, journal: Path, ref: str
) -> None:
    log_by_options(ref, "--test", "t", "--result", "success", "--learned", "Original")
    before = journal.read_bytes()
    done = run_ff("edit", f"{ref}#1", "--edit", env=editor.env("replace", "learned: [unclosed\n"))

    assert done.returncode == 2, done.stderr
    draft = Path(editor.seen()["path"])
    assert str(draft) in one_line(done.stderr)
    assert draft.read_text(encoding="utf-8") == "learned: [unclosed\n"
    assert journal.read_bytes() == before


def test_a_kept_draft_from_ff_edit_points_back_to_ff_edit(editor: Editor, ref: str) -> None:
    log_by_options(ref, "--test", "t", "--result", "success", "--learned", "Original")
    done = run_ff(
        "edit",
        f"{ref}#1",
        "--edit",
        env={**editor.env("replace", "learned: [unclosed\n"), "COLUMNS": "1000"},
    )
    assert done.returncode == 2, done.stderr
    hint = one_line(done.stderr).partition("What to do:")[2]
    assert "ff log" not in hint, hint
    assert "ff edit" in hint, hint


def ctrl_c_in_the_editor(
    start: Callable[..., Session], editor: Editor, journal: Path, ref: str
) -> tuple[str, int, Path]:
    """Press Ctrl-C while ``ff log REF --edit`` has the editor open, with some text
    typed; what ff showed, its exit status and the draft's path."""
    before = journal.read_bytes()
    ff = start("log", ref, "--edit", extra=editor.env("wait", "learned: typed so far\n"))
    editor.wait_until_open()
    ff.interrupt()
    rest, status = ff.finish()
    assert journal.read_bytes() == before
    return rest, status, Path(editor.seen()["path"])


def test_ctrl_c_while_the_editor_is_open_records_nothing(
    start: Callable[..., Session], editor: Editor, journal: Path, ref: str
) -> None:
    rest, status, _ = ctrl_c_in_the_editor(start, editor, journal, ref)
    assert status == 130
    assert "Cancelled" in rest
    assert show(ref)["iterations"] == []


def test_ctrl_c_while_the_editor_is_open_leaves_no_unnamed_draft(
    start: Callable[..., Session], editor: Editor, journal: Path, ref: str
) -> None:
    rest, _, draft = ctrl_c_in_the_editor(start, editor, journal, ref)
    assert not draft.exists() or str(draft) in " ".join(rest.split()), rest


# --------------------------------------------------------------------------- 9. no terminal


@pytest.mark.parametrize(
    ("options", "named"),
    [
        (("--test", "t", "--result", "success"), ["--learned"]),
        ((), ["--test", "--result", "--learned"]),
        (("--learned", "l"), ["--test", "--result"]),
    ],
    ids=["learned", "all", "test-and-result"],
)
def test_log_without_a_terminal_needs_the_fields_as_options(
    journal: Path, ref: str, options: tuple[str, ...], named: list[str]
) -> None:
    before = journal.read_bytes()
    done = run_ff("log", ref, *options, env={"COLUMNS": "1000"})

    assert done.returncode == 2, done.stderr
    error = one_line(done.stderr)
    assert f"Missing {', '.join(named)}:" in error, error
    assert "Traceback" not in done.stderr
    assert LEARNED not in done.stderr and TEST not in done.stderr  # nothing was asked
    assert done.stdout == ""
    assert journal.read_bytes() == before


def test_log_without_a_terminal_on_an_idea_needing_approval_needs_force(
    journal: Path, approval_ref: str
) -> None:
    before = journal.read_bytes()
    fields = ("--test", "t", "--result", "success", "--learned", "l")
    refused = run_ff("log", approval_ref, *fields, env={"COLUMNS": "1000"})
    assert refused.returncode == 1, refused.stderr
    assert "--force" in one_line(refused.stderr)
    assert "Type yes" not in refused.stderr
    assert journal.read_bytes() == before

    log_by_options(approval_ref, *fields, "--force")
    assert len(show(approval_ref)["iterations"]) == 1
