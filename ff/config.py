"""Defaults: command-line options win over environment variables, which win over
the config file (``ff config set KEY VALUE``), which wins over ff's own defaults."""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from pathlib import Path

from ff.errors import FFError, UsageError
from ff.files import TooLarge, atomic_write, locked, read_limited
from ff.light import dataclass
from ff.paths import config_path, default_journal
from ff.text import NotUTF8, check_given, check_plain_line, decoded, language_code, limit_for

SECTION = "ff"
MAX_CONFIG_BYTES = 100_000  # a config file holds a few short lines
# Each setting: its environment variable (None: the file only) and what it is for.
KEYS: dict[str, tuple[str | None, str]] = {
    "owner": ("FF_OWNER", "who owns new ideas and logs iterations (default: your login name)"),
    "team": ("FF_TEAM", "your team, recorded with new ideas"),
    "card": ("FF_CARD", "the card ff check uses (default: fail-fast-fail-forward)"),
    "journal": ("FF_JOURNAL", "the journal file"),
    "lang": ("FF_LANG", "the language cards are shown in, e.g. cy (default: each card's own)"),
    "plain": (
        "FF_PLAIN",
        "plain text, for screen readers and copying: yes or no (default: no; output "
        "that is not a terminal is always plain)",
    ),
    # FF_CARDS adds folders before this one rather than replacing it (ff.cards.sources).
    "cards_dir": (None, "your organisation's card folder, searched before the built-in cards"),
    "service_users": (
        "FF_SERVICE_USERS",
        "who else counts as the people who use the service in ff summary, e.g. pupils, dads",
    ),
}


# The words a yes/no setting takes (``ff config set plain yes``, ``FF_PLAIN=1``).
YES = ("yes", "y", "true", "on", "1")
NO = ("no", "n", "false", "off", "0")


class ConfigError(FFError):
    """The config file cannot be read; it is left as it was."""


@dataclass(frozen=True)
class Setting:
    key: str
    value: str | None
    source: str  # option, environment, config file or default


def login_name() -> str:
    """The login name, the owner when nothing else names one."""
    import getpass  # (here: most commands are told the owner, or need none)

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
    """The config file's values; an absent file has none (and is not created).
    ``ConfigError`` if the file is damaged (see ``read_config_leniently``)."""
    path = path or config_path()
    values, problem = read_config_leniently(path)
    if problem:
        raise ConfigError(
            problem,
            hint="Fix the line, or run ff config show to see what ff can read; "
            "ff config set or unset repairs the file (keeping a copy of it).",
        )
    return values


# The config file as last read, by path, with its stamp then (see ``_stamp``).
_READ: dict[Path, tuple[tuple[int, ...], tuple[dict[str, str], str | None]]] = {}


def read_config_leniently(path: Path | None = None) -> tuple[dict[str, str], str | None]:
    """The config file's values that can be read, and what is wrong with it (None if
    nothing): a damaged file still gives the settings around the damage.

    ``ff check`` asks for six settings: the file is read once, and read again only
    when its stamp changed (by hand, or by another ff) or ff wrote it (``_update``)."""
    path = path or config_path()
    stamp = _stamp(path)
    if stamp is None:  # missing or unusable: reading it says which, at once
        return _read_leniently(path)
    cached = _READ.get(path)
    if cached is None or cached[0] != stamp:
        cached = _READ[path] = stamp, _read_leniently(path)
    values, problem = cached[1]
    return dict(values), problem  # a copy, for the caller to change


def _stamp(path: Path) -> tuple[int, ...] | None:
    """What changes when a file is written, replaced (its inode) or written in place."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns


def _read_leniently(path: Path) -> tuple[dict[str, str], str | None]:
    """The config file as it is now (see ``read_config_leniently``)."""
    try:
        raw = read_limited(path, "settings", MAX_CONFIG_BYTES, error=ConfigError)
    except FileNotFoundError:
        return {}, None
    except ConfigError as problem:
        return {}, problem.message
    except OSError as error:
        return {}, f"Cannot read the config file {path}: {error.strerror}."
    except TooLarge:
        return {}, f"The config file {path} is over {MAX_CONFIG_BYTES:,} bytes: not a config file."
    try:
        # Line ends as a text file has them: a carriage return alone ends a line too.
        text = decoded(raw).replace("\r\n", "\n").replace("\r", "\n")
    except NotUTF8 as bad:
        return {}, f"{path}:{bad.line}: the config file is not UTF-8 text."
    return _parse(text, path)


def _parse(text: str, path: Path) -> tuple[dict[str, str], str | None]:
    import configparser  # only once there is a config file: most commands have none

    parser = configparser.ConfigParser(interpolation=None)
    problem = None
    try:
        parser.read_string(text, source=str(path))
    except configparser.MissingSectionHeaderError as error:  # nothing could be read
        return {}, f"{path}:{error.lineno}: the config file is not valid ({error.message})."
    except configparser.ParsingError as error:  # the other lines were read
        line = error.errors[0][0]
        content = text.split("\n")[line - 1].strip() if 0 < line <= text.count("\n") + 1 else ""
        problem = (
            f"{path}:{line}: the config file is not valid ({content!r} is not a setting; "
            "each line is key = value)."
        )
    except configparser.Error as error:
        number = getattr(error, "lineno", None)
        where = f"{path}:{number}" if number else str(path)
        return {}, f"{where}: the config file is not valid ({error.message})."
    if not parser.has_section(SECTION):
        return {}, problem
    # Every value is a string: a line continued below it was joined on reading.
    return dict(parser[SECTION].items()), problem


def setting(
    key: str,
    option: str | os.PathLike[str] | None = None,
    *,
    stored: Mapping[str, str] | None = None,
) -> Setting:
    """A setting's value and where it came from (``stored``: the config file's values,
    if already read)."""
    if option is not None and str(option) != "":
        return Setting(key, str(option), "option")
    env_name = KEYS[key][0]
    if env_name and os.environ.get(env_name):
        given = check_given(os.environ[env_name], env_name, limit_for(key))
        return Setting(key, given, f"environment ({env_name})")
    kept = (read_config() if stored is None else stored).get(key)
    if kept:
        return Setting(key, kept, "config file")
    return Setting(key, _defaults(key), "default")


def value(key: str, option: str | os.PathLike[str] | None = None) -> str | None:
    return setting(key, option).value


def journal(option: str | os.PathLike[str] | None = None) -> Path:
    """The journal to use: ``--journal``, ``$FF_JOURNAL``, the config file, the data folder.
    A path that names a folder (``/``, ``teams/``) rather than a file is refused."""
    chosen = setting("journal", option)
    path = Path(chosen.value or default_journal()).expanduser()
    named = not path.name or path.name in (".", "..") or str(chosen.value).endswith(("/", os.sep))
    if named or path.is_dir():
        example = os.path.join(os.path.abspath(path), "journal.json")
        came_from = "--journal" if chosen.source == "option" else f"the {chosen.source}"
        raise UsageError(
            f"The journal {chosen.value} is a folder, not a file (it comes from {came_from}).",
            hint=f"Give the journal's file name, e.g. {example}",
        )
    return path


def language(option: str | None = None) -> str | None:
    """The language asked for: ``--lang``, ``$FF_LANG``, the config file; None: each
    card's own language."""
    code = value("lang", option)
    return language_code(code) if code else None


def switched_on(key: str) -> bool:
    """A yes/no setting: on when set to anything but a no (no, false, off, 0)."""
    chosen = value(key) or ""
    return bool(chosen) and chosen.strip().lower() not in NO


def all_settings() -> tuple[list[Setting], str | None]:
    """Every setting, and what is wrong with the config file, if anything (the values
    that could be read from a damaged one are used)."""
    stored, problem = read_config_leniently()
    return [setting(key, stored=stored) for key in KEYS], problem


def _check_key(key: str) -> None:
    if key not in KEYS:
        raise UsageError(f"{key!r} is not a setting.", hint=f"Settings: {', '.join(KEYS)}.")


def set_value(key: str, new_value: str) -> Written:
    """Store a default in the config file (written atomically)."""
    _check_key(key)
    cleaned = check_plain_line(check_given(new_value, key, limit_for(key)), key).strip()
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
    if key == "plain":
        if cleaned.lower() not in YES + NO:
            raise UsageError(
                f"plain is yes or no, not {cleaned!r}.", hint="ff config set plain yes"
            )
        cleaned = "yes" if cleaned.lower() in YES else "no"
    return _update(key, cleaned)


def unset_value(key: str) -> Written | None:
    """Remove a default; None if it was not set (and nothing is written). A damaged
    config file is repaired even so."""
    _check_key(key)
    values, problem = read_config_leniently()
    if key not in values and not problem:
        return None
    return _update(key, None)


@dataclass(frozen=True)
class Written:
    """The config file written; if it was damaged, what was wrong and where the copy
    of it is kept."""

    path: Path
    problem: str | None = None
    kept: Path | None = None


def _update(key: str, new_value: str | None) -> Written:
    """Write the config file with ``key`` set (or removed, for None). A damaged file is
    replaced by the settings that could be read from it, and copied aside first."""
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with locked(path):
        values, problem = _read_leniently(path)  # as it is now, never as cached
        kept = _keep_copy(path, problem) if problem else None
        if new_value is None:
            values.pop(key, None)
        else:
            values[key] = new_value
        import configparser

        parser = configparser.ConfigParser(interpolation=None)
        parser[SECTION] = values
        text = io.StringIO()
        text.write("# ff settings; change them with: ff config set KEY VALUE\n")
        parser.write(text)
        atomic_write(path, text.getvalue().encode("utf-8"))
        _READ.pop(path, None)
    return Written(path, problem, kept)


def _keep_copy(path: Path, problem: str) -> Path | None:
    """A copy of a damaged config file beside it (config.ini.damaged, .damaged-2...),
    made before the file is replaced; ``ConfigError`` if none can be made."""
    if not os.path.lexists(path):
        return None
    if not path.is_file():  # a folder or a FIFO in its place: not ff's to replace
        raise ConfigError(problem, hint="Nothing was changed. Move it away, then try again.")
    for number in range(1, 100):
        copy = path.with_name(f"{path.name}.damaged" + (f"-{number}" if number > 1 else ""))
        if os.path.lexists(copy):
            continue
        import shutil  # (only here: 1.9 ms of every command's start-up, with bz2 and lzma)

        try:
            shutil.copyfile(path, copy)
        except OSError as error:
            raise ConfigError(
                f"{problem} A copy of it could not be kept ({error.strerror}).",
                hint="Nothing was changed. Fix or move the file yourself, then try again.",
            ) from None
        return copy
    raise ConfigError(problem, hint="Nothing was changed. Remove old config.ini.damaged copies.")
