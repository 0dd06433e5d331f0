"""Cards kept once read and checked, so that ``ff check`` skips YAML and the checks of
the card's flow while its file is unchanged.

Reading the built-in card took 25-30 ms of a scripted ``ff check`` (importing PyYAML
and the card reader, parsing, checking every route); loading it kept takes under a
millisecond. A card is kept under a name made of its file's exact bytes (their
sha256), where it was read from, the language asked for, ff's version and when the
card code last changed: a change to any of them reads the card afresh. Only a card read
without a single problem is kept, so nothing a reader would be told is lost.

The cache is a folder of the user's own (ff.paths.cache_dir), written atomically;
its files are pickles, which only the user (who may change any of their files
anyway) can write. Nothing here is ever an error: a kept card that cannot be loaded
(cut short, changed by hand, from another Python) is read afresh and kept again, and
a folder that cannot be written only means the card is read each time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from ff import __version__
from ff.cards.model import Card
from ff.paths import cache_dir

FORMAT = 1  # raised when what is kept changes shape


def kept_card(sha256: str, path: Path, language: str | None, expect_id: str | None) -> Card | None:
    """The card kept for these, or None."""
    try:
        with open(_file(sha256, path, language, expect_id), "rb") as kept:
            card = pickle.load(kept)
    except Exception:
        return None
    return card if isinstance(card, Card) and card.sha256 == sha256 else None


def keep_card(card: Card, path: Path, language: str | None, expect_id: str | None) -> None:
    """Keep ``card`` (read from ``path``) for next time, if the cache can be written."""
    from ff.files import atomic_write

    target = _file(card.sha256, path, language, expect_id)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, pickle.dumps(card, protocol=pickle.HIGHEST_PROTOCOL))
    except (OSError, pickle.PicklingError, RecursionError):
        pass  # read afresh next time (a card nested deeper than pickle goes, say)


def _made_by() -> int:
    """When the code that reads and checks cards last changed (the newest of its files)."""
    folders = [_CARDS, _CARDS / "reader"]
    return max(entry.stat().st_mtime_ns for f in folders for entry in os.scandir(f))


_CARDS = Path(__file__).parent


def _file(sha256: str, path: Path, language: str | None, expect_id: str | None) -> Path:
    made = (FORMAT, __version__, _made_by(), sha256, os.path.abspath(path), language, expect_id)
    name = "\0".join(map(str, made))
    return cache_dir() / "cards" / f"{hashlib.sha256(name.encode()).hexdigest()}.pickle"
