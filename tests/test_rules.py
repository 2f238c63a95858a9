"""Every domain rule of the convention: silent on a valid document, and its French
message, path and severity when the rule is broken."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import (
    Data,
    Mutation,
    RuleCase,
    assert_rule_case,
    changes,
    check,
    convention,
    example,
    rule_cases,
    rules_found,
    set_path,
)

from convgen.chars import NBSP, NNBSP
from convgen.documents.registry import document_type
from convgen.errors import Severity
from convgen.regles import RULES, forme, rules_for
from convgen.regles.identifiants import finess_ok, siren_ok, siret_ok

CONVENTION = "chrs-csapa-addictions"


def _flux(index: int, **fields: Any) -> Mutation:
    def mutate(data: Data) -> Data:
        for key, value in fields.items():
            set_path(data, f"partage_information.flux.{index}.{key}", value)
        return data

    return mutate


def _payment(**fields: Any) -> Mutation:
    def mutate(data: Data) -> Data:
        versement = {
            "payeur": "csapa",
            "beneficiaire": "chrs",
            "objet": "la permanence",
            "montant": "1000.00",
            "echeancier": [{"date": "2026-06-30", "montant": "1000.00"}],
            "justificatifs": "Bilan d'activité.",
        }
        versement.update(fields)
        data["dispositions_financieres"] = {
            "versements": [{k: v for k, v in versement.items() if v is not None}]
        }
        return data

    return mutate


def _single_party(data: Data) -> Data:
    data["parties"] = data["parties"][:1]
    data["signature"]["nombre_originaux"] = 1
    return data


def _child_protection(**fields: Any) -> Mutation:
    base = {
        "base_legale": "protection_enfance_l226_2_2",
        "finalites": ["protection_enfance"],
        "information_autorite_parentale": True,
        "professionnels_emetteur": None,
        "professionnels_destinataire": None,
        "information_prealable": None,
    }
    return _flux(0, **{**base, **fields})


def _roles(*roles: tuple[str, str], **extra: Any) -> Mutation:
    def mutate(data: Data) -> Data:
        rgpd = data["partage_information"]["rgpd"]
        rgpd["roles"] = [{"partie": p, "role": r} for p, r in roles]
        rgpd.update(extra)
        return data

    return mutate


# (rule, example broken, how to break it, expected path, expected message fragment)
def _subsidy(data: Data) -> Data:
    """A public party paying 30 000 € to a private one, one instalment after the term."""
    data["parties"][1]["nature"] = "public"
    data["dispositions_financieres"] = {
        "versements": [
            {
                "payeur": data["parties"][1]["code"],
                "beneficiaire": data["parties"][0]["code"],
                "objet": "fonctionnement de la permanence",
                "montant": "30000.00",
                "echeancier": [
                    {"date": "2026-03-01", "montant": "15000.00"},
                    {"date": "2029-03-01", "montant": "15000.00"},
                ],
            }
        ]
    }
    return data


def _append_to_object(text: str) -> Mutation:
    def mutate(data: Data) -> Data:
        data["objet"] = f"{data['objet']} {text}"
        return data

    return mutate


CASES: list[tuple[str, str, Mutation, str, str]] = [
    (
        "DT-02",
        CONVENTION,
        changes(duree__date_effet="2025-11-01"),
        "duree.date_effet",
        "La convention prend effet le 1er novembre 2025, avant sa signature, le 15 décembre 2025",
    ),
    (
        "DT-04",
        CONVENTION,
        _subsidy,
        "dispositions_financieres.versements[1].echeancier[2]",
        f"L'échéance du 1er mars 2029 (15{NNBSP}000,00{NBSP}€) tombe hors de la durée de la "
        "convention (du 1er janvier 2026 au 31 décembre 2028).",
    ),
    (
        "CP-17",
        CONVENTION,
        _subsidy,
        "dispositions_financieres.versements[1].justificatifs",
        "dépasse 23 000 € : la convention doit préciser les conditions d'utilisation",
    ),
    (
        "TX-04",
        CONVENTION,
        _append_to_object("Le Relais verse 1 500 € par an."),
        "objet",
        "contient un montant, une date ou une durée saisis librement (« 1 500 € »)",
    ),
    (
        "TX-04",
        CONVENTION,
        _append_to_object("Elle est conclue pour une durée de cinq ans."),
        "objet",
        "saisis librement (« Elle est conclue pour une durée de cinq ans »)",
    ),
    (
        "TX-06",
        CONVENTION,
        _append_to_object("Chaque Partie peut mettre fin à la présente convention à tout moment."),
        "objet",
        "permet de mettre fin à la convention à tout moment ou sans préavis, alors que "
        "l'article sur la résiliation fixe un préavis et une forme",
    ),
    (
        "TX-06",
        CONVENTION,
        _append_to_object("La convention peut être résiliée à tout moment par chaque Partie."),
        "objet",
        "permet de mettre fin à la convention à tout moment ou sans préavis",
    ),
    (
        "TX-06",
        CONVENTION,
        _append_to_object("Tout litige relève du tribunal de grande instance de Lyon."),
        "objet",
        "désigne une juridiction, qui n'existe plus depuis le 1er janvier 2020 (c'est "
        "aujourd'hui le tribunal judiciaire)",
    ),
    (
        "TX-07",
        CONVENTION,
        _append_to_object(
            "Le Relais transmet au CSAPA toutes informations utiles sur les personnes "
            "accueillies, y compris leur dossier médical."
        ),
        "objet",
        "décrit un échange d'informations sur les personnes : la clause de partage "
        "d'informations ne le vérifie que déclaré comme flux",
    ),
    (
        "TX-07",
        CONVENTION,
        _append_to_object(
            "Le Relais transmet au CSAPA les informations relatives aux personnes accueillies."
        ),
        "objet",
        "décrit un échange d'informations sur les personnes",
    ),
    (
        "TX-10",
        "cada-empp-sante-mentale",
        _append_to_object("La présente convention est conclue à titre gracieux."),
        "objet",
        "dit la convention conclue sans contrepartie financière, alors qu'elle prévoit deux "
        "versements (dispositions financières) : les deux se contrediraient ; retirez la phrase "
        "ou les versements.",
    ),
    (
        "TX-09",
        CONVENTION,
        _append_to_object("Par dérogation à l'article 13, le CSAPA peut résilier sans préavis."),
        "objet",
        "renvoie à « article 13 » : convgen numérote les articles d'après les clauses de la "
        "convention, et un numéro écrit dans un texte ne suit pas quand un article s'ajoute ou "
        "s'en va ; nommez l'article par ce qu'il règle",
    ),
    (
        "TX-05",
        CONVENTION,
        _append_to_object("Elle applique l'article L. 312-7 du CASF."),
        "objet",
        "cite « article L. 312-7 » : convgen ne vérifie pas cette référence",
    ),
    (
        "ID-01",
        CONVENTION,
        changes(parties__0__siren="784512361"),
        "parties[1].siren",
        "Le numéro SIREN « 784512361 » est invalide (clé de contrôle incorrecte).",
    ),
    (
        "ID-02",
        CONVENTION,
        changes(parties__0__siret="78451236000017"),
        "parties[1].siret",
        "Le numéro SIRET « 78451236000017 » est invalide (clé de contrôle incorrecte).",
    ),
    (
        "ID-02",
        CONVENTION,
        changes(parties__0__siret="41234567800012", parties__0__siren=None),
        "parties[1].siret",
        "Le numéro SIRET « 41234567800012 » est invalide (ses 9 premiers chiffres, "
        "412345678, ne forment pas un SIREN valide).",
    ),
    (
        "ID-02",
        CONVENTION,
        changes(parties__0__siret="7845123600001"),
        "parties[1].siret",
        "(14 chiffres attendus)",
    ),
    (
        "ID-03",
        CONVENTION,
        changes(parties__0__siren="491273850"),
        "parties[1].siret",
        "Le SIRET du Relais ne correspond pas à son SIREN 491273850.",
    ),
    (
        "ID-04",
        CONVENTION,
        changes(parties__0__finess_et="690031258"),
        "parties[1].finess_et",
        "Le numéro FINESS « 690031258 » n'a pas le format attendu",
    ),
    (
        "ID-04",
        CONVENTION,
        changes(parties__0__finess_ej="990000000"),
        "parties[1].finess_ej",
        "Le numéro FINESS « 990000000 »",
    ),
    (
        "ID-05",
        CONVENTION,
        changes(parties__0__adresse__code_postal="00123"),
        "parties[1].adresse.code_postal",
        "Le code postal « 00123 » est invalide (5 chiffres attendus).",
    ),
    (
        "ID-06",
        CONVENTION,
        changes(parties__0__referent__telephone="12 34"),
        "parties[1].referent.telephone",
        "Le numéro de téléphone « 1234 » n'est pas un numéro français valide.",
    ),
    (
        "ID-07",
        CONVENTION,
        changes(parties__0__referent__courriel="sophie.marchal"),
        "parties[1].referent.courriel",
        "L'adresse électronique « sophie.marchal » est invalide.",
    ),
    (
        "ID-08",
        CONVENTION,
        changes(parties__1__forme_juridique="autre"),
        "parties[2].forme_juridique_precision",
        "Fiche d'identité incomplète pour le CSAPA : forme juridique à préciser manquante.",
    ),
    (
        "ID-08",
        CONVENTION,
        changes(parties__1__siren=None, parties__1__siret=None),
        "parties[2].siret",
        "Fiche d'identité incomplète pour le CSAPA : numéro SIRET manquant.",
    ),
    (
        "PI-23",
        CONVENTION,
        _flux(0, base_legale="protection_enfance_l226_2_2", droit_opposition=True),
        "partage_information.flux[1].droit_opposition",
        "(protection de l'enfance), la loi prévoit l'information préalable des parents",
    ),
    (
        "RG-03",
        CONVENTION,
        changes(partage_information__rgpd__delegues=[], parties__1__nature="public"),
        "partage_information.rgpd.delegues",
        "Le CSAPA est un organisme public : indiquez les coordonnées de son délégué",
    ),
    (
        "RG-06",
        CONVENTION,
        _flux(0, duree_conservation="selon les règles propres à chaque partie"),
        "partage_information.flux[1].duree_conservation",
        "doit être précise (ex. « 5 ans après la fin de l'accompagnement »), non « selon les",
    ),
    (
        "DT-08",
        CONVENTION,
        changes(signature__date="2129-01-15", duree__motif_retroactivite="essai"),
        "signature.date",
        "La signature est datée du 15 janvier 2129, plus d'un an après la date du jour",
    ),
    (
        "DT-07",
        CONVENTION,
        changes(duree__reconduction="tacite", duree__duree_reconduction_mois=None),
        "duree.duree_reconduction_mois",
        "La convention se reconduit tacitement sans durée de reconduction",
    ),
    (
        "SG-01",
        CONVENTION,
        changes(parties__1__forme_juridique="commune", parties__1__nature="public"),
        "parties[2].habilitation",
        "signe par une délibération du conseil municipal qui autorise la signature",
    ),
    (
        "SG-01",
        CONVENTION,
        changes(parties__1__forme_juridique="departement", parties__1__nature="public"),
        "parties[2].habilitation",
        "signe par une délibération du conseil départemental qui autorise la signature",
    ),
    (
        "SG-01",
        CONVENTION,
        changes(parties__1__forme_juridique="commune", parties__1__nature="public"),
        "parties[2].habilitation",
        "qui autorise la signature de cette convention, non par une décision du bureau : "
        "visez-la (organe, date, numéro).",
    ),
    (
        "SG-02",
        CONVENTION,
        changes(parties__1__forme_juridique="ccas", parties__1__habilitation=None),
        "parties[2].habilitation",
        "Le CSAPA signe par une délibération de son conseil d'administration qui autorise la "
        "signature de cette convention (CASF, art. R. 123-20) : visez-la (organe, date, numéro).",
    ),
    (
        "SG-02",
        CONVENTION,
        changes(
            parties__1__forme_juridique="ccas",
            parties__1__habilitation__organe="le conseil municipal",
        ),
        "parties[2].habilitation.organe",
        "Visez la délibération du conseil d'administration du CSAPA",
    ),
    (
        "SG-02",
        CONVENTION,
        changes(
            parties__1__forme_juridique="ccas",
            parties__1__representant_legal__qualite="vice-présidente",
        ),
        "parties[2].representant_legal.qualite",
        "Le CSAPA est représenté par le président de son conseil d'administration : Monsieur "
        "Étienne Roussel (vice-présidente) ne signe que comme signataire délégué (",
    ),
    (
        "SG-03",
        CONVENTION,
        changes(
            parties__1__forme_juridique="etablissement_public_sante",
            parties__1__habilitation__organe="le directoire",
        ),
        "parties[2].habilitation.organe",
        "le directoire ne délibère pas",
    ),
    (
        "SG-04",
        CONVENTION,
        changes(parties__1__forme_juridique="etablissement_public_social_medico_social"),
        "parties[2].representant_legal.qualite",
        "est représenté par son directeur, non par le président de son conseil",
    ),
    (
        "SG-04",
        CONVENTION,
        changes(
            parties__1__forme_juridique="etablissement_public_social_medico_social",
            parties__1__denomination="Résidence Les Tilleuls",
            parties__1__appellation=None,
            parties__1__sigle=None,
        ),
        "parties[2].representant_legal.qualite",
        "La Résidence Les Tilleuls (établissement public social et médico-social) est "
        "représentée par son directeur",
    ),
    (
        "JU-03",
        CONVENTION,
        changes(litiges__juridiction="tribunal_administratif"),
        "litiges.lieu_execution",
        "Indiquez le lieu d'exécution de la convention (lieu_execution) ou la ville du tribunal "
        "administratif (ressort)",
    ),
    (
        "JU-04",
        "cada-empp-sante-mentale",
        changes(litiges__ressort="Villeurbanne"),
        "litiges.ressort",
        "Il n'y a pas de tribunal administratif à « Villeurbanne » (code de justice "
        "administrative, art. R. 221-3) : indiquez la ville du tribunal administratif dans le "
        "ressort duquel la convention s'exécute (pour la Seine-Saint-Denis, Montreuil ; pour "
        "Paris, Paris), ou, à la place, la commune où elle s'exécute (lieu_execution).",
    ),
    (
        "JU-05",
        "cada-empp-sante-mentale",
        changes(litiges__ressort="Montpellier"),
        "litiges.ressort",
        "Le tribunal administratif de Montpellier n'a pas dans son ressort les adresses des "
        "parties (code de justice administrative, art. R. 221-3) : la Seine-Saint-Denis relève "
        "de celui de Montreuil, Paris relève de celui de Paris. Le tribunal compétent est celui "
        "du lieu d'exécution (art. R. 312-11) : vérifiez le ressort.",
    ),
    (
        "JU-04",
        "cada-empp-sante-mentale",
        changes(litiges__ressort="Besançonn"),
        "litiges.ressort",
        "Il n'y a pas de tribunal administratif à « Besançonn » (code de justice "
        "administrative, art. R. 221-3) : vouliez-vous dire « Besançon » ?",
    ),
    (
        "SG-05",
        CONVENTION,
        changes(parties__1__statuts_article=None),
        "parties[2].statuts_article",
        "Indiquez l'article des statuts du CSAPA qui donne pouvoir à Monsieur Étienne Roussel "
        "de la représenter (statuts_article)",
    ),
    (
        "SG-05",
        CONVENTION,
        changes(
            parties__1__statuts_article=None, parties__1__appellation=None, parties__1__sigle=None
        ),
        "parties[2].statuts_article",
        "Indiquez l'article des statuts de l’Association Rhône Addictions Prévention Soins qui "
        "donne pouvoir à Monsieur Étienne Roussel de la représenter (statuts_article)",
    ),
    (
        "SG-06",
        CONVENTION,
        changes(parties__1__forme_juridique="gip"),
        "parties[2].representant_legal.qualite",
        "La qualité « président » ne figure pas parmi les représentants admis pour la forme "
        "« groupement d’intérêt public » (le directeur)",
    ),
    (
        "DT-01",
        CONVENTION,
        changes(parties__1__habilitation__date="2030-01-15"),
        "parties[2].habilitation.date",
        "La délibération du 15 janvier 2030 autorisant le CSAPA à signer est postérieure à la "
        "signature",
    ),
    (
        "DT-01",
        CONVENTION,
        changes(parties__0__delegation__date="2030-01-15"),
        "parties[1].delegation.date",
        "La délégation du 15 janvier 2030 consentie à Monsieur Karim Benali pour le Relais est "
        "postérieure à la signature du 15 décembre 2025",
    ),
    (
        "SG-07",
        CONVENTION,
        changes(parties__0__delegation=None),
        "parties[1].delegation",
        "Karim Benali signe pour le Relais sans en être le représentant légal",
    ),
    (
        "SG-08",
        CONVENTION,
        changes(parties__0__forme_juridique="commune", parties__0__delegation__date="2019-05-02"),
        "parties[1].delegation.date",
        "a pris fin avec le mandat de son auteur, aux élections municipales de 2020",
    ),
    (
        "ID-13",
        CONVENTION,
        changes(parties__1__finess_et="690031257"),
        "parties[2].finess_et",
        "Le FINESS établissement 690031257 du CSAPA est aussi celui du Relais",
    ),
    (
        "ID-11",
        CONVENTION,
        changes(parties__0__date_creation="2027-01-01"),
        "parties[1].date_creation",
        "La date de création du Relais (1er janvier 2027) est dans le futur.",
    ),
    (
        "ID-14",
        CONVENTION,
        changes(parties__0__denomination="Centre communal d'action sociale de Givors"),
        "parties[1].forme_juridique",
        "Le nom « Centre communal d'action sociale de Givors » désigne un centre communal "
        "d'action sociale, mais la forme juridique déclarée est « association régie par la "
        "loi du 1er juillet 1901 » : vérifiez-la",
    ),
    (
        "ID-12",
        CONVENTION,
        changes(
            parties__0__adresse__code_postal="67000", parties__0__adresse__commune="Strasbourg"
        ),
        "parties[1].forme_juridique",
        "Si le siège du Relais est bien dans le Bas-Rhin (code postal 67000), elle est régie "
        "par le code civil local (articles 21 à 79-III) et non par la loi du 1er juillet 1901",
    ),
    (
        "CO-01",
        CONVENTION,
        changes(parties__1__code="chrs"),
        "parties[2].code",
        "Le code « chrs » est déjà celui de l'organisation n° 1",
    ),
    (
        "CO-02",
        CONVENTION,
        changes(instance_suivi__convocation="ccas"),
        "instance_suivi.convocation",
        "« ccas » ne désigne aucune organisation du document "
        "(codes déclarés : « chrs », « csapa »).",
    ),
    (
        "CO-03",
        CONVENTION,
        _payment(echeancier=[{"date": "2026-06-30", "montant": "600.00"}]),
        "dispositions_financieres.versements[1].echeancier",
        "Les échéances totalisent 600,00\u00a0€ au lieu de 1\u202f000,00\u00a0€.",
    ),
    (
        "CO-03",
        CONVENTION,
        _payment(payeur="chrs"),
        "dispositions_financieres.versements[1].beneficiaire",
        "Le payeur et le bénéficiaire d'un versement doivent être distincts.",
    ),
    (
        "CP-01",
        CONVENTION,
        _single_party,
        "parties",
        "Une convention de partenariat doit réunir au moins deux parties distinctes.",
    ),
    (
        "CP-01",
        CONVENTION,
        changes(parties__1__siren="784512360", parties__1__siret="78451236000016"),
        "parties",
        "au moins deux parties distinctes",
    ),
    (
        "CP-03",
        CONVENTION,
        changes(objectifs__1__indicateurs=[]),
        "objectifs[2].indicateurs",
        "L'objectif « Renforcer les compétences des équipes éducatives » n'a aucun indicateur",
    ),
    (
        "CP-03",
        CONVENTION,
        changes(objectifs=[]),
        "objectifs",
        "Définissez au moins un objectif du partenariat.",
    ),
    (
        "CP-04",
        CONVENTION,
        changes(parties__1__engagements=[]),
        "parties[2].engagements",
        "Aucun engagement n'est défini pour le CSAPA.",
    ),
    (
        "CP-05",
        CONVENTION,
        changes(parties__1__referent=None),
        "parties[2].referent",
        "Désignez un référent pour le CSAPA, avec un téléphone ou un courriel.",
    ),
    (
        "CP-06",
        CONVENTION,
        changes(instance_suivi__frequence="ad_hoc"),
        "instance_suivi",
        "Précisez la composition et la fréquence (au moins annuelle) de l'instance de suivi.",
    ),
    (
        "CP-07",
        CONVENTION,
        changes(duree__duree_mois=6, duree__reconduction="aucune"),
        "evaluation.periodicite",
        "La périodicité d'évaluation (annuelle) ne permet aucune évaluation avant l'échéance.",
    ),
    (
        "CP-08",
        CONVENTION,
        changes(evaluation__niveaux=["resultats"]),
        "evaluation.niveaux",
        "Ajoutez l'évaluation du fonctionnement du partenariat.",
    ),
    (
        "CP-09",
        CONVENTION,
        changes(duree__duree_mois=None, duree__date_fin="2025-12-31"),
        "duree.date_fin",
        "La date de fin (31 décembre 2025) doit être postérieure à la date d'effet "
        "(1er janvier 2026).",
    ),
    (
        "CP-09",
        CONVENTION,
        changes(duree__date_fin="2028-12-31"),
        "duree.duree_mois",
        "Indiquez la durée soit en mois (duree_mois), soit par une date de fin",
    ),
    (
        "CP-10",
        CONVENTION,
        changes(duree__reconduction="tacite"),
        "duree",
        "Précisez pour la reconduction tacite : préavis de non-reconduction.",
    ),
    (
        "CP-11",
        CONVENTION,
        changes(resiliation__forme=None),
        "resiliation",
        "Indiquez le préavis et la forme de la résiliation",
    ),
    (
        "CP-11",
        CONVENTION,
        changes(duree__duree_mois=6, duree__reconduction="aucune", resiliation__preavis_jours=200),
        "resiliation.preavis_jours",
        "Le préavis de résiliation (deux cents (200)\u00a0jours) court jusqu'au terme de la "
        "convention (six (6)\u00a0mois) ou au-delà : une résiliation ne prendrait jamais "
        "effet avant son terme",
    ),
    (
        "CP-11",
        CONVENTION,
        changes(
            duree__duree_mois=6,
            duree__reconduction="aucune",
            resiliation__delai_mise_en_demeure_jours=200,
        ),
        "resiliation.delai_mise_en_demeure_jours",
        "Le délai laissé après une mise en demeure (deux cents (200)\u00a0jours) court "
        "jusqu'au terme de la convention (six (6)\u00a0mois) ou au-delà",
    ),
    (
        "CP-18",
        CONVENTION,
        changes(modalites__2__parties=["csapa"]),
        "modalites[3].parties",
        "L'activité « Réunions de synthèse » ne réunit qu'une partie (le CSAPA) : le document "
        "écrirait « Y participe le CSAPA » pour une activité qui se tient entre partenaires.",
    ),
    (
        "CP-18",
        CONVENTION,
        changes(
            instance_suivi__composition=[{"partie": "chrs", "fonctions": "le directeur"}],
            instance_suivi__autres_membres=None,
        ),
        "instance_suivi.composition",
        "L'instance de suivi ne réunit que des membres du Relais : elle suit le partenariat "
        "entre les parties ; ajoutez un représentant des autres parties.",
    ),
    (
        "JU-03",
        CONVENTION,
        changes(litiges__ressort="Lyon"),
        "litiges.ressort",
        "Le siège d'un tribunal administratif (ressort : « Lyon ») est indiqué alors que la "
        "juridiction est le tribunal judiciaire, qui n'est jamais nommé : il n'est pas imprimé",
    ),
    (
        "CP-12",
        CONVENTION,
        _payment(echeancier=None, justificatifs=None),
        "dispositions_financieres.versements[1].echeancier",
        "Les dispositions financières sont incomplètes : échéancier manquant.",
    ),
    (
        "JU-02",
        CONVENTION,
        changes(litiges__juridiction="tribunal_administratif"),
        "litiges.juridiction",
        "Les parties sont privées : la juridiction indiquée (tribunal administratif) n'est "
        "pas celle qui se déduit de leur nature (tribunal judiciaire)",
    ),
    (
        "JU-02",
        CONVENTION,
        changes(parties__1__nature="public"),
        "litiges.juridiction",
        "Les parties sont publiques et privées : la juridiction indiquée (tribunal judiciaire)",
    ),
    (
        "JU-01",
        CONVENTION,
        changes(litiges__motif_juridiction="participation au service public"),
        "litiges.motif_juridiction",
        "La juridiction compétente ne se choisit pas",
    ),
    (
        "JU-01",
        CONVENTION,
        changes(litiges__delai_amiable_jours=None),
        "litiges.delai_amiable_jours",
        "Chiffrez le délai du règlement amiable",
    ),
    (
        "CP-14",
        CONVENTION,
        changes(parties__0__assurance=None),
        "parties[1].assurance",
        "Indiquez l'assurance responsabilité civile du Relais.",
    ),
    (
        "CP-15",
        CONVENTION,
        changes(partage_information=None),
        "partage_information",
        "Des échanges d'informations sont prévus (orientation accompagnée, réunions de "
        "synthèse) : "
        "complétez la clause de partage d'informations",
    ),
    (
        "PI-01",
        CONVENTION,
        _flux(0, finalites=[]),
        "partage_information.flux[1].finalites",
        "Le flux d'informations « Orientation vers le CSAPA » est incomplet : indiquez sa "
        "finalité (au moins une).",
    ),
    (
        "PI-02",
        CONVENTION,
        _flux(0, categories_informations=["Toutes les informations utiles"]),
        "partage_information.flux[1].categories_informations[1]",
        "Les informations partagées doivent être limitées à des catégories strictement nécessaires",
    ),
    (
        "PI-02",
        CONVENTION,
        _flux(0, categories_informations=["le dossier complet"]),
        "partage_information.flux[1].categories_informations[1]",
        "« le dossier complet » est trop large",
    ),
    (
        "PI-03",
        CONVENTION,
        _flux(1, professionnels_destinataire=["autre"]),
        "partage_information.flux[2].professionnels_destinataire",
        "Les professionnels du Relais doivent relever des catégories autorisées à échanger "
        "(art. R. 1110-2 CSP)",
    ),
    (
        "PI-04",
        CONVENTION,
        _flux(1, finalites=["coordination", "action_sociale"]),
        "partage_information.flux[2].finalites[2]",
        "La finalité « évaluation de la situation et mise en œuvre des mesures d’action "
        "sociale » n'est pas admise pour un échange fondé sur l'article L. 1110-4 CSP.",
    ),
    (
        "PI-05",
        CONVENTION,
        _flux(1, consentement=None),
        "partage_information.flux[2].consentement",
        "exige le consentement préalable de la personne",
    ),
    (
        "PI-06",
        CONVENTION,
        _flux(0, base_legale="equipe_soins_l1110_4"),
        "partage_information.flux[1].structure_cooperation",
        "Les partenaires ne forment pas une équipe de soins au sens de l'article L. 1110-12 CSP",
    ),
    (
        # The CHRS and the CSAPA are run by two associations: not « the same ESSMS ».
        "PI-06",
        CONVENTION,
        _flux(0, base_legale="equipe_soins_l1110_4", structure_cooperation="meme_essms"),
        "partage_information.flux[1].structure_cooperation",
        "relèvent de deux établissements distincts (FINESS 690031257 et 930011788) : leurs "
        "professionnels n'exercent pas dans « un même établissement ou service social ou "
        "médico-social »",
    ),
    (
        # One association's two establishments (the same SIREN, two FINESS).
        "PI-06",
        CONVENTION,
        lambda data: _flux(
            0, base_legale="equipe_soins_l1110_4", structure_cooperation="meme_essms"
        )(changes(parties__1__siren="784512360", parties__1__siret="78451236000024")(data)),
        "partage_information.flux[1].structure_cooperation",
        "relèvent de deux établissements distincts (FINESS 690031257 et 930011788)",
    ),
    (
        # Two associations said to share within a GHT, which only public establishments
        # join (CSP L6132-1).
        "PI-06",
        CONVENTION,
        _flux(0, base_legale="equipe_soins_l1110_4", structure_cooperation="ght"),
        "partage_information.flux[1].structure_cooperation",
        "n'est pas un établissement public : un groupement hospitalier de territoire ne "
        "réunit que des établissements publics (article L. 6132-1 CSP)",
    ),
    (
        "PI-07",
        CONVENTION,
        _flux(0, information_prealable=False),
        "partage_information.flux[1].information_prealable",
        "Prévoyez l'information préalable de la personne",
    ),
    (
        "PI-08",
        CONVENTION,
        _flux(0, droit_opposition=False),
        "partage_information.flux[1].droit_opposition",
        "Mentionnez le droit de la personne de s'opposer à l'échange ou au partage.",
    ),
    (
        "PI-09",
        CONVENTION,
        _child_protection(emetteur_soumis_secret=False),
        "partage_information.flux[1]",
        "Le partage en protection de l'enfance n'est possible qu'entre personnes soumises "
        "au secret",
    ),
    (
        "PI-09",
        CONVENTION,
        _child_protection(finalites=["protection_enfance", "coordination"]),
        "partage_information.flux[1].finalites",
        "n'a pour finalité que d'évaluer une situation",
    ),
    (
        "PI-10",
        CONVENTION,
        _child_protection(information_autorite_parentale=None),
        "partage_information.flux[1].information_autorite_parentale",
        "Prévoyez l'information préalable des parents ou du tuteur et de l'enfant",
    ),
    (
        "PI-11",
        CONVENTION,
        _flux(
            0,
            base_legale="action_sociale_l121_6_2",
            finalites=["action_sociale"],
            professionnels_emetteur=None,
            professionnels_destinataire=None,
        ),
        "partage_information.flux[1].meme_personne_ou_famille",
        "suppose que tous les professionnels interviennent auprès de la même personne ou famille",
    ),
    (
        "PI-12",
        CONVENTION,
        _flux(0, destinataire_soumis_secret=False),
        "partage_information.flux[1].destinataire_soumis_secret",
        "vers le CSAPA est déclaré « destinataire non soumis au secret » : vérifiez cette "
        "qualification",
    ),
    (
        "RG-02",
        CONVENTION,
        _roles(("chrs", "responsable")),
        "partage_information.rgpd.roles",
        "Le CSAPA traite des données des personnes (« Orientation vers le CSAPA ») sans rôle "
        "RGPD déclaré",
    ),
    (
        "RG-02",
        CONVENTION,
        _roles(("chrs", "responsable_conjoint"), ("csapa", "responsable_conjoint")),
        "partage_information.rgpd.accord_responsables_conjoints",
        "l'article 26 du RGPD",
    ),
    (
        "RG-02",
        CONVENTION,
        _roles(("chrs", "responsable"), ("csapa", "sous_traitant")),
        "partage_information.rgpd.contrat_sous_traitance",
        "l'article 28 du RGPD",
    ),
    (
        "PI-15",
        CONVENTION,
        _flux(1, duree_conservation=None),
        "partage_information.flux[2].duree_conservation",
        "Indiquez la durée de conservation des données échangées.",
    ),
    (
        "PI-16",
        CONVENTION,
        _flux(1, canal="messagerie_ordinaire"),
        "partage_information.flux[2].canal",
        "Les données de santé doivent être échangées par un canal sécurisé (par exemple MSSanté).",
    ),
    (
        # Social information under secrecy, by ordinary e-mail: no health data, no word.
        "PI-16",
        CONVENTION,
        _flux(0, canal="messagerie_ordinaire", donnees_sante=False),
        "partage_information.flux[1].canal",
        "Les informations sur les personnes du flux « Orientation vers le CSAPA » circulent "
        "par messagerie ordinaire, qui n'est pas chiffrée",
    ),
    (
        "PI-17",
        CONVENTION,
        _flux(1, hebergement={"hebergeur": "Nuage SA", "certifie_hds": False}),
        "partage_information.flux[2].hebergement.certifie_hds",
        "L'hébergeur des données de santé (Nuage SA) doit être certifié HDS (code de la santé "
        "publique, art. L. 1111-8) : le document stipule qu'aucune donnée de santé ne lui est "
        "confiée avant sa certification.",
    ),
    (
        "EV-02",
        CONVENTION,
        changes(
            objectifs__0__indicateurs__0__unite=None, objectifs__0__indicateurs__0__responsable=None
        ),
        "objectifs[1].indicateurs[1]",
        "L'indicateur « Nombre de personnes orientées vers le CSAPA » est incomplet : indiquez "
        "son unité et son responsable.",
    ),
    (
        "EV-03",
        CONVENTION,
        changes(duree__duree_mois=6, duree__reconduction="aucune", evaluation__bilan_final=False),
        "evaluation",
        "Aucune évaluation n'est prévue avant l'échéance du 30 juin 2026",
    ),
    (
        "TY-06",
        CONVENTION,
        changes(signature__nombre_originaux=1),
        "signature.nombre_originaux",
        "Le nombre d'exemplaires originaux (1) est inférieur au nombre de signataires (2).",
    ),
    (
        "TY-08",
        CONVENTION,
        changes(titre="Convention de partenariat"),
        "titre",
        "Le titre « Convention de partenariat » commence par « Convention », déjà imprimé "
        "au-dessus de lui (« Convention de partenariat ») : écrivez seulement ce qui complète "
        "ces mots",
    ),
    (
        "TX-08",
        CONVENTION,
        _append_to_object("Chacune des trois Parties désigne un référent."),
        "objet",
        "parle de « trois Parties », mais la convention lie deux parties",
    ),
]


def test_the_valid_convention_breaks_no_rule() -> None:
    assert check(convention()).problems == ()


def test_health_professionals_are_no_professionals_of_social_action() -> None:
    """CASF L. 121-6-2 is a sharing between professionals of social action (L. 116-1): a
    hospital's doctors on such a flow are a warning pointing to CSP L. 1110-4."""
    social = _flux(
        0,
        base_legale="action_sociale_l121_6_2",
        finalites=["action_sociale"],
        meme_personne_ou_famille=True,
        professionnels_emetteur=["assistant_service_social"],
        professionnels_destinataire=["assistant_service_social"],
    )(convention())
    assert "PI-11" not in {problem.rule for problem in check(social).problems}
    doctors = _flux(0, professionnels_destinataire=["professionnel_sante"])(social)
    (found,) = [p for p in check(doctors).problems if p.rule == "PI-11"]
    assert found.path == "partage_information.flux[1].base_legale"
    assert found.severity is Severity.AVERTISSEMENT
    assert "fondez ce flux sur l'article L. 1110-4 du code de la santé publique" in found.message


def test_a_sender_not_bound_by_secrecy_passes_on_no_secret() -> None:
    """PI-12 is about a secret leaving those bound by it: a sender who is not bound
    (an épicerie sociale's volunteers…) has none to pass on."""
    data = _flux(0, emetteur_soumis_secret=False, destinataire_soumis_secret=False)(convention())
    assert "PI-12" not in {problem.rule for problem in check(data).problems}


@rule_cases(CASES)
def test_rule_reports_its_message(case: RuleCase) -> None:
    # TX-05 points a reference out to the reviewer: an information, not a warning.
    severity = Severity.INFORMATION if case.rule == "TX-05" else None
    assert_rule_case(case, severity=severity)


def test_every_checked_rule_of_the_convention_has_a_case() -> None:
    """Here, or for the RGPD rules of §J.1 to J.3, in test_rules_rgpd.py."""
    from test_rules_rgpd import ERRORS, ROLE_ERRORS, WARNINGS  # noqa: PLC0415

    checked = {r.id for r in rules_for("convention_partenariat") if r.check is not None}
    assert checked == {case[0] for case in [*CASES, *ERRORS, *WARNINGS, *ROLE_ERRORS]}


def test_rules_declared_by_schema_or_template_are_listed_with_their_source() -> None:
    declared = {r.id: r.enforcement for r in rules_for("convention_partenariat") if r.check is None}
    assert declared == {
        "CP-02": "schema",
        "EV-01": "schema",
        "CP-16": "modele",
        "DT-03": "autres_regles",  # under CP-09 (and GC-04 for a group)
        "PI-13": "modele",
        "TY-01": "modele",
        "TY-02": "modele",
        "TY-03": "modele",
        "TY-04": "modele",
        "TY-05": "modele",
        "TY-07": "modele",
    }
    assert all(RULES[rule].source for rule in declared)


def test_severity_follows_evidence_level() -> None:
    validated = check(
        changes(parties__0__siren="784512361", parties__0__assurance=None)(convention())
    )
    by_rule = rules_found(validated)
    assert by_rule["ID-01"][0].severity is Severity.ERREUR  # [C]
    assert by_rule["CP-14"][0].severity is Severity.AVERTISSEMENT  # [P]


def test_luhn_identifiers_with_la_poste_exception() -> None:
    assert siren_ok("732829320")
    assert siren_ok("356000000")  # La Poste's SIREN breaks Luhn
    assert not siren_ok("732829321")
    assert siret_ok("73282932000074")
    assert siret_ok("35600000000048")  # La Poste head office follows Luhn
    assert siret_ok("35600000049837")  # other La Poste establishments: digit sum multiple of 5
    assert not siret_ok("35600000049836")
    assert not siret_ok("MONACOCONFO001")
    # Luhn holds on the 14 digits, not on the SIREN they open with
    assert not siret_ok("41234567800012")


def test_finess_key_and_prefixes() -> None:
    assert finess_ok("750712184")  # AP-HP
    assert finess_ok("010000024")
    assert finess_ok("970300026")  # Cayenne
    assert finess_ok("2A0000123")  # Corsica: no key check
    assert not finess_ok("750712185")
    assert not finess_ok("200000000")
    assert not finess_ok("12345678")


def test_identifiers_accept_spaces_as_typed() -> None:
    data = changes(parties__0__siret="784 512 360 00016")(convention())
    assert check(data).document.parties[0].siret == "78451236000016"


def test_a_reasoned_qualification_decides_the_court_of_mixed_parties() -> None:
    mixed = changes(parties__1__nature="public", litiges__juridiction="tribunal_administratif")
    data = mixed(convention())
    assert "JU-02" in rules_found(check(data))
    set_path(data, "litiges.qualification_contrat", "administratif")
    assert "JU-02" in rules_found(check(data))  # a qualification needs its reason
    set_path(data, "litiges.motif_qualification", "exécution même du service public")
    assert "JU-02" not in rules_found(check(data))
    set_path(data, "litiges.qualification_contrat", "prive")
    assert "JU-02" in rules_found(check(data))


def test_the_court_message_asks_only_for_what_is_missing() -> None:
    def message(data: dict[str, Any]) -> str:
        (found,) = rules_found(check(data))["JU-02"]
        return found.message

    mixed = changes(parties__1__nature="public", litiges__juridiction="tribunal_administratif")
    data = mixed(convention())
    assert "indiquez-la (qualification_contrat), avec son motif (motif_qualification)" in (
        message(data)
    )
    set_path(data, "litiges.motif_qualification", "à l'étude")
    set_path(data, "litiges.qualification_contrat", "a_determiner")
    assert message(data).endswith(
        "faites vérifier la nature du contrat et indiquez-la (qualification_contrat)."
    )
    set_path(data, "litiges.motif_qualification", None)
    set_path(data, "litiges.qualification_contrat", "administratif")
    assert message(data).endswith(
        "faites vérifier la nature du contrat et motivez sa qualification (motif_qualification)."
    )
    set_path(data, "litiges.motif_qualification", "exécution même du service public")
    set_path(data, "litiges.qualification_contrat", "prive")
    assert message(data) == (
        "Les parties sont publiques et privées et le contrat est qualifié de contrat de droit "
        "privé : la juridiction indiquée (tribunal administratif) n'est pas celle qui s'en "
        "déduit (tribunal judiciaire), et le document renvoie à « la juridiction compétente » "
        "sans la nommer ; corrigez la juridiction ou la qualification."
    )
    private = changes(litiges__juridiction="tribunal_administratif")(convention())
    assert message(private) == (
        "Les parties sont privées : la juridiction indiquée (tribunal administratif) n'est pas "
        "celle qui se déduit de leur nature (tribunal judiciaire), et le document renvoie à "
        "« la juridiction compétente » sans la nommer ; corrigez la juridiction ou faites "
        "vérifier la nature du contrat."
    )


def test_the_court_is_not_compared_with_the_parties_of_a_convention_without_any() -> None:
    data = convention()
    data["parties"] = []
    found = rules_found(check(data))
    assert "JU-02" not in found  # it said « les parties sont publiques et privées »


def test_renewal_is_not_judged_when_the_end_precedes_the_start() -> None:
    """J.9: CP-09 reports the dates; CP-10 would give a false « durée indéterminée »."""
    data = changes(
        duree__duree_mois=None, duree__date_fin="2020-01-01", duree__reconduction="tacite"
    )(convention())
    found = rules_found(check(data))
    assert [p.path for p in found["CP-09"]] == ["duree.date_fin"]
    assert "CP-10" not in found


def test_fixed_term_group_without_years_is_refused_before_rendering() -> None:
    data = example("gcsms-associations-handicap")
    data["duree"] = {"type": "determinee", "date_effet": "2027-01-01"}
    validated = check(data)
    assert not validated.ok
    assert [p.path for p in rules_found(validated)["GC-04"]] == ["duree.duree_annees"]
    data["duree"]["duree_annees"] = 10
    assert "GC-04" not in rules_found(check(data))


def test_open_ended_convention_cannot_be_renewed() -> None:
    data = changes(duree__duree_mois=None)(convention())
    problem = rules_found(check(data))["CP-10"][0]
    assert problem.severity is Severity.ERREUR
    assert "durée indéterminée ne se reconduit pas" in problem.message


def test_electronic_signature_needs_no_paper_originals() -> None:
    data = changes(signature__nombre_originaux=1, signature__electronique=True)(convention())
    assert "TY-06" not in rules_found(check(data))


@pytest.mark.parametrize(
    ("name", "form"),
    [
        ("CCAS de Givors", "ccas"),
        ("le Centre communal d’action sociale de Dole", "ccas"),
        ("Ville de Givors", "commune"),
        ("Association Le Relais", "association_droit_local"),
        ("Centre hospitalier privé de l'Estuaire", "societe"),  # a private clinic
        ("Communauté de communes du Pays de Gex", "autre"),  # an EPCI
        ("CHRS La Passerelle", "association"),  # not a « CHR »
        ("Relais Solidarité", "association"),  # a name that says no form
    ],
)
def test_a_form_the_name_agrees_with_is_not_reported(name: str, form: str) -> None:
    data = changes(
        parties__0__denomination=name,
        parties__0__forme_juridique=form,
        parties__0__forme_juridique_precision="communauté de communes" if form == "autre" else None,
    )(convention())
    assert "ID-14" not in rules_found(check(data))


def test_a_local_law_association_in_alsace_moselle_is_what_the_rule_asks_for() -> None:
    strasbourg = changes(
        parties__0__adresse__code_postal="67000",
        parties__0__adresse__commune="Strasbourg",
        parties__0__forme_juridique="association_droit_local",
    )(convention())
    assert "ID-12" not in rules_found(check(strasbourg))
    lyon = changes(parties__0__adresse__code_postal="69007")(convention())
    assert "ID-12" not in rules_found(check(lyon))


@pytest.mark.parametrize(
    ("title", "warned"),
    [
        ("CONVENTION DE PARTENARIAT", True),
        # The label typed before the rest is left out of the title by the schema.
        ("Convention de partenariat relative à l'accueil", False),
        ("Convention-cadre relative à l'accueil", True),
        ("conventionnement des places d'accueil", False),
        ("relative à la convention de coopération", False),
    ],
)
def test_a_title_that_starts_with_convention_is_warned(title: str, warned: bool) -> None:
    data = changes(titre=title)(convention())
    assert ("TY-08" in rules_found(check(data))) is warned


def test_the_heading_the_title_rule_names_is_the_printed_label() -> None:
    assert document_type("convention_partenariat").label == forme._HEADING


def test_an_identifier_copied_to_another_party_is_warned_once() -> None:
    data = example(CONVENTION)
    relais, csapa = data["parties"]
    csapa["finess_et"] = relais["finess_et"]
    csapa["siret"] = relais["siret"]
    csapa.pop("siren", None)
    found = [p for p in check(data).problems if p.rule == "ID-13"]
    assert sorted((p.path, p.severity) for p in found) == [
        ("parties[2].finess_et", Severity.AVERTISSEMENT),
        ("parties[2].siret", Severity.AVERTISSEMENT),  # the SIREN it implies: not again
    ]
    siret = next(p for p in found if p.path == "parties[2].siret")
    assert siret.message.startswith(
        "Le SIRET 78451236000016 du CSAPA est aussi celui du Relais : un SIRET désigne un "
        "seul établissement"
    )
    assert not [p for p in check(example(CONVENTION)).problems if p.rule == "ID-13"]


def test_the_seat_of_a_group_has_a_postal_code_too() -> None:
    data = example("gcsms-mixte-ccas-ehpad")
    data["siege"]["code_postal"] = "6940"
    found = [(p.path, p.message) for p in check(data).problems if p.rule == "ID-05"]
    assert found == [
        ("siege.code_postal", "Le code postal « 6940 » est invalide (5 chiffres attendus).")
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "La personne peut retirer son consentement à tout moment.",  # her right, not the end
        "L'association est inscrite au registre du tribunal judiciaire de Strasbourg.",
        "Elle accompagne les jeunes de 16 à 25 ans pendant six mois.",
        "Le Relais résilie les contrats de séjour dans les conditions du règlement.",
        "Les Parties échangent sur leurs pratiques lors de réunions trimestrielles.",
        "Le CSAPA transmet chaque année son rapport d'activité au comité de suivi.",
        "Elles transmettent à l'Agence régionale de santé les données d'activité.",
        "Les Parties échangent des informations sur l'offre de soins du territoire.",
        "Le Relais transmet le nombre de personnes accompagnées chaque trimestre.",
        "Le service saisit le procureur de la République près le tribunal judiciaire.",
        "Elle informe les familles de leur droit de saisir le tribunal administratif.",
        "Il accueille des résidents pour une durée de six mois renouvelable.",
        "La convention prévoit l'accueil des jeunes pour une durée de six mois.",
        "Dans le cadre de la convention, le bail glissant est renouvelé pour un an.",
        "En cas de litige avec le bailleur, l'usager peut saisir le tribunal judiciaire.",
        "La convention est résiliée de plein droit, sans préavis, si l'autorisation cesse.",
        "Le CSAPA fournit aux résidents accueillis des informations sur leurs droits.",
        "Les Parties échangent sur la situation du marché de l'emploi.",
    ],
)
def test_free_text_that_restates_no_clause_is_not_reported(sentence: str) -> None:
    data = _append_to_object(sentence)(example(CONVENTION))
    found = rules_found(check(data))
    assert "TX-06" not in found
    assert "TX-07" not in found
    assert not [p for p in found.get("TX-04", []) if p.path == "objet"]


def test_a_notice_shorter_than_the_term_by_days_is_not_reported() -> None:
    """A term from 1 January to 15 July and a notice of six months: it ends before."""
    data = example(CONVENTION)
    data["duree"] = {"date_effet": "2026-01-01", "date_fin": "2026-07-15"}
    data["resiliation"] = {"preavis_mois": 6, "forme": "lettre_recommandee_ar"}
    assert "CP-11" not in rules_found(check(data))
    data["resiliation"]["preavis_mois"] = 7
    (found,) = rules_found(check(data))["CP-11"]
    assert "(sept (7)\u00a0mois) court jusqu'au terme de la convention (du " in (found.message)


def test_a_deliberation_s_subject_is_quoted_not_reported_as_free_text() -> None:
    """« attribution d'une subvention de 30 000 € pour trois ans »: the act's title, quoted
    as taken; TX-04 would ask to move the sum to a field the act's title cannot lose."""
    subject = "attribution d'une subvention de 30 000 € pour trois ans"
    data = changes(parties__1__habilitation__objet=subject)(example(CONVENTION))
    assert "TX-04" not in rules_found(check(data))
    typed = changes(objet=f"Le Relais reçoit une {subject[15:]}.")(example(CONVENTION))
    assert [p.path for p in rules_found(check(typed))["TX-04"]] == ["objet"]


@pytest.mark.parametrize(
    ("consent", "warned"),
    [
        ({"modalite": "oralement, lors de l'entretien d'accueil"}, True),
        ({"modalite": "recueilli oralement", "tracabilite": "aucune"}, True),
        ({"modalite": "accord verbal de la personne", "tracabilite": "néant"}, True),
        (
            {"modalite": "oralement", "tracabilite": "mention datée au dossier de la personne"},
            False,
        ),
        ({"modalite": "par écrit, sur la fiche d'orientation signée"}, False),
        ({"modalite": "oralement, puis noté au dossier social par l'intervenant"}, False),
        ({"modalite": "oralement, puis saisi dans le logiciel de soins"}, False),
        ({"modalite": "accord écrit de la personne, joint au procès-verbal d'admission"}, False),
        ({"modalite": "par écrit ; un accord oral ne suffit pas"}, False),
        ({"modalite": "oralement, sans trace"}, True),
        ({"modalite": "oralement", "tracabilite": "aucune trace écrite"}, True),
    ],
)
def test_a_consent_given_orally_and_recorded_nowhere_is_warned(
    consent: dict[str, str], warned: bool
) -> None:
    data = _flux(0, consentement=consent)(example(CONVENTION))
    found = [p for p in rules_found(check(data)).get("PI-05", []) if p.path.endswith("tracabilite")]
    assert bool(found) is warned
    if warned:
        assert found[0].severity is Severity.AVERTISSEMENT
        assert found[0].path == "partage_information.flux[1].consentement.tracabilite"


@pytest.mark.parametrize(
    "partner",
    [
        # A professional in private practice, without a FINESS number, who works at the
        # CHRS: she may practise in the same establishment.
        {"finess_et": None, "siren": "812345676", "siret": None},
        # The same establishment declared twice (two services of one ESSMS).
        {"finess_et": "690031257"},
    ],
)
def test_a_care_team_in_one_establishment_is_not_refused_without_two_finess(
    partner: dict[str, str | None],
) -> None:
    mutation = changes(**{f"parties__1__{key}": value for key, value in partner.items()})
    data = _flux(0, base_legale="equipe_soins_l1110_4", structure_cooperation="meme_essms")(
        mutation(example(CONVENTION))
    )
    assert "PI-06" not in rules_found(check(data))


def test_a_care_team_within_a_ght_between_public_establishments_is_not_refused() -> None:
    public = changes(parties__0__nature="public", parties__1__nature="public")
    data = _flux(0, base_legale="equipe_soins_l1110_4", structure_cooperation="ght")(
        public(example(CONVENTION))
    )
    assert "PI-06" not in rules_found(check(data))


@pytest.mark.parametrize(
    "seat",
    [
        "Cergy-Pontoise",
        "Châlons-en-Champagne",
        "Orléans",
        "La Réunion",
        "la Guadeloupe",
        "la Polynésie française",
        "Toulouse",
    ],
)
def test_the_seat_of_an_administrative_court_is_accepted_as_written(seat: str) -> None:
    data = changes(litiges__ressort=seat)(example("cada-empp-sante-mentale"))
    assert "JU-04" not in rules_found(check(data))


@pytest.mark.parametrize(
    ("written", "seat"),
    [
        ("Besancon", "Besançon"),
        ("cergy pontoise", "Cergy-Pontoise"),
        ("Tribunal administratif de Châlons-en-Champagne", "Châlons-en-Champagne"),
        ("Réunion", "La Réunion"),
        ("Lyon (Rhône)", "Lyon"),
        ("Paris 75", "Paris"),
        ("Rouen, Seine-Maritime", "Rouen"),
        ("Guadeloupe", "la Guadeloupe"),
        ("Nouméa", "la Nouvelle-Calédonie"),
    ],
)
def test_a_seat_written_otherwise_than_its_name_warns(written: str, seat: str) -> None:
    data = changes(litiges__ressort=written)(example("cada-empp-sante-mentale"))
    found = rules_found(check(data))["JU-04"]
    assert [(p.severity, p.message) for p in found] == [
        (
            Severity.AVERTISSEMENT,
            f"Écrivez « {seat} » : c'est le nom du tribunal administratif, que le document "
            "imprime après « le tribunal administratif de ».",
        )
    ]


def test_a_seat_town_that_names_two_courts_warns() -> None:
    data = changes(litiges__ressort="Saint-Denis")(example("cada-empp-sante-mentale"))
    (found,) = rules_found(check(data))["JU-04"]
    assert found.severity is Severity.AVERTISSEMENT
    assert found.message == (
        "« Saint-Denis » peut désigner deux tribunaux : le tribunal administratif de La "
        "Réunion siège à Saint-Denis, mais Saint-Denis (Seine-Saint-Denis) relève de celui de "
        "Montreuil : écrivez « La Réunion » ou « Montreuil »."
    )


@pytest.mark.parametrize(
    ("ressort", "lieu", "said"),
    [
        ("Paris", None, None),  # one of the parties' courts: Paris, or Montreuil
        ("Montreuil", "Saint-Denis", None),  # a town without its postal code: the parties
        # A town that is no address's: nothing to compare (it compared the parties').
        ("Strasbourg", "Mulhouse", None),
        ("Paris", "Mulhouse", None),
        ("Montpellier", "Sète (34200)", None),
        ("Montreuil", "Sète (34 200)", "le lieu d'exécution indiqué (code de justice "
         "administrative, art. R. 221-3) : l'Hérault relève de celui de Montpellier."),
        ("Saint-Denis", None, None),  # Montreuil is one of the two it may mean
        ("Bastia", "Schiltigheim (67300) et Haguenau (67500)", "le lieu d'exécution indiqué "
         "(code de justice administrative, art. R. 221-3) : le Bas-Rhin relève de celui de "
         "Strasbourg."),
        ("Lyon", "Nanterre (92000)", "le lieu d'exécution indiqué (code de justice "
         "administrative, art. R. 221-3) : les Hauts-de-Seine relèvent de celui de "
         "Cergy-Pontoise."),
    ],
)  # fmt: skip
def test_the_court_is_compared_with_the_place_of_execution(
    ressort: str, lieu: str | None, said: str | None
) -> None:
    """JU-05 (warning): the court named is that of the place of execution when it carries a
    postal code, else of one of the parties' addresses (CJA R. 221-3, R. 312-11)."""
    data = changes(litiges__ressort=ressort, litiges__lieu_execution=lieu)(
        example("cada-empp-sante-mentale")
    )
    found = rules_found(check(data)).get("JU-05", [])
    if said is None:
        assert found == []
        return
    (problem,) = found
    assert problem.severity is Severity.AVERTISSEMENT
    assert said in problem.message


def test_an_ambiguous_seat_far_from_the_parties_is_said_too() -> None:
    """« Saint-Denis » for parties of the Bas-Rhin: neither La Réunion nor Montreuil."""
    data = example("cada-empp-sante-mentale")
    for party in data["parties"]:
        party["adresse"]["code_postal"] = "67300"
    data["litiges"]["ressort"] = "Saint-Denis"
    found = rules_found(check(data))
    assert found["JU-04"] and "« Saint-Denis » peut désigner deux tribunaux" in (
        found["JU-04"][0].message
    )
    (problem,) = found["JU-05"]
    assert problem.message.startswith(
        "Le tribunal administratif de « Saint-Denis » n'a pas dans son ressort les adresses des "
        "parties (code de justice administrative, art. R. 221-3) : le Bas-Rhin relève de celui "
        "de Strasbourg."
    )


@pytest.mark.parametrize(
    ("postal_code", "departement"),
    [
        ("67300", "67"), ("01000", "01"), ("20000", "2A"), ("20290", "2B"), ("97400", "974"),
        ("97133", "977"), ("97150", "978"), ("98800", "988"), ("00100", None), ("6730", None),
        ("96000", None), ("97700", None), ("abcde", None),
    ],
)  # fmt: skip
def test_the_departement_of_a_postal_code(postal_code: str, departement: str | None) -> None:
    from convgen.regles.ressorts import COURT_OF  # noqa: PLC0415
    from convgen.regles.ressorts import departement as of  # noqa: PLC0415

    assert of(postal_code) == departement
    assert departement is None or departement in COURT_OF


def test_a_close_miss_ends_on_its_question() -> None:
    data = changes(litiges__ressort="Marseile")(example("cada-empp-sante-mentale"))
    (found,) = rules_found(check(data))["JU-04"]
    assert found.message.endswith("vouliez-vous dire « Marseille » ?")


def test_every_administrative_court_of_the_code_is_known() -> None:
    """The thirty-one mainland courts and the eleven overseas (CJA, art. R. 221-3)."""
    from convgen.regles.juridiction import SEATS  # noqa: PLC0415

    mainland, overseas = (
        SEATS[: SEATS.index("la Guadeloupe")],
        SEATS[SEATS.index("la Guadeloupe") :],
    )
    assert len(mainland) == 31 and len(overseas) == 11
    assert {"Montreuil", "Melun", "Cergy-Pontoise", "Toulon", "Nîmes"} <= set(mainland)
    assert {"La Réunion", "Mayotte", "Saint-Pierre-et-Miquelon", "la Polynésie française"} <= set(
        overseas
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Elle respecte l'article 9.2 du RGPD.",
        "Elle applique l'article 6 du code civil.",
        "Aux articles 3 et 4 de la loi, les parties se conforment.",
        "L'article 3 de la convention du 12 mars 2020 reste applicable.",
        "Le secret suit l'article 226-13 du code pénal.",
        "Les statuts, en leur article 12, le prévoient.",
        "Le fondement est l'article 6, paragraphe 1, point e) du RGPD.",
        "Elle applique l'article 16 alinéa 2 de la loi du 12 avril 2000.",
        "Elle applique l'article 12, alinéa 2, de la loi du 12 avril 2000.",
        "Elle applique l'article 10, premier alinéa, de la loi n° 2000-321.",
        "Elle applique l'article 4, troisième alinéa, du décret.",
        "Le fondement est l'article 9, 2, h) du RGPD.",
        "Elle applique l'article 10, de la loi du 12 avril 2000, pour la subvention.",
        "Chacune agit selon l'article 12 de ses statuts.",
        "L'article 4 de son règlement intérieur s'applique.",
        "L'article 2 de notre convention de 2022 est repris.",
    ],
)
def test_an_article_of_another_text_is_not_taken_for_one_of_the_document(sentence: str) -> None:
    found = rules_found(check(_append_to_object(sentence)(example(CONVENTION))))
    assert "TX-09" not in found


def test_an_article_of_the_present_convention_named_by_its_number_is_reported() -> None:
    for sentence in (
        "Les modalités sont à l'article 5 de la présente convention.",
        "Comme prévu à l'article 1er ci-dessus.",
        "Les référents sont ceux de l'article 4 de la convention.",
        # The rest of the sentence, after a comma, is not the text the article is of.
        "Par dérogation à l'article 12, le préavis de résiliation est fixé à trois mois.",
        "Par dérogation à l'article 12, les Parties conviennent de se réunir.",
    ):
        found = rules_found(check(_append_to_object(sentence)(example(CONVENTION))))
        assert [p.path for p in found.get("TX-09", [])] == ["objet"], sentence


def _deputy_of_a_commune() -> dict[str, Any]:
    """The example with its second party a commune, whose deputy mayor signs."""
    data = changes(parties__1__forme_juridique="commune", parties__1__nature="public")(
        example(CONVENTION)
    )
    data["parties"][1]["habilitation"] = {"organe_code": "conseil_municipal", "date": "2025-11-20"}
    data["parties"][1]["signataire"] = {
        "civilite": "Madame",
        "prenom": "Anne",
        "nom": "Roche",
        "qualite": "adjointe au maire",
    }
    return data


def test_a_deputy_signing_without_delegation_is_told_once() -> None:
    """An adjoint named as signatory of a commune, without delegation: SG-07 asks for the
    act; SG-01 said it again in other words. A deputy typed as the legal representative
    is still SG-01's to report."""
    data = _deputy_of_a_commune()
    data["parties"][1].pop("delegation", None)
    said = [p for p in check(data).problems if p.path == "parties[2].delegation"]
    assert [p.rule for p in said] == ["SG-07"]
    data["parties"][1]["representant_legal"] = dict(data["parties"][1]["signataire"])
    said = [p for p in check(data).problems if p.path == "parties[2].delegation"]
    assert [p.rule for p in said] == ["SG-01"]  # the same person twice: SG-07 says nothing
    data["parties"][1].pop("signataire")
    said = [p for p in check(data).problems if p.path == "parties[2].delegation"]
    assert [p.rule for p in said] == ["SG-01"]


def test_partners_may_count_the_funders_who_do_not_sign() -> None:
    """Three parties and a funder: « les quatre partenaires » is right, « les cinq » not."""
    data = _append_to_object("Les quatre partenaires se réunissent.")(
        example("cada-empp-sante-mentale")
    )
    assert "TX-08" not in rules_found(check(data))
    data = _append_to_object("Les cinq partenaires se réunissent.")(
        example("cada-empp-sante-mentale")
    )
    assert [p.path for p in rules_found(check(data))["TX-08"]] == ["objet"]


def test_a_delegation_s_act_may_name_its_own_article() -> None:
    data = example(CONVENTION)
    data["parties"][0]["delegation"]["nature"] = (
        "délégation de signature (décision du 15 septembre 2025, article 2)"
    )
    assert "TX-09" not in rules_found(check(data))


@pytest.mark.parametrize(
    "sentence",
    [
        "Elle est conclue à titre gracieux, sans flux financier entre les Parties.",
        "Le partenariat se fait sans flux financier.",
    ],
)
def test_an_agreement_said_free_beside_its_payments_is_reported(sentence: str) -> None:
    data = _append_to_object(sentence)(example("cada-empp-sante-mentale"))
    assert [p.path for p in rules_found(check(data)).get("TX-10", [])] == ["objet"]


def test_an_end_without_notice_of_y_for_the_convention_is_reported() -> None:
    data = _append_to_object("Chacune des Parties pourra y mettre fin sans préavis.")(
        example(CONVENTION)
    )
    assert [p.path for p in rules_found(check(data)).get("TX-06", [])] == ["objet"]
    for other in (
        "La personne accompagnée peut retirer son accord et y mettre fin à tout moment.",
        "Le propriétaire du local peut y mettre fin à tout moment.",
    ):
        data = _append_to_object(other)(example(CONVENTION))
        assert "TX-06" not in rules_found(check(data)), other


@pytest.mark.parametrize(
    "sentence",
    [
        "La mise à disposition du local fait l'objet d'une convention d'occupation ; elle est "
        "conclue à titre gracieux.",
        "Elle est conclue pour trois ans, l'accès des familles restant gratuit.",
    ],
)
def test_another_deed_said_free_is_not_the_agreement(sentence: str) -> None:
    data = _append_to_object(sentence)(example("cada-empp-sante-mentale"))
    assert "TX-10" not in rules_found(check(data))


@pytest.mark.parametrize(
    ("example_name", "sentence"),
    [
        ("cada-empp-sante-mentale", "Le CADA met une salle à disposition à titre gracieux."),
        ("cada-empp-sante-mentale", "Les consultations sont gratuites pour les personnes."),
        ("chrs-csapa-addictions", "La présente convention est conclue à titre gracieux."),
    ],
)
def test_a_free_service_or_a_free_agreement_without_payments_is_not_reported(
    example_name: str, sentence: str
) -> None:
    """A room lent free of charge is not the agreement; an agreement without payments
    may say it is free."""
    data = _append_to_object(sentence)(example(example_name))
    assert "TX-10" not in rules_found(check(data))


def test_a_delegation_is_asked_only_for_what_it_lacks() -> None:
    data = _deputy_of_a_commune()
    data["parties"][1]["delegation"] = {
        "nature": "délégation de signature",
        "date": "2025-11-21",
        "acte": "arrete",
        "portee": "signature",
    }

    def said() -> list[str]:
        return [p.message for p in check(data).problems if p.rule == "SG-07"]

    assert said() == ["Précisez la délégation d’Anne Roche : qui l'a consentie (auteur)."]
    data["parties"][1]["delegation"] |= {"auteur": "le maire", "portee": None}
    assert said() == [
        "Précisez la délégation d’Anne Roche : sa portée, fonctions ou seulement signature "
        "(portee)."
    ]


def test_a_funder_s_act_is_asked_for_once_whatever_its_payments() -> None:
    data = changes(
        dispositions_financieres__financeurs__0__acte=None,
    )(example("cada-empp-sante-mentale"))
    funder = data["dispositions_financieres"]["financeurs"][0]["code"]
    payments = data["dispositions_financieres"]["versements"]
    assert sum(v["payeur"] == funder for v in payments) == 1
    second = dict(next(v for v in payments if v["payeur"] == funder))
    second["montant"] = "1000.00"
    second.pop("echeancier", None)
    second.pop("periodicite", None)
    payments.append(second)
    found = [p.path for p in rules_found(check(data)).get("CP-12", [])]
    assert found == ["dispositions_financieres.financeurs[1]"]


def test_a_group_s_court_is_compared_with_its_seat_too() -> None:
    """JU-05 on a GCSMS: the group's seat is one of its addresses (its members' only
    were read, while the message named « les adresses du groupement »)."""
    data = example("gcsms-mixte-ccas-ehpad")
    data["siege"].update(
        {"voie": "1 place Kléber", "code_postal": "67000", "commune": "Strasbourg"}
    )
    data["litiges"]["ressort"] = "Strasbourg"
    data["litiges"].pop("lieu_execution", None)
    assert "JU-05" not in rules_found(check(data))
    data["litiges"]["ressort"] = "Lyon"
    (problem,) = rules_found(check(data))["JU-05"]
    assert "les adresses du groupement et de ses membres" in problem.message
    assert "le Bas-Rhin relève de celui de Strasbourg" in problem.message


def test_an_orientation_or_a_permanence_may_name_one_party() -> None:
    """An orientation may send persons to a service that does not sign, and a
    permanence is held by one party: CP-18 says nothing of either."""
    data = changes(modalites__0__parties=["chrs"], modalites__1__parties=["csapa"])(
        example(CONVENTION)
    )
    assert "CP-18" not in rules_found(check(data))
    others = changes(instance_suivi__composition=[{"partie": "chrs", "fonctions": "le directeur"}])(
        example(CONVENTION)
    )  # with a representative of the persons: not one party alone
    assert "CP-18" not in rules_found(check(others))
