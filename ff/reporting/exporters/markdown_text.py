"""User text made inert for Markdown (CommonMark and GitHub's tables), escaping only what
would become markup where it stands, so that text pasted into Word or Teams keeps
few backslashes: ``young-people`` and ``3.5`` stay as typed, ``**bold**``,
``[link](x)``, ``<b>`` and a ``# `` at the start of a list item do not.

Inline, anywhere: a backslash before punctuation (or at the end), backticks,
brackets, runs of ``*`` ``~`` (but a lone one between spaces) and of ``_`` (but
one inside a word), ``<`` that could open a tag or an autolink, ``&`` that would
start an entity, and ``$`` when there are two (a formula on GitHub). In a table
cell: ``|`` too. At the start of a block (a heading, a list item): ``#``, ``>``,
``-`` ``+`` ``*`` list markers, ``1.`` ``1)`` numbers and ``---`` rules. Line
breaks become ``<br>``."""

from __future__ import annotations

import re
from itertools import repeat
from typing import Any

# Anything that may need a backslash or an entity; text without any is left alone.
_MAYBE = re.compile(r"[\\`*_~\[\]<&|$\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_TOKEN = re.compile(
    r"\\(?=[!-/:-@\[-`{-~]|$)"  # a backslash that would escape what follows it
    r"|[`\[\]]"
    r"|\*+|~+|_+"
    r"|<(?=[A-Za-z0-9/!?])"  # a tag, a comment, an autolink
    r"|&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)"
)
_BLOCK_START = re.compile(r"#{1,6}(?=[ \t]|$)|>|[-+*](?=[ \t]|$)|[0-9]{1,9}[.)](?=[ \t]|$)")
# A line of only - * _ or = is a rule or a heading's underline; two - are enough, as
# after a list item's own "- " they make three.
_RULE = re.compile(r"^(?:(?:-[ \t]*){2,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|(?:=[ \t]*)+)$")
# What either starts with: text that starts otherwise is neither looked at (an export
# of 10,000 iterations has a heading each that starts "Iteration": 4 ms less so).
_MARKS = frozenset("#>-+*_=0123456789")
_STARTS = tuple(_MARKS)


def _is_space(char: str) -> bool:
    # The text's own ends count as not space: what ff writes around it is unknown here.
    return char.isspace()


def _token(match: re.Match[str]) -> str:
    token = match.group()
    first = token[0]
    if first == "<":
        return "&lt;"
    if first == "&":
        return "&amp;"
    if first in "*~_":
        text, start, end = match.string, match.start(), match.end()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if _is_space(before) and _is_space(after):
            return token  # a lone * as in 5 * 3 opens and closes nothing
        if first == "_" and before.isalnum() and after.isalnum():
            return token  # young_people: an underscore inside a word is only a letter
    return "".join("\\" + char for char in token)


def _line(line: str, table: bool) -> str:
    escaped = _TOKEN.sub(_token, line)
    if table and "|" in escaped:
        escaped = escaped.replace("|", "\\|")
    if escaped.count("$") > 1:
        escaped = escaped.replace("$", "\\$")
    return escaped


def _lines(raw: str) -> list[str]:
    # \n, \r\n and a lone \r all end a line in Markdown; blank lines around the text
    # go, as ff takes them off what people type.
    return [line.strip() for line in raw.strip().splitlines()] or [""]


def inline(value: Any, *, table: bool = False) -> str:
    """User text inside a line of Markdown (after a label, in a sentence), on one line;
    ``table``: in a table cell, where ``|`` ends the cell."""
    raw = "" if value is None else value if type(value) is str else str(value)
    if not _MAYBE.search(raw):
        return raw.strip()
    return "<br>".join(_line(line, table) for line in _lines(raw))


def inline_all(texts: list[str]) -> list[str]:
    """``inline`` of each text (all of them text): looked at as one first, as most hold
    nothing that could become markup."""
    if _MAYBE.search("\x00".join(texts)):
        return [inline(text) for text in texts]
    return list(map(str.strip, texts))


def headings_all(texts: list[str]) -> list[str]:
    """``heading`` of each text (all of them text): looked at as one first."""
    plain = inline_all(texts)
    if "#" in "".join(plain) or any(map(str.startswith, plain, repeat(_STARTS))):
        return [heading(text) for text in texts]
    return plain


def cell(value: Any) -> str:
    """User text in a table cell."""
    return inline(value, table=True)


def block(value: Any) -> str:
    """User text that starts a block (a list item, a heading's text), where a leading
    ``#``, ``>``, ``-``, ``+`` or ``1.`` would make a heading, a quote or a list."""
    text = inline(value)
    if text[:1] not in _MARKS:
        return text
    if _RULE.match(text):
        return "\\" + text
    start = _BLOCK_START.match(text)
    if not start:
        return text
    found = start.group()
    if found[0].isdigit():  # 2026. was a good year: the full stop is escaped
        return found[:-1] + "\\" + found[-1] + text[start.end() :]
    return "\\" + text


def heading(value: Any) -> str:
    """User text in a heading, where closing ``#`` would also be taken away."""
    text = block(value)
    stripped = text.rstrip("#")
    if stripped != text and (not stripped or stripped[-1] in " \t"):
        text = stripped + "".join("\\#" for _ in range(len(text) - len(stripped)))
    return text
