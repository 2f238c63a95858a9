"""The three document models as one type, and what each offers to shared code."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from convgen.errors import DataPath
from convgen.schema.charte_reseau import CharteReseau, MembreReseau
from convgen.schema.commun import Indicateur, Organisation, Referent, Signature
from convgen.schema.convention_gcsms import ConventionGcsms
from convgen.schema.convention_partenariat import Assurance, ConventionPartenariat, Partie
from convgen.schema.partage import GROUP, PartageInformation


class SharedDocument(Protocol):
    @property
    def type(self) -> str: ...

    @property
    def organisations(self) -> Sequence[Organisation]:
        """Parties, members or signatories: the organisations that sign."""
        ...

    @property
    def signatories(self) -> Sequence[Organisation]:
        """The organisations that sign (all of them, or a charter's signatories)."""
        ...

    @property
    def organisations_key(self) -> str:
        """The YAML key holding them (``parties``, ``membres``)."""
        ...

    @property
    def partage_information(self) -> PartageInformation | None: ...

    @property
    def signature(self) -> Signature: ...

    def indicators(self) -> list[tuple[DataPath, Indicateur]]:
        """Every evaluation indicator, with its data path."""
        ...

    def party_references(self) -> list[tuple[DataPath, str]]:
        """Every organisation code used outside the organisations list, with its path."""
        ...


Document = ConventionPartenariat | CharteReseau | ConventionGcsms
"""A validated document of any type; its ``type`` field tells which."""

MODELS: dict[str, type[Document]] = {
    "convention_partenariat": ConventionPartenariat,
    "charte_reseau": CharteReseau,
    "convention_constitutive_gcsms": ConventionGcsms,
}
"""Each document type's model, by the value of ``type`` in the input."""


def actor_names(doc: SharedDocument) -> dict[str, str]:
    """Code -> name (« le CSAPA ») of everyone a sharing clause may name: the
    organisations, the declared third parties and, in a GCSMS, « le groupement »."""
    names = {org.code: org.short_name for org in doc.organisations}
    partage = doc.partage_information
    for tiers in partage.intervenants_tiers if partage else []:
        names.setdefault(tiers.code, tiers.nom)
    if doc.type == "convention_constitutive_gcsms":
        names.setdefault(GROUP, "le groupement")
    return names


def referent_of(organisation: Organisation) -> Referent | None:
    """The referent of a party or of a network member (a GCSMS member has none)."""
    return organisation.referent if isinstance(organisation, Partie | MembreReseau) else None


def insurance_of(organisation: Organisation) -> Assurance | None:
    """The insurance of a convention's party (the only organisations that declare one)."""
    return organisation.assurance if isinstance(organisation, Partie) else None
