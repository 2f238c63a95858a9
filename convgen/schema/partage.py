"""Information sharing under professional secrecy (domaine.md §D.3), for every document."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from convgen.schema.base import Booleen, Code, Schema, Texte, TexteLong


class BaseLegale(StrEnum):
    ECHANGE_L1110_4 = "echange_l1110_4"
    EQUIPE_SOINS_L1110_4 = "equipe_soins_l1110_4"
    HORS_EQUIPE_L1110_4 = "hors_equipe_l1110_4"
    PROTECTION_ENFANCE_L226_2_2 = "protection_enfance_l226_2_2"
    ACTION_SOCIALE_L121_6_2 = "action_sociale_l121_6_2"
    CONSENTEMENT = "consentement"


L1110_4_BASES = frozenset(
    {BaseLegale.ECHANGE_L1110_4, BaseLegale.EQUIPE_SOINS_L1110_4, BaseLegale.HORS_EQUIPE_L1110_4}
)
# Bases under which the person may object to the exchange (CSP L1110-4 IV; consent).
OPPOSABLE_BASES = L1110_4_BASES | {BaseLegale.CONSENTEMENT}


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
    meme_personne_ou_famille: Booleen | None = None
    coordonnateur: Texte | None = None
    canal: Canal
    duree_conservation: Texte | None = None
    hebergement: Hebergement | None = None


class RoleTraitement(Schema):
    partie: Code
    role: RoleRgpd


class Delegue(Schema):
    partie: Code
    contact: Texte


class Rgpd(Schema):
    roles: list[RoleTraitement] = Field(default_factory=list)
    accord_responsables_conjoints: Booleen = False
    contrat_sous_traitance: Booleen = False
    delegues: list[Delegue] = Field(default_factory=list)
    analyse_impact: Booleen | None = None


class PartageInformation(Schema):
    flux: list[Flux] = Field(default_factory=list)
    rgpd: Rgpd | None = None
    precisions: TexteLong | None = None


def party_references(
    partage: PartageInformation | None, path: tuple[str | int, ...] = ("partage_information",)
) -> list[tuple[tuple[str | int, ...], str]]:
    """Every organisation code the sharing clause (if any) refers to, with its data path."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    if partage is None:
        return found
    for index, flux in enumerate(partage.flux):
        found.append(((*path, "flux", index, "emetteur"), flux.emetteur))
        found.append(((*path, "flux", index, "destinataire"), flux.destinataire))
    if partage.rgpd is not None:
        for index, role in enumerate(partage.rgpd.roles):
            found.append(((*path, "rgpd", "roles", index, "partie"), role.partie))
        for index, delegue in enumerate(partage.rgpd.delegues):
            found.append(((*path, "rgpd", "delegues", index, "partie"), delegue.partie))
    return found
