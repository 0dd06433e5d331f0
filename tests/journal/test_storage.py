"""The journal under real use: many processes at once, writers killed mid-write,
damaged or foreign files, read-only commands, file modes and ids.

Every test here uses real processes and real files (see ff/storage.py for the
guarantees under test).
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import stat
import subprocess
import sys
import textwrap
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from tests.conftest import ALL_CLEAR, answer_options, run_ff, stored_records
from tests.together import go_when_ready

pytestmark = pytest.mark.slow

HEX32 = re.compile(r"[0-9a-f]{32}")
CHECK_ANSWERS = answer_options(ALL_CLEAR)


# --------------------------------------------------------------------------- helpers


def temp_files(journal: Path) -> set[str]:
    """Names of ff's temporary files beside the journal (``.<name>.<hex>.tmp``)."""
    return {p.name for p in journal.parent.glob(f".{journal.name}.*.tmp")}


def load_raw(journal: Path) -> dict[str, object]:
    """The journal file parsed as plain JSON (not through ff)."""
    data = json.loads(journal.read_bytes().decode("utf-8"))
    assert isinstance(data, dict)
    return data


def idea_ids(journal: Path) -> set[str]:
    return set(stored_records(journal).get("ideas", {}))


def one_line(text: str) -> str:
    """stderr with Rich's line wrapping undone."""
    return " ".join(text.split())


def snapshot(folder: Path) -> set[str]:
    """Every file and folder under ``folder``."""
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def check_in_process(journal: Path, title: str) -> str:
    """Record one idea through ff's library, in this process; its id."""
    from ff.cards.engine import decide
    from ff.cards.loading import find_card
    from ff.check.record import decision_record
    from ff.journal.ideas import NewIdea, record_check

    decision = decision_record(decide(find_card(None), ALL_CLEAR))
    record, _ = record_check(journal, NewIdea(title, "test-owner", None, ()), decision)
    return str(record["id"])


def spawn(script: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )


# --------------------------------------------------------------------------- 1. concurrency

PROCESSES = 8
CHECKS_EACH = 25

CONCURRENT_WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from tests.together import wait_for_go
    from ff.cards.loading import find_card
    from ff.cards.engine import decide
    from ff.check.record import decision_record
    from ff.journal.ideas import NewIdea, record_check

    journal, sync, n, count, answers = (
        Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5:]
    )
    # The card is loaded once: the contention is over the journal, not the card.
    decision = decision_record(decide(find_card(None), dict(a.split("=", 1) for a in answers)))
    wait_for_go(sync, n)  # start together, to fight over the lock
    for i in range(count):
        idea = NewIdea(f"process {n} idea {i}", f"writer-{n}", None, ())
        record_check(journal, idea, decision)
    """
)


def test_eight_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    journal = tmp_path / "shared" / "journal.json"
    sync = tmp_path / "sync"
    sync.mkdir()
    answers = [f"{key}={value}" for key, value in ALL_CLEAR.items()]
    writers = [
        spawn(CONCURRENT_WRITER, str(journal), str(sync), str(n), str(CHECKS_EACH), *answers)
        for n in range(PROCESSES)
    ]
    try:
        go_when_ready(sync, writers)
        for writer in writers:
            _, stderr = writer.communicate(timeout=90)
            assert writer.returncode == 0, stderr
    finally:
        for writer in writers:
            if writer.poll() is None:
                writer.kill()
                writer.wait()

    stored = stored_records(journal)["ideas"]  # valid JSON, of ff's schema
    assert len(stored) == PROCESSES * CHECKS_EACH

    listed = run_ff("ideas", "--json", "--journal", str(journal))
    assert listed.returncode == 0, listed.stderr
    ideas = json.loads(listed.stdout)
    assert len(ideas) == PROCESSES * CHECKS_EACH
    assert len({idea["id"] for idea in ideas}) == PROCESSES * CHECKS_EACH
    assert len({idea["ref"] for idea in ideas}) == PROCESSES * CHECKS_EACH
    assert {idea["id"] for idea in ideas} == set(stored)
    assert sorted(idea["title"] for idea in ideas) == sorted(
        f"process {n} idea {i}" for n in range(PROCESSES) for i in range(CHECKS_EACH)
    )
    # Only the journal and its lock are left: no temporary files of any name.
    assert temp_files(journal) == set()
    assert sorted(os.listdir(journal.parent)) == ["journal.json", "journal.json.lock"]


# --------------------------------------------------------------------------- 2. kill -9

KILLED_WRITER = textwrap.dedent(
    """
    import itertools, sys
    from pathlib import Path
    from ff.cards.loading import find_card
    from ff.cards.engine import decide
    from ff.check.record import decision_record
    from ff.journal.ideas import NewIdea, record_check

    journal, trial, answers = Path(sys.argv[1]), sys.argv[2], sys.argv[3:]
    decision = decision_record(decide(find_card(None), dict(a.split("=", 1) for a in answers)))
    print("ready", flush=True)
    for i in itertools.count():
        record, _ = record_check(
            journal, NewIdea(f"trial {trial} idea {i}", "killed", None, ()), decision
        )
        print(record["id"], flush=True)  # committed: it must survive any later kill
    """
)
KILL_TRIALS = 30


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX only")
def test_writer_killed_at_random_moments_never_damages_the_journal(
    journal: Path, ff: Callable[..., Result]
) -> None:
    rng = random.Random(os.environ.get("FF_KILL_SEED", "ff-kill"))
    answers = [f"{key}={value}" for key, value in ALL_CLEAR.items()]
    # A temporary file as a killed writer leaves it; the next write must remove it.
    planted = journal.parent / f".{journal.name}.{uuid.uuid4().hex}.tmp"
    planted.write_bytes(b'{"ff_journal": {"schema": 1}, "ideas": {\n"abc')

    known: set[str] = set()  # ideas the journal held after the last kill
    leftovers_seen = 0
    for trial in range(KILL_TRIALS):
        stale_before = temp_files(journal)
        writer = spawn(KILLED_WRITER, str(journal), str(trial), *answers)
        try:
            assert writer.stdout is not None
            if writer.stdout.readline().strip() != "ready":
                writer.kill()
                pytest.fail(f"the writer did not start: {writer.communicate()[1]}")
            time.sleep(rng.uniform(0, 0.3))
            os.kill(writer.pid, signal.SIGKILL)
            committed = writer.stdout.read().split()
        finally:
            if writer.poll() is None:
                writer.kill()
            writer.wait(timeout=30)
            writer.communicate()
        assert writer.returncode == -signal.SIGKILL

        if not journal.exists():
            assert not known and not committed, "the journal vanished"
            continue
        stored = idea_ids(journal)  # whole, valid JSON after every kill
        result = ff("ideas", "--json")
        assert result.exit_code == 0, result.output
        listed = {idea["id"] for idea in json.loads(result.stdout)}
        assert listed == stored
        assert known <= stored, f"trial {trial}: lost {len(known - stored)} committed ideas"
        assert set(committed) <= stored, f"trial {trial}: a reported write was lost"
        # At most one idea more than reported: the one written just before the kill.
        assert len(stored - known - set(committed)) <= 1
        if committed:  # this writer finished a write: it removed the earlier leftovers
            assert not stale_before & temp_files(journal), f"trial {trial}: stale temp kept"
        leftovers_seen += bool(temp_files(journal))
        known = stored

    assert known, "no writer ever finished a write"
    assert not planted.exists()
    # One more successful write (a real `ff check`) clears any leftover of the last kill.
    done = run_ff("check", "After the kills", *CHECK_ANSWERS)
    assert done.returncode == 0, done.stderr
    assert temp_files(journal) == set()
    final = run_ff("ideas", "--json")
    assert final.returncode == 0, final.stderr
    assert {idea["id"] for idea in json.loads(final.stdout)} >= known
    assert len(json.loads(final.stdout)) == len(known) + 1
    print(f"{KILL_TRIALS} kills, {len(known)} ideas, temp file left by {leftovers_seen} kills")


# --------------------------------------------------------------------------- 3. refused files


def _truncated_journal(journal: Path) -> bytes:
    check_in_process(journal, "First idea")
    check_in_process(journal, "Second idea")
    raw = journal.read_bytes()
    cut = len(raw) * 2 // 3
    while raw[cut] >= 0x80:  # cut between characters: the JSON, not the UTF-8, is broken
        cut -= 1
    return raw[:cut]


DAMAGED = {
    "truncated": _truncated_journal,
    "open-table": lambda _: b'{"ff_journal": {"schema": 1}, "ideas": {',
    "bad-delimiter": lambda _: b'{"ff_journal": {"schema": 1},\n"ideas": {"a": {} "b": {}}}\n',
}


def _expected_position(content: bytes) -> str:
    try:
        json.loads(content.decode("utf-8"))
    except json.JSONDecodeError as error:
        return f"line {error.lineno}, column {error.colno}"
    raise AssertionError("the damaged journal is valid JSON")


REFUSING_COMMANDS = [
    ("ideas",),
    ("ideas", "--json"),
    ("show", "x"),
    ("check", "Should not be recorded", *CHECK_ANSWERS),
]


def _assert_refused_and_unchanged(journal: Path, content: bytes, *needles: str) -> None:
    journal.write_bytes(content)
    past = time.time() - 3600
    os.utime(journal, (past, past))  # any rewrite, even of the same bytes, moves mtime
    before = journal.stat()
    for command in REFUSING_COMMANDS:
        result = run_ff(*command, env={"COLUMNS": "1000"})
        message = one_line(result.stderr)
        assert result.returncode == 1, (command, result.stdout, result.stderr)
        assert str(journal) in message, (command, message)
        for needle in needles:
            assert needle in message, (command, message)
        assert result.stdout == "", command
        assert journal.read_bytes() == content, command
        after = journal.stat()
        assert after.st_mtime_ns == before.st_mtime_ns, command
        assert after.st_size == before.st_size, command
        assert temp_files(journal) == set(), command


@pytest.mark.parametrize("kind", sorted(DAMAGED))
def test_damaged_journal_is_refused_and_left_alone(journal: Path, kind: str) -> None:
    content = DAMAGED[kind](journal)
    position = _expected_position(content)
    _assert_refused_and_unchanged(journal, content, "damaged", position, "line", "column")


def test_json_that_is_not_a_journal_is_refused_and_left_alone(journal: Path) -> None:
    _assert_refused_and_unchanged(journal, b"[1,2]\n", "not an ff journal")


def test_journal_from_a_newer_ff_is_refused_and_left_alone(journal: Path) -> None:
    content = b'{"ff_journal": {"schema": 99},\n"ideas": {}}\n'
    _assert_refused_and_unchanged(journal, content, "newer", "schema 99", "Upgrade")


# --------------------------------------------------------------------------- 4. read-only


@pytest.mark.parametrize("folder_exists", [False, True], ids=["missing-folder", "empty-folder"])
def test_reading_a_missing_journal_creates_nothing(tmp_path: Path, folder_exists: bool) -> None:
    folder = tmp_path / "missing" / "deeper"
    if folder_exists:
        folder.mkdir(parents=True)
    journal = folder / "journal.json"
    before = snapshot(tmp_path)

    by_option = ["--journal", str(journal)]
    by_env = {"FF_JOURNAL": str(journal)}
    for env, extra in ((None, by_option), (by_env, [])):
        listed = run_ff("ideas", *extra, env=env)
        assert listed.returncode == 0, listed.stderr
        assert "No ideas yet" in one_line(listed.stderr)
        as_json = run_ff("ideas", "--json", *extra, env=env)
        assert as_json.returncode == 0, as_json.stderr
        assert json.loads(as_json.stdout) == []
        shown = run_ff("show", "abc", *extra, env=env)
        assert shown.returncode == 2, shown.stderr
        assert "abc" in shown.stderr

    assert not journal.exists()
    assert not journal.with_name("journal.json.lock").exists()
    assert folder.exists() == folder_exists
    assert folder.parent.exists() == folder_exists
    assert snapshot(tmp_path) == before  # nothing at all was created


# --------------------------------------------------------------------------- 5. first write, mode


def test_first_write_creates_folder_and_journal_and_keeps_its_mode(tmp_path: Path) -> None:
    journal = tmp_path / "new" / "deeper" / "journal.json"
    first = run_ff("check", "First idea", *CHECK_ANSWERS, "--journal", str(journal))
    assert first.returncode == 0, first.stderr
    assert f"Started a new journal at {journal}" in one_line(first.stderr)
    assert journal.is_file()
    assert len(idea_ids(journal)) == 1
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(journal.stat().st_mode) == 0o666 & ~umask

    second = run_ff("check", "Second idea", *CHECK_ANSWERS, "--journal", str(journal))
    assert second.returncode == 0, second.stderr
    assert "Started a new journal" not in second.stderr

    journal.chmod(0o640)
    third = run_ff("check", "Third idea", *CHECK_ANSWERS, "--journal", str(journal))
    assert third.returncode == 0, third.stderr
    assert "Started a new journal" not in third.stderr
    assert stat.S_IMODE(journal.stat().st_mode) == 0o640
    assert len(idea_ids(journal)) == 3
    assert temp_files(journal) == set()


# --------------------------------------------------------------------------- 6. ids


def test_ids_are_uuids_kept_in_each_record_under_tinydb_document_ids(journal: Path) -> None:
    ids = []
    for title in ("One", "Two", "Three"):
        result = run_ff("check", title, *CHECK_ANSWERS, "--json")
        assert result.returncode == 0, result.stderr
        idea = json.loads(result.stdout)["idea"]
        assert HEX32.fullmatch(idea["id"]), idea["id"]
        assert uuid.UUID(hex=idea["id"]).version == 4
        assert idea["id"].startswith(idea["ref"]) and len(idea["ref"]) >= 6
        ids.append(idea["id"])
    assert len(set(ids)) == 3

    raw = load_raw(journal)
    assert list(raw) == ["ff_journal", "ideas", "status_changes"]
    assert list(raw["ideas"]) == ["1", "2", "3"]  # TinyDB's document ids, in order
    assert [record["id"] for record in raw["ideas"].values()] == ids  # the identity

    shown = run_ff("show", ids[1], "--json")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["title"] == "Two"
    listed = run_ff("ideas", "--json")
    assert listed.returncode == 0, listed.stderr
    assert sorted(idea["id"] for idea in json.loads(listed.stdout)) == sorted(ids)


def test_a_journal_reached_through_a_symlink_stays_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real" / "journal.json"
    check_in_process(real, "one")
    link_folder = tmp_path / "synced"
    link_folder.mkdir()
    link = link_folder / "journal.json"
    link.symlink_to(real)
    check_in_process(link, "two")
    assert link.is_symlink(), "writing through a link must not replace it with a copy"
    titles = {
        idea["title"]
        for idea in json.loads(run_ff("ideas", "--json", "--journal", str(real)).stdout)
    }
    assert titles == {"one", "two"}
    assert not (link_folder / "journal.json.lock").exists(), "the lock is beside the real file"


def test_a_journal_saved_with_a_bom_is_still_read(journal: Path) -> None:
    check_in_process(journal, "one")
    journal.write_bytes(b"\xef\xbb\xbf" + journal.read_bytes())
    listed = run_ff("ideas", "--json")
    assert listed.returncode == 0, listed.stderr
    assert [idea["title"] for idea in json.loads(listed.stdout)] == ["one"]


def test_a_schema_that_is_not_a_whole_number_is_refused(journal: Path) -> None:
    journal.write_text('{"ff_journal": {"schema": true}, "ideas": {}}\n')
    done = run_ff("ideas")
    assert done.returncode == 1
    assert "not an ff journal" in done.stderr
