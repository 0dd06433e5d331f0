"""ff.files: only regular files (or links to them) are ever replaced or read; ``-o -``
and /dev/stdout mean standard output."""

from __future__ import annotations

import os
import re
import socket
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from ff.errors import JournalError, UsageError
from ff.files import (
    TooLarge,
    atomic_write,
    check_output,
    check_readable_file,
    check_writable_file,
    is_standard_output,
    read_limited,
)


@pytest.fixture
def not_files(tmp_path: Path) -> Iterator[dict[str, Path]]:
    """A folder, a FIFO, a socket and (as root) a device like /dev/null, by kind."""
    kinds = {"a folder": tmp_path / "folder", "a named pipe (FIFO)": tmp_path / "fifo"}
    kinds["a folder"].mkdir()
    os.mkfifo(kinds["a named pipe (FIFO)"])
    kinds["a socket"] = tmp_path / "socket"
    bound = socket.socket(socket.AF_UNIX)
    bound.bind(str(kinds["a socket"]))
    device = tmp_path / "device"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        kinds["a device"] = device
    except PermissionError:  # not root: the other kinds are still checked
        pass
    yield kinds
    bound.close()


def kind_of(path: Path) -> int:
    return stat.S_IFMT(path.lstat().st_mode)


def test_only_a_regular_file_or_nothing_may_be_written(
    tmp_path: Path, not_files: dict[str, Path]
) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    (tmp_path / "link").symlink_to("file")
    for fine in ("file", "link", "missing"):
        check_writable_file(tmp_path / fine, "the output")
    for kind, path in not_files.items():
        before = kind_of(path)
        with pytest.raises(
            UsageError, match=re.escape(f"is {kind}, not a file: ff will not write")
        ):
            check_writable_file(path, "the output")
        with pytest.raises(JournalError, match="ff will not write the journal there"):
            check_writable_file(path, "the journal", error=JournalError)
        with pytest.raises(UsageError, match=re.escape(f"is {kind}, not a file")):
            atomic_write(path, b"replaced")
        assert kind_of(path) == before, f"{kind} was replaced"


def test_a_loop_of_links_is_refused_not_followed(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    with pytest.raises(UsageError, match="not usable"):
        check_writable_file(tmp_path / "a", "the output")
    with pytest.raises(UsageError, match="not usable"):
        check_readable_file(tmp_path / "a", "answers")


def test_only_a_regular_file_may_be_read(tmp_path: Path, not_files: dict[str, Path]) -> None:
    for kind, path in not_files.items():
        with pytest.raises(
            UsageError, match=re.escape(f"is {kind}, not a file: ff reads answers only")
        ):
            check_readable_file(path, "answers")
    check_readable_file(tmp_path / "missing", "answers")  # the reader says it is missing


def test_a_file_is_read_only_up_to_its_limit(tmp_path: Path, not_files: dict[str, Path]) -> None:
    path = tmp_path / "ten"
    path.write_bytes(b"x" * 10)
    assert read_limited(path, "answers", 10) == b"x" * 10
    with pytest.raises(TooLarge) as large:
        read_limited(path, "answers", 9)
    assert large.value.size == 10
    for kind, other in not_files.items():  # refused before opening: a FIFO would wait
        with pytest.raises(UsageError, match=re.escape(f"is {kind}, not a file")):
            read_limited(other, "answers")
    with pytest.raises(FileNotFoundError):
        read_limited(tmp_path / "missing", "answers")


def test_atomic_write_writes_through_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    atomic_write(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"


@pytest.mark.parametrize("given", ["-", "/dev/stdout", "/dev/fd/1"])
def test_dash_and_dev_stdout_are_standard_output(given: str) -> None:
    assert is_standard_output(given)
    assert check_output(Path(given), force=False) is None


def test_other_paths_are_files(tmp_path: Path) -> None:
    assert not is_standard_output(tmp_path / "stdout")
    assert not is_standard_output("./-x")
    assert check_output(tmp_path / "out.csv", force=False) == tmp_path / "out.csv"
