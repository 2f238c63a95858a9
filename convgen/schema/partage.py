"""Information sharing under professional secrecy (domaine.md §D.3), for every document."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from convgen.schema.base import Booleen, Code, Heures, Nombre, Schema, Texte, TexteLong


class BaseLegale(StrEnum):
    ECHANGE_L1110_4 = "echange_l1110_4"
    EQUIPE_SOINS_L1110_4 = "equipe_soins_l1110_4"
    HORS_EQUIPE_L1110_4 = "hors_equipe_l1110_4"
    PROTECTION_ENFANCE_L226_2_2 = "protection_enfance_l226_2_2"
    ACTION_SOCIALE_L121_6_2 = "action_sociale_l121_6_2"
    INFORMATION_PREOCCUPANTE_L226_2_1 = "information_preoccupante_l226_2_1"
    CONSENTEMENT = "consentement"


L1110_4_BASES = frozenset(
    {BaseLegale.ECHANGE_L1110_4, BaseLegale.EQUIPE_SOINS_L1110_4, BaseLegale.HORS_EQUIPE_L1110_4}
)
# Bases under which the person may object to the exchange (CSP L1110-4 IV; consent).
OPPOSABLE_BASES = L1110_4_BASES | {BaseLegale.CONSENTEMENT}
# Child protection: the law asks for prior information of the parents, never for consent
# or an objection (CASF L226-2-1, L226-2-2; domaine.md §J.2).
CHILD_PROTECTION_BASES = frozenset(
    {BaseLegale.INFORMATION_PREOCCUPANTE_L226_2_1, BaseLegale.PROTECTION_ENFANCE_L226_2_2}
)


class BaseArt6(StrEnum):
    """Lawfulness of processing, RGPD art. 6.1 a) to f)."""

    A = "a"  # consent
    B = "b"  # contract
    C = "c"  # legal obligation
    D = "d"  # vital interests
    E = "e"  # public interest task
    F = "f"  # legitimate interests


# Bases under which RGPD art. 21 lets the person object (never 6.1 c).
ART21_BASES = frozenset({BaseArt6.E, BaseArt6.F})


class ExceptionArt9(StrEnum):
    """Exception to the ban on processing special categories of data, RGPD art. 9.2."""

    A = "a"  # explicit consent
    B = "b"  # employment and social protection law
    C = "c"  # vital interests
    G = "g"  # substantial public interest
    H = "h"  # preventive medicine, health or social care
    AUTRE = "autre"


class Phase(StrEnum):
    """When the flow happens: before the recipient takes part in the care, or during it."""

    ORIENTATION = "orientation"
    PRISE_EN_CHARGE = "prise_en_charge"


class UniteDuree(StrEnum):
    JOURS = "jours"
    MOIS = "mois"
    ANS = "ans"


class NatureTiers(StrEnum):
    INTERPRETE = "interprete"
    PRESTATAIRE_SI = "prestataire_si"
    HEBERGEUR = "hebergeur"
    TRANSPORTEUR = "transporteur"
    AUTRE = "autre"


class Finalite(StrEnum):
    COORDINATION = "coordination"
    CONTINUITE_SOINS = "continuite_soins"
    PREVENTION = "prevention"
    SUIVI_MEDICO_SOCIAL_SOCIAL = "suivi_medico_social_social"
    PROTECTION_ENFANCE = "protection_enfance"
    ACTION_SOCIALE = "action_sociale"


class CategorieProfessionnelle(StrEnum):
    """Categories of CSP art. R1110-2 (1° health professionals, 2° a) to g))."""

    PROFESSIONNEL_SANTE = "professionnel_sante"
    ASSISTANT_SERVICE_SOCIAL = "assistant_service_social"
    PSYCHOLOGUE = "psychologue"
    PSYCHOTHERAPEUTE = "psychotherapeute"
    OSTEOPATHE = "osteopathe"
    CHIROPRACTEUR = "chiropracteur"
    AIDE_MEDICO_PSYCHOLOGIQUE = "aide_medico_psychologique"
    ACCOMPAGNANT_EDUCATIF_SOCIAL = "accompagnant_educatif_social"
    ASSISTANT_MATERNEL = "assistant_maternel"
    ASSISTANT_FAMILIAL = "assistant_familial"
    EDUCATEUR = "educateur"
    AIDE_FAMILIAL = "aide_familial"
    PERSONNEL_PEDAGOGIQUE_ACM = "personnel_pedagogique_acm"
    PERMANENT_LIEU_DE_VIE = "permanent_lieu_de_vie"
    ACCUEILLANT_FAMILIAL = "accueillant_familial"
    MANDATAIRE_PROTECTION_MAJEURS = "mandataire_protection_majeurs"
    DELEGUE_PRESTATIONS_FAMILIALES = "delegue_prestations_familiales"
    SALARIE_ESSMS = "salarie_essms"
    AUTRE = "autre"


class StructureCooperation(StrEnum):
    """Structures where professionals form one équipe de soins (CSP L1110-12, décret 2016-996)."""

    MEME_ETABLISSEMENT_SANTE = "meme_etablissement_sante"
    MEME_ESSMS = "meme_essms"
    GHT = "ght"
    GCS_PRISE_EN_CHARGE_COORDONNEE = "gcs_prise_en_charge_coordonnee"
    GCSMS_PRISE_EN_CHARGE_COORDONNEE = "gcsms_prise_en_charge_coordonnee"
    MAISON_SANTE = "maison_sante"
    CENTRE_SANTE = "centre_sante"
    EQUIPE_SOINS_PRIMAIRES = "equipe_soins_primaires"
    CPTS = "cpts"
    DISPOSITIF_APPUI_COORDINATION = "dispositif_appui_coordination"
    AUTRE = "autre"


class Canal(StrEnum):
    MSSANTE = "mssante"
    MESSAGERIE_CHIFFREE = "messagerie_chiffree"
    DOSSIER_PARTAGE = "dossier_partage"
    REUNION_SYNTHESE = "reunion_synthese"
    REMISE_MAIN_PROPRE = "remise_main_propre"
    TELEPHONE = "telephone"
    COURRIER = "courrier"
    MESSAGERIE_ORDINAIRE = "messagerie_ordinaire"


SECURE_CHANNELS = frozenset(
    {
        Canal.MSSANTE,
        Canal.MESSAGERIE_CHIFFREE,
        Canal.DOSSIER_PARTAGE,
        Canal.REUNION_SYNTHESE,
        Canal.REMISE_MAIN_PROPRE,
    }
)


class RoleRgpd(StrEnum):
    RESPONSABLE = "responsable"
    RESPONSABLE_CONJOINT = "responsable_conjoint"
    SOUS_TRAITANT = "sous_traitant"


class Consentement(Schema):
    modalite: Texte
    tracabilite: Texte | None = None


class Hebergement(Schema):
    hebergeur: Texte
    certifie_hds: Booleen


def _retention_from_text(value: Any) -> Any:
    """A retention written as one sentence (the only form before 0.9) is its ``texte``."""
    return {"texte": value} if isinstance(value, str) else value


class DureeConservation(Schema):
    """How long the recipient keeps what it receives: a number, a unit and a starting
    event (« 5 ans à compter de la fin de l'accompagnement »), or a precise sentence."""

    duree: Nombre | None = None
    unite: UniteDuree | None = None
    point_depart: Texte | None = None
    texte: Texte | None = None

    @property
    def structured(self) -> bool:
        return self.duree is not None and self.unite is not None and self.point_depart is not None


class _OrOneSentence:
    """JSON Schema: the structured retention, or the one sentence still accepted."""

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"anyOf": [handler(core_schema), {"type": "string", "minLength": 1}]}


Conservation = Annotated[DureeConservation, BeforeValidator(_retention_from_text), _OrOneSentence]


class Flux(Schema):
    intitule: Texte
    emetteur: Code
    destinataire: Code
    base_legale: BaseLegale
    finalites: list[Finalite] = Field(default_factory=list)
    categories_informations: list[Texte] = Field(default_factory=list)
    professionnels_emetteur: list[CategorieProfessionnelle] = Field(default_factory=list)
    professionnels_destinataire: list[CategorieProfessionnelle] = Field(default_factory=list)
    emetteur_soumis_secret: Booleen = True
    destinataire_soumis_secret: Booleen
    structure_cooperation: StructureCooperation | None = None
    donnees_sante: Booleen = False
    concerne_mineurs: Booleen = False
    information_prealable: Booleen = False
    droit_opposition: Booleen = True
    consentement: Consentement | None = None
    information_autorite_parentale: Booleen | None = None
    motif_absence_information: Texte | None = None
    # Who judged that informing the parents was against the child's interest (PI-22).
    appreciation_par: Texte | None = None
    meme_personne_ou_famille: Booleen | None = None
    coordonnateur: Texte | None = None
    canal: Canal
    duree_conservation: Conservation | None = None
    hebergement: Hebergement | None = None
    phase: Phase | None = None
    base_art6: BaseArt6 | None = None
    exception_art9: ExceptionArt9 | None = None

    @property
    def objection_applies(self) -> bool:
        """The person may object to this exchange (CSP L1110-4 IV, consent): never under
        child protection, nor for a transmission the law imposes (RGPD 6.1 c)."""
        return self.base_legale in OPPOSABLE_BASES and self.base_art6 is not BaseArt6.C

    @property
    def objection_printed(self) -> bool:
        """The clause tells the person of a right to object to this exchange: where the
        law gives it (``objection_applies``), unless the input declines it; and under
        CASF L121-6-2, which neither gives nor excludes it, when the input asks for it
        in so many words (a commitment of the parties, not printed by default)."""
        if not self.droit_opposition:
            return False
        if self.objection_applies:
            return True
        return (
            self.base_legale is BaseLegale.ACTION_SOCIALE_L121_6_2
            and self.base_art6 is not BaseArt6.C
            and "droit_opposition" in self.model_fields_set
        )


GROUP = "groupement"
"""Code by which a GCSMS's sharing clause names the group itself."""


class RoleTraitement(Schema):
    # A party's code, a third party's code, or « groupement » (the GCSMS itself).
    partie: Code
    role: RoleRgpd
    pour_le_compte_de: Code | None = None


class InformationPersonnes(Schema):
    """Who tells the persons about the processing (RGPD art. 13, 14), how and when."""

    par: Code | None = None
    support: Texte
    moment: Texte


class Violation(Schema):
    """Data breaches: how fast the parties warn each other (RGPD art. 33)."""

    delai_information_heures: Heures
    delai_sous_traitant_heures: Heures | None = None
    contact: Texte


class IntervenantTiers(Schema):
    """Someone who is no party but receives information on the persons: an interpreter,
    a software provider, a host, a carrier (CSP L1110-4 I; RGPD art. 28)."""

    code: Code
    nom: Texte
    nature: NatureTiers
    mandant: Code
    donnees: list[Texte] = Field(default_factory=list)


class Delegue(Schema):
    partie: Code
    contact: Texte


class Rgpd(Schema):
    roles: list[RoleTraitement] = Field(default_factory=list)
    accord_responsables_conjoints: Booleen = False
    contrat_sous_traitance: Booleen = False
    delegues: list[Delegue] = Field(default_factory=list)
    analyse_impact: Booleen | None = None
    aipd_par: Code | None = None
    motif_absence_aipd: Texte | None = None
    information: InformationPersonnes | None = None
    violation: Violation | None = None


class PartageInformation(Schema):
    flux: list[Flux] = Field(default_factory=list)
    intervenants_tiers: list[IntervenantTiers] = Field(default_factory=list)
    rgpd: Rgpd | None = None
    precisions: TexteLong | None = None

    def third_party_codes(self) -> set[str]:
        return {tiers.code for tiers in self.intervenants_tiers}


def party_references(
    partage: PartageInformation | None,
    path: tuple[str | int, ...] = ("partage_information",),
    actors: frozenset[str] = frozenset(),
) -> list[tuple[tuple[str | int, ...], str]]:
    """Every organisation code the sharing clause (if any) refers to, with its data path.

    Flows and RGPD roles may also name a declared third party; every field may name one
    of ``actors`` (« groupement » in a GCSMS). Those references are not organisations and
    are left out. Who mandates a third party, who is served by a processor, whose DPO,
    who informs the persons and who carries out the impact assessment are parties (or
    the group), never a third party.
    """
    found: list[tuple[tuple[str | int, ...], str]] = []
    if partage is None:
        return found
    acting: list[tuple[tuple[str | int, ...], str]] = []
    for index, flux in enumerate(partage.flux):
        acting.append(((*path, "flux", index, "emetteur"), flux.emetteur))
        acting.append(((*path, "flux", index, "destinataire"), flux.destinataire))
    for index, tiers in enumerate(partage.intervenants_tiers):
        found.append(((*path, "intervenants_tiers", index, "mandant"), tiers.mandant))
    rgpd = partage.rgpd
    if rgpd is not None:
        for index, role in enumerate(rgpd.roles):
            acting.append(((*path, "rgpd", "roles", index, "partie"), role.partie))
            if role.pour_le_compte_de is not None:
                where = (*path, "rgpd", "roles", index, "pour_le_compte_de")
                found.append((where, role.pour_le_compte_de))
        for index, delegue in enumerate(rgpd.delegues):
            found.append(((*path, "rgpd", "delegues", index, "partie"), delegue.partie))
        if rgpd.aipd_par is not None:
            found.append(((*path, "rgpd", "aipd_par"), rgpd.aipd_par))
        if rgpd.information is not None and rgpd.information.par is not None:
            found.append(((*path, "rgpd", "information", "par"), rgpd.information.par))
    others = partage.third_party_codes() | actors
    return [(where, code) for where, code in acting if code not in others] + [
        (where, code) for where, code in found if code not in actors
    ]
