"""French wording of every enumeration value, as printed in documents.

Templates print them with the ``libelle`` filter. Keys are (enum type, value)
because values repeat across enumerations (``autre``).
"""

from __future__ import annotations

import re
from enum import StrEnum

from convgen.references import REFERENCES as _REF
from convgen.schema import charte_reseau as cr
from convgen.schema import convention_gcsms as gc
from convgen.schema.appellations import gender_of
from convgen.schema.commun import (
    ActeDelegation,
    Deliberation,
    FormeJuridique,
    Juridiction,
    Nature,
    OrganeHabilitation,
    Organisation,
    PorteeDelegation,
    QualificationContrat,
    QualiteCode,
)
from convgen.schema.convention_partenariat import (
    FormeNotification,
    Niveau,
    Periodicite,
    Reconduction,
    TypeModalite,
)
from convgen.schema.partage import (
    BaseArt6,
    BaseLegale,
    Canal,
    CategorieProfessionnelle,
    ExceptionArt9,
    Finalite,
    NatureTiers,
    Phase,
    RoleRgpd,
    StructureCooperation,
    UniteDuree,
)
from convgen.wording.accords import elide

# Legal form -> (wording after the name, feminine agreement of the organisation).
LEGAL_FORMS: dict[FormeJuridique, tuple[str, bool]] = {
    FormeJuridique.ASSOCIATION: ("association régie par la loi du 1er juillet 1901", True),
    FormeJuridique.ASSOCIATION_DROIT_LOCAL: ("association inscrite de droit local", True),
    FormeJuridique.FONDATION: ("fondation", True),
    FormeJuridique.COMMUNE: ("commune", True),
    FormeJuridique.CCAS: ("centre communal d’action sociale", False),
    FormeJuridique.CIAS: ("centre intercommunal d’action sociale", False),
    FormeJuridique.DEPARTEMENT: ("département", False),
    FormeJuridique.ETABLISSEMENT_PUBLIC_SANTE: ("établissement public de santé", False),
    FormeJuridique.ETABLISSEMENT_PUBLIC_SOCIAL_MEDICO_SOCIAL: (
        "établissement public social et médico-social",
        False,
    ),
    FormeJuridique.GCS: ("groupement de coopération sanitaire", False),
    FormeJuridique.GCSMS: ("groupement de coopération sociale ou médico-sociale", False),
    FormeJuridique.GIP: ("groupement d’intérêt public", False),
    FormeJuridique.MUTUELLE: ("mutuelle régie par le code de la mutualité", True),
    FormeJuridique.SOCIETE: ("société", True),
    FormeJuridique.SCIC: ("société coopérative d’intérêt collectif", True),
    FormeJuridique.PROFESSIONNEL_LIBERAL: ("professionnel libéral", False),
    FormeJuridique.AUTRE: ("", False),
}
# A legal form that names the person herself, said of a woman.
FEMININE_FORMS: dict[FormeJuridique, str] = {
    FormeJuridique.PROFESSIONNEL_LIBERAL: "professionnelle libérale",
}

_LABELS: dict[type[StrEnum], dict[str, str]] = {
    Nature: {
        "public": "personne morale de droit public",
        "prive_non_lucratif": "personne morale de droit privé à but non lucratif",
        "prive_lucratif": "personne morale de droit privé à but lucratif",
        "personne_physique": "personne physique",
    },
    BaseLegale: {
        "echange_l1110_4": (
            "échange entre professionnels participant à la prise en charge "
            f"({_REF['court_csp_l1110_4_ii']})"
        ),
        "equipe_soins_l1110_4": (
            f"partage au sein d’une même équipe de soins ({_REF['court_csp_l1110_4_iii_l1110_12']})"
        ),
        "hors_equipe_l1110_4": (
            "partage hors équipe de soins, avec le consentement préalable de la personne "
            f"({_REF['court_csp_l1110_4_iii']})"
        ),
        "protection_enfance_l226_2_2": (
            f"partage en protection de l’enfance ({_REF['court_casf_l226_2_2']})"
        ),
        "action_sociale_l121_6_2": (
            f"partage entre professionnels de l’action sociale ({_REF['court_casf_l121_6_2']})"
        ),
        "information_preoccupante_l226_2_1": (
            "transmission d’une information préoccupante au président du conseil "
            f"départemental ({_REF['court_casf_l226_2_1']})"
        ),
        "consentement": "consentement exprès de la personne",
    },
    BaseArt6: {
        "a": "consentement de la personne (article 6.1 a du RGPD)",
        "b": "exécution d’un contrat auquel la personne est partie (article 6.1 b du RGPD)",
        "c": "respect d’une obligation légale (article 6.1 c du RGPD)",
        "d": "sauvegarde des intérêts vitaux de la personne (article 6.1 d du RGPD)",
        "e": "exécution d’une mission d’intérêt public (article 6.1 e du RGPD)",
        "f": "intérêts légitimes poursuivis par le responsable (article 6.1 f du RGPD)",
    },
    ExceptionArt9: {
        "a": "consentement explicite de la personne (article 9.2 a du RGPD)",
        "b": (
            "obligations en matière de droit du travail, de sécurité sociale et de protection "
            "sociale (article 9.2 b du RGPD)"
        ),
        "c": "sauvegarde des intérêts vitaux de la personne (article 9.2 c du RGPD)",
        "g": "motifs d’intérêt public important (article 9.2 g du RGPD)",
        "h": (
            "prise en charge sanitaire ou sociale, par des professionnels tenus au secret "
            "(article 9.2 h du RGPD)"
        ),
        "autre": "autre exception de l’article 9.2 du RGPD",
    },
    Phase: {
        "orientation": "orientation, avant l’admission",
        "prise_en_charge": "prise en charge",
    },
    UniteDuree: {"jours": "jours", "mois": "mois", "ans": "ans"},
    NatureTiers: {
        "interprete": "interprète",
        "prestataire_si": "prestataire informatique",
        "hebergeur": "hébergeur de données",
        "transporteur": "transporteur",
        "autre": "intervenant",
    },
    Finalite: {
        "coordination": "coordination des interventions",
        "continuite_soins": "continuité des soins",
        "prevention": "prévention",
        "suivi_medico_social_social": "suivi médico-social et social",
        "protection_enfance": (
            "évaluation de la situation de l’enfant et mise en œuvre des actions de protection et "
            "d’aide"
        ),
        "action_sociale": (
            "évaluation de la situation et mise en œuvre des mesures d’action sociale"
        ),
    },
    CategorieProfessionnelle: {
        "professionnel_sante": "professionnels de santé",
        "assistant_service_social": "assistants de service social",
        "psychologue": "psychologues",
        "psychotherapeute": "psychothérapeutes",
        "osteopathe": "ostéopathes",
        "chiropracteur": "chiropracteurs",
        "aide_medico_psychologique": "aides médico-psychologiques",
        "accompagnant_educatif_social": "accompagnants éducatifs et sociaux",
        "assistant_maternel": "assistants maternels",
        "assistant_familial": "assistants familiaux",
        "educateur": "éducateurs",
        "aide_familial": "aides familiaux",
        "personnel_pedagogique_acm": "personnels pédagogiques des accueils collectifs de mineurs",
        "permanent_lieu_de_vie": "permanents des lieux de vie et d’accueil",
        "accueillant_familial": "accueillants familiaux",
        "mandataire_protection_majeurs": "mandataires judiciaires à la protection des majeurs",
        "delegue_prestations_familiales": "délégués aux prestations familiales",
        "salarie_essms": "personnels des établissements et services sociaux et médico-sociaux",
        "autre": "autres professionnels",
    },
    StructureCooperation: {
        "meme_etablissement_sante": "un même établissement de santé",
        "meme_essms": "un même établissement ou service social ou médico-social",
        "ght": "un groupement hospitalier de territoire",
        "gcs_prise_en_charge_coordonnee": (
            "un groupement de coopération sanitaire ayant pour objet la prise en charge coordonnée"
        ),
        "gcsms_prise_en_charge_coordonnee": (
            "un groupement de coopération sociale ou médico-sociale ayant pour objet la prise en "
            "charge coordonnée"
        ),
        "maison_sante": "une maison de santé",
        "centre_sante": "un centre de santé",
        "equipe_soins_primaires": "une équipe de soins primaires",
        "cpts": "une communauté professionnelle territoriale de santé",
        "dispositif_appui_coordination": "un dispositif d’appui à la coordination",
        "autre": "une autre structure",
    },
    Canal: {
        "mssante": "messagerie sécurisée de santé (MSSanté)",
        "messagerie_chiffree": "messagerie chiffrée",
        "dossier_partage": "dossier partagé à accès sécurisé",
        "reunion_synthese": "réunion de synthèse",
        "remise_main_propre": "remise en main propre",
        "telephone": "téléphone",
        "courrier": "courrier",
        "messagerie_ordinaire": "messagerie électronique ordinaire",
    },
    RoleRgpd: {
        "responsable": "responsable de traitement",
        "responsable_conjoint": "responsable conjoint du traitement",
        "sous_traitant": "sous-traitant",
    },
    TypeModalite: {
        "orientation_simple": "Orientation simple",
        "orientation_accompagnee": "Orientation accompagnée",
        "intervention_conjointe": "Interventions conjointes",
        "reunion_synthese": "Réunions de synthèse",
        "formation_croisee": "Formations croisées",
        "mise_a_disposition_locaux": "Mise à disposition de locaux",
        "mise_a_disposition_personnel": "Mise à disposition de personnel",
        "permanence": "Permanences",
        "autre": "Autres modalités",
    },
    Niveau: {
        "resultats": "les résultats obtenus au regard des objectifs",
        "fonctionnement": "le fonctionnement du partenariat",
    },
    Periodicite: {
        "annuelle": "par an",
        "semestrielle": "par semestre",
        "trimestrielle": "par trimestre",
        "mensuelle": "par mois",
    },
    Reconduction: {
        "aucune": "sans reconduction",
        "expresse": "reconduction expresse",
        "tacite": "reconduction tacite",
    },
    FormeNotification: {
        "lettre_recommandee_ar": "lettre recommandée avec demande d’avis de réception",
        "remise_contre_recepisse": "remise en main propre contre récépissé",
        "courrier_electronique_recommande": "lettre recommandée électronique",
    },
    cr.CodePrincipe: {
        "interet_mutuel": "intérêt mutuel",
        "egalite": "égalité",
        "autonomie": "autonomie",
        "cooperation": "coopération",
        "evolution": "évolution",
        "autre": "autre principe",
    },
    cr.TypeReseau: {
        "social": "réseau d’action sociale",
        "medico_social": "réseau médico-social",
        "sante": "réseau de santé",
        "mixte": "réseau sanitaire, social et médico-social",
    },
    cr.CategorieMembre: {
        "fondateur": "membre fondateur",
        "adherent": "membre adhérent",
        "associe": "membre associé",
    },
    gc.Mention: {
        "sociale": "groupement de coopération sociale",
        "medico_sociale": "groupement de coopération médico-sociale",
    },
    gc.Mission: {
        "interventions_communes": (
            "permettre les interventions communes des professionnels des secteurs social, "
            "médico-social et sanitaire, des professionnels salariés du groupement ainsi que des "
            "professionnels associés par convention"
        ),
        "exercice_direct_missions_essms": (
            "exercer directement, après autorisation, les missions et prestations des "
            "établissements et services sociaux et médico-sociaux"
        ),
        "exploitation_autorisation_membre": (
            "exploiter l’autorisation détenue par un de ses membres"
        ),
        "fusion_regroupement": (
            "préparer et conduire le regroupement ou la fusion d’établissements et services "
            "de ses membres"
        ),
        "mutualisation_moyens": (
            "mutualiser les moyens de ses membres (fonctions support, équipements, locaux, "
            "personnels)"
        ),
        "reseau": "animer et coordonner un réseau de prise en charge entre ses membres",
        "autre": "autre mission",
    },
    gc.ModeNomination: {
        "arrete": "nomination par arrêté",
        "convention": "désignation par la convention",
    },
    gc.ModeDesignation: {
        "election_ag": "élection par l’assemblée générale",
        "designation_membre": "désignation par un membre",
        "autre": "autre mode de désignation",
    },
    gc.NatureJuridique: {
        "droit_public": "personne morale de droit public",
        "droit_prive": "personne morale de droit privé",
    },
    gc.CategorieMembre: {
        "essms": "établissement ou service social ou médico-social",
        "gestionnaire": "personne morale gestionnaire d’établissements ou de services",
        "etablissement_sante": "établissement de santé",
        "professionnel": "professionnel des secteurs social, médico-social ou sanitaire",
        "concourant": "personne concourant aux missions des établissements et services",
        "autre": "autre",
    },
    gc.NatureApport: {
        "numeraire": "apport en numéraire",
        "nature": "apport en nature",
        "industrie": "apport en industrie",
        "titres_negociables": "apport de titres négociables",
    },
    gc.TypeDuree: {"determinee": "durée déterminée", "indeterminee": "durée indéterminée"},
    gc.RegleDroits: {
        "proportionnels_apports": "proportionnels aux apports au capital",
        "proportionnels_charges": "proportionnels à la participation aux charges",
        "conventionnelle": "fixés par la convention (ni apport ni participation aux charges)",
    },
    gc.RegimeBudgetaire: {
        "r314_80": "articles R. 314-80 et suivants du CASF (membres tous non lucratifs)",
        "r314_101": "articles R. 314-101 et suivants du CASF (un membre lucratif ou non habilité)",
    },
    gc.NatureActe: {
        "declaration": "déclaration à l’autorité (depuis 2019)",
        "approbation": "approbation par l’autorité (avant 2019)",
    },
    gc.CompetenceAg: {
        "budget": "budget annuel",
        "comptes_resultats": "approbation des comptes et affectation des résultats",
        "administrateur": "nomination et révocation de l’administrateur",
        "commissaire_aux_comptes": "choix du commissaire aux comptes",
        "modification_convention": "modification de la convention constitutive",
        "admission": "admission de nouveaux membres",
        "exclusion": "exclusion d’un membre",
        "indemnites_administrateur": "remboursement des indemnités de mission de l’administrateur",
        "adhesion_structure": (
            "adhésion à une structure de coopération ou retrait de cette structure"
        ),
        "demandes_autorisation": "demandes d’autorisation présentées par le groupement",
        "prorogation_dissolution": (
            "prorogation ou dissolution du groupement et mesures de liquidation"
        ),
        "operations_immobilieres": (
            "opérations immobilières et baux de plus de dix-huit ans (groupement de droit public)"
        ),
        "echange_informations": "modalités d’échange des informations utiles à l’objet",
        "intervention_professionnels": "conditions d’intervention des professionnels",
        "fusions_regroupements": "calendrier et modalités des fusions et regroupements",
        "reglement_interieur": "règlement intérieur",
    },
    gc.Comptabilite: {
        "publique": "comptabilité publique",
        "privee": "comptabilité privée",
    },
    gc.RegimeRecrutement: {
        "public": "agents contractuels de droit public",
        "prive": "salariés de droit privé",
    },
    gc.AutoritePublication: {
        "dg_ars": "directeur général de l’agence régionale de santé",
        "prefet_departement": "préfet du département",
        "president_conseil_departemental": "président du conseil départemental",
        "autre": "autorité compétente",
    },
    ActeDelegation: {
        "arrete": "arrêté",
        "decision": "décision",
        "pouvoir": "pouvoir",
        "deliberation": "délibération",
    },
    PorteeDelegation: {
        "fonctions": "délégation de fonctions",
        "signature": "délégation de signature",
    },
    # With their article: templates write « délibération {{ organe|de }} ».
    OrganeHabilitation: {
        "conseil_municipal": "le conseil municipal",
        "conseil_communautaire": "le conseil communautaire",
        "conseil_departemental": "le conseil départemental",
        "commission_permanente": "la commission permanente",
        "conseil_administration": "le conseil d’administration",
        "bureau": "le bureau",
        "assemblee_generale": "l’assemblée générale",
        "conseil_surveillance": "le conseil de surveillance",
        "directoire": "le directoire",
        "directeur": "le directeur",
        "autre": "autre organe",
    },
    QualiteCode: {
        "maire": "maire",
        "adjoint_delegue": "adjoint au maire, délégué",
        "conseiller_delegue": "conseiller municipal délégué",
        "president_conseil_departemental": "président du conseil départemental",
        "vice_president_delegue": "vice-président délégué",
        "president_ca": "président du conseil d’administration",
        "vice_president_ca": "vice-président du conseil d’administration",
        "directeur": "directeur",
        "delegataire_directeur": "délégataire de signature du directeur",
        "administrateur": "administrateur",
        "president": "président",
        "directeur_general": "directeur général",
        "directeur_general_delegue": "directeur général délégué",
        "gerant": "gérant",
        "autre": "autre qualité",
    },
    Juridiction: {
        "tribunal_judiciaire": "tribunal judiciaire",
        "tribunal_administratif": "tribunal administratif",
    },
    QualificationContrat: {
        "administratif": "contrat administratif",
        "prive": "contrat de droit privé",
        "a_determiner": "qualification à déterminer",
    },
}

LABELS: dict[tuple[type, str], str] = {
    (kind, value): text for kind, texts in _LABELS.items() for value, text in texts.items()
}
LABELS.update({(FormeJuridique, form.value): text for form, (text, _) in LEGAL_FORMS.items()})


def label(value: StrEnum) -> str:
    """French wording of an enumeration value; the raw value if none is defined."""
    return LABELS.get((type(value), value.value), value.value)


def body_wording(deliberation: Deliberation) -> str:
    """The body that decided, with its article: typed, or its code's wording."""
    if deliberation.organe is not None:
        return with_article(deliberation.organe)
    return label(deliberation.organe_code) if deliberation.organe_code else ""


# What may open a body's name in place of « le » or « la »: « son conseil », « l'assemblée ».
_DETERMINED = re.compile(
    r"(?:le|la|les|son|sa|ses|leur|leurs|un|une|ce|cet|cette|ces|chaque)\s|l['’]", re.IGNORECASE
)


def with_article(body: str) -> str:
    """A body's name as typed, its article added when it has none and its noun's gender is
    known (« Conseil d'administration » -> « le Conseil d'administration », « assemblée
    générale » -> « l’assemblée générale »): the document prints « de Conseil
    d'administration » otherwise."""
    if _DETERMINED.match(body):
        return body
    feminine = gender_of(body)
    return body if feminine is None else elide("la" if feminine else "le", body)


def act_wording(deliberation: Deliberation) -> str:
    """« décision » of a director (« le directeur », « la directrice générale »), typed or
    chosen, « délibération » of a board."""
    body = body_wording(deliberation).lower()
    director = ("directeur" in body or "directrice" in body) and "directoire" not in body
    return "décision" if director else "délibération"


def feminine_name(organisation: Organisation) -> bool:
    """The gender a sentence gives the organisation it names by its short name
    (« le CCAS … est représenté », « la Résidence … est représentée »): that of the
    short name's article or noun, else of its own name's noun, else of its legal form."""
    named = gender_of(organisation.short_name)
    if named is None:
        named = gender_of(organisation.denomination)
    return LEGAL_FORMS[organisation.forme_juridique][1] if named is None else named
