"""Convention de partenariat (domaine.md §B)."""

from __future__ import annotations

import re
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from convgen.errors import DataPath
from convgen.schema.appellations import with_article
from convgen.schema.base import (
    Booleen,
    Code,
    Date,
    Jours,
    Mois,
    MontantVerse,
    Nombre,
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
    Nature,
    NumeroActe,
    Objectif,
    Organisation,
    Referent,
    Signature,
    indicator_paths,
    owner_references,
    short_names,
)
from convgen.schema.partage import PartageInformation, party_references


class Assurance(Schema):
    assureur: Texte
    numero_contrat: NumeroActe | None = to_be_completed("numéro du contrat d'assurance")


class Partie(Organisation):
    referent: Referent | None = None
    engagements: list[Puce] = Field(default_factory=list)
    attentes: list[Puce] = Field(default_factory=list)
    assurance: Assurance | None = None


class TypeModalite(StrEnum):
    ORIENTATION_SIMPLE = "orientation_simple"
    ORIENTATION_ACCOMPAGNEE = "orientation_accompagnee"
    INTERVENTION_CONJOINTE = "intervention_conjointe"
    REUNION_SYNTHESE = "reunion_synthese"
    FORMATION_CROISEE = "formation_croisee"
    MISE_A_DISPOSITION_LOCAUX = "mise_a_disposition_locaux"
    MISE_A_DISPOSITION_PERSONNEL = "mise_a_disposition_personnel"
    PERMANENCE = "permanence"
    AUTRE = "autre"


# Ways of working that carry information about named persons between partners (CP-15).
NOMINATIVE_MODALITIES = frozenset(
    {
        TypeModalite.ORIENTATION_ACCOMPAGNEE,
        TypeModalite.INTERVENTION_CONJOINTE,
        TypeModalite.REUNION_SYNTHESE,
    }
)


class Modalite(Schema):
    type: TypeModalite
    intitule: Texte | None = None
    description: TexteLong
    # A recurring activity (a weekly permanence): its rhythm, printed and checked.
    frequence: Frequence | None = None
    # The parties taking part, and whether the activity bears on identified persons
    # (by default, the types of NOMINATIVE_MODALITIES do; false: anonymised).
    parties: list[Code] = Field(default_factory=list)
    nominative: Booleen | None = None

    @property
    def is_nominative(self) -> bool:
        return self.type in NOMINATIVE_MODALITIES if self.nominative is None else self.nominative


class InstanceSuivi(Schema):
    nom: Texte = "comité de suivi"
    composition: list[MembreInstance] = Field(default_factory=list)
    autres_membres: list[Puce] = Field(default_factory=list)
    frequence: Frequence | None = None
    convocation: Code | None = None
    compte_rendu: Code | None = None


class Niveau(StrEnum):
    RESULTATS = "resultats"
    FONCTIONNEMENT = "fonctionnement"


class Evaluation(Schema):
    periodicite: Frequence | None = None
    niveaux: list[Niveau] = Field(default_factory=list)
    indicateurs_fonctionnement: list[Indicateur] = Field(default_factory=list)
    questions_evaluatives: list[Texte] = Field(default_factory=list)
    participation_personnes: TexteLong | None = None
    bilan_final: Booleen = True


class Echeance(Schema):
    date: Date
    montant: MontantVerse


class Periodicite(StrEnum):
    """A recurring amount: ``montant`` is due for each period."""

    ANNUELLE = "annuelle"
    SEMESTRIELLE = "semestrielle"
    TRIMESTRIELLE = "trimestrielle"
    MENSUELLE = "mensuelle"


PERIODS_PER_YEAR: dict[Periodicite, int] = {
    Periodicite.ANNUELLE: 1,
    Periodicite.SEMESTRIELLE: 2,
    Periodicite.TRIMESTRIELLE: 4,
    Periodicite.MENSUELLE: 12,
}


class Versement(Schema):
    # A party's code, or a funder's (dispositions_financieres.financeurs).
    payeur: Code
    beneficiaire: Code
    objet: Texte
    montant: MontantVerse
    periodicite: Periodicite | None = None
    # A recurring amount's first instalment, instead of one row per period: the next
    # ones fall on the same day of each period while the convention runs (CO-03).
    premiere_echeance: Date | None = None
    echeancier: list[Echeance] = Field(default_factory=list)
    justificatifs: TexteLong | None = None

    @property
    def months_per_period(self) -> int | None:
        """The months between two instalments of a recurring amount (None: not recurring)."""
        return None if self.periodicite is None else 12 // PERIODS_PER_YEAR[self.periodicite]

    @property
    def yearly_amount(self) -> Decimal | None:
        """What is paid per year, when the amount recurs (``montant`` × periods)."""
        if self.periodicite is None:
            return None
        return self.montant * PERIODS_PER_YEAR[self.periodicite]


class Financeur(Schema):
    """Someone who funds the partnership without signing it (a département, a
    foundation): the convention records the funding, it cannot oblige the funder."""

    code: Code
    denomination: Texte
    appellation: Texte | None = None
    nature: Nature
    acte: Texte | None = None

    @property
    def short_name(self) -> str:
        """Name used in the text (see Organisation.short_name)."""
        return self.appellation or with_article(self.denomination)


class DispositionsFinancieres(Schema):
    financeurs: list[Financeur] = Field(default_factory=list)
    versements: list[Versement] = Field(default_factory=list)
    valorisation: TexteLong | None = None


class Reconduction(StrEnum):
    AUCUNE = "aucune"
    EXPRESSE = "expresse"
    TACITE = "tacite"


class Duree(Schema):
    date_effet: Date
    duree_mois: Mois | None = None
    date_fin: Date | None = None
    # A start before the signature is a retroactive clause: its reason (DT-02).
    motif_retroactivite: Texte | None = None
    reconduction: Reconduction = Reconduction.AUCUNE
    nombre_reconductions: Nombre | None = None
    duree_reconduction_mois: Mois | None = None
    # A notice is given in days or in months (« trois mois » is not « 90 jours »).
    preavis_non_reconduction_jours: Jours | None = None
    preavis_non_reconduction_mois: Mois | None = None


class FormeNotification(StrEnum):
    LETTRE_RECOMMANDEE_AR = "lettre_recommandee_ar"
    REMISE_CONTRE_RECEPISSE = "remise_contre_recepisse"
    COURRIER_ELECTRONIQUE_RECOMMANDE = "courrier_electronique_recommande"


class Resiliation(Schema):
    preavis_jours: Jours | None = None
    preavis_mois: Mois | None = None
    forme: FormeNotification | None = None
    delai_mise_en_demeure_jours: Jours | None = None


_LABEL = re.compile(r"^convention\s+de\s+partenariat(?:\s*[,:–—]\s*|\s+)(?=\w)", re.IGNORECASE)


def _without_label(title: str) -> str:
    """The title completes « Convention de partenariat », which the document prints
    itself: typed whole (« Convention de partenariat relative à … »), it keeps the rest."""
    return _LABEL.sub("", title) or title


_BARE_VU = re.compile(r"\W*(?:vu\b)?\W*", re.IGNORECASE)  # « Vu », « vu ;; », « ; »…


def _named_text(visa: str) -> str:
    """A visa names a text; the document prints « Vu » before it: « Vu » alone would read
    « Vu Vu ; »."""
    if _BARE_VU.fullmatch(visa):
        raise PydanticCustomError("visa_vide", "visa vide")  # see validation.messages
    return visa


class ConventionPartenariat(Schema):
    type: Literal["convention_partenariat"]
    titre: Annotated[Texte, AfterValidator(_without_label)]
    reference: Texte | None = None
    parties: list[Partie] = Field(default_factory=list)
    visas: list[Annotated[Texte, AfterValidator(_named_text)]] = Field(default_factory=list)
    preambule: TexteLong | None = to_be_completed(
        "préambule",
        advised="Sans préambule, la version définitive n'expose ni le contexte ni les constats "
        "partagés qui fondent la convention : il est d'usage de les écrire.",
    )
    objet: TexteLong | None = to_be_completed("objet de la convention", rule="CP-02")
    objectifs: list[Objectif] = Field(default_factory=list)
    modalites: list[Modalite] = Field(default_factory=list)
    partage_information: PartageInformation | None = None
    instance_suivi: InstanceSuivi | None = None
    evaluation: Evaluation | None = None
    dispositions_financieres: DispositionsFinancieres | None = None
    communication: TexteLong | None = None
    duree: Duree
    resiliation: Resiliation = Field(default_factory=Resiliation)
    litiges: Litiges
    signature: Signature

    @property
    def organisations(self) -> list[Partie]:
        return self.parties

    @property
    def signatories(self) -> list[Partie]:
        return self.parties

    @property
    def organisations_key(self) -> str:
        return "parties"

    def payer_names(self) -> dict[str, str]:
        """Code -> short name of whoever may pay or receive: parties and funders."""
        funders = self.dispositions_financieres.financeurs if self.dispositions_financieres else []
        return short_names(self.parties) | {f.code: f.short_name for f in funders}

    def indicators(self) -> list[tuple[DataPath, Indicateur]]:
        """Every indicator with its data path: per objective, then for the partnership."""
        others = self.evaluation.indicateurs_fonctionnement if self.evaluation else []
        return indicator_paths(self.objectifs, others, ("evaluation", "indicateurs_fonctionnement"))

    def party_references(self) -> list[tuple[DataPath, str]]:
        """Every party code used elsewhere in the file, with its data path."""
        found = owner_references(self.indicators()) + party_references(self.partage_information)
        found += self.signature.references(("signature",))
        if self.instance_suivi is not None:
            found += self._instance_references(self.instance_suivi)
        if self.dispositions_financieres is not None:
            funders = {f.code for f in self.dispositions_financieres.financeurs}
            for index, versement in enumerate(self.dispositions_financieres.versements):
                path = ("dispositions_financieres", "versements", index)
                if versement.payeur not in funders:
                    found.append(((*path, "payeur"), versement.payeur))
                found.append(((*path, "beneficiaire"), versement.beneficiaire))
        for index, modalite in enumerate(self.modalites):
            found += [
                (("modalites", index, "parties", rank), code)
                for rank, code in enumerate(modalite.parties)
            ]
        return found

    @staticmethod
    def _instance_references(instance: InstanceSuivi) -> list[tuple[DataPath, str]]:
        found: list[tuple[DataPath, str]] = [
            (("instance_suivi", "composition", index, "partie"), membre.partie)
            for index, membre in enumerate(instance.composition)
        ]
        for key in ("convocation", "compte_rendu"):
            code = getattr(instance, key)
            if code is not None:
                found.append((("instance_suivi", key), code))
        return found
