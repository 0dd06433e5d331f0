"""Text people give ff (titles, names, tags, language codes), checked the same way everywhere."""

from __future__ import annotations

import re

from ff.errors import UsageError

MAX_TITLE = 200
# A language code as cards and settings write it: en, cy, pt-BR.
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


def clean_text(text: str, what: str, limit: int = MAX_TITLE) -> str:
    """User text as typed (only the spaces around it trimmed), checked for length.

    Markup and escape sequences are kept exactly as typed: the terminal layer makes
    them safe to show, and the journal and exports keep what the person wrote."""
    cleaned = text.strip()
    if not cleaned:
        raise UsageError(f"The {what} is empty.", hint=f"Give a {what} with some words in it.")
    if len(cleaned) > limit:
        raise UsageError(
            f"The {what} is {len(cleaned)} characters long; at most {limit} fit.",
            hint=f"Shorten the {what}; put the detail in later iterations.",
        )
    return cleaned


def is_language_code(code: object) -> bool:
    return isinstance(code, str) and LANGUAGE_CODE.fullmatch(code) is not None


def language_code(given: str) -> str:
    """A language code as ff keeps it (lower case), or ``UsageError``."""
    code = given.strip().lower().replace("_", "-")
    if not is_language_code(code):
        raise UsageError(
            f"{given!r} is not a language code.",
            hint="Use a code such as en (English) or cy (Welsh, Cymraeg).",
        )
    return code
