"""ff sync when it cannot share: each case says what state things are in and what to
run, and leaves the journal (and, before anything is done, the repository) as it was."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import run_ff
from tests.sharing.conftest import Laptop, git, head

pytestmark = pytest.mark.slow


def written(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def assert_refused(laptop: Laptop, *said: str) -> None:
    """ff sync exits 1 with the message, and changes neither the journal nor git."""
    before, commit = written(laptop.journal), head(laptop.root)
    result = laptop.sync(ok=False)
    assert result.exit_code == 1, result.stderr
    message = " ".join(result.stderr.split())
    for words in said:
        assert words in message, message
    assert "What to do:" in result.stderr
    assert written(laptop.journal) == before, "the journal is not touched"
    assert head(laptop.root) == commit, "nothing committed"


def changed_journal(laptop: Laptop) -> None:
    (idea,) = json.loads(laptop.ff("ideas", "--json").stdout)
    laptop.log(idea["ref"], "Logged on a home visit")


def test_a_repository_without_a_remote(tmp_path: Path) -> None:
    root = tmp_path / "alone"
    git(tmp_path, "init", "--quiet", "--initial-branch=main", str(root))
    laptop = Laptop(root)
    laptop.in_repo("share", "init")
    laptop.check("Homework club")
    assert_refused(laptop, "has no remote to share the journal with", "git remote add origin URL")


def test_a_branch_without_an_upstream(tmp_path: Path, remote: Path) -> None:
    root = tmp_path / "laptop"
    git(tmp_path, "clone", "--quiet", str(remote), str(root))
    git(root, "checkout", "--quiet", "-B", "main")
    laptop = Laptop(root)
    laptop.in_repo("share", "init")
    laptop.check("Homework club")
    assert_refused(laptop, "The branch main has no upstream branch", "git push -u origin main")


def test_other_files_with_changes_not_committed(
    laptops: Callable[[int], list[Laptop]],
) -> None:
    (laptop,) = laptops(1)
    notes = laptop.root / "notes.txt"
    notes.write_text("agenda\n", encoding="utf-8")
    git(laptop.root, "add", "notes.txt")
    git(laptop.root, "commit", "--quiet", "-m", "notes")
    notes.write_text("agenda, changed\n", encoding="utf-8")
    changed_journal(laptop)
    assert_refused(laptop, "have changes not committed: notes.txt", "git stash")
    assert notes.read_text(encoding="utf-8") == "agenda, changed\n"


def test_a_repository_in_the_middle_of_a_rebase(
    laptops: Callable[[int], list[Laptop]],
) -> None:
    (laptop,) = laptops(1)
    root = laptop.root
    notes = root / "notes.txt"
    notes.write_text("one\n", encoding="utf-8")
    git(root, "add", "notes.txt")
    git(root, "commit", "--quiet", "-m", "notes")
    git(root, "checkout", "--quiet", "-b", "other")
    notes.write_text("two\n", encoding="utf-8")
    git(root, "commit", "--quiet", "-am", "two")
    git(root, "checkout", "--quiet", "main")
    notes.write_text("three\n", encoding="utf-8")
    git(root, "commit", "--quiet", "-am", "three")
    assert git(root, "rebase", "other", check=False).returncode != 0  # stops on notes.txt
    assert_refused(laptop, "in the middle of a rebase", "git rebase --abort")
    assert (root / ".git" / "rebase-merge").exists(), "the rebase is left for the person"


def test_a_clone_not_set_up_for_ff(tmp_path: Path, laptops: Callable[[int], list[Laptop]]) -> None:
    laptops(1)
    root = tmp_path / "new-laptop"
    git(tmp_path, "clone", "--quiet", str(tmp_path / "remote.git"), str(root))
    laptop = Laptop(root)
    changed_journal(laptop)
    assert_refused(laptop, "no ff merge driver", "Run ff share init")


def test_a_journal_outside_any_repository(tmp_path: Path) -> None:
    laptop = Laptop(tmp_path / "plain-folder")
    laptop.root.mkdir()
    laptop.check("Homework club")
    before = written(laptop.journal)
    result = laptop.sync(ok=False)
    assert result.exit_code == 1
    assert "is not in a git repository" in result.stderr and "git clone" in result.stderr
    assert written(laptop.journal) == before


def test_offline_it_commits_says_so_and_shares_when_run_again(
    laptops: Callable[[int], list[Laptop]],
) -> None:
    one, two = laptops(2)
    changed_journal(one)
    url = git(one.root, "remote", "get-url", "origin").stdout.strip()
    git(one.root, "remote", "set-url", "origin", str(one.root.parent / "unreachable.git"))
    journal = one.journal.read_bytes()
    offline = one.sync(ok=False)
    assert offline.exit_code == 1
    said = " ".join(offline.stderr.split())
    assert "Committed your journal: ff: 1 iteration, 1 status change" in said
    assert "Not shared yet: Could not reach origin" in said
    assert "run ff sync again when you are online" in said
    assert one.journal.read_bytes() == journal
    assert git(one.root, "status", "--porcelain", "--untracked-files=no").stdout == ""
    git(one.root, "remote", "set-url", "origin", url)
    back = one.sync()
    assert "pushed to origin/main" in back.stderr
    assert "From others" not in back.stderr
    two.sync()
    assert two.records() == one.records()


def test_without_git_it_says_git_is_needed(tmp_path: Path) -> None:
    empty = tmp_path / "no-programs"
    empty.mkdir()
    for command in (("sync",), ("share", "init")):
        done = run_ff(
            *command,
            env={"PATH": str(empty), "FF_JOURNAL": str(tmp_path / "j.json")},
            cwd=tmp_path,
        )
        assert done.returncode == 1, done.stderr
        assert "git is not installed, or not on the PATH" in done.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for git")
def test_a_git_too_old_is_named(tmp_path: Path) -> None:
    programs = tmp_path / "old-git"
    programs.mkdir()
    fake = programs / "git"
    fake.write_text("#!/bin/sh\necho 'git version 1.9.5'\n", encoding="utf-8")
    fake.chmod(0o755)
    done = run_ff(
        "sync",
        env={"PATH": f"{programs}{os.pathsep}{os.environ['PATH']}", "FF_JOURNAL": "j.json"},
        cwd=tmp_path,
    )
    assert done.returncode == 1
    assert "git 1.9 is too old for ff (it needs 2.20 or later)" in done.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="the git hook is a shell script")
def test_someone_pushing_in_between_is_merged_and_pushed_again(
    laptops: Callable[[int], list[Laptop]],
) -> None:
    """Another laptop pushes while ff sync is pushing (here: from a pre-push hook):
    git refuses the push, and ff sync fetches, merges and pushes again."""
    one, two = laptops(2)
    (idea,) = json.loads(one.ff("ideas", "--json").stdout)
    two.log(idea["ref"], "Jo's iteration")
    git(two.root, "commit", "--quiet", "-am", "ff: 1 iteration")
    hook = one.root / ".git" / "hooks" / "pre-push"
    hook.write_text(
        "#!/bin/sh\n"
        f"if [ ! -e '{one.root}/.pushed' ]; then touch '{one.root}/.pushed'; "
        f"env -u GIT_DIR -u GIT_WORK_TREE -u GIT_INDEX_FILE git -C '{two.root}' push --quiet; fi\n",
        encoding="utf-8",
    )
    hook.chmod(0o755)
    one.log(idea["ref"], "Sam's iteration")
    synced = one.sync()
    assert "pushed to origin/main" in synced.stderr
    assert "From others: 1 iteration" in synced.stderr
    two.sync()
    learned = [it["learned"] for it in two.show(idea["ref"])["iterations"]]
    assert sorted(learned) == ["Jo's iteration", "Sam's iteration"]
    assert one.records() == two.records()
