"""The reader's ground floor: where each value stands, mappings with known keys, and
texts in one language or several; questions, rules and outcomes are built on it."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from ff.cards.model import NAME
from ff.cards.problems import Problems
from ff.errors import Where
from ff.numbers import is_number
from ff.text import HIDDEN
from ff.yamlload import LocatedDict, LocatedList


class TextReader:
    """Reads the plain parts of a card's YAML (texts, names, lists, numbers),
    noting each problem with its place."""

    def __init__(self, file: str, problems: Problems, language: str | None) -> None:
        self.file = file
        self.problems = problems
        self.asked = language
        self.default = "en"
        self.languages: tuple[str, ...] = ("en",)
        self.fallbacks = 0
        # The ids of the questions and outcomes found, and of those among them in which
        # a problem may have left something unread: the flow is checked all the same,
        # in the same run, but not where a check would see what is not there.
        self.known: dict[str, str] = {}  # id: "question" or "outcome"
        self.broken: set[str] = set()

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

    def found(self, node_id: str | None, kind: str, serious_before: int) -> None:
        """Note the id of a question or outcome (``kind``), read when ``serious_before``
        problems that may leave something unread had been found: broken if it added any."""
        if node_id:
            self.known[node_id] = kind
            if self.problems.serious > serious_before:
                self.broken.add(node_id)

    # ---- texts, in one language or several

    def localised(self, value: Any, where: Where, what: str) -> str | None:
        """A text: plain, or a mapping of language code to text with every declared language."""
        if isinstance(value, str) and value.strip():
            if self.shown != self.default:
                self.fallbacks += 1
            self.shown_safely(value, where, what)
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
            else:
                self.shown_safely(text, self.at(value, code), f"{what}: the {code} text")
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

    def shown_safely(self, text: str, where: Where, what: str) -> None:
        """Note a text holding a character that would change or hide what is shown."""
        found = HIDDEN.search(text)
        if found is None:
            return
        code = ord(found.group())
        kind = "a control character" if code < 0x2000 else "a bidirectional override"
        self.problems.add(
            where,
            f"{what} holds {kind} (U+{code:04X}), which can change or hide what is "
            "shown; remove it",
            harmless=True,
        )

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


def _one_item_list(value: Any, where: Where) -> LocatedList:
    items = LocatedList([value])
    items.where = where
    items.item_where = [where]
    return items
