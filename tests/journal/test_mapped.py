"""A large journal opened only to read is mapped, and scanned a piece at a time
(ff.journal.mapped). Here every journal is mapped (MAP_OVER 0) and scanned in tiny
pieces, so that pieces end everywhere: what is read, and what is refused and how,
must be exactly what reading the file gives."""

from __future__ import annotations

import mmap
from pathlib import Path
from typing import Any, get_args

import pytest

from ff.errors import JournalError
from ff.journal import bulk, fileformat, mapped
from ff.journal.reading import all_ideas, find_idea, plain
from ff.journal.records import ITERATIONS, Fields
from tests.benchmarks.bench import make_tables, write_journal

ROOT = Path(__file__).resolve().parents[2]
JOURNALS = [
    *sorted((ROOT / "examples" / "teams").glob("*.json")),
    *sorted((ROOT / "tests" / "data" / "journals").glob("*.json")),
    *sorted((ROOT / "tests" / "data" / "hostile" / "journals").glob("*.json")),
]


def _read(path: Path, *, map_it: bool) -> Any:
    try:
        journal = fileformat.read(path, mapped=map_it)
    except JournalError as problem:
        return ("refused", problem.message, problem.hint)
    if journal is None:
        return None
    assert isinstance(journal.raw, mmap.mmap) is map_it
    return {
        name: [(key, record.span, plain(record)) for key, record in table.items()]
        if all(hasattr(r, "span") for r in table.values())
        else [(key, plain(record)) for key, record in table.items()]
        for name, table in journal.tables.items()
    }


@pytest.fixture(params=[64, 1000, 1 << 20], ids=["64-byte pieces", "1 kB", "1 MB"])
def everything_mapped(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(mapped, "MAP_OVER", 0)
    monkeypatch.setattr(mapped, "PIECE", request.param)
    return int(request.param)


@pytest.mark.parametrize("path", JOURNALS, ids=lambda p: p.name)
def test_a_mapped_journal_reads_as_the_file_does(path: Path, everything_mapped: int) -> None:
    assert _read(path, map_it=True) == _read(path, map_it=False)


def _damaged(folder: Path) -> dict[str, bytes]:
    """A generated journal, and the same damaged in ways that meet a piece's end."""
    good = folder / "good.json"
    write_journal(good, make_tables(300, ideas=12, seed=4))
    raw = good.read_bytes()
    start = raw.index(b'\n"iterations": {\n') + len(b'\n"iterations": {\n')
    lines = raw[start:].split(b"\n")
    twice = raw[:start] + lines[0] + b"\n" + b"\n".join(lines)  # first record given twice
    end_1k = raw.index(b"\n", start + 1000)
    return {
        "good": raw,
        "a record twice": twice,
        "cut short": raw[: start + 5000],
        "a line without its comma": raw.replace(b"},\n", b"}\n", 40)[: len(raw)],
        "a brace for a comma": raw[:start] + raw[start:].replace(b"},\n", b"}}\n", 40),
        # (the last line of the first piece of 1 kB, mapped or decoded: see the tests)
        "a comma gone 1 kB in": raw[: end_1k - 1] + raw[end_1k:],
        "a comma after the last": raw.replace(b"}\n},", b"},\n},", 1),
        "not utf-8 late on": raw[: start + 9000] + b"\xff" + raw[start + 9001 :],
        "an iteration's id not text": raw.replace(b'"idea_id":"', b'"idea_id":7,"x":"', 1),
    }


def test_a_damaged_mapped_journal_is_refused_as_the_file_is(
    tmp_path: Path, everything_mapped: int
) -> None:
    for name, content in _damaged(tmp_path).items():
        path = tmp_path / f"{name}.json"
        path.write_bytes(content)
        assert _read(path, map_it=True) == _read(path, map_it=False), name


def _in_order(found: dict[str, Any]) -> dict[str, Any]:
    """What ``_whole`` found, each table's records as a list: in the file's order."""
    return {
        fields: {name: list(table.items()) for name, table in tables.items()}
        if isinstance(tables, dict)
        else tables
        for fields, tables in found.items()
    }


@pytest.mark.parametrize("size", [64, 1000], ids=["64 bytes", "1 kB"])
@pytest.mark.parametrize("map_it", [False, True], ids=["read", "mapped"])
def test_a_table_decoded_a_piece_at_a_time_is_the_table_decoded_whole(
    tmp_path: Path, size: int, map_it: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report decodes a large table about a megabyte at a time (ff.journal.bulk's
    DECODED; here a few lines; a mapped journal's is read so too): the same records in
    the same order, and what it is unsure of or refuses the same, as decoding the table
    at once (each journal's, and damaged ones whose damage meets a piece's end)."""
    damaged = _damaged(tmp_path)
    for name, content in damaged.items():
        (tmp_path / f"{name}.json").write_bytes(content)
    for path in [*JOURNALS, *(tmp_path / f"{name}.json" for name in damaged)]:
        monkeypatch.setattr(mapped, "MAP_OVER", 0)
        monkeypatch.setattr(bulk, "DECODED", 1 << 62)
        whole = _in_order(_whole(path, map_it=map_it, monkeypatch=monkeypatch))
        monkeypatch.setattr(bulk, "DECODED", size)
        assert _in_order(_whole(path, map_it=map_it, monkeypatch=monkeypatch)) == whole, path.name
    good = _whole(tmp_path / "good.json", map_it=map_it, monkeypatch=monkeypatch)
    assert len(good["every"]["iterations"]) == 300


def test_show_and_ideas_read_a_mapped_journal(tmp_path: Path, everything_mapped: int) -> None:
    path = tmp_path / "journal.json"
    tables = make_tables(400, ideas=15, seed=9)
    write_journal(path, tables)
    ideas = all_ideas(path)
    assert len(ideas) == 15
    assert sum(len(idea["iterations"]) for idea in ideas) == 400
    some = ideas[3]
    found = find_idea(path, some["ref"])
    owned = [it for it in tables[ITERATIONS].values() if it["idea_id"] == some["id"]]
    assert sorted(it["id"] for it in found["iterations"]) == sorted(it["id"] for it in owned)


def test_only_large_journals_are_mapped(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    write_journal(path, make_tables(50, ideas=3, seed=1))
    journal = fileformat.read(path, mapped=True)
    assert journal is not None
    assert isinstance(journal.raw, bytes)  # under MAP_OVER: read as ever


def test_a_mapped_journal_s_large_tables_are_read_a_piece_at_a_time(
    tmp_path: Path, everything_mapped: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not record by record (which would hold every page of the file): the iterations
    and status changes are read at once, piece by piece, each piece let go."""
    path = tmp_path / "journal.json"
    write_journal(path, make_tables(300, ideas=12, seed=4))
    by_line = fileformat.table_by_line
    let_go: list[tuple[int, int]] = []

    def only_ideas(journal: Any, name: str, position: int) -> int:
        assert name not in ("iterations", "status_changes"), f"{name} read line by line"
        return by_line(journal, name, position)

    monkeypatch.setattr(fileformat, "table_by_line", only_ideas)
    monkeypatch.setattr(fileformat, "let_go", lambda raw, a, b: let_go.append((a, b)))
    journal = fileformat.read(path, mapped=True)
    assert journal is not None
    assert len(journal.tables["iterations"]) == 300
    if everything_mapped < 1000:
        assert len(let_go) > 10, "pieces let go as they are read"


def test_a_mapped_journal_replaced_as_it_is_read_reads_as_it_was(
    tmp_path: Path, everything_mapped: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A mapped journal's pieces are read from the file as it was mapped, even when
    another ff has since replaced it (as every write does): never half of each."""
    path, other = tmp_path / "journal.json", tmp_path / "other.json"
    write_journal(path, make_tables(300, ideas=12, seed=4))
    write_journal(other, make_tables(300, ideas=12, seed=5))
    before = _read(path, map_it=False)
    mapping = mapped.mapped

    def mapped_then_replaced(where: Path) -> Any:
        found = mapping(where)
        other.replace(where)  # a write by another ff, once the journal is mapped
        return found

    monkeypatch.setattr(fileformat, "mapped_file", mapped_then_replaced)
    by_line = fileformat.table_by_line

    def only_ideas(journal: Any, name: str, position: int) -> int:
        assert name not in ("iterations", "status_changes"), f"{name} read line by line"
        return by_line(journal, name, position)

    monkeypatch.setattr(fileformat, "table_by_line", only_ideas)
    assert _read(path, map_it=True) == before
    monkeypatch.setattr(fileformat, "table_by_line", by_line)
    assert _read(path, map_it=False) != before  # (the file there now is the other)


def _whole(path: Path, *, map_it: bool, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The journal as a report reads it (ff.journal.bulk), mapped or read, each field,
    only those ff knows, or only what the summary reads; what it is unsure of, or
    refuses and how."""
    if not map_it:
        monkeypatch.setattr(mapped, "MAP_OVER", 1 << 62)
    found = {}
    for fields in get_args(Fields):
        try:
            journal = bulk.read_whole(path, fields=fields)
        except bulk.Unsure:
            found[fields] = "unsure: read record by record"
            continue
        except JournalError as problem:
            found[fields] = ("refused", problem.message, problem.hint)
            continue
        assert journal is not None
        assert isinstance(journal.raw, mmap.mmap) is map_it
        found[fields] = journal.tables
    monkeypatch.setattr(mapped, "MAP_OVER", 0)
    return found


@pytest.mark.parametrize("path", JOURNALS, ids=lambda p: p.name)
def test_a_mapped_journal_read_whole_reads_as_the_file_does(
    path: Path, everything_mapped: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report's journal over MAP_OVER is mapped and decoded a piece at a time (a
    million iterations: 0.7 GB less held, and quicker): the same records, refused or
    left to the record-by-record reading just as when the file is read."""
    mapped_so = _whole(path, map_it=True, monkeypatch=monkeypatch)
    assert mapped_so == _whole(path, map_it=False, monkeypatch=monkeypatch)


def test_a_damaged_mapped_journal_read_whole_is_refused_as_the_file_is(
    tmp_path: Path, everything_mapped: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, content in _damaged(tmp_path).items():
        path = tmp_path / f"{name}.json"
        path.write_bytes(content)
        mapped_so = _whole(path, map_it=True, monkeypatch=monkeypatch)
        assert mapped_so == _whole(path, map_it=False, monkeypatch=monkeypatch), name
        if name == "good":
            assert len(mapped_so["every"]["iterations"]) == 300
            assert len(mapped_so["figures"]["iterations"]) == 300
        if name == "a record twice":  # once in a piece, once in another (small pieces)
            assert mapped_so["every"] == "unsure: read record by record"


def test_a_report_of_a_mapped_journal_is_the_report_of_the_file(
    tmp_path: Path, everything_mapped: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The summary and every export of a mapped journal, byte for byte the file's."""
    from ff.cli.report_calls import Wanted, gather
    from ff.reporting.exporters import REGISTRY, exporter

    path = tmp_path / "journal.json"
    write_journal(path, make_tables(400, ideas=15, seed=9))
    monkeypatch.setenv("FF_NOW", "2026-11-30T12:00:00Z")
    monkeypatch.setenv("FF_REPORT_WORKERS", "0")

    def written() -> dict[str, str]:
        filters = dict(status=[], level=[], team=[], owner=[], tag=[], since=None, until=None)
        sources = {"journal": [path], "idea": [], "strict": False}
        out = {}
        for name, kind in REGISTRY.items():
            wanted = Wanted(kind.needs_figures, kind.fields, table=kind.table)
            report, code, _ = gather(None, filters, sources, wanted)
            assert code == 0
            out[name] = exporter(name)(report)
        return out

    mapped_so = written()
    monkeypatch.setattr(mapped, "MAP_OVER", 1 << 62)
    assert mapped_so == written()
    assert mapped_so["csv"].count("\r\n") == 1 + 400  # the header and every iteration


def test_a_mapped_journal_replaced_as_a_report_reads_it_reads_as_it_was(
    tmp_path: Path, everything_mapped: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As above, for a report's reading (ff.journal.bulk): the records decoded are
    those of the file as it was mapped, every piece of it."""
    path, other = tmp_path / "journal.json", tmp_path / "other.json"
    write_journal(path, make_tables(300, ideas=12, seed=4))
    first, second = path.read_bytes(), make_tables(300, ideas=12, seed=5)
    before = _whole(path, map_it=False, monkeypatch=monkeypatch)
    mapping = mapped.mapped

    def mapped_then_replaced(where: Path) -> Any:
        where.write_bytes(first)  # (each reading starts from the first journal)
        found = mapping(where)
        write_journal(other, second)
        other.replace(where)  # a write by another ff, once the journal is mapped
        return found

    monkeypatch.setattr(fileformat, "mapped_file", mapped_then_replaced)
    assert _whole(path, map_it=True, monkeypatch=monkeypatch) == before
    monkeypatch.setattr(fileformat, "mapped_file", mapping)
    assert _whole(path, map_it=False, monkeypatch=monkeypatch) != before  # (the other's)
