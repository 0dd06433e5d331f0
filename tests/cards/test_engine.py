"""The card engine: answers in, decision out. No I/O."""

from __future__ import annotations

import pytest

from ff.cards.engine import check_answers, decide, walk
from ff.cards.examples import run_examples
from ff.cards.loading import find_card, parse_card
from ff.errors import AnswerError
from tests.conftest import ALL_CLEAR
from tests.data.cardtext import SMALL_CARD

# The routing of the default card, exactly as issue 2 specifies it:
# (question, answer) -> (level, stops at once)
DEFAULT_ROUTING = {
    ("legal", "no"): ("stop", True),
    ("legal", "unsure"): ("approval", False),
    ("values", "no"): ("stop", True),
    ("values", "unsure"): ("approval", False),
    ("harm", "yes"): ("approval", False),
    ("harm", "unsure"): ("approval", False),
    ("personal_data", "yes"): ("approval", False),
    ("personal_data", "unsure"): ("approval", False),
    ("budget", "no"): ("approval", False),
    ("budget", "unsure"): ("approval", False),
    ("reversible", "no"): ("approval", False),
    ("reversible", "unsure"): ("caution", False),
    ("newspaper", "no"): ("approval", False),
    ("newspaper", "unsure"): ("caution", False),
    ("accountable", "no"): ("stop", True),
    ("accountable", "unsure"): ("caution", False),
}


@pytest.fixture(scope="module")
def default_card():  # type: ignore[no-untyped-def]
    return find_card(None)


def test_all_clear_goes_ahead(default_card) -> None:  # type: ignore[no-untyped-def]
    decision = decide(default_card, ALL_CLEAR)
    assert (decision.outcome.id, decision.level) == ("go-ahead", "go")
    assert [step.question.id for step in decision.path] == list(ALL_CLEAR)
    assert all(reason.question is None for reason in decision.reasons)


@pytest.mark.parametrize(("question", "answer"), list(DEFAULT_ROUTING))
def test_default_card_routing(default_card, question: str, answer: str) -> None:  # type: ignore[no-untyped-def]
    level, stops_at_once = DEFAULT_ROUTING[(question, answer)]
    decision = decide(default_card, {**ALL_CLEAR, question: answer})
    assert decision.level == level
    asked = [step.question.id for step in decision.path]
    if stops_at_once:
        assert asked[-1] == question, "a stop answer ends the check at once"
    else:
        assert asked == list(ALL_CLEAR), "the check goes on so every reason is seen"
    flagged = [r for r in decision.reasons if r.question == question]
    assert len(flagged) == 1
    assert flagged[0].answer == answer
    assert flagged[0].next_step, "each reason says what to do next"


def test_the_worst_flag_wins(default_card) -> None:  # type: ignore[no-untyped-def]
    answers = {**ALL_CLEAR, "reversible": "unsure", "budget": "no", "newspaper": "unsure"}
    decision = decide(default_card, answers)
    assert decision.level == "approval"
    assert [r.question for r in decision.reasons if r.question] == [
        "budget",
        "reversible",
        "newspaper",
    ]


def test_missing_answers_name_every_missing_question(default_card) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AnswerError) as caught:
        decide(default_card, {"legal": "yes", "harm": "no"})
    missing = [p["question"] for p in caught.value.problems]
    assert missing == [
        "values",
        "personal_data",
        "budget",
        "reversible",
        "newspaper",
        "accountable",
    ]
    assert all(p["allowed"] == ["yes", "no", "unsure"] for p in caught.value.problems)
    assert "values" in caught.value.message and "accountable" in caught.value.message


def test_invalid_and_unknown_answers_are_named(default_card) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AnswerError) as caught:
        check_answers(default_card, {"legal": "maybe", "colour": "blue"})
    message = caught.value.message
    assert "legal: 'maybe' is not allowed (allowed: yes, no, unsure)" in message
    assert "colour: not a question of card fail-fast-fail-forward" in message


def test_a_misspelt_question_is_given_with_the_nearest_one(default_card) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AnswerError) as caught:
        check_answers(default_card, {"lgal": "yes"})
    assert caught.value.message.splitlines()[1].startswith(
        "  lgal: not a question of card fail-fast-fail-forward (did you mean 'legal'?) "
        "(questions: legal, values,"
    )


def test_answers_match_labels_in_any_case(default_card) -> None:  # type: ignore[no-untyped-def]
    assert check_answers(default_card, {"legal": "Not Sure", "values": " YES "}) == {
        "legal": "unsure",
        "values": "yes",
    }
    assert check_answers(default_card, {"legal": True, "harm": False}) == {
        "legal": "yes",
        "harm": "no",
    }


def test_walk_stops_at_the_first_unanswered_question(default_card) -> None:  # type: ignore[no-untyped-def]
    so_far = walk(default_card, {"legal": "yes"})
    assert so_far.pending is not None and so_far.pending.id == "values"
    assert so_far.outcome is None


def test_conditions_any_all_not_and_earlier_answers() -> None:
    card = parse_card(SMALL_CARD, "small.yaml")
    assert [r.passed for r in run_examples(card)] == [True, True, True, True]
    decision = decide(card, {"safe": "unsure", "cost": "nothing", "tell": "yes"})
    assert (decision.outcome.id, decision.level) == ("ask", "approval")
    decision = decide(card, {"safe": "yes", "cost": "little"})
    assert decision.outcome.id == "go"
    assert decision.next_steps == ("Start.",)


def test_a_failing_example_says_what_differed() -> None:
    card = parse_card(
        SMALL_CARD.replace("outcome: go, level: go", "outcome: stop, level: go"), "small.yaml"
    )
    failed = [r for r in run_examples(card) if not r.passed]
    assert [r.name for r in failed] == ["clear"]
    assert failed[0].differences == ("outcome: expected stop, got go",)
