"""ff's data classes, quick to define: ``dataclass``, ``field``, ``fields`` and
``replace`` as the standard library's ``dataclasses`` has them, for what ff uses
(``frozen``, defaults, ``default_factory``, ``__post_init__``, ``ClassVar``, a data
class made from another).

Why not ``dataclasses`` itself: it writes each class's methods as source text and
compiles them, about 0.3 ms a class, and importing it brings ``inspect`` (and ``ast``,
``dis``, ``tokenize``). ``ff summary`` defines 16 data classes before it reads a line:
measured on the 2-core benchmark machine, 6.1 ms of class making and 1 ms of import,
against a whole ``ff summary`` of a 10,000-iteration journal of about 115 ms. Here
only ``__init__`` is compiled for each class (30 µs), so that instances are made as
quickly as the standard library's and are as small (the cards' checks make hundreds
of thousands); the other methods are shared, and compare and hash an instance by its
fields' values got at once in C.

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
    import operator
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
        cls.__ff_key__ = staticmethod(_key(tuple(n for n, one in every.items() if one.compare)))
        own = cls.__dict__  # (a method the class writes itself stays, as with dataclasses)
        made = {"__match_args__": tuple(every), "__init__": _init(cls, every, frozen)}
        made |= {"__repr__": _repr, "__eq__": _eq}
        if frozen:
            made |= {"__setattr__": _frozen, "__delattr__": _frozen, "__hash__": _hash}
        else:  # equal by value and changeable, so not hashable (as dataclasses)
            made["__hash__"] = None
        for name, value in made.items():
            if name not in own or (name == "__hash__" and own[name] is None):
                setattr(cls, name, value)
        return cls

    def _init(cls: Any, every: dict[str, Field], frozen: bool) -> Callable[..., None]:
        """The class's ``__init__``: the one function compiled for it (30 µs), so that
        making an instance is as quick as with dataclasses (and each instance's fields
        are set in order, one by one, so their dicts share their keys)."""
        space: dict[str, Any] = {"__ff_set": object.__setattr__, "__ff_make": _NONE}
        given, lines = [], []
        for number, (name, one) in enumerate(every.items()):
            value = name
            if one.default is not _NONE:
                space[f"__ff_default{number}"] = one.default
                given.append(f"{name}=__ff_default{number}")
            elif one.default_factory is not _NONE:
                space[f"__ff_factory{number}"] = one.default_factory
                given.append(f"{name}=__ff_make")
                value = f"__ff_factory{number}() if {name} is __ff_make else {name}"
            else:
                given.append(name)
            set_it = f"__ff_set(self, {name!r}, {value})" if frozen else f"self.{name} = {value}"
            lines.append(f"    {set_it}")
        if hasattr(cls, "__post_init__"):
            lines.append("    self.__post_init__()")
        source = f"def __init__(self, {', '.join(given)}):\n" + ("\n".join(lines) or "    pass")
        exec(source, space)  # (the field names are the class's own identifiers)
        made: Callable[..., None] = space["__init__"]
        made.__qualname__ = f"{cls.__qualname__}.__init__"
        return made

    def _key(compared: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
        """What an instance is compared and hashed by: its compared fields' values."""
        if len(compared) > 1:
            return operator.attrgetter(*compared)  # (a tuple, got in C)
        if compared:
            one = operator.attrgetter(compared[0])
            return lambda instance: (one(instance),)
        return lambda instance: ()

    def _repr(self: Any) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__ff_shown__)
        return f"{type(self).__qualname__}({shown})"

    def _eq(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self.__ff_key__(self) == other.__ff_key__(other)

    def _hash(self: Any) -> int:
        return hash(self.__ff_key__(self))

    def _frozen(self: Any, name: str, *value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")


__all__ = ["FrozenInstanceError", "dataclass", "field", "fields", "replace"]
