"""SG-01 to SG-07, DT-01: who may sign for each legal form, with which decision, before signing
(domaine.md §J.4, J.6). Only the blocking part of SG-03, SG-04 and DT-01 is checked
(the deliberations a director may also need, the transmission to the prefect are not
input fields yet), hence their level [C]. The input gives the quality as free text:
the checks read the words every form uses (« maire », « président », « directeur »)
and nothing finer."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator

from convgen.errors import DataPath, Severity
from convgen.regles.base import ALL_DOCUMENTS, Finding, Level, RuleContext, noun, rule
from convgen.schema.commun import (
    ASSOCIATIONS_AND_FOUNDATIONS,
    Civilite,
    Delegation,
    Deliberation,
    FormeJuridique,
    Organisation,
    Personne,
    short_names,
)
from convgen.schema.convention_gcsms import ConventionGcsms
from convgen.schema.document import SharedDocument
from convgen.wording import accords
from convgen.wording.formatting import capitalized, join_list, long_date, of
from convgen.wording.libelles import act_wording, body_wording, feminine_name, label

LOCAL_AUTHORITIES = {FormeJuridique.COMMUNE, FormeJuridique.DEPARTEMENT}
SOCIAL_CENTRES = {FormeJuridique.CCAS, FormeJuridique.CIAS}
# Bodies whose deliberation may authorise a local authority's signature (CGCT L2121-29,
# L3211-1, L3211-2).
_AUTHORITY_BODIES = {
    FormeJuridique.COMMUNE: ("conseil municipal",),
    FormeJuridique.DEPARTEMENT: ("conseil departemental", "commission permanente"),
}


# The same bodies as the messages name them.
_PRINTED_BODIES = {
    FormeJuridique.COMMUNE: "conseil municipal",
    FormeJuridique.DEPARTEMENT: "conseil départemental",
}


def plain(text: str) -> str:
    """Lower case without accents, for matching typed qualities and bodies."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _organisations(doc: SharedDocument) -> Iterator[tuple[DataPath, Organisation]]:
    for index, organisation in enumerate(doc.organisations):
        yield (doc.organisations_key, index), organisation


def quality(person: Personne) -> str:
    """What the rules read of a quality: its code's wording when given (« adjoint au
    maire, délégué »), else the words typed, lower case without accents."""
    if person.qualite_code is not None:
        return plain(label(person.qualite_code))
    return plain(person.qualite)


def body(org: Organisation) -> str:
    """What the rules read of the body that authorised the signature: the wording the
    document prints (typed, else the code's), lower case without accents; empty
    without one."""
    return plain(body_wording(org.habilitation)) if org.habilitation else ""


def _signer(org: Organisation) -> tuple[str, str]:
    """The field that names who signs, and the quality typed there."""
    if org.signataire is not None:
        return "signataire", quality(org.signataire)
    return "representant_legal", quality(org.representant_legal)


def _is_deputy(quality: str) -> bool:
    return any(word in quality for word in ("adjoint", "vice-president", "conseill", "delegu"))


@rule(
    "SG-01",
    documents=ALL_DOCUMENTS,
    level=Level.C,
    source="CGCT L. 2121-29, L. 2122-18, L. 2122-21 ; L. 3211-1, L. 3211-2, L. 3221-3",
    title="Commune, département : maire ou président, délibération de l'assemblée",
)
def local_authority(doc: SharedDocument, context: RuleContext) -> Iterator[Finding]:
    for path, org in _organisations(doc):
        if org.forme_juridique not in LOCAL_AUTHORITIES:
            continue
        bodies = _AUTHORITY_BODIES[org.forme_juridique]
        organe = body(org)
        if not _said_by_gc33(doc, org) and not any(wanted in organe for wanted in bodies):
            # The act typed is another body's (« conseil d'administration » for a commune):
            # said, rather than read as a missing act.
            other = (
                f", non par une décision {of(body_wording(org.habilitation))}"
                if org.habilitation is not None and organe
                else ""
            )
            yield Finding(
                (*path, "habilitation"),
                f"{capitalized(org.short_name)} signe par une délibération du "
                f"{_PRINTED_BODIES[org.forme_juridique]} "
                f"qui autorise la signature de cette {noun(doc)}{other} : visez-la (organe, "
                "date, numéro).",
                _before_the_vote(org, context.draft),
            )
        elif org.habilitation is not None:
            yield from _deliberation_named(path, org, context.draft, noun(doc))
        typed = _signer(org)[1]
        # A deputy named as signatory, apart from the legal representative: SG-07 asks for
        # its delegation already (one message for one fault).
        apart = org.signataire is not None and org.signataire != org.representant_legal
        if _is_deputy(typed) and org.delegation is None and not apart:
            yield Finding(
                (*path, "delegation"),
                f"Pour {org.short_name}, un adjoint, un vice-président ou un conseiller ne "
                "signe que sur arrêté de délégation : indiquez-le (nature, date).",
            )


def _said_by_gc33(doc: SharedDocument, org: Organisation) -> bool:
    """A GCSMS member without its deliberation: GC-33 asks for it already, as the act
    that approves its membership (one message for one fault)."""
    return isinstance(doc, ConventionGcsms) and org.habilitation is None


def _before_the_vote(org: Organisation, draft: bool) -> Severity | None:
    """A draft is written before the council votes: a deliberation not given yet only
    warns then (one typed for another body is an error all the same)."""
    return Severity.AVERTISSEMENT if draft and org.habilitation is None else None


def _deliberation_named(
    path: DataPath, org: Organisation, draft: bool, document: str
) -> Iterator[Finding]:
    """A local authority's deliberation is cited so that it can be found in the register:
    its number (still to come in a draft, written before the vote), and what it decides."""
    deliberation = org.habilitation
    assert deliberation is not None
    if deliberation.numero is None:
        yield Finding(
            (*path, "habilitation", "numero"),
            f"Indiquez le numéro de la délibération {of(org.short_name)} : la {document} vise "
            "l'acte qui autorise la signature, tel qu'il figure au registre des délibérations.",
            Severity.AVERTISSEMENT if draft else None,
        )
    if deliberation.objet is None:
        head = "au maire" if org.forme_juridique is FormeJuridique.COMMUNE else "au président"
        yield Finding(
            (*path, "habilitation", "objet"),
            f"Indiquez l'objet de la délibération {of(org.short_name)} (par exemple "
            f"« autorisation donnée {head} de signer la {document} … avec … ») : elle doit "
            f"autoriser la signature de cette {document}.",
            Severity.AVERTISSEMENT,
        )


_MAYOR = re.compile(r"\bmaire\b")


@rule(
    "SG-02",
    documents=ALL_DOCUMENTS,
    level=Level.C,
    source="CASF L. 123-6, R. 123-20, R. 123-23",
    title="CCAS, CIAS : président du conseil d'administration, délibération de ce conseil",
)
def social_centre(doc: SharedDocument, context: RuleContext) -> Iterator[Finding]:
    for path, org in _organisations(doc):
        if org.forme_juridique not in SOCIAL_CENTRES:
            continue
        legal = quality(org.representant_legal)
        if "vice" in legal or "adjoint" in legal or "directe" in legal or "directri" in legal:
            yield Finding(
                (*path, "representant_legal", "qualite"),
                f"{capitalized(org.short_name)} est représenté{_e(org)} par le président de son "
                f"conseil d'administration : {org.representant_legal.full_name} "
                f"({org.representant_legal.qualite}) ne signe que comme signataire "
                f"délégué{'e' if org.representant_legal.civilite is Civilite.MADAME else ''} "
                "(signataire et délégation à indiquer).",
            )
        elif (
            org.forme_juridique is FormeJuridique.CCAS
            and _MAYOR.search(legal)
            and "president" not in legal
        ):
            yield Finding(
                (*path, "representant_legal", "qualite"),
                f"Le maire préside de droit le conseil d'administration {of(org.short_name)} "
                "(CASF, art. L. 123-6) et le représente à ce titre : indiquez « président du "
                "conseil d'administration » (ou « maire, président du conseil "
                "d'administration »).",
                Severity.AVERTISSEMENT,
            )
        organe = body(org)
        if org.habilitation is None:
            if _said_by_gc33(doc, org):
                continue
            yield Finding(
                (*path, "habilitation"),
                f"{capitalized(org.short_name)} signe par une délibération de son conseil "
                f"d'administration qui autorise la signature de cette {noun(doc)} (CASF, "
                "art. R. 123-20) : visez-la (organe, date, numéro).",
                _before_the_vote(org, context.draft),
            )
        elif "municipal" in organe or "communautaire" in organe:
            yield Finding(
                (*path, "habilitation", "organe"),
                f"Visez la délibération du conseil d'administration {of(org.short_name)}, non "
                "celle du conseil municipal ou communautaire.",
            )


@rule(
    "SG-03",
    documents=ALL_DOCUMENTS,
    level=Level.C,
    source="CSP L. 6143-7, L. 6143-1",
    title="Établissement public de santé : le directeur signe ; le directoire ne délibère pas",
)
def public_hospital(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    for path, org in _organisations(doc):
        if org.forme_juridique is not FormeJuridique.ETABLISSEMENT_PUBLIC_SANTE:
            continue
        if "directoire" in body(org):
            yield Finding(
                (*path, "habilitation", "organe"),
                f"Le directeur représente {org.short_name} ; le directoire ne délibère pas : "
                "remplacez la « délibération du directoire » par la décision du directeur, "
                "le cas échéant.",
            )
        elif "conseil de surveillance" in body(org):
            yield Finding(
                (*path, "habilitation", "organe"),
                f"Le directeur {of(org.short_name)} signe en vertu de l'article L. 6143-7 du "
                "code de la santé publique : une délibération du conseil de surveillance ne "
                "l'habilite pas à signer (le conseil délibère sur les matières de l'article "
                "L. 6143-1, ou donne un avis). Vérifiez que la coopération en relève ; sinon, "
                "retirez l'habilitation, que le document imprimerait comme une autorisation.",
                Severity.AVERTISSEMENT,
            )
        yield from _director_signs(path, org)


def _director_signs(path: DataPath, org: Organisation) -> Iterator[Finding]:
    if "directeur" not in quality(org.representant_legal) and "directrice" not in quality(
        org.representant_legal
    ):
        yield Finding(
            (*path, "representant_legal", "qualite"),
            f"{capitalized(org.short_name)} ({label(org.forme_juridique)}) est "
            f"représenté{_e(org)} par son directeur, non par le président de son conseil.",
        )


@rule(
    "SG-04",
    documents=ALL_DOCUMENTS,
    level=Level.C,
    source="CASF L. 315-17, L. 315-12",
    title="Établissement public social ou médico-social : le directeur signe",
)
def public_care_home(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    for path, org in _organisations(doc):
        if org.forme_juridique is not FormeJuridique.ETABLISSEMENT_PUBLIC_SOCIAL_MEDICO_SOCIAL:
            continue
        yield from _director_signs(path, org)
        if org.signataire is not None and "president" in quality(org.signataire):
            yield Finding(
                (*path, "signataire", "qualite"),
                f"{capitalized(org.short_name)} est représenté{_e(org)} par son directeur, non "
                "par le président de son conseil d'administration : retirez ce signataire.",
            )
        if org.habilitation is None:
            if isinstance(doc, ConventionGcsms):
                continue  # GC-33 asks every member for its deliberation
            yield Finding(
                (*path, "habilitation"),
                f"Aucune délibération du conseil d'administration {of(org.short_name)} "
                "n'autorise cette coopération (CASF, art. L. 315-12) : indiquez-en l'organe "
                "et la date ; les visas la citeront.",
                Severity.AVERTISSEMENT,
            )
        elif act_wording(org.habilitation) == "décision":
            yield Finding(
                (*path, "habilitation"),
                f"Une coopération {of(org.short_name)} relève d'une délibération de son "
                "conseil d'administration (CASF, art. L. 315-12), non de la seule décision du "
                "directeur : visez cette délibération.",
                Severity.AVERTISSEMENT,
            )


@rule(
    "SG-07",
    documents=ALL_DOCUMENTS,
    level=Level.C,
    source="C. civ. 1153, 1156 ; CGCT L. 2122-18, L. 3221-3 ; CASF R. 123-23",
    title="Signataire autre que le représentant légal : acte de délégation indiqué",
)
def delegation_given(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    for path, org in _organisations(doc):
        signataire = org.signataire
        if signataire is None or signataire == org.representant_legal:
            continue
        delegation = org.delegation
        if delegation is None:
            yield Finding(
                (*path, "delegation"),
                f"{signataire.prenom} {signataire.nom} signe pour {org.short_name} sans en "
                "être le représentant légal : indiquez l'acte de délégation (nature, date).",
            )
        elif delegation.auteur is None or delegation.portee is None:
            yield _delegation_to_complete(path, signataire, delegation)


def _delegation_to_complete(
    path: DataPath, signataire: Personne, delegation: Delegation
) -> Finding:
    """What a delegation lacks, and only that: its author, its scope, or both."""
    who = of(f"{signataire.prenom} {signataire.nom}")
    where = (*path, "delegation")
    if delegation.auteur is None and delegation.portee is None:
        return Finding(
            where,
            f"Précisez la délégation {who} : qui l'a consentie (auteur) et sa portée, "
            "fonctions ou seulement signature (portee).",
            Severity.AVERTISSEMENT,
        )
    if delegation.auteur is None:
        return Finding(
            where,
            f"Précisez la délégation {who} : qui l'a consentie (auteur).",
            Severity.AVERTISSEMENT,
        )
    return Finding(
        where,
        f"Précisez la délégation {who} : sa portée, fonctions ou seulement signature (portee).",
        Severity.AVERTISSEMENT,
    )


# The general renewals that end the mandate of a maire (and of the boards of the CCAS
# and CIAS, renewed after them) or of a président of a conseil départemental: their first
# round, and the day by which every new executive was elected (the outgoing one acts
# until then). A delegation consented before the first round ends with its author's
# mandate; one used from the second day on has ended.
_MUNICIPAL_RENEWALS = (
    (dt.date(2014, 3, 23), dt.date(2014, 4, 6)),
    (dt.date(2020, 3, 15), dt.date(2020, 7, 5)),
    (dt.date(2026, 3, 15), dt.date(2026, 3, 29)),
)
_DEPARTMENTAL_RENEWALS = (
    (dt.date(2015, 3, 22), dt.date(2015, 4, 2)),
    (dt.date(2021, 6, 20), dt.date(2021, 7, 1)),
)
_RENEWALS = {
    FormeJuridique.COMMUNE: ("municipales", _MUNICIPAL_RENEWALS),
    FormeJuridique.CCAS: ("municipales", _MUNICIPAL_RENEWALS),
    FormeJuridique.CIAS: ("municipales", _MUNICIPAL_RENEWALS),
    FormeJuridique.DEPARTEMENT: ("départementales", _DEPARTMENTAL_RENEWALS),
}


@rule(
    "SG-08",
    documents=ALL_DOCUMENTS,
    level=Level.P,
    source="CGCT L. 2122-18, L. 3221-3 ; CASF R. 123-23",
    title="Délégation d'un exécutif local consentie avant le dernier renouvellement général",
    open_question="Les dates des élections générales après 2026 (municipales) et 2021 "
    "(départementales) ne sont pas dans la table : une délégation plus récente n'est pas "
    "comparée aux renouvellements suivants.",
)
def delegation_outlived(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    for path, org in _organisations(doc):
        renewal = _RENEWALS.get(org.forme_juridique)
        delegation = org.delegation
        signed = doc.signature.date_for(org.code)
        if renewal is None or delegation is None or signed is None or org.signataire is None:
            continue
        elections, dates = renewal
        ended = [first for first, elected in dates if delegation.date < first and elected <= signed]
        if ended:
            yield Finding(
                (*path, "delegation", "date"),
                f"La délégation du {long_date(delegation.date)} consentie à "
                f"{org.signataire.prenom} {org.signataire.nom} pour {org.short_name} a pris "
                f"fin avec le mandat de son auteur, aux élections {elections} de "
                f"{ended[-1].year} : visez l'acte de délégation consenti depuis.",
            )


@rule(
    "DT-01",
    documents=ALL_DOCUMENTS,
    level=Level.C,
    source="C. civ. 1153, 1156 ; CGCT L. 2131-1, L. 2131-2, L. 3131-1, L. 3131-2",
    title="Délibération et délégation antérieures à la signature",
)
def decisions_before_signing(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    yield from _same_draft(doc)
    yield from _signed_by_party(doc)
    for path, org in _organisations(doc):
        signed = doc.signature.date_for(org.code)
        if signed is None:
            continue
        deliberation, delegation = org.habilitation, org.delegation
        taken = deliberation.date if deliberation is not None else None  # None: a draft's
        if deliberation is not None and taken is not None and taken > signed:
            yield Finding(
                (*path, "habilitation", "date"),
                f"La {act_wording(deliberation)} du {long_date(taken)} autorisant "
                f"{org.short_name} à signer est postérieure à la signature du "
                f"{long_date(signed)} : elle doit la précéder.",
            )
        if delegation is not None and delegation.date > signed:
            yield Finding(
                (*path, "delegation", "date"),
                f"La délégation du {long_date(delegation.date)} consentie à "
                f"{org.signatory.full_name} pour {org.short_name} est postérieure à la "
                f"signature du {long_date(signed)} : elle doit la précéder.",
            )
        if org.habilitation is not None:
            yield from _enforceable(path, org, org.habilitation, signed)


# The articles that make a deliberation enforceable (published, sent to the prefect):
# a département's (CGCT, third part); a commune's for the others, as before.
_ENFORCEABLE = {FormeJuridique.DEPARTEMENT: ("L. 3131-1", "L. 3131-2")}
_ENFORCEABLE_COMMUNE = ("L. 2131-1", "L. 2131-2")


def _enforceable(
    path: DataPath, org: Organisation, act: Deliberation, signed: dt.date
) -> Iterator[Finding]:
    """A deliberation is published and sent after it is taken, and before the signature
    it authorises (then it is enforceable)."""
    publication, transmission = _ENFORCEABLE.get(org.forme_juridique, _ENFORCEABLE_COMMUNE)
    both = f"{publication} et {transmission}"  # a deliberation sent is also published
    for key, when, verb, articles in (
        ("date_publication", act.date_publication, "publiée", publication),
        ("date_transmission", act.date_transmission, "transmise au préfet", both),
    ):
        if when is None:
            continue
        if act.date is not None and when < act.date:
            yield Finding(
                (*path, "habilitation", key),
                f"La délibération {of(org.short_name)} du {long_date(act.date)} ne peut pas "
                f"avoir été {verb} le {long_date(when)}, avant d'être prise : corrigez l'une "
                "des deux dates.",
            )
        if when > signed:
            yield Finding(
                (*path, "habilitation", key),
                f"La délibération {of(org.short_name)}, {verb} le {long_date(when)}, n'était "
                f"pas exécutoire à la signature du {long_date(signed)} : elle doit l'être "
                f"avant (CGCT, art. {articles}).",
                Severity.AVERTISSEMENT,
            )


def _signed_by_party(doc: SharedDocument) -> Iterator[Finding]:
    """Dates given party by party: one per signatory, each signatory once, and the date of
    the whole agreement no earlier than its last signature (when it is concluded)."""
    entries = doc.signature.par_partie
    if not entries:
        return
    signing = {org.code: org.short_name for org in doc.signatories}
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        path = ("signature", "par_partie", index, "partie")
        if entry.partie in seen:
            yield Finding(path, f"« {entry.partie} » a déjà une date de signature.")
        elif entry.partie not in signing and entry.partie in short_names(doc.organisations):
            yield Finding(path, f"« {entry.partie} » ne fait pas partie des signataires.")
        seen.add(entry.partie)
    missing = [name for code, name in signing.items() if code not in seen]
    if missing:
        yield Finding(
            ("signature", "par_partie"),
            "Date de signature à indiquer aussi pour " + join_list(missing) + " : chaque "
            "signataire signe alors à la date et au lieu indiqués sous sa signature.",
        )
    last = max(entry.date for entry in entries)
    common = doc.signature.date
    if common is not None and common != last:
        yield Finding(
            ("signature", "date"),
            f"La {noun(doc)} est conclue à la dernière signature, le {long_date(last)}, non le "
            f"{long_date(common)} : corrigez la date commune ou retirez-la.",
        )


def _same_draft(doc: SharedDocument) -> Iterator[Finding]:
    """GCSMS: every member decides on the same draft (CASF R312-194-6)."""
    if doc.type != "convention_constitutive_gcsms":
        return
    decided = [
        (path, org, org.habilitation.version_projet)
        for path, org in _organisations(doc)
        if org.habilitation is not None and org.habilitation.version_projet is not None
    ]
    counts = Counter(version for _, _, version in decided)
    if len(counts) < 2:
        return
    # The version most members decided on (the first named, on a tie): the others are
    # the ones to correct.
    reference = max(counts, key=lambda version: counts[version])
    holder = next(org.short_name for _, org, version in decided if version == reference)
    for path, org, version in decided:
        if version != reference:
            yield Finding(
                (*path, "habilitation", "version_projet"),
                f"{capitalized(org.short_name)} {accords.verb(org.short_name, 'a', 'ont')} "
                f"délibéré sur la version « {version} » du "
                f"projet, {holder} sur la version « {reference} » : tous les membres "
                "délibèrent sur le même projet de convention (CASF, art. R. 312-194-6).",
            )


STATUTORY_BODIES = ASSOCIATIONS_AND_FOUNDATIONS


@rule(
    "SG-05",
    documents=ALL_DOCUMENTS,
    level=Level.P,
    source="C. civ. 1153, 1156",
    title="Association, fondation : article des statuts qui donne pouvoir au signataire",
)
def statutes_cited(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    for path, org in _organisations(doc):
        if org.forme_juridique not in STATUTORY_BODIES:
            continue
        if org.habilitation is not None and act_wording(org.habilitation) == "décision":
            yield Finding(
                (*path, "habilitation"),
                f"La décision d'un directeur n'autorise pas {org.short_name} à signer : visez "
                "la décision de l'organe que ses statuts désignent (conseil d'administration, "
                "bureau, assemblée générale).",
            )
        if org.statuts_article is None:
            who = org.representant_legal.full_name
            yield Finding(
                (*path, "statuts_article"),
                f"Indiquez l'article des statuts {of(org.short_name)} qui donne pouvoir à {who} "
                "de la représenter (statuts_article) et, le cas échéant, la décision de l'organe "
                "qui autorise la signature : convgen ne lit pas les statuts.",
            )


# A company's president (not a vice-president, nor the chair of a board of directors)
# and its general manager or delegated general manager (C. com. L. 225-51-1, L. 225-56,
# L. 227-6), not a deputy (« directeur général adjoint ») nor a town's « directeur
# général des services »: neither represents a company.
_PRESIDENT = r"(?<!vice-)\bpresident(e)?\b(?! du conseil d'administration)"
_GENERAL_MANAGER = r"\bdirect(eur|rice) generale?\b(?! adjointe?\b| des services\b)"

# Who represents the other legal forms (C. com. L227-6; CASF R312-194-23; loi n° 2011-525
# art. 99; code de la mutualité), as the words a typed quality holds; a form whose text
# was read blocks, the others warn (domaine.md §J.4).
_REPRESENTATIVES: dict[FormeJuridique, tuple[re.Pattern[str], str, bool]] = {
    FormeJuridique.GCSMS: (re.compile(r"\badministrat(eur|rice)\b"), "l'administrateur", True),
    FormeJuridique.GIP: (re.compile(r"\bdirect(eur|rice)\b"), "le directeur", False),
    FormeJuridique.MUTUELLE: (
        re.compile(r"(?<!vice-)\bpresident(e)?\b"),
        "le président du conseil d'administration",
        False,
    ),
    FormeJuridique.SOCIETE: (
        re.compile(rf"{_PRESIDENT}|{_GENERAL_MANAGER}|\bgerant"),
        "le président, le directeur général ou le gérant",
        False,
    ),
    FormeJuridique.SCIC: (
        re.compile(rf"{_PRESIDENT}|{_GENERAL_MANAGER}|\bgerant"),
        "le président, le directeur général ou le gérant",
        False,
    ),
}


# A company whose precise form is given: an SAS (or a SCIC in that form) is represented
# by its president, or the general manager the articles empower (C. com. L. 227-6); an
# SARL by its manager, its gérant (C. com. L. 223-18): an error otherwise.
_SAS = re.compile(r"actions simplifi|\bSASU?\b|\bSELAS\b", re.IGNORECASE)
_SARL = re.compile(r"responsabilit[ée] limit|\b(?:SARL|EURL|SELARL)\b", re.IGNORECASE)
_SAS_REPRESENTATIVES = (
    re.compile(rf"{_PRESIDENT}|{_GENERAL_MANAGER}"),
    "le président, ou le directeur général ou directeur général délégué que les statuts habilitent",
    True,
)
_SARL_REPRESENTATIVES = (re.compile(r"\b(co-?)?gerant"), "le gérant", True)


def _company_representatives(org: Organisation) -> tuple[re.Pattern[str], str, bool] | None:
    precision = org.forme_juridique_precision
    if org.forme_juridique not in (FormeJuridique.SOCIETE, FormeJuridique.SCIC) or not precision:
        return None
    if _SAS.search(precision):
        return _SAS_REPRESENTATIVES
    if _SARL.search(precision):
        return _SARL_REPRESENTATIVES
    return None


@rule(
    "SG-06",
    documents=ALL_DOCUMENTS,
    level=Level.C_P,
    source="C. com. L. 223-18, L. 227-6 ; CASF R. 312-194-23 ; loi n° 2011-525 art. 99",
    title="GCSMS, GIP, mutuelle, société : qualité du représentant admise pour la forme",
)
def representative_of_other_forms(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    for path, org in _organisations(doc):
        expected = _company_representatives(org) or _REPRESENTATIVES.get(org.forme_juridique)
        if expected is None:
            continue
        pattern, who, blocks = expected
        typed = quality(org.representant_legal).replace("’", "'")
        if not pattern.search(typed):
            yield Finding(
                (*path, "representant_legal", "qualite"),
                f"La qualité « {org.representant_legal.qualite} » ne figure pas parmi les "
                f"représentants admis pour la forme « {label(org.forme_juridique)} » ({who}) : "
                "vérifiez le représentant légal, ou indiquez le signataire et sa délégation.",
                Severity.ERREUR if blocks else Severity.AVERTISSEMENT,
            )


def _e(org: Organisation) -> str:
    """The « e » of a word agreeing with the organisation as a message names it."""
    return "e" if feminine_name(org) else ""
