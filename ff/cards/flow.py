"""The checks of a card's flow once read: every goto leads somewhere, every answer is
routed, stop ends at once, no circles, nothing unreachable, conditions read only
questions already asked, and the examples name real questions and outcomes."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable

from ff.cards.answers import allowed, normalise
from ff.cards.conditions import AnswerIs, Compare, condition_reads, decided_alone
from ff.cards.model import Answer, Card, Outcome, Question, Rule
from ff.cards.problems import Problems
from ff.errors import Where
from ff.levels import LEVELS
from ff.numbers import tidy_number


def _check_ids(card: Card, problems: Problems) -> None:
    seen: dict[str, Where] = {}
    nodes: list[Question | Outcome] = [*card.questions, *card.outcomes]
    for node in nodes:
        if node.id in seen:
            problems.add(
                node.where,
                f"id {node.id!r} is used twice (first at line "
                f"{seen[node.id].line}); ids of questions and outcomes must differ",
            )
        seen.setdefault(node.id, node.where)


def answers_to_try(question: Question) -> list[Answer]:
    """Answers that between them take every branch of the question's own conditions.

    For a choice, every choice. For a number, each threshold its flags and rules
    compare with, a number either side of each, and one between each pair, kept
    within min and max: the answer can only change a condition at a threshold."""
    if question.type != "number":
        return list(question.values)
    conditions = [r.when for r in question.rules] + [f.when for f in question.flag_rules]
    points = {
        bound
        for condition in conditions
        for read in condition_reads(condition)
        if isinstance(read, Compare) and read.question == question.id
        for bound in read.bounds
    }
    points |= {b for b in (question.minimum, question.maximum) if b is not None} or {0.0}
    ordered = sorted(points)
    tries = {*ordered, _beyond(ordered[0], -1), _beyond(ordered[-1], +1)}
    tries |= {(a + b) / 2 for a, b in itertools.pairwise(ordered)}
    if question.whole:
        tries = {n for t in tries for n in (math.floor(t), math.ceil(t))}
    low = question.minimum if question.minimum is not None else -math.inf
    high = question.maximum if question.maximum is not None else math.inf
    return [tidy_number(t) for t in sorted(tries) if low <= t <= high and math.isfinite(t)]


def _beyond(number: float, direction: int) -> float:
    """A number 1 past ``number`` (or the next float past it, where 1 is too small
    a step to change a number as large as 2**53)."""
    step = number + direction
    return step if step != number else math.nextafter(number, direction * math.inf)


def _check_rules(card: Card, problems: Problems) -> None:
    for question in card.questions:
        has_default = False
        for rule in question.rules:
            if has_default:
                problems.add(
                    rule.where,
                    f"question {question.id!r}: this rule comes after a "
                    "rule with no 'when', so it can never be used",
                )
            _check_rule_target(card, question, rule, problems)
            _check_rule_reads(card, question, rule, problems)
            has_default = has_default or rule.when is None
        missing = [str(a) for a in answers_to_try(question) if _route_alone(question, a) is None]
        if missing:
            such = "such as " if question.type == "number" else ""
            problems.add(
                question.where,
                f"question {question.id!r}: the answer(s) {such}"
                f"{', '.join(missing)} match no rule; add a last rule with no 'when'",
            )


def _route_alone(question: Question, answer: Answer, floor: str | None = None) -> str | None:
    """Where ``answer`` surely leads, whatever else was answered; None if that is unsure.

    A rule that may or may not hold is passed over: a later rule that surely holds
    still catches the answer."""
    flag = question.flag_for(answer)
    known = floor or (flag.level if flag else LEVELS[0])
    for rule in question.rules:
        if decided_alone(rule.when, question.id, answer, known):
            return rule.goto
    return None


def _check_rule_target(card: Card, question: Question, rule: Rule, problems: Problems) -> None:
    if not card.has(rule.goto):
        problems.add(
            rule.where,
            f"question {question.id!r}: goto {rule.goto!r} is neither a "
            "question nor an outcome of this card",
        )


def _check_stops(card: Card, problems: Problems) -> None:
    """An answer flagged stop must end the check at once, at an outcome of level stop."""
    for question in card.questions:
        for answer in answers_to_try(question):
            flag = question.flag_for(answer)
            if flag is None or flag.level != "stop":
                continue
            target = _first_route_of_stop(question, answer)
            node = card.get_node(target or "")
            if not (isinstance(node, Outcome) and node.level == "stop"):
                problems.add(
                    question.where,
                    f"question {question.id!r}: the answer {answer!r} "
                    "is flagged stop, so its first matching rule must go to an outcome "
                    "with level stop (decided by this answer alone)",
                )
                if question.type == "number":
                    break  # one example is enough: the other numbers are on the same side


def _first_route_of_stop(question: Question, answer: Answer) -> str | None:
    for rule in question.rules:
        verdict = decided_alone(rule.when, question.id, answer, "stop")
        if verdict is None:
            return None
        if verdict:
            return rule.goto
    return None


def _check_rule_reads(card: Card, question: Question, rule: Rule, problems: Problems) -> None:
    for read in condition_reads(rule.when):
        asked = card.question(read.question)
        if asked is None:
            problems.add(
                rule.where,
                f"question {question.id!r}: the condition reads "
                f"{read.question!r}, which is not a question of this card",
            )
        elif isinstance(read, Compare) and asked.type != "number":
            problems.add(
                rule.where,
                f"question {question.id!r}: {read.op} compares numbers, but "
                f"{asked.id!r} is a {asked.type} question; use answer: instead",
            )
        elif isinstance(read, AnswerIs) and asked.type == "number":
            problems.add(
                rule.where,
                f"question {question.id!r}: {asked.id!r} is a number question; "
                "compare it with lt, lte, gt, gte or between",
            )
        else:
            _check_values(question, asked, read, rule, problems)


def _check_values(
    question: Question, asked: Question, read: AnswerIs | Compare, rule: Rule, problems: Problems
) -> None:
    if isinstance(read, Compare):
        return
    for value in read.values:
        if value not in asked.values:
            problems.add(
                rule.where,
                f"question {question.id!r}: {value!r} is not an "
                f"answer to {asked.id!r} (answers: {', '.join(asked.values)})",
            )


def _successors(card: Card, node_id: str) -> list[str]:
    question = card.question(node_id)
    if question is None:
        return []
    return [rule.goto for rule in question.rules if card.has(rule.goto)]


def _check_graph(card: Card, problems: Problems) -> None:
    """No cycles, nothing unreachable, and conditions read only questions already asked."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    order: list[str] = []
    circles = False

    # Depth first, with a stack of its own: a card may chain thousands of questions.
    state[card.first.id] = 1
    stack = [(card.first.id, iter(_successors(card, card.first.id)))]
    while stack:
        node_id, targets = stack[-1]
        target = next(targets, None)
        if target is None:
            stack.pop()
            state[node_id] = 2
            order.append(node_id)
        elif state.get(target) == 1:
            circles = True
            problems.add(
                card.node(node_id).where,
                f"question {node_id!r} leads back to {target!r}: the flow goes round in a circle",
            )
        elif target not in state:
            state[target] = 1
            stack.append((target, iter(_successors(card, target))))
    nodes: list[Question | Outcome] = [*card.questions, *card.outcomes]
    for node in nodes:
        if node.id not in state:
            kind = "question" if isinstance(node, Question) else "outcome"
            problems.add(
                node.where,
                f"{kind} {node.id!r} cannot be reached from the first "
                "question; link it from a rule or remove it",
            )
    if not circles:
        _check_reads_were_asked(card, list(reversed(order)), problems)


def _check_reads_were_asked(card: Card, topological: list[str], problems: Problems) -> None:
    """A condition may read only questions asked on every path to it."""
    asked_before = _dominators(card, topological)
    for question in card.questions:
        for rule in question.rules:
            for read in condition_reads(rule.when):
                if card.question(read.question) and not asked_before(read.question, question.id):
                    problems.add(
                        rule.where,
                        f"question {question.id!r}: the condition reads "
                        f"{read.question!r}, which is not asked on every path to here",
                    )


def _dominators(card: Card, topological: list[str]) -> Callable[[str, str], bool]:
    """Whether question ``a`` is asked on every path to ``b`` (or is ``b``).

    That is, ``a`` dominates ``b`` in the flow. The flow has no cycles, so each
    node's nearest dominator is the nearest common dominator of the nodes that
    lead to it (Cooper, Harvey and Kennedy); a walk of the tree they make numbers
    each node, so that the test is two comparisons. Linear in practice, where
    keeping the set of questions asked before each node took minutes on a card
    of 10,000 questions."""
    rank = {node_id: i for i, node_id in enumerate(topological)}
    leads_here: dict[str, list[str]] = {}
    for node_id in topological:
        for target in _successors(card, node_id):
            leads_here.setdefault(target, []).append(node_id)
    parent = {card.first.id: card.first.id}
    for node_id in topological[1:]:
        before = [p for p in leads_here.get(node_id, []) if p in parent]
        nearest = before[0]
        for other in before[1:]:
            while other != nearest:
                while rank[other] > rank[nearest]:
                    other = parent[other]
                while rank[nearest] > rank[other]:
                    nearest = parent[nearest]
        parent[node_id] = nearest
    children: dict[str, list[str]] = {}
    for node_id, above in parent.items():
        if node_id != above:
            children.setdefault(above, []).append(node_id)
    enter: dict[str, int] = {}
    leave: dict[str, int] = {}
    stack = [(card.first.id, False)]
    while stack:
        node_id, done = stack.pop()
        if done:
            leave[node_id] = len(enter) + len(leave)
            continue
        enter[node_id] = len(enter) + len(leave)
        stack.append((node_id, True))
        stack.extend((child, False) for child in children.get(node_id, ()))

    def dominates(a: str, b: str) -> bool:
        if a == b:
            return True
        if a not in enter or b not in enter:
            return False
        return enter[a] <= enter[b] and leave[b] <= leave[a]

    return dominates


def _check_tests(card: Card, problems: Problems) -> None:
    for test in card.tests:
        if test.outcome not in {o.id for o in card.outcomes}:
            problems.add(
                test.where,
                f"test {test.name!r}: outcome {test.outcome!r} is not an outcome of this card",
            )
        for qid, answer in test.answers.items():
            question = card.question(qid)
            if question is None:
                problems.add(test.where, f"test {test.name!r}: {qid!r} is not a question")
            elif normalise(question, answer) is None:
                problems.add(
                    test.where,
                    f"test {test.name!r}: {answer!r} is not an answer to "
                    f"{qid!r} (answers: {allowed(question)})",
                )


def check_card(card: Card, problems: Problems) -> None:
    """Every check of the flow; the graph only when the card's shape was read whole."""
    _check_ids(card, problems)
    _check_rules(card, problems)
    _check_stops(card, problems)
    if not problems.shape_broken:
        _check_graph(card, problems)
    _check_tests(card, problems)
