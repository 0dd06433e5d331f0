"""``ff edit``: correcting an idea (REF: its title, team, owner, tags) or one of its
iterations (REF#N: the fields of ``ff log``). One command, because a correction is
what people reach for it for: ``ff edit REF`` is what they type first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from ff.cli.calls import print_json
from ff.cli.options import (
    EDIT,
    EDITED_FIELDS,
    IdeaOrIterationRef,
    Journal,
    iteration_fields,
    takes,
)
from ff.cli.typer_app import app, journal_path
from ff.errors import UsageError

IDEA_ONLY = "--title, --team, --owner"


@app.command()
@takes(EDITED_FIELDS)
def edit(
    ctx: typer.Context,
    target: IdeaOrIterationRef,
    fields: dict[str, Any] = {},  # the options of the group, see takes
    title: str | None = typer.Option(
        None, "--title", metavar="TEXT", help="The idea's title (with REF alone)."
    ),
    team: str | None = typer.Option(
        None, "--team", metavar="NAME", help="The idea's team (with REF alone; '' for none)."
    ),
    owner: str | None = typer.Option(
        None, "--owner", metavar="NAME", help="Who owns the idea (with REF alone)."
    ),
    edit_: bool = EDIT,
    as_json: bool = typer.Option(
        False, "--json", help="Print the corrected iteration (or idea) as JSON."
    ),
    journal: Journal = None,
) -> None:
    """Correct an idea (REF) or iteration N of it (REF#N): what you give replaces what
    was recorded, and the rest is kept.

    For an idea: --title, --team, --owner and --tag, each change kept with the
    old value, who and when (ff show lists them). For an iteration: the fields
    of ff log; --with and --tag replace the whole list; --edit opens it in your
    editor. A correction that changes nothing writes nothing.

    \b
    Examples:
      ff edit 548699 --team "Family support" --owner "Sam Price"
      ff edit 548699#2 --learned "Dads came back when invited by name"
    """
    from ff.journal.refs import parse_ref

    ref, number = parse_ref(target)
    given = iteration_fields(fields)
    path = journal_path(ctx, journal)
    about_idea = {"title": title, "team": team, "owner": owner}
    if number is None:
        changes = {**about_idea, "tags": given.pop("tags")}
        _correct_idea(path, target, ref, changes, given, edit_, as_json)
        return
    if any(value is not None for value in about_idea.values()):
        raise UsageError(
            f"{IDEA_ONLY} correct an idea, not an iteration.",
            hint=f"Give the idea's ref alone: ff edit {ref} --title ...",
        )
    _correct_iteration(path, ref, number, given, edit_, as_json)


def _correct_idea(
    path: Path,
    target: str,
    ref: str,
    changes: dict[str, Any],
    iteration_given: dict[str, Any],
    use_editor: bool,
    as_json: bool,
) -> None:
    from ff import config
    from ff.journal.corrections import clean_idea_fields, correct_idea
    from ff.terminal import journal_view

    if use_editor or any(value is not None for value in iteration_given.values()):
        raise UsageError(
            f"{target!r} names an idea, not an iteration.",
            hint=f"Add # and the iteration's number, e.g. ff edit {ref}#2 ...; an idea's "
            f"{IDEA_ONLY} and --tag are corrected with ff edit {ref} --title ...",
        )
    cleaned = clean_idea_fields(changes)
    if not cleaned:
        raise UsageError(
            "Nothing to change.",
            hint=f"Give what to correct: {IDEA_ONLY} or --tag; or an iteration, "
            f"ff edit {ref}#N ...",
        )
    corrected = correct_idea(path, ref, cleaned, config.value("owner") or "unknown")
    if as_json:
        print_json(corrected.idea)
    journal_view.idea_corrected(corrected.idea, corrected.made, cleaned, quiet=as_json)


def _correct_iteration(
    path: Path, ref: str, number: int, given: dict[str, Any], use_editor: bool, as_json: bool
) -> None:
    from ff import config
    from ff.journal.iterations import edit as edit_iteration
    from ff.journal.reading import find_idea, pick_iteration
    from ff.terminal import console, journal_view
    from ff.terminal.iteration_form import edited_fields

    idea = find_idea(path, ref)
    current = pick_iteration(idea, number)
    changes = edited_fields(idea, current, given, use_editor)
    updated = edit_iteration(path, ref, number, changes, config.value("owner") or "unknown")
    if as_json:
        print_json(updated)
    if updated.get("edited") == current.get("edited"):  # every correction is noted
        console.note(
            f"Nothing was changed: iteration {number} of idea {idea['ref']} already says that."
        )
    elif not as_json:
        journal_view.logged(updated, idea, verb="Corrected")
