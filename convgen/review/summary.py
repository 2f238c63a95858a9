"""What a lawyer checks first: type, parties, dates and amounts, in figures and words.

Read from the template context (the same views the document prints) and the
validated document; draft placeholders stay visible as « [à compléter : …] ».
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from convgen.documents.registry import DocumentType, title_of
from convgen.schema.charte_reseau import CharteReseau
from convgen.schema.commun import short_names
from convgen.schema.convention_gcsms import ConventionGcsms
from convgen.schema.convention_partenariat import ConventionPartenariat
from convgen.schema.document import Document
from convgen.wording import accords, formatting
from convgen.wording.dates import next_instalments
from convgen.wording.libelles import label


@dataclass(frozen=True)
class Party:
    name: str
    short_name: str
    legal_form: str
    signatory: str


@dataclass(frozen=True)
class Amount:
    label: str
    figures: str
    words: str
    value: str = ""  # the decimal as a machine reads it (« 12500.50 »), for JSON


@dataclass(frozen=True)
class Summary:
    type_label: str
    title: str
    named: str  # the document as lists and calendars name it (documents.registry.title_of)
    reference: str
    draft: bool
    parties: tuple[Party, ...]
    dates: tuple[tuple[str, str], ...]
    amounts: tuple[Amount, ...]


def summarize(
    doc_type: DocumentType, document: Document, context: Mapping[str, Any], *, draft: bool
) -> Summary:
    return Summary(
        type_label=doc_type.label,
        title=formatting.typography(document.titre),
        named=formatting.typography(title_of(document)),
        reference=document.reference or "",
        draft=draft,
        parties=tuple(_parties(context)),
        dates=tuple(_dates(document, context)),
        amounts=tuple(_amounts(document)),
    )


def _parties(context: Mapping[str, Any]) -> Iterator[Party]:
    signing = {org["code"] for org in context["signataires"]}
    for org in context["organisations"]:
        person = org["signe_par"]
        yield Party(
            name=formatting.typography(org["denomination"]),
            short_name=formatting.typography(org["nom_court"]),
            legal_form=org["forme"],
            signatory=f"{person['nom_complet']}, {person['qualite']}"
            if org["code"] in signing
            else "",
        )


def _dates(document: Document, context: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    signature = document.signature
    if signature.par_partie:
        names = short_names(document.organisations)
        for entry in signature.par_partie:
            place = f" à {entry.lieu or signature.lieu}" if entry.lieu or signature.lieu else ""
            name = formatting.typography(names.get(entry.partie, entry.partie))
            if signature.electronique:
                place = ""  # signed electronically: the document gives no place
            yield f"Signature {formatting.of(name)}", _date(entry.date) + place
        yield "Conclusion (dernière signature)", _date(signature.concluded_on)
    else:
        place = f" à {signature.lieu}" if signature.lieu else ""
        yield "Signature", _date(context["signature"]["date"]) + place
    duree = context.get("duree") or {}
    if duree.get("date_effet") is not None:
        yield "Prise d’effet", _date(duree["date_effet"])
    end = duree.get("fin") or duree.get("terme")
    if end is not None:
        yield "Échéance", _date(end)
    elif duree.get("determinee") and duree.get("duree_annees"):
        # A group's term runs from the day it has legal personality, not from a date:
        # a number of years, with no date yet, as the convention words it.
        term = accords.of(formatting.months(12 * duree["duree_annees"]))
        yield "Échéance", f"au terme d’une durée {term} à compter de la personnalité morale"
    else:
        yield "Échéance", "durée indéterminée"


def _date(value: Any) -> str:
    return formatting.long_date(value) if isinstance(value, dt.date) else str(value)


def _amount(text: str, value: Decimal) -> Amount:
    figures, words = formatting.amount(value), formatting.amount_in_words(value)
    return Amount(text, figures, words, f"{value:.2f}")


def _amounts(document: Document) -> Iterator[Amount]:
    if isinstance(document, ConventionPartenariat):
        return _convention_amounts(document)
    if isinstance(document, CharteReseau):
        return _charter_amounts(document)
    return _gcsms_amounts(document)


def _convention_amounts(doc: ConventionPartenariat) -> Iterator[Amount]:
    names = doc.payer_names()
    finances = doc.dispositions_financieres
    for versement in finances.versements if finances else []:
        payer, payee = names[versement.payeur], names[versement.beneficiaire]
        period = f" ({label(versement.periodicite)})" if versement.periodicite else ""
        text = (
            f"Versement {formatting.of(payer)} {formatting.to(payee)}{period} : {versement.objet}"
        )
        yield _amount(formatting.typography(text), versement.montant)
        for echeance in versement.echeancier:
            when = formatting.long_date(echeance.date)
            yield _amount(f"dont échéance du {when}", echeance.montant)
        first, months = versement.premiere_echeance, versement.months_per_period
        if first is not None and months is not None:
            when, following = formatting.long_date(first), next_instalments(first, months)
            yield _amount(
                f"première échéance le {when}, les suivantes {following}",
                versement.montant,
            )


def _charter_amounts(doc: CharteReseau) -> Iterator[Amount]:
    financement = doc.financement
    if financement is None:
        return
    for direct in financement.directs:
        if direct.montant is not None:
            yield _amount(f"{direct.financeur} : {direct.nature}", direct.montant)
    if financement.cotisation is not None:
        rhythm = financement.cotisation_periodicite
        suffix = f" ({formatting.frequency_adjective(rhythm)})" if rhythm else ""
        yield _amount(f"Cotisation des membres{suffix}", financement.cotisation)


def _gcsms_amounts(doc: ConventionGcsms) -> Iterator[Amount]:
    if doc.capital.avec_capital and doc.capital.montant is not None:
        yield _amount("Capital du groupement", doc.capital.montant)
    for membre in doc.membres:
        if membre.apport is not None:
            nature = label(membre.apport.nature)
            yield _amount(
                formatting.typography(f"Apport {formatting.of(membre.short_name)} ({nature})"),
                membre.apport.montant,
            )
