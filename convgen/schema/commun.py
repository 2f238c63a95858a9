"""Types shared by the three documents: organisations, people, meetings, indicators."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from convgen.errors import DataPath
from convgen.schema.appellations import gender_of, with_article
from convgen.schema.base import (
    Booleen,
    Code,
    Date,
    Entier,
    Jours,
    Nombre,
    Numero,
    Schema,
    Texte,
    TexteLong,
    to_be_completed,
)


class Civilite(StrEnum):
    MADAME = "Madame"
    MONSIEUR = "Monsieur"


class Nature(StrEnum):
    PUBLIC = "public"
    PRIVE_NON_LUCRATIF = "prive_non_lucratif"
    PRIVE_LUCRATIF = "prive_lucratif"
    PERSONNE_PHYSIQUE = "personne_physique"


class FormeJuridique(StrEnum):
    ASSOCIATION = "association"
    ASSOCIATION_DROIT_LOCAL = "association_droit_local"
    FONDATION = "fondation"
    COMMUNE = "commune"
    CCAS = "ccas"
    CIAS = "cias"
    DEPARTEMENT = "departement"
    ETABLISSEMENT_PUBLIC_SANTE = "etablissement_public_sante"
    ETABLISSEMENT_PUBLIC_SOCIAL_MEDICO_SOCIAL = "etablissement_public_social_medico_social"
    GCS = "gcs"
    GCSMS = "gcsms"
    GIP = "gip"
    MUTUELLE = "mutuelle"
    SOCIETE = "societe"
    SCIC = "scic"
    PROFESSIONNEL_LIBERAL = "professionnel_liberal"
    AUTRE = "autre"


# Associations and foundations: bodies with statutes (signatories' powers, SG-05) that
# subscribe the republican commitment contract for a subsidy (loi n° 2000-321, art. 10-1).
ASSOCIATIONS_AND_FOUNDATIONS = frozenset(
    {FormeJuridique.ASSOCIATION, FormeJuridique.ASSOCIATION_DROIT_LOCAL, FormeJuridique.FONDATION}
)


class Frequence(StrEnum):
    HEBDOMADAIRE = "hebdomadaire"
    BIMENSUELLE = "bimensuelle"
    MENSUELLE = "mensuelle"
    BIMESTRIELLE = "bimestrielle"
    TRIMESTRIELLE = "trimestrielle"
    SEMESTRIELLE = "semestrielle"
    ANNUELLE = "annuelle"
    AD_HOC = "ad_hoc"


# Meetings per year (domaine.md §E.1); ad hoc meetings have no rhythm.
MEETINGS_PER_YEAR: dict[Frequence, int] = {
    Frequence.HEBDOMADAIRE: 52,
    Frequence.BIMENSUELLE: 24,
    Frequence.MENSUELLE: 12,
    Frequence.BIMESTRIELLE: 6,
    Frequence.TRIMESTRIELLE: 4,
    Frequence.SEMESTRIELLE: 2,
    Frequence.ANNUELLE: 1,
    Frequence.AD_HOC: 0,
}


class QualiteCode(StrEnum):
    """The quality of a representative or signatory, as the signatory rules read it
    (domaine.md §J.4); ``qualite`` stays the wording printed in the document."""

    MAIRE = "maire"
    ADJOINT_DELEGUE = "adjoint_delegue"
    CONSEILLER_DELEGUE = "conseiller_delegue"
    PRESIDENT_CONSEIL_DEPARTEMENTAL = "president_conseil_departemental"
    VICE_PRESIDENT_DELEGUE = "vice_president_delegue"
    PRESIDENT_CA = "president_ca"
    VICE_PRESIDENT_CA = "vice_president_ca"
    DIRECTEUR = "directeur"
    DELEGATAIRE_DIRECTEUR = "delegataire_directeur"
    ADMINISTRATEUR = "administrateur"
    PRESIDENT = "president"
    DIRECTEUR_GENERAL = "directeur_general"
    DIRECTEUR_GENERAL_DELEGUE = "directeur_general_delegue"
    GERANT = "gerant"
    AUTRE = "autre"


class Personne(Schema):
    civilite: Civilite
    prenom: Texte
    nom: Texte
    qualite: Texte
    qualite_code: QualiteCode | None = None

    @property
    def full_name(self) -> str:
        """« Madame Anne Martin »."""
        return f"{self.civilite} {self.prenom} {self.nom}"


class Referent(Schema):
    civilite: Civilite
    prenom: Texte
    nom: Texte
    fonction: Texte
    telephone: Numero | None = None
    courriel: Texte | None = None


class Adresse(Schema):
    voie: Texte
    complement: Texte | None = None
    code_postal: Numero  # « 39 100 » as typed: the digits kept
    commune: Texte


class OrganeHabilitation(StrEnum):
    """The body whose decision authorises the signature (domaine.md §J.4): the signatory
    rules read it; ``organe`` stays free wording for the bodies the list does not name."""

    CONSEIL_MUNICIPAL = "conseil_municipal"
    CONSEIL_COMMUNAUTAIRE = "conseil_communautaire"
    CONSEIL_DEPARTEMENTAL = "conseil_departemental"
    COMMISSION_PERMANENTE = "commission_permanente"
    CONSEIL_ADMINISTRATION = "conseil_administration"
    BUREAU = "bureau"
    ASSEMBLEE_GENERALE = "assemblee_generale"
    CONSEIL_SURVEILLANCE = "conseil_surveillance"
    DIRECTOIRE = "directoire"
    DIRECTEUR = "directeur"
    AUTRE = "autre"


def _act_number(value: str) -> str:
    """The number of an act or a contract, which the document prints after « n° »: what
    the writer typed before it (« décision n° 2026-001 », « contrat n° 123456/B »,
    « n° 2026-001 ») is dropped."""
    return _ACT_NUMBER_PREFIX.sub("", value) or value


_ACT_NUMBER_PREFIX = re.compile(
    r"^(?:(?:arrêté|arrete|décision|decision|délibération|deliberation|pouvoir|contrat|police)"
    r"\s+)?"
    r"(?:n\s?[°º]|no\b\.?|num[ée]ro\b)\s*",
    re.IGNORECASE,
)


# The number of an act (deliberation, delegation) or a contract, printed after « n° ».
NumeroActe = Annotated[Texte, AfterValidator(_act_number)]


class Deliberation(Schema):
    model_config = ConfigDict(
        json_schema_extra={"anyOf": [{"required": ["organe"]}, {"required": ["organe_code"]}]}
    )

    # The body, with its article (« le conseil d'administration du CCAS »); without it,
    # the wording of ``organe_code``. One of the two is required.
    organe: Texte | None = None
    organe_code: OrganeHabilitation | None = None
    # What the deliberation decides, as its title says it (SG-01).
    objet: Texte | None = None
    date: Date | None = to_be_completed("date de la délibération")
    numero: NumeroActe | None = None
    # A local authority's deliberation is enforceable once sent to the prefect (CGCT
    # L2131-1, L2131-2, L2131-12): sent before the signature (DT-01).
    date_transmission: Date | None = None
    date_publication: Date | None = None
    # GCSMS members decide on the same draft (CASF R312-194-6): its version (DT-01).
    version_projet: Texte | None = None

    @model_validator(mode="after")
    def _body_given(self) -> Deliberation:
        if self.organe is None and (
            self.organe_code is None or self.organe_code is OrganeHabilitation.AUTRE
        ):
            raise PydanticCustomError("organe_manquant", "organe manquant")
        return self


class ActeDelegation(StrEnum):
    ARRETE = "arrete"
    DECISION = "decision"
    POUVOIR = "pouvoir"
    DELIBERATION = "deliberation"


class PorteeDelegation(StrEnum):
    """A delegation of functions transfers the power; one of signature, only the pen."""

    FONCTIONS = "fonctions"
    SIGNATURE = "signature"


class Delegation(Schema):
    nature: Texte
    date: Date
    acte: ActeDelegation | None = None
    auteur: Texte | None = None
    portee: PorteeDelegation | None = None
    reference: NumeroActe | None = None


class Effectifs(Schema):
    etp: Annotated[Decimal, Field(ge=0, le=1_000_000)] | None = None
    salaries: Entier | None = None
    benevoles: Entier | None = None
    personnes_accompagnees: Entier | None = None


class Organisation(Schema):
    """Fiche d'identité (domaine.md §E.3), shared by parties, members and signatories."""

    code: Code
    denomination: Texte
    sigle: Texte | None = None
    appellation: Texte | None = None
    forme_juridique: FormeJuridique
    forme_juridique_precision: Texte | None = None
    nature: Nature
    siren: Numero | None = None
    siret: Numero | None = None
    finess_ej: Numero | None = None
    finess_et: Numero | None = None
    adresse: Adresse
    representant_legal: Personne
    signataire: Personne | None = None
    delegation: Delegation | None = None
    habilitation: Deliberation | None = None
    # Article of the statutes that gives the signatory the power to represent the body
    # (associations, foundations, companies: domaine.md §J.4, SG-05).
    statuts_article: Texte | None = None
    date_creation: Date | None = None
    missions: TexteLong | None = None
    public_accompagne: TexteLong | None = None
    effectifs: Effectifs | None = None

    @property
    def short_name(self) -> str:
        """Name used in the body of the text (« l’Escale »): the appellation, else the
        acronym or the name with the article its first noun takes (« le CCAS de Lyon »,
        « l’Association Les Tilleuls »: see schema.appellations)."""
        if self.appellation:
            return self.appellation
        return with_article(self.sigle or self.denomination, gender_of(self.denomination))

    @property
    def is_essms(self) -> bool:
        """An authorised ESSMS has a FINESS établissement number."""
        return self.finess_et is not None

    @property
    def known_siren(self) -> str | None:
        """Its SIREN, read from its SIRET when only that is given (None: neither)."""
        if self.siren is not None:
            return str(self.siren)
        return str(self.siret)[:9] if self.siret else None

    @property
    def signatory(self) -> Personne:
        return self.signataire or self.representant_legal


def short_names(organisations: Iterable[Organisation]) -> dict[str, str]:
    """Code of each organisation -> the name the text uses for it."""
    return {organisation.code: organisation.short_name for organisation in organisations}


class Indicateur(Schema):
    libelle: Texte
    definition: TexteLong | None = None
    unite: Texte | None = None
    source: Texte | None = None
    frequence_collecte: Frequence | None = None
    responsable: Code | None = None
    valeur_reference: Texte | None = None
    cible: Texte | None = None


class SignaturePartie(Schema):
    """Where and when one party signs, when the parties do not sign together."""

    partie: Code
    date: Date
    lieu: Texte | None = None


class Signature(Schema):
    lieu: Texte | None = to_be_completed("lieu de signature")
    date: Date | None = to_be_completed("date de signature")
    nombre_originaux: Nombre
    electronique: Booleen = False
    depositaire: Texte | None = None
    par_partie: list[SignaturePartie] = Field(default_factory=list)

    @property
    def concluded_on(self) -> dt.date | None:
        """Signed party by party, the agreement is concluded at the last signature."""
        if self.par_partie:
            return max(entry.date for entry in self.par_partie)
        return self.date

    @property
    def completion_exempt(self) -> frozenset[str]:
        """Signed party by party, the common date and place are not needed."""
        if not self.par_partie:
            return frozenset()
        if self.electronique or all(entry.lieu for entry in self.par_partie):
            return frozenset({"date", "lieu"})
        return frozenset({"date"})

    def date_for(self, code: str) -> dt.date | None:
        """The day ``code`` signs: its own, or the document's."""
        own = next((s.date for s in self.par_partie if s.partie == code), None)
        return own or self.date

    def references(self, path: DataPath) -> list[tuple[DataPath, str]]:
        return [
            ((*path, "par_partie", index, "partie"), entry.partie)
            for index, entry in enumerate(self.par_partie)
        ]


class Objectif(Schema):
    libelle: Texte
    description: TexteLong | None = None
    indicateurs: list[Indicateur] = Field(default_factory=list)


class MembreInstance(Schema):
    partie: Code
    fonctions: Texte


class Juridiction(StrEnum):
    TRIBUNAL_JUDICIAIRE = "tribunal_judiciaire"
    TRIBUNAL_ADMINISTRATIF = "tribunal_administratif"


class QualificationContrat(StrEnum):
    """Nature of the contract, which decides the order of courts (domaine.md §J.5)."""

    ADMINISTRATIF = "administratif"
    PRIVE = "prive"
    A_DETERMINER = "a_determiner"


class Litiges(Schema):
    reglement_amiable: Booleen = True
    delai_amiable_jours: Jours | None = None
    juridiction: Juridiction
    # Seat of the administrative court; a judicial court is never named (CPC 48, JU-03).
    ressort: Texte | None = None
    # Kept so that older inputs still load; no longer printed (JU-01 asks to remove it).
    motif_juridiction: Texte | None = None
    qualification_contrat: QualificationContrat | None = None
    motif_qualification: Texte | None = None
    lieu_execution: Texte | None = None


def indicator_paths(
    objectifs: list[Objectif], others: list[Indicateur], others_path: DataPath
) -> list[tuple[DataPath, Indicateur]]:
    """Every indicator with its data path: per objective first, then ``others``."""
    found: list[tuple[DataPath, Indicateur]] = [
        (("objectifs", o_index, "indicateurs", i_index), indicateur)
        for o_index, objectif in enumerate(objectifs)
        for i_index, indicateur in enumerate(objectif.indicateurs)
    ]
    found += [((*others_path, index), indicateur) for index, indicateur in enumerate(others)]
    return found


def owner_references(indicators: list[tuple[DataPath, Indicateur]]) -> list[tuple[DataPath, str]]:
    """The organisation codes named as responsible for indicators."""
    return [
        ((*path, "responsable"), i.responsable)
        for path, i in indicators
        if i.responsable is not None
    ]
