"""The journal's words: the columns of the list of ideas, an idea's facts, an
iteration's fields, a status history; and each as plain text (``journal_view``
chooses it, or ``journal_rich``'s layout in a terminal)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ff.numbers import pounds
from ff.terminal import console

IDEA_COLUMNS = ("Ref", "Date", "Level", "Status", "Tries", "Owner", "Team", "Title")

# An iteration's texts, as the person wrote them, with their labels, in order.
ITERATION_LABELS = (
    ("hypothesis", "We believed"),
    ("test", "We tried"),
    ("measure", "Measured"),
    ("criteria", "Right if"),
    ("observed", "We observed"),
    ("next_step", "Next we will"),
)


def idea_rows(records: Sequence[Mapping[str, Any]]) -> list[list[str]]:
    """One row of cells per idea, in ``IDEA_COLUMNS`` order, safe to show."""
    safe = console.safe
    return [
        [
            str(r.get("ref", "")),
            console.day(r.get("created")),
            str(r.get("level", "")),
            str(r.get("status", "")),
            str(len(r.get("iterations", []))),
            safe(r.get("owner") or ""),
            safe(r.get("team") or ""),
            safe(r.get("title", "")).replace("\n", " "),
        ]
        for r in records
    ]


def facts(pairs: Sequence[tuple[str, str]]) -> list[str]:
    """Labels in a column, each value beside its label; a value's later lines
    indented under its first."""
    width = max((len(label) for label, _ in pairs), default=0) + 2
    return [
        label.ljust(width) + console.safe(value).replace("\n", "\n" + " " * width)
        for label, value in pairs
    ]


def idea_facts(record: Mapping[str, Any]) -> list[tuple[str, str]]:
    card = record.get("card", {})
    checked = f"{console.day(record.get('created'))} ({record.get('created')})"
    if record.get("recorded_at"):  # checked on an earlier day (ff check --date)
        checked += f", recorded {console.day(record['recorded_at'])}"
    return [
        ("Checked", checked),
        ("Owner", str(record.get("owner") or "")),
        ("Team", str(record.get("team") or "-")),
        ("Tags", ", ".join(record.get("tags") or []) or "-"),
        ("Status", str(record.get("status") or "")),
        (
            "Card",
            f"{card.get('id')} version {card.get('version')} "
            f"(sha256 {str(card.get('sha256', ''))[:12]}…)",
        ),
        ("Id", str(record.get("id"))),
    ]


def hours(amount: float | int | None) -> str:
    if amount is None:
        return ""
    number = f"{amount:g}"
    return f"{number} hour" if number == "1" else f"{number} hours"


def iteration_heading(iteration: Mapping[str, Any]) -> list[str]:
    """Its number, date, result and decision, as separate pieces."""
    result = str(iteration.get("result", ""))
    pieces = [
        f"Iteration {iteration.get('number')}",
        console.day(iteration.get("date")),
        result.upper(),
    ]
    if iteration.get("decision"):
        pieces.append(f"decision: {iteration['decision']}")
    return pieces


def iteration_facts(iteration: Mapping[str, Any]) -> list[tuple[str, str]]:
    """What was tried, observed and spent, and who recorded it, as (label, text)."""
    pairs = [(label, str(iteration[key])) for key, label in ITERATION_LABELS if iteration.get(key)]
    if iteration.get("with"):
        pairs.append(("With", ", ".join(iteration["with"])))
    spent = ", ".join(
        x for x in (hours(iteration.get("hours")), pounds(iteration.get("cost"), "")) if x
    )
    if spent:
        pairs.append(("Spent", spent))
    if iteration.get("tags"):
        pairs.append(("Tags", ", ".join(iteration["tags"])))
    pairs.append(
        ("By", f"{iteration.get('author', '')}, recorded {console.day(iteration.get('created'))}")
    )
    if iteration.get("edited"):
        last = iteration["edited"][-1]
        pairs.append(("Corrected", f"{console.day(last.get('at'))} by {last.get('by')}"))
    return pairs


def iteration_lines(iteration: Mapping[str, Any]) -> list[str]:
    learned = console.safe(iteration.get("learned") or "").replace("\n", "\n" + " " * 9)
    return [
        "  ".join(iteration_heading(iteration)),
        f"Learned: {learned}",
        *facts(iteration_facts(iteration)),
    ]


def history_rows(changes: Sequence[Mapping[str, Any]]) -> list[list[str]]:
    rows = []
    for change in changes:
        note = f" ({change['note']})" if change.get("note") else ""
        if change.get("recorded_at"):  # dated on an earlier day (ff status --date)
            note += f" (recorded {console.day(change['recorded_at'])})"
        rows.append(
            [
                console.day(change.get("at")),
                str(change.get("status")),
                console.safe(f"by {change.get('by') or ''}{note}").replace("\n", " "),
            ]
        )
    return rows


def conflict_rows(record: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """The idea's conflict notes (left by a merge through git): for each field changed
    differently on two computers, (where, "kept" or "other", the value)."""
    records = {str(r.get("id")): r for r in [record, *record.get("iterations", [])]}
    records.update({str(c.get("id")): c for c in record.get("status_history", [])})
    rows = []
    for note in record.get("conflicts") or []:
        kept = records.get(str(note.get("record_id")), {})
        where = {"ideas": "The idea", "status_changes": "A status change"}.get(
            str(note.get("table")), f"Iteration {kept.get('number', '?')}"
        )
        for field, values in note.get("fields", {}).items():
            others = [value for value in values if value != kept.get(field)]
            if others:  # a value corrected since to the one noted is settled
                named = f"{where}, {_field(field)}"
                rows.append((named, "kept", _conflict_value(kept.get(field))))
                rows += [("", "other", _conflict_value(value)) for value in others]
    return rows


def _field(name: object) -> str:
    """A field's name as a record holds it: a journal edited by hand may hold any text."""
    return " ".join(console.safe(name).splitlines())


def _conflict_value(value: object) -> str:
    if value is None:
        return "(empty)"
    return console.safe(", ".join(map(str, value)) if isinstance(value, list) else value)


def conflicts_heading(record: Mapping[str, Any]) -> tuple[str, str]:
    """The heading of the idea's conflicts, and what to do about them."""
    ref = record.get("ref")
    return (
        f"Conflicts ({len(record.get('conflicts') or [])}): changed differently on two computers",
        f"To keep another value, correct it (ff edit {ref}#N); then remove the note: "
        f"ff share resolve {ref}",
    )


def _value(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "(none)"
    return f'"{value}"' if value not in (None, "") else "(none)"


def correction_rows(corrections: Sequence[Mapping[str, Any]]) -> list[list[str]]:
    """Each correction of the idea (ff edit REF): when, what, from and to, and by whom."""
    return [
        [
            console.day(c.get("at")),
            _field(c.get("field")),
            console.safe(f"{_value(c.get('old'))} -> {_value(c.get('new'))}").replace("\n", " "),
            console.safe(f"by {c.get('by') or ''}").replace("\n", " "),
        ]
        for c in corrections
    ]


def idea_lines(record: Mapping[str, Any]) -> list[str]:
    """What ``ff show`` prints after the decision, as plain text."""
    iterations = record.get("iterations", [])
    lines = ["", *facts(idea_facts(record)), "", "Status history"]
    changes = history_rows(record.get("status_history", []))
    lines += console.columns(changes) if changes else []
    corrections = correction_rows(record.get("corrections") or [])
    if corrections:
        lines += ["", "Corrections", *console.columns(corrections)]
    lines += ["", f"Iterations ({len(iterations)})"]
    if not iterations:
        lines.append("None yet. Record one with: ff log REF")
    for iteration in iterations:
        lines += ["", *iteration_lines(iteration)]
    conflicts = conflict_rows(record)
    if conflicts:
        heading, advice = conflicts_heading(record)
        lines += ["", heading]
        lines += [f"{where}  {which}: {value}" for where, which, value in conflicts]
        lines.append(advice)
    return lines
