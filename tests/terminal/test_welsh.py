"""``ff check --lang cy``: ff's own words (the prompts and the decision's headings)
are Welsh too, from the message catalogue, and answers may be typed without their
accents (``ddim yn siwr``)."""

from __future__ import annotations

import json
import re
import string
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pexpect
import pytest

from ff.terminal.catalogue import CATALOGUE, REVIEW, words
from tests.conftest import ALL_CLEAR, answer_options, run_ff
from tests.terminal.screen import plain

# ff's English interface words that must not be left among the Welsh.
ENGLISH = (
    "Question 1 of up to",
    "Type 1, 2, 3",
    "for help",
    "go back",
    "Decision:",
    "Level:",
    "Why",
    "What to do:",
    "Next steps",
    "Your answers",
    "Idea:",
    "APPROVAL",
    "talk to your manager",
)


@pytest.mark.slow
def test_a_welsh_check_asks_and_decides_in_welsh(
    terminal: Callable[..., Any], journal: Path
) -> None:
    child = terminal("check", "--lang", "cy")
    child.expect("Rhowch deitl byr iddo: ")
    child.sendline("Bore coffi i rieni")
    replies = ["ie", "Ie", "ddim yn siwr", "na", "1", "IE", "ie", "ie"]  # harm: not sure
    for number, reply in enumerate(replies, 1):
        child.expect(f"Cwestiwn {number} o hyd at 8")
        child.expect(re.escape("Teipiwch 1, 2, 3, ? am gymorth, b i fynd yn ôl."))
        child.expect("> ")
        child.sendline(reply)
    child.expect(pexpect.EOF)
    decision = plain(child.before)
    child.close()
    assert child.exitstatus == 3
    for heading in ("Penderfyniad:", "Syniad: Bore coffi i rieni", "Lefel:", "Pam", "Eich atebion"):
        assert heading in decision, decision
    assert "Ddim yn siŵr" in decision  # the answer, as the card labels it
    for english in ENGLISH:
        assert english not in decision, english
    [idea] = json.loads(run_ff("ideas", "--json").stdout)
    # What was recorded, and what to type next, are said in Welsh too.
    assert f"Cofnodwyd fel {idea['ref']} yn" in decision, decision
    assert f"cofnodwch hynny: ff status {idea['ref']} approved --by ENW" in decision
    assert {a["question"]: a["answer"] for a in idea["answers"]}["harm"] == "unsure"


@pytest.mark.slow
def test_leaving_a_welsh_check_is_said_in_welsh(
    terminal: Callable[..., Any], journal: Path
) -> None:
    child = terminal("check", "--lang", "cy")
    child.expect("Rhowch deitl byr iddo: ")
    child.sendline("Bore coffi")
    child.expect("Cwestiwn 1 o hyd at 8")
    child.expect("> ")
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert "Daeth y mewnbwn i ben: ni chofnodwyd dim." in plain(child.before)
    assert child.exitstatus == 130
    assert not journal.exists()


def test_a_scripted_welsh_check_takes_answers_without_accents(journal: Path) -> None:
    answers = {**ALL_CLEAR, "harm": "ddim yn siwr", "legal": "IE"}
    done = run_ff("check", "Bore coffi", "--lang", "cy", *answer_options(answers), "--dry-run")
    assert done.returncode == 3, done.stderr
    assert "Pam\n1. A allai roi unrhyw un mewn perygl o niwed" in done.stdout
    assert "? Ddim yn siŵr. Nid ydych yn siŵr" in done.stdout
    for english in ENGLISH:
        assert english not in done.stdout, english
    # ff says, once, that its own Welsh awaits review, as the card's does.
    assert done.stderr.count("awaiting review by a fluent speaker") == 2, done.stderr
    english = run_ff("check", "Coffee", *answer_options(ALL_CLEAR), "--dry-run")
    assert "Decision: Go ahead" in english.stdout and "awaiting review" not in english.stderr


def test_every_translation_takes_the_same_values_as_its_english() -> None:
    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for language, table in CATALOGUE.items():
        assert REVIEW[language] in ("reviewed", "awaiting-review")
        for english, translated in table.items():
            assert fields(translated) == fields(english), (language, english)
            assert translated.endswith(" ") == english.endswith(" "), english
    say = words("cy")
    assert say("Question {number} of up to {most}", number=2, most=8) == "Cwestiwn 2 o hyd at 8"
    assert words(None)("Why") == "Why" and words("fr")("Why") == "Why"
