"""Every rule of the charte de réseau: silent on the examples, its message when broken."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import (
    Mutation,
    RuleCase,
    appending,
    assert_rule_case,
    changes,
    check,
    example,
    render,
    rule_cases,
    rules_found,
)

from convgen.echeances.calcul import obligations
from convgen.errors import Severity
from convgen.regles import rules_for
from convgen.regles.charte import FIVE_PRINCIPLES
from convgen.regles.explications import EXPLANATIONS
from convgen.wording.libelles import label
from convgen.wordml.text import docx_text

HEALTH = "charte-reseau-sante-precarite"
RURAL = "charte-reseau-rural-domicile"

CASES: list[tuple[str, str, Mutation, str, str]] = [
    (
        "CR-13",
        HEALTH,
        changes(
            exclusion="Le comité de pilotage peut prononcer l'exclusion d'un membre qui "
            "manque gravement à la présente charte."
        ),
        "exclusion",
        "La charte prévoit l'exclusion d'un membre sans dire qu'il est entendu : précisez",
    ),
    *(
        (
            "CR-13",
            HEALTH,
            changes(exclusion=f"Le comité de pilotage peut exclure un membre {ruled_out}."),
            "exclusion",
            "La charte prévoit d'exclure un membre sans l'entendre : prévoyez qu'il soit invité",
        )
        for ruled_out in (
            "sans être entendu",
            "sans qu'il soit entendu",
            "sans l'avoir préalablement entendu",
            "sans audition préalable",
            "sans que le membre puisse présenter ses observations",
            "sans convocation",
            "après avoir entendu la coordination",
            "au vu des observations des partenaires",
            "; il peut être auditionné ensuite s'il forme un recours",
        )
    ),
    *(
        (
            "CR-13",
            HEALTH,
            changes(exclusion=f"Le comité de pilotage peut exclure un membre. {unsaid}"),
            "exclusion",
            "sans dire qu'il est entendu",
        )
        for unsaid in (
            "Le comité, convoqué à cet effet, statue à la majorité.",
            "Étant entendu que l'exclusion est définitive.",
        )
    ),
    (
        "CR-12",
        RURAL,
        changes(financement__cotisation_beneficiaire=None),
        "financement.cotisation_beneficiaire",
        "Le réseau, sans personnalité morale, ne perçoit pas de fonds : indiquez le membre",
    ),
    (
        "CR-12",
        RURAL,
        changes(engagements_membres__3="prendre en charge le déficit éventuel du réseau"),
        "engagements_membres[4]",
        "La charte engage financièrement ses membres (« prendre en charge le déficit "
        "éventuel du réseau »)",
    ),
    (
        "CR-03",
        RURAL,
        changes(
            retrait__modalites="Le membre qui se retire doit obtenir l'accord du groupe "
            "d'animation et reste redevable de la cotisation des deux années suivantes."
        ),
        "retrait.modalites",
        "l'adhésion à la charte est libre, le retrait aussi ; il ne peut dépendre de l'accord",
    ),
    (
        "CR-12",
        RURAL,
        changes(
            engagements_membres=[
                "verser chaque année une participation de 3 000 euros au poste de coordinatrice"
            ]
        ),
        "engagements_membres[1]",
        "La charte engage financièrement ses membres",
    ),
    (
        "CR-11",
        RURAL,
        changes(gouvernance__outils_partages=None),
        "objectifs[2].indicateurs[1].source",
        "évoque « cahier de liaison » : déclarez cet outil (gouvernance.outils_partages",
    ),
    (
        "CR-11",
        RURAL,
        changes(
            gouvernance__outils_partages=None,
            preambule="Les membres alimentent une Base de Données partagée sur les situations.",
        ),
        "preambule",
        "évoque « Base de Données partagée » : déclarez cet outil",
    ),
    (
        "CR-11",
        RURAL,
        changes(gouvernance__outils_partages__0__donnees_personnelles=True),
        "gouvernance.outils_partages[1]",
        "Le réseau tient « le cahier de liaison du réseau, qui recense les relais organisés "
        "entre membres » sur des personnes : déclarez les flux et le rôle RGPD de chacun de "
        "ceux qui le tiennent ou y accèdent (manquent : le CCAS de Charquemont).",
    ),
    (
        "CR-01",
        RURAL,
        changes(principes__4=None),
        "principes",
        "Les principes du partenariat sont incomplets : « évolution » manquant.",
    ),
    (
        "CR-02",
        HEALTH,
        changes(champ__territoire=None),
        "champ.territoire",
        "Définissez le territoire couvert par le réseau.",
    ),
    (
        "CR-03",
        RURAL,
        changes(adhesion=None),
        "adhesion",
        "Décrivez les modalités d'adhésion des membres.",
    ),
    (
        "TX-04",
        RURAL,
        changes(retrait__modalites="Le retrait est notifié par écrit avec un préavis d'un mois."),
        "retrait.modalites",
        "contient un montant, une date ou une durée saisis librement (« préavis d'un mois »)",
    ),
    (
        "CR-04",
        RURAL,
        changes(gouvernance__comite_pilotage__frequence=None),
        "gouvernance.comite_pilotage",
        "Précisez la composition et la fréquence du comité de pilotage.",
    ),
    (
        "CR-04",
        RURAL,
        changes(gouvernance__coordination=None),
        "gouvernance.coordination",
        "Désignez le membre qui assure la coordination du réseau.",
    ),
    (
        "CR-05",
        HEALTH,
        changes(engagements_membres=[]),
        "engagements_membres",
        "La charte doit préciser les engagements des membres.",
    ),
    (
        "CR-06",
        HEALTH,
        changes(usagers__libre_choix=False),
        "usagers",
        "Précisez la place des usagers (information, libre choix d'adhérer au réseau ou de s'en "
        "retirer).",
    ),
    (
        "CR-07",
        HEALTH,
        changes(reseau_sante__document_information=False),
        "reseau_sante",
        "Un réseau de santé doit disposer d'une convention constitutive, d'un document "
        "d'information des usagers et d'une démarche d'évaluation.",
    ),
    (
        "CR-08",
        HEALTH,
        changes(evaluation__rapport_activite_annuel=False),
        "evaluation.rapport_activite_annuel",
        "Prévoyez le rapport d'activité annuel, à établir avant le 31 mars.",
    ),
    (
        "CR-08",
        HEALTH,
        changes(evaluation__date_limite_rapport="30 juin"),
        "evaluation.date_limite_rapport",
        "Le rapport d'activité d'un réseau de santé s'établit avant le 31 mars : « avant le "
        "30 juin » est plus tard",
    ),
    (
        "CR-10",
        HEALTH,
        changes(valeurs=None),
        "valeurs",
        "La charte d'un réseau de santé doit énoncer ses principes éthiques",
    ),
    (
        "CR-09",
        RURAL,
        changes(signature__signataires=["admr", "ssiad"]),
        "signature.signataires",
        "Les signataires de la charte ne correspondent pas aux membres déclarés (ne signent pas : "
        "le CCAS de Charquemont, Monsieur Cuenin).",
    ),
    (
        "EV-03",
        RURAL,
        changes(duree={"date_effet": "2026-03-01", "duree_mois": 6}),
        "evaluation",
        "Aucune évaluation n'est prévue avant l'échéance du 31 août 2026",
    ),
    (
        "CO-02",
        RURAL,
        changes(gouvernance__coordination="mairie"),
        "gouvernance.coordination",
        "« mairie » ne désigne aucune organisation du document",
    ),
    (
        "SG-07",
        RURAL,
        changes(membres__2__delegation=None),
        "membres[3].delegation",
        "Isabelle Bourgeois signe pour le CCAS de Charquemont sans en être le représentant",
    ),
    (
        "SG-08",
        RURAL,
        changes(membres__2__delegation__date="2019-05-02"),
        "membres[3].delegation.date",
        "La délégation du 2 mai 2019 consentie à Isabelle Bourgeois pour le CCAS de Charquemont",
    ),
    (
        "PI-12",
        HEALTH,
        changes(partage_information__flux__0__destinataire_soumis_secret=False),
        "partage_information.flux[1].destinataire_soumis_secret",
        "vers le Centre hospitalier est déclaré « destinataire non soumis au secret »",
    ),
    (
        "TY-06",
        RURAL,
        changes(signature__nombre_originaux=3),
        "signature.nombre_originaux",
        "Le nombre d'exemplaires originaux (3) est inférieur au nombre de signataires (4).",
    ),
    (
        "TX-08",
        RURAL,
        appending("preambule", "Les 5 membres du réseau se réunissent chaque année."),
        "preambule",
        "parle de « 5 membres », mais le réseau réunit quatre membres",
    ),
]


@pytest.mark.parametrize("name", [HEALTH, RURAL])
def test_the_charter_examples_break_no_rule(name: str) -> None:
    assert check(example(name)).problems == ()


@rule_cases(CASES)
def test_rule_reports_its_message(case: RuleCase) -> None:
    # Health-network rules are [C] for a réseau de santé (CSP D6321-x), [P] otherwise.
    health = case.example == HEALTH and case.rule in {"CR-02", "CR-05", "CR-06"}
    assert_rule_case(case, severity=Severity.ERREUR if health else None)


def test_every_charter_rule_has_a_case() -> None:
    own = {r.id for r in rules_for("charte_reseau") if r.check and r.id.startswith("CR")}
    assert own == {case[0] for case in CASES if case[0].startswith("CR")}


def test_health_network_rules_block_only_health_networks() -> None:
    health = rules_found(check(changes(engagements_membres=[])(example(HEALTH))))
    rural = rules_found(check(changes(engagements_membres=[])(example(RURAL))))
    assert health["CR-05"][0].severity is Severity.ERREUR
    assert rural["CR-05"][0].severity is Severity.AVERTISSEMENT
    assert "CR-07" not in rules_found(check(changes(reseau_sante=None)(example(RURAL))))
    rural_users = rules_found(check(changes(usagers=None)(example(RURAL))))
    assert rural_users["CR-06"][0].severity is Severity.AVERTISSEMENT


def test_default_principles_satisfy_cr01() -> None:
    assert "CR-01" not in rules_found(check(changes(principes=None)(example(RURAL))))


def test_an_emptied_list_of_principles_keeps_the_default_ones() -> None:
    """The atelier saves ``principes: []`` when the last line is removed: the charter
    still states the five principles, as without the key, and CR-01 stays quiet."""
    emptied = changes(principes=[])(example(RURAL))
    assert "CR-01" not in rules_found(check(emptied))
    absent = changes(principes=None)(example(RURAL))
    assert docx_text(render(emptied)) == docx_text(render(absent))
    assert "Intérêt mutuel" in docx_text(render(emptied))


def test_steering_committee_signs_for_the_network() -> None:
    document = check(example(HEALTH)).document
    assert [m.code for m in document.signatories] == ["ccas", "hopital", "asso"]
    assert [m.code for m in check(example(RURAL)).document.signatories] == [
        "admr",
        "ssiad",
        "ccas",
        "infirmier",
    ]


def test_a_signing_message_calls_the_charter_a_charter() -> None:
    """SG-01 on a member commune: the deliberation authorises signing « cette charte »."""
    data = example("charte-reseau-rural-domicile")
    data["membres"][2]["forme_juridique"] = "commune"
    (found,) = rules_found(check(data))["SG-01"]
    assert (
        "qui autorise la signature de cette charte, non par une décision du conseil "
        "d'administration :" in found.message
    )
    data["membres"][2]["habilitation"]["organe"] = "le conseil municipal"
    (found,) = rules_found(check(data))["SG-01"]
    assert found.message.endswith("elle doit autoriser la signature de cette charte.")


def test_cr01_explains_the_principles_the_charter_prints() -> None:
    """The catalogue named five other principles than those of the charter."""
    explanation = EXPLANATIONS["CR-01"]
    assert [label(p) in explanation for p in FIVE_PRINCIPLES] == [True] * 5


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "cellule d'animation",
            [
                "piloté par une cellule d’animation, composée comme suit",
                "Elle se réunit une fois par trimestre",
                "sur proposition de la cellule d’animation",
            ],
        ),
        (
            "Assemblée des membres",
            ["piloté par une assemblée des membres, composée", "sur proposition de l’assemblée"],
        ),
        ("Comité de pilotage", ["piloté par un comité de pilotage, composé", "Il se réunit"]),
    ],
)
def test_the_steering_body_is_named_with_its_gender(name: str, expected: list[str]) -> None:
    """« piloté par un cellule d'animation, composé », « sur proposition du assemblée »."""
    data = changes(gouvernance__comite_pilotage__nom=name)(example("charte-reseau-rural-domicile"))
    text = docx_text(render(data)).replace("\u00a0", " ")
    for words in expected:
        assert words in text


def test_the_steering_body_mediates_and_meets_with_its_article() -> None:
    data = changes(gouvernance__comite_pilotage__nom="cellule d'animation")(
        example("charte-reseau-sante-precarite")
    )
    text = docx_text(render(data))
    assert "au besoin avec la médiation de la cellule d’animation" in text
    assert "Pour le réseau, les membres de la cellule d’animation" in text  # above signatures
    validated = check(data)
    meetings = {o.label for o in obligations(validated.document, dt.date(2040, 1, 1))}
    assert "Réunion de la cellule d'animation" in meetings  # as typed
    assert not [label for label in meetings if "du cellule" in label]


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("retrait__modalites", "Le retrait ne donne lieu à aucune pénalité."),
        ("retrait__modalites", "Il ne nécessite ni l'accord ni l'autorisation du comité."),
        ("retrait__modalites", "Il reste redevable de la cotisation de l'année en cours."),
        ("retrait__modalites", "Le retrait se fait sans pénalité ni indemnité."),
        ("retrait__modalites", "Le retrait ne nécessite pas l'accord du comité de pilotage."),
        ("retrait__modalites", "Le retrait ne nécessite l'accord d'aucune instance."),
        ("retrait__modalites", "Il n'est soumis ni à l'accord du comité ni à une pénalité."),
        ("preambule", "Le réseau est financé par une subvention de l'ARS de 45 000 euros."),
        ("preambule", "La coordination verse aux membres une indemnité de 150 €."),
    ],
)
def test_a_free_withdrawal_and_outside_funding_are_not_reported(field: str, text: str) -> None:
    data = changes(**{field: text})(example(RURAL))
    found = rules_found(check(data))
    path = field.replace("__", ".")
    assert not [p for p in [*found.get("CR-03", []), *found.get("CR-12", [])] if p.path == path]


@pytest.mark.parametrize(
    "limit", ["31 mars", "1er mars", "15 février", "la fin du premier trimestre"]
)
def test_a_health_network_s_report_due_by_march_is_not_reported(limit: str) -> None:
    data = changes(evaluation__date_limite_rapport=limit)(example(HEALTH))
    assert "CR-08" not in rules_found(check(data))


def test_a_charter_without_withdrawal_words_prints_its_own_and_does_not_warn() -> None:
    """CR-03 asked « Décrivez les modalités de retrait » while the charter, without them,
    already says how to withdraw (and the atelier's help says it will): the director
    saw a warning contradict the help. The default clause is printed, nothing is said."""
    data = changes(retrait__modalites=None)(example(RURAL))
    assert not [p for p in rules_found(check(data)).get("CR-03", []) if p.path == "retrait"]
    text = docx_text(render(data)).replace("\u00a0", " ")
    assert "Chaque membre peut se retirer du réseau à tout moment" in text
    assert "Le retrait est notifié par écrit" in text


@pytest.mark.parametrize(
    "heard",
    [
        "après l'avoir invité à présenter ses observations",
        "après un entretien contradictoire",
        "dans le respect des droits de la défense",
        "après l'avoir invité à s'exprimer devant le comité",
        "après que le président a reçu le représentant du membre",
        "après convocation du membre par lettre recommandée",
        "le membre concerné est entendu par le comité dans les quinze jours",
        "après qu'il a pu faire valoir son point de vue",
    ],
)
def test_cr13_is_silent_when_the_member_is_heard(heard: str) -> None:
    text = f"Le comité de pilotage peut exclure un membre qui manque à la charte, {heard}."
    assert "CR-13" not in rules_found(check(changes(exclusion=text)(example(HEALTH))))


@pytest.mark.parametrize(
    "text",
    [
        "Le membre qui se retire sans préavis verse une pénalité de 500 €.",
        "Le retrait, notifié sans délai à la coordination, est soumis à l'accord du comité de "
        "pilotage.",
        "Aucun membre ne peut se retirer sans l'accord du comité de pilotage.",
        "Le retrait n'est possible qu'avec l'accord du bureau, sans autre formalité.",
    ],
)
def test_a_tied_withdrawal_is_reported_beside_a_negation_that_rules_nothing_out(
    text: str,
) -> None:
    """« sans », « ni », « pas » elsewhere in the sentence hid the penalty or the approval
    (the lawyer's pass): only a negation of the condition itself rules it out."""
    data = changes(retrait__modalites=text)(example(RURAL))
    (found,) = rules_found(check(data))["CR-03"]
    assert found.path == "retrait.modalites"
    assert "il ne peut dépendre de l'accord d'une instance" in found.message
