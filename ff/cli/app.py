"""The Typer app, its global options, and the one place errors become exit codes."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from ff import __version__
from ff.errors import Cancelled, FFError, UsageError

JOURNAL_HELP = "Journal file (default: $FF_JOURNAL, the config file, else ff's data folder)."


class _Commands(TyperGroup):
    """The one place where ff's errors become a message on stderr and an exit code."""

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            problem: FFError = Cancelled("Cancelled.")
        except FFError as raised:
            problem = raised
        from ff.terminal import console

        console.error(problem)
        raise typer.Exit(int(problem.exit_code))


app = typer.Typer(
    cls=_Commands,
    help="ff: may I try this idea without asking first? Check an idea against a prompt "
    "card, and keep a journal of what you try and learn.",
    no_args_is_help=True,
    rich_markup_mode=None,  # plain help: fast, and no box drawing for screen readers
    pretty_exceptions_show_locals=False,  # never print journal contents in a crash
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"ff {__version__}")
        raise typer.Exit()


@app.callback()
def _global_options(
    ctx: typer.Context,
    journal: Path | None = typer.Option(None, "--journal", help=JOURNAL_HELP),
    version: bool = typer.Option(
        False, "--version", callback=_show_version, is_eager=True, help="Show ff's version."
    ),
) -> None:
    ctx.obj = {"journal": journal}


def journal_option() -> Any:
    return typer.Option(None, "--journal", help=JOURNAL_HELP)


def journal_path(ctx: typer.Context, given: Path | None) -> Path:
    """``--journal`` after the command, else before it, else environment, config, default."""
    from ff.config import journal

    root = ctx.find_root()
    return journal(given or (root.obj or {}).get("journal"))


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def interactive() -> bool:
    """May ff ask questions? Only when a person is at a terminal."""
    return sys.stdin.isatty()


def confirm(question: str, *, yes: bool, script_hint: str) -> None:
    """Go on only if ``--yes`` was given or the person types yes; else exit 2."""
    if yes:
        return
    if not interactive():
        raise UsageError(f"{question} (needs confirmation)", hint=script_hint)
    from ff.terminal.prompts import ask_yes_no

    if not ask_yes_no(question):
        raise Cancelled("Nothing was changed.")


def complete_ref(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Shell completion: idea refs from the journal, with their titles."""
    try:
        from ff.journal.reading import all_ideas

        path = journal_path(ctx, ctx.params.get("journal"))
        return [
            (str(i["ref"]), str(i["title"])[:60])
            for i in all_ideas(path)
            if str(i["ref"]).startswith(incomplete)
        ]
    except (FFError, OSError):
        return []


def complete_card(incomplete: str) -> list[str]:
    """Shell completion: the ids of the cards ff can find (see ff.cards.sources)."""
    from ff.cards.sources import card_files

    try:
        return [f.id for f in card_files() if f.id.startswith(incomplete)]
    except (FFError, OSError):
        return []


def main() -> None:
    """The ``ff`` console script."""
    try:
        app()
    except FFError as problem:  # raised outside a command, e.g. by a callback
        from ff.terminal import console

        console.error(problem)
        sys.exit(int(problem.exit_code))
