"""ff merge, ff delete and the round trip of typed text, as teams would use them.

* merge: two teams' journals become one; merging is idempotent, renumbers an
  iteration whose number is taken, reports conflicts and keeps this journal's
  copy, never writes the other journals, and refuses missing or damaged ones;
* delete: the deleted text is gone from the file's bytes, not just hidden;
* round trip: whatever text is typed is stored and shown back as typed, and the
  human output never passes escape codes or markup through to the terminal.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable, Iterator
from itertools import count
from pathlib import Path
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from ff.cli import app
from ff.terminal.console import plain
from tests.conftest import ALL_CLEAR, answer_options, stored_records

Run = Callable[..., Result]
TABLES = ("ideas", "iterations", "status_changes")


# --------------------------------------------------------------------------- helpers


def _clock() -> Iterator[str]:
    """Distinct, increasing times for FF_NOW, so that histories sort the same every run."""
    for minute in count():
        yield f"2026-11-{1 + minute // 600:02d}T{8 + minute // 60 % 10:02d}:{minute % 60:02d}:00Z"


class Team:
    """One team's journal, written through the CLI with controlled timestamps."""

    def __init__(self, ff: Run, path: Path, clock: Iterator[str]) -> None:
        self.ff = ff
        self.path = path
        self.clock = clock

    def run(self, *args: str) -> Result:
        return self.ff(*args, "--journal", str(self.path), env={"FF_NOW": next(self.clock)})

    def check(self, title: str) -> dict[str, Any]:
        result = self.run("check", title, *answer_options(ALL_CLEAR), "--json")
        assert result.exit_code == 0, result.stderr
        idea: dict[str, Any] = json.loads(result.stdout)["idea"]
        return idea

    def log(self, ref: str, learned: str, test: str | None = None, **fields: str) -> dict[str, Any]:
        result = self.run(
            "log",
            ref,
            f"--test={test or 'tried for ' + learned}",
            "--result=success",
            f"--learned={learned}",
            *[f"--{key.replace('_', '-')}={value}" for key, value in fields.items()],
            "--json",
        )
        assert result.exit_code == 0, result.stderr
        iteration: dict[str, Any] = json.loads(result.stdout)
        return iteration

    def status(self, ref: str, state: str, *extra: str) -> None:
        result = self.run("status", ref, state, *extra)
        assert result.exit_code == 0, result.stderr

    def merge(self, *others: Path, as_json: bool = True) -> Result:
        return self.run("merge", *map(str, others), *(["--json"] if as_json else []))

    def ideas(self) -> dict[str, dict[str, Any]]:
        """Every idea (as ``ff show --json`` gives it), by id."""
        listed = self.run("ideas", "--json")
        assert listed.exit_code == 0, listed.stderr
        shown = {}
        for idea in json.loads(listed.stdout):
            result = self.run("show", idea["id"], "--json")
            assert result.exit_code == 0, result.stderr
            record = json.loads(result.stdout)
            assert record == idea, "ff ideas --json and ff show --json agree"
            shown[idea["id"]] = record
        return shown

    def show(self, ref: str) -> dict[str, Any]:
        result = self.run("show", ref, "--json")
        assert result.exit_code == 0, result.stderr
        record: dict[str, Any] = json.loads(result.stdout)
        return record

    def tables(self) -> dict[str, dict[str, Any]]:
        """The journal file read as plain JSON, not through ff (records by their ids)."""
        raw = stored_records(self.path)
        return {name: raw.get(name, {}) for name in TABLES}

    def counts(self) -> dict[str, int]:
        return {name: len(table) for name, table in self.tables().items()}

    def copy_to(self, path: Path) -> Team:
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.path, path)
        return Team(self.ff, path, self.clock)


def written(path: Path) -> tuple[bytes, int]:
    """The file's bytes and modification time: both stay the same if it is not written."""
    return path.read_bytes(), path.stat().st_mtime_ns


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def one_line(text: str) -> str:
    return " ".join(text.split())


def build_a(team: Team) -> None:
    """Team A: one idea with two iterations (so prototyping), one idea paused.
    2 ideas, 2 iterations, 4 status changes."""
    first = team.check("Homework club in the library")
    team.log(first["ref"], "Children came back the week after", observed="12 came")
    team.log(first["ref"], "Parents want a Thursday too", decision="adapt")
    second = team.check("Text reminders for appointments")
    team.status(second["ref"], "paused", "--note", "waiting for the DPO")


def build_b(team: Team) -> None:
    """Team B: different ideas. 2 ideas, 2 iterations, 5 status changes."""
    first = team.check("Walk-and-talk for dads")
    team.log(first["ref"], "Dads talk more side by side", hours="3")
    team.log(first["ref"], "Saturday mornings suit them", cost="12.50")
    team.status(first["ref"], "adopted", "--by", "Sam, service manager")
    second = team.check("Pop-up stall at the market")
    team.status(second["ref"], "abandoned", "--note", "no permit")


def teams(ff: Run, tmp_path: Path) -> tuple[Team, Team]:
    clock = _clock()
    a = Team(ff, tmp_path / "a" / "A.json", clock)
    b = Team(ff, tmp_path / "b" / "B.json", clock)
    build_a(a)
    build_b(b)
    assert a.counts() == {"ideas": 2, "iterations": 2, "status_changes": 4}
    assert b.counts() == {"ideas": 2, "iterations": 2, "status_changes": 5}
    return a, b


NOTHING_ADDED = {"ideas": 0, "iterations": 0, "status_changes": 0}


# --------------------------------------------------------------------------- 1. merge


def test_merge_brings_every_record_of_the_other_journal(ff: Run, tmp_path: Path) -> None:
    a, b = teams(ff, tmp_path)
    a_before, b_before = a.ideas(), b.ideas()
    a_tables, b_tables = a.tables(), b.tables()
    b_before_merge, b_folder = written(b.path), sorted(b.path.parent.iterdir())

    result = a.merge(b.path)

    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {
        "added": {"ideas": 2, "iterations": 2, "status_changes": 5},
        "unchanged": 0,
        "deleted": 0,
        "conflicts": [],
        "renumbered": [],
    }
    merged = a.ideas()
    assert merged == {**a_before, **b_before}, "every idea shown exactly as in its journal"
    assert list(merged) == [*b_before, *a_before], "newest first, whichever journal"
    after = a.tables()
    for name in TABLES:
        assert after[name] == {**a_tables[name], **b_tables[name]}, name
    assert written(b.path) == b_before_merge, "merge never writes the other journal"
    assert sorted(b.path.parent.iterdir()) == b_folder, "nor anything beside it"
    assert temp_files(a.path.parent) == []


def test_merge_human_report_counts_what_was_added(ff: Run, tmp_path: Path) -> None:
    a, b = teams(ff, tmp_path)
    result = a.merge(b.path, as_json=False)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert (
        f"Merged into {a.path}: 2 idea(s), 2 iteration(s) and 5 status change(s) added; "
        "0 already here." in one_line(result.stderr)
    )


# --------------------------------------------------------------------------- 2. idempotence


def test_merging_twice_adds_nothing_the_second_time(ff: Run, tmp_path: Path) -> None:
    a, b = teams(ff, tmp_path)
    assert a.merge(b.path).exit_code == 0
    merged = written(a.path)
    merged_ideas = a.ideas()

    again = a.merge(b.path)

    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout) == {
        "added": NOTHING_ADDED,
        "unchanged": 2 + 2 + 5,
        "deleted": 0,
        "conflicts": [],
        "renumbered": [],
    }
    assert written(a.path) == merged, "nothing to add: the file is not even rewritten"
    assert a.ideas() == merged_ideas
    human = a.merge(b.path, as_json=False)
    assert human.exit_code == 0
    assert "0 idea(s), 0 iteration(s) and 0 status change(s) added; 9 already here." in one_line(
        human.stderr
    )
    assert written(a.path) == merged


def test_merging_a_journal_into_itself_adds_nothing(ff: Run, tmp_path: Path) -> None:
    a, _ = teams(ff, tmp_path)
    before = written(a.path)
    result = a.merge(a.path)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {
        "added": NOTHING_ADDED,
        "unchanged": 2 + 2 + 4,
        "deleted": 0,
        "conflicts": [],
        "renumbered": [],
    }
    assert written(a.path) == before


# --------------------------------------------------------------------------- 3. diverged copies


def test_copies_that_diverged_merge_with_the_new_iteration_renumbered(
    ff: Run, tmp_path: Path
) -> None:
    a, _ = teams(ff, tmp_path)
    first = next(i for i in a.tables()["ideas"].values() if i["title"].startswith("Homework"))
    c = a.copy_to(tmp_path / "c" / "C.json")
    shared = a.counts()

    ours = a.log(first["ref"], "Our third try: the library asked us to stay")
    theirs = c.log(first["ref"], "Their third try: a room at the school")
    assert ours["number"] == theirs["number"] == 3 and ours["id"] != theirs["id"]
    c.status(first["ref"], "adopted", "--by", "Priya, head of service")
    change = next(s for s in c.tables()["status_changes"].values() if s["status"] == "adopted")
    c_before = written(c.path)

    result = a.merge(c.path)

    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {
        "added": {"ideas": 0, "iterations": 1, "status_changes": 1},
        "unchanged": sum(shared.values()),
        "deleted": 0,
        "conflicts": [],
        "renumbered": [
            {
                "journal": str(c.path),
                "id": theirs["id"],
                "idea_id": first["id"],
                "from": 3,
                "to": 4,
            }
        ],
    }
    shown = a.show(first["ref"])
    assert [it["number"] for it in shown["iterations"]] == [1, 2, 3, 4]
    assert shown["iterations"][3] == {**theirs, "number": 4}
    assert shown["iterations"][2] == ours
    assert shown["status"] == "adopted"
    assert shown["status_history"][-1] == change
    assert written(c.path) == c_before

    merged = written(a.path)
    again = a.merge(c.path)
    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout) == {
        "added": NOTHING_ADDED,
        "unchanged": sum(shared.values()) + 2,
        "deleted": 0,
        "conflicts": [],
        "renumbered": [],
    }, "a renumbered iteration is the same record: merging again adds nothing"
    assert written(a.path) == merged


def test_merging_both_ways_leaves_both_journals_with_the_same_records(
    ff: Run, tmp_path: Path
) -> None:
    a, b = teams(ff, tmp_path)
    c = a.copy_to(tmp_path / "c" / "C.json")
    ref = next(i["ref"] for i in a.tables()["ideas"].values() if i["title"].startswith("Homework"))
    a.log(ref, "A's third try")
    c.log(ref, "C's third try")
    c.status(ref, "paused")
    assert a.merge(b.path).exit_code == 0
    assert a.merge(c.path).exit_code == 0
    assert c.merge(a.path).exit_code == 0

    def by_id(team: Team) -> dict[str, dict[str, Any]]:
        return {
            f"{name}/{key}": {k: v for k, v in record.items() if k != "number"}
            for name, table in team.tables().items()
            for key, record in table.items()
        }

    assert by_id(a) == by_id(c)
    for team in (a, c):
        numbers = [it["number"] for it in team.show(ref)["iterations"]]
        assert numbers == [1, 2, 3, 4], "each journal numbers the tries without gaps"
    assert json.loads(a.merge(c.path).stdout)["added"] == NOTHING_ADDED
    assert json.loads(c.merge(a.path).stdout)["added"] == NOTHING_ADDED


def test_renumbering_is_reported_in_words(ff: Run, tmp_path: Path) -> None:
    a, _ = teams(ff, tmp_path)
    c = a.copy_to(tmp_path / "c" / "C.json")
    ref = next(i["ref"] for i in a.tables()["ideas"].values() if i["title"].startswith("Homework"))
    a.log(ref, "ours")
    c.log(ref, "theirs")
    result = a.merge(c.path, as_json=False)
    assert result.exit_code == 0, result.stderr
    assert f"Renumbered an iteration from {c.path}: 3 -> 4 (the number was taken)." in one_line(
        result.stderr
    )


# --------------------------------------------------------------------------- 4. conflicts


def test_a_record_changed_on_both_sides_is_a_conflict_and_ours_is_kept(
    ff: Run, tmp_path: Path
) -> None:
    a, _ = teams(ff, tmp_path)
    d = a.copy_to(tmp_path / "d" / "D.json")
    first = next(i for i in a.tables()["ideas"].values() if i["title"].startswith("Homework"))
    ours = a.show(first["ref"])["iterations"][0]

    edited = d.run("edit", f"{first['ref']}#1", "--learned", "Rewritten by team D", "--json")
    assert edited.exit_code == 0, edited.stderr
    new_iteration = d.log(first["ref"], "D's own third try")
    new_idea = d.check("Team D's new idea")
    d_tables = d.tables()

    result = a.merge(d.path)

    assert result.exit_code == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["conflicts"] == [
        {
            "journal": str(d.path),
            "table": "iterations",
            "id": ours["id"],
            "fields": ["edited", "learned"],
        }
    ]
    assert report["added"] == {"ideas": 1, "iterations": 1, "status_changes": 1}
    assert report["renumbered"] == []
    shown = a.show(first["ref"])
    assert shown["iterations"][0] == ours, "this journal's copy is kept"
    assert shown["iterations"][0]["learned"] == "Children came back the week after"
    assert "edited" not in a.tables()["iterations"][ours["id"]]
    assert shown["iterations"][2] == new_iteration, "everything else from D is merged"
    assert a.show(new_idea["ref"])["title"] == "Team D's new idea"
    assert set(a.tables()["status_changes"]) == set(d_tables["status_changes"])

    # In words, on stderr; the conflict stays (and is reported) on every later merge.
    before = written(a.path)
    human = a.merge(d.path, as_json=False)
    assert human.exit_code == 1
    assert human.stdout == ""
    assert (
        f"Conflict: iterations record {ours['id']} differs in {d.path} (edited, learned); "
        "kept this journal's copy." in one_line(human.stderr)
    )
    assert written(a.path) == before


# --------------------------------------------------------------------------- 5. errors


def test_merging_a_missing_journal_exits_2_and_changes_nothing(ff: Run, tmp_path: Path) -> None:
    a, b = teams(ff, tmp_path)
    before = written(a.path)
    missing = tmp_path / "nowhere" / "gone.json"
    for others in ([missing], [b.path, missing]):
        result = a.merge(*others)
        assert result.exit_code == 2, result.stderr
        assert f"There is no journal at {missing}" in one_line(result.stderr)
        assert result.stdout == ""
        assert written(a.path) == before
    assert not missing.exists() and not missing.parent.exists()


def test_merging_a_damaged_journal_exits_1_naming_it_and_changes_nothing(
    ff: Run, tmp_path: Path
) -> None:
    a, b = teams(ff, tmp_path)
    before = written(a.path)
    damaged = tmp_path / "damaged.json"
    content = b.path.read_bytes()[:-40]  # cut off mid-record, as a failed copy would
    damaged.write_bytes(content)
    for others in ([damaged], [b.path, damaged]):
        result = a.merge(*others)
        assert result.exit_code == 1, result.stderr
        message = one_line(result.stderr)
        assert f"The journal {damaged} is damaged" in message
        assert "What to do:" in message
        assert result.stdout == ""
        assert written(a.path) == before, "nothing is merged, not even from B"
    assert damaged.read_bytes() == content
    assert temp_files(a.path.parent) == []


def test_merging_json_that_is_not_a_journal_exits_1_and_changes_nothing(
    ff: Run, tmp_path: Path
) -> None:
    a, _ = teams(ff, tmp_path)
    before = written(a.path)
    foreign = tmp_path / "package.json"
    foreign.write_text('{"name": "not a journal"}\n')
    result = a.merge(foreign)
    assert result.exit_code == 1
    assert f"{foreign} is not an ff journal" in one_line(result.stderr)
    assert written(a.path) == before


# --------------------------------------------------------------------------- 6. delete


SECRET = "SECRET-Learning-41f"
SECRET_TITLE = "Confidential pilot 9x7q"


def test_delete_removes_the_text_from_the_file(ff: Run, tmp_path: Path) -> None:
    team = Team(ff, tmp_path / "journal.json", _clock())
    other = team.check("An idea that stays")
    team.log(other["ref"], "stays-learned-5k2")
    idea = team.check(SECRET_TITLE)
    team.log(
        idea["ref"],
        f"{SECRET} learned ünïcødé",
        test=f"{SECRET} test",
        observed=f"{SECRET} observed",
    )
    team.log(idea["ref"], "second-try-8d1", test="kept-test-3m9")
    team.status(idea["ref"], "paused", "--note", "note-history-6p4")
    raw = team.path.read_bytes()
    assert SECRET.encode() in raw and "ünïcødé".encode() in raw

    gone = team.run("delete", f"{idea['ref']}#1", "--yes")

    assert gone.exit_code == 0, gone.stderr
    raw = team.path.read_bytes()
    assert SECRET.encode() not in raw and "ünïcødé".encode() not in raw
    for kept in (SECRET_TITLE, "second-try-8d1", "kept-test-3m9", "note-history-6p4"):
        assert kept.encode() in raw, kept
    assert [it["number"] for it in team.show(idea["ref"])["iterations"]] == [2]

    gone = team.run("delete", idea["ref"], "--yes")

    assert gone.exit_code == 0, gone.stderr
    raw = team.path.read_bytes()
    for removed in (SECRET_TITLE, "second-try-8d1", "kept-test-3m9", "note-history-6p4"):
        assert removed.encode() not in raw, removed
    stored = stored_records(team.path)
    records = {name: table for name, table in stored.items() if name != "deleted"}
    assert idea["id"] not in json.dumps(records), "no record refers to the deleted idea"
    assert idea["id"] in stored["deleted"], "only its id is kept, as deleted"
    assert temp_files(tmp_path) == []
    for path in tmp_path.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert SECRET.encode() not in content and SECRET_TITLE.encode() not in content, path
    assert list(team.ideas()) == [other["id"]]
    assert b"stays-learned-5k2" in raw
    assert team.counts() == {"ideas": 1, "iterations": 1, "status_changes": 2}


def test_delete_needs_yes_in_a_script_and_then_changes_nothing(ff: Run, tmp_path: Path) -> None:
    team = Team(ff, tmp_path / "journal.json", _clock())
    idea = team.check(SECRET_TITLE)
    team.log(idea["ref"], SECRET)
    before = written(team.path)
    for target in (idea["ref"], f"{idea['ref']}#1"):
        refused = team.run("delete", target)
        assert refused.exit_code == 2
        assert "--yes" in refused.stderr
        assert written(team.path) == before


# --------------------------------------------------------------------------- 7. round trip

RUNNER = CliRunner()
TRICKY = [
    "\x1b[31m",
    "\x1b[2J",
    "\x1b]0;title\x07",
    "\x9b31m",
    "\x07",
    "\r",
    "\n",
    "\t",
    "\x7f",
    "\x85",
    "\u2028",
    "\u200b",
    "\u0301",
    "[bold]",
    "[/bold]",
    "[/]",
    "[link=https://example.org]",
    "[red on white]",
    "\\[",
    "{",
    "%s",
    "--",
    "-x",
    "😀",
    "ﷺ",
    "é",
    "│",
]
CHARACTERS = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
TEXT = (
    st.lists(st.one_of(st.text(CHARACTERS, max_size=20), st.sampled_from(TRICKY)), max_size=12)
    .map("".join)
    .filter(lambda text: text.strip() != "")
)
_BOXES = str.maketrans("", "", "│╭╮╰╯─")


def _visible(text: str) -> str:
    """Text as a person reads it on screen: no spaces, line breaks or panel borders."""
    return "".join(text.split()).translate(_BOXES)


_TEMPLATE: dict[str, Any] = {}


def _invoke(*args: str) -> Result:
    return RUNNER.invoke(app, list(args), catch_exceptions=False)


def _journal_with_one_idea(folder: Path) -> tuple[str, str]:
    """A new journal in ``folder`` holding one checked idea: its path and the idea's ref.
    The first is made by ff check; later ones are copies of it, to keep examples fast."""
    path = folder / "journal.json"
    if not _TEMPLATE:
        checked = _invoke(
            "check", "Idea", *answer_options(ALL_CLEAR), "--journal", str(path), "--json"
        )
        assert checked.exit_code == 0, checked.stderr
        _TEMPLATE.update(ref=json.loads(checked.stdout)["idea"]["ref"], content=path.read_bytes())
    else:
        path.write_bytes(_TEMPLATE["content"])
    return str(path), str(_TEMPLATE["ref"])


def _not_hit_by_known_bugs(text: str) -> bool:
    """Text that ff show prints unbroken, so the test can find it whole in the output: no
    tabs (expanded to spaces) and no word so long that it is folded across lines (both
    are shown whole, as the two tests below check, but not as one piece)."""
    return "\t" not in text and all(len(word) <= 40 for word in text.split())


def _shown_part(text: str) -> str:
    """What ff may show of user text: the text without escape codes and control characters."""
    return plain(text).plain


@settings(max_examples=50, deadline=None)
@given(learned=TEXT, tried=TEXT)
@example(learned="\x1b[31mred\x1b[0m \x1b]0;pwned\x07", tried="[bold]x[/bold] [/]")
@example(learned="  padded  \n", tried="\n\t[/]\r\n")
@example(learned="-x", tried="--")
@example(
    learned=" ".join(f"learned-{n}" for n in range(120)) + "\nlast line",
    tried="\n".join(f"line {n} of what we tried" for n in range(30)),
)
def test_any_text_is_stored_as_typed_and_shown_safely(learned: str, tried: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path, ref = _journal_with_one_idea(Path(folder))

        logged = _invoke(
            "log", ref, "--test", tried, "--result", "success", "--learned", learned,
            "--journal", path, "--json",
        )  # fmt: skip

        assert logged.exit_code == 0, logged.stderr
        stored = json.loads(logged.stdout)
        assert (stored["learned"], stored["test"]) == (learned.strip(), tried.strip())
        shown = _invoke("show", ref, "--journal", path, "--json")
        assert shown.exit_code == 0, shown.stderr
        iteration = json.loads(shown.stdout)["iterations"][0]
        assert (iteration["learned"], iteration["test"]) == (learned.strip(), tried.strip())

        human = _invoke("show", ref, "--journal", path)
        assert human.exit_code == 0, human.stderr
        for stream in (human.stdout, human.stderr, logged.stderr):
            assert "\x1b" not in stream and "\x9b" not in stream and "\x07" not in stream
        screen = _visible(human.stdout)
        for typed in (learned, tried):
            if _not_hit_by_known_bugs(typed):
                assert _visible(_shown_part(typed)) in screen, (typed, human.stdout)


def test_rich_markup_in_user_text_appears_literally(ff: Run, tmp_path: Path) -> None:
    team = Team(ff, tmp_path / "journal.json", _clock())
    title = "[b]Bold[/b] [/] [red]x"  # short, so the ideas table does not fold it
    learned = "[link=https://example.org]click[/link] and [/] stay"
    tried = "[i]tried[/i] \\[escaped]"
    idea = team.check(title)
    team.log(idea["ref"], learned, test=tried, observed="[green]seen[/]")
    stored = team.show(idea["ref"])
    assert stored["title"] == title
    assert (stored["iterations"][0]["learned"], stored["iterations"][0]["test"]) == (learned, tried)
    for args in (("show", idea["ref"]), ("ideas",)):
        result = team.run(*args)
        assert result.exit_code == 0, result.stderr
        assert "\x1b" not in result.stdout
        assert title in result.stdout, args
    shown = team.run("show", idea["ref"]).stdout
    for typed in (learned, tried, "[green]seen[/]"):
        assert typed in shown, typed


def test_a_tab_at_the_end_of_a_line_loses_no_text_in_show(ff: Run, tmp_path: Path) -> None:
    team = Team(ff, tmp_path / "journal.json", _clock())
    idea = team.check("Parents evening")
    tried = "Parents evening at the 家族会 centre: notes\t\nok"  # pasted from a spreadsheet
    team.log(idea["ref"], "Families came", test=tried)
    assert team.show(idea["ref"])["iterations"][0]["test"] == tried, "stored as typed"
    shown = team.run("show", idea["ref"]).stdout
    assert "Parents evening at the 家族会 centre: notes" in shown, shown


def test_a_long_web_address_is_shown_whole(ff: Run, tmp_path: Path) -> None:
    team = Team(ff, tmp_path / "journal.json", _clock())
    idea = team.check("Safeguarding checklist")
    url = (
        "https://www.gov.uk/government/publications/"
        "working-together-to-safeguard-children--2/annex-b-statutory-guidance"
    )
    team.log(idea["ref"], f"See {url}", test=f"Followed {url}", observed=url)
    shown = team.run("show", idea["ref"]).stdout
    assert _visible(f"Learned: See {url}") in _visible(shown), "the Learned panel folds it"
    assert _visible(f"We tried Followed {url}") in _visible(shown), shown
    assert _visible(f"We observed {url}") in _visible(shown), shown


def test_a_deleted_record_stays_deleted_when_an_older_copy_is_merged(
    ff: Run, tmp_path: Path
) -> None:
    """Deleting personal data must not be undone by merging a colleague's older copy,
    and a deletion made in the other journal reaches this one."""
    ours, older = tmp_path / "ours.json", tmp_path / "older.json"
    made = ff("check", "Idea", *answer_options(ALL_CLEAR), "--journal", str(ours), "--json")
    ref = json.loads(made.stdout)["idea"]["ref"]
    for text in ("PRIVATE-one-7q", "kept-two-5w"):
        logged = ff(
            "log",
            ref,
            "--test",
            "t",
            "--result",
            "success",
            "--learned",
            text,
            "--journal",
            str(ours),
        )
        assert logged.exit_code == 0, logged.stderr
    shutil.copy(ours, older)
    assert ff("delete", f"{ref}#1", "--yes", "--journal", str(ours)).exit_code == 0

    merged = ff("merge", str(older), "--json", "--journal", str(ours))

    assert merged.exit_code == 0, merged.stderr
    assert json.loads(merged.stdout)["added"]["iterations"] == 0
    assert b"PRIVATE-one-7q" not in ours.read_bytes()
    # And the other way: the deletion travels to the older copy.
    back = ff("merge", str(ours), "--json", "--journal", str(older))
    assert json.loads(back.stdout)["deleted"] == 1
    assert b"PRIVATE-one-7q" not in older.read_bytes()
    assert b"kept-two-5w" in older.read_bytes()
