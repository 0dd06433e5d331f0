"""The checks of a card's flow once read: every goto leads somewhere, every answer is
routed, stop ends at once, conditions read real questions and answers, and the
examples name real questions and outcomes; then the whole flow (``reach``, ``flagged``).

A card with a problem in some question or outcome is checked all the same, so that
one run reports everything: only what that problem may have left unread is passed
over (the part's own checks, and the checks of the whole flow)."""

from __future__ import annotations

from collections.abc import Mapping, Set

from ff.cards.answers import allowed, normalise
from ff.cards.flagged import check_flags_reach
from ff.cards.model import Card, Outcome, Question, Rule
from ff.cards.problems import Nearest, Problems
from ff.cards.reach import check_graph
from ff.cards.routes import Routes, answers_to_try
from ff.errors import Where

__all__ = ["answers_to_try", "check_card"]


def check_card(
    card: Card, problems: Problems, *, known: Mapping[str, str], broken: Set[str] = frozenset()
) -> None:
    """Every check of the flow. ``known`` has the id of every question and outcome
    found, as "question" or "outcome"; ``broken`` the ids of those a problem may have
    left partly unread."""
    FlowCheck(card, problems, known, broken).run()


class FlowCheck:
    """The checks of one card's flow, reporting into ``problems``."""

    def __init__(
        self, card: Card, problems: Problems, known: Mapping[str, str], broken: Set[str]
    ) -> None:
        self.card, self.problems, self.known, self.broken = card, problems, known, broken
        self.whole = [q for q in card.questions if q.id not in broken]
        self.routes = {question.id: Routes(question) for question in self.whole}
        self.nearest_node = Nearest(known)
        self.nearest_question = Nearest(k for k, kind in known.items() if kind == "question")
        self.nearest_outcome = Nearest(k for k, kind in known.items() if kind == "outcome")

    def run(self) -> None:
        self.ids()
        for question in self.card.questions:
            self.rules(question)
        for question in self.whole:
            self.routed(question)
            self.stops(question)
        if not self.problems.shape_broken:
            topological = check_graph(self.card, self.problems)
            if topological is not None:
                check_flags_reach(self.card, self.routes, topological, self.problems)
        self.tests()

    def ids(self) -> None:
        seen: dict[str, Where] = {}
        nodes: list[Question | Outcome] = [*self.card.questions, *self.card.outcomes]
        for node in nodes:
            if node.id in seen:
                self.problems.add(
                    node.where,
                    f"id {node.id!r} is used twice (first at line "
                    f"{seen[node.id].line}); ids of questions and outcomes must differ",
                )
            seen.setdefault(node.id, node.where)

    def rules(self, question: Question) -> None:
        has_default = False
        for rule in question.rules:
            if has_default:
                self.problems.add(
                    rule.where,
                    f"question {question.id!r}: this rule comes after a "
                    "rule with no 'when', so it can never be used",
                )
            if rule.goto not in self.known:
                self.problems.add(
                    rule.where,
                    f"question {question.id!r}: goto {rule.goto!r} is neither a question "
                    f"nor an outcome of this card{self.nearest_node.to(rule.goto)}",
                )
            self.reads(question, rule)
            has_default = has_default or rule.when is None

    def reads(self, question: Question, rule: Rule) -> None:
        for read in rule.when.reads() if rule.when else ():
            if self.known.get(read.question) != "question":
                self.problems.add(
                    rule.where,
                    f"question {question.id!r}: the condition reads {read.question!r}, which "
                    f"is not a question of this card{self.nearest_question.to(read.question)}",
                )
                continue
            asked = self.card.question(read.question)
            if asked is None or asked.id in self.broken:
                continue  # its answers may not all have been read
            for problem in read.misreads(asked):
                self.problems.add(rule.where, f"question {question.id!r}: {problem}")

    def routed(self, question: Question) -> None:
        here = self.routes[question.id]
        missing = [str(a) for a in here.answers(here.unrouted())]
        if missing:
            such = "such as " if question.type == "number" else ""
            self.problems.add(
                question.where,
                f"question {question.id!r}: the answer(s) {such}"
                f"{', '.join(missing)} match no rule; add a last rule with no 'when'",
            )

    def stops(self, question: Question) -> None:
        """An answer flagged stop must end the check at once, at an outcome of level stop
        (decided by that answer alone: a rule that may or may not hold leaves it unsure)."""
        here = self.routes[question.id]
        wrong = 0
        for target, answers in here.stop_targets():
            if target in self.broken:
                continue  # its level may not have been read
            node = self.card.get_node(target or "")
            if not (isinstance(node, Outcome) and node.level == "stop"):
                wrong |= answers
        for answer in here.answers(wrong):
            self.problems.add(
                question.where,
                f"question {question.id!r}: the answer {answer!r} "
                "is flagged stop, so its first matching rule must go to an outcome "
                "with level stop (decided by this answer alone)",
            )
            if question.type == "number":
                break  # one example is enough: the other numbers are on the same side

    def tests(self) -> None:
        for test in self.card.tests:
            if self.known.get(test.outcome) != "outcome":
                self.problems.add(
                    test.where,
                    f"test {test.name!r}: outcome {test.outcome!r} is not an outcome of "
                    f"this card{self.nearest_outcome.to(test.outcome)}",
                )
            for qid, answer in test.answers.items():
                question = self.card.question(qid)
                if self.known.get(qid) != "question":
                    self.problems.add(
                        test.where,
                        f"test {test.name!r}: {qid!r} is not a question"
                        f"{self.nearest_question.to(qid)}",
                    )
                elif question is None or qid in self.broken:
                    continue  # its answers may not all have been read
                elif normalise(question, answer) is None:
                    self.problems.add(
                        test.where,
                        f"test {test.name!r}: {answer!r} is not an answer to "
                        f"{qid!r} (answers: {allowed(question)})",
                    )
