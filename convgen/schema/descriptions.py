"""French title and help of every input field, for the JSON Schema read by editors.

Keys are field names, shared by every model that uses them; ``Model.field`` keys give
another wording where a name means something else in one model.
"""

from __future__ import annotations

from types import MappingProxyType

DATE_HELP = "format AAAA-MM-JJ, par exemple 2026-03-01"
_CODE = "code d’une organisation déclarée dans ce fichier (champ « code »)"
_TEXT = "un paragraphe par ligne"

FIELDS = MappingProxyType(
    {
        "type": (
            "Type de document",
            "convention_partenariat, charte_reseau ou convention_constitutive_gcsms",
        ),
        "titre": ("Titre", "complète « Convention de partenariat » : « relative à … »"),
        "reference": ("Référence", "référence interne, imprimée en en-tête"),
        "parties": ("Parties", "au moins deux organisations qui signent la convention"),
        "membres": ("Membres", "organisations et professionnels membres"),
        "code": (
            "Code",
            "nom court sans accent ni espace (lettres minuscules, chiffres, _), qui "
            "désigne l’organisation dans les autres réponses (flux, versements, signatures)",
        ),
        "denomination": ("Dénomination", "nom officiel"),
        "sigle": ("Sigle", "facultatif"),
        "appellation": (
            "Appellation",
            "nom employé dans le texte, avec son article (« l’Association », « le CCAS ») ; "
            "à défaut, le sigle ou la dénomination, précédés de l’article de leur premier mot "
            "(« l’Association Les Tilleuls », « le CCAS de Lyon »)",
        ),
        "forme_juridique": (
            "Forme juridique",
            "association, ccas, commune, departement, etablissement_public_sante…",
        ),
        "forme_juridique_precision": (
            "Forme juridique (précision)",
            "obligatoire si forme_juridique vaut autre ; pour une société, sa forme précise, "
            "imprimée à la place de « société » (« société par actions simplifiée »)",
        ),
        "nature": ("Nature", "public, prive_non_lucratif, prive_lucratif ou personne_physique"),
        "siren": ("SIREN", "9 chiffres, entre guillemets"),
        "siret": ("SIRET", "14 chiffres, entre guillemets"),
        "finess_ej": ("FINESS entité juridique", "9 caractères, entre guillemets"),
        "finess_et": (
            "FINESS établissement",
            "9 caractères, entre guillemets ; à renseigner si "
            "l’organisation gère un établissement ou service autorisé",
        ),
        "adresse": ("Adresse", "adresse du siège"),
        "voie": ("Voie", "numéro et nom de la voie"),
        "complement": ("Complément d’adresse", "bâtiment, boîte postale…"),
        "code_postal": ("Code postal", "5 chiffres, entre guillemets"),
        "commune": ("Commune", "commune (et mention CEDEX le cas échéant)"),
        "representant_legal": (
            "Représentant légal",
            "personne qui représente légalement l’organisation",
        ),
        "signataire": ("Signataire", "si une autre personne que le représentant légal signe"),
        "delegation": ("Délégation", "délégation de pouvoir ou de signature du signataire"),
        "habilitation": ("Délibération", "délibération qui autorise la signature"),
        "organe": (
            "Autre organe",
            "si la liste « Organe » ne le contient pas : avec son article, « le comité directeur »",
        ),
        "organe_code": (
            "Organe",
            "organe qui a autorisé la signature : conseil_municipal, conseil_communautaire, "
            "conseil_departemental, commission_permanente, conseil_administration, bureau, "
            "assemblee_generale, conseil_surveillance, directeur (décision), autre",
        ),
        "Deliberation.objet": (
            "Objet",
            "tel que l’intitulé de la délibération le porte : « autorisation de signer la "
            "convention de partenariat avec … », « adhésion au réseau … »",
        ),
        "par_partie": (
            "Signature par partie",
            "si les parties ne signent pas ensemble : la date et le lieu de chaque signature ; "
            "le document est conclu à la dernière",
        ),
        "SignaturePartie.lieu": ("Lieu", "lieu de signature de cette partie"),
        "appreciation_par": (
            "Appréciation portée par",
            "qui juge que l’information des parents serait contraire à l’intérêt de "
            "l’enfant (fonction, service)",
        ),
        "avenant": (
            "Avenant",
            "si cette version résulte d’un avenant : son numéro, la date de l’assemblée "
            "générale qui l’adopte, l’unanimité",
        ),
        "Avenant.numero": ("Numéro", "numéro de l’avenant : 1, 2…"),
        "date_ag": ("Date de l’assemblée générale", DATE_HELP),
        "unanimite": (
            "Unanimité",
            "true si l’avenant est adopté à l’unanimité des membres présents ou représentés "
            "(obligatoire)",
        ),
        "Avenant.objet": ("Objet", "ce que change l’avenant"),
        "version_precedente": (
            "Version précédente",
            "la version que modifie l’avenant : date de signature et droits de chaque membre, "
            "pour comparer les droits",
        ),
        "date_signature": ("Date de signature", DATE_HELP),
        "VersionPrecedente.reference": ("Référence", "référence de la version précédente"),
        "VersionPrecedente.droits": (
            "Droits statutaires",
            "droits de chaque membre dans la version précédente",
        ),
        "DroitsMembre.membre": (
            "Membre",
            "code du membre dans la version précédente (un ancien membre garde son code)",
        ),
        "date": ("Date", DATE_HELP),
        "numero": ("Numéro", "numéro de la délibération, facultatif"),
        "civilite": ("Civilité", "Madame ou Monsieur"),
        "prenom": ("Prénom", ""),
        "nom": ("Nom", ""),
        "qualite": ("Qualité", "fonction : présidente, directeur général…"),
        "fonction": ("Fonction", ""),
        "telephone": ("Téléphone", 'entre guillemets : "0478000000"'),
        "courriel": ("Courriel", "adresse électronique"),
        "date_creation": ("Date de création", DATE_HELP),
        "missions": ("Missions", _TEXT),
        "ConventionGcsms.missions": (
            "Missions",
            "celles de l’article L. 312-7 du CASF que le groupement exerce ; « autre » : "
            "décrivez-la dans « Autre mission »",
        ),
        "mission_autre": (
            "Autre mission",
            "si « autre » est choisie parmi les missions : la mission, à l’infinitif comme "
            "les autres (« organiser des formations communes aux personnels des membres »)",
        ),
        "public_accompagne": ("Public accompagné", _TEXT),
        "effectifs": ("Effectifs", "ETP, salariés, bénévoles, personnes accompagnées"),
        "etp": ("ETP", "équivalents temps plein"),
        "salaries": ("Salariés", "nombre de salariés"),
        "benevoles": ("Bénévoles", "nombre de bénévoles"),
        "personnes_accompagnees": ("Personnes accompagnées", "nombre de personnes accompagnées"),
        "referent": ("Référent", "interlocuteur chargé du suivi, avec un téléphone ou un courriel"),
        "engagements": ("Engagements", "ce que la partie apporte, une ligne par engagement"),
        "attentes": ("Attentes", "ce que la partie attend des autres"),
        "assurance": ("Assurance", "assurance responsabilité civile"),
        "assureur": ("Assureur", ""),
        "numero_contrat": (
            "Numéro de contrat",
            "imprimé comme espace réservé dans un projet s’il manque",
        ),
        "visas": (
            "Visas",
            "textes à viser en plus de ceux que convgen ajoute d’office, sans « Vu »",
        ),
        "preambule": ("Préambule", f"contexte et constats partagés ; {_TEXT}"),
        "objet": ("Objet", _TEXT),
        "objectifs": ("Objectifs", "objectifs, chacun avec ses indicateurs"),
        "libelle": ("Libellé", ""),
        "description": ("Description", _TEXT),
        "indicateurs": ("Indicateurs", "indicateurs de suivi et d’évaluation"),
        "definition": ("Définition", "ce que mesure l’indicateur"),
        "unite": ("Unité", "personnes par an, jours, %…"),
        "source": ("Source", "d’où viennent les données"),
        "frequence_collecte": (
            "Fréquence de collecte",
            "hebdomadaire, bimensuelle (deux fois par "
            "mois), mensuelle, bimestrielle (tous les deux "
            "mois), trimestrielle, semestrielle, annuelle, "
            "ad_hoc",
        ),
        "responsable": ("Responsable", _CODE),
        "valeur_reference": ("Valeur de référence", ""),
        "cible": ("Cible", ""),
        "modalites": (
            "Modalités",
            "modalités de mise en œuvre (orientation, interventions conjointes…)",
        ),
        "intitule": ("Intitulé", ""),
        "partage_information": (
            "Partage d’informations",
            "flux d’informations sous secret "
            "professionnel ; à omettre si aucune "
            "information nominative n’est échangée",
        ),
        "flux": ("Flux", "un flux par échange d’informations (émetteur vers destinataire)"),
        "emetteur": ("Émetteur", _CODE),
        "destinataire": ("Destinataire", _CODE),
        "base_legale": (
            "Base légale",
            "echange_l1110_4, equipe_soins_l1110_4, hors_equipe_l1110_4, "
            "protection_enfance_l226_2_2, information_preoccupante_l226_2_1, "
            "action_sociale_l121_6_2, consentement",
        ),
        "finalites": (
            "Finalités",
            "coordination, continuite_soins, prevention, "
            "suivi_medico_social_social, protection_enfance, action_sociale",
        ),
        "categories_informations": (
            "Catégories d’informations",
            "limitées au strict nécessaire, jamais « toutes informations »",
        ),
        "professionnels_emetteur": (
            "Professionnels émetteurs",
            "catégories de l’article R. 1110-2 CSP",
        ),
        "professionnels_destinataire": (
            "Professionnels destinataires",
            "catégories de l’article R. 1110-2 CSP",
        ),
        "emetteur_soumis_secret": (
            "Émetteur soumis au secret",
            "true ou false ; les professionnels qui transmettent sont tenus au secret "
            "professionnel, par leur profession ou par leur mission",
        ),
        "destinataire_soumis_secret": (
            "Destinataire soumis au secret",
            "true ou false ; aucun flux vers un destinataire non soumis au secret",
        ),
        "structure_cooperation": ("Structure de coopération", "pour un partage en équipe de soins"),
        "donnees_sante": (
            "Données de santé",
            "true si des données de santé circulent : diagnostic, traitement, soins, "
            "handicap, degré de dépendance évalué par la grille AGGIR",
        ),
        "concerne_mineurs": ("Concerne des mineurs", "true ou false"),
        "information_prealable": (
            "Information préalable",
            "la personne est informée avant l’échange ; exigé pour un échange ou un partage "
            "entre professionnels (code de la santé publique, art. L. 1110-4) et pour un "
            "échange fondé sur son consentement",
        ),
        "droit_opposition": (
            "Droit d’opposition",
            "la personne est informée de son droit de s’opposer à l’échange (jamais en "
            "protection de l’enfance ; pour l’action sociale, article L. 121-6-2 du CASF, "
            "seulement si vous répondez « oui »)",
        ),
        "consentement": ("Consentement", "modalité de recueil du consentement préalable"),
        "modalite": ("Modalité", "comment le consentement est recueilli"),
        "tracabilite": ("Traçabilité", "où le consentement est consigné"),
        "information_autorite_parentale": (
            "Information des parents",
            "protection de l’enfance : parents, tuteur et enfant informés au préalable",
        ),
        "motif_absence_information": (
            "Motif d’absence d’information",
            "intérêt de l’enfant qui s’y oppose",
        ),
        "meme_personne_ou_famille": (
            "Même personne ou famille",
            "action sociale : tous les "
            "professionnels interviennent auprès "
            "de la même personne ou famille",
        ),
        "coordonnateur": ("Coordonnateur", "action sociale : coordonnateur désigné"),
        "canal": (
            "Canal",
            "mssante, messagerie_chiffree, dossier_partage, reunion_synthese, "
            "remise_main_propre, telephone, courrier, messagerie_ordinaire",
        ),
        "duree_conservation": (
            "Durée de conservation",
            "durée, unité et point de départ (5 ans à compter de la fin de l’accompagnement), "
            "ou une phrase précise",
        ),
        "point_depart": ("Point de départ", "événement à compter duquel la durée court"),
        "texte": ("Texte", "durée rédigée en une phrase précise, à défaut des champs chiffrés"),
        "phase": (
            "Phase",
            "orientation (le destinataire n’accompagne pas encore la personne) ou "
            "prise_en_charge (il l’accompagne déjà)",
        ),
        "base_art6": (
            "Base RGPD (article 6)",
            "ce qui rend l’échange licite : le plus souvent une obligation légale ou une "
            "mission d’intérêt public ; le consentement ne convient pas quand la personne ne "
            "peut refuser sans conséquence : a consentement, b contrat, c obligation légale, "
            "d intérêts vitaux, e mission d’intérêt public, f intérêts légitimes",
        ),
        "exception_art9": (
            "Exception de l’article 9.2 du RGPD",
            "pour des données de santé, ce qui lève l’interdiction de les traiter : le plus "
            "souvent la prise en charge sanitaire ou sociale par des professionnels tenus au "
            "secret : a consentement explicite, b protection sociale, c intérêts vitaux, "
            "g intérêt public important, h prise en charge sanitaire ou sociale, autre",
        ),
        "intervenants_tiers": (
            "Intervenants tiers",
            "interprètes, prestataires informatiques, hébergeurs, transporteurs qui reçoivent "
            "des informations sur les personnes sans être parties",
        ),
        "outils_partages": (
            "Outils partagés",
            "cahier de liaison, fiche de relais, dossier de coordination : qui le tient, "
            "qui l’utilise, s’il porte sur des personnes identifiées",
        ),
        "gestionnaire": ("Gestionnaire", _CODE),
        "utilisateurs": ("Utilisateurs", "codes des membres qui l’utilisent"),
        "donnees_personnelles": (
            "Données personnelles",
            "true s’il contient des informations sur des personnes identifiées",
        ),
        "mandant": ("Mandant", "code de la partie qui fait appel à ce tiers"),
        "donnees": ("Données reçues", "une ligne par catégorie d’informations"),
        "pour_le_compte_de": (
            "Pour le compte de",
            "sous-traitant : code de la partie pour laquelle il traite les données",
        ),
        "Rgpd.information": (
            "Information des personnes",
            "qui informe les personnes, par quel support et à quel moment",
        ),
        "par": ("Par", "code de la partie qui informe les personnes"),
        "support": ("Support", "livret d’accueil, document remis, affichage…"),
        "moment": ("Moment", "à l’admission, avant le premier échange…"),
        "violation": (
            "Violation de données",
            "délais d’information entre parties (en heures) et contact",
        ),
        "delai_information_heures": (
            "Délai d’information entre parties (heures)",
            "48 au plus conseillé ; moins de 72",
        ),
        "Violation.contact": (
            "Destinataire des alertes",
            "à qui les alertes sont adressées, avec son article : « les délégués à la "
            "protection des données », « la coordinatrice du réseau », ou une adresse",
        ),
        "delai_sous_traitant_heures": (
            "Délai d’alerte du sous-traitant (heures)",
            "moins de 72 : le responsable doit pouvoir notifier la CNIL dans les 72 heures",
        ),
        "aipd_par": ("Analyse d’impact réalisée par", _CODE),
        "motif_absence_aipd": ("Motif d’absence d’analyse d’impact", ""),
        "hebergement": ("Hébergement", "hébergeur des données et certification HDS"),
        "hebergeur": ("Hébergeur", ""),
        "certifie_hds": ("Certifié HDS", "true ou false"),
        "rgpd": ("RGPD", "rôles des parties, accords et délégués à la protection des données"),
        "roles": ("Rôles", "rôle de chaque partie au regard du RGPD"),
        "partie": ("Partie", _CODE),
        "role": ("Rôle", "responsable, responsable_conjoint ou sous_traitant"),
        "MembreReseau.role": (
            "Rôle dans le réseau",
            "ce que le membre y apporte (« orientation des personnes isolées »)",
        ),
        "accord_responsables_conjoints": (
            "Accord de responsables conjoints",
            "accord de l’article 26 du RGPD",
        ),
        "contrat_sous_traitance": ("Contrat de sous-traitance", "contrat de l’article 28 du RGPD"),
        "delegues": ("Délégués à la protection des données", ""),
        "contact": ("Contact", ""),
        "analyse_impact": ("Analyse d’impact", "true si une analyse d’impact a été conduite"),
        "precisions": ("Précisions", _TEXT),
        "instance_suivi": ("Instance de suivi", "comité de suivi : composition, fréquence"),
        "composition": ("Composition", "une ligne par partie représentée"),
        "fonctions": ("Fonctions", "qui représente la partie"),
        "autres_membres": ("Autres membres", ""),
        "frequence": (
            "Fréquence",
            "hebdomadaire, bimensuelle (deux fois par mois), mensuelle, "
            "bimestrielle (tous les deux mois), trimestrielle, semestrielle, "
            "annuelle, ad_hoc",
        ),
        "convocation": ("Convocation", _CODE),
        "compte_rendu": ("Compte rendu", _CODE),
        "evaluation": ("Évaluation", "périodicité, niveaux, indicateurs"),
        "periodicite": ("Périodicité", "annuelle, semestrielle…"),
        "niveaux": ("Niveaux", "résultats et fonctionnement"),
        "indicateurs_fonctionnement": (
            "Indicateurs de fonctionnement",
            "pour le fonctionnement du partenariat",
        ),
        "questions_evaluatives": ("Questions évaluatives", ""),
        "participation_personnes": ("Participation des personnes", _TEXT),
        "bilan_final": ("Bilan final", "bilan avant l’échéance ou le renouvellement"),
        "dispositions_financieres": (
            "Dispositions financières",
            "sans versement, la convention est conclue à titre gracieux",
        ),
        "versements": ("Versements", ""),
        "payeur": ("Payeur", _CODE),
        "beneficiaire": ("Bénéficiaire", _CODE),
        "montant": ("Montant", "en euros, par exemple 12 500,50"),
        "echeancier": (
            "Échéancier",
            "échéances de toute la durée : leur somme égale le montant, ou, pour un montant "
            "dû à chaque période, ce montant multiplié par le nombre de périodes (un montant "
            "récurrent peut ne donner que sa première échéance)",
        ),
        "justificatifs": (
            "Justificatifs",
            "en phrases complètes, imprimées telles quelles : qui transmet quoi, à qui et "
            "quand (« Le CCAS transmet au Département un relevé trimestriel des "
            "transports réalisés, au plus tard le 15 du mois suivant. ») ; " + _TEXT,
        ),
        "valorisation": ("Valorisation", "contributions en nature ; " + _TEXT),
        "communication": ("Communication", _TEXT),
        "duree": ("Durée", ""),
        "date_effet": ("Date d’effet", DATE_HELP),
        "duree_mois": ("Durée en mois", "ou date_fin"),
        "date_fin": ("Date de fin", DATE_HELP),
        "reconduction": ("Reconduction", "aucune, expresse ou tacite"),
        "nombre_reconductions": ("Nombre de reconductions", ""),
        "duree_reconduction_mois": ("Durée de chaque reconduction (mois)", ""),
        "preavis_non_reconduction_jours": ("Préavis de non-reconduction (jours)", ""),
        "resiliation": ("Résiliation", "préavis et forme"),
        "preavis_jours": ("Préavis (jours)", ""),
        "forme": (
            "Forme",
            "lettre_recommandee_ar, remise_contre_recepisse, courrier_electronique_recommande",
        ),
        "delai_mise_en_demeure_jours": ("Délai de mise en demeure (jours)", ""),
        "litiges": ("Litiges", "règlement amiable et juridiction"),
        "reglement_amiable": ("Règlement amiable", "true ou false"),
        "delai_amiable_jours": ("Délai amiable (jours)", ""),
        "juridiction": ("Juridiction", "tribunal_judiciaire ou tribunal_administratif"),
        "ressort": (
            "Siège du tribunal administratif",
            "ville où il siège : « Lyon », « Besançon » (pour un tribunal administratif "
            "seulement : un tribunal judiciaire n’est jamais nommé)",
        ),
        "lieu_execution": (
            "Lieu d’exécution",
            "commune où la coopération s’exécute : elle désigne le tribunal administratif",
        ),
        "motif_juridiction": (
            "Motif du choix de juridiction (obsolète)",
            "n'est plus imprimé : la juridiction ne se choisit pas ; utilisez "
            "qualification_contrat et motif_qualification",
        ),
        "qualification_contrat": (
            "Qualification du contrat",
            "administratif, prive ou a_determiner : parties publiques et privées, "
            "qualification retenue après vérification (elle décide de l'ordre de juridiction)",
        ),
        "motif_qualification": (
            "Motif de la qualification",
            "ex. « exécution même du service public », « clause exorbitante » ; non imprimé, "
            "lu par le relecteur",
        ),
        "signature": ("Signature", "lieu, date, nombre d’originaux"),
        "lieu": ("Lieu", "ville où le document est signé"),
        "nombre_originaux": ("Nombre d’originaux", "au moins un par signataire"),
        "electronique": (
            "Signature électronique",
            "true si le document est signé électroniquement",
        ),
        "depositaire": ("Dépositaire", "tiers à qui l’original unique est confié"),
        "signataires": ("Signataires", "codes des membres qui signent ; par défaut tous"),
        "comite_pilotage": ("Comité de pilotage", ""),
        "nom_reseau": ("Nom du réseau", ""),
        "type_reseau": (
            "Type de réseau",
            "social, medico_social, sante (réseau de santé) ou mixte",
        ),
        "genese": ("Genèse", _TEXT),
        "valeurs": ("Valeurs", _TEXT),
        "principes": ("Principes", "par défaut, les cinq principes du partenariat"),
        "principe": (
            "Principe",
            "interet_mutuel, egalite, autonomie, cooperation, evolution, autre",
        ),
        "champ": ("Champ", "domaine, territoire, publics"),
        "domaine": ("Domaine", _TEXT),
        "territoire": ("Territoire", "description, départements, communes"),
        "departements": ("Départements", ""),
        "communes": ("Communes", ""),
        "publics": ("Publics", ""),
        "autres_reseaux": ("Autres réseaux", _TEXT),
        "adhesion": ("Adhésion", ""),
        "procedure": ("Procédure", _TEXT),
        "instance_decision": ("Instance de décision", "« le comité de pilotage »…"),
        "retrait": ("Retrait", ""),
        "exclusion": ("Exclusion", ""),
        "CharteReseau.exclusion": (
            "Exclusion",
            "les motifs et la procédure, en phrases que la charte imprime telles quelles "
            "(« Le comité de pilotage peut exclure un membre qui ne respecte pas la présente "
            "charte, après l’avoir entendu. ») ; un paragraphe par ligne",
        ),
        "gouvernance": ("Gouvernance", "comité de pilotage, coordination, animation"),
        "coordination": ("Coordination", _CODE),
        "missions_coordination": ("Missions de la coordination", _TEXT),
        "animation": ("Animation", _TEXT),
        "secretariat": (
            "Secrétariat",
            "qui l’assure, avec son article : « l’ADMR du Plateau » (la charte écrit « le "
            "secrétariat du réseau est assuré par l’ADMR du Plateau »)",
        ),
        "engagements_membres": ("Engagements des membres", "une ligne par engagement"),
        "usagers": ("Usagers", "information, libre choix, représentation"),
        "information": ("Information", _TEXT),
        "libre_choix": ("Libre choix", "la personne peut accepter le réseau ou s’en retirer"),
        "representation": ("Représentation", _TEXT),
        "document_information": (
            "Document d’information",
            "true si un document d’information est remis",
        ),
        "financement": (
            "Financement",
            "financements directs, moyens mis à disposition, cotisation",
        ),
        "directs": ("Financements directs", ""),
        "financeur": ("Financeur", ""),
        "indirects": ("Financements indirects", "moyens mis à disposition"),
        "cotisation": ("Cotisation", "montant en euros"),
        "cotisation_periodicite": ("Périodicité de la cotisation", ""),
        "cotisation_beneficiaire": (
            "Bénéficiaire de la cotisation",
            "code du membre qui perçoit les cotisations (structure porteuse) : le réseau, "
            "sans personnalité morale, ne perçoit pas de fonds",
        ),
        "communication_externe": ("Communication externe", _TEXT),
        "rapport_activite_annuel": ("Rapport d’activité annuel", "true ou false"),
        "date_limite_rapport": ("Date limite du rapport", "« 31 mars »"),
        "reseau_sante": (
            "Réseau de santé",
            "convention constitutive, document d’information, évaluation",
        ),
        "convention_constitutive": (
            "Convention constitutive",
            "référence de la convention constitutive du réseau",
        ),
        "demarche_evaluation": ("Démarche d’évaluation", "true ou false"),
        "mention": ("Mention", "sociale ou medico_sociale (article R. 312-194-17 CASF)"),
        "repartition_taches": ("Répartition des tâches", _TEXT),
        "siege": ("Siège", ""),
        "nature_juridique": ("Nature juridique", "droit_public ou droit_prive"),
        "motif_nature_juridique": ("Motif de la nature juridique", ""),
        "droits_pct": ("Droits statutaires (%)", "les droits de tous les membres totalisent 100"),
        "contribution_charges_pct": ("Participation aux charges (%)", "totalise 100"),
        "apport": ("Apport", "apport au capital"),
        "representant_ag": (
            "Représentant à l’assemblée générale",
            "par défaut le représentant légal",
        ),
        "duree_annees": ("Durée en années", ""),
        "capital": ("Capital", ""),
        "avec_capital": ("Avec capital", "true ou false"),
        "sans_cout_fonctionnement": (
            "Sans coût de fonctionnement",
            "true si le groupement ne coûte rien",
        ),
        "droits": ("Droits statutaires", "règle de détermination"),
        "regle": ("Règle", "proportionnels_apports, proportionnels_charges ou conventionnelle"),
        "charges": ("Charges", "participation aux charges"),
        "regles": ("Règles", _TEXT),
        "revision_annuelle": ("Révision annuelle", "true ou false"),
        "assemblee_generale": ("Assemblée générale", ""),
        "reunions_par_an": ("Réunions par an", "au moins une"),
        "seuil_demande_pct": (
            "Seuil de demande (%)",
            "part des membres qui peut exiger une réunion ; 33.33 au plus",
        ),
        "delai_convocation_jours": ("Délai de convocation (jours)", "15 par défaut"),
        "delai_urgence_heures": ("Délai en urgence (heures)", "48 par défaut"),
        "president": ("Président", "par défaut l’administrateur"),
        "quorum_pct_droits": ("Quorum (% des droits)", "au moins 50"),
        "unanimite_modification": ("Unanimité pour modifier", "toujours true"),
        "unanimite_admission": ("Unanimité pour admettre", "toujours true"),
        "majorite_autres_decisions": ("Majorité des autres décisions", ""),
        "procuration": ("Procuration", ""),
        "autorisee": (
            "Autorisée",
            "par défaut oui, comme le prévoit l’article R. 312-194-20 CASF : admise dès que "
            "le groupement compte plus de deux membres",
        ),
        "mandats_max": ("Mandats au plus", "un seul"),
        "competences": ("Compétences", "par défaut celles de l’article R. 312-194-21 CASF"),
        "delegations_administrateur": ("Délégations à l’administrateur", ""),
        "administrateur": ("Administrateur", "le premier administrateur du groupement"),
        "membre_represente": ("Membre représenté", _CODE),
        "duree_mandat_ans": ("Durée du mandat (ans)", "3"),
        "renouvelable": ("Renouvelable", "true"),
        "revocable": ("Révocable", "true"),
        "gratuit": ("Gratuit", "true"),
        "indemnites_mission": ("Indemnités de mission", "true ou false"),
        "suppleant": ("Suppléant", ""),
        "comptabilite": ("Comptabilité", "publique ou privee"),
        "regime_budgetaire": (
            "Régime budgétaire",
            "r314_80 ou r314_101 (mission d’ESSMS, droit privé)",
        ),
        "commissaire_aux_comptes": ("Commissaire aux comptes", ""),
        "budgets_annexes": ("Budgets annexes", ""),
        "personnels": ("Personnels", ""),
        "conditions_intervention": ("Conditions d’intervention", _TEXT),
        "mise_a_disposition": ("Mise à disposition", _TEXT),
        "recrutement_propre": ("Recrutement propre", "true ou false"),
        "regime": ("Régime", "public ou prive"),
        "biens_mis_a_disposition": ("Biens mis à disposition", ""),
        "membre": ("Membre", _CODE),
        "autorisations": ("Autorisations", ""),
        "autorite": ("Autorité", ""),
        "titulaire": ("Titulaire", _CODE),
        "protocole": ("Protocole", _TEXT),
        "motifs": ("Motifs", ""),
        "audition": ("Audition", _TEXT),
        "dissolution": ("Dissolution", "causes et dévolution des biens"),
        "causes": (
            "Causes",
            "autres causes de dissolution de plein droit : le terme, la réduction à un seul "
            "membre et la décision de l’assemblée générale sont déjà prévus",
        ),
        "devolution": (
            "Dévolution",
            f"{_TEXT}, imprimé après « Après paiement du passif, les biens du groupement "
            "sont dévolus comme suit : »",
        ),
        "publication": ("Publication", "autorité destinataire de la déclaration"),
        "autorite_precision": ("Autorité (précision)", ""),
        "nature_acte": ("Nature de l’acte", "declaration ou approbation (avant 2019)"),
        "date_reception_declaration": ("Date de réception de la déclaration", DATE_HELP),
        "reglement_interieur": ("Règlement intérieur", "true ou false"),
        "consequences_financieres": ("Conséquences financières", _TEXT),
        "preavis_mois": ("Préavis (mois)", "au moins 6"),
        "Membre.categorie": (
            "Catégorie",
            "essms, gestionnaire, etablissement_sante, professionnel, concourant",
        ),
        "MembreReseau.categorie": ("Catégorie", "fondateur, adherent ou associe"),
        "Retrait.modalites": (
            "Modalités du retrait",
            "comment un membre quitte le réseau (à qui il l’écrit, ce qu’il restitue) ; "
            "sans réponse, la charte prévoit qu’il notifie son retrait par écrit à la "
            "coordination du réseau",
        ),
        "EvaluationReseau.modalites": (
            "Modalités de l’évaluation",
            "qui évalue le réseau, comment et avec qui (membres, personnes accompagnées)",
        ),
        "Resiliation.preavis_mois": (
            "Préavis (mois)",
            "à la place du préavis en jours : « trois mois » n’est pas « 90 jours »",
        ),
        "preavis_non_reconduction_mois": (
            "Préavis de non-reconduction (mois)",
            "à la place du préavis en jours",
        ),
        "financeurs": (
            "Financeurs",
            "organismes qui financent le partenariat sans signer la convention",
        ),
        "acte": ("Acte", "décision du financeur (délibération, arrêté, convention de financement)"),
        "nominative": (
            "Nominative",
            "true si l’activité porte sur des personnes identifiées ; false si elle est anonymisée",
        ),
        "Modalite.parties": ("Parties", "codes des parties qui y participent"),
        "Modalite.frequence": (
            "Fréquence",
            "rythme d’une activité régulière (permanence) : hebdomadaire, mensuelle…",
        ),
        "Versement.objet": (
            "Objet",
            "ce que finance le versement, imprimé après « au titre de » : « la participation "
            "au poste de coordinateur »",
        ),
        "Versement.periodicite": (
            "Périodicité",
            "montant récurrent, dû pour chaque période : annuelle, semestrielle, trimestrielle "
            "ou mensuelle",
        ),
        "premiere_echeance": (
            "Première échéance",
            "montant récurrent, au lieu de l’échéancier : date du premier versement ; les "
            "suivants tombent le même jour de chaque période, tant que la convention court ("
            + DATE_HELP
            + ")",
        ),
        "date_transmission": (
            "Date de transmission au préfet",
            "délibération d’une commune, d’un département ou d’un CCAS : elle doit être "
            "exécutoire avant la signature (" + DATE_HELP + ")",
        ),
        "date_publication": (
            "Date de publication",
            "publication ou notification de la délibération, avant la signature ("
            + DATE_HELP
            + ")",
        ),
        "agent_comptable": (
            "Agent comptable",
            "groupement de droit public : nommé par arrêté, jamais par la convention",
        ),
        "mode_nomination": ("Mode de nomination", "arrete ou convention"),
        "AgentComptable.nom": ("Nom", "à omettre : la convention ne le désigne pas"),
        "version_projet": (
            "Version du projet",
            "GCSMS : version du projet de convention sur laquelle le membre a délibéré ; "
            "tous les membres délibèrent sur la même",
        ),
        "motif_retroactivite": (
            "Motif de la rétroactivité",
            "si le document prend effet avant sa signature : pourquoi",
        ),
        "Delegation.acte": ("Acte", "arrete, decision, pouvoir ou deliberation"),
        "auteur": ("Auteur", "qui a consenti la délégation (le maire, la présidente…)"),
        "portee": (
            "Portée",
            "fonctions (le pouvoir est transféré) ou signature (seule la signature l’est)",
        ),
        "Delegation.reference": ("Référence", "numéro de l’acte"),
        "qualite_code": (
            "Qualité dans la liste",
            "maire, adjoint_delegue, conseiller_delegue, president_conseil_departemental, "
            "vice_president_delegue, president_ca, vice_president_ca, directeur, "
            "delegataire_directeur, administrateur, president, directeur_general, "
            "directeur_general_delegue, gerant ou autre : lu par les contrôles des signataires "
            "quand la qualité rédigée est ambiguë",
        ),
        "statuts_article": (
            "Article des statuts",
            "article qui donne au signataire le pouvoir de représenter l’organisme (12)",
        ),
        "mode_designation": (
            "Mode de désignation",
            "election_ag (élu par l’assemblée générale, seul mode prévu), designation_membre "
            "ou autre",
        ),
        "exercice": ("Exercice", "exercice budgétaire et comptable du groupement"),
        "debut_mois": ("Premier mois de l’exercice", "1 pour un exercice civil (janvier)"),
        "date_demande": ("Date de la demande", DATE_HELP),
        "condition_suspensive": (
            "Condition suspensive",
            "true si l’autorisation n’est pas encore délivrée : la mission attend sa délivrance",
        ),
        "debut_exploitation": ("Début de l’exploitation", DATE_HELP),
        "accord_expres": (
            "Accord exprès",
            "true si l’autorité a expressément accepté l’exploitation avant deux mois",
        ),
        "autorites_informees": (
            "Autres autorités informées",
            "dg_ars, prefet_departement, president_conseil_departemental ou autre : autorités "
            "compétentes auxquelles la convention et ses avenants sont aussi transmis",
        ),
        "IntervenantTiers.code": (
            "Code",
            "nom court sans accent ni espace, qui désigne ce tiers dans les flux et les rôles",
        ),
        "IntervenantTiers.nature": (
            "Nature",
            "interprete, prestataire_si, hebergeur, transporteur ou autre",
        ),
        "DureeConservation.unite": ("Unité", "jours, mois ou ans"),
        "DureeConservation.duree": ("Durée", "nombre de jours, de mois ou d’années"),
        "RoleTraitement.partie": (
            "Partie",
            "code d’une partie, d’un intervenant tiers ou « groupement » (le groupement lui-même)",
        ),
        "Apport.nature": ("Nature de l’apport", "numeraire ou nature"),
        "DureeGroupement.type": ("Type de durée", "determinee ou indeterminee"),
        "Modalite.type": (
            "Type",
            "orientation_simple, orientation_accompagnee, "
            "intervention_conjointe, reunion_synthese, formation_croisee, "
            "mise_a_disposition_locaux, mise_a_disposition_personnel, "
            "permanence, autre",
        ),
    }
)

# What one element of a list of groups is called, and whether the noun is feminine:
# « Ajouter une partie », « Partie n° 2 », « Retirer l’objectif n° 1 ». Keys as in FIELDS.
ITEMS = MappingProxyType(
    {
        "parties": ("partie", True),
        "membres": ("membre", False),
        "objectifs": ("objectif", False),
        "modalites": ("modalité", True),
        "flux": ("flux", False),
        "intervenants_tiers": ("intervenant tiers", False),
        "roles": ("rôle", False),
        "delegues": ("délégué à la protection des données", False),
        "composition": ("membre de l’instance", False),
        "indicateurs_fonctionnement": ("indicateur de fonctionnement", False),
        "financeurs": ("financeur", False),
        "versements": ("versement", False),
        "echeancier": ("échéance", True),
        "par_partie": ("date de signature d’une partie", True),
        "principes": ("principe", False),
        "outils_partages": ("outil partagé", False),
        "directs": ("financement direct", False),
        "indicateurs": ("indicateur", False),
        "biens_mis_a_disposition": ("bien mis à disposition", False),
        "autorisations": ("autorisation", True),
        "droits": ("droit statutaire", False),
    }
)
