"""Reading a whole card: its id, version, languages and translations, then its
questions, outcomes and examples."""

from __future__ import annotations

from typing import Any

from ff.cards.languages import TRANSLATION_STATES
from ff.cards.model import Card
from ff.cards.problems import Problems
from ff.cards.reader.outcomes import OutcomeReader
from ff.cards.reader.questions import QuestionReader
from ff.errors import Where
from ff.text import is_language_code
from ff.yamlload import LocatedDict

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
_TRANSLATION_KEYS = {"status", "note"}


class CardReader(QuestionReader, OutcomeReader):
    """Turns the parsed YAML of one card into a ``Card`` in one language, noting
    every problem (in every language the card declares)."""

    def __init__(self, file: str, problems: Problems, language: str | None) -> None:
        super().__init__(file, problems, language)
        self.expect_id: str | None = None  # a card in a card folder: its file name

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
        """The card as read; when a problem was noted, it is only to be checked (with
        ``known`` and ``broken``), never used. None if it has no question to check."""
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
        if not questions:
            return None
        # Whatever is missing here was noted as a problem, so this card is only ever
        # checked, never used; what was read is checked all the same.
        return Card(
            card_id or "",
            version or "",
            title or "",
            source or "",
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
            self.shown_safely(str(version), self.at(top, "version"), "the card: 'version'")
            return str(version)
        return None
