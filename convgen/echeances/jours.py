"""Working days in France: what falls on a Saturday, a Sunday or a public holiday.

An obligation the calendar places itself (a meeting every quarter, an evaluation every
year) moves to a working day of its month: the committee does not meet on 1 May. An
obligation a clause dates (a notice deadline, a payment due « au plus tard le… ») keeps
the date the parties agreed; the calendar says it falls on a day off and by when to
act, the working day before. National holidays only (the python-holidays tables): Alsace
and Moselle's own two (Good Friday, 26 December) are not counted.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from convgen.wording.formatting import long_date

_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


@lru_cache(maxsize=64)
def _holidays(year: int) -> dict[dt.date, str]:
    """France's public holidays of ``year``, by date, with their French names."""
    from holidays.countries.france import France  # noqa: PLC0415 - the calendar alone needs it

    return dict(France(years=year, language="fr").items())  # type: ignore[no-untyped-call]


def day_off(day: dt.date) -> str | None:
    """« un samedi », « un dimanche », « un jour férié (Toussaint) », or None for a
    working day."""
    if day.weekday() >= 5:
        return f"un {_WEEKDAYS[day.weekday()]}"
    holiday = _holidays(day.year).get(day)
    return f"un jour férié ({holiday})" if holiday else None


def next_working_day(day: dt.date) -> dt.date:
    """``day``, or the first working day after it."""
    while day_off(day):
        day += dt.timedelta(days=1)
    return day


def working_day_of_its_month(day: dt.date) -> dt.date:
    """``day``, or the next working day, or the one before when the next is in another
    month (a monthly meeting on Saturday 28 February is held on Friday 27)."""
    after = next_working_day(day)
    return after if after.month == day.month else previous_working_day(day)


def previous_working_day(day: dt.date) -> dt.date:
    """The last working day before ``day``."""
    day -= dt.timedelta(days=1)
    while day_off(day):
        day -= dt.timedelta(days=1)
    return day


def act_before(day: dt.date) -> str | None:
    """What to tell of a dated obligation that falls on a day off: « tombe un dimanche :
    au plus tard le vendredi 28 novembre 2027 » (None on a working day)."""
    off = day_off(day)
    if off is None:
        return None
    before = previous_working_day(day)
    return f"tombe {off} : au plus tard le {_WEEKDAYS[before.weekday()]} {long_date(before)}"
