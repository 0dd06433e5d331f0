"""Markdown: headings and tables that paste into a report or a wiki and render on GitHub.

User text is escaped twice over: Markdown punctuation gets a backslash (so a title
cannot become a link, a heading or bold), and < > & become entities (so no HTML
reaches a renderer that allows it). Newlines in table cells become <br>.
"""

from __future__ import annotations

import re
from typing import Any

from ff.levels import level_title
from ff.reporting.exporters import Report
from ff.reporting.exporters.common import (
    DayNames,
    distributions,
    headline_rows,
    uk_date,
)

_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def text(value: Any) -> str:
    """User text made inert for Markdown, on one line."""
    raw = "" if value is None else str(value)
    raw = raw.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    raw = _MARKDOWN_PUNCTUATION.sub(r"\\\1", raw)
    lines = raw.splitlines()  # \n, \r\n and a lone \r all end a line in Markdown
    return "<br>".join(line.strip() for line in lines) if len(lines) > 1 else raw.strip()


def table(headers: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def export(report: Report) -> str:
    summary = report["summary"]
    lines = [
        "# What we tried and learned",
        "",
        f"Generated {uk_date(report['generated'])} from "
        f"{len(report['journals'])} journal(s). {summary['ideas']} idea(s).",
        "",
    ]
    if report["problems"]:
        lines += ["**Not included** (could not be read):", ""]
        lines += [f"- {text(p)}" for p in report["problems"]] + [""]
    lines += ["## Headline figures", ""]
    lines += table(["Figure", "Value"], [[label, value] for label, value in headline_rows(summary)])
    for _, title, counts in distributions(summary):
        lines += [f"### {title}", ""]
        lines += table(["", "Count"], [[text(k), str(v)] for k, v in counts.items()])
    lines += ["## Learnings", "", "Newest first, grouped by idea.", ""]
    day = DayNames()
    for group in summary["learnings"]:
        idea = group["idea"]
        lines += [
            f"### {text(idea['title'])} ({text(idea['ref'])})",
            "",
            f"Team: {text(idea.get('team') or '-')}. Status: {text(idea.get('status'))}. "
            f"Check: {text(level_title(idea.get('level')))}. "
            f"Journal: {text(', '.join(idea.get('journals') or []))}.",
            "",
        ]
        lines += table(
            ["#", "Date", "Result", "Decision", "What we learned", "Next"],
            [
                [
                    str(it["number"]),
                    day(it["date"]),
                    text(it.get("result")),
                    text(it.get("decision") or ""),
                    text(it.get("learned")),
                    text(it.get("next_step") or ""),
                ]
                for it in group["iterations"]
            ],
        )
    lines += ["## Ideas", ""]
    lines += table(
        ["Ref", "Checked", "Title", "Team", "Check", "Status", "Iterations"],
        [
            [
                text(i.get("ref")),
                uk_date(i.get("created")),
                text(i.get("title")),
                text(i.get("team") or ""),
                text(i.get("level")),
                text(i.get("status")),
                str(len(i.get("iterations") or [])),
            ]
            for i in report["ideas"]
        ],
    )
    return "\n".join(lines)
