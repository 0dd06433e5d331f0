"""Where each answer to a question may lead, worked out for every answer worth trying
at once: the flag it raises, the rule that surely takes it, and (for the flow
checks) where it may go with what flags raised so far.

Each answer is one bit of a mask (see ``TriedAnswers``), so a question with
thousands of answers or flags costs a few operations on long integers per rule
or flag, not one pass over the rules per answer: answer by answer, a number
question with 5,000 ``between`` flags took 269 s to check."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator

from ff.cards.conditions import Condition
from ff.cards.model import Answer, Question
from ff.cards.tried import TriedAnswers, Verdicts
from ff.levels import LEVELS, level_rank
from ff.light import dataclass
from ff.numbers import tidy_number


def answers_to_try(question: Question) -> list[Answer]:
    """Answers that between them take every branch of the question's own conditions.

    For a choice, every choice. For a number, each threshold its flags and rules
    compare with, a number either side of each, and one between each pair, kept
    within min and max: the answer can only change a condition at a threshold."""
    if question.type != "number":
        return list(question.values)
    conditions = [r.when for r in question.rules] + [f.when for f in question.flag_rules]
    points = {
        bound
        for condition in conditions
        if condition is not None
        for bound in condition.thresholds(question.id)
    }
    points |= {b for b in (question.minimum, question.maximum) if b is not None} or {0.0}
    ordered = sorted(points)
    tries = {*ordered, _beyond(ordered[0], -1), _beyond(ordered[-1], +1)}
    tries |= {(a + b) / 2 for a, b in itertools.pairwise(ordered)}
    if question.whole:
        tries = {n for t in tries for n in (math.floor(t), math.ceil(t))}
    low = question.minimum if question.minimum is not None else -math.inf
    high = question.maximum if question.maximum is not None else math.inf
    return [tidy_number(t) for t in sorted(tries) if low <= t <= high and math.isfinite(t)]


def _beyond(number: float, direction: int) -> float:
    """A number 1 past ``number`` (or the next float past it, where 1 is too small
    a step to change a number as large as 2**53)."""
    step = number + direction
    return step if step != number else math.nextafter(number, direction * math.inf)


def _decided(condition: Condition | None, tried: TriedAnswers) -> Verdicts:
    return Verdicts(tried.full, 0) if condition is None else condition.decided(tried)


@dataclass(frozen=True)
class Reached:
    """A rule may be taken with the worst flag so far at ``level``: ``answer`` to
    ``question`` raised that flag (None when no flag has). For a choice question,
    ``answers`` are all those of its answers that raise it on the way here."""

    level: str
    question: str | None = None
    answer: Answer | None = None
    answers: frozenset[str] | None = None

    @property
    def earlier(self) -> dict[str, frozenset[str]]:
        """What is known of earlier answers on the way here."""
        known = self.question is not None and self.answers is not None
        return {self.question: self.answers} if known else {}  # type: ignore[dict-item]


class Routes:
    """Every answer worth trying to one question, with the flag each raises."""

    def __init__(self, question: Question) -> None:
        self.question = question
        self.tried = TriedAnswers.of(question.id, answers_to_try(question))
        # The answers whose own flag is at least each level (every answer for go).
        self.own = {level: 0 for level in LEVELS}
        for raised, answers in self._raised():
            for level in LEVELS[: level_rank(raised) + 1]:
                self.own[level] |= answers
        self.own[LEVELS[0]] = self.tried.full

    def _raised(self) -> Iterator[tuple[str, int]]:
        """The level of each flag and the answers that raise it (for a number, the
        first flag that holds)."""
        if self.question.type != "number":
            by_level: dict[str, list[str]] = {}
            for value, flag in self.question.flags.items():
                by_level.setdefault(flag.level, []).append(value)
            for level, values in by_level.items():
                yield level, self.tried.valued(values)
            return
        taken = 0
        for rule in self.question.flag_rules:
            raises = rule.when.decided(self.tried).yes & ~taken
            taken |= raises
            yield rule.flag.level, raises

    def answers(self, mask: int) -> Iterator[Answer]:
        """The answers in ``mask``, in order."""
        for place in self.tried.bits(mask):
            yield self.tried.answers[place]  # type: ignore[misc]  # answers_to_try gave Answers

    def unrouted(self) -> int:
        """The answers no rule surely takes, whatever else was answered."""
        tried = self.tried.knowing(self.own, exact=False)
        left = tried.full
        for rule in self.question.rules:
            left &= ~_decided(rule.when, tried).yes
        return left

    def stop_targets(self) -> Iterator[tuple[str | None, int]]:
        """Where the answers flagged stop go: (goto, answers) for each rule that
        surely takes some, and (None, answers) for those whose way is unsure."""
        pending = self.own["stop"]
        if not pending:
            return
        tried = self.tried.at_floor("stop")
        for rule in self.question.rules:
            verdicts = _decided(rule.when, tried)
            yield rule.goto, pending & verdicts.yes
            yield None, pending & ~verdicts.yes & ~verdicts.no
            pending &= verdicts.no
        yield None, pending

    def reached(self, arrived: Reached) -> Iterator[tuple[int, Reached]]:
        """For each rule (by its place), the worst flags with which it may be taken
        when the worst flag before this question was ``arrived.level``."""
        before = level_rank(arrived.level)
        worst = {
            level: self.tried.full if before >= level_rank(level) else self.own[level]
            for level in LEVELS
        }
        tried = self.tried.knowing(worst, exact=True, earlier=arrived.earlier)
        exactly = {
            level: worst[level] & ~worst.get(above, 0)
            for level, above in itertools.zip_longest(LEVELS, LEVELS[1:], fillvalue="")
        }
        pending = tried.full
        for place, rule in enumerate(self.question.rules):
            verdicts = _decided(rule.when, tried)
            taken = pending & ~verdicts.no
            pending &= ~verdicts.yes
            for level in LEVELS[before:]:
                some = taken & exactly[level]
                if not some:
                    continue
                if level == arrived.level:
                    yield place, arrived
                else:
                    yield place, self._raising_here(level, some)

    def _raising_here(self, level: str, answers: int) -> Reached:
        """Reached with a flag of ``level`` raised by one of ``answers`` here."""
        first = self.tried.answers[(answers & -answers).bit_length() - 1]
        if self.question.type == "number":  # a number stands for a range: not kept
            return Reached(level, self.question.id, first)  # type: ignore[arg-type]
        values = frozenset(str(a) for a in self.answers(answers))
        return Reached(level, self.question.id, first, values)  # type: ignore[arg-type]
