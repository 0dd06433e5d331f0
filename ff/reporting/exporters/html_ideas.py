"""The HTML report's ideas: the learnings with their evidence (what was tried, the
hypothesis, the measure, the prediction, what was observed, the result, hours and
money), the check's reasons, the approval and the status history; and one idea
told whole, as a case study."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ff.reporting.exporters.common import (
    DayNames,
    are_dicts,
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
    iteration_title,
    learning_group,
    oldest_first,
    reasons,
    told_by_column,
)
from ff.reporting.exporters.html_text import escaped as _e
from ff.reporting.exporters.html_text import escaped_all

# Each field of the evidence (EVIDENCE's order) and the HTML its text follows.
_OPENINGS = tuple(
    (field, f'<p class="{"learned" if field == "learned" else "text"}"><strong>{label}:</strong> ')
    for field, label in EVIDENCE
)


def _iteration(it: dict[str, Any], day: DayNames, level: int) -> str:
    """One iteration's evidence: each field it has (not None, not empty), in the cards'
    order, then its other facts (written out here: a report of 10,000 iterations
    writes 70,000 of these paragraphs)."""
    get = it.get
    parts = [f'<section class="it"><h{level}>{_e(iteration_title(it, day))}</h{level}>']
    for field, opening in _OPENINGS:
        value = get(field)
        if value is not None and value != "":
            parts += (opening, _e(value), "</p>")
    shown = facts(it)
    if shown:
        said = " · ".join(f"<strong>{label}:</strong> {_e(text)}" for label, text in shown)
        parts.append(f'<p class="facts">{said}</p>')
    parts.append("</section>")
    return "".join(parts)


def _iterations(its: list[dict[str, Any]], day: DayNames, level: int) -> str:
    """``_iteration`` of each iteration, joined: made a field at a time (see
    evidence.told_by_column). Timed in one process (15 runs each, in turn), the
    iterations of a report of 10,000 took 56–64 ms an iteration at a time, and 37–46
    ms so (the minimum and the median)."""
    if not its or not are_dicts(its):
        return "".join(_iteration(it, day, level) for it in its)
    return "".join(told_by_column(its, day, _MARKUP[level]))


def _markup(level: int) -> Markup:
    return Markup(
        head=f'<section class="it"><h{level}>{{}}</h{level}>',
        openings=tuple(opening for _, opening in _OPENINGS),
        end="</p>",
        facts=('<p class="facts">', "<strong>{}:</strong> ", "</p>"),
        tail="</section>",
        heads=escaped_all,
        each=escaped_all,
        one=_e,
    )


# Each heading level an idea's iterations are told at: a case study's, and a learning's.
_MARKUP = {3: _markup(3), 4: _markup(4)}


def _history(idea: dict[str, Any]) -> str:
    head = "".join(f'<th scope="col">{h}</th>' for h in HISTORY_HEADERS)
    rows = "".join(
        f'<tr><th scope="row">{_e(day)}</th><td>{_e(status)}</td><td>{_e(by)}</td>'
        f"<td>{_e(note)}</td></tr>"
        for day, status, by, note in history_rows(idea)
    )
    return f'<table class="history"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def _changes(idea: dict[str, Any]) -> str:
    """The status history as one short list (a table for each idea would crowd the page)."""
    items = "".join(
        f"<li>{_e(day)}: {_e(status)}"
        + (f" ({_e(by)})" if by else "")
        + (f": {_e(note)}" if note else "")
        + "</li>"
        for day, status, by, note in history_rows(idea)
    )
    if not items:
        return ""
    return f'<p><strong>Status history:</strong></p><ul class="history">{items}</ul>'


def _why(idea: dict[str, Any]) -> str:
    said = reasons(idea)
    if not said:
        return ""
    items = "".join(f"<li>{_e(text)}</li>" for text in said)
    return f"<p><strong>Why the check said so:</strong></p><ul>{items}</ul>"


def learnings(summary: dict[str, Any], report: dict[str, Any]) -> Iterator[str]:
    """Each idea tried, newest first, with every iteration's evidence: one piece each
    (or a chunk of them), made as it is written."""
    if not summary["learnings"]:
        yield '<p class="note">No iterations recorded yet.</p>'
        return
    day, find = DayNames(), finder(report)
    yield from written(summary["learnings"], lambda group: _article(group, find, day))


def _article(group: dict[str, Any], find: Found, day: DayNames) -> str:
    idea, full, chosen = learning_group(group, find)
    tries = _iterations(chosen, day, 4)
    return (
        f"<article><h3>{_e(idea['title'])} <small>({_e(idea['ref'])})</small></h3>"
        f'<p class="meta">{_e(about(idea))}</p>'
        f"{_why(full)}<p><strong>Approval:</strong> {_e(approval_line(full))}</p>"
        f"{tries}"
        f"{_changes(full)}"
        "</article>"
    )


def _in_brief(idea: dict[str, Any]) -> str:
    body = "".join(
        f'<tr><th scope="row">{_e(label)}</th><td>{_e(value)}</td></tr>'
        for label, value in brief_rows(idea)
    )
    return f"<table><tbody>{body}</tbody></table>"


def _check(idea: dict[str, Any]) -> str:
    rows = "".join(
        f'<tr><th scope="row">{_e(question)}</th><td>{_e(answer)}</td></tr>'
        for question, answer in answers(idea)
    )
    table = (
        '<table><thead><tr><th scope="col">Question</th><th scope="col">Answer</th></tr>'
        f"</thead><tbody>{rows}</tbody></table>"
        if rows
        else '<p class="note">The answers were not recorded.</p>'
    )
    card, decided = card_and_decision(idea)
    return (
        f"<p>Checked on {_e(uk_date(idea.get('created')))} with the card {_e(card)}. "
        f"<strong>Decision: {_e(decided)}.</strong></p>{table}{_why(idea)}"
    )


def case_study(idea: dict[str, Any]) -> str:
    """One idea's whole story: in brief, the check, the approval, every iteration with
    its evidence (oldest first, as it happened), the status history."""
    day = DayNames()
    story = _iterations(oldest_first(idea), day, 3) or (
        '<p class="note">No iterations recorded yet.</p>'
    )
    return (
        f'<h2 id="brief">In brief</h2>{_in_brief(idea)}'
        f'<h2 id="check">The check</h2>{_check(idea)}'
        f'<h2 id="approval">Approval</h2><p>{_e(approval_line(idea))}</p>'
        f'<h2 id="tried">What was tried</h2>{story}'
        f'<h2 id="history">Status history</h2>{_history(idea)}'
    )
