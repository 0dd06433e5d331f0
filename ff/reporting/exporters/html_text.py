"""User text made inert for HTML, for every part of the HTML report: each piece goes
through ``html.escape``, quotes too (text may stand in an attribute's value)."""

from __future__ import annotations

from html import escape
from typing import Any


def escaped(value: Any) -> str:
    """User text (or a number, or None: nothing) as HTML text."""
    text = value if type(value) is str else "" if value is None else str(value)
    # Most text needs nothing escaped: looking is quicker than five replacements.
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return escape(text, quote=True)
    return text
