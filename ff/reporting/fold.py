"""One pass over the ideas chosen and their iterations, gathering at once what every
figure of the summary counts; figures.py, people.py and breakdown.py make the figures."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date
from itertools import chain, compress, repeat
from typing import Any, NamedTuple, TypedDict, overload

from ff.dates import local_day
from ff.journal.records import Record
from ff.light import dataclass, field
from ff.numbers import is_number

FAILED = ("failure", "inconclusive")
DECIDED = ("adopted", "abandoned")  # an idea's status once the team has decided
DECIDING = ("adopt", "abandon")  # an iteration's decision that decides the idea
IDEA_FIELDS = ("id", "ref", "title", "team", "owner", "status", "level", "journals")

_NUMBERS = frozenset({int, float})  # not bool
_TEXT = frozenset({str})


# What a learning shows of an iteration, and all ``Fold._tried`` needs of it.
LearnedIteration = TypedDict(
    "LearnedIteration",
    {
        "number": Any,
        "date": Any,
        "result": Any,
        "decision": Any,
        "learned": Any,
        "next_step": Any,
        "with": Any,
        "hours": Any,
        "cost": Any,
    },
    total=False,
)


class LearnedIdea(TypedDict, total=False):
    """What a learning shows of an idea (IDEA_FIELDS), and when it was checked: read
    with only these, an idea kept on disk is read back in about half the time (15 ms
    against 26 for the ideas of a journal of 10,000 iterations)."""

    id: Any
    ref: Any
    title: Any
    team: Any
    owner: Any
    status: Any
    level: Any
    journals: Any
    created: Any
    iterations: list[LearnedIteration]


class Tried(NamedTuple):
    """One idea's iterations field by field, each a list in the iterations' order: what
    its figures count (what they learned is read only for its learning)."""

    numbers: list[Any]
    whole_numbers: list[int]  # int(number)
    dates: list[Any]
    days: list[date | None]
    results: list[Any]
    decisions: list[Any]
    people: list[Any]  # who took part (``with``)
    hours: list[Any]
    cost: list[Any]


@dataclass
class Team:
    """What one team's ideas add up to: its row of the breakdown by team."""

    name: str | None  # as first written
    ideas: int = 0
    ideas_checked: int = 0
    ideas_tried: int = 0
    iterations: int = 0
    adopted: int = 0
    abandoned: int = 0
    results: list[Any] = field(default_factory=list)  # each iteration's result
    named: list[tuple[str, ...]] = field(default_factory=list)  # as Fold.named
    hours: list[float] = field(default_factory=list)  # in the iterations' order
    cost: list[float] = field(default_factory=list)


def _column(tries: list[Record], name: str) -> list[Any]:
    return list(map(dict.get, tries, repeat(name)))


class Part(NamedTuple):
    """What one idea adds to the figures, worked out from the idea alone (``Fold.prepare``).
    The figures add the parts up in the ideas' order (``Fold.count``): a council's
    journals are read one by one, and that order is known only once all are read."""

    source: Any  # the idea, or where it is kept: its learnings are written from it
    team: Any  # as written
    status: Any
    level: Any
    checked: bool  # checked in the period
    checked_day: date | None  # the day it was checked, if in the period
    tries: int  # how many iterations
    newest: str  # the newest date of its iterations, as written
    days: list[date | None]  # each iteration's local day
    results: list[str]
    named: list[tuple[str, ...]]  # see Fold._named
    hours: list[float]  # every hours given, as a float
    team_hours: list[Any]  # the numbers among them, as given
    cost: list[float]
    team_cost: list[Any]
    to_first: int | None  # days from check to first iteration
    to_decision: int | None  # days from first iteration to the decision
    failed: int
    followed: int  # failed iterations that led somewhere
    abandoned: bool  # tried and abandoned


Fetch = Callable[[Any], Record]  # a part's source: its idea, as chosen


class Fold:
    """What every figure counts, gathered idea by idea (``add``, or ``prepare`` each idea
    and then ``count`` the parts in the ideas' order).

    The figures used to walk every iteration again, eight times over, most of the time
    spent fetching the same records from memory again. Here each idea's iterations are
    read while they are still in the processor's cache, each field once, and what can be
    counted later is kept in lists and counted in C (``Counter``). ``fetch``: how to find
    an idea again from its part's source (by default the source is the idea)."""

    def __init__(
        self,
        fetch: Fetch | None = None,
        before_writing: Callable[[], None] | None = None,
        fetch_learned: Fetch | None = None,
    ) -> None:
        self.fetch = fetch
        self.before_writing = before_writing  # (see Learnings.written)
        # How to find an idea again with only what its learnings show (LearnedIdea).
        self.fetch_learned = fetch_learned
        self.seen_days: dict[str, date | None] = {}  # see ``day``
        self.texts: dict[str, str] = {}  # each result met, kept once
        self.teams: dict[str, Team] = {}  # by the team's name folded for comparing
        self.team_of: dict[str, Team] = {}  # each spelling of a team met: its team
        self.ideas = 0
        self.checked = 0
        self.levels: list[Any] = []  # of the ideas checked
        self.statuses: list[Any] = []  # of every idea
        self.checked_days: list[date] = []  # the ideas checked, each its local day
        self.to_first: list[int] = []  # days from check to first iteration, each idea
        self.to_decision: list[int] = []  # days from first iteration to the decision
        self.ideas_tried = 0
        self.iterations = 0
        self.failed = 0
        self.followed = 0  # failed iterations that led somewhere
        self.abandoned = 0  # ideas tried and abandoned
        self.days: list[date | None] = []  # each iteration's local day
        self.results: list[str] = []  # each iteration's result, as text
        # Who took part, for each iteration that named anyone, as text (the figures
        # only ever compare str(name)); in the iterations' order.
        self.named: list[tuple[str, ...]] = []
        self.lists_of_people: dict[tuple[str, ...], tuple[str, ...]] = {}  # see _named
        self.hours: list[float] = []  # every hours given, as a float, in order
        self.cost: list[float] = []
        # Each idea tried, in the ideas' order: its learnings are written out when
        # asked for (``learnings``), from its part's source.
        self.tried: list[Part] = []

    def day(self, value: object) -> date | None:
        """The local day of a date or time; a council's iterations share a few hundred
        dates, and converting each again cost a tenth of a second on 100,000. Kept for
        one summary (the time zone may change between two)."""
        if type(value) is not str:
            return local_day(value)
        if value not in self.seen_days:
            self.seen_days[value] = local_day(value)
        return self.seen_days[value]

    def days_of(self, values: list[Any]) -> list[date | None]:
        try:  # mostly dates already seen: looked up in C
            return list(map(self.seen_days.__getitem__, values))
        except (KeyError, TypeError):
            return [self.day(value) for value in values]

    def add(self, idea: Record, checked: bool = True) -> None:
        """Count one idea and its iterations into every figure."""
        self.count(self.prepare(idea, checked))

    def prepare(self, idea: Record, checked: bool = True, source: Any = None) -> Part:
        """What the idea adds to the figures (``checked``: checked in the period)."""
        tries = idea["iterations"]
        checked_day = self.day(idea.get("created")) if checked else None
        if not tries:
            return Part(
                idea if source is None else source, idea.get("team"), idea.get("status"),
                idea.get("level"), checked, checked_day, 0, "", [], [], [], [], [], [], [],
                None, None, 0, 0, False,
            )  # fmt: skip
        tried = self._tried(tries)
        decided = [
            self.day(c.get("at")) for c in idea["status_history"] if c.get("status") in DECIDED
        ]
        to_first, to_decision = self._speed(idea, tried, decided)
        failed, followed = _failures(tried, decided)
        hours, team_hours = _added_up(tried.hours)
        cost, team_cost = _added_up(tried.cost)
        results = list(map(str, tried.results))
        return Part(
            idea if source is None else source,
            idea.get("team"),
            idea.get("status"),
            idea.get("level"),
            checked,
            checked_day,
            len(tries),
            max(map(str, tried.dates)),
            tried.days,
            list(map(self.texts.setdefault, results, results)),
            self._named(tried.people),
            hours,
            team_hours,
            cost,
            team_cost,
            to_first,
            to_decision,
            failed,
            followed,
            idea.get("status") == "abandoned" or "abandon" in tried.decisions,
        )

    def count(self, part: Part) -> None:
        """Add one idea's part to every figure: the parts in the ideas' order."""
        team = self._team(part.team)
        status = part.status
        self.ideas += 1
        self.statuses.append(status)
        if part.checked:
            self.checked += 1
            self.levels.append(part.level)
            if part.checked_day:
                self.checked_days.append(part.checked_day)
        team.ideas += 1
        team.ideas_checked += part.checked
        team.adopted += status == "adopted"
        team.abandoned += status == "abandoned"
        if not part.tries:
            return
        team.ideas_tried += 1
        team.iterations += part.tries
        if part.to_first is not None:
            self.to_first.append(part.to_first)
        if part.to_decision is not None:
            self.to_decision.append(part.to_decision)
        self.ideas_tried += 1
        self.iterations += part.tries
        self.failed += part.failed
        self.followed += part.followed
        self.abandoned += part.abandoned
        self.hours += part.hours
        team.hours += part.team_hours
        self.cost += part.cost
        team.cost += part.team_cost
        self.days += part.days
        self.results += part.results
        team.results += part.results
        self.named += part.named
        team.named += part.named
        self.tried.append(part)

    def learnings(
        self, most: int | None = None, *, when_read: bool = False
    ) -> Sequence[dict[str, Any]]:
        """Each idea tried with what its iterations learned, the idea tried most recently
        first; only the first ``most`` of them (the terminal shows 50: writing out the
        learnings of 100,000 iterations for it took 40 ms). With ``fetch`` and no
        ``most``, each is written out only when asked for (see ``KeptLearnings``); so
        too with ``when_read`` (a report written as it is made: see ``Learnings``)."""
        newest = [part.newest for part in self.tried]
        order = sorted(range(len(newest)), key=newest.__getitem__, reverse=True)
        picked = [self.tried[i] for i in order[:most]]
        if self.fetch is not None and most is None:
            return KeptLearnings(self, picked)
        if when_read and most is None:
            return Learnings(self, picked)
        return [self.learning(part) for part in picked]

    def learning(self, part: Part) -> dict[str, Any]:
        """One idea tried, with what each of its iterations learned."""
        idea = part.source if self.fetch is None else self.fetch(part.source)
        return _learning(idea, idea["iterations"])

    def learned(self, part: Part) -> dict[str, Any]:
        """``learning``, the idea found again with only what its learnings show."""
        if self.fetch_learned is None:
            return self.learning(part)
        idea = self.fetch_learned(part.source)
        return _learning(idea, idea["iterations"])

    def _team(self, spelling: Any) -> Team:
        """The idea's team: teams that differ only in case or spacing are one."""
        team = self.team_of.get(spelling) if type(spelling) is str else None
        if team is None:
            key = " ".join(str(spelling).casefold().split()) if spelling else ""
            team = self.teams.get(key)
            if team is None:
                name = " ".join(str(spelling).split()) if spelling else None
                team = self.teams[key] = Team(name)
            if type(spelling) is str:
                self.team_of[spelling] = team
        return team

    def _named(self, people: list[Any]) -> list[tuple[str, ...]]:
        """Who took part in each iteration that named anyone, as text (the figures only
        compare str(name)), each list the same object as the first met with the same
        names: counting them later (by group, by team) went from 0.04 s to 0.005 s on
        100,000 iterations, as the names are not fetched from memory and compared again."""
        named = list(map(tuple, filter(None, people)))
        if not _TEXT.issuperset(map(type, chain.from_iterable(named))):
            named = [tuple(map(str, names)) for names in named]
        return list(map(self.lists_of_people.setdefault, named, named))

    def _tried(self, tries: list[Record]) -> Tried:
        dates = _column(tries, "date")
        numbers = _column(tries, "number")
        return Tried(
            numbers,
            list(map(int, numbers)),
            dates,
            self.days_of(dates),
            _column(tries, "result"),
            _column(tries, "decision"),
            _column(tries, "with"),
            _column(tries, "hours"),
            _column(tries, "cost"),
        )

    def _speed(
        self, idea: Record, tried: Tried, decided: list[date | None]
    ) -> tuple[int | None, int | None]:
        first = min(filter(None, tried.days), default=None)
        if first is None:
            return None, None
        checked = self.day(idea.get("created"))
        to_first = max(0, (first - checked).days) if checked else None
        decision = _decision_day(tried, decided) if decided or any(tried.decisions) else None
        return to_first, max(0, (decision - first).days) if decision else None


class Learnings(Sequence[dict[str, Any]]):
    """The learnings, each written out from its idea when asked for (and not held once
    used): a council's take hundreds of megabytes written out at once, and the exports
    take them one by one. An export writes each idea's learning just before the idea's
    own part of it (its article, in HTML), while its iterations are still in the
    processor's cache. Written out all at once first, the learnings of a million
    iterations were a million dicts, made from records met out of their order, and
    the writing met those records out of order again. Each made as it is read, the
    HTML and JSON exports of a journal of 1M took 13.0–13.7 and 14.6–15.0 s rather
    than 15.1–15.7 and 16.7–17.3, and held 2.07 GB rather than 2.33; of 10k, 171 and
    157 ms rather than 189 and 167 (timed in turn, medians of 15)."""

    def __init__(self, fold: Fold, picked: list[Part]) -> None:
        self.fold = fold
        self.picked = picked

    def __len__(self) -> int:
        return len(self.picked)

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(index, slice):
            return [self.fold.learning(part) for part in self.picked[index]]
        return self.fold.learning(self.picked[index])

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return map(self.fold.learning, self.picked)


class KeptLearnings(Learnings):
    """``Learnings`` of ideas kept on disk: written a chunk at a time, by other processes
    when there are enough (see ``written``)."""

    def written(self, write: Callable[[dict[str, Any]], str], raw: Any = None) -> Iterator[str]:
        """``write`` of each learning, in order, a chunk at a time; written by other
        processes when there are enough (see ff.reporting.processes). ``raw`` (see
        kept.Ideas.written) is given by the JSON writers, which need of each idea only
        what its learnings show: each is then read with only that (LearnedIdea)."""
        from ff.reporting.processes import written

        if self.fold.before_writing is not None:
            self.fold.before_writing()
        get = self._learned if raw is not None else self.__getitem__
        return written(len(self), get, write)

    def _learned(self, index: int) -> dict[str, Any]:
        return self.fold.learned(self.picked[index])


def _failures(tried: Tried, decided: list[date | None]) -> tuple[int, int]:
    """How many iterations failed, and how many of those led somewhere."""
    failures = list(compress(range(len(tried.results)), map(FAILED.__contains__, tried.results)))
    if not failures:
        return 0, 0
    numbers = tried.whole_numbers
    last = max(numbers)
    # A failure with another iteration after it led somewhere; only the last
    # iteration's is looked at further.
    at_last = [i for i in failures if numbers[i] >= last]
    followed = len(failures) - len(at_last)
    if at_last:
        followed += sum(1 for i in at_last if _led_somewhere(tried, i, decided))
    return len(failures), followed


def _added_up(given: list[Any]) -> tuple[list[float], list[Any]]:
    """Hours or costs given: each, as a float, for the summary's total; each number for
    the team's (never, say, True), the same values when every value given is a number."""
    present = [value for value in given if value is not None]
    if not present:
        return [], []
    floats = list(map(float, present))
    if _NUMBERS.issuperset(map(type, present)):
        return floats, floats
    return floats, list(filter(is_number, present))


def _decision_day(tried: Tried, decided: list[date | None]) -> date | None:
    """When the team first decided to adopt or abandon: an iteration's decision, or status."""
    days = list(decided)
    if any(tried.decisions):
        days += [
            day for day, made in zip(tried.days, tried.decisions, strict=True) if made in DECIDING
        ]
    known = [day for day in days if day]
    return min(known) if known else None


def _led_somewhere(tried: Tried, i: int, decided: list[date | None]) -> bool:
    """Whether a failure with no iteration numbered after it led somewhere: a decision
    recorded with it, or the idea adopted or abandoned since (``decided``: those days,
    None where unknown)."""
    if tried.decisions[i]:
        return True
    day = tried.days[i]
    return day is not None and any((other or day) >= day for other in decided)


def _learning(idea: Record, tries: list[Record]) -> dict[str, Any]:
    """The idea and what each iteration learned, the newest iteration first. (Its own
    columns, not ``Fold._tried``'s: a learning needs neither days nor hours nor money,
    and the figures never read what was learned.)"""
    numbers, dates = _column(tries, "number"), _column(tries, "date")
    iterations = [
        {  # written out: a dict display is quicker than a loop over the keys
            "number": number,
            "date": day,
            "result": result,
            "decision": decision,
            "learned": learned,
            "next_step": next_step,
            "with": people,
        }
        for number, day, result, decision, learned, next_step, people in zip(
            numbers,
            dates,
            _column(tries, "result"),
            _column(tries, "decision"),
            _column(tries, "learned"),
            _column(tries, "next_step"),
            _column(tries, "with"),
            strict=True,
        )
    ]
    return {
        "idea": dict(zip(IDEA_FIELDS, map(idea.get, IDEA_FIELDS), strict=True)),
        "iterations": list(map(iterations.__getitem__, _newest_first(numbers, dates))),
    }


def _newest_first(numbers: list[Any], dates: list[Any]) -> list[int]:
    """The iterations' places, newest first: by date as written, then number. Sorted by
    each in turn (a stable sort, so the same order), as comparing (date, number) pairs
    took twice as long."""
    whole, days = list(map(int, numbers)), list(map(str, dates))
    order = sorted(range(len(whole)), key=whole.__getitem__, reverse=True)
    order.sort(key=days.__getitem__, reverse=True)
    return order
