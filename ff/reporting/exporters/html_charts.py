"""The HTML report's charts: inline SVG (no script, nothing fetched), each with a title
and a description for screen readers and a table beside it that gives every value
as text. Colours reach at least 4.5:1 on white (WCAG 2.2 AA asks 3:1 of graphics)."""

from __future__ import annotations

from typing import Any

from ff.reporting.exporters.common import RESULT_NAMES, span_name, time_headers, time_rows
from ff.reporting.exporters.html_text import escaped as _e

BAR = "#1d4f91"  # 8.1:1 on white
INK = "#1a1a1a"
# The series over time: ideas checked, iterations; and each result.
CHECKED, TRIED = BAR, "#a84b00"  # 5.7:1
RESULT_COLOURS = {
    "success": "#1e6b3a",  # 6.5:1
    "partial": "#8a6500",  # 5.3:1
    "failure": "#b3261e",  # 6.5:1
    "inconclusive": "#6b3fa0",  # 7.4:1
}


def data_table(headers: list[str], rows: list[list[str]], numeric_from: int = 1) -> str:
    """A table of words: a header cell on top of each column and at the start of each
    row; the cells from column ``numeric_from`` on are numbers, set to the right."""
    head = "".join(f'<th scope="col">{_e(h)}</th>' for h in headers)
    body = "".join(
        f'<tr><th scope="row">{_e(row[0])}</th>'
        + "".join(
            f'<td class="n">{_e(cell)}</td>' if i >= numeric_from else f"<td>{_e(cell)}</td>"
            for i, cell in enumerate(row[1:], 1)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _figure(key: str, title: str, svg: str, table: str, note: str = "", wide: bool = False) -> str:
    """A chart with its table beside it (``wide``: above it, across the page)."""
    extra = f'<p class="note">{_e(note)}</p>' if note else ""
    pair = "pair wide" if wide else "pair"
    return (
        f'<figure aria-labelledby="h-{key}"><h3 id="h-{key}">{_e(title)}</h3>'
        f'<div class="{pair}"><div class="drawing">{svg}</div>{table}</div>{extra}</figure>'
    )


def _svg(key: str, title: str, said: str, width: int, height: int, body: list[str]) -> str:
    return (
        f'<svg role="img" aria-labelledby="t-{key} d-{key}" width="{width}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="t-{key}">{_e(title)}</title><desc id="d-{key}">{_e(said)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def bars(key: str, title: str, counts: dict[str, int], heading: str, note: str = "") -> str:
    """A horizontal bar chart, and the counts as a table beside it."""
    items = list(counts.items())
    most = max([v for _, v in items] + [1])
    row, label_width, bar_width = 26, 130, 170
    said = ", ".join(f"{k}: {v}" for k, v in items)
    body = []
    for index, (name, value) in enumerate(items):
        y = 4 + index * row
        width = round(bar_width * value / most)
        label = name if len(name) <= 18 else name[:17] + "…"
        body.append(
            f'<text x="{label_width - 6}" y="{y + 16}" text-anchor="end" '
            f'font-size="13" fill="{INK}">{_e(label)}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{width}" height="18" fill="{BAR}"/>'
            f'<text x="{label_width + width + 6}" y="{y + 16}" font-size="13" '
            f'fill="{INK}">{value}</text>'
        )
    svg = _svg(key, title, said, label_width + bar_width + 50, row * len(items) + 8, body)
    table = data_table([heading, "Count"], [[name, str(value)] for name, value in items])
    return _figure(key, title, svg, table, note)


def _legend(series: list[tuple[str, str]], width: int) -> tuple[str, int]:
    """The key to the colours, in as many rows as the width needs; and its height."""
    parts, x, y = [], 36, 4
    for name, colour in series:
        room = 26 + round(7.5 * len(name))  # a generous width for 12px text
        if x + room > width and x > 36:
            x, y = 36, y + 18
        parts.append(
            f'<rect x="{x}" y="{y}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{x + 16}" y="{y + 11}" font-size="12" fill="{INK}">{_e(name)}</text>'
        )
        x += room
    return "".join(parts), y + 22


def _axis_labels(periods: list[dict[str, Any]], unit: str, x0: int, slot: int, y: int) -> str:
    parts = []
    for index, row in enumerate(periods):
        x = x0 + index * slot + slot // 2
        span = str(row["period"])
        words = span_name(span, unit).split(" ")
        parts.append(
            f'<text x="{x}" y="{y}" text-anchor="middle" font-size="11" '
            f'fill="{INK}">{_e(words[0])}</text>'
        )
        if len(words) > 1 and (index == 0 or span.endswith("-01")):
            parts.append(
                f'<text x="{x}" y="{y + 13}" text-anchor="middle" font-size="11" '
                f'fill="{INK}">{_e(words[1])}</text>'
            )
    return "".join(parts)


def _slot(count: int) -> int:
    """The width of each period's bars: narrower as there are more, so that three years
    of months still fit a page at a readable size."""
    return 48 if count <= 12 else 32 if count <= 24 else 24


def _frame(count: int, series: list[tuple[str, str]]) -> tuple[int, int, int, int, str]:
    """Where the bars go: left edge, top, plot height, the picture's width; the key."""
    x0, plot = 36, 150
    width = max(440, x0 + count * _slot(count) + 10)
    legend, top = _legend(series, width)
    return x0, top + 12, plot, width, legend


def activity(summary: dict[str, Any]) -> str:
    """Ideas checked and iterations in each month: paired bars, and the table."""
    over = summary["over_time"]
    periods, unit = over["periods"], over["unit"]
    slot = _slot(len(periods))
    bar = (slot - 10) // 2  # two bars side by side, a gap either side
    x0, top, plot, width, legend = _frame(
        len(periods), [("Ideas checked", CHECKED), ("Iterations", TRIED)]
    )
    most = max([max(p["ideas_checked"], p["iterations"]) for p in periods] + [1])
    body = [legend]
    said = []
    for index, row in enumerate(periods):
        x = x0 + index * slot + (slot - 2 * bar - 1) // 2
        for offset, (field, colour) in enumerate(
            (("ideas_checked", CHECKED), ("iterations", TRIED))
        ):
            value = row[field]
            height = round(plot * value / most)
            left = x + offset * (bar + 1)
            body.append(
                f'<rect x="{left}" y="{top + plot - height}" width="{bar}" '
                f'height="{height}" fill="{colour}"/>'
            )
            if value:
                body.append(
                    f'<text x="{left + bar / 2:g}" y="{top + plot - height - 3}" '
                    f'text-anchor="middle" '
                    f'font-size="11" fill="{INK}">{value}</text>'
                )
        said.append(
            f"{span_name(row['period'], unit)}: {row['ideas_checked']} checked, "
            f"{row['iterations']} iterations"
        )
    body.append(f'<rect x="{x0}" y="{top + plot}" width="{width - x0}" height="1" fill="{INK}"/>')
    body.append(_axis_labels(periods, unit, x0, slot, top + plot + 14))
    title = f"Ideas checked and iterations, by {unit}"
    svg = _svg("activity", title, "; ".join(said), width, top + plot + 32, body)
    rows = [r[:3] for r in time_rows(summary)]
    table = data_table(time_headers(summary)[:3], rows)
    return _figure("activity", title, svg, table, wide=len(periods) > 12)


def results(summary: dict[str, Any]) -> str:
    """Iterations by result in each month: stacked bars, and the table."""
    over = summary["over_time"]
    periods, unit = over["periods"], over["unit"]
    slot = _slot(len(periods))
    bar = slot - 16
    series = [(RESULT_NAMES[r], RESULT_COLOURS[r]) for r in RESULT_NAMES]
    x0, top, plot, width, legend = _frame(len(periods), series)
    most = max([p["iterations"] for p in periods] + [1])
    body = [legend]
    said = []
    for index, row in enumerate(periods):
        x, base = x0 + index * slot + 8, top + plot
        for result, colour in RESULT_COLOURS.items():
            value = row["by_result"].get(result, 0)
            height = round(plot * value / most)
            if height:
                base -= height
                body.append(
                    f'<rect x="{x}" y="{base}" width="{bar}" height="{height}" fill="{colour}" '
                    f'stroke="#ffffff" stroke-width="1"/>'
                )
        if row["iterations"]:
            body.append(
                f'<text x="{x + bar / 2:g}" y="{base - 3}" text-anchor="middle" font-size="11" '
                f'fill="{INK}">{row["iterations"]}</text>'
            )
        counts = ", ".join(
            f"{row['by_result'].get(r, 0)} {name.lower()}" for r, name in RESULT_NAMES.items()
        )
        said.append(f"{span_name(row['period'], unit)}: {counts}")
    body.append(f'<rect x="{x0}" y="{top + plot}" width="{width - x0}" height="1" fill="{INK}"/>')
    body.append(_axis_labels(periods, unit, x0, slot, top + plot + 14))
    title = f"Results of iterations, by {unit}"
    svg = _svg("over-results", title, "; ".join(said), width, top + plot + 32, body)
    headers = time_headers(summary)
    rows = [[r[0], *r[3:]] for r in time_rows(summary)]
    table = data_table([headers[0], *headers[3:]], rows)
    return _figure("over-results", title, svg, table, wide=len(periods) > 12)
