"""The Typer app, its global options, and the one place errors become exit codes."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup, TyperOption

from ff import __version__
from ff.errors import Cancelled, FFError, UsageError

_GIVEN = "ff.given"
JOURNAL_HELP = "Journal file (default: $FF_JOURNAL, the config file, else ff's data folder)."


class _Commands(TyperGroup):
    """The one place where ff's errors become a message on stderr and an exit code."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        ctx.meta[_GIVEN] = list(args)  # every argument as typed, for check_given_text
        return super().parse_args(ctx, args)

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            check_given_text(self, ctx)
            return super().invoke(ctx)
        except KeyboardInterrupt:
            problem: FFError = Cancelled("Cancelled.")
        except FFError as raised:
            problem = raised
        from ff.terminal import console

        console.error(problem)
        raise typer.Exit(int(problem.exit_code))


def check_given_text(root: TyperGroup, ctx: typer.Context) -> None:
    """Refuse (exit 2, naming the option) any argument that is not UTF-8 or is too long
    for its option (ff.text.check_given), before the command runs: one check for every
    command and option. The arguments are parsed a second time, leniently, only when
    one of them might be refused, so as to name its option."""
    from ff.text import MAX_NAME, check_given, limit_for, not_utf8

    given = [str(arg) for arg in ctx.meta.get(_GIVEN, [])]
    if not any(len(arg) > MAX_NAME or not_utf8(arg) for arg in given):
        return
    for name, what, value in _given_values(root, ctx, given):
        check_given(value, what, limit_for(name))
    for arg in given:  # one that no option took: refused all the same
        check_given(arg, "An argument")


def _given_values(
    root: TyperGroup, ctx: typer.Context, given: list[str]
) -> list[tuple[str, str, str]]:
    """Each text value given: its option's or argument's name (team, title), how a
    message names it (--team, The title), and the value."""
    found: list[tuple[str, str, str]] = []
    command: Any = root
    try:
        parsed = root.make_context(
            ctx.info_name, list(given), resilient_parsing=True, ignore_unknown_options=True
        )
        while True:
            for param in command.params:
                values = parsed.params.get(param.name or "")
                for value in values if isinstance(values, (list, tuple)) else [values]:
                    if isinstance(value, (str, Path)):
                        found.append((*_param_names(param), str(value)))
            rest = [*getattr(parsed, "_protected_args", []), *parsed.args]
            if not isinstance(command, TyperGroup) or not rest:
                break
            name, command, rest = command.resolve_command(parsed, rest)
            if command is None:
                break
            parsed = command.make_context(
                name, rest, parent=parsed, resilient_parsing=True, ignore_unknown_options=True
            )
    except Exception:  # any parse error: the real parse, next, reports it
        pass
    return found


def _param_names(param: Any) -> tuple[str, str]:
    if isinstance(param, TyperOption):
        flag = str(max(param.opts, key=len))
        return flag.lstrip("-"), flag
    return str(param.name), f"The {param.name}"


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

    before = (ctx.find_root().obj or {}).get("journal")
    if given is not None and before is not None:
        one_journal(before, given)
    return journal(given or before)


def one_journal(before: Path, after: Path) -> None:
    """``ff --journal A COMMAND --journal B``: refused, unless both name one file, so
    that a command never quietly writes to one of two journals."""
    import os

    if os.path.realpath(before) != os.path.realpath(after):
        raise UsageError(
            f"Two journals were given: --journal {before} before the command and "
            f"--journal {after} after it.",
            hint="Give --journal once.",
        )


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
    """Run ff's command line (``ff.__main__.run`` is the ``ff`` command)."""
    try:
        app()
    except KeyboardInterrupt:  # before a command began: nothing was done
        sys.exit(130)
    except FFError as problem:  # raised outside a command, e.g. by a callback
        from ff.terminal import console

        console.error(problem)
        sys.exit(int(problem.exit_code))
