"""Reading cards: the safe loader, and every bad card refused with file:line:column."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ff.cards.loading import find_card, load_card_file, parse_card
from ff.errors import CardError, UsageError
from ff.yamlload import YamlProblem, load_yaml
from tests.data.cardtext import SMALL_CARD


def problems_of(text: str) -> list[str]:
    with pytest.raises(CardError) as caught:
        parse_card(text, "bad.yaml")
    return caught.value.problems


def only_problem(text: str) -> str:
    problems = problems_of(text)
    assert len(problems) == 1, problems
    return problems[0]


def position(problem: str) -> tuple[int, int]:
    found = re.match(r"bad\.yaml:(\d+):(\d+): ", problem)
    assert found, f"no file:line:column in {problem!r}"
    return int(found.group(1)), int(found.group(2))


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def test_the_small_card_is_valid() -> None:
    card = parse_card(SMALL_CARD, "small.yaml")
    assert [q.id for q in card.questions] == ["safe", "cost", "tell"]
    assert card.question("cost").label("little") == "A little"  # type: ignore[union-attr]


def test_yes_and_no_stay_strings_and_dates_stay_text() -> None:
    data = load_yaml("a: yes\nb: No\nc: on\nd: 2024-05-01\ne: true\n", "x.yaml")
    assert data == {"a": "yes", "b": "No", "c": "on", "d": "2024-05-01", "e": True}


def test_syntax_error_names_file_line_and_column() -> None:
    text = SMALL_CARD.replace("title: Small card", "title: [Small card")
    problem = only_problem(text)
    assert position(problem)[0] >= line_of(text, "title: [Small")


def test_duplicate_key_is_an_error() -> None:
    text = SMALL_CARD.replace('version: "1"', 'version: "1"\ntitle: Again')
    problem = only_problem(text)
    assert "duplicate key 'title'" in problem
    assert position(problem) == (line_of(text, "title: Small card"), 1)
    assert "first given at line 4" in problem


def test_unknown_next_target_is_an_error() -> None:
    text = SMALL_CARD.replace("      - goto: cost", "      - goto: costs")
    problems = problems_of(text)
    assert any("goto 'costs' is neither a question nor an outcome" in p for p in problems)
    assert position(problems[0])[0] == line_of(text, "goto: costs")


def test_unreachable_question_is_an_error() -> None:
    text = SMALL_CARD.replace(
        "outcomes:",
        """  - id: orphan
    text: Does anything lead here?
    next:
      - goto: go
outcomes:""",
    )
    problem = only_problem(text)
    assert "question 'orphan' cannot be reached" in problem
    assert position(problem) == (line_of(text, "id: orphan"), 5)


def test_unquoted_yes_as_a_value_is_refused() -> None:
    text = SMALL_CARD.replace('when: {answer: "no"}', "when: {answer: no}")
    problem = only_problem(text)
    assert 'write "no" in quotes' in problem
    assert position(problem)[0] == line_of(text, "when: {answer: no}")


def test_cycle_is_an_error() -> None:
    text = SMALL_CARD.replace("      - goto: careful", "      - goto: safe")
    problems = problems_of(text)
    assert any("goes round in a circle" in p for p in problems)


def test_answers_that_fall_through_every_rule_are_an_error() -> None:
    text = SMALL_CARD.replace(
        '      - when: {answer: "no"}\n        goto: stop\n      - goto: cost',
        '      - when: {answer: "no"}\n        goto: stop\n'
        '      - when: {answer: "yes"}\n        goto: cost',
    )
    problem = only_problem(text)
    assert "the answer(s) unsure match no rule" in problem


def test_unknown_key_and_wrong_level_are_all_reported_in_one_run() -> None:
    text = SMALL_CARD.replace("title: Small card", "title: Small card\ncolour: blue").replace(
        "{id: careful, level: caution", "{id: careful, level: amber"
    )
    problems = problems_of(text)
    assert any("unknown key 'colour'" in p for p in problems)
    assert any("level 'amber' is not one of go, caution, approval, stop" in p for p in problems)


def test_a_stop_flag_must_end_at_a_stop_outcome() -> None:
    text = SMALL_CARD.replace("        goto: stop\n", "        goto: ask\n", 1)
    problem = only_problem(text)
    assert "flagged stop" in problem


def test_a_condition_may_only_read_questions_already_asked() -> None:
    text = SMALL_CARD.replace("{question: safe, answer: unsure}", '{question: tell, answer: "no"}')
    problems = problems_of(text)
    assert any("reads 'tell', which is not asked on every path to here" in p for p in problems)


def test_a_condition_naming_an_impossible_answer_is_an_error() -> None:
    text = SMALL_CARD.replace("when: {any: [{answer: lots}", "when: {any: [{answer: heaps}")
    assert "'heaps' is not an answer to 'cost'" in only_problem(text)


def test_version_written_as_a_number_must_be_quoted() -> None:
    text = SMALL_CARD.replace('version: "1"', "version: 1.10")
    assert 'version: "1.1"' in only_problem(text)


def test_aliases_and_python_tags_are_refused() -> None:
    alias = SMALL_CARD.replace("title: Small card", "title: &t Small card\ndescription: *t")
    assert "aliases" in only_problem(alias)
    tag = SMALL_CARD.replace("title: Small card", "title: !!python/object/apply:os.system [ls]")
    assert "tags such as !!python" in only_problem(tag)


def test_yamlproblem_carries_its_position() -> None:
    with pytest.raises(YamlProblem) as caught:
        load_yaml("a: 1\nb: [\n", "x.yaml")
    assert caught.value.where.file == "x.yaml"
    assert caught.value.where.line >= 2


def test_a_huge_card_file_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text("# " + "x" * 2_000_000 + "\n")
    with pytest.raises(CardError) as caught:
        load_card_file(path)
    assert "at most 1,000,000 bytes" in caught.value.problems[0]


def test_card_ids_are_names_never_paths() -> None:
    with pytest.raises(UsageError):
        find_card("no-such-card")
    with pytest.raises(UsageError, match="No card file"):
        find_card("../x.yaml")
    with pytest.raises(UsageError, match="not a card id"):
        find_card("Bad Id")


def test_a_card_is_found_by_path(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(SMALL_CARD, encoding="utf-8")
    card = find_card(str(path))
    assert card.id == "small"
    import hashlib

    assert card.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------- one run


def test_reading_and_flow_problems_come_in_one_run_with_the_nearest_id() -> None:
    """A misspelt goto is reported with a reading problem elsewhere, not a run later."""
    text = SMALL_CARD.replace("{id: careful, level: caution", "{id: careful, level: amber")
    text = text.replace("      - goto: cost", "      - goto: cots")
    problems = problems_of(text)
    assert problems == [
        f"bad.yaml:{line_of(text, 'goto: cots')}:9: question 'safe': goto 'cots' is neither "
        "a question nor an outcome of this card (did you mean 'cost'?)",
        f"bad.yaml:{line_of(text, 'level: amber')}:19: outcome 'careful': level 'amber' is not "
        "one of go, caution, approval, stop",
    ]


def test_a_question_with_a_problem_is_still_a_place_to_go_and_its_rules_are_checked() -> None:
    text = SMALL_CARD.replace("    text: How much will it cost?\n", "")
    text = text.replace("        goto: go\n", "        goto: goo\n")
    problems = problems_of(text)
    assert [p.split(": ", 1)[1] for p in problems] == [
        "question 'cost' needs 'text'",
        "question 'cost': goto 'goo' is neither a question nor an outcome of this card "
        "(did you mean 'go'?)",
    ], "no goto to 'cost' and no example's answer to it is taken for a problem"


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (
            "{question: safe, answer: unsure}",
            "{question: saef, answer: unsure}",
            "question 'cost': the condition reads 'saef', which is not a question of this "
            "card (did you mean 'safe'?)",
        ),
        (
            'answers: {safe: "yes", cost: nothing}',
            'answers: {saef: "yes", cost: nothing}',
            "test 'clear': 'saef' is not a question (did you mean 'safe'?)",
        ),
        (
            "outcome: careful}",
            "outcome: carful}",
            "test 'pricey': outcome 'carful' is not an outcome of this card "
            "(did you mean 'careful'?)",
        ),
        (
            "      - goto: cost",
            "      - goto: zzz",
            "question 'safe': goto 'zzz' is neither a question nor an outcome of this card",
        ),
    ],
)
def test_an_unknown_id_is_given_with_the_nearest_known_one(old: str, new: str, said: str) -> None:
    text = SMALL_CARD.replace(old, new)
    assert text != SMALL_CARD
    problem = next(p for p in problems_of(text) if new.split(":")[0].strip("{- ") in p or said in p)
    assert problem.split(": ", 1)[1] == said


def test_an_unknown_card_id_is_given_with_the_nearest_one() -> None:
    with pytest.raises(UsageError) as caught:
        find_card("fail-fast")
    assert caught.value.message == (
        "There is no card called 'fail-fast' (did you mean 'fail-fast-fail-forward'?)."
    )
    with pytest.raises(UsageError) as caught:
        find_card("just-doit")
    assert "(did you mean 'just-do-it'?)" in caught.value.message
    with pytest.raises(UsageError) as caught:
        find_card("zzzz")
    assert caught.value.message == "There is no card called 'zzzz'."
