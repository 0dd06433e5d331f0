"""Where cards come from, and which one an id means.

Cards are found, in order of precedence, in:

1. each folder in ``$FF_CARDS`` (separated like ``PATH``; the first folder wins),
2. the config file's ``cards_dir`` (an organisation's shared folder),
3. the cards shipped with ff.

So an organisation's card with the id of a built-in card is used instead of it
(it *shadows* it; ``ff cards list`` says so). A card in a folder is found by its
file name, ``ID.yaml`` (or ``ID.yml``), and its ``id:`` must be that name. An
explicit path to a ``.yaml`` file is always read as given. No file is parsed
here: this module only finds them.
"""

from __future__ import annotations

import os
from pathlib import Path

from ff.light import dataclass, field
from ff.paths import builtin_cards_dir

CARDS_ENV = "FF_CARDS"
BUILT_IN = "built-in"
SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class CardFile:
    """A card file in a card folder: its id (the file name), where, and what it hides."""

    id: str
    path: Path
    source: str  # FF_CARDS, cards_dir or built-in
    shadows: tuple[CardFile, ...] = field(default=())


def folders() -> list[tuple[str, Path]]:
    """The card folders with their source, the one that wins first."""
    from ff import config

    found = [
        (CARDS_ENV, Path(part).expanduser())
        for part in os.environ.get(CARDS_ENV, "").split(os.pathsep)
        if part.strip()
    ]
    organisation = config.value("cards_dir")
    if organisation:
        found.append(("cards_dir", Path(organisation).expanduser()))
    found.append((BUILT_IN, builtin_cards_dir()))
    return found


def missing_folders() -> list[tuple[str, Path]]:
    """Card folders that are named but are not there (for ``ff cards list`` to say)."""
    return [(source, path) for source, path in folders() if not path.is_dir()]


def _in_folder(source: str, folder: Path) -> list[CardFile]:
    try:
        names = sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and p.is_file())
    except OSError:
        return []
    files: dict[str, CardFile] = {}
    for path in names:
        files.setdefault(path.stem, CardFile(path.stem, path, source))
    return list(files.values())


def card_files() -> list[CardFile]:
    """Every card id with the file that wins it (and those it shadows), by id."""
    winners: dict[str, CardFile] = {}
    hidden: dict[str, list[CardFile]] = {}
    for source, folder in folders():
        for found in _in_folder(source, folder):
            if found.id in winners:
                hidden.setdefault(found.id, []).append(found)
            else:
                winners[found.id] = found
    return [
        CardFile(w.id, w.path, w.source, tuple(hidden.get(w.id, ())))
        for w in sorted(winners.values(), key=lambda w: w.id)
    ]


def locate(card_id: str) -> CardFile | None:
    """The file a card id means, or None."""
    for source, folder in folders():
        for suffix in SUFFIXES:
            path = folder / f"{card_id}{suffix}"
            if path.is_file():
                return CardFile(card_id, path, source)
    return None


def is_path(ref: str) -> bool:
    """A card reference is a path when it names a YAML file; otherwise it is an id."""
    return ref.lower().endswith(SUFFIXES)
