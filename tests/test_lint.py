"""Template lint: each kind of defect is reported with its location; shipped templates
lint clean."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, TODAY, edit_docx_part, replacing
from lxml import etree

from convgen.app.templates import default_examples_dir, lint_templates
from convgen.cli import main as cli
from convgen.documents.articles import ArticleSpec
from convgen.errors import Problem, Severity
from convgen.lint.plan import check_plan
from convgen.rendering.store import default_templates_dir
from convgen.validation.validator import Options
from convgen.wordml.paragraphs import Paragraph

CONVENTION = "convention_partenariat.docx"


def _copy_templates(tmp_path: Path) -> Path:
    folder = tmp_path / "modeles"
    shutil.copytree(default_templates_dir(), folder)
    return folder


def _edited(tmp_path: Path, old: str, new: str, docx: str = CONVENTION) -> Path:
    """A copy of the templates with ``old`` replaced by ``new`` in the body of ``docx``,
    the way an author's edit would."""
    folder = _copy_templates(tmp_path)
    edit_docx_part(folder / docx, "word/document.xml", replacing(old, new))
    return folder


def _lint(folder: Path, name: str = CONVENTION) -> list[Problem]:
    reports = lint_templates(
        [folder / name], folder, None, default_examples_dir(), Options(today=TODAY)
    )
    return [p for r in reports for p in r.problems if p.severity is not Severity.INFORMATION]


def _only(problems: list[Problem], fragment: str) -> Problem:
    found = [p for p in problems if fragment in p.message]
    assert len(found) >= 1, [str(p) for p in problems]
    return found[0]


def test_shipped_templates_lint_clean() -> None:
    reports = lint_templates(
        [], default_templates_dir(), None, default_examples_dir(), Options(today=TODAY)
    )
    assert [r.name for r in reports] == [
        "convention_partenariat.docx",
        "charte_reseau.docx",
        "convention_constitutive_gcsms.docx",
    ]
    for report in reports:
        assert [str(p) for p in report.problems if p.severity is not Severity.INFORMATION] == []
        # The examples alone; the golden inputs reach more (tests/test_golden.py).
        assert report.covered >= 0.58 * report.branches, report.name


def test_unknown_variable_is_located(tmp_path: Path) -> None:
    folder = _edited(tmp_path, "{{ convention.titre }}", "{{ convention.titr }}")
    problem = _only(_lint(folder), "variable inconnue")
    assert problem.severity is Severity.ERREUR
    assert problem.source == CONVENTION
    assert problem.message.startswith("variable inconnue « convention.titr » : « titr » n'existe")
    assert problem.message.endswith(" ; vouliez-vous dire « titre » ?")  # a name close to it
    assert (
        problem.path == "sous « Convention de partenariat », paragraphe « {{ convention.titr }} »"
    )


def test_unknown_nested_variable_in_a_fragment_loop(tmp_path: Path) -> None:
    folder = _edited(
        tmp_path,
        "dont le siège est situé {{ org.adresse.voie }}",
        "dont le siège est situé {{ org.adresse.rue }}",
        "fragments/parties.docx",
    )
    problem = _only(_lint(folder), "variable inconnue")
    assert problem.source == "parties.docx"
    assert "« organisations[].adresse.rue »" in problem.message
    assert "vouliez-vous dire" not in problem.message  # no name of the address is close
    assert problem.path.startswith("paragraphe « **{{ org.denomination }}**".replace("**", ""))


def test_jinja_syntax_error(tmp_path: Path) -> None:
    folder = _edited(tmp_path, "{{ convention.titre }}", "{{ convention.titre | }}")
    problem = _only(_lint(folder), "erreur de syntaxe Jinja")
    assert "convention.titre |" in problem.message


def test_block_closed_by_a_tag_of_another_kind(tmp_path: Path) -> None:
    folder = _edited(tmp_path, "{%p if document.reference %}", "{% if document.reference %}")
    problem = _only(_lint(folder), "bloc ouvert par")
    assert "{% if … %}" in problem.message and "{%p endif %}" in problem.message


def test_paragraph_tag_sharing_its_paragraph_with_text(tmp_path: Path) -> None:
    folder = _edited(
        tmp_path, "{%p if document.reference %}", "Référence interne {%p if document.reference %}"
    )
    problem = _only(_lint(folder), "partage son paragraphe")
    assert "« Référence interne »" in problem.message


def test_tag_cut_across_paragraphs(tmp_path: Path) -> None:
    folder = _edited(tmp_path, "{{ convention.titre }}", "{{ convention.titre }")
    assert _only(_lint(folder), "balise coupée").severity is Severity.ERREUR


def test_typographic_apostrophe_inside_a_tag(tmp_path: Path) -> None:
    folder = _edited(
        tmp_path,
        "Référence\u00a0: {{ document.reference }}",
        "Référence\u00a0: {{ document.reference or ’aucune’ }}",
    )
    problem = _only(_lint(folder), "apostrophe ou guillemet typographique")
    assert problem.severity is Severity.AVERTISSEMENT


def test_tracked_changes_and_comments_left_in(tmp_path: Path) -> None:
    folder = _edited(
        tmp_path,
        '<w:r><w:t xml:space="preserve">Entre les soussignés',
        '<w:ins w:id="91" w:author="Juriste" w:date="2026-01-01T00:00:00Z"><w:r><w:t>ajout'
        '</w:t></w:r></w:ins><w:commentRangeStart w:id="0"/><w:r><w:t xml:space="preserve">'
        "Entre les soussignés",
    )
    problems = _lint(folder)
    assert _only(problems, "modifications suivies non acceptées").severity is Severity.ERREUR
    assert _only(problems, "commentaires laissés").severity is Severity.ERREUR


def test_hand_typed_article_number(tmp_path: Path) -> None:
    folder = _edited(tmp_path, "Article {{ articles.objet.numero }} – Objet", "Article 1er – Objet")
    problems = _lint(folder)
    assert _only(problems, "numéro d'article saisi à la main").path.startswith(
        "paragraphe « Article 1er – Objet »"
    )
    assert _only(problems, "(articles.objet) du plan n'a pas de titre").severity is Severity.ERREUR


def test_articles_out_of_plan_order(tmp_path: Path) -> None:
    folder = _edited(
        tmp_path,
        "{{ articles.objet.numero }} – Objet",
        "{{ articles.modification.numero }} – Objet",
    )
    problems = _lint(folder)
    assert _only(problems, "ne suivent pas l'ordre du plan").severity is Severity.ERREUR
    assert _only(problems, "différent de celui du plan").severity is Severity.AVERTISSEMENT


def test_an_example_that_no_longer_renders(tmp_path: Path) -> None:
    folder = _edited(tmp_path, "{%p if articles.communication %}", "{%p if true %}")
    problem = _only(_lint(folder), "le rendu échoue pour")
    assert "chrs-csapa-addictions.yaml" in problem.message


def test_required_field_never_used(tmp_path: Path) -> None:
    folder = _edited(tmp_path, "{{ convention.titre }}", "titre")
    problem = _only(_lint(folder), "n'est utilisé nulle part")
    assert problem.severity is Severity.ERREUR  # the clause that prints it is gone
    assert "« titre »" in problem.message


def test_a_template_without_its_signatures_is_not_passed(tmp_path: Path) -> None:
    """The include of the signatures removed: « Fait à …, le … » went with it, and the
    template check passed it with warnings (exit 0)."""
    folder = _edited(tmp_path, '{%p include "signatures.docx" %}', "")
    checked = CliRunner().invoke(
        cli.cli, ["modeles", "verifier", "--modeles", str(folder), str(folder / CONVENTION)]
    )
    assert checked.exit_code == 1
    assert "le champ obligatoire « signature » n'est utilisé nulle part" in checked.output


@pytest.mark.parametrize("name", ["charte_reseau.docx", "convention_constitutive_gcsms.docx"])
def test_copies_of_other_types_need_their_type(tmp_path: Path, name: str) -> None:
    copy = tmp_path / "ma-copie.docx"
    shutil.copy(default_templates_dir() / name, copy)
    (tmp_path / "fragments").mkdir()
    for fragment in (default_templates_dir() / "fragments").iterdir():
        shutil.copy(fragment, tmp_path / "fragments" / fragment.name)
    runner = CliRunner()
    refused = runner.invoke(cli.cli, ["modeles", "verifier", str(copy)])
    assert refused.exit_code == 2
    assert "précisez le type de document du modèle avec --type" in refused.output
    kind = name.removesuffix(".docx")
    accepted = runner.invoke(cli.cli, ["modeles", "verifier", str(copy), "--type", kind])
    assert accepted.exit_code == 0, accepted.output


def test_cli_exit_codes_and_coverage_listing(tmp_path: Path) -> None:
    runner = CliRunner()
    clean = runner.invoke(cli.cli, ["modeles", "verifier"])
    assert clean.exit_code == 0
    assert "convention_partenariat.docx : " in clean.output
    assert clean.output.rstrip().endswith("3 modèles : 0 erreur, 0 avertissement.")
    detailed = runner.invoke(cli.cli, ["modeles", "verifier", "--couverture"])
    assert "branche jamais exercée par les exemples" in detailed.output
    folder = _edited(tmp_path, "{{ convention.titre }}", "{{ convention.titr }}")
    broken = runner.invoke(cli.cli, ["modeles", "verifier", str(folder / CONVENTION)])
    assert broken.exit_code == 1
    assert "variable inconnue « convention.titr »" in broken.output
    lines = broken.output.splitlines()
    assert len(lines) == len(set(lines))  # a failure in both modes is told once
    assert "(version définitive et projet)" in broken.output


def test_examples_folder_is_the_repository_one() -> None:
    assert default_examples_dir() == ROOT / "exemples"


def _paragraph(text: str) -> Paragraph:
    return Paragraph(etree.Element("p"), text, "Heading1", text, None)


def test_a_heading_printed_twice_is_reported_even_through_one_fragment_included_twice() -> None:
    plan = [ArticleSpec("objet", "Objet")]
    heading = _paragraph("Article {{ articles.objet.numero }} – Objet")
    include = _paragraph('{%p include "clause.docx" %}')
    twice = "« articles.objet » apparaît deux fois"
    for found, fragments in (
        ([heading, _paragraph("Article {{ articles.objet.numero }} – Objet")], {}),
        ([include, include], {"clause.docx": [heading]}),
    ):
        findings = list(check_plan(found, fragments, "articles", plan))
        assert [finding.message for finding in findings] == [twice]


def test_a_heading_that_leaves_words_out_is_checked_in_its_fullest_wording() -> None:
    plan = [ArticleSpec("adhesion", "Adhésion, retrait et exclusion")]
    conditional = _paragraph(
        "Article {{ articles.adhesion.numero }} – Adhésion{% if charte.exclusion %}, retrait "
        "et exclusion{% else %} et retrait{% endif %}"
    )
    assert list(check_plan([conditional], {}, "articles", plan)) == []
    wrong = _paragraph(
        "Article {{ articles.adhesion.numero }} – Adhésion{% if x %} et départ{% endif %}"
    )
    assert next(f.message for f in check_plan([wrong], {}, "articles", plan)).startswith("titre")


def test_a_templates_folder_without_its_fragments_is_not_passed(tmp_path: Path) -> None:
    """As ``generer --modeles`` would fail on it: the shipped fragments do not stand in."""
    folder = tmp_path / "modeles"
    shutil.copytree(default_templates_dir(), folder, ignore=shutil.ignore_patterns("fragments"))
    checked = CliRunner().invoke(cli.cli, ["modeles", "verifier", "--modeles", str(folder)])
    assert checked.exit_code == 1
    assert f"{folder}/fragments/signatures.docx: modèle introuvable" in checked.output
    assert "convention_partenariat.docx : non vérifié" in checked.output
    assert "n'a été rendu avec ce modèle" not in checked.output  # not the examples' fault
    assert checked.output.rstrip().endswith("3 modèles : 3 erreurs, 0 avertissement.")


def test_a_template_named_in_its_templates_folder_does_not_borrow_the_shipped_fragments(
    tmp_path: Path,
) -> None:
    """Named by its file with ``--modeles`` its own folder, as ``generer`` reads it."""
    folder = tmp_path / "modeles"
    shutil.copytree(default_templates_dir(), folder, ignore=shutil.ignore_patterns("fragments"))
    checked = CliRunner().invoke(
        cli.cli, ["modeles", "verifier", "--modeles", str(folder), str(folder / CONVENTION)]
    )
    assert checked.exit_code == 1
    assert f"{folder}/fragments/signatures.docx: modèle introuvable" in checked.output


def test_a_template_that_does_not_compile_is_not_blamed_on_missing_examples(
    tmp_path: Path,
) -> None:
    folder = _edited(tmp_path, "{{ convention.titre }}", "{% if convention.titre %}")
    (tmp_path / "vide").mkdir()
    checked = CliRunner().invoke(
        cli.cli,
        ["modeles", "verifier", str(folder / CONVENTION), "--exemples", str(tmp_path / "vide")],
    )
    assert checked.exit_code == 1
    assert "le modèle se termine sans fermer un bloc « if »" in checked.output
    assert "n'a été rendu avec ce modèle" not in checked.output
    assert "convention_partenariat.docx : non vérifié" in checked.output


def test_a_fragment_is_checked_through_the_templates_of_its_folder(tmp_path: Path) -> None:
    folder = _edited(
        tmp_path,
        "{{ org.signe_par.qualite|majuscule }}",
        "{{ org.signe_par.qualit|majuscule }}",
        "fragments/signatures.docx",
    )
    (folder / "fragments" / "~$gnatures.docx").write_bytes(b"verrou de Word")
    runner = CliRunner()
    result = runner.invoke(
        cli.cli,
        [
            "modeles",
            "verifier",
            "--modeles",
            str(folder),
            str(folder / "fragments" / "signatures.docx"),
            str(folder / "fragments" / "~$gnatures.docx"),
        ],
    )
    assert result.exit_code == 1, result.output
    assert "précisez le type" not in result.output
    assert "3 modèles" in result.output
    assert "signatures.docx: " in result.output and "« qualit » n'existe pas" in result.output


def test_a_fragment_no_template_includes_is_not_a_success(tmp_path: Path) -> None:
    folder = _copy_templates(tmp_path)
    new = folder / "fragments" / "nouveau.docx"
    shutil.copy(folder / "fragments" / "signatures.docx", new)
    result = CliRunner().invoke(
        cli.cli, ["modeles", "verifier", "--modeles", str(folder), str(new)]
    )
    assert result.exit_code == 1, result.output
    assert "nouveau.docx: aucun modèle de " in result.output
    assert "n'inclut ce fragment : il n'a pas été vérifié" in result.output
