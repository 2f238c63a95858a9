"""Charte de réseau (domaine.md §C, §I « constitution d'un réseau de professionnels »)."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field, field_validator

from convgen.errors import DataPath
from convgen.schema.base import (
    Booleen,
    Code,
    Date,
    Jours,
    Mois,
    Montant,
    MontantVerse,
    Puce,
    Schema,
    Texte,
    TexteLong,
    to_be_completed,
)
from convgen.schema.commun import (
    Frequence,
    Indicateur,
    Litiges,
    MembreInstance,
    Objectif,
    Organisation,
    Referent,
    Signature,
    indicator_paths,
    owner_references,
)
from convgen.schema.partage import PartageInformation, party_references


class TypeReseau(StrEnum):
    SOCIAL = "social"
    MEDICO_SOCIAL = "medico_social"
    SANTE = "sante"
    MIXTE = "mixte"


class CodePrincipe(StrEnum):
    """The five principles of partnership (Pelletier 1997, guide FNARS 2016)."""

    INTERET_MUTUEL = "interet_mutuel"
    EGALITE = "egalite"
    AUTONOMIE = "autonomie"
    COOPERATION = "cooperation"
    EVOLUTION = "evolution"
    AUTRE = "autre"


class Principe(Schema):
    principe: CodePrincipe
    libelle: Texte | None = None
    description: TexteLong | None = None


class Territoire(Schema):
    description: TexteLong | None = None
    departements: list[Texte] = Field(default_factory=list)
    communes: list[Texte] = Field(default_factory=list)


class Champ(Schema):
    domaine: TexteLong | None = None
    territoire: Territoire | None = None
    publics: list[Puce] = Field(default_factory=list)
    autres_reseaux: TexteLong | None = None


class CategorieMembre(StrEnum):
    FONDATEUR = "fondateur"
    ADHERENT = "adherent"
    ASSOCIE = "associe"


class MembreReseau(Organisation):
    categorie: CategorieMembre = CategorieMembre.ADHERENT
    role: Texte | None = None
    referent: Referent | None = None


class Adhesion(Schema):
    procedure: TexteLong | None = None
    instance_decision: Texte | None = None


class Retrait(Schema):
    modalites: TexteLong | None = None
    preavis_jours: Jours | None = None


class ComitePilotage(Schema):
    nom: Texte = "comité de pilotage"
    composition: list[MembreInstance] = Field(default_factory=list)
    autres_membres: list[Puce] = Field(default_factory=list)
    frequence: Frequence | None = None
    missions: TexteLong | None = None


class OutilPartage(Schema):
    """A tool the members share (logbook, relay form, coordination file): who keeps it,
    who uses it, and whether it holds information on identified persons."""

    nom: Texte
    gestionnaire: Code
    utilisateurs: list[Code] = Field(default_factory=list)
    donnees_personnelles: Booleen


class Gouvernance(Schema):
    comite_pilotage: ComitePilotage | None = None
    coordination: Code | None = None
    missions_coordination: TexteLong | None = None
    animation: TexteLong | None = None
    secretariat: Texte | None = None
    outils_partages: list[OutilPartage] = Field(default_factory=list)


class Usagers(Schema):
    information: TexteLong | None = None
    libre_choix: Booleen = False
    representation: TexteLong | None = None
    document_information: Booleen = False


class FinancementDirect(Schema):
    financeur: Texte
    nature: Texte
    montant: MontantVerse | None = None


class Financement(Schema):
    directs: list[FinancementDirect] = Field(default_factory=list)
    indirects: list[Puce] = Field(default_factory=list)
    cotisation: Montant | None = None
    cotisation_periodicite: Frequence | None = None
    # A network without legal personality holds no funds: the member who keeps the
    # contributions (the structure porteuse) is named (domaine.md §J, CR-12).
    cotisation_beneficiaire: Code | None = None


class EvaluationReseau(Schema):
    periodicite: Frequence | None = None
    modalites: TexteLong | None = None
    indicateurs: list[Indicateur] = Field(default_factory=list)
    rapport_activite_annuel: Booleen = False
    date_limite_rapport: Texte | None = None
    bilan_final: Booleen = False


class ReseauSante(Schema):
    """What a réseau de santé must reference (CSP L6321-1, D6321-1 s.)."""

    convention_constitutive: Texte | None = None
    document_information: Booleen = False
    demarche_evaluation: Booleen = False


class DureeCharte(Schema):
    date_effet: Date
    duree_mois: Mois | None = None


class SignatureCharte(Signature):
    signataires: list[Code] = Field(default_factory=list)
    comite_pilotage: Booleen = False


class CharteReseau(Schema):
    type: Literal["charte_reseau"]
    nom_reseau: Texte
    reference: Texte | None = None
    type_reseau: TypeReseau
    genese: TexteLong | None = None
    preambule: TexteLong | None = to_be_completed(
        "préambule",
        advised="Sans préambule, la version définitive n'expose pas les constats qui fondent "
        "le réseau : il est d'usage de les écrire.",
    )
    valeurs: TexteLong | None = None
    principes: list[Principe] | None = None
    objectifs: list[Objectif] = Field(default_factory=list)
    champ: Champ | None = None
    membres: list[MembreReseau] = Field(default_factory=list)
    adhesion: Adhesion | None = None
    retrait: Retrait | None = None
    exclusion: TexteLong | None = None
    gouvernance: Gouvernance | None = None
    engagements_membres: list[Puce] = Field(default_factory=list)
    usagers: Usagers | None = None
    partage_information: PartageInformation | None = None
    financement: Financement | None = None
    communication_externe: TexteLong | None = None
    evaluation: EvaluationReseau | None = None
    reseau_sante: ReseauSante | None = None
    duree: DureeCharte | None = None
    litiges: Litiges | None = None
    signature: SignatureCharte

    @field_validator("principes")
    @classmethod
    def _empty_means_default(cls, value: list[Principe] | None) -> list[Principe] | None:
        """``principes: []`` (what the atelier saves when the last line is removed) says
        nothing, as an absent key does: the five default principles apply."""
        return value or None

    @property
    def titre(self) -> str:
        return self.nom_reseau

    @property
    def organisations(self) -> list[MembreReseau]:
        return self.membres

    @property
    def signatories(self) -> list[MembreReseau]:
        """Listed signatories, the steering committee's members, or every member."""
        codes = set(self.signature.signataires)
        gouvernance = self.gouvernance
        if self.signature.comite_pilotage and gouvernance and gouvernance.comite_pilotage:
            codes = {m.partie for m in gouvernance.comite_pilotage.composition}
        return [m for m in self.membres if not codes or m.code in codes]

    @property
    def organisations_key(self) -> str:
        return "membres"

    def indicators(self) -> list[tuple[DataPath, Indicateur]]:
        others = self.evaluation.indicateurs if self.evaluation else []
        return indicator_paths(self.objectifs, others, ("evaluation", "indicateurs"))

    def party_references(self) -> list[tuple[DataPath, str]]:
        found = owner_references(self.indicators()) + party_references(self.partage_information)
        found += self.signature.references(("signature",))
        for index, code in enumerate(self.signature.signataires):
            found.append((("signature", "signataires", index), code))
        gouvernance = self.gouvernance
        if gouvernance is not None and gouvernance.coordination is not None:
            found.append((("gouvernance", "coordination"), gouvernance.coordination))
        if gouvernance is not None and gouvernance.comite_pilotage is not None:
            for index, membre in enumerate(gouvernance.comite_pilotage.composition):
                found.append(
                    (
                        ("gouvernance", "comite_pilotage", "composition", index, "partie"),
                        membre.partie,
                    )
                )
        financement = self.financement
        if financement is not None and financement.cotisation_beneficiaire is not None:
            found.append(
                (("financement", "cotisation_beneficiaire"), financement.cotisation_beneficiaire)
            )
        for index, outil in enumerate(gouvernance.outils_partages if gouvernance else []):
            where = ("gouvernance", "outils_partages", index)
            found.append(((*where, "gestionnaire"), outil.gestionnaire))
            found += [
                ((*where, "utilisateurs", rank), code)
                for rank, code in enumerate(outil.utilisateurs)
            ]
        return found
