"""Markdown: headings, lists and tables that paste into a report or a wiki and render on
GitHub. The same report as the HTML one, in the same order: headline figures, over
time, by team, at a glance, what was learned with its evidence, every idea; one idea
chosen by its ref is told whole, as a case study.

User text is escaped only where it would become markup (``markdown_text``), so that
pasted into Word or Teams it reads as it was typed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain
from typing import Any

from ff.reporting.exporters import Report
from ff.reporting.exporters.common import (
    CHART_HEADINGS,
    IDEA_HEADERS,
    TEAM_HEADERS,
    DayNames,
    are_dicts,
    counts_line,
    distributions,
    headline_rows,
    nothing_yet,
    people_note,
    rows_written,
    team_rows,
    time_headers,
    time_rows,
    uk_date,
    written,
)
from ff.reporting.exporters.evidence import (
    EVIDENCE,
    HISTORY_HEADERS,
    Found,
    Markup,
    about,
    answers,
    approval_line,
    brief_rows,
    card_and_decision,
    facts,
    finder,
    history_rows,
    is_case_study,
    iteration_title,
    learning_group,
    oldest_first,
    reasons,
    title_and_source,
    told_by_column,
)
from ff.reporting.exporters.markdown_text import (
    block,
    cell,
    heading,
    headings_all,
    inline,
    inline_all,
)


def table(headers: list[str], rows: list[list[str]]) -> list[str]:
    """A table whose cells are already escaped."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def _cells(rows: list[list[str]]) -> list[list[str]]:
    return [[cell(value) for value in row] for row in rows]


# Each field of the evidence (EVIDENCE's order) and the list item its text follows.
_OPENINGS = tuple((field, f"- **{label}:** ") for field, label in EVIDENCE)


def _iteration(it: dict[str, Any], day: DayNames, level: str) -> list[str]:
    """One iteration's evidence: each field it has (not None, not empty), in the cards'
    order, then its other facts. A report of 10,000 iterations writes 40,000 of these
    items: written out here (rather than from a list of the fields first), 10 ms less."""
    get = it.get
    lines = [f"{level} {heading(iteration_title(it, day))}", ""]
    for field, opening in _OPENINGS:
        value = get(field)
        if value is not None and value != "":
            lines.append(opening + inline(value))
    shown = facts(it)
    if shown:
        lines.append("- " + " · ".join(f"**{label}:** {inline(said)}" for label, said in shown))
    lines.append("")
    return lines


def _iterations(its: list[dict[str, Any]], day: DayNames, level: str) -> list[str]:
    """The lines of ``_iteration`` of each iteration, as two: the text of all but the
    last, and the last (empty), which the lines around them join to the same text. Made
    a field at a time (see evidence.told_by_column). Timed in one process (15 runs
    each, in turn), the iterations of a report of 10,000 took 75–91 ms an iteration at
    a time, and 51–59 ms so; with line breaks in many texts (each such text is made
    inert on its own, either way), 142–147 and 124–130 ms."""
    if not its:
        return []
    if not are_dicts(its):
        return [line for it in its for line in _iteration(it, day, level)]
    told = "\n".join(told_by_column(its, day, _MARKUP[level]))
    return [told[:-1], ""]  # (each iteration's text ends with a line break)


def _markup(level: str) -> Markup:
    return Markup(
        head=f"{level} {{}}\n\n",
        openings=tuple(opening for _, opening in _OPENINGS),
        end="\n",
        facts=("- ", "**{}:** ", "\n"),
        tail="",
        heads=headings_all,
        each=inline_all,
        one=inline,
    )


# Each heading an idea's iterations are told under: a case study's, and a learning's.
_MARKUP = {"###": _markup("###"), "####": _markup("####")}


def _why(idea: dict[str, Any]) -> list[str]:
    said = reasons(idea)
    if not said:
        return []
    return ["**Why the check said so:**", "", *(f"- {block(text)}" for text in said), ""]


def _changes(idea: dict[str, Any]) -> list[str]:
    lines = [
        f"- {block(day)}: {inline(status)}"
        + (f" ({inline(by)})" if by else "")
        + (f": {inline(note)}" if note else "")
        for day, status, by, note in history_rows(idea)
    ]
    return ["**Status history:**", "", *lines, ""] if lines else []


def _learnings(summary: dict[str, Any], report: Report) -> Iterator[str]:
    yield from ("## What we learned", "")
    if not summary["learnings"]:
        yield from ("No iterations recorded yet.", "")
        return
    yield from ("Newest first, grouped by idea, with the evidence.", "")
    day, find = DayNames(), finder(report)
    # One piece an idea (or a chunk of ideas) with the blank line it ends with, less
    # the line break ``pieces`` puts after every piece: a million lines held apart
    # would cost more than their text.
    for text in written(summary["learnings"], lambda group: _told(group, find, day)):
        yield text[:-1]


def _told(group: dict[str, Any], find: Found, day: DayNames) -> str:
    """An idea the summary learned from, with its evidence, and a blank line."""
    idea, full, tries = learning_group(group, find)
    told = [
        f"### {heading(idea['title'])} ({inline(idea['ref'])})",
        "",
        inline(about(idea)),
        "",
        *_why(full),
        f"**Approval:** {inline(approval_line(full))}",
        "",
    ]
    told += _iterations(tries, day, "####")
    told += _changes(full)
    return "\n".join(told[:-1]) + "\n\n"


def _ideas(ideas: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The table of every idea: a row a line (or a chunk of rows), less the line break
    ``pieces`` puts after every line."""
    *head, end = table(IDEA_HEADERS, [])
    yield from head
    for text in rows_written(ideas, _row):
        yield text[:-1]
    yield end


def _row(row: list[str]) -> str:
    return "| " + " | ".join(map(cell, row)) + " |\n"


def _report(report: Report) -> Iterator[str]:
    summary = report["summary"]
    lines = ["## Headline figures", ""]
    lines += table(["Figure", "Value"], [[label, value] for label, value in headline_rows(summary)])
    lines += [inline(people_note(summary)), ""]
    if summary.get("over_time", {}).get("periods"):
        lines += ["## Over time", ""]
        lines += table(time_headers(summary), _cells(time_rows(summary)))
    lines += ["## By team", ""]
    lines += table(TEAM_HEADERS, _cells(team_rows(summary)))
    lines += ["## At a glance", ""]
    for key, title, counts in distributions(summary):
        if any(counts.values()):
            lines += [f"### {title}", ""]
            rows = [[cell(name), str(count)] for name, count in counts.items()]
            lines += table([CHART_HEADINGS[key], "Count"], rows)
    yield from lines
    yield from _learnings(summary, report)
    yield from ("## Ideas", "")
    yield from _ideas(report["ideas"])


def _case_study(idea: dict[str, Any]) -> list[str]:
    card, decided = card_and_decision(idea)
    lines = ["## In brief", ""]
    lines += table(["Fact", "Detail"], _cells([list(row) for row in brief_rows(idea)]))
    lines += [
        "## The check",
        "",
        f"Checked on {inline(uk_date(idea.get('created')))} with the card {inline(card)}. "
        f"**Decision: {inline(decided)}.**",
        "",
    ]
    given = answers(idea)
    if given:
        lines += table(["Question", "Answer"], _cells([list(pair) for pair in given]))
    lines += _why(idea)
    lines += ["## Approval", "", inline(approval_line(idea)), "", "## What was tried", ""]
    day = DayNames()
    ordered = oldest_first(idea)
    lines += _iterations(ordered, day, "###")
    if not ordered:
        lines += ["No iterations recorded yet.", ""]
    lines += ["## Status history", ""]
    lines += table(HISTORY_HEADERS, _cells(history_rows(idea)))
    return lines


def pieces(report: Report) -> Iterator[str]:
    """The text in pieces, in order: each line, then its line break (made as they are
    written, the text is never held whole)."""
    summary = report["summary"]
    title, source = title_and_source(report)
    body: Iterable[str]
    if is_case_study(report):
        lead, body = "A case study of one idea.", _case_study(report["ideas"][0])
    elif not summary["ideas"]:
        lead, run = nothing_yet(report)
        body = [inline(run), ""]
    else:
        lead, body = counts_line(summary), _report(report)
    lines = [f"# {heading(title)}", "", inline(source), "", inline(lead), ""]
    if report["problems"]:
        lines += ["**Not included** (could not be read):", ""]
        lines += [f"- {block(p)}" for p in report["problems"]] + [""]
    every = chain(lines, body)
    yield next(every)
    for line in every:
        yield "\n"
        yield line


def export(report: Report) -> str:
    return "".join(pieces(report))
