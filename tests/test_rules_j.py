"""Rules of domaine.md §J (free text, members, GCSMS references): each breaks on one input
with its id, field and French message, and stays silent on the shipped examples."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import (
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
from convgen.regles import RULES
from convgen.wordml.text import docx_text

Data = dict[str, Any]
PRIVATE = "gcsms-associations-handicap"
MIXED = "gcsms-mixte-ccas-ehpad"


CASES: list[tuple[str, str, Callable[[Data], Data], str, str]] = [
    (
        "TX-01",
        PRIVATE,
        appending("retrait.consequences_financieres", "Un membre peut se retirer à tout moment."),
        "retrait.consequences_financieres",
        "« Un membre peut se retirer à tout moment. » permet un retrait à tout moment",
    ),
    (
        "GC-42",
        PRIVATE,
        appending("objet", "Il est régi par les articles R. 312-194-1 et suivants du CASF."),
        "objet",
        "Remplacez « R. 312-194-1 et suivants » par « R. 312-194-1 à R. 312-194-25 »",
    ),
    (
        "TX-03",
        PRIVATE,
        changes(dissolution__devolution="Le boni de liquidation est réparti entre les membres."),
        "dissolution.devolution",
        "La dévolution prévoit un partage de l'actif entre les membres",
    ),
    (
        "GC-44",
        PRIVATE,
        changes(dissolution__causes=["la perte d'une autorisation", "la décision de l'AG"]),
        "dissolution.causes[2]",
        "La cause « la décision de l'AG » redit la décision de l'assemblée générale",
    ),
    (
        "GC-44",
        PRIVATE,
        changes(dissolution__devolution="Après apurement du passif, l'actif net est dévolu."),
        "dissolution.devolution",
        "La convention imprime déjà « Après paiement du passif",
    ),
    (
        "PI-19",
        PRIVATE,
        changes(partage_information=None),
        "missions[2]",
        "La convention exclut tout échange d'informations alors que le groupement assure",
    ),
    (
        "GC-43",
        MIXED,
        changes(membres__2__siren="213900178"),
        "membres[3].siren",
        "ont le même SIREN : un établissement sans personnalité morale est représenté",
    ),
    (
        "GC-37",
        PRIVATE,
        changes(exercice=None),
        "exercice",
        "Définissez l'exercice du groupement par son premier mois (exercice.debut_mois), "
        "janvier (1) pour l'année civile",
    ),
    (
        "GC-39",
        PRIVATE,
        changes(administrateur__suppleant__mode_designation=None),
        "administrateur.suppleant.mode_designation",
        "Indiquez comment est choisi le suppléant de l'administrateur (Madame Anne-Laure Michaud)",
    ),
    (
        "GC-40",
        MIXED,
        changes(publication__autorites_informees=None),
        "publication.autorites_informees",
        "Les activités du groupement relèvent aussi du président du conseil départemental : "
        "prévoyez de lui transmettre la convention et ses avenants",
    ),
    (
        "GC-41",
        PRIVATE,
        changes(agent_comptable={"mode_nomination": "arrete"}),
        "agent_comptable",
        "Un groupement à comptabilité privée n'a pas d'agent comptable",
    ),
    (
        "GC-41",
        MIXED,
        appending("protocole", "L'agent comptable est Madame Durand, trésorière principale."),
        "protocole",
        "désigne l'agent comptable : dans un groupement de droit public, il est nommé par "
        "arrêté, non par la convention.",
    ),
    (
        "DT-05",
        MIXED,
        changes(autorisations__0__condition_suspensive=None, autorisations__0__date="2026-03-15"),
        "autorisations[1].date",
        "L'autorisation du 15 mars 2026 (« autorisation de la plateforme d'accompagnement et "
        "de répit des aidants de personnes âgées ») ne peut être délivrée au groupement avant "
        "qu'il existe (réception de sa déclaration, qui n'est pas encore datée)",
    ),
    (
        "DT-06",
        MIXED,
        changes(duree__date_effet="2026-04-01"),
        "duree.date_effet",
        "La durée du groupement doit courir à compter de l'acquisition de sa personnalité "
        "morale (réception de sa déclaration, qui n'est pas encore datée), non du 1er avril 2026",
    ),
    (
        "TX-08",
        PRIVATE,
        appending("objet", "Deux de ses quatre membres gèrent un ESAT."),
        "objet",
        "parle de « quatre membres », mais le groupement compte trois membres : un texte "
        "repris d'une version précédente garde son ancien nombre ; mettez-le à jour.",
    ),
]
ERRORS: list[tuple[str, str, Callable[[Data], Data], str, str]] = [
    (
        "GC-41",
        MIXED,
        changes(agent_comptable={"nom": "Mme Valérie Jacquin", "mode_nomination": "arrete"}),
        "agent_comptable.nom",
        "L'agent comptable nommé (Mme Valérie Jacquin) est l'administratrice du groupement : "
        "l'ordonnateur des recettes et des dépenses ne peut en être le comptable.",
    ),
    (
        "DT-01",
        PRIVATE,
        changes(membres__2__habilitation__version_projet="projet du 2 février 2026"),
        "membres[3].habilitation.version_projet",
        "a délibéré sur la version « projet du 2 février 2026 » du projet, l'APEI Jura sur la "
        "version « projet du 8 janvier 2026 » : tous les membres délibèrent sur le même projet",
    ),
    (
        "DT-01",
        PRIVATE,
        # A name in the plural takes a verb in the plural.
        changes(
            membres__2__habilitation__version_projet="projet du 2 février 2026",
            membres__2__appellation="Les Amis de la Bresse",
        ),
        "membres[3].habilitation.version_projet",
        "Les Amis de la Bresse ont délibéré sur la version « projet du 2 février 2026 »",
    ),
    (
        "DT-01",
        PRIVATE,
        # The first member is the one that differs: it is named, not the two others.
        changes(membres__0__habilitation__version_projet="projet du 2 février 2026"),
        "membres[1].habilitation.version_projet",
        "L'APEI Jura a délibéré sur la version « projet du 2 février 2026 » du projet, le "
        "Tremplin sur la version « projet du 8 janvier 2026 »",
    ),
    (
        "GC-41",
        MIXED,
        changes(administrateur__qualite="agent comptable du CCAS"),
        "administrateur.qualite",
        "L'administrateur, ordonnateur des recettes et des dépenses, ne peut être l'agent "
        "comptable du groupement.",
    ),
    (
        "GC-39",
        PRIVATE,
        changes(administrateur__suppleant__mode_designation="designation_membre"),
        "administrateur.suppleant.mode_designation",
        "non choisi autrement (désignation par un membre)",
    ),
    (
        "DT-05",
        MIXED,
        changes(
            missions=["interventions_communes", "exploitation_autorisation_membre"],
            autorisations__0__condition_suspensive=None,
            autorisations__0__titulaire="ehpad",
            autorisations__0__date_demande="2026-05-10",
            autorisations__0__debut_exploitation="2026-06-01",
        ),
        "autorisations[1].debut_exploitation",
        "ne peut commencer le 1er juin 2026 : l'accord de l'autorité n'est réputé donné que "
        "deux mois après la demande du 10 mai 2026, soit le 10 juillet 2026",
    ),
]


@rule_cases(CASES)
def test_rule_reports_its_message(case: RuleCase) -> None:
    # GC-42 is [C]/[P]: the open range blocks, the 2007 instruction only warns.
    severity = Severity.ERREUR if case.rule == "GC-42" else None
    assert_rule_case(case, severity=severity)


@rule_cases(ERRORS)
def test_the_blocking_part_of_a_rule_is_an_error(case: RuleCase) -> None:
    assert_rule_case(case, severity=Severity.ERREUR)


def test_the_group_s_term_year_deputy_authorisation_and_authorities_are_printed() -> None:
    text = _text(example(MIXED))
    assert (
        "constitué pour une durée de dix (10) ans à compter de la date à laquelle il jouit" in text
    )
    assert (
        "L’exercice budgétaire et comptable du groupement court du 1er janvier au 31 décembre."
        in text
    )
    assert "à délivrer par le directeur général de l’agence régionale de santé" in text
    assert "qui en est la condition suspensive" in text
    assert (
        "sont également transmis, pour information, au président du conseil départemental." in text
    )
    private = _text(example(PRIVATE))
    assert (
        "il est suppléé par Madame Anne-Laure Michaud, présidente du Tremplin Jurassien, élue "
        "par l’assemblée générale dans les mêmes conditions que l’administrateur." in private
    )
    received = changes(
        duree__date_effet="2026-05-01", publication__date_reception_declaration="2026-04-20"
    )(example(MIXED))
    assert "à compter du 1er mai 2026, soit jusqu’au 30 avril 2036" in _text(received)


def _text(data: Data) -> str:
    return docx_text(render(data)).replace("\u00a0", " ").replace("\u202f", " ")


@pytest.mark.parametrize("rule", sorted({c[0] for c in CASES}))
def test_the_rule_is_silent_on_the_examples(rule: str) -> None:
    for name in (PRIVATE, MIXED):
        assert rule not in rules_found(check(example(name)))


def test_the_2007_instruction_is_cited_for_memory_only() -> None:
    data = appending("objet", "Voir l'instruction n° 2007-309.")(example(PRIVATE))
    assert [p.path for p in rules_found(check(data))["GC-42"]] == ["objet"]
    data = appending("objet", "Voir, pour mémoire, l'instruction n° 2007-309.")(example(PRIVATE))
    assert "GC-42" not in rules_found(check(data))


def test_every_j_rule_has_a_source_and_a_title() -> None:
    families = ("PI-1", "PI-2", "RG-", "SG-", "DT-", "JU-", "TX-", "GC-4", "CR-1", "CP-17")
    for rule in RULES.values():
        if rule.id.startswith(families):
            assert rule.source and "S4" not in rule.source and "S5" not in rule.source
            assert rule.title


def test_a_missing_fnars_principle_now_only_warns(tmp_path: Path) -> None:
    """J.9: CR-01 comes from a practice guide; the file left the refused corpus."""
    source = Path(__file__).parent / "donnees" / "cr-01-principe-manquant.yaml"
    result = CliRunner().invoke(cli.cli, ["valider", str(source)])
    assert result.exit_code == 0, result.output
    assert f"{source}:32: principes : (avertissement)" in result.output
    assert "« évolution » manquant. [CR-01]" in result.output
    strict = CliRunner().invoke(cli.cli, ["valider", "--strict", str(source)])
    assert strict.exit_code == 1


@pytest.mark.parametrize(
    ("delegation", "signed", "elections"),
    [("2019-11-04", "2026-02-27", "municipales de 2020"), ("2025-12-01", "2026-04-20", None)],
)
def test_a_delegation_of_a_local_executive_ends_with_its_mandate(
    delegation: str, signed: str, elections: str | None
) -> None:
    """SG-08: the CCAS's vice-présidente signs under a delegation consented before the
    last municipal elections (the maire's mandate ended there); after March 2026, one
    consented in December 2025 has ended too."""
    data = changes(membres__0__delegation__date=delegation, signature__date=signed)(
        example("gcsms-mixte-ccas-ehpad")
    )
    if signed > "2026-03-15":  # its deliberation, its other members' dates follow
        data = changes(membres__0__habilitation__date="2026-04-01")(data)
    (problem,) = rules_found(check(data))["SG-08"]
    assert problem.path == "membres[1].delegation.date"
    assert problem.severity is Severity.AVERTISSEMENT
    assert problem.message == (
        f"La délégation du {'4 novembre 2019' if elections else '1er décembre 2025'} consentie "
        "à Valérie Jacquin pour le CCAS a pris fin avec le mandat de son "
        f"auteur, aux élections {elections or 'municipales de 2026'} : visez l'acte de "
        "délégation consenti depuis."
    )


def test_a_delegation_consented_since_the_elections_is_not_reported() -> None:
    found = rules_found(check(example("gcsms-mixte-ccas-ehpad")))
    assert "SG-08" not in found
    # Signed between the two rounds of 2020: the outgoing maire was still in office.
    between = changes(
        membres__0__delegation__date="2019-06-01",
        membres__0__habilitation__date="2020-03-01",
        signature__date="2020-04-15",
    )(example("gcsms-mixte-ccas-ehpad"))
    assert "SG-08" not in rules_found(check(between))


@pytest.mark.parametrize(
    "sentence",
    [
        "Les trois membres du groupement mettent en commun leurs moyens.",  # the right count
        "Les deux membres fondateurs restent garants du projet.",
        "Les deux membres du bureau préparent les séances.",
        "Les deux parties concernées se rencontrent d'abord.",
        "Les deux membres présents ou représentés forment le quorum.",
        "Deux membres peuvent demander une réunion.",  # no article: some of them
        "Les deux tiers des membres votent la dissolution.",
        "Les deux membres associés n'ont pas de voix délibérative.",
        "Les quatre membres observateurs sont invités.",
        "Il travaille avec ses quatre partenaires institutionnels.",  # outside bodies
        "Depuis 2019, les deux membres mutualisent leurs achats.",  # the past
    ],
)
def test_a_count_of_some_of_the_members_is_not_reported(sentence: str) -> None:
    data = appending("objet", sentence)(example(PRIVATE))
    assert "TX-08" not in rules_found(check(data))


def test_a_count_in_a_quoted_deliberation_or_a_member_s_own_text_is_not_reported() -> None:
    data = example(PRIVATE)
    data["membres"][0]["habilitation"]["objet"] = "approuve la convention entre les deux membres"
    data["membres"][1]["missions"] = "Fédération, elle regroupe ses douze membres associatifs."
    assert "TX-08" not in rules_found(check(data))


def test_a_count_of_all_the_members_of_the_group_is_reported() -> None:
    for sentence in (
        "Les quatre membres de la présente convention mettent en commun leurs moyens.",
        "Les quatre membres du groupement mettent en commun leurs moyens.",
        "Les quatre membres désignent un référent.",
    ):
        found = rules_found(check(appending("objet", sentence)(example(PRIVATE))))
        assert [p.path for p in found.get("TX-08", [])] == ["objet"], sentence


def test_a_count_with_its_figures_or_past_sixteen_is_read() -> None:
    for sentence, said in (
        ("Chacune des quatre (4) parties désigne un référent.", "« quatre (4) parties »"),
        ("Les vingt-cinq membres se réunissent.", "« vingt-cinq membres »"),
    ):
        found = rules_found(check(appending("objet", sentence)(example(PRIVATE))))["TX-08"]
        assert [p.path for p in found] == ["objet"] and said in found[0].message, sentence
