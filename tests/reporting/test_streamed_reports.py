"""Reports over many journals read them one by one (ff.reporting.collect.Gathering), and
large ones keep their ideas on disk until the report is written (ff.reporting.kept).
Both must give what reading every journal at once gave: an idea in several journals
(after a merge) once, with every record of it, each record as the first journal has it.
The reference below is how ff gathered journals before, all tables combined at once."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from ff.journal.reading import ideas_in, read_journal_file
from ff.journal.records import IDEAS, ITERATIONS, STATUS_CHANGES
from ff.reporting.collect import collect, journal_names
from ff.reporting.exporters import REGISTRY, build_report, exporter
from ff.reporting.figures import Period, choose, summarise
from ff.reporting.kept import Ideas, Kept
from tests.benchmarks.bench import make_tables, write_journal

NOW = "2026-11-30T12:00:00Z"


def _reference(paths: list[Path]) -> list[dict[str, Any]]:
    """Every journal's tables combined (a record in several: the first journal's copy),
    then the ideas assembled, each naming the journals that have it."""
    tables: dict[str, dict[str, Any]] = {IDEAS: {}, ITERATIONS: {}, STATUS_CHANGES: {}}
    found_in: dict[str, list[str]] = {}
    names = journal_names(paths)
    for path in paths:
        read = read_journal_file(path) or {}
        for name, combined in tables.items():
            for key, record in read.get(name, {}).items():
                combined.setdefault(key, record)
        for key in read.get(IDEAS, {}):
            found_in.setdefault(key, []).append(names[path])
    return [{**idea, "journals": found_in[str(idea["id"])]} for idea in ideas_in(tables)]


@pytest.fixture(scope="module")
def merged_journals(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Three teams' journals that share ideas, as merging leaves them: an idea in two
    with iterations in each, one iteration in both edited differently, iterations whose
    idea is in a later journal only, and one whose idea is in an earlier one only."""
    folder = tmp_path_factory.mktemp("merged")
    first, second, third = (make_tables(400, ideas=25, seed=seed) for seed in (11, 12, 13))
    shared = list(first[IDEAS])[:4]
    for idea_id in shared:  # the same idea in the second journal, with more tries
        second[IDEAS][idea_id] = {**first[IDEAS][idea_id], "title": "edited on the way"}
        for table in (ITERATIONS, STATUS_CHANGES):
            for key, record in list(first[table].items()):
                if record["idea_id"] == idea_id:
                    second[table][key] = dict(record)
    edited = next(k for k, r in second[ITERATIONS].items() if r["idea_id"] == shared[0])
    second[ITERATIONS][edited]["learned"] = "the second journal's copy, not counted"
    for number, idea_id in enumerate(shared, 90):  # tried again on another laptop
        second[ITERATIONS][f"new{number}"] = {
            **first[ITERATIONS][next(iter(first[ITERATIONS]))],
            "id": f"new{number}",
            "idea_id": idea_id,
            "number": number,
            "date": "2026-10-30",
            "learned": f"learned later {number}",
        }
    waiting = next(iter(third[IDEAS]))  # its tries reached the second journal first
    for key, record in list(third[ITERATIONS].items())[:30]:
        if record["idea_id"] == waiting:
            second[ITERATIONS][key] = {**record, "learned": "met before its idea"}
    for key, record in list(first[ITERATIONS].items()):  # only the third has these now
        if record["idea_id"] == shared[1]:
            third[ITERATIONS][key] = record
            del first[ITERATIONS][key]
    paths = []
    for name, tables in zip(("alpha", "beta", "gamma"), (first, second, third), strict=True):
        write_journal(folder / f"{name}.json", tables)
        paths.append(folder / f"{name}.json")
    return paths


def test_gathering_one_by_one_gives_what_combining_gave(merged_journals: list[Path]) -> None:
    expected = _reference(merged_journals)
    gathered = collect(merged_journals, strict=True)
    assert gathered.ideas == expected
    shared = [idea for idea in expected if len(idea["journals"]) > 1]
    assert len(shared) == 4, "the fixture shares four ideas"
    learned = {it["learned"] for idea in shared for it in idea["iterations"]}
    assert "learned later 90" in learned
    assert "the second journal's copy, not counted" not in learned


def test_the_order_of_the_journals_decides_which_copy_counts(
    merged_journals: list[Path],
) -> None:
    backwards = merged_journals[::-1]
    assert collect(backwards, strict=True).ideas == _reference(backwards)


def _ff(*args: str, memory: str = "", workers: str = "") -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "FF_NOW": NOW, "NO_COLOR": "1", "FF_REPORT_MEMORY": memory}
    env["FF_REPORT_WORKERS"] = workers
    return subprocess.run([sys.executable, "-m", "ff", *args], env=env, capture_output=True)


def _journals(paths: list[Path]) -> list[str]:
    return [arg for path in paths for arg in ("--journal", str(path))]


PERIODS = [[], ["--since", "2026-03-01", "--until", "2026-08-31"]]


@pytest.mark.parametrize("workers", ["0", "2"], ids=["read here", "read by two processes"])
@pytest.mark.parametrize("period", PERIODS, ids=["all", "a period"])
@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_every_export_is_the_same_kept_on_disk(
    merged_journals: list[Path], name: str, period: list[str], workers: str
) -> None:
    """FF_REPORT_MEMORY=0 keeps the ideas on disk whatever their size: the file is
    byte for byte the one made with every idea in memory, and the one made from the
    journals combined at once; read here or by other processes."""
    args = ["export", "--format", name, *_journals(merged_journals), *period]
    in_memory, on_disk = _ff(*args), _ff(*args, memory="0", workers=workers)
    assert in_memory.returncode == on_disk.returncode == 0, on_disk.stderr
    assert on_disk.stdout == in_memory.stdout
    since, until = (date_of(period[1]), date_of(period[3])) if period else (None, None)
    chosen = _reference_chosen(merged_journals, since, until)
    figures = summarise(chosen, Period(since, until)) if REGISTRY[name].needs_figures else {}
    report = build_report(
        figures,
        chosen,
        generated=NOW,
        journals=["alpha", "beta", "gamma"],
        problems=[],
        filters={
            "status": [],
            "level": [],
            "team": [],
            "owner": [],
            "tag": [],
            "idea": [],
            "since": since.isoformat() if since else None,
            "until": until.isoformat() if until else None,
        },
    )
    assert on_disk.stdout == exporter(name)(report).encode("utf-8")


def date_of(text: str) -> Any:
    from datetime import date

    return date.fromisoformat(text)


def _reference_chosen(paths: list[Path], since: Any, until: Any) -> list[dict[str, Any]]:
    from ff.dates import today
    from ff.journal.filters import build_filter

    chosen = build_filter(
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        today=today(),
    )
    return choose(_reference(paths), chosen, [])


@pytest.mark.parametrize("workers", ["0", "2"], ids=["read here", "read by two processes"])
@pytest.mark.parametrize("args", [["--json"], ["--all"], [], ["--json", "--status", "adopted"]])
def test_the_summary_is_the_same_kept_on_disk(
    merged_journals: list[Path], args: list[str], workers: str
) -> None:
    command = ["summary", *args, *_journals(merged_journals)]
    in_memory, on_disk = _ff(*command), _ff(*command, memory="0", workers=workers)
    assert (on_disk.returncode, on_disk.stdout, on_disk.stderr) == (
        in_memory.returncode,
        in_memory.stdout,
        in_memory.stderr,
    )
    if args == ["--json"]:
        summary = json.loads(on_disk.stdout)
        assert summary["learnings"], "every idea's learnings, read back from disk"
        assert summary["ideas"] == len(_reference(merged_journals))


def test_a_case_study_is_the_same_kept_on_disk(merged_journals: list[Path]) -> None:
    ref = _reference(merged_journals)[0]["ref"]
    for name in ("html", "md"):
        args = ["export", ref, "--format", name, *_journals(merged_journals)]
        in_memory, on_disk = _ff(*args), _ff(*args, memory="0")
        assert on_disk.returncode == 0, on_disk.stderr
        assert on_disk.stdout == in_memory.stdout
        assert b"case study" in on_disk.stdout


def test_a_setting_that_is_not_a_size_is_refused(merged_journals: list[Path]) -> None:
    done = _ff("summary", *_journals(merged_journals), memory="lots")
    assert done.returncode == 2
    assert b"FF_REPORT_MEMORY='lots' is not a number of megabytes" in done.stderr
    assert not done.stdout
    done = _ff("summary", *_journals(merged_journals), memory="0", workers="two")
    assert done.returncode == 2
    assert b"FF_REPORT_WORKERS='two' is not a whole number" in done.stderr
    assert not done.stdout


def test_a_journal_that_cannot_be_read_is_named_whoever_reads_it(
    merged_journals: list[Path], tmp_path: Path
) -> None:
    """Read by other processes, a damaged or missing journal is named as when read
    here, the others still reported (exit 1), or, with --strict, nothing."""
    damaged = tmp_path / "damaged.json"
    damaged.write_text('{"ideas": {"1": {"id": "x", "created": ', encoding="utf-8")
    journals = [*merged_journals[:2], damaged, tmp_path / "missing.json", merged_journals[2]]
    command = ["summary", "--json", *_journals(journals)]
    here = _ff(*command, memory="0", workers="0")
    elsewhere = _ff(*command, memory="0", workers="2")
    assert here.returncode == elsewhere.returncode == 1
    assert (elsewhere.stdout, elsewhere.stderr) == (here.stdout, here.stderr)
    assert b"damaged.json" in elsewhere.stderr
    assert b"There is no journal at" in elsewhere.stderr
    strict = _ff(*command, "--strict", memory="0", workers="2")
    strict_here = _ff(*command, "--strict", memory="0", workers="0")
    assert (strict.returncode, strict.stderr) == (strict_here.returncode, strict_here.stderr)
    assert strict.returncode != 0
    assert b"damaged.json" in strict.stderr
    assert not strict.stdout


def test_kept_on_disk_ideas_come_back_as_they_went() -> None:
    kept = Kept(on_disk=True)
    ideas = [
        {"id": "a", "title": "Café ☕", "hours": 1.5, "iterations": [{"n": [1, None, True]}]},
        {"id": "b", "huge": 10**40, "iterations": []},  # beyond msgpack: pickled
        {"id": "c", "nested": {"deep": [{"x": "y"}]}, "iterations": []},
    ]
    handles = [kept.put(idea) for idea in ideas]
    assert [kept.get(handle) for handle in reversed(handles)] == ideas[::-1]
    shown = Ideas(kept, handles, {"b": handles[1]}, lambda idea: idea, [])
    assert len(shown) == 3
    assert list(shown) == ideas
    assert shown[1] == ideas[1]
    assert shown[1:] == ideas[1:]
    assert shown.find("b") == ideas[1]
    assert shown.find("nobody") is None
    kept.close()


def test_in_memory_the_handle_is_the_idea() -> None:
    kept = Kept(on_disk=False)
    idea = {"id": "a"}
    assert kept.get(kept.put(idea)) is idea


def _peak(paths: list[Path], on_disk: bool) -> int:
    tracemalloc.start()
    try:
        kept = Kept(on_disk=on_disk)
        gathered = collect(paths, strict=True, kept=kept, look=lambda idea: idea["id"])
        assert gathered.looks
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_kept_on_disk_only_one_journal_is_held_at_once(tmp_path: Path) -> None:
    """Six journals: kept on disk, the most memory held at once is about one journal's
    records; in memory, all six."""
    paths = []
    for seed in range(6):
        paths.append(tmp_path / f"team{seed}.json")
        write_journal(paths[-1], make_tables(1500, ideas=30, seed=seed))
    in_memory, on_disk = _peak(paths, on_disk=False), _peak(paths, on_disk=True)
    assert on_disk < in_memory / 3, (on_disk, in_memory)


def test_a_write_stopped_half_way_leaves_the_old_file(tmp_path: Path) -> None:
    """An export is written as it is made: stopped half way (Ctrl-C, or an error
    making it), the file is as it was and no temporary file is left."""
    from ff.files import atomic_write

    target = tmp_path / "out" / "report.html"
    target.parent.mkdir()
    target.write_bytes(b"the report before")

    def half_made() -> Any:
        yield b"<!DOCTYPE html>"
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, half_made())
    assert target.read_bytes() == b"the report before"
    assert [p.name for p in target.parent.iterdir()] == ["report.html"]


def test_ctrl_c_while_a_large_export_is_written_leaves_nothing(tmp_path: Path) -> None:
    """Ctrl-C once the export has started to be written (its temporary file is there):
    exit 130, no report, no temporary file, no process left reading or writing."""
    import signal
    import time

    folder = tmp_path / "journals"
    folder.mkdir()
    for seed in range(4):
        write_journal(folder / f"team{seed}.json", make_tables(5000, ideas=60, seed=seed))
    env = {**os.environ, "FF_REPORT_MEMORY": "0", "FF_REPORT_WORKERS": "2", "NO_COLOR": "1"}
    target = tmp_path / "out" / "report.html"
    target.parent.mkdir()
    command = [sys.executable, "-m", "ff", "export", "-f", "html", "--journal", str(folder)]
    running = subprocess.Popen(
        [*command, "-o", str(target)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own group: the signal reaches ff and its helpers
    )
    deadline = time.monotonic() + 60
    while not any(target.parent.iterdir()) and running.poll() is None:
        assert time.monotonic() < deadline, "the export never started to be written"
        time.sleep(0.005)
    os.killpg(running.pid, signal.SIGINT)  # as Ctrl-C does: to every process of the group
    _, said = running.communicate(timeout=60)
    assert running.returncode == 130, said
    assert b"Traceback" not in said
    assert list(target.parent.iterdir()) == []
    time.sleep(0.2)
    left = subprocess.run(["pgrep", "-s", str(running.pid)], capture_output=True, text=True)
    assert left.stdout == "", "a helper process was left running"


@pytest.mark.parametrize("format_", ["html", "md", "json"])
def test_an_export_makes_each_learning_as_it_writes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, format_: str
) -> None:
    """An export of journals held in memory makes each idea's learning only as it writes
    it, once, with text written between one and the next: made all at once before the
    writing, the learnings of a million iterations held 260 MB more, and took 2 s more
    of the HTML export (see ff.reporting.fold.Learnings)."""
    import ff.reporting.fold as fold
    from ff.cli.report_calls import Wanted, gather
    from ff.reporting.exporters import exporter_in_pieces, text_of

    path = tmp_path / "journal.json"
    write_journal(path, make_tables(300, ideas=12, seed=5))
    monkeypatch.setenv("FF_NOW", NOW)
    written: list[str] = []
    made_after: list[int] = []  # how much text was written when each learning was made
    real = fold._learning

    def learning(idea: dict[str, Any], tries: list[dict[str, Any]]) -> dict[str, Any]:
        made_after.append(sum(map(len, written)))
        return real(idea, tries)

    monkeypatch.setattr(fold, "_learning", learning)
    filters = dict(status=[], level=[], team=[], owner=[], tag=[], since=None, until=None)
    sources = {"journal": [path], "idea": [], "strict": False}
    about = REGISTRY[format_]
    report = gather(None, filters, sources, Wanted(True, about.fields, table=about.table))[0]
    tried = report["summary"]["ideas_tried"]
    assert tried == 12 and made_after == [], "no learning made before the writing"
    for piece in exporter_in_pieces(format_)(report):
        written.append(text_of(piece))
    assert len(made_after) == tried, "each learning made once"
    assert made_after == sorted(set(made_after)), "text written between one and the next"
    assert made_after[0] > 0, "the report's head written before the first learning"


@pytest.mark.parametrize(
    ("memory", "workers"),
    [("", ""), ("0", "0"), ("0", "2")],
    ids=["in memory", "kept on disk", "kept on disk, written by two processes"],
)
def test_csv_rows_are_in_number_order_whatever_the_file_order(
    tmp_path: Path, memory: str, workers: str
) -> None:
    """The CSV export puts each idea's iterations in order (by number) as it writes its
    rows, not as the journal is gathered: a journal whose iterations lie in the file in
    another order (renumbered, merged from another laptop) gives the rows a journal in
    order gives, and each idea's rows go up by number."""
    tables = make_tables(240, ideas=6, seed=9)
    reversed_ = {**tables, "iterations": dict(reversed(list(tables["iterations"].items())))}
    outputs = []
    for folder, made in (("in-order", tables), ("reversed", reversed_)):
        (tmp_path / folder).mkdir()
        write_journal(tmp_path / folder / "team.json", made)
        write_journal(tmp_path / folder / "other.json", make_tables(40, ideas=2, seed=10))
        done = _ff(
            "export", "--format", "csv", "--journal", str(tmp_path / folder),
            memory=memory, workers=workers,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[1] == outputs[0]
    rows = list(csv.DictReader(io.StringIO(outputs[1].decode("utf-8-sig"))))
    numbers: dict[str, list[int]] = {}
    for row in rows:
        numbers.setdefault(row["idea_id"], []).append(int(row["iteration"]))
    assert len(rows) == 280 and len(numbers) == 8
    assert all(each == sorted(each) for each in numbers.values()), "rows by number"
