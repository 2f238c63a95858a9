"""One document: validated input + prepared template -> .docx bytes (pure)."""

from __future__ import annotations

from convgen import __version__, references
from convgen.documents.context import build_context
from convgen.documents.registry import title_of, type_of
from convgen.rendering.engine import libraries_text
from convgen.rendering.prepared import PreparedTemplate
from convgen.validation.validator import Validated
from convgen.wordml.package import (
    CONTENT_PROPERTY,
    CORE_PART,
    CUSTOM_PART,
    INPUT_PROPERTY,
    TEXT_PROPERTY,
    core_properties,
    custom_properties,
)
from convgen.wordml.text import text_fingerprint
from convgen.wordml.watermark import with_watermark


def provenance(validated: Validated, prepared: PreparedTemplate, *, draft: bool) -> dict[str, str]:
    """What a document says of its making: engine, template and input fingerprints (the
    content fingerprint, which covers these too, is added by render_document)."""
    return {
        "convgen_version": __version__,
        "convgen_type": validated.document.type,
        "convgen_modele": prepared.name,
        "convgen_modele_sha256": prepared.sha256,
        INPUT_PROPERTY: validated.fingerprint,
        "convgen_references": references.VERSION,
        "convgen_bibliotheques": libraries_text(),
        "convgen_mode": "projet" if draft else "definitif",
    }


def render_document(validated: Validated, prepared: PreparedTemplate, *, draft: bool) -> bytes:
    """The .docx of a valid document. Raises TemplateError if the template fails."""
    document = validated.document
    doc_type = type_of(document)
    context = build_context(doc_type, document, draft=draft)
    parsed = prepared.render_parsed(context)
    parts = {name: data for name, (data, _tree) in parsed.items()}
    if draft:
        parts = with_watermark(parts)
    parts[CORE_PART] = core_properties(
        title=title_of(document),
        subject=doc_type.label,
        keywords="projet" if draft else "",
    )
    properties = provenance(validated, prepared, draft=draft)
    properties[TEXT_PROPERTY] = text_fingerprint(parts, properties, prepared.name, parsed)
    properties[CONTENT_PROPERTY] = prepared.content_digest(parts, properties)
    parts[CUSTOM_PART] = custom_properties(properties)
    return prepared.package(parts)
