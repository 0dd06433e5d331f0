"""A card as ff holds it once read: questions, their answers and flags, the rules
that say where each answer leads, outcomes, and the card's own examples."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from functools import cached_property

from ff.cards.conditions import Condition
from ff.errors import Where
from ff.levels import LEVELS
from ff.light import dataclass, field

Answer = str | int | float
QUESTION_TYPES = ("yes_no_unsure", "yes_no", "choice", "number")
# A card's or a question's id: a lower-case name (never a path).
NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
STANDARD_LABELS = {
    "en": {"yes": "Yes", "no": "No", "unsure": "Not sure"},
    "cy": {"yes": "Ie", "no": "Na", "unsure": "Ddim yn siŵr"},
}


def folded(text: str) -> str:
    """Text as choices are matched: case folded, spaces squeezed, accents dropped."""
    parts = unicodedata.normalize("NFKD", " ".join(text.split()).casefold())
    return "".join(c for c in parts if not unicodedata.combining(c))


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Flag:
    level: str
    reason: str
    next_step: str | None


@dataclass(frozen=True)
class FlagRule:
    """A number question's flag: raised when ``when`` holds for the answer."""

    when: Condition
    flag: Flag
    where: Where


@dataclass(frozen=True)
class Rule:
    goto: str
    when: Condition | None
    where: Where


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    help: str | None
    type: str
    choices: tuple[Choice, ...]
    flags: Mapping[str, Flag]
    rules: tuple[Rule, ...]
    where: Where
    flag_rules: tuple[FlagRule, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    unit: str | None = None
    whole: bool = False
    # The unit in every language the card gives it: a typed number may end with
    # any of them (a Welsh speaker may still type "pounds").
    unit_words: tuple[str, ...] = ()

    @cached_property
    def values(self) -> tuple[str, ...]:
        return tuple(choice.value for choice in self.choices)

    @cached_property
    def _labels(self) -> dict[str, str]:
        # Looked up, not searched for: a card may give a question thousands of choices.
        return {choice.value: choice.label for choice in reversed(self.choices)}

    def label(self, value: str) -> str:
        return self._labels.get(value, value)

    def has_value(self, value: str) -> bool:
        return value in self._labels

    @cached_property
    def _by_answer(self) -> dict[str, str]:
        """Each choice by its value and its label, folded: the first choice wins."""
        found: dict[str, str] = {}
        for choice in self.choices:
            found.setdefault(folded(choice.value), choice.value)
            found.setdefault(folded(choice.label), choice.value)
        return found

    def choice_for(self, given: str) -> str | None:
        """The value of the choice whose value or label ``given`` is, as people type it:
        in any case, spaces squeezed, accents left out (``ddim yn siwr`` is ``Ddim yn
        siŵr``: not every keyboard has ŵ)."""
        return self._by_answer.get(folded(given))

    @cached_property
    def _rule_places(self) -> tuple[dict[object, int], tuple[int, ...]]:
        """Each answer's first rule among those that hold just for some answers to
        this question, and the places of the other rules. A question may have
        thousands of rules: trying each in turn, for each of a card's thousands of
        examples, took minutes."""
        first: dict[object, int] = {}
        others = []
        for place, rule in enumerate(self.rules):
            taken = rule.when.answers_taken(self.id) if rule.when else None
            if taken is None:
                others.append(place)
            for value in taken or ():
                first.setdefault(value, place)
        return first, tuple(others)

    def rules_for(self, answer: Answer) -> Iterator[Rule]:
        """The rules that may take ``answer``, in order: the rules before its first
        rule for just some answers are passed over when they are that kind too."""
        first, others = self._rule_places
        last = first.get(answer, len(self.rules))
        for place in others:
            if place > last:
                break
            yield self.rules[place]
        if last < len(self.rules):
            yield self.rules[last]

    def flag_for(self, answer: Answer) -> Flag | None:
        """The flag this answer raises, if any."""
        if self.type != "number":
            return self.flags.get(str(answer))
        answers = {self.id: answer}  # all a flag's 'when' may read (FlagReader): no flags
        for rule in self.flag_rules:
            if rule.when.holds(answers, LEVELS[0]):
                return rule.flag
        return None


@dataclass(frozen=True)
class Outcome:
    id: str
    level: str
    title: str
    reasons: tuple[str, ...]
    next_steps: tuple[str, ...]
    where: Where


@dataclass(frozen=True)
class CardTest:
    name: str
    answers: Mapping[str, Answer]
    outcome: str
    level: str | None
    path: tuple[str, ...] | None
    where: Where
    # Reasons the decision must give (a flag's reason or the outcome's), in the
    # card's own language; others may be given too.
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Card:
    """A card read in one language: ``language`` is the one its texts are shown in."""

    id: str
    version: str
    title: str
    source: str
    description: str | None
    language: str
    questions: tuple[Question, ...]
    outcomes: tuple[Outcome, ...]
    tests: tuple[CardTest, ...]
    file: str
    sha256: str
    default_language: str = "en"
    languages: tuple[str, ...] = ("en",)
    translations: Mapping[str, str] = field(default_factory=dict)
    fallbacks: int = 0  # texts shown in the default language, for want of a translation
    _index: dict[str, Question | Outcome] = field(repr=False, compare=False, default_factory=dict)
    _numbers: dict[str, int] = field(repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._index.update({q.id: q for q in self.questions})
        self._index.update({o.id: o for o in self.outcomes})
        self._numbers.update({q.id: n for n, q in enumerate(self.questions, 1)})

    def number(self, question_id: str) -> int:
        """A question's place in the card, counting from 1."""
        return self._numbers[question_id]

    @property
    def first(self) -> Question:
        return self.questions[0]

    def node(self, node_id: str) -> Question | Outcome:
        return self._index[node_id]

    def get_node(self, node_id: str) -> Question | Outcome | None:
        return self._index.get(node_id)

    def has(self, node_id: str) -> bool:
        return node_id in self._index

    def question(self, question_id: str) -> Question | None:
        node = self._index.get(question_id)
        return node if isinstance(node, Question) else None

    def outcome(self, outcome_id: str) -> Outcome | None:
        node = self._index.get(outcome_id)
        return node if isinstance(node, Outcome) else None
