"""An idea's story in words, shared by the HTML and Markdown exports: each iteration's
evidence (the fields of the cards, who took part, hours and money), the check's
questions, answers and reasons, the approval, the status history, a case study's
facts in brief, and which ideas and iterations each tells, in what order."""

from __future__ import annotations

import functools
from collections.abc import Callable
from itertools import repeat
from typing import Any, cast

from ff.levels import level_title
from ff.light import dataclass
from ff.numbers import is_number, pounds
from ff.reporting.exporters.common import (
    RESULT_NAMES,
    TITLE,
    DayNames,
    column,
    number,
    plural,
    uk_date,
)

# An iteration's fields in the order of the cards, as a reader sees them named.
EVIDENCE = (
    ("hypothesis", "Hypothesis"),
    ("test", "What we tried"),
    ("measure", "Measure"),
    ("criteria", "Prediction"),
    ("observed", "What we observed"),
    ("learned", "Learned"),
    ("next_step", "Next"),
)


@functools.lru_cache(maxsize=4096)
def _amount(value: float | int, unit: str) -> str:
    # Remembered: a council's iterations repeat a few amounts (2 hours, £40) many times.
    return pounds(value) if unit == "£" else number(value, "hour" if value == 1 else "hours")


# An iteration's other facts: its field, its label, and the unit of its amount (none:
# who took part, a list of names).
_FACTS = (("with", "With", ""), ("hours", "Hours", "h"), ("cost", "Money", "£"))


def facts(iteration: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, text) of an iteration's other facts: who took part, hours and money."""
    told = ((label, _fact(iteration.get(field), unit)) for field, label, unit in _FACTS)
    return [(label, text) for label, text in told if text is not None]


def _fact(value: Any, unit: str) -> str | None:
    """A fact as ``facts`` tells it; None if the iteration has none (nobody named)."""
    if not unit:
        return ", ".join(map(str, value)) if value else None
    if value is None:
        return None
    return _amount(value, unit) if is_number(value) else str(value)


def iteration_title(iteration: dict[str, Any], day: DayNames) -> str:
    """Iteration 2 · 14 Apr 2026 · Success · decision: adapt."""
    result = str(iteration.get("result") or "")
    title = f"Iteration {iteration.get('number')} · {day(iteration.get('date'))}"
    title += f" · {RESULT_NAMES.get(result, result)}"
    if iteration.get("decision"):
        title += f" · decision: {iteration['decision']}"
    return title


# An idea's iterations told a field at a time (see common.column): the exports'
# iterations are most of their text (html_ideas and markdown say what it saved).


def iteration_titles(iterations: list[dict[str, Any]], day: DayNames) -> list[str]:
    """``iteration_title`` of each iteration."""
    dates = column(iterations, "date")
    try:
        days = list(map(day.__getitem__, dates))  # (remembered: see DayNames)
    except TypeError:  # a value that cannot be a key
        days = list(map(day, dates))
    results = column(iterations, "result")
    if set(map(type, results)) != {str}:
        results = [str(result or "") for result in results]
    named = map(RESULT_NAMES.get, results, results)
    titles = list(map("Iteration {} · {} · {}".format, column(iterations, "number"), days, named))
    decisions = column(iterations, "decision")
    if any(decisions):
        return [
            f"{title} · decision: {decision}" if decision else title
            for title, decision in zip(titles, decisions, strict=True)
        ]
    return titles


_NUMBERS = frozenset((int, float))


def fact_columns(iterations: list[dict[str, Any]]) -> list[tuple[str, list[str | None]]]:
    """``facts`` of each iteration, a fact at a time: (label, each iteration's text, None
    where it has none) for each fact that any iteration has."""
    found = []
    for field, label, unit in _FACTS:
        values = column(iterations, field)
        kinds = set(map(type, values))
        if kinds == {type(None)}:
            continue
        texts: list[str | None]
        if unit and kinds <= _NUMBERS:
            texts = list(map(_amount, values, repeat(unit)))
        elif not unit and kinds == {list} and all(values):
            texts = _people(values, unit)
        else:
            texts = [_fact(value, unit) for value in values]
        found.append((label, texts))
    return found


def _people(values: list[list[Any]], unit: str) -> list[str | None]:
    """Who took part in each iteration (every one named someone), joined in C where
    every name is text."""
    try:
        return list(map(", ".join, values))
    except TypeError:  # (a name that is not text)
        return [_fact(value, unit) for value in values]


@dataclass(frozen=True)
class Markup:
    """How a format tells an iteration, for ``told_by_column``: its opening before the
    title (with ``{}`` for it), its opening before each field's text (EVIDENCE's order)
    and what ends that text, its facts' opening, label (with ``{}`` for the label) and
    end, what ends the iteration, and how it makes user text inert: ``heads`` for the
    titles, ``each`` for a column of texts, ``one`` for one value (of any kind)."""

    head: str
    openings: tuple[str, ...]
    end: str
    facts: tuple[str, str, str]
    tail: str
    heads: Callable[[list[str]], list[str]]
    each: Callable[[list[str]], list[str]]
    one: Callable[[Any], str]


def told_by_column(its: list[dict[str, Any]], day: DayNames, markup: Markup) -> list[str]:
    """Each iteration's title, evidence and facts, as ``markup`` tells them, made a field
    at a time: a field every iteration has as text, or none has, is one place in one
    pattern for them all (most are), anything else is told value by value."""
    pattern = [markup.head]
    columns = [markup.heads(iteration_titles(its, day))]
    for (field, _), opening in zip(EVIDENCE, markup.openings, strict=True):
        values = column(its, field)
        kinds = set(map(type, values))
        if kinds == {type(None)}:
            continue
        if kinds == {str} and all(values):
            pattern.append(opening + "{}" + markup.end)
            columns.append(markup.each(values))
        else:
            pattern.append("{}")
            columns.append([_told(value, opening, markup) for value in values])
    _facts_in(fact_columns(its), markup, pattern, columns)
    pattern.append(markup.tail)
    return list(map("".join(pattern).format, *columns))


def _told(value: Any, opening: str, markup: Markup) -> str:
    return "" if value is None or value == "" else opening + markup.one(value) + markup.end


def _facts_in(
    found: list[tuple[str, list[str | None]]],
    markup: Markup,
    pattern: list[str],
    columns: list[list[str]],
) -> None:
    """The iterations' facts, added to the pattern and its columns: a place for each when
    every iteration has all of them, else one place for them all."""
    if not found:
        return
    opening, label, end = markup.facts
    if all(None not in texts for _, texts in found):
        pattern.append(opening + " · ".join(label.format(name) + "{}" for name, _ in found) + end)
        columns += [markup.each(cast("list[str]", texts)) for _, texts in found]
        return
    pattern.append("{}")
    columns.append([_facts_of(found, n, markup) for n in range(len(found[0][1]))])


def _facts_of(found: list[tuple[str, list[str | None]]], n: int, markup: Markup) -> str:
    opening, label, end = markup.facts
    shown = [(name, texts[n]) for name, texts in found if texts[n] is not None]
    said = " · ".join(label.format(name) + markup.one(text) for name, text in shown)
    return opening + said + end if said else ""


def approvals(idea: dict[str, Any]) -> list[str]:
    """Each approval recorded: "Approved by Jo Evans on 4 Mar 2026: note"."""
    said = []
    for change in idea.get("status_history") or []:
        if change.get("status") == "approved":
            by = change.get("by") or "someone unnamed"
            words = f"Approved by {by} on {uk_date(change.get('at'))}"
            said.append(words + (f": {change['note']}" if change.get("note") else "."))
    return said


def approval_line(idea: dict[str, Any]) -> str:
    """The approval, or why there is none."""
    given = approvals(idea)
    if given:
        return " ".join(given)
    if idea.get("level") in ("go", "caution"):
        return "No approval was needed: the check said it could go ahead."
    return "No approval is recorded."


def brief_rows(idea: dict[str, Any]) -> list[tuple[str, str]]:
    """A case study's facts in brief: (label, value)."""
    tries = idea.get("iterations") or []
    results: dict[str, int] = {}
    for it in tries:
        name = RESULT_NAMES.get(str(it.get("result")), str(it.get("result"))).lower()
        results[name] = results.get(name, 0) + 1
    hours = [float(it["hours"]) for it in tries if is_number(it.get("hours"))]
    cost = [float(it["cost"]) for it in tries if is_number(it.get("cost"))]
    people = sorted({str(p) for it in tries for p in it.get("with") or []})
    return [
        ("Checked", uk_date(idea.get("created"))),
        ("Check decision", level_title(idea.get("level"))),
        ("Approval", approval_line(idea)),
        ("Status now", str(idea.get("status"))),
        ("Team", str(idea.get("team") or "-")),
        ("Owner", str(idea.get("owner") or "-")),
        (
            "Iterations",
            plural(len(tries), "iteration")
            + (": " + ", ".join(f"{n} {r}" for r, n in results.items()) if results else ""),
        ),
        ("Who took part", ", ".join(people) or "-"),
        ("Hours spent (where recorded)", number(sum(hours)) if hours else "-"),
        ("Money spent (where recorded)", pounds(sum(cost)) if cost else "-"),
    ]


def reasons(idea: dict[str, Any]) -> list[str]:
    """The check's reasons for its decision, as the card worded them."""
    found = idea.get("reasons") or []
    return [str(r.get("text")) for r in found if isinstance(r, dict) and r.get("text")]


def answers(idea: dict[str, Any]) -> list[tuple[str, str]]:
    """(question, answer) of the check, in the card's words where they were recorded."""
    rows = []
    for given in idea.get("answers") or []:
        if isinstance(given, dict):
            question = given.get("text") or given.get("question")
            rows.append((str(question), str(given.get("label") or given.get("answer"))))
    return rows


HISTORY_HEADERS = ["Date", "Status", "By", "Note"]


def history_rows(idea: dict[str, Any]) -> list[list[str]]:
    """The status history, oldest first."""
    return [
        [
            uk_date(change.get("at")),
            str(change.get("status") or ""),
            str(change.get("by") or ""),
            str(change.get("note") or ""),
        ]
        for change in idea.get("status_history") or []
    ]


def about(idea: dict[str, Any]) -> str:
    """Team, status, check and journal of an idea, in one line."""
    return (
        f"Team: {idea.get('team') or '-'}. Status: {idea.get('status')}. "
        f"Check: {level_title(idea.get('level'))}. "
        f"Journal: {', '.join(idea.get('journals') or [])}."
    )


def mapping(value: Any) -> dict[str, Any]:
    """A record's field that should hold a mapping (a card, an outcome), or an empty one."""
    return value if isinstance(value, dict) else {}


def card_and_decision(idea: dict[str, Any]) -> tuple[str, str]:
    """The card the idea was checked with (its title, else its id) and the check's
    decision (the outcome's title, else the level's)."""
    card = mapping(idea.get("card"))
    outcome = mapping(idea.get("outcome"))
    return (
        str(card.get("title") or card.get("id") or "-"),
        str(outcome.get("title") or level_title(idea.get("level"))),
    )


def oldest_first(idea: dict[str, Any]) -> list[dict[str, Any]]:
    """An idea's iterations as they happened, by date then number: a case study tells
    its story in that order."""
    tries: list[dict[str, Any]] = idea.get("iterations") or []
    return sorted(tries, key=lambda it: (str(it.get("date")), it.get("number") or 0))


def full_records(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The report's ideas (full records, with their evidence) by id."""
    return {str(idea.get("id")): idea for idea in report["ideas"]}


Found = Callable[[str], "dict[str, Any] | None"]


def finder(report: dict[str, Any]) -> Found:
    """How to find one of the report's ideas (its full record) by its id."""
    ideas = report["ideas"]
    find: Found | None = getattr(ideas, "find", None)  # ideas kept on disk find their own
    return find if find is not None else full_records(report).get


def learning_group(
    group: dict[str, Any], find: Found
) -> tuple[dict[str, Any], dict[str, Any], list[dict[str, Any]]]:
    """An idea the summary learned from: the summary's few fields of it, its full
    record (the check, the approval, the status history), and the iterations the
    summary chose, each as its full record (with the evidence the summary leaves out)."""
    idea = group["idea"]
    full = find(str(idea.get("id"))) or idea
    by_number = {it.get("number"): it for it in full.get("iterations") or []}
    return idea, full, [by_number.get(it.get("number"), it) for it in group["iterations"]]


def is_case_study(report: dict[str, Any]) -> bool:
    """One idea, chosen by its ref: the export tells its whole story."""
    return len(report["ideas"]) == 1 and bool(report["filters"].get("idea"))


def title_and_source(report: dict[str, Any]) -> tuple[str, str]:
    """The report's title (the one given, else a case study's idea, else the usual
    one) and the line saying when and from which journals it was made."""
    journals = report["journals"]
    source = f"Made on {uk_date(report['generated'])} from {plural(len(journals), 'journal')}"
    source += f": {', '.join(journals)}." if journals else "."
    if report.get("title"):
        return str(report["title"]), source
    if is_case_study(report):
        idea = report["ideas"][0]
        return f"{idea.get('title')} ({idea.get('ref')})", source
    return TITLE, source
