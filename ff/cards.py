"""Prompt cards: the YAML format, read into plain objects and checked on load.

A card is refused when loaded if anything in it is wrong (every problem is
reported at once, each as ``file:line:column: what is wrong``), so the engine
never meets a broken card at run time. The format is documented in
``cards/README.md``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ff.errors import CardError, UsageError
from ff.levels import LEVELS
from ff.paths import builtin_cards_dir
from ff.yamlload import LocatedDict, LocatedList, Where, YamlProblem, load_yaml, read_limited

DEFAULT_CARD = "fail-fast-fail-forward"
QUESTION_TYPES = ("yes_no_unsure", "yes_no", "choice")
STANDARD_LABELS = {"yes": "Yes", "no": "No", "unsure": "Not sure"}
_TYPE_CHOICES = {"yes_no_unsure": ("yes", "no", "unsure"), "yes_no": ("yes", "no")}
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")

_CARD_KEYS = {
    "format",
    "id",
    "version",
    "title",
    "source",
    "description",
    "language",
    "questions",
    "outcomes",
    "tests",
}
_QUESTION_KEYS = {"id", "text", "help", "type", "choices", "flags", "next"}
_RULE_KEYS = {"when", "goto"}
_FLAG_KEYS = {"level", "reason", "next_step"}
_OUTCOME_KEYS = {"id", "level", "title", "reasons", "next_steps"}
_TEST_KEYS = {"name", "answers", "outcome", "level", "path"}


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


Condition = AnswerIs | FlaggedAtLeast | AllOf | AnyOf | Not


@dataclass(frozen=True)
class Flag:
    level: str
    reason: str
    next_step: str | None


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

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(choice.value for choice in self.choices)

    def label(self, value: str) -> str:
        return next((c.label for c in self.choices if c.value == value), value)


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
    answers: Mapping[str, str]
    outcome: str
    level: str | None
    path: tuple[str, ...] | None
    where: Where


@dataclass(frozen=True)
class Card:
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
    _index: dict[str, Question | Outcome] = field(repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._index.update({q.id: q for q in self.questions})
        self._index.update({o.id: o for o in self.outcomes})

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


# --------------------------------------------------------------------------- reading


class _Problems:
    """Collects every problem in a card so that one run reports them all."""

    def __init__(self) -> None:
        self.items: list[tuple[Where, str]] = []

    def add(self, where: Where, message: str) -> None:
        self.items.append((where, message))

    def lines(self) -> list[str]:
        ordered = sorted(self.items, key=lambda item: (item[0].line, item[0].column))
        return [f"{where}: {message}" for where, message in ordered]


class _Reader:
    """Turns the parsed YAML of one card into a ``Card``, noting every problem."""

    def __init__(self, file: str, problems: _Problems) -> None:
        self.file = file
        self.problems = problems

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
                    self.at(value, key), f"unknown key {key!r} in {what} (allowed: {allowed})"
                )
        return value

    def text(self, data: LocatedDict, key: str, what: str, *, required: bool = True) -> str | None:
        if key not in data:
            if required:
                self.problems.add(data.where, f"{what} needs {key!r}")
            return None
        value = data[key]
        if not isinstance(value, str) or not value.strip():
            self.problems.add(self.at(data, key), f"{what}: {key!r} must be text")
            return None
        return value.strip()

    def name(self, data: LocatedDict, key: str, what: str) -> str | None:
        value = self.text(data, key, what)
        if value is not None and not _NAME.match(value):
            self.problems.add(
                self.at(data, key),
                f"{what}: {key} {value!r} must be lower-case "
                "letters, digits, '-' or '_' (at most 64)",
            )
            return None
        return value

    def texts(self, data: LocatedDict, key: str, what: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problems.add(self.at(data, key), f"{what}: {key!r} must be a list of texts")
            return ()
        return tuple(v.strip() for v in value)

    def items(self, data: LocatedDict, key: str, what: str) -> Iterator[tuple[Any, Where]]:
        value = data.get(key)
        if not isinstance(value, LocatedList) or not value:
            self.problems.add(self.at(data, key), f"{what} needs {key!r}: a list")
            return
        yield from zip(value, value.item_where, strict=True)

    # ---- card

    def card(self, data: Any, sha256: str) -> Card | None:
        top = self.mapping(data, Where(self.file, 1, 1), "the card", _CARD_KEYS)
        if top is None:
            return None
        if top.get("format", 1) != 1:
            self.problems.add(
                self.at(top, "format"),
                "this ff reads card format 1 only; upgrade ff to read this card",
            )
        card_id = self.name(top, "id", "the card")
        version = top.get("version")
        if isinstance(version, float):
            self.problems.add(
                self.at(top, "version"),
                f"write the version in quotes, e.g. "
                f'version: "{version}", so that 1.10 does not become 1.1',
            )
        elif not isinstance(version, (str, int)) or isinstance(version, bool):
            self.problems.add(self.at(top, "version"), "the card needs a 'version', e.g. \"1\"")
        title = self.text(top, "title", "the card")
        source = self.text(top, "source", "the card")
        description = self.text(top, "description", "the card", required=False)
        language = self.text(top, "language", "the card", required=False) or "en"
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
        if self.problems.items or not (card_id and title and source and questions):
            return None
        return Card(
            card_id,
            str(version),
            title,
            source or "",
            description,
            language,
            tuple(questions),
            tuple(outcomes),
            tuple(tests),
            self.file,
            sha256,
        )

    def question(self, raw: Any, where: Where) -> Question | None:
        data = self.mapping(raw, where, "a question", _QUESTION_KEYS)
        if data is None:
            return None
        qid = self.name(data, "id", "a question")
        what = f"question {qid!r}" if qid else "a question"
        text = self.text(data, "text", what)
        help_text = self.text(data, "help", what, required=False)
        qtype = data.get("type", "choice" if "choices" in data else "yes_no_unsure")
        choices = self.choices(data, qtype, what)
        flags = self.flags(data, {c.value for c in choices}, what)
        rules = [
            r
            for r in (self.rule(v, w, qid or "", what) for v, w in self.items(data, "next", what))
            if r
        ]
        if not (qid and text and choices):
            return None
        return Question(qid, text, help_text, qtype, choices, flags, tuple(rules), data.where)

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
            flag = self.flag(value, self.at(raw, answer), what)
            if flag is not None:
                found[str(answer)] = flag
        return found

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
            return tuple(Choice(v, STANDARD_LABELS[v]) for v in _TYPE_CHOICES[qtype])
        found: list[Choice] = []
        raw_value: Any
        label: Any
        for raw, where in self.items(data, "choices", what):
            if isinstance(raw, str):
                raw_value, label = raw, STANDARD_LABELS.get(raw, raw)
            elif isinstance(raw, LocatedDict) and set(raw) <= {"value", "label"}:
                raw_value, label = raw.get("value"), raw.get("label", raw.get("value"))
            else:
                self.problems.add(where, f"{what}: a choice is a word, or value: and label:")
                continue
            if not isinstance(raw_value, str) or not _NAME.match(raw_value):
                self.problems.add(
                    where,
                    f"{what}: choice value {raw_value!r} must be a "
                    "lower-case word (letters, digits, '-' or '_')",
                )
            elif raw_value in {c.value for c in found}:
                self.problems.add(where, f"{what}: choice {raw_value!r} is listed twice")
            else:
                found.append(Choice(raw_value, str(label)))
        return tuple(found)

    def rule(self, raw: Any, where: Where, qid: str, what: str) -> Rule | None:
        data = self.mapping(raw, where, f"a rule of {what}", _RULE_KEYS)
        if data is None:
            return None
        goto = self.text(data, "goto", f"a rule of {what}")
        when = self.condition(data["when"], self.at(data, "when"), qid) if "when" in data else None
        if goto is None:
            return None
        return Rule(goto, when, data.where)

    def flag(self, raw: Any, where: Where, what: str) -> Flag | None:
        data = self.mapping(raw, where, f"a flag of {what}", _FLAG_KEYS)
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
                self.problems.add(where, "a condition's question and answers must be text")
                return None
            return AnswerIs(question, tuple(values))
        if keys == {"flagged_at_least"}:
            level = raw["flagged_at_least"]
            if level not in LEVELS:
                self.problems.add(
                    where, f"flagged_at_least {level!r} is not one of " + ", ".join(LEVELS)
                )
                return None
            return FlaggedAtLeast(level)
        if keys in ({"all"}, {"any"}):
            key = next(iter(keys))
            parts = raw[key]
            if not isinstance(parts, LocatedList) or not parts:
                self.problems.add(where, f"'{key}' takes a list of conditions")
                return None
            inner = [
                self.condition(p, w, qid) for p, w in zip(parts, parts.item_where, strict=True)
            ]
            if any(c is None for c in inner):
                return None
            kept = tuple(c for c in inner if c is not None)
            return AllOf(kept) if key == "all" else AnyOf(kept)
        if keys == {"not"}:
            inner_one = self.condition(raw["not"], where, qid)
            return Not(inner_one) if inner_one else None
        self.problems.add(
            where,
            "unknown condition: use answer (with question), flagged_at_least, all, any or not",
        )
        return None

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
        name = self.text(data, "name", "a test", required=False) or f"test at line {where.line}"
        answers = data.get("answers")
        outcome = self.text(data, "outcome", f"test {name!r}")
        level = data.get("level")
        if level is not None and level not in LEVELS:
            self.problems.add(
                self.at(data, "level"),
                f"test {name!r}: level {level!r} is not one of " + ", ".join(LEVELS),
            )
        if not isinstance(answers, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in answers.items()
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
        if outcome is None:
            return None
        return CardTest(
            name,
            dict(answers),
            outcome,
            level,
            tuple(path) if path is not None else None,
            data.where,
        )


# --------------------------------------------------------------------------- checking


def _condition_reads(condition: Condition | None) -> Iterator[AnswerIs]:
    if isinstance(condition, AnswerIs):
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


def _check_rules(card: Card, problems: _Problems) -> None:
    for question in card.questions:
        covered: set[str] = set()
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
            if rule.when is None:
                has_default = True
            elif isinstance(rule.when, AnswerIs) and rule.when.question == question.id:
                covered.update(rule.when.values)
        missing = [v for v in question.values if v not in covered]
        if not has_default and missing:
            problems.add(
                question.where,
                f"question {question.id!r}: the answer(s) "
                f"{', '.join(missing)} match no rule; add a last rule with no 'when'",
            )


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
        for answer, flag in question.flags.items():
            if flag.level != "stop":
                continue
            target = _route_of_stop(question, answer)
            node = card._index.get(target or "")
            if not (isinstance(node, Outcome) and node.level == "stop"):
                problems.add(
                    question.where,
                    f"question {question.id!r}: the answer {answer!r} "
                    "is flagged stop, so its first matching rule must go to an outcome "
                    "with level stop (decided by this answer alone)",
                )


def _route_of_stop(question: Question, answer: str) -> str | None:
    for rule in question.rules:
        verdict = _decided_by_own_answer(rule.when, question.id, answer)
        if verdict is None:
            return None
        if verdict:
            return rule.goto
    return None


def _decided_by_own_answer(condition: Condition | None, qid: str, answer: str) -> bool | None:
    """Whether ``condition`` holds after a stop flag on ``qid``; None if other answers matter."""
    if condition is None or isinstance(condition, FlaggedAtLeast):
        return True
    if isinstance(condition, AnswerIs):
        return answer in condition.values if condition.question == qid else None
    if isinstance(condition, Not):
        inner = _decided_by_own_answer(condition.condition, qid, answer)
        return None if inner is None else not inner
    parts = [_decided_by_own_answer(c, qid, answer) for c in condition.conditions]
    if None in parts:
        return None
    return all(parts) if isinstance(condition, AllOf) else any(parts)


def _check_rule_reads(card: Card, question: Question, rule: Rule, problems: _Problems) -> None:
    for read in _condition_reads(rule.when):
        asked = card.question(read.question)
        if asked is None:
            problems.add(
                rule.where,
                f"question {question.id!r}: the condition reads "
                f"{read.question!r}, which is not a question of this card",
            )
            continue
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

    def visit(node_id: str) -> None:
        state[node_id] = 1
        for target in _successors(card, node_id):
            if state.get(target) == 1:
                problems.add(
                    card.node(node_id).where,
                    f"question {node_id!r} leads back to "
                    f"{target!r}: the flow goes round in a circle",
                )
            elif target not in state:
                visit(target)
        state[node_id] = 2
        order.append(node_id)

    visit(card.first.id)
    nodes: list[Question | Outcome] = [*card.questions, *card.outcomes]
    for node in nodes:
        if node.id not in state:
            kind = "question" if isinstance(node, Question) else "outcome"
            problems.add(
                node.where,
                f"{kind} {node.id!r} cannot be reached from the first "
                "question; link it from a rule or remove it",
            )
    if not any(p for p in problems.items if "circle" in p[1]):
        _check_reads_were_asked(card, list(reversed(order)), problems)


def _check_reads_were_asked(card: Card, topological: list[str], problems: _Problems) -> None:
    always_asked: dict[str, set[str]] = {card.first.id: set()}
    for node_id in topological:
        before = always_asked.get(node_id, set()) | {node_id}
        for target in _successors(card, node_id):
            known = always_asked.get(target)
            always_asked[target] = before.copy() if known is None else known & before
    for question in card.questions:
        asked = always_asked.get(question.id, set()) | {question.id}
        for rule in question.rules:
            for read in _condition_reads(rule.when):
                if card.question(read.question) and read.question not in asked:
                    problems.add(
                        rule.where,
                        f"question {question.id!r}: the condition reads "
                        f"{read.question!r}, which is not asked on every path to here",
                    )


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
            elif answer not in question.values:
                problems.add(
                    test.where,
                    f"test {test.name!r}: {answer!r} is not an answer to "
                    f"{qid!r} (answers: {', '.join(question.values)})",
                )


def parse_card(text: str, file: str) -> Card:
    """Read a card from YAML text; raise ``CardError`` listing every problem."""
    try:
        data = load_yaml(text, file, strict=True)
    except YamlProblem as problem:
        raise CardError(f"The card {file} is not valid YAML.", problems=[str(problem)]) from None
    problems = _Problems()
    sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    card = _Reader(file, problems).card(data, sha256)
    if card is not None:
        _check_ids(card, problems)
        _check_rules(card, problems)
        _check_stops(card, problems)
        if not problems.items:
            _check_graph(card, problems)
        _check_tests(card, problems)
    if card is None or problems.items:
        count = len(problems.items)
        raise CardError(
            f"The card {file} has {count} problem{'s' * (count != 1)}.", problems=problems.lines()
        )
    return card


def load_card_file(path: Path) -> Card:
    """Read a card file; the sha256 is of the file's exact bytes."""
    try:
        raw = read_limited(path)
        text = raw.decode("utf-8-sig")
    except YamlProblem as problem:
        raise CardError(f"The card {path} cannot be read.", problems=[str(problem)]) from None
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise CardError(
            f"The card {path} cannot be read.",
            problems=[f"{path}:{line}:1: the file is not UTF-8 text"],
        ) from None
    card = parse_card(text, str(path))
    return replace(card, sha256=hashlib.sha256(raw).hexdigest())


def builtin_card_paths() -> list[Path]:
    """The card files shipped with ff, by file name."""
    return sorted(builtin_cards_dir().glob("*.yaml"))


def looks_like_path(ref: str) -> bool:
    return ref.endswith((".yaml", ".yml")) or "/" in ref or "\\" in ref or ref.startswith(".")


def find_card(ref: str | None) -> Card:
    """A card by id (a built-in card's name) or by the path of a YAML file."""
    ref = ref or DEFAULT_CARD
    if looks_like_path(ref):
        path = Path(ref).expanduser()
        if not path.is_file():
            raise UsageError(
                f"No card file at {path}.",
                hint=f"Check the path, or give a card id such as {DEFAULT_CARD}.",
            )
        return load_card_file(path)
    if not _NAME.match(ref):
        raise UsageError(
            f"{ref!r} is not a card id.",
            hint="Card ids are lower-case names "
            "such as fail-fast-fail-forward; give a path to a .yaml file instead.",
        )
    path = builtin_cards_dir() / f"{ref}.yaml"
    if not path.is_file():
        known = ", ".join(p.stem for p in builtin_card_paths())
        raise UsageError(f"There is no card called {ref!r}.", hint=f"Cards: {known}.")
    return load_card_file(path)
