"""What the journal holds: its tables, and the shape of each kind of record.

The shapes are TypedDicts, so that mypy checks every field ff reads, and the same
types check each record when a journal is read (``check_record``): a record of the
wrong shape makes the journal damaged, refused with the table, the record and the
field named. Records may carry fields ff does not know (an analyst's, say): they
are kept as they are.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any, Literal, TypedDict, get_args

from ff.decoder import msgspec
from ff.journal.fields import FIELDS
from ff.numbers import MAX_COST, MAX_HOURS  # as much as ff lets people type

if sys.version_info >= (3, 11):
    from typing import NotRequired
else:  # pragma: no cover - Python 3.10
    from typing_extensions import NotRequired

IDEAS = "ideas"
ITERATIONS = "iterations"
STATUS_CHANGES = "status_changes"
# What was deleted: ids only, never text, so that merging an older copy of a journal
# does not bring a deleted record back.
DELETED = "deleted"
# Records changed differently on two computers: the values a merge did not keep.
CONFLICTS = "conflicts"

# Generous limits on what a record may hold when read: far above what ff lets people
# type (200 characters for a title, 20,000 for an iteration's text), low enough that
# laying a journal out stays quick.
MAX_NAME = 1_000
MAX_TEXT = 100_000

Level = Literal["go", "caution", "approval", "stop"]
State = Literal["checked", "approved", "prototyping", "paused", "adopted", "abandoned"]
Result = Literal["success", "partial", "failure", "inconclusive"]
Decision = Literal["adopt", "adapt", "abandon"]
# The same values, in that order, for commands that offer or check them.
STATES: tuple[str, ...] = get_args(State)
RESULTS: tuple[str, ...] = get_args(Result)
DECISIONS: tuple[str, ...] = get_args(Decision)
# An id or ref: never empty (an empty ref would be a prefix of every id), never long.
Id = Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
# A ref is also only letters, digits, - _ and . (ff's are hexadecimal): ff shows refs
# as its own words, so one edited by hand to hold markup or a terminal escape makes
# the journal damaged, refused with the record's line, rather than shown. (Ids are
# not shown; checking a pattern on the ids of 100,000 iterations cost a summary 5%.)
Ref = Annotated[str, msgspec.Meta(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")]
Name = Annotated[str, msgspec.Meta(max_length=MAX_NAME)]
Text = Annotated[str, msgspec.Meta(max_length=MAX_TEXT)]
Moment = Annotated[str, msgspec.Meta(max_length=40)]
Answer = str | int | float
# Whole numbers stay whole (6, not 6.0), as people typed them.
Hours = (
    Annotated[int, msgspec.Meta(ge=0, le=MAX_HOURS)]
    | Annotated[float, msgspec.Meta(ge=0, le=MAX_HOURS)]
)
Cost = (
    Annotated[int, msgspec.Meta(ge=0, le=MAX_COST)]
    | Annotated[float, msgspec.Meta(ge=0, le=MAX_COST)]
)


class CardAsUsed(TypedDict):
    id: Name
    version: Name
    sha256: Name
    title: Name
    language: NotRequired[Name]


class AnswerGiven(TypedDict):
    question: Name
    text: Text
    answer: Answer
    label: Name


class OutcomeReached(TypedDict):
    id: Name
    level: Level
    title: Name


class Reason(TypedDict):
    question: Name | None
    answer: Answer | None
    level: Level
    text: Text
    next_step: Text | None


class DecisionRecord(TypedDict):
    """The decision as kept: enough to explain it later, even after the card changes."""

    card: CardAsUsed
    answers: list[AnswerGiven]
    outcome: OutcomeReached
    level: Level
    reasons: list[Reason]
    next_steps: list[Text]


class IdeaCorrection(TypedDict):
    """One field of an idea corrected by ``ff edit REF``: its old and new value, who
    corrected it and when. Kept as history, never overwritten."""

    at: Moment
    by: Name | None
    field: Name
    old: Name | list[Name] | None
    new: Name | list[Name] | None


class IdeaRecord(DecisionRecord):
    """An idea, as recorded when it was checked."""

    id: Id
    ref: Ref
    title: Name
    owner: Name
    team: Name | None
    tags: list[Name]
    # When it was checked: the time it was recorded, or with ``ff check --date`` the
    # day given (its ``recorded_at`` then says when it was recorded).
    created: Moment
    recorded_at: NotRequired[Moment]
    corrections: NotRequired[list[IdeaCorrection]]


class Correction(TypedDict):
    at: Moment
    by: Name | None


# One test cycle of an idea: what was tried, the result, what was learned. Written the
# functional way because one field is called ``with``, a Python keyword.
IterationRecord = TypedDict(
    "IterationRecord",
    {
        "id": Id,
        "idea_id": Id,
        "number": Annotated[int, msgspec.Meta(ge=1, le=1_000_000)],
        "created": Moment,
        "author": Name,
        "date": Moment,
        "hypothesis": NotRequired[Text | None],
        "test": NotRequired[Text | None],
        "measure": NotRequired[Text | None],
        "criteria": NotRequired[Text | None],
        "observed": NotRequired[Text | None],
        "result": NotRequired[Result | None],
        "learned": NotRequired[Text | None],
        "decision": NotRequired[Decision | None],
        "next_step": NotRequired[Text | None],
        "with": NotRequired[list[Name]],
        "hours": NotRequired[Hours | None],
        "cost": NotRequired[Cost | None],
        "tags": NotRequired[list[Name]],
        "logged_without_approval": NotRequired[bool],
        "edited": NotRequired[list[Correction]],
    },
)


class StatusChange(TypedDict):
    """One step in an idea's life; kept as history, never overwritten. ``at`` is when
    it happened: with ``ff status --date``, the day given, and ``recorded_at`` when it
    was recorded."""

    id: Id
    idea_id: Id
    status: State
    at: Moment
    by: Name | None
    note: Text | None
    recorded_by: NotRequired[Name | None]
    recorded_at: NotRequired[Moment]


class Tombstone(TypedDict):
    """A deleted record's id and table (never its text)."""

    id: Id
    table: Name
    at: Moment


class ConflictNote(TypedDict):
    """A record changed differently on two computers: ff kept one value of each field
    that differed, and keeps the others here until a person settles it
    (``ff share resolve``). Its id comes from the record's, so every computer that
    meets the same conflict makes the same note."""

    id: Id
    table: Name
    record_id: Id
    idea_id: Id
    fields: dict[Name, list[Any]]  # field -> the values not kept (null: the field removed)


class Idea(IdeaRecord):
    """An idea as commands use it: with its status, status history and iterations."""

    status: State
    status_history: list[StatusChange]
    iterations: list[IterationRecord]
    journals: NotRequired[list[str]]  # where it was found, when many journals are read
    conflicts: NotRequired[list[ConflictNote]]  # only when it has any


# What a report reads of each record (see ff.journal.bulk): "every" field, those ff
# does not know too (the JSON export shows them); only the fields ff knows ("known":
# HTML, Markdown, CSV); or that, but of an iteration only what the summary's figures
# and learnings read ("figures": SUMMARY_READS). Each field read is checked.
Fields = Literal["every", "known", "figures"]

# What the summary reads of an iteration (ff.reporting.fold and figures): its ids,
# number and when it was recorded, and of the fields people give every one but what
# was tried and observed and the tags (``--tag`` looks at those: a summary with it
# reads every field ff knows). Read without them (or who recorded it), a journal of
# 100,000 iterations took 478 ms to summarise rather than 569 (medians of 9, in
# turn), and one of a million 4.7 to 5.1 s and 1.42 GB rather than 6.7 to 7.2 s and
# 2.07 GB (three runs each).
NOT_SUMMARISED = ("hypothesis", "test", "measure", "criteria", "observed", "tags")
SUMMARY_READS = (
    "id",
    "idea_id",
    "number",
    "created",
    *(field for field in FIELDS if field not in NOT_SUMMARISED),
)

# A record as it is stored, whatever its table.
Record = dict[str, Any]
Tables = dict[str, dict[str, Record]]
SHAPES: dict[str, Any] = {
    IDEAS: IdeaRecord,
    ITERATIONS: IterationRecord,
    STATUS_CHANGES: StatusChange,
    DELETED: Tombstone,
    CONFLICTS: ConflictNote,
}
