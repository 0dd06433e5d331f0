"""``python -m ff``: the same as the ``ff`` command."""

from ff.cli import main

main()
