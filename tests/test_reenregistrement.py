"""A document re-saved by a word processor is told apart from an edited one."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import ROOT, edit_docx_part, replacing
from office import needs_office, soffice_convert

from convgen.cli import main as cli

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
