"""Working days in France: what falls on a Saturday, a Sunday or a public holiday.

An obligation the calendar places itself (a meeting every quarter, an evaluation every
year) moves to a working day of its month: the committee does not meet on 1 May. An
obligation a clause dates (a notice deadline, a payment due « au plus tard le… ») keeps
the date the parties agreed; the calendar says it falls on a day off and by when to
act, the working day before. The holidays are python-holidays' tables: the national ones,
and Alsace's and Moselle's own two (Good Friday, 26 December) where a party has its seat
there (``regions``: python-holidays' subdivisions, see ``regions_of``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache

from convgen.wording.formatting import long_date

_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


Regions = frozenset[str]
NATIONAL: Regions = frozenset()
# Departments (the first two digits of a postal code) with holidays of their own, and
# their python-holidays subdivision: Moselle, and Alsace (Bas-Rhin, Haut-Rhin).
_LOCAL_HOLIDAYS = {"57": "57", "67": "6AE", "68": "6AE"}
_REGION_NAMES = {"6AE": "en Alsace", "57": "en Moselle"}  # in the order they are said


def regions_of(postal_codes: Iterable[str]) -> Regions:
    """The regions with holidays of their own where these postal codes lie (a seat in
    Strasbourg: Alsace, where Good Friday and 26 December are days off)."""
    return frozenset(
        _LOCAL_HOLIDAYS[code[:2]] for code in postal_codes if code[:2] in _LOCAL_HOLIDAYS
    )


@lru_cache(maxsize=64)
def _holidays(year: int, region: str | None = None) -> dict[dt.date, str]:
    """France's public holidays of ``year`` (with those of a python-holidays
    subdivision), by date, with their French names."""
    from holidays.countries.france import France  # noqa: PLC0415 - the calendar alone needs it

    calendar = France(years=year, subdiv=region, language="fr")  # type: ignore[no-untyped-call]
    return dict(calendar.items())


def day_off(day: dt.date, regions: Regions = NATIONAL) -> str | None:
    """« un samedi », « un dimanche », « un jour férié (Toussaint) », « un jour férié en
    Alsace (Vendredi saint) » (a holiday of ``regions`` only), or None for a working day."""
    if day.weekday() >= 5:
        return f"un {_WEEKDAYS[day.weekday()]}"
    holiday = _holidays(day.year).get(day)
    if holiday:
        return f"un jour férié ({holiday})"
    local = [
        region
        for region in _REGION_NAMES
        if region in regions and day in _holidays(day.year, region)
    ]
    if not local:
        return None
    where = " et ".join(_REGION_NAMES[region] for region in local)
    return f"un jour férié {where} ({_holidays(day.year, local[0])[day]})"


def next_working_day(day: dt.date, regions: Regions = NATIONAL) -> dt.date:
    """``day``, or the first working day after it."""
    while day_off(day, regions):
        day += dt.timedelta(days=1)
    return day


def working_day_of_its_month(day: dt.date, regions: Regions = NATIONAL) -> dt.date:
    """``day``, or the next working day, or the one before when the next is in another
    month (a monthly meeting on Saturday 28 February is held on Friday 27)."""
    after = next_working_day(day, regions)
    return after if after.month == day.month else previous_working_day(day, regions)


def previous_working_day(day: dt.date, regions: Regions = NATIONAL) -> dt.date:
    """The last working day before ``day``."""
    day -= dt.timedelta(days=1)
    while day_off(day, regions):
        day -= dt.timedelta(days=1)
    return day


def act_before(day: dt.date, regions: Regions = NATIONAL) -> str | None:
    """What to tell of a dated obligation that falls on a day off: « tombe un dimanche :
    au plus tard le vendredi 28 novembre 2027 » (None on a working day)."""
    off = day_off(day, regions)
    if off is None:
        return None
    before = previous_working_day(day, regions)
    return f"tombe {off} : au plus tard le {_WEEKDAYS[before.weekday()]} {long_date(before)}"
