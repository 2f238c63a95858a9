"""Real-client checks: LibreOffice opens every example and its PDF holds the key facts;
openxml-audit (port of the Open XML SDK validator) finds no schema or semantic error."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, ROOT, TODAY, render_validated
from office import convert_to_pdf, needs_office, pdf_text
from openxml_audit import OpenXmlValidator

from convgen.loading import RawInput, read_input
from convgen.validation.validator import Options, validate
from convgen.wording.formatting import typography
from convgen.wordml.text import docx_text

pytestmark = pytest.mark.bureautique

# Facts a lawyer checks first, per example: parties, dates, amounts.
KEY_FACTS = {
    "chrs-csapa-addictions": [
        "Association Le Relais Solidarité",
        "Association Rhône Addictions Prévention Soins",
        "1er janvier 2026",
        "31 décembre 2028",
        "Fait à Lyon, le 15 décembre 2025",
        "Article 15 – Annexes",
    ],
    "cada-empp-sante-mentale": [
        "Association Terre d’Accueil 93",
        "Établissement public de santé mentale de l’Est",
        "7 800,00 € (sept mille huit cents euros)",
        "1er février 2026",
        "31 janvier 2027",
        "Fait à Saint-Denis, le 29 janvier 2026",
    ],
    "charte-reseau-sante-precarite": [
        "Réseau Santé Précarité du Bassin de Thau",
        "Centre hospitalier du Bassin de Thau",
        "42 000,00 € (quarante-deux mille euros)",
        "Fait à Sète, le 2 février 2026",
        "Article 2 – Principes du partenariat",
    ],
    "charte-reseau-rural-domicile": [
        "Réseau Domicile Solidaire du Plateau de Maîche",
        "Monsieur Thibaut Cuenin",
        "20,00 € (vingt euros)",
        "Fait à Maîche, le 12 février 2026",
    ],
    "gcsms-associations-handicap": [
        "GCSMS Alliance Handicap Jura",
        "groupement de coopération médico-sociale",
        "Association Horizons Haut-Jura",
        "Fait à Lons-le-Saunier, le 16 février 2026",
        "Article 11 – Assemblée générale",
    ],
    "gcsms-mixte-ccas-ehpad": [
        "GCSMS Bien Vieillir en Pays de Champagnole",
        "30 000,00 € (trente mille euros)",
        "EHPAD Les Tilleuls",
        "1er avril 2026",
        "du 1er janvier au 31 décembre",
        "Fait à Champagnole, le 27 février 2026, en quatre (4) exemplaires originaux",
    ],
    "protection-enfance-reseau-local": [
        "Département de la Seine-Saint-Denis",
        "Commune de Bondy",
        "18 500,00 € (dix-huit mille cinq cents euros)",
        "1er mars 2026",
        # Each party signs at its own date and place (signature.par_partie).
        "Fait aux lieux et dates indiqués sous chaque signature, en quatre (4) exemplaires "
        "originaux",
        "Fait à Bobigny, le 20 février 2026",
        "Fait à Aulnay-sous-Bois, le 18 février 2026",
    ],
}


def _documents(folder: Path) -> list[Path]:
    paths = []
    for example in EXAMPLES:
        validated = validate(read_input(example), Options(today=TODAY))
        target = folder / f"{example.stem}.docx"
        target.write_bytes(render_validated(validated))
        paths.append(target)
    return paths


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    for space in ("\u00a0", "\u202f", "\u2009"):
        text = text.replace(space, " ")
    # pdftotext sets the raised « er » of « 1er » apart (« 1 er »): it is a separate
    # run, higher on the line. The superscript itself is checked in test_document.
    text = re.sub(r"(?<!\d)1 er\b", "1er", text)
    return " ".join(text.split())


@needs_office
def test_libreoffice_converts_every_example_and_the_pdf_holds_the_key_facts(tmp_path: Path) -> None:
    documents = _documents(tmp_path)
    convert_to_pdf(documents, tmp_path)
    for document in documents:
        plain = _plain(pdf_text(document.with_suffix(".pdf"), layout=True))
        for fact in KEY_FACTS[document.stem]:
            assert _plain(fact) in plain, f"{document.stem} : « {fact} » absent du PDF"


def test_openxml_audit_finds_no_error(tmp_path: Path) -> None:
    validator = OpenXmlValidator()
    for document in _documents(tmp_path):
        result = validator.validate(str(document))
        assert result.is_valid, [str(error) for error in result.errors]


# A text that has broken document generators: XML and Jinja syntax, quotes, emoji with
# joiners, right-to-left scripts and a bidirectional override, combining marks.
HOSTILE = (
    "Champ {n} &<>\"' « {{{{ x }}}} {{% if %}} %_}} ]]> » 😀 👩🏽‍⚕️ مرحبا שלום e\u0301 "
    "a\u0308\u0323 \u200fabc fin"
)
IDENTIFIERS = {"siren", "siret", "finess_ej", "finess_et", "telephone", "code_postal"}
HOSTILE_TYPES = ("chrs-csapa-addictions", "charte-reseau-sante-precarite", "gcsms-mixte-ccas-ehpad")


def _hostile_everywhere(name: str) -> tuple[bytes, list[str]]:
    """The example with every free-text field that accepts it set to HOSTILE; returns
    the document and the marks (« Champ n &<>… ») that the fields the example prints
    as typed (not identifiers, printed normalised) must show."""
    data = read_input(ROOT / "exemples" / f"{name}.yaml").data
    original_text = docx_text(
        render_validated(validate(RawInput(name, data), Options(today=TODAY))), name
    )
    marks = []
    for number, path in enumerate(_text_paths(data)):
        node = data
        for step in path[:-1]:
            node = node[step]
        original = node[path[-1]]
        node[path[-1]] = HOSTILE.format(n=number)
        if not validate(RawInput(name, data), Options(today=TODAY)).ok:
            node[path[-1]] = original
        elif path[-1] not in IDENTIFIERS and typography(original) in original_text:
            marks.append(f"Champ {number} &<>")
    validated = validate(RawInput(name, data), Options(today=TODAY))
    assert validated.ok and len(marks) > 30, (name, len(marks))
    return render_validated(validated), marks


def _text_paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict):
        return [p for key, value in node.items() for p in _text_paths(value, (*path, key))]
    if isinstance(node, list):
        return [p for i, value in enumerate(node) for p in _text_paths(value, (*path, i))]
    return [path] if isinstance(node, str) and path != ("type",) else []


@pytest.mark.parametrize("name", HOSTILE_TYPES)
def test_hostile_text_in_every_field_passes_openxml_audit(tmp_path: Path, name: str) -> None:
    document, marks = _hostile_everywhere(name)
    target = tmp_path / f"{name}.docx"
    target.write_bytes(document)
    result = OpenXmlValidator().validate(str(target))
    assert result.is_valid, [str(error) for error in result.errors]
    text = docx_text(document, name)
    missing = [mark for mark in marks if typography(mark) not in text]
    assert not missing, missing


@needs_office
def test_libreoffice_opens_documents_with_hostile_text_everywhere(tmp_path: Path) -> None:
    documents = []
    for name in HOSTILE_TYPES:
        target = tmp_path / f"{name}.docx"
        target.write_bytes(_hostile_everywhere(name)[0])
        documents.append(target)
    convert_to_pdf(documents, tmp_path)
    for document in documents:
        plain = _plain(pdf_text(document.with_suffix(".pdf"), layout=False))
        assert "Champ 0 &<>" in plain
        assert "😀" in plain or "مرحبا" in plain or "fin" in plain
