"""Defaults: command-line options win over environment variables, which win over
the config file (``ff config set KEY VALUE``), which wins over ff's own defaults."""

from __future__ import annotations

import configparser
import getpass
import io
import os
from dataclasses import dataclass
from pathlib import Path

from ff.errors import FFError, UsageError
from ff.files import atomic_write, locked
from ff.paths import config_path, default_journal
from ff.text import language_code

SECTION = "ff"
# Each setting: its environment variable (None: the file only) and what it is for.
KEYS: dict[str, tuple[str | None, str]] = {
    "owner": ("FF_OWNER", "who owns new ideas and logs iterations (default: your login name)"),
    "team": ("FF_TEAM", "your team, recorded with new ideas"),
    "card": ("FF_CARD", "the card ff check uses (default: fail-fast-fail-forward)"),
    "journal": ("FF_JOURNAL", "the journal file"),
    "lang": ("FF_LANG", "the language cards are shown in, e.g. cy (default: each card's own)"),
    # FF_CARDS adds folders before this one rather than replacing it (ff.cards.sources).
    "cards_dir": (None, "your organisation's card folder, searched before the built-in cards"),
    "service_users": (
        "FF_SERVICE_USERS",
        "who else counts as the people who use the service in ff summary, e.g. pupils, dads",
    ),
}


class ConfigError(FFError):
    """The config file cannot be read; it is left as it was."""


@dataclass(frozen=True)
class Setting:
    key: str
    value: str | None
    source: str  # option, environment, config file or default


def login_name() -> str:
    """The login name, the owner when nothing else names one."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name, as in some containers
        return "unknown"


def _defaults(key: str) -> str | None:
    if key == "owner":
        return login_name()
    if key == "card":
        return "fail-fast-fail-forward"
    if key == "journal":
        return str(default_journal())
    return None


def read_config(path: Path | None = None) -> dict[str, str]:
    """The config file's values; an absent file has none (and is not created)."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(
            f"Cannot read the config file {path}: {error}.",
            hint="Fix or delete the file; ff config set writes a new one.",
        ) from None
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text, source=str(path))
    except configparser.Error as error:
        line = getattr(error, "lineno", None)
        where = f"{path}:{line}" if line else str(path)
        raise ConfigError(
            f"{where}: the config file is not valid ({error.message}).",
            hint="Fix the line, or delete the file and use ff config set.",
        ) from None
    return dict(parser[SECTION]) if parser.has_section(SECTION) else {}


def setting(key: str, option: str | os.PathLike[str] | None = None) -> Setting:
    """A setting's value and where it came from."""
    if option is not None and str(option) != "":
        return Setting(key, str(option), "option")
    env_name = KEYS[key][0]
    if env_name and os.environ.get(env_name):
        return Setting(key, os.environ[env_name], f"environment ({env_name})")
    stored = read_config().get(key)
    if stored:
        return Setting(key, stored, "config file")
    return Setting(key, _defaults(key), "default")


def value(key: str, option: str | os.PathLike[str] | None = None) -> str | None:
    return setting(key, option).value


def journal(option: str | os.PathLike[str] | None = None) -> Path:
    """The journal to use: ``--journal``, ``$FF_JOURNAL``, the config file, the data folder."""
    return Path(value("journal", option) or default_journal()).expanduser()


def language(option: str | None = None) -> str | None:
    """The language asked for: ``--lang``, ``$FF_LANG``, the config file; None: each
    card's own language."""
    code = value("lang", option)
    return language_code(code) if code else None


def all_settings() -> list[Setting]:
    return [setting(key) for key in KEYS]


def _check_key(key: str) -> None:
    if key not in KEYS:
        raise UsageError(f"{key!r} is not a setting.", hint=f"Settings: {', '.join(KEYS)}.")


def set_value(key: str, new_value: str) -> Path:
    """Store a default in the config file (written atomically); return its path."""
    _check_key(key)
    cleaned = new_value.strip()
    if not cleaned:
        raise UsageError(
            f"The value for {key} is empty.", hint=f"To remove it: ff config unset {key}"
        )
    if key in ("journal", "cards_dir"):
        cleaned = str(Path(cleaned).expanduser().absolute())
    if key == "cards_dir" and not Path(cleaned).is_dir():
        raise UsageError(
            f"There is no folder {cleaned}.",
            hint="Check the path, or create the folder first.",
        )
    if key == "lang":
        cleaned = language_code(cleaned)
    return _update(key, cleaned)


def unset_value(key: str) -> Path | None:
    """Remove a default; None if it was not set (and nothing is written)."""
    _check_key(key)
    if key not in read_config():
        return None
    return _update(key, None)


def _update(key: str, new_value: str | None) -> Path:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with locked(path):
        values = read_config(path)
        if new_value is None:
            values.pop(key, None)
        else:
            values[key] = new_value
        parser = configparser.ConfigParser(interpolation=None)
        parser[SECTION] = values
        text = io.StringIO()
        text.write("# ff settings; change them with: ff config set KEY VALUE\n")
        parser.write(text)
        atomic_write(path, text.getvalue().encode("utf-8"))
    return path
