"""Journals written before ff kept them as TinyDB databases (schema 1), brought up to date.

Schema 1 keyed every record by its own id (a UUID). TinyDB keys documents by whole
numbers, so each record gets one, in the order the file held them; the UUID stays
in the record's ``id`` field, which is still its identity (refs, merges, deletions).
Nothing else changes: every field of every record, and every iteration's number,
is kept as it was.
"""

from __future__ import annotations

from typing import Any


def from_schema_1(tables: dict[str, Any]) -> dict[str, Any]:
    """Schema 1's tables (records keyed by their ids) with TinyDB document ids."""
    return {name: _numbered(records) for name, records in tables.items()}


def _numbered(records: Any) -> Any:
    if not isinstance(records, dict):
        return records  # not a table: reported as damage by the reader
    return {
        str(number): ({"id": key, **record} if isinstance(record, dict) else record)
        for number, (key, record) in enumerate(records.items(), 1)
    }
