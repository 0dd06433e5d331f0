"""The commonest calls, read without Typer: ``ff check``, ``ff show REF``, ``ff
ideas``, ``ff summary``, ``ff export`` and a scripted ``ff log REF --test ...
--result ... --learned ...``, with their own options in their usual forms.

Importing Typer (with its Click) and building a command took about half of the time
of ``ff show`` on a journal of 1,000 iterations (35 of 66 ms). A call in one of these
forms is read here and run by the very functions the Typer commands run
(ff.cli.calls), with the same messages and exit codes. Anything else goes to Typer,
which reads and explains it: help, an option not listed here or given twice, a
short option (but export's ``-f`` and ``-o``), ``--``, ``--opt=value`` forms, a value
that starts with "-" (``-o -`` too), an argument too long or not UTF-8 (refused by
Typer's path, naming its option).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ff.journal.fields import FIELDS
from ff.light import dataclass, field
from ff.text import MAX_NAME, not_utf8


@dataclass(frozen=True)
class Form:
    """The options a command is read with here: flags, options with one value, and
    options that may be repeated (each a list); and how many arguments it takes."""

    arguments: tuple[int, int]  # at least, at most
    flags: dict[str, str] = field(default_factory=dict)  # --json: as_json
    values: dict[str, str] = field(default_factory=dict)  # --test: test
    lists: dict[str, str] = field(default_factory=dict)  # --with: with_
    short: dict[str, str] = field(default_factory=dict)  # -f: --format
    needed: tuple[str, ...] = ()  # options without which Typer says what is missing


# The iteration's fields given once each (--with and --tag may be repeated).
_ITERATION = {
    f"--{name.replace('_', '-')}": name for name in FIELDS if name not in ("with", "tags")
}
_FILTERS = {f"--{name}": name for name in ("status", "level", "team", "owner", "tag")}
FORMS = {
    "check": Form(
        (0, 1),
        {"--json": "as_json", "--dry-run": "dry_run"},
        {
            "--card": "card",
            "--answers": "answers_file",
            **{f"--{name}": name for name in ("owner", "team", "lang", "date")},
        },
        {"--answer": "answer", "--tag": "tag"},
    ),
    "show": Form((1, 1), {"--json": "as_json"}),
    "ideas": Form(
        (0, 0),
        {"--json": "as_json"},
        {"--search": "search", "--since": "since", "--until": "until"},
        _FILTERS,
    ),
    "summary": Form(
        (0, 0),
        {"--json": "as_json", "--all": "show_all", "--strict": "strict"},
        {"--since": "since", "--until": "until"},
        {**_FILTERS, "--idea": "idea", "--journal": "journal"},
    ),
    "export": Form(
        (0, 1),
        {"--force": "force", "--strict": "strict"},
        {
            "--format": "format_",
            "--output": "output",
            "--title": "title",
            "--since": "since",
            "--until": "until",
        },
        {**_FILTERS, "--idea": "idea", "--journal": "journal"},
        short={"-f": "--format", "-o": "--output"},
        needed=("format_",),
    ),
    "log": Form(
        (1, 1),
        {"--json": "as_json", "--force": "force"},
        _ITERATION,
        {"--with": "with_", "--tag": "tag"},
    ),
}


@dataclass
class Call:
    """A call as read here: the command, its arguments, and its options' values."""

    command: str
    arguments: list[str] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)
    journal_before: Path | None = None
    journal_after: Path | None = None
    plain_before: bool = False
    plain_after: bool = False


def read_call(args: Sequence[str]) -> Call | None:
    """The call ``args`` make, if it is in one of the forms read here; else None."""
    if any(len(arg) > MAX_NAME or not_utf8(arg) for arg in args):
        return None
    rest = list(args)
    journal: Path | None = None
    plain = False
    while rest and rest[0] in ("--journal", "--plain"):
        if rest.pop(0) == "--plain":
            plain = True
        elif not rest or journal is not None or rest[0].startswith("-"):
            return None
        else:
            journal = Path(rest.pop(0))
    if not rest or rest[0] not in FORMS:
        return None
    call = Call(rest.pop(0), journal_before=journal, plain_before=plain)
    return call if _read_options(FORMS[call.command], rest, call) else None


def _read_options(form: Form, rest: list[str], call: Call) -> bool:
    """Read the command's own options and arguments into ``call``; False if any is not
    in the command's form."""
    options: dict[str, Any] = {name: False for name in form.flags.values()}
    options.update({name: None for name in form.values.values()})
    options.update({name: [] for name in form.lists.values()})
    given: set[str] = set()
    while rest:
        arg = rest.pop(0)
        if not arg.startswith("-"):
            call.arguments.append(arg)
            continue
        arg = form.short.get(arg, arg)
        if not arg.startswith("--") or (arg in given and arg not in form.lists):
            return False  # a short option (-h), or an option given twice
        given.add(arg)
        if arg == "--plain":
            call.plain_after = True
        elif arg in form.flags:
            options[form.flags[arg]] = True
        elif arg in (*form.values, *form.lists, "--journal") and rest and rest[0][:1] != "-":
            value = rest.pop(0)
            if arg in form.lists:  # (a summary's --journal: one of the journals it reads)
                options[form.lists[arg]].append(value)
            elif arg == "--journal":
                call.journal_after = Path(value)
            else:
                options[form.values[arg]] = value
        else:
            return False
    call.options = options
    if any(options[name] is None for name in form.needed):
        return False
    return form.arguments[0] <= len(call.arguments) <= form.arguments[1]


def run(call: Call) -> int:
    """Run the call as its Typer command would; its exit code."""
    from ff.errors import Cancelled, FFError
    from ff.terminal import console

    try:
        console.start(call.plain_before)
        if call.plain_after:
            console.ask_for_plain()
        return _RUN[call.command](call)
    except KeyboardInterrupt:
        console.error(Cancelled("Cancelled."))
        return int(Cancelled("Cancelled.").exit_code)
    except BrokenPipeError:  # ff ideas | head: quietly, exit 1, as Click does
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except FFError as problem:
        console.error(problem)
        return int(problem.exit_code)


def _journal(call: Call) -> Path:
    from ff.cli.calls import chosen_journal

    return chosen_journal(call.journal_before, call.journal_after)


def _show(call: Call) -> int:
    from ff.cli.calls import show_idea

    show_idea(_journal(call), call.arguments[0], call.options["as_json"])
    return 0


def _ideas(call: Call) -> int:
    from ff.cli.calls import list_ideas

    options = dict(call.options)
    search, as_json = options.pop("search"), options.pop("as_json")
    list_ideas(_journal(call), options, search, as_json)
    return 0


def _log(call: Call) -> int:
    from ff.cli.calls import iteration_fields, log_iteration

    options = dict(call.options)
    force, as_json = options.pop("force"), options.pop("as_json")
    fields = iteration_fields(options)
    log_iteration(_journal(call), call.arguments[0], fields, False, force, as_json)
    return 0


def _check(call: Call) -> int:
    from ff.cli.calls import check_idea

    options = dict(call.options)
    as_json = options.pop("as_json")
    title = call.arguments[0] if call.arguments else None
    return check_idea(_journal(call), title, options, as_json)


def _summary(call: Call) -> int:
    from ff.cli.report_calls import show_summary

    options = dict(call.options)
    show_all, as_json = options.pop("show_all"), options.pop("as_json")
    sources = {name: options.pop(name) for name in ("idea", "journal", "strict")}
    return show_summary(call.journal_before, options, sources, show_all, as_json)


def _export(call: Call) -> int:
    from ff.cli.report_calls import export_report

    options = dict(call.options)
    ref = call.arguments[0] if call.arguments else None
    given = options.pop("output")
    output = Path(given) if given is not None else None
    format_, force, title = options.pop("format_"), options.pop("force"), options.pop("title")
    sources = {name: options.pop(name) for name in ("idea", "journal", "strict")}
    return export_report(call.journal_before, ref, format_, output, force, title, options, sources)


_RUN = {
    "export": _export,
    "check": _check,
    "show": _show,
    "ideas": _ideas,
    "log": _log,
    "summary": _summary,
}


def main(args: Sequence[str]) -> bool:
    """Run ``args`` here if they are a call read here (and end the process); False if
    they are not, for Typer to read."""
    call = read_call(args)
    if call is None:
        return False
    from ff import memory

    memory.short_lived()
    memory.leave(run(call))
    return True  # (leave ends the process; a test may stop it from doing so)
