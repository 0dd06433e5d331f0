"""Answers as people give them, and as ff keeps them.

A choice answer is kept as the choice's value (a word such as ``yes``); a number
answer as a number (an ``int`` when it is whole). People may type a choice's
number, value or label in any case, and a number with a currency sign, thousands
separators and its unit ("£1,200", "1200 pounds").
"""

from __future__ import annotations

import math

from ff.cards.model import Answer, Question
from ff.light import dataclass
from ff.numbers import is_number, parse_number, tidy_number


def number_problem(question: Question, number: float) -> str | None:
    """Why ``number`` is not allowed for ``question``, or None when it is."""
    if question.whole and not float(number).is_integer():
        return "must be a whole number"
    if question.minimum is not None and number < question.minimum:
        return f"must be at least {tidy_number(question.minimum)}"
    if question.maximum is not None and number > question.maximum:
        return f"must be at most {tidy_number(question.maximum)}"
    return None


@dataclass(frozen=True)
class Refused:
    """Why an answer given means none for ``question``: ``problem`` is the rule a
    number breaks (``number_problem``); None when it is no choice, or no number."""

    question: Question
    problem: str | None = None

    @property
    def why(self) -> str:
        """In words, to follow the answer given: "is not a number (allowed: ...)"."""
        if self.problem:
            return f"is not allowed: it {self.problem}"
        kind = "a number" if self.question.type == "number" else "allowed"
        return f"is not {kind} (allowed: {allowed(self.question)})"


def normalise(question: Question, given: object) -> Answer | None:
    """The answer ``given`` means for ``question``, or None if it means none."""
    answer = judged(question, given)
    return None if isinstance(answer, Refused) else answer


def judged(question: Question, given: object) -> Answer | Refused:
    """The answer ``given`` means for ``question``, or why it means none."""
    if question.type == "number":
        return _number_answer(question, given)
    if isinstance(given, bool):  # from a JSON or YAML answers file
        given = "yes" if given else "no"
    value = question.choice_for(str(given))
    return Refused(question) if value is None else value


def _number_answer(question: Question, given: object) -> Answer | Refused:
    if isinstance(given, bool):
        return Refused(question)
    number = float(given) if is_number(given) else parse_number(str(given), question.unit_words)
    if number is None or not math.isfinite(number):
        return Refused(question)
    problem = number_problem(question, number)
    return Refused(question, problem) if problem else tidy_number(number)


def allowed(question: Question) -> str:
    """What may be answered, in words: "yes, no, unsure" or "a number from 0 to 10000"."""
    if question.type != "number":
        return ", ".join(question.values)
    kind = "a whole number" if question.whole else "a number"
    low, high = question.minimum, question.maximum
    if low is not None and high is not None:
        kind += f" from {tidy_number(low)} to {tidy_number(high)}"
    elif low is not None:
        kind += f" of at least {tidy_number(low)}"
    elif high is not None:
        kind += f" of at most {tidy_number(high)}"
    return f"{kind} ({question.unit})" if question.unit else kind


def example(question: Question) -> str:
    """One allowed answer, for hints."""
    if question.type != "number":
        return question.values[0]
    return str(tidy_number(question.minimum if question.minimum is not None else 0))


def label(question: Question, answer: Answer) -> str:
    """An answer as people read it: a choice's label, or a number with its unit."""
    if question.type != "number":
        return question.label(str(answer))
    shown = f"{answer:,}" if is_number(answer) else str(answer)
    return f"{shown} {question.unit}" if question.unit else shown
