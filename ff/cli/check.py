"""``ff check``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from ff.cli.calls import interactive, print_json
from ff.cli.options import Journal
from ff.cli.typer_app import app, complete_card, journal_path

if TYPE_CHECKING:
    from ff.check.run import Asking


def _asking(language: str) -> Asking:
    """In a terminal: the title, then the card's questions, asked one at a time, with
    ff's own words in the card's language."""
    from functools import partial

    from ff.check.run import Asking
    from ff.terminal.prompts import ask_title, interview

    return Asking(title=partial(ask_title, language=language), answers=interview)


@app.command()
def check(
    ctx: typer.Context,
    title: str | None = typer.Argument(None, help="A short title for the idea."),
    card: str | None = typer.Option(
        None,
        "--card",
        metavar="ID|PATH",
        help="Card id or path to a card file (default: $FF_CARD, the config "
        "file, else fail-fast-fail-forward).",
        autocompletion=complete_card,
    ),
    answer: list[str] = typer.Option(
        [], "--answer", "-a", metavar="QUESTION=VALUE", help="An answer; repeat for each."
    ),
    answers_file: str | None = typer.Option(
        None, "--answers", metavar="FILE", help="Answers in a YAML or JSON file ('-': stdin)."
    ),
    owner: str | None = typer.Option(None, "--owner", metavar="NAME", help="Who owns the idea."),
    team: str | None = typer.Option(None, "--team", metavar="NAME", help="The owner's team."),
    tag: list[str] = typer.Option([], "--tag", metavar="TAG", help="A tag; repeat for more."),
    lang: str | None = typer.Option(
        None,
        "--lang",
        metavar="CODE",
        help="Ask in this language, e.g. cy for Welsh (default: $FF_LANG, the config "
        "file, else the card's own); texts the card lacks are shown in its own language.",
    ),
    date: str | None = typer.Option(
        None,
        "--date",
        metavar="DATE",
        help="When the idea was checked, if on an earlier day: DD/MM/YYYY (day first), "
        "YYYY-MM-DD or yesterday; not in the future (default now).",
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show the decision; record nothing."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as one JSON object."),
    journal: Journal = None,
) -> None:
    """Check a new idea against a card: may you go ahead without approval?

    In a terminal the questions are asked one at a time. With --answer or
    --answers, or without a terminal, every answer must be given. Exit code:
    0 go ahead, 3 talk to your manager first, 4 stop, 2 bad input, 1 error.

    \b
    Examples:
      ff check "Saturday drop-in for dads"
      ff check "Coffee morning" --team "Family support" --answers answers.yaml
    """
    from dataclasses import replace

    from ff.cards.languages import language_notes
    from ff.check.run import CheckRequest, asked_language, load_card, run_check
    from ff.terminal import console, decision_view
    from ff.terminal.catalogue import review_notes, words
    from ff.terminal.decision_text import next_commands

    request = CheckRequest(
        title=title,
        card=card,
        answer_options=answer,
        answers_file=answers_file,
        owner=owner,
        team=team,
        tags=tag,
        dry_run=dry_run,
        journal=journal_path(ctx, journal),
        language=lang,
        date=date,
    )
    chosen = load_card(request)
    if not answer and answers_file is None and interactive():
        request = replace(request, asking=_asking(chosen.language))
    for line in language_notes(chosen, asked_language(request)):
        console.note(line)
    if not as_json:
        for line in review_notes(chosen.language):
            console.note(line)
    result = run_check(request, chosen)
    say = words(chosen.language)  # ff's own words in the card's language, where it has them
    if result.journal_created:
        console.note(say("Started a new journal at {journal}", journal=result.journal))
    if as_json:
        print_json(result.json())
    else:
        decision_view.decision(result.record, chosen.language)
    if result.recorded:
        console.note(
            say("Recorded as {ref} in {journal}", ref=result.record["ref"], journal=result.journal)
        )
        for line in next_commands(result.record, say):
            console.note(line)
    raise typer.Exit(int(result.exit_code))
