"""Schema errors in French with their line, collect-all, strict and draft modes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TODAY, check, convention, example, rules_found, set_path, write_yaml

from convgen.app.documents import check_file
from convgen.errors import Severity
from convgen.loading import parse_input
from convgen.validation.validator import Options, validate


def _problems(text: str) -> list[str]:
    raw = parse_input(text.encode(), "ma-convention.yaml")
    return [str(p) for p in validate(raw, Options(today=TODAY)).problems]


def test_the_examples_have_no_errors() -> None:
    validated = check(convention())
    assert validated.ok
    assert validated.problems == ()


def test_unknown_type_is_named_with_suggestion() -> None:
    assert _problems("type: convention_partenaria\n") == [
        "ma-convention.yaml:1: type : type de document « convention_partenaria » inconnu ; "
        "vouliez-vous dire « convention_partenariat » ? ; types possibles : "
        "convention_partenariat, charte_reseau, convention_constitutive_gcsms"
    ]


def test_missing_type_is_explained() -> None:
    assert "champ « type » manquant" in _problems("titre: x\n")[0]


def _yaml_with(key: str, value: str) -> tuple[str, int]:
    """The CHRS example as YAML text with the first ``key:`` line given ``value``,
    and the number of that line."""
    text = (Path(__file__).parent.parent / "exemples" / "chrs-csapa-addictions.yaml").read_text()
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if line.strip().startswith(f"{key}:"):
            indent = line[: len(line) - len(line.lstrip())]
            lines[index] = f"{indent}{key}: {value}"
            return "\n".join(lines) + "\n", index + 1
    raise AssertionError(key)


def test_number_where_text_expected_asks_for_quotes_and_shows_lost_zeros() -> None:
    text, line = _yaml_with("code_postal", "01000")
    assert _problems(text) == [
        f"ma-convention.yaml:{line}: parties[1].adresse.code_postal : écrivez cette valeur entre "
        'guillemets ("01000") : sans guillemets, YAML la lit comme un nombre et supprime le zéro '
        "initial (01000 devient 1000)"
    ]


def test_typo_in_a_key_gets_a_suggestion() -> None:
    text, line = _yaml_with("reference", "CP-2026-014")
    text = text.replace("reference: CP-2026-014", "referance: CP-2026-014")
    assert _problems(text) == [
        f"ma-convention.yaml:{line}: referance : champ inconnu ; vouliez-vous dire « reference » ?"
    ]


def test_impossible_date_and_bad_date_format() -> None:
    text, line = _yaml_with("date_effet", "2026-02-30")
    assert _problems(text) == [
        f"ma-convention.yaml:{line}: duree.date_effet : date impossible « 2026-02-30 » : ce mois "
        "ou ce jour n'existe pas"
    ]
    text, line = _yaml_with("date_effet", "2026-13-01")  # a month 13 is no « day » mistake
    assert _problems(text) == [
        f"ma-convention.yaml:{line}: duree.date_effet : date impossible « 2026-13-01 » : ce mois "
        "ou ce jour n'existe pas"
    ]
    problem = _problems(_yaml_with("date_effet", "01/03/2026")[0])[0]
    assert "date invalide « 01/03/2026 » : format attendu AAAA-MM-JJ" in problem


def test_unknown_frequency_is_rule_ev01_with_suggestion() -> None:
    text, line = _yaml_with("periodicite", "anuelle")
    problem = _problems(text)[0]
    assert problem.startswith(
        f"ma-convention.yaml:{line}: evaluation.periodicite : valeur « anuelle » non reconnue"
    )
    assert "vouliez-vous dire « annuelle » ?" in problem
    assert "hebdomadaire, bimensuelle, mensuelle, bimestrielle" in problem
    assert problem.endswith("[EV-01]")


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("courriel", "messagerie_ordinaire"),
        ("Mail", "messagerie_ordinaire"),
        ("lettre", "courrier"),
    ],
)
def test_an_everyday_word_for_a_channel_suggests_its_value_not_a_lookalike(
    said: str, meant: str
) -> None:
    data = example("chrs-csapa-addictions")
    data["partage_information"]["flux"][0]["canal"] = said
    errors = [str(p) for p in check(data).problems if p.is_error]
    assert len(errors) == 1
    assert f"valeur « {said} » non reconnue ; vouliez-vous dire « {meant} » ?" in errors[0]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"Le Relais\\nbis"', "texte sur une seule ligne attendu"),
        ('"Le\\tRelais"', "tabulation interdite"),
        ('"Le Relais\\u0007"', "caractère de contrôle U+0007 interdit"),
        ('""', "texte vide"),
        ("12", 'écrivez cette valeur entre guillemets ("12")'),
    ],
)
def test_text_fields_refuse_what_a_document_cannot_hold(value: str, message: str) -> None:
    problems = _problems(_yaml_with("denomination", value)[0])
    assert len(problems) == 1
    assert "parties[1].denomination" in problems[0]
    assert message in problems[0]


def test_amounts_must_be_positive_with_cents_at_most() -> None:
    data = convention()
    data["dispositions_financieres"] = {
        "versements": [
            {"payeur": "chrs", "beneficiaire": "csapa", "objet": "x", "montant": "12.345"}
        ]
    }
    assert "au centime près" in str(check(data).problems[0])
    data["dispositions_financieres"]["versements"][0]["montant"] = -5
    assert "ne peut pas être négatif" in str(check(data).problems[0])
    data["dispositions_financieres"]["versements"][0]["montant"] = True
    assert "montant invalide" in str(check(data).problems[0])
    data["dispositions_financieres"]["versements"][0]["montant"] = "0,00 €"
    assert [str(p) for p in check(data).problems] == [
        "essai.yaml: dispositions_financieres.versements[1].montant : somme de 0 € : "
        "indiquez le montant, ou supprimez la ligne si rien n'est versé ni apporté"
    ]
    data["dispositions_financieres"]["versements"][0]["montant"] = 10
    data["dispositions_financieres"]["versements"][0]["echeancier"] = [
        {"date": "2026-06-30", "montant": 10},
        {"date": "2026-09-30", "montant": 0},
    ]
    said = [p.path for p in check(data).problems if "somme de 0 €" in p.message]
    assert said == ["dispositions_financieres.versements[1].echeancier[2].montant"]


@pytest.mark.parametrize(
    "typed",
    ["1 000,50", "1\u00a0000,50", "1\u202f000,50", "1\u2009000,50", "1000.50"],
    ids=["espace", "insecable", "insecable-fine", "fine", "point"],
)
def test_amounts_accept_every_space_word_puts_between_thousands(typed: str) -> None:
    """« 1 000,50 » copied from Word holds a no-break space: it is the same amount."""
    data = convention()
    data["dispositions_financieres"] = {
        "versements": [{"payeur": "chrs", "beneficiaire": "csapa", "objet": "x", "montant": typed}]
    }
    validated = check(data)
    assert not [str(p) for p in validated.problems if p.is_error]
    [payment] = validated.document.dispositions_financieres.versements
    assert str(payment.montant) == "1000.50"


def test_booleans_accept_oui_and_non() -> None:
    data = set_path(convention(), "evaluation.bilan_final", "oui")
    assert check(data).document.evaluation.bilan_final is True
    data = set_path(convention(), "evaluation.bilan_final", "peut-être")
    assert "true ou false attendu" in str(check(data).problems[0])


def test_every_schema_error_of_a_file_is_reported_at_once() -> None:
    data = convention()
    set_path(data, "parties.0.nature", "privé")
    set_path(data, "parties.1.siret", 49127385000017)
    set_path(data, "duree.duree_mois", "trois ans")
    paths = [p.path for p in check(data).problems]
    assert paths == ["duree.duree_mois", "parties[1].nature", "parties[2].siret"]


def test_warnings_become_errors_with_strict() -> None:
    data = set_path(convention(), "parties.1.assurance", None)
    relaxed = check(data)
    assert relaxed.ok
    assert [p.severity for p in relaxed.problems] == [Severity.AVERTISSEMENT]
    strict = check(data, strict=True)
    assert not strict.ok
    assert [p.severity for p in strict.problems] == [Severity.ERREUR]


def test_missing_information_blocks_the_final_document_but_not_a_draft() -> None:
    data = set_path(convention(), "signature.date", None)
    set_path(data, "objet", None)
    final = rules_found(check(data))
    assert not check(data).ok
    assert final["CP-02"][0].severity is Severity.ERREUR
    assert "à compléter avant la version définitive" in final[""][0].message
    draft = check(data, draft=True)
    assert draft.ok
    by_rule = rules_found(draft)
    assert by_rule["CP-02"][0].severity is Severity.AVERTISSEMENT
    assert by_rule[""][0].severity is Severity.INFORMATION
    assert "le projet affichera un espace réservé" in by_rule[""][0].message


def test_problem_format_is_file_line_path_message_rule(tmp_path: Path) -> None:
    data = set_path(convention(), "parties.0.siren", "784512361")
    validated = check_file(write_yaml(tmp_path / "c.yaml", data), Options(today=TODAY))
    line = str(validated.problems[0])
    assert line.startswith(f"{tmp_path / 'c.yaml'}:")
    assert ": parties[1].siren : Le numéro SIREN « 784512361 » est invalide" in line
    assert line.endswith("[ID-01]")


def test_fingerprint_ignores_comments_and_key_order(tmp_path: Path) -> None:
    source = (Path(__file__).parent.parent / "exemples" / "chrs-csapa-addictions.yaml").read_text()
    first = validate(parse_input(source.encode(), "a.yaml"), Options(today=TODAY))
    edited = "# un commentaire ajouté\n" + source.replace(
        "type: convention_partenariat\n", "type: convention_partenariat  # type\n"
    )
    second = validate(parse_input(edited.encode(), "b.yaml"), Options(today=TODAY))
    assert first.fingerprint == second.fingerprint
    changed = validate(
        parse_input(source.replace("commune: Lyon", "commune: Lyon 7e", 1).encode(), "c.yaml"),
        Options(today=TODAY),
    )
    assert changed.fingerprint != first.fingerprint


def test_amounts_and_percentages_as_written_in_french() -> None:
    data = example("cada-empp-sante-mentale")
    data["dispositions_financieres"]["versements"][0]["montant"] = "7 800,00 €"
    validated = check(data)
    assert validated.ok, [str(p) for p in validated.problems if p.is_error]
    assert str(validated.document.dispositions_financieres.versements[0].montant) == "7800.00"
    gcsms = example("gcsms-associations-handicap")
    gcsms["membres"][0]["droits_pct"] = "50,0 %"
    validated = check(gcsms)
    assert validated.ok, [str(p) for p in validated.problems if p.is_error]
    assert validated.document.membres[0].droits_pct == 50
    data["dispositions_financieres"]["versements"][0]["montant"] = "7 800 dollars"
    errors = [str(p) for p in check(data).problems if p.is_error]
    assert any(
        "montant invalide « 7 800 dollars » : écrivez par exemple 12 500,50" in e for e in errors
    )


def test_a_colon_in_a_list_line_and_a_comma_between_braces_are_explained() -> None:
    text = (Path(__file__).parent.parent / "exemples" / "chrs-csapa-addictions.yaml").read_text()
    colon = text.replace("      - accompagner physiquement", "      - orientation : accompagner", 1)
    (problem,) = _problems(colon)
    assert problem.endswith(
        "parties[1].engagements[2] : texte attendu ; une ligne qui contient « : » s'écrit "
        'entre guillemets (« - "objet : détail" »)'
    )
    braces = text.replace(
        '    adresse:\n      voie: 14 rue de la Thibaudière\n      code_postal: "69007"\n'
        "      commune: Lyon\n",
        '    adresse: {voie: 12 bis, rue de l\'Église, code_postal: "69007", commune: Lyon}\n',
        1,
    )
    (problem,) = _problems(braces)
    assert "parties[1].adresse.rue de l'Église : champ inconnu ; entre accolades { }, une " in (
        problem
    )
    assert "une valeur qui contient une virgule s'écrit entre guillemets" in problem


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("recevoir les personnes orientées.", "recevoir les personnes orientées"),
        ("recevoir les personnes orientées ;", "recevoir les personnes orientées"),
        ("accueil, orientation, etc.", "accueil, orientation, etc."),
        ("voir l'annexe...", "voir l'annexe..."),
        ("adhérer à l'U.N.A.", "adhérer à l'U.N.A."),
    ],
)
def test_a_bulleted_line_loses_its_own_stop_but_not_an_abbreviation(
    written: str, kept: str
) -> None:
    data = example("chrs-csapa-addictions")
    data["parties"][0]["engagements"] = [written]
    validated = check(data)
    assert validated.ok, [str(p) for p in validated.problems if p.is_error]
    assert validated.document.parties[0].engagements == [kept]


def test_sub_fields_given_to_a_text_field_are_explained_as_such() -> None:
    text = (Path(__file__).parent.parent / "exemples" / "chrs-csapa-addictions.yaml").read_text()
    assert "\ntitre: " in text
    fields = text.replace("\ntitre: ", "\ntitre:\n  texte: ", 1)
    (problem,) = _problems(fields)
    assert problem.endswith(
        "titre : texte attendu ; ce champ prend un texte, pas des sous-champs : écrivez le "
        "texte lui-même à la suite de « titre: » (sur plusieurs lignes : « titre: | » puis le "
        "texte en retrait)"
    )


def test_a_list_item_given_sub_fields_is_told_to_be_a_text() -> None:
    text = (Path(__file__).parent.parent / "exemples" / "chrs-csapa-addictions.yaml").read_text()
    item = "      - accompagner physiquement"
    assert item in text
    fields = text.replace(item, "      - repérer: les situations\n        orientation: x", 1)
    (problem,) = _problems(fields)
    assert problem.endswith(
        "texte attendu ; chaque élément de cette liste est un texte, pas des sous-champs : "
        "« - le texte » (entre guillemets s'il contient « : »)"
    )


_PAYING = Path(__file__).parent.parent / "exemples" / "cada-empp-sante-mentale.yaml"


def _payment(total: str, first: str = "1950.00") -> tuple[str, int]:
    """The CADA example (a payment of 7 800 € in four instalments) with the payment's
    amount and its first instalment as written, and the line of the payment's amount."""
    lines = _PAYING.read_text().splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip() == "montant: 7800.00")
    lines[at] = lines[at].replace("7800.00", total)
    step = next(i for i in range(at, len(lines)) if "montant: 1950.00" in lines[i])
    lines[step] = lines[step].replace("1950.00", first)
    return "\n".join(lines) + "\n", at + 1


@pytest.mark.parametrize(
    "written", ["7.800", '"7.800"', "'7.800'", "&montant 7.800", "!!float 7.800", "+7.800"]
)
def test_an_amount_with_a_dot_between_thousands_is_refused(written: str) -> None:
    """YAML reads « 7.800 » as 7,80 €, which the document would print in figures and in
    words, where a French writer meant seven thousand eight hundred."""
    text, line = _payment(written)
    assert [p for p in _problems(text) if "ambigu" in p] == [
        f"ma-convention.yaml:{line}: dispositions_financieres.versements[1].montant : montant "
        "« 7.800 » ambigu : le point y sépare les décimales (« 7,80\u00a0€ », sept euros et "
        "quatre-vingts centimes) ; pour sept mille huit cents euros, écrivez 7 800 ou 7800"
    ]


def test_an_instalment_in_a_flow_mapping_is_checked_too() -> None:
    text, _ = _payment("7800.00")
    flow = "- {date: 2026-04-30, montant: 1.950}"
    text = text.replace("- date: 2026-04-30\n          montant: 1950.00", flow, 1)
    assert flow in text
    found = [p for p in _problems(text) if "ambigu" in p]
    assert len(found) == 1
    assert (
        ": dispositions_financieres.versements[1].echeancier[1].montant : montant « 1.950 »"
        in (found[0])
    )


@pytest.mark.parametrize(
    "written", ["7800.00", "7800.5", "0.500", "1234.567", "7 800", "7800", "7 800,00 €"]
)
def test_amounts_written_otherwise_are_not_taken_for_grouped_thousands(written: str) -> None:
    text, _ = _payment(written)
    assert not [problem for problem in _problems(text) if "ambigu" in problem]


@pytest.mark.parametrize(
    ("example", "typed", "path"),
    [
        ("charte-reseau-rural-domicile", ("cotisation: 20.00", "cotisation: 1.500"), "cotisation"),
        (
            "gcsms-mixte-ccas-ehpad",
            ("avec_capital: true\n  montant: 30000", "avec_capital: true\n  montant: 30.000"),
            "capital.montant",
        ),
    ],
)
def test_an_optional_amount_with_a_dot_between_thousands_is_refused_too(
    example: str, typed: tuple[str, str], path: str
) -> None:
    text = (Path(__file__).parent.parent / "exemples" / f"{example}.yaml").read_text()
    assert typed[0] in text
    found = [p for p in _problems(text.replace(*typed, 1)) if "ambigu" in p]
    assert len(found) == 1 and path in found[0], found


def test_a_member_s_contribution_or_a_network_s_funding_of_0_is_refused() -> None:
    """« apport en numéraire de 0,00 € (zéro euro) », « subvention …, 0,00 € » were printed."""
    from conftest import example  # noqa: PLC0415

    group = example("gcsms-mixte-ccas-ehpad")
    member = next(m for m in group["membres"] if m.get("apport"))
    member["apport"]["montant"] = 0
    assert [p for p in check(group).problems if "somme de 0 €" in p.message]
    charter = example("charte-reseau-rural-domicile")
    charter["financement"] = {
        "directs": [{"financeur": "le Département", "nature": "subvention", "montant": 0}]
    }
    said = [p.path for p in check(charter).problems if "somme de 0 €" in p.message]
    assert said == ["financement.directs[1].montant"]
