"""Validated document -> template context: the only place that decides what templates see.

No clock and no disk: every date printed comes from the input.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from convgen import references
from convgen.documents.articles import number
from convgen.documents.context.commun import organisation, sharing, to_template
from convgen.schema.document import Document

if TYPE_CHECKING:
    from convgen.documents.registry import DocumentType


def build_context(doc_type: DocumentType, document: Document, *, draft: bool) -> dict[str, Any]:
    """The whole context of one document; ``draft`` adds placeholders and the PROJET mark."""
    organisations = [organisation(org, draft) for org in document.organisations]
    signing = {org.code for org in document.signatories}
    return {
        "document": {
            "type": doc_type.name,
            "libelle": doc_type.label,
            "designation": doc_type.designation,
            "collectif": doc_type.collective,
            "collectif_accord": "es" if doc_type.collective_feminine else "s",
            "chaque": doc_type.each,
            "titre": document.titre,
            "reference": document.reference,
            "brouillon": draft,
        },
        "organisations": organisations,
        document.organisations_key: organisations,
        "signataires": [org for org in organisations if org["code"] in signing],
        "articles": number(doc_type.articles, document),
        "annexes": number(doc_type.annexes, document),
        "ref": dict(references.REFERENCES),
        "partage": sharing(document, draft),
        "signature": to_template(document.signature, draft),
        "mention_signataires": None,  # a document type may set it (the charter does)
        **doc_type.build_context(document, organisations, draft),
    }
