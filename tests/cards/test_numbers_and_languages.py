"""Number questions and cards in more than one language, as people meet them.

Numbers: where each threshold falls (plain calls to the engine), which flag an
amount raises, the ways people type an amount and the answers ff refuses (as a
real ``ff check`` process, exit 2 and nothing recorded), what the card reader
refuses and where, and a number question at a real terminal.

Languages: ``ff check --lang cy`` (and ``FF_LANG``, and the config's ``lang``)
asks in Welsh and records that it did; a card without Welsh, or with some texts
in English only, is shown in English with one note saying so; bad codes are
refused; the default card's Welsh is marked as awaiting review.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from ff.cards.engine import check_answers, decide
from ff.cards.loading import parse_card
from ff.cards.model import Card
from ff.errors import AnswerError, CardError
from tests.conftest import ALL_CLEAR, REPO, answer_options, run_ff
from tests.terminal.screen import shown

CARDS = Path(__file__).parent.parent / "data" / "cards_numbers"
AMOUNTS = CARDS / "amounts.yaml"
BILINGUAL = CARDS / "bilingual.yaml"
PARTLY_WELSH = CARDS / "partly-welsh.yaml"
DEFAULT_CARD = REPO / "cards" / "fail-fast-fail-forward.yaml"
WELSH_NOTE = re.compile(r"no Welsh \(cy\)")


def card_text(path: Path) -> dict[str, Any]:
    """A fixture card as plain data, to compare what ff shows with what the card says."""
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def stored_ideas(journal: Path) -> list[dict[str, Any]]:
    """The ideas as they are in the journal file itself."""
    data = json.loads(journal.read_text(encoding="utf-8"))
    return list(data["ideas"].values())


def the_stored_idea(journal: Path) -> dict[str, Any]:
    ideas = stored_ideas(journal)
    assert len(ideas) == 1, ideas
    return ideas[0]


# --------------------------------------------------------------------------- thresholds


def one_rule_card(condition: str, *, extra: str = "") -> Card:
    """A card whose one number question goes to ``hit`` when ``condition`` holds."""
    return parse_card(
        f"""\
format: 1
id: one-rule
version: "1"
title: One rule
source: Written for ff's tests.
questions:
  - id: amount
    text: How much?
    type: number
{extra}    next:
      - when: {condition}
        goto: hit
      - goto: miss
outcomes:
  - {{id: hit, level: caution, title: Hit}}
  - {{id: miss, level: go, title: Miss}}
""",
        "one-rule.yaml",
    )


# (condition, answer, whether the condition holds): exactly at each bound, and
# a hundredth either side of it.
THRESHOLDS = [
    ("{lt: 500}", "499.99", True),
    ("{lt: 500}", "500", False),
    ("{lt: 500}", "500.01", False),
    ("{lte: 500}", "499.99", True),
    ("{lte: 500}", "500", True),
    ("{lte: 500}", "500.01", False),
    ("{gt: 500}", "499.99", False),
    ("{gt: 500}", "500", False),
    ("{gt: 500}", "500.01", True),
    ("{gte: 500}", "499.99", False),
    ("{gte: 500}", "500", True),
    ("{gte: 500}", "500.01", True),
    ("{between: [100, 500]}", "99.99", False),
    ("{between: [100, 500]}", "100", True),
    ("{between: [100, 500]}", "100.01", True),
    ("{between: [100, 500]}", "499.99", True),
    ("{between: [100, 500]}", "500", True),
    ("{between: [100, 500]}", "500.01", False),
    ("{between: [7, 7]}", "7", True),
    ("{between: [7, 7]}", "6.99", False),
    ("{between: [7, 7]}", "7.01", False),
    ("{gt: -3.5}", "-3.5", False),
    ("{gt: -3.5}", "-3.49", True),
    ("{lte: 0.25}", "0.25", True),
    ("{lte: 0.25}", "0.26", False),
]


@pytest.mark.parametrize(("condition", "answer", "holds"), THRESHOLDS)
def test_each_comparison_at_and_either_side_of_its_bound(
    condition: str, answer: str, holds: bool
) -> None:
    decision = decide(one_rule_card(condition), {"amount": answer})
    assert decision.outcome.id == ("hit" if holds else "miss")
    assert decision.answers == {"amount": float(answer)}


def test_a_comparison_can_read_an_earlier_number_question() -> None:
    card = parse_card(
        """\
format: 1
id: two-numbers
version: "1"
title: Two numbers
source: Written for ff's tests.
questions:
  - id: cost
    text: How much?
    type: number
    next:
      - goto: weeks
  - id: weeks
    text: How many weeks?
    type: number
    next:
      - when: {all: [{question: cost, gte: 100}, {lt: 4}]}
        goto: hit
      - goto: miss
outcomes:
  - {id: hit, level: caution, title: Hit}
  - {id: miss, level: go, title: Miss}
""",
        "two-numbers.yaml",
    )
    assert decide(card, {"cost": "100", "weeks": "3.99"}).outcome.id == "hit"
    assert decide(card, {"cost": "99.99", "weeks": "3"}).outcome.id == "miss"
    assert decide(card, {"cost": "100", "weeks": "4"}).outcome.id == "miss"


# --------------------------------------------------------------------------- flags


@pytest.fixture(scope="module")
def amounts() -> Card:
    return parse_card(AMOUNTS.read_text(encoding="utf-8"), str(AMOUNTS))


@pytest.mark.parametrize(
    ("cost", "flag", "outcome"),
    [
        ("0", None, "go-ahead"),
        ("99.99", None, "go-ahead"),
        ("100", "caution", "careful"),
        ("500", "caution", "careful"),
        ("500.01", "approval", "ask-first"),
        ("5000", "approval", "ask-first"),
        ("5000.01", "stop", "too-big"),
        ("100000", "stop", "too-big"),
    ],
)
def test_the_first_flag_whose_condition_holds_is_raised(
    amounts: Card, cost: str, flag: str | None, outcome: str
) -> None:
    answers = {"cost": cost} if flag == "stop" else {"cost": cost, "weeks": "3"}
    decision = decide(amounts, answers)
    raised = [(r.question, r.level) for r in decision.reasons if r.question]
    assert raised == ([("cost", flag)] if flag else []), "one flag at most: the first that holds"
    assert decision.outcome.id == outcome
    assert decision.level == (flag or "go")
    if flag == "stop":
        assert [s.question.id for s in decision.path] == ["cost"], "a stop ends the check at once"


def test_a_later_worse_flag_is_not_raised_when_an_earlier_one_holds() -> None:
    card = one_rule_card(
        "{gt: 100}",
        extra="""    flags:
      - {when: {gt: 100}, level: caution, reason: Over 100.}
      - {when: {gt: 1000}, level: approval, reason: Over 1000.}
""",
    )
    decision = decide(card, {"amount": "2000"})
    assert [(r.level, r.text) for r in decision.reasons if r.question] == [("caution", "Over 100.")]
    assert decision.level == "caution"


# --------------------------------------------------------------------------- typing amounts


@pytest.mark.parametrize("typed", ["£1,200", "1,200", "1200 pounds", "1200", " £1200 "])
def test_amounts_as_people_type_them_are_read_and_recorded(journal: Path, typed: str) -> None:
    result = run_ff(
        "check", "New kettle", "--card", str(AMOUNTS), "--json",
        "--answer", f"cost={typed}", "--answer", "weeks=3",
    )  # fmt: skip
    assert result.returncode == 3, result.stderr  # over 500 pounds: approval
    assert json.loads(result.stdout)["answers"] == {"cost": 1200, "weeks": 3}
    answers = the_stored_idea(journal)["answers"]
    assert [(a["question"], a["answer"], a["label"]) for a in answers] == [
        ("cost", 1200, "1,200 pounds"),
        ("weeks", 3, "3 weeks"),
    ]


@pytest.mark.parametrize(
    ("question", "typed", "why"),
    [
        ("cost", "abc", "is not a number (allowed: a number from 0 to 100000 (pounds))"),
        ("cost", "1,2,3", "is not a number"),
        ("cost", "nan", "is not a number"),
        ("cost", "inf", "is not a number"),
        ("cost", "-Infinity", "is not a number"),
        ("cost", "1e3", "is not a number"),
        ("cost", "", "is not a number"),
        ("cost", "-1", "must be at least 0"),
        ("cost", "-0.01", "must be at least 0"),
        ("cost", "100000.01", "must be at most 100000"),
        ("cost", "£100,001", "must be at most 100000"),
        ("weeks", "2.5", "must be a whole number"),
        ("weeks", "0", "must be at least 1"),
        ("weeks", "53", "must be at most 52"),
    ],
)
def test_refused_amounts_exit_2_naming_the_question_and_write_nothing(
    journal: Path, question: str, typed: str, why: str
) -> None:
    answers = {"cost": "50", "weeks": "3", question: typed}
    result = run_ff("check", "New kettle", "--card", str(AMOUNTS), *answer_options(answers))
    assert result.returncode == 2, result.stderr
    assert f"{question}: {typed!r} " in result.stderr
    assert why in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert not journal.exists()


@pytest.mark.parametrize(
    ("given", "why"),
    [
        (1e20, "is not allowed: it must be at most 100000"),
        (-0.5, "is not allowed: it must be at least 0"),
    ],
)
def test_a_number_from_an_answers_file_is_refused_for_what_it_breaks(
    amounts: Card, given: float, why: str
) -> None:
    """A YAML or JSON number is refused for the rule it breaks, as when typed (1e20
    was once said not to be a number: its text, 1e+20, is not one people type)."""
    with pytest.raises(AnswerError) as caught:
        check_answers(amounts, {"cost": given, "weeks": 3})
    assert f"cost: {given!r} {why}" in caught.value.message


def test_a_refused_number_lists_its_limits_for_scripts(amounts: Card) -> None:
    with pytest.raises(AnswerError) as caught:
        check_answers(amounts, {"cost": "lots", "weeks": "2.5"})
    problems = {p["question"]: p for p in caught.value.problems}
    assert problems["cost"]["value"] == "lots"
    assert problems["cost"]["number"] == {"min": 0, "max": 100000, "unit": "pounds", "whole": False}
    assert problems["weeks"]["number"] == {"min": 1, "max": 52, "unit": "weeks", "whole": True}
    assert "allowed" not in problems["cost"]


# --------------------------------------------------------------------------- the reader refuses


def problems_of(text: str) -> list[str]:
    with pytest.raises(CardError) as caught:
        parse_card(text, "bad.yaml")
    return caught.value.problems


def line_of(text: str, fragment: str) -> int:
    found = [n for n, line in enumerate(text.splitlines(), 1) if fragment in line]
    assert len(found) == 1, f"{fragment!r} is on lines {found}"
    return found[0]


def amounts_with(old: str, new: str) -> str:
    text = AMOUNTS.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new)


def only_problem_on_line(text: str, fragment: str, message: str) -> None:
    problems = problems_of(text)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"bad.yaml:{line_of(text, fragment)}:"), problems
    assert message in problems[0]


def test_comparing_a_question_that_is_not_a_number_is_refused_on_its_line() -> None:
    text = SMALL_NUMBER_CARD.replace("{question: safe, answer: unsure}", "{question: safe, gt: 3}")
    only_problem_on_line(
        text, "{question: safe, gt: 3}", "gt compares numbers, but 'safe' is a yes_no_unsure"
    )


def test_answer_on_a_number_question_is_refused_on_its_line() -> None:
    text = amounts_with("{flagged_at_least: caution}", '{question: cost, answer: "600"}')
    only_problem_on_line(text, '{question: cost, answer: "600"}', "'cost' is a number question")


def test_between_with_the_higher_bound_first_is_refused_on_its_line() -> None:
    text = amounts_with("{between: [100, 500]}", "{between: [500, 100]}")
    only_problem_on_line(text, "[500, 100]", "between takes two numbers, the lower first")


def test_a_flag_that_reads_another_question_is_refused_on_its_line() -> None:
    text = amounts_with(
        "      - goto: go-ahead\n",
        "      - goto: go-ahead\n    flags:\n      - when: {question: cost, gt: 9}\n"
        "        level: caution\n        reason: Costly and long.\n",
    )
    only_problem_on_line(
        text, "{question: cost, gt: 9}", "a flag's 'when' may only compare this question's answer"
    )


def test_answer_in_a_number_questions_flag_is_refused_on_its_line() -> None:
    text = amounts_with("{between: [100, 500]}", '{answer: "250"}')
    only_problem_on_line(text, '{answer: "250"}', "'cost' is a number question")


def test_a_whole_number_question_that_no_whole_number_fits_is_refused() -> None:
    text = amounts_with("    min: 1\n    max: 52\n", "    min: 1.2\n    max: 1.8\n")
    problems = problems_of(text)
    assert any("whole" in problem for problem in problems), problems


def test_numbers_that_match_no_rule_are_refused_naming_an_example(tmp_path: Path) -> None:
    # 250 and 5000 themselves are matched: only the numbers between them fall through.
    text = SMALL_NUMBER_CARD.replace(
        "      - when: {any: [{gt: 500}, {question: safe, answer: unsure}]}\n"
        "        goto: ask\n      - goto: go\n",
        "      - when: {lte: 250}\n        goto: go\n"
        "      - when: {gte: 5000}\n        goto: ask\n",
    )
    card = tmp_path / "gap.yaml"
    card.write_text(text, encoding="utf-8")
    result = run_ff("cards", "validate", str(card))
    said = result.stdout + result.stderr
    assert result.returncode == 1, said
    found = re.search(
        r"gap\.yaml:(\d+):\d+: question 'cost': the answer\(s\) such as (.+) match no rule", said
    )
    assert found, said
    assert int(found[1]) == line_of(text, "- id: cost")
    examples = [float(n) for n in found[2].split(", ")]
    assert examples
    assert all(250 < n < 5000 for n in examples), "each example really falls through"


def test_a_stop_flagged_amount_that_goes_on_is_refused_naming_it() -> None:
    text = amounts_with(
        "      - when: {gt: 5000}\n        goto: too-big\n      - goto: weeks",
        "      - when: {gt: 9000}\n        goto: too-big\n      - goto: weeks",
    )
    problems = problems_of(text)
    assert len(problems) == 1, problems
    found = re.match(
        r"bad\.yaml:(\d+):\d+: question 'cost': the answer (\S+) is flagged stop", problems[0]
    )
    assert found, problems
    assert int(found[1]) == line_of(text, "- id: cost")
    assert 5000 < float(found[2]) <= 9000, "the example is one that is flagged stop and goes on"


SMALL_NUMBER_CARD = """\
format: 1
id: small-number
version: "1"
title: Small number card
source: Written for ff's tests.
questions:
  - id: safe
    text: Is it safe?
    next:
      - goto: cost
  - id: cost
    text: How much?
    type: number
    next:
      - when: {any: [{gt: 500}, {question: safe, answer: unsure}]}
        goto: ask
      - goto: go
outcomes:
  - {id: go, level: go, title: Go}
  - {id: ask, level: approval, title: Ask}
"""


def test_the_small_number_card_is_valid() -> None:
    card = parse_card(SMALL_NUMBER_CARD, "small.yaml")
    assert decide(card, {"safe": "yes", "cost": "501"}).outcome.id == "ask"
    assert decide(card, {"safe": "yes", "cost": "500"}).outcome.id == "go"


# --------------------------------------------------------------------------- at a terminal


@pytest.mark.slow
def test_a_number_question_at_a_terminal(terminal: Callable[..., Any], journal: Path) -> None:
    import pexpect

    ff = terminal("check", "Buy a kettle", "--card", str(AMOUNTS))
    ff.expect(shown("Question 1 of up to 2"))
    ff.expect(shown("How much will it cost, in pounds?"))
    ff.expect(shown("Type a number from 0 to 100000 (pounds)"))
    ff.expect_exact("> ")
    ff.sendline("lots")
    ff.expect(shown("Please type a number from 0 to 100000 (pounds), ? for help, or b to go back."))
    ff.expect(shown("Question 1 of up to 2"))  # the same question again
    ff.expect(shown("How much will it cost, in pounds?"))
    ff.expect_exact("> ")
    ff.sendline("£600")
    ff.expect(shown("Question 2 of up to 2"))
    ff.expect(shown("How many weeks will it run?"))
    ff.expect(shown("Type a whole number from 1 to 52 (weeks), b to go back."))
    ff.expect_exact("> ")
    ff.sendline("2.5")  # this question has no help, so ? is not offered
    ff.expect(shown("Please type a whole number from 1 to 52 (weeks) or b to go back."))
    ff.expect(shown("How many weeks will it run?"))
    ff.expect_exact("> ")
    ff.sendline("3")
    ff.expect(shown("Decision: Ask first"))
    ff.expect(pexpect.EOF)
    ff.close()
    assert ff.exitstatus == 3
    idea = the_stored_idea(journal)
    assert [(a["question"], a["answer"]) for a in idea["answers"]] == [("cost", 600), ("weeks", 3)]
    assert idea["reasons"][0]["text"] == "It costs more than 500 pounds."


@pytest.mark.slow
def test_the_question_is_asked_in_welsh_at_a_terminal(
    terminal: Callable[..., Any], journal: Path
) -> None:
    import pexpect

    ff = terminal("check", "Rhoi cynnig arni", "--card", str(BILINGUAL), "--lang", "cy")
    ff.expect(shown("A yw'n ddiogel i roi cynnig arno?"))
    for number, label in enumerate(("Ie", "Na", "Ddim yn siŵr"), 1):
        ff.expect(shown(f"{number}. {label}"))
    ff.expect_exact("> ")
    ff.sendline("Ie")
    ff.expect(shown("Pwy fydd yn ei gyrraedd?"))
    ff.expect(shown("1. Ein tîm yn unig"))
    ff.expect_exact("> ")
    ff.sendline("1")
    ff.expect(shown("Faint fydd y gost?"))
    ff.expect(shown("Teipiwch rif o 0 o leiaf (punnoedd)"))  # ff's own words in Welsh too
    ff.expect_exact("> ")
    ff.sendline("20 punnoedd")
    ff.expect(shown("Ewch amdani"))
    ff.expect(pexpect.EOF)
    ff.close()
    assert ff.exitstatus == 0
    idea = the_stored_idea(journal)
    assert idea["card"]["language"] == "cy"
    assert [(a["text"], a["label"]) for a in idea["answers"]] == [
        ("A yw'n ddiogel i roi cynnig arno?", "Ie"),
        ("Pwy fydd yn ei gyrraedd?", "Ein tîm yn unig"),
        ("Faint fydd y gost?", "20 punnoedd"),
    ]


# --------------------------------------------------------------------------- languages


BILINGUAL_ANSWERS = {"safe": "yes", "reach": "residents", "cost": "600"}


def check_bilingual(*extra: str, env: dict[str, str] | None = None, card: Path = BILINGUAL) -> Any:
    return run_ff(
        "check", "Rhoi cynnig arni", "--card", str(card), "--json",
        *answer_options(BILINGUAL_ANSWERS), *extra, env=env,
    )  # fmt: skip


def assert_recorded_in_welsh(result: Any, journal: Path) -> None:
    assert result.returncode == 3, result.stderr
    assert json.loads(result.stdout)["card"]["language"] == "cy"
    idea = the_stored_idea(journal)
    assert idea["card"]["language"] == "cy"
    assert idea["card"]["title"] == "Cerdyn dwyieithog"
    assert [(a["question"], a["text"], a["label"]) for a in idea["answers"]] == [
        ("safe", "A yw'n ddiogel i roi cynnig arno?", "Ie"),
        ("reach", "Pwy fydd yn ei gyrraedd?", "Trigolion"),
        ("cost", "Faint fydd y gost?", "600 punnoedd"),
    ]
    assert idea["outcome"]["title"] == "Gofynnwch yn gyntaf"
    assert idea["reasons"][0]["text"] == "Mae'n costio mwy na 500 o bunnoedd."
    assert not WELSH_NOTE.search(result.stderr), "every text has its Welsh"


def test_lang_cy_asks_and_records_in_welsh(journal: Path) -> None:
    assert_recorded_in_welsh(check_bilingual("--lang", "cy"), journal)


def test_ff_lang_cy_asks_and_records_in_welsh(journal: Path) -> None:
    assert_recorded_in_welsh(check_bilingual(env={"FF_LANG": "cy"}), journal)


def test_config_lang_cy_asks_and_records_in_welsh(journal: Path) -> None:
    assert run_ff("config", "set", "lang", "cy").returncode == 0
    assert_recorded_in_welsh(check_bilingual(), journal)


@pytest.mark.parametrize("typed", ["600 pounds", "600 Punnoedd", "£600"])
def test_a_number_may_end_with_its_unit_in_any_of_the_cards_languages(
    journal: Path, typed: str
) -> None:
    result = check_bilingual("--lang", "cy", "--answer", f"cost={typed}")
    assert_recorded_in_welsh(result, journal)


def test_without_a_language_the_card_is_in_its_own(journal: Path) -> None:
    result = check_bilingual()
    assert result.returncode == 3, result.stderr
    idea = the_stored_idea(journal)
    assert idea["card"]["language"] == "en"
    assert [a["text"] for a in idea["answers"]] == [
        "Is it safe to try?",
        "Who will it reach?",
        "How much will it cost?",
    ]
    assert [a["label"] for a in idea["answers"]] == ["Yes", "Residents", "600 pounds"]


def test_lang_wins_over_ff_lang(journal: Path) -> None:
    result = check_bilingual("--lang", "en", env={"FF_LANG": "cy"})
    assert result.returncode == 3, result.stderr
    assert the_stored_idea(journal)["card"]["language"] == "en"


def test_welsh_labels_are_answers_in_welsh(journal: Path) -> None:
    result = run_ff(
        "check", "Rhoi cynnig arni", "--card", str(BILINGUAL), "--lang", "cy", "--json",
        "--answer", "safe=Ddim yn siŵr", "--answer", "reach=Trigolion", "--answer", "cost=£5",
    )  # fmt: skip
    assert result.returncode == 3, result.stderr  # not sure: approval
    assert json.loads(result.stdout)["answers"] == {
        "safe": "unsure",
        "reach": "residents",
        "cost": 5,
    }


def test_a_card_without_welsh_is_shown_in_english_with_one_note(journal: Path) -> None:
    result = run_ff(
        "check", "New kettle", "--card", str(AMOUNTS), "--lang", "cy", "--json",
        "--answer", "cost=50", "--answer", "weeks=2",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    notes = [line for line in result.stderr.splitlines() if WELSH_NOTE.search(line)]
    assert notes == ["The card amounts has no Welsh (cy) text: it is shown in English (en)."]
    assert json.loads(result.stdout)["card"]["language"] == "en"
    idea = the_stored_idea(journal)
    assert idea["card"]["language"] == "en"
    assert idea["answers"][0]["text"] == "How much will it cost, in pounds?"


def test_a_partly_translated_card_says_so_once(journal: Path) -> None:
    result = check_bilingual("--lang", "cy", card=PARTLY_WELSH)
    assert result.returncode == 3, result.stderr
    notes = [line for line in result.stderr.splitlines() if WELSH_NOTE.search(line)]
    assert len(notes) == 1, result.stderr
    assert "shown in English (en) instead" in notes[0]
    idea = the_stored_idea(journal)
    assert idea["card"]["language"] == "cy"
    assert idea["card"]["title"] == "Partly Welsh card"  # English only in this card
    assert [a["text"] for a in idea["answers"]] == [
        "A yw'n ddiogel i roi cynnig arno?",
        "Pwy fydd yn ei gyrraedd?",
        "How much will it cost?",  # English only in this card
    ]


@pytest.mark.parametrize("code", ["../x", "EN GB!", "cy/../../etc", "c", "welsh!"])
def test_a_bad_language_code_exits_2_and_records_nothing(journal: Path, code: str) -> None:
    for result in (check_bilingual("--lang", code), check_bilingual(env={"FF_LANG": code})):
        assert result.returncode == 2, result.stderr
        assert f"{code!r} is not a language code" in result.stderr
        assert "Traceback" not in result.stderr
        assert result.stdout == ""
    assert not journal.exists()


def bilingual_with(old: str, new: str) -> str:
    text = BILINGUAL.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new)


def test_a_text_missing_a_declared_language_is_refused_on_its_line() -> None:
    text = bilingual_with("{en: Who will it reach?, cy: Pwy fydd yn ei gyrraedd?}", "{en: Who?}")
    only_problem_on_line(text, "{en: Who?}", "the text has no cy version")


def test_a_text_in_an_undeclared_language_is_refused_on_its_line() -> None:
    text = bilingual_with(
        "{en: Who will it reach?, cy: Pwy fydd yn ei gyrraedd?}",
        "{en: Who will it reach?, cy: Pwy fydd yn ei gyrraedd?,\n"
        "           fr: Qui touchera-t-il?}",
    )
    only_problem_on_line(text, "fr: Qui", "'fr' is not one of the card's languages (en, cy)")


def test_validate_names_each_language_problem_with_its_line(tmp_path: Path) -> None:
    text = bilingual_with("cy: Faint fydd y gost?}", "fr: Combien?}")
    card = tmp_path / "bad-welsh.yaml"
    card.write_text(text, encoding="utf-8")
    result = run_ff("cards", "validate", str(card))
    assert result.returncode == 1
    line = line_of(text, "fr: Combien?")
    output = result.stdout + result.stderr
    assert re.search(
        rf"bad-welsh\.yaml:{line}:\d+: .*'fr' is not one of the card's languages", output
    )
    assert re.search(rf"bad-welsh\.yaml:{line}:\d+: .*the text has no cy version", output)


def test_the_default_card_in_welsh_is_marked_awaiting_review() -> None:
    welsh = {o["id"]: o["title"] for o in card_text(DEFAULT_CARD)["outcomes"]}
    result = run_ff("check", "--lang", "cy", "--dry-run", "--json", *answer_options(ALL_CLEAR))
    assert result.returncode == 0, result.stderr
    shown_result = json.loads(result.stdout)
    assert shown_result["card"]["language"] == "cy"
    assert shown_result["outcome"]["id"] == "go-ahead"
    assert shown_result["outcome"]["title"] == welsh["go-ahead"]["cy"]
    assert shown_result["outcome"]["title"] != welsh["go-ahead"]["en"]
    assert "The Welsh (cy) text of the card fail-fast-fail-forward is awaiting review" in (
        result.stderr
    )
    assert not WELSH_NOTE.search(result.stderr), "the default card has every text in Welsh"


def test_the_default_card_records_its_welsh_questions(journal: Path) -> None:
    questions = {q["id"]: q["text"]["cy"] for q in card_text(DEFAULT_CARD)["questions"]}
    result = run_ff("check", "Rhoi cynnig arni", "--lang", "cy", *answer_options(ALL_CLEAR))
    assert result.returncode == 0, result.stderr
    idea = the_stored_idea(journal)
    assert idea["card"]["language"] == "cy"
    assert [a["text"] for a in idea["answers"]] == [questions[q] for q in ALL_CLEAR]
    assert {a["label"] for a in idea["answers"]} == {"Ie", "Na"}
