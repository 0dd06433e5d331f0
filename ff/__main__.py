"""``python -m ff`` and the ``ff`` command (``run``).

Ctrl-C while ff is still starting (importing its modules) leaves quietly with exit
code 130, as it does during a command (ff.cli.app), never with a traceback."""

import sys


def run() -> None:
    try:
        from ff.cli import main
    except KeyboardInterrupt:  # nothing has been done yet
        sys.exit(130)
    main()


if __name__ == "__main__":
    run()
