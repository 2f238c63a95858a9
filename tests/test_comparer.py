"""convgen comparer: Word tracked changes between two versions, and a summary by article."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import ROOT, edit_docx_part, example, replacing, set_path, write_yaml
from lxml import etree

from convgen.cli import main as cli
from convgen.review import redline
from convgen.review.changes import article_changes
from convgen.wordml.text import docx_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
EXAMPLE = "chrs-csapa-addictions"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli.cli, [str(a) for a in args], catch_exceptions=False)


def generate(
    folder: Path, name: str, *changes: tuple[str, object], modeles: Path | None = None
) -> Path:
    """Generate a version of the example with ``changes`` (data path, value)."""
    data = example(EXAMPLE)
    for path, value in changes:
        set_path(data, path, value)
    source = write_yaml(folder / f"{name}.yaml", data)
    target = folder / f"{name}.docx"
    extra = ["--modeles", modeles] if modeles else []
    assert run("generer", source, "-o", target, *extra).exit_code == 0
    return target


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """The approved version, a new one (date and party name changed) and their redline."""
    folder = tmp_path_factory.mktemp("versions")
    approved = generate(folder, "approuvee")
    changed = generate(
        folder,
        "nouvelle",
        ("signature.date", "2025-12-18"),
        ("parties.1.denomination", "Association Rhône Addictions Prévention et Soins"),
    )
    target = folder / "redline.docx"
    result = run("comparer", approved, changed, "-o", target)
    assert result.exit_code == 0, result.output
    assert result.output == f"Modifications suivies enregistrées dans : {target}\n"
    return approved, changed, target


def _document(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def _rejected(path: Path) -> str:
    """The text of a redline with every change rejected: deletions back, insertions out."""
    root = _document(path)
    for inserted in list(root.iter(f"{W}ins")):
        inserted.getparent().remove(inserted)
    for deleted in root.iter(f"{W}delText"):
        deleted.tag = f"{W}t"
    rejected = edit_docx_part(
        path.read_bytes(), "word/document.xml", lambda _: etree.tostring(root)
    )
    return docx_text(rejected)


def test_the_redline_holds_real_tracked_changes_by_convgen(versions: tuple[Path, ...]) -> None:
    _, _, target = versions
    root = _document(target)
    insertions, deletions = list(root.iter(f"{W}ins")), list(root.iter(f"{W}del"))
    assert insertions and deletions
    for change in insertions + deletions:
        assert change.get(f"{W}author") == "convgen"
        assert change.get(f"{W}date") == "2000-01-01T00:00:00Z"
    inserted = "".join(t.text or "" for i in insertions for t in i.iter(f"{W}t"))
    deleted = "".join(t.text or "" for d in deletions for t in d.iter(f"{W}delText"))
    assert "18" in inserted and "et" in inserted
    assert "15" in deleted


def test_accepting_every_change_gives_the_new_version_and_rejecting_the_old(
    versions: tuple[Path, ...],
) -> None:
    approved, changed, target = versions
    assert docx_text(target.read_bytes()) == docx_text(changed.read_bytes())
    assert _rejected(target) == docx_text(approved.read_bytes())


def test_the_redline_is_reproducible(versions: tuple[Path, ...], tmp_path: Path) -> None:
    approved, changed, target = versions
    again = tmp_path / "encore.docx"
    assert run("comparer", approved, changed, "-o", again).exit_code == 0
    assert again.read_bytes() == target.read_bytes()
    with zipfile.ZipFile(again) as archive:
        assert archive.namelist()[0] == "[Content_Types].xml"
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_resume_says_what_changed_by_article_and_that_the_data_did(
    versions: tuple[Path, ...], tmp_path: Path
) -> None:
    approved, changed, _ = versions
    result = run("comparer", approved, changed, "-o", tmp_path / "r.docx", "--resume")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert "Entre les soussignés : modifié" in lines
    assert "Article 1er – Objet : inchangé" in lines
    assert "Article 14 – Règlement des litiges : inchangé" in lines
    assert "Signatures : inchangé" not in lines
    assert "Signatures : modifié" in lines
    assert "Annexe 1 – Fiches d’identité des Parties : modifié" in lines
    assert "Origine des changements : les données." in lines


def test_an_article_added_upstream_renumbers_the_next_ones_without_changing_them() -> None:
    before = (ROOT / "tests" / "golden" / f"{EXAMPLE}.txt").read_text(encoding="utf-8")
    after = before.replace(
        "## Article 11 – Durée et renouvellement",
        "## Article 11 – Communication\nLes logos figurent sur les supports.\n"
        "## Article 12 – Durée et renouvellement",
    )
    changes = [str(change) for change in article_changes(before, after)]
    assert "Article 11 – Communication : ajouté" in changes
    assert "Article 12 – Durée et renouvellement : inchangé (anciennement article 11)" in changes
    removed = [str(c) for c in article_changes(after, before)]
    assert "Article 11 – Communication : supprimé" in removed


def test_a_template_change_is_told_apart_from_a_data_change(
    versions: tuple[Path, ...], tmp_path: Path
) -> None:
    approved, _, _ = versions
    folder = tmp_path / "modeles"
    shutil.copytree(ROOT / "modeles", folder)
    template = folder / "convention_partenariat.docx"
    edit_docx_part(
        template,
        "word/document.xml",
        replacing("fait l’objet d’un avenant écrit", "fait l’objet d’un avenant"),
    )
    regenerated = generate(tmp_path, "regeneree", modeles=folder)
    result = run("comparer", approved, regenerated, "-o", tmp_path / "r.docx", "--resume")
    assert "Article 12 – Modification : modifié" in result.output
    assert "Origine des changements : le modèle Word." in result.output


def test_comparer_usage_and_input_errors(versions: tuple[Path, ...], tmp_path: Path) -> None:
    approved, changed, _ = versions
    same = run("comparer", approved, changed, "-o", changed)
    assert same.exit_code == 2
    assert "la comparaison remplacerait un des documents comparés" in same.output
    bad_date = run("comparer", approved, changed, "--date", "15/12/2025")
    assert bad_date.exit_code == 2
    assert "« 15/12/2025 » : date attendue au format AAAA-MM-JJ" in bad_date.output
    not_docx = run(
        "comparer", ROOT / "exemples" / f"{EXAMPLE}.yaml", changed, "-o", tmp_path / "x.docx"
    )
    assert not_docx.exit_code == 1
    assert "ce n'est pas un document Word (.docx)" in not_docx.output
    assert not (tmp_path / "x.docx").exists()


def test_the_default_output_sits_beside_the_new_version_and_date_is_settable(
    versions: tuple[Path, ...], tmp_path: Path
) -> None:
    approved, changed, _ = versions
    copy = shutil.copy(changed, tmp_path / "v2.docx")
    result = run("comparer", approved, copy, "--date", "2026-03-02")
    assert result.exit_code == 0
    target = tmp_path / "v2.comparaison.docx"
    assert target.exists()
    dates = {node.get(f"{W}date") for node in _document(target).iter(f"{W}ins")}
    assert dates == {"2026-03-02T00:00:00Z"}


def test_a_missing_engine_is_a_clear_error(
    versions: tuple[Path, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    approved, changed, _ = versions

    def missing() -> None:
        raise redline.EngineNotInstalledError("no binary")

    monkeypatch.setattr(redline, "DocxodusEngine", missing)
    result = run("comparer", approved, changed, "-o", tmp_path / "r.docx")
    assert result.exit_code == 1
    assert "moteur de comparaison absent : installez python-redlines" in result.output
    assert not (tmp_path / "r.docx").exists()
