"""Text beside a ``{%p``, ``{%tr``, ``{%tc`` or ``{%r`` tag, which docxtpl drops with
its paragraph, row, cell or run: found in the XML, refused when a template is prepared
(no document is written without it), located by the template check."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from conftest import EXAMPLES, edit_docx_part, replacing
from lxml import etree

from convgen.cli import main as cli
from convgen.rendering.store import default_templates_dir
from convgen.wordml.control_tags import lost_beside_tags
from convgen.wordml.namespaces import W_NS

CONVENTION = "convention_partenariat.docx"
EXAMPLE = next(p for p in EXAMPLES if p.name == "cada-empp-sante-mentale.yaml")


def _body(xml: str) -> etree._Element:
    return etree.fromstring(f'<w:body xmlns:w="{W_NS}">{xml}</w:body>')


def _p(*runs: str) -> str:
    return "<w:p>" + "".join(f"<w:r><w:t>{text}</w:t></w:r>" for text in runs) + "</w:p>"


def _lost(xml: str) -> list[tuple[str, str, str]]:
    return [(lost.kind, lost.tag, lost.text) for lost in lost_beside_tags(_body(xml))]


def test_a_tag_alone_in_its_paragraph_loses_nothing() -> None:
    xml = _p("{%p if a %}") + _p("Texte {{ b }}") + _p("  {%p endif %} ")
    assert _lost(xml) == []


def test_a_tag_cut_in_runs_is_read_whole() -> None:
    assert _lost(_p("{%p i", "f a %}")) == []
    assert _lost(_p("{%p i", "f a %}", " suite")) == [("p", "{%p if a %}", "suite")]


def test_text_an_expression_or_a_second_tag_beside_a_paragraph_tag() -> None:
    assert _lost(_p("Référence {%p if a %}")) == [("p", "{%p if a %}", "Référence")]
    assert _lost(_p("{%p if a %} {{ titre }}")) == [("p", "{%p if a %}", "{{ titre }}")]
    assert _lost(_p("{%p if a %}{%p endif %}")) == [("p", "{%p if a %}", "{%p endif %}")]
    assert _lost(_p("{{p sous_document }} fin")) == [("p", "{{p sous_document }}", "fin")]
    assert _lost(_p("{#p note #} reste")) == [("p", "{#p note #}", "reste")]


def test_a_row_a_cell_and_a_run() -> None:
    row = "<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>"
    assert _lost(row.format(_p("{%tr for x in xs %}"), _p(""))) == []
    assert _lost(row.format(_p("{%tr for x in xs %}"), _p("Montant"))) == [
        ("tr", "{%tr for x in xs %}", "Montant")
    ]
    assert _lost(row.format(_p("{%tc if x %}") + _p("en plus"), _p("Montant"))) == [
        ("tc", "{%tc if x %}", "en plus")
    ]
    assert _lost("<w:p><w:r><w:t>{%r if x %} mot</w:t></w:r></w:p>") == [
        ("r", "{%r if x %}", "mot")
    ]


def test_what_a_replaced_row_holds_is_reported_once() -> None:
    xml = (
        "<w:tbl><w:tr><w:tc>"
        + _p("{%tr for x in xs %}")
        + _p("{%p if y %} texte")
        + "</w:tc></w:tr></w:tbl>"
    )
    assert _lost(xml) == [("tr", "{%tr for x in xs %}", "{%p if y %} texte")]


def _templates(tmp_path: Path, old: str, new: str) -> Path:
    folder = tmp_path / "modeles"
    shutil.copytree(default_templates_dir(), folder)
    edit_docx_part(folder / CONVENTION, "word/document.xml", replacing(old, new))
    return folder


def test_generer_refuses_the_template_and_keeps_the_previous_document(tmp_path: Path) -> None:
    folder = _templates(
        tmp_path,
        "{%p if document.reference %}",
        "{%p if document.reference %} {{ convention.titre }}",
    )
    output = tmp_path / "convention.docx"
    output.write_bytes(b"version precedente")
    result = CliRunner().invoke(
        cli.cli,
        ["generer", str(EXAMPLE), "--modeles", str(folder), "-o", str(output)],
    )
    assert result.exit_code == 1, result.output
    assert "le texte « {{ convention.titre }} » partage son paragraphe avec la balise" in (
        result.output
    )
    assert "« {%p if document.reference %} »" in result.output
    assert output.read_bytes() == b"version precedente"


def test_the_template_check_locates_it(tmp_path: Path) -> None:
    folder = _templates(
        tmp_path,
        "{%p if document.reference %}",
        "{%p if document.reference %} {{ convention.titre }}",
    )
    result = CliRunner().invoke(
        cli.cli, ["modeles", "verifier", "--modeles", str(folder), str(folder / CONVENTION)]
    )
    assert result.exit_code == 1, result.output
    located = [line for line in result.output.splitlines() if "partage son paragraphe" in line]
    assert len(located) == 1, result.output  # once, located, not again as a preparation error
    assert located[0].startswith(
        f"{CONVENTION}: sous « Convention de partenariat », paragraphe « {{%p if document."
    )
