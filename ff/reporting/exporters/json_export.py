"""JSON: the report as it is (keys documented in README.md, pinned by a test).

Encoded and indented by msgspec: the standard library's encoder is pure Python
when it indents, and took about 7 s for a report of 100,000 iterations.

Written in pieces, so that it can be streamed: a report of a million iterations
is 1.4 GB of JSON, and 7 GB in memory when built whole. A report held in memory
has its long lists (the ideas, the learnings) encoded an element at a time, as
UTF-8; the rest of it around them is encoded whole. Its big lists may be
lazy sequences (a ``Sequence`` that is not a list, tuple, str or bytes, which
reads each element from disk when iterated): each is iterated once, and each
element is encoded and given out before the next is read. The text is byte for
byte msgspec's for the same report with every lazy sequence made a list.

How: the containers around the lazy sequences (or the long lists) are copied
with a placeholder string (holding a random token) in place of each sequence,
the copy is encoded and indented whole, and the text is cut at the quoted
placeholders. msgspec
indents by two spaces a level and never writes a raw newline inside a string,
so an element indented alone has each "\\n" followed by the placeholder line's
indentation and two spaces. A lazy sequence inside an element is streamed too,
the same way, one level deeper.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Generator, Iterator, Sequence
from typing import Any

from ff.decoder import msgspec
from ff.reporting.exporters import Report, text_of

_EAGER = (list, tuple, str, bytes, bytearray, memoryview)


def export(report: Report) -> str:
    return "".join(map(text_of, pieces(report)))


def pieces(report: Report) -> Iterator[str | bytes]:
    """The JSON file in pieces: the report (see ``streamed``), then a newline."""
    yield from streamed(report)
    yield b"\n"


def streamed(value: Any) -> Generator[str | bytes, None, None]:
    """msgspec's JSON of ``value``, indented by 2, in pieces. Each long list (``LONG``
    elements or more: a report's ideas and learnings) and each lazy sequence is given
    an element at a time, each element encoded as msgspec's UTF-8 as it comes, and the
    rest around them whole (a value with neither is one piece). Encoded whole, the
    export of a million iterations held 4.8 GB at its peak and took 14.2 times as long
    as that of 100,000 (20.0 s against 1.41 s): its text was made whole before a byte
    was written. An element at a time, the export of 10,000 iterations spent 34 to 37
    ms encoding rather than 43 to 47, with no fresh memory to fault in. A value
    msgspec cannot encode is a ``TypeError``, as msgspec says it."""
    holes, shell = _shell_encoded(value, _is_hole)
    yield from _around_holes(holes, shell, _elements)


# A list of at least so many elements is encoded an element at a time.
LONG = 64


def _is_hole(value: Any) -> bool:
    """A sequence given an element at a time: a long list, or a lazy sequence."""
    if type(value) in (list, tuple):
        return len(value) >= LONG
    return _is_lazy(value)


Between = Callable[[Sequence[Any], bytes], Iterator["str | bytes"]]


def _around_holes(holes: _Holes, shell: bytes, between: Between) -> Iterator[str | bytes]:
    """The shell's text with each hole's sequence in its place, as ``between`` gives it
    (from the sequence and the indentation of the line it is on)."""
    spots = sorted(
        ((shell.index(quoted.encode()), quoted, seq) for quoted, seq in holes.sequences),
        key=lambda spot: spot[0],
    )
    done = 0
    for start, quoted, sequence in spots:
        yield shell[done:start]
        yield from between(sequence, _indentation_of(shell, start))
        done = start + len(quoted)  # (ASCII: as many bytes as characters)
    yield shell[done:]


def _indentation_of(data: bytes, start: int) -> bytes:
    """The spaces that open the line ``start`` is on."""
    line = data[data.rfind(b"\n", 0, start) + 1 : start]
    return line[: len(line) - len(line.lstrip(b" "))]


def _elements(sequence: Sequence[Any], indentation: bytes) -> Iterator[str | bytes]:
    """A JSON array of the elements, the sequence iterated once and each element
    encoded as it comes (one holding a lazy sequence, in pieces of its own)."""
    inner = b"\n" + indentation + b"  "
    many = getattr(sequence, "written", None)
    if many is not None:  # kept on disk: a chunk at a time, perhaps by other processes
        yield from _written_array(many, inner.decode(), indentation.decode())
        return
    opening = b"[" + inner
    for element in iter(sequence):
        try:
            data = _indented_json(element)
        except TypeError:  # a lazy sequence inside it: its own pieces, as they come
            yield opening
            yield from _indented(element, inner.decode())
        else:
            yield opening + data.replace(b"\n", inner)
        opening = b"," + inner
        del element  # not held while the next one is read
    yield b"[]" if opening.startswith(b"[") else b"\n" + indentation + b"]"


def json_pieces(value: Any) -> Generator[str, None, None]:
    """msgspec's JSON of ``value`` (an element of a sequence given an element at a
    time), indented by 2, as text: encoded whole, or ``streamed`` if it holds a lazy
    sequence. (Not walked for long lists first: copying every idea of a council's
    export to look for them made its JSON and `summary --json` 6–7% slower.)"""
    try:
        data = _indented_json(value)
    except TypeError:  # a lazy sequence inside (or a value msgspec cannot encode)
        for piece in streamed(value):
            yield text_of(piece)  # (each whole UTF-8: see ``_around_holes``)
    else:
        yield data.decode("utf-8")


def _is_lazy(value: Any) -> bool:
    return isinstance(value, Sequence) and not isinstance(value, _EAGER)


class _Holes:
    """The lazy sequences taken out of a value, each replaced by a placeholder."""

    def __init__(self) -> None:
        self.token = _token()
        self.sequences: list[tuple[str, Sequence[Any]]] = []

    def hole(self, sequence: Sequence[Any]) -> str:
        placeholder = f"ff-lazy-{self.token}-{len(self.sequences)}"
        self.sequences.append((f'"{placeholder}"', sequence))
        return placeholder


def _token() -> str:
    """128 random bits, as ``secrets.token_hex(16)`` makes them (from ``os.urandom``),
    without importing ``secrets``: its ``hmac`` and ``hashlib`` took 3.8 to 4.1 ms of
    every JSON export and ``--json`` (``python -X importtime``)."""
    return os.urandom(16).hex()


def _shell(value: Any, holes: _Holes, is_hole: Callable[[Any], bool]) -> Any:
    """``value`` with each sequence ``is_hole`` picks (in its dicts and lists, at any
    depth) made a placeholder."""
    if is_hole(value):
        return holes.hole(value)
    if isinstance(value, dict):
        return {key: _shell(item, holes, is_hole) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_shell(item, holes, is_hole) for item in value]
    return value


def _shell_encoded(value: Any, is_hole: Callable[[Any], bool]) -> tuple[_Holes, bytes]:
    """The value with each sequence ``is_hole`` picks a placeholder, encoded and
    indented, with a token found nowhere else in its text.

    The token is random, so user text holds it only by a fluke: then another is
    drawn (the sequences are not iterated by this, only put in their places).
    """
    while True:
        holes = _Holes()
        data = _indented_json(_shell(value, holes, is_hole))
        if data.count(holes.token.encode()) == len(holes.sequences):
            return holes, data


def _indented_json(value: Any) -> bytes:
    """msgspec's JSON of ``value``, indented by 2, as UTF-8 (a ``TypeError`` if it holds
    a lazy sequence, or a value msgspec cannot encode)."""
    return msgspec.json.format(msgspec.json.encode(value), indent=2)


def _format_raw(data: bytes) -> str:
    return msgspec.json.format(data, indent=2).decode("utf-8")


def _written_array(
    written: Callable[[Callable[[Any], str], Callable[[bytes], str]], Iterator[str]],
    inner: str,
    indentation: str,
) -> Iterator[str]:
    """``_elements`` for a sequence that writes its own elements out (see
    ff.reporting.kept): each element with the comma before it, the first's a bracket."""
    first = True
    for text in written(
        lambda element: "," + inner + "".join(_indented(element, inner)),
        lambda data: "," + inner + _format_raw(data).replace("\n", inner),
    ):
        if first:
            text, first = "[" + text[1:], False
        yield text
    yield "[]" if first else "\n" + indentation + "]"


def _indented(element: Any, inner: str) -> Iterator[str]:
    """An element's pieces as text, each line but its first indented by ``inner``."""
    for piece in json_pieces(element):
        yield piece.replace("\n", inner)
