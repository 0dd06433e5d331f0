"""The languages a card is written in, and what to tell people about them."""

from __future__ import annotations

from ff.cards.model import Card
from ff.text import LANGUAGE_NAMES

TRANSLATION_STATES = ("reviewed", "awaiting-review")


def language_name(code: str) -> str:
    """A language code as people know it: "Welsh (cy)" for cy."""
    return f"{LANGUAGE_NAMES[code]} ({code})" if code in LANGUAGE_NAMES else code


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
