"""A journal edited by hand: each of its dates is text that is not a date, and the
names of the fields it says were corrected or changed on two computers are hostile
too. The journal checks only that a date is text of at most 40 characters, so such
text reaches every view: it must show as typed, never as Rich markup, a terminal
escape, a Markdown table's column or HTML."""

from __future__ import annotations

import uuid
from pathlib import Path

from tests.benchmarks.bench import make_tables, write_journal

MARKUP = "[reverse]x[/reverse]"  # reverse video, if Rich took it as markup
ESCAPES = "\x1b]0;t\x07\x1b[7m"  # a terminal's title set, then reverse video


def hostile(label: str) -> str:
    """Text ``label`` that is not a date: terminal escapes, then Rich markup."""
    return f"{label}{ESCAPES}{MARKUP}"


# What a date or a field name holds, where it stands; each fits a date's 40 characters.
CHECKED = hostile("c|d <b>")  # a pipe and a tag, in the Markdown table of ideas
STATUS_AT = hostile("at")
RECORDED_AT = hostile("rec")
TRIED_ON = hostile("on")
LOGGED_AT = hostile("log")
CORRECTED_AT = hostile("fix")
CORRECTED_FIELD = hostile("field")
CONFLICT_FIELD = hostile("clash")


def inert(label: str) -> str:
    """What may be shown of ``hostile(label)``: the text, without its escapes."""
    return f"{label}{MARKUP}"


def write(path: Path) -> str:
    """Write the journal (one idea, two iterations) as ff does; the idea's ref."""
    tables = make_tables(2, ideas=1, seed=3)
    idea = next(iter(tables["ideas"].values()))
    idea["created"] = CHECKED
    idea["recorded_at"] = RECORDED_AT
    idea["corrections"] = [
        {"at": CORRECTED_AT, "by": "Jo", "field": CORRECTED_FIELD, "old": "a", "new": "b"}
    ]
    for change in tables["status_changes"].values():
        change["at"], change["recorded_at"] = STATUS_AT, RECORDED_AT
    for iteration in tables["iterations"].values():
        iteration["date"], iteration["created"] = TRIED_ON, LOGGED_AT
        iteration["edited"] = [{"at": CORRECTED_AT, "by": "Jo"}]
    note = uuid.UUID(int=7).hex
    tables["conflicts"] = {
        note: {
            "id": note,
            "table": "ideas",
            "record_id": idea["id"],
            "idea_id": idea["id"],
            "fields": {CONFLICT_FIELD: ["the other value"]},
        }
    }
    write_journal(path, tables)
    return str(idea["ref"])
