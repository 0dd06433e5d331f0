"""The answers given for a check without asking: ``--answer QUESTION=VALUE`` options
and an answers file (YAML or JSON, or standard input).

An answers file is read only from a regular file (a FIFO could block for ever, and
/dev/zero never ends) or standard input, and at most ``MAX_READ_BYTES`` of it, as
cards are; it must be UTF-8, and a question answered twice in it is refused, in
JSON as in YAML."""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ff.errors import UsageError
from ff.files import MAX_READ_BYTES, TooLarge, read_limited
from ff.text import utf8_text

STANDARD_INPUT = ("-", "/dev/stdin")


class _Refused(ValueError):
    """Something in a JSON answers file that ff does not read (see ``_load_json``):
    what is wrong, the text where it is, and whether it is a key given twice."""

    def __init__(self, message: str, found: str, *, twice: bool = False) -> None:
        super().__init__(message)
        self.message, self.found, self.twice = message, found, twice


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

    label = "standard input" if name in STANDARD_INPUT else name
    text = _decoded(_read(name, label), label)
    try:
        data = _load_json(text, label) if name.endswith(".json") else load_yaml(text, label)
    except YamlProblem as problem:
        raise UsageError(f"{problem}.", hint="Fix the YAML in the answers file.") from None
    return _answer_mapping(data, label, text)


def _read(name: str, label: str) -> bytes:
    """At most ``MAX_READ_BYTES``, from a file or stdin."""
    hint = "Check the path given to --answers ('-' reads standard input)."
    try:
        if name in STANDARD_INPUT:
            return _standard_input()
        return read_limited(Path(name), "answers")
    except OSError as error:
        raise UsageError(
            f"Cannot read the answers file {label}: {error.strerror}.", hint=hint
        ) from None
    except TooLarge:
        raise UsageError(
            f"The answers file {label} is over {MAX_READ_BYTES:,} bytes: "
            "more than any card's answers.",
            hint=hint,
        ) from None


def _standard_input() -> bytes:
    """At most ``MAX_READ_BYTES`` of standard input (and one more, to tell)."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # stdin replaced by text (as in tests)
        raw = sys.stdin.read(MAX_READ_BYTES + 1).encode("utf-8", "surrogateescape")
    else:
        raw = stream.read(MAX_READ_BYTES + 1)
    if len(raw) > MAX_READ_BYTES:
        raise TooLarge(len(raw))
    return raw


def _decoded(raw: bytes, label: str) -> str:
    return utf8_text(raw, label, "the answers file", advice=".")


def _load_json(text: str, label: str) -> Any:
    """JSON as the YAML reader reads it: a key given twice, a number too long to read,
    NaN or Infinity, or nesting too deep are refused with where they are."""
    from ff.yamlload import MAX_DIGITS

    def no_twice(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        kept: dict[str, Any] = {}
        for key, value in pairs:
            if key in kept:
                raise _Refused(f"the question {key!r} is answered twice", key, twice=True)
            kept[key] = value
        return kept

    def whole(digits: str) -> int:
        if len(digits.lstrip("-")) > MAX_DIGITS:
            raise _Refused(f"a number of {len(digits):,} digits is longer than ff reads", digits)
        return int(digits)

    def decimal(digits: str) -> float:
        number = float(digits)
        if not math.isfinite(number):
            raise _Refused(f"the number {digits[:20]} is too large", digits)
        return number

    def constant(word: str) -> float:
        raise _Refused(f"{word} is not a number ff reads", word)

    try:
        return json.loads(
            text,
            object_pairs_hook=no_twice,
            parse_int=whole,
            parse_float=decimal,
            parse_constant=constant,
        )
    except json.JSONDecodeError as error:
        raise UsageError(
            f"{label}:{error.lineno}:{error.colno}: {error.msg}.",
            hint="Fix the JSON in the answers file.",
        ) from None
    except _Refused as refused:
        where = _where(text, refused.found, twice=refused.twice)
        raise UsageError(
            f"{label}{where}: {refused.message}.",
            hint="Fix the JSON in the answers file"
            + (": give each question one answer." if refused.twice else "."),
        ) from None
    except RecursionError:
        raise UsageError(
            f"{label}: the JSON is nested too deeply.",
            hint='An answers file is one mapping of question to answer, e.g. {"legal": "yes"}.',
        ) from None


def _where(text: str, found: str, *, twice: bool, key: bool = False) -> str:
    """``:line`` where ``found`` stands in the JSON (its second place, for a key given
    twice), or nothing if it cannot be found (it was written with escapes)."""
    as_key = re.escape(json.dumps(found, ensure_ascii=False)) + r"\s*:"
    places = [m.start() for m in re.finditer(as_key if twice or key else re.escape(found), text)]
    place = places[1] if twice and len(places) > 1 else places[0] if places else None
    return "" if place is None else f":{text.count(chr(10), 0, place) + 1}"


def _answer_mapping(data: object, label: str, text: str = "") -> dict[str, object]:
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise UsageError(
            f"The answers file {label} must be a mapping of question to answer.",
            hint="For example, a line per answer: legal: yes",
        )
    for key, value in data.items():
        where = f"{label}{_line_of(data, key, text)}"
        if not isinstance(value, (str, int, float, bool)):
            raise UsageError(
                f"{where}: the answer to {key!r} must be a single value.",
                hint="Write one answer per question, e.g. legal: yes",
            )
        if isinstance(value, float) and not math.isfinite(value):
            raise UsageError(
                f"{where}: the answer to {key!r} is {value}, not a number ff can use.",
                hint="Give a number such as 1200, or a word the question allows.",
            )
    return {str(key): value for key, value in data.items()}


def _line_of(data: Mapping[Any, Any], key: Any, text: str) -> str:
    """``:line`` of the answer to ``key``: as YAML read it, else found in the JSON text."""
    known = getattr(data, "key_where", {}).get(key)
    if known is not None:
        return f":{known.line}"
    return _where(text, str(key), twice=False, key=True) if text else ""


def gather_answers(answers_file: str | None, options: Sequence[str]) -> dict[str, object]:
    """Answers from the file, then the options (which win)."""
    answers: dict[str, object] = {}
    if answers_file is not None:
        answers.update(read_answers_file(answers_file))
    answers.update(parse_answer_options(options))
    return answers
