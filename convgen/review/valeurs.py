"""The values a rule checked on this document, said to the reviewer beside its result
(« quorum 50 % des droits », « préavis 6 mois », « droits 40 + 35 + 25 = 100 % »)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from convgen.schema.charte_reseau import CharteReseau
from convgen.schema.convention_gcsms import ConventionGcsms
from convgen.schema.convention_partenariat import ConventionPartenariat
from convgen.schema.document import Document
from convgen.wording.formatting import long_date
from convgen.wording.libelles import label


def checked_values(rule_id: str, document: Document) -> str:
    """What ``rule_id`` compared on ``document``, or "" when nothing numeric is worth it."""
    reader = _READERS.get((rule_id, type(document)))
    return reader(document) if reader else ""


def _pct(value: Decimal | None) -> str:
    return "?" if value is None else f"{value.normalize():f}".replace(".", ",")


def _shares(values: list[Decimal | None]) -> str:
    known = [v for v in values if v is not None]
    total = sum(known, Decimal(0))
    return " + ".join(_pct(v) for v in values) + f" = {_pct(total)} %"


def _quorum(doc: ConventionGcsms) -> str:
    ag = doc.assemblee_generale
    unanimity = "oui" if ag.unanimite_modification and ag.unanimite_admission else "non"
    return f"quorum {_pct(ag.quorum_pct_droits)} % des droits ; unanimité : {unanimity}"


def _notice_gc(doc: ConventionGcsms) -> str:
    return f"préavis {doc.retrait.preavis_mois} mois, retrait en fin d'exercice"


def _rights(doc: ConventionGcsms) -> str:
    return "droits " + _shares([m.droits_pct for m in doc.membres])


def _charges(doc: ConventionGcsms) -> str:
    return "charges " + _shares([m.contribution_charges_pct for m in doc.membres])


def _assembly(doc: ConventionGcsms) -> str:
    return f"{doc.assemblee_generale.reunions_par_an} réunion(s) par an"


def _mandate(doc: ConventionGcsms) -> str:
    administrator = doc.administrateur
    return "" if administrator is None else f"mandat de {administrator.duree_mandat_ans} ans"


def _renewal(doc: ConventionPartenariat) -> str:
    duree = doc.duree
    parts = [f"reconduction : {label(duree.reconduction)}"]
    if duree.duree_reconduction_mois:
        parts.append(f"{duree.duree_reconduction_mois} mois chacune")
    if duree.nombre_reconductions:
        parts.append(f"{duree.nombre_reconductions} au plus")
    if duree.preavis_non_reconduction_mois:
        parts.append(f"préavis {duree.preavis_non_reconduction_mois} mois")
    elif duree.preavis_non_reconduction_jours:
        parts.append(f"préavis {duree.preavis_non_reconduction_jours} jours")
    return ", ".join(parts)


def _dates(doc: ConventionPartenariat) -> str:
    duree = doc.duree
    text = f"effet le {long_date(duree.date_effet)}"
    if duree.date_fin:
        return f"{text}, fin le {long_date(duree.date_fin)}"
    return f"{text}, durée {duree.duree_mois} mois" if duree.duree_mois else text


def _termination(doc: ConventionPartenariat) -> str:
    resiliation = doc.resiliation
    if resiliation.preavis_mois is not None:
        return f"préavis {resiliation.preavis_mois} mois"
    days = resiliation.preavis_jours
    return "" if days is None else f"préavis {days} jours"


def _members(doc: CharteReseau) -> str:
    return f"{len(doc.membres)} membres"


_READERS: dict[tuple[str, type], Callable[[Any], str]] = {
    ("GC-22", ConventionGcsms): _quorum,
    ("GC-27", ConventionGcsms): _notice_gc,
    ("GC-09", ConventionGcsms): _rights,
    ("GC-11", ConventionGcsms): _charges,
    ("GC-16", ConventionGcsms): _assembly,
    ("GC-24", ConventionGcsms): _mandate,
    ("CP-10", ConventionPartenariat): _renewal,
    ("CP-09", ConventionPartenariat): _dates,
    ("CP-11", ConventionPartenariat): _termination,
    ("CR-03", CharteReseau): _members,
}
