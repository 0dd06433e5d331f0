"""Reading outcomes (where a check ends) and a card's examples (``tests:``)."""

from __future__ import annotations

from typing import Any

from ff.cards.model import CardTest, Outcome
from ff.cards.reader.base import TextReader
from ff.errors import Where
from ff.levels import LEVELS
from ff.numbers import is_number

_OUTCOME_KEYS = {"id", "level", "title", "reasons", "next_steps"}
_TEST_KEYS = {"name", "answers", "outcome", "level", "path", "reasons"}


class OutcomeReader(TextReader):
    """Reads a card's outcomes and examples."""

    def outcome(self, raw: Any, where: Where) -> Outcome | None:
        serious = self.problems.serious
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
        self.found(oid, "outcome", serious)
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
        self.shown_safely(name, self.at(data, "name"), "a test's 'name'")
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
