"""Reading rules (``next``) and the conditions they and number flags use: one entry
per kind of condition in ``_KINDS``, by the keys that say which kind it is."""

from __future__ import annotations

from collections.abc import Callable
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
)
from ff.cards.model import Rule
from ff.cards.reader.base import TextReader
from ff.errors import Where
from ff.levels import LEVELS
from ff.numbers import is_number
from ff.yamlload import LocatedDict, LocatedList

_RULE_KEYS = {"when", "goto"}


class RuleReader(TextReader):
    """Reads a question's rules and their conditions."""

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

    def condition(self, raw: Any, where: Where, qid: str) -> Condition | None:
        """A condition; ``qid`` is the question it reads when it names none."""
        if not isinstance(raw, LocatedDict) or len(raw) == 0:
            self.problems.add(where, 'a condition must be a mapping such as {answer: "no"}')
            return None
        keys = set(raw)
        for fits, read in _KINDS:
            if fits(keys):
                return read(self, raw, qid)
        self.problems.add(
            raw.where,
            "unknown condition: use answer (with question), lt, lte, gt, gte, between, "
            "flagged_at_least, all, any or not",
        )
        return None

    def answer_is(self, raw: LocatedDict, qid: str) -> Condition | None:
        question = raw.get("question", qid)
        values = raw["answer"] if isinstance(raw["answer"], list) else [raw["answer"]]
        if not isinstance(question, str) or not all(isinstance(v, str) for v in values):
            self.problems.add(
                raw.where,
                "a condition's question and answers must be text "
                "(for a number, use lt, lte, gt, gte or between)",
            )
            return None
        return AnswerIs(question, tuple(values))

    def comparison(self, raw: LocatedDict, qid: str) -> Condition | None:
        question = raw.get("question", qid)
        op = next(key for key in raw if key in COMPARISONS)
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

    def flagged(self, raw: LocatedDict, qid: str) -> Condition | None:
        level = raw["flagged_at_least"]
        if level not in LEVELS:
            self.problems.add(
                raw.where, f"flagged_at_least {level!r} is not one of " + ", ".join(LEVELS)
            )
            return None
        return FlaggedAtLeast(level)

    def combined(self, raw: LocatedDict, qid: str) -> Condition | None:
        key = next(iter(raw))
        parts = raw[key]
        if not isinstance(parts, LocatedList) or not parts:
            self.problems.add(raw.where, f"'{key}' takes a list of conditions")
            return None
        inner = [self.condition(p, w, qid) for p, w in zip(parts, parts.item_where, strict=True)]
        if any(c is None for c in inner):
            return None
        kept = tuple(c for c in inner if c is not None)
        return AllOf(kept) if key == "all" else AnyOf(kept)

    def negation(self, raw: LocatedDict, qid: str) -> Condition | None:
        inner = self.condition(raw["not"], raw.where, qid)
        return Not(inner) if inner else None


# Which kind a condition is, by its keys: the first entry whose test fits reads it.
_KINDS: tuple[tuple[Callable[[set[Any]], bool], Callable[..., Condition | None]], ...] = (
    (lambda keys: "answer" in keys and keys <= {"question", "answer"}, RuleReader.answer_is),
    (
        lambda keys: len(keys & set(COMPARISONS)) == 1 and keys <= {"question", *COMPARISONS},
        RuleReader.comparison,
    ),
    (lambda keys: keys == {"flagged_at_least"}, RuleReader.flagged),
    (lambda keys: keys in ({"all"}, {"any"}), RuleReader.combined),
    (lambda keys: keys == {"not"}, RuleReader.negation),
)
