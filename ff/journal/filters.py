"""Choosing ideas: the filters shared by ``ff ideas`` (and later summary and export)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, TypeVar

from ff.dates import local_day, parse_since
from ff.errors import UsageError
from ff.journal.records import STATES
from ff.levels import LEVELS
from ff.light import dataclass

Chosen = TypeVar("Chosen", bound=Mapping[str, Any])


@dataclass(frozen=True)
class IdeaFilter:
    statuses: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    teams: tuple[str, ...] = ()
    owners: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    search: str | None = None


def _allowed(values: Sequence[str], allowed: tuple[str, ...], option: str) -> tuple[str, ...]:
    words = tuple(v.strip().lower() for v in values)
    for word in words:
        if word not in allowed:
            raise UsageError(
                f"{option} {word!r} is not allowed.", hint=f"Use one of: {', '.join(allowed)}."
            )
    return words


def build_filter(
    *,
    status: Sequence[str] = (),
    level: Sequence[str] = (),
    team: Sequence[str] = (),
    owner: Sequence[str] = (),
    tag: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
    search: str | None = None,
    today: date,
) -> IdeaFilter:
    """A filter from command-line values; ``UsageError`` names a bad one."""
    start = parse_since(since, today, "--since") if since else None
    end = parse_since(until, today, "--until") if until else None
    if start and end and start > end:
        raise UsageError(
            f"--since {start.isoformat()} is after --until {end.isoformat()}.",
            hint="Swap them, or give a --since before the --until.",
        )
    return IdeaFilter(
        statuses=_allowed(status, STATES, "--status"),
        levels=_allowed(level, LEVELS, "--level"),
        teams=tuple(" ".join(t.casefold().split()) for t in team),
        owners=tuple(" ".join(o.casefold().split()) for o in owner),
        tags=tuple(t.strip().casefold() for t in tag),
        since=start,
        until=end,
        search=search.casefold() if search and search.strip() else None,
    )


def _day(idea: Mapping[str, Any]) -> date | None:
    return local_day(idea.get("created"))


def matches(idea: Mapping[str, Any], chosen: IdeaFilter) -> bool:
    """Whether the idea passes every filter given (values of one filter: any may match).
    Only the filters given are worked out (a summary asks this of every idea)."""
    if chosen.statuses and idea.get("status") not in chosen.statuses:
        return False
    if chosen.levels and idea.get("level") not in chosen.levels:
        return False
    if chosen.teams and not _names(idea.get("team"), chosen.teams):
        return False
    if chosen.owners and not _names(idea.get("owner"), chosen.owners):
        return False
    if chosen.tags and not _tags(idea) & set(chosen.tags):
        return False
    if chosen.since or chosen.until:
        day = _day(idea)
        if day is None or (chosen.since and day < chosen.since):
            return False
        if chosen.until and day > chosen.until:
            return False
    return not chosen.search or _mentions(idea, chosen.search)


def _names(value: object, wanted: tuple[str, ...]) -> bool:
    """Whether a team or owner is named by any of ``wanted``: a part of the name that
    starts a word, in any case (``priya`` and ``shah`` name "Priya Shah", ``sam``
    names "Sam Price" but not "Rosamund"); an empty one names only an empty name."""
    name = " ".join(str(value or "").casefold().split())
    return any(
        re.search(rf"(?<!\w){re.escape(part)}", name) if part else not name for part in wanted
    )


def _tags(idea: Mapping[str, Any]) -> set[str]:
    """The idea's tags and its iterations' tags, in any case."""
    tags = {str(t).casefold() for t in idea.get("tags") or []}
    tags |= {str(t).casefold() for it in idea.get("iterations", []) for t in it.get("tags") or []}
    return tags


def _mentions(idea: Mapping[str, Any], words: str) -> bool:
    texts = [str(idea.get("title", ""))]
    texts += [str(it.get("learned") or "") for it in idea.get("iterations", [])]
    return any(words in text.casefold() for text in texts)


def select(ideas: Sequence[Chosen], chosen: IdeaFilter) -> list[Chosen]:
    return [idea for idea in ideas if matches(idea, chosen)]
