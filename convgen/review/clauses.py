"""Why each clause is there: legal source and evidence level, keyed by the article plans.

The plans themselves (keys, titles, order, which input includes an optional
article) are the ``ArticleSpec`` tuples of ``convgen/context/``; this module
adds, for every key of those plans, the source a lawyer checks and its
evidence level as marked in domaine.md ([C] confirmed, [P] partial,
[NC] not confirmed). A test keeps both in step: a plan key without a basis,
or a basis without a plan key, fails the suite.

Besides the numbered articles, the checklist covers the sections before them
(``FRONT``) and the signature formula and blocks; what must be said inside an
article (domaine.md §D.2 for information sharing, R. 312-194-17 for a GCSMS)
is in ``clause_texts``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from convgen.documents.articles import ArticleSpec
from convgen.regles.base import CP, CR, GC, Level

C, C_P, P = Level.C, Level.C_P, Level.P
PREFIXES: Mapping[str, str] = {CP: "CP", CR: "CR", GC: "GC"}


@dataclass(frozen=True)
class Basis:
    """The legal source of a clause, its evidence level, and the rules that check its data."""

    source: str
    level: Level
    rules: tuple[str, ...] = ()


# Sections printed before the numbered articles; optional ones say which input decides.
FRONT: Mapping[str, tuple[ArticleSpec, ...]] = {
    CP: (
        ArticleSpec("entre_soussignes", "Entre les soussignés"),
        ArticleSpec("visas", "Visas"),
        ArticleSpec("preambule", "Préambule"),
    ),
    CR: (ArticleSpec("preambule", "Préambule"),),
    GC: (
        ArticleSpec("entre_soussignes", "Entre les soussignés"),
        ArticleSpec("visas", "Visas"),
        ArticleSpec("preambule", "Préambule", lambda d: d.preambule is not None, "preambule"),
    ),
}

_SIGNATURE = {
    "signature": Basis(
        "C. civ. art. 1375 (S34) : autant d’originaux que de parties", C, ("TY-06",)
    ),
    "signataires": Basis("Pratique : un bloc de signature par signataire", P, ("TY-07",)),
}

_SHARING_BASIS = Basis(
    "CSP L. 1110-4, L. 1110-12, R. 1110-1 à R. 1110-3 ; CASF L. 226-2-2, L. 121-6-2 ; "
    "C. pén. 226-13 (domaine.md §D)",
    C,
    ("PI-01", "PI-02", "PI-05", "PI-07", "PI-12", "PI-13"),
)

BASES: Mapping[str, Mapping[str, Basis]] = {
    CP: {
        "entre_soussignes": Basis("Pratique (S25, S26) ; fiche d’identité (§E.3)", P, ("ID-08",)),
        "visas": Basis(
            "Loi n° 2002-2 ; CASF L. 312-7, L. 311-3 ; délibérations (pratique, S25)",
            P,
            ("CP-16", "SG-07"),
        ),
        "preambule": Basis("Pratique (S25)", P),
        "objet": Basis("Pratique (S26)", P, ("CP-02",)),
        "objectifs": Basis("Pratique (guide FNARS, S22)", P, ("CP-03",)),
        "engagements": Basis("Pratique : apports de chaque partenaire", P, ("CP-04",)),
        "modalites": Basis("Pratique : circuits d’orientation, interventions conjointes", P),
        "referents": Basis("Pratique : un référent par partie", P, ("CP-05",)),
        "partage_information": Basis(_SHARING_BASIS.source, C, ("CP-15", *_SHARING_BASIS.rules)),
        "instance_suivi": Basis("Pratique : comité de suivi", P, ("CP-06",)),
        "evaluation": Basis("Pratique (S22) : deux niveaux d’évaluation", P, ("CP-07", "CP-08")),
        "dispositions_financieres": Basis(
            "Pratique ; montants en chiffres et en lettres (C. civ. art. 1376, S34)",
            P,
            ("CP-12", "TY-04"),
        ),
        "responsabilite": Basis("Pratique : responsabilité civile de chaque partie", P, ("CP-14",)),
        "communication": Basis("Pratique : usage des logos et publications", P),
        "duree": Basis("Pratique ; cohérence des dates", P, ("CP-09", "CP-10")),
        "modification": Basis("Pratique : avenant signé de toutes les parties", P),
        "resiliation": Basis("Pratique : préavis et forme de la résiliation", P, ("CP-11",)),
        "litiges": Basis(
            "Pratique ; juridiction selon la nature des parties (jurisprudence non relue)",
            P,
            ("JU-01", "JU-02"),
        ),
        "annexes": Basis("Pratique : liste des annexes", P),
        "annexe.fiches_identite": Basis("Pratique (S25) ; fiche d’identité (§E.3)", P),
        "annexe.indicateurs": Basis("Pratique (S22) ; indicateurs (§E.2)", P, ("EV-02",)),
        **_SIGNATURE,
    },
    CR: {
        "preambule": Basis("Pratique (charte RPVM, S23)", P),
        "objet": Basis("Pratique (S23) : objet et valeurs du réseau", P),
        "principes": Basis("Cinq principes du partenariat (guide FNARS 2016, S22)", C, ("CR-01",)),
        "objectifs": Basis("Pratique", P),
        "champ": Basis(
            "CSP D. 6321-1 (réseau de santé : aire géographique définie, S23) ; pratique",
            C_P,
            ("CR-02",),
        ),
        "membres": Basis("Pratique (charte RPVM, S23)", P, ("CR-03",)),
        "adhesion": Basis("Pratique (charte RPVM, S23)", P, ("CR-03",)),
        "gouvernance": Basis("Pratique : comité de pilotage et coordination", P, ("CR-04",)),
        "engagements": Basis(
            "CSP D. 6321-x : engagements des intervenants (réseaux de santé, S23)",
            C_P,
            ("CR-05",),
        ),
        "usagers": Basis(
            "CSP D. 6321-x : information et libre choix des usagers (S23)", C, ("CR-06",)
        ),
        "partage_information": _SHARING_BASIS,
        "financement": Basis("CSP D. 6321-2 à D. 6321-6 (réseaux de santé, S23) ; pratique", C),
        "communication": Basis("Pratique (grille de constitution d’un réseau, §I)", P),
        "evaluation": Basis(
            "CSP D. 6321-x : démarche d’évaluation (S23) ; rapport d’activité "
            "(décret n° 2002-1463, S32)",
            C_P,
            ("CR-07", "CR-08"),
        ),
        "reseau_sante": Basis("CSP L. 6321-1, D. 6321-1 et suivants (S23)", C, ("CR-07", "CR-08")),
        "duree": Basis("Pratique", P),
        "modification": Basis("Pratique : avenant approuvé par les membres", P),
        "litiges": Basis("Pratique", P),
        "annexe.fiches_identite": Basis("Pratique ; fiche d’identité (§E.3)", P),
        "annexe.indicateurs": Basis("Pratique (S22) ; indicateurs (§E.2)", P, ("EV-02",)),
        **_SIGNATURE,
        "signataires": Basis("Pratique : membres ou comité de pilotage", P, ("TY-07", "CR-09")),
    },
    GC: {
        "entre_soussignes": Basis("Pratique (S25) ; CASF R. 312-194-7 2°", P, ("ID-08",)),
        "visas": Basis(
            "CASF R. 312-194-6 (délibération de chaque membre) ; forme des visas (S25)",
            C_P,
            ("GC-33",),
        ),
        "preambule": Basis("Pratique (S25)", P),
        "constitution": Basis("CASF R. 312-194-7 1°, R. 312-194-17", C, ("GC-04",)),
        "objet": Basis("CASF L. 312-7, R. 312-194-4, R. 312-194-7 al. 1", C, ("GC-04", "GC-13")),
        "siege": Basis("CASF R. 312-194-7 1°, R. 312-194-9", C, ("GC-04",)),
        "membres": Basis("CASF R. 312-194-7 2°", C, ("GC-01", "GC-02", "GC-03")),
        "nature_juridique": Basis("CASF R. 312-194-7 3° ; S5, S17", C, ("GC-05",)),
        "duree": Basis("CASF R. 312-194-7 4°", C, ("GC-04",)),
        "capital": Basis("CASF R. 312-194-7 5°, R. 312-194-11", C, ("GC-08",)),
        "droits": Basis("CASF R. 312-194-7 6°, R. 312-194-12", C, ("GC-09", "GC-10")),
        "charges": Basis("CASF R. 312-194-7 8°, R. 312-194-11", C, ("GC-11",)),
        "dettes": Basis("CASF R. 312-194-7 9°, R. 312-194-12", C, ("GC-12",)),
        "assemblee_generale": Basis(
            "CASF R. 312-194-7 7°, R. 312-194-19 à R. 312-194-22",
            C,
            tuple(f"GC-{n}" for n in range(15, 23)),
        ),
        "administrateur": Basis(
            "CASF R. 312-194-7 12°, R. 312-194-23", C, ("GC-23", "GC-24", "GC-25")
        ),
        "regime_financier": Basis(
            "CASF R. 312-194-16 ; R. 312-194-7 14° (décret n° 2025-1394, S29)",
            C_P,
            ("GC-06", "GC-07", "GC-36"),
        ),
        "biens": Basis("CASF R. 312-194-11, R. 312-194-25 (clause distincte : pratique)", C_P),
        "personnels": Basis(
            "CASF L. 312-7 a), R. 312-194-7 13°, R. 312-194-14, R. 312-194-15", C, ("GC-34",)
        ),
        "autorisations": Basis("CASF R. 312-194-5, R. 312-194-7 13°, R. 312-194-8", C, ("GC-14",)),
        "partage_information": _SHARING_BASIS,
        "adhesion": Basis("CASF R. 312-194-7 10°, R. 312-194-10, R. 312-194-22", C, ("GC-26",)),
        "retrait": Basis("CASF R. 312-194-10 al. 2 (S4, S27)", C, ("GC-27", "GC-30")),
        "exclusion": Basis("CASF R. 312-194-7 10°, R. 312-194-10, R. 312-194-22", C, ("GC-28",)),
        "dissolution": Basis(
            "CASF R. 312-194-7 11°, R. 312-194-24, R. 312-194-25", C, ("GC-29", "GC-30")
        ),
        "reglement_interieur": Basis("CASF R. 312-194-21 16° ; pratique", C_P),
        "modification": Basis(
            "CASF R. 312-194-7 dernier alinéa, R. 312-194-22 : avenant à l’unanimité",
            C_P,
            ("GC-32",),
        ),
        "litiges": Basis("Pratique", P),
        "prise_effet": Basis(
            "CASF R. 312-194-18 (régime déclaratif de 2019, texte en vigueur non lu ; S28)",
            P,
            ("GC-31",),
        ),
        "annexe.fiches_identite": Basis("Pratique ; CASF R. 312-194-7 2°", P),
        "annexe.protocole": Basis("CASF R. 312-194-8", C, ("GC-14",)),
        **_SIGNATURE,
    },
}
