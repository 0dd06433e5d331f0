"""Naming ideas: the short ref each idea gets, ``REF`` and ``REF#N`` as people type
them, and finding the one idea a ref names."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ff.errors import UsageError

REF_LENGTH = 6


def short_ref(idea_id: str, taken: set[str]) -> str:
    """The shortest start of ``idea_id`` (at least REF_LENGTH) that no other idea's ref
    or id starts with, and that starts no other's; the whole id if none is shorter."""
    taken = {t for t in taken if t}  # an empty ref would be a prefix of every id
    length = REF_LENGTH
    while length < len(idea_id) and any(
        t.startswith(idea_id[:length]) or idea_id.startswith(t) for t in taken
    ):
        length += 1
    return idea_id[:length]


def parse_ref(text: str) -> tuple[str, int | None]:
    """``REF`` or ``REF#N`` (iteration N of the idea)."""
    ref, hash_sign, number = text.strip().partition("#")
    if not hash_sign:
        return ref, None
    if not number.isascii() or not number.isdigit() or int(number) < 1:
        raise UsageError(
            f"{text!r} does not name an iteration.",
            hint="Write the idea's ref, #, and the iteration's number: abc123#2",
        )
    return ref, int(number)


def ref_matches(idea: Mapping[str, Any], ref: str) -> bool:
    """Whether the idea's ref or id starts with ``ref`` (in any case)."""
    wanted = ref.strip().lower()
    return str(idea.get("ref", "")).lower().startswith(wanted) or str(
        idea.get("id", "")
    ).lower().startswith(wanted)


def pick_idea(ideas: list[Mapping[str, Any]], ref: str, where: Path) -> Mapping[str, Any]:
    """The one idea whose ref or id starts with ``ref`` (any case)."""
    wanted = ref.strip().lower()
    if not wanted:
        raise UsageError("No idea reference given.", hint="Run ff ideas to see the refs.")
    exact = [r for r in ideas if str(r.get("ref", "")).lower() == wanted]
    matches = exact or [r for r in ideas if ref_matches(r, wanted)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise UsageError(
            f"No idea in {where} has the reference {ref!r}.",
            hint="Run ff ideas to see the refs, or check --journal.",
        )
    listed = "; ".join(f"{m['ref']} ({m['title']})" for m in matches[:10])
    raise UsageError(
        f"The reference {ref!r} matches {len(matches)} ideas: {listed}.",
        hint="Type more of the reference.",
    )
