"""The journal file's format: reading (with its checks) and writing it as text.

Plain Python with no TinyDB, so that commands that only read a journal (ideas,
show, summary, export) never pay for importing it. ff.storage writes through
TinyDB's storage protocol with these functions.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ff.errors import JournalError

SCHEMA = 1
META_KEY = "ff_journal"
_HINT_DAMAGED = (
    "ff has not changed the file. Restore it from a backup, or fix the JSON at that "
    "position; to start a new journal meanwhile, use --journal or FF_JOURNAL."
)


def read_journal_file(path: Path) -> dict[str, Any] | None:
    """The journal's tables, or None if there is no journal yet."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise JournalError(
            f"Cannot read the journal {path}: {error.strerror}.",
            hint="Check the file's permissions, or choose another journal with --journal.",
        ) from None
    if not raw.strip():
        return None
    try:
        data = json.loads(raw.decode("utf-8-sig"))  # a BOM from a Windows editor is harmless
    except UnicodeDecodeError as error:
        raise JournalError(
            f"The journal {path} is damaged: byte {error.start + 1} is not UTF-8 text.",
            hint=_HINT_DAMAGED,
        ) from None
    except json.JSONDecodeError as error:
        raise JournalError(
            f"The journal {path} is damaged: {error.msg} at line {error.lineno}, "
            f"column {error.colno}.",
            hint=_HINT_DAMAGED,
        ) from None
    return _checked(path, data)


def _checked(path: Path, data: Any) -> dict[str, Any]:
    meta = data.get(META_KEY) if isinstance(data, dict) else None
    if not isinstance(meta, dict) or type(meta.get("schema")) is not int:
        raise JournalError(
            f"{path} is not an ff journal (it has no {META_KEY!r} entry).",
            hint="ff has not changed the file. Use --journal to choose an ff "
            "journal, or a new path to start one.",
        )
    if meta["schema"] > SCHEMA:
        raise JournalError(
            f"The journal {path} was written by a newer ff (journal schema "
            f"{meta['schema']}; this ff reads schema {SCHEMA}).",
            hint="Upgrade ff: pip install --upgrade ff-cards.",
        )
    tables = {k: v for k, v in data.items() if k != META_KEY}
    for name, table in tables.items():
        if not isinstance(table, dict) or not all(isinstance(d, dict) for d in table.values()):
            raise JournalError(
                f"The journal {path} is damaged: {name!r} is not a table of records.",
                hint=_HINT_DAMAGED,
            )
    return tables


def serialise(tables: dict[str, Any]) -> bytes:
    """JSON with the schema first and one document per line."""
    parts = [f'{{"{META_KEY}": {json.dumps({"schema": SCHEMA})}']
    for name in sorted(tables):
        docs = tables[name]
        lines = [
            f"{json.dumps(str(k))}: {json.dumps(v, ensure_ascii=False, sort_keys=True)}"
            for k, v in docs.items()
        ]
        body = ",\n".join(lines)
        parts.append(
            f"{json.dumps(name)}: {{\n{body}\n}}" if lines else f"{json.dumps(name)}: {{}}"
        )
    return (",\n".join(parts) + "}\n").encode("utf-8")
