"""``ff cards``: list, show, validate and test cards, as plain data.

Nothing here prints: ff.render shows the results to people, and the command line
turns them into JSON for scripts.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ff.answers import tidy_number
from ff.cards import (
    AllOf,
    AnswerIs,
    AnyOf,
    Card,
    Compare,
    Condition,
    FlaggedAtLeast,
    Not,
    Question,
    card_file_at,
    card_path,
    load_card_file,
)
from ff.cardsources import CardFile, card_files
from ff.errors import CardError, UsageError
from ff.yamlload import Where

LEVEL_WORDS = {
    "go": "go ahead",
    "caution": "go ahead with conditions",
    "approval": "talk to your manager first",
    "stop": "stop",
}
_COMPARE_WORDS = {"lt": "less than", "lte": "at most", "gt": "more than", "gte": "at least"}


# --------------------------------------------------------------------------- in words


def _number(value: float, question: Question | None) -> str:
    shown = f"{tidy_number(value):,}"
    return f"{shown} {question.unit}" if question and question.unit else shown


def describe(condition: Condition | None, card: Card, here: str) -> str:
    """A rule's or flag's condition in plain words, for people who never read YAML."""
    if condition is None:
        return "otherwise"
    if isinstance(condition, AnswerIs):
        asked = card.question(condition.question)
        labels = " or ".join(asked.label(v) if asked else v for v in condition.values)
        return f"{_whose(condition.question, here)} is {labels}"
    if isinstance(condition, Compare):
        asked = card.question(condition.question)
        bounds = [_number(b, asked) for b in condition.bounds]
        if condition.op == "between":
            words = f"from {bounds[0]} to {bounds[1]}"
        else:
            words = f"{_COMPARE_WORDS[condition.op]} {bounds[0]}"
        return f"{_whose(condition.question, here)} is {words}"
    if isinstance(condition, FlaggedAtLeast):
        worse = "" if condition.level == "stop" else " or worse"
        return f"an answer so far was flagged {condition.level}{worse}"
    if isinstance(condition, Not):
        return f"not ({describe(condition.condition, card, here)})"
    joiner = " and " if isinstance(condition, AllOf) else " or "
    return joiner.join(_part(c, card, here) for c in condition.conditions)


def _part(condition: Condition, card: Card, here: str) -> str:
    words = describe(condition, card, here)
    return f"({words})" if isinstance(condition, (AllOf, AnyOf)) else words


def _whose(question_id: str, here: str) -> str:
    return "the answer" if question_id == here else f"the answer to {question_id}"


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
    return f"outcome {outcome.title} ({LEVEL_WORDS[outcome.level]})"


# --------------------------------------------------------------------------- listing


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


# --------------------------------------------------------------------------- the card as data


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
    if condition is None:
        return None
    if isinstance(condition, AnswerIs):
        return {"question": condition.question, "answer": list(condition.values)}
    if isinstance(condition, Compare):
        bounds = [tidy_number(b) for b in condition.bounds]
        return {
            "question": condition.question,
            condition.op: bounds if len(bounds) > 1 else bounds[0],
        }
    if isinstance(condition, FlaggedAtLeast):
        return {"flagged_at_least": condition.level}
    if isinstance(condition, Not):
        return {"not": condition_json(condition.condition)}
    key = "all" if isinstance(condition, AllOf) else "any"
    return {key: [condition_json(c) for c in condition.conditions]}


# --------------------------------------------------------------------------- validate and test


@dataclass(frozen=True)
class Checked:
    """One card file, read and (for ``ff cards test``) its examples run."""

    file: str
    card: Card | None
    problems: Sequence[tuple[Where, str]] = ()
    examples: Sequence[Any] = ()  # ff.engine.ExampleResult
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
    from ff.engine import decide, run_examples
    from ff.errors import AnswerError

    results = []
    for checked in validate(paths):
        card = checked.card
        if card is None:
            results.append(checked)
            continue
        reached = set()
        for test in card.tests:
            with suppress(AnswerError):  # run_examples reports it
                reached.add(decide(card, test.answers).outcome.id)
        unreached = [o.id for o in card.outcomes if o.id not in reached]
        results.append(Checked(checked.file, card, (), run_examples(card), unreached))
    return results


# --------------------------------------------------------------------------- a new card


NEW_CARD = """\
# A new ff card. Edit it into your own policy, then check it:
#   ff cards validate {file}    every problem, each with its line
#   ff cards test {file}        runs the examples under tests:
#   ff cards graph {name}              the flow as a diagram
#   ff check --card {name}             use it
# The format is described in ff's cards/README.md; ff cards show fail-fast-fail-forward
# shows a whole card. Quote "yes" and "no": unquoted, other YAML tools read them as
# true/false, so ff refuses them.
format: 1
id: {name}                 # the file name without .yaml
version: "1"               # quoted, so that 1.10 stays 1.10
title: {title}
source: Who wrote this card, and what it draws on.
description: One or two sentences for people choosing a card.
language: en
# For Welsh as well: languages: [en, cy], then give each text in both, e.g.
#   text: {{en: Is it safe and legal to try?, cy: "..."}}
languages: [en]

questions:
  - id: safe
    text: Is it safe and legal to try?
    help: Think of everyone it touches, the law and our policies.
    # type: yes_no_unsure is the default: the answers are yes, no and unsure
    flags:                 # what an answer raises: a level, a reason, what to do next
      "no":
        level: stop
        reason: It is not safe or legal to try.
        next_step: Do not go ahead. Talk to your manager about what would need to change.
      unsure:
        level: approval
        reason: You are not sure it is safe and legal.
        next_step: Ask your manager before you start.
    next:                  # the first rule whose `when` holds says where to go
      - when: {{answer: "no"}}
        goto: stop         # an outcome ends the check
      - goto: cost         # no `when`: every other answer

  - id: cost
    text: How much will it cost, in pounds?
    type: number
    min: 0
    unit: pounds
    flags:                 # a number's flags: the first whose `when` holds is raised
      - when: {{gt: 500}}
        level: approval
        reason: It costs more than 500 pounds.
        next_step: Agree the budget with your manager first.
    next:
      - when: {{flagged_at_least: approval}}
        goto: ask-first
      - goto: go-ahead

outcomes:                  # levels: go, caution, approval, stop
  - id: go-ahead
    level: go
    title: Go ahead
    reasons: [Every answer was clear.]
    next_steps:
      - Start small, and record what you learn with ff log.
  - id: ask-first
    level: approval
    title: Talk to your manager first
    next_steps: [Take these reasons to your manager.]
  - id: stop
    level: stop
    title: Stop

tests:                     # one example per branch; ff cards test runs them all
  - name: safe and cheap goes ahead
    answers: {{safe: "yes", cost: 100}}
    outcome: go-ahead
    level: go
    path: [safe, cost]
  - name: exactly 500 pounds still goes ahead
    answers: {{safe: "yes", cost: 500}}
    outcome: go-ahead
  - name: over 500 pounds needs approval
    answers: {{safe: "yes", cost: 501}}
    outcome: ask-first
    level: approval
    reasons: [It costs more than 500 pounds.]   # optional: reasons it must give
  - name: unsure if safe needs approval
    answers: {{safe: unsure, cost: 0}}
    outcome: ask-first
    level: approval
  - name: unsafe stops at once
    answers: {{safe: "no"}}
    outcome: stop
    path: [safe]
"""


def new_card_text(name: str, file: str) -> str:
    """A small, valid, commented card called ``name``, with an example per branch."""
    title = name.replace("-", " ").replace("_", " ").capitalize()
    return NEW_CARD.format(name=name, title=title, file=file)


def new_card_path(name: str, output: Path | None) -> Path:
    """Where ``ff cards new`` writes: ``--output`` (a file, or a folder), else the
    first card folder ff looks in (the first ``FF_CARDS`` folder, else ``cards_dir``)."""
    from ff.cardsources import BUILT_IN, folders

    if output is not None:
        return output / f"{name}.yaml" if output.is_dir() else output
    for source, folder in folders():
        if source != BUILT_IN:
            return folder / f"{name}.yaml"
    raise UsageError(
        "Where should the new card go? No card folder is set.",
        hint="Give --output FILE, or set your organisation's card folder: "
        "ff config set cards_dir FOLDER",
    )
