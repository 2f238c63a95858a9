"""Real-client checks of the legal review outputs: LibreOffice opens the redline and the
review pack, and their PDFs say what they should; openxml-audit finds no schema error."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import example, set_path, write_yaml
from office import convert_to_pdf, needs_office, pdf_text
from openxml_audit import OpenXmlValidator

from convgen.cli import main as cli

pytestmark = pytest.mark.bureautique


def _invoke(*args: object) -> None:
    result = CliRunner().invoke(cli.cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A redline between two versions of an example, and the review pack of the new one."""
    folder = tmp_path_factory.mktemp("relecture")
    data = example("protection-enfance-reseau-local")
    old = write_yaml(folder / "ancienne.yaml", data)
    new = write_yaml(
        folder / "nouvelle.yaml",
        # The Département signs a week later (its own date: signature.par_partie).
        set_path(
            set_path(
                set_path(data, "signature.date", "2026-02-27"),
                "signature.par_partie.3.date",
                "2026-02-27",
            ),
            "parties.1.sigle",
            "AEFE",
        ),
    )
    for source in (old, new):
        _invoke("generer", source)
    _invoke(
        "comparer",
        folder / "ancienne.docx",
        folder / "nouvelle.docx",
        "-o",
        folder / "redline.docx",
    )
    _invoke("relire", new, "-o", folder / "relecture.docx")
    return {"redline": folder / "redline.docx", "relecture": folder / "relecture.docx"}


@needs_office
def test_libreoffice_opens_the_redline_and_the_review_pack(
    outputs: dict[str, Path], tmp_path: Path
) -> None:
    convert_to_pdf(list(outputs.values()), tmp_path)
    text = {
        name: " ".join(pdf_text(tmp_path / f"{document.stem}.pdf").split())
        for name, document in outputs.items()
    }
    # The PDF shows tracked changes as Word does: deleted and inserted text side by side.
    assert "Fait à Bobigny, le 2720 février 2026" in text["redline"]
    assert "AEFE" in text["redline"]
    assert "Dossier de relecture juridique" in text["relecture"]
    assert "Liste de contrôle des clauses" in text["relecture"]


def test_openxml_audit_finds_no_error_in_the_redline_or_the_pack(outputs: dict[str, Path]) -> None:
    validator = OpenXmlValidator()
    for document in outputs.values():
        result = validator.validate(str(document))
        assert [str(e) for e in result.errors] == [], document.name
