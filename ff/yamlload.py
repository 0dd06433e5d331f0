"""A strict, safe YAML reader for cards and answer files.

Differences from ``yaml.safe_load``, all on purpose:

* only ``true``/``false`` are booleans: ``yes``, ``no``, ``on`` and ``off`` stay
  strings, and dates stay strings;
* a key given twice in one mapping is an error, not "last one wins";
* in a card (``strict=True``), an unquoted ``yes``/``no``/``on``/``off`` is an
  error, because other YAML tools would read it as true/false and the card would
  mean different things to different readers; aliases (``*name``) are refused,
  so a card cannot expand into a "billion laughs";
* every mapping and list remembers where each of its items stands, so later
  checks can report ``file:line:column``.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ff.errors import Where

_BOOL_TAG = "tag:yaml.org,2002:bool"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
# The longest whole number ff reads; no card or answer needs more.
MAX_DIGITS = 100
_YAML11_BOOLEAN_WORDS = re.compile(r"^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$")


class YamlProblem(Exception):
    """A YAML file cannot be read; ``where`` says where."""

    def __init__(self, where: Where, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


class LocatedDict(dict[Any, Any]):
    """A mapping that knows where it and each of its keys stand."""

    where: Where
    key_where: dict[Any, Where]


class LocatedList(list[Any]):
    """A list that knows where it and each of its items stand."""

    where: Where
    item_where: list[Where]


def _resolvers_without_surprises() -> dict[Any, list[tuple[str, Any]]]:
    kept: dict[Any, list[tuple[str, Any]]] = {}
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items():
        kept[first] = [(t, rx) for t, rx in resolvers if t not in (_BOOL_TAG, _TIMESTAMP_TAG)]
    return kept


# libyaml's parser, where PyYAML has it, reads a card several times faster.
_Parser: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Parser):  # type: ignore[valid-type,misc]
    filename = "<input>"
    strict = False
    # Problems that leave the document readable (an unquoted yes, a key given twice)
    # are collected, so that a card's every problem is reported in one run.
    found: list[YamlProblem]

    def where(self, node: Node) -> Where:
        mark = node.start_mark
        return Where(self.filename, mark.line + 1, mark.column + 1)

    def get_single_data(self) -> Any:
        node = self.get_single_node()
        if node is None:
            return None
        if self.strict:
            self.refuse_aliases(node)
        return self.construct_document(node)

    def refuse_aliases(self, root: Node) -> None:
        """An alias makes two places share one node; refuse it before anything expands."""
        seen: set[int] = set()
        todo = [root]
        while todo:
            node = todo.pop()
            if id(node) in seen:
                raise YamlProblem(
                    self.where(node),
                    "cards may not use YAML anchors and aliases (&name, *name); "
                    "write the text out in full",
                )
            seen.add(id(node))
            if isinstance(node, SequenceNode):
                todo.extend(node.value)
            elif isinstance(node, MappingNode):
                todo.extend(part for pair in node.value for part in pair)

    def construct_scalar(self, node: ScalarNode | MappingNode) -> Any:
        value = super().construct_scalar(node)
        if (
            self.strict
            and isinstance(node, ScalarNode)
            and not node.style  # plain (unquoted): None, or "" from libyaml
            and _YAML11_BOOLEAN_WORDS.match(str(value))
        ):
            self.found.append(
                YamlProblem(
                    self.where(node),
                    f"unquoted {value} is read as true/false by other YAML tools; "
                    f'write "{value}" in quotes',
                )
            )
        return value

    def construct_yaml_map(self, node: MappingNode) -> Any:
        result = LocatedDict()
        result.where = self.where(node)
        result.key_where = {}
        yield result
        self.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise YamlProblem(self.where(key_node), "a key must be a plain word or number")
            if key in result:
                first = result.key_where[key]
                self.found.append(
                    YamlProblem(
                        self.where(key_node),
                        f"duplicate key {key!r} (first given at line {first.line}); "
                        "give each key once",
                    )
                )
                continue
            result.key_where[key] = self.where(key_node)
            result[key] = self.construct_object(value_node, deep=True)

    def construct_yaml_int(self, node: ScalarNode) -> Any:
        digits = str(node.value).replace("_", "").lstrip("+-")
        if len(digits) > MAX_DIGITS:  # Python refuses over 4,300, with a traceback
            raise YamlProblem(
                self.where(node),
                f"a number of {len(digits):,} digits is longer than ff reads "
                f"(at most {MAX_DIGITS})",
            )
        return super().construct_yaml_int(node)

    def construct_yaml_seq(self, node: SequenceNode) -> Any:
        result = LocatedList()
        result.where = self.where(node)
        result.item_where = [self.where(item) for item in node.value]
        yield result
        result.extend(self.construct_object(item, deep=True) for item in node.value)


_Loader.yaml_implicit_resolvers = _resolvers_without_surprises()
_Loader.add_implicit_resolver(
    _BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_yaml_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_yaml_seq)
_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)


def load_yaml(text: str, filename: str, *, strict: bool = False) -> Any:
    """Parse ``text``; raise ``YamlProblem`` naming ``filename:line:column``."""
    data, found = load_yaml_collecting(text, filename, strict=strict)
    if found:
        raise found[0]
    return data


def load_yaml_collecting(
    text: str, filename: str, *, strict: bool = False
) -> tuple[Any, list[YamlProblem]]:
    """Parse ``text``: the data, and the problems that left it readable (a key given
    twice keeps its first value). ``YamlProblem`` for one that does not."""
    loader = _Loader(text)
    loader.filename = filename
    loader.strict = strict
    loader.found = []
    try:
        return loader.get_single_data(), loader.found
    except RecursionError:
        raise YamlProblem(Where(filename, 1, 1), "the YAML is nested too deeply") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = error.problem or "not valid YAML"
        if "expected a single document" in str(error.context or ""):
            problem = (
                "a second YAML document starts here ('---'): an ff file holds one "
                "document; remove the '---' line, or move what follows to its own file"
            )
        if "could not determine a constructor" in str(error):
            problem = "tags such as !!python/... are not allowed in ff files"
        raise YamlProblem(Where(filename, line, column), problem) from None
    except yaml.YAMLError as error:
        raise YamlProblem(Where(filename, 1, 1), f"not valid YAML ({error})") from None
    finally:
        loader.dispose()
