"""The decision as the journal keeps it: enough to explain it later, even after the
card has changed."""

from __future__ import annotations

from typing import Any

from ff.cards.answers import label as answer_label
from ff.cards.engine import Decision

Record = dict[str, Any]  # ff.journal.records.DecisionRecord, as a plain dict


def decision_record(decision: Decision) -> Record:
    """The decision as stored: enough to explain it later, even after the card changes.
    Texts are in the language the questions were asked in (``card.language``)."""

    card = decision.card
    return {
        "card": {
            "id": card.id,
            "version": card.version,
            "sha256": card.sha256,
            "title": card.title,
            "language": card.language,
        },
        "answers": [
            {
                "question": s.question.id,
                "text": s.question.text,
                "answer": s.answer,
                "label": answer_label(s.question, s.answer),
            }
            for s in decision.path
        ],
        "outcome": {
            "id": decision.outcome.id,
            "level": decision.level,
            "title": decision.outcome.title,
        },
        "level": decision.level,
        "reasons": [
            {
                "question": r.question,
                "answer": r.answer,
                "level": r.level,
                "text": r.text,
                "next_step": r.next_step,
            }
            for r in decision.reasons
        ],
        "next_steps": list(decision.next_steps),
    }
