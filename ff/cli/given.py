"""What people typed, checked before any command runs: text that is not UTF-8, or too
long for its option, is refused (exit 2) naming the option (ff.text.check_given)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup, TyperOption

GIVEN = "ff.given"  # where the arguments as typed are kept, in the root context's meta


def check_given_text(root: TyperGroup, ctx: typer.Context) -> None:
    """Refuse (exit 2, naming the option) any argument that is not UTF-8 or is too long
    for its option (ff.text.check_given), before the command runs: one check for every
    command and option. The arguments are parsed a second time, leniently, only when
    one of them might be refused, so as to name its option."""
    from ff.text import MAX_NAME, check_given, limit_for, not_utf8

    given = [str(arg) for arg in ctx.meta.get(GIVEN, [])]
    if not any(len(arg) > MAX_NAME or not_utf8(arg) for arg in given):
        return
    for name, what, value in _given_values(root, ctx, given):
        check_given(value, what, limit_for(name))
    for arg in given:  # one that no option took: refused all the same
        check_given(arg, "An argument")


def _given_values(
    root: TyperGroup, ctx: typer.Context, given: list[str]
) -> list[tuple[str, str, str]]:
    """Each text value given: its option's or argument's name (team, title), how a
    message names it (--team, The title), and the value."""
    found: list[tuple[str, str, str]] = []
    command: Any = root
    try:
        parsed = root.make_context(
            ctx.info_name, list(given), resilient_parsing=True, ignore_unknown_options=True
        )
        while True:
            for param in command.params:
                values = parsed.params.get(param.name or "")
                for value in values if isinstance(values, (list, tuple)) else [values]:
                    if isinstance(value, (str, Path)):
                        found.append((*_param_names(param), str(value)))
            rest = [*getattr(parsed, "_protected_args", []), *parsed.args]
            if not isinstance(command, TyperGroup) or not rest:
                break
            name, command, rest = command.resolve_command(parsed, rest)
            if command is None:
                break
            parsed = command.make_context(
                name, rest, parent=parsed, resilient_parsing=True, ignore_unknown_options=True
            )
    except Exception:  # any parse error: the real parse, next, reports it
        pass
    return found


def _param_names(param: Any) -> tuple[str, str]:
    if isinstance(param, TyperOption):
        flag = str(max(param.opts, key=len))
        return flag.lstrip("-"), flag
    return str(param.name), f"The {param.name}"
