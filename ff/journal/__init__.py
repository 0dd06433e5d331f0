"""The journal: what was checked, tried and learned, kept in a JSON file.

Its records and tables (``records``), the file's format (``fileformat``) and its
safe writing under a lock (``storage``, ``transaction``), reading ideas back
(``reading``, ``refs``), new ideas (``ideas``), iterations and status
(``iterations``, ``lifecycle``), choosing ideas (``filters``) and bringing in
other journals (``merge``). It knows nothing of cards: a decision arrives as the
record to keep. Nothing here prints.

Other programs open a journal with ``open_journal`` (a TinyDB database whose writes
take ff's lock and are atomic, as ff's own are), or with its storage class,
``JournalStorage``. Importing this package imports nothing else until one of them
is asked for, so that a command only pays for the modules it uses (TinyDB and
msgspec are loaded only when a journal is read).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ff.journal.storage import Journal, JournalStorage, open_journal

__all__ = ["Journal", "JournalStorage", "open_journal"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from ff.journal import storage

        return getattr(storage, name)
    raise AttributeError(f"module 'ff.journal' has no attribute {name!r}")
