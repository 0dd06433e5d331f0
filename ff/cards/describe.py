"""A card in words and as data: what ``ff cards show`` and ``ff cards list`` give,
for people who never read YAML and for scripts."""

from __future__ import annotations

from typing import Any

from ff.cards.conditions import Condition
from ff.cards.loading import load_card_file
from ff.cards.model import Card, Question
from ff.cards.sources import CardFile, card_files
from ff.errors import CardError
from ff.levels import level_words
from ff.light import dataclass


def describe(condition: Condition | None, card: Card, here: str) -> str:
    """A rule's or flag's condition in plain words, for people who never read YAML."""
    return "otherwise" if condition is None else condition.words(card, here)


def flag_lines(question: Question, card: Card) -> list[tuple[str, str, str, str | None]]:
    """Each flag of a question: (when, level, reason, next step)."""
    if question.type == "number":
        return [
            (
                describe(rule.when, card, question.id),
                rule.flag.level,
                rule.flag.reason,
                rule.flag.next_step,
            )
            for rule in question.flag_rules
        ]
    return [
        (f"the answer is {question.label(answer)}", flag.level, flag.reason, flag.next_step)
        for answer, flag in question.flags.items()
    ]


def target_name(card: Card, node_id: str) -> str:
    """Where a rule leads, in words: "question 2 (values)" or "outcome: Stop (stop)"."""
    question = card.question(node_id)
    if question is not None:
        return f"question {card.number(question.id)} ({question.id})"
    outcome = card.outcome(node_id)
    assert outcome is not None  # a loaded card has no rule to nowhere
    return f"outcome {outcome.title} ({level_words(outcome.level)})"


@dataclass(frozen=True)
class Listed:
    """A card as ``ff cards list`` shows it."""

    file: CardFile
    card: Card | None
    problems: int

    def json(self) -> dict[str, Any]:
        card = self.card
        return {
            "id": self.file.id,
            "title": card.title if card else None,
            "version": card.version if card else None,
            "languages": list(card.languages) if card else None,
            "source": self.file.source,
            "path": str(self.file.path),
            "shadows": [{"source": s.source, "path": str(s.path)} for s in self.file.shadows],
            "problems": self.problems,
        }


def list_cards(language: str | None = None) -> list[Listed]:
    """Every card ff can find by id, read (a broken one is listed with its problem count)."""
    listed = []
    for found in card_files():
        try:
            listed.append(
                Listed(found, load_card_file(found.path, language, expect_id=found.id), 0)
            )
        except CardError as problem:
            listed.append(Listed(found, None, max(1, len(problem.located))))
    return listed


def card_json(card: Card) -> dict[str, Any]:
    """The parsed card, in the language it was read in, for ``ff cards show --json``."""
    return {
        "id": card.id,
        "version": card.version,
        "title": card.title,
        "source": card.source,
        "description": card.description,
        "language": card.language,
        "default_language": card.default_language,
        "languages": list(card.languages),
        "translations": dict(card.translations),
        "file": card.file,
        "sha256": card.sha256,
        "questions": [_question_json(q) for q in card.questions],
        "outcomes": [
            {
                "id": o.id,
                "level": o.level,
                "title": o.title,
                "reasons": list(o.reasons),
                "next_steps": list(o.next_steps),
            }
            for o in card.outcomes
        ],
        "tests": [
            {
                "name": t.name,
                "answers": dict(t.answers),
                "outcome": t.outcome,
                "level": t.level,
                "path": list(t.path) if t.path is not None else None,
                "reasons": list(t.reasons),
            }
            for t in card.tests
        ],
    }


def _question_json(question: Question) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": question.id,
        "type": question.type,
        "text": question.text,
        "help": question.help,
        "choices": [{"value": c.value, "label": c.label} for c in question.choices],
    }
    if question.type == "number":
        data.update(
            min=question.minimum, max=question.maximum, unit=question.unit, whole=question.whole
        )
        data["flags"] = [
            {"when": condition_json(r.when), **_flag_json(r.flag)} for r in question.flag_rules
        ]
    else:
        data["flags"] = {answer: _flag_json(flag) for answer, flag in question.flags.items()}
    data["next"] = [
        {"when": condition_json(rule.when), "goto": rule.goto} for rule in question.rules
    ]
    return data


def _flag_json(flag: Any) -> dict[str, Any]:
    return {"level": flag.level, "reason": flag.reason, "next_step": flag.next_step}


def condition_json(condition: Condition | None) -> dict[str, Any] | None:
    """A condition as the card writes it (with the question always named)."""
    return None if condition is None else condition.json()
