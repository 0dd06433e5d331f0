"""Numbers as people type them ("£1,200", "1200 pounds", "-3.5") and as ff keeps them."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import TypeGuard

_CURRENCY = "£$€"
# The most an iteration may record (stated in README.md, "Limits"): far beyond any
# real test, yet small enough that a total of many is still a number people can read.
MAX_HOURS = 1_000_000
MAX_COST = 1_000_000_000
MAX_AMOUNT = {"hours": MAX_HOURS, "cost": MAX_COST}
# ASCII digits only: float() would also read other scripts' digits, which no
# one types by intent and which would look like a different number in the journal.
# Thousands separators only where they belong: 1,200 and 12,500,000, never 1,2,3.
_NUMBER = re.compile(r"^[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)?(?:\.[0-9]+)?$")


def is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def pounds(value: float | int | None, missing: str = "-") -> str:
    """£1,234.50, or £12 for whole pounds."""
    if value is None:
        return missing
    return f"£{value:,.0f}" if float(value).is_integer() else f"£{value:,.2f}"


def tidy_number(value: float) -> int | float:
    """A whole float as an int, so that 500.0 is kept and shown as 500."""
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else value


def parse_number(given: str, units: Sequence[str] = ()) -> float | None:
    """The number in ``given``, or None: "£1,200", "1200 pounds", "-3.5", "-£5" all
    read; ``units`` are the words it may end with."""
    text = " ".join(given.split())
    folded = text.casefold()  # only the number is kept, so folding its case is harmless
    for unit in sorted((u.casefold() for u in units), key=len, reverse=True):
        if folded.endswith(unit):
            text = folded[: -len(unit)].strip()
            break
    sign = ""
    if text[:1] in ("+", "-"):  # the sign may come before the currency sign: -£5
        sign, text = text[0], text[1:].strip()
    text = sign + text.lstrip(_CURRENCY).strip()
    if not _NUMBER.match(text) or not any(c in "0123456789" for c in text):
        return None
    number = float(text.replace(",", ""))
    return number if math.isfinite(number) else None
