"""ff's benchmark: whole-process wall times (median of several runs after a warm-up)
and peak memory, as ratios to ``python -c pass``, on journals of 1k, 10k and 100k
iterations. Speed is measured here, never asserted by a test.

    python -m tests.benchmarks.bench [--runs 7] [--sizes 1000,10000,100000] [--out FILE.md]
    python -m tests.benchmarks.bench --startup [--compare OTHER_CHECKOUT]
    python -m tests.benchmarks.bench --cards     # only the cards as large as ff reads
    python -m tests.benchmarks.bench --hostile   # only the hostile files of tests/data
    python -m tests.benchmarks.bench --merge-only  # only the merge driver (git's merges)
    python -m tests.benchmarks.bench --growth --sizes 100000,1000000 [--runs 3]

``--growth`` times only ``ff summary`` and the four exports, on one journal of each
size, and how their time grows from one size to the next (issue 13: at most 11x
from 100k to 1M), the sizes in turn (see ``in_turn``); the whole benchmark's
table of growth has them too.
``--startup`` times only start-up (``--version``, ``--help``, a command's help);
``--compare`` also times the ff of another checkout (say, the commit before a
change, from ``git worktree add`` or ``git archive``) in the same run, each
command by one and then the other, so that both face the same machine.

Journals are generated straight into ff's file format (realistic text lengths,
several hundred ideas, several teams), in a temporary folder, by a child process:
this one stays small, since the peak memory reported for each command counts the
size of the process that started it.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

WORDS = [
    "families",
    "parents",
    "children",
    "young",
    "people",
    "volunteers",
    "greeter",
    "buddy",
    "mentor",
    "centre",
    "session",
    "phone",
    "call",
    "referral",
    "health",
    "visitor",
    "waiting",
    "room",
    "noise",
    "trust",
    "choice",
    "coach",
    "goal",
    "plan",
    "budget",
    "time",
    "staff",
    "partner",
    "school",
    "nursery",
    "library",
    "outreach",
    "evening",
    "weekend",
    "rota",
    "meeting",
    "feedback",
    "survey",
    "visit",
    "home",
    "group",
    "play",
    "language",
    "welsh",
]
TEAMS = (
    "Family support",
    "Early years",
    "Youth service",
    "Adult social care",
    "Libraries",
    "Housing",
    "Schools",
    "Health visiting",
)
RESULTS = ("success", "partial", "failure", "inconclusive")
ALL_CLEAR = [
    "legal=yes",
    "values=yes",
    "harm=no",
    "personal_data=no",
    "budget=yes",
    "reversible=yes",
    "newspaper=yes",
    "accountable=yes",
]


def sentence(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize()


def make_tables(iterations: int, ideas: int, seed: int) -> dict[str, dict[str, Any]]:
    """Journal tables with ``ideas`` ideas sharing ``iterations`` iterations."""
    from ff.cards.engine import decide
    from ff.cards.loading import find_card
    from ff.check.record import decision_record

    rng = random.Random(seed)
    decision = decision_record(decide(find_card(None), dict(a.split("=") for a in ALL_CLEAR)))
    tables: dict[str, dict[str, Any]] = {"ideas": {}, "iterations": {}, "status_changes": {}}
    idea_ids = []
    for n in range(ideas):
        idea_id = uuid.UUID(int=rng.getrandbits(128)).hex
        idea_ids.append(idea_id)
        created = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T09:00:00Z"
        tables["ideas"][idea_id] = {
            "id": idea_id,
            "ref": idea_id[:6] + str(n),
            "title": sentence(rng, 4, 9),
            "owner": f"owner{n % 40}",
            "team": TEAMS[n % len(TEAMS)],
            "tags": ["bench"],
            "created": created,
            **decision,
        }
        change_id = uuid.UUID(int=rng.getrandbits(128)).hex
        tables["status_changes"][change_id] = {
            "id": change_id,
            "idea_id": idea_id,
            "status": "prototyping",
            "at": created,
            "by": "bench",
            "note": None,
            "recorded_by": "bench",
        }
    numbers: dict[str, int] = {}
    for _ in range(iterations):
        idea_id = rng.choice(idea_ids)
        numbers[idea_id] = numbers.get(idea_id, 0) + 1
        it_id = uuid.UUID(int=rng.getrandbits(128)).hex
        tables["iterations"][it_id] = {
            "id": it_id,
            "idea_id": idea_id,
            "number": numbers[idea_id],
            "created": "2026-01-01T10:00:00Z",
            "author": "bench",
            "date": f"2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}",
            "test": sentence(rng, 8, 20),
            "result": rng.choice(RESULTS),
            "observed": sentence(rng, 8, 25),
            "learned": sentence(rng, 10, 30),
            "next_step": sentence(rng, 5, 12),
            "with": rng.sample(["families", "partners", "young-people"], 1),
            "hours": rng.randint(1, 12),
            "tags": [],
        }
    return tables


def write_journal(path: Path, tables: dict[str, dict[str, Any]]) -> None:
    """Write tables of records keyed by their own ids as a journal: the records keep
    their ids, under TinyDB's document ids (1, 2, ...), in ff's layout."""
    from ff.journal.lines import serialise

    numbered = {
        name: {str(n): record for n, record in enumerate(records.values(), 1)}
        for name, records in tables.items()
    }
    path.write_bytes(serialise(numbered))


def generate(folder: Path, sizes: list[int], *, teams: bool = True) -> dict[str, str]:
    """Write the journals (``journal-SIZE.json``, and unless not ``teams``, ``teams/`` of
    10 journals sharing the largest size); return the ref of an idea of each journal,
    by size."""
    refs = {}
    for size in sizes:
        tables = make_tables(size, ideas=max(300, size // 100), seed=size)
        write_journal(folder / f"journal-{size}.json", tables)
        refs[str(size)] = next(iter(tables["ideas"].values()))["ref"]
    if teams:
        _write_teams(folder / "teams", sizes[-1])
    return refs


def _write_teams(teams: Path, size: int) -> None:
    """10 journals of a tenth of ``size`` each, as 10 teams' journals."""
    teams.mkdir()
    for n in range(10):
        tables = make_tables(size // 10, ideas=max(30, size // 1000), seed=n)
        write_journal(teams / f"team{n}.json", tables)


def generate_elsewhere(
    folder: Path, sizes: list[int], cwd: Path | None = None, *, teams: bool = True
) -> dict[str, str]:
    """``generate`` in a child process, so that this process stays small: the peak
    memory the kernel reports for a command started from here counts this process's
    own size, since the child shares its memory until it runs the command. With
    ``cwd`` (another checkout), that checkout writes the journals, in its own format."""
    sizes_option = ",".join(map(str, sizes))
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.benchmarks.bench",
            "--generate",
            str(folder),
            "--sizes",
            sizes_option,
            *([] if teams else ["--no-teams"]),
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=cwd,
    )
    refs: dict[str, str] = json.loads(done.stdout)
    return refs


def run_once(
    command: list[str],
    env: dict[str, str],
    cwd: Path | None = None,
    prepare: Callable[[], None] | None = None,
) -> tuple[float, int]:
    """Wall seconds and peak resident memory (KiB) of one whole process (``prepare``
    runs first, untimed: the merge driver writes over one of its inputs)."""
    if prepare is not None:
        prepare()
    start = time.perf_counter()
    child = subprocess.Popen(
        command,
        env=env,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, int(usage.ru_maxrss)


def measure(
    command: list[str],
    env: dict[str, str],
    runs: int,
    cwd: Path | None = None,
    prepare: Callable[[], None] | None = None,
) -> tuple[float, int]:
    run_once(command, env, cwd, prepare)  # warm-up: disk cache and .pyc files
    results = [run_once(command, env, cwd, prepare) for _ in range(runs)]
    return statistics.median(r[0] for r in results) * 1000, max(r[1] for r in results)


Run = tuple[list[str], dict[str, str], "Path | None"]  # a command, its environment, its folder


def in_turn(commands: list[Run], runs: int) -> tuple[list[tuple[float, int]], float]:
    """Each command's median ms and peak memory (KiB), and the median ms of ``python -c
    pass`` timed with them: in rounds, each round running ``python -c pass`` and then
    every command once, so that each ratio (and each comparison of one command with
    another) is of times taken at the same moments. A run of the whole benchmark
    takes about 11 minutes, and the machine it was measured on changes under it: in
    one run, ``python -c pass`` took 8.6 ms at the start, and ``ff ideas --json`` of
    10k, unchanged since the run before, 120 ms rather than 105 (14.0 rather than
    11.2 times the start's), while both took 10.5 and 121 ms in turn a minute after."""
    base_command = [sys.executable, "-c", "pass"]
    base_env = commands[0][1] if commands else dict(os.environ)
    for command, env, cwd in [(base_command, base_env, None), *commands]:
        run_once(command, env, cwd)  # warm-up: disk cache and .pyc files
    base: list[float] = []
    results: list[list[tuple[float, int]]] = [[] for _ in commands]
    for _ in range(runs):
        base.append(run_once(base_command, base_env)[0])
        for (command, env, cwd), timed in zip(commands, results, strict=True):
            timed.append(run_once(command, env, cwd))
    medians = [
        (statistics.median(r[0] for r in timed) * 1000, max(r[1] for r in timed))
        for timed in results
    ]
    return medians, statistics.median(base) * 1000


STARTUP = [
    ("ff --version", ["--version"]),
    ("ff --help", ["--help"]),
    ("ff check --help", ["check", "--help"]),
    ("ff cards list --help", ["cards", "list", "--help"]),
]


def startup(runs: int, compare: Path | None) -> list[str]:
    """Start-up only: each command's median and its ratio to ``python -c pass``, here
    and (with ``compare``) in another checkout, alternating so both see the same load.
    ``python -m ff`` runs the ff of the folder it starts in."""
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    here = Path(__file__).resolve().parents[2]
    places = [("this checkout", here)] + ([(f"{compare}", compare.resolve())] if compare else [])
    base: list[float] = []
    times: dict[tuple[str, str], list[float]] = {}
    for _ in range(runs):  # rounds: every command once per round, in turn
        base.append(run_once([sys.executable, "-c", "pass"], env)[0])
        for name, args in STARTUP:
            for place, folder in places:
                if len(base) == 1:
                    run_once(ff(*args), env, folder)  # warm-up
                times.setdefault((name, place), []).append(run_once(ff(*args), env, folder)[0])
    pass_ms = statistics.median(base) * 1000
    header = "| command | " + " | ".join(f"{p} ms | {p} ×" for p, _ in places) + " |"
    table = [header, "|---|" + "---:|---:|" * len(places)]
    table.append("| python -c pass | " + " | ".join(f"{pass_ms:.0f} | 1.0" for _ in places) + " |")
    for name, _ in STARTUP:
        cells = []
        for place, _ in places:
            ms = statistics.median(times[(name, place)]) * 1000
            cells.append(f"{ms:.0f} | {ms / pass_ms:.1f}")
        table.append(f"| {name} | " + " | ".join(cells) + " |")
    return table


# --------------------------------------------------------------------------- merging
# ff as git's merge driver: two copies of a journal of 10,000 iterations that grew
# apart from the same ancestor. Each side logs 1,000 iterations on the ancestor's ideas
# (so their numbers collide and are renumbered), corrects 200 (100 of them the same
# iterations as the other side, differently: conflicts) and deletes 5 ideas.


def _merge_side(base: dict[str, dict[str, Any]], seed: int) -> dict[str, dict[str, Any]]:
    rng, shared = random.Random(seed), random.Random(3)
    tables = json.loads(json.dumps(base))
    ideas = sorted(tables["ideas"])
    numbers: dict[str, int] = {}
    for iteration in tables["iterations"].values():
        numbers[iteration["idea_id"]] = max(
            numbers.get(iteration["idea_id"], 0), iteration["number"]
        )
    for _ in range(1000):
        idea_id = rng.choice(ideas)
        numbers[idea_id] += 1
        it_id = uuid.UUID(int=rng.getrandbits(128)).hex
        tables["iterations"][it_id] = {
            "id": it_id,
            "idea_id": idea_id,
            "number": numbers[idea_id],
            "created": f"2026-02-01T10:{seed:02d}:00Z",
            "author": f"side{seed}",
            "date": "2026-02-01",
            "test": sentence(rng, 8, 20),
            "result": rng.choice(RESULTS),
            "learned": sentence(rng, 10, 30),
            "with": [],
            "tags": [],
        }
    old = sorted(base["iterations"])
    for it_id in shared.sample(old, 100) + rng.sample(old, 100):
        iteration = tables["iterations"][it_id]
        iteration["learned"] = f"{sentence(rng, 10, 30)} (side {seed})"
        iteration["edited"] = [{"at": f"2026-02-02T10:{seed:02d}:00Z", "by": f"side{seed}"}]
    tables["deleted"] = {}
    for idea_id in rng.sample(ideas, 5):
        for table in ("ideas", "iterations", "status_changes"):
            for key in [k for k, r in tables[table].items() if idea_id in (k, r.get("idea_id"))]:
                del tables[table][key]
                tables["deleted"][key] = {"id": key, "table": table, "at": "2026-02-03T10:00:00Z"}
    return tables


def generate_merge(folder: Path) -> None:
    """``merge/ancestor.json``, ``merge/ours.json`` and ``merge/theirs.json``."""
    base = make_tables(10_000, ideas=300, seed=7)
    (folder / "merge").mkdir()
    write_journal(folder / "merge" / "ancestor.json", base)
    for name, seed in (("ours", 1), ("theirs", 2)):
        write_journal(folder / "merge" / f"{name}.json", _merge_side(base, seed))


def merge_rows(folder: Path, env: dict[str, str], runs: int) -> list[tuple[str, float, int]]:
    """The merge driver's time, and ``ff --version``'s (start-up) beside it."""
    merge = folder / "merge"
    shutil.copyfile(merge / "ours.json", merge / "ours-as-read.json")

    def fresh_ours() -> None:
        shutil.copyfile(merge / "ours-as-read.json", merge / "ours.json")

    sides = [str(merge / f"{name}.json") for name in ("ancestor", "ours", "theirs")]
    driver = ff("share", "merge-driver", *sides, "team.json")
    start_up, start_up_mem = measure(ff("--version"), env, runs)
    merged, merged_mem = measure(driver, env, runs, prepare=fresh_ours)
    return [
        ("ff --version (start-up)", start_up, start_up_mem),
        ("ff share merge-driver: 10k + 10k, 10k ancestor", merged, merged_mem),
        ("  the merge, on top of start-up", merged - start_up, 0),
    ]


def ff(*args: str) -> list[str]:
    return [sys.executable, "-m", "ff", *args]


HOSTILE = Path(__file__).resolve().parent.parent / "data" / "hostile"


def timed_table(
    rows: list[tuple[str, float, int]],
    base: float,
    heading: str,
    bases: dict[str, float] | None = None,
) -> list[str]:
    """The rows as a Markdown table: median ms, the ratio to ``python -c pass`` (``base``
    ms, or the row's own in ``bases``: timed with it, see ``in_turn``) and the peak
    memory."""
    own = bases or {}
    table = [f"| {heading} | median ms | × python -c pass | peak MiB |", "|---|---:|---:|---:|"]
    table += [
        f"| {name} | {ms:.0f} | {ms / own.get(name, base):.1f} | {mem / 1024:.0f} |"
        for name, ms, mem in rows
    ]
    return table


def hostile(runs: int) -> list[str]:
    """Each hostile file of tests/data/hostile through a command that reads it (a
    journal: ``ff ideas``; an answers file: ``ff check --dry-run``; a card: ``ff cards
    validate``): every one refused in well under a second, the slowest last."""
    env = {**os.environ, "FF_OWNER": "bench", "NO_COLOR": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    base, _ = measure([sys.executable, "-c", "pass"], env, runs)
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for path in sorted((HOSTILE / "journals").glob("*.json")):
            copy = Path(folder) / path.name
            copy.write_bytes(path.read_bytes())
            rows.append((f"ff ideas on {path.name}", ff("--journal", str(copy), "ideas")))
        for path in sorted((HOSTILE / "answers").glob("*.*")):
            if path.name != "answers.yaml":
                command = ff("check", "t", "--dry-run", "--answers", str(path))
                rows.append((f"ff check --answers {path.name}", command))
        for path in sorted((HOSTILE / "cards").glob("*.yaml")):
            if path.name != "cards.yaml":
                rows.append((f"ff cards validate {path.name}", ff("cards", "validate", str(path))))
        timed = [(name, *measure(command, env, runs)) for name, command in rows]
    timed.sort(key=lambda row: row[1])
    table = timed_table(timed, base, "hostile input")
    return table


def _in(command: list[str], folder: Path) -> list[str]:
    """The command with ``{folder}`` in its arguments replaced by the journals' folder."""
    return [part.replace("{folder}", str(folder)) for part in command]


# Cards as large as ff reads, each stretching one part of a card (their make.py).
def make_big_cards(folder: Path) -> list[Path]:
    from tests.data.big_cards.make import write

    return write(folder)


def card_commands(folder: Path) -> list[tuple[str, list[str]]]:
    """``ff cards validate`` on each big card, and ``ff cards test`` on the one with
    the most examples: a card is read, checked or refused in about a second."""
    commands = [
        (f"ff cards validate {p.name}", ff("cards", "validate", str(p)))
        for p in make_big_cards(folder)
    ]
    examples = folder / "examples.yaml"
    return [*commands, ("ff cards test examples.yaml", ff("cards", "test", str(examples)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--out", type=Path, help="also write the Markdown table here")
    parser.add_argument("--cards", action="store_true", help="only the big cards")
    parser.add_argument("--hostile", action="store_true", help="only the hostile files")
    parser.add_argument("--generate", type=Path, help=argparse.SUPPRESS)
    parser.add_argument(
        "--merge-only", action="store_true", help="only time the merge driver (git's merges)"
    )
    parser.add_argument("--startup", action="store_true", help="time start-up only")
    parser.add_argument(
        "--growth", action="store_true", help="only the summary and exports, and their growth"
    )
    parser.add_argument("--no-teams", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--compare", type=Path, help="also time another checkout's ff")
    options = parser.parse_args()
    sizes = [int(s) for s in options.sizes.split(",")]
    if options.generate:
        generate_merge(options.generate)
        if options.merge_only:
            return
        print(json.dumps(generate(options.generate, sizes, teams=not options.no_teams)))
        return
    if options.merge_only:
        merge_only(options.runs)
        return
    if options.growth:
        growth_only(sizes, options.runs, options.out)
        return
    if options.hostile:
        print("\n".join(hostile(options.runs)))
        return
    if options.startup:
        text = "\n".join([*startup(options.runs, options.compare), ""])
        print(text)
        if options.out:
            options.out.write_text(text, encoding="utf-8")
        return
    rows: list[tuple[str, float, int]] = []
    compared: dict[str, tuple[float, int]] = {}  # with --compare: the other checkout's
    bases: dict[str, float] = {}  # python -c pass, timed with each row (see in_turn)
    answers = [part for a in ALL_CLEAR for part in ("--answer", a)]
    with tempfile.TemporaryDirectory() as folder:
        base_env = {**os.environ, "FF_OWNER": "bench", "NO_COLOR": "1"}
        base_env.pop("FF_JOURNAL", None)
        # As people run ff: with compiled bytecode cached (the warm-up run writes it).
        base_env.pop("PYTHONDONTWRITEBYTECODE", None)
        base, base_mem = measure([sys.executable, "-c", "pass"], base_env, options.runs)
        rows.append(("python -c pass", base, base_mem))

        here, there = Path(folder) / "here", Path(folder) / "there"
        other = options.compare.resolve() if options.compare else None

        def add(name: str, command: list[str], journal: str | None) -> float:
            """Time ``command`` on ``journal`` (a path in the journals' folder, or None:
            none given), with ``python -c pass`` and, with --compare, the other
            checkout's ff on its own copy, in turn (see ``in_turn``)."""
            places = [(here, None)] + ([(there, other)] if other is not None else [])
            commands: list[Run] = [
                (
                    _in(command, folder),
                    {**base_env, "FF_JOURNAL": str(folder / journal)} if journal else base_env,
                    cwd,
                )
                for folder, cwd in places
            ]
            timed, bases[name] = in_turn(commands, options.runs)
            (ms, mem), *then = timed
            rows.append((name, ms, mem))
            print(f"{name}: {ms:.0f} ms, {ms / bases[name]:.1f}x", file=sys.stderr)
            if then:
                compared[name] = then[0]
            return ms

        if options.cards or other is None:  # an older ff took minutes on these cards
            for name, command in card_commands(Path(folder) / "cards"):
                add(name, command, None)
        if options.cards:  # the card rows alone, as rows of the table below
            for name, ms, mem in rows:
                print(f"| {name} | {ms:.0f} | {ms / bases[name]:.1f} | {mem / 1024:.0f} |")
            return
        refs = generate_elsewhere(here, sizes)
        if other is not None:
            generate_elsewhere(there, sizes, other)  # the same journals, in its format
        for size in sizes:
            journal = f"journal-{size}.json"
            ref = refs[str(size)]
            label = f"{size // 1000}k"
            if size == sizes[0]:
                add("ff --version", ff("--version"), journal)
                add("ff --help", ff("--help"), journal)
                add(
                    "ff check, all answers given (records)", ff("check", "Bench", *answers), journal
                )
            add(f"ff ideas ({label})", ff("ideas"), journal)
            add(f"ff show REF ({label})", ff("show", ref), journal)
            add(
                f"ff log ({label})",
                ff("log", ref, "--test", "t", "--result", "success", "--learned", "l"),
                journal,
            )
            add(f"ff summary ({label})", ff("summary"), journal)
            # What scripts read (every field of every idea; the summary with every
            # learning): "any command on a team's journal" (issue 13) is these too.
            add(f"ff ideas --json ({label})", ff("ideas", "--json"), journal)
            add(f"ff summary --json ({label})", ff("summary", "--json"), journal)
            add(f"ff export --format html ({label})", ff("export", "--format", "html"), journal)
            add(f"ff export --format csv ({label})", ff("export", "--format", "csv"), journal)
            add(f"ff export --format md ({label})", ff("export", "--format", "md"), journal)
            add(f"ff export --format json ({label})", ff("export", "--format", "json"), journal)
        spread = ("--journal", "{folder}/teams/*.json")
        label = f"10 journals ({sizes[-1] // 1000}k)"
        add(f"ff summary, {label}", ff("summary", *spread), None)
        add(f"ff export --format html, {label}", ff("export", "-f", "html", *spread), None)
        add(f"ff export --format csv, {label}", ff("export", "-f", "csv", *spread), None)
        rows += merge_rows(here, base_env, options.runs)  # git's merges of journals
    table = timed_table(rows, base, "command", bases)
    if compared:
        table = [
            "| command | other ms | other × | other MiB | ms | × | MiB |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for name, ms, mem in rows:
            then, then_mem = compared.get(name, (base, base_mem))
            own = bases.get(name, base)
            table.append(
                f"| {name} | {then:.0f} | {then / own:.1f} | {then_mem / 1024:.0f} | "
                f"{ms:.0f} | {ms / own:.1f} | {mem / 1024:.0f} |"
            )
    machine = (
        f"{options.runs} runs each after a warm-up, each command in turn with `python -c "
        f"pass` (and the other checkout's), each ratio to the `python -c pass` timed with "
        f"it ({min(bases.values(), default=base):.1f}–{max(bases.values(), default=base):.1f}"
        f" ms; the first row: its median at the start); Python "
        f"{platform.python_version()}, {os.cpu_count()} cores, {platform.machine()}."
    )
    growth = growth_table(rows, sizes, GROWN)
    text = "\n".join([*table, *growth, "", machine, ""])
    print(text)
    if options.out:
        options.out.write_text(text, encoding="utf-8")


# The commands whose time the benchmark follows from one size of journal to the next
# (issue 13: from 100k to 1M, the summary and every export at most 11x).
GROWN = (
    "ff log",
    "ff summary",
    "ff export --format html",
    "ff export --format csv",
    "ff export --format md",
    "ff export --format json",
)


def growth_table(
    rows: list[tuple[str, float, int]], sizes: list[int], commands: tuple[str, ...]
) -> list[str]:
    """How each command's time grows from one size to the next: its times, and each
    step's factor (a tenfold journal taking ten times as long grows linearly)."""
    table = [
        "",
        "| how time grows | "
        + " | ".join(f"{s // 1000}k" for s in sizes)
        + " | "
        + " | ".join(f"{b // 1000}k→{a // 1000}k" for b, a in itertools.pairwise(sizes))
        + " |",
        "|---|" + "---:|" * (2 * len(sizes) - 1),
    ]
    timed = {name: ms for name, ms, _ in rows}
    for command in commands:
        names = [f"{command} ({s // 1000}k)" for s in sizes]
        if not all(name in timed for name in names):
            continue  # not timed in this run
        times = [timed[name] for name in names]
        factors = [f"×{later / earlier:.1f}" for earlier, later in itertools.pairwise(times)]
        table.append(
            f"| {command} | "
            + " | ".join(f"{t:.0f} ms" for t in times)
            + " | "
            + " | ".join(factors)
            + " |"
        )
    return table


def growth_only(sizes: list[int], runs: int, out: Path | None) -> None:
    """``--growth``: the summary and every export on one journal of each size, and how
    their time grows (``--sizes 100000,1000000`` for issue 13's target)."""
    env = {**os.environ, "FF_OWNER": "bench", "NO_COLOR": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("FF_JOURNAL", None)
    base, base_mem = measure([sys.executable, "-c", "pass"], env, runs)
    rows: list[tuple[str, float, int]] = [("python -c pass", base, base_mem)]
    with tempfile.TemporaryDirectory() as folder:
        generate_elsewhere(Path(folder), sizes, teams=False)
        journals = [
            {**env, "FF_JOURNAL": str(Path(folder) / f"journal-{size}.json")} for size in sizes
        ]
        bases: dict[str, float] = {}
        for name in GROWN[1:]:
            command = ff(*name.split()[1:])
            timed, own = in_turn([(command, journal, None) for journal in journals], runs)
            for size, (ms, mem) in zip(sizes, timed, strict=True):
                rows.append((f"{name} ({size // 1000}k)", ms, mem))
                bases[rows[-1][0]] = own
                print(f"{name} ({size // 1000}k): {ms:.0f} ms", file=sys.stderr)
    table = timed_table(rows, base, "command", bases)
    machine = (
        f"{runs} runs each after a warm-up, the sizes in turn (each round runs "
        f"`python -c pass` and the command on every size, so that all face the same "
        f"machine); {os.cpu_count()} cores."
    )
    text = "\n".join([*table, *growth_table(rows, sizes, GROWN[1:]), "", machine, ""])
    print(text)
    if out:
        out.write_text(text, encoding="utf-8")


def merge_only(runs: int) -> None:
    """The merge driver's section alone (quick): ``--merge-only``."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [sys.executable, "-m", "tests.benchmarks.bench", "--generate", folder, "--merge-only"],
            check=True,
        )
        env = {**os.environ, "FF_OWNER": "bench", "NO_COLOR": "1"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        rows = merge_rows(Path(folder), env, runs)
    print("| command | median ms | peak MiB |\n|---|---:|---:|")
    for name, ms, mem in rows:
        print(f"| {name} | {ms:.0f} | {mem / 1024:.0f} |")


if __name__ == "__main__":
    main()
