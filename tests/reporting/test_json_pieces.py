"""The JSON export in pieces: byte for byte msgspec's text of the report made whole,
each lazy sequence iterated once, element by element."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator, Sequence
from typing import Any, overload

import msgspec
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ff.reporting.exporters import json_export, text_of
from ff.reporting.exporters.json_export import export, json_pieces, pieces


class Lazy(Sequence[Any]):
    """A sequence read only by iterating it (as one read from disk would be)."""

    def __init__(self, items: list[Any]) -> None:
        self._items = items
        self.iterations = 0

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> Any: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Any]: ...
    def __getitem__(self, index: int | slice) -> Any:
        raise AssertionError("a lazy sequence is iterated, never indexed")

    def __iter__(self) -> Iterator[Any]:
        self.iterations += 1
        return iter(self._items)

    def __repr__(self) -> str:
        return f"Lazy({self._items!r})"


def formatted(value: Any) -> str:
    return msgspec.json.format(msgspec.json.encode(value), indent=2).decode("utf-8")


def materialised(value: Any) -> Any:
    """The value with each lazy sequence a list (read without counting it)."""
    if isinstance(value, Lazy):
        return [materialised(item) for item in value._items]
    if isinstance(value, dict):
        return {key: materialised(item) for key, item in value.items()}
    if isinstance(value, list):
        return [materialised(item) for item in value]
    return value


def lazies(value: Any) -> Iterator[Lazy]:
    if isinstance(value, Lazy):
        yield value
    children = value._items if isinstance(value, Lazy) else value
    if isinstance(children, dict):
        children = list(children.values())
    if isinstance(children, list):
        for child in children:
            yield from lazies(child)


TEXT = st.text(alphabet=st.characters(codec="utf-8")) | st.sampled_from(
    ['"', "\\", '\\"', "\n", "\r\n", "\t", "\x00", "\x1f", "\x7f", "\u2028", "é🧪", "ff-lazy-"]
)
LEAVES = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**64 - 1)
    | st.floats()
    | st.sampled_from([1e300, -1e-300, 5e-324, 1.7976931348623157e308, -0.0, 0.1, 1e16])
    | TEXT
)
PLAIN = st.recursive(
    LEAVES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=20,
)
WITH_LAZY: st.SearchStrategy[Any] = st.recursive(
    LEAVES | st.just([]) | st.just({}) | st.builds(Lazy, st.just([])),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(TEXT, inner, max_size=4)
        | st.builds(Lazy, st.lists(inner, max_size=4))
    ),
    max_leaves=20,
)


def check(value: Any) -> None:
    expected = formatted(materialised(value))
    assert "".join(json_pieces(value)) == expected
    assert all(lazy.iterations == 1 for lazy in lazies(value))


@settings(max_examples=300, deadline=None)
@given(WITH_LAZY)
@example(Lazy([]))
@example(Lazy([{}, [], [[]], {"a": {}}]))
@example({"ideas": Lazy([]), "summary": {"learnings": Lazy([])}})
@example({"a": Lazy([1, {"b": [2, {}]}]), "b": Lazy(["x\ny", {"c": Lazy([[], {}])}])})
@example([1, [Lazy([{"deep": [Lazy([1.5e-300, -(2**63), 2**64 - 1])]}])], {}])
@example({"ff-lazy-": Lazy(['"', "\\"]), "": {"": Lazy([None, True, False])}})
def test_pieces_are_the_text_of_the_value_made_whole(value: Any) -> None:
    check(value)


@settings(max_examples=100, deadline=None)
@given(PLAIN, PLAIN)
def test_lazy_sequences_at_each_depth(first: Any, second: Any) -> None:
    check(Lazy([first, second]))
    check({"ideas": Lazy([first, second]), "summary": {"learnings": Lazy([second])}})
    check([first, {"x": [Lazy([second, first])]}, Lazy([])])


@given(PLAIN)
def test_a_value_without_lazy_sequences_is_one_piece(value: Any) -> None:
    assert list(json_pieces(value)) == [formatted(value)]


def test_it_streams_each_element_before_the_next_is_read() -> None:
    written: list[str] = []
    seen_before_second: list[str] = []

    class Probe(Lazy):
        def __iter__(self) -> Iterator[Any]:
            yield {"first": "one"}
            seen_before_second.append("".join(written))
            yield {"second": "two"}

    report = {"summary": {"learnings": Probe([])}, "version": 1}
    written.extend(json_pieces(report))
    assert seen_before_second == [
        '{\n  "summary": {\n    "learnings": [\n      {\n        "first": "one"\n      }'
    ]
    expected = {"summary": {"learnings": [{"first": "one"}, {"second": "two"}]}, "version": 1}
    assert "".join(written) == formatted(expected)


def test_a_token_found_in_user_text_is_drawn_again(monkeypatch: pytest.MonkeyPatch) -> None:
    tokens = iter(["clash", "fresh"])
    monkeypatch.setattr(json_export, "_token", lambda: next(tokens))
    value = {"note": "ff-lazy-clash-0", "ideas": Lazy([{"title": "ff-lazy-clash-0"}])}
    check(value)


def test_what_msgspec_cannot_encode_is_still_a_type_error() -> None:
    with pytest.raises(TypeError, match="unsupported"):
        "".join(json_pieces({"ideas": Lazy([object()])}))
    with pytest.raises(TypeError, match="unsupported"):
        "".join(json_pieces({"when": object()}))


REPORT: dict[str, Any] = {
    "format_version": 1,
    "generated": "2026-11-12T09:30:00+00:00",
    "filters": {"team": None, "since": "2026-11-01", "tags": []},
    "ideas": [
        {
            "ref": "a1b2",
            "title": 'Say "hi"\nto <b>everyone</b> \\ é🧪',
            "iterations": [{"n": 1, "score": 0.75, "notes": {}}, {"n": 2, "score": 1e-7}],
            "tags": ["x", "y"],
        },
        {"ref": "c3d4", "title": "", "iterations": [], "tags": []},
    ],
    "summary": {"learnings": ["one", {"text": "two", "ideas": ["a1b2"]}], "counts": {}},
}


@given(PLAIN)
def test_export_of_a_plain_report_is_unchanged(extra: Any) -> None:
    report = {**REPORT, "extra": extra}
    assert export(report) == formatted(report) + "\n"
    # One piece, msgspec's UTF-8 as it is (not decoded only to be encoded again).
    assert list(pieces(report)) == [formatted(report).encode("utf-8"), b"\n"]


def exported(value: Any, long: int) -> list[str | bytes]:
    """The export's pieces of ``value``, a list of ``long`` elements counted long."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(json_export, "LONG", long)
        return list(pieces(value))


@settings(max_examples=300, deadline=None)
@given(WITH_LAZY)
@example({"ideas": [{"a": [1, 2]}, {"b": Lazy([{}, []])}], "n": [[], [[]]]})
@example([["é🧪", '"\\'], {"": [None, {"x": [1e-7]}]}])
def test_long_lists_held_in_memory_are_written_element_by_element(value: Any) -> None:
    """Every list counted long (each written an element at a time), at any depth and
    beside lazy sequences: the same text as the value encoded whole."""
    expected = formatted(materialised(value)) + "\n"
    assert "".join(map(text_of, exported(value, 1))) == expected
    assert all(lazy.iterations == 1 for lazy in lazies(value))


def test_a_large_report_held_in_memory_is_never_one_piece() -> None:
    """A council's report held in memory is written an idea at a time, as UTF-8: no
    piece holds more than one idea, so its text is never all in memory at once."""
    idea = REPORT["ideas"][0]
    many = {**REPORT, "ideas": [{**idea, "ref": f"r{n}"} for n in range(500)]}
    written = list(pieces(many))
    assert b"".join(map(bytes, written)).decode("utf-8") == formatted(many) + "\n"
    assert all(isinstance(piece, bytes) for piece in written)
    one_idea = len(formatted(idea).encode("utf-8"))
    assert len(written) > 500
    assert max(map(len, written)) < 2 * one_idea


def test_export_of_a_lazy_report_is_the_plain_one() -> None:
    lazy = {
        **REPORT,
        "ideas": Lazy(REPORT["ideas"]),
        "summary": {**REPORT["summary"], "learnings": Lazy(REPORT["summary"]["learnings"])},
    }
    assert export(lazy) == formatted(REPORT) + "\n"


MANY_IDEAS = {**REPORT, "ideas": [{**REPORT["ideas"][0], "ref": f"r{n}"} for n in range(200)]}


@pytest.mark.parametrize("report", [REPORT, MANY_IDEAS], ids=["short lists", "long lists"])
def test_printed_json_is_the_same_to_a_byte_stream_and_to_one_of_text_only(
    monkeypatch: pytest.MonkeyPatch, report: dict[str, Any]
) -> None:
    """``--json`` output (ff.cli.calls.print_json) is msgspec's UTF-8 (its long lists an
    element at a time), written as it is where standard output takes bytes, and as
    text where it takes only text."""
    from ff.cli.calls import print_json

    expected = formatted(report) + "\n"
    text = io.StringIO()
    monkeypatch.setattr(sys, "stdout", text)
    print_json(report)
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="utf-8"))
    print_json(report)
    assert text.getvalue() == expected
    assert raw.getvalue().decode("utf-8") == expected


def test_printed_json_keeps_its_order_when_text_and_bytes_are_mixed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A council's summary kept on disk gives its learnings as text between pieces of
    UTF-8: written to a byte stream, each piece still comes in its place (text held
    back by the text layer is written out before the bytes after it)."""
    from ff.cli.calls import print_json

    inner = Lazy([{"text": "two", "ideas": Lazy(["a1b2"])}])  # (text: a lazy one inside)
    lazy = {**REPORT, "summary": {**REPORT["summary"], "learnings": inner}}
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="utf-8"))
    print_json(lazy)
    assert raw.getvalue().decode("utf-8") == formatted(materialised(lazy)) + "\n"
