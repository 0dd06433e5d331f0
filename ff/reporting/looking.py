"""What a report makes of each idea as its journal is read: whether the filters choose
it, what it adds to the figures, and its row of the table of ideas. A ``Looker`` is
plain data, so that a process reading journals for the report can have one too."""

from __future__ import annotations

from typing import Any, NamedTuple

from ff.journal.filters import IdeaFilter
from ff.journal.records import Record
from ff.light import dataclass, field, fields
from ff.reporting.fold import Fold, Part


class Seen(NamedTuple):
    """What a report keeps of an idea it chose."""

    shown: Record | None  # the idea as chosen (None when ideas are kept on disk)
    part: Part | None  # what it adds to the figures (None: no figures wanted)
    id: str
    row: list[str]  # its row of the table of ideas (empty: no table wanted)


@dataclass
class Looker:
    """Looks at each idea for a report (``look(idea)``: Seen, or None if not chosen)."""

    chosen: IdeaFilter
    refs: list[str]
    figures: bool = True  # work out what each idea adds to the figures
    table: bool = False  # and its row of the table of ideas
    keep_shown: bool = True  # keep the idea as chosen (not when kept on disk)
    # Each idea's iterations put in order as it is gathered (see pieces.in_order); False
    # only for a report with no figures that orders them itself as it writes (CSV).
    in_order: bool = True
    _fold: Fold | None = field(default=None, repr=False, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        # What it was made of: what it made for itself (the fold's caches, the chooser)
        # stays in each process, made again in each.
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "_fold"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, _fold=None)

    def __call__(self, idea: Record) -> Seen | None:
        from ff.reporting.figures import Period, chooser

        if self._fold is None:
            self._fold = Fold()
            self._shown = chooser(self.chosen, self.refs)
            self._period = Period(self.chosen.since, self.chosen.until)
        one = self._shown(idea)
        if one is None:
            return None
        checked = self._period.open or self._period.holds(one.get("created"))
        # Kept on disk, a part finds its idea by its handle, given once it is kept.
        source = None if self.keep_shown else ""
        part = self._fold.prepare(one, checked, source) if self.figures else None
        return Seen(
            one if self.keep_shown else None,
            part,
            str(one.get("id")),
            _row(one) if self.table else [],
        )


def _row(idea: Record) -> list[str]:
    from ff.reporting.exporters.common import idea_row

    return idea_row(idea)
