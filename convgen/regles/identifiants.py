"""ID-*: identifiers and identity sheets of every organisation (domaine.md §E.3, §F.1)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from convgen.errors import DataPath
from convgen.regles.base import ALL_DOCUMENTS, Finding, Level, RuleContext, rule
from convgen.regles.texte_libre import plain
from convgen.schema.commun import Adresse, FormeJuridique, Nature, Organisation
from convgen.schema.convention_gcsms import ConventionGcsms
from convgen.schema.document import SharedDocument, referent_of
from convgen.wording.formatting import long_date, of
from convgen.wording.libelles import label

LA_POSTE_SIREN = "356000000"
_FINESS_PREFIX = re.compile(r"(0[1-9]|[1-8]\d|9[0-5]|2A|2B|97|98)")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(0[1-9]\d{8}|\+33[1-9]\d{8})")


def luhn_ok(digits: str) -> bool:
    """Luhn check: double every second digit from the right (domaine.md §F.1)."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def siren_ok(siren: str) -> bool:
    return siren.isdigit() and len(siren) == 9 and (luhn_ok(siren) or siren == LA_POSTE_SIREN)


def siret_ok(siret: str) -> bool:
    if not (siret.isdigit() and len(siret) == 14):
        return False
    if siret.startswith(LA_POSTE_SIREN):
        # La Poste's establishments break Luhn; their digits sum to a multiple of 5.
        return luhn_ok(siret) or sum(int(c) for c in siret) % 5 == 0
    return luhn_ok(siret) and siren_ok(siret[:9])  # a SIRET opens with its SIREN


def finess_ok(finess: str) -> bool:
    if len(finess) != 9 or not _FINESS_PREFIX.match(finess):
        return False
    if finess[:2] in ("2A", "2B"):
        return finess[2:].isdigit()  # no key check for Corsica (domaine.md §H.5)
    return finess.isdigit() and luhn_ok(finess)


def _organisations(doc: SharedDocument) -> Iterator[tuple[DataPath, Organisation]]:
    for index, organisation in enumerate(doc.organisations):
        yield (doc.organisations_key, index), organisation


@rule(
    "ID-01",
    documents=ALL_DOCUMENTS,
    level=Level.C,
    source="C. com. R123-221 ; S24",
    title="SIREN : 9 chiffres et clé de Luhn (exception La Poste)",
)
def siren_valid(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    for path, org in _organisations(doc):
        if org.siren is not None and not siren_ok(org.siren):
            why = (
                "clé de contrôle incorrecte"
                if org.siren.isdigit() and len(org.siren) == 9
                else "9 chiffres attendus"
            )
            yield Finding(
                (*path, "siren"), f"Le numéro SIREN « {org.siren} » est invalide ({why})."
            )


@rule(
    "ID-02",
    documents=ALL_DOCUMENTS,
    level=Level.C,
    source="S24",
    title="SIRET : 14 chiffres et clé de Luhn (exception La Poste)",
)
def siret_valid(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    for path, org in _organisations(doc):
        if org.siret is not None and not siret_ok(org.siret):
            if not (org.siret.isdigit() and len(org.siret) == 14):
                detail = "14 chiffres attendus"
            elif luhn_ok(org.siret):
                detail = f"ses 9 premiers chiffres, {org.siret[:9]}, ne forment pas un SIREN valide"
            else:
                detail = "clé de contrôle incorrecte"
            yield Finding(
                (*path, "siret"), f"Le numéro SIRET « {org.siret} » est invalide ({detail})."
            )


@rule(
    "ID-03",
    documents=ALL_DOCUMENTS,
    level=Level.C,
    source="S24",
    title="Les 9 premiers chiffres du SIRET sont le SIREN",
)
def siret_matches_siren(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    for path, org in _organisations(doc):
        if org.siren and org.siret and not org.siret.startswith(org.siren):
            yield Finding(
                (*path, "siret"),
                f"Le SIRET {of(org.short_name)} ne correspond pas à son SIREN {org.siren}.",
            )


@rule(
    "ID-04",
    documents=ALL_DOCUMENTS,
    level=Level.P,
    source="S17, S33",
    title="FINESS : 9 caractères, département, clé de Luhn (sauf Corse)",
)
def finess_valid(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    for path, org in _organisations(doc):
        for key in ("finess_ej", "finess_et"):
            value = getattr(org, key)
            if value is not None and not finess_ok(value):
                yield Finding(
                    (*path, key),
                    f"Le numéro FINESS « {value} » n'a pas le format attendu ou sa clé de "
                    "contrôle paraît incorrecte.",
                )


@rule(
    "ID-05",
    documents=ALL_DOCUMENTS,
    level=Level.NC,
    source="usage",
    title="Code postal : 5 chiffres, ne commençant pas par 00",
)
def postcode_valid(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    addresses: list[tuple[DataPath, Adresse]] = [
        ((*path, "adresse"), org.adresse) for path, org in _organisations(doc)
    ]
    if isinstance(doc, ConventionGcsms):  # the group's own seat, printed in its article
        addresses.append((("siege",), doc.siege))
    for path, adresse in addresses:
        code = adresse.code_postal
        if not (len(code) == 5 and code.isdigit() and not code.startswith("00")):
            yield Finding(
                (*path, "code_postal"),
                f"Le code postal « {code} » est invalide (5 chiffres attendus).",
            )


@rule(
    "ID-06",
    documents=ALL_DOCUMENTS,
    level=Level.NC,
    source="plan de numérotation",
    title="Téléphone français : 10 chiffres ou +33 suivi de 9 chiffres",
)
def phone_valid(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    for path, org in _organisations(doc):
        referent = referent_of(org)
        phone = referent.telephone if referent is not None else None
        if phone is not None and not _PHONE.fullmatch(phone):
            yield Finding(
                (*path, "referent", "telephone"),
                f"Le numéro de téléphone « {phone} » n'est pas un numéro français valide.",
            )


@rule(
    "ID-07",
    documents=ALL_DOCUMENTS,
    level=Level.NC,
    source="usage",
    title="Adresse électronique syntaxiquement valide",
)
def email_valid(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    for path, org in _organisations(doc):
        referent = referent_of(org)
        email = referent.courriel if referent is not None else None
        if email is not None and not _EMAIL.fullmatch(email):
            yield Finding(
                (*path, "referent", "courriel"),
                f"L'adresse électronique « {email} » est invalide.",
            )


@rule(
    "ID-08",
    documents=ALL_DOCUMENTS,
    level=Level.P,
    source="pratique S25",
    title="Fiche d'identité complète (forme juridique précisée, SIREN ou SIRET)",
)
def identity_complete(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    for path, org in _organisations(doc):
        if org.forme_juridique is FormeJuridique.AUTRE and org.forme_juridique_precision is None:
            yield Finding(
                (*path, "forme_juridique_precision"),
                f"Fiche d'identité incomplète pour {org.short_name} : forme juridique "
                "à préciser manquante.",
            )
        if org.nature is not Nature.PERSONNE_PHYSIQUE and not (org.siren or org.siret):
            yield Finding(
                (*path, "siret"),
                f"Fiche d'identité incomplète pour {org.short_name} : numéro SIRET manquant.",
            )


@rule(
    "ID-11",
    documents=ALL_DOCUMENTS,
    level=Level.NC,
    source="cohérence",
    title="Date de création passée",
)
def creation_in_past(doc: SharedDocument, context: RuleContext) -> Iterator[Finding]:
    for path, org in _organisations(doc):
        if org.date_creation is not None and context.is_future(org.date_creation):
            yield Finding(
                (*path, "date_creation"),
                f"La date de création {of(org.short_name)} ({long_date(org.date_creation)}) est "
                "dans le futur.",
            )


# Bas-Rhin, Haut-Rhin, Moselle: their associations are governed by the local civil code.
_LOCAL_LAW_DEPARTMENTS = {"57": "la Moselle", "67": "le Bas-Rhin", "68": "le Haut-Rhin"}


@rule(
    "ID-12",
    documents=ALL_DOCUMENTS,
    level=Level.C_P,
    source="Code civil local (Alsace-Moselle), art. 21 à 79-III ; loi du 1er juillet 1901",
    title="Association dont le siège est en Alsace-Moselle : association de droit local",
)
def local_law_association(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    """A warning ([C] law, [P] reading): the postal code may be a local office's, or a
    German one (addresses have no country)."""
    for path, org in _organisations(doc):
        code = org.adresse.code_postal
        department = _LOCAL_LAW_DEPARTMENTS.get(code[:2])
        if org.forme_juridique is FormeJuridique.ASSOCIATION and department:
            yield Finding(
                (*path, "forme_juridique"),
                f"Si le siège {of(org.short_name)} est bien dans {department} (code postal "
                f"{code}), elle est régie par le code civil local (articles 21 à 79-III) et "
                "non par la loi du 1er juillet 1901 : choisissez la forme « association "
                "inscrite de droit local » (association_droit_local).",
            )


# An identifier names one legal person (SIREN, FINESS EJ) or one establishment (SIRET,
# FINESS ET): the same one for two organisations is a copy left unchanged, or one
# person declared twice (a convention binds persons, not their establishments).
_SAME = (
    ("siret", "SIRET", "désigne un seul établissement"),
    ("siren", "SIREN", "désigne une seule personne morale"),
    ("finess_et", "FINESS établissement", "désigne un seul établissement"),
    ("finess_ej", "FINESS entité juridique", "désigne une seule personne morale"),
)


@rule(
    "ID-13",
    documents=ALL_DOCUMENTS,
    level=Level.P,
    source="cohérence",
    title="Un identifiant (SIREN, SIRET, FINESS) pour une seule organisation",
)
def identifiers_unique(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    for key, name, names in _SAME:
        seen: dict[str, Organisation] = {}
        for path, org in _organisations(doc):
            value = _identifier(org, key)
            if value is None:
                continue
            first = seen.setdefault(value, org)
            if first is not org and not _reported_as_siret(org, first, key):
                yield Finding(
                    (*path, key if getattr(org, key) else "siret"),
                    f"Le {name} {value} {of(org.short_name)} est aussi celui "
                    f"{of(first.short_name)} : un {name} {names} ; corrigez le numéro "
                    "recopié, ou ne déclarez qu'une fois cette organisation.",
                )


def _identifier(org: Organisation, key: str) -> str | None:
    """The organisation's identifier ``key``; its SIREN read from its SIRET if need be."""
    if key == "siren":
        return org.known_siren
    value = getattr(org, key)
    return str(value) if value is not None else None


def _reported_as_siret(org: Organisation, first: Organisation, key: str) -> bool:
    """Two organisations with the same SIRET have the same SIREN: said once, as SIRET."""
    return key == "siren" and org.siret is not None and org.siret == first.siret


F = FormeJuridique
# A name that says its legal form (« CCAS de Dole », « Association Le Relais »): the forms
# it may have, and how the message names it. Not a private hospital (« Centre hospitalier
# privé »), nor a « Communauté de communes » (an EPCI, form « autre »).
_NAMED_FORMS: tuple[tuple[re.Pattern[str], frozenset[FormeJuridique], str], ...] = (
    (
        re.compile(r"(ccas|centre communal d'action sociale)\b"),
        frozenset({F.CCAS}),
        "un centre communal d'action sociale",
    ),
    (
        re.compile(r"(cias|centre intercommunal d'action sociale)\b"),
        frozenset({F.CIAS}),
        "un centre intercommunal d'action sociale",
    ),
    (re.compile(r"(commune|ville|mairie) (de|du|des|d')\b"), frozenset({F.COMMUNE}), "une commune"),
    (
        re.compile(r"(departement|conseil departemental) (de|du|des|d')\b"),
        frozenset({F.DEPARTEMENT}),
        "un département",
    ),
    (
        re.compile(r"(chu|chr|centre hospitalier)\b(?!.*\bprive)"),
        frozenset({F.ETABLISSEMENT_PUBLIC_SANTE}),
        "un établissement public de santé",
    ),
    (
        re.compile(r"association\b"),
        frozenset({F.ASSOCIATION, F.ASSOCIATION_DROIT_LOCAL}),
        "une association",
    ),
    (re.compile(r"fondation\b"), frozenset({F.FONDATION}), "une fondation"),
    (
        re.compile(r"(gcsms|groupement de cooperation sociale)\b"),
        frozenset({F.GCSMS}),
        "un groupement de coopération sociale ou médico-sociale",
    ),
    (
        re.compile(r"(gip|groupement d'interet public)\b"),
        frozenset({F.GIP}),
        "un groupement d'intérêt public",
    ),
    (re.compile(r"mutuelle\b"), frozenset({F.MUTUELLE}), "une mutuelle"),
)
_LEADING_ARTICLE = re.compile(r"^(?:(?:le|la|les) |l')")


@rule(
    "ID-14",
    documents=ALL_DOCUMENTS,
    level=Level.P,
    source="cohérence",
    title="Forme juridique conforme à ce que dit le nom (« CCAS de… », « Association… »)",
)
def form_named(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    """The form decides the signatory expected, the deliberation asked for, the court:
    a CCAS declared as an association (a party copied from another) is checked as one."""
    for path, org in _organisations(doc):
        if org.nature is Nature.PERSONNE_PHYSIQUE:
            continue
        name = _LEADING_ARTICLE.sub("", plain(org.denomination), count=1)
        for pattern, forms, said in _NAMED_FORMS:
            if pattern.match(name):
                if org.forme_juridique not in forms:
                    declared = label(org.forme_juridique) or org.forme_juridique_precision
                    yield Finding(
                        (*path, "forme_juridique"),
                        f"Le nom « {org.denomination} » désigne {said}, mais la forme "
                        f"juridique déclarée est « {declared or 'autre'} » : vérifiez-la ; "
                        "elle décide du signataire attendu, de la délibération exigée et du "
                        "juge compétent.",
                    )
                break
