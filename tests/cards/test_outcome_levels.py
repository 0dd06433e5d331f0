"""A card cannot contradict itself (issue 12, item 19): a rule that can end at an
outcome after an answer raised a worse flag than the outcome's level is refused,
naming the rule's line, the answer and the flag; a card that routes such answers
elsewhere first, by their flag or by the answers themselves, is valid."""

from __future__ import annotations

import re

import pytest

from ff.cards.engine import decide
from ff.cards.loading import parse_card
from ff.errors import CardError

CARD = """\
format: 1
id: levels
version: "1"
title: Levels
source: Written for ff's tests.
questions:
  - id: safe
    text: Is it safe?
    flags:
      "no": {level: stop, reason: It is not safe.}
      unsure: {level: caution, reason: You are not sure it is safe.}
    next:
      - {when: {answer: "no"}, goto: stop}
      - {goto: cost}
  - id: cost
    text: How much will it cost, in pounds?
    type: number
    min: 0
    flags:
      - {when: {gt: 500}, level: approval, reason: It costs more than 500 pounds.}
    next:
      - {when: {flagged_at_least: approval}, goto: ask}
      - {when: {gt: 400}, goto: careful}
      - {goto: go}
outcomes:
  - {id: go, level: go, title: Go ahead, reasons: [Every answer was clear.]}
  - {id: careful, level: caution, title: "Go ahead, with conditions"}
  - {id: ask, level: approval, title: Ask first}
  - {id: stop, level: stop, title: Stop}
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(CardError) as caught:
        parse_card(text, "levels.yaml")
    return caught.value.problems


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def test_the_issues_card_said_go_ahead_at_level_caution() -> None:
    """What the check prevents: this card, read without it, decides so."""
    from unittest import mock

    import ff.cards.flow

    with mock.patch.object(ff.cards.flow, "check_flags_reach", lambda *args: None):
        card = parse_card(CARD, "levels.yaml")
    decision = decide(card, {"safe": "unsure", "cost": 10})
    assert (decision.outcome.title, decision.level) == ("Go ahead", "caution")
    assert "Every answer was clear." in [reason.text for reason in decision.reasons]


def test_an_outcome_reached_after_a_worse_flag_is_refused_at_its_rule() -> None:
    (problem,) = problems_of(CARD)
    line = line_of(CARD, "- {goto: go}")
    assert problem == (
        f"levels.yaml:{line}:9: question 'cost': this rule can end at outcome 'go' (level go) "
        "after the answer 'unsure' to 'safe' raised a caution flag, so the decision would be "
        "'Go ahead' at level caution; before it, send such answers to an outcome of level "
        "caution or worse (when: {flagged_at_least: caution})"
    )


def test_routing_by_the_flag_first_makes_it_valid() -> None:
    text = CARD.replace(
        "      - {goto: go}",
        "      - {when: {flagged_at_least: caution}, goto: careful}\n      - {goto: go}",
    )
    card = parse_card(text, "levels.yaml")
    assert decide(card, {"safe": "unsure", "cost": 10}).outcome.id == "careful"


def test_routing_by_the_flagged_answer_itself_is_understood() -> None:
    """No false alarm: the answer that raised the flag is known on the way."""
    text = CARD.replace(
        "      - {goto: go}",
        "      - {when: {question: safe, answer: unsure}, goto: careful}\n      - {goto: go}",
    )
    card = parse_card(text, "levels.yaml")
    assert decide(card, {"safe": "unsure", "cost": 10}).outcome.id == "careful"


def test_a_number_flag_worse_than_its_outcome_is_named_by_an_example_number() -> None:
    text = CARD.replace(
        "      - {when: {flagged_at_least: approval}, goto: ask}\n"
        "      - {when: {gt: 400}, goto: careful}\n",
        "      - {when: {gt: 400}, goto: careful}\n"
        "      - {when: {flagged_at_least: approval}, goto: ask}\n",
    ).replace("unsure: {level: caution", "unsure: {level: go")
    problems = problems_of(text)
    assert len(problems) == 1
    found = re.search(r"after the answer (\S+) to 'cost' raised an approval flag", problems[0])
    assert found and float(found[1]) > 500, problems
    assert "outcome 'careful' (level caution)" in problems[0]
    assert f"levels.yaml:{line_of(text, 'gt: 400')}:" in problems[0]


def test_a_flag_raised_questions_earlier_is_followed() -> None:
    text = CARD.replace(
        "      - {goto: cost}",
        "      - {goto: middle}\n"
        "  - {id: middle, text: Anything else?, type: yes_no, next: [{goto: cost}]}",
    )
    (problem,) = problems_of(text)
    assert "after the answer 'unsure' to 'safe' raised a caution flag" in problem
