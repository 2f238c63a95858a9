"""CO-*: convgen's own consistency checks (not legal rules): codes and references."""

from __future__ import annotations

from collections.abc import Iterator

from convgen.regles.base import ALL_DOCUMENTS, Finding, Level, RuleContext, rule
from convgen.schema.document import SharedDocument


@rule(
    "CO-01",
    documents=ALL_DOCUMENTS,
    level=Level.C,
    source="cohérence du fichier",
    title="Codes des organisations uniques",
)
def codes_unique(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for index, org in enumerate(doc.organisations):
        if org.code in seen:
            yield Finding(
                (doc.organisations_key, index, "code"),
                f"Le code « {org.code} » est déjà utilisé par l'organisation n° "
                f"{seen[org.code] + 1} : chaque organisation doit avoir son propre code.",
            )
        else:
            seen[org.code] = index


@rule(
    "CO-02",
    documents=ALL_DOCUMENTS,
    level=Level.C,
    source="cohérence du fichier",
    title="Références à des organisations déclarées",
)
def references_known(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    codes = [org.code for org in doc.organisations]
    for path, code in doc.party_references():
        if code not in codes:
            known = ", ".join(f"« {c} »" for c in codes) or "aucun"
            yield Finding(
                path,
                f"« {code} » ne désigne aucune organisation du document (codes déclarés : "
                f"{known}).",
            )
