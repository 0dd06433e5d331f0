"""Text people give ff (titles, names, tags, language codes), checked the same way everywhere:
``check_given`` for any text from the command line, the environment or a file."""

from __future__ import annotations

import re

from ff.errors import UsageError

# The most each kind of text may hold (stated in README.md, "Limits"). Generous on
# purpose: they are there so that a pasted file or a runaway script is refused
# before it makes the journal slow to read, not to cut anyone short.
MAX_TITLE = 200
MAX_NAME = 200  # an owner, a team, who approved, who took part, an iteration's tag
MAX_TAG = 50  # an idea's tag (ff check, ff edit)
MAX_NOTE = 2_000  # a status change's note
MAX_TEXT = 20_000  # an iteration's texts, and any other text given to ff
# Each option (or argument) with a smaller limit than MAX_TEXT, by its name.
LIMITS = {
    "title": MAX_TITLE,
    "owner": MAX_NAME,
    "team": MAX_NAME,
    "by": MAX_NAME,
    "with": MAX_NAME,
    "tag": MAX_NAME,
    "note": MAX_NOTE,
}
# Characters that change a terminal or the order of text rather than show: the C0
# controls but tab and line feed, DEL and the C1 controls, and the bidirectional
# embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069: U+202E shows
# what follows it backwards). Card texts may not hold them; a card's graph and
# what ff prints to a terminal have them removed.
HIDDEN_CHARACTERS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
HIDDEN = re.compile(f"[{HIDDEN_CHARACTERS}]")
# A language code as cards and settings write it: en, cy, pt-BR.
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
# The languages ff knows by name, by code (others are shown as their code).
LANGUAGE_NAMES = {"en": "English", "cy": "Welsh"}
# Python keeps each byte that is not UTF-8 (in arguments, environment variables and
# piped input) as a lone surrogate, which no file or terminal can hold.
_NOT_UTF8 = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def not_utf8(text: str) -> bool:
    """Does ``text`` hold bytes that were not UTF-8 (or a lone surrogate)?"""
    return _NOT_UTF8.search(text) is not None


def shown(text: str, most: int = 60) -> str:
    """``text`` quoted for a message, each byte that is not UTF-8 as ``\\xe9``, and cut
    to ``most`` characters around the first one."""
    bad = _NOT_UTF8.search(text)
    start = max(0, bad.start() - most // 2) if bad else 0
    part = text[start : start + most]
    part = _NOT_UTF8.sub(_escaped, part)
    return f"'{'…' if start else ''}{part}{'…' if start + most < len(text) else ''}'"


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def limit_for(name: str) -> int:
    """The most characters the option or argument ``name`` (team, title) may hold."""
    return LIMITS.get(name, MAX_TEXT)


def check_given(text: str, what: str, limit: int = MAX_TEXT) -> str:
    """Any text given to ff, refused (exit 2, naming ``what``: an option, a variable, a
    file) if it is not UTF-8 or is longer than ``limit`` characters."""
    bad = _NOT_UTF8.search(text)
    if bad:
        raise UsageError(
            f"{what} is not UTF-8 text: {shown(text)} has a byte UTF-8 does not allow "
            f"(shown as {_escaped(bad)}) at character {bad.start() + 1}.",
            hint="Type it again, or save the file as UTF-8 text; it may have been "
            "written in another encoding, such as Latin-1 or Windows-1252.",
        )
    if len(text) > limit:
        raise UsageError(
            f"{what} is {len(text):,} characters long; at most {limit:,} fit.",
            hint="Shorten it (ff's limits are listed in its README, under Limits).",
        )
    return text


def check_plain_line(text: str, what: str) -> str:
    """One line of text with no control characters (a tab, a carriage return, an escape),
    as a setting must be: the config file keeps one setting per line."""
    control = _CONTROL.search(text)
    if control:
        raise UsageError(
            f"{what} holds a control character (U+{ord(control.group()):04X}) at "
            f"character {control.start() + 1}; a setting must be one line of plain text.",
            hint="Type the value again without it.",
        )
    return text


def clean_text(text: str, what: str, limit: int = MAX_TITLE) -> str:
    """User text as typed (only the spaces around it trimmed), checked for length.

    Markup and escape sequences are kept exactly as typed: the terminal layer makes
    them safe to show, and the journal and exports keep what the person wrote."""
    check_given(text, f"The {what}", limit=len(text))  # not UTF-8: refused
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


class NotUTF8(ValueError):
    """Bytes that are not UTF-8 text: where the first that cannot be read stands
    (``line`` and ``column`` count from 1), and what it is."""

    def __init__(self, raw: bytes, start: int) -> None:
        self.line = raw.count(b"\n", 0, start) + 1
        self.column = start - (raw.rfind(b"\n", 0, start) + 1) + 1
        self.byte = raw[start]
        super().__init__(f"line {self.line}, column {self.column}: byte 0x{self.byte:02x}")


def decoded(raw: bytes) -> str:
    """A file's bytes as text, a byte order mark dropped; ``NotUTF8`` says where they
    are not, for each caller to say so in its own words."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise NotUTF8(raw, error.start) from None


def utf8_text(raw: bytes, where: object, what: str, *, advice: str) -> str:
    """A file's bytes as text (a byte order mark dropped), or ``UsageError`` at
    ``where:line:column`` saying ``what`` is not UTF-8 text, then ``advice``."""
    try:
        return decoded(raw)
    except NotUTF8 as bad:
        raise UsageError(
            f"{where}:{bad.line}:{bad.column}: {what} is not UTF-8 text "
            f"(byte 0x{bad.byte:02x} cannot be read){advice}",
            hint=f"Save {what} as UTF-8 text.",
        ) from None
