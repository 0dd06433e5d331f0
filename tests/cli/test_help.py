"""Help as people read it: readable placeholders (PATH, REF), every command's whole
summary in ``ff --help``, one or two examples in each command's help; and the table
of commands ``ff --help`` lists without importing them, kept true."""

from __future__ import annotations

import importlib
import pkgutil
import re
import subprocess
import sys

import pytest
import typer.main

import ff.cli
from ff import __version__
from ff.__main__ import asks_for_version
from ff.cli import app
from ff.cli.typer_app import COMMANDS
from tests.conftest import run_ff

ROOT = typer.main.get_command(app)
GROUPS = tuple(name for name in COMMANDS if hasattr(ROOT.commands[name], "commands"))  # type: ignore[attr-defined]
EVERY = [
    (name,) if name not in GROUPS else (name, sub)
    for name in COMMANDS
    for sub in (sorted(ROOT.commands[name].commands) if name in GROUPS else [None])  # type: ignore[attr-defined]
]


def help_of(ff, *command: str) -> str:  # type: ignore[no-untyped-def]
    result = ff(*command, "--help")
    assert result.exit_code == 0, result.stderr
    text: str = result.stdout
    return text


@pytest.mark.parametrize("command", [(), *((n,) for n in GROUPS), *EVERY], ids=" ".join)
def test_no_help_shows_a_placeholder_people_cannot_read(ff, command: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    text = help_of(ff, *command)
    assert not re.search(r"<\w+>|\{\w+\}|\{[A-Z]", text), text  # <str>, <path>, {ref}
    assert not re.search(r"\[(?!required\])[a-z]+\]", text), text  # [title]: in capitals
    repeated = ("[ARGS]...", "[PATH]...", "OTHER.json...")  # "more may follow", as usual
    assert "..." not in re.sub("|".join(map(re.escape, repeated)), "", text), text


def test_arguments_and_options_name_what_they_take(ff) -> None:  # type: ignore[no-untyped-def]
    assert " show [OPTIONS] REF\n" in help_of(ff, "show")
    assert " check [OPTIONS] [TITLE]\n" in help_of(ff, "check")
    assert "--journal PATH" in help_of(ff, "ideas")
    assert "--card ID|PATH" in help_of(ff, "check")
    assert " config set [OPTIONS] KEY VALUE\n" in help_of(ff, "config", "set")
    assert " delete [OPTIONS] REF|REF#N\n" in help_of(ff, "delete")


@pytest.mark.parametrize("command", EVERY, ids=" ".join)
def test_each_command_gives_examples_as_written(ff, command: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    text = help_of(ff, *command)
    examples = text[text.index("Example") :].split("\n\n")[0].splitlines()[1:]
    assert 1 <= len(examples) <= 2, text
    for line in examples:  # each one line, as typed (Click's \b keeps it unwrapped)
        assert line.startswith("    ff " + " ".join(command)), text


def test_ff_help_gives_every_summary_whole_in_the_table_order(ff) -> None:  # type: ignore[no-untyped-def]
    text = help_of(ff)
    listed = " ".join(text[text.index("Commands:") :].split())
    for name, (_, summary) in COMMANDS.items():
        assert f" {name} {summary}" in listed, (name, listed)
    assert "..." not in text[text.index("Commands:") :]
    positions = [listed.index(f" {name} ") for name in COMMANDS]
    assert positions == sorted(positions)


def test_the_table_of_commands_is_true() -> None:
    """Each command is in the table, from the module that declares it, with its own
    summary: ``ff --help`` shows the table without importing the commands. Every
    module of ff.cli is imported, so a command added anywhere must be in the table."""
    for found in pkgutil.iter_modules(ff.cli.__path__, "ff.cli."):
        importlib.import_module(found.name)
    declared = {
        info.name or typer.main.get_command_name(info.callback.__name__)  # type: ignore[union-attr]
        for info in app.registered_commands
    } | {str(group.name) for group in app.registered_groups}
    assert declared == set(COMMANDS)
    for name, (module, summary) in COMMANDS.items():
        command = ROOT.commands[name]  # type: ignore[attr-defined]
        assert command.get_short_help_str(999) == summary, name
        assert sys.modules[module].__name__ == module


def test_subcommands_list_their_whole_summaries(ff) -> None:  # type: ignore[no-untyped-def]
    text = help_of(ff, "cards")
    assert "Every card ff can find by id: its title, version, and where it was found." in (
        " ".join(text.split())
    )
    assert "..." not in text[text.index("Commands:") :]


@pytest.mark.parametrize(
    ("args", "asks"),
    [
        (["--version"], True),
        (["--journal", "x.json", "--version"], True),
        (["--journal=x.json", "--plain", "--version"], True),
        (["--journal", "--version"], False),  # --version is the journal's name
        (["check", "--version"], False),
        (["--help", "--version"], False),
        ([], False),
    ],
)
def test_version_is_answered_before_typer_only_as_click_would(args: list[str], asks: bool) -> None:
    assert asks_for_version(args) is asks


@pytest.mark.slow
def test_ff_version_answered_early_prints_what_typer_would(ff) -> None:  # type: ignore[no-untyped-def]
    early = run_ff("--journal", "x.json", "--version")
    assert (early.returncode, early.stdout, early.stderr) == (0, f"ff {__version__}\n", "")
    assert ff("--journal", "x.json", "--version").stdout == early.stdout  # through Typer
    script = subprocess.run(
        [sys.executable, "-c", "from ff.__main__ import main; main()", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert script.stdout == early.stdout  # the console script's entry point
