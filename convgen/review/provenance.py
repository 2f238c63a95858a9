"""Read and check the provenance a generated .docx carries (pure: bytes in, facts out).

``generation.provenance`` writes the properties; this reads them back, names
them in French and recomputes the content digest, so a document edited after
generation is told apart from an intact one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from convgen.documents.registry import DOCUMENT_TYPES
from convgen.wordml.package import (
    CONTENT_PROPERTY,
    INPUT_PROPERTY,
    TEXT_PROPERTY,
    custom_properties_of,
    parts_digest,
    read_package,
)
from convgen.wordml.text import text_fingerprint

CONTENT = CONTENT_PROPERTY
INPUT = INPUT_PROPERTY
TEMPLATE = "convgen_modele_sha256"
TEXT = TEXT_PROPERTY
ENGINE = ("convgen_version", "convgen_references", "convgen_bibliotheques")

LABELS = {
    "convgen_type": "Type de document",
    "convgen_mode": "Mode",
    "convgen_version": "Version de convgen",
    "convgen_references": "Table des références légales",
    "convgen_bibliotheques": "Bibliothèques",
    "convgen_modele": "Modèle Word",
    TEMPLATE: "Empreinte du modèle et de ses fragments",
    INPUT: "Empreinte des données validées",
    CONTENT: "Empreinte du fichier",
    TEXT: "Empreinte du texte",
}
_MODES = {"definitif": "version définitive", "projet": "projet"}


@dataclass(frozen=True)
class Provenance:
    """The convgen properties of a document and whether its content still matches them."""

    properties: Mapping[str, str]
    recomputed: str
    recomputed_text: str

    @property
    def present(self) -> bool:
        return CONTENT in self.properties

    @property
    def intact(self) -> bool:
        """The file is the one convgen wrote (its parts, not only its words)."""
        return self.present and self.properties[CONTENT] == self.recomputed

    @property
    def same_words(self) -> bool:
        """Its words are those convgen wrote, whatever re-saved it since."""
        return self.properties.get(TEXT) == self.recomputed_text

    def lines(self) -> list[tuple[str, str]]:
        """(French label, value) of every known property, in a reading order."""
        return [
            (text, _readable(key, self.properties[key]))
            for key, text in LABELS.items()
            if key in self.properties
        ]


def _readable(key: str, value: str) -> str:
    """A property's value as a reader says it: « version définitive », « Convention de
    partenariat » rather than the machine values the document stores."""
    if key == "convgen_type" and value in DOCUMENT_TYPES:
        return DOCUMENT_TYPES[value].label
    return _MODES.get(value, value)


def read_provenance(data: bytes, source: str) -> Provenance:
    """Provenance of a .docx. Raises TemplateError if it is not a readable .docx."""
    parts = read_package(data, source)
    properties = custom_properties_of(parts, source)
    return Provenance(
        properties, parts_digest(parts, properties), text_fingerprint(parts, properties, source)
    )


def origin_of_change(old: Mapping[str, str], new: Mapping[str, str]) -> list[str]:
    """What differs between two documents' makings: data, template, engine, mode."""
    causes = []
    if old.get(INPUT) != new.get(INPUT):
        causes.append("les données")
    if old.get("convgen_modele") != new.get("convgen_modele") or old.get(TEMPLATE) != new.get(
        TEMPLATE
    ):
        causes.append("le modèle Word")
    if any(old.get(key) != new.get(key) for key in ENGINE):
        causes.append("le moteur (version de convgen, table des références ou bibliothèques)")
    if old.get("convgen_mode") != new.get("convgen_mode"):
        causes.append("le mode (projet ou version définitive)")
    return causes


@dataclass(frozen=True)
class Verdict:
    """One check of a document against its provenance: a label, what was found, pass or fail."""

    label: str
    text: str
    ok: bool


def content_verdict(provenance: Provenance) -> Verdict:
    """« fichier identique », « réenregistré, contenu identique » or « contenu modifié »."""
    if provenance.intact:
        return Verdict("Contenu", "fichier identique à celui que convgen a produit", True)
    if provenance.same_words:
        return Verdict(
            "Contenu",
            "réenregistré, contenu identique : le fichier a été enregistré à nouveau (Word, "
            "LibreOffice) sans qu’un mot change",
            True,
        )
    return Verdict(
        "Contenu",
        "contenu modifié après génération (son texte ne correspond plus à l’empreinte enregistrée)",
        False,
    )


def input_verdict(provenance: Provenance, fingerprint: str, name: str) -> Verdict:
    if provenance.properties.get(INPUT) == fingerprint:
        return Verdict("Données", f"identiques à {name}", True)
    return Verdict(
        "Données",
        f"différentes de {name} : le document n’a pas été produit à partir de ces données, "
        "ou elles ont changé depuis",
        False,
    )


def template_verdict(provenance: Provenance, sha256: str, folder: str) -> Verdict:
    name = provenance.properties.get("convgen_modele", "")
    if provenance.properties.get(TEMPLATE) == sha256:
        return Verdict("Modèle", f"{name} identique au modèle actuel de {folder}", True)
    return Verdict(
        "Modèle",
        f"{name} modifié depuis la génération (ou fragments modifiés) dans {folder}",
        False,
    )


def engine_verdict(
    provenance: Provenance, version: str, references: str, libraries: str
) -> Verdict:
    """Informational: a document made by another engine is not an error."""
    made = [provenance.properties.get(key) for key in ENGINE]
    if made == [version, references, libraries]:
        same = "même version de convgen, de la table des références et des bibliothèques"
        return Verdict("Moteur", same, True)
    recorded = made[2] or "bibliothèques non enregistrées"
    return Verdict(
        "Moteur",
        f"produit par convgen {made[0]} (références {made[1]} ; {recorded}) ; version "
        f"actuelle : convgen {version} (références {references} ; {libraries})",
        True,
    )
