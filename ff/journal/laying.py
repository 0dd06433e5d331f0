"""The merged journal laid out for writing (ff.journal.threeway): each record under a
document id, and the tables ff does not know merged by their records' contents.

Ours' records keep their document ids, so that the lines of ours a merge did not
change are written back byte for byte (and git's diff of the merge shows only what
came in); records from the other side take the next free ids.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ff.errors import JournalError
from ff.journal.conflicts import canonical
from ff.journal.copies import Copy
from ff.journal.records import Record
from ff.light import dataclass


@dataclass
class KeptRecord:
    """A record of the result: as it is to be written, and as a plain dict."""

    stored: Any  # ours' stored record (written as the bytes it was read from), or a dict
    record: Record


Kept = dict[str, dict[str, KeptRecord]]  # table -> record id -> the record kept


def laid_out(ancestor: Copy, ours: Copy, theirs: Copy, kept: Kept) -> dict[str, dict[str, Any]]:
    """The tables as written: ours' records keep their document ids, new ones take the
    next free ones; tables ff does not know are merged by content."""
    tables: dict[str, dict[str, Any]] = {}
    for table, records in kept.items():
        documents = {key: doc for key, (doc, _) in ours.ids(table).items()}
        free = _after(documents.values())
        laid: dict[str, Any] = {}
        for record_id, k in records.items():
            doc = documents.get(record_id)
            if doc is None:
                doc, free = str(free), free + 1
            laid[doc] = k.stored
        if laid or table in ours.tables() or table in theirs.tables():
            tables[table] = laid
    tables.update(_other_tables(ancestor, ours, theirs))
    return tables


def _after(doc_ids: Iterable[str]) -> int:
    return max((int(doc) for doc in doc_ids), default=0) + 1


def _other_tables(ancestor: Copy, ours: Copy, theirs: Copy) -> dict[str, dict[str, Any]]:
    """Tables of records without ids of their own, merged by content: each distinct
    record is kept as many times as the side that changed its count has it."""
    names = {name for copy in (ours, theirs) for name, _ in copy.other_tables()}
    tables: dict[str, dict[str, Any]] = {}
    for name in sorted(names):
        counts = [_contents(copy, name) for copy in (ancestor, ours, theirs)]
        wanted: dict[bytes, int] = {}
        for key in {*counts[1], *counts[2]}:
            was, mine, other = (len(c.get(key, [])) for c in counts)
            wanted[key] = mine if other == was else other if mine == was else max(mine, other)
        laid: dict[str, Any] = {}
        for doc, stored in _table(ours, name).items():
            key = canonical(ours.plain_of(name, doc, stored))
            if wanted.get(key, 0) > 0:
                laid[doc] = stored
                wanted[key] -= 1
        free = _after(laid)
        for doc, stored in _table(theirs, name).items():
            record = theirs.plain_of(name, doc, stored)
            key = canonical(record)
            if wanted.get(key, 0) > 0:
                laid[str(free)] = record
                wanted[key] -= 1
                free += 1
        tables[name] = laid
    return tables


def _table(copy: Copy, name: str) -> dict[str, Any]:
    return copy.journal.tables.get(name, {}) if copy.journal is not None else {}


def _contents(copy: Copy, name: str) -> dict[bytes, list[Record]]:
    found: dict[bytes, list[Record]] = {}
    for doc, stored in _table(copy, name).items():
        try:
            record = copy.plain_of(name, doc, stored)
        except JournalError:  # a damaged ancestor record: as if it were not there
            continue
        found.setdefault(canonical(record), []).append(record)
    return found
