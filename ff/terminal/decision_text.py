"""A decision's words, and the decision as plain text (``decision_view`` chooses it,
or ``decision_rich``'s panel in a terminal). Each reason names the answer that
raised it by the question's own words, as the person was asked it (the record
keeps each asked question's text), never by the card's id for it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ff.levels import LEVEL_MEANINGS
from ff.terminal import console
from ff.terminal.catalogue import Say, words


def answered(record: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    """The record's answers by question id."""
    return {str(a.get("question")): a for a in record.get("answers", [])}


def reason_heading(reason: Mapping[str, Any], asked: Mapping[str, Mapping[str, Any]]) -> str:
    """The answer a reason comes from, in the words the person saw: "Could it put
    anyone at risk of harm? Not sure." ("" for the outcome's own reasons)."""
    question = reason.get("question")
    if not question:
        return ""
    answer = asked.get(str(question), {})
    text = str(answer.get("text") or question).strip()
    label = answer.get("label") or reason.get("answer") or ""
    joined = " " if text[-1:] in ("?", ".", ":", "!") else ": "
    return f"{text}{joined}{label}."


def level_line(level: str, say: Say) -> str:
    return f"{say(level.upper())}: {say(LEVEL_MEANINGS.get(level, ''))}"


def general_steps(record: Mapping[str, Any]) -> list[str]:
    """The next steps not already given under a reason."""
    shown = {r.get("next_step") for r in record.get("reasons", [])}
    return [step for step in record.get("next_steps", []) if step not in shown]


def _numbered(items: Sequence[str]) -> list[str]:
    """``1. text``, each line of a text after its first indented under it."""
    lines = []
    for number, item in enumerate(items, 1):
        lead = f"{number}. "
        lines.append(lead + item.replace("\n", "\n" + " " * len(lead)))
    return lines


def plain_lines(record: Mapping[str, Any], say: Say) -> list[str]:
    """The decision as plain text, one line per paragraph, never wrapped."""
    asked = answered(record)
    safe = console.safe
    title = safe(record.get("title") or say("(no title)"))
    ref = f"   {say('ref {ref}', ref=record['ref'])}" if record.get("ref") else ""
    reasons = []
    for reason in record.get("reasons", []):
        heading = reason_heading(reason, asked)
        text = safe(f"{heading} {reason['text']}" if heading else reason["text"])
        if reason.get("next_step"):
            text += "\n" + say("What to do: ") + safe(reason["next_step"])
        reasons.append(text)
    lines = [
        say("Decision: ") + safe(record["outcome"]["title"]),
        say("Idea: ") + title + ref,
        say("Level: ") + level_line(record["level"], say),
        "",
        say("Why"),
        *_numbered(reasons),
    ]
    general = general_steps(record)
    if general:
        lines += ["", say("Next steps"), *_numbered([safe(s) for s in general])]
    answers = [safe(f"{a['text']} {a['label']}") for a in record.get("answers", [])]
    return [*lines, "", say("Your answers"), *_numbered(answers)]


def next_commands(record: Mapping[str, Any], say: Say | None = None) -> list[str]:
    """What to type next, after an idea is recorded: how to record the approval the
    decision asks for, and how to record each try (a stopped idea gets neither)."""
    say = say or words(None)
    ref, level = record["ref"], record["level"]
    if level == "stop":
        return []
    lines = []
    if level == "approval":
        lines.append(
            say("When your manager agrees, record it: ff status {ref} approved --by NAME", ref=ref)
        )
    lines.append(say("Each time you try it, record what happened: ff log {ref}", ref=ref))
    return lines
