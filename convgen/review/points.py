"""What the reviewer decides besides the clauses: the free text printed in the document,
the information flows, the open points, the documents to collect before signature and
the calendar of obligations (the same computation as ``convgen echeancier``)."""

from __future__ import annotations

import datetime as dt
import re
import types
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from convgen.chars import SPACES
from convgen.echeances.calcul import Obligation, obligations
from convgen.errors import DataPath, Problem
from convgen.loading import RawInput
from convgen.regles.base import ALL_DOCUMENTS, GC, RULES
from convgen.regles.citations import legal_force
from convgen.regles.explications import OPEN_QUESTIONS
from convgen.schema.base import Puce, Texte, TexteLong
from convgen.schema.commun import ASSOCIATIONS_AND_FOUNDATIONS, FormeJuridique, Organisation
from convgen.schema.document import Document, actor_names
from convgen.schema.partage import OPPOSABLE_BASES, RoleRgpd
from convgen.validation.labels import path_label
from convgen.validation.messages import format_path
from convgen.wording.formatting import long_date, number, of
from convgen.wording.libelles import act_wording, body_wording, label
from convgen.wordml.text import Section

UNCHECKED = "texte libre, non vérifié"
# Free text that a rule reads: the document types, a key the path must hold ("" for
# any), and the rules.
_READ_BY: tuple[tuple[frozenset[str], str, tuple[str, ...]], ...] = (
    (frozenset({GC}), "", ("TX-01", "GC-42")),
    (frozenset({GC}), "dissolution", ("TX-03",)),
    (ALL_DOCUMENTS, "categories_informations", ("PI-02",)),
)


@dataclass(frozen=True)
class FreeText:
    field: str
    line: int | None
    clause: str
    excerpt: str
    status: str
    label: str = ""  # the field as the atelier names it (« Objet »)


def free_texts(
    document: Document, raw: RawInput, text: Sequence[Section], problems: Sequence[Problem]
) -> list[FreeText]:
    """Every long free text of the input, where the document prints it, and whether a
    rule read it (« texte libre, non vérifié » otherwise)."""
    found = []
    for path, value in _long_texts(document):
        field = format_path(path)
        found.append(
            FreeText(
                field,
                raw.line_of(path),
                _printed_in(value, text),
                _excerpt(value),
                _status(document.type, path, field, problems),
                path_label(type(document), field),
            )
        )
    return found


# Lists of short texts that are names, not wording: the reviewer reads them elsewhere.
_NAMES = frozenset({"departements", "communes", "autres_membres", "budgets_annexes"})


def _long_texts(node: Any, path: DataPath = ()) -> Iterator[tuple[DataPath, str]]:
    if isinstance(node, BaseModel):
        for name, info in type(node).model_fields.items():
            value = getattr(node, name)
            if isinstance(value, str) and _is_long_text(info.annotation) and value.strip():
                yield (*path, name), value
            elif _is_phrase_list(info.annotation) and name not in _NAMES:
                yield from (((*path, name, i), item) for i, item in enumerate(value))
            elif isinstance(value, BaseModel | list):
                yield from _long_texts(value, (*path, name))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _long_texts(item, (*path, index))


def _is_phrase_list(annotation: Any) -> bool:
    """``list[Texte]`` (or ``list[Puce]``): phrases the writer typed (engagements, motives)."""
    return get_origin(annotation) is list and get_args(annotation)[0] in (Texte, TexteLong, Puce)


def _is_long_text(annotation: Any) -> bool:
    if get_origin(annotation) in (Union, types.UnionType):
        return any(_is_long_text(arg) for arg in get_args(annotation))
    return bool(annotation == TexteLong)


def _flat(text: str) -> str:
    text = text.replace("’", "'")
    return " ".join(re.sub(f"[{SPACES}]", " ", text).split())


def _printed_in(value: str, text: Sequence[Section]) -> str:
    start = _flat(value)[:40]
    for section in text:
        if start and start in _flat(" ".join(section.lines)):
            return section.heading or "En-tête du document"
    return "non imprimé tel quel"


def _excerpt(value: str, limit: int = 160) -> str:
    flat = " ".join(value.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _status(kind: str, path: DataPath, field: str, problems: Sequence[Problem]) -> str:
    flagged = sorted({p.rule for p in problems if p.rule and p.path == field})
    if flagged:
        return "signalé : " + ", ".join(flagged)
    readers = [
        rule
        for kinds, key, rules in _READ_BY
        if kind in kinds and (not key or key in path)
        for rule in rules
    ]
    if readers:
        return f"lu par {', '.join(readers)} : aucune contradiction relevée ; le reste non vérifié"
    return UNCHECKED


@dataclass(frozen=True)
class FlowRow:
    title: str
    emitter: str
    recipient: str
    categories: str
    basis: str
    test: str
    roles: str


def flow_rows(document: Document, problems: Sequence[Problem]) -> list[FlowRow]:
    """The information flows as a matrix, each with the rules' verdict on it."""
    sharing = document.partage_information
    if sharing is None:
        return []
    names = actor_names(document)
    roles = {r.partie: label(r.role) for r in (sharing.rgpd.roles if sharing.rgpd else [])}
    rows = []
    for index, flux in enumerate(sharing.flux):
        where = format_path(("partage_information", "flux", index))
        found = sorted({f"[{p.rule}]" for p in problems if p.path.startswith(where) and p.rule})
        rows.append(
            FlowRow(
                flux.intitule,
                names.get(flux.emetteur, flux.emetteur),
                names.get(flux.destinataire, flux.destinataire),
                "; ".join(flux.categories_informations) or "non énumérées",
                label(flux.base_legale),
                "✘ " + " ".join(found) if found else "✔ conditions de la base vérifiées",
                f"{roles.get(flux.emetteur, 'non déclaré')} → "
                f"{roles.get(flux.destinataire, 'non déclaré')}",
            )
        )
    return rows


@dataclass(frozen=True)
class OpenPoint:
    rule: str
    force: str
    point: str


def open_points(document: Document) -> list[OpenPoint]:
    """The unsettled legal questions behind the rules that concern this document (the
    warnings of the input are listed with them, in the pack's next table)."""
    points = []
    for rule_id in sorted(OPEN_QUESTIONS):
        rule = RULES.get(rule_id)
        if rule is not None and document.type in rule.documents and _concerns(rule_id, document):
            text = rule.open_question or OPEN_QUESTIONS[rule_id]
            points.append(OpenPoint(rule_id, legal_force(rule.level, rule.source), text))
    return points


def _concerns(rule_id: str, document: Document) -> bool:
    """Whether the question behind ``rule_id`` arises for this document."""
    forms = {o.forme_juridique for o in document.organisations}
    sharing = document.partage_information
    flows = sharing.flux if sharing else []
    concerned = {
        "SG-03": FormeJuridique.ETABLISSEMENT_PUBLIC_SANTE in forms,
        "SG-04": FormeJuridique.ETABLISSEMENT_PUBLIC_SOCIAL_MEDICO_SOCIAL in forms,
        "PI-08": any(f.base_legale in OPPOSABLE_BASES for f in flows),
        "PI-20": bool(sharing and sharing.intervenants_tiers),
        "RG-01": bool(flows),
        "RG-07": bool(flows),
        "RG-06": bool(flows),
    }
    return concerned.get(rule_id, True)


_LOCAL_AUTHORITIES = frozenset(
    {FormeJuridique.COMMUNE, FormeJuridique.DEPARTEMENT, FormeJuridique.CCAS, FormeJuridique.CIAS}
)


def to_collect(document: Document) -> list[tuple[str, str]]:
    """(organisation or « toutes les parties », document to collect) before signature."""
    found: list[tuple[str, str]] = []
    for organisation in document.organisations:
        found += [(organisation.short_name, piece) for piece in _pieces(organisation)]
    sharing = document.partage_information
    roles = {r.role for r in sharing.rgpd.roles} if sharing and sharing.rgpd else set()
    if RoleRgpd.RESPONSABLE_CONJOINT in roles:
        found.append(("responsables conjoints", "accord de responsables conjoints (RGPD, art. 26)"))
    if RoleRgpd.SOUS_TRAITANT in roles:
        found.append(("sous-traitants", "contrat de sous-traitance (RGPD, art. 28)"))
    avenant = getattr(document, "avenant", None)  # a GCSMS version from an amendment
    if avenant is not None:
        when = f" du {long_date(avenant.date_ag)}" if avenant.date_ag else ""
        found.append(
            (
                "le groupement",
                f"procès-verbal de l'assemblée générale{when} adoptant l'avenant "
                f"n° {avenant.numero} à l'unanimité des membres présents ou représentés",
            )
        )
        previous = getattr(document, "version_precedente", None)
        if previous is not None:
            found.append(
                (
                    "le groupement",
                    "convention constitutive signée le "
                    f"{long_date(previous.date_signature)}, que l'avenant modifie",
                )
            )
    return found


def _pieces(organisation: Organisation) -> Iterator[str]:
    deliberation = organisation.habilitation
    if deliberation is not None:
        when = f" du {long_date(deliberation.date)}" if deliberation.date else ""
        number = f" n° {deliberation.numero}" if deliberation.numero else ""
        about = f" ({deliberation.objet})" if deliberation.objet else " autorisant la signature"
        organ = of(body_wording(deliberation))
        yield f"{act_wording(deliberation)} {organ}{number}{when}{about}"
        if organisation.forme_juridique in _LOCAL_AUTHORITIES:
            yield "preuve de la transmission de cette délibération au préfet (caractère exécutoire)"
    if organisation.delegation is not None:
        delegation = organisation.delegation
        yield f"acte de délégation ({delegation.nature}) du {long_date(delegation.date)}"
    if organisation.forme_juridique in ASSOCIATIONS_AND_FOUNDATIONS:  # its statutes
        yield "statuts à jour (pouvoirs du représentant légal)"
    insurance = getattr(organisation, "assurance", None)
    if insurance is not None:
        yield f"attestation d'assurance responsabilité civile ({insurance.assureur})"


CALENDAR_YEARS = 5


def calendar(document: Document) -> list[Obligation]:
    """The obligations of the document's first years, from its signature or its start:
    computed from its own dates only, so the same input gives the same pack."""
    start = _first_date(document)
    if start is None:
        return []
    return obligations(document, dt.date(start.year + CALENDAR_YEARS, start.month, 1))


def _first_date(document: Document) -> dt.date | None:
    duration = getattr(document, "duree", None)
    candidates = [document.signature.concluded_on, getattr(duration, "date_effet", None)]
    dates = [d for d in candidates if isinstance(d, dt.date)]
    return min(dates) if dates else None


@dataclass(frozen=True)
class Default:
    field: str
    value: str
    label: str = ""  # the field as the atelier names it (« Droit d’opposition »)


def defaults_applied(document: Document, raw: RawInput) -> list[Default]:
    """Values the document holds that the input did not write: the model's defaults
    (« droit_opposition : oui »), which the document prints as if they were chosen."""
    found = []
    for path, value in _defaults(document, raw.data):
        field = format_path(path)
        found.append(Default(field, value, path_label(type(document), field)))
    return found


def _defaults(node: Any, data: Any, path: DataPath = ()) -> Iterator[tuple[DataPath, str]]:
    if isinstance(node, BaseModel) and isinstance(data, dict):
        for name in type(node).model_fields:
            value = getattr(node, name)
            if name in data:
                yield from _defaults(value, data[name], (*path, name))
            elif isinstance(value, BaseModel):  # a whole group left out: its defaults
                yield from _defaults(value, {}, (*path, name))
            elif (shown := _shown(value)) is not None:
                yield (*path, name), shown
    elif isinstance(node, list) and isinstance(data, list):
        for index, (item, written) in enumerate(zip(node, data, strict=False)):
            yield from _defaults(item, written, (*path, index))


def _shown(value: Any) -> str | None:
    """A default worth telling the reviewer: a yes/no, a choice, a number or a text."""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, StrEnum):
        return label(value)
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return number(value)  # « 33,33 », as the document prints it
    if isinstance(value, str) and value != "":
        return value
    return None
