"""Every rule of the convention constitutive de GCSMS: silent on the examples, its French
message when broken (CASF R312-194-1 to R312-194-25)."""

from __future__ import annotations

import pytest
from conftest import (
    Data,
    Mutation,
    RuleCase,
    assert_rule_case,
    changes,
    check,
    example,
    rule_cases,
    rules_found,
)

from convgen.errors import Severity
from convgen.regles import RULES, rules_for

PRIVATE = "gcsms-associations-handicap"
MIXED = "gcsms-mixte-ccas-ehpad"


def _two_members(data: Data) -> Data:
    data["membres"] = data["membres"][:2]
    data["membres"][0]["droits_pct"] = data["membres"][0]["contribution_charges_pct"] = 70
    data["exclusion"] = {}
    data["assemblee_generale"]["procuration"] = {"autorisee": False}
    data["biens_mis_a_disposition"] = data["biens_mis_a_disposition"][:1]
    return data


CASES: list[tuple[str, str, Mutation, str, str]] = [
    (
        "GC-01",
        PRIVATE,
        lambda d: {**d, "membres": d["membres"][:1]},
        "membres",
        "Un GCSMS doit compter au moins deux membres.",
    ),
    (
        "GC-02",
        PRIVATE,
        changes(membres__0__categorie="autre"),
        "membres[1].categorie",
        "L'APEI Jura n'appartient à aucune catégorie pouvant être membre d'un GCSMS.",
    ),
    (
        "GC-02",
        PRIVATE,
        changes(membres__0__categorie=None),
        "membres[1].categorie",
        "Indiquez la catégorie de l'APEI Jura : seules certaines peuvent être membres",
    ),
    (
        "GC-03",
        PRIVATE,
        changes(membres__1__siren=None, membres__1__siret=None),
        "membres[2].siren",
        "Indiquez le SIREN du Tremplin : c'est lui qui montre que ce membre a la personnalité "
        "morale",
    ),
    (
        "GC-04",
        PRIVATE,
        changes(objet=None),
        "objet",
        "Objet du groupement à compléter avant la version définitive",
    ),
    ("GC-04", PRIVATE, changes(mention=None), "mention", "à compléter avant la version définitive"),
    (
        "GC-04",
        PRIVATE,
        changes(duree__type="determinee", duree__date_effet="2027-01-01"),
        "duree.duree_annees",
        "La durée du groupement est « déterminée » mais son nombre d'années n'est pas indiqué",
    ),
    (
        "GC-05",
        PRIVATE,
        changes(nature_juridique=None),
        "nature_juridique",
        "Nature juridique à compléter avant la version définitive",
    ),
    (
        "GC-05",
        PRIVATE,
        changes(nature_juridique="droit_public", comptabilite="publique"),
        "nature_juridique",
        "La nature juridique « personne morale de droit public » est incohérente avec la "
        "composition du groupement : aucun de ses membres n'est une personne publique ; il est "
        "donc une personne morale de droit privé (par analogie avec l'article L. 6133-3 du code "
        "de la santé publique).",
    ),
    (
        "GC-05",
        MIXED,
        changes(motif_nature_juridique="constitué exclusivement de personnes publiques"),
        "motif_nature_juridique",
        "Le motif de la nature juridique dit le groupement constitué exclusivement de personnes "
        "publiques, mais l'ADMR n'est pas une personne publique (un avenant qui "
        "admet un membre change la composition) : mettez-le à jour.",
    ),
    (
        "GC-06",
        MIXED,
        changes(comptabilite="privee"),
        "comptabilite",
        "Le régime comptable ne correspond pas à la nature juridique du groupement (personne "
        "morale de droit public).",
    ),
    (
        "GC-07",
        PRIVATE,
        changes(missions=["mutualisation_moyens", "exercice_direct_missions_essms"]),
        "regime_budgetaire",
        "Précisez le régime budgétaire applicable : le groupement ne comprend aucun membre à "
        "but lucratif.",
    ),
    (
        "GC-08",
        MIXED,
        changes(capital__montant=25000),
        "capital.montant",
        "La somme des apports (30\u202f000,00\u00a0€) ne correspond pas au capital déclaré "
        "(25\u202f000,00\u00a0€).",
    ),
    (
        "GC-08",
        MIXED,
        changes(membres__2__apport__nature="industrie"),
        "membres[3].apport.nature",
        "Les apports en industrie et les titres négociables sont interdits.",
    ),
    (
        "GC-08",
        PRIVATE,
        changes(
            membres__0__contribution_charges_pct=None,
            membres__1__contribution_charges_pct=None,
            membres__2__contribution_charges_pct=None,
        ),
        "capital",
        "ne peut être constitué que s'il n'engendre pas de coût de fonctionnement",
    ),
    (
        "GC-09",
        PRIVATE,
        changes(membres__2__droits_pct=10),
        "membres",
        "Les droits statutaires totalisent 90 % au lieu de 100 %.",
    ),
    (
        "GC-09",
        PRIVATE,
        changes(membres__2__droits_pct=None),
        "membres[3].droits_pct",
        "Les droits statutaires d’Horizons ne sont pas fixés.",
    ),
    (
        "GC-10",
        PRIVATE,
        changes(
            membres__0__contribution_charges_pct=40,
            membres__1__contribution_charges_pct=40,
            membres__0__appellation="Les Amis de la Bresse",
        ),
        "membres[1].droits_pct",
        "Les droits statutaires des Amis de la Bresse (50 %) ne sont pas proportionnels à "
        "leur participation aux charges (40 %), comme le veut la règle choisie pour les "
        "droits (droits.regle).",
    ),
    (
        "GC-10",
        PRIVATE,
        changes(membres__0__contribution_charges_pct=40, membres__1__contribution_charges_pct=40),
        "membres[1].droits_pct",
        "Les droits statutaires de l'APEI Jura (50 %) ne sont pas proportionnels à sa "
        "participation aux charges (40 %)",
    ),
    (
        "GC-10",
        MIXED,
        changes(membres__0__droits_pct=45, membres__1__droits_pct=35),
        "membres[1].droits_pct",
        "Les droits statutaires du CCAS (45 %) ne sont pas proportionnels à son apport (40 % "
        "du capital), comme le veut la règle choisie pour les droits (droits.regle).",
    ),
    (
        # Rights equal to the charges, the rule left on the contributions: say so.
        "GC-10",
        MIXED,
        changes(
            membres__0__droits_pct=45,
            membres__1__droits_pct=35,
            membres__0__contribution_charges_pct=45,
            membres__1__contribution_charges_pct=35,
        ),
        "membres[2].droits_pct",
        "ils suivent sa participation aux charges : si c'est la règle voulue, choisissez des "
        "droits proportionnels à la participation aux charges.",
    ),
    (
        "GC-10",
        PRIVATE,
        changes(droits__regle="conventionnelle"),
        "droits.regle",
        "les droits doivent leur être proportionnels",
    ),
    (
        "GC-11",
        PRIVATE,
        changes(membres__2__contribution_charges_pct=None),
        "membres[3].contribution_charges_pct",
        "La contribution aux charges d’Horizons n'est pas définie.",
    ),
    (
        "GC-11",
        PRIVATE,
        changes(charges__revision_annuelle=False),
        "charges.revision_annuelle",
        "révisées chaque année",
    ),
    (
        "GC-13",
        PRIVATE,
        changes(missions=["autre"]),
        "missions",
        "L'objet du groupement ne correspond à aucune mission d'un GCSMS prévue par l'article "
        "L. 312-7 du CASF",
    ),
    (
        "GC-14",
        MIXED,
        changes(autorisations=[]),
        "autorisations",
        "Le groupement exerce des missions d'ESSMS : indiquez l'autorisation correspondante.",
    ),
    ("GC-14", MIXED, changes(protocole=None), "protocole", "annexez le protocole"),
    (
        "GC-16",
        PRIVATE,
        changes(assemblee_generale__reunions_par_an=0),
        "assemblee_generale.reunions_par_an",
        "L'assemblée générale doit se réunir au moins une fois par an.",
    ),
    (
        "GC-17",
        PRIVATE,
        changes(assemblee_generale__seuil_demande_pct=50),
        "assemblee_generale.seuil_demande_pct",
        "plus d'un tiers des membres",
    ),
    (
        "GC-18",
        PRIVATE,
        changes(assemblee_generale__delai_convocation_jours=None),
        "assemblee_generale.delai_convocation_jours",
        "Délai de convocation absent : la valeur par défaut (15 jours, 48 heures en urgence) sera "
        "appliquée.",
    ),
    (
        "GC-19",
        MIXED,
        changes(assemblee_generale__procuration__mandats_max=2),
        "assemblee_generale.procuration.mandats_max",
        "Un membre ne peut détenir qu'un seul mandat de vote par procuration (2 prévus).",
    ),
    (
        "GC-19",
        MIXED,
        lambda d: {
            **d,
            "membres": d["membres"][:2],
            "assemblee_generale": {
                **d["assemblee_generale"],
                "procuration": {**d["assemblee_generale"]["procuration"], "autorisee": True},
            },
        },
        "assemblee_generale.procuration",
        "Le vote par procuration n'est possible que si le groupement compte plus de deux "
        "membres (2 ici).",
    ),
    (
        "GC-20",
        PRIVATE,
        changes(),
        "assemblee_generale.president",
        "Aucun président de l'assemblée générale n'est stipulé : l'administrateur la présidera.",
    ),
    (
        "GC-21",
        PRIVATE,
        changes(assemblee_generale__competences=["budget"]),
        "assemblee_generale.competences",
        "La compétence « approbation des comptes et affectation des résultats » doit relever de "
        "l'assemblée générale.",
    ),
    (
        "GC-22",
        PRIVATE,
        changes(
            assemblee_generale__majorite_autres_decisions=(
                "à la majorité des deux tiers des membres présents ou représentés, chaque "
                "membre disposant d'une voix"
            )
        ),
        "assemblee_generale.majorite_autres_decisions",
        "donne une voix à chaque membre : à l'assemblée générale, le nombre de voix de chaque "
        "membre est proportionnel à ses droits statutaires",
    ),
    (
        "GC-28",
        PRIVATE,
        changes(
            exclusion__audition=(
                "L'exclusion est prononcée par l'administrateur, qui en informe l'assemblée "
                "générale à sa réunion suivante."
            )
        ),
        "exclusion.audition",
        "confie l'exclusion à un autre que l'assemblée générale : seule l'assemblée générale "
        "la prononce",
    ),
    (
        "GC-22",
        PRIVATE,
        changes(assemblee_generale__quorum_pct_droits=40),
        "assemblee_generale.quorum_pct_droits",
        "Le quorum (40 % des droits) ne peut être inférieur à la moitié des droits : indiquez "
        "50 % au moins.",
    ),
    (
        "GC-21",
        PRIVATE,
        changes(assemblee_generale__delegations_administrateur=["l'adoption du budget annuel"]),
        "assemblee_generale.delegations_administrateur[1]",
        "« l'adoption du budget annuel » : l'adoption du budget relève de l'assemblée générale "
        "seule (CASF, art. R. 312-194-21)",
    ),
    (
        "GC-21",
        PRIVATE,
        changes(assemblee_generale__delegations_administrateur=["l'exclusion d'un membre"]),
        "assemblee_generale.delegations_administrateur[1]",
        "l'exclusion d'un membre relève de l'assemblée générale seule",
    ),
    (
        "GC-09",
        PRIVATE,
        changes(membres__2__droits_pct=0, membres__1__droits_pct=60),
        "membres[3].droits_pct",
        "sont nuls : un membre sans droits n'aurait aucune voix",
    ),
    (
        "GC-08",
        MIXED,
        changes(capital__montant=0),
        "capital.montant",
        "Le capital déclaré est nul : indiquez son montant",
    ),
    (
        "GC-07",
        PRIVATE,
        changes(membres__2__nature="prive_lucratif", regime_budgetaire="r314_80"),
        "regime_budgetaire",
        "poursuit un but lucratif : le régime des articles R. 314-80 et suivants",
    ),
    (
        "GC-08",
        MIXED,
        changes(
            membres__0__apport__nature="nature",
            membres__0__apport__description="son savoir-faire et sa patientèle",
        ),
        "membres[1].apport.description",
        "un savoir-faire ou un travail apportés sont un apport en industrie",
    ),
    (
        "GC-08",
        MIXED,
        changes(
            membres__0__apport__nature="nature",
            membres__0__apport__description="mise à disposition d'un véhicule de service",
        ),
        "membres[1].apport.description",
        "un bien mis à disposition reste à son propriétaire et n'est pas un apport",
    ),
    (
        "GC-23",
        PRIVATE,
        changes(administrateur__membre_represente=None),
        "administrateur.membre_represente",
        "L'administrateur doit être un membre ou le représentant d'un membre du groupement.",
    ),
    (
        "GC-24",
        PRIVATE,
        changes(administrateur__duree_mandat_ans=5),
        "administrateur.duree_mandat_ans",
        "Le mandat de l'administrateur est de trois ans, non de cinq (5)\u00a0ans : indiquez 3.",
    ),
    (
        "GC-24",
        PRIVATE,
        changes(administrateur__gratuit=False),
        "administrateur.gratuit",
        "Le mandat de l'administrateur est gratuit : répondez oui.",
    ),
    (
        "GC-22",
        PRIVATE,
        changes(assemblee_generale__unanimite_modification=False),
        "assemblee_generale.unanimite_modification",
        "La modification de la convention exige l'unanimité des membres présents ou "
        "représentés : répondez oui.",
    ),
    (
        "GC-26",
        PRIVATE,
        changes(assemblee_generale__unanimite_admission=False),
        "assemblee_generale.unanimite_admission",
        "L'admission d'un nouveau membre doit être décidée à l'unanimité",
    ),
    (
        "GC-27",
        PRIVATE,
        changes(retrait__preavis_mois=3),
        "retrait.preavis_mois",
        "après un préavis d'au moins six mois",
    ),
    (
        "GC-28",
        PRIVATE,
        changes(exclusion__audition=None),
        "exclusion",
        "Précisez les motifs et la procédure d'exclusion, y compris l'audition du membre",
    ),
    (
        "GC-29",
        PRIVATE,
        changes(dissolution__devolution=None),
        "dissolution.devolution",
        "Dévolution des biens à compléter avant la version définitive",
    ),
    (
        "GC-30",
        PRIVATE,
        _two_members,
        "membres",
        "Avec deux membres, un retrait ne laisserait qu'un membre",
    ),
    (
        "GC-31",
        PRIVATE,
        changes(publication__autorite=None),
        "publication.autorite",
        "Indiquez l'autorité à laquelle la convention constitutive est déclarée.",
    ),
    (
        "GC-33",
        PRIVATE,
        changes(membres__1__habilitation=None),
        "membres[2].habilitation",
        "Les visas doivent citer la délibération du Tremplin qui autorise son adhésion : "
        "indiquez-en l'organe et la date.",
    ),
    (
        "GC-34",
        PRIVATE,
        changes(personnels__conditions_intervention=None),
        "personnels",
        "Précisez les modalités de mise à disposition ou de recrutement des personnels",
    ),
    (
        "GC-34",
        MIXED,
        changes(personnels__regime="prive"),
        "personnels.regime",
        "Le groupement, personne morale de droit public, recrute des agents contractuels de "
        "droit public, non des salariés de droit privé : corrigez le régime (regime) ou la "
        "nature du groupement.",
    ),
    (
        # The conditions missing as well: the contrary regime is still said, and blocks.
        "GC-34",
        MIXED,
        changes(personnels__regime="prive", personnels__conditions_intervention=None),
        "personnels.regime",
        "recrute des agents contractuels de droit public, non des salariés de droit privé",
    ),
    (
        "GC-34",
        MIXED,
        changes(personnels__regime=None),
        "personnels.regime",
        "Le groupement recrute des personnels propres : précisez leur régime (regime), "
        "conforme à la nature du groupement.",
    ),
    (
        "CO-02",
        PRIVATE,
        changes(administrateur__membre_represente="cg39"),
        "administrateur.membre_represente",
        "« cg39 » ne désigne aucune organisation",
    ),
]


# Severities that differ from the rule's evidence level, as the rules document them.
SEVERITIES = {
    ("GC-05", "Nature juridique à c"): Severity.ERREUR,  # R312-194-7 3°: the mention is [C]
    ("GC-18", ""): Severity.AVERTISSEMENT,  # a default delay applies
    ("GC-20", ""): Severity.INFORMATION,  # the administrator chairs by default
    ("GC-30", ""): Severity.AVERTISSEMENT,  # a consequence to know, not a defect
    ("GC-33", ""): Severity.ERREUR,  # each member's decision is [C], its wording [P]
}


def test_proxies_left_at_their_default_follow_the_number_of_members() -> None:
    """Not written, proxy voting is what CASF R. 312-194-20 provides: not admitted while
    the group has two members (no GC-19 error for a choice the input did not make)."""
    data = _two_members(example(PRIVATE))
    del data["assemblee_generale"]["procuration"]
    assert "GC-19" not in rules_found(check(data))
    data["assemblee_generale"]["procuration"] = {"autorisee": True}  # written: refused
    assert "GC-19" in rules_found(check(data))


def test_a_professional_in_private_practice_needs_no_deliberation_in_the_visas() -> None:
    data = example(PRIVATE)
    liberal = {
        "code": "psychomotricienne",
        "denomination": "Madame Élise Bonnet, psychomotricienne",
        "appellation": "Madame Bonnet",
        "forme_juridique": "professionnel_liberal",
        "nature": "personne_physique",
        "categorie": "professionnel",
        "adresse": {"voie": "4 rue Neuve", "code_postal": "39000", "commune": "Lons-le-Saunier"},
        "representant_legal": {
            "civilite": "Madame",
            "prenom": "Élise",
            "nom": "Bonnet",
            "qualite": "psychomotricienne",
        },
    }
    data["membres"].append(liberal)
    found = rules_found(check(data))
    assert not [p for p in found.get("GC-33", []) if p.path.startswith("membres[4]")]


@pytest.mark.parametrize("name", [PRIVATE, MIXED])
def test_the_gcsms_examples_have_no_error_nor_warning(name: str) -> None:
    problems = check(example(name)).problems
    assert all(p.severity is Severity.INFORMATION for p in problems), [str(p) for p in problems]


@rule_cases(CASES)
def test_rule_reports_its_message(case: RuleCase) -> None:
    severity = SEVERITIES.get((case.rule, case.fragment[:20]), SEVERITIES.get((case.rule, "")))
    assert_rule_case(case, severity=severity)


def test_every_gcsms_rule_has_a_case_or_is_declared() -> None:
    rules = rules_for("convention_constitutive_gcsms")
    # GC-37 and beyond (domaine.md §J) have their cases in test_rules_j.py.
    checked = {r.id for r in rules if r.check and r.id.startswith("GC") and r.id < "GC-37"}
    assert checked | {"GC-29"} == {case[0] for case in CASES if case[0].startswith("GC")}
    declared = {r.id: r.enforcement for r in rules if r.check is None and r.id.startswith("GC")}
    # GC-04 is a checked rule since J.9 (a fixed term needs its years); its other mentions
    # stay required by their fields, which name it.
    assert declared == {
        "GC-29": "schema",
        "GC-12": "modele",
        "GC-15": "modele",
        "GC-25": "modele",
        "GC-32": "modele",
        "GC-35": "modele",
        "GC-36": "modele",
    }
    # GC-01 to GC-36, then GC-37 to GC-43 of §J, and GC-44 (dissolution said once).
    assert len([r for r in RULES if r.startswith("GC")]) == 44


def test_missing_mentions_are_placeholders_in_a_draft() -> None:
    draft = rules_found(check(changes(objet=None)(example(PRIVATE)), draft=True))
    assert draft["GC-04"][0].severity is Severity.AVERTISSEMENT


def test_withdrawal_warning_only_with_two_members() -> None:
    assert "GC-30" not in rules_found(check(example(PRIVATE)))


def test_nature_is_free_for_mixed_groups() -> None:
    for nature, accounting in (("droit_prive", "privee"), ("droit_public", "publique")):
        data = changes(
            nature_juridique=nature,
            comptabilite=accounting,
            personnels__regime="prive" if nature == "droit_prive" else "public",
        )(example(MIXED))
        assert "GC-05" not in rules_found(check(data))


def test_a_group_convenes_its_assembly_with_time_to_prepare() -> None:
    data = changes(
        assemblee_generale__delai_convocation_jours=2,
        assemblee_generale__delai_urgence_heures=2,
    )(example(PRIVATE))
    found = {p.path: p for p in rules_found(check(data))["GC-18"]}
    assert found["assemblee_generale.delai_convocation_jours"].message.startswith(
        "Un délai de convocation de deux (2)\u00a0jours ne laisse pas aux membres le temps"
    )
    assert found["assemblee_generale.delai_urgence_heures"].message.startswith(
        "Un délai de convocation d'urgence de deux (2)\u00a0heures"
    )
    assert {p.severity for p in found.values()} == {Severity.AVERTISSEMENT}
    week = changes(assemblee_generale__delai_convocation_jours=8)(example(PRIVATE))
    assert "GC-18" not in rules_found(check(week))


def test_exclusion_grounds_in_a_group_of_two_are_said_to_wait_for_a_third() -> None:
    data = example(PRIVATE)
    del data["membres"][2]
    found = [p for p in rules_found(check(data)).get("GC-28", []) if p.path == "exclusion.motifs"]
    assert found and found[0].severity is Severity.AVERTISSEMENT
    assert "ne peut exclure aucun d'eux" in found[0].message


@pytest.mark.parametrize(
    "delegation",
    [
        "la liquidation des dépenses et l'émission des titres de recettes",
        "la décision d'admission des personnes accompagnées",
        "la signature des avenants aux contrats de travail",
        "la nomination du directeur administratif",
        "l'exclusion temporaire d'un résident",
        "les relations avec le commissaire aux comptes",
        "l'arrêté provisoire des comptes",
        "le recrutement des personnels dans la limite des emplois votés au budget",
    ],
)
def test_the_daily_management_may_be_delegated_to_the_administrator(delegation: str) -> None:
    data = changes(assemblee_generale__delegations_administrateur=[delegation])(example(PRIVATE))
    found = rules_found(check(data)).get("GC-21", [])
    assert not [p for p in found if "delegations_administrateur" in (p.path or "")]


@pytest.mark.parametrize(
    "description",
    [
        "sa patientèle, évaluée par un expert",  # an asset, which may be contributed
        "du matériel de travail pour l'équipe mobile",
        "des ordinateurs destinés au travail des équipes",
        "un véhicule prêt à l'emploi",
        "un local libre de toute mise à disposition",
    ],
)
def test_a_contribution_in_kind_of_an_asset_is_not_refused(description: str) -> None:
    data = changes(
        membres__0__apport__nature="nature", membres__0__apport__description=description
    )(example(MIXED))
    found = rules_found(check(data)).get("GC-08", [])
    assert not [p for p in found if (p.path or "").endswith("apport.description")]


def test_a_one_day_convocation_is_said_with_its_elision() -> None:
    data = changes(assemblee_generale__delai_convocation_jours=1)(example(PRIVATE))
    (found,) = rules_found(check(data))["GC-18"]
    assert found.message.startswith("Un délai de convocation d’un (1)\u00a0jour ne laisse pas")


@pytest.mark.parametrize(
    ("majority", "warned"),
    [
        (
            "à la majorité simple ; en cas de partage des voix, celle de l'administrateur est "
            "prépondérante",
            "donne une voix prépondérante",
        ),
        ("à la majorité des voix des membres présents", "ne compte que les membres présents"),
    ],
)
def test_a_casting_vote_or_members_present_only_warn(majority: str, warned: str) -> None:
    data = changes(assemblee_generale__majorite_autres_decisions=majority)(example(PRIVATE))
    (found,) = rules_found(check(data))["GC-22"]
    assert warned in found.message and found.severity is Severity.AVERTISSEMENT


@pytest.mark.parametrize(
    "majority",
    [
        "à la majorité des voix des membres présents ou représentés",
        "à la majorité simple des voix",
        "à la majorité des deux tiers des voix des membres présents et représentés",
    ],
)
def test_a_majority_in_votes_is_not_reported(majority: str) -> None:
    data = changes(assemblee_generale__majorite_autres_decisions=majority)(example(PRIVATE))
    assert "GC-22" not in rules_found(check(data))


@pytest.mark.parametrize(
    "hearing",
    [
        "Le représentant du membre est entendu par l'assemblée générale, qui prononce l'exclusion.",
        "L'administrateur convoque le membre ; l'assemblée générale prononce l'exclusion.",
        "Le président de séance lit les griefs, puis l'assemblée prononce l'exclusion.",
    ],
)
def test_a_hearing_before_the_assembly_is_not_reported(hearing: str) -> None:
    data = changes(exclusion__audition=hearing)(example(PRIVATE))
    found = rules_found(check(data)).get("GC-28", [])
    assert not [p for p in found if p.path == "exclusion.audition"]


def test_a_delegation_of_two_reserved_matters_names_both() -> None:
    delegation = "l'admission de nouveaux membres et l'approbation des comptes"
    data = changes(assemblee_generale__delegations_administrateur=[delegation])(example(PRIVATE))
    (found,) = [p for p in rules_found(check(data))["GC-21"] if "delegations" in (p.path or "")]
    assert "l'admission d'un membre et l'approbation des comptes relèvent de" in found.message


@pytest.mark.parametrize(
    ("motif", "said"),
    [
        ("constitué exclusivement de personnes morales de droit public", "publiques"),
        ("composé exclusivement d'organismes privés", "privées"),
        ("exclusivement de droit privé, aucune personne publique n'en est membre", "privées"),
        ("non exclusivement public", None),
        ("le groupement réunit des personnes publiques et privées", None),
    ],
)
def test_the_motif_s_exclusive_composition_is_read_as_written(motif: str, said: str | None) -> None:
    """GC-05 on a mixed group (public CCAS and EHPAD, private ADMR): « personnes
    publiques » was read as « privées » (the reviewer's case)."""
    data = changes(motif_nature_juridique=motif)(example(MIXED))
    found = [
        p for p in rules_found(check(data)).get("GC-05", []) if p.path == "motif_nature_juridique"
    ]
    if said is None:
        assert found == []
    else:
        (problem,) = found
        assert f"exclusivement de personnes {said}, mais" in problem.message


def test_a_member_without_its_deliberation_is_told_once() -> None:
    """A CCAS member without its deliberation: GC-33 asks for the act approving its
    membership; SG-02 said it again on the same answer (the reviewer's case)."""
    data = example(MIXED)
    (index,) = [i for i, m in enumerate(data["membres"]) if m["forme_juridique"] == "ccas"]
    data["membres"][index].pop("habilitation")
    found = rules_found(check(data))
    path = f"membres[{index + 1}].habilitation"
    assert [p.path for p in found.get("GC-33", [])].count(path) == 1
    assert path not in [p.path for p in found.get("SG-02", [])]
