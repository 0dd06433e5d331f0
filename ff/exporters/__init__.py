"""Exporters: pure functions from the export report (a JSON-ready dict) to text.

The registry is the one list of formats: ``ff export --format`` offers its keys.
Every exporter escapes every piece of user text for its own format.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

Report = dict[str, Any]
Exporter = Callable[[Report], str]

# format -> (module, description). Modules are imported only when used.
REGISTRY: dict[str, tuple[str, str]] = {
    "html": ("ff.exporters.html", "one self-contained web page, prints on A4"),
    "md": ("ff.exporters.markdown", "Markdown headings and tables, for a report or a wiki"),
    "csv": ("ff.exporters.csv_export", "one row per iteration, for Excel"),
    "json": ("ff.exporters.json_export", "the whole report, versioned, for other programs"),
}
FORMAT_VERSION = 1


def formats() -> list[str]:
    return list(REGISTRY)


def exporter(name: str) -> Exporter:
    module = importlib.import_module(REGISTRY[name][0])
    function: Exporter = module.export
    return function


def needs_figures(name: str) -> bool:
    """Whether the format shows the summary's figures (a module says NEEDS_FIGURES =
    False if not, and then none are worked out for it)."""
    module = importlib.import_module(REGISTRY[name][0])
    return bool(getattr(module, "NEEDS_FIGURES", True))


def build_report(
    summary: dict[str, Any],
    ideas: list[dict[str, Any]],
    *,
    generated: str,
    journals: list[str],
    problems: list[str],
    filters: dict[str, Any],
) -> Report:
    """The export report: the ``ff-export`` envelope that every format is made from."""
    return {
        "format": "ff-export",
        "version": FORMAT_VERSION,
        "generated": generated,
        "journals": journals,
        "problems": problems,
        "filters": filters,
        "summary": summary,
        "ideas": ideas,
    }
