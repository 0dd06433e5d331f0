"""Journal commands: ideas, show, log, status, edit, delete, merge."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from ff.cli.app import (
    app,
    complete_ref,
    confirm,
    interactive,
    journal_option,
    journal_path,
    print_json,
)
from ff.errors import UsageError

REF_HELP = "The idea's ref (or the start of it)."
ITERATION_REF_HELP = "The idea's ref and the iteration's number, e.g. abc123#2."


@app.command()
def ideas(
    ctx: typer.Context,
    status: list[str] = typer.Option([], "--status", help="Only ideas with this status."),
    level: list[str] = typer.Option([], "--level", help="Only go, caution, approval or stop."),
    team: list[str] = typer.Option([], "--team", help="Only this team's ideas."),
    owner: list[str] = typer.Option([], "--owner", help="Only this owner's ideas."),
    tag: list[str] = typer.Option([], "--tag", help="Only ideas (or iterations) with this tag."),
    since: str | None = typer.Option(
        None,
        "--since",
        help="Checked on or after: YYYY-MM-DD, today, yesterday, or 30d, 12w, 6m back.",
    ),
    until: str | None = typer.Option(None, "--until", help="Checked on or before (as --since)."),
    search: str | None = typer.Option(None, "--search", help="Text in titles and learnings."),
    as_json: bool = typer.Option(False, "--json", help="Print the ideas as a JSON list."),
    journal: Path | None = journal_option(),
) -> None:
    """List the ideas in the journal, newest first. Filters can be repeated and combined."""
    from ff.collector import collector_paused
    from ff.filters import build_filter, select
    from ff.journal import all_ideas, today

    chosen = build_filter(
        status=status,
        level=level,
        team=team,
        owner=owner,
        tag=tag,
        since=since,
        until=until,
        search=search,
        today=today(),
    )
    path = journal_path(ctx, journal)
    with collector_paused():  # see there: every record is read, and they hold no cycles
        found = select(all_ideas(path), chosen)
    if as_json:
        print_json(found)
        return
    from ff import render

    if not found:
        render.note(
            f"No ideas match in {path}."
            if chosen != type(chosen)()
            else f'No ideas yet in {path}. Run: ff check "Your idea"'
        )
        return
    render.ideas(found)


@app.command(short_help="Show one idea: decision, history, iterations.")
def show(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help=REF_HELP, autocompletion=complete_ref),
    as_json: bool = typer.Option(False, "--json", help="Print the idea as JSON."),
    journal: Path | None = journal_option(),
) -> None:
    """Show one idea: its decision, its status history and its iterations."""
    from ff.journal import find_idea

    record = find_idea(journal_path(ctx, journal), ref)
    if as_json:
        print_json(record)
        return
    from ff import render

    render.idea(record)


def _field_options(options: dict[str, Any]) -> dict[str, Any]:
    """The iteration fields among a command's options (None where not given)."""
    from ff.iterations import FIELDS

    lists = {"with": "with_", "tags": "tag"}  # repeatable options, named differently
    fields = {field: options[field] for field in FIELDS if field not in lists}
    fields.update({field: options[option] or None for field, option in lists.items()})
    return fields


HYPOTHESIS = typer.Option(None, "--hypothesis", metavar="TEXT", help="We believe that…")
TEST = typer.Option(
    None, "--test", metavar="TEXT", help="To verify that, we will… (what you tried; needed)"
)
MEASURE = typer.Option(None, "--measure", metavar="TEXT", help="And measure…")
CRITERIA = typer.Option(
    None, "--criteria", metavar="TEXT", help="We are right if… (your prediction)"
)
OBSERVED = typer.Option(None, "--observed", metavar="TEXT", help="We observed…")
RESULT = typer.Option(
    None, "--result", metavar="RESULT", help="success, partial, failure or inconclusive (needed)"
)
LEARNED = typer.Option(
    None, "--learned", metavar="TEXT", help="From that we learned that… (needed)"
)
DECISION = typer.Option(
    None, "--decision", metavar="DECISION", help="adopt, adapt or abandon (PDSA's Act step)"
)
NEXT_STEP = typer.Option(None, "--next-step", metavar="TEXT", help="Therefore, we will…")
WITH = typer.Option(
    [],
    "--with",
    metavar="WHO",
    help="Who took part (families, young-people, "
    "frontline-staff, partners, or your words); repeat for more.",
)
HOURS = typer.Option(None, "--hours", metavar="N", help="Hours spent (0 or more).")
COST = typer.Option(None, "--cost", metavar="POUNDS", help="Money spent, in pounds (0 or more).")
DATE = typer.Option(
    None, "--date", metavar="DATE", help="When: YYYY-MM-DD, today or yesterday (default today)."
)
TAG = typer.Option([], "--tag", metavar="TAG", help="A tag; repeat for more.")
EDIT = typer.Option(False, "--edit", help="Write it in your editor ($VISUAL or $EDITOR).")
JSON = typer.Option(False, "--json", help="Print the stored iteration as JSON.")


@app.command(short_help="Record what you tried, the result, what you learned.")
def log(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help=REF_HELP, autocompletion=complete_ref),
    hypothesis: str | None = HYPOTHESIS,
    test: str | None = TEST,
    measure: str | None = MEASURE,
    criteria: str | None = CRITERIA,
    observed: str | None = OBSERVED,
    result: str | None = RESULT,
    learned: str | None = LEARNED,
    decision: str | None = DECISION,
    next_step: str | None = NEXT_STEP,
    with_: list[str] = WITH,
    hours: str | None = HOURS,
    cost: str | None = COST,
    date: str | None = DATE,
    tag: list[str] = TAG,
    edit_: bool = EDIT,
    force: bool = typer.Option(
        False, "--force", help="Log even though the approval the check asked for is not recorded."
    ),
    as_json: bool = JSON,
    journal: Path | None = journal_option(),
) -> None:
    """Record one iteration of an idea: what you tried, the result, what you learned.

    In a terminal, the needed fields you leave out are asked for. Without one,
    --test, --result and --learned must be given.
    """
    from ff import config, render
    from ff.iterations import log as log_iteration
    from ff.logflow import approve_or_force, gather_fields

    path = journal_path(ctx, journal)
    given = _field_options(locals())
    idea, force = approve_or_force(path, ref, force)
    fields = gather_fields(idea, given, edit_)
    author = config.value("owner") or "unknown"
    logged = log_iteration(path, ref, fields, author, force)
    if as_json:
        print_json(logged.iteration)
    else:
        render.logged(logged.iteration, logged.idea)
    if logged.moved_to:
        render.note(f"Idea {logged.idea['ref']} is now {logged.moved_to}.")
    if logged.suggested:
        render.note(f"Your decision suggests: ff status {logged.idea['ref']} {logged.suggested}")


@app.command(short_help="Record a change in an idea's life (kept as history).")
def status(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help=REF_HELP, autocompletion=complete_ref),
    state: str = typer.Argument(
        ..., help="checked, approved, prototyping, paused, adopted or abandoned."
    ),
    note: str | None = typer.Option(None, "--note", help="Why, in a few words."),
    by: str | None = typer.Option(
        None, "--by", help="Who decided (for approved: who approved it)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the status change as JSON."),
    journal: Path | None = journal_option(),
) -> None:
    """Record a change in an idea's life; earlier changes are kept as history."""
    from ff import config, render
    from ff.lifecycle import change_status, check_state

    state = check_state(state)
    path = journal_path(ctx, journal)
    if state == "approved" and not (by or "").strip() and interactive():
        from ff.interview import ask_text
        from ff.journal import find_idea
        from ff.lifecycle import check_change

        check_change(find_idea(path, ref), state)  # refuse before asking, not after
        by = ask_text("Who approved it? (name and role)", required=True)
    change, idea = change_status(
        path,
        ref,
        state,
        by=by,
        note=note,
        recorded_by=config.value("owner") or "unknown",
    )
    if as_json:
        print_json(change)
        return
    render.note(f"Idea {idea['ref']} ({idea['title']}): {idea['status']} -> {change['status']}.")


@app.command(short_help="Correct iteration N of an idea.")
def edit(
    ctx: typer.Context,
    target: str = typer.Argument(
        ..., metavar="REF#N", help=ITERATION_REF_HELP, autocompletion=complete_ref
    ),
    hypothesis: str | None = HYPOTHESIS,
    test: str | None = TEST,
    measure: str | None = MEASURE,
    criteria: str | None = CRITERIA,
    observed: str | None = OBSERVED,
    result: str | None = RESULT,
    learned: str | None = LEARNED,
    decision: str | None = DECISION,
    next_step: str | None = NEXT_STEP,
    with_: list[str] = WITH,
    hours: str | None = HOURS,
    cost: str | None = COST,
    date: str | None = DATE,
    tag: list[str] = TAG,
    edit_: bool = EDIT,
    as_json: bool = JSON,
    journal: Path | None = journal_option(),
) -> None:
    """Correct iteration N of an idea: the fields you give replace the old ones.

    --with and --tag replace the whole list. With --edit, the iteration opens in
    your editor.
    """
    from ff import config, render
    from ff.iterations import edit as edit_iteration
    from ff.journal import find_idea, parse_ref, pick_iteration
    from ff.logflow import edited_fields

    ref, number = parse_ref(target)
    if number is None:
        raise UsageError(
            f"{target!r} names an idea, not an iteration.",
            hint="Add # and the iteration's number, e.g. ff edit abc123#2 ...",
        )
    path = journal_path(ctx, journal)
    idea = find_idea(path, ref)
    current = pick_iteration(idea, number)
    given = _field_options(locals())
    changes = edited_fields(idea, current, given, edit_)
    updated = edit_iteration(path, ref, number, changes, config.value("owner") or "unknown")
    if as_json:
        print_json(updated)
    else:
        render.logged(updated, idea, verb="Corrected")


@app.command(short_help="Delete an idea, or one of its iterations.")
def delete(
    ctx: typer.Context,
    target: str = typer.Argument(
        ...,
        metavar="REF|REF#N",
        help="An idea, or one iteration of it (REF#N).",
        autocompletion=complete_ref,
    ),
    yes: bool = typer.Option(False, "--yes", help="Do not ask for confirmation."),
    journal: Path | None = journal_option(),
) -> None:
    """Delete an idea (with its iterations and history) or one iteration, from the file."""
    from ff import render
    from ff.iterations import delete_idea, delete_iteration
    from ff.journal import find_idea, parse_ref, pick_iteration

    ref, number = parse_ref(target)
    path = journal_path(ctx, journal)
    idea = find_idea(path, ref)
    if number is None:
        what = (
            f"idea {idea['ref']} ({idea['title']}) with its {len(idea['iterations'])} "
            "iteration(s) and its history"
        )
    else:
        pick_iteration(idea, number)
        what = f"iteration {number} of idea {idea['ref']} ({idea['title']})"
    confirm(
        f"Delete {what}? This cannot be undone.",
        yes=yes,
        script_hint="Add --yes to delete without being asked.",
    )
    if number is None:
        delete_idea(path, idea["id"])
    else:
        delete_iteration(path, idea["id"], number)
    render.note(f"Deleted {what} from {path}.")


@app.command(short_help="Bring in another journal's ideas and iterations.")
def merge(
    ctx: typer.Context,
    others: list[Path] = typer.Argument(..., metavar="OTHER.json...", help="Journals to bring in."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    journal: Path | None = journal_option(),
) -> None:
    """Bring every idea, iteration and status change from other journals into this one.

    Records are matched by id, so merging twice adds nothing the second time. A
    record changed on both sides is reported and this journal's copy kept
    (exit 1).
    """
    from ff import render
    from ff.merge import merge as merge_journals

    path = journal_path(ctx, journal)
    for other in others:
        if not other.is_file():
            raise UsageError(f"There is no journal at {other}.", hint="Check the path.")
    report = merge_journals(path, others)
    if as_json:
        print_json(report.json())
    else:
        render.merged(report.json(), path)
    if report.conflicts:
        raise typer.Exit(1)
