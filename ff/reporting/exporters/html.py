"""HTML: one self-contained page, for email, the intranet, or print on A4.

No scripts and no external requests (a Content-Security-Policy says so to the
browser too); charts are inline SVG, each with a title, a description and a
caption that gives every value as text; headings go in order; tables have
header cells; colours meet WCAG 2.2 AA contrast on white. Every piece of user
text goes through ``html.escape``.
"""

from __future__ import annotations

from html import escape
from typing import Any

from ff.levels import level_title
from ff.reporting.exporters import Report
from ff.reporting.exporters.common import (
    DayNames,
    distributions,
    headline_rows,
    uk_date,
)

STYLE = """
:root { color: #1a1a1a; background: #ffffff; font-family: system-ui, -apple-system,
  "Segoe UI", Roboto, Arial, sans-serif; line-height: 1.45; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
h1 { font-size: 1.8rem; margin: 0 0 .25rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 .5rem; border-bottom: 2px solid #1d4f91; }
h3 { font-size: 1.1rem; margin: 1.25rem 0 .35rem; }
.meta, .note { color: #3d3d3d; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid #767676; padding: .3rem .5rem; text-align: left;
  vertical-align: top; }
thead th, tbody th { background: #eef2f8; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(17rem, 1fr));
  gap: 1rem; }
figure { margin: 0; }
svg { max-width: 100%; height: auto; }
.it { border-top: 1px solid #d0d0d0; padding-top: .3rem; }
.it p { margin: .15rem 0; }
figcaption { font-size: .9rem; color: #3d3d3d; }
article { border-left: 4px solid #1d4f91; padding: .1rem 0 .1rem 1rem; margin: 1rem 0; }
.learned { font-size: 1.05rem; margin: .2rem 0; white-space: pre-line; }
.it { margin: .6rem 0; }
.tag { font-weight: 600; }
.problem { border: 2px solid #a4000f; padding: .5rem 1rem; color: #a4000f; }
.text { white-space: pre-line; }
@media print {
  @page { size: A4; margin: 15mm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  article, figure, tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}
"""
BAR = "#1d4f91"  # 8.7:1 on white
# The browser is told too: nothing external, no scripts.
POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _e(value: Any) -> str:
    text = value if type(value) is str else "" if value is None else str(value)
    # Most text needs nothing escaped: looking is quicker than five replacements.
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return escape(text, quote=True)
    return text


def _chart(key: str, title: str, counts: dict[str, int]) -> str:
    """A horizontal bar chart as inline SVG, with every value also given as text."""
    items = list(counts.items())
    most = max([v for _, v in items] + [1])
    row, label_width, bar_width = 26, 130, 170
    height = row * len(items) + 8
    said = ", ".join(f"{k}: {v}" for k, v in items)
    parts = [
        f'<svg role="img" aria-labelledby="t-{key} d-{key}" width="{label_width + bar_width + 50}" '
        f'viewBox="0 0 {label_width + bar_width + 50} {height}" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="t-{key}">{_e(title)}</title><desc id="d-{key}">{_e(said)}</desc>',
    ]
    for index, (name, value) in enumerate(items):
        y = 4 + index * row
        width = round(bar_width * value / most)
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 16}" text-anchor="end" '
            f'font-size="13" fill="#1a1a1a">{_e(name)}</text>'
        )
        parts.append(
            f'<rect x="{label_width}" y="{y + 3}" width="{width}" height="18" fill="{BAR}"/>'
        )
        parts.append(
            f'<text x="{label_width + width + 6}" y="{y + 16}" font-size="13" '
            f'fill="#1a1a1a">{value}</text>'
        )
    parts.append("</svg>")
    return (
        f'<figure><h3 id="h-{key}">{_e(title)}</h3>{"".join(parts)}'
        f"<figcaption>{_e(title)}: {_e(said)}.</figcaption></figure>"
    )


def _headline(summary: dict[str, Any]) -> str:
    rows = "".join(
        f'<tr><th scope="row">{_e(label)}</th><td class="n">{_e(value)}</td></tr>'
        for label, value in headline_rows(summary)
    )
    return f"<table><tbody>{rows}</tbody></table>"


def _iteration(it: dict[str, Any], day: DayNames) -> str:
    facts = (
        f'<span class="tag">Iteration {_e(it["number"])}</span> · {_e(day(it["date"]))}'
        f" · {_e(str(it.get('result', '')).capitalize())}"
    )
    if it.get("decision"):
        facts += f" · decision: {_e(it['decision'])}"
    html = (
        f'<div class="it"><p>{facts}</p>'
        f'<p class="learned"><strong>Learned:</strong> {_e(it.get("learned"))}</p>'
    )
    if it.get("next_step"):
        html += f'<p class="text"><strong>Next:</strong> {_e(it["next_step"])}</p>'
    if it.get("with"):
        html += f"<p><strong>With:</strong> {_e(', '.join(it['with']))}</p>"
    return html + "</div>"


def _learnings(summary: dict[str, Any]) -> str:
    if not summary["learnings"]:
        return '<p class="note">No iterations recorded yet.</p>'
    articles = []
    day = DayNames()
    for group in summary["learnings"]:
        idea = group["idea"]
        about = (
            f"Team: {_e(idea.get('team') or '-')}. Status: {_e(idea.get('status'))}. "
            f"Check: {_e(level_title(idea.get('level')))}. "
            f"Journal: {_e(', '.join(idea.get('journals') or []))}."
        )
        articles.append(
            f"<article><h3>{_e(idea['title'])} <small>({_e(idea['ref'])})</small>"
            f'</h3><p class="meta">{about}</p>'
            + "".join(_iteration(it, day) for it in group["iterations"])
            + "</article>"
        )
    return "".join(articles)


def _ideas(ideas: list[dict[str, Any]]) -> str:
    head = "".join(
        f'<th scope="col">{h}</th>'
        for h in ("Ref", "Checked", "Title", "Team", "Check", "Status", "Iterations")
    )
    rows = "".join(
        f"<tr><td>{_e(i.get('ref'))}</td><td>{_e(uk_date(i.get('created')))}</td>"
        f"<td>{_e(i.get('title'))}</td><td>{_e(i.get('team') or '')}</td>"
        f"<td>{_e(i.get('level'))}</td><td>{_e(i.get('status'))}</td>"
        f'<td class="n">{len(i.get("iterations") or [])}</td></tr>'
        for i in ideas
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def export(report: Report) -> str:
    summary = report["summary"]
    problems = "".join(f"<li>{_e(p)}</li>" for p in report["problems"])
    problem_block = (
        f'<div class="problem" role="note"><p><strong>Not included</strong> '
        f"(could not be read):</p><ul>{problems}</ul></div>"
        if problems
        else ""
    )
    charts = "".join(_chart(key, title, counts) for key, title, counts in distributions(summary))
    journals = ", ".join(report["journals"])
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{POLICY}">
<title>What we tried and learned</title>
<style>{STYLE}</style>
</head>
<body>
<main>
<h1>What we tried and learned</h1>
<p class="meta">Generated {_e(uk_date(report["generated"]))} from {len(report["journals"])}
journal(s): {_e(journals)}. {summary["ideas"]} idea(s), {summary["iterations"]} iteration(s).</p>
{problem_block}
<h2 id="figures">Headline figures</h2>
{_headline(summary)}
<h2 id="learnings">What we learned</h2>
<p class="note">Newest first, grouped by idea: every try counts, the failures too.</p>
{_learnings(summary)}
<h2 id="glance">At a glance</h2>
<div class="charts">{charts}</div>
<h2 id="ideas">All ideas</h2>
{_ideas(report["ideas"])}
</main>
</body>
</html>
"""
