"""``ff check``."""

from __future__ import annotations

import typer

from ff.cli.calls import check_idea
from ff.cli.options import Journal
from ff.cli.typer_app import app, complete_card, journal_path


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
    given = {
        "card": card,
        "answer": answer,
        "answers_file": answers_file,
        "owner": owner,
        "team": team,
        "tag": tag,
        "lang": lang,
        "date": date,
        "dry_run": dry_run,
    }
    raise typer.Exit(check_idea(journal_path(ctx, journal), title, given, as_json))
