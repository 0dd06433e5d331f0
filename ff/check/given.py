"""The answers given for a check without asking: ``--answer QUESTION=VALUE`` options
and an answers file (YAML or JSON, or standard input)."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from ff.errors import UsageError


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


def gather_answers(answers_file: str | None, options: Sequence[str]) -> dict[str, object]:
    """Answers from the file, then the options (which win)."""
    answers: dict[str, object] = {}
    if answers_file is not None:
        answers.update(read_answers_file(answers_file))
    answers.update(parse_answer_options(options))
    return answers
