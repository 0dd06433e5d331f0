"""Safe file writing and cross-process locks, shared by the journal, the config file
and every file a command writes with ``-o``.

* ``atomic_write``: the content goes to a temporary file in the same folder, is
  fsynced, then replaces the target with ``os.replace`` (atomic), and the folder
  is fsynced; the target keeps its file mode. A crash or a kill at any moment
  leaves the old file or the new one, whole.
* ``locked``: a ``<file>.lock`` beside the file, held for a read-modify-write.
* ``check_output``: where a ``-o`` file may be written, checked before any work.
* ``check_writable_file``: ff replaces only regular files (or links to them), never a
  device, a FIFO, a socket or a folder; ``check_readable_file`` reads only them.
* ``read_limited``: a file people give ff (a card, an answers file, the config file),
  read only if it is a regular file, and only up to a limit.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import time
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path

from ff.errors import FFError, JournalError, UsageError

LOCK_TIMEOUT_SECONDS = 30.0
# What ``-o`` may name to mean standard output rather than a file.
STANDARD_OUTPUT = ("-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1")
# The most ff reads of a card or an answers file (stated in README.md, "Limits").
MAX_READ_BYTES = 1_000_000


class TooLarge(Exception):
    """A file over the bytes ff reads of it; ``size`` is at least how large it is."""

    def __init__(self, size: int) -> None:
        super().__init__(f"{size:,} bytes")
        self.size = size


def _temp_prefix(path: Path) -> str:
    return f".{path.name}."


def atomic_write(path: Path, content: bytes | Iterable[bytes | memoryview]) -> None:
    """Replace ``path`` with ``content`` so that a reader or a crash sees old or new, whole.

    ``content`` may come in pieces (a journal's unchanged lines are written straight
    from the bytes read), so that a large file is not copied into one first. A symbolic
    link is written through, and anything but a regular file is refused, unchanged."""
    path = Path(os.path.realpath(path))
    check_writable_file(path, "this file")
    folder = path.parent
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    temp = folder / f"{_temp_prefix(path)}{uuid.uuid4().hex}.tmp"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        try:
            for piece in [content] if isinstance(content, bytes) else content:
                view = memoryview(piece)
                while view:
                    view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(temp, mode)
        os.replace(temp, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise JournalError(
            f"Cannot write {path}: {error.strerror}.",
            hint="Nothing was changed. Check there is space and that you may write to that folder.",
        ) from None
    except BaseException:  # Ctrl-C, or an error making the content: nothing is left
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _fsync_folder(folder)


def is_standard_output(output: Path | str) -> bool:
    """Does ``-o`` name standard output (``-``, ``/dev/stdout``) rather than a file?"""
    text = str(output)
    return text == "-" or (sys.platform != "win32" and os.path.abspath(text) in STANDARD_OUTPUT)


def check_output(
    output: Path,
    force: bool,
    protected: Iterable[Path] = (),
    *,
    being_read: str = "the files being read",
) -> Path | None:
    """Where to write (None: standard output, for ``-o -``): refuse a missing folder,
    anything but a regular file, an existing file without --force, and a file being
    read (``protected``, named as ``being_read``). A symbolic link is written through,
    never replaced."""
    if is_standard_output(output):
        return None
    target = Path(os.path.realpath(output))
    if not target.parent.is_dir():
        raise UsageError(
            f"The folder {output.parent} does not exist.",
            hint="Create it first, or choose another -o path.",
        )
    if target.is_dir():
        raise UsageError(f"{output} is a folder.", hint="Give a file name after -o.")
    check_writable_file(output, "the output (-o)")
    if any(target == Path(os.path.realpath(path)) for path in protected):
        raise UsageError(
            f"{output} is one of {being_read}.",
            hint="Choose another -o path; ff never overwrites what it reads.",
        )
    if (target.exists() or os.path.lexists(output)) and not force:
        raise UsageError(f"{output} already exists.", hint="Add --force to replace it.")
    return target


def check_writable_file(path: Path, what: str, *, error: type[FFError] = UsageError) -> None:
    """Refuse (``error``, exit 2 by default) to write ``what`` at ``path`` unless it is a
    regular file, a symbolic link to one, or nothing yet: a device (/dev/null), a FIFO,
    a socket or a folder is left alone. Call it before any work, and before replacing."""
    kind = _not_regular(path)
    if kind:
        raise error(
            f"{path} is {kind}, not a file: ff will not write {what} there.",
            hint="Nothing was changed. Give the path of a file (it may not exist yet).",
        )


def check_readable_file(path: Path, what: str, *, error: type[FFError] = UsageError) -> None:
    """Refuse (``error``) to read ``what`` from anything but a regular file (or a link to
    one): reading a FIFO may never end, and /dev/zero never does."""
    kind = _not_regular(path)
    if kind:
        raise error(
            f"{path} is {kind}, not a file: ff reads {what} only from a file.",
            hint="Give the path of a file.",
        )


def read_limited(
    path: Path, what: str, most: int = MAX_READ_BYTES, *, error: type[FFError] = UsageError
) -> bytes:
    """The bytes of the file at ``path``, holding ``what``: ``error`` for anything but a
    regular file (``check_readable_file``), ``TooLarge`` for more than ``most`` bytes
    (found by reading one more: a file may grow, or its size be wrong), ``OSError`` if
    it cannot be read. The caller says each in its own words."""
    check_readable_file(path, what, error=error)
    with path.open("rb") as file:
        raw = file.read(most + 1)
        if len(raw) > most:
            raise TooLarge(max(os.fstat(file.fileno()).st_size, len(raw)))
    return raw


def _not_regular(path: Path) -> str | None:
    """What ``path`` is, if it is something other than a regular file or nothing."""
    try:
        mode = os.stat(path).st_mode  # through symbolic links: a link to a file is fine
    except FileNotFoundError:
        return None
    except OSError as problem:  # a loop of links, a name too long, no permission
        return f"not usable ({problem.strerror})"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _fsync_folder(folder: Path) -> None:
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stale_temp_files(path: Path) -> None:
    """Under the lock no other writer is mid-write, so any temp file is a killed writer's."""
    for stale in path.parent.glob(f"{_temp_prefix(path)}*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the file's cross-process lock (``<file>.lock``) for a read-modify-write."""
    lock = FileLock(path)
    try:
        yield
    finally:
        lock.release()


class FileLock:
    """The cross-process lock of ``path`` (``<path>.lock`` beside it), held from now
    until ``release``: waits up to LOCK_TIMEOUT_SECONDS for another holder."""

    def __init__(self, path: Path) -> None:
        lock_path = path.with_name(path.name + ".lock")
        try:
            self._fd: int | None = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as error:
            raise JournalError(
                f"Cannot lock the journal {path}: {error.strerror}.",
                hint="Check that you may write to that folder.",
            ) from None
        try:
            _acquire(self._fd, path)
        except BaseException:
            os.close(self._fd)
            raise

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            try:
                _release(fd)
            finally:
                os.close(fd)


def _acquire(fd: int, path: Path) -> None:
    deadline = time.monotonic() + LOCK_TIMEOUT_SECONDS
    delay = 0.002
    while True:
        try:
            _try_lock(fd)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise JournalError(
                    f"The journal {path} has been busy for {LOCK_TIMEOUT_SECONDS:.0f} seconds.",
                    hint="Another ff may be stuck; close it and try again.",
                ) from None
            time.sleep(delay)
            delay = min(delay * 2, 0.05)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _release(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _release(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
