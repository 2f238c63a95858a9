"""§J.1 to J.3 rules on the sharing clause: RGPD bases, roles (the group and third parties
included), information of the persons, breaches, impact assessment, objection, flows at
orientation and the report of a child at risk. Each rule breaks on one input with its id,
field, line and French message, and the clause prints what the input declares."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import (
    ROOT,
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

from convgen.cli import main as cli
from convgen.errors import Severity
from convgen.loading import read_input
from convgen.schema.document import MODELS
from convgen.wordml.text import docx_text

Data = dict[str, Any]
CONVENTION = "chrs-csapa-addictions"
CADA = "cada-empp-sante-mentale"
GCSMS = "gcsms-associations-handicap"
CHILD = "protection-enfance-reseau-local"
FLOWS = "partage_information__flux"
RGPD = "partage_information__rgpd"


def document_text(docx: bytes) -> str:
    """The document's text, its no-break spaces read as spaces."""
    return docx_text(docx).replace("\u00a0", " ").replace("\u202f", " ")


def _roles(*roles: dict[str, Any]) -> Callable[[Data], Data]:
    return changes(**{f"{RGPD}__roles": list(roles)})


ERRORS: list[tuple[str, str, Callable[[Data], Data], str, str]] = [
    (
        "RG-01",
        CONVENTION,
        changes(**{f"{FLOWS}__1__exception_art9": None}),
        "partage_information.flux[2].exception_art9",
        "porte sur des données de santé, dont le traitement est interdit sauf exception",
    ),
    (
        "RG-05",
        CONVENTION,
        changes(**{f"{RGPD}__violation__delai_information_heures": 72}),
        "partage_information.rgpd.violation.delai_information_heures",
        "délai inférieur à 72 heures (délai déclaré : 72 heures)",
    ),
    (
        "RG-05",
        CADA,
        changes(**{f"{RGPD}__violation__delai_sous_traitant_heures": None}),
        "partage_information.rgpd.violation.delai_sous_traitant_heures",
        "Un sous-traitant doit prévenir le responsable de traitement d'une violation dans un "
        "délai inférieur à 72 heures (délai déclaré : aucun)",
    ),
]
WARNINGS: list[tuple[str, str, Callable[[Data], Data], str, str]] = [
    (
        "RG-09",
        CADA,
        changes(**{f"{FLOWS}__0__base_art6": "a"}),
        "partage_information.flux[1].base_art6",
        "repose sur le consentement (article 6.1 a du RGPD) alors que l'EPSM, qui reçoit ces "
        "informations, est un organisme public : face à une autorité publique, la personne "
        "n'est en principe pas libre de refuser",
    ),
    (
        "RG-09",
        CADA,
        changes(**{f"{FLOWS}__1__base_art6": "f"}),
        "partage_information.flux[2].base_art6",
        "repose sur l'intérêt légitime (article 6.1 f du RGPD) alors que l'EPSM, qui "
        "transmet ces informations, est un organisme public : l'article 6.1 exclut cette base",
    ),
    (
        "RG-01",
        CONVENTION,
        changes(**{f"{FLOWS}__0__base_art6": None}),
        "partage_information.flux[1].base_art6",
        "Indiquez la base juridique RGPD du flux « Orientation vers le CSAPA » (article 6",
    ),
    (
        "RG-04",
        CONVENTION,
        changes(**{f"{RGPD}__information": None}),
        "partage_information.rgpd",
        "Précisez qui informe les personnes, par quel support et à quel moment",
    ),
    (
        "RG-05",
        CONVENTION,
        changes(**{f"{RGPD}__violation": None}),
        "partage_information.rgpd",
        "Prévoyez l'information des autres parties en cas de violation de données",
    ),
    (
        "RG-05",
        CONVENTION,
        changes(**{f"{RGPD}__violation__delai_information_heures": 60}),
        "partage_information.rgpd.violation.delai_information_heures",
        "Un délai d'information entre parties de 60 heures laisse peu de temps",
    ),
    (
        "RG-06",
        CONVENTION,
        changes(**{f"{FLOWS}__1__duree_conservation": {"duree": 5}}),
        "partage_information.flux[2].duree_conservation",
        "est incomplète : indiquez la durée, l'unité et le point de départ",
    ),
    (
        # A lawyer's input kept what was shared for 99 years, without a word.
        "RG-06",
        CONVENTION,
        changes(
            **{
                f"{FLOWS}__1__duree_conservation": {
                    "duree": 99,
                    "unite": "ans",
                    "point_depart": "la fin de l'accompagnement",
                }
            }
        ),
        "partage_information.flux[2].duree_conservation.duree",
        "dépasse vingt ans, la durée de conservation du dossier médical (code de la santé",
    ),
    (
        "RG-06",
        CONVENTION,
        changes(**{f"{FLOWS}__1__duree_conservation": "300 mois après la clôture du dossier"}),
        "partage_information.flux[2].duree_conservation",
        "dépasse vingt ans",
    ),
    (
        "RG-06",
        CONVENTION,
        changes(
            **{
                f"{FLOWS}__1__duree_conservation": "5 ans après la fin de l'accompagnement, "
                "puis 30 ans en archives intermédiaires"
            }
        ),
        "partage_information.flux[2].duree_conservation",
        "dépasse vingt ans, la durée de conservation du dossier médical",
    ),
    (
        "RG-07",
        CONVENTION,
        changes(**{f"{FLOWS}__1__canal": "dossier_partage"}),
        "partage_information.rgpd",
        "Le traitement partagé « Synthèse des accompagnements conjoints » porte sur des "
        "données de santé",
    ),
    (
        "PI-20",
        CONVENTION,
        appending("objet", "Un interprète est présent aux entretiens."),
        "objet",
        "fait intervenir un interprète, qui reçoit des informations sur les personnes sans "
        "être déclaré",
    ),
    (
        "PI-20",
        CONVENTION,
        changes(
            **{
                "partage_information__intervenants_tiers": [
                    {
                        "code": "isi",
                        "nom": "le service ISI",
                        "nature": "interprete",
                        "mandant": "chrs",
                    }
                ],
                f"{RGPD}__roles": [
                    {"partie": "chrs", "role": "responsable"},
                    {"partie": "csapa", "role": "responsable"},
                    {"partie": "isi", "role": "responsable"},
                ],
            }
        ),
        "partage_information.intervenants_tiers[1]",
        "Le service ISI traite les données pour le compte du Relais",
    ),
    (
        "PI-18",
        CHILD,
        changes(modalites__0__parties=["departement", "association", "hopital", "commune"]),
        "modalites[1].parties[4]",
        "La Ville participe à « Réunions de synthèse », qui porte sur des personnes identifiées, "
        "mais n'apparaît dans aucun flux d'informations",
    ),
    (
        "PI-21",
        CONVENTION,
        changes(**{f"{FLOWS}__0__base_legale": "echange_l1110_4"}),
        "partage_information.flux[1].base_legale",
        "a lieu lors de l'orientation, avant que le CSAPA ne participe à la prise en charge",
    ),
]
ROLE_ERRORS: list[tuple[str, str, Callable[[Data], Data], str, str]] = [
    (
        "RG-02",
        CONVENTION,
        _roles(
            {"partie": "chrs", "role": "responsable_conjoint"},
            {"partie": "csapa", "role": "responsable"},
        ),
        "partage_information.rgpd.roles[1].role",
        "Le Relais est le seul responsable conjoint déclaré : on n'est responsable conjoint "
        "qu'avec un autre",
    ),
    (
        "RG-02",
        CONVENTION,
        _roles({"partie": "chrs", "role": "responsable"}),
        "partage_information.rgpd.roles",
        "Le CSAPA traite des données des personnes (« Orientation vers le CSAPA ») sans rôle "
        "RGPD déclaré",
    ),
    (
        "RG-02",
        GCSMS,
        changes(**{f"{RGPD}__roles__3": None}),
        "partage_information.rgpd.roles",
        "Le groupement traite des données des personnes (« permettre les interventions communes",
    ),
    (
        "RG-02",
        CONVENTION,
        _roles(
            {"partie": "chrs", "role": "responsable"},
            {"partie": "csapa", "role": "sous_traitant"},
        ),
        "partage_information.rgpd.roles[2].pour_le_compte_de",
        "Le CSAPA est sous-traitant : indiquez pour le compte de quelle partie",
    ),
    (
        "RG-02",
        CONVENTION,
        _roles(
            {"partie": "chrs", "role": "responsable"},
            {"partie": "csapa", "role": "responsable"},
            {"partie": "csapa", "role": "sous_traitant", "pour_le_compte_de": "chrs"},
        ),
        "partage_information.rgpd.roles[3].role",
        "Le CSAPA a deux rôles déclarés (responsable de traitement et sous-traitant)",
    ),
    (
        "RG-02",
        CONVENTION,
        _roles(
            {"partie": "chrs", "role": "responsable_conjoint"},
            {"partie": "csapa", "role": "responsable_conjoint"},
        ),
        "partage_information.rgpd.accord_responsables_conjoints",
        "l'accord prévu à l'article 26 du RGPD",
    ),
    (
        "RG-02",
        CONVENTION,
        _roles(
            {"partie": "chrs", "role": "responsable"},
            {"partie": "csapa", "role": "sous_traitant", "pour_le_compte_de": "chrs"},
        ),
        "partage_information.rgpd.contrat_sous_traitance",
        "le contrat prévu à l'article 28 du RGPD",
    ),
    (
        "RG-08",
        CHILD,
        changes(**{f"{FLOWS}__2__droit_opposition": True}),
        "partage_information.flux[3].droit_opposition",
        "repose sur une obligation légale : le droit d'opposition de l'article 21",
    ),
    (
        "PI-22",
        CHILD,
        changes(**{f"{FLOWS}__2__base_legale": "protection_enfance_l226_2_2"}),
        "partage_information.flux[3].base_legale",
        "transmet une information préoccupante : il relève de l'article L. 226-2-1 du CASF",
    ),
    (
        "PI-22",
        CHILD,
        changes(**{f"{FLOWS}__2__destinataire": "hopital"}),
        "partage_information.flux[3].destinataire",
        "son destinataire est le président du conseil départemental (cellule de recueil), "
        "non le Centre hospitalier",
    ),
    (
        "PI-22",
        CHILD,
        changes(**{f"{FLOWS}__2__information_autorite_parentale": None}),
        "partage_information.flux[3].information_autorite_parentale",
        "Prévoyez l'information préalable des parents, des titulaires de l'autorité parentale",
    ),
    (
        "PI-23",
        CHILD,
        changes(**{f"{FLOWS}__0__consentement": {"modalite": "par écrit"}}),
        "partage_information.flux[1].consentement",
        "non leur accord : ne présentez pas le consentement comme une condition",
    ),
]


@rule_cases(ERRORS)
def test_an_error_rule_reports_its_message(case: RuleCase) -> None:
    assert_rule_case(case, severity=Severity.ERREUR)


@rule_cases(WARNINGS)
def test_a_warning_rule_reports_its_message(case: RuleCase) -> None:
    assert_rule_case(case, severity=Severity.AVERTISSEMENT)


@rule_cases(ROLE_ERRORS)
def test_roles_and_child_protection_rules_block(case: RuleCase) -> None:
    assert_rule_case(case)


def test_a_network_tool_on_persons_without_any_flow_is_an_error() -> None:
    data = changes(
        partage_information=None,
        gouvernance__outils_partages__0__donnees_personnelles=True,
    )(example("charte-reseau-rural-domicile"))
    (problem,) = rules_found(check(data))["PI-19"]
    assert problem.path == "gouvernance.outils_partages[1]"
    assert problem.severity is Severity.ERREUR
    assert "La charte exclut tout échange d'informations alors qu'elle organise « le cahier" in (
        problem.message
    )
    text = document_text(
        render(changes(partage_information=None)(example("charte-reseau-rural-domicile")))
    )
    assert "Cet outil ne contient aucune information permettant d’identifier" in text


def test_a_finding_names_the_file_line_of_its_field(tmp_path: Path) -> None:
    source = tmp_path / "partage.yaml"
    text = (ROOT / "exemples" / f"{CONVENTION}.yaml").read_text(encoding="utf-8")
    source.write_text(text.replace("      exception_art9: h\n", ""), encoding="utf-8")
    lines = text.splitlines()
    line = lines.index("    - intitule: Synthèse des accompagnements conjoints") + 1
    result = CliRunner().invoke(cli.cli, ["valider", str(source)])
    assert result.exit_code == 1, result.output
    assert f"{source}:{line}: partage_information.flux[2].exception_art9 : " in result.output
    assert "sauf exception : indiquez l'exception de l'article 9.2" in result.output
    assert "[RG-01]" in result.output


@pytest.mark.parametrize("name", [CONVENTION, CADA, GCSMS, CHILD])
def test_the_examples_satisfy_the_rgpd_rules(name: str) -> None:
    found = rules_found(check(example(name)))
    for rule in ("RG-01", "RG-02", "RG-04", "RG-05", "RG-07", "RG-08", "PI-20", "PI-21", "PI-22"):
        assert rule not in found, (name, rule, [p.message for p in found.get(rule, [])])


def test_objection_left_at_its_default_is_no_error_for_a_legal_duty() -> None:
    data = changes(**{f"{FLOWS}__2__droit_opposition": None})(example(CHILD))
    assert "RG-08" not in rules_found(check(data))


def test_objection_left_at_its_default_is_no_error_under_child_protection() -> None:
    """The default (« oui ») is never printed for these flows: PI-23 is about an opposition
    the input states, not one it leaves out."""
    data = changes(**{f"{FLOWS}__{index}__droit_opposition": None for index in (0, 1, 2)})(
        example(CHILD)
    )
    assert "PI-23" not in rules_found(check(data))
    assert "s’opposer" not in document_text(render(data))


def test_an_objection_asked_for_under_social_action_is_printed() -> None:
    """CASF L. 121-6-2 neither gives nor excludes a right to object to the sharing: left
    out, none is printed; asked for in so many words, the parties' commitment is printed
    (it was dropped without a word)."""
    data = read_input(ROOT / "tests" / "golden" / "entrees" / "convention-retour-domicile.yaml")
    flows = data.data["partage_information"]["flux"]
    (index,) = [i for i, f in enumerate(flows) if f["base_legale"] == "action_sociale_l121_6_2"]
    objection = "ainsi que de son droit de s’opposer à tout moment à l’échange"

    def printed(value: bool | None) -> int:
        mutate = changes(**{f"{FLOWS}__{index}__droit_opposition": value})
        changed = mutate(copy.deepcopy(data.data))
        return document_text(render(changed)).count(objection)

    assert printed(True) == printed(False) + 1
    assert printed(None) == printed(False)
    # Written or left out, the data's fingerprint differs: regenerer renders it again.
    fingerprints = {
        check(
            changes(**{f"{FLOWS}__{index}__droit_opposition": value})(copy.deepcopy(data.data))
        ).fingerprint
        for value in (True, None)
    }
    assert len(fingerprints) == 2


def test_an_exception_for_health_data_is_printed_only_beside_health_data() -> None:
    """A flow about a family's social situation with the 9.2 exception ticked: the
    document would say it carries health data; it does not print it, and RG-01 warns."""
    data = changes(**{f"{FLOWS}__0__exception_art9": "h"})(example(CONVENTION))
    assert not data["partage_information"]["flux"][0].get("donnees_sante")
    (found,) = [p for p in check(data).problems if p.path.endswith("flux[1].exception_art9")]
    assert found.rule == "RG-01" and found.severity is Severity.AVERTISSEMENT
    assert "ne déclare pas de données de santé" in found.message
    text = document_text(render(data))
    assert text.count("exception à l’interdiction de traiter des données de santé") == 1


def test_a_third_party_and_the_group_are_names_flows_may_use() -> None:
    data = example(CADA)
    data["partage_information"]["intervenants_tiers"] = [
        {"code": "isi", "nom": "le service ISI", "nature": "interprete", "mandant": "cada"}
    ]
    flux = dict(data["partage_information"]["flux"][2], destinataire="isi")
    data["partage_information"]["flux"][2] = flux
    data["partage_information"]["rgpd"]["roles"][2] = {
        "partie": "isi",
        "role": "sous_traitant",
        "pour_le_compte_de": "cada",
    }
    found = rules_found(check(data))
    assert "CO-02" not in found and "PI-20" not in found and "RG-02" not in found
    text = document_text(render(data))
    assert "Le service ISI (interprète), à la demande de Terre d’Accueil" in text
    assert "le service ISI : sous-traitant pour le compte de Terre d’Accueil" in text


def test_the_group_is_no_organisation_of_a_partnership_convention() -> None:
    data = _roles(
        {"partie": "chrs", "role": "responsable"}, {"partie": "groupement", "role": "responsable"}
    )(example(CONVENTION))
    found = rules_found(check(data))["CO-02"]
    assert [p.path for p in found] == ["partage_information.rgpd.roles[2].partie"]


def test_a_retention_written_as_one_sentence_is_still_read() -> None:
    data = changes(**{f"{FLOWS}__1__duree_conservation": "10 ans après la sortie"})(
        example(CONVENTION)
    )
    validated = check(data)
    assert not [p for p in validated.problems if p.severity is Severity.ERREUR]
    assert "durée de conservation : 10 ans après la sortie." in document_text(render(data))


def test_the_clause_prints_bases_retention_information_breach_and_the_cnil() -> None:
    text = document_text(render(example(CONVENTION)))
    assert "base juridique au regard du RGPD : exécution d’une mission d’intérêt public" in text
    assert "exception à l’interdiction de traiter des données de santé : prise en charge" in text
    assert "durée de conservation : cinq (5) ans à compter de la fin de l’accompagnement." in text
    assert "phase : orientation, avant l’admission ; le CSAPA ne participant pas encore" in text
    assert "réclamation auprès de la Commission nationale de l’informatique et des libertés" in text
    assert "dans un délai de quarante-huit (48) heures au plus" in text
    assert "au moyen d’une notice d’information remise en main propre" in text


def test_a_report_of_a_child_at_risk_is_printed_apart_and_without_objection() -> None:
    text = document_text(render(example(CHILD)))
    assert "Conformément à l’article L. 226-2-1 du code de l’action sociale et des familles" in text
    assert "sans délai au président du conseil départemental" in text
    assert "respect d’une obligation légale (article 6.1 c du RGPD)" in text
    # No right to object was granted above: the sentence does not speak of one « ne
    # s'appliquant pas » (it did, of a right the clause never named).
    assert (
        "Les transmissions que la loi impose ne peuvent faire l’objet d’aucune opposition." in text
    )
    assert "droit d’opposition" not in text
    assert "droit de s’opposer, à tout moment" not in text
    # Nor the objection of article 21 GDPR, which the rule PI-23 refuses in so many words.
    assert "article 21" not in text and "s’y opposer" not in text


def test_article_21_is_said_of_the_other_exchanges_not_of_child_protection() -> None:
    mixed = changes(
        **{
            f"{FLOWS}__0__base_legale": "action_sociale_l121_6_2",
            f"{FLOWS}__0__finalites": ["action_sociale"],
            f"{FLOWS}__0__meme_personne_ou_famille": True,
        }
    )(example(CHILD))
    text = document_text(render(mixed))
    assert "elles peuvent s’y opposer pour des raisons tenant à leur situation" in text
    assert (
        "Ce droit ne s’applique pas aux partages relevant de la protection de l’enfance, pour "
        "lesquels la loi prévoit l’information préalable des personnes concernées." in text
    )


def test_the_json_schema_offers_the_new_fields() -> None:
    schema = MODELS["convention_partenariat"].model_json_schema()
    flux = schema["$defs"]["Flux"]["properties"]
    assert {"base_art6", "exception_art9", "phase"} <= set(flux)
    assert "information_preoccupante_l226_2_1" in schema["$defs"]["BaseLegale"]["enum"]
    assert {"information", "violation", "aipd_par", "motif_absence_aipd"} <= set(
        schema["$defs"]["Rgpd"]["properties"]
    )


@pytest.mark.parametrize(
    ("category", "warned"),
    [
        ("diagnostic psychiatrique et traitements en cours", True),
        ("signes de souffrance psychique observés", True),
        ("situation de handicap", True),
        ("situation au regard des droits à l'assurance maladie", False),
        ("complémentaire santé solidaire", False),
        ("identité et adresse", False),
    ],
)
def test_a_flow_that_speaks_of_health_without_saying_so_is_a_warning(
    category: str, warned: bool
) -> None:
    data = example(CONVENTION)
    flow = data["partage_information"]["flux"][0]
    flow.pop("donnees_sante", None)
    flow.pop("exception_art9", None)
    flow["categories_informations"] = [category]
    said = [
        p for p in rules_found(check(data)).get("RG-01", []) if p.path.endswith("donnees_sante")
    ]
    assert bool(said) == warned, category
    if warned:
        assert said[0].severity is Severity.AVERTISSEMENT
        assert f"semblent porter sur la santé (« {category} »)" in said[0].message
    flow["donnees_sante"], flow["exception_art9"] = True, "h"
    assert not [p for p in rules_found(check(data)).get("RG-01", []) if "santé" in p.message]


def test_the_officer_is_asked_of_the_public_parties_that_share_data() -> None:
    """RG-03 points to the list of officers, where one is added; a public member that
    neither sends nor receives data (the CCAS of this charter) is not asked for one."""
    data = example("charte-reseau-sante-precarite")
    officers = data["partage_information"]["rgpd"]["delegues"]
    data["partage_information"]["rgpd"]["delegues"] = [
        officer for officer in officers if officer["partie"] not in ("ccas", "hopital")
    ]
    (found,) = rules_found(check(data))["RG-03"]
    assert found.path == "partage_information.rgpd.delegues"
    assert found.message.startswith("Le Centre hospitalier est un organisme public")


@pytest.mark.parametrize(
    "retention",
    [
        "jusqu'aux 28 ans de l'enfant",  # an age, not a period
        "10 ans à compter des 18 ans de la personne",
        "20 ans à compter du dernier séjour (code de la santé publique, art. R. 1112-7)",
        "240 mois après la fin de l'accompagnement",
    ],
)
def test_rg06_reads_an_age_or_a_cited_text_as_no_excess(retention: str) -> None:
    data = changes(**{f"{FLOWS}__1__duree_conservation": retention})(example(CONVENTION))
    found = rules_found(check(data)).get("RG-06", [])
    assert not [p for p in found if "vingt ans" in p.message], [p.message for p in found]


@pytest.mark.parametrize("base", ["a", "f"])
def test_consent_or_interest_between_private_parties_is_no_public_body_base(base: str) -> None:
    """RG-09 speaks of the public bodies of a flow: the CADA's flow to the interpreters'
    association, two private bodies, may rest on consent or legitimate interests."""
    data = changes(**{f"{FLOWS}__2__base_art6": base})(example(CADA))
    assert "RG-09" not in rules_found(check(data))


def test_a_public_group_and_a_public_member_exchanging_on_consent_are_named_together() -> None:
    """RG-09 reads the group of a GCSMS of public law as a public body, its nature written
    or not yet (all its members public)."""
    data = example("gcsms-mixte-ccas-ehpad")
    data["partage_information"]["flux"][0].update(
        emetteur="groupement", destinataire="ehpad", base_art6="a"
    )
    (found,) = rules_found(check(data))["RG-09"]
    assert "alors que le groupement et l'EHPAD, qui les échangent, sont des organismes " in (
        found.message
    )
    data["partage_information"]["flux"][0]["destinataire"] = "transport"  # a third party
    data["nature_juridique"] = None
    for member in data["membres"]:
        member["nature"] = "public"
    (found,) = rules_found(check(data))["RG-09"]
    assert "alors que le groupement, qui transmet ces informations, est un organisme " in (
        found.message
    )
