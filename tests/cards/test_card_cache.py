"""Cards kept once read (ff.cards.cache): ``ff check`` on an unchanged card skips YAML,
and whatever changes, or whatever is wrong with what was kept, the card is read
afresh. The cache folder is the test's own (XDG_CACHE_HOME, set in conftest)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from ff.cards.loading import load_card_file
from ff.paths import builtin_cards_dir, cache_dir
from tests.conftest import ALL_CLEAR, answer_options, run_ff
from tests.test_imports import modules_imported_by

DEFAULT = builtin_cards_dir() / "fail-fast-fail-forward.yaml"


def kept() -> list[Path]:
    return sorted((cache_dir() / "cards").glob("*.pickle"))


@pytest.fixture
def card(tmp_path: Path) -> Path:
    path = tmp_path / "my-card.yaml"
    shutil.copy(DEFAULT, path)
    return path


def dry_run(ff: Callable[..., Result], card: Path) -> Result:
    return ff(
        "check", "Idea", "--card", str(card), "--dry-run", "--json", *answer_options(ALL_CLEAR)
    )


def test_a_second_check_on_an_unchanged_card_reads_no_yaml(journal: Path) -> None:
    first = run_ff("check", "Idea", *answer_options(ALL_CLEAR), "--json")
    assert first.returncode == 0, first.stderr
    assert len(kept()) == 1
    loaded = modules_imported_by("check", "Idea", "--dry-run", "--json", *answer_options(ALL_CLEAR))
    assert "ff.cards.engine" in loaded  # it did decide
    assert "yaml" not in loaded and "ff.cards.reader" not in loaded


def test_a_kept_card_is_the_card_read_afresh(card: Path) -> None:
    read = load_card_file(card)
    again = load_card_file(card)
    assert len(kept()) == 1
    assert again == read and again is not read


def test_a_changed_card_is_read_afresh(ff: Callable[..., Result], card: Path) -> None:
    assert dry_run(ff, card).exit_code == 0
    text = card.read_text(encoding="utf-8")
    card.write_text(text.replace("questions:", "questions: [", 1), encoding="utf-8")
    broken = dry_run(ff, card)
    assert broken.exit_code != 0
    assert "not valid YAML" in broken.stderr


def test_a_card_with_problems_is_never_kept(ff: Callable[..., Result], card: Path) -> None:
    card.write_text(card.read_text(encoding="utf-8").replace("questions:", "questions: [", 1))
    assert dry_run(ff, card).exit_code != 0
    assert kept() == []


@pytest.mark.parametrize(
    "damage",
    [b"", b"not a pickle", b"\x80\x05K\x01.", b"\x80\x05\x95"],
    ids=["empty", "text", "a-number", "cut-short"],
)
def test_a_damaged_kept_card_is_read_afresh_and_kept_again(
    ff: Callable[..., Result], card: Path, damage: bytes
) -> None:
    assert dry_run(ff, card).exit_code == 0
    (path,) = kept()
    path.write_bytes(damage)
    done = dry_run(ff, card)
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["level"] == "go"
    assert load_card_file(card) == load_card_file(card)  # kept again, whole
    assert path.read_bytes() != damage


def test_a_cache_folder_that_is_a_file_only_means_reading_each_time(
    ff: Callable[..., Result], card: Path
) -> None:
    cache_dir().parent.mkdir(parents=True, exist_ok=True)
    cache_dir().write_text("not a folder")
    assert dry_run(ff, card).exit_code == 0
    assert dry_run(ff, card).exit_code == 0
