"""GC-43: each member of a GCSMS is a distinct person (domaine.md §J.8)."""

from __future__ import annotations

from collections.abc import Iterator

from convgen.regles.base import GC, Finding, Level, RuleContext, rule
from convgen.schema.convention_gcsms import ConventionGcsms
from convgen.wording.formatting import capitalized


@rule(
    "GC-43",
    documents={GC},
    level=Level.C,
    source="CASF L. 312-7 3°, R. 312-194-1 ; C. com. R. 123-221",
    title="Membres distincts : un SIREN par membre",
)
def distinct_members(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    seen: dict[str, str] = {}
    for index, membre in enumerate(doc.membres):
        if membre.siren is None:
            continue
        if membre.siren in seen:
            yield Finding(
                ("membres", index, "siren"),
                f"{capitalized(membre.short_name)} et {seen[membre.siren]} ont le même SIREN : "
                "un établissement sans personnalité morale est représenté par son "
                "gestionnaire, qui est seul membre.",
            )
        else:
            seen[membre.siren] = membre.short_name
