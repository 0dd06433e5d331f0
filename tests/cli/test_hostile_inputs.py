"""Nothing a file, an argument or an environment variable brings in crashes ff, hangs
it, or changes a file it should not: the hostile cases of tests/data/hostile (see
its README), each run as a real process through every command that reads it.

Each case must end (a hang fails: the subprocess has a guard), with the exit code
the README documents, no traceback, a message naming the option or the file and
the place, and every file in the case's folder as it was (the journal, a device
standing in for /dev/null, a FIFO...). Then every text option of every command,
found by walking the command line itself, is refused when its text is not UTF-8
or too long, so that a new option cannot miss the check.
"""

from __future__ import annotations

import math
import os
import random
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml
from typer.testing import CliRunner

from ff.cli import app
from ff.text import MAX_TEXT, limit_for
from tests.conftest import ALL_CLEAR, REPO, answer_options, run_ff

pytestmark = pytest.mark.slow

HOSTILE = REPO / "tests" / "data" / "hostile"
HANG_GUARD = 60  # seconds: a guard against a hang, not a measure of speed
DOCUMENTED_EXIT_CODES = {0, 1, 2, 3, 4, 130}  # README.md, "Exit codes"


def _manifest(name: str) -> Any:
    return yaml.safe_load((HOSTILE / name).read_text(encoding="utf-8"))


ARGUMENT_CASES: list[dict[str, Any]] = _manifest("arguments.yaml")
ANSWERS: dict[str, Any] = _manifest("answers/answers.yaml")
MADE_ANSWERS: dict[str, dict[str, Any]] = ANSWERS.pop("made")
CARDS: dict[str, list[str]] = _manifest("cards/cards.yaml")
JOURNALS = sorted((HOSTILE / "journals").glob("*.json"))


# --------------------------------------------------------------------------- the place


@pytest.fixture(scope="module")
def built_journal(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A journal holding one idea that may be logged, with one iteration; made once."""
    folder = tmp_path_factory.mktemp("built")
    path = folder / "journal.json"
    env = {"FF_JOURNAL": str(path), "FF_OWNER": "test-owner", "FF_NOW": "2026-11-25T10:00:00Z"}
    checked = run_ff("check", "An idea", "--json", *answer_options(ALL_CLEAR), env=env)
    assert checked.returncode == 0, checked.stderr
    ref = re.search(r'"ref": "(\w+)"', checked.stdout)
    assert ref, checked.stdout
    logged = run_ff("log", ref[1], "--test", "t", "--result", "success", "--learned", "l", env=env)
    assert logged.returncode == 0, logged.stderr
    return path, ref[1]


class Place:
    """A folder for one case: the journal, an answers file, a config file, and things
    that are not files (a device, a FIFO, a socket, a folder)."""

    def __init__(self, root: Path, built: tuple[Path, str]) -> None:
        self.root = root
        self.journal = root / "journal.json"
        shutil.copyfile(built[0], self.journal)
        self.ref = built[1]
        self.answers = root / "answers.yaml"
        self.answers.write_text(yaml.safe_dump(ALL_CLEAR), encoding="utf-8")
        self.config = root / "config.ini"
        self.config.write_text("[ff]\nteam = Family support\n", encoding="utf-8")
        self.folder = root / "a-folder"
        self.folder.mkdir()
        self.fifo = root / "a-fifo"
        os.mkfifo(self.fifo)
        self.socket = root / "a-socket"
        self._socket = socket.socket(socket.AF_UNIX)
        self._socket.bind(str(self.socket))
        self.device: Path | None = root / "a-device"
        try:  # like /dev/null (1, 3), so that a failing test never replaces the real one
            os.mknod(self.device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        except PermissionError:
            self.device = None

    def close(self) -> None:
        self._socket.close()

    def env(self) -> dict[str, str]:
        return {
            "FF_JOURNAL": str(self.journal),
            "FF_CONFIG": str(self.config),
            "FF_NOW": "2026-11-25T12:00:00Z",
            "COLUMNS": "2000",  # one line per message, to search
        }

    def fill(self, text: str) -> str:
        """The placeholders of tests/data/hostile/arguments.yaml, filled in; ``\\xNN``
        becomes the raw byte (kept by Python as a surrogate, as argv does)."""
        if "{device}" in text and self.device is None:
            pytest.skip("making a device needs root (mknod); the FIFO and socket cases remain")
        named = {
            "ref": self.ref,
            "journal": str(self.journal),
            "answers": str(self.answers),
            "config": str(self.config),
            "device": str(self.device),
            "fifo": str(self.fifo),
            "socket": str(self.socket),
            "folder": str(self.folder),
        }
        text = re.sub(r"\{text:(\d+)\}", lambda m: "x" * int(m[1]), text)
        text = re.sub(r"\{(\w+)\}", lambda m: named.get(m[1], m[0]), text)
        raw = re.sub(rb"\\x([0-9a-f]{2})", lambda m: bytes([int(m[1], 16)]), text.encode())
        return os.fsdecode(raw)


@pytest.fixture
def place(tmp_path: Path, built_journal: tuple[Path, str]) -> Iterator[Place]:
    root = tmp_path / "case"
    root.mkdir()
    made = Place(root, built_journal)
    yield made
    made.close()


def snapshot(folder: Path) -> dict[str, tuple[str, bytes | None]]:
    """Every path under ``folder``: its kind, and a regular file's bytes. Lock files
    (empty, left by design) are left out."""
    seen: dict[str, tuple[str, bytes | None]] = {}
    for path in sorted(folder.rglob("*")):
        if path.name.endswith(".lock"):
            continue
        mode = path.lstat().st_mode
        kind = stat.S_IFMT(mode)
        content = path.read_bytes() if stat.S_ISREG(mode) else None
        seen[str(path.relative_to(folder))] = (oct(kind), content)
    return seen


def run(
    *args: str, env: dict[str, str], stdin: bytes = b"", cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    """``ff ARGS`` as a real process, arguments as bytes (surrogates are the bytes)."""
    try:
        return subprocess.run(
            [sys.executable, "-m", "ff", *args],
            env={**os.environ, **env},
            input=stdin,
            capture_output=True,
            timeout=HANG_GUARD,
            cwd=cwd,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"ff {' '.join(args)!r} did not finish in {HANG_GUARD} s: it hangs")


def said(done: subprocess.CompletedProcess[bytes]) -> str:
    """Standard error as one line (messages are never wrapped, but may span lines)."""
    return " ".join(done.stderr.decode("utf-8", "backslashreplace").split())


def assert_clean(done: subprocess.CompletedProcess[bytes], exit_code: int, says: list[str]) -> None:
    error = said(done)
    assert "Traceback" not in error, error
    assert done.returncode in DOCUMENTED_EXIT_CODES, (done.returncode, error)
    assert done.returncode == exit_code, (done.returncode, error)
    for words in says:
        assert " ".join(words.split()) in error, error


# --------------------------------------------------------------------------- arguments


def _case_id(case: dict[str, Any]) -> str:
    args = ["STDIN" if arg == "-" else arg for arg in case["args"]]
    words = " ".join([*args, *(f"{k}=…" for k in case.get("env", {}))])
    return re.sub(r"\{text:(\d+)\}", r"<\1 letters>", words)[:60]


@pytest.mark.parametrize("case", ARGUMENT_CASES, ids=[_case_id(c) for c in ARGUMENT_CASES])
def test_a_hostile_command_line_is_refused_cleanly(place: Place, case: dict[str, Any]) -> None:
    args = [place.fill(arg) for arg in case["args"]]
    env = {**place.env(), **{k: place.fill(v) for k, v in case.get("env", {}).items()}}
    stdin = os.fsencode(place.fill(case["stdin"])) if "stdin" in case else b""
    if "random_stdin" in case:
        stdin = random.Random(15).randbytes(case["random_stdin"])
    before = snapshot(place.root)
    done = run(*args, env=env, stdin=stdin, cwd=place.root)
    assert_clean(done, case["exit"], case["says"])
    assert snapshot(place.root) == before, "a file was changed"


# --------------------------------------------------------------------------- answers


def _answers_file(name: str, folder: Path) -> Path:
    if name in MADE_ANSWERS:
        made = MADE_ANSWERS[name]
        text = made["text"].encode()
        padding = made["padding"].encode()
        path = folder / name
        path.write_bytes(text + padding * (made["bytes"] // len(padding) + 1))
        return path
    return HOSTILE / "answers" / name


@pytest.mark.parametrize("name", [*ANSWERS, *MADE_ANSWERS])
@pytest.mark.parametrize("dry_run", [True, False], ids=["dry-run", "recording"])
def test_a_hostile_answers_file_is_refused_by_check(place: Place, name: str, dry_run: bool) -> None:
    path = _answers_file(name, place.root)
    says = MADE_ANSWERS[name]["says"] if name in MADE_ANSWERS else ANSWERS[name]
    before, kept = snapshot(place.root), path.read_bytes()
    extra = ["--dry-run"] if dry_run else []
    done = run("check", "An idea", "--answers", str(path), *extra, env=place.env())
    assert_clean(done, 2, says)
    assert snapshot(place.root) == before, "nothing may be recorded"
    assert path.read_bytes() == kept


# --------------------------------------------------------------------------- cards

CARD_COMMANDS = {
    "check": ("check", "An idea", "--dry-run", "-a", "legal_ethical=yes", "--card"),
    "show": ("cards", "show"),
    "validate": ("cards", "validate"),
    "test": ("cards", "test"),
    "graph": ("cards", "graph"),
}


@pytest.mark.parametrize("command", CARD_COMMANDS)
@pytest.mark.parametrize("name", CARDS)
def test_a_hostile_card_is_refused_by_every_command_that_reads_it(
    place: Place, name: str, command: str
) -> None:
    path = HOSTILE / "cards" / name
    kept, before = path.read_bytes(), snapshot(place.root)
    done = run(*CARD_COMMANDS[command], str(path), env=place.env())
    error = said(done) + " " + " ".join(done.stdout.decode("utf-8", "replace").split())
    assert "Traceback" not in error, error
    assert done.returncode == 1, error
    for words in CARDS[name]:
        assert words in error, error
    assert path.read_bytes() == kept
    assert snapshot(place.root) == before


# --------------------------------------------------------------------------- journals


def journal_commands(ref: str) -> dict[str, tuple[str, ...]]:
    """Every command that reads one journal (given with --journal), by name."""
    fields = ("--test", "t", "--result", "success", "--learned", "l")
    return {
        "ideas": ("ideas",),
        "ideas --json": ("ideas", "--json"),
        "show": ("show", ref),
        "check": ("check", "An idea", *answer_options(ALL_CLEAR)),
        "log": ("log", ref, *fields),
        "status": ("status", ref, "paused"),
        "edit": ("edit", f"{ref}#1", "--learned", "x"),
        "delete": ("delete", ref, "--yes"),
        "merge into it": ("merge", "{other}"),
    }


@pytest.mark.parametrize("damaged", JOURNALS, ids=[p.name for p in JOURNALS])
def test_a_damaged_journal_is_refused_by_every_command_that_reads_it(
    place: Place, damaged: Path
) -> None:
    """For the journal storage's own cases (tests/data/hostile/journals: add files
    there). Each command exits 1, names the file and a line, and changes nothing."""
    path = place.root / damaged.name
    shutil.copyfile(damaged, path)
    before = snapshot(place.root)
    for name, args in journal_commands(place.ref).items():
        filled = [str(place.journal) if a == "{other}" else a for a in args]
        done = run("--journal", str(path), *filled, env=place.env())
        error = said(done)
        assert "Traceback" not in error, (name, error)
        assert done.returncode == 1, (name, done.returncode, error)
        assert damaged.name in error, (name, error)
        assert re.search(r"line \d+|byte \d+|:\d+", error), (name, "no place given", error)
        assert snapshot(place.root) == before, f"{name} changed a file"
    merged = run("merge", str(path), env=place.env())
    assert "Traceback" not in said(merged)
    assert merged.returncode in (1, 2) and damaged.name in said(merged), said(merged)
    assert snapshot(place.root) == before, "merge from it changed a file"
    for report in (("summary",), ("export", "-f", "json")):
        done = run(*report, "--journal", str(path), "--journal", str(place.journal), env={})
        assert done.returncode == 1, said(done)
        assert f"Not included: The journal {path}" in said(done), said(done)
        if "export" in report:
            assert "An idea" in done.stdout.decode(), "the other journal is still exported"
        strict = run(*report, "--strict", "--journal", str(path), env={})
        assert strict.returncode == 1 and "Traceback" not in said(strict), said(strict)
    assert snapshot(place.root) == before


# --------------------------------------------------------------------------- every option


def _text_parameters() -> Iterator[tuple[list[str], Any, list[str]]]:
    """Every option and argument taking text, with the command it belongs to and the
    arguments before it (placeholders for earlier arguments)."""

    def walk(command: Any, path: list[str]) -> Iterator[tuple[list[str], Any]]:
        if hasattr(command, "commands"):
            for name, sub in command.commands.items():
                yield from walk(sub, [*path, name])
        else:
            yield path, command

    root = typer.main.get_command(app)
    yield [], root.params[0], []  # ff --journal
    for path, command in walk(root, []):
        earlier: list[str] = []
        for param in command.params:
            if param.type.name not in ("str", "path"):
                continue
            yield path, param, list(earlier)
            if param.param_type_name == "argument":
                earlier.append("x")


TEXT_PARAMETERS = list(_text_parameters())


def _named(param: Any) -> tuple[str, str]:
    if param.param_type_name == "option":
        flag = max(param.opts, key=len)
        return flag.lstrip("-"), flag
    return param.name, f"The {param.name}"


def _given(path: list[str], param: Any, earlier: list[str], value: str) -> list[str]:
    if param.param_type_name == "option":
        return [*path, *earlier, max(param.opts, key=len), value]
    return [*path, *earlier, value]


@pytest.mark.parametrize(
    ("path", "param", "earlier"),
    TEXT_PARAMETERS,
    ids=[" ".join([*p, _named(param)[1]]) for p, param, _ in TEXT_PARAMETERS],
)
def test_every_text_option_refuses_text_that_is_not_utf8_and_caps_its_length(
    journal: Path, path: list[str], param: Any, earlier: list[str]
) -> None:
    name, shown = _named(param)
    runner = CliRunner()
    not_utf8 = runner.invoke(app, _given(path, param, earlier, "caf\udce9 au lait"))
    assert not_utf8.exit_code == 2, not_utf8.output
    assert f"{shown} is not UTF-8 text: 'caf\\xe9 au lait'" in " ".join(not_utf8.stderr.split())
    limit = limit_for(name)
    assert limit <= MAX_TEXT
    too_long = runner.invoke(app, _given(path, param, earlier, "x" * (limit + 1)))
    assert too_long.exit_code == 2, too_long.output
    assert f"{shown} is {limit + 1:,} characters long; at most {limit:,} fit" in " ".join(
        too_long.stderr.split()
    )
    assert not journal.exists()


def test_text_within_the_limits_is_taken(ff: Any, journal: Path) -> None:
    title, team = "t" * 200, "Family support and early help — Gwasanaethau Teuluoedd"
    done = ff("check", title, "--team", team, "--tag", "x" * 50, *answer_options(ALL_CLEAR))
    assert done.exit_code == 0, done.stderr
    [idea] = yaml.safe_load(ff("ideas", "--json").stdout)
    assert (idea["title"], idea["team"]) == (title, team)


# --------------------------------------------------------------------------- standard output


@pytest.mark.parametrize("target", ["-", "/dev/stdout"])
@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (("export", "-f", "md"), "# What we tried and learned"),
        (("cards", "graph", "just-do-it"), "flowchart"),
        (("cards", "new", "zz"), "id: zz"),
    ],
    ids=["export", "cards graph", "cards new"],
)
def test_o_dash_and_dev_stdout_write_to_standard_output(
    place: Place, target: str, command: tuple[str, ...], expected: str
) -> None:
    before = snapshot(place.root)
    done = run(*command, "-o", target, env=place.env(), cwd=place.root)
    assert done.returncode == 0, said(done)
    assert expected in done.stdout.decode()
    assert "Wrote" not in said(done)
    assert snapshot(place.root) == before


# --------------------------------------------------------------------------- the rest


# Ctrl-C sent from inside ff at a chosen moment of its start: while it imports its
# command line, or while it reads the arguments (before any command begins), with
# Typer or without (the commonest calls, ff.cli.quick).
INTERRUPTED_START = {
    "importing": (
        "import builtins\n"
        "real = builtins.__import__\n"
        "def interrupting(name, *args, **kwargs):\n"
        "    if name == 'ff.cli':\n"
        "        os.kill(os.getpid(), signal.SIGINT)\n"
        "    return real(name, *args, **kwargs)\n"
        "builtins.__import__ = interrupting\n"
    ),
    "reading the arguments": (
        "import importlib\n"
        "app = importlib.import_module('ff.cli.typer_app')  # the module, not the Typer app\n"
        "real = app._Commands.parse_args\n"
        "def interrupting(self, ctx, args):\n"
        "    os.kill(os.getpid(), signal.SIGINT)\n"
        "    return real(self, ctx, args)\n"
        "app._Commands.parse_args = interrupting\n"
        "sys.argv = ['ff', 'cards', 'list']\n"
    ),
    "reading a common call": (
        "import ff.cli.quick as quick\n"
        "real = quick.read_call\n"
        "def interrupting(args):\n"
        "    os.kill(os.getpid(), signal.SIGINT)\n"
        "    return real(args)\n"
        "quick.read_call = interrupting\n"
    ),
}


@pytest.mark.parametrize("moment", INTERRUPTED_START)
def test_ctrl_c_while_ff_starts_leaves_quietly_with_130(tmp_path: Path, moment: str) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import os, signal, sys\nsys.argv = ['ff', 'ideas']\n"
        + INTERRUPTED_START[moment]
        + "from ff.__main__ import main\nmain()\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(probe)],
        capture_output=True,
        timeout=HANG_GUARD,
        cwd=REPO,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert done.returncode == 130, done.stderr
    assert done.stderr == b"" and done.stdout == b""


def test_the_same_journal_given_twice_is_one_journal(place: Place) -> None:
    again = os.path.relpath(place.journal, place.root)
    done = run(
        "--journal", str(place.journal), "status", place.ref, "paused", "--journal", again,
        env=place.env(), cwd=place.root,
    )  # fmt: skip
    assert done.returncode == 0, said(done)


def test_minus_zero_hours_and_cost_are_kept_as_zero(place: Place) -> None:
    done = run(
        "log", place.ref, "--test", "t", "--result", "success", "--learned", "l",
        "--hours", "-0", "--cost", "-£0", "--json", env=place.env(),
    )  # fmt: skip
    assert done.returncode == 0, said(done)
    logged = yaml.safe_load(done.stdout)
    for amount in (logged["hours"], logged["cost"]):
        assert amount == 0 and math.copysign(1, amount) == 1, done.stdout
    shown = run("show", place.ref, env=place.env()).stdout.decode()
    assert "-0" not in shown


def test_a_loop_of_symbolic_links_in_a_folder_of_journals_is_named(place: Place) -> None:
    teams = place.root / "teams"
    teams.mkdir()
    shutil.copyfile(place.journal, teams / "family-support.json")
    (teams / "a.json").symlink_to("b.json")
    (teams / "b.json").symlink_to("a.json")
    before = snapshot(place.root)
    for report in (("summary",), ("export", "-f", "csv")):
        done = run(*report, "--journal", str(teams), env=place.env())
        assert "Traceback" not in said(done), said(done)
        assert done.returncode == 1, said(done)
        assert "Not included:" in said(done) and "a.json" in said(done), said(done)
    assert snapshot(place.root) == before
