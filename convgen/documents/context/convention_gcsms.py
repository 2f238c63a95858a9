"""Template context of the convention constitutive de GCSMS: article plan and views."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from convgen.documents.articles import ArticleSpec, included_when
from convgen.documents.context.commun import (
    ModelView,
    Placeholder,
    litigation,
    name_or_gap,
    optional_name,
    reference_texts,
    sharing_visas,
    view,
)
from convgen.schema.commun import short_names
from convgen.schema.convention_gcsms import (
    AutoritePublication,
    CompetenceAg,
    Comptabilite,
    ConventionGcsms,
    Mission,
    ModeDesignation,
    NatureJuridique,
    TypeDuree,
)
from convgen.schema.document import Document
from convgen.wording.accords import elide
from convgen.wording.dates import end_of_term
from convgen.wording.formatting import day_month, join_list, list_item
from convgen.wording.libelles import label

_AUTHORISED = {
    Mission.EXERCICE_DIRECT_MISSIONS_ESSMS,
    Mission.EXPLOITATION_AUTORISATION_MEMBRE,
    Mission.FUSION_REGROUPEMENT,
}


def _when(test: Callable[[ConventionGcsms], bool]) -> Callable[[Document], bool]:
    """An article's inclusion test, read on this type's model."""
    return included_when(ConventionGcsms, test)


ARTICLES: tuple[ArticleSpec, ...] = (
    ArticleSpec("constitution", "Constitution et dénomination"),
    ArticleSpec("objet", "Objet et répartition des tâches"),
    ArticleSpec("siege", "Siège"),
    ArticleSpec("membres", "Membres"),
    ArticleSpec("nature_juridique", "Nature juridique"),
    ArticleSpec("duree", "Durée"),
    ArticleSpec("capital", "Capital"),
    ArticleSpec("droits", "Droits statutaires des membres"),
    ArticleSpec("charges", "Participation aux charges de fonctionnement"),
    ArticleSpec("dettes", "Responsabilité des membres à l’égard des dettes"),
    ArticleSpec("assemblee_generale", "Assemblée générale"),
    ArticleSpec("administrateur", "Administrateur"),
    ArticleSpec("regime_financier", "Régime budgétaire et comptable"),
    ArticleSpec(
        "biens",
        "Mise à disposition de biens",
        _when(lambda d: bool(d.biens_mis_a_disposition)),
        "biens_mis_a_disposition",
    ),
    ArticleSpec("personnels", "Personnels"),
    ArticleSpec(
        "autorisations",
        "Autorisations et activités",
        _when(lambda d: bool(_AUTHORISED & set(d.missions))),
        "missions",
    ),
    ArticleSpec("partage_information", "Partage d’informations et secret professionnel"),
    ArticleSpec("adhesion", "Adhésion de nouveaux membres"),
    ArticleSpec("retrait", "Retrait"),
    ArticleSpec("exclusion", "Exclusion"),
    ArticleSpec("dissolution", "Dissolution et liquidation"),
    ArticleSpec(
        "reglement_interieur",
        "Règlement intérieur",
        _when(lambda d: d.reglement_interieur),
        "reglement_interieur",
    ),
    ArticleSpec("modification", "Modification de la convention constitutive"),
    ArticleSpec("litiges", "Conciliation et règlement des litiges"),
    ArticleSpec("prise_effet", "Déclaration, publication et prise d’effet"),
)

ANNEXES: tuple[ArticleSpec, ...] = (
    ArticleSpec("fiches_identite", "Fiches d’identité des membres"),
    ArticleSpec("protocole", "Protocole", _when(lambda d: d.protocole is not None), "protocole"),
)


def _amendment_words(doc: ConventionGcsms) -> dict[str, str]:
    """Words that differ in a version resulting from an amendment: its members are no
    longer all founders, its administrator no longer the first, the amendment is declared
    and published as the convention was (R312-194-18), and adopted unanimously (a
    placeholder while a draft does not say so: a refusal is an error of GC-38)."""
    avenant = doc.avenant
    if avenant is None:
        return {
            "qualite_membres": "membres fondateurs",
            "administrateur_designe": "Le premier administrateur est",
            "publication_avenant": "",
            "avenant_unanimite": "",
        }
    unanimous = "à l’unanimité des membres présents ou représentés"
    return {
        "qualite_membres": "membres",
        "administrateur_designe": "L’administrateur est",
        "publication_avenant": f" L’avenant n°\u00a0{avenant.numero} est déclaré et publié "
        "dans les mêmes formes.",
        "avenant_unanimite": unanimous
        if avenant.unanimite
        else Placeholder.for_label("adoption à l’unanimité des membres présents ou représentés"),
    }


def _previous(doc: ConventionGcsms, names: dict[str, str], draft: bool) -> ModelView | None:
    """The version an amendment changes, each member's rights named: a former member,
    no longer in the list, keeps its code."""
    previous = doc.version_precedente
    if previous is None:
        return None
    rights = [
        view(
            entry,
            draft,
            {"nom": names.get(entry.membre) or entry.nom or entry.membre},
            {"nom": ("membre", "nom")},
        )
        for entry in previous.droits
    ]
    return view(previous, draft, {"droits": rights})


def build(doc: ConventionGcsms, members: list[dict[str, Any]], draft: bool) -> dict[str, Any]:
    names = short_names(doc.membres)
    return {
        "groupement": view(
            doc,
            draft,
            {
                "membres": members,
                "litiges": litigation(doc, doc.litiges, draft),
                # Totals rows of the rights and charges tables (none while a share is missing).
                "total_droits_pct": _total([m.droits_pct for m in doc.membres]),
                "total_charges_pct": _total([m.contribution_charges_pct for m in doc.membres]),
                "exercice_texte": financial_year(doc.exercice.debut_mois) if doc.exercice else None,
                "autorites_informees_texte": _authorities(doc.publication.autorites_informees),
                "version_precedente": _previous(doc, names, draft),
                # Printed among the missions of L312-7, as they are written.
                **({"mission_autre": list_item(doc.mission_autre)} if doc.mission_autre else {}),
                **_amendment_words(doc),
            },
            {
                "total_droits_pct": ("membres",),
                "total_charges_pct": ("membres",),
                "exercice_texte": ("exercice",),
                "autorites_informees_texte": ("publication",),
                "qualite_membres": ("avenant",),
                "administrateur_designe": ("avenant",),
                "publication_avenant": ("avenant",),
                "avenant_unanimite": ("avenant",),
            },
        ),
        "visas": reference_texts(
            [
                "casf_l312_7",
                # Bounded range since décret n° 2025-1394 added other sub-sections; the 2007
                # instruction predates the 2019 regime and is not applicable law (GC-42).
                "casf_r312_194_1_a_25",
                "decret_2006_413",
                *sharing_visas(doc),
            ]
        ),
        "duree": _term(doc, draft),
        "ag": _assembly(doc, members, draft),
        "administrateur": _administrator(doc, names, draft),
        "biens": [
            view(b, draft, {"membre_nom": name_or_gap(names, b.membre)})
            for b in doc.biens_mis_a_disposition
        ],
        "autorisations": [
            view(a, draft, {"titulaire_nom": optional_name(names, a.titulaire)})
            for a in doc.autorisations
        ],
    }


def _total(shares: list[Decimal | None]) -> Decimal | None:
    """The sum of the members' shares, when every member has one."""
    if not shares or any(share is None for share in shares):
        return None
    return sum((share for share in shares if share is not None), Decimal(0))


def financial_year(first_month: int) -> str:
    """« 1er janvier au 31 décembre », « 1er juillet au 30 juin »."""
    start = dt.date(2001, first_month, 1)
    return f"{day_month(start)} au {day_month(start - dt.timedelta(days=1))}"


def _authorities(authorities: list[AutoritePublication]) -> str | None:
    """« au directeur général de l’agence régionale de santé et au président du conseil
    départemental »."""
    if not authorities:
        return None
    return join_list(
        "à l’autorité compétente" if a is AutoritePublication.AUTRE else f"au {label(a)}"
        for a in dict.fromkeys(authorities)
    )


def _term(doc: ConventionGcsms, draft: bool) -> dict[str, Any]:
    """The group's term runs from its legal personality (domaine.md §J.6, DT-06): a fixed
    start date is printed only when it is known not to precede the declaration's receipt."""
    duree = doc.duree
    received = doc.publication.date_reception_declaration
    start = (
        duree.date_effet if duree.date_effet and received and duree.date_effet >= received else None
    )
    end = None
    if duree.type is TypeDuree.DETERMINEE and start and duree.duree_annees:
        end = end_of_term(start, 12 * duree.duree_annees)
    months: int | Placeholder | None = 12 * duree.duree_annees if duree.duree_annees else None
    term: dt.date | Placeholder | None = end
    if months is None and draft:
        months = Placeholder.for_label("durée du groupement")
        term = Placeholder.for_label("terme du groupement") if start else None
    return view(
        duree,
        draft,
        {
            "determinee": duree.type is TypeDuree.DETERMINEE,
            "debut": start,
            "terme": term,
            "mois": months,
        },
        {
            "debut": ("date_effet",),
            "terme": ("date_effet", "duree_annees"),
            "mois": ("duree_annees",),
        },
    )


def _assembly(doc: ConventionGcsms, members: list[dict[str, Any]], draft: bool) -> dict[str, Any]:
    ag = doc.assemblee_generale
    representatives = []
    for membre, member_view in zip(doc.membres, members, strict=True):
        person = membre.representant_ag or membre.representant_legal
        representatives.append(
            {
                "nom": member_view["nom_court"],
                "representant": person.full_name,
                "qualite": person.qualite,
            }
        )
    return view(
        ag,
        draft,
        {
            "representants": representatives,
            "procuration_possible": ag.procuration.autorisee and len(doc.membres) > 2,
            "competences_liste": [power_with_article(c) for c in _powers(doc)],
            "delai_convocation": ag.delai_convocation_jours or 15,
            "delai_urgence": ag.delai_urgence_heures or 48,
        },
    )


def _powers(doc: ConventionGcsms) -> list[CompetenceAg]:
    """The powers printed: as listed, or by default those of R312-194-21 that apply here."""
    ag = doc.assemblee_generale
    if "competences" in ag.model_fields_set:
        return [c for c in CompetenceAg if c in ag.competences]
    missions = set(doc.missions)
    public = doc.nature_juridique is NatureJuridique.DROIT_PUBLIC
    irrelevant = {
        CompetenceAg.COMMISSAIRE_AUX_COMPTES: doc.comptabilite is not Comptabilite.PRIVEE,
        CompetenceAg.OPERATIONS_IMMOBILIERES: not public,
        CompetenceAg.DEMANDES_AUTORISATION: Mission.EXERCICE_DIRECT_MISSIONS_ESSMS not in missions,
        CompetenceAg.FUSIONS_REGROUPEMENTS: Mission.FUSION_REGROUPEMENT not in missions,
    }
    return [c for c in CompetenceAg if not irrelevant.get(c, False)]


def _administrator(doc: ConventionGcsms, names: dict[str, str], draft: bool) -> Any:
    admin = doc.administrateur
    if admin is None:
        return None
    return view(
        admin,
        draft,
        {
            "nom_complet": admin.full_name,
            "membre_nom": optional_name(names, admin.membre_represente),
            "suppleant_elu": bool(
                admin.suppleant and admin.suppleant.mode_designation is ModeDesignation.ELECTION_AG
            ),
            "suppleant_feminin": bool(admin.suppleant and admin.suppleant.civilite == "Madame"),
        },
        {"nom_complet": ("civilite", "prenom", "nom"), "membre_nom": ("membre_represente",)},
    )


# The article each power of the general assembly takes in a list (« délibère notamment
# sur : le budget annuel ; l’approbation des comptes… »).
_POWER_ARTICLES = {
    "budget": "le",
    "comptes_resultats": "la",
    "administrateur": "la",
    "commissaire_aux_comptes": "le",
    "modification_convention": "la",
    "admission": "la",
    "exclusion": "la",
    "indemnites_administrateur": "le",
    "adhesion_structure": "la",
    "demandes_autorisation": "les",
    "prorogation_dissolution": "la",
    "operations_immobilieres": "les",
    "echange_informations": "les",
    "intervention_professionnels": "les",
    "fusions_regroupements": "le",
    "reglement_interieur": "le",
}


# Powers of two nouns, each with its article in the list (the label, used alone in
# messages, has one article only).
_POWERS_LISTED = {
    "comptes_resultats": "l’approbation des comptes et l’affectation des résultats",
    "administrateur": "la nomination et la révocation de l’administrateur",
    "adhesion_structure": (
        "l’adhésion à une structure de coopération ou le retrait de cette structure"
    ),
    "prorogation_dissolution": (
        "la prorogation ou la dissolution du groupement et les mesures de liquidation"
    ),
    # Listed by default for a group under public law only: no need to say it again.
    "operations_immobilieres": "les opérations immobilières et les baux de plus de dix-huit ans",
    "fusions_regroupements": ("le calendrier et les modalités des fusions et des regroupements"),
}


def power_with_article(value: CompetenceAg) -> str:
    """« le budget annuel », « l’approbation des comptes… »: a power as listed."""
    listed = _POWERS_LISTED.get(value.value)
    return listed or elide(_POWER_ARTICLES[value.value], label(value))
