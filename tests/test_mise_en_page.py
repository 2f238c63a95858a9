"""Page layout every generated document gets: hyphenation, no proof state, draft watermark."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import example, render
from office import convert_to_pdf, needs_office, pdf_text
from openxml_audit import OpenXmlValidator

from convgen.wordml import keep


def _part(document: bytes, name: str) -> str:
    return zipfile.ZipFile(io.BytesIO(document)).read(name).decode("utf-8")


def _headers(document: bytes) -> list[str]:
    archive = zipfile.ZipFile(io.BytesIO(document))
    names = sorted(n for n in archive.namelist() if n.startswith("word/header"))
    return [archive.read(name).decode("utf-8") for name in names]


@pytest.mark.parametrize("name", ["chrs-csapa-addictions", "gcsms-mixte-ccas-ehpad"])
@pytest.mark.parametrize("draft", [False, True])
def test_french_hyphenation_is_on_and_word_rechecks_the_spelling(name: str, draft: bool) -> None:
    settings = _part(render(example(name), draft=draft), "word/settings.xml")
    assert settings.count("<w:autoHyphenation/>") == 1
    assert "proofState" not in settings


def test_a_draft_has_a_diagonal_projet_watermark_in_every_header_and_a_final_none() -> None:
    draft = render(example("charte-reseau-rural-domicile"), draft=True)
    headers = _headers(draft)
    assert headers
    for header in headers:
        assert 'string="PROJET"' in header
        assert "rotation:315" in header
    final = render(example("charte-reseau-rural-domicile"))
    assert not any("PROJET" in header and "textpath" in header for header in _headers(final))


@pytest.mark.bureautique
def test_a_draft_with_its_watermark_passes_openxml_audit(tmp_path: Path) -> None:
    target = tmp_path / "projet.docx"
    target.write_bytes(render(example("cada-empp-sante-mentale"), draft=True))
    result = OpenXmlValidator().validate(str(target))
    assert result.is_valid, [str(error) for error in result.errors]


@pytest.mark.bureautique
@needs_office
def test_libreoffice_draws_the_watermark_across_every_page_of_a_draft(tmp_path: Path) -> None:
    """Looked at as a person would: every page of the draft holds many more light grey
    pixels (the watermark behind the text) than the same page of the final document."""
    for mode, draft in (("projet", True), ("definitif", False)):
        target = tmp_path / f"{mode}.docx"
        target.write_bytes(render(example("chrs-csapa-addictions"), draft=draft))
    convert_to_pdf([tmp_path / "projet.docx", tmp_path / "definitif.docx"], tmp_path)
    draft_pages = _grey_pixels_per_page(tmp_path / "projet.pdf")
    final_pages = _grey_pixels_per_page(tmp_path / "definitif.pdf")
    assert len(draft_pages) == len(final_pages) > 3
    for page, (marked, plain) in enumerate(zip(draft_pages, final_pages, strict=True), 1):
        assert marked > plain + 2000, f"page {page} : {marked} / {plain}"


def _grey_pixels_per_page(pdf: Path) -> list[int]:
    """Pixels of the watermark's light grey on each page, rendered at 30 dpi."""
    subprocess.run(
        ["pdftoppm", "-gray", "-r", "30", str(pdf), str(pdf.with_suffix(""))],
        check=True,
        capture_output=True,
    )
    counts = []
    for image in sorted(pdf.parent.glob(f"{pdf.stem}-*.pgm")):
        data = image.read_bytes()
        # P5 header: magic, width, height, maximum, then one byte a pixel.
        fields = data.split(maxsplit=4)
        pixels = fields[4]
        counts.append(sum(1 for value in pixels if 200 <= value <= 240))
    return counts


_SIGNATURES = '<w:tbl><w:tblPr><w:tblStyle w:val="SignatureTable"/></w:tblPr><w:tr/></w:tbl>'
_FAIT = (
    '<w:p><w:pPr><w:pStyle w:val="BodyText"/><w:keepNext/></w:pPr>'
    "<w:r><w:t>Fait à Lyon</w:t></w:r></w:p>"
)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            '<w:p><w:pPr><w:pStyle w:val="BodyText"/><w:jc w:val="both"/></w:pPr>'
            "<w:r><w:t>Fin.</w:t></w:r></w:p>",
            '<w:p><w:pPr><w:pStyle w:val="BodyText"/><w:keepNext/><w:jc w:val="both"/>'
            "</w:pPr><w:r><w:t>Fin.</w:t></w:r></w:p>",
        ),
        (
            "<w:p><w:r><w:t>Fin.</w:t></w:r></w:p>",
            "<w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:t>Fin.</w:t></w:r></w:p>",
        ),
        (
            "<w:p><w:pPr/><w:r><w:t>Fin.</w:t></w:r></w:p>",
            "<w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:t>Fin.</w:t></w:r></w:p>",
        ),
        (  # the template's own choice not to keep it is overridden
            '<w:p><w:pPr><w:keepNext w:val="0"/></w:pPr><w:r><w:t>Fin.</w:t></w:r></w:p>',
            "<w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:t>Fin.</w:t></w:r></w:p>",
        ),
        (  # an empty line is kept too: the words kept are the text's
            '<w:p w14:paraId="1"><w:r><w:t>Fin.</w:t></w:r></w:p><w:p/><w:p><w:pPr/></w:p>',
            '<w:p w14:paraId="1"><w:pPr><w:keepNext/></w:pPr><w:r><w:t>Fin.</w:t></w:r></w:p>'
            "<w:p><w:pPr><w:keepNext/></w:pPr></w:p><w:p><w:pPr><w:keepNext/></w:pPr></w:p>",
        ),
    ],
)
def test_the_paragraph_before_the_signatures_is_kept_with_them(before: str, after: str) -> None:
    body = f"<w:body><w:p><w:r><w:t>Début</w:t></w:r></w:p>{before}{_FAIT}{_SIGNATURES}</w:body>"
    assert keep.apply(body) == body.replace(before, after)


@pytest.mark.parametrize(
    "body",
    [
        "<w:body><w:p><w:r><w:t>Sans signatures</w:t></w:r></w:p></w:body>",
        f"<w:body><w:tbl><w:tr/></w:tbl>{_FAIT}{_SIGNATURES}</w:body>",  # a table before
        f"<w:body>{_FAIT}{_SIGNATURES}</w:body>",  # nothing before
        # a section ends before the chain: its last paragraph is another section's
        "<w:body><w:p><w:pPr><w:sectPr/></w:pPr><w:r><w:t>Fin.</w:t></w:r></w:p>"
        f"{_FAIT}{_SIGNATURES}</w:body>",
    ],
)
def test_nothing_else_is_kept_with_the_next(body: str) -> None:
    assert keep.apply(body) == body


@pytest.mark.bureautique
@needs_office
def test_the_signatures_never_stand_alone_at_the_top_of_their_page(tmp_path: Path) -> None:
    """Looked at in LibreOffice: with ten more commitments, the examples' convention
    laid « Fait à Lyon » and the signatures alone on the last page of the text; the last
    lines of the last article now come with them."""
    documents = []
    for more in (0, 10, 20):
        data = example("chrs-csapa-addictions")
        data["parties"][0]["engagements"] += [
            f"assurer la mission complémentaire numéro {n} auprès des personnes hébergées"
            for n in range(more)
        ]
        documents.append(tmp_path / f"engagements-{more}.docx")
        documents[-1].write_bytes(render(data))
    convert_to_pdf(documents, tmp_path)
    for document in documents:
        pages = pdf_text(document.with_suffix(".pdf")).split("\f")
        page = next(page for page in pages if "Fait à Lyon" in page)
        above = page[: page.index("Fait à Lyon")]
        assert "prévalent." in above, f"{document.name} :\n{page[:400]}"
