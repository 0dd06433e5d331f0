"""User text shown in the terminal (``console.safe``): escape sequences and control
characters removed, whatever else the text holds; text with none of them comes back
as it is without being searched (a quicker path that must give the same)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ff.terminal.console import _UNSAFE, safe

NASTY = st.sampled_from(
    ["\x1b[31m", "\x1b]8;;http://x\x07", "\x1b]0;title\x1b\\", "\t", "\n", "\r", "\x00",
     "\x7f", "\x85", "\u202e", "\u2066", "\u2028", "\u00a0", "é", "🧪", "[bold]", " "]
)  # fmt: skip
TEXT = st.lists(st.text(max_size=6) | NASTY, max_size=8).map("".join)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_safe_text_is_the_text_with_the_unsafe_removed(text: str) -> None:
    assert safe(text) == _UNSAFE.sub("", text.expandtabs())


def test_escapes_and_controls_never_reach_the_terminal() -> None:
    shown = safe("a\x1b[2Jb\x1b]0;owned\x07c\u202ed\x00e\tf")
    assert shown == "abcde   f"  # (the tab to the next stop of 8, counted as typed)
