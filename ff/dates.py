"""Dates and the clock: days as people type them (ISO dates, UK day/month/year,
``today``, ``yesterday``, spans like ``30d``), as people in the UK read them, and
"now" (``FF_NOW`` fixes it)."""

from __future__ import annotations

import os
import re
from datetime import date, datetime, time, timedelta, timezone

from ff.errors import UsageError

_SPAN = re.compile(r"^(\d{1,4})([dwm])$")


def now_utc() -> datetime:
    """The current time in UTC; ``FF_NOW`` (ISO 8601) fixes it for tests and examples."""
    fixed = os.environ.get("FF_NOW")
    if fixed:
        try:
            moment = datetime.fromisoformat(fixed.strip().replace("Z", "+00:00"))
            moment = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
            return moment.astimezone(timezone.utc)
        except (ValueError, OverflowError):
            raise UsageError(
                f"FF_NOW {fixed!r} is not a time ff can use.",
                hint="Write it in ISO 8601, e.g. FF_NOW=2026-11-25T09:30:00Z, or unset FF_NOW.",
            ) from None
    return datetime.now(timezone.utc)


def today() -> date:
    """Today's date where the person is (the date of ``FF_NOW`` when it is set)."""
    if os.environ.get("FF_NOW"):
        moment = now_utc()
        try:
            return moment.astimezone().date()
        except OverflowError:  # FF_NOW at the very edge of the calendar (year 1 or 9999)
            return moment.date()
    return date.today()


def iso(moment: datetime) -> str:
    """A moment as the journal keeps it: UTC, to the second, ``2026-11-25T09:30:00Z``."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# How people write a day: ISO (2026-11-25, also with / or .) or, as in the UK, day
# first (25/11/2026, 25-11-2026, 25.11.2026).
_YEAR_FIRST = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{1,4})$")
_NO_YEAR = re.compile(r"^\d{1,2}[-/.]\d{1,2}$")
_MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)
DAY_FORMS = "DD/MM/YYYY (e.g. 25/11/2026), YYYY-MM-DD, today or yesterday"
SPAN_FORMS = "or a span back from today: 30d (days), 12w (weeks), 6m (months)"


def parse_day(text: str, today: date, what: str = "date", *, spans: bool = False) -> date:
    """``2026-11-25``, ``25/11/2026`` (day first, as in the UK), ``today`` or
    ``yesterday``; an unclear or impossible day is refused saying why. ``spans``: the
    hint also names the spans that ``parse_since`` takes."""
    word = text.strip().lower()
    if word == "today":
        return today
    if word == "yesterday":
        return today - timedelta(days=1)
    given = f"{what} {text!r}"
    hint = f"Write it as {DAY_FORMS}" + (f", {SPAN_FORMS}." if spans else ".")
    if parts := _YEAR_FIRST.match(word):
        year, month, day = (int(p) for p in parts.groups())
        return _calendar_day(year, month, day, given, hint, "year-month-day")
    if parts := _DAY_FIRST.match(word):
        day, month, year = (int(p) for p in parts.groups())
        if len(parts.group(3)) != 4:
            raise UsageError(
                f"{given} is not clear: give the year in full, with four digits.", hint=hint
            )
        return _calendar_day(year, month, day, given, hint, "day/month/year")
    if _NO_YEAR.match(word):
        raise UsageError(f"{given} has no year: give the year too.", hint=hint)
    try:  # any other ISO 8601 form Python reads (20261125, say), as before
        return date.fromisoformat(word)
    except ValueError:
        raise UsageError(f"{given} is not a date.", hint=hint) from None


def _calendar_day(year: int, month: int, day: int, given: str, hint: str, order: str) -> date:
    """The day, or a ``UsageError`` saying why there is no such day."""
    if not 1 <= month <= 12:
        raise UsageError(
            f"{given} is not a date: there is no month {month} (ff reads it as {order}).",
            hint=hint,
        )
    if year < 1:
        raise UsageError(f"{given} is not a date: there is no year 0.", hint=hint)
    try:
        return date(year, month, day)
    except ValueError:
        raise UsageError(
            f"{given} is not a date: {_MONTHS[month - 1]} {year} has no day {day}.", hint=hint
        ) from None


def dated(day: date | None) -> tuple[str, str | None]:
    """When something happened, as the journal keeps it, and when it was recorded if
    that was on a later day: ``(now, None)`` for no day or today; for an earlier day,
    ``(the last second of that day, now)``, so that it follows whatever else was
    recorded on that day and falls on that day where the person is."""
    now = now_utc()
    if day is None or day >= today():
        return iso(now), None
    last = datetime.combine(day, time(23, 59, 59))
    try:
        moment = last.astimezone(timezone.utc)  # a naive time is taken as local time
    except (OverflowError, ValueError):  # at the very edge of the calendar
        moment = last.replace(tzinfo=timezone.utc)
    return iso(moment), iso(now)


def parse_past_day(text: str, today: date, what: str = "date") -> date:
    """A day that is not in the future."""
    day = parse_day(text, today, what)
    if day > today:
        raise UsageError(
            f"{what} {day.isoformat()} is in the future.",
            hint=f"Give today's date ({today.isoformat()}) or an earlier one.",
        )
    return day


def parse_since(text: str, today: date, what: str = "--since") -> date:
    """A day, or a span back from today: ``30d`` (days), ``12w`` (weeks), ``6m`` (months)."""
    span = _SPAN.match(text.strip().lower())
    if not span:
        return parse_day(text, today, what, spans=True)
    count, unit = int(span.group(1)), span.group(2)
    try:
        if unit == "m":
            return months_before(today, count)
        return today - timedelta(days=count * (7 if unit == "w" else 1))
    except OverflowError:
        raise UsageError(
            f"{what} {text!r} goes back before the year 1.", hint="Give a shorter span, or a date."
        ) from None


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (31 May less 3 months: 28 Feb);
    ``OverflowError`` before the year 1."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    if year < 1:
        raise OverflowError("date value out of range")
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def uk_day(day: date) -> str:
    """25 Nov 2026, as people in the UK read dates."""
    return f"{day.day} {day:%b %Y}"


def local_day(value: object) -> date | None:
    """The day a stored value falls on where the person is: a date as it is, a UTC
    timestamp (2026-11-25T23:30:00Z) converted to local time first."""
    text = str(value or "")
    if "T" not in text:
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    try:
        return moment.astimezone().date()
    except OverflowError:  # at the very edge of the calendar (year 1 or 9999)
        return moment.date()


def uk_date(value: object) -> str:
    """25 Nov 2026, as people in the UK read dates (a timestamp on its local day)."""
    day = local_day(value)
    return uk_day(day) if day else str(value or "")
