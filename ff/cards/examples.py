"""A card's own examples (its ``tests:``), run through the engine; and the checks
behind ``ff cards validate`` and ``ff cards test``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ff.cards.engine import decide
from ff.cards.loading import card_file_at, card_path, load_card_file
from ff.cards.model import Card
from ff.cards.sources import card_files
from ff.errors import AnswerError, CardError, Where
from ff.light import dataclass


@dataclass(frozen=True)
class ExampleResult:
    """One of a card's ``tests:`` examples, run: what differed, if anything."""

    name: str
    differences: tuple[str, ...]
    where: Where | None = None  # where the example is written in the card
    outcome: str | None = None  # the outcome it reached (None: its answers cannot be used)

    @property
    def passed(self) -> bool:
        return not self.differences

    def json(self) -> dict[str, Any]:
        line = self.where.line if self.where else None
        return {
            "name": self.name,
            "passed": self.passed,
            "differences": list(self.differences),
            "line": line,
        }


def run_examples(card: Card) -> list[ExampleResult]:
    """Run every ``tests:`` example of the card through the engine."""
    results = []
    for test in card.tests:
        try:
            decision = decide(card, test.answers)
        except AnswerError as problem:
            results.append(ExampleResult(test.name, (problem.message,), test.where))
            continue
        outcome = decision.outcome.id
        differences = []
        if outcome != test.outcome:
            differences.append(f"outcome: expected {test.outcome}, got {outcome}")
        if test.level is not None and decision.level != test.level:
            differences.append(f"level: expected {test.level}, got {decision.level}")
        path = tuple(step.question.id for step in decision.path)
        if test.path is not None and path != test.path:
            differences.append(f"path: expected {list(test.path)}, got {list(path)}")
        given = [" ".join(reason.text.split()) for reason in decision.reasons]
        for reason in test.reasons:
            if reason not in given:
                differences.append(f"reasons: expected {reason!r}, got {given}")
        results.append(ExampleResult(test.name, tuple(differences), test.where, outcome))
    return results


@dataclass(frozen=True)
class Checked:
    """One card file, read and (for ``ff cards test``) its examples run."""

    file: str
    card: Card | None
    problems: Sequence[tuple[Where, str]] = ()
    examples: Sequence[ExampleResult] = ()
    unreached: Sequence[str] = ()  # outcome ids no example reaches

    @property
    def passed(self) -> bool:
        examples_pass = all(e.passed for e in self.examples)
        return self.card is not None and not self.problems and examples_pass and not self.unreached

    def json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "card": self.card.id if self.card else None,
            "valid": self.card is not None,
            "problems": [
                {"file": w.file, "line": w.line, "column": w.column, "message": m}
                for w, m in self.problems
            ],
        }


def targets(paths: Sequence[str]) -> list[tuple[str, Path, str | None]]:
    """The card files to check: the paths given, else every card ff can find by id.
    Each comes with the id its file name must match (for cards in card folders)."""
    if not paths:
        return [(str(f.path), f.path, f.id) for f in card_files()]
    found: list[tuple[str, Path, str | None]] = []
    for given in paths:
        if Path(given).expanduser().exists():  # a file, even one not named .yaml
            found.append((given, card_file_at(given), None))
        else:
            found.append((given, *card_path(given)))
    return found


def validate(paths: Sequence[str]) -> list[Checked]:
    """Read every card named (or known), collecting every problem of each."""
    results = []
    for name, path, expect_id in targets(paths):
        try:
            card = load_card_file(path, expect_id=expect_id)
        except CardError as problem:
            results.append(Checked(name, None, problem.located))
        else:
            results.append(Checked(name, card))
    return results


def run_tests(paths: Sequence[str]) -> list[Checked]:
    """Each card's ``tests:`` examples, run; and the outcomes that no example reaches."""
    results = []
    for checked in validate(paths):
        card = checked.card
        if card is None:
            results.append(checked)
            continue
        examples = run_examples(card)
        reached = {example.outcome for example in examples}
        unreached = [o.id for o in card.outcomes if o.id not in reached]
        results.append(Checked(checked.file, card, (), examples, unreached))
    return results
