"""HTML: one self-contained page, for email, the intranet, or print on A4.

A report a director can read: the headline figures and charts first (over time, by
team, at a glance), then what was learned with its evidence, then every idea. One
idea chosen by its ref is told whole, as a case study. No scripts and no external
requests (a Content-Security-Policy says so to the browser too); charts are inline
SVG with a title, a description and a table of their values beside them; headings
go in order; tables have header cells; colours meet WCAG 2.2 AA contrast on white.
Every piece of user text goes through ``html.escape``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ff.reporting.exporters import Report
from ff.reporting.exporters.common import (
    CHART_HEADINGS,
    IDEA_HEADERS,
    TEAM_HEADERS,
    counts_line,
    distributions,
    headline_rows,
    nothing_yet,
    people_note,
    rows_written,
    team_rows,
    uk_date,
)
from ff.reporting.exporters.evidence import (
    is_case_study,
    title_and_source,
)
from ff.reporting.exporters.html_charts import activity, bars, data_table, results
from ff.reporting.exporters.html_ideas import case_study, learnings
from ff.reporting.exporters.html_text import escaped as _e

STYLE = """
:root { color: #1a1a1a; background: #ffffff; font-family: system-ui, -apple-system,
  "Segoe UI", Roboto, Arial, sans-serif; line-height: 1.45; }
body { margin: 0 auto; max-width: 62rem; padding: 1.5rem; }
h1 { font-size: 1.8rem; margin: 0 0 .25rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 .5rem; border-bottom: 2px solid #1d4f91; }
h3 { font-size: 1.1rem; margin: 1.25rem 0 .35rem; }
h4 { font-size: 1rem; margin: .8rem 0 .2rem; }
.meta, .note { color: #3d3d3d; }
.lead { font-size: 1.1rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid #767676; padding: .3rem .5rem; text-align: left;
  vertical-align: top; }
thead th, tbody th { background: #eef2f8; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(26rem, 1fr));
  gap: 0 1.5rem; }
figure { margin: 0 0 1rem; }
.pair { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: flex-start; }
.pair .drawing { flex: 1 1 18rem; min-width: 0; }
.pair table { flex: 1 1 12rem; width: auto; margin: 0; font-size: .9rem; }
.pair tbody th { white-space: nowrap; }
.pair.wide { flex-direction: column; align-items: stretch; }
.pair.wide .drawing svg { width: 100%; }
svg { max-width: 100%; height: auto; }
article { border-left: 4px solid #1d4f91; padding: .1rem 0 .1rem 1rem; margin: 1rem 0; }
.it { border-top: 1px solid #d0d0d0; padding-top: .2rem; margin: .6rem 0; }
.it p { margin: .15rem 0; white-space: pre-line; }
.learned { font-size: 1.05rem; }
ul.history { margin: .2rem 0; }
.problem { border: 2px solid #a4000f; padding: .5rem 1rem; color: #a4000f; }
.text { white-space: pre-line; }
code { font-family: ui-monospace, Consolas, monospace; }
@media print {
  @page { size: A4; margin: 15mm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { margin-top: 1.2rem; }
  figure, tr, .it, li { break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; }
}
"""
# The browser is told too: nothing external, no scripts.
POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _headline(summary: dict[str, Any]) -> str:
    rows = "".join(
        f'<tr><th scope="row">{_e(label)}</th><td class="n">{_e(value)}</td></tr>'
        for label, value in headline_rows(summary)
    )
    return f'<table class="headline"><tbody>{rows}</tbody></table>'


def _glance(summary: dict[str, Any]) -> str:
    """The distributions as charts; one whose counts are all 0 says so instead."""
    charts = []
    for key, title, counts in distributions(summary):
        note = people_note(summary) if key == "people" else ""
        if any(counts.values()):
            charts.append(bars(key, title, counts, CHART_HEADINGS[key], note))
    return f'<div class="charts">{"".join(charts)}</div>'


def _ideas(ideas: Iterable[dict[str, Any]]) -> Iterator[str]:
    """Every idea, a row each (IDEA_HEADERS), the count of iterations set to the right."""
    head = "".join(f'<th scope="col">{_e(h)}</th>' for h in IDEA_HEADERS)
    yield f"<table><thead><tr>{head}</tr></thead><tbody>"
    yield from rows_written(ideas, _row)
    yield "</tbody></table>"


def _row(row: list[str]) -> str:
    cells = "".join(f"<td>{_e(words)}</td>" for words in row[:-1])
    return f'<tr>{cells}<td class="n">{_e(row[-1])}</td></tr>'


def _report(report: Report) -> Iterator[str]:
    summary = report["summary"]
    over_time = summary.get("over_time", {}).get("periods")
    time = f'<h2 id="time">Over time</h2>{activity(summary)}' if over_time else ""
    if over_time and summary["iterations"]:
        time += results(summary)
    yield (
        f'<h2 id="figures">Headline figures</h2>{_headline(summary)}'
        f'<p class="note">{_e(people_note(summary))}</p>'
        f"{time}"
        f'<h2 id="teams">By team</h2>{data_table(TEAM_HEADERS, team_rows(summary))}'
        f'<h2 id="glance">At a glance</h2>{_glance(summary)}'
        f'<h2 id="learnings">What we learned</h2>'
        '<p class="note">Newest first, grouped by idea, with the evidence: every try '
        "counts, the failures too.</p>"
    )
    yield from learnings(summary, report)
    yield '<h2 id="ideas">All ideas</h2>'
    yield from _ideas(report["ideas"])


def pieces(report: Report) -> Iterator[str]:
    """The page in pieces, in order, each made as it is written (never held whole)."""
    summary = report["summary"]
    problems = "".join(f"<li>{_e(p)}</li>" for p in report["problems"])
    problem_block = (
        f'<div class="problem" role="note"><p><strong>Not included</strong> '
        f"(could not be read):</p><ul>{problems}</ul></div>"
        if problems
        else ""
    )
    title, source = title_and_source(report)
    body: Iterable[str]
    if is_case_study(report):
        idea = report["ideas"][0]
        lead = f"A case study of one idea, checked {uk_date(idea.get('created'))}."
        body = [case_study(idea)]
    elif not summary["ideas"]:
        lead, run = nothing_yet(report)
        body = [f"<p>{_e(run)}</p>"]
    else:
        lead = counts_line(summary)
        body = _report(report)
    head = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{POLICY}">
<title>{_e(title)}</title>
<style>{STYLE}</style>
</head>
<body>
<main>
<h1>{_e(title)}</h1>
<p class="meta">{_e(source)}</p>
<p class="lead">{_e(lead)}</p>
{problem_block}
"""
    yield head
    yield from body
    yield "\n</main>\n</body>\n</html>\n"


def export(report: Report) -> str:
    return "".join(pieces(report))
