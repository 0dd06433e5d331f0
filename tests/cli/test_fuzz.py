"""Hypothesis: any answers to any shipped card give a decision or a clear input error."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ff.cards.engine import decide
from ff.cards.loading import builtin_card_paths, load_card_file
from ff.cards.model import Card
from ff.cli import app
from ff.errors import AnswerError

CARDS: list[Card] = [load_card_file(path) for path in builtin_card_paths()]
WORDS = st.sampled_from(["yes", "no", "unsure", "Not sure", "YES", "maybe", "", "1", "y"])


@st.composite
def card_and_answers(draw: st.DrawFn) -> tuple[Card, dict[str, object]]:
    card = draw(st.sampled_from(CARDS))
    keys = [q.id for q in card.questions]
    chosen = draw(st.lists(st.sampled_from(keys), unique=True))
    answers: dict[str, object] = {
        key: draw(st.one_of(WORDS, st.text(max_size=12), st.booleans(), st.integers()))
        for key in chosen
    }
    extra = draw(st.dictionaries(st.text(max_size=8), WORDS, max_size=2))
    return card, {**extra, **answers}


@given(card_and_answers())
@settings(max_examples=400, deadline=None)
def test_engine_gives_a_decision_or_a_clear_error(case: tuple[Card, dict[str, object]]) -> None:
    card, answers = case
    try:
        decision = decide(card, answers)
    except AnswerError as problem:
        assert problem.problems, "an input error names what is wrong"
        assert all("question" in p for p in problem.problems)
        return
    assert decision.level in ("go", "caution", "approval", "stop")
    asked = [step.question.id for step in decision.path]
    assert asked[0] == card.first.id
    assert set(asked) <= set(answers)


@given(card=st.sampled_from(CARDS), data=st.data())
@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_cli_never_shows_a_traceback(card: Card, data: st.DataObject, tmp_path: Path) -> None:
    pairs = data.draw(
        st.lists(
            st.tuples(
                st.sampled_from([q.id for q in card.questions] + ["other"]), st.text(max_size=10)
            ),
            max_size=10,
        )
    )
    args = ["check", "--dry-run", "--json", "--card", card.id]
    for key, value in pairs:
        args += ["--answer", f"{key}={value}"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code in (0, 2, 3, 4), result.output
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        assert "Error:" in result.stderr and "What to do:" in result.stderr
