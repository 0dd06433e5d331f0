"""Reading flags: what an answer raises (a choice question maps answers to flags; a
number question's flags are a list, each with a condition on its answer)."""

from __future__ import annotations

from typing import Any

from ff.cards.conditions import Condition
from ff.cards.model import Flag, FlagRule
from ff.cards.reader.rules import RuleReader
from ff.errors import Where
from ff.levels import LEVELS
from ff.light import dataclass
from ff.yamlload import LocatedDict, LocatedList

_FLAG_KEYS = {"level", "reason", "next_step"}


class FlagReader(RuleReader):
    """Reads a question's flags."""

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
            if when is not None and not when.reads_only(qid):
                self.problems.add(
                    self.at(raw, "when"),
                    f"{what}: a flag's 'when' may only compare this question's answer",
                )
            elif when is not None and (misread := _misread(when, qid)):
                self.problems.add(self.at(raw, "when"), f"{what}: {misread}")
            elif when is not None:
                found.append(FlagRule(when, flag, where))
        return tuple(found)

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


@dataclass(frozen=True)
class _NumberQuestion:
    """A number question being read, as its flags' conditions see it."""

    id: str
    type: str = "number"
    unit: str | None = None
    values: tuple[str, ...] = ()

    def has_value(self, value: str) -> bool:
        return False

    def label(self, value: str) -> str:
        return value


def _misread(when: Condition, qid: str) -> str | None:
    """What is wrong with how a number question's flag reads its answer, if anything."""
    asked = _NumberQuestion(qid)
    return next((problem for read in when.reads() for problem in read.misreads(asked)), None)
