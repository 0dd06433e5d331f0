"""Where ff keeps its files. One place decides; environment variables override."""

from __future__ import annotations

import os
import sys
from pathlib import Path

JOURNAL_FILENAME = "journal.json"
CONFIG_ENV = "FF_CONFIG"
CONFIG_FILENAME = "config.ini"
SHIPPED_CARDS = "shipped_cards"  # the wheel's copy of the repository's cards/ folder


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


def drafts_dir() -> Path:
    """Where ``--edit`` keeps its drafts (see ff.terminal.editor), in the data folder."""
    return data_dir() / "drafts"


def default_journal() -> Path:
    """The journal when no option, environment variable or config names one."""
    return data_dir() / JOURNAL_FILENAME


def cache_dir() -> Path:
    """Where ff keeps what it can always make again (cards once read: ff.cards.cache)."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        root = (Path(base) if base else Path.home() / "AppData" / "Local") / "ff" / "Cache"
        return root
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "ff"
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    return (Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache") / "ff"


def config_dir() -> Path:
    """The user's config folder for ff."""
    if sys.platform == "win32":
        base = os.environ.get("APPDATA")
        root = Path(base) if base else Path.home() / "AppData" / "Roaming"
    elif sys.platform == "darwin":
        root = Path.home() / "Library" / "Application Support"
    else:
        xdg = os.environ.get("XDG_CONFIG_HOME", "")
        root = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".config"
    return root / "ff"


def config_path() -> Path:
    """The config file: ``$FF_CONFIG``, else ``config.ini`` in the config folder."""
    from_env = os.environ.get(CONFIG_ENV)
    return Path(from_env).expanduser() if from_env else config_dir() / CONFIG_FILENAME


def builtin_cards_dir() -> Path:
    """The cards shipped with ff: inside the package when installed from a wheel
    (``ff/shipped_cards/``, beside the ``ff.cards`` code), else the repository's
    top-level ``cards/`` folder (a checkout or editable install)."""
    packaged = Path(__file__).resolve().parent / SHIPPED_CARDS
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "cards"
