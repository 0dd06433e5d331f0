"""Plain output: no box drawing, no bars, no colour and no line wrapped by ff, when
the output is not a terminal (real processes, piped), and in a real terminal when
asked for (``--plain`` before or after the command, ``FF_PLAIN=1``, ``ff config set
plain yes``), which screen-reader users set once. Without them, a terminal still
gets the panel and the bars."""

from __future__ import annotations

import io
import json
import os
import re
import sys
from pathlib import Path

import pytest

from tests.conftest import ALL_CLEAR, TERMINAL_SIZE, answer_options, run_ff, run_in_terminal

if sys.platform == "win32":  # pragma: no cover - pexpect.spawn needs a POSIX pty
    pytest.skip("pseudo-terminal tests need POSIX", allow_module_level=True)

import pexpect

pytestmark = pytest.mark.slow

BOXES = re.compile("[─│╭╮╰╯┌┐└┘├┤┬┴┼━┃═║]")
BAR = "█"
ESCAPE = re.compile(r"\x1b\[")
NOW = "2026-11-25T10:30:00Z"

TITLE = "Saturday drop-in for dads, run by dads who came last year, at the family centre"
# The reason the check gives for "not sure" to the harm question, in the card's words.
HARM_REASON = (
    "1. Could it put anyone at risk of harm (children, young people, vulnerable adults, "
    "staff)? Not sure. You are not sure whether it could put someone at risk of harm."
)
LEARNED = (
    "Dads come when another dad invites them by name; a leaflet alone brought nobody, "
    "and the Saturday morning slot suits working dads better than any weekday evening."
)
HARM_UNSURE = {**ALL_CLEAR, "harm": "unsure"}


@pytest.fixture
def ref(journal: Path) -> str:
    """A journal of three ideas (two needing approval), one tried; the tried one's ref."""
    env = {"FF_NOW": NOW, "FF_OWNER": "Priya Shah", "FF_TEAM": "Adult social care"}
    for title in ("Another idea", "A third idea"):
        done = run_ff(
            "check", title, *answer_options(HARM_UNSURE if "third" in title else ALL_CLEAR), env=env
        )
        assert done.returncode in (0, 3), done.stderr
    done = run_ff("check", TITLE, *answer_options(HARM_UNSURE), "--json", env=env)
    assert done.returncode == 3, done.stderr
    ref = str(json.loads(done.stdout)["idea"]["ref"])
    logged = run_ff(
        "log", ref, "--force", "--test", "Ran it twice", "--result", "success",
        "--learned", LEARNED, env=env,
    )  # fmt: skip
    assert logged.returncode == 0, logged.stderr
    return ref


def lines(text: str) -> list[str]:
    return text.replace("\r", "").split("\n")


def in_terminal(*args: str, env: dict[str, str] | None = None) -> str:
    """Run ``ff ARGS`` to the end in a real pseudo-terminal (100 columns, colour
    allowed); everything it showed."""
    child = pexpect.spawn(
        sys.executable,
        ["-m", "ff", *args],
        env={**os.environ, "COLUMNS": str(TERMINAL_SIZE[1]), "TERM": "xterm", **(env or {})},
        encoding="utf-8",
        timeout=60,
        dimensions=TERMINAL_SIZE,
    )
    child.expect(pexpect.EOF)
    shown: str = child.before
    child.close()
    assert "Traceback" not in shown, shown
    return shown


# --------------------------------------------------------------------------- piped


def test_a_piped_decision_is_plain_text_each_reason_on_one_line(journal: Path) -> None:
    done = run_ff("check", "Idea", *answer_options(HARM_UNSURE), "--dry-run")
    assert done.returncode == 3, done.stderr
    out = done.stdout
    assert not BOXES.search(out) and not ESCAPE.search(out + done.stderr), out
    assert HARM_REASON in lines(out)  # whole, by the question's own words
    assert "harm:" not in out
    assert lines(out)[:3] == [
        "Decision: Talk to your manager first",
        "Idea: Idea",
        "Level: APPROVAL: talk to your manager before you start",
    ]


@pytest.mark.parametrize(
    "args",
    [("ideas",), ("show", "REF"), ("summary",), ("cards", "show", "fail-fast-fail-forward")],
    ids=["ideas", "show", "summary", "cards-show"],
)
def test_every_table_and_chart_is_plain_text_when_piped(ref: str, args: tuple[str, ...]) -> None:
    done = run_ff(*(ref if a == "REF" else a for a in args), env={"FF_NOW": NOW})
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert not BOXES.search(out), out
    assert BAR not in out
    assert not ESCAPE.search(out + done.stderr)
    shown = lines(out)
    if args[0] == "ideas":  # one line per idea, nothing cut
        assert any(line.startswith(ref) and line.endswith(TITLE) for line in shown), out
        assert any("Priya Shah  Adult social care" in line for line in shown), out
    elif args[0] == "show":
        assert HARM_REASON in shown
        assert f"Learned: {LEARNED}" in shown
    elif args[0] == "summary":  # the charts' counts as numbers
        assert "     " + LEARNED in shown
        assert "approval: 2" in shown and "go: 1" in shown and "success: 1" in shown
        assert re.search(r"^Ideas checked +3$", out, re.M)
    else:  # a question's help, whole on its line
        help_line = (
            "   Help: Think of the law, the council's policies and procedures, and any "
            'professional standards you work to. If you do not know, answer "Not sure": '
            "you will be told who to ask."
        )
        assert help_line in shown, out


def test_config_show_is_plain_when_piped() -> None:
    done = run_ff("config", "show")
    assert done.returncode == 0, done.stderr
    assert re.search(r"^plain +- +default$", done.stdout, re.M), done.stdout
    assert not ESCAPE.search(done.stdout)


# --------------------------------------------------------------------------- in a terminal


def test_a_terminal_gets_the_panel_the_bars_and_colour(ref: str) -> None:
    decision = in_terminal("show", ref)
    assert BOXES.search(decision) and ESCAPE.search(decision)
    summary = in_terminal("summary", env={"FF_NOW": NOW})
    assert BAR in summary
    # The bars: 30 blocks for the largest count of a chart, the rest in proportion.
    clean = re.sub(r"\x1b\[[0-?]*[ -/]*[@-~]", "", summary).replace("\r", "")
    bars = {m[1]: (len(m[2]), int(m[3])) for m in re.finditer(r"^(\S+) +(█*) *(\d+)$", clean, re.M)}
    assert bars["approval"] == (30, 2) and bars["go"] == (15, 1) and bars["stop"] == (0, 0)


WAYS = {
    "--plain before": (("--plain",), (), {}),
    "--plain after": ((), ("--plain",), {}),
    "FF_PLAIN=1": ((), (), {"FF_PLAIN": "1"}),
    "config plain yes": ((), (), {"config": "yes"}),
}


@pytest.mark.parametrize("way", list(WAYS))
@pytest.mark.parametrize("command", ["show", "summary", "ideas"])
def test_plain_output_can_be_asked_for_in_a_terminal(ref: str, way: str, command: str) -> None:
    before, after, env = WAYS[way][0], WAYS[way][1], dict(WAYS[way][2])
    if env.pop("config", None):
        assert run_ff("config", "set", "plain", "yes").returncode == 0
    args = [*before, command, *([ref] if command == "show" else []), *after]
    shown = in_terminal(*args, env={"FF_NOW": NOW, **env})
    assert not BOXES.search(shown), shown
    assert BAR not in shown
    assert not ESCAPE.search(shown), "no colour, no styles"
    if command == "show":
        assert HARM_REASON in lines(shown)  # 100 columns, and still one line
    elif command == "ideas":
        assert any(line.endswith(TITLE) and line.startswith(ref) for line in lines(shown))


def test_ff_plain_0_wins_over_the_config_file(ref: str) -> None:
    assert run_ff("config", "set", "plain", "on").returncode == 0
    assert "plain = yes" in _config_text()  # stored as yes or no
    assert not BOXES.search(in_terminal("show", ref))
    assert BOXES.search(in_terminal("show", ref, env={"FF_PLAIN": "0"}))


def _config_text() -> str:
    found = run_ff("config", "show", "--json")
    path = Path(json.loads(found.stdout)["config_file"])
    return path.read_text(encoding="utf-8")


def test_plain_is_yes_or_no() -> None:
    done = run_ff("config", "set", "plain", "maybe")
    assert done.returncode == 2
    assert "plain is yes or no" in done.stderr


def test_ideas_give_a_long_title_the_room_in_a_100_column_terminal(ref: str) -> None:
    """Owner and team leave the title about 20 columns beside them: each title goes on
    its own line under its row instead, with the width of the terminal."""
    shown = re.sub(r"\x1b\[[0-?]*[ -/]*[@-~]", "", in_terminal("ideas")).replace("\r", "")
    assert f"        {TITLE}" in lines(shown), shown  # under its ref's column, whole
    row = next(line for line in lines(shown) if line.startswith(ref))
    assert "Priya Shah" in row and "Adult social care" in row


def test_plain_prompts_are_not_broken_or_styled_in_a_narrow_terminal(journal: Path) -> None:
    """With --plain, the questions of ff check come as whole lines with no escape codes
    even in 60 columns (the terminal may fold them; ff puts no line break inside)."""
    child = pexpect.spawn(
        sys.executable,
        ["-m", "ff", "--plain", "check", "Idea"],
        env={**os.environ, "COLUMNS": "60", "TERM": "xterm"},
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 60),
    )
    child.logfile_read = seen = io.StringIO()
    for reply in ("1", "1", "3", "2", "1", "1", "1", "1"):
        child.expect("> ")
        child.sendline(reply)
    child.expect(pexpect.EOF)
    child.close()
    shown = seen.getvalue()
    assert child.exitstatus == 3
    harm = "Could it put anyone at risk of harm (children, young people, vulnerable adults, staff)?"
    assert harm in lines(shown), shown
    assert HARM_REASON in lines(shown)
    assert not ESCAPE.search(shown) and not BOXES.search(shown)


@pytest.mark.parametrize("in_terminal", [False, True], ids=["piped", "terminal"])
def test_text_that_would_reorder_or_drive_the_screen_is_never_printed(
    journal: Path, in_terminal: bool
) -> None:
    """A right-to-left override (U+202E) shows what follows it backwards, and an escape
    can recolour the terminal or write to its clipboard: ff stores them as typed but
    prints neither, in lists, one idea, summaries, decisions or error messages."""
    title = "Fund \u202eraeh ot\u202c team \x1b]52;c;cHduZWQ=\x07trip"
    made = run_ff("check", title, *answer_options(ALL_CLEAR), "--json")
    assert made.returncode == 0, made.stderr
    ref = json.loads(made.stdout)["idea"]["ref"]
    assert json.loads(made.stdout)["idea"]["title"] == title, "stored as typed"
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "FF_JOURNAL": str(journal)}
    for args in (("ideas",), ("show", ref), ("summary",), ("show", "nope\u202eon")):
        if in_terminal:
            shown = run_in_terminal(*args, env=env)
        else:
            done = run_ff(*args)
            shown = done.stdout + done.stderr
        for hidden in ("\u202e", "\u202c", "\x07", "\x1b]"):
            assert hidden not in shown, (args, hidden)
