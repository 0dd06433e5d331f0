"""``ff check`` as plain Python: gather answers, decide, and record the idea."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ff import config
from ff.cards.engine import check_answers, decide
from ff.cards.loading import find_card
from ff.cards.model import Answer, Card
from ff.check.given import gather_answers
from ff.check.record import decision_record
from ff.dates import parse_past_day, today
from ff.errors import ExitCode, UsageError
from ff.journal.ideas import NewIdea, record_check
from ff.light import dataclass, field
from ff.text import MAX_TAG, clean_text

EXIT_FOR_LEVEL = {
    "go": ExitCode.OK,
    "caution": ExitCode.OK,
    "approval": ExitCode.APPROVAL,
    "stop": ExitCode.STOP,
}


@dataclass(frozen=True)
class CheckRequest:
    title: str | None
    card: str | None
    answer_options: Sequence[str]
    answers_file: str | None
    owner: str | None
    team: str | None
    tags: Sequence[str]
    dry_run: bool
    journal: Path
    # In a terminal, how to ask: the title, then the card's questions one at a time
    # (the terminal layer's prompts, handed in by the command line). None: never ask.
    asking: Asking | None = None
    language: str | None = None
    date: str | None = None  # checked on an earlier day (--date), as typed

    @property
    def interactive(self) -> bool:
        return self.asking is not None


@dataclass(frozen=True)
class Asking:
    title: Callable[[], str]
    answers: Callable[[Card], Mapping[str, Answer]]


@dataclass(frozen=True)
class CheckResult:
    record: Mapping[str, Any]
    recorded: bool
    journal_created: bool
    journal: Path
    exit_code: ExitCode = field(default=ExitCode.OK)

    def json(self) -> dict[str, Any]:
        """The result for scripts; the keys are pinned by tests and the README."""
        r = self.record
        return {
            "idea": {
                key: r.get(key)
                for key in ("id", "ref", "title", "owner", "team", "tags", "created", "status")
            }
            | {"recorded_at": r.get("recorded_at")},
            "card": {
                key: r["card"].get(key) for key in ("id", "version", "sha256", "title", "language")
            },
            "outcome": r["outcome"],
            "level": r["level"],
            "reasons": r["reasons"],
            "next_steps": r["next_steps"],
            "path": [{"question": a["question"], "answer": a["answer"]} for a in r["answers"]],
            "answers": {a["question"]: a["answer"] for a in r["answers"]},
            "recorded": self.recorded,
            "journal": str(self.journal) if self.recorded else None,
        }


def _title(request: CheckRequest, card: Card) -> str | None:
    if request.title is not None:
        return clean_text(request.title, "title")
    if request.asking is not None:
        return request.asking.title()
    if request.dry_run:
        return None
    raise UsageError(
        "The idea needs a title.",
        hint=f'Give it first: ff check "Your idea" (card {card.id}), '
        "or use --dry-run to record nothing.",
    )


def asked_language(request: CheckRequest) -> str | None:
    """``--lang``, else ``$FF_LANG``, else the config file; None: the card's own language."""
    return config.language(request.language)


def load_card(request: CheckRequest) -> Card:
    """The card to check with, in the language asked for where it has one."""
    return find_card(config.value("card", request.card), asked_language(request))


def run_check(request: CheckRequest, card: Card) -> CheckResult:
    """Decide on an idea and record it, unless it is a dry run."""
    given = gather_answers(request.answers_file, request.answer_options)
    check_answers(card, given)  # bad answers are reported before anything is asked
    day = parse_past_day(request.date, today(), "--date") if request.date else None
    title = _title(request, card)
    if request.asking is not None:
        given = dict(request.asking.answers(card))
    decision = decide(card, given)
    team = config.value("team", request.team)
    idea = NewIdea(
        title=title or "",
        owner=clean_text(config.value("owner", request.owner) or "", "owner"),
        team=clean_text(team, "team") if team else None,
        tags=tuple(dict.fromkeys(clean_text(t, "tag", MAX_TAG) for t in request.tags)),
        day=day,
    )
    exit_code = EXIT_FOR_LEVEL[decision.level]
    if request.dry_run:
        dry: dict[str, Any] = {
            "id": None,
            "ref": None,
            "title": idea.title or None,
            "owner": idea.owner,
            "team": idea.team,
            "tags": list(idea.tags),
            "created": None,
            "status": None,
            **decision_record(decision),
        }
        return CheckResult(dry, False, False, request.journal, exit_code)
    record, created = record_check(request.journal, idea, decision_record(decision))
    return CheckResult(record, True, created, request.journal, exit_code)
