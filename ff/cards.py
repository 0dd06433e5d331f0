"""Prompt cards: the YAML format, read into plain objects and checked on load.

A card is refused when loaded if anything in it is wrong (every problem is
reported at once, each as ``file:line:column: what is wrong``), so the engine
never meets a broken card at run time. The format is documented in
``cards/README.md``.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ff.answers import Answer, allowed, is_number, normalise, tidy_number
from ff.cardsources import card_files, is_path, locate
from ff.collector import collector_paused
from ff.errors import CardError, UsageError
from ff.levels import LEVELS, level_rank
from ff.paths import builtin_cards_dir
from ff.yamlload import (
    LocatedDict,
    LocatedList,
    Where,
    YamlProblem,
    load_yaml_collecting,
    read_limited,
)

DEFAULT_CARD = "fail-fast-fail-forward"
QUESTION_TYPES = ("yes_no_unsure", "yes_no", "choice", "number")
COMPARISONS = ("lt", "lte", "gt", "gte", "between")
STANDARD_LABELS = {
    "en": {"yes": "Yes", "no": "No", "unsure": "Not sure"},
    "cy": {"yes": "Ie", "no": "Na", "unsure": "Ddim yn siŵr"},
}
LANGUAGE_NAMES = {"en": "English", "cy": "Welsh"}
TRANSLATION_STATES = ("reviewed", "awaiting-review")
_TYPE_CHOICES = {"yes_no_unsure": ("yes", "no", "unsure"), "yes_no": ("yes", "no")}
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")

_CARD_KEYS = {
    "format",
    "id",
    "version",
    "title",
    "source",
    "description",
    "language",
    "languages",
    "translations",
    "questions",
    "outcomes",
    "tests",
}
_QUESTION_KEYS = {"id", "text", "help", "type", "choices", "flags", "next"}
_NUMBER_KEYS = {"min", "max", "unit", "whole"}
_RULE_KEYS = {"when", "goto"}
_FLAG_KEYS = {"level", "reason", "next_step"}
_OUTCOME_KEYS = {"id", "level", "title", "reasons", "next_steps"}
_TEST_KEYS = {"name", "answers", "outcome", "level", "path", "reasons"}
_TRANSLATION_KEYS = {"status", "note"}


def language_name(code: str) -> str:
    """A language code as people know it: "Welsh (Cymraeg)" for cy."""
    return f"{LANGUAGE_NAMES[code]} ({code})" if code in LANGUAGE_NAMES else code


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


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

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(choice.value for choice in self.choices)

    def label(self, value: str) -> str:
        return next((c.label for c in self.choices if c.value == value), value)

    def flag_for(self, answer: Answer) -> Flag | None:
        """The flag this answer raises, if any."""
        if self.type != "number":
            return self.flags.get(str(answer))
        for rule in self.flag_rules:
            if decided_alone(rule.when, self.id, answer, LEVELS[0]):
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

    def question(self, question_id: str) -> Question | None:
        node = self._index.get(question_id)
        return node if isinstance(node, Question) else None

    def outcome(self, outcome_id: str) -> Outcome | None:
        node = self._index.get(outcome_id)
        return node if isinstance(node, Outcome) else None


def decided_alone(condition: Condition | None, qid: str, answer: Answer, floor: str) -> bool | None:
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


# --------------------------------------------------------------------------- reading


class _Problems:
    """Collects every problem in a card so that one run reports them all."""

    def __init__(self) -> None:
        self.items: list[tuple[Where, str]] = []
        # Problems that leave the card's shape whole (an unknown key, a key given
        # twice, an unquoted yes): the flow can still be checked, so that its
        # problems come in the same run rather than one run at a time.
        self.harmless = 0

    def add(self, where: Where, message: str, *, harmless: bool = False) -> None:
        self.items.append((where, message))
        self.harmless += harmless

    @property
    def shape_broken(self) -> bool:
        """Whether a problem may have left part of the card unread."""
        return len(self.items) > self.harmless

    def ordered(self) -> list[tuple[Where, str]]:
        return sorted(self.items, key=lambda item: (item[0].line, item[0].column))

    def lines(self) -> list[str]:
        return [f"{where}: {message}" for where, message in self.ordered()]


class _Reader:
    """Turns the parsed YAML of one card into a ``Card`` in one language, noting
    every problem (in every language the card declares)."""

    def __init__(self, file: str, problems: _Problems, language: str | None) -> None:
        self.file = file
        self.problems = problems
        self.asked = language
        self.default = "en"
        self.languages: tuple[str, ...] = ("en",)
        self.fallbacks = 0
        self.expect_id: str | None = None  # a card in a card folder: its file name

    @property
    def shown(self) -> str:
        """The language texts are read in: the one asked for, if the card has it."""
        return self.asked if self.asked in self.languages else self.default

    def at(self, container: Any, key: Any = None) -> Where:
        if isinstance(container, LocatedDict) and key in container.key_where:
            return container.key_where[key]
        if isinstance(container, LocatedList) and isinstance(key, int):
            return container.item_where[key]
        return getattr(container, "where", Where(self.file, 1, 1))

    def mapping(self, value: Any, where: Where, what: str, keys: set[str]) -> LocatedDict | None:
        if not isinstance(value, LocatedDict):
            self.problems.add(where, f"{what} must be a mapping of keys and values")
            return None
        for key in value:
            if key not in keys:
                allowed = ", ".join(sorted(keys))
                self.problems.add(
                    self.at(value, key),
                    f"unknown key {key!r} in {what} (allowed: {allowed})",
                    harmless=True,
                )
        return value

    # ---- texts, in one language or several

    def localised(self, value: Any, where: Where, what: str) -> str | None:
        """A text: plain, or a mapping of language code to text with every declared language."""
        if isinstance(value, str) and value.strip():
            if self.shown != self.default:
                self.fallbacks += 1
            return value.strip()
        if not isinstance(value, LocatedDict):
            self.problems.add(where, f"{what} must be text, or a mapping of language to text")
            return None
        for code, text in value.items():
            if code not in self.languages:
                self.problems.add(
                    self.at(value, code),
                    f"{what}: {code!r} is not one of the card's languages "
                    f"({', '.join(self.languages)}); add it to 'languages' or remove it",
                )
            elif not isinstance(text, str) or not text.strip():
                self.problems.add(self.at(value, code), f"{what}: the {code} text must be text")
        missing = [code for code in self.languages if code not in value]
        if missing:
            self.problems.add(
                where,
                f"{what}: the text has no {', '.join(missing)} version "
                f"(the card's languages are {', '.join(self.languages)})",
            )
        chosen = value.get(self.shown)
        if not (isinstance(chosen, str) and chosen.strip()):
            chosen = value.get(self.default)
            self.fallbacks += self.shown != self.default
        return chosen.strip() if isinstance(chosen, str) and chosen.strip() else None

    def text(self, data: LocatedDict, key: str, what: str, *, required: bool = True) -> str | None:
        if key not in data:
            if required:
                self.problems.add(data.where, f"{what} needs {key!r}")
            return None
        return self.localised(data[key], self.at(data, key), f"{what}: {key!r}")

    def name(self, data: LocatedDict, key: str, what: str) -> str | None:
        value = data.get(key)
        if key not in data:
            self.problems.add(data.where, f"{what} needs {key!r}")
        elif not isinstance(value, str) or not _NAME.match(value):
            self.problems.add(
                self.at(data, key),
                f"{what}: {key} {value!r} must be lower-case "
                "letters, digits, '-' or '_' (at most 64)",
            )
        else:
            return value
        return None

    def texts(self, data: LocatedDict, key: str, what: str) -> tuple[str, ...]:
        if key not in data:
            return ()
        value = data[key]
        if not isinstance(value, LocatedList):
            value = _one_item_list(value, self.at(data, key))
        found = [
            self.localised(item, where, f"{what}: {key!r}")
            for item, where in zip(value, value.item_where, strict=True)
        ]
        return tuple(text for text in found if text)

    def items(self, data: LocatedDict, key: str, what: str) -> Iterator[tuple[Any, Where]]:
        value = data.get(key)
        if not isinstance(value, LocatedList) or not value:
            self.problems.add(self.at(data, key), f"{what} needs {key!r}: a list")
            return
        yield from zip(value, value.item_where, strict=True)

    def number(self, data: LocatedDict, key: str, what: str) -> float | None:
        value = data.get(key)
        if value is None:
            return None
        if not is_number(value) or not math.isfinite(value):
            self.problems.add(self.at(data, key), f"{what}: {key!r} must be a number")
            return None
        return float(value)

    # ---- card

    def languages_of(self, top: LocatedDict) -> None:
        default = top.get("language", "en")
        if not isinstance(default, str) or not _LANGUAGE.match(default):
            self.problems.add(
                self.at(top, "language"),
                f"the card: language {default!r} must be a language code such as en or cy",
            )
            default = "en"
        declared = top.get("languages", [default])
        if not isinstance(declared, list) or not all(
            isinstance(code, str) and _LANGUAGE.match(code) for code in declared
        ):
            self.problems.add(
                self.at(top, "languages"),
                "the card: 'languages' must be a list of language codes, e.g. [en, cy]",
            )
            declared = [default]
        if default not in declared:
            self.problems.add(
                self.at(top, "languages"),
                f"the card: its language {default!r} must be one of its 'languages'",
            )
        self.default = default
        self.languages = tuple(dict.fromkeys([default, *declared]))

    def translations(self, top: LocatedDict) -> dict[str, str]:
        if "translations" not in top:
            return {}
        raw = top["translations"]
        if not isinstance(raw, LocatedDict):
            self.problems.add(
                self.at(top, "translations"),
                "the card: 'translations' maps a language to {status: ..., note: ...}",
            )
            return {}
        found: dict[str, str] = {}
        for code, value in raw.items():
            data = self.mapping(
                value, self.at(raw, code), f"translation {code!r}", _TRANSLATION_KEYS
            )
            if code not in self.languages:
                self.problems.add(
                    self.at(raw, code), f"translations: {code!r} is not one of the card's languages"
                )
            if data is None:
                continue
            status = data.get("status")
            if status not in TRANSLATION_STATES:
                self.problems.add(
                    self.at(data, "status"),
                    f"translation {code!r}: status must be one of {', '.join(TRANSLATION_STATES)}",
                )
            else:
                found[str(code)] = str(status)
        return found

    def card(self, data: Any, sha256: str) -> Card | None:
        top = self.mapping(data, Where(self.file, 1, 1), "the card", _CARD_KEYS)
        if top is None:
            return None
        if top.get("format", 1) != 1:
            self.problems.add(
                self.at(top, "format"),
                "this ff reads card format 1 only; upgrade ff to read this card",
            )
        self.languages_of(top)
        translations = self.translations(top)
        card_id = self.name(top, "id", "the card")
        if card_id and self.expect_id and card_id != self.expect_id:
            self.problems.add(
                self.at(top, "id"),
                f"the card's id {card_id!r} must be its file name ({self.expect_id}): "
                "cards in a card folder are found by file name",
                harmless=True,
            )
        version = self.version(top)
        title = self.text(top, "title", "the card")
        source = self.text(top, "source", "the card")
        description = self.text(top, "description", "the card", required=False)
        questions = [
            q
            for q in (self.question(v, w) for v, w in self.items(top, "questions", "the card"))
            if q
        ]
        outcomes = [
            o for o in (self.outcome(v, w) for v, w in self.items(top, "outcomes", "the card")) if o
        ]
        tests = []
        if "tests" in top:
            tests = [
                t for t in (self.test(v, w) for v, w in self.items(top, "tests", "the card")) if t
            ]
        if self.problems.shape_broken:
            return None
        if not (card_id and title and source and questions and version):
            return None
        return Card(
            card_id,
            version,
            title,
            source,
            description,
            self.shown,
            tuple(questions),
            tuple(outcomes),
            tuple(tests),
            self.file,
            sha256,
            self.default,
            self.languages,
            translations,
            self.fallbacks,
        )

    def version(self, top: LocatedDict) -> str | None:
        version = top.get("version")
        if isinstance(version, float):
            self.problems.add(
                self.at(top, "version"),
                f"write the version in quotes, e.g. "
                f'version: "{version}", so that 1.10 does not become 1.1',
            )
        elif not isinstance(version, (str, int)) or isinstance(version, bool):
            self.problems.add(self.at(top, "version"), "the card needs a 'version', e.g. \"1\"")
        else:
            return str(version)
        return None

    def question(self, raw: Any, where: Where) -> Question | None:
        qtype = (
            raw.get("type", "choice" if "choices" in raw else "yes_no_unsure")
            if isinstance(raw, LocatedDict)
            else None
        )
        keys = _QUESTION_KEYS | (_NUMBER_KEYS if qtype == "number" else set())
        data = self.mapping(raw, where, "a question", keys)
        if data is None:
            return None
        qid = self.name(data, "id", "a question")
        what = f"question {qid!r}" if qid else "a question"
        text = self.text(data, "text", what)
        help_text = self.text(data, "help", what, required=False)
        choices = self.choices(data, qtype, what)
        numbers = self.number_keys(data, what) if qtype == "number" else {}
        flags: dict[str, Flag] = {}
        flag_rules: tuple[FlagRule, ...] = ()
        if qtype == "number":
            flag_rules = self.flag_rules(data, qid or "", what)
        else:
            flags = self.flags(data, {c.value for c in choices}, what)
        rules = [
            r
            for r in (self.rule(v, w, qid or "", what) for v, w in self.items(data, "next", what))
            if r
        ]
        if not (qid and text and (choices or qtype == "number")):
            return None
        return Question(
            qid,
            text,
            help_text,
            str(qtype),
            choices,
            flags,
            tuple(rules),
            data.where,
            flag_rules,
            **numbers,
        )

    def number_keys(self, data: LocatedDict, what: str) -> dict[str, Any]:
        low, high = self.number(data, "min", what), self.number(data, "max", what)
        if low is not None and high is not None and low > high:
            self.problems.add(self.at(data, "max"), f"{what}: 'max' is less than 'min'")
        whole = data.get("whole", False)
        if not isinstance(whole, bool):
            self.problems.add(self.at(data, "whole"), f"{what}: 'whole' must be true or false")
            whole = False
        elif whole and low is not None and high is not None and low <= high < math.ceil(low):
            self.problems.add(
                self.at(data, "whole"),
                f"{what}: no whole number lies between 'min' {tidy_number(low)} and "
                f"'max' {tidy_number(high)}, so it could never be answered",
            )
        unit = self.text(data, "unit", what, required=False)
        given = data.get("unit")
        words = given.values() if isinstance(given, LocatedDict) else [given]
        unit_words = tuple(w.strip() for w in words if isinstance(w, str) and w.strip())
        return {
            "minimum": low,
            "maximum": high,
            "unit": unit,
            "whole": whole,
            "unit_words": unit_words,
        }

    def flags(self, data: LocatedDict, values: set[str], what: str) -> dict[str, Flag]:
        if "flags" not in data:
            return {}
        raw = data["flags"]
        if not isinstance(raw, LocatedDict):
            self.problems.add(
                self.at(data, "flags"),
                f"{what}: 'flags' must map answers to "
                "flags, e.g. unsure: {level: approval, reason: ...}",
            )
            return {}
        found: dict[str, Flag] = {}
        for answer, value in raw.items():
            if values and answer not in values:
                self.problems.add(
                    self.at(raw, answer),
                    f"{what}: flags names {answer!r}, "
                    f"which is not one of its answers ({', '.join(sorted(values))})",
                )
                continue
            flag = self.flag(value, self.at(raw, answer), what, _FLAG_KEYS)
            if flag is not None:
                found[str(answer)] = flag
        return found

    def flag_rules(self, data: LocatedDict, qid: str, what: str) -> tuple[FlagRule, ...]:
        if "flags" not in data:
            return ()
        if not isinstance(data["flags"], LocatedList):
            self.problems.add(
                self.at(data, "flags"),
                f"{what}: a number question's 'flags' is a list such as "
                "- {when: {gt: 500}, level: approval, reason: ...}",
            )
            return ()
        found = []
        for raw, where in self.items(data, "flags", what):
            flag = self.flag(raw, where, what, _FLAG_KEYS | {"when"})
            if flag is None or not isinstance(raw, LocatedDict):
                continue
            if "when" not in raw:
                self.problems.add(where, f"{what}: each flag needs 'when', e.g. when: {{gt: 500}}")
                continue
            when = self.condition(raw["when"], self.at(raw, "when"), qid)
            if when is not None and not _reads_only(when, qid):
                self.problems.add(
                    self.at(raw, "when"),
                    f"{what}: a flag's 'when' may only compare this question's answer",
                )
            elif when is not None and any(
                isinstance(read, AnswerIs) for read in _condition_reads(when)
            ):
                self.problems.add(
                    self.at(raw, "when"),
                    f"{what}: {qid!r} is a number question; "
                    "compare it with lt, lte, gt, gte or between",
                )
            elif when is not None:
                found.append(FlagRule(when, flag, where))
        return tuple(found)

    def choices(self, data: LocatedDict, qtype: Any, what: str) -> tuple[Choice, ...]:
        if qtype not in QUESTION_TYPES:
            self.problems.add(
                self.at(data, "type"),
                f"{what}: type {qtype!r} is not one of " + ", ".join(QUESTION_TYPES),
            )
            return ()
        if qtype != "choice":
            if "choices" in data:
                self.problems.add(
                    self.at(data, "choices"),
                    f"{what}: a {qtype} question has "
                    "fixed choices; remove 'choices' or use type: choice",
                )
            return tuple(self.standard_choice(v) for v in _TYPE_CHOICES.get(qtype, ()))
        found: list[Choice] = []
        for raw, where in self.items(data, "choices", what):
            choice = self.choice(raw, where, what)
            if choice is None:
                continue
            if choice.value in {c.value for c in found}:
                self.problems.add(where, f"{what}: choice {choice.value!r} is listed twice")
            else:
                found.append(choice)
        return tuple(found)

    def standard_choice(self, value: str) -> Choice:
        labels = STANDARD_LABELS.get(self.shown)
        if labels is None:
            self.fallbacks += 1
            labels = STANDARD_LABELS["en"]
        return Choice(value, labels[value])

    def choice(self, raw: Any, where: Where, what: str) -> Choice | None:
        if isinstance(raw, str):
            value: Any = raw
            label = self.standard_choice(raw).label if raw in STANDARD_LABELS["en"] else raw
        elif isinstance(raw, LocatedDict) and set(raw) <= {"value", "label"}:
            value = raw.get("value")
            label = self.text(raw, "label", f"{what}: choice {value!r}", required=False) or str(
                value
            )
        else:
            self.problems.add(where, f"{what}: a choice is a word, or value: and label:")
            return None
        if not isinstance(value, str) or not _NAME.match(value):
            self.problems.add(
                where,
                f"{what}: choice value {value!r} must be a "
                "lower-case word (letters, digits, '-' or '_')",
            )
            return None
        return Choice(value, label)

    def rule(self, raw: Any, where: Where, qid: str, what: str) -> Rule | None:
        data = self.mapping(raw, where, f"a rule of {what}", _RULE_KEYS)
        if data is None:
            return None
        goto = data.get("goto")
        if not isinstance(goto, str) or not goto.strip():
            self.problems.add(self.at(data, "goto"), f"a rule of {what} needs 'goto': an id")
            goto = None
        when = self.condition(data["when"], self.at(data, "when"), qid) if "when" in data else None
        if goto is None:
            return None
        return Rule(goto.strip(), when, data.where)

    def flag(self, raw: Any, where: Where, what: str, keys: set[str]) -> Flag | None:
        data = self.mapping(raw, where, f"a flag of {what}", keys)
        if data is None:
            return None
        level = data.get("level")
        if level not in LEVELS:
            self.problems.add(
                self.at(data, "level"),
                f"{what}: flag level {level!r} is not one of " + ", ".join(LEVELS),
            )
            return None
        reason = self.text(data, "reason", f"a flag of {what}")
        next_step = self.text(data, "next_step", f"a flag of {what}", required=False)
        return Flag(level, reason, next_step) if reason else None

    def condition(self, raw: Any, where: Where, qid: str) -> Condition | None:
        if not isinstance(raw, LocatedDict) or len(raw) == 0:
            self.problems.add(where, 'a condition must be a mapping such as {answer: "no"}')
            return None
        where = raw.where
        keys = set(raw)
        if keys <= {"question", "answer"} and "answer" in keys:
            question = raw.get("question", qid)
            values = raw["answer"] if isinstance(raw["answer"], list) else [raw["answer"]]
            if not isinstance(question, str) or not all(isinstance(v, str) for v in values):
                self.problems.add(
                    where,
                    "a condition's question and answers must be text "
                    "(for a number, use lt, lte, gt, gte or between)",
                )
                return None
            return AnswerIs(question, tuple(values))
        compared = keys & set(COMPARISONS)
        if len(compared) == 1 and keys <= {"question", *COMPARISONS}:
            return self.comparison(raw, raw.get("question", qid), compared.pop())
        if keys == {"flagged_at_least"}:
            level = raw["flagged_at_least"]
            if level not in LEVELS:
                self.problems.add(
                    where, f"flagged_at_least {level!r} is not one of " + ", ".join(LEVELS)
                )
                return None
            return FlaggedAtLeast(level)
        if keys in ({"all"}, {"any"}):
            return self.combined(raw, next(iter(keys)), qid)
        if keys == {"not"}:
            inner_one = self.condition(raw["not"], where, qid)
            return Not(inner_one) if inner_one else None
        self.problems.add(
            where,
            "unknown condition: use answer (with question), lt, lte, gt, gte, between, "
            "flagged_at_least, all, any or not",
        )
        return None

    def comparison(self, raw: LocatedDict, question: Any, op: str) -> Compare | None:
        bounds = raw[op] if op == "between" else [raw[op]]
        if not isinstance(question, str):
            self.problems.add(raw.where, "a condition's question must be a question id")
        elif not (isinstance(bounds, list) and all(is_number(b) for b in bounds)):
            self.problems.add(self.at(raw, op), f"{op} takes a number")
        elif op == "between" and not (len(bounds) == 2 and bounds[0] <= bounds[1]):
            self.problems.add(
                self.at(raw, op), "between takes two numbers, the lower first: between: [100, 500]"
            )
        else:
            return Compare(question, op, tuple(float(b) for b in bounds))
        return None

    def combined(self, raw: LocatedDict, key: str, qid: str) -> Condition | None:
        parts = raw[key]
        if not isinstance(parts, LocatedList) or not parts:
            self.problems.add(raw.where, f"'{key}' takes a list of conditions")
            return None
        inner = [self.condition(p, w, qid) for p, w in zip(parts, parts.item_where, strict=True)]
        if any(c is None for c in inner):
            return None
        kept = tuple(c for c in inner if c is not None)
        return AllOf(kept) if key == "all" else AnyOf(kept)

    def outcome(self, raw: Any, where: Where) -> Outcome | None:
        data = self.mapping(raw, where, "an outcome", _OUTCOME_KEYS)
        if data is None:
            return None
        oid = self.name(data, "id", "an outcome")
        what = f"outcome {oid!r}" if oid else "an outcome"
        level = data.get("level")
        if level not in LEVELS:
            self.problems.add(
                self.at(data, "level"),
                f"{what}: level {level!r} is not one of " + ", ".join(LEVELS),
            )
        title = self.text(data, "title", what)
        reasons = self.texts(data, "reasons", what)
        next_steps = self.texts(data, "next_steps", what)
        if not (oid and title) or level not in LEVELS:
            return None
        return Outcome(oid, str(level), title, reasons, next_steps, data.where)

    def test(self, raw: Any, where: Where) -> CardTest | None:
        data = self.mapping(raw, where, "a test", _TEST_KEYS)
        if data is None:
            return None
        name = data.get("name")
        if not isinstance(name, str) or not name.strip():
            name = f"test at line {where.line}"
        answers = data.get("answers")
        outcome = data.get("outcome")
        if not isinstance(outcome, str):
            self.problems.add(self.at(data, "outcome"), f"test {name!r} needs 'outcome': an id")
            outcome = None
        level = data.get("level")
        if level is not None and level not in LEVELS:
            self.problems.add(
                self.at(data, "level"),
                f"test {name!r}: level {level!r} is not one of " + ", ".join(LEVELS),
            )
        if not isinstance(answers, dict) or not all(
            isinstance(k, str) and (isinstance(v, str) or is_number(v)) for k, v in answers.items()
        ):
            self.problems.add(
                self.at(data, "answers"),
                f"test {name!r} needs 'answers': a mapping of question id to answer",
            )
            return None
        path = data.get("path")
        if path is not None and not (
            isinstance(path, list) and all(isinstance(p, str) for p in path)
        ):
            self.problems.add(
                self.at(data, "path"), f"test {name!r}: 'path' must be a list of question ids"
            )
            path = None
        reasons = data.get("reasons", [])
        if not (isinstance(reasons, list) and all(isinstance(r, str) for r in reasons)):
            self.problems.add(
                self.at(data, "reasons"),
                f"test {name!r}: 'reasons' must be a list of the reasons' texts",
            )
            reasons = []
        if outcome is None:
            return None
        return CardTest(
            name,
            dict(answers),
            outcome,
            level,
            tuple(path) if path is not None else None,
            data.where,
            tuple(" ".join(r.split()) for r in reasons),
        )


def _one_item_list(value: Any, where: Where) -> LocatedList:
    items = LocatedList([value])
    items.where = where
    items.item_where = [where]
    return items


def _reads_only(condition: Condition, qid: str) -> bool:
    """Whether ``condition`` depends on nothing but ``qid``'s answer."""
    if isinstance(condition, (AnswerIs, Compare)):
        return condition.question == qid
    if isinstance(condition, FlaggedAtLeast):
        return False
    if isinstance(condition, Not):
        return _reads_only(condition.condition, qid)
    return all(_reads_only(c, qid) for c in condition.conditions)


# --------------------------------------------------------------------------- checking


def _condition_reads(condition: Condition | None) -> Iterator[AnswerIs | Compare]:
    if isinstance(condition, (AnswerIs, Compare)):
        yield condition
    elif isinstance(condition, (AllOf, AnyOf)):
        for part in condition.conditions:
            yield from _condition_reads(part)
    elif isinstance(condition, Not):
        yield from _condition_reads(condition.condition)


def _check_ids(card: Card, problems: _Problems) -> None:
    seen: dict[str, Where] = {}
    nodes: list[Question | Outcome] = [*card.questions, *card.outcomes]
    for node in nodes:
        if node.id in seen:
            problems.add(
                node.where,
                f"id {node.id!r} is used twice (first at line "
                f"{seen[node.id].line}); ids of questions and outcomes must differ",
            )
        seen.setdefault(node.id, node.where)


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
        for read in _condition_reads(condition)
        if isinstance(read, Compare) and read.question == question.id
        for bound in read.bounds
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


def _check_rules(card: Card, problems: _Problems) -> None:
    for question in card.questions:
        has_default = False
        for rule in question.rules:
            if has_default:
                problems.add(
                    rule.where,
                    f"question {question.id!r}: this rule comes after a "
                    "rule with no 'when', so it can never be used",
                )
            _check_rule_target(card, question, rule, problems)
            _check_rule_reads(card, question, rule, problems)
            has_default = has_default or rule.when is None
        missing = [str(a) for a in answers_to_try(question) if _route_alone(question, a) is None]
        if missing:
            such = "such as " if question.type == "number" else ""
            problems.add(
                question.where,
                f"question {question.id!r}: the answer(s) {such}"
                f"{', '.join(missing)} match no rule; add a last rule with no 'when'",
            )


def _route_alone(question: Question, answer: Answer, floor: str | None = None) -> str | None:
    """Where ``answer`` surely leads, whatever else was answered; None if that is unsure.

    A rule that may or may not hold is passed over: a later rule that surely holds
    still catches the answer."""
    flag = question.flag_for(answer)
    known = floor or (flag.level if flag else LEVELS[0])
    for rule in question.rules:
        if decided_alone(rule.when, question.id, answer, known):
            return rule.goto
    return None


def _check_rule_target(card: Card, question: Question, rule: Rule, problems: _Problems) -> None:
    if rule.goto not in card._index:
        problems.add(
            rule.where,
            f"question {question.id!r}: goto {rule.goto!r} is neither a "
            "question nor an outcome of this card",
        )


def _check_stops(card: Card, problems: _Problems) -> None:
    """An answer flagged stop must end the check at once, at an outcome of level stop."""
    for question in card.questions:
        for answer in answers_to_try(question):
            flag = question.flag_for(answer)
            if flag is None or flag.level != "stop":
                continue
            target = _first_route_of_stop(question, answer)
            node = card._index.get(target or "")
            if not (isinstance(node, Outcome) and node.level == "stop"):
                problems.add(
                    question.where,
                    f"question {question.id!r}: the answer {answer!r} "
                    "is flagged stop, so its first matching rule must go to an outcome "
                    "with level stop (decided by this answer alone)",
                )
                if question.type == "number":
                    break  # one example is enough: the other numbers are on the same side


def _first_route_of_stop(question: Question, answer: Answer) -> str | None:
    for rule in question.rules:
        verdict = decided_alone(rule.when, question.id, answer, "stop")
        if verdict is None:
            return None
        if verdict:
            return rule.goto
    return None


def _check_rule_reads(card: Card, question: Question, rule: Rule, problems: _Problems) -> None:
    for read in _condition_reads(rule.when):
        asked = card.question(read.question)
        if asked is None:
            problems.add(
                rule.where,
                f"question {question.id!r}: the condition reads "
                f"{read.question!r}, which is not a question of this card",
            )
        elif isinstance(read, Compare) and asked.type != "number":
            problems.add(
                rule.where,
                f"question {question.id!r}: {read.op} compares numbers, but "
                f"{asked.id!r} is a {asked.type} question; use answer: instead",
            )
        elif isinstance(read, AnswerIs) and asked.type == "number":
            problems.add(
                rule.where,
                f"question {question.id!r}: {asked.id!r} is a number question; "
                "compare it with lt, lte, gt, gte or between",
            )
        else:
            _check_values(question, asked, read, rule, problems)


def _check_values(
    question: Question, asked: Question, read: AnswerIs | Compare, rule: Rule, problems: _Problems
) -> None:
    if isinstance(read, Compare):
        return
    for value in read.values:
        if value not in asked.values:
            problems.add(
                rule.where,
                f"question {question.id!r}: {value!r} is not an "
                f"answer to {asked.id!r} (answers: {', '.join(asked.values)})",
            )


def _successors(card: Card, node_id: str) -> list[str]:
    question = card.question(node_id)
    if question is None:
        return []
    return [rule.goto for rule in question.rules if rule.goto in card._index]


def _check_graph(card: Card, problems: _Problems) -> None:
    """No cycles, nothing unreachable, and conditions read only questions already asked."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    order: list[str] = []
    circles = False

    # Depth first, with a stack of its own: a card may chain thousands of questions.
    state[card.first.id] = 1
    stack = [(card.first.id, iter(_successors(card, card.first.id)))]
    while stack:
        node_id, targets = stack[-1]
        target = next(targets, None)
        if target is None:
            stack.pop()
            state[node_id] = 2
            order.append(node_id)
        elif state.get(target) == 1:
            circles = True
            problems.add(
                card.node(node_id).where,
                f"question {node_id!r} leads back to {target!r}: the flow goes round in a circle",
            )
        elif target not in state:
            state[target] = 1
            stack.append((target, iter(_successors(card, target))))
    nodes: list[Question | Outcome] = [*card.questions, *card.outcomes]
    for node in nodes:
        if node.id not in state:
            kind = "question" if isinstance(node, Question) else "outcome"
            problems.add(
                node.where,
                f"{kind} {node.id!r} cannot be reached from the first "
                "question; link it from a rule or remove it",
            )
    if not circles:
        _check_reads_were_asked(card, list(reversed(order)), problems)


def _check_reads_were_asked(card: Card, topological: list[str], problems: _Problems) -> None:
    """A condition may read only questions asked on every path to it."""
    asked_before = _dominators(card, topological)
    for question in card.questions:
        for rule in question.rules:
            for read in _condition_reads(rule.when):
                if card.question(read.question) and not asked_before(read.question, question.id):
                    problems.add(
                        rule.where,
                        f"question {question.id!r}: the condition reads "
                        f"{read.question!r}, which is not asked on every path to here",
                    )


def _dominators(card: Card, topological: list[str]) -> Callable[[str, str], bool]:
    """Whether question ``a`` is asked on every path to ``b`` (or is ``b``).

    That is, ``a`` dominates ``b`` in the flow. The flow has no cycles, so each
    node's nearest dominator is the nearest common dominator of the nodes that
    lead to it (Cooper, Harvey and Kennedy); a walk of the tree they make numbers
    each node, so that the test is two comparisons. Linear in practice, where
    keeping the set of questions asked before each node took minutes on a card
    of 10,000 questions."""
    rank = {node_id: i for i, node_id in enumerate(topological)}
    leads_here: dict[str, list[str]] = {}
    for node_id in topological:
        for target in _successors(card, node_id):
            leads_here.setdefault(target, []).append(node_id)
    parent = {card.first.id: card.first.id}
    for node_id in topological[1:]:
        before = [p for p in leads_here.get(node_id, []) if p in parent]
        nearest = before[0]
        for other in before[1:]:
            while other != nearest:
                while rank[other] > rank[nearest]:
                    other = parent[other]
                while rank[nearest] > rank[other]:
                    nearest = parent[nearest]
        parent[node_id] = nearest
    children: dict[str, list[str]] = {}
    for node_id, above in parent.items():
        if node_id != above:
            children.setdefault(above, []).append(node_id)
    enter: dict[str, int] = {}
    leave: dict[str, int] = {}
    stack = [(card.first.id, False)]
    while stack:
        node_id, done = stack.pop()
        if done:
            leave[node_id] = len(enter) + len(leave)
            continue
        enter[node_id] = len(enter) + len(leave)
        stack.append((node_id, True))
        stack.extend((child, False) for child in children.get(node_id, ()))

    def dominates(a: str, b: str) -> bool:
        if a == b:
            return True
        if a not in enter or b not in enter:
            return False
        return enter[a] <= enter[b] and leave[b] <= leave[a]

    return dominates


def _check_tests(card: Card, problems: _Problems) -> None:
    for test in card.tests:
        if test.outcome not in {o.id for o in card.outcomes}:
            problems.add(
                test.where,
                f"test {test.name!r}: outcome {test.outcome!r} is not an outcome of this card",
            )
        for qid, answer in test.answers.items():
            question = card.question(qid)
            if question is None:
                problems.add(test.where, f"test {test.name!r}: {qid!r} is not a question")
            elif normalise(question, answer) is None:
                problems.add(
                    test.where,
                    f"test {test.name!r}: {answer!r} is not an answer to "
                    f"{qid!r} (answers: {allowed(question)})",
                )


def parse_card(
    text: str, file: str, language: str | None = None, *, expect_id: str | None = None
) -> Card:
    """Read a card from YAML text, its texts in ``language`` where it has them;
    raise ``CardError`` listing every problem (in every language)."""
    with collector_paused():
        return _parse_card(text, file, language, expect_id)


def _parse_card(text: str, file: str, language: str | None, expect_id: str | None) -> Card:
    try:
        data, found = load_yaml_collecting(text, file, strict=True)
    except YamlProblem as problem:
        raise CardError(
            f"The card {file} is not valid YAML.", problems=[(problem.where, problem.message)]
        ) from None
    problems = _Problems()
    for readable in found:
        problems.add(readable.where, readable.message, harmless=True)
    sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    reader = _Reader(file, problems, language)
    reader.expect_id = expect_id
    card = reader.card(data, sha256)
    if card is not None:
        _check_ids(card, problems)
        _check_rules(card, problems)
        _check_stops(card, problems)
        if not problems.shape_broken:
            _check_graph(card, problems)
        _check_tests(card, problems)
    if card is None or problems.items:
        count = len(problems.items)
        raise CardError(
            f"The card {file} has {count} problem{'s' * (count != 1)}.",
            problems=problems.ordered(),
        )
    return card


def load_card_file(
    path: Path, language: str | None = None, *, expect_id: str | None = None
) -> Card:
    """Read a card file; the sha256 is of the file's exact bytes."""
    where = Where(str(path), 1, 1)
    try:
        raw = read_limited(path)
        if b"\x00" in raw or raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            line = raw[: max(raw.find(b"\x00"), 0)].count(b"\n") + 1
            raise CardError(
                f"The card {path} cannot be read.",
                problems=[
                    (
                        replace(where, line=line),
                        "the file is not UTF-8 text (it has zero bytes: it may be saved "
                        "as UTF-16, or not be text at all); save it as UTF-8",
                    )
                ],
            )
        text = raw.decode("utf-8-sig")
    except YamlProblem as problem:
        raise CardError(
            f"The card {path} cannot be read.", problems=[(problem.where, problem.message)]
        ) from None
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise CardError(
            f"The card {path} cannot be read.",
            problems=[(replace(where, line=line), "the file is not UTF-8 text")],
        ) from None
    card = parse_card(text, str(path), language, expect_id=expect_id)
    return replace(card, sha256=hashlib.sha256(raw).hexdigest())


def builtin_card_paths() -> list[Path]:
    """The card files shipped with ff, by file name."""
    return sorted(builtin_cards_dir().glob("*.yaml"))


def is_card_id(name: str) -> bool:
    return bool(_NAME.match(name))


def find_card(ref: str | None, language: str | None = None) -> Card:
    """A card by id (looked up in the card folders, see ff.cardsources) or by the
    path of a YAML file, with its texts in ``language`` where it has them."""
    path, expect_id = card_path(ref or DEFAULT_CARD)
    return load_card_file(path, language, expect_id=expect_id)


def card_path(ref: str) -> tuple[Path, str | None]:
    """The file a card reference means, with the id that file must have when the
    reference is an id; a clear error when there is none."""
    if is_path(ref):
        return card_file_at(ref), None
    if not _NAME.match(ref):
        raise UsageError(
            f"{ref!r} is not a card id.",
            hint="Card ids are lower-case names such as fail-fast-fail-forward; "
            "to use a card file, give its path ending in .yaml or .yml.",
        )
    found = locate(ref)
    if found is None:
        known = ", ".join(f.id for f in card_files())
        raise UsageError(
            f"There is no card called {ref!r}.",
            hint=f"Cards: {known}. ff cards list shows where each comes from.",
        )
    return found.path, ref


def card_file_at(given: str) -> Path:
    """The card file at a path the user gave, which must be a regular file."""
    path = Path(given).expanduser()
    if path.exists() and not path.is_file():
        raise UsageError(
            f"{path} is not a card file: it is a folder or a device, not a regular file.",
            hint="Give the path of a card's .yaml file.",
        )
    if not path.is_file():
        raise UsageError(
            f"No card file at {path}.",
            hint=f"Check the path, or give a card id such as {DEFAULT_CARD}.",
        )
    return path


def language_notes(card: Card, asked: str | None) -> list[str]:
    """What to tell people, once, about the language a card is shown in."""
    if not asked:
        return []
    shown, default = language_name(card.language), language_name(card.default_language)
    notes = []
    if asked not in card.languages:
        notes.append(
            f"The card {card.id} has no {language_name(asked)} text: it is shown in {default}."
        )
    elif card.fallbacks:
        some = f"{card.fallbacks} text{'s' * (card.fallbacks != 1)}"
        notes.append(
            f"{some} of the card {card.id} have no {shown} version: shown in {default} instead."
        )
    if card.translations.get(card.language) == "awaiting-review":
        notes.append(
            f"The {shown} text of the card {card.id} is awaiting review by a fluent speaker."
        )
    return notes
