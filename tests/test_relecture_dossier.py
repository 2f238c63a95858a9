"""convgen relire DOSSIER: every document of a folder in one table, in three formats."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner, Result
from conftest import ROOT, example, set_path, write_yaml

from convgen.cli import main as cli

EXAMPLES = ROOT / "exemples"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli.cli, [str(a) for a in args], catch_exceptions=False)


def _folder(tmp_path: Path) -> Path:
    folder = Path(shutil.copytree(EXAMPLES, tmp_path / "conventions"))
    (folder / "__init__.py").unlink(missing_ok=True)
    broken = set_path(example("chrs-csapa-addictions"), "parties.1.siret", "78451236000017")
    (folder / "sous-dossier").mkdir()
    write_yaml(folder / "sous-dossier" / "cassee.yaml", broken)
    return folder


def test_a_folder_review_lists_each_document_and_fails_on_a_blocked_one(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    result = run("relire", folder, "--format", "json")
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    by_file = {Path(d["fichier"]).name: d for d in payload["documents"]}
    assert len(by_file) == len(list(EXAMPLES.glob("*.yaml"))) + 1
    assert payload["bloques"] == 1
    broken = by_file["cassee.yaml"]
    assert broken["verdict"] == "bloqué : données invalides"
    assert any(
        "[ID-02]" in point and "parties[2].siret" in point for point in broken["points_bloquants"]
    )
    gcsms = by_file["gcsms-associations-handicap.yaml"]
    assert gcsms["verdict"] == "Toutes les clauses attendues sont présentes."
    assert "[GC-31] question ouverte" in gcsms["points_ouverts"]


def test_the_folder_review_in_word_and_markdown(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    result = run("relire", folder)
    assert result.exit_code == 1
    target = tmp_path / "conventions.relecture.docx"
    assert f"Relecture du dossier produite : {target}" in result.output
    text = run("texte", target).output
    assert "Relecture d'un dossier de conventions" in text
    assert "bloqué\u00a0: données invalides" in text
    markdown = run("relire", folder, "--format", "md").stdout
    assert "| Fichier | Document | Verdict | Points bloquants | Points ouverts |" in markdown
    assert f"{len(list(EXAMPLES.glob('*.yaml'))) + 1} document(s) relu(s)" in markdown


def test_the_folder_review_refuses_a_pdf_of_markdown(tmp_path: Path) -> None:
    result = run("relire", _folder(tmp_path), "--format", "md", "--pdf")
    assert result.exit_code == 2
    assert "--pdf et --pdfa accompagnent le dossier Word" in result.output
