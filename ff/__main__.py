"""``python -m ff`` and the ``ff`` command. ``ff --version`` is answered here, before
Typer is imported (Typer is about half of ff's start-up), the commonest calls by
ff.cli.quick, also without Typer; the rest goes to ff.cli.

Ctrl-C while ff is still starting (importing its modules) leaves quietly with exit
code 130, as it does during a command (ff.cli.typer_app), never with a traceback."""

from __future__ import annotations

import sys
from collections.abc import Sequence

# Global options that take a value, which may come before --version.
_WITH_VALUE = ("--journal",)


def asks_for_version(args: Sequence[str]) -> bool:
    """Is this ``ff --version``, perhaps after other global options? Anything else
    (a command, --help, an unknown option) is left to the command line."""
    waiting_for_value = False
    for arg in args:
        if waiting_for_value:
            waiting_for_value = False
        elif arg == "--version":
            return True
        elif arg in _WITH_VALUE:
            waiting_for_value = True
        elif not (arg == "--plain" or arg.startswith(tuple(f"{o}=" for o in _WITH_VALUE))):
            return False
    return False


def main() -> None:
    if asks_for_version(sys.argv[1:]):
        from ff import __version__

        sys.stdout.write(f"ff {__version__}\n")
        return
    try:
        from ff.cli import quick

        if quick.main(sys.argv[1:]):  # the commonest calls, without Typer
            return
        from ff.cli.typer_app import main as run_command_line
    except KeyboardInterrupt:  # nothing has been done yet
        sys.exit(130)
    run_command_line()


if __name__ == "__main__":
    main()
