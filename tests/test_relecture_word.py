"""The Word review pack looks like the conventions: French, readable, paged, whole words."""

from __future__ import annotations

import io
import zipfile

from conftest import ROOT, render_validated
from test_relecture import TODAY

from convgen.loading import read_input
from convgen.review.pack import build_review
from convgen.review.word import column_widths, to_docx
from convgen.validation.validator import Options, validate


def _pack() -> dict[str, str]:
    raw = read_input(ROOT / "exemples" / "gcsms-associations-handicap.yaml")
    validated = validate(raw, Options(today=TODAY))
    review = build_review(validated, render_validated(validated), draft=False)
    with zipfile.ZipFile(io.BytesIO(to_docx(review))) as package:
        return {
            name: package.read(name).decode("utf-8")
            for name in package.namelist()
            if name.endswith((".xml", ".rels"))
        }


def test_the_pack_is_french_paged_and_repeats_table_headers() -> None:
    parts = _pack()
    assert '<w:lang w:val="fr-FR" w:eastAsia="fr-FR" w:bidi="fr-FR"/>' in parts["word/styles.xml"]
    assert "en-US" not in parts["word/styles.xml"]
    footer = next(text for name, text in parts.items() if name.startswith("word/footer"))
    assert 'w:instr=" PAGE "' in footer and 'w:instr=" NUMPAGES "' in footer
    assert "Page " in footer and " sur " in footer
    assert parts["word/document.xml"].count("<w:tblHeader/>") >= 5
    assert "word/stylesWithEffects.xml" not in parts
    assert "stylesWithEffects" not in parts["[Content_Types].xml"]


def test_no_internal_name_reaches_the_pack() -> None:
    text = _pack()["word/document.xml"]
    for internal in ("GC.entre_soussignes", "domaine.md", "S27", "[C]", "[P]"):
        assert internal not in text
    # The type's machine name appears only as the template's file name.
    assert text.count("convention_constitutive_gcsms") == text.count(
        "convention_constitutive_gcsms.docx"
    )


def test_columns_hold_their_longest_word_whole() -> None:
    rows = [("Emplacement", "Clause"), ("Article 12", "Modification")]
    widths = column_widths(rows, (1, 10))
    assert widths[0] >= len("Emplacement") * 0.2
    assert abs(sum(widths) - 26.7) < 0.01
