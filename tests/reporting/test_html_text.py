"""The HTML report's own escaping is ``html.escape``'s, quotes too, on any text: the
report writes it rather than importing ``html`` (whose import brings its table of
named characters)."""

from __future__ import annotations

import html

from hypothesis import example, given
from hypothesis import strategies as st

from ff.reporting.exporters.html_text import escape, escaped

MARKUP = st.sampled_from([*"&<>\"'a é;#x", "&amp;", "&lt;", "&#x27;", "<b>", "</p>"])


@given(st.text() | st.lists(MARKUP).map("".join))
@example("&lt;b&gt; is <b>")
@example('Tom\'s "quick" fix & more')
def test_escape_is_the_standard_librarys(text: str) -> None:
    assert escape(text) == html.escape(text, quote=True)
    assert escaped(text) == html.escape(text, quote=True)


def test_numbers_and_nothing_are_text() -> None:
    assert escaped(None) == ""
    assert escaped(12.5) == "12.5"
    assert escaped(["<b>"]) == "[&#x27;&lt;b&gt;&#x27;]"
