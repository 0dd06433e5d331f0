"""ff's data classes, quick to define: ``dataclass``, ``field``, ``fields`` and
``replace`` as the standard library's ``dataclasses`` has them, for what ff uses
(``frozen``, defaults, ``default_factory``, ``__post_init__``, ``ClassVar``, a data
class made from another).

Why not ``dataclasses`` itself: it writes each class's methods as source text and
compiles them, about 0.3 ms a class, and importing it brings ``inspect`` (and ``ast``,
``dis``, ``tokenize``). ``ff summary`` defines 16 data classes before it reads a line:
measured on the 2-core benchmark machine, 6.1 ms of class making and 1 ms of import,
against a whole ``ff summary`` of a 10,000-iteration journal of about 115 ms. Here the
methods are shared functions that read the class's fields, and making a class costs
microseconds; making an instance costs a little more (a few microseconds), which is
why no class made by the thousand is one of these.

mypy reads the standard library's ``dataclasses`` in this module's place (the
``TYPE_CHECKING`` branch), so every data class is type-checked as a real one; and
tests/test_light.py checks that these behave as the standard library's do. What ff
does not use is not here, and fails loudly: ``field(init=False)`` or ``order=True``
raise TypeError when the class is made, and the standard library's ``asdict``,
``astuple`` and ``is_dataclass`` do not know these classes."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dataclasses import FrozenInstanceError, dataclass, field, fields, replace
else:
    from collections.abc import Callable
    from typing import Any

    _NONE: Any = object()  # no default given

    class FrozenInstanceError(AttributeError):
        """An attempt to change a frozen data class's field."""

    class Field:
        """One field: its name, and its default or what makes one."""

        __slots__ = ("compare", "default", "default_factory", "name", "repr")

        def __init__(
            self,
            default: Any = _NONE,
            default_factory: Any = _NONE,
            repr: bool = True,
            compare: bool = True,
        ) -> None:
            self.name = ""
            self.default = default
            self.default_factory = default_factory
            self.repr = repr
            self.compare = compare

        def __repr__(self) -> str:
            return f"Field(name={self.name!r})"

    def field(
        *,
        default: Any = _NONE,
        default_factory: Any = _NONE,
        repr: bool = True,
        compare: bool = True,
    ) -> Any:
        """A field's default, or what makes a new one for each instance; whether it is
        shown by ``repr`` and compared (and hashed)."""
        return Field(default, default_factory, repr, compare)

    def fields(instance_or_class: Any) -> tuple[Field, ...]:
        """The fields of a data class (or of one of its instances), in order."""
        return tuple(instance_or_class.__ff_fields__.values())

    def replace(instance: Any, /, **changes: Any) -> Any:
        """A copy of ``instance`` with ``changes`` made."""
        given = {name: getattr(instance, name) for name in instance.__ff_fields__}
        for name in changes:
            if name not in given:
                raise TypeError(f"{type(instance).__name__} has no field {name!r}")
        return type(instance)(**{**given, **changes})

    def dataclass(cls: Any = None, /, *, frozen: bool = False) -> Any:
        """``@dataclass`` or ``@dataclass(frozen=True)``."""

        def made(cls: Any) -> Any:
            return _made(cls, frozen)

        return made if cls is None else made(cls)

    def _is_class_variable(annotation: Any) -> bool:
        text = annotation if isinstance(annotation, str) else repr(annotation)
        return text.startswith(("ClassVar", "typing.ClassVar"))

    def _own_fields(cls: Any) -> dict[str, Field]:
        found = {}
        own = cls.__dict__.get("__annotations__", {})  # noqa: RUF063 (no inspect: see above)
        for name, annotation in own.items():
            if _is_class_variable(annotation):
                continue
            value = cls.__dict__.get(name, _NONE)
            one = value if isinstance(value, Field) else Field(default=value)
            if isinstance(value, Field):  # the class keeps the default, as dataclasses does
                if value.default is _NONE:
                    delattr(cls, name)
                else:
                    setattr(cls, name, value.default)
            one.name = name
            found[name] = one
        return found

    def _made(cls: Any, frozen: bool) -> Any:
        every: dict[str, Field] = {}
        for base in reversed(cls.__mro__[1:]):
            every.update(base.__dict__.get("__ff_fields__", {}))
        every.update(_own_fields(cls))
        cls.__ff_fields__ = every
        cls.__ff_shown__ = tuple(name for name, one in every.items() if one.repr)
        cls.__ff_compared__ = tuple(name for name, one in every.items() if one.compare)
        own = cls.__dict__  # (a method the class writes itself stays, as with dataclasses)
        made = {"__match_args__": tuple(every), "__init__": _init(cls, every)}
        made |= {"__repr__": _repr, "__eq__": _eq}
        if frozen:
            made |= {"__setattr__": _frozen, "__delattr__": _frozen, "__hash__": _hash}
        else:  # equal by value and changeable, so not hashable (as dataclasses)
            made["__hash__"] = None
        for name, value in made.items():
            if name not in own or (name == "__hash__" and own[name] is None):
                setattr(cls, name, value)
        return cls

    def _init(cls: Any, every: dict[str, Field]) -> Callable[..., None]:
        names = tuple(every)
        defaults = [(name, one.default, one.default_factory) for name, one in every.items()]
        title = cls.__qualname__

        def __init__(self: Any, *given: Any, **named: Any) -> None:
            if len(given) > len(names):
                raise TypeError(f"{title}() takes {len(names)} arguments, {len(given)} given")
            values = dict(zip(names, given, strict=False))  # (the rest: by name or default)
            for name in named:
                if name in values or name not in every:
                    raise TypeError(f"{title}() got an unexpected or repeated argument {name!r}")
            values.update(named)
            for name, default, make in defaults:
                if name in values:
                    continue
                if default is not _NONE:
                    values[name] = default
                elif make is not _NONE:
                    values[name] = make()
                else:
                    raise TypeError(f"{title}() missing required argument: {name!r}")
            self.__dict__.update(values)
            after = getattr(self, "__post_init__", None)
            if after is not None:
                after()

        __init__.__qualname__ = f"{title}.__init__"
        return __init__

    def _values(instance: Any) -> tuple[Any, ...]:
        return tuple([getattr(instance, name) for name in instance.__ff_compared__])

    def _repr(self: Any) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__ff_shown__)
        return f"{type(self).__qualname__}({shown})"

    def _eq(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return _values(self) == _values(other)

    def _hash(self: Any) -> int:
        return hash(_values(self))

    def _frozen(self: Any, name: str, *value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")


__all__ = ["FrozenInstanceError", "dataclass", "field", "fields", "replace"]
