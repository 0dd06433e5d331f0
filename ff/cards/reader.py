"""Turning a card's parsed YAML into a ``Card``, noting every problem with its place."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from ff.cards.conditions import (
    COMPARISONS,
    AllOf,
    AnswerIs,
    AnyOf,
    Compare,
    Condition,
    FlaggedAtLeast,
    Not,
    condition_reads,
    reads_only,
)
from ff.cards.languages import TRANSLATION_STATES
from ff.cards.model import (
    NAME,
    QUESTION_TYPES,
    STANDARD_LABELS,
    Card,
    CardTest,
    Choice,
    Flag,
    FlagRule,
    Outcome,
    Question,
    Rule,
)
from ff.cards.problems import Problems
from ff.errors import Where
from ff.levels import LEVELS
from ff.numbers import is_number, tidy_number
from ff.text import is_language_code
from ff.yamlload import LocatedDict, LocatedList

_TYPE_CHOICES = {"yes_no_unsure": ("yes", "no", "unsure"), "yes_no": ("yes", "no")}


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


class CardReader:
    """Turns the parsed YAML of one card into a ``Card`` in one language, noting
    every problem (in every language the card declares)."""

    def __init__(self, file: str, problems: Problems, language: str | None) -> None:
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
        elif not isinstance(value, str) or not NAME.match(value):
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
        if not is_language_code(default):
            self.problems.add(
                self.at(top, "language"),
                f"the card: language {default!r} must be a language code such as en or cy",
            )
            default = "en"
        declared = top.get("languages", [default])
        if not isinstance(declared, list) or not all(is_language_code(code) for code in declared):
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
            if when is not None and not reads_only(when, qid):
                self.problems.add(
                    self.at(raw, "when"),
                    f"{what}: a flag's 'when' may only compare this question's answer",
                )
            elif when is not None and any(
                isinstance(read, AnswerIs) for read in condition_reads(when)
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
        if not isinstance(value, str) or not NAME.match(value):
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
