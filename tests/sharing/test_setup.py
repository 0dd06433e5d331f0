"""ff share init: the .gitattributes line (committed), this clone's merge driver (this
very ff), ff's own files kept out of git; said back, and refused clearly where it
cannot be done."""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path

import pytest

from tests.conftest import run_ff
from tests.sharing.conftest import Laptop, git, head

pytestmark = pytest.mark.slow


@pytest.fixture
def repo(tmp_path: Path) -> Laptop:
    root = tmp_path / "team"
    git(tmp_path, "init", "--quiet", "--initial-branch=main", str(root))
    return Laptop(root)


def test_init_sets_up_the_attributes_the_driver_and_says_so(repo: Laptop) -> None:
    done = repo.in_repo("share", "init")
    said = " ".join(done.stderr.split())
    assert f"Set up {repo.root} so that git merges journals with ff" in said
    assert "added `*.json merge=ff` to .gitattributes; committed it" in said
    assert "checked that git can run it: it is this ff" in said
    attributes = (repo.root / ".gitattributes").read_text(encoding="utf-8")
    assert "*.json merge=ff" in attributes.splitlines()
    assert git(repo.root, "log", "-1", "--format=%s").stdout.strip() == "ff: merge journals with ff"
    assert git(repo.root, "check-attr", "merge", "--", "team.json").stdout.strip() == (
        "team.json: merge: ff"
    )
    driver = git(repo.root, "config", "merge.ff.driver").stdout.strip()
    program = shlex.split(driver)[0]
    assert Path(program).parent == Path(sys.executable).parent, "this ff, by its full path"
    assert driver.endswith("share merge-driver %O %A %B %P")
    exclude = (repo.root / ".git" / "info" / "exclude").read_text(encoding="utf-8")
    assert "*.json.lock" in exclude.splitlines()
    repo.check("Homework club")  # the lock file beside the journal is not shown by git
    assert git(repo.root, "status", "--porcelain").stdout == "?? team.json\n"


def test_init_twice_changes_nothing_more(repo: Laptop) -> None:
    repo.in_repo("share", "init")
    commit = head(repo.root)
    again = json.loads(repo.in_repo("share", "init", "--json").stdout)
    assert again["gitattributes"]["added"] is False and again["excluded"] == []
    assert again["driver"]["was"] is None
    assert head(repo.root) == commit
    text = repo.in_repo("share", "init").stderr
    assert ".gitattributes already had `*.json merge=ff`" in text


def test_a_pattern_names_only_the_journals(repo: Laptop) -> None:
    repo.in_repo("share", "init", "--pattern", "teams/*.json")
    assert "teams/*.json merge=ff" in (repo.root / ".gitattributes").read_text("utf-8")
    check = git(repo.root, "check-attr", "merge", "--", "teams/a.json", "package.json")
    assert check.stdout.splitlines() == [
        "teams/a.json: merge: ff",
        "package.json: merge: unspecified",
    ]


@pytest.mark.parametrize(
    ("pattern", "said"),
    [
        ("my teams/*.json", "it must be one word, with no spaces"),
        ("teams/*.json\nother merge=binary", "it must be one word, with no spaces"),
        ("   ", "it must be one word, with no spaces"),
        ("#teams", "as a comment"),
        ("!*.json", "as a negation"),
    ],
)
def test_a_pattern_git_would_misread_is_refused_and_nothing_is_written(
    repo: Laptop, pattern: str, said: str
) -> None:
    done = repo.in_repo("share", "init", "--pattern", pattern, ok=False)
    assert done.exit_code == 2, done.stderr
    assert said in " ".join(done.stderr.split())
    assert "ff share init --pattern 'teams/*.json'" in " ".join(done.stderr.split())
    assert not (repo.root / ".gitattributes").exists()
    assert "merge" not in (repo.root / ".git" / "config").read_text(encoding="utf-8")


def test_a_folder_with_spaces_is_named_with_a_question_mark(repo: Laptop) -> None:
    repo.in_repo("share", "init", "--pattern", "my?teams/*.json")
    check = git(repo.root, "check-attr", "merge", "--", "my teams/a.json")
    assert check.stdout.strip() == "my teams/a.json: merge: ff"


def test_init_replaces_a_driver_that_is_not_this_ff(repo: Laptop) -> None:
    git(repo.root, "config", "merge.ff.driver", "/old/venv/bin/ff share merge-driver %O %A %B %P")
    done = json.loads(repo.in_repo("share", "init", "--json").stdout)
    assert done["driver"]["was"].startswith("/old/venv/bin/ff")
    assert git(repo.root, "config", "merge.ff.driver").stdout.strip() == done["driver"]["command"]


def test_init_outside_a_git_repository_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "not-a-repository"
    folder.mkdir()
    done = run_ff("share", "init", cwd=folder)
    assert done.returncode == 1
    assert f"{folder} is not in a git repository" in done.stderr
    assert "git init" in done.stderr
    assert list(folder.iterdir()) == []
