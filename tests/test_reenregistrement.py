"""A document re-saved by a word processor is told apart from an edited one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from batch_support import regenerate
from click.testing import CliRunner, Result
from conftest import ROOT, edit_docx_part, replacing
from office import needs_office, soffice_convert

from convgen.cli import main as cli
from convgen.rendering.store import default_templates_dir
from convgen.wordml.namespaces import W
from convgen.wordml.package import parse_xml, read_package
from convgen.wordml.text import _visible_words, content_words

EXAMPLE = ROOT / "exemples" / "chrs-csapa-addictions.yaml"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli.cli, [str(a) for a in args], catch_exceptions=False)


def _resave(document: Path, folder: Path) -> Path:
    """``document`` opened and saved again as .docx by LibreOffice, nothing changed."""
    soffice_convert([document], folder, "docx:MS Word 2007 XML")
    resaved = folder / document.name
    assert resaved.is_file()
    return resaved


@pytest.mark.bureautique
@needs_office
def test_a_libreoffice_resave_keeps_the_content_verdict_but_an_edit_does_not(
    tmp_path: Path,
) -> None:
    original = tmp_path / "convention.docx"
    assert run("generer", EXAMPLE, "-o", original).exit_code == 0
    identical = run("provenance", original)
    assert identical.exit_code == 0
    assert "✔ Contenu : fichier identique à celui que convgen a produit" in identical.output

    resaved = _resave(original, tmp_path / "reenregistre")
    assert resaved.read_bytes() != original.read_bytes()
    verdict = run("provenance", resaved)
    assert verdict.exit_code == 0, verdict.output
    assert "✔ Contenu : réenregistré, contenu identique" in verdict.output

    edited_source = tmp_path / "modifie.docx"
    edited_source.write_bytes(resaved.read_bytes())
    # One word of the body changed, as a user would.
    edit_docx_part(edited_source, "word/document.xml", replacing("convention", "contrat", count=1))
    edited = run("provenance", edited_source)
    assert edited.exit_code == 1
    assert "✘ Contenu : contenu modifié après génération" in edited.output


@pytest.mark.bureautique
@needs_office
def test_regenerer_tells_a_resaved_document_from_an_edited_one(tmp_path: Path) -> None:
    """Both are kept (a re-save may have changed the layout); the report says which is
    which, and what the kept document does not follow."""
    inputs, outputs = tmp_path / "entrees", tmp_path / "sortie"
    inputs.mkdir()
    for name in ("resave", "edit"):
        (inputs / f"{name}.yaml").write_bytes(EXAMPLE.read_bytes())
    templates = Path(shutil.copytree(default_templates_dir(), tmp_path / "modeles"))
    regenerate(inputs, outputs, "--modeles", templates)
    resaved = _resave(outputs / "resave.docx", tmp_path / "reenregistre")
    (outputs / "resave.docx").write_bytes(resaved.read_bytes())
    edit_docx_part(
        outputs / "edit.docx", "word/document.xml", replacing("convention", "contrat", count=1)
    )
    edit_docx_part(
        templates / "fragments" / "signatures.docx",
        "word/document.xml",
        replacing("Fait à", "Fait (révision 1) à"),
    )
    report = regenerate(inputs, outputs, "--modeles", templates)
    kept = {Path(doc["entree"]).stem: doc for doc in report["documents"]}
    missed = "ne suit pas la modification du modèle convention_partenariat.docx"
    assert kept["resave"]["statut"] == kept["edit"]["statut"] == "modifie_main"
    assert kept["resave"]["raison"] == "sortie modifiée, texte inchangé"
    assert kept["resave"]["messages"][1:] == [
        "aucun mot du corps, des en-têtes ni des pieds de page n'a changé (réenregistré "
        "par Word ou LibreOffice ?) : seule la mise en forme a pu changer",
        missed,
    ]
    assert kept["edit"]["raison"] == "sortie modifiée à la main"
    assert kept["edit"]["messages"][1:] == [missed]
    assert (outputs / "resave.docx").read_bytes() == resaved.read_bytes()  # kept as it is


def test_parts_without_fields_give_the_same_words_by_the_quick_walk(tmp_path: Path) -> None:
    # The words of a part that names no field are read in one pass without the field
    # bookkeeping (most bodies): the same words as the full walk, on every example.
    seen = {True: 0, False: 0}
    for example in sorted((ROOT / "exemples").glob("*.yaml")):
        document = tmp_path / f"{example.stem}.docx"
        assert run("generer", example, "-o", document).exit_code == 0
        for name, data in read_package(document.read_bytes(), str(document)).items():
            if not name.startswith(("word/document", "word/header", "word/footer")):
                continue
            fields = b"fldChar" in data or b"fldSimple" in data
            seen[fields] += 1
            root = parse_xml(data)
            assert _visible_words(root, fields=fields) == _visible_words(root, fields=True)
    assert seen[True] and seen[False]  # both walks were taken


def test_field_results_are_left_out_of_the_words() -> None:
    body = (
        f'<w:document xmlns:w="{W[1:-1]}"><w:body><w:p>'
        '<w:r><w:t xml:space="preserve">Page </w:t></w:r>'
        '<w:fldSimple w:instr="PAGE"><w:r><w:t>3</w:t></w:r></w:fldSimple>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>NUMPAGES</w:instrText>'
        '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>9</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:t xml:space="preserve"> fin</w:t></w:r></w:p>'
        "</w:body></w:document>"
    ).encode()
    assert content_words({"word/document.xml": body}) == "Page fin"
