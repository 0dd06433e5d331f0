"""The command line: the only module that knows Typer. Kept thin on purpose.

Each command reads its options, calls plain functions in ff.cards, ff.engine
and ff.journal, and hands the result to ff.render (people) or json (scripts).
Heavy modules (YAML, TinyDB, Rich) are imported inside the commands that need
them, so ``ff --help`` and ``ff --version`` start quickly.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from ff import __version__
from ff.errors import Cancelled, ExitCode, FFError, UsageError

JOURNAL_HELP = "Journal file to use (default: $FF_JOURNAL, else ff's data folder)."


class _Commands(TyperGroup):
    """The one place where ff's errors become a message on stderr and an exit code."""

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            problem: FFError = Cancelled("Cancelled.")
        except FFError as raised:
            problem = raised
        from ff import render

        render.error(problem)
        raise typer.Exit(int(problem.exit_code))


app = typer.Typer(
    cls=_Commands,
    help="ff: may I try this idea without asking first? "
    "Check an idea against a prompt card, and keep a journal of what you learn.",
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


def _journal(ctx: typer.Context, given: Path | None) -> Path:
    from ff.paths import journal_path

    return journal_path(given or (ctx.obj or {}).get("journal"))


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


@app.command()
def check(
    ctx: typer.Context,
    title: str | None = typer.Argument(None, help="A short title for the idea."),
    card: str | None = typer.Option(
        None, "--card", help="Card id or path to a card file (default: fail-fast-fail-forward)."
    ),
    answer: list[str] = typer.Option(
        [], "--answer", "-a", metavar="QUESTION=VALUE", help="An answer; repeat for each."
    ),
    answers_file: str | None = typer.Option(
        None, "--answers", metavar="FILE", help="Answers in a YAML or JSON file ('-': stdin)."
    ),
    owner: str | None = typer.Option(None, "--owner", help="Who owns the idea."),
    team: str | None = typer.Option(None, "--team", help="The owner's team."),
    tag: list[str] = typer.Option([], "--tag", help="A tag; repeat for more."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show the decision; record nothing."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as one JSON object."),
    journal: Path | None = typer.Option(None, "--journal", help=JOURNAL_HELP),
) -> None:
    """Check a new idea against a card: may you go ahead without approval?

    In a terminal the questions are asked one at a time. With --answer or
    --answers, or without a terminal, every answer must be given. Exit code:
    0 go ahead, 3 talk to your manager first, 4 stop, 2 bad input, 1 error.
    """
    from ff.checking import CheckRequest, run_check

    request = CheckRequest(
        title=title,
        card=card,
        answer_options=answer,
        answers_file=answers_file,
        owner=owner,
        team=team,
        tags=tag,
        dry_run=dry_run,
        journal=_journal(ctx, journal),
        interactive=not answer and answers_file is None and sys.stdin.isatty(),
    )
    result = run_check(request)
    from ff import render

    if result.journal_created:
        render.note(f"Started a new journal at {result.journal}")
    if as_json:
        _print_json(result.json())
    else:
        render.decision(result.record)
    if result.recorded:
        render.note(f"Recorded as {result.record['ref']} in {result.journal}")
    raise typer.Exit(int(result.exit_code))


@app.command()
def ideas(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print the ideas as a JSON list."),
    journal: Path | None = typer.Option(None, "--journal", help=JOURNAL_HELP),
) -> None:
    """List the ideas in the journal, newest first."""
    from ff.journal import all_ideas

    path = _journal(ctx, journal)
    found = all_ideas(path)
    if as_json:
        _print_json(found)
        return
    from ff import render

    if not found:
        render.note(f'No ideas yet in {path}. Run: ff check "Your idea"')
        return
    render.ideas(found)


@app.command()
def show(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="The idea's ref (or the start of it)."),
    as_json: bool = typer.Option(False, "--json", help="Print the idea as JSON."),
    journal: Path | None = typer.Option(None, "--journal", help=JOURNAL_HELP),
) -> None:
    """Show one idea: its decision, reasons and answers."""
    from ff.journal import find_idea

    record = find_idea(_journal(ctx, journal), ref)
    if as_json:
        _print_json(record)
        return
    from ff import render

    render.idea(record)


def main() -> None:
    """The ``ff`` console script."""
    try:
        app()
    except FFError as problem:  # raised outside a command, e.g. by a callback
        from ff import render

        render.error(problem)
        sys.exit(int(problem.exit_code))


__all__ = ["ExitCode", "UsageError", "app", "main"]
