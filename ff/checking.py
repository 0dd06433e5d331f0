"""``ff check`` as plain Python: gather answers, decide, and record the idea."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ff import config
from ff.cards import Card, find_card
from ff.engine import check_answers, decide
from ff.errors import ExitCode, UsageError
from ff.journal import NewIdea, Record, clean_text, decision_record, record_check

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
    interactive: bool
    language: str | None = None


@dataclass(frozen=True)
class CheckResult:
    record: Record
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
            },
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


def parse_answer_options(options: Sequence[str]) -> dict[str, str]:
    """``--answer QUESTION=VALUE`` options as a mapping."""
    answers: dict[str, str] = {}
    for option in options:
        key, equals, value = option.partition("=")
        if not equals or not key.strip():
            raise UsageError(
                f"--answer {option!r} is not in the form QUESTION=VALUE.",
                hint="For example: --answer legal=yes",
            )
        answers[key.strip()] = value.strip()
    return answers


def read_answers_file(name: str) -> dict[str, object]:
    """A YAML or JSON mapping of question id to answer, from a file or stdin (``-``)."""
    from ff.yamlload import YamlProblem, load_yaml

    label = "standard input" if name == "-" else name
    try:
        text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "it is not UTF-8 text"
        raise UsageError(
            f"Cannot read the answers file {label}: {reason}.",
            hint="Check the path given to --answers.",
        ) from None
    try:
        data = json.loads(text) if name.endswith(".json") else load_yaml(text, label)
    except json.JSONDecodeError as error:
        raise UsageError(
            f"{label}:{error.lineno}:{error.colno}: {error.msg}.",
            hint="Fix the JSON in the answers file.",
        ) from None
    except YamlProblem as problem:
        raise UsageError(f"{problem}.", hint="Fix the YAML in the answers file.") from None
    return _answer_mapping(data, label)


def _answer_mapping(data: object, label: str) -> dict[str, object]:
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise UsageError(
            f"The answers file {label} must be a mapping of question to answer.",
            hint="For example, a line per answer: legal: yes",
        )
    for key, value in data.items():
        if not isinstance(value, (str, int, float, bool)):
            raise UsageError(
                f"In {label}, the answer to {key!r} must be a single value.",
                hint="Write one answer per question, e.g. legal: yes",
            )
    return {str(key): value for key, value in data.items()}


def gather_answers(request: CheckRequest) -> dict[str, object]:
    """Answers from the file, then the options (which win)."""
    answers: dict[str, object] = {}
    if request.answers_file is not None:
        answers.update(read_answers_file(request.answers_file))
    answers.update(parse_answer_options(request.answer_options))
    return answers


def _title(request: CheckRequest, card: Card) -> str | None:
    if request.title is not None:
        return clean_text(request.title, "title")
    if request.interactive:
        from ff.interview import ask_title

        return ask_title()
    if request.dry_run:
        return None
    raise UsageError(
        "The idea needs a title.",
        hint=f'Give it first: ff check "Your idea" (card {card.id}), '
        "or use --dry-run to record nothing.",
    )


def asked_language(request: CheckRequest) -> str | None:
    """``--lang``, else ``$FF_LANG``, else the config file; None: the card's own language."""
    code = config.value("lang", request.language)
    return config.language_code(code) if code else None


def load_card(request: CheckRequest) -> Card:
    """The card to check with, in the language asked for where it has one."""
    return find_card(config.value("card", request.card), asked_language(request))


def run_check(request: CheckRequest, card: Card) -> CheckResult:
    """Decide on an idea and record it, unless it is a dry run."""
    given = gather_answers(request)
    check_answers(card, given)  # bad answers are reported before anything is asked
    title = _title(request, card)
    if request.interactive:
        from ff.interview import interview

        given = dict(interview(card))
    decision = decide(card, given)
    team = config.value("team", request.team)
    idea = NewIdea(
        title=title or "",
        owner=clean_text(config.value("owner", request.owner) or "", "owner"),
        team=clean_text(team, "team") if team else None,
        tags=tuple(dict.fromkeys(clean_text(t, "tag", 50) for t in request.tags)),
    )
    exit_code = EXIT_FOR_LEVEL[decision.level]
    if request.dry_run:
        record = {
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
        return CheckResult(record, False, False, request.journal, exit_code)
    record, created = record_check(request.journal, idea, decision)
    return CheckResult(record, True, created, request.journal, exit_code)
