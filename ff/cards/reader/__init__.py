"""The card reader, in parts: ``base`` (places, texts, names), ``rules`` (rules and
conditions), ``flags``, ``questions``, ``outcomes`` (and examples), ``card`` (the whole)."""

from ff.cards.reader.card import CardReader

__all__ = ["CardReader"]
