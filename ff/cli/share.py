"""``ff share`` (init, merge-driver, resolve) and ``ff sync``: journals shared through git."""

from __future__ import annotations

from pathlib import Path

import typer

from ff.cli.calls import print_json
from ff.cli.options import IdeaOrIterationRef, Journal
from ff.cli.typer_app import COMMANDS, Group, app, journal_path

share_app = typer.Typer(
    cls=Group,
    help=COMMANDS["share"][1],
    no_args_is_help=True,
)
app.add_typer(share_app, name="share")


@share_app.command("init")
def init(
    pattern: str = typer.Option(
        "*.json",
        "--pattern",
        metavar="PATTERN",
        help="The journal files, as .gitattributes names them (default: every .json file).",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print what was done as JSON."),
) -> None:
    """Set up the git repository you are in so that git merges journals with ff.

    \b
    Examples:
      ff share init
      ff share init --pattern 'teams/*.json'
    """
    from ff.sharing.setup import set_up
    from ff.terminal import sharing_view

    done = set_up(Path.cwd(), pattern)
    if as_json:
        print_json(done.json())
    else:
        sharing_view.set_up(done)


@share_app.command("merge-driver")
def merge_driver(
    ancestor: Path = typer.Argument(..., metavar="ANCESTOR", help="git's %O: the common ancestor."),
    ours: Path = typer.Argument(..., metavar="OURS", help="git's %A: yours; the result goes here."),
    theirs: Path = typer.Argument(..., metavar="THEIRS", help="git's %B: the other version."),
    name: str = typer.Argument("", metavar="NAME", help="git's %P: the journal's path."),
) -> None:
    """What git runs to merge a journal (set up by ff share init): exit 0 when merged,
    1 when a version cannot be read (git then marks the journal as conflicted).

    \b
    Example (as git's config holds it):
      ff share merge-driver %O %A %B %P
    """
    from ff.sharing.driver import merge_driver as drive
    from ff.terminal import sharing_view

    sharing_view.driven(drive(ancestor, ours, theirs, name))


@share_app.command("resolve")
def resolve(
    ctx: typer.Context,
    target: IdeaOrIterationRef,
    journal: Journal = None,
) -> None:
    """Remove an idea's conflict notes once you have settled them (see ff show).

    \b
    Examples:
      ff share resolve 548699
      ff share resolve 548699#2
    """
    from ff.journal.conflicts import resolve as settle
    from ff.journal.refs import parse_ref
    from ff.terminal import sharing_view

    ref, number = parse_ref(target)
    sharing_view.resolved(settle(journal_path(ctx, journal), ref, number), target)


@app.command()
def sync(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    journal: Journal = None,
) -> None:
    """Commit your journal in its git repository, merge what others pushed, push, and
    say what came in. Exit 1 if it could not be shared (your journal is kept).

    \b
    Examples:
      ff sync
      ff sync --journal team/journal.json
    """
    from ff.sharing.sync import sync as share

    report = share(journal_path(ctx, journal))
    if as_json:
        print_json(report.json())
    else:
        from ff.terminal import sharing_view

        sharing_view.synced(report)
    if not report.shared:
        raise typer.Exit(1)
