"""The conditions a card's rules and flags use: an answer is one of some values, a
number compares with bounds, a flag was raised, and all/any/not of those."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ff.levels import level_rank
from ff.numbers import is_number

COMPARISONS = ("lt", "lte", "gt", "gte", "between")


@dataclass(frozen=True)
class AnswerIs:
    """True when ``question`` was answered with one of ``values``."""

    question: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Compare:
    """True when the number answered to ``question`` compares so with ``bounds``.

    ``op`` is lt, lte, gt, gte (one bound) or between (two bounds, both included)."""

    question: str
    op: str
    bounds: tuple[float, ...]

    def holds(self, value: object) -> bool:
        if not is_number(value):
            return False
        number = float(value)
        first = self.bounds[0]
        if self.op == "between":
            return first <= number <= self.bounds[1]
        return {
            "lt": number < first,
            "lte": number <= first,
            "gt": number > first,
            "gte": number >= first,
        }[self.op]


@dataclass(frozen=True)
class FlaggedAtLeast:
    """True when the worst flag raised so far is at least ``level``."""

    level: str


@dataclass(frozen=True)
class AllOf:
    conditions: tuple[Condition, ...]


@dataclass(frozen=True)
class AnyOf:
    conditions: tuple[Condition, ...]


@dataclass(frozen=True)
class Not:
    condition: Condition


Condition = AnswerIs | Compare | FlaggedAtLeast | AllOf | AnyOf | Not


def decided_alone(condition: Condition | None, qid: str, answer: object, floor: str) -> bool | None:
    """Whether ``condition`` holds just after ``qid`` was answered ``answer``.

    Three-valued: None when it depends on something else (another question's
    answer, or a flag an earlier answer may have raised). ``floor`` is a level
    the worst flag is known to have reached."""
    if condition is None:
        return True
    if isinstance(condition, FlaggedAtLeast):
        return True if level_rank(floor) >= level_rank(condition.level) else None
    if isinstance(condition, AnswerIs):
        return str(answer) in condition.values if condition.question == qid else None
    if isinstance(condition, Compare):
        return condition.holds(answer) if condition.question == qid else None
    if isinstance(condition, Not):
        inner = decided_alone(condition.condition, qid, answer, floor)
        return None if inner is None else not inner
    parts = [decided_alone(c, qid, answer, floor) for c in condition.conditions]
    if isinstance(condition, AllOf):
        return False if False in parts else (True if all(parts) else None)
    return True if True in parts else (False if all(p is False for p in parts) else None)


def reads_only(condition: Condition, qid: str) -> bool:
    """Whether ``condition`` depends on nothing but ``qid``'s answer."""
    if isinstance(condition, (AnswerIs, Compare)):
        return condition.question == qid
    if isinstance(condition, FlaggedAtLeast):
        return False
    if isinstance(condition, Not):
        return reads_only(condition.condition, qid)
    return all(reads_only(c, qid) for c in condition.conditions)


def condition_reads(condition: Condition | None) -> Iterator[AnswerIs | Compare]:
    if isinstance(condition, (AnswerIs, Compare)):
        yield condition
    elif isinstance(condition, (AllOf, AnyOf)):
        for part in condition.conditions:
            yield from condition_reads(part)
    elif isinstance(condition, Not):
        yield from condition_reads(condition.condition)
