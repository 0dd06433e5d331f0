"""Exporters: pure functions from the export report (a JSON-ready dict) to text.

The registry is the one list of formats: each declares its name, what it is for,
the module that writes it (imported only when used) and whether it shows the
summary's figures (if not, none are worked out for it). ``ff export --format``
offers its names. Every exporter escapes every piece of user text for its own
format.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from ff.light import dataclass

if TYPE_CHECKING:
    from ff.journal.records import Fields

Report = dict[str, Any]
Exporter = Callable[[Report], str]
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Format:
    name: str
    description: str
    module: str
    needs_figures: bool = True
    # What it reads of each record: "every" field if it shows records as they are,
    # with fields ff does not know (an analyst's); the others read ff's own fields
    # only ("known"), a fifth quicker.
    fields: Fields = "known"
    table: bool = False  # it shows a table of the ideas (see report_calls.gather)
    # Each idea's iterations given in order (by number); not: it puts them in order
    # itself as it writes them (see ff.reporting.pieces.in_order).
    in_order: bool = True


REGISTRY: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "html",
            "one self-contained web page, prints on A4",
            "ff.reporting.exporters.html",
            table=True,
        ),
        Format(
            "md",
            "Markdown headings and tables, for a report or a wiki",
            "ff.reporting.exporters.markdown",
            table=True,
        ),
        Format(
            "csv",
            "one row per iteration, for Excel",
            "ff.reporting.exporters.csv_export",
            needs_figures=False,
            in_order=False,
        ),
        Format(
            "json",
            "the whole report, versioned, for other programs",
            "ff.reporting.exporters.json_export",
            fields="every",
        ),
    )
}


def exporter(name: str) -> Exporter:
    module = importlib.import_module(REGISTRY[name].module)
    function: Exporter = module.export
    return function


def exporter_in_pieces(name: str) -> Callable[[Report], Iterable[str | bytes]]:
    """The format's text in pieces, in order, each made as it is written (every format
    gives them: a council's report is hundreds of megabytes); a piece is text, or
    UTF-8 already (bytes: the JSON of a report held whole, as msgspec writes it)."""
    module = importlib.import_module(REGISTRY[name].module)
    pieces: Callable[[Report], Iterable[str | bytes]] | None = getattr(module, "pieces", None)
    if pieces is not None:
        return pieces
    whole = exporter(name)
    return lambda report: [whole(report)]


def text_of(piece: str | bytes) -> str:
    """A piece of an export as text (a piece given as UTF-8 decoded)."""
    return piece if isinstance(piece, str) else piece.decode("utf-8")


def needs_figures(name: str) -> bool:
    """Whether the format shows the summary's figures (else none are worked out for it)."""
    return REGISTRY[name].needs_figures


def build_report(
    summary: dict[str, Any],
    ideas: list[dict[str, Any]],
    *,
    generated: str,
    journals: list[str],
    problems: list[str],
    filters: dict[str, Any],
    title: str | None = None,
) -> Report:
    """The export report: the ``ff-export`` envelope that every format is made from
    (``title``: the report's own, added after version 1's first keys)."""
    return {
        "format": "ff-export",
        "version": FORMAT_VERSION,
        "generated": generated,
        "journals": journals,
        "problems": problems,
        "filters": filters,
        "summary": summary,
        "ideas": ideas,
        "title": title,
    }
