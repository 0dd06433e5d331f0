"""ff starts fast: each command imports only what it uses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ff.cli.typer_app import COMMANDS
from tests.conftest import ALL_CLEAR, answer_options, run_ff

pytestmark = pytest.mark.slow

# ff ends a command that read a journal with os._exit (see ff.memory.leave): the
# probe lists the modules then too.
PROBE = """
import json, os, runpy, sys
def said():
    sys.stderr.write("MODULES=" + json.dumps(sorted(sys.modules)) + "\\n")
    sys.stderr.flush()
leave = os._exit
os._exit = lambda code: (said(), leave(code))
sys.argv = ["ff", *{args!r}]
try:
    runpy.run_module("ff", run_name="__main__")
except SystemExit:
    pass
said()
"""


def modules_imported_by(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=list(args))],
        capture_output=True,
        text=True,
        timeout=60,
    )
    line = next(x for x in done.stderr.splitlines() if x.startswith("MODULES="))
    return set(json.loads(line.removeprefix("MODULES=")))


def top_level(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


COMMAND_MODULES = {module for module, _ in COMMANDS.values()}


@pytest.mark.parametrize("args", [("--help",), ("check", "--help")])
def test_help_imports_no_card_journal_or_rich(args: tuple[str, ...]) -> None:
    loaded = top_level(modules_imported_by(*args))
    assert "ff" in loaded and "typer" in loaded
    assert not loaded & {"yaml", "msgspec", "tinydb", "rich", "pydantic"}


@pytest.mark.parametrize(
    ("args", "needed"),
    [
        (("--help",), set()),  # the summaries come from ff.cli.typer_app's table
        (("check", "--help"), {"ff.cli.check"}),
        (("cards", "list", "--help"), {"ff.cli.cards"}),
        (("ideas", "--json", "--plain", "--plain"), {"ff.cli.ideas"}),  # (read by Typer)
        (("ideas", "--json"), set()),  # read without Typer: ff.cli.quick
    ],
)
def test_a_call_imports_only_the_command_it_runs(args: tuple[str, ...], needed: set[str]) -> None:
    assert modules_imported_by(*args) & COMMAND_MODULES == needed


@pytest.mark.parametrize("args", [("--version",), ("--journal", "j.json", "--plain", "--version")])
def test_version_imports_no_typer(args: tuple[str, ...]) -> None:
    loaded = modules_imported_by(*args)
    assert not top_level(loaded) & {"typer", "click", "yaml", "msgspec", "rich", "pydantic"}
    assert "ff.cli" not in loaded


def test_plain_output_needs_no_rich(journal: Path) -> None:
    """Output that is not a terminal is written without Rich (about 40 ms to import):
    the decision, the list of ideas, one idea, the summary, and ff's messages."""
    done = run_ff("check", "Idea", *answer_options(ALL_CLEAR), "--json")
    ref = json.loads(done.stdout)["idea"]["ref"]
    checking = ("check", "Idea", "--dry-run", *answer_options({**ALL_CLEAR, "harm": "unsure"}))
    for args in (checking, ("ideas",), ("show", ref), ("summary",), ("show", "nothing")):
        loaded = top_level(modules_imported_by(*args))
        assert "rich" not in loaded, args


def test_ideas_reads_the_journal_without_yaml() -> None:
    loaded = top_level(modules_imported_by("ideas", "--json"))
    assert "yaml" not in loaded, "listing ideas needs no card"


def test_check_imports_what_it_uses() -> None:
    loaded = top_level(modules_imported_by("check", "--dry-run", "--json", "--answer", "legal=no"))
    assert {"yaml", "ff"} <= loaded
    assert not loaded & {"msgspec", "tinydb"}, "a dry run never opens the journal"


def test_reading_a_journal_needs_no_card_reader(journal: Path) -> None:
    """Journals are read with msgspec and TinyDB (ff.journal); YAML is only for cards."""
    assert run_ff("check", "Idea", *answer_options(ALL_CLEAR)).returncode == 0
    for args in (("ideas",), ("show", "abc"), ("summary", "--json"), ("export", "-f", "csv")):
        loaded = top_level(modules_imported_by(*args))
        assert {"msgspec", "tinydb"} <= loaded and "yaml" not in loaded, args


def test_log_imports_what_it_uses_and_no_card_reader() -> None:
    loaded = top_level(
        modules_imported_by("log", "abc", "--test", "t", "--result", "success", "--learned", "l")
    )
    assert {"ff", "msgspec"} <= loaded
    assert "yaml" not in loaded, "logging needs no card"
    assert "pydantic" not in loaded


def test_a_scripted_log_imports_no_editor_exporter_or_config_reader(journal: Path) -> None:
    """Logging with every field given opens no editor (tempfile, shlex), makes no report,
    and, with no config file, reads none (configparser); nor does it read journals
    whole as reports do (ff.journal.bulk)."""
    done = run_ff("check", "Idea", *answer_options(ALL_CLEAR), "--json")
    ref = json.loads(done.stdout)["idea"]["ref"]
    loaded = modules_imported_by("log", ref, "--test", "t", "--result", "success", "--learned", "l")
    assert "ff.journal.iterations" in loaded  # it did log
    for needless in (
        "ff.terminal.editor",
        "ff.reporting.exporters",
        "configparser",
        "ff.journal.bulk",
    ):
        assert needless not in loaded, needless


def test_a_long_summary_into_a_pipe_imports_no_rich_for_its_progress_bar() -> None:
    """The progress bar is asked about once reading has taken half a second; into a
    pipe there is none to draw, and Rich is not imported to find that out."""
    probe = (
        "import sys\n"
        "from ff.terminal.summary_view import Progress\n"
        "progress = Progress('Reading journals')\n"
        "progress._started -= 1  # as if reading had taken a second\n"
        "progress(1, 10)\n"
        "print('rich' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr


@pytest.mark.skipif(
    sys.version_info < (3, 11),
    reason="Python 3.10's typing has no NotRequired: ff's records need typing_extensions",
)
def test_reading_a_journal_imports_no_dataclasses_or_inspect(journal: Path) -> None:
    """ff's data classes are ff.light's, and msgspec is imported without
    typing_extensions (ff.decoder): neither brings inspect, ast and dis (7 ms), nor
    compiles methods for each class (6 ms for ff summary's 16)."""
    done = run_ff("check", "Idea", *answer_options(ALL_CLEAR), "--json")
    ref = json.loads(done.stdout)["idea"]["ref"]
    logging = ("log", ref, "--test", "t", "--result", "success", "--learned", "l")
    for args in (("ideas",), ("show", ref), ("summary",), ("export", "-f", "csv"), logging):
        loaded = modules_imported_by(*args)
        assert "msgspec" in loaded, args
        assert not loaded & {"dataclasses", "inspect", "typing_extensions"}, args


def test_an_html_export_escapes_without_importing_html(journal: Path) -> None:
    """The HTML report's escaping is its own (ff.reporting.exporters.html_text):
    importing ``html`` brings ``html.entities``, about a millisecond of start-up."""
    run_ff("check", "Idea", *answer_options(ALL_CLEAR))
    loaded = modules_imported_by("export", "-f", "html")
    assert "ff.reporting.exporters.html" in loaded
    assert not {"html", "html.entities"} & loaded


def test_json_output_makes_its_token_without_importing_secrets(journal: Path) -> None:
    """The JSON export and every ``--json`` cut the text at a random token
    (ff.reporting.exporters.json_export): drawn from ``os.urandom`` as ``secrets``
    does, without importing it (``hmac`` and ``hashlib``, about 4 ms)."""
    run_ff("check", "Idea", *answer_options(ALL_CLEAR))
    for args in (("export", "-f", "json"), ("summary", "--json"), ("ideas", "--json")):
        loaded = modules_imported_by(*args)
        assert "ff.reporting.exporters.json_export" in loaded, args
        assert not {"secrets", "hmac"} & loaded, args
