"""The check that a card cannot contradict itself: no outcome can be reached after
an answer raised a flag worse than the outcome's level (the decision would be titled
"Go ahead" at level caution, and give the outcome's "Every answer was clear")."""

from __future__ import annotations

from ff.cards.model import Card, Question
from ff.cards.problems import Problems
from ff.cards.routes import Reached, Routes
from ff.levels import LEVELS, level_rank
from ff.light import replace

# The ways the flow arrives at a question: by the worst flag so far, and by the
# question whose answer raised it when its answers are known (None when not).
Ways = dict[tuple[str, str | None], Reached]
# At most so many questions are told apart as raising each level on the way to a
# question; beyond them, which answers raised it is forgotten (the check then takes
# a condition on those answers to go either way), so that the check stays linear.
_TOLD_APART = 4


def check_flags_reach(
    card: Card, routes: dict[str, Routes], topological: list[str], problems: Problems
) -> None:
    """Follow the worst flag so far through the flow, question by question in an
    order where each comes before every question it leads to, and note each rule
    that can end at an outcome of a better level than a flag raised on the way."""
    arrived: dict[str, Ways] = {card.first.id: {(LEVELS[0], None): Reached(LEVELS[0])}}
    for node_id in topological:
        question = card.question(node_id)
        if question is None:
            continue
        worst: dict[int, Reached] = {}  # by the rule's place: the worst flag it is taken with
        for before in arrived.pop(node_id, {}).values():
            for place, reached in routes[node_id].reached(before):
                _arrive(arrived.setdefault(question.rules[place].goto, {}), reached)
                if place not in worst or _rank(reached) > _rank(worst[place]):
                    worst[place] = reached
        for place in sorted(worst):
            _check_outcome_level(card, question, place, worst[place], problems)


def _arrive(ways: Ways, reached: Reached) -> None:
    """Note one more way to arrive, merged with the way of its level and question."""
    key = (reached.level, reached.question if reached.answers is not None else None)
    if key not in ways and key[1] is not None:
        told_apart = sum(1 for level, asked in ways if level == reached.level and asked)
        if told_apart >= _TOLD_APART:
            key, reached = (reached.level, None), replace(reached, answers=None)
    known = ways.get(key)
    if known is None:
        ways[key] = reached
    elif known.answers is not None and reached.answers is not None:
        ways[key] = replace(known, answers=known.answers | reached.answers)


def _rank(reached: Reached) -> int:
    return level_rank(reached.level)


def _check_outcome_level(
    card: Card, question: Question, place: int, reached: Reached, problems: Problems
) -> None:
    rule = question.rules[place]
    outcome = card.outcome(rule.goto)
    if outcome is None or _rank(reached) <= level_rank(outcome.level):
        return
    level = reached.level
    problems.add(
        rule.where,
        f"question {question.id!r}: this rule can end at outcome {outcome.id!r} (level "
        f"{outcome.level}) after the answer {reached.answer!r} to {reached.question!r} "
        f"raised {'an' if level[0] in 'aeiou' else 'a'} {level} flag, so the decision "
        f"would be {outcome.title!r} at level {level}; before it, send such answers to an "
        f"outcome of level {level} or worse (when: {{flagged_at_least: {level}}})",
    )
