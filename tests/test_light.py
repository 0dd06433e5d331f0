"""ff.light's data classes behave as the standard library's do, for what ff uses: each
case is made both ways and must come out the same."""

from __future__ import annotations

import dataclasses
import pickle
import tracemalloc
from collections.abc import Callable
from typing import Any, ClassVar

import pytest

from ff import light

# (dataclass, field, fields, replace, FrozenInstanceError) of each kind.
KINDS = {
    "standard": (
        dataclasses.dataclass,
        dataclasses.field,
        dataclasses.fields,
        dataclasses.replace,
        dataclasses.FrozenInstanceError,
    ),
    "light": (light.dataclass, light.field, light.fields, light.replace, light.FrozenInstanceError),
}

# Module level, so pickle finds them: one set of classes made each way.
MADE: dict[str, dict[str, Any]] = {}


def _make(kind: str) -> dict[str, Any]:
    dataclass, field, _, _, _ = KINDS[kind]

    @dataclass(frozen=True)
    class Period:
        since: str | None
        until: str | None = None
        names: list[str] = field(default_factory=list)
        joiner: ClassVar[str] = "-"

        def both(self) -> str:
            return f"{self.since}{self.joiner}{self.until}"

    @dataclass
    class Tally:
        count: int = 0
        seen: dict[str, int] = field(default_factory=dict)
        told: str = field(default="none")

    @dataclass(frozen=True)
    class Dated(Period):
        day: int = 1

    @dataclass
    class Checked:
        value: int
        doubled: int = 0
        note: str = field(default="", repr=False, compare=False)

        def __post_init__(self) -> None:
            self.doubled = self.value * 2

    found = {"Period": Period, "Tally": Tally, "Dated": Dated, "Checked": Checked}
    for name, cls in found.items():  # as if defined at the top of this module
        cls.__qualname__ = f"{name}_{kind}"
        globals()[cls.__qualname__] = cls
    return found


for _kind in KINDS:
    MADE[_kind] = _make(_kind)


def both(case: Callable[[dict[str, Any], tuple[Any, ...]], Any]) -> None:
    """``case`` gives the same for classes made either way (its class names aside)."""

    def outcome(kind: str) -> Any:
        try:
            return repr(case(MADE[kind], KINDS[kind])).replace(f"_{kind}", "")
        except Exception as problem:  # the same kind of refusal
            return type(problem).__name__

    assert outcome("light") == outcome("standard")


CASES: dict[str, Callable[[dict[str, Any], tuple[Any, ...]], Any]] = {
    "positional and default": lambda made, _: made["Period"]("2026-01-01"),
    "every field by name": lambda made, _: made["Period"](until="b", since="a", names=["x"]),
    "a field too many": lambda made, _: made["Period"]("a", "b", [], "d"),
    "an unknown field": lambda made, _: made["Period"]("a", other=1),
    "a field given twice": lambda made, _: made["Period"]("a", since="b"),
    "a field missing": lambda made, _: made["Period"](),
    "equal by value": lambda made, _: made["Period"]("a") == made["Period"]("a", None, []),
    "unequal": lambda made, _: made["Period"]("a") == made["Period"]("b"),
    "never equal to another class": lambda made, _: made["Period"]("a") == made["Dated"]("a"),
    "frozen: hashable by value": lambda made, _: (
        hash(made["Dated"]("a", day=2)) == hash(made["Dated"]("a", day=2))
    ),
    "changeable: not hashable": lambda made, _: hash(made["Tally"]()),
    "frozen: a field cannot change": lambda made, _: setattr(made["Period"]("a"), "since", "b"),
    "frozen: a field cannot go": lambda made, _: delattr(made["Period"]("a"), "since"),
    "changeable: a field can change": lambda made, _: _changed(made["Tally"]()),
    "a new default each time": lambda made, _: made["Tally"]().seen is made["Tally"]().seen,
    "the default stays on the class": lambda made, _: made["Tally"].told,
    "a class variable is no field": lambda made, kind: [f.name for f in kind[2](made["Period"])],
    "inherited fields come first": lambda made, kind: [f.name for f in kind[2](made["Dated"]("a"))],
    "the subclass made whole": lambda made, _: made["Dated"]("a", "b", ["c"], 3),
    "a method": lambda made, _: made["Period"]("a", "b").both(),
    "after making": lambda made, _: made["Checked"](4),
    "a field neither shown nor compared": lambda made, _: (
        made["Checked"](4, note="a") == made["Checked"](4, note="b"),
        made["Checked"](4, note="a"),
    ),
    "replace": lambda made, kind: kind[3](made["Dated"]("a", day=2), until="z"),
    "replace an unknown field": lambda made, kind: kind[3](made["Dated"]("a"), nothing=1),
    "match arguments": lambda made, _: made["Dated"].__match_args__,
    "pickled": lambda made, _: pickle.loads(pickle.dumps(made["Dated"]("a", names=["n"]))),
    "pickled, still frozen": lambda made, _: setattr(
        pickle.loads(pickle.dumps(made["Period"]("a"))), "since", "b"
    ),
}


def _changed(tally: Any) -> Any:
    tally.count = 5
    tally.seen["x"] = 1
    return tally


@pytest.mark.parametrize("name", list(CASES))
def test_light_data_classes_behave_as_the_standard_ones(name: str) -> None:
    both(CASES[name])


def test_frozen_refusal_is_an_attribute_error() -> None:
    """As dataclasses.FrozenInstanceError: code catching AttributeError still catches it."""
    with pytest.raises(AttributeError):
        MADE["light"]["Period"]("a").since = "b"  # type: ignore[misc]


def _memory_of_many(cls: Any) -> int:
    tracemalloc.start()
    made = [cls(str(n), names=[]) for n in range(2000)]
    size, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(made) == 2000
    return size


def test_instances_are_as_small_as_the_standard_ones() -> None:
    """The cards' checks make hundreds of thousands of instances: each one's fields are
    set one by one, in order, so that the instances of a class share their dicts' keys
    (a dict filled at once took 281 bytes an instance against 153)."""
    light_size = _memory_of_many(MADE["light"]["Dated"])
    standard_size = _memory_of_many(MADE["standard"]["Dated"])
    assert light_size <= standard_size * 1.1
