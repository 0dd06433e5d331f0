"""Answers to one question tried all at once, each one bit of a mask, and the
verdicts of a condition on them (see ``TriedAnswers``)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Mapping

from ff.levels import LEVELS, level_rank
from ff.light import dataclass, field, replace
from ff.numbers import is_number


@dataclass(frozen=True)
class Verdicts:
    """Whether a condition holds for each of some tried answers, as bit masks (bit i
    is answer i): ``yes`` where it surely holds, ``no`` where it surely does not.
    Where neither, it depends on something else: another answer, or a flag."""

    yes: int
    no: int


@dataclass(frozen=True)
class TriedAnswers:
    """Answers to one question, tried all at once: answer i is bit i of a mask.

    A condition is then decided for every answer in a few operations on Python's
    long integers rather than answer by answer: one by one, the flow checks of a
    number question with 5,000 flags took minutes. Numbers come first, in order,
    so that a comparison holds for a run of bits found by bisection.
    ``at_least[level]`` has the answers whose worst flag so far is at least that
    level; ``exact`` says whether that is all the flags (else it is a floor).
    ``earlier`` has what is known of earlier questions: the answers one must have had."""

    question: str
    answers: tuple[object, ...]
    numbers: tuple[float, ...]
    positions: Mapping[str, tuple[int, ...]]
    full: int
    at_least: Mapping[str, int]
    exact: bool = False
    earlier: Mapping[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, question: str, answers: Iterable[object]) -> TriedAnswers:
        """``answers`` to ``question``, no flag known yet."""
        given = list(answers)
        numbers = sorted((a for a in given if is_number(a)), key=float)
        ordered = (*numbers, *(a for a in given if not is_number(a)))
        positions: dict[str, tuple[int, ...]] = {}
        for bit, answer in enumerate(ordered):
            positions[str(answer)] = (*positions.get(str(answer), ()), bit)
        full = (1 << len(ordered)) - 1
        floats = tuple(float(n) for n in numbers)
        return cls(question, ordered, floats, positions, full, {"go": full})

    def knowing(
        self,
        at_least: Mapping[str, int],
        *,
        exact: bool,
        earlier: Mapping[str, frozenset[str]] | None = None,
    ) -> TriedAnswers:
        """The same answers, with what is known of the flags raised so far (and of
        earlier questions' answers)."""
        return replace(self, at_least=at_least, exact=exact, earlier=earlier or {})

    def at_floor(self, floor: str) -> TriedAnswers:
        """The same answers, each known to have raised a flag of at least ``floor``."""
        reached = {level: self.full for level in LEVELS if level_rank(floor) >= level_rank(level)}
        return self.knowing(reached, exact=False)

    def flagged(self, level: str) -> Verdicts:
        yes = self.at_least.get(level, 0)
        return Verdicts(yes, self.full ^ yes if self.exact else 0)

    def valued(self, values: Iterable[str]) -> int:
        """The answers that are one of ``values``."""
        bits = [bit for value in values for bit in self.positions.get(value, ())]
        if len(bits) < 64:
            found = 0
            for bit in bits:
                found |= 1 << bit
            return found
        # Many bits at once: set them in bytes, so that each costs one step, not a
        # copy of a mask as long as the answers.
        raw = bytearray((len(self.answers) + 7) // 8)
        for bit in bits:
            raw[bit >> 3] |= 1 << (bit & 7)
        return int.from_bytes(raw, "little")

    def bits(self, mask: int) -> Iterator[int]:
        """The places of the answers in ``mask``, in order."""
        for place, digit in enumerate(reversed(f"{mask:b}")):
            if digit == "1":
                yield place

    def numbered(self, low: float | None, high: float | None, *, strict: bool = False) -> int:
        """The number answers from ``low`` to ``high`` (None: no bound); ``strict``
        leaves out the bounds themselves."""
        after, before = bisect.bisect_right, bisect.bisect_left
        numbers = self.numbers
        start = 0 if low is None else (after if strict else before)(numbers, low)
        end = len(numbers) if high is None else (before if strict else after)(numbers, high)
        return ((1 << end) - 1) ^ ((1 << start) - 1) if end > start else 0
