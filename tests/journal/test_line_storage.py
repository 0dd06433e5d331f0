"""The journal's line-by-line layout (ff.journal.fileformat): a write re-encodes only
the records that changed, and a command about one idea decodes only that idea's
records.

What must hold whatever the speed: the file is byte for byte what encoding every
record gives; every line is still checked, so a damaged journal is refused and left
as it was; a journal in another layout is still read, and written in ff's layout.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import Result

from ff.dates import iso, now_utc
from ff.journal import stored as stored_module
from ff.journal.lines import serialise
from ff.journal.reading import find_idea, read_journal_file
from ff.journal.transaction import writing
from tests.conftest import ALL_CLEAR, answer_options, run_ff, stored_records

CHECK = answer_options(ALL_CLEAR)
# Text that looks like the file's own structure, or is awkward to encode.
AWKWARD = [
    '}\n{"ff_journal": {"1": {"schema": 2}},\n"ideas": {',
    '"quoted", \\backslash\\ and \\"escaped\\"',
    "line one\nline two\r\nline three",
    "separators \u2028 and \u2029, NEL \x85",
    "emoji 🧪👩‍👩‍👧 and Welsh ŵ ŷ, £12",
    '",\n"iterations": {\n"abc": {}},\n',
    "\t tab, \x00 nul, \x1b[31m escape",
    "}}",
]


def raw(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_bytes().decode("utf-8"))
    assert isinstance(data, dict)
    return data


def tables_of(path: Path) -> dict[str, Any]:
    return {name: table for name, table in raw(path).items() if name != "ff_journal"}


def assert_in_ff_layout(path: Path) -> None:
    """The file is exactly what encoding every record afresh gives."""
    assert path.read_bytes() == serialise(tables_of(path))


def check(ff: Callable[..., Result], title: str) -> str:
    done = ff("check", title, *CHECK, "--json")
    assert done.exit_code == 0, done.output
    return str(json.loads(done.stdout)["idea"]["ref"])


def log(ff: Callable[..., Result], ref: str, learned: str) -> Result:
    done = ff("log", ref, "--test", "t", "--result", "partial", "--learned", learned)
    assert done.exit_code == 0, done.output
    return done


# --------------------------------------------------------------------------- spliced writes


def test_every_command_leaves_the_file_as_a_full_encoding_would(
    journal: Path, ff: Callable[..., Result], tmp_path: Path
) -> None:
    first = check(ff, AWKWARD[0])
    assert_in_ff_layout(journal)
    second = check(ff, AWKWARD[1])
    for number, text in enumerate(AWKWARD):
        log(ff, first if number % 2 else second, text)
        assert_in_ff_layout(journal)
    assert ff("status", second, "paused", "--note", AWKWARD[4]).exit_code == 0
    assert_in_ff_layout(journal)
    assert ff("edit", f"{first}#2", "--learned", AWKWARD[2]).exit_code == 0
    assert_in_ff_layout(journal)
    assert ff("delete", f"{first}#1", "--yes").exit_code == 0
    assert_in_ff_layout(journal)
    assert ff("delete", second, "--yes").exit_code == 0
    assert_in_ff_layout(journal)

    other = tmp_path / "other.json"
    assert ff("check", "Theirs", *CHECK, "--journal", str(other)).exit_code == 0
    assert ff("merge", str(other)).exit_code == 0
    assert_in_ff_layout(journal)

    shown = json.loads(ff("show", first, "--json").stdout)
    learned = [it["learned"] for it in shown["iterations"]]
    # first's tries were AWKWARD[1], [3], [5], [7]: #1 deleted, #2 corrected
    assert learned == [AWKWARD[2], AWKWARD[5].strip(), AWKWARD[7]]
    assert list(raw(journal)) == ["ff_journal", "deleted", "ideas", "iterations", "status_changes"]
    assert all(key.isdigit() for table in tables_of(journal).values() for key in table)


def _record(table: str, key: str, text: str, owner: str) -> dict[str, Any]:
    """A record of the table's shape (with a field ff does not know, kept as it is)."""
    if table == "iterations":
        base = {"idea_id": owner, "number": 1, "created": "2026-01-01T09:00:00Z"}
        base.update(author="someone", date="2026-01-01", learned=text)
    elif table == "status_changes":
        base = {"idea_id": owner, "status": "paused", "at": "2026-01-01T09:00:00Z"}
        base.update(by=None, note=text)
    else:  # a table of an analyst's own: any record
        base = {"text": text}
    return {"id": key, **base, "n": [1.5, None, True]}


KEYS = st.sampled_from([f"{n:032x}" for n in range(1, 9)])
TEXTS = st.one_of(st.sampled_from(AWKWARD), st.text(max_size=30))
TABLES = st.sampled_from(["iterations", "status_changes", "notes"])
OPERATIONS = st.lists(
    st.tuples(st.sampled_from(["put", "drop"]), TABLES, KEYS, TEXTS), min_size=1, max_size=25
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(operations=OPERATIONS, batch=st.integers(min_value=1, max_value=4))
def test_any_changes_give_the_bytes_of_a_full_encoding(
    operations: list[tuple[str, str, str, str]], batch: int
) -> None:
    """Records added, replaced and dropped in any order, a few per write: after each
    write the journal reads back as the same records as a plain dict model, and is
    byte for byte its tables encoded whole."""
    model: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "journal.json"
        for start in range(0, len(operations), batch):
            with writing(path) as tx:
                for action, table, key, text in operations[start : start + batch]:
                    if action == "put":
                        record = _record(table, key, text, owner=key[-1])
                        tx.put(table, record)
                        model.setdefault(table, {})[key] = record
                    else:
                        tx.drop(table, [key])
                        model.get(table, {}).pop(key, None)
                        tombstone = {"id": key, "table": table, "at": iso(now_utc())}
                        model.setdefault("deleted", {}).setdefault(key, tombstone)
            assert path.read_bytes() == serialise(tables_of(path))  # ff's layout, exactly
            stored = stored_records(path)
            assert stored.keys() == model.keys()
            for name, records in model.items():
                if name == "deleted":  # a tombstone's time may tick over a second
                    assert {k: r["table"] for k, r in stored[name].items()} == {
                        k: r["table"] for k, r in records.items()
                    }
                else:  # an analyst's table is keyed by document id: compare by ids
                    by_id = {str(r["id"]): r for r in stored[name].values()}
                    assert by_id == records, name


def test_a_write_keeps_unchanged_lines_as_they_were_read(journal: Path) -> None:
    """Lines ff did not change are copied, not re-encoded: a line that another tool
    wrote in its own valid way (one record on one line) is kept exactly."""
    first = _record("iterations", "b1", "é", "a1")
    second = _record("iterations", "b2", "y", "a1")
    text = serialise({"iterations": {"1": first, "2": second}})
    other_style = (
        b'"1": {"number":1,"idea_id":"a1","id":"b1","created":"2026-01-01T09:00:00Z",'
        b'"author":"someone","date":"2026-01-01","learned":"\\u00e9","n":[1.5,null,true]}'
    ).replace(b"\\\\", b"\\")
    lines = text.split(b"\n")
    number = next(n for n, line in enumerate(lines) if line.startswith(b'"1": '))
    lines[number] = other_style + b","
    journal.write_bytes(b"\n".join(lines))
    with writing(journal) as tx:
        tx.put("iterations", {**second, "learned": "z"})
    after = journal.read_bytes()
    assert other_style + b",\n" in after
    assert stored_records(journal)["iterations"] == {
        "b1": first,
        "b2": {**second, "learned": "z"},
    }


# --------------------------------------------------------------------------- damage


def _journal_with_iterations(ff: Callable[..., Result]) -> str:
    ref = check(ff, "Saturday drop-in")
    for text in ("first try", "second try, £5", "third"):
        log(ff, ref, text)
    return ref


def _another_idea(ff: Callable[..., Result]) -> str:
    """An idea besides the one damaged: commands about it read the damaged lines
    without decoding them, and must still refuse the journal."""
    ref = check(ff, "Homework club")
    log(ff, ref, "its own try")
    return ref


def _damaged_line(content: bytes, needle: bytes, damage: Callable[[bytes], bytes]) -> bytes:
    lines = content.split(b"\n")
    number = next(n for n, line in enumerate(lines) if needle in line)
    lines[number] = damage(lines[number])
    return b"\n".join(lines)


DAMAGE: dict[str, tuple[bytes, Callable[[bytes], bytes]]] = {
    "iteration-truncated": (b'"second try', lambda line: line[: len(line) // 2]),
    "iteration-bad-utf8-in-unread-field": (
        b'"second try',
        lambda line: line.replace("£".encode(), b"\xa3"),
    ),
    "iteration-bad-escape": (b'"second try', lambda line: line.replace(b"second", b"\\q")),
    "iteration-control-char": (b'"second try', lambda line: line.replace(b"second", b"\x01")),
    "iteration-missing-comma": (b'"first try', lambda line: line.rstrip(b",")),
    "iteration-missing-brace": (b'"third"', lambda line: line[:-1]),
    "status-unquoted-word": (b'"status":"prototyping"', lambda line: line.replace(b'"p', b"p")),
    "idea-trailing-comma": (b'"title":"Saturday', lambda line: line.rstrip(b",") + b",,"),
    "iteration-extra-comma": (b'"third"', lambda line: line + b","),
    "nan-in-iteration": (b'"third"', lambda line: line.replace(b'"number":3', b'"number":NaN,')),
}


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_a_damaged_line_anywhere_is_refused_and_left_as_it_was(
    journal: Path, ff: Callable[..., Result], kind: str
) -> None:
    damaged_idea = _journal_with_iterations(ff)
    ref = _another_idea(ff)
    needle, damage = DAMAGE[kind]
    content = _damaged_line(journal.read_bytes(), needle, damage)
    try:
        json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        pass
    else:
        pytest.fail("the damage left valid JSON")
    journal.write_bytes(content)
    past = time.time() - 3600
    os.utime(journal, (past, past))
    for command in (
        ("log", ref, "--test", "t", "--result", "success", "--learned", "l"),
        ("show", ref),
        ("show", damaged_idea),
        ("ideas", "--json"),
        ("status", ref, "paused"),
        ("summary", "--json", "--strict"),
    ):
        done = ff(*command)
        assert done.exit_code == 1, (command, done.output)
        assert "damaged" in done.stderr, (command, done.stderr)
        assert journal.read_bytes() == content, command
        assert journal.stat().st_mtime == pytest.approx(past), command


def _one_line_tinydb(data: dict[str, Any]) -> bytes:
    """As TinyDB's own JSONStorage writes a database: one line, ASCII escapes."""
    return json.dumps(data).encode()


LAYOUTS: dict[str, Callable[[dict[str, Any]], bytes]] = {
    "indented": lambda data: json.dumps(data, indent=2).encode(),
    "tinydb-json-storage": _one_line_tinydb,
    "byte-order-mark": lambda data: b"\xef\xbb\xbf" + serialise(_tables(data)),
    "tables-unsorted": lambda data: json.dumps(
        {k: data[k] for k in ["ff_journal", *reversed([n for n in data if n != "ff_journal"])]}
    ).encode(),
    "no-final-newline": lambda data: serialise(_tables(data)).rstrip(b"\n"),
    "escaped-key": lambda data: serialise(_tables(data)).replace(
        b'"ideas": {', b'"id\\u0065as": {'
    ),
}


def _tables(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != "ff_journal"}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_a_journal_in_another_layout_is_read_and_then_written_in_ffs(
    journal: Path, ff: Callable[..., Result], layout: str
) -> None:
    ref = _journal_with_iterations(ff)
    before = raw(journal)
    journal.write_bytes(LAYOUTS[layout](before))
    expected = stored_records(journal)
    shown = ff("show", ref, "--json")
    assert shown.exit_code == 0, shown.output
    assert [it["learned"] for it in json.loads(shown.stdout)["iterations"]] == [
        "first try",
        "second try, £5",
        "third",
    ]
    log(ff, ref, "after the change of layout")
    assert_in_ff_layout(journal)
    after = stored_records(journal)
    for name in ("ideas", "status_changes"):
        assert after[name].items() >= expected[name].items()
    assert len(after["iterations"]) == 4


# --------------------------------------------------------------------------- reading less


def test_a_command_about_one_idea_decodes_only_that_ideas_records(
    journal: Path, ff: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    refs = [check(ff, f"Idea {n}") for n in range(4)]
    for ref in refs:
        for n in range(5):
            log(ff, ref, f"{ref} learned {n}")
    decoded: list[Any] = []
    real = stored_module.decode

    def counting(table: str, line: Any) -> Any:
        record = real(table, line)
        decoded.append(record)
        return record

    monkeypatch.setattr(stored_module, "decode", counting)
    shown = ff("show", refs[1], "--json")
    assert shown.exit_code == 0, shown.output
    assert [it["learned"] for it in json.loads(shown.stdout)["iterations"]] == [
        f"{refs[1]} learned {n}" for n in range(5)
    ]
    ideas = [r for r in decoded if "idea_id" not in r]
    assert [idea["ref"] for idea in ideas] == [refs[1]], "only the idea named is decoded"
    owners = {r["idea_id"] for r in decoded if "idea_id" in r}
    assert owners == {ideas[0]["id"]}, "only the named idea's iterations and history"
    assert len(decoded) == 1 + 5 + 2  # the idea, its iterations, its two status changes


def test_a_change_made_by_another_process_before_the_lock_is_seen_under_it(
    journal: Path, ff: Callable[..., Result]
) -> None:
    """ff log in a terminal reads the journal to ask its questions, then again under
    the lock to write: what another process wrote in between is kept."""
    ref = check(ff, "Shared idea")
    idea = find_idea(journal, ref)
    assert idea["iterations"] == []
    by_another = run_ff("log", ref, "--test", "t", "--result", "success", "--learned", "meanwhile")
    assert by_another.returncode == 0, by_another.stderr  # another process changed the file
    with writing(journal) as tx:
        assert [it["learned"] for it in tx.idea(ref)["iterations"]] == ["meanwhile"]
        later = {**_record("iterations", "f" * 32, "later", idea["id"]), "number": 2}
        tx.insert("iterations", [later])
    assert [it["learned"] for it in find_idea(journal, ref)["iterations"]] == [
        "meanwhile",
        "later",
    ]
    assert len(read_journal_file(journal) or {}) == 3  # ideas, iterations, status changes
    assert_in_ff_layout(journal)
