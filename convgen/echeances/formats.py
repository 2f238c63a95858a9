"""The calendar of a folder of documents as text, JSON, CSV or iCalendar (RFC 5545)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass

from icalendar import Alarm, Calendar, Event

from convgen.echeances.calcul import Obligation
from convgen.wording.formatting import long_date

ALARM_DAYS = 15  # a notice deadline rings this many days before, in calendar software
_COLUMNS = ("date", "type", "libelle", "preavis", "document", "titre", "parties", "clause")


@dataclass(frozen=True)
class Entry:
    """An obligation and the document it comes from: ``source`` as the user named it,
    ``file`` a name that does not depend on how it was reached (its path within the
    folder exported, the same for ``.``, ``dossier`` and ``/srv/dossier``)."""

    obligation: Obligation
    source: str
    title: str
    parties: tuple[str, ...]
    file: str

    @property
    def party_names(self) -> str:
        return ", ".join(self.parties)

    def record(self) -> dict[str, str | bool]:
        """Stable ASCII keys, machine values (ISO date): the JSON and CSV row."""
        return {
            "date": self.obligation.date.isoformat(),
            "type": self.obligation.kind,
            "libelle": self.obligation.label,
            "preavis": self.obligation.deadline,
            "document": self.source,
            "titre": self.title,
            "parties": self.party_names,
            "clause": self.obligation.clause,
        }

    def uid(self) -> str:
        """The same for the same obligation of the same file, from whatever folder the
        export runs: a re-import updates it. What the label says of a day off is left
        out: it changes with another party's seat (Alsace and Moselle's holidays)."""
        key = f"{self.file}\0{self.obligation.kind}\0{self.obligation.date.isoformat()}"
        key += f"\0{self.obligation.what}"
        return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}@convgen"


def as_text(entries: Sequence[Entry]) -> str:
    """One line per obligation, by date, notice deadlines marked « ⚠ »."""
    lines = []
    for entry in entries:
        o = entry.obligation
        mark = "⚠ " if o.deadline else ""
        lines.append(f"{long_date(o.date)} : {mark}{o.label}")
        lines.append(
            f"    {entry.title} ({', '.join(entry.parties)}) – {entry.source} – {o.clause}"
        )
    count = len(entries)
    lines.append(f"{count} échéance{'s' if count > 1 else ''}.")
    return "\n".join(lines) + "\n"


def as_json(entries: Sequence[Entry]) -> str:
    return json.dumps([entry.record() for entry in entries], ensure_ascii=False, indent=2) + "\n"


def as_csv(entries: Sequence[Entry]) -> str:
    """Semicolons and a byte-order mark: what a French spreadsheet opens as is."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=_COLUMNS, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    for entry in entries:
        writer.writerow(
            {
                k: ("oui" if v is True else "non" if v is False else v)
                for k, v in entry.record().items()
            }
        )
    return "\ufeff" + buffer.getvalue()


# Besides the notices, the obligations that ask for a decision or a vote by their day,
# which a board must be convened for: each sounds ALARM_DAYS before, as a notice does.
REMINDED = frozenset({"decision_renouvellement", "budget", "comptes", "fin_mandat", "fin_duree"})


def as_ics(entries: Sequence[Entry], stamp: dt.datetime) -> bytes:
    """An iCalendar file: one all-day event per obligation, an alarm before each notice
    deadline and each decision due (REMINDED). ``stamp`` is when the file is made
    (DTSTAMP)."""
    calendar = Calendar()
    calendar.add("prodid", "-//convgen//échéancier//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Échéances des conventions")
    for entry in entries:
        calendar.add_component(_event(entry, stamp))
    return bytes(calendar.to_ical())


def _event(entry: Entry, stamp: dt.datetime) -> Event:
    o = entry.obligation
    event = Event()
    event.add("uid", entry.uid())
    event.add("dtstamp", stamp)
    event.add("dtstart", o.date)
    event.add("dtend", o.date + dt.timedelta(days=1))
    event.add("summary", f"{o.label} – {entry.title}")
    event.add(
        "description", f"{entry.title} ({', '.join(entry.parties)})\n{o.clause}\n{entry.source}"
    )
    event.add("categories", ["convgen", o.kind])
    if o.deadline or o.kind in REMINDED:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"Dans {ALARM_DAYS} jours : {o.label}")
        alarm.add("trigger", dt.timedelta(days=-ALARM_DAYS))
        event.add_component(alarm)
    return event
