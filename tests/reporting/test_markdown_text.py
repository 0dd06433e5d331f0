"""Markdown escaping, checked by a real CommonMark renderer (markdown-it-py, which Rich
already installs, with GitHub's tables): any text, escaped by ff and rendered,
reads exactly as typed, in a sentence, a list item, a heading and a table cell;
and text with nothing that could become markup gets no backslash at all (what
shows when a Markdown export is pasted into Word or Teams)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from ff.reporting.exporters.markdown_text import block, cell, heading, inline

RENDERER = MarkdownIt("commonmark").enable("table").enable("strikethrough")

# Markdown's punctuation, HTML's, and letters and spaces for them to touch.
PIECES = list("\\`*_~[]()<>&|$#+-=.!:;/?'\"{}@%^ \tabcXY019é£🙂\n\r")
TEXT = st.lists(st.sampled_from([*PIECES, "&amp;", "&#35;", "<b>", "1. ", "# "]), max_size=16).map(
    "".join
)


class Visible(HTMLParser):
    """The text a reader sees, and every element the renderer made."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "br":
            self.text.append("\n")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def seen(markdown: str) -> Visible:
    reader = Visible()
    reader.feed(RENDERER.render(markdown))
    reader.close()
    return reader


def inside(markdown: str, tag: str) -> tuple[str, list[str]]:
    """The text of the one ``tag`` the Markdown renders to, and the elements inside it."""
    rendered = RENDERER.render(markdown)
    found = re.findall(rf"<{tag}>(.*?)</{tag}>", rendered, re.S)
    assert len(found) == 1, rendered
    reader = Visible()
    reader.feed(found[0])
    reader.close()
    return "".join(reader.text), reader.tags


def typed(text: str) -> str:
    """What the reader should see: each line as typed, trimmed, lines kept apart."""
    return "\n".join(line.strip() for line in text.strip().splitlines())


@settings(max_examples=400, deadline=None)
@given(TEXT)
@example("**bold** and __bold__ and *em* and _em_ and ~~struck~~")
@example("[link](http://example.org) ![img](x.png) <http://example.org> <a@b.cc>")
@example("<script>alert(1)</script> <img src=x onerror=alert(1)> <!-- c --> &copy; &#35;")
@example("`code` and ``code`` and C:\\Users\\ and a trailing \\")
@example("young_people, snake_case_name, __init__, 5 * 3, a * b * c, x~y")
@example("ends with a star *")
@example("* starts with a star")
def test_inline_text_renders_exactly_as_typed(text: str) -> None:
    rendered = seen(f"Before {inline(text)} after")
    assert rendered.tags == ["p"] + ["br"] * (len(typed(text).split("\n")) - 1)
    expected = f"Before {typed(text)} after"
    assert "".join(rendered.text).rstrip("\n") == expected


@settings(max_examples=300, deadline=None)
@given(TEXT)
@example("# heading")
@example("- item")
@example("+ item")
@example("* item")
@example("1. first")
@example("2026) a year")
@example("> quoted")
@example("---")
@example("* * *")
@example("___")
@example("===")
@example("    indented")
def test_block_text_renders_exactly_as_typed_as_a_list_item(text: str) -> None:
    if not typed(text):
        return  # an empty list item is just that
    shown, tags = inside(f"- {block(text)}\n", "li")
    assert (shown, set(tags)) == (typed(text), {"br"} & set(tags))


@settings(max_examples=300, deadline=None)
@given(TEXT)
@example("C# #")
@example("# ###")
@example("closing #")
@example("#")
def test_heading_text_renders_exactly_as_typed(text: str) -> None:
    if not typed(text):
        return
    shown, tags = inside(f"### {heading(text)}\n", "h3")
    assert (shown, set(tags)) == (typed(text), {"br"} & set(tags))


@settings(max_examples=300, deadline=None)
@given(TEXT, TEXT)
@example("a | pipe", "\\|")
@example("|", "a \\| b")
def test_cell_text_renders_exactly_as_typed_in_its_cell(first: str, second: str) -> None:
    table = f"| A | B |\n|---|---|\n| {cell(first)} | {cell(second)} |\n"
    cells = re.findall(r"<td>(.*?)</td>", RENDERER.render(table), re.S)
    assert len(cells) == 2, table
    for got, text in zip(cells, (first, second), strict=True):
        reader = Visible()
        reader.feed(got)
        reader.close()
        assert ("".join(reader.text), set(reader.tags)) == (typed(text), {"br"} & set(reader.tags))


@pytest.mark.parametrize(
    "text",
    [
        "young-people",
        "families, young-people",
        "3.5 hours",
        "Ratings went from 2.1 to 3.4 (out of 5)!",
        "£1,200 + £300 = £1,500",
        "Meeter Greeter, Buddy, Mentor: three levels",
        "It's 50-50 #1 priority",
        "snake_case and a * b",
        "Q&A with parents",
        "ages 5 < 11 > 3",
    ],
)
def test_text_that_cannot_become_markup_gets_no_backslash(text: str) -> None:
    assert inline(text) == text
    assert block(text) == text
    assert "\\" not in cell(text)


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("**bold**", "\\*\\*bold\\*\\*"),
        ("[red]alarm[/red]", "\\[red\\]alarm\\[/red\\]"),
        ("<script>x</script>", "&lt;script>x&lt;/script>"),
        ("`rm -rf`", "\\`rm -rf\\`"),
        ("_init_", "\\_init\\_"),
        ("&copy;", "&amp;copy;"),
        ("a\nb", "a<br>b"),
    ],
)
def test_what_would_become_markup_is_escaped(text: str, escaped: str) -> None:
    assert inline(text) == escaped


def test_block_starts_are_escaped_only_at_the_start() -> None:
    assert block("# heading") == "\\# heading"
    assert block("- item") == "\\- item"
    assert block("1. first") == "1\\. first"
    assert block("> quote") == "\\> quote"
    assert inline("# heading") == "# heading", "inside a sentence a # is only a #"
    assert block("-2+3") == "-2+3", "a minus sign is not a list"
    assert cell("a | b") == "a \\| b" and inline("a | b") == "a | b"
