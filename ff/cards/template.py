"""``ff cards new``: a small, valid, commented card to edit into an organisation's own."""

from __future__ import annotations

from pathlib import Path

from ff.cards.sources import BUILT_IN, folders
from ff.errors import UsageError

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
