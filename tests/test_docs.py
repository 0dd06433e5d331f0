"""The README stays true: its commands, options, exit codes and card example."""

from __future__ import annotations

import re

import pytest
import typer.main

from ff.cards.examples import run_examples
from ff.cards.loading import parse_card
from ff.cli import app
from ff.errors import ExitCode
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
CARDS_README = (REPO / "cards" / "README.md").read_text(encoding="utf-8")
COMMAND = typer.main.get_command(app)


def test_ci_runs_the_readme_test_command_exactly() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    command = next(line for line in ci.splitlines() if line.startswith("python3 -m venv"))
    assert f"```sh\n{command}\n```" in README
    assert "pytest" in command and '".[test]"' in command


def test_readme_install_command_runs_ff_check() -> None:
    assert (
        "```sh\npython3 -m venv .venv && . .venv/bin/activate && python -m pip install . "
        "&& ff check\n```" in README
    )


@pytest.mark.parametrize("name", sorted(COMMAND.commands))  # type: ignore[attr-defined]
def test_every_command_and_option_is_documented(name: str) -> None:
    assert f"### `ff {name}" in README
    command = COMMAND.commands[name]  # type: ignore[attr-defined]
    for param in command.params:
        for option in param.opts:
            if option.startswith("--") and option != "--help":
                assert f"`{option}" in README, f"ff {name} {option} is not in README.md"


GROUPS = [
    (group, sub)
    for group, command in sorted(COMMAND.commands.items())  # type: ignore[attr-defined]
    for sub in sorted(getattr(command, "commands", {}))
]


@pytest.mark.parametrize(("group", "sub"), GROUPS)
def test_every_subcommand_and_option_is_documented(group: str, sub: str) -> None:
    assert f"`ff {group} {sub}" in README
    command = COMMAND.commands[group].commands[sub]  # type: ignore[attr-defined]
    for param in command.params:
        for option in param.opts:
            if option.startswith("--") and option != "--help":
                assert f"`{option}" in README, f"ff {group} {sub} {option} is not in README.md"


def test_subcommand_groups_exist() -> None:
    assert ("cards", "validate") in GROUPS and ("config", "set") in GROUPS


def test_the_default_card_diagram_in_the_cards_readme_is_up_to_date(ff) -> None:  # type: ignore[no-untyped-def]
    drawn = ff("cards", "graph", "fail-fast-fail-forward")
    assert drawn.exit_code == 0, drawn.stderr
    assert f"```mermaid\n{drawn.stdout}```" in CARDS_README


def test_every_exit_code_is_documented() -> None:
    table = README[README.index("## Exit codes") :]
    for code in ExitCode:
        assert re.search(rf"^\| {code.value} \|", table, re.MULTILINE), code


def test_the_card_format_example_is_a_valid_card_whose_tests_pass() -> None:
    example = re.search(r"```yaml\n(.*?)```", CARDS_README, re.DOTALL)
    assert example
    card = parse_card(example.group(1), "cards/README.md")
    results = run_examples(card)
    assert results and all(r.passed for r in results)


def test_the_example_journals_summarise_and_their_exports_are_committed(
    ff,  # type: ignore[no-untyped-def]
) -> None:
    result = ff("summary", "--journal", str(REPO / "examples" / "teams" / "*.json"))
    assert result.exit_code == 0, result.stderr
    assert "Parents Supporting Parents" in result.stdout
    assert "Family by Family" in result.stdout
    html = (REPO / "examples" / "summary.html").read_text(encoding="utf-8")
    assert "Families come when someone like them invites them" in html
    assert "python examples/build.py" in README
