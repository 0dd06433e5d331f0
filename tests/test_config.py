"""The config file: values are one line of plain text; a damaged file can still be
shown and repaired, and its old content is kept."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

Run = Callable[..., Result]
DAMAGED = "# kept by hand\n[ff]\nowner = Sam\nJones\nteam = Family support\n"


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "settings" / "config.ini"
    monkeypatch.setenv("FF_CONFIG", str(path))
    monkeypatch.delenv("FF_OWNER", raising=False)
    return path


def one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(
    ("value", "code"), [("Sam\rJones", "U+000D"), ("Sam\nJones", "U+000A"), ("a\x1b[2Jb", "U+001B")]
)
def test_a_value_with_a_control_character_is_refused(
    ff: Run, config: Path, value: str, code: str
) -> None:
    done = ff("config", "set", "owner", value)
    assert done.exit_code == 2
    assert f"owner holds a control character ({code})" in one_line(done.stderr)
    assert not config.exists()
    assert ff("config", "show").exit_code == 0


def test_show_on_a_damaged_file_shows_what_it_can_and_says_where(ff: Run, config: Path) -> None:
    config.parent.mkdir()
    config.write_text(DAMAGED, encoding="utf-8")
    shown = ff("config", "show", "--json")
    assert shown.exit_code == 1
    data = json.loads(shown.stdout)
    assert data["settings"]["owner"] == {"value": "Sam", "source": "config file"}
    assert data["settings"]["team"]["value"] == "Family support"
    assert f"{config}:4:" in data["problem"] and "'Jones' is not a setting" in data["problem"]
    assert f"{config}:4:" in one_line(shown.stderr)
    assert config.read_text(encoding="utf-8") == DAMAGED, "show changes nothing"
    # Other commands still refuse it, and say how to repair it.
    check = ff("check", "--dry-run", "-a", "legal=yes")
    assert check.exit_code == 1
    assert "ff config set or unset repairs the file" in one_line(check.stderr)


@pytest.mark.parametrize(
    ("command", "owner"), [(("unset", "owner"), None), (("set", "owner", "Sam Jones"), "Sam Jones")]
)
def test_set_and_unset_repair_a_damaged_file_and_keep_a_copy(
    ff: Run, config: Path, command: tuple[str, ...], owner: str | None
) -> None:
    config.parent.mkdir()
    config.write_text(DAMAGED, encoding="utf-8")
    done = ff("config", *command)
    assert done.exit_code == 0, done.stderr
    copy = config.with_name("config.ini.damaged")
    assert f"the old file is kept as {copy}" in one_line(done.stderr)
    assert copy.read_text(encoding="utf-8") == DAMAGED
    shown = json.loads(ff("config", "show", "--json").stdout)
    assert "problem" not in shown
    assert shown["settings"]["team"]["value"] == "Family support"
    assert (shown["settings"]["owner"]["source"] == "config file") == (owner is not None)
    if owner:
        assert shown["settings"]["owner"]["value"] == owner
    again = ff("config", "set", "team", "Early help")
    assert again.exit_code == 0
    assert "damaged" not in again.stderr
    assert sorted(p.name for p in config.parent.iterdir() if "damaged" in p.name) == [copy.name]


def test_a_config_file_that_is_not_a_file_is_named(ff: Run, config: Path) -> None:
    config.mkdir(parents=True)
    shown = ff("config", "show")
    assert shown.exit_code == 1
    assert f"{config} is a folder, not a file" in one_line(shown.stderr)


def test_a_fifo_as_the_config_file_is_refused_without_waiting(ff: Run, config: Path) -> None:
    config.parent.mkdir()
    os.mkfifo(config)
    for command in (("show",), ("set", "team", "x"), ("unset", "team")):
        done = ff("config", *command)
        assert done.exit_code == 1, done.stderr
        assert "is a named pipe (FIFO), not a file" in one_line(done.stderr)
    assert stat.S_ISFIFO(config.lstat().st_mode)
    assert ff("check", "--dry-run", "-a", "legal=yes").exit_code == 1


def test_the_config_file_is_read_again_when_changed_by_hand_or_by_ff(config: Path) -> None:
    from ff.config import read_config_leniently, set_value

    config.parent.mkdir()
    config.write_text("[ff]\nteam = A\n", encoding="utf-8")
    values, problem = read_config_leniently()
    assert (values, problem) == ({"team": "A"}, None)
    values["team"] = "changed by the caller"
    assert read_config_leniently()[0] == {"team": "A"}, "each caller gets its own copy"
    config.write_text("[ff]\nteam = Bee\n", encoding="utf-8")  # by hand
    assert read_config_leniently()[0] == {"team": "Bee"}
    set_value("team", "C")
    assert read_config_leniently()[0] == {"team": "C"}
