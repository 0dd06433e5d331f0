"""The three-way merge's promises, for random work on three copies of a journal made
with ff's own functions (check, log, edit, status, delete): the same two copies give
the same journal whichever is "ours"; merging a result again with what it came from
changes nothing; three copies merged in any order hold the same records (iteration
numbers aside, which depend on who merged first, and are always unique per idea);
and the result is exactly the union, with every deletion kept. Compared by records
(their ids and contents), not bytes: document ids are only storage keys."""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ff.cards.engine import decide
from ff.cards.loading import find_card
from ff.check.record import decision_record
from ff.errors import FFError
from ff.journal.copies import read_copy
from ff.journal.ideas import NewIdea, record_check
from ff.journal.iterations import delete_idea, delete_iteration, edit, log
from ff.journal.lifecycle import change_status
from ff.journal.reading import all_ideas
from ff.journal.threeway import merge_files
from tests.conftest import ALL_CLEAR, stored_records

TEXTS = ("Thursdays", "Saturdays", "after school", "with grandparents")
FIELDS = ("learned", "observed", "result", "next_step")
Records = dict[str, dict[str, dict[str, Any]]]

logging = st.tuples(st.just("log"), st.integers(0, 5), st.sampled_from(TEXTS))
editing = st.tuples(
    st.just("edit"),
    st.integers(0, 5),
    st.integers(0, 5),
    st.sampled_from(FIELDS),
    st.sampled_from(TEXTS),
    st.booleans(),  # the copy's own words (so two copies' edits differ), or shared ones
)
# The same field of the first idea's first iteration, in each copy's own words.
clashing = st.tuples(
    st.just("edit"), st.just(0), st.just(0), st.sampled_from(FIELDS[:2]), st.sampled_from(TEXTS),
    st.just(True),
)  # fmt: skip
# Logs and edits weigh more than deletions, so that copies often change the same records.
operation = st.one_of(
    logging,
    logging,
    editing,
    editing,
    clashing,
    st.tuples(st.just("check"), st.sampled_from(TEXTS)),
    st.tuples(st.just("status"), st.integers(0, 5), st.sampled_from(("paused", "adopted"))),
    st.tuples(st.just("delete_iteration"), st.integers(0, 5), st.integers(0, 5)),
    st.tuples(st.just("delete_idea"), st.integers(0, 5)),
)
work = st.lists(operation, max_size=7)


class Clock:
    def __init__(self) -> None:
        self.minute = 0

    def tick(self) -> None:
        self.minute += 1
        os.environ["FF_NOW"] = f"2026-11-25T{8 + self.minute // 60:02d}:{self.minute % 60:02d}:00Z"


def apply(path: Path, operations: list[tuple[Any, ...]], clock: Clock, who: str = "") -> None:
    """Do the operations with ff's functions, as a person would; ones that name what is
    not there, or that ff refuses, are skipped."""
    decision = decision_record(decide(find_card(None), ALL_CLEAR))
    for op in operations:
        clock.tick()
        ideas = (
            sorted(all_ideas(path), key=lambda i: (i["created"], i["id"])) if path.exists() else []
        )
        kind = op[0]
        if kind == "check":
            record_check(path, NewIdea(f"Idea: {op[1]}", "Sam", "Early years", ()), decision)
            continue
        if not ideas:
            continue
        idea = ideas[op[1] % len(ideas)]
        numbers = [it["number"] for it in idea["iterations"]]
        try:
            if kind == "log":
                log(
                    path,
                    idea["id"],
                    {"test": "t", "result": "partial", "learned": op[2]},
                    "Jo",
                    True,
                )
            elif kind == "edit" and numbers:
                value = (f"{op[4]} ({who})" if op[5] else op[4]) if op[3] != "result" else "success"
                edit(path, idea["id"], numbers[op[2] % len(numbers)], {op[3]: value}, "Jo")
            elif kind == "status":
                change_status(path, idea["id"], op[2], by=None, note=None, recorded_by="Jo")
            elif kind == "delete_iteration" and numbers:
                delete_iteration(path, idea["id"], numbers[op[2] % len(numbers)])
            elif kind == "delete_idea":
                delete_idea(path, idea["id"])
        except FFError:
            pass  # e.g. a status the idea already has


def merged(folder: Path, ancestor: Path, ours: Path, theirs: Path, name: str) -> Path:
    result = folder / name
    shutil.copyfile(ours, result)
    decoded: dict[tuple[str, bytes], dict[str, Any]] = {}
    merge_files(
        read_copy(ancestor, check=False),
        read_copy(result, check=True, decoded=decoded),
        read_copy(theirs, check=True, decoded=decoded),
        result,
    )
    return result


def records(path: Path) -> Records:
    found = stored_records(path)
    return {
        name: found.get(name, {})
        for name in ("ideas", "iterations", "status_changes", "deleted", "conflicts")
    }


def without_numbers(held: Records) -> Records:
    return {
        **held,
        "iterations": {
            key: {k: v for k, v in it.items() if k != "number"}
            for key, it in held["iterations"].items()
        },
    }


def numbers_unique(held: Records) -> None:
    seen: dict[str, list[int]] = {}
    for it in held["iterations"].values():
        seen.setdefault(it["idea_id"], []).append(it["number"])
    for numbers in seen.values():
        assert len(numbers) == len(set(numbers)), numbers


@pytest.fixture(autouse=True)
def no_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    """Durability is not what is tested here; fsync made each example seconds long."""
    monkeypatch.setattr(os, "fsync", lambda fd: None)


@settings(
    max_examples=int(os.environ.get("FF_MERGE_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(base=st.lists(logging, min_size=1, max_size=4), one=work, two=work, three=work)
def test_merging_is_commutative_idempotent_and_the_same_in_any_order(
    base: list[tuple[Any, ...]],
    one: list[tuple[Any, ...]],
    two: list[tuple[Any, ...]],
    three: list[tuple[Any, ...]],
) -> None:
    clock = Clock()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        ancestor = folder / "o.json"
        apply(ancestor, [("check", "base"), ("check", "second"), *base], clock)
        copies = []
        for n, operations in enumerate((one, two, three)):
            copy = folder / f"copy{n}.json"
            shutil.copyfile(ancestor, copy)
            apply(copy, operations, clock, f"copy {n}")
            copies.append(copy)
        a, b, c = copies

        ab = merged(folder, ancestor, a, b, "ab.json")
        assert records(ab) == records(merged(folder, ancestor, b, a, "ba.json")), "commutative"
        assert records(merged(folder, ancestor, a, a, "aa.json")) == records(a), "idempotent"
        for side in (a, b):
            again = merged(folder, ancestor, ab, side, "again.json")
            assert records(again) == records(ab), "merging in what it holds changes nothing"
        assert records(merged(folder, ab, ab, ab, "abab.json")) == records(ab)

        results = []
        for x, y, z in itertools.permutations(copies):
            first = merged(folder, ancestor, x, y, "first.json")
            results.append(records(merged(folder, ancestor, first, z, "last.json")))
        for held in results:
            numbers_unique(held)
            assert without_numbers(held) == without_numbers(results[0]), "any order"

        union = [records(path) for path in (a, b, c)]
        gone = {key for held in union for key in held["deleted"]}
        held = results[0]
        assert set(held["deleted"]) >= gone
        for table in ("ideas", "iterations", "status_changes"):
            every = {key for copy in union for key in copy[table]}
            present = set(held[table])
            assert present <= every, "nothing invented"
            assert not present & set(held["deleted"]), "deletions stay deleted"
            assert every - present <= set(held["deleted"]), "nothing lost but what was deleted"
        before = records(ancestor)["iterations"]
        for key, iteration in held["iterations"].items():
            if key in before:
                assert iteration["number"] == before[key]["number"], "shared numbers stay"
