"""The rule catalogue: every rule a message names can be looked up, in words a user reads."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import ROOT

from convgen.app import regles as catalogue
from convgen.app.documents import check_file, run_options
from convgen.cli import main as cli
from convgen.regles.base import RULES
from convgen.regles.citations import citation
from convgen.regles.explications import EXPLANATIONS, OPEN_QUESTIONS
from convgen.review.clauses import BASES

INTERNAL = re.compile(r"\bS\d{1,2}\b|§[A-J]|domaine\.md|\.\./shared|conception\.md|-x\b")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli.cli, list(args), catch_exceptions=False)


def test_every_rule_is_explained_once_and_only_registered_rules_are() -> None:
    for rule in RULES.values():
        assert bool(rule.explanation) != (rule.id in EXPLANATIONS), rule.id
        assert len(rule.explanation or EXPLANATIONS[rule.id]) > 40, rule.id
    assert set(EXPLANATIONS) <= set(RULES)
    assert set(OPEN_QUESTIONS) <= set(RULES)


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_every_citation_is_readable_without_our_research_notes(rule_id: str) -> None:
    cited = citation(RULES[rule_id].source)
    assert cited
    assert not INTERNAL.search(cited), cited
    assert cited.count("(") == cited.count(")") or " a)" in cited, cited


def test_clause_sources_of_the_review_pack_are_cited_in_full() -> None:
    for bases in BASES.values():
        for key, basis in bases.items():
            assert not INTERNAL.search(citation(basis.source)), key


def test_one_rule_in_text_says_force_source_explanation_and_message() -> None:
    result = run("regles", "PI-05")
    assert result.exit_code == 0
    text = result.output
    assert text.startswith("PI-05 — Partage hors équipe de soins")
    assert "Force : exigé par la loi (texte) ; gravité : erreur" in text
    assert "Source : Code de la santé publique, art. L. 1110-4 III al. 2" in text
    assert "textes en vigueur au 7 décembre 2026" in text  # references.VERSION
    assert "Explication : Hors d'une même équipe de soins" in text
    assert "Message : « Le partage entre professionnels n'appartenant pas" in text


def test_a_warning_kept_by_an_open_question_says_so() -> None:
    text = run("regles", "pi-08").output
    assert "Force : à vérifier ; gravité : avertissement" in text
    assert "Question ouverte : L'article L. 1110-4 IV" in text


def test_a_family_lists_its_rules_only() -> None:
    ids = re.findall(r"^([A-Z]{2}-\d\d) — ", run("regles", "CO").output, flags=re.M)
    assert ids == ["CO-01", "CO-02", "CO-03"]


def test_an_unknown_id_is_refused_in_french() -> None:
    result = run("regles", "PI-99")
    assert result.exit_code == 1
    assert "règle inconnue : « PI-99 »" in result.output


def test_json_has_every_rule_with_machine_values() -> None:
    result = run("regles", "--format", "json")
    assert result.exit_code == 0
    entries = json.loads(result.output)
    assert [e["id"] for e in entries] == sorted(RULES)
    for entry in entries:
        assert all(key.isascii() for key in entry)
        assert entry["gravite"] in ("erreur", "avertissement", "erreur_ou_avertissement")
        assert entry["application"] in ("regle", "schema", "modele", "autres_regles", "relecture")
        if entry["application"] == "relecture":  # the reviewer is told why
            assert entry["question_ouverte"]
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", entry["en_vigueur_au"])
        assert set(entry["documents"]) <= {
            "convention_partenariat",
            "charte_reseau",
            "convention_constitutive_gcsms",
        }
    checked = [e for e in entries if e["application"] == "regle"]
    assert all(e["messages"] for e in checked)
    for entry in entries:
        assert len(entry["gravite_messages"]) == len(entry["messages"])
        assert set(entry["gravite_messages"]) <= {
            "",
            "erreur",
            "avertissement",
            "information",
            "selon_le_cas",
        }


def test_a_message_printed_at_another_severity_than_its_rule_says_so() -> None:
    """DT-01 is an error, but a deliberation not yet enforceable at the signature only
    warns (a message of a function the check calls); TX-05's message is information."""
    dt01 = run("regles", "DT-01").output
    assert "Message (avertissement) : « La délibération …, … le …, n'était pas exécutoire" in dt01
    assert "Message : « La … du … autorisant … à signer est postérieure" in dt01
    assert "Message (information) : « Le texte « … » cite" in run("regles", "TX-05").output
    (entry,) = json.loads(run("regles", "DT-01", "--format", "json").output)
    severities = dict(zip(entry["messages"], entry["gravite_messages"], strict=True))
    assert severities["« … » ne fait pas partie des signataires."] == ""


def test_docs_regles_md_is_the_catalogue_of_every_rule() -> None:
    page = (ROOT / "docs" / "regles.md").read_text(encoding="utf-8")
    assert page == catalogue.to_markdown(catalogue.catalogue()), "lancez make docs"
    for rule_id in RULES:
        assert f"### {rule_id} — " in page


def test_every_rule_id_printed_on_the_inputs_can_be_looked_up() -> None:
    inputs = [*(ROOT / "exemples").glob("*.yaml"), *(ROOT / "tests").glob("entrees_invalides/*")]
    printed = set()
    for path in inputs:
        if path.is_file():
            printed |= {p.rule for p in check_file(path, run_options()).problems if p.rule}
    assert printed
    assert printed <= set(RULES)


def test_the_readme_points_to_the_catalogue_not_to_notes_outside_the_product() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/regles.md" in readme
    for path in [ROOT / "README.md", *Path(ROOT / "docs").glob("*.md")]:
        assert not re.search(r"domaine\.md|conception\.md|\.\./shared", path.read_text()), path


def test_the_legal_force_says_the_law_only_when_a_legal_text_is_cited() -> None:
    """A confirmed guide or numbering standard is not the law, nor is the document's own
    consistency: the pack and the rules page said « exigé par la loi (texte) » of the
    five principles of a guide."""
    from convgen.regles.base import Level  # noqa: PLC0415
    from convgen.regles.citations import legal_force  # noqa: PLC0415

    assert legal_force(Level.C, "CASF R312-194-22 ; S27") == "exigé par la loi (texte)"
    assert legal_force(Level.C, "RGPD art. 26, 28.3") == "exigé par la loi (texte)"
    assert legal_force(Level.C, "CSP L1110-12 ; décret 2016-996") == "exigé par la loi (texte)"
    assert (
        legal_force(Level.C, "Cinq principes du partenariat (guide FNARS 2016, S22)")
        == "établi par une source de référence, sans texte de loi"
    )
    assert legal_force(Level.C, "S24") == "établi par une source de référence, sans texte de loi"
    assert legal_force(Level.C, "cohérence") == "exigé par la cohérence du document"
    assert (
        legal_force(Level.C, "cohérence ; loi n° 2000-321 art. 10")
        == "exigé par la cohérence du document"
    )
    assert legal_force(Level.P, "pratique") == "recommandé (pratique)"
