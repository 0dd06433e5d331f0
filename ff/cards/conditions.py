"""The conditions a card's rules and flags use: an answer is one of some values, a
number compares with bounds, a flag was raised, and all/any/not of those. Each kind
is one class that knows how it holds, what it reads, and how it reads as words and JSON."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar, Protocol

from ff.cards.tried import TriedAnswers, Verdicts
from ff.levels import level_rank
from ff.light import dataclass
from ff.numbers import is_number, tidy_number

COMPARISONS = ("lt", "lte", "gt", "gte", "between")
_COMPARE_WORDS = {"lt": "less than", "lte": "at most", "gt": "more than", "gte": "at least"}


class AskedQuestion(Protocol):
    """What a condition needs to know of a question it reads (a card's ``Question``)."""

    @property
    def id(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def unit(self) -> str | None: ...
    @property
    def values(self) -> tuple[str, ...]: ...
    def has_value(self, value: str) -> bool: ...
    def label(self, value: str) -> str: ...


class Questions(Protocol):
    """Where a condition looks up the questions it names (a ``Card``)."""

    def question(self, question_id: str) -> AskedQuestion | None: ...


class Condition(ABC):
    """A rule's or a flag's ``when``."""

    @property
    def parts(self) -> tuple[Condition, ...]:
        """The conditions this one is made of."""
        return ()

    @abstractmethod
    def holds(self, answers: Mapping[str, object], worst: str) -> bool:
        """Whether it holds for these answers, the worst flag raised being ``worst``."""

    @abstractmethod
    def decided(self, tried: TriedAnswers) -> Verdicts:
        """For each tried answer: surely holds, surely not, or depends on more."""

    @abstractmethod
    def words(self, card: Questions, here: str) -> str:
        """In plain words, for people who never read YAML; ``here`` is the question
        whose rule or flag it is."""

    def words_as_part(self, card: Questions, here: str) -> str:
        """In words, inside an ``and`` or ``or``."""
        return self.words(card, here)

    @abstractmethod
    def json(self) -> dict[str, Any]:
        """As the card writes it, with the question always named."""

    def reads(self) -> Iterator[ReadsAnswer]:
        """The answers it reads, part by part."""
        for part in self.parts:
            yield from part.reads()

    def reads_flags(self) -> bool:
        return any(part.reads_flags() for part in self.parts)

    def reads_only(self, question: str) -> bool:
        """Whether it depends on nothing but ``question``'s answer."""
        return not self.reads_flags() and all(r.question == question for r in self.reads())

    def answers_taken(self, question: str) -> tuple[str, ...] | None:
        """The answers to ``question`` it holds for, if it holds for just those
        whatever else was answered; None if it depends on anything else."""
        return None

    def thresholds(self, question: str) -> Iterator[float]:
        """The numbers it compares ``question``'s answer with."""
        for read in self.reads():
            yield from read.bounds_on(question)


class ReadsAnswer(Condition):
    """A condition on one question's answer."""

    question: str

    def reads(self) -> Iterator[ReadsAnswer]:
        yield self

    def bounds_on(self, question: str) -> tuple[float, ...]:
        return ()

    @abstractmethod
    def misreads(self, asked: AskedQuestion) -> Iterator[str]:
        """What is wrong with reading ``asked`` so (its type, an answer it lacks)."""

    def whose(self, here: str) -> str:
        return "the answer" if self.question == here else f"the answer to {self.question}"


@dataclass(frozen=True)
class AnswerIs(ReadsAnswer):
    """True when ``question`` was answered with one of ``values``."""

    question: str
    values: tuple[str, ...]

    def holds(self, answers: Mapping[str, object], worst: str) -> bool:
        return answers.get(self.question) in self.values

    def answers_taken(self, question: str) -> tuple[str, ...] | None:
        return self.values if question == self.question else None

    def decided(self, tried: TriedAnswers) -> Verdicts:
        if self.question == tried.question:
            yes = tried.valued(self.values)
            return Verdicts(yes, tried.full ^ yes)
        known = tried.earlier.get(self.question)  # the answers it must have had
        if known is not None and known <= set(self.values):
            return Verdicts(tried.full, 0)
        if known is not None and known.isdisjoint(self.values):
            return Verdicts(0, tried.full)
        return Verdicts(0, 0)

    def words(self, card: Questions, here: str) -> str:
        asked = card.question(self.question)
        labels = " or ".join(asked.label(v) if asked else v for v in self.values)
        return f"{self.whose(here)} is {labels}"

    def json(self) -> dict[str, Any]:
        return {"question": self.question, "answer": list(self.values)}

    def misreads(self, asked: AskedQuestion) -> Iterator[str]:
        if asked.type == "number":
            yield (
                f"{asked.id!r} is a number question; compare it with lt, lte, gt, gte or between"
            )
            return
        for value in self.values:
            if not asked.has_value(value):
                yield (
                    f"{value!r} is not an answer to {asked.id!r} "
                    f"(answers: {', '.join(asked.values)})"
                )


@dataclass(frozen=True)
class Compare(ReadsAnswer):
    """True when the number answered to ``question`` compares so with ``bounds``.

    ``op`` is lt, lte, gt, gte (one bound) or between (two bounds, both included)."""

    question: str
    op: str
    bounds: tuple[float, ...]

    def holds(self, answers: Mapping[str, object], worst: str) -> bool:
        value = answers.get(self.question)
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

    def decided(self, tried: TriedAnswers) -> Verdicts:
        if self.question != tried.question:
            return Verdicts(0, 0)
        low = None if self.op in ("lt", "lte") else self.bounds[0]
        high = None if self.op in ("gt", "gte") else self.bounds[-1]
        yes = tried.numbered(low, high, strict=self.op in ("lt", "gt"))
        return Verdicts(yes, tried.full ^ yes)

    def words(self, card: Questions, here: str) -> str:
        asked = card.question(self.question)
        unit = f" {asked.unit}" if asked and asked.unit else ""
        bounds = [f"{tidy_number(b):,}{unit}" for b in self.bounds]
        if self.op == "between":
            return f"{self.whose(here)} is from {bounds[0]} to {bounds[1]}"
        return f"{self.whose(here)} is {_COMPARE_WORDS[self.op]} {bounds[0]}"

    def json(self) -> dict[str, Any]:
        bounds = [tidy_number(b) for b in self.bounds]
        return {"question": self.question, self.op: bounds if len(bounds) > 1 else bounds[0]}

    def bounds_on(self, question: str) -> tuple[float, ...]:
        return self.bounds if question == self.question else ()

    def misreads(self, asked: AskedQuestion) -> Iterator[str]:
        if asked.type != "number":
            yield (
                f"{self.op} compares numbers, but {asked.id!r} is a {asked.type} "
                "question; use answer: instead"
            )


@dataclass(frozen=True)
class FlaggedAtLeast(Condition):
    """True when the worst flag raised so far is at least ``level``."""

    level: str

    def holds(self, answers: Mapping[str, object], worst: str) -> bool:
        return level_rank(worst) >= level_rank(self.level)

    def decided(self, tried: TriedAnswers) -> Verdicts:
        return tried.flagged(self.level)

    def words(self, card: Questions, here: str) -> str:
        worse = "" if self.level == "stop" else " or worse"
        return f"an answer so far was flagged {self.level}{worse}"

    def json(self) -> dict[str, Any]:
        return {"flagged_at_least": self.level}

    def reads_flags(self) -> bool:
        return True


@dataclass(frozen=True)
class _Combined(Condition):
    """All or any of ``conditions``: in words joined by ``joiner``, as JSON under ``key``."""

    conditions: tuple[Condition, ...]
    joiner: ClassVar[str] = ""
    key: ClassVar[str] = ""

    @property
    def parts(self) -> tuple[Condition, ...]:
        return self.conditions

    def words(self, card: Questions, here: str) -> str:
        return self.joiner.join(c.words_as_part(card, here) for c in self.conditions)

    def words_as_part(self, card: Questions, here: str) -> str:
        return f"({self.words(card, here)})"

    def json(self) -> dict[str, Any]:
        return {self.key: [c.json() for c in self.conditions]}


@dataclass(frozen=True)
class AllOf(_Combined):
    """True when every one of ``conditions`` is."""

    joiner = " and "
    key = "all"

    def holds(self, answers: Mapping[str, object], worst: str) -> bool:
        return all(c.holds(answers, worst) for c in self.conditions)

    def decided(self, tried: TriedAnswers) -> Verdicts:
        yes, no = tried.full, 0
        for part in self.conditions:
            verdicts = part.decided(tried)
            yes, no = yes & verdicts.yes, no | verdicts.no
        return Verdicts(yes, no)


@dataclass(frozen=True)
class AnyOf(_Combined):
    """True when at least one of ``conditions`` is."""

    joiner = " or "
    key = "any"

    def holds(self, answers: Mapping[str, object], worst: str) -> bool:
        return any(c.holds(answers, worst) for c in self.conditions)

    def decided(self, tried: TriedAnswers) -> Verdicts:
        yes, no = 0, tried.full
        for part in self.conditions:
            verdicts = part.decided(tried)
            yes, no = yes | verdicts.yes, no & verdicts.no
        return Verdicts(yes, no)


@dataclass(frozen=True)
class Not(Condition):
    """True when ``condition`` is not."""

    condition: Condition

    @property
    def parts(self) -> tuple[Condition, ...]:
        return (self.condition,)

    def holds(self, answers: Mapping[str, object], worst: str) -> bool:
        return not self.condition.holds(answers, worst)

    def decided(self, tried: TriedAnswers) -> Verdicts:
        inner = self.condition.decided(tried)
        return Verdicts(inner.no, inner.yes)

    def words(self, card: Questions, here: str) -> str:
        return f"not ({self.condition.words(card, here)})"

    def json(self) -> dict[str, Any]:
        return {"not": self.condition.json()}
