"""Convention constitutive de GCSMS (domaine.md §A, CASF R312-194-1 to R312-194-25)."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field

from convgen.errors import DataPath
from convgen.schema.base import (
    Annees,
    Booleen,
    Code,
    Date,
    Heures,
    Jours,
    Mois,
    MoisCalendaire,
    Montant,
    MontantVerse,
    Nombre,
    ParAn,
    Puce,
    Schema,
    Texte,
    TexteLong,
    french_decimal,
    to_be_completed,
)
from convgen.schema.commun import (
    Adresse,
    Deliberation,
    Indicateur,
    Litiges,
    Organisation,
    Personne,
    Signature,
)
from convgen.schema.partage import GROUP, PartageInformation, party_references

Pourcentage = Annotated[
    Decimal, Field(ge=0, le=100, decimal_places=4), BeforeValidator(french_decimal)
]


class Mention(StrEnum):
    """The mention following the name on every act (R312-194-17)."""

    SOCIALE = "sociale"
    MEDICO_SOCIALE = "medico_sociale"


class Mission(StrEnum):
    INTERVENTIONS_COMMUNES = "interventions_communes"
    EXERCICE_DIRECT_MISSIONS_ESSMS = "exercice_direct_missions_essms"
    EXPLOITATION_AUTORISATION_MEMBRE = "exploitation_autorisation_membre"
    FUSION_REGROUPEMENT = "fusion_regroupement"
    MUTUALISATION_MOYENS = "mutualisation_moyens"
    RESEAU = "reseau"
    AUTRE = "autre"


class NatureJuridique(StrEnum):
    DROIT_PUBLIC = "droit_public"
    DROIT_PRIVE = "droit_prive"


class CategorieMembre(StrEnum):
    ESSMS = "essms"
    GESTIONNAIRE = "gestionnaire"
    ETABLISSEMENT_SANTE = "etablissement_sante"
    PROFESSIONNEL = "professionnel"
    CONCOURANT = "concourant"
    AUTRE = "autre"


class NatureApport(StrEnum):
    NUMERAIRE = "numeraire"
    NATURE = "nature"
    INDUSTRIE = "industrie"
    TITRES_NEGOCIABLES = "titres_negociables"


class Apport(Schema):
    nature: NatureApport
    montant: MontantVerse
    description: Texte | None = None


class Membre(Organisation):
    categorie: CategorieMembre | None = None
    droits_pct: Pourcentage | None = to_be_completed(
        "droits statutaires", rule="GC-09", reported_by_rule=True
    )
    contribution_charges_pct: Pourcentage | None = to_be_completed(
        "participation aux charges", rule="GC-11", reported_by_rule=True
    )
    apport: Apport | None = None
    representant_ag: Personne | None = None
    # Each member's body decides to join (GC-33); a natural person decides alone.
    habilitation: Deliberation | None = to_be_completed(
        "délibération autorisant l’adhésion",
        rule="GC-33",
        reported_by_rule=True,
        in_some_cases=True,
    )


class TypeDuree(StrEnum):
    DETERMINEE = "determinee"
    INDETERMINEE = "indeterminee"


class DureeGroupement(Schema):
    type: TypeDuree
    date_effet: Date | None = None
    duree_annees: Annees | None = to_be_completed(
        "durée du groupement", rule="DT-03", reported_by_rule=True, in_some_cases=True
    )


class Capital(Schema):
    avec_capital: Booleen
    montant: Montant | None = to_be_completed(
        "montant du capital", rule="GC-08", reported_by_rule=True, in_some_cases=True
    )
    sans_cout_fonctionnement: Booleen = False


class RegleDroits(StrEnum):
    PROPORTIONNELS_APPORTS = "proportionnels_apports"
    PROPORTIONNELS_CHARGES = "proportionnels_charges"
    CONVENTIONNELLE = "conventionnelle"


class Droits(Schema):
    regle: RegleDroits
    precisions: TexteLong | None = None


class Charges(Schema):
    regles: TexteLong | None = None
    revision_annuelle: Booleen = True


class CompetenceAg(StrEnum):
    """What the general assembly decides (R312-194-21 1° to 16°)."""

    BUDGET = "budget"
    COMPTES_RESULTATS = "comptes_resultats"
    ADMINISTRATEUR = "administrateur"
    COMMISSAIRE_AUX_COMPTES = "commissaire_aux_comptes"
    MODIFICATION_CONVENTION = "modification_convention"
    ADMISSION = "admission"
    EXCLUSION = "exclusion"
    INDEMNITES_ADMINISTRATEUR = "indemnites_administrateur"
    ADHESION_STRUCTURE = "adhesion_structure"
    DEMANDES_AUTORISATION = "demandes_autorisation"
    PROROGATION_DISSOLUTION = "prorogation_dissolution"
    OPERATIONS_IMMOBILIERES = "operations_immobilieres"
    ECHANGE_INFORMATIONS = "echange_informations"
    INTERVENTION_PROFESSIONNELS = "intervention_professionnels"
    FUSIONS_REGROUPEMENTS = "fusions_regroupements"
    REGLEMENT_INTERIEUR = "reglement_interieur"


class Procuration(Schema):
    # CASF R. 312-194-20 admits proxy voting once the group has more than two members
    # (the convention says « not admitted while there are two »).
    autorisee: Booleen = True
    mandats_max: Nombre = 1


class AssembleeGenerale(Schema):
    reunions_par_an: ParAn = 1
    seuil_demande_pct: Pourcentage = Decimal("33.33")
    delai_convocation_jours: Jours | None = None
    delai_urgence_heures: Heures | None = None
    president: Texte | None = None
    quorum_pct_droits: Pourcentage = Decimal(50)
    unanimite_modification: Booleen = True
    unanimite_admission: Booleen = True
    majorite_autres_decisions: Texte | None = None
    procuration: Procuration = Field(default_factory=Procuration)
    competences: list[CompetenceAg] = Field(default_factory=lambda: list(CompetenceAg))
    delegations_administrateur: list[Puce] = Field(default_factory=list)


class ModeDesignation(StrEnum):
    """How the administrator's deputy is chosen: the text provides only election by the
    general assembly among the members (CASF R312-194-23; domaine.md §J.8)."""

    ELECTION_AG = "election_ag"
    DESIGNATION_MEMBRE = "designation_membre"
    AUTRE = "autre"


class Suppleant(Personne):
    mode_designation: ModeDesignation | None = None


class Administrateur(Personne):
    membre_represente: Code | None = None
    duree_mandat_ans: Annees = 3
    renouvelable: Booleen = True
    revocable: Booleen = True
    gratuit: Booleen = True
    indemnites_mission: Booleen = True
    suppleant: Suppleant | None = None


class ModeNomination(StrEnum):
    ARRETE = "arrete"
    CONVENTION = "convention"


class AgentComptable(Schema):
    """A public-law group's accountant: appointed by order (CASF R312-194-16), never by
    the convention; given here only to let GC-41 check it."""

    mode_nomination: ModeNomination = ModeNomination.ARRETE
    nom: Texte | None = None


class Exercice(Schema):
    """The group's financial year, on which withdrawal and the budget depend
    (CASF R312-194-10, R312-194-21 1°): it starts on the first day of ``debut_mois``."""

    debut_mois: MoisCalendaire = 1


class Comptabilite(StrEnum):
    PUBLIQUE = "publique"
    PRIVEE = "privee"


class RegimeBudgetaire(StrEnum):
    R314_80 = "r314_80"
    R314_101 = "r314_101"


class RegimeRecrutement(StrEnum):
    PUBLIC = "public"
    PRIVE = "prive"


class Personnels(Schema):
    conditions_intervention: TexteLong | None = to_be_completed(
        "conditions d’intervention des personnels", rule="GC-34", reported_by_rule=True
    )
    mise_a_disposition: TexteLong | None = None
    recrutement_propre: Booleen = False
    regime: RegimeRecrutement | None = to_be_completed(
        "régime des personnels recrutés", rule="GC-34", reported_by_rule=True, in_some_cases=True
    )


class BienMisADisposition(Schema):
    membre: Code
    description: Texte


class Autorisation(Schema):
    intitule: Texte
    autorite: Texte
    date: Date | None = None
    titulaire: Code | None = None
    # Asked for, not yet granted: the mission waits for it (condition suspensive).
    date_demande: Date | None = None
    condition_suspensive: Booleen = False
    # A member's authorisation run by the group (CASF R312-194-5).
    debut_exploitation: Date | None = None
    accord_expres: Booleen = False


class Retrait(Schema):
    preavis_mois: Mois = 6
    consequences_financieres: TexteLong | None = None


class Exclusion(Schema):
    motifs: list[Puce] = Field(default_factory=list)
    audition: TexteLong | None = None


class Dissolution(Schema):
    causes: list[Puce] = Field(default_factory=list)
    devolution: TexteLong | None = to_be_completed("dévolution des biens", rule="GC-29")


class AutoritePublication(StrEnum):
    DG_ARS = "dg_ars"
    PREFET_DEPARTEMENT = "prefet_departement"
    PRESIDENT_CONSEIL_DEPARTEMENTAL = "president_conseil_departemental"
    AUTRE = "autre"


class NatureActe(StrEnum):
    DECLARATION = "declaration"
    APPROBATION = "approbation"


class Publication(Schema):
    autorite: AutoritePublication | None = None
    autorite_precision: Texte | None = to_be_completed(
        "autorité à qui la convention est déclarée",
        rule="GC-31",
        reported_by_rule=True,
        in_some_cases=True,
    )
    nature_acte: NatureActe = NatureActe.DECLARATION
    date_reception_declaration: Date | None = None
    # Other authorities competent for the group's activities, informed of the convention
    # and of its amendments (domaine.md §J.8, GC-40).
    autorites_informees: list[AutoritePublication] = Field(default_factory=list)


class DroitsMembre(Schema):
    membre: Code
    droits_pct: Pourcentage
    # The name a member that has left is printed with (the others' comes from « membres »).
    nom: Texte | None = None


class VersionPrecedente(Schema):
    """The version an amendment changes: when it was signed, and each member's rights
    then, so that a change of rights can be checked (GC-38)."""

    date_signature: Date
    reference: Texte | None = None
    droits: list[DroitsMembre] = Field(default_factory=list)


class Avenant(Schema):
    """The amendment this version results from (CASF R312-194-7 last para., R312-194-22)."""

    numero: Nombre
    date_ag: Date | None = to_be_completed(
        "date de l’assemblée générale qui adopte l’avenant", rule="GC-38"
    )
    unanimite: Booleen | None = to_be_completed(
        "adoption de l’avenant à l’unanimité des membres présents ou représentés", rule="GC-38"
    )
    objet: Texte | None = None


class ConventionGcsms(Schema):
    type: Literal["convention_constitutive_gcsms"]
    denomination: Texte
    sigle: Texte | None = None
    mention: Mention | None = to_be_completed(
        "mention « groupement de coopération sociale » ou « médico-sociale »", rule="GC-04"
    )
    reference: Texte | None = None
    preambule: TexteLong | None = None
    objet: TexteLong | None = to_be_completed("objet du groupement", rule="GC-04")
    missions: list[Mission] = Field(default_factory=list)
    # « autre » among the missions: the mission itself, printed in its place (GC-13).
    mission_autre: Texte | None = to_be_completed(
        "autre mission", rule="GC-13", reported_by_rule=True, in_some_cases=True
    )
    repartition_taches: TexteLong | None = to_be_completed(
        "répartition des tâches entre le groupement et ses membres", rule="GC-04"
    )
    siege: Adresse
    duree: DureeGroupement
    nature_juridique: NatureJuridique | None = to_be_completed("nature juridique", rule="GC-05")
    # Printed between parentheses inside a sentence: its own final point is dropped.
    motif_nature_juridique: Puce | None = None
    membres: list[Membre] = Field(default_factory=list)
    capital: Capital
    droits: Droits
    charges: Charges = Field(default_factory=Charges)
    assemblee_generale: AssembleeGenerale = Field(default_factory=AssembleeGenerale)
    administrateur: Administrateur | None = None
    comptabilite: Comptabilite
    agent_comptable: AgentComptable | None = None
    exercice: Exercice | None = None
    regime_budgetaire: RegimeBudgetaire | None = None
    commissaire_aux_comptes: Texte | None = None
    budgets_annexes: list[Texte] = Field(default_factory=list)
    personnels: Personnels = to_be_completed(
        "personnels", rule="GC-34", reported_by_rule=True, default_factory=Personnels
    )
    biens_mis_a_disposition: list[BienMisADisposition] = Field(default_factory=list)
    autorisations: list[Autorisation] = Field(default_factory=list)
    protocole: TexteLong | None = None
    adhesion: TexteLong | None = None
    retrait: Retrait = Field(default_factory=Retrait)
    # Asked of a group of three members or more (GC-28).
    exclusion: Exclusion = to_be_completed(
        "exclusion",
        rule="GC-28",
        reported_by_rule=True,
        in_some_cases=True,
        default_factory=Exclusion,
    )
    dissolution: Dissolution = Field(default_factory=Dissolution)
    partage_information: PartageInformation | None = None
    reglement_interieur: Booleen = False
    publication: Publication = Field(default_factory=Publication)
    litiges: Litiges
    signature: Signature
    avenant: Avenant | None = None
    version_precedente: VersionPrecedente | None = None

    @property
    def titre(self) -> str:
        return f"du groupement « {self.denomination} »"

    @property
    def organisations(self) -> list[Membre]:
        return self.membres

    @property
    def signatories(self) -> list[Membre]:
        return self.membres

    @property
    def organisations_key(self) -> str:
        return "membres"

    def indicators(self) -> list[tuple[DataPath, Indicateur]]:
        return []

    def party_references(self) -> list[tuple[DataPath, str]]:
        found = party_references(self.partage_information, actors=frozenset({GROUP}))
        found += self.signature.references(("signature",))
        if self.administrateur is not None and self.administrateur.membre_represente:
            found.append(
                (("administrateur", "membre_represente"), self.administrateur.membre_represente)
            )
        for index, bien in enumerate(self.biens_mis_a_disposition):
            found.append((("biens_mis_a_disposition", index, "membre"), bien.membre))
        for index, autorisation in enumerate(self.autorisations):
            if autorisation.titulaire is not None:
                found.append((("autorisations", index, "titulaire"), autorisation.titulaire))
        return found
