"""Where things landed on paper, read back from a PDF that Chromium printed: its
outline (each heading, with the page and height it starts at), its structure tree
(the page each element is drawn on), and the lowest mark on each page (from the
page's drawing commands: filled rectangles and lines of text, white ones left out).
Enough of PDF for that, and no more: Chromium (Skia) writes no object streams."""

from __future__ import annotations

import math
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_NUMBER = re.compile(rb"[-+]?(?:\d+\.?\d*|\.\d+)$")
_TOKENS = re.compile(
    rb"<<|>>|<[0-9A-Fa-f\s]*>|\[|\]|/[^\s/\[\]<>()]+|[-+]?(?:\d+\.?\d*|\.\d+)|[A-Za-z*'\"]+"
)
_PAINT = {b"f", b"F", b"f*", b"S", b"s", b"B", b"B*", b"b", b"b*"}
_WHITE = (1.0, 1.0, 1.0)


@dataclass
class Printed:
    pages: list[int]  # the page objects, in order
    outline: list[tuple[str, int, float]]  # each heading: its text, page index, height
    first_table_pages: set[int]  # the pages the document's first table is drawn on
    lowest_marks: list[float]  # each page: the height (from the bottom) of its lowest mark


def _times(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    )


def lowest_mark(content: bytes) -> float:
    """The lowest height (points from the paper's bottom edge) at which the page fills a
    rectangle that is not white, strokes a line, or starts a piece of text."""
    ctm, fill, stack, args, pending = IDENTITY, (0.0, 0.0, 0.0), [], [], []
    text = line = IDENTITY
    low = math.inf
    for token in _TOKENS.findall(content):
        if _NUMBER.match(token):
            args.append(float(token))
            continue
        if token == b"q":
            stack.append((ctm, fill))
        elif token == b"Q":
            ctm, fill = stack.pop()
        elif token == b"cm":
            ctm = _times(tuple(args[-6:]), ctm)
        elif token == b"rg":
            fill = tuple(args[-3:])
        elif token == b"re":
            x, y, w, h = args[-4:]
            pending += [
                _times((1, 0, 0, 1, px, py), ctm)[5] for px in (x, x + w) for py in (y, y + h)
            ]
        elif token in _PAINT:
            if fill != _WHITE or token in (b"S", b"s"):
                low = min([low, *pending])
            pending = []
        elif token == b"n":  # a clipping path: nothing is drawn
            pending = []
        elif token == b"BT":
            text = line = IDENTITY
        elif token == b"Tm":
            text = line = tuple(args[-6:])
        elif token == b"Td":
            line = text = _times((1, 0, 0, 1, *args[-2:]), line)
        elif token in (b"Tj", b"TJ", b"'", b'"'):
            low = min(low, _times(text, ctm)[5])
        if not token.startswith((b"<", b"/", b"[", b"]")):
            args = []
    return low


def _objects(pdf: bytes) -> dict[int, bytes]:
    return {
        int(m.group(1)): m.group(2) for m in re.finditer(rb"(\d+) 0 obj\s*(.*?)endobj", pdf, re.S)
    }


def _stream(body: bytes) -> bytes:
    data = body[body.index(b"stream") + len(b"stream") :].lstrip(b"\r\n")
    return zlib.decompressobj().decompress(data)


def _text(literal: bytes) -> str:
    return re.sub(rb"\\(.)", rb"\1", literal).decode("latin-1")


def printed(pdf: bytes) -> Printed:
    objects = _objects(pdf)
    kids = next(v for v in objects.values() if re.search(rb"/Type /Pages\b", v))
    pages = [int(n) for n in re.findall(rb"(\d+) 0 R", kids.split(b"/Kids", 1)[1])]
    outline = []
    for body in objects.values():
        title = re.search(rb"/Title \((.*?)(?<!\\)\)", body, re.S)
        dest = re.search(rb"/Dest \[(\d+) 0 R /XYZ ([\d.]+) ([\d.]+)", body)
        if title and dest:
            place = (pages.index(int(dest.group(1))), float(dest.group(3)))
            outline.append((_text(title.group(1)), *place))

    def elements(number: int) -> Iterator[tuple[int, bytes]]:
        """The structure element and those within it, in the document's order."""
        body = objects.get(number, b"")
        yield number, body
        kids = re.search(rb"/K (\[[^\]]*\]|\d+ 0 R)", body)
        for child in re.findall(rb"(\d+) 0 R", kids.group(1) if kids else b""):
            yield from elements(int(child))

    root = next(n for n, v in objects.items() if b"/Type /StructTreeRoot" in v)
    table = next(n for n, body in elements(root) if re.search(rb"/S /Table\b", body))
    on = {
        pages.index(int(page))
        for _, body in elements(table)
        for page in re.findall(rb"/Pg (\d+) 0 R", body)
    }
    contents = [re.search(rb"/Contents (\d+) 0 R", objects[p]) for p in pages]
    lowest = [lowest_mark(_stream(objects[int(found.group(1))])) for found in contents if found]
    return Printed(pages, outline, on, lowest)
