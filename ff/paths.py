"""Where ff keeps its files. One place decides; environment variables override."""

from __future__ import annotations

import os
import sys
from pathlib import Path

JOURNAL_ENV = "FF_JOURNAL"
JOURNAL_FILENAME = "journal.json"


def data_dir() -> Path:
    """The user's data folder for ff, following each platform's convention."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.environ.get("APPDATA")
        root = Path(base) if base else Path.home() / "AppData" / "Local"
    elif sys.platform == "darwin":
        root = Path.home() / "Library" / "Application Support"
    else:
        xdg = os.environ.get("XDG_DATA_HOME", "")
        root = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".local" / "share"
    return root / "ff"


def journal_path(given: str | os.PathLike[str] | None = None) -> Path:
    """The journal to use: ``--journal``, else ``$FF_JOURNAL``, else the data folder."""
    if given:
        return Path(given).expanduser()
    from_env = os.environ.get(JOURNAL_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return data_dir() / JOURNAL_FILENAME


def builtin_cards_dir() -> Path:
    """The cards shipped with ff: inside the package when installed from a wheel,
    else the repository's top-level ``cards/`` folder (a checkout or editable install)."""
    packaged = Path(__file__).resolve().parent / "cards"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "cards"
