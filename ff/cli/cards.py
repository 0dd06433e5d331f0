"""``ff cards``: list, show, validate, test, draw and start cards."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from ff.cli.calls import print_json
from ff.cli.options import Force, Output
from ff.cli.typer_app import COMMANDS, Group, app, complete_card, journal_path

cards_app = typer.Typer(
    cls=Group,
    help=COMMANDS["cards"][1],
    no_args_is_help=True,
)
app.add_typer(cards_app, name="cards")


def _lang_option() -> Any:
    return typer.Option(
        None,
        "--lang",
        metavar="CODE",
        help="Show the card in this language, e.g. cy (default: $FF_LANG, the config "
        "file, else the card's own).",
    )


def _language(given: str | None) -> str | None:
    from ff import config

    return config.language(given)


def _card_argument() -> Any:
    return typer.Argument(
        ...,
        metavar="CARD",
        help="A card id or a path to a .yaml file.",
        autocompletion=complete_card,
    )


@cards_app.command("list")
def list_cards(
    lang: str | None = _lang_option(),
    as_json: bool = typer.Option(False, "--json", help="Print the cards as a JSON list."),
) -> None:
    """Every card ff can find by id: its title, version, and where it was found.

    Cards come from the folders in $FF_CARDS, then the config's cards_dir, then
    those shipped with ff; a card id found twice is the first one's (it shadows
    the others).

    \b
    Examples:
      ff cards list
      ff cards list --lang cy
    """
    from ff.cards.describe import list_cards as listing
    from ff.cards.sources import missing_folders
    from ff.terminal import cards_view

    listed = listing(_language(lang))
    if as_json:
        print_json([item.json() for item in listed])
    else:
        cards_view.card_list(listed, missing_folders())


@cards_app.command("show")
def show_card(
    card: str = _card_argument(),
    lang: str | None = _lang_option(),
    as_json: bool = typer.Option(False, "--json", help="Print the parsed card as JSON."),
) -> None:
    """The card's questions, answers, flags and where each answer leads, in words.

    \b
    Examples:
      ff cards show fail-fast-fail-forward
      ff cards show my-card.yaml --lang cy --plain
    """
    from ff.cards.describe import card_json
    from ff.cards.languages import language_notes
    from ff.cards.loading import find_card
    from ff.terminal import cards_view, console

    language = _language(lang)
    found = find_card(card, language)
    for line in language_notes(found, language):
        console.note(line)
    if as_json:
        print_json(card_json(found))
    else:
        cards_view.card(found)


@cards_app.command("validate")
def validate_cards(
    paths: list[str] = typer.Argument(
        None, metavar="[PATH]...", help="Card files or ids (default: every card ff can find)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the problems as JSON."),
) -> None:
    """Check cards and report every problem, each as file:line:column. Exit 1 if any.

    \b
    Examples:
      ff cards validate
      ff cards validate my-card.yaml
    """
    from ff.cards.examples import validate
    from ff.terminal import cards_view

    results = validate(paths or [])
    if as_json:
        print_json({"valid": all(r.card for r in results), "cards": [r.json() for r in results]})
    else:
        cards_view.card_problems(results)
    raise typer.Exit(0 if all(r.card for r in results) else 1)


@cards_app.command("test")
def test_cards(
    paths: list[str] = typer.Argument(
        None, metavar="[PATH]...", help="Card files or ids (default: every card ff can find)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the results as JSON."),
) -> None:
    """Run each card's tests: examples, and report outcomes no example reaches. Exit 1
    if any example fails, any outcome is unreached, or a card cannot be read.

    \b
    Examples:
      ff cards test
      ff cards test my-card.yaml
    """
    from ff.cards.examples import run_tests
    from ff.terminal import cards_view

    results = run_tests(paths or [])
    if as_json:
        print_json(
            {
                "passed": all(r.passed for r in results),
                "cards": [
                    {
                        **r.json(),
                        "passed": r.passed,
                        "examples": [e.json() for e in r.examples],
                        "unreached_outcomes": list(r.unreached),
                    }
                    for r in results
                ],
            }
        )
    else:
        cards_view.card_tests(results)
    raise typer.Exit(0 if all(r.passed for r in results) else 1)


@cards_app.command("graph")
def graph_card(
    ctx: typer.Context,
    card: str = _card_argument(),
    format_: str = typer.Option(
        "mermaid",
        "--format",
        "-f",
        metavar="FORMAT",
        help="mermaid (default), dot, or svg (needs Graphviz).",
    ),
    output: Output = None,
    force: Force = False,
    lang: str | None = _lang_option(),
) -> None:
    """The card's flow as a diagram: questions, outcomes coloured by level, and
    arrows labelled with the answers that lead there.

    \b
    Examples:
      ff cards graph fail-fast-fail-forward
      ff cards graph my-card.yaml --format svg --output card.svg
    """
    from ff.cards.graph import FORMATS, draw
    from ff.cards.languages import language_notes
    from ff.cards.loading import find_card
    from ff.errors import UsageError
    from ff.terminal import console

    name = format_.strip().lower()
    if name not in FORMATS:
        raise UsageError(
            f"--format {format_!r} is not known.", hint=f"Formats: {', '.join(FORMATS)}."
        )
    language = _language(lang)
    found = find_card(card, language)
    target = _output_target(ctx, output, force, Path(found.file))
    for line in language_notes(found, language):
        console.note(line)
    _write(draw(found, name), output, target)


@cards_app.command("new")
def new_card(
    ctx: typer.Context,
    name: str = typer.Argument(
        ..., metavar="ID", help="The new card's id: lower-case letters, digits, - or _."
    ),
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        metavar="PATH",
        help="File or folder to write to (default: the first card folder: $FF_CARDS, "
        "else the config's cards_dir).",
    ),
    force: bool = typer.Option(False, "--force", help="Replace the file if it exists."),
) -> None:
    """Write a small, valid, commented card with tests, to edit into your own policy.

    \b
    Examples:
      ff cards new youth-services
      ff cards new youth-services --output cards/
    """
    from ff.cards.loading import is_card_id, parse_card
    from ff.cards.template import new_card_path, new_card_text
    from ff.errors import UsageError
    from ff.terminal import console

    if not is_card_id(name):
        raise UsageError(
            f"{name!r} cannot be a card id.",
            hint="Use lower-case letters, digits, - or _, e.g. ff cards new youth-services",
        )
    path = new_card_path(name, output)
    target = _output_target(ctx, path, force)
    shown = str(path) if target is not None else f"{name}.yaml"  # -o -: as it will be saved
    text = new_card_text(name, shown)
    parse_card(text, shown, expect_id=name)  # never write a card that would not load
    _write(text, path, target)
    if target is not None:
        console.note(f"Next: edit it, then ff cards validate {path} and ff cards test {path}.")


def _output_target(
    ctx: typer.Context, output: Path | None, force: bool, *protected: Path
) -> Path | None:
    """Where -o writes (None: standard output), checked before any work; never over
    the card being read, the journal or the config file."""
    if output is None:
        return None
    from ff.files import check_output
    from ff.paths import config_path

    ff_files = (*protected, journal_path(ctx, None), config_path())
    return check_output(
        output, force, ff_files, being_read="ff's own files (the card, the journal, the config)"
    )


def _write(text: str, output: Path | None, target: Path | None) -> None:
    if output is None or target is None:
        typer.echo(text, nl=False)
        return
    from ff.files import atomic_write
    from ff.terminal import console

    atomic_write(target, text.encode("utf-8"))
    console.note(f"Wrote {output}")
