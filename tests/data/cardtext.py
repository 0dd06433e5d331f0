"""A small valid card as YAML text, for tests to break one piece at a time."""

SMALL_CARD = """\
format: 1
id: small
version: "1"
title: Small card
source: Written for ff's tests.
questions:
  - id: safe
    text: Is it safe?
    help: Think about everyone involved.
    flags:
      "no": {level: stop, reason: It is not safe., next_step: Do not do it.}
      unsure: {level: approval, reason: You are not sure it is safe., next_step: Ask.}
    next:
      - when: {answer: "no"}
        goto: stop
      - goto: cost
  - id: cost
    text: How much will it cost?
    type: choice
    choices:
      - nothing
      - {value: little, label: A little}
      - {value: lots, label: A lot}
    flags:
      lots: {level: caution, reason: It costs a lot., next_step: Tell your manager.}
    next:
      - when: {any: [{answer: lots}, {question: safe, answer: unsure}]}
        goto: tell
      - when: {not: {flagged_at_least: caution}}
        goto: go
      - goto: tell
  - id: tell
    text: Will you tell your manager?
    type: yes_no
    next:
      - when: {all: [{answer: "no"}, {flagged_at_least: approval}]}
        goto: ask
      - when: {flagged_at_least: approval}
        goto: ask
      - goto: careful
outcomes:
  - {id: go, level: go, title: Go, reasons: [All clear.], next_steps: [Start.]}
  - {id: careful, level: caution, title: Go carefully}
  - {id: ask, level: approval, title: Ask first}
  - {id: stop, level: stop, title: Stop}
tests:
  - {name: clear, answers: {safe: "yes", cost: nothing}, outcome: go, level: go}
  - {name: pricey, answers: {safe: "yes", cost: lots, tell: "yes"}, outcome: careful}
  - {name: unsure, answers: {safe: unsure, cost: little, tell: "no"}, outcome: ask}
  - {name: unsafe, answers: {safe: "no"}, outcome: stop, path: [safe]}
"""
