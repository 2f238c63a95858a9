"""The PDF's metadata from its .docx: title, subject, provenance; no date, a stable /ID.

LibreOffice copies the title and subject but stamps the conversion time and a random
document id: two conversions of the same .docx differ. Removing the dates and deriving
the /ID from the content (pikepdf ``deterministic_id``) makes a PDF depend only on its
.docx and LibreOffice, as the .docx depends only on its input, template and engine.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Mapping

import pikepdf

from convgen.pdf.office import PdfFormat, convert_once
from convgen.wordml.package import (
    CORE_PART,
    CUSTOM_PART,
    TEXT_PROPERTY,
    custom_properties_of,
    parse_part,
    read_package,
)

_DC = "{http://purl.org/dc/elements/1.1/}"
_DATES = ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate")
_PROVENANCE = {
    "convgen_version": "convgen",
    "convgen_mode": "mode",
    "convgen_entree_sha256": "entrée sha256",
    "convgen_modele": "modèle",
    "convgen_modele_sha256": "modèle sha256",
    TEXT_PROPERTY: "texte sha256",
}


def document_pdf(docx: bytes, source: str, pdf_format: PdfFormat) -> bytes:
    """The finished PDF of one document, by one LibreOffice launch. Raises OfficeError."""
    return with_metadata(convert_once(docx, pdfa=pdf_format.archive), docx, source)


def provenance_line(properties: Mapping[str, str]) -> str:
    """« convgen 0.1.0 ; mode definitif ; entrée sha256 … »: what the .docx says of its making."""
    return " ; ".join(
        f"{label} {properties[key]}" for key, label in _PROVENANCE.items() if key in properties
    )


def with_metadata(pdf: bytes, docx: bytes, source: str) -> bytes:
    """``pdf`` with the title, subject and provenance of ``docx``, without dates."""
    parts = read_package(docx, source)
    core = parse_part(parts[CORE_PART], source, CORE_PART) if CORE_PART in parts else None
    title = _text(core, "title")
    subject = _text(core, "subject")
    keywords = provenance_line(custom_properties_of(parts, source)) if CUSTOM_PART in parts else ""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        with document.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:title"] = title
            meta["dc:description"] = subject
            meta["pdf:Keywords"] = keywords
            meta["xmp:CreatorTool"] = "convgen"
            for name in _DATES:
                if name in meta:
                    del meta[name]
        for key in ("/CreationDate", "/ModDate"):
            if key in document.docinfo:
                del document.docinfo[key]
        for key in ("/DocChecksum", "/ID"):  # LibreOffice's, which differ every time
            if key in document.trailer:
                del document.trailer[key]
        _undate_colour_profiles(document)
        output = io.BytesIO()
        document.save(output, deterministic_id=True)
    return output.getvalue()


_ICC_DATE = slice(24, 36)
_FIXED_ICC_DATE = struct.pack(">6H", 2000, 1, 1, 0, 0, 0)


def _undate_colour_profiles(document: pikepdf.Pdf) -> None:
    """A PDF/A's colour profile, made by LibreOffice for each conversion, carries its
    creation time in its header (ICC, bytes 24 to 35); a fixed one keeps the bytes stable."""
    for intent in document.Root.get("/OutputIntents", []):
        profile = intent.get("/DestOutputProfile")
        if profile is None:
            continue
        data = bytearray(profile.read_bytes())
        if len(data) >= _ICC_DATE.stop:
            data[_ICC_DATE] = _FIXED_ICC_DATE
            profile.write(zlib.compress(bytes(data)), filter=pikepdf.Name.FlateDecode)


def _text(core: object, name: str) -> str:
    if core is None:
        return ""
    element = core.find(f"{_DC}{name}")  # type: ignore[attr-defined]
    return "" if element is None or element.text is None else str(element.text)
