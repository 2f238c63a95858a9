"""``convgen modeles copier``: the shipped templates, out of the program's files, to edit
and pass as ``--modeles`` (an installed convgen keeps its own in site-packages)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from conftest import ROOT

from convgen.cli import main as cli


def _run(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli.cli, [str(a) for a in args])
    return result.exit_code, result.output


def test_the_copied_templates_make_the_same_documents(tmp_path: Path) -> None:
    code, output = _run("modeles", "copier", tmp_path / "modeles")
    assert code == 0, output
    copied = sorted(p.relative_to(tmp_path / "modeles") for p in (tmp_path / "modeles").rglob("*"))
    shipped = sorted(p.relative_to(ROOT / "modeles") for p in (ROOT / "modeles").rglob("*.docx"))
    assert [p for p in copied if p.suffix == ".docx"] == shipped
    assert "passez --modeles" in output
    example = ROOT / "exemples" / "chrs-csapa-addictions.yaml"
    assert _run("generer", example, "-o", tmp_path / "livres.docx")[0] == 0
    assert (
        _run("generer", example, "-o", tmp_path / "copie.docx", "--modeles", tmp_path / "modeles")[
            0
        ]
        == 0
    )
    assert (tmp_path / "livres.docx").read_bytes() == (tmp_path / "copie.docx").read_bytes()


def test_a_folder_that_holds_templates_is_left_as_it_is(tmp_path: Path) -> None:
    folder = tmp_path / "modeles"
    (folder / "fragments").mkdir(parents=True)
    (folder / "fragments" / "parties.docx").write_bytes(b"ma version")
    code, output = _run("modeles", "copier", folder)
    assert code == 1
    assert "ce dossier contient déjà des modèles (fragments/parties.docx)" in output
    assert (folder / "fragments" / "parties.docx").read_bytes() == b"ma version"
    assert sorted(p.name for p in folder.rglob("*")) == ["fragments", "parties.docx"]
