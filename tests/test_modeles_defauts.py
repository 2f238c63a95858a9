"""A template whose Word structure would garble the documents (tracked changes, an
article number typed by hand, a tag cut in two, a block spanning paragraphs, a tag in a
footnote) is refused before anything is written, as the template check reports it."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, edit_docx_part, replacing

from convgen.cli import main as cli
from convgen.rendering.store import default_templates_dir

CONVENTION = "convention_partenariat.docx"
EXAMPLE = next(p for p in EXAMPLES if p.name == "cada-empp-sante-mentale.yaml")
FOOTNOTES = (
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:footnote w:id="1"><w:p><w:r><w:t>Signée à {{ signature.lieu }}.</w:t></w:r></w:p>'
    "</w:footnote></w:footnotes>"
)


def _with_part(docx: Path, name: str, data: str) -> None:
    with zipfile.ZipFile(docx) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info, content in entries:
            target.writestr(info, content)
        target.writestr(name, data)
    docx.write_bytes(output.getvalue())


FLAWS = {
    "modifications suivies": (
        '<w:r><w:t xml:space="preserve">Entre les soussignés',
        '<w:ins w:id="91" w:author="Juriste" w:date="2026-01-01T00:00:00Z"><w:r><w:t>ajout'
        '</w:t></w:r></w:ins><w:r><w:t xml:space="preserve">Entre les soussignés',
        "modifications suivies non acceptées",
    ),
    "numéro saisi à la main": (
        "Article {{ articles.objet.numero }} – Objet",
        "Article 1er – Objet",
        "numéro d'article saisi à la main",
    ),
    "balise coupée": (
        "{{ convention.titre }}",
        "{{ convention.</w:t></w:r></w:p><w:p><w:r><w:t>titre }}",
        "balise coupée",
    ),
    "espace insécable dans une balise": (
        "{%p if document.reference %}",
        "{%p\u00a0if document.reference %}",
        "espace insécable dans la balise « {%p[espace insécable]if document.reference %} »",
    ),
    "bloc sur deux paragraphes": (
        "{{ convention.titre }}",
        "{% if convention.titre %}{{ convention.titre }}</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>suite{% endif %}",
        "ouvert dans un autre paragraphe",
    ),
}


@pytest.mark.parametrize("flaw", [*FLAWS, "balise en note de bas de page"])
def test_generation_refuses_a_flawed_template(tmp_path: Path, flaw: str) -> None:
    folder = tmp_path / "modeles"
    shutil.copytree(default_templates_dir(), folder)
    if flaw in FLAWS:
        old, new, words = FLAWS[flaw]
        edit_docx_part(folder / CONVENTION, "word/document.xml", replacing(old, new))
    else:
        _with_part(folder / CONVENTION, "word/footnotes.xml", FOOTNOTES)
        words = "balise dans une note de bas de page"
    output = tmp_path / "convention.docx"
    result = CliRunner().invoke(
        cli.cli, ["generer", str(EXAMPLE), "--modeles", str(folder), "-o", str(output)]
    )
    assert result.exit_code == 1, result.output
    assert f"{CONVENTION}: modèle à corriger (" in result.output, result.output
    assert words in result.output, result.output
    assert not output.exists()
    checked = CliRunner().invoke(
        cli.cli, ["modeles", "verifier", "--modeles", str(folder), str(folder / CONVENTION)]
    )
    assert checked.exit_code == 1, checked.output
    assert words in checked.output, checked.output
    assert "modèle à corriger" not in checked.output  # reported once, located


@pytest.mark.parametrize(
    "new",
    [
        "{% if convention.titre %}{{ convention.titre }}{% endif %}",
        # A block that takes whole paragraphs: both tags end theirs.
        "{% if convention.titre %}</w:t></w:r></w:p><w:p><w:r><w:t>{{ convention.titre }}"
        "{% endif %}",
        "{{\u00a0convention.titre\u00a0}}",  # Jinja reads it as a space
    ],
)
def test_a_block_within_one_paragraph_is_fine(tmp_path: Path, new: str) -> None:
    folder = tmp_path / "modeles"
    shutil.copytree(default_templates_dir(), folder)
    edit_docx_part(
        folder / CONVENTION, "word/document.xml", replacing("{{ convention.titre }}", new)
    )
    output = tmp_path / "convention.docx"
    result = CliRunner().invoke(
        cli.cli, ["generer", str(EXAMPLE), "--modeles", str(folder), "-o", str(output)]
    )
    assert result.exit_code == 0, result.output
    assert output.exists()


# What the template check finds in the template itself, beyond its Word structure: a
# clause gone (the signatures: « Fait à … », the blocks) or a heading of the plan gone
# (the articles after it were numbered one short).
GONE = {
    "signatures retirées": (
        '{%p include "signatures.docx" %}',
        "",
        "le champ obligatoire « signature » n'est utilisé nulle part dans le modèle",
    ),
    "titre d'article retiré": (
        "Article {{ articles.resiliation.numero }} – Résiliation",
        "",
        "(articles.resiliation) du plan n'a pas de titre dans le modèle",
    ),
}


@pytest.mark.parametrize("gone", GONE)
def test_a_template_that_lost_a_clause_is_refused_by_generer_and_regenerer(
    tmp_path: Path, gone: str
) -> None:
    """``modeles verifier`` refused these templates; ``generer`` and ``regenerer`` wrote
    final documents with them, exit 0 (the IT person's corpus: 51 conventions without
    their signature blocks)."""
    old, new, words = GONE[gone]
    folder = tmp_path / "modeles"
    shutil.copytree(default_templates_dir(), folder)
    edit_docx_part(folder / CONVENTION, "word/document.xml", replacing(old, new))
    checked = CliRunner().invoke(
        cli.cli, ["modeles", "verifier", "--modeles", str(folder), str(folder / CONVENTION)]
    )
    assert checked.exit_code == 1 and words in checked.output, checked.output
    output = tmp_path / "convention.docx"
    result = CliRunner().invoke(
        cli.cli, ["generer", str(EXAMPLE), "--modeles", str(folder), "-o", str(output)]
    )
    assert result.exit_code == 1, result.output
    assert f"{CONVENTION}: modèle à corriger (" in result.output and words in result.output
    assert not output.exists()
    inputs = tmp_path / "entrees"
    inputs.mkdir()
    shutil.copy(EXAMPLE, inputs)
    outputs = tmp_path / "sorties"
    batch = CliRunner().invoke(
        cli.cli, ["regenerer", str(inputs), "-o", str(outputs), "--modeles", str(folder)]
    )
    assert batch.exit_code == 1, batch.output
    assert words in batch.output and "0 généré" in batch.output, batch.output
    assert not list(outputs.glob("*.docx"))
