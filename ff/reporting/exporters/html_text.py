"""User text made inert for HTML, for every part of the HTML report: each piece
escaped as ``html.escape(text, quote=True)`` does, quotes too (text may stand in an
attribute's value).

Written here rather than imported: importing ``html`` imports ``html.entities`` (its
table of every named character, for ``unescape``), 0.8 to 1.2 ms of every HTML
export's start-up (``python -X importtime``) for a function of five replacements.
``tests/reporting/test_html_text.py`` holds it to ``html.escape`` on any text."""

from __future__ import annotations

from typing import Any


def escape(text: str) -> str:
    """``html.escape(text, quote=True)``: & first, so no escape is escaped again."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;").replace("'", "&#x27;")


def _needs_escaping(text: str) -> bool:
    # Most text needs nothing escaped: looking is quicker than five replacements.
    return "&" in text or "<" in text or ">" in text or '"' in text or "'" in text


def escaped(value: Any) -> str:
    """User text (or a number, or None: nothing) as HTML text."""
    text = value if type(value) is str else "" if value is None else str(value)
    return escape(text) if _needs_escaping(text) else text


def escaped_all(texts: list[str]) -> list[str]:
    """``escaped`` of each text (all of them text): looked at as one first."""
    return list(map(escape, texts)) if _needs_escaping("\x00".join(texts)) else texts
