"""Every kind of condition, in words and as JSON exactly as ``ff cards show`` gives
them, and deciding many answers at once agrees with deciding them one by one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ff.cards.conditions import (
    AllOf,
    AnswerIs,
    AnyOf,
    Compare,
    Condition,
    FlaggedAtLeast,
    Not,
)
from ff.cards.describe import condition_json, describe
from ff.cards.loading import load_card_file
from ff.cards.tried import TriedAnswers
from ff.levels import LEVELS, level_rank

CARD = Path(__file__).parent.parent / "data" / "cards" / "every-condition.yaml"

# (question, words, JSON) for each rule, then each number flag, in card order: the
# words and JSON from before each kind became one class, kept exactly.
EVERY_KIND: list[tuple[str, str, Any]] = [
    ("safe", "the answer is No", {"question": "safe", "answer": ["no"]}),
    ("safe", "the answer is No or Not sure", {"question": "safe", "answer": ["no", "unsure"]}),
    ("safe", "otherwise", None),
    ("cost", "an answer so far was flagged stop", {"flagged_at_least": "stop"}),
    (
        "cost",
        "the answer is less than 10 pounds and (the answer to safe is Not sure "
        "or an answer so far was flagged approval or worse)",
        {
            "all": [
                {"question": "cost", "lt": 10},
                {
                    "any": [
                        {"question": "safe", "answer": ["unsure"]},
                        {"flagged_at_least": "approval"},
                    ]
                },
            ]
        },
    ),
    (
        "cost",
        "not (the answer is at most 20,000 pounds and the answer to safe is Yes)",
        {
            "not": {
                "all": [{"question": "cost", "lte": 20000}, {"question": "safe", "answer": ["yes"]}]
            }
        },
    ),
    (
        "cost",
        "the answer is at least 1,234,567 pounds or (the answer is more than 3 pounds "
        "and not (an answer so far was flagged caution or worse))",
        {
            "any": [
                {"question": "cost", "gte": 1234567},
                {"all": [{"question": "cost", "gt": 3}, {"not": {"flagged_at_least": "caution"}}]},
            ]
        },
    ),
    ("cost", "otherwise", None),
    ("cost", "the answer is more than 5,000 pounds", {"question": "cost", "gt": 5000}),
    (
        "cost",
        "the answer is from 1,000 pounds to 5,000 pounds or not (the answer is at least "
        "999.5 pounds)",
        {
            "any": [
                {"question": "cost", "between": [1000, 5000]},
                {"not": {"question": "cost", "gte": 999.5}},
            ]
        },
    ),
    (
        "weeks",
        "the answer to cost is from 0.5 pounds to 100 pounds",
        {"question": "cost", "between": [0.5, 100]},
    ),
    ("weeks", "otherwise", None),
]


def test_every_kind_reads_as_before_in_words_and_json() -> None:
    card = load_card_file(CARD)
    found = []
    for question in card.questions:
        whens = [rule.when for rule in question.rules] + [f.when for f in question.flag_rules]
        for when in whens:
            found.append((question.id, describe(when, card, question.id), condition_json(when)))
    assert found == EVERY_KIND


# --------------------------------------------------------------------------- many at once

numbers = st.one_of(st.integers(-20, 20), st.sampled_from([0.5, -0.5, 2.25, 1e6]))
words = st.sampled_from(["red", "green", "blue"])
answers = st.lists(st.one_of(numbers, words), min_size=1, max_size=12, unique=True)


def comparisons() -> st.SearchStrategy[Condition]:
    one = st.builds(
        lambda op, bound: Compare("n", op, (float(bound),)),
        st.sampled_from(["lt", "lte", "gt", "gte"]),
        numbers,
    )
    two = st.builds(
        lambda a, b: Compare("n", "between", (float(min(a, b)), float(max(a, b)))), numbers, numbers
    )
    return st.one_of(one, two)


conditions: st.SearchStrategy[Condition] = st.recursive(
    st.one_of(
        comparisons(),
        st.builds(lambda v: AnswerIs("n", tuple(v)), st.lists(words, min_size=1, max_size=2)),
        st.builds(FlaggedAtLeast, st.sampled_from(LEVELS)),
    ),
    lambda inner: st.one_of(
        st.builds(lambda parts: AllOf(tuple(parts)), st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda parts: AnyOf(tuple(parts)), st.lists(inner, min_size=1, max_size=3)),
        st.builds(Not, inner),
    ),
    max_leaves=8,
)


@given(
    condition=conditions,
    answers=answers,
    worst=st.lists(st.sampled_from(LEVELS), min_size=12, max_size=12),
)
@settings(max_examples=300, deadline=None)
def test_many_answers_at_once_are_decided_as_each_alone(
    condition: Condition, answers: list[object], worst: list[str]
) -> None:
    """With each answer's worst flag known exactly, every answer is decided, and as
    ``holds`` decides it for that answer alone."""
    tried = TriedAnswers.of("n", answers)
    level_of = {str(a): worst[i] for i, a in enumerate(answers)}
    at_least = {
        level: sum(
            1 << bit
            for bit, answer in enumerate(tried.answers)
            if level_rank(level_of[str(answer)]) >= level_rank(level)
        )
        for level in LEVELS
    }
    verdicts = condition.decided(tried.knowing(at_least, exact=True))
    assert verdicts.yes | verdicts.no == tried.full and not verdicts.yes & verdicts.no
    for bit, answer in enumerate(tried.answers):
        expected = condition.holds({"n": answer}, level_of[str(answer)])
        assert bool(verdicts.yes >> bit & 1) == expected, (answer, level_of[str(answer)])


@given(condition=conditions, answers=answers)
@settings(max_examples=200, deadline=None)
def test_what_depends_on_an_unknown_flag_is_left_undecided(
    condition: Condition, answers: list[object]
) -> None:
    """Knowing only a floor for the flags, a verdict given holds whatever flag is worse."""
    tried = TriedAnswers.of("n", answers).at_floor("caution")
    verdicts = condition.decided(tried)
    for bit, answer in enumerate(tried.answers):
        outcomes = {condition.holds({"n": answer}, worst) for worst in LEVELS[1:]}
        if verdicts.yes >> bit & 1:
            assert outcomes == {True}
        elif verdicts.no >> bit & 1:
            assert outcomes == {False}
