"""``ff delete`` and ``ff merge``: taking records out of the journal, bringing
another journal's in."""

from __future__ import annotations

from pathlib import Path

import typer

from ff.cli.calls import interactive, print_json
from ff.cli.options import IdeaOrIterationRef, Journal
from ff.cli.typer_app import app, confirm, journal_path


@app.command()
def delete(
    ctx: typer.Context,
    target: IdeaOrIterationRef,
    yes: bool = typer.Option(False, "--yes", help="Do not ask for confirmation."),
    journal: Journal = None,
) -> None:
    """Delete an idea (with its iterations and history) or one iteration, from the file.

    \b
    Examples:
      ff delete 548699#2
      ff delete 548699 --yes
    """
    from ff.journal.iterations import delete_idea, delete_iteration
    from ff.journal.reading import find_idea, pick_iteration
    from ff.journal.refs import parse_ref
    from ff.terminal import console

    ref, number = parse_ref(target)
    path = journal_path(ctx, journal)
    idea = find_idea(path, ref)
    if number is None:
        what = (
            f"idea {idea['ref']} ({idea['title']}) with its {len(idea['iterations'])} "
            "iteration(s) and its history"
        )
    else:
        iteration = pick_iteration(idea, number)
        what = f"iteration {number} of idea {idea['ref']} ({idea['title']})"
        if not yes and interactive():  # what it says, before asking
            from ff.terminal import journal_view

            journal_view.before_deleting(iteration)
    confirm(
        f"Delete {what}? This cannot be undone.",
        yes=yes,
        script_hint="Add --yes to delete without being asked.",
    )
    if number is None:
        delete_idea(path, idea["id"])
        from ff.terminal.editor import remove_drafts

        for draft in remove_drafts(idea["id"]):
            console.note(f"Removed the editor draft {draft}, which held its text.")
    else:
        delete_iteration(path, idea["id"], number)
    console.note(f"Deleted {what} from {path}.")


@app.command()
def merge(
    ctx: typer.Context,
    others: list[Path] = typer.Argument(..., metavar="OTHER.json...", help="Journals to bring in."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    journal: Journal = None,
) -> None:
    """Bring every idea, iteration and status change from other journals into this one.

    Records are matched by id, so merging twice adds nothing the second time. A
    record changed on both sides is reported and this journal's copy kept
    (exit 1).

    \b
    Examples:
      ff merge sam-journal.json
      ff merge --journal team.json sam.json priya.json
    """
    from ff.errors import UsageError
    from ff.journal.merge import merge as merge_journals
    from ff.terminal import journal_view

    path = journal_path(ctx, journal)
    for other in others:
        if not other.is_file():
            raise UsageError(f"There is no journal at {other}.", hint="Check the path.")
    report = merge_journals(path, others)
    if as_json:
        print_json(report.json())
    else:
        journal_view.merged(report.json(), path)
    if report.conflicts:
        raise typer.Exit(1)
