"""Every shipped card loads cleanly and passes its own ``tests:`` examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from ff.cards.examples import run_examples
from ff.cards.loading import builtin_card_paths, load_card_file
from ff.levels import LEVELS
from tests.conftest import REPO

CARDS = builtin_card_paths()


def test_the_default_card_and_at_least_one_more_are_shipped() -> None:
    names = {path.stem for path in CARDS}
    assert "fail-fast-fail-forward" in names
    assert len(names) >= 2


@pytest.mark.parametrize("path", CARDS, ids=lambda p: p.stem)
def test_card_examples_pass(path: Path) -> None:
    card = load_card_file(path)
    assert card.id == path.stem, "a card's file name is its id"
    results = run_examples(card)
    assert results, f"{path.name} has no tests: examples"
    failures = {r.name: r.differences for r in results if not r.passed}
    assert failures == {}


@pytest.mark.parametrize("path", CARDS, ids=lambda p: p.stem)
def test_card_examples_reach_every_outcome(path: Path) -> None:
    card = load_card_file(path)
    reached = {test.outcome for test in card.tests}
    assert reached == {outcome.id for outcome in card.outcomes}


@pytest.mark.parametrize("path", CARDS, ids=lambda p: p.stem)
def test_card_says_where_it_comes_from(path: Path) -> None:
    card = load_card_file(path)
    assert len(card.source) > 80
    assert {outcome.level for outcome in card.outcomes} <= set(LEVELS)


def test_default_card_is_an_honest_reconstruction_crediting_its_sources() -> None:
    card = load_card_file(REPO / "cards" / "fail-fast-fail-forward.yaml")
    assert "reconstruction" in card.source
    for credit in ("Just Do It", "Quick Test", "Monmouthshire"):
        assert credit in card.source


def test_default_card_has_the_question_ids_scripts_rely_on() -> None:
    card = load_card_file(REPO / "cards" / "fail-fast-fail-forward.yaml")
    assert [q.id for q in card.questions] == [
        "legal",
        "values",
        "harm",
        "personal_data",
        "budget",
        "reversible",
        "newspaper",
        "accountable",
    ]
    assert all(q.values == ("yes", "no", "unsure") for q in card.questions)
