"""The Typer app, its global options, the one place errors become exit codes, and
the table of commands.

Commands are built when asked for: ``ff --help`` lists them from ``COMMANDS``
without importing any, and a call imports and builds only the command it runs
(building all 19 through ``inspect.signature`` took about 18 ms of every call)."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import Any

import typer
import typer._click as click  # Typer 0.28 carries its own Click
import typer.main
from typer.core import TyperArgument, TyperGroup, TyperOption

from ff import __version__
from ff.cli.calls import chosen_journal, interactive
from ff.cli.given import GIVEN, check_given_text
from ff.errors import Cancelled, FFError, UsageError

JOURNAL_HELP = "Journal file (default: $FF_JOURNAL, the config file, else ff's data folder)."
PLAIN_HELP = (
    "Plain text: no boxes, bars or colour, no line wrapped by ff; for screen readers "
    "and copying (default: $FF_PLAIN, the config file; always when the output is not "
    "a terminal)."
)
PLAIN_AFTER_HELP = "Plain text, as ff --plain."

# Each command: the module that declares it, and its summary in ff --help, in the
# order listed there (and in each command's own short help: it is written only here).
# A new command must be added here to be found; tests/cli/test_help.py checks that
# every command is.
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("ff.cli.check", "Check a new idea: may you go ahead without approval?"),
    "ideas": ("ff.cli.ideas", "List the ideas in the journal, newest first."),
    "show": ("ff.cli.ideas", "Show one idea: decision, history, iterations."),
    "log": ("ff.cli.iterations", "Record what you tried, the result, what you learned."),
    "status": ("ff.cli.iterations", "Record a change in an idea's life (kept as history)."),
    "edit": ("ff.cli.edit", "Correct an idea (its title, team, owner, tags) or an iteration."),
    "delete": ("ff.cli.journal", "Delete an idea, or one of its iterations."),
    "merge": ("ff.cli.journal", "Bring in another journal's ideas and iterations."),
    "summary": ("ff.cli.summary", "What was tried, what failed, what was learned."),
    "export": ("ff.cli.summary", "Export the summary: html, md, csv or json."),
    "cards": (
        "ff.cli.cards",
        "Cards: list them, show one, check and test them, draw one, start a new one.",
    ),
    "sync": ("ff.cli.share", "Share your journal through git: commit, pull, push."),
    "share": (
        "ff.cli.share",
        "Share journals through git: set a repository up, merge journals, settle conflicts.",
    ),
    "config": (
        "ff.cli.config",
        "Show or change ff's defaults: owner, team, card, journal, language and more.",
    ),
}


class Group(TyperGroup):
    """A group whose help lists each command's whole summary, never cut with "..."."""

    def summary(self, ctx: click.Context, name: str) -> str | None:
        command = self.get_command(ctx, name)
        return None if command is None or command.hidden else command.get_short_help_str(999)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, self.summary(ctx, name)) for name in self.list_commands(ctx)]
        shown = [(name, about) for name, about in rows if about is not None]
        if shown:
            with formatter.section("Commands"):
                formatter.write_dl(shown)


class _Commands(Group):
    """ff's commands, each built when first asked for; and the one place where ff's
    errors become a message on stderr and an exit code."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = _Built()

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)  # the names only: Typer's own builds every command

    def summary(self, ctx: click.Context, name: str) -> str | None:
        return COMMANDS[name][1] if name in COMMANDS else super().summary(ctx, name)

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        ctx.meta[GIVEN] = list(args)  # every argument as typed, for check_given_text
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


class _Built(MutableMapping[str, click.Command]):
    """The commands by name, in ``COMMANDS`` order; each imported and built the first
    time it is looked up."""

    def __init__(self) -> None:
        self._built: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._built:
            if name not in COMMANDS:
                raise KeyError(name)
            self._built[name] = _build(name)
        return self._built[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*COMMANDS, *self._built]))

    def __len__(self) -> int:
        return len(dict.fromkeys([*COMMANDS, *self._built]))


def _build(name: str) -> click.Command:
    """Import the command's module (which registers it on ``app``) and build it."""
    importlib.import_module(COMMANDS[name][0])
    settings: dict[str, Any] = {
        "pretty_exceptions_short": app.pretty_exceptions_short,
        "rich_markup_mode": app.rich_markup_mode,
    }
    command: click.Command | None = None
    for info in app.registered_commands:
        callback = info.callback
        if callback and (info.name or typer.main.get_command_name(callback.__name__)) == name:
            command = typer.main.get_command_from_info(info, **settings)
    for group in app.registered_groups:
        if group.name == name:
            command = typer.main.get_group_from_info(
                group, suggest_commands=app.suggest_commands, **settings
            )
    if command is None:
        raise KeyError(name)
    command.short_help = COMMANDS[name][1]
    _finish(command)
    return command


class _Argument(TyperArgument):
    """An argument shown as REF or [TITLE] in help, not as {ref} or [title]."""

    def make_metavar(self, ctx: click.Context, *, usage: bool = False) -> str:
        shown = self.metavar or (self.name or "").upper()
        if self.nargs != 1 and not shown.endswith("..."):
            shown += "..."
        if usage and not self.required and not shown.startswith("["):
            return f"[{shown}]"
        return shown


def _use_plain(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        from ff.terminal import console

        console.ask_for_plain()


def _finish(command: click.Command) -> None:
    """Readable metavars, and ``--plain`` after the command, as before it."""
    for sub in getattr(command, "commands", {}).values():
        _finish(sub)
    if isinstance(command, TyperGroup):
        return
    for param in command.params:
        if isinstance(param, TyperArgument):
            param.__class__ = _Argument
        elif isinstance(param, TyperOption) and param.metavar is None and not param.is_flag:
            param.metavar = (param.name or "value").upper()
    command.params.append(
        TyperOption(
            param_decls=["--plain"],
            is_flag=True,
            default=False,
            expose_value=False,
            is_eager=True,
            callback=_use_plain,
            help=PLAIN_AFTER_HELP,
        ),
    )


app = typer.Typer(
    cls=_Commands,
    help="ff: may I try this idea without asking first? Check an idea against a prompt "
    "card, and keep a journal of what you try and learn.\n\n"
    "\b\nExamples:\n"
    '  ff check "Saturday drop-in for dads"\n'
    "  ff ideas\n"
    '  ff log 548699 --test "Ran it twice" --result success --learned "Dads came"\n'
    "  ff check --help",
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
    journal: Path | None = typer.Option(None, "--journal", metavar="PATH", help=JOURNAL_HELP),
    plain: bool = typer.Option(False, "--plain", help=PLAIN_HELP),
    version: bool = typer.Option(
        False, "--version", callback=_show_version, is_eager=True, help="Show ff's version."
    ),
) -> None:
    from ff.terminal import console

    console.start(plain)
    ctx.obj = {"journal": journal}


def journal_path(ctx: typer.Context, given: Path | None) -> Path:
    """``--journal`` after the command, else before it, else environment, config, default."""
    return chosen_journal(journal_before(ctx), given)


def journal_before(ctx: typer.Context) -> Path | None:
    """``--journal`` given before the command."""
    before: Path | None = (ctx.find_root().obj or {}).get("journal")
    return before


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
            for i in all_ideas(path, whole=False)
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
    """The ``ff`` command line, once ``ff.__main__`` has answered ``--version``."""
    from ff import memory

    memory.short_lived()
    try:
        app()
    except SystemExit as leaving:  # how Typer always ends
        memory.leave(_exit_code(leaving.code))
    except KeyboardInterrupt:  # before a command began: nothing was done
        sys.exit(130)
    except FFError as problem:  # raised outside a command, e.g. by a callback
        from ff.terminal import console

        console.error(problem)
        sys.exit(int(problem.exit_code))


def _exit_code(code: object) -> int:
    """``sys.exit``'s argument as the exit code it means (a message: said, and 1)."""
    if code is None or isinstance(code, int):
        return int(code or 0)
    print(code, file=sys.stderr)
    return 1
