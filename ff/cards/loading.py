"""Reading a card: from a file or an id to a checked ``Card``, or every problem."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ff.cards.cache import keep_card, kept_card
from ff.cards.model import NAME, Card
from ff.cards.problems import Nearest, Problems
from ff.cards.sources import card_files, is_path, locate
from ff.errors import CardError, FFError, UsageError, Where
from ff.files import MAX_READ_BYTES, TooLarge, read_limited
from ff.memory import collector_paused
from ff.paths import builtin_cards_dir
from ff.text import NotUTF8, decoded

DEFAULT_CARD = "fail-fast-fail-forward"


def parse_card(
    text: str,
    file: str,
    language: str | None = None,
    *,
    expect_id: str | None = None,
    sha256: str | None = None,
) -> Card:
    """Read a card from YAML text, its texts in ``language`` where it has them;
    raise ``CardError`` listing every problem (in every language). ``sha256`` is of
    the file's bytes when read from one (by default, of ``text``)."""
    with collector_paused():
        return _parse_card(text, file, language, expect_id, sha256)


def _parse_card(
    text: str, file: str, language: str | None, expect_id: str | None, sha256: str | None
) -> Card:
    # Imported here: a card kept once read (ff.cards.cache) needs none of them.
    from ff.cards.flow import check_card
    from ff.cards.reader import CardReader
    from ff.yamlload import YamlProblem, load_yaml_collecting

    try:
        data, found = load_yaml_collecting(text, file, strict=True)
    except YamlProblem as problem:
        raise CardError(
            f"The card {file} is not valid YAML.", problems=[(problem.where, problem.message)]
        ) from None
    problems = Problems()
    for readable in found:
        problems.add(readable.where, readable.message, harmless=True)
    reader = CardReader(file, problems, language)
    reader.expect_id = expect_id
    card = reader.card(data, sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest())
    if card is not None:
        check_card(card, problems, known=reader.known, broken=reader.broken)
    if card is None or problems.items:
        count = len(problems.items)
        raise CardError(
            f"The card {file} has {count} problem{'s' * (count != 1)}.",
            problems=problems.ordered(),
        )
    return card


def load_card_file(
    path: Path, language: str | None = None, *, expect_id: str | None = None
) -> Card:
    """Read a card file (or take it as kept when it was last read: ff.cards.cache);
    the sha256 is of the file's exact bytes."""
    raw = _card_bytes(path)
    sha256 = hashlib.sha256(raw).hexdigest()
    card = kept_card(sha256, path, language, expect_id)
    if card is None:
        text = _card_text(raw, path)
        card = parse_card(text, str(path), language, expect_id=expect_id, sha256=sha256)
        keep_card(card, path, language, expect_id)
    return card


class _NotAFile(FFError):
    """A card file that is not a regular file: card folders list only files, so it
    was replaced since (by a FIFO, say, which would never end)."""


def _card_bytes(path: Path) -> bytes:
    """A card file's bytes, or ``CardError`` if they cannot all be read."""
    try:
        return read_limited(path, "cards", error=_NotAFile)
    except _NotAFile:
        problem = "this is not a regular file"
    except OSError as error:
        problem = f"cannot read the file ({error.strerror})"
    except TooLarge as large:
        problem = (
            f"the file is {large.size:,} bytes; ff reads files of at most {MAX_READ_BYTES:,} bytes"
        )
    raise _unreadable(path, 1, problem)


def _card_text(raw: bytes, path: Path) -> str:
    """A card file's text, or ``CardError`` at the line that is not UTF-8 (a file with
    zero bytes is named as such: it may be UTF-16)."""
    if b"\x00" in raw or raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        line = raw[: max(raw.find(b"\x00"), 0)].count(b"\n") + 1
        raise _unreadable(
            path,
            line,
            "the file is not UTF-8 text (it has zero bytes: it may be saved "
            "as UTF-16, or not be text at all); save it as UTF-8",
        )
    try:
        return decoded(raw)
    except NotUTF8 as bad:
        raise _unreadable(path, bad.line, "the file is not UTF-8 text") from None


def _unreadable(path: Path, line: int, problem: str) -> CardError:
    return CardError(
        f"The card {path} cannot be read.", problems=[(Where(str(path), line, 1), problem)]
    )


def builtin_card_paths() -> list[Path]:
    """The card files shipped with ff, by file name."""
    return sorted(builtin_cards_dir().glob("*.yaml"))


def is_card_id(name: str) -> bool:
    return bool(NAME.match(name))


def find_card(ref: str | None, language: str | None = None) -> Card:
    """A card by id (looked up in the card folders, see ff.cards.sources) or by the
    path of a YAML file, with its texts in ``language`` where it has them."""
    path, expect_id = card_path(ref or DEFAULT_CARD)
    return load_card_file(path, language, expect_id=expect_id)


def card_path(ref: str) -> tuple[Path, str | None]:
    """The file a card reference means, with the id that file must have when the
    reference is an id; a clear error when there is none."""
    if is_path(ref):
        return card_file_at(ref), None
    if not NAME.match(ref):
        raise UsageError(
            f"{ref!r} is not a card id.",
            hint="Card ids are lower-case names such as fail-fast-fail-forward; "
            "to use a card file, give its path ending in .yaml or .yml.",
        )
    found = locate(ref)
    if found is None:
        ids = [f.id for f in card_files()]
        raise UsageError(
            f"There is no card called {ref!r}{Nearest(ids).to(ref)}.",
            hint=f"Cards: {', '.join(ids)}. ff cards list shows where each comes from.",
        )
    return found.path, ref


def card_file_at(given: str) -> Path:
    """The card file at a path the user gave, which must be a regular file."""
    path = Path(given).expanduser()
    if path.exists() and not path.is_file():
        raise UsageError(
            f"{path} is not a card file: it is a folder or a device, not a regular file.",
            hint="Give the path of a card's .yaml file.",
        )
    if not path.is_file():
        raise UsageError(
            f"No card file at {path}.",
            hint=f"Check the path, or give a card id such as {DEFAULT_CARD}.",
        )
    return path
