"""A journal that parses but holds what ff never writes is damaged: every command that
reads the bad record refuses the journal with the file, table, record and field,
exits 1 without a traceback, and leaves the file byte for byte as it was. So are a
key given twice, an empty file, and files that are not journals at all.

A command about one idea checks that idea's records (and every line's JSON); a
command over the whole journal (ideas, summary, export, merge) checks every record.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ff.journal.refs import short_ref
from tests.conftest import ALL_CLEAR, answer_options, run_ff

CHECK = answer_options(ALL_CLEAR)
HOLE = "@@RAW@@"  # a value later replaced by raw JSON text that Python cannot write


def build(journal: Path) -> tuple[str, str]:
    """A journal of two ideas, the first with one iteration; the refs."""
    refs = []
    for title in ("Saturday drop-in", "Homework club"):
        done = run_ff("check", title, *CHECK, "--json", "--journal", str(journal))
        assert done.returncode == 0, done.stderr
        refs.append(json.loads(done.stdout)["idea"]["ref"])
    logged = run_ff(
        "log", refs[0], "--test", "t", "--result", "success", "--learned", "l",
        "--hours", "2", "--cost", "5", "--journal", str(journal),
    )  # fmt: skip
    assert logged.returncode == 0, logged.stderr
    return refs[0], refs[1]


def write_in_ff_layout(path: Path, data: dict[str, Any], raw: str | None = None) -> bytes:
    """The data in ff's line layout, written by the standard library (which writes
    what ff never would), with ``raw`` put where a value is HOLE."""
    parts = ['{"ff_journal": {"1": {"schema": 2}}']
    for name in sorted(n for n in data if n != "ff_journal"):
        lines = [f'"{key}": {json.dumps(record)}' for key, record in data[name].items()]
        parts.append(f',\n"{name}": {{\n' + ",\n".join(lines) + "\n}")
    text = "".join(parts) + "}\n"
    if raw is not None:
        text = text.replace(json.dumps(HOLE), raw)
    content = text.encode("utf-8")
    path.write_bytes(content)
    return content


def first(data: dict[str, Any], table: str) -> dict[str, Any]:
    record: dict[str, Any] = next(iter(data[table].values()))
    return record


Damage = Callable[[dict[str, Any]], str | None]


def _set(table: str, field: str, value: Any, raw: str | None = None) -> Damage:
    def damage(data: dict[str, Any]) -> str | None:
        first(data, table)[field] = value
        return raw

    return damage


BAD_RECORDS: dict[str, tuple[Damage, str]] = {
    "lone surrogate in a title": (_set("ideas", "title", "caf\ud800"), "not valid JSON"),
    "NaN hours": (_set("iterations", "hours", HOLE, "NaN"), "not valid JSON"),
    "Infinity cost": (_set("iterations", "cost", HOLE, "Infinity"), "not valid JSON"),
    "1e400 hours": (_set("iterations", "hours", HOLE, "1e400"), "out of range"),
    "5,000-digit number": (_set("iterations", "number", HOLE, "9" * 5000), "out of range"),
    "number null": (_set("iterations", "number", None), "number"),
    "nested 100,000 deep": (
        _set("iterations", "learned", HOLE, "[" * 100_000 + "]" * 100_000),
        "nested too deeply",
    ),
    "hours lots": (_set("iterations", "hours", "lots"), "hours"),
    "cost {}": (_set("iterations", "cost", {}), "cost"),
    "answers {}": (_set("ideas", "answers", {}), "answers"),
    "level null": (_set("ideas", "level", None), "level"),
    "card null": (_set("ideas", "card", None), "card"),
    "reasons x": (_set("ideas", "reasons", "x"), "reasons"),
    "tags [{}]": (_set("ideas", "tags", [{}]), "tags"),
    "ref empty": (_set("ideas", "ref", ""), "ref"),
    "no ref": (lambda data: first(data, "ideas").pop("ref") and None, "ref"),
    "ref with markup and an escape": (
        _set("ideas", "ref", "[reverse]x\x1b]0;owned\x07"),
        "ref: expected a ref (letters, digits, hyphens, underscores and full stops only)",
    ),
    "status unknown": (_set("status_changes", "status", "launched"), "status"),
}


def commands(ref: str, journal: Path) -> list[tuple[str, ...]]:
    return [
        ("ideas", "--json"),
        ("show", ref),
        ("summary", "--json", "--strict"),
        ("export", "-f", "csv"),
        ("export", "-f", "html"),
        ("log", ref, "--test", "t", "--result", "success", "--learned", "l"),
        ("status", ref, "paused"),
        ("edit", f"{ref}#1", "--learned", "corrected"),
        ("delete", ref, "--yes"),
    ]


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(BAD_RECORDS))
def test_a_record_of_the_wrong_shape_is_refused_by_every_command_that_reads_it(
    tmp_path: Path, case: str
) -> None:
    journal = tmp_path / "journal.json"
    ref, _ = build(journal)
    damage, said = BAD_RECORDS[case]
    data = json.loads(journal.read_bytes())
    content = write_in_ff_layout(journal, data, damage(data))
    for command in commands(ref, journal):
        done = run_ff(*command, "--journal", str(journal))
        assert done.returncode == 1, (command, done.stderr)
        assert "Traceback" not in done.stderr, (command, done.stderr)
        message = " ".join(done.stderr.split())
        assert f"The journal {journal} is damaged" in message, (command, message)
        assert said in message, (command, message)
        assert "table '" in message or "line" in message, (command, message)
        assert journal.read_bytes() == content, command
    merged_into = tmp_path / "mine.json"
    done = run_ff("merge", str(journal), "--journal", str(merged_into))
    assert done.returncode == 1 and "damaged" in done.stderr
    assert not merged_into.exists(), "nothing is written when what comes in is damaged"


def test_a_summary_of_many_journals_names_the_damaged_one_and_sums_the_others(
    tmp_path: Path,
) -> None:
    teams = tmp_path / "teams"
    teams.mkdir()
    build(teams / "good.json")
    bad = teams / "bad.json"
    build(bad)
    data = json.loads(bad.read_bytes())
    content = write_in_ff_layout(bad, data, _set("iterations", "hours", "lots")(data))
    done = run_ff("summary", "--json", "--journal", str(teams / "*.json"))
    assert done.returncode == 1, done.stderr
    assert "Not included" in done.stderr and "bad.json" in done.stderr
    assert "Traceback" not in done.stderr
    assert json.loads(done.stdout)["ideas"] == 2, "the good journal's two ideas"
    assert bad.read_bytes() == content


def test_ff_check_into_a_journal_with_an_empty_ref_ends_and_changes_nothing(
    tmp_path: Path,
) -> None:
    """An idea without a ref once made choosing the next ref loop for ever, holding the
    lock: the journal is refused instead, and choosing a ref always ends."""
    journal = tmp_path / "journal.json"
    build(journal)
    data = json.loads(journal.read_bytes())
    content = write_in_ff_layout(journal, data, _set("ideas", "ref", "")(data))
    done = run_ff("check", "Another", *CHECK, "--journal", str(journal))
    assert done.returncode == 1 and "damaged" in done.stderr
    assert journal.read_bytes() == content
    assert short_ref("ab" * 16, {"", "ab", "abab", "ab" * 16}) == "ab" * 16


# --------------------------------------------------------------------------- keys twice


def test_a_table_given_twice_is_refused_naming_it_and_both_lines(tmp_path: Path) -> None:
    journal = tmp_path / "journal.json"
    build(journal)
    content = journal.read_bytes().replace(b'\n"iterations": {', b'\n"ideas": {},\n"iterations": {')
    journal.write_bytes(content)
    for command in (("ideas",), ("check", "Another", *CHECK)):
        done = run_ff(*command, "--journal", str(journal))
        assert done.returncode == 1, done.stderr
        message = " ".join(done.stderr.split())
        assert "the table 'ideas' appears twice, at line 2 and at line" in message, message
        assert journal.read_bytes() == content


def test_a_record_given_twice_is_refused_naming_it_and_both_lines(tmp_path: Path) -> None:
    """A line-by-line merge can leave one record's line twice; JSON would keep the last
    copy only, and the next write would lose the first."""
    journal = tmp_path / "journal.json"
    ref, _ = build(journal)
    lines = journal.read_bytes().split(b"\n")
    at = next(n for n, line in enumerate(lines) if line.startswith(b'"1": {"answers"'))
    changed = lines[at].replace(b'"title":"Saturday drop-in"', b'"title":"Other copy"')
    content = b"\n".join([*lines[: at + 1], changed, *lines[at + 1 :]])
    journal.write_bytes(content)
    done = run_ff("show", ref, "--journal", str(journal))
    assert done.returncode == 1
    message = " ".join(done.stderr.split())
    assert f"record 1 of table 'ideas' appears twice, at line {at + 1} and at line {at + 2}" in (
        message
    )
    assert journal.read_bytes() == content


def test_a_key_twice_in_a_journal_in_another_layout_is_refused(tmp_path: Path) -> None:
    journal = tmp_path / "journal.json"
    content = b'{"ff_journal": {"1": {"schema": 2}}, "ideas": {}, "ideas": {}}'
    journal.write_bytes(content)
    done = run_ff("check", "x", *CHECK, "--journal", str(journal))
    assert done.returncode == 1 and "'ideas' appears twice" in done.stderr
    assert journal.read_bytes() == content


# --------------------------------------------------------------------------- not journals


@pytest.mark.parametrize("content", [b"", b"  \n\t\n"])
def test_an_empty_journal_is_refused_not_started_afresh(tmp_path: Path, content: bytes) -> None:
    journal = tmp_path / "journal.json"
    journal.write_bytes(content)
    done = run_ff("check", "x", *CHECK, "--journal", str(journal))
    assert done.returncode == 1
    assert "is empty" in done.stderr and "Started a new journal" not in done.stderr
    assert journal.read_bytes() == content


def test_a_journal_with_a_schema_below_one_is_refused(tmp_path: Path) -> None:
    journal = tmp_path / "journal.json"
    content = b'{"ff_journal": {"1": {"schema": -1}}, "ideas": {}}\n'
    journal.write_bytes(content)
    done = run_ff("ideas", "--journal", str(journal))
    assert done.returncode == 1 and "schema -1" in done.stderr
    assert journal.read_bytes() == content


def test_a_read_only_journal_is_read_but_never_rewritten(tmp_path: Path) -> None:
    journal = tmp_path / "journal.json"
    ref, _ = build(journal)
    journal.chmod(0o444)
    content = journal.read_bytes()
    for command in (
        ("log", ref, "--test", "t", "--result", "success", "--learned", "l"),
        ("check", "x", *CHECK),
        ("delete", ref, "--yes"),
        ("status", ref, "paused"),
    ):
        done = run_ff(*command, "--journal", str(journal))
        assert done.returncode == 1, (command, done.stderr)
        assert "is read-only" in done.stderr, command
        assert journal.read_bytes() == content
        assert stat.S_IMODE(journal.stat().st_mode) == 0o444
    assert run_ff("show", ref, "--journal", str(journal)).returncode == 0


@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_a_journal_path_that_is_not_a_file_is_refused_and_left_alone(
    tmp_path: Path, kind: str
) -> None:
    path = tmp_path / "journal.json"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        if os.geteuid() != 0:
            pytest.skip("making a device file needs root (CI runs as root)")
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a second /dev/null
    for command in (("ideas",), ("check", "x", *CHECK)):
        done = run_ff(*command, "--journal", str(path))
        message = " ".join(done.stderr.split())
        if kind == "folder":  # a usage problem: the path names a folder
            assert done.returncode == 2 and "is a folder" in message, (command, message)
        else:
            assert done.returncode == 1, (command, message)
            assert f"{path} is a" in message and "not a file" in message, message
    kept = path.lstat().st_mode
    assert stat.S_ISFIFO(kept) or stat.S_ISDIR(kept) or stat.S_ISCHR(kept)


# --------------------------------------------------------------------------- anything


VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=6,
)
FIELDS = st.sampled_from(
    ["title", "ref", "id", "level", "tags", "answers", "card", "team", "created", "hours",
     "number", "learned", "with", "status", "at", "by", "idea_id", "result"]
)  # fmt: skip


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    table=st.sampled_from(["ideas", "iterations", "status_changes"]),
    field=FIELDS,
    value=VALUES,
)
def test_any_value_in_any_field_is_read_or_refused_cleanly(
    built: tuple[Path, str], table: str, field: str, value: Any
) -> None:
    journal, ref = built
    data = json.loads(journal.read_bytes())
    first(data, table)[field] = value
    damaged = journal.with_name("damaged.json")
    content = write_in_ff_layout(damaged, data)
    for command in (("ideas", "--json"), ("show", ref, "--json"), ("summary", "--json")):
        done = run_ff(*command, "--journal", str(damaged))
        assert done.returncode in (0, 1), (command, done.stderr)
        assert "Traceback" not in done.stderr, (command, done.stderr)
        if done.returncode == 1:
            assert "damaged" in done.stderr or "not" in done.stderr, done.stderr
    assert damaged.read_bytes() == content


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    journal = tmp_path_factory.mktemp("built") / "journal.json"
    ref, _ = build(journal)
    return journal, ref
