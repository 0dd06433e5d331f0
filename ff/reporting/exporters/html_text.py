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


def escaped(value: Any) -> str:
    """User text (or a number, or None: nothing) as HTML text."""
    text = value if type(value) is str else "" if value is None else str(value)
    # Most text needs nothing escaped: looking is quicker than five replacements.
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return escape(text)
    return text
