"""``ff summary`` and ``ff export`` once their options are read, as plain functions:
the Typer commands (ff.cli.summary) call them, and ff.cli.quick calls ``show_summary``
without Typer. Nothing here imports Typer."""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import AbstractContextManager, closing, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ff.cli.calls import journals_read, print_json
from ff.light import dataclass

if TYPE_CHECKING:
    from ff.journal.records import Fields
    from ff.reporting.collect import Collection
    from ff.reporting.figures import Period
    from ff.reporting.fold import Fold
    from ff.reporting.kept import Kept
    from ff.reporting.looking import Looker, Seen

    Chooser = Callable[[dict[str, Any]], dict[str, Any]]  # an idea chosen, chosen again

# The filters an export names in its report, in this order (pinned by tests).
REPORT_FILTER_KEYS = ("status", "level", "team", "owner", "tag", "idea", "since", "until")


@dataclass(frozen=True)
class Wanted:
    """What a report needs worked out and read."""

    figures: bool = True  # the summary's figures (a format that shows none: not)
    fields: Fields = "known"  # what is read of each record (see ff.journal.records)
    learnings_of: int | None = None  # the learnings of so many ideas (None: every one)
    table: bool = False  # a table of the ideas (HTML and Markdown)
    title: str | None = None
    in_order: bool = True  # each idea's iterations in order (CSV orders its own)


def gather(
    before: Path | None,
    filters: dict[str, Any],
    sources: dict[str, Any],
    wanted: Wanted | None = None,
) -> tuple[dict[str, Any], int, list[str]]:
    """The export report for the options given, and the exit code it deserves.

    The journals are read one by one: each idea is chosen, and what it adds to the
    figures worked out, as its journal is read; the figures are added up in the ideas'
    order once all are read. Large journals' ideas wait in a temporary file (see
    ff.reporting.kept), and the report's ideas and learnings are read back from it
    one by one as the report is written."""
    from ff.dates import iso, now_utc, today
    from ff.journal.filters import build_filter
    from ff.reporting.exporters import build_report
    from ff.reporting.figures import Period, chooser, figures
    from ff.reporting.looking import Looker
    from ff.terminal import console

    wanted = wanted or Wanted()
    chosen = build_filter(**filters, today=today())
    period = Period(chosen.since, chosen.until)
    again = cast("Chooser", chooser(chosen, sources["idea"]))  # (chosen once: again)
    paths, kept = _journals_and_where_kept(before, sources, as_json=wanted.fields == "every")
    fold = _fold(kept, period, again)
    in_order = wanted.in_order or wanted.figures  # (the figures count them in order)
    look = Looker(chosen, sources["idea"], wanted.figures, wanted.table, not kept.on_disk, in_order)
    collection = _collected(paths, sources, wanted.fields, look, kept)
    looks: list[tuple[Any, Seen]] = collection.looks
    if kept.on_disk:  # each part finds its idea by its handle
        looks = [(handle, _found_by(seen, handle)) for handle, seen in looks]
    for _, seen in looks:  # in the ideas' order, newest first
        if seen.part is not None:
            fold.count(seen.part)
    summary = (
        figures(fold, period, service_users(), wanted.learnings_of, when_read=True)
        if wanted.figures
        else {}
    )
    ideas = _ideas(looks, kept, again, period)
    named = {**filters, "idea": sources["idea"]}
    report = build_report(
        summary,
        ideas,
        generated=iso(now_utc()),
        journals=collection.names,  # names, not paths: exports are shared
        problems=collection.problems,
        filters={key: named[key] for key in REPORT_FILTER_KEYS},
        title=wanted.title,
    )
    for problem in collection.problems:
        console.note(f"Not included: {problem}")
    return report, 1 if collection.problems else 0, collection.names


def _fold(kept: Kept, period: Period, again: Chooser) -> Fold:
    """What will add up the figures: with ideas kept on disk, each idea is read back
    when its learnings are written (with only what they show, for JSON)."""
    from ff.reporting.fold import Fold, LearnedIdea

    if not kept.on_disk:
        return Fold()
    learned = period.only_in  # (chosen already: only its iterations to choose)
    return Fold(
        lambda handle: again(kept.get(handle)),
        kept.flush,
        lambda handle: learned(kept.get_as(handle, LearnedIdea)),
    )


def _ideas(looks: list[tuple[Any, Seen]], kept: Kept, again: Chooser, period: Period) -> Any:
    """The report's ideas, in order: a list, or read back one by one from disk."""
    if not kept.on_disk:
        return [seen.shown for _, seen in looks]
    from ff.reporting.kept import Ideas

    handles = [handle for handle, _ in looks]
    ids = {seen.id: handle for handle, seen in looks}
    rows = [seen.row for _, seen in looks]
    return Ideas(kept, handles, ids, again, rows, as_kept=period.open)


def _found_by(seen: Seen, handle: Any) -> Seen:
    """What a report keeps of an idea kept on disk: its part finds it by its handle."""
    return seen if seen.part is None else seen._replace(part=seen.part._replace(source=handle))


def _journals_and_where_kept(
    before: Path | None, sources: dict[str, Any], as_json: bool
) -> tuple[list[Path], Kept]:
    """The journals the options name (none: the default journal, if there is one), and
    where their ideas are kept while the report is made: on disk when there are several
    and they are large."""
    from ff.reporting.collect import expand
    from ff.reporting.kept import Kept, on_disk_over

    paths = expand(journals_read(before, sources["journal"]))
    if not sources["journal"] and not paths[0].exists():
        return [], Kept(on_disk=False)
    # One journal is held whole as it is read, kept on disk or not: only journals'
    # ideas kept while the others are read are worth the writing and reading back.
    on_disk = len(paths) > 1 and sum(map(_size, paths)) > on_disk_over()
    return paths, Kept(on_disk, as_json)  # (as JSON for the JSON export, see there)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # (named when it is read)
        return 0


def _collected(
    paths: list[Path],
    sources: dict[str, Any],
    fields: Fields,
    look: Looker,
    kept: Kept,
) -> Collection:
    """The journals read, with a progress bar in a terminal; when they are large and
    many, in other processes (see ff.reporting.parallel)."""
    from ff.memory import letting_go
    from ff.reporting.collect import collect
    from ff.terminal import summary_view

    progress = summary_view.Progress("Reading journals")
    try:
        with letting_go() if kept.on_disk else nullcontext():
            return collect(
                paths,
                strict=sources["strict"],
                progress=progress,
                fields=fields,
                look=look,
                kept=kept,
                workers=_workers(paths) if kept.on_disk else 0,
            )
    finally:
        progress.close()


def _workers(paths: list[Path]) -> int:
    from ff.reporting.processes import workers_for

    return workers_for(len(paths))


def service_users() -> list[str]:
    """The council's own words for the people who use the service (the service_users
    setting). A config file that cannot be read is named, and ff's own words used."""
    from ff.config import value
    from ff.errors import FFError
    from ff.reporting.people import parse_groups
    from ff.terminal import console

    try:
        return parse_groups(value("service_users"))
    except FFError as problem:
        console.note(f"{problem.message} Counting only ff's own words for who uses the service.")
        return []


def summary_fields(filters: dict[str, Any]) -> Fields:
    """What ``ff summary`` reads of each iteration: only what its figures and learnings
    read (SUMMARY_READS), unless the iterations' tags are looked at (``--tag``)."""
    return "known" if filters.get("tag") else "figures"


# The terminal shows the learnings of the newest 50 ideas (--all: every one).
SHOWN = 50


def show_summary(
    before: Path | None,
    filters: dict[str, Any],
    sources: dict[str, Any],
    show_all: bool,
    as_json: bool,
) -> int:
    """``ff summary``; the exit code it deserves (1 if a journal could not be read)."""
    from ff.memory import collector_paused, keep
    from ff.terminal import summary_view

    with collector_paused():  # see there: the records are many, and hold no cycles
        shown = None if as_json or show_all else SHOWN  # the learnings of so many ideas
        wanted = Wanted(fields=summary_fields(filters), learnings_of=shown)
        report, code, names = gather(before, filters, sources, wanted)
        if as_json:
            print_json(report["summary"])
        elif not report["summary"]["ideas"]:
            from ff.reporting.exporters.common import nothing_yet

            for line in nothing_yet(report):
                summary_view.nothing(line)
        else:
            summary_view.summary(report["summary"], names, shown)
    keep(report)  # the ff command leaves without freeing it (0.1 s for 100,000 iterations)
    return code


def export_report(
    before: Path | None,
    ref: str | None,
    format_: str,
    output: Path | None,
    force: bool,
    title: str | None,
    filters: dict[str, Any],
    sources: dict[str, Any],
) -> int:
    """``ff export``; the exit code it deserves (1 if a journal could not be read)."""
    from ff.errors import UsageError
    from ff.memory import collector_paused
    from ff.reporting.exporters import REGISTRY, exporter_in_pieces
    from ff.terminal import console

    name = format_.strip().lower()
    if name not in REGISTRY:
        raise UsageError(f"--format {format_!r} is not known.", hint=f"Formats: {_format_help()}.")
    if ref is not None:
        sources = {**sources, "idea": [ref, *sources["idea"]]}
    if title is not None:
        from ff.text import clean_text

        title = clean_text(title, "title")
    target = None
    if output is not None:
        from ff.files import check_output
        from ff.reporting.collect import expand

        journals = expand(journals_read(before, sources["journal"]))
        target = check_output(output, force, journals, being_read="the journals being exported")
    with collector_paused():  # see there: the records are many, and hold no cycles
        about = REGISTRY[name]
        wanted = Wanted(
            about.needs_figures,
            about.fields,
            title=title,
            table=about.table,
            in_order=about.in_order,
        )
        report, code, _ = gather(before, filters, sources, wanted)
        pieces = exporter_in_pieces(name)(report)
        del report  # (what the pieces are made from is theirs: let go as they go)
        with _closing(pieces):  # stopped half way (Ctrl-C): other processes end at once
            _write(pieces, target)
    if target is not None:
        console.note(f"Wrote {output}")
    return code


def _write(pieces: Iterable[str | bytes], target: Path | None) -> None:
    """The export's text to ``target``, atomically, or to standard output (no -o, or
    -o -); in a terminal, with user text made inert."""
    if target is not None:
        from ff.files import atomic_write

        atomic_write(target, _encoded(pieces))
        return
    import sys

    if sys.stdout.isatty():  # shown, not stored: user text must not drive the terminal
        from ff.reporting.exporters import text_of
        from ff.reporting.exporters.screen import for_terminal

        pieces = map(for_terminal, map(text_of, pieces))
    for chunk in _encoded(pieces):  # bytes: CSV's CRLF stays as it is
        sys.stdout.buffer.write(chunk)
    sys.stdout.flush()


def _closing(pieces: Iterable[str | bytes]) -> AbstractContextManager[Any]:
    """Close a generator of pieces however its writing ends: the processes making its
    pieces are ended with it (see ff.reporting.processes), not left to the end of ff."""
    return closing(pieces) if isinstance(pieces, Generator) else nullcontext()


def _format_help() -> str:
    from ff.reporting.exporters import REGISTRY

    return "; ".join(f"{name}: {about.description}" for name, about in REGISTRY.items())


def _encoded(pieces: Iterable[str | bytes], size: int = 1 << 20) -> Iterator[bytes]:
    """The pieces as UTF-8, about a megabyte at a time (a large export is never encoded
    whole, nor made whole: the pieces are made as they are written); a piece given as
    UTF-8 already (bytes) is written as it is."""
    batch: list[bytes] = []
    held = 0
    for piece in pieces:
        if isinstance(piece, bytes):
            if held + len(piece) < size:
                batch.append(piece)
                held += len(piece)
                continue
            if batch:
                yield b"".join(batch)
                batch, held = [], 0
            yield piece  # (not copied into a batch)
            continue
        for start in range(0, len(piece), size):
            data = piece[start : start + size].encode("utf-8")
            batch.append(data)
            held += len(data)
            if held >= size:
                yield b"".join(batch)
                batch, held = [], 0
    if batch:
        yield b"".join(batch)
