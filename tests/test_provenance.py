"""convgen provenance: what a document says of its making, and whether it still holds."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result
from conftest import ROOT, edit_docx_part, example, replacing, set_path, write_yaml

from convgen.cli import main as cli
from convgen.wordml.package import read_custom_properties

EXAMPLE = ROOT / "exemples" / "gcsms-mixte-ccas-ehpad.yaml"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli.cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def generated(tmp_path: Path) -> Path:
    target = tmp_path / "gcsms.docx"
    assert run("generer", EXAMPLE, "-o", target).exit_code == 0
    return target


def test_an_intact_document_shows_its_provenance_in_french(generated: Path) -> None:
    result = run("provenance", generated)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == f"Provenance de {generated} :"
    assert "  Type de document : Convention constitutive" in lines
    assert "  Mode : version définitive" in lines
    assert "  Modèle Word : convention_constitutive_gcsms.docx" in lines
    assert "  ✔ Contenu : fichier identique à celui que convgen a produit" in lines


def test_a_tampered_document_is_detected(generated: Path) -> None:
    edit_docx_part(generated, "word/document.xml", replacing("30\u202f000,00", "50\u202f000,00"))
    assert "50\u202f000,00" in run("texte", generated).output
    result = run("provenance", generated)
    assert result.exit_code == 1
    assert "✘ Contenu : contenu modifié après génération" in result.output


def test_editing_only_the_provenance_is_detected_too(generated: Path) -> None:
    """What the document says of its making is covered by the content digest: a
    fingerprint or a mode rewritten by hand is an edit like any other."""
    properties = read_custom_properties(generated.read_bytes(), str(generated))
    digest = properties["convgen_entree_sha256"].encode()
    edit_docx_part(generated, "docProps/custom.xml", replacing(digest, b"0" * len(digest)))
    result = run("provenance", generated)
    assert result.exit_code == 1
    assert "✘ Contenu : contenu modifié après génération" in result.output
    result = run("provenance", generated, "--entree", EXAMPLE)
    assert result.exit_code == 1
    assert f"✘ Données : différentes de {EXAMPLE}" in result.output


def test_a_draft_relabelled_as_final_is_detected(tmp_path: Path) -> None:
    draft = tmp_path / "projet.docx"
    assert run("generer", EXAMPLE, "-o", draft, "--brouillon").exit_code == 0
    edit_docx_part(draft, "docProps/custom.xml", replacing(b">projet<", b">definitif<"))
    result = run("provenance", draft)
    assert "Mode : version définitive" in result.output  # what the file now claims…
    assert result.exit_code == 1  # …is refused as an edit
    assert "✘ Contenu : contenu modifié après génération" in result.output


def test_the_input_fingerprint_ignores_comments_but_not_data(
    generated: Path, tmp_path: Path
) -> None:
    commented = tmp_path / "commente.yaml"
    commented.write_text("# relu le 3 mars\n" + EXAMPLE.read_text(encoding="utf-8"), "utf-8")
    same = run("provenance", generated, "--entree", commented)
    assert same.exit_code == 0
    assert f"✔ Données : identiques à {commented}" in same.output
    changed = write_yaml(
        tmp_path / "modifie.yaml",
        set_path(example("gcsms-mixte-ccas-ehpad"), "signature.lieu", "Dole"),
    )
    assert run("provenance", generated, "--entree", changed).exit_code == 1


def test_the_template_hash_is_checked_against_a_templates_folder(
    generated: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "modeles"
    shutil.copytree(ROOT / "modeles", folder)
    assert run("provenance", generated, "--modeles", folder).exit_code == 0
    edit_docx_part(
        folder / "convention_constitutive_gcsms.docx",
        "word/document.xml",
        replacing(b"Nature juridique", b"Statut juridique"),
    )
    result = run("provenance", generated, "--modeles", folder)
    assert result.exit_code == 1
    assert "✘ Modèle : convention_constitutive_gcsms.docx modifié depuis la génération" in (
        result.output
    )


def test_documents_without_provenance_or_not_docx_are_refused(tmp_path: Path) -> None:
    plain = tmp_path / "word.docx"
    docx.Document().save(str(plain))
    result = run("provenance", plain)
    assert result.exit_code == 1
    assert "ce document ne porte pas de provenance convgen" in result.output
    assert run("provenance", EXAMPLE).exit_code == 1
    assert "ce n'est pas un document Word (.docx)" in run("provenance", EXAMPLE).output
    assert "fichier introuvable" in run("provenance", tmp_path / "absent.docx").output


@pytest.mark.parametrize(
    ("command", "part", "old", "new"),
    [
        ("texte", "word/document.xml", b"</w:body>", b"</w:bodyX>"),
        ("provenance", "docProps/custom.xml", b"</Properties>", b"</Propertie"),
    ],
)
def test_a_part_with_broken_xml_is_a_clear_error_not_an_internal_one(
    generated: Path, command: str, part: str, old: bytes, new: bytes
) -> None:
    edit_docx_part(generated, part, replacing(old, new))
    result = CliRunner().invoke(cli.cli, [command, str(generated)])
    assert result.exit_code == 1, result.output
    assert f"XML invalide dans {part}" in result.output
