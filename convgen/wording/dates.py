"""Calendar arithmetic on civil dates (no clock: every date comes from the input)."""

from __future__ import annotations

import calendar
import datetime as dt

from convgen.schema.convention_partenariat import ConventionPartenariat


def add_months(start: dt.date, months: int) -> dt.date:
    """``start`` moved by whole months, clamped to the month's last day (31 jan + 1 -> 28 feb)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


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
