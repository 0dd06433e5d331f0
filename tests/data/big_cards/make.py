"""Makes cards each just under ff's 1,000,000-byte limit for a card, each stretching
one part of a card as far as that limit allows (thousands of flags, rules,
choices, questions, paths or examples). ff must read, check and run each of them,
or refuse it, in about a second; answer by answer, the checks of a number question
with 5,000 flags took minutes. They are made when needed (by the tests, in a
temporary folder, and by the benchmark), not kept: 10 MB of repeated lines.

    python -m tests.data.big_cards.make FOLDER      # the same cards each time
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

LIMIT = 1_000_000
OUTCOMES = (
    "outcomes:\n"
    "  - {id: fine, level: go, title: Fine}\n"
    "  - {id: careful, level: caution, title: Careful}\n"
)


def header(card_id: str, title: str) -> str:
    return (
        f'format: 1\nid: {card_id}\nversion: "1"\ntitle: {title}\n'
        "source: Written for ff's tests, as large as a card may be.\n"
    )


def one_question(qid: str, kind: str, extra: str) -> str:
    """The start of a card's only question: its id, text, type and ``extra`` lines."""
    return f"questions:\n  - id: {qid}\n    text: Which one?\n    type: {kind}\n{extra}"


def choice_list(n: int) -> str:
    return "[" + ", ".join(f"c{i}" for i in range(n)) + "]"


def examples_of(*examples: tuple[str, str, str]) -> str:
    """``tests:`` with each (name, answers, outcome)."""
    lines = [f"  - {{name: {n}, answers: {{{a}}}, outcome: {o}}}\n" for n, a, o in examples]
    return "tests:\n" + "".join(lines)


def number_flags(n: int) -> str:
    """A number question with n `between` flags (the issue's 5,000 took 269 s)."""
    flags = "".join(
        f"      - {{when: {{between: [{i * 10}, {i * 10 + 5}]}}, "
        f"level: caution, reason: Band {i}.}}\n"
        for i in range(n)
    )
    rules = "      - {when: {flagged_at_least: caution}, goto: careful}\n      - {goto: fine}\n"
    return (
        header("number-flags", "A number with thousands of flags")
        + one_question("amount", "number", "    flags:\n" + flags + "    next:\n" + rules)
        + OUTCOMES
        + examples_of(("in a band", "amount: 12", "careful"), ("between", "amount: 17", "fine"))
    )


def number_rules(n: int) -> str:
    """A number question with n rules, each comparing its answer."""
    rules = "".join(
        f"      - {{when: {{between: [{i * 10}, {i * 10 + 5}]}}, goto: careful}}\n"
        for i in range(n)
    )
    return (
        header("number-rules", "A number with thousands of rules")
        + one_question("amount", "number", "    next:\n" + rules + "      - {goto: fine}\n")
        + OUTCOMES
        + examples_of(("in a band", "amount: 12", "careful"), ("between", "amount: 17", "fine"))
    )


def choices(n: int) -> str:
    """A choice question with n choices (the issue's 60,000 did not finish in 580 s)."""
    listed = "".join(f"      - c{i}\n" for i in range(n))
    rules = "      - {when: {answer: c1}, goto: careful}\n      - {goto: fine}\n"
    return (
        header("choices", "A question with a hundred thousand choices")
        + one_question("pick", "choice", "    choices:\n" + listed + "    next:\n" + rules)
        + OUTCOMES
        + examples_of(
            ("the second", "pick: c1", "careful"), ("the last", f"pick: c{n - 1}", "fine")
        )
    )


def choice_rules(n: int) -> str:
    """A choice question with a rule for each of its n choices but the last."""
    rules = "".join(f"      - {{when: {{answer: c{i}}}, goto: careful}}\n" for i in range(n - 1))
    extra = f"    choices: {choice_list(n)}\n    next:\n" + rules + "      - {goto: fine}\n"
    return (
        header("choice-rules", "A rule for each of thousands of choices")
        + one_question("pick", "choice", extra)
        + OUTCOMES
        + examples_of(("the first", "pick: c0", "careful"), ("the last", f"pick: c{n - 1}", "fine"))
    )


def choice_flags(n: int) -> str:
    """A choice question with a flag on each of its n choices but the first."""
    flags = "".join(f"      c{i}: {{level: caution, reason: Choice {i}.}}\n" for i in range(1, n))
    rules = "      - {when: {flagged_at_least: caution}, goto: careful}\n      - {goto: fine}\n"
    extra = f"    choices: {choice_list(n)}\n    flags:\n" + flags + "    next:\n" + rules
    return (
        header("choice-flags", "A flag on each of thousands of choices")
        + one_question("pick", "choice", extra)
        + OUTCOMES
        + examples_of(("the first", "pick: c0", "fine"), ("the second", "pick: c1", "careful"))
    )


def flagged_unsure(i: int) -> str:
    return f"{{unsure: {{level: caution, reason: Unsure {i}.}}}}"


def chain(n: int) -> str:
    """n questions one after another, each flagging unsure; the last reads the flags."""
    lines = []
    for i in range(n):
        after = f"q{i + 1}" if i + 1 < n else "fine"
        flagged = f"q{i + 1}" if i + 1 < n else "careful"
        lines.append(
            f"  - {{id: q{i}, text: Question {i}?, flags: {flagged_unsure(i)}, next: "
            f"[{{when: {{flagged_at_least: caution}}, goto: {flagged}}}, {{goto: {after}}}]}}\n"
        )
    clear = ", ".join(f'q{i}: "yes"' for i in range(1, n))
    return (
        header("chain", "Thousands of questions one after another")
        + "questions:\n"
        + "".join(lines)
        + OUTCOMES
        + examples_of(
            ("all clear", f'q0: "yes", {clear}', "fine"),
            ("one unsure", f"q0: unsure, {clear}", "careful"),
        )
    )


def many_paths(n: int) -> str:
    """n questions, each leading to the next two: more paths than could be counted."""
    lines = []
    for i in range(n):
        one = f"q{i + 1}" if i + 1 < n else "fine"
        two = f"q{i + 2}" if i + 2 < n else "fine"
        lines.append(
            f"  - {{id: q{i}, text: Question {i}?, flags: {flagged_unsure(i)}, next: "
            f"[{{when: {{flagged_at_least: caution}}, goto: careful}}, "
            f'{{when: {{answer: "yes"}}, goto: {one}}}, {{goto: {two}}}]}}\n'
        )
    every_other = ", ".join(f'q{i}: "no"' for i in range(0, n, 2))
    return (
        header("many-paths", "Questions that each lead to the next two")
        + "questions:\n"
        + "".join(lines)
        + OUTCOMES
        + examples_of(
            ("unsure at once", "q0: unsure", "careful"), ("skipping", every_other, "fine")
        )
    )


def later_reads(n: int) -> str:
    """A choice of n answers, then n questions whose rules each read all of them."""
    values = choice_list(n)
    lines = [
        f"  - {{id: pick, text: Which one?, type: choice, choices: {values}, "
        "next: [{goto: q0}]}\n"
    ]
    for i in range(n):
        after, read = (f"q{i + 1}", values) if i + 1 < n else ("careful", "[c0]")
        lines.append(
            f"  - {{id: q{i}, text: Question {i}?, next: "
            f"[{{when: {{question: pick, answer: {read}}}, goto: {after}}}, "
            f"{{goto: {after.replace('careful', 'fine')}}}]}}\n"
        )
    clear = ", ".join(f'q{i}: "yes"' for i in range(n))
    return (
        header("later-reads", "Rules that read an earlier answer")
        + "questions:\n"
        + "".join(lines)
        + OUTCOMES
        + examples_of(
            ("the first", f"pick: c0, {clear}", "careful"), ("other", f"pick: c1, {clear}", "fine")
        )
    )


def examples(n: int) -> str:
    """n choices, each leading to its own outcome, with an example for each."""
    rules = "".join(f"      - {{when: {{answer: c{i}}}, goto: o{i}}}\n" for i in range(n))
    outcomes = "".join(f"  - {{id: o{i}, level: go, title: Outcome {i}}}\n" for i in range(n))
    return (
        header("examples", "Thousands of outcomes, each with an example")
        + one_question("pick", "choice", f"    choices: {choice_list(n)}\n    next:\n" + rules)
        + "outcomes:\n"
        + outcomes
        + examples_of(*((f"e{i}", f"pick: c{i}", f"o{i}") for i in range(n)))
    )


def many_problems(n: int) -> str:
    """A number question with n flags of a level that does not exist: n problems."""
    flags = "".join(
        f"      - {{when: {{gt: {i}}}, level: urgent, reason: R{i}.}}\n" for i in range(n)
    )
    return (
        header("many-problems", "Thousands of problems")
        + one_question("amount", "number", "    flags:\n" + flags + "    next: [{goto: fine}]\n")
        + "outcomes:\n  - {id: fine, level: go, title: Fine}\n"
    )


def deep_condition(depth: int) -> str:
    """A condition of `not` inside `not`, as deep as YAML lets a card nest (400)."""
    condition = '{answer: "yes"}'
    for _ in range(depth):
        condition = "{not: " + condition + "}"
    rules = f"    next:\n      - {{when: {condition}, goto: careful}}\n      - {{goto: fine}}\n"
    return (
        header("deep-condition", "A condition nested deeply")
        + "questions:\n  - id: q\n    text: Is it?\n"
        + rules
        + OUTCOMES
        + examples_of(('"yes"', 'q: "yes"', "careful"), ('"no"', 'q: "no"', "fine"))
    )


CARDS: dict[str, Callable[[int], str]] = {
    "number-flags": number_flags,
    "number-rules": number_rules,
    "choices": choices,
    "choice-rules": choice_rules,
    "choice-flags": choice_flags,
    "chain": chain,
    "many-paths": many_paths,
    "later-reads": later_reads,
    "examples": examples,
    "many-problems": many_problems,
}


def largest(make: Callable[[int], str]) -> str:
    """``make(n)`` for the largest n that stays under the limit."""
    low, high = 1, 2
    while len(make(high).encode()) < LIMIT:
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if len(make(middle).encode()) < LIMIT else (low, middle)
    return make(low)


NAMES = (*CARDS, "deep-condition")


def write(folder: Path) -> list[Path]:
    """Write every card into ``folder``; their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, make in CARDS.items():
        (folder / f"{name}.yaml").write_text(largest(make), encoding="utf-8")
    (folder / "deep-condition.yaml").write_text(deep_condition(400), encoding="utf-8")
    return sorted(folder / f"{name}.yaml" for name in NAMES)


if __name__ == "__main__":
    import sys

    for path in write(Path(sys.argv[1])):
        print(path)
