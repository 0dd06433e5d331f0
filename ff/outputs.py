"""Writing a command's result to a file given with ``-o``: checked first, then atomic."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ff.errors import UsageError


def check_output(
    output: Path,
    force: bool,
    protected: Iterable[Path] = (),
    *,
    being_read: str = "the files being read",
) -> Path:
    """Where to write: refuse a missing folder, an existing file without --force, and a
    file being read (``protected``, named as ``being_read``). A symbolic link is
    written through, never replaced."""
    target = Path(os.path.realpath(output))
    if not target.parent.is_dir():
        raise UsageError(
            f"The folder {output.parent} does not exist.",
            hint="Create it first, or choose another -o path.",
        )
    if target.is_dir():
        raise UsageError(f"{output} is a folder.", hint="Give a file name after -o.")
    if any(target == Path(os.path.realpath(path)) for path in protected):
        raise UsageError(
            f"{output} is one of {being_read}.",
            hint="Choose another -o path; ff never overwrites what it reads.",
        )
    if (target.exists() or os.path.lexists(output)) and not force:
        raise UsageError(f"{output} already exists.", hint="Add --force to replace it.")
    return target
