"""What the text of an article must state, below article level, with its legal basis.

domaine.md §D.2 lists the conditions the information sharing clause must write
down; R. 312-194-17 asks a GCSMS to follow its name with its mention. Each
check names the article (plan key) where the statement belongs and the words
that show it is there.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from convgen.regles.base import CP, CR, GC, Level
from convgen.review.clauses import Basis

C, NC = Level.C, Level.NC

Applies = Callable[[Mapping[str, Any]], bool]


@dataclass(frozen=True)
class TextCheck:
    """A statement the printed ``section`` must hold, found by one of its ``markers``.

    A marker ``ref:<key>`` stands for the reference ``<key>`` of convgen/references.py;
    the others are the template's own wording. ``applies`` reads the template
    context, so a statement is asked for exactly when the template must print it;
    ``condition`` says when that is, for the review pack.
    """

    key: str
    title: str
    basis: Basis
    section: str
    markers: tuple[str, ...]
    applies: Applies = lambda context: True
    condition: str = ""


def _sharing(flag: str) -> Applies:
    return lambda context: bool(context["partage"][flag])


def _gdpr_roles(context: Mapping[str, Any]) -> bool:
    rgpd = context["partage"]["rgpd"]
    return bool(rgpd and rgpd["roles"])


def _breach(context: Mapping[str, Any]) -> bool:
    rgpd = context["partage"]["rgpd"]
    return bool(rgpd and rgpd["violation"])


_FLOWS = "des échanges d’informations sont prévus"

# domaine.md §D.2: what the information sharing clause must say.
SHARING: tuple[TextCheck, ...] = (
    TextCheck(
        "partage.fondement.l1110_4",
        "Fondement légal cité : CSP L. 1110-4 et R. 1110-1 à R. 1110-3",
        Basis("CSP L. 1110-4 II et III, R. 1110-1 à R. 1110-3 (§D.2, 1°)", C, ("PI-03", "PI-04")),
        "partage_information",
        ("ref:csp_l1110_4",),
        _sharing("l1110_4"),
        "un échange est fondé sur l’article L. 1110-4 CSP",
    ),
    TextCheck(
        "partage.fondement.l226_2_2",
        "Fondement légal cité : CASF L. 226-2-2 (protection de l’enfance)",
        Basis("CASF L. 226-2-2 (§D.2, 1°)", C, ("PI-09",)),
        "partage_information",
        ("ref:casf_l226_2_2",),
        _sharing("protection_enfance"),
        "des informations sont partagées en protection de l’enfance",
    ),
    TextCheck(
        "partage.fondement.l121_6_2",
        "Fondement légal cité : CASF L. 121-6-2 (action sociale)",
        Basis("CASF L. 121-6-2 (§D.2, 1°)", C, ("PI-11",)),
        "partage_information",
        ("ref:casf_l121_6_2",),
        _sharing("action_sociale"),
        "un partage est fondé sur l’article L. 121-6-2 CASF",
    ),
    TextCheck(
        "partage.categories",
        "Catégories d’informations limitativement énumérées",
        Basis("CSP L. 1110-4 II, R. 1110-1 : informations strictement nécessaires", C, ("PI-02",)),
        "partage_information",
        ("à l’exclusion de toute autre",),
        _sharing("actif"),
        _FLOWS,
    ),
    TextCheck(
        "partage.information_prealable",
        "Information préalable de la personne",
        Basis("CSP R. 1110-3 (§D.2, 4°)", C, ("PI-07",)),
        "partage_information",
        ("de la nature des informations",),
        _sharing("actif"),
        _FLOWS,
    ),
    TextCheck(
        "partage.opposition",
        "Droit d’opposition de la personne rappelé",
        Basis("CSP L. 1110-4 IV (texte non relu)", NC, ("PI-08",)),
        "partage_information",
        ("droit de s’opposer",),
        _sharing("droit_opposition"),
        "la personne peut s’opposer à un échange",
    ),
    TextCheck(
        "partage.consentement",
        "Consentement préalable pour un partage hors équipe de soins",
        Basis("CSP L. 1110-4 III al. 2 ; décret n° 2016-1349", C, ("PI-05",)),
        "partage_information",
        ("consentement préalable",),
        _sharing("hors_equipe"),
        "un partage a lieu hors équipe de soins",
    ),
    TextCheck(
        "partage.autorite_parentale",
        "Information préalable des titulaires de l’autorité parentale",
        Basis("CASF L. 226-2-2", C, ("PI-10",)),
        "partage_information",
        # The template's own sentence: « autorité parentale » alone also appears in the
        # per-exchange lines, even where the information was set aside.
        ("toute autre personne exerçant l’autorité parentale",),
        _sharing("protection_enfance"),
        "des informations sont partagées en protection de l’enfance",
    ),
    TextCheck(
        "partage.canal_securise",
        "Canal sécurisé pour les données de santé",
        Basis("Référentiels ANS ; RGPD art. 32 (textes non relus)", NC, ("PI-16",)),
        "partage_information",
        ("moyens sécurisés",),
        _sharing("donnees_sante"),
        "des données de santé sont échangées",
    ),
    TextCheck(
        "partage.rgpd",
        "Rôle de chacun au regard du RGPD",
        Basis("RGPD art. 26 et 28.3 (S46)", C, ("RG-02",)),
        "partage_information",
        ("données à caractère personnel, les rôles",),
        _gdpr_roles,
        "les rôles au regard du RGPD sont renseignés",
    ),
    TextCheck(
        "partage.information_preoccupante",
        "Transmission des informations préoccupantes au président du conseil départemental",
        Basis("CASF L. 226-2-1, L. 226-3", C, ("PI-22",)),
        "partage_information",
        ("ref:casf_l226_2_1", "sans délai au président du conseil départemental"),
        _sharing("information_preoccupante"),
        "une information préoccupante peut être transmise",
    ),
    TextCheck(
        "partage.reclamation",
        "Droit d’introduire une réclamation auprès de la CNIL",
        Basis("RGPD art. 13, 14, 77 (résumés lus)", Level.P, ("RG-04",)),
        "partage_information",
        ("réclamation auprès de la Commission nationale de l’informatique et des libertés",),
        _sharing("actif"),
        _FLOWS,
    ),
    TextCheck(
        "partage.violation",
        "Information entre parties en cas de violation de données",
        Basis("RGPD art. 33.1, 33.2 (S46)", C, ("RG-05",)),
        "partage_information",
        ("En cas de violation de données à caractère personnel",),
        _breach,
        "un délai d’information en cas de violation est renseigné",
    ),
    TextCheck(
        "partage.secret",
        "Rappel de la sanction du secret professionnel (C. pén. 226-13)",
        Basis(
            "C. pén. art. 226-13 (S21) : un an d’emprisonnement, 15 000 € d’amende", C, ("PI-13",)
        ),
        "partage_information",
        ("ref:penal_226_13",),
    ),
)

_MENTION = TextCheck(
    "mention",
    "Mention « groupement de coopération sociale » ou « médico-sociale »",
    Basis("CASF R. 312-194-17 (S27)", C, ("GC-04",)),
    "constitution",
    ("« groupement de coopération sociale »", "« groupement de coopération médico-sociale »"),
)

# What the GCSMS articles must state besides their heading: each statement is the
# template's fixed wording of a rule of R. 312-194-7 to R. 312-194-25 CASF, so a copy of
# the template that drops it (heading kept) turns its line of the checklist to ✘.
GCSMS: tuple[TextCheck, ...] = (
    TextCheck(
        "administrateur.mandat",
        "Mandat d’administrateur de trois ans, renouvelable",
        Basis("CASF R. 312-194-23", C, ("GC-24",)),
        "administrateur",
        ("mandat de trois ans, renouvelable",),
    ),
    TextCheck(
        "adhesion.unanimite",
        "Admission à l’unanimité de l’assemblée générale",
        Basis("CASF R. 312-194-10, R. 312-194-22", C, ("GC-26",)),
        "adhesion",
        ("à l’unanimité des membres présents ou représentés",),
    ),
    TextCheck(
        "retrait.fin_exercice",
        "Retrait à l’expiration d’un exercice, après préavis",
        Basis("CASF R. 312-194-10 al. 2", C, ("GC-27",)),
        "retrait",
        ("à l’expiration d’un exercice budgétaire",),
    ),
    TextCheck(
        "retrait.dernier_membre",
        "Dissolution quand il ne reste qu’un membre",
        Basis("CASF R. 312-194-24", C, ("GC-30",)),
        "retrait",
        ("ne compte plus qu’un seul membre",),
    ),
    TextCheck(
        "dissolution.liquidateurs",
        "Liquidateurs nommés par l’assemblée générale",
        Basis("CASF R. 312-194-24, R. 312-194-25", C, ("GC-29",)),
        "dissolution",
        ("nomme un ou plusieurs liquidateurs",),
    ),
)


def _subsidised(context: Mapping[str, Any]) -> bool:
    finances = context["finances"]
    return bool(finances and finances["engagements_republicains"])


# What the partnership convention's financial article must state when a public party
# subsidises an association or a foundation beyond the threshold: the republican
# commitment contract and the withdrawal of the subsidy (loi n° 2000-321, art. 10-1).
PARTNERSHIP: tuple[TextCheck, ...] = (
    TextCheck(
        "dispositions_financieres.engagement_republicain",
        "Contrat d’engagement républicain et retrait de la subvention",
        Basis("Loi n° 2000-321, art. 10-1 ; décret n° 2021-1947", C, ("CP-17",)),
        "dispositions_financieres",
        ("les engagements du contrat d’engagement républicain prévu",),
        _subsidised,
        "une personne publique verse à une association ou à une fondation plus de 23 000 € par an",
    ),
)

TEXT_CHECKS: Mapping[str, tuple[TextCheck, ...]] = {
    CP: (*SHARING, *PARTNERSHIP),
    CR: SHARING,
    GC: (_MENTION, *GCSMS, *SHARING),
}
