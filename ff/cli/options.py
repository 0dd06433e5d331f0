"""Options that several commands share, each declared once.

A group of options (an iteration's fields, the filters that choose ideas) is
declared here and added to a command with ``@takes(GROUP)``: the command names
one parameter after the group, and Typer sees the group's options in its place.
The command receives them together, as a dict.
"""

from __future__ import annotations

import copy
import functools
import inspect
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from ff.cli.calls import iteration_fields as iteration_fields  # (used with the group)
from ff.cli.typer_app import JOURNAL_HELP, complete_ref
from ff.light import dataclass
from ff.reporting.people import TOOK_PART

Command = TypeVar("Command", bound=Callable[..., Any])

# One option or argument, declared once, used as the annotation of a parameter.
Journal = Annotated[Path | None, typer.Option("--journal", metavar="PATH", help=JOURNAL_HELP)]
Output = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", metavar="FILE", help="Write to this file (default: standard output)."
    ),
]
Force = Annotated[bool, typer.Option("--force", help="Replace the output file if it exists.")]
IdeaRef = Annotated[
    str,
    typer.Argument(help="The idea's ref (or the start of it).", autocompletion=complete_ref),
]
EDIT = typer.Option(False, "--edit", help="Write it in your editor ($VISUAL or $EDITOR).")
JSON = typer.Option(False, "--json", help="Print the stored iteration as JSON.")
IdeaOrIterationRef = Annotated[
    str,
    typer.Argument(
        metavar="REF|REF#N",
        help="An idea, or one iteration of it (REF#N).",
        autocompletion=complete_ref,
    ),
]


@dataclass(frozen=True)
class OptionGroup:
    """Options that travel together: each a parameter with its type and default."""

    name: str
    parameters: tuple[inspect.Parameter, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.parameters)

    def reworded(self, **helps: str) -> OptionGroup:
        """The same options with other help words for some of them (``ff edit``'s
        fields are ``ff log``'s, but none is needed and none defaults to today)."""
        unknown = set(helps) - set(self.names)
        if unknown:
            raise KeyError(f"not options of {self.name}: {', '.join(sorted(unknown))}")
        return OptionGroup(
            self.name,
            tuple(_reworded(p, helps[p.name]) if p.name in helps else p for p in self.parameters),
        )


def _reworded(parameter: inspect.Parameter, help: str) -> inspect.Parameter:
    """The parameter with its option's help replaced (on a copy of the option)."""
    base, option = typing.get_args(parameter.annotation)
    option = copy.copy(option)
    option.help = help
    return parameter.replace(annotation=Annotated[base, option])


def group(name: str, **options: tuple[Any, Any]) -> OptionGroup:
    """A group from ``option_name=(Annotated type, default)``, in the order given."""
    return OptionGroup(
        name,
        tuple(
            inspect.Parameter(
                key, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=default, annotation=kind
            )
            for key, (kind, default) in options.items()
        ),
    )


def takes(options: OptionGroup) -> Callable[[Command], Command]:
    """Put the group's options where the command has a parameter named after the group;
    the command receives their values as one dict under that name."""

    def decorate(command: Command) -> Command:
        hints = typing.get_type_hints(command, include_extras=True)
        parameters: list[inspect.Parameter] = []
        for parameter in inspect.signature(command).parameters.values():
            if parameter.name == options.name:
                parameters += options.parameters
            else:
                resolved = hints.get(parameter.name, parameter.annotation)
                parameters.append(parameter.replace(annotation=resolved))

        @functools.wraps(command)
        def run(*args: Any, **values: Any) -> Any:
            chosen = {name: values.pop(name) for name in options.names}
            return command(*args, **values, **{options.name: chosen})

        signature = inspect.Signature(parameters, return_annotation=None)
        run.__signature__ = signature  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in parameters}
        return typing.cast(Command, run)

    return decorate


def _texts(flag: str, help: str, metavar: str = "TEXT") -> tuple[Any, Any]:
    return Annotated[str | None, typer.Option(flag, metavar=metavar, help=help)], None


def _repeated(flag: str, help: str, metavar: str | None = None) -> tuple[Any, Any]:
    option = typer.Option(flag, metavar=metavar, help=help)
    return Annotated[list[str], option], []


# An iteration's fields, as ``ff log`` records them and ``ff edit`` corrects them.
ITERATION_FIELDS = group(
    "fields",
    hypothesis=_texts("--hypothesis", "We believe that…"),
    test=_texts("--test", "To verify that, we will… (what you tried; needed)"),
    measure=_texts("--measure", "And measure…"),
    criteria=_texts("--criteria", "We are right if… (your prediction)"),
    observed=_texts("--observed", "We observed…"),
    result=_texts("--result", "success, partial, failure or inconclusive (needed)", "RESULT"),
    learned=_texts("--learned", "From that we learned that… (needed)"),
    decision=_texts("--decision", "adopt, adapt or abandon (PDSA's Act step)", "DECISION"),
    next_step=_texts("--next-step", "Therefore, we will…"),
    with_=_repeated(
        "--with",
        f"Who took part ({', '.join(TOOK_PART)}, or your words); repeat for more.",
        "WHO",
    ),
    hours=_texts("--hours", "Hours spent (0 or more).", "N"),
    cost=_texts("--cost", "Money spent, in pounds (0 or more).", "POUNDS"),
    date=_texts(
        "--date",
        "When: DD/MM/YYYY (day first), YYYY-MM-DD, today or yesterday; not in the future "
        "(default today).",
        "DATE",
    ),
    tag=_repeated("--tag", "A tag; repeat for more.", "TAG"),
)

# The same fields as ``ff edit`` corrects them: each replaces the one recorded.
EDITED_FIELDS = ITERATION_FIELDS.reworded(
    test="To verify that, we will… (what you tried)",
    result="success, partial, failure or inconclusive",
    learned="From that we learned that… (cannot be made blank)",
    with_="Who took part; repeat for more. Replaces the whole list ('' empties it).",
    date="When: DD/MM/YYYY (day first), YYYY-MM-DD, today or yesterday; not in the future.",
    tag="A tag; repeat for more. Replaces the whole list of the iteration, or with REF "
    "alone, of the idea ('' empties it).",
)

# Choosing ideas, for ``ff ideas``, ``ff summary`` and ``ff export``.
IDEA_FILTERS = group(
    "filters",
    status=_repeated("--status", "Only ideas with this status.", "STATE"),
    level=_repeated("--level", "Only go, caution, approval or stop.", "LEVEL"),
    team=_repeated("--team", "Only this team's ideas (a part of its name, any case).", "NAME"),
    owner=_repeated(
        "--owner", "Only this owner's ideas (a part of the name, e.g. priya, any case).", "NAME"
    ),
    tag=_repeated("--tag", "Only ideas (or iterations) with this tag.", "TAG"),
    since=_texts(
        "--since",
        "From this day: DD/MM/YYYY (day first), YYYY-MM-DD, today, yesterday, or 30d, 12w, "
        "6m back.",
        "DATE",
    ),
    until=_texts("--until", "Up to this day (as --since).", "DATE"),
)

# Where a report's ideas come from, for ``ff summary`` and ``ff export``.
REPORT_SOURCES = group(
    "sources",
    idea=_repeated("--idea", "Only this idea (its ref); repeat for more.", "REF"),
    journal=_repeated(
        "--journal",
        "A journal file, a folder of them, or a pattern such as 'teams/*.json'; "
        "repeat for more (default: your journal).",
        "PATH",
    ),
    strict=(
        Annotated[bool, typer.Option("--strict", help="Stop if any journal cannot be read.")],
        False,
    ),
)
