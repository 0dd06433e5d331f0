"""A card's flow as a diagram: Mermaid (renders in GitHub and many wikis), Graphviz
DOT, or SVG drawn by Graphviz's ``dot`` where it is installed.

Each question is a box, each outcome a rounded node coloured by its level, and each
rule an arrow labelled with its condition in words. Node names are generated
(``q1``, ``o1``), never taken from the card, so no id can break the syntax; every
text is escaped for the format it goes into. A loaded card's texts hold no control characters (the
reader refuses them); any that came some other way are left out all the same.
"""

from __future__ import annotations

import shutil
import subprocess
import textwrap

from ff.cards.describe import describe
from ff.cards.model import Card
from ff.errors import FFError
from ff.text import HIDDEN

FORMATS = ("mermaid", "dot", "svg")
COLOURS = {  # fill, border: light fills so black text stays readable
    "go": ("#d4edda", "#1e7e34"),
    "caution": ("#fff3cd", "#b38600"),
    "approval": ("#ffe0b2", "#e65100"),
    "stop": ("#f8d7da", "#b21f2d"),
}


class GraphvizMissing(FFError):
    """SVG needs Graphviz's ``dot`` program (exit 1)."""


def _names(card: Card) -> dict[str, str]:
    names = {q.id: f"q{n}" for n, q in enumerate(card.questions, 1)}
    names.update({o.id: f"o{n}" for n, o in enumerate(card.outcomes, 1)})
    return names


def _edges(card: Card) -> list[tuple[str, str, str]]:
    """(from id, to id, label) for every rule, in card order."""
    return [
        (q.id, rule.goto, describe(rule.when, card, q.id))
        for q in card.questions
        for rule in q.rules
    ]


# --------------------------------------------------------------------------- Mermaid


def _mermaid_text(text: str) -> str:
    """Text for inside a quoted Mermaid label: its own entity codes for # " < >."""
    for char, code in (("#", "#35;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;")):
        text = text.replace(char, code)
    return " ".join(HIDDEN.sub("", text).split())


def mermaid(card: Card) -> str:
    names = _names(card)
    lines = [f"%% {_mermaid_text(card.title)} ({card.id}, version {card.version})", "flowchart TD"]
    for n, q in enumerate(card.questions, 1):
        lines.append(f'    {names[q.id]}["{n}. {_mermaid_text(q.text)}"]')
    for o in card.outcomes:
        label = _mermaid_text(f"{o.title} ({o.level})")
        lines.append(f'    {names[o.id]}(["{label}"]):::{o.level}')
    for source, target, label in _edges(card):
        lines.append(f'    {names[source]} -->|"{_mermaid_text(label)}"| {names[target]}')
    for level, (fill, border) in COLOURS.items():
        lines.append(f"    classDef {level} fill:{fill},stroke:{border},color:#000")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- Graphviz


def _dot_text(text: str, width: int = 40) -> str:
    """Text for inside a quoted DOT string, wrapped into lines."""
    lines = textwrap.wrap(" ".join(HIDDEN.sub("", text).split()), width) or [""]
    escaped = [line.replace("\\", "\\\\").replace('"', '\\"') for line in lines]
    return "\\n".join(escaped)


def dot(card: Card) -> str:
    names = _names(card)
    lines = [
        f'digraph "{_dot_text(card.id)}" {{',
        f'    label="{_dot_text(card.title, 80)}"; labelloc=t; rankdir=TB; fontname="Helvetica";',
        '    node [shape=box, style="rounded,filled", fillcolor=white, fontname="Helvetica"];',
        '    edge [fontname="Helvetica", fontsize=10];',
    ]
    for n, q in enumerate(card.questions, 1):
        lines.append(f'    {names[q.id]} [label="{_dot_text(f"{n}. {q.text}")}"];')
    for o in card.outcomes:
        fill, border = COLOURS[o.level]
        label = _dot_text(f"{o.title} ({o.level})", 30)
        lines.append(
            f'    {names[o.id]} [label="{label}", shape=ellipse, '
            f'fillcolor="{fill}", color="{border}", penwidth=2];'
        )
    for source, target, label in _edges(card):
        lines.append(f'    {names[source]} -> {names[target]} [label="{_dot_text(label, 30)}"];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def svg(card: Card) -> str:
    """The DOT drawing as SVG, by Graphviz's ``dot``; ``GraphvizMissing`` without it."""
    program = shutil.which("dot")
    if program is None:
        raise GraphvizMissing(
            "Drawing SVG needs Graphviz's dot program, which is not installed here.",
            hint="Install Graphviz (Debian or Ubuntu: sudo apt install graphviz; macOS: "
            "brew install graphviz; Windows: winget install graphviz), or use "
            "--format mermaid or --format dot.",
        )
    try:
        done = subprocess.run(
            [program, "-Tsvg"], input=dot(card), capture_output=True, text=True, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise FFError(f"Graphviz's dot could not draw the card: {error}.") from None
    if done.returncode != 0:
        raise FFError(f"Graphviz's dot could not draw the card: {done.stderr.strip()}")
    return done.stdout


def draw(card: Card, format_: str) -> str:
    return {"mermaid": mermaid, "dot": dot, "svg": svg}[format_](card)
