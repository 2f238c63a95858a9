"""Calendar arithmetic on civil dates (no clock: every date comes from the input)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator

from convgen.schema.convention_partenariat import ConventionPartenariat


def add_months(start: dt.date, months: int) -> dt.date:
    """``start`` moved by whole months, clamped to the month's last day (31 jan + 1 -> 28 feb)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


def every_months(first: dt.date, months: int, end: dt.date) -> Iterator[dt.date]:
    """``first``, then every ``months`` months after it, up to ``end``: each one counted
    from ``first`` (31 jan, 1 -> 28 feb, 31 mar), as a recurring payment's instalments."""
    step = 0
    while (when := add_months(first, months * step)) <= end:
        yield when
        step += 1


# When a recurring payment's instalments after the first fall (« les suivantes … »), by
# the months between two of them.
_NEXT_INSTALMENTS = {
    1: "le même jour de chaque mois",
    3: "à la même date tous les trois mois",
    6: "à la même date tous les six mois",
    12: "à la même date chaque année",
}
# Days of each month in a common year: a 29 February falls on the 28th three years in four.
_DAYS_IN_MONTH = {month: calendar.monthrange(2027, month)[1] for month in range(1, 13)}


def next_instalments(first: dt.date, months: int) -> str:
    """When the instalments after ``first`` fall, every ``months`` months, as
    ``every_months`` counts them; « ou, à défaut, le dernier jour du mois » only when a
    month they reach lacks the day (30 November every quarter: February)."""
    reached = {(first.month - 1 + months * step) % 12 + 1 for step in range(12 // months)}
    shorter = any(_DAYS_IN_MONTH[month] < first.day for month in reached)
    said = " (ou, à défaut, le dernier jour du mois)" if shorter else ""
    return _NEXT_INSTALMENTS[months] + said


def end_of_term(start: dt.date, months: int) -> dt.date:
    """Last day of a term of ``months`` starting on ``start`` (1 jan 2026, 12 -> 31 dec 2026):
    the eve of the day that bears ``start``'s number ``months`` later, or, when that month
    is too short, its last day (31 mar 2026, 1 -> 30 apr 2026; 31 aug 2026, 6 -> 28 feb
    2027), as a term counted in months expires (Code de procédure civile, art. 641)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    if start.day > calendar.monthrange(year, month)[1]:  # no such day: the month's last
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(year, month, start.day) - dt.timedelta(days=1)


def whole_months_between(start: dt.date, end: dt.date) -> int:
    """Number of complete months from ``start`` to the day after ``end``."""
    after = end + dt.timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    return months if after.day >= start.day else months - 1


def term_months(doc: ConventionPartenariat) -> int | None:
    """A convention's initial term in months, or None for an open-ended one."""
    if doc.duree.duree_mois is not None:
        return doc.duree.duree_mois
    if doc.duree.date_fin is not None and doc.duree.date_fin > doc.duree.date_effet:
        return whole_months_between(doc.duree.date_effet, doc.duree.date_fin)
    return None


def initial_end(doc: ConventionPartenariat) -> dt.date | None:
    """The last day of the initial term, as the document prints it: the end date stated,
    else the end of the term in months (None: open-ended, or dates out of order)."""
    term = term_months(doc)
    if term is None:
        return None
    return doc.duree.date_fin or end_of_term(doc.duree.date_effet, term)
