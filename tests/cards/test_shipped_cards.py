"""Every shipped card loads cleanly, passes its own ``tests:`` examples, and never
contradicts itself whatever is answered."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from ff.cards.engine import decide
from ff.cards.examples import run_examples
from ff.cards.loading import builtin_card_paths, load_card_file, parse_card
from ff.cards.model import Answer, Card
from ff.cards.routes import answers_to_try
from ff.cards.template import new_card_text
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


def every_answering(card: Card) -> Iterator[dict[str, Answer]]:
    """Every combination of answers worth trying: each choice, and for a number each
    threshold and a number either side of it."""
    yield from (
        dict(zip([q.id for q in card.questions], chosen, strict=True))
        for chosen in itertools.product(*(answers_to_try(q) for q in card.questions))
    )


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("path", [*CARDS, "new card"], ids=lambda p: getattr(p, "stem", p))
def test_no_decision_contradicts_itself(path: Path | str, language: str) -> None:
    """Whatever is answered, the decision's level is its outcome's: never "Go ahead"
    at level caution; and "Every answer was clear" is never said after a flag."""
    if isinstance(path, Path):
        card = load_card_file(path, language)
    else:
        card = parse_card(new_card_text("new-card", "new-card.yaml"), "new-card.yaml")
    decided = 0
    for answers in every_answering(card):
        decision = decide(card, answers)
        decided += 1
        assert decision.level == decision.outcome.level, (answers, decision.outcome.id)
        flagged = [r for r in decision.reasons if r.question is not None]
        clear = [r for r in decision.reasons if "Every answer was clear" in r.text]
        assert not (flagged and clear), answers
    assert decided >= 8
