"""What a command does once its options are read, as plain functions: the Typer
commands call them, and so does ff.cli.quick, which reads the commonest calls
without Typer. Nothing here imports Typer."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ff.errors import UsageError

if TYPE_CHECKING:
    from ff.check.run import Asking


def chosen_journal(before: Path | None, after: Path | None) -> Path:
    """The journal: ``--journal`` after the command, else before it, else the
    environment, the config file, the default (ff.config.journal)."""
    from ff.config import journal

    if before is not None and after is not None:
        one_journal(before, after)
    return journal(after or before)


def journals_read(before: Path | None, given: list[Any]) -> list[Any]:
    """What a lead's command reads: the journals, folders and patterns given after the
    command, else the one journal (``chosen_journal``). ``--journal`` before the command
    as well is refused unless it names the same file, as for every other command."""
    if not given:
        return [chosen_journal(before, None)]
    if before is not None:
        for spec in given:
            one_journal(before, Path(spec))
    return given


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
    """``data`` as indented JSON on stdout. Commands that read a journal have msgspec
    loaded: its encoder is written in C, where the standard library's indenting one is
    Python (3.5 s for the summary of 100,000 iterations). The two write the same JSON,
    but for how a number with an exponent is spelt (1e-7, 1e-07). A large report's
    learnings are read back one by one, and written as they are (see json_export)."""
    if "msgspec" in sys.modules:
        _print_by_msgspec(data)
    else:
        import json

        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
    sys.stdout.write("\n")
    sys.stdout.flush()


def _print_by_msgspec(data: Any) -> None:
    """``data`` as msgspec's indented JSON, a piece at a time (its long lists an
    element at a time: ``ff summary --json`` of a million iterations held 2.4 GB so
    encoded whole): UTF-8 written as it is, or as text where standard output takes
    only text (or the pieces are text: lazy sequences inside)."""
    from contextlib import closing

    from ff.reporting.exporters import text_of
    from ff.reporting.exporters.json_export import streamed

    out = getattr(sys.stdout, "buffer", None)  # (none: a stream of text only)
    text_held = True  # (whatever was printed before)
    with closing(streamed(data)) as pieces:  # (see report_calls._closing)
        for piece in pieces:
            if out is not None and type(piece) is bytes:
                if text_held:  # the text layer's, written out first: order kept
                    sys.stdout.flush()
                    text_held = False
                out.write(piece)
            else:
                sys.stdout.write(text_of(piece))
                text_held = True


def interactive() -> bool:
    """May ff ask questions? Only when a person is at a terminal."""
    return sys.stdin.isatty()


def iteration_fields(given: dict[str, Any]) -> dict[str, Any]:
    """The iteration's fields as the journal names them (None where not given), from
    the options of ``ITERATION_FIELDS`` (ff.cli.options) by their names."""
    fields = {name: value for name, value in given.items() if name not in ("with_", "tag")}
    fields["with"] = given["with_"] or None
    fields["tags"] = given["tag"] or None
    return fields


def list_ideas(path: Path, filters: dict[str, Any], search: str | None, as_json: bool) -> None:
    """``ff ideas``."""
    from ff.dates import today
    from ff.journal.filters import build_filter, select
    from ff.journal.reading import all_ideas
    from ff.memory import collector_paused, keep

    chosen = build_filter(**filters, search=search, today=today())
    with collector_paused():  # see there: every record is read, and they hold no cycles
        found = select(all_ideas(path, whole=as_json), chosen)
    keep(found)  # the ff command leaves without freeing it (see ff.memory)
    if as_json:
        print_json(found)
        return
    from ff.terminal import console, journal_view

    if not found:
        console.note(
            f"No ideas match in {path}."
            if chosen != type(chosen)()
            else f'No ideas yet in {path}. Run: ff check "Your idea"'
        )
        return
    journal_view.ideas(found)


def show_idea(path: Path, ref: str, as_json: bool) -> None:
    """``ff show REF``."""
    from ff.journal.reading import find_idea

    record = find_idea(path, ref)
    if as_json:
        print_json(record)
        return
    from ff.terminal import journal_view

    journal_view.idea(record)


def log_iteration(
    path: Path, ref: str, given: dict[str, Any], edit: bool, force: bool, as_json: bool
) -> None:
    """``ff log REF``: ``given``, the iteration's fields as options gave them."""
    from ff import config
    from ff.dates import today
    from ff.journal.iterations import complete_fields, log
    from ff.terminal import console, journal_view

    if edit or interactive():
        from ff.terminal.iteration_form import approve_or_force, gather_fields

        idea, force = approve_or_force(path, ref, force)
        gathered = gather_fields(idea, given, edit)
    else:  # a script: nothing is asked, so the journal is read once, under its lock
        gathered = complete_fields(given, today())
    author = config.value("owner") or "unknown"
    logged = log(path, ref, gathered, author, force)
    if as_json:
        print_json(logged.iteration)
    else:
        journal_view.logged(logged.iteration, logged.idea)
    if logged.moved_to:
        console.note(f"Idea {logged.idea['ref']} is now {logged.moved_to}.")
    if logged.suggested:
        console.note(f"Your decision suggests: ff status {logged.idea['ref']} {logged.suggested}")


def check_idea(path: Path, title: str | None, given: Mapping[str, Any], as_json: bool) -> int:
    """``ff check``, with ``given`` its options by name (card, answer, answers_file,
    owner, team, tag, lang, date, dry_run); its exit code (0 go ahead, 3 talk to your
    manager first, 4 stop)."""
    from ff.cards.languages import language_notes
    from ff.check.run import CheckRequest, asked_language, load_card, run_check
    from ff.light import replace

    request = CheckRequest(
        title=title,
        card=given["card"],
        answer_options=given["answer"],
        answers_file=given["answers_file"],
        owner=given["owner"],
        team=given["team"],
        tags=given["tag"],
        dry_run=given["dry_run"],
        journal=path,
        language=given["lang"],
        date=given["date"],
    )
    from ff.terminal import console, decision_view
    from ff.terminal.catalogue import review_notes, words
    from ff.terminal.decision_text import next_commands

    chosen = load_card(request)
    if not request.answer_options and request.answers_file is None and interactive():
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
    return int(result.exit_code)


def _asking(language: str) -> Asking:
    """In a terminal: the title, then the card's questions, asked one at a time, with
    ff's own words in the card's language."""
    from functools import partial

    from ff.check.run import Asking
    from ff.terminal.prompts import ask_title, interview

    return Asking(title=partial(ask_title, language=language), answers=interview)
