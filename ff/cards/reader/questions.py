"""Reading questions: their id, text, type, answers (choices, or a number's limits),
flags and rules."""

from __future__ import annotations

import math
from typing import Any

from ff.cards.model import NAME, QUESTION_TYPES, STANDARD_LABELS, Choice, Flag, FlagRule, Question
from ff.cards.reader.flags import FlagReader
from ff.errors import Where
from ff.numbers import tidy_number
from ff.yamlload import LocatedDict

_TYPE_CHOICES = {"yes_no_unsure": ("yes", "no", "unsure"), "yes_no": ("yes", "no")}
_QUESTION_KEYS = {"id", "text", "help", "type", "choices", "flags", "next"}
_NUMBER_KEYS = {"min", "max", "unit", "whole"}


class QuestionReader(FlagReader):
    """Reads a card's questions."""

    def question(self, raw: Any, where: Where) -> Question | None:
        qtype = (
            raw.get("type", "choice" if "choices" in raw else "yes_no_unsure")
            if isinstance(raw, LocatedDict)
            else None
        )
        keys = _QUESTION_KEYS | (_NUMBER_KEYS if qtype == "number" else set())
        serious = self.problems.serious
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
        self.found(qid, "question", serious)
        if not qid:
            return None
        # Kept even without its text or answers (noted as problems): its rules are
        # still checked, and it is still a place to go.
        return Question(
            qid,
            text or "",
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
        found: dict[str, Choice] = {}
        for raw, where in self.items(data, "choices", what):
            choice = self.choice(raw, where, what)
            if choice is None:
                continue
            if choice.value in found:
                self.problems.add(where, f"{what}: choice {choice.value!r} is listed twice")
            else:
                found[choice.value] = choice
        return tuple(found.values())

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
