"""The card engine: from a card and answers to a decision. No I/O, no prompting.

Walking a card: start at the first question; take its answer; the first of its
rules whose condition holds says where to go (a question or an outcome) and may
raise a flag (a level with a reason and a next step). The decision's level is
the worst of the outcome's level and every flag raised on the way.
"""

from __future__ import annotations

from collections.abc import Mapping

from ff.cards.answers import Refused, allowed, example, judged
from ff.cards.conditions import Condition
from ff.cards.model import Answer, Card, Outcome, Question
from ff.cards.problems import Nearest
from ff.errors import AnswerError
from ff.levels import LEVELS, level_rank
from ff.light import dataclass


@dataclass(frozen=True)
class Step:
    """One question on the path and the answer given to it."""

    question: Question
    answer: Answer


@dataclass(frozen=True)
class Reason:
    """Why the decision is what it is. From a flag: names the question and answer."""

    level: str
    text: str
    next_step: str | None = None
    question: str | None = None
    answer: Answer | None = None


@dataclass(frozen=True)
class Walk:
    """How far the answers lead: to an outcome, or to the first unanswered question."""

    steps: tuple[Step, ...]
    flags: tuple[Reason, ...]
    pending: Question | None
    outcome: Outcome | None


@dataclass(frozen=True)
class Decision:
    card: Card
    outcome: Outcome
    level: str
    reasons: tuple[Reason, ...]
    next_steps: tuple[str, ...]
    path: tuple[Step, ...]

    @property
    def answers(self) -> dict[str, Answer]:
        """The answers that were used, in the order they were asked."""
        return {step.question.id: step.answer for step in self.path}


def _holds(condition: Condition | None, answers: Mapping[str, Answer], worst: str) -> bool:
    return condition is None or condition.holds(answers, worst)


def walk(card: Card, answers: Mapping[str, Answer]) -> Walk:
    """Follow the card as far as ``answers`` go. Answers must already be valid."""
    steps: list[Step] = []
    flags: list[Reason] = []
    seen: dict[str, Answer] = {}  # the answers used so far
    worst = LEVELS[0]
    node: Question | Outcome = card.first
    while isinstance(node, Question):
        if node.id not in answers:
            return Walk(tuple(steps), tuple(flags), node, None)
        answer = answers[node.id]
        steps.append(Step(node, answer))
        seen[node.id] = answer
        flag = node.flag_for(answer)
        if flag is not None:
            flags.append(Reason(flag.level, flag.reason, flag.next_step, node.id, answer))
            worst = max(worst, flag.level, key=level_rank)
        rule = next(r for r in node.rules_for(answer) if _holds(r.when, seen, worst))
        node = card.node(rule.goto)
    return Walk(tuple(steps), tuple(flags), None, node)


def decide(card: Card, answers: Mapping[str, object]) -> Decision:
    """The decision for complete answers; ``AnswerError`` if any are missing or wrong."""
    valid = check_answers(card, answers)
    result = walk(card, valid)
    if result.outcome is None:
        raise _missing(card, result, valid)
    outcome = result.outcome
    level = max([outcome.level, *(f.level for f in result.flags)], key=level_rank)
    reasons = (*result.flags, *(Reason(outcome.level, text) for text in outcome.reasons))
    steps = (*(f.next_step for f in result.flags if f.next_step), *outcome.next_steps)
    return Decision(card, outcome, level, tuple(reasons), tuple(dict.fromkeys(steps)), result.steps)


def check_answers(card: Card, answers: Mapping[str, object]) -> dict[str, Answer]:
    """Answers with every value normalised; ``AnswerError`` naming every bad one."""
    valid: dict[str, Answer] = {}
    problems: list[dict[str, object]] = []
    lines: list[str] = []
    question_ids = [q.id for q in card.questions]
    nearest = Nearest(question_ids)
    for key, given in answers.items():
        question = card.question(key)
        if question is None:
            problems.append({"question": key, "problem": "unknown question"})
            lines.append(
                f"  {key}: not a question of card {card.id}{nearest.to(key)} "
                f"(questions: {', '.join(question_ids)})"
            )
            continue
        answer = judged(question, given)
        if isinstance(answer, Refused):
            problems.append(_not_allowed(question, given))
            lines.append(f"  {key}: {given!r} {answer.why}")
        else:
            valid[key] = answer
    if problems:
        raise AnswerError(
            "Some answers cannot be used:\n" + "\n".join(lines),
            problems=problems,
            hint="Give each answer as QUESTION=VALUE with one of the allowed values.",
        )
    return valid


def _not_allowed(question: Question, given: object) -> dict[str, object]:
    """One bad answer for ``--json``: ``allowed`` lists the values, or for a
    number question ``number`` gives its min, max, unit and whether it is whole."""
    problem: dict[str, object] = {"question": question.id, "value": given, "problem": "not allowed"}
    return {**problem, **_allowed_json(question)}


def _allowed_json(question: Question) -> dict[str, object]:
    if question.type != "number":
        return {"allowed": list(question.values)}
    return {
        "number": {
            "min": question.minimum,
            "max": question.maximum,
            "unit": question.unit,
            "whole": question.whole,
        }
    }


def unanswered_ahead(card: Card, start: Question, answers: Mapping[str, Answer]) -> list[Question]:
    """Questions that may still be asked from ``start`` on and have no answer, in card order."""
    reachable: set[str] = set()
    todo = [start.id]
    while todo:
        node_id = todo.pop()
        if node_id in reachable or card.question(node_id) is None:
            continue
        reachable.add(node_id)
        todo.extend(rule.goto for rule in card.node(node_id).rules)  # type: ignore[union-attr]
    return [q for q in card.questions if q.id in reachable and q.id not in answers]


def _missing(card: Card, result: Walk, answers: Mapping[str, Answer]) -> AnswerError:
    assert result.pending is not None
    missing = unanswered_ahead(card, result.pending, answers)
    lines = [f"  {q.id} (answers: {allowed(q)}): {q.text}" for q in missing]
    problems: list[dict[str, object]] = [
        {"question": q.id, "problem": "missing", **_allowed_json(q)} for q in missing
    ]
    first = missing[0]
    return AnswerError(
        "Answers are missing for:\n" + "\n".join(lines),
        problems=problems,
        hint=f"Give each with --answer QUESTION=VALUE (for example --answer "
        f"{first.id}={example(first)}), or all of them in a file with --answers FILE.",
    )
