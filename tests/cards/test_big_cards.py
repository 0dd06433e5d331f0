"""Cards as large as ff reads (just under 1,000,000 bytes), each stretching one part
of a card (tests/data/big_cards/make.py says how): ff reads, checks and runs each,
or refuses it, cleanly. Each runs as a real process whose timeout guards against a
hang; how long each takes is measured by tests/benchmarks/bench.py, not asserted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import run_ff
from tests.data.big_cards import make

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The big cards, made once for the whole run."""
    made = tmp_path_factory.mktemp("big_cards")
    make.write(made)
    return made


def test_each_big_card_is_as_large_as_a_card_may_be(folder: Path) -> None:
    for name in make.CARDS:
        size = len((folder / f"{name}.yaml").read_bytes())
        assert 990_000 < size < make.LIMIT, name


@pytest.mark.parametrize("name", [n for n in make.NAMES if n != "many-problems"])
def test_a_card_as_large_as_allowed_is_read_checked_and_its_examples_run(
    folder: Path, name: str
) -> None:
    path = folder / f"{name}.yaml"
    done = run_ff("cards", "test", str(path))
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "FAIL" not in done.stdout and "Traceback" not in done.stderr
    assert done.stdout.count("  pass ") >= 2
    assert done.stderr.endswith("1 of 1 cards passed.\n")


def test_a_card_with_thousands_of_problems_is_refused_naming_each(folder: Path) -> None:
    path = folder / "many-problems.yaml"
    flags = path.read_text(encoding="utf-8").count("level: urgent")
    done = run_ff("cards", "validate", str(path))
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    pattern = re.compile(
        rf"^{re.escape(str(path))}:\d+:\d+: question 'amount': flag level 'urgent' is not "
        "one of go, caution, approval, stop$"
    )
    assert len(lines) == flags > 10_000
    assert all(pattern.match(line) for line in lines), lines[:3]
    assert done.stderr.startswith(f"BAD {path} ({flags:,} problems)".replace(",", ""))


@pytest.mark.parametrize("name", ["choice-flags", "number-rules"])
def test_a_big_card_is_shown_and_drawn(folder: Path, name: str) -> None:
    path = folder / f"{name}.yaml"
    shown = run_ff("cards", "show", str(path))
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.count("\n") > 1000
    drawn = run_ff("cards", "graph", str(path))
    assert drawn.returncode == 0, drawn.stderr
    rules = path.read_text(encoding="utf-8").count("goto:")
    assert drawn.stdout.startswith("%% A ") and drawn.stdout.count("-->") == rules


@pytest.mark.parametrize(
    ("name", "answer", "level"),
    [
        ("number-flags", "amount=12", "CAUTION"),
        ("examples", "pick=c3", "GO"),
    ],
)
def test_a_big_card_decides(folder: Path, name: str, answer: str, level: str) -> None:
    done = run_ff("check", "--dry-run", "--card", str(folder / f"{name}.yaml"), "--answer", answer)
    assert done.returncode == 0, done.stderr
    assert level in done.stdout
