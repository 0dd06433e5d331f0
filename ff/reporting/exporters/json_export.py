"""JSON: the report as it is (keys documented in README.md, pinned by a test).

Encoded and indented by msgspec: the standard library's encoder is pure Python
when it indents, and took about 7 s for a report of 100,000 iterations.

Written in pieces, so that it can be streamed: a report of a million iterations
is 1.4 GB of JSON, and 7 GB in memory when built whole. Its big lists may be
lazy sequences (a ``Sequence`` that is not a list, tuple, str or bytes, which
reads each element from disk when iterated): each is iterated once, and each
element is encoded and given out before the next is read. The text is byte for
byte msgspec's for the same report with every lazy sequence made a list.

How: the containers around the lazy sequences are copied with a placeholder
string (holding a random token) in place of each sequence, the copy is encoded
and indented whole, and the text is cut at the quoted placeholders. msgspec
indents by two spaces a level and never writes a raw newline inside a string,
so an element indented alone has each "\\n" followed by the placeholder line's
indentation and two spaces. A lazy sequence inside an element is streamed too,
the same way, one level deeper.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Generator, Iterator, Sequence
from typing import Any

from ff.decoder import msgspec
from ff.reporting.exporters import Report, text_of

_EAGER = (list, tuple, str, bytes, bytearray, memoryview)


def export(report: Report) -> str:
    return "".join(map(text_of, pieces(report)))


def pieces(report: Report) -> Iterator[str | bytes]:
    """The JSON file in pieces: the report, then a newline. A report without lazy
    sequences is one piece of UTF-8, as msgspec makes it: decoded to text only for the
    writer to encode it again, the export of 10,000 iterations took 165 ms rather than
    160 (100,000: 1.30 s rather than 1.24), and held the report's text twice."""
    data = formatted_bytes(report)
    if data is None:
        yield from json_pieces(report)
        yield "\n"
        return
    yield data
    yield b"\n"


def formatted_bytes(value: Any) -> bytes | None:
    """msgspec's JSON of ``value``, indented by 2, as UTF-8; None if it holds a lazy
    sequence (or a value msgspec cannot encode: ``json_pieces`` says which)."""
    try:
        return msgspec.json.format(msgspec.json.encode(value), indent=2)
    except TypeError:
        return None


def json_pieces(value: Any) -> Generator[str, None, None]:
    """msgspec's JSON, indented by 2, of ``value`` with its lazy sequences as lists."""
    try:
        text = _format(value)
    except TypeError:  # a lazy sequence inside (or a value msgspec cannot encode)
        yield from _pieces_around_holes(value)
    else:
        yield text


def _format(value: Any) -> str:
    return msgspec.json.format(msgspec.json.encode(value), indent=2).decode("utf-8")


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
    return secrets.token_hex(16)


def _shell(value: Any, holes: _Holes) -> Any:
    """``value`` with each lazy sequence in its dicts and lists made a placeholder."""
    if _is_lazy(value):
        return holes.hole(value)
    if isinstance(value, dict):
        return {key: _shell(item, holes) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_shell(item, holes) for item in value]
    return value


def _pieces_around_holes(value: Any) -> Iterator[str]:
    holes, text = _shell_text(value)
    spots = sorted(
        ((text.index(quoted), quoted, seq) for quoted, seq in holes.sequences),
        key=lambda spot: spot[0],
    )
    done = 0
    for start, quoted, sequence in spots:
        yield text[done:start]
        yield from _sequence_pieces(sequence, _indentation(text, start))
        done = start + len(quoted)
    yield text[done:]


def _shell_text(value: Any) -> tuple[_Holes, str]:
    """The shell encoded, with a token found nowhere else in its text.

    The token is random, so user text holds it only by a fluke: then another is
    drawn (the sequences are not iterated by this, only put in their places).
    """
    while True:
        holes = _Holes()
        text = _format(_shell(value, holes))
        if text.count(holes.token) == len(holes.sequences):
            return holes, text


def _indentation(text: str, start: int) -> str:
    line = text[text.rfind("\n", 0, start) + 1 : start]
    return line[: len(line) - len(line.lstrip(" "))]


def _sequence_pieces(sequence: Sequence[Any], indentation: str) -> Iterator[str]:
    """A JSON array of the elements, iterated once and encoded one at a time."""
    inner = "\n" + indentation + "  "
    many = getattr(sequence, "written", None)
    if many is not None:  # kept on disk: a chunk at a time, perhaps by other processes
        yield from _written_array(many, inner, indentation)
        return
    opening = "[" + inner
    for element in iter(sequence):
        yield opening
        yield from _indented(element, inner)
        opening = "," + inner
        del element  # not held while the next one is read
    yield "[]" if opening.startswith("[") else "\n" + indentation + "]"


def _format_raw(data: bytes) -> str:
    return msgspec.json.format(data, indent=2).decode("utf-8")


def _written_array(
    written: Callable[[Callable[[Any], str], Callable[[bytes], str]], Iterator[str]],
    inner: str,
    indentation: str,
) -> Iterator[str]:
    """``_sequence_pieces`` for a sequence that writes its own elements out (see
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
    for piece in json_pieces(element):
        yield piece.replace("\n", inner)
