"""CO-*: convgen's own consistency checks (not legal rules): codes and references."""

from __future__ import annotations

from collections.abc import Iterator

from convgen.errors import DataPath
from convgen.regles.base import ALL_DOCUMENTS, Finding, Level, RuleContext, rule
from convgen.schema.document import SharedDocument
from convgen.schema.partage import GROUP


@rule(
    "CO-01",
    documents=ALL_DOCUMENTS,
    level=Level.C,
    source="cohérence du fichier",
    title="Codes des organisations uniques",
)
def codes_unique(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    seen: dict[str, str] = {}
    for path, code, what in _declared_codes(doc):
        if code in seen:
            yield Finding(
                (*path, "code"),
                f"Le code « {code} » est déjà celui {seen[code]} : chaque organisation, "
                "financeur ou intervenant doit avoir son propre code.",
            )
        elif doc.type == "convention_constitutive_gcsms" and code == GROUP:
            yield Finding(
                (*path, "code"),
                f"Le code « {GROUP} » désigne le groupement lui-même : choisissez-en un autre.",
            )
        else:
            seen[code] = what


def _declared_codes(doc: SharedDocument) -> Iterator[tuple[DataPath, str, str]]:
    """Every code the file declares: organisations, then funders and third parties."""
    for index, org in enumerate(doc.organisations):
        yield (doc.organisations_key, index), org.code, f"de l'organisation n° {index + 1}"
    finances = getattr(doc, "dispositions_financieres", None)
    for index, funder in enumerate(finances.financeurs if finances else []):
        where = ("dispositions_financieres", "financeurs", index)
        yield where, funder.code, f"du financeur n° {index + 1}"
    partage = doc.partage_information
    for index, tiers in enumerate(partage.intervenants_tiers if partage else []):
        where = ("partage_information", "intervenants_tiers", index)
        yield where, tiers.code, f"de l'intervenant tiers n° {index + 1}"


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
