"""What each rule protects and what to do, in plain French, for the rule catalogue.

Kept apart from the checks so that a lawyer can read and correct them in one place.
A rule may instead carry its own ``explanation`` where it is declared (regles.base);
tests/test_catalogue.py requires exactly one of the two for every registered rule.
"""

from __future__ import annotations

from types import MappingProxyType

EXPLANATIONS = MappingProxyType(
    {
        # Cohérence du fichier
        "CO-01": "Chaque organisation reçoit un code court (par exemple « relais ») qui sert "
        "à la citer ailleurs dans le fichier. Deux organisations ne peuvent pas porter le "
        "même code : on ne saurait plus laquelle signe, paie ou reçoit des informations.",
        "CO-02": "Un code cité dans un flux, un versement, un engagement ou un rôle doit "
        "désigner une organisation déclarée dans le fichier. Sinon la clause imprimerait un "
        "nom que personne n'a défini.",
        "CO-03": "La somme des échéances d'un versement doit être égale à son montant, et "
        "celui qui paie ne peut pas être celui qui reçoit. Corrigez l'échéancier ou le "
        "montant pour que le document dise un seul chiffre. Un montant récurrent peut ne "
        "donner que sa première échéance, les suivantes tombant le même jour de chaque "
        "période : elle remplace alors l'échéancier, sans s'y ajouter, et vient assez tôt "
        "pour que chaque période ait son échéance dans la durée de la convention.",
        # Convention de partenariat
        "CP-01": "Une convention engage au moins deux organisations distinctes ; pour les "
        "établissements et services sociaux et médico-sociaux, c'est la forme de coopération "
        "prévue par le code de l'action sociale et des familles. Déclarez chaque partie.",
        "CP-02": "L'objet dit en une phrase ce que les parties organisent ensemble. Sans lui, "
        "le juge comme les équipes ne savent pas à quoi la convention s'applique.",
        "CP-03": "Un partenariat s'évalue sur des objectifs. Chaque objectif doit avoir au "
        "moins un indicateur pour que l'évaluation prévue par la convention soit possible.",
        "CP-04": "Chaque partie prend au moins un engagement : une partie sans engagement "
        "n'a pas de raison d'être signataire.",
        "CP-05": "Un référent par partie (nom, fonction, moyen de contact) fait vivre la "
        "convention au quotidien et sait qui appeler en cas de difficulté.",
        "CP-06": "L'instance de suivi réunit les parties au moins une fois par an pour faire "
        "le point ; indiquez sa composition et sa fréquence.",
        "CP-07": "L'évaluation doit pouvoir avoir lieu pendant la durée de la convention : "
        "une évaluation annuelle d'une convention de six mois n'aurait jamais lieu.",
        "CP-08": "La bonne pratique est d'évaluer à la fois les résultats pour les personnes "
        "accompagnées et le fonctionnement du partenariat lui-même.",
        "CP-09": "La date de fin doit venir après la date d'effet ; sinon la convention "
        "n'aurait aucune durée.",
        "CP-10": "Une reconduction doit dire pour quelle durée, combien de fois et avec "
        "quel préavis une partie peut s'y opposer. Sans ces trois éléments, chacun "
        "ignore jusqu'à quand il est engagé.",
        "CP-11": "La résiliation doit préciser le préavis et la forme de la notification "
        "(lettre recommandée avec accusé de réception, par exemple).",
        "CP-12": "Un versement entre parties précise son montant, son échéancier (pour un "
        "montant récurrent, sa première échéance suffit) et les justificatifs attendus, pour "
        "pouvoir être contrôlé.",
        "CP-14": "Chaque partie reste responsable de ses activités ; la convention rappelle "
        "que chacune est assurée en responsabilité civile et peut en justifier.",
        "CP-15": "Dès que des informations sur des personnes identifiées circulent entre "
        "les parties, la convention doit organiser ce partage : qui transmet quoi, à qui, "
        "pourquoi et sur quelle base légale. Le secret professionnel l'exige.",
        "CP-16": "Quand un établissement ou service social ou médico-social est partie, la "
        "convention vise la loi du 2 janvier 2002 et l'article L. 312-7 du code de "
        "l'action sociale et des familles. convgen les ajoute d'office.",
        "CP-17": "Une subvention d'une personne publique à un organisme privé au-delà de "
        "23 000 € par an exige une convention qui en définit l'objet, le montant et les "
        "conditions d'utilisation.",
        "CP-18": "Une réunion de synthèse, une intervention conjointe ou une formation "
        "croisée se tient entre partenaires, comme l'instance qui suit la convention : "
        "réduite à une seule partie, la clause décrit une activité que personne d'autre ne "
        "partage. Ajoutez les autres participants. Une orientation, qui peut adresser les "
        "personnes à un service qui ne signe pas, n'est pas concernée.",
        "CR-10": "La charte d'un réseau de santé énonce ses principes éthiques.",
        "CR-12": "Une charte d'adhésion libre n'engage pas financièrement ses membres au-delà "
        "d'une cotisation modeste, perçue par une structure porteuse : le réseau, sans "
        "personnalité morale, ne perçoit pas de fonds.",
        "CR-11": "Un outil que les membres partagent sur des personnes (cahier de liaison, "
        "fiche de relais) est déclaré avec celui qui le tient et ceux qui y accèdent, qui "
        "figurent dans un flux d'informations et ont un rôle au regard du RGPD.",
        "DT-02": "Une convention qui prend effet avant sa signature est rétroactive : la "
        "rétroactivité doit être voulue et motivée, sinon décalez la date d'effet.",
        "DT-04": "Chaque échéance d'un versement, ou la première d'un montant récurrent, "
        "tombe pendant la durée de la convention.",
        "DT-05": "Un groupement ne peut être autorisé avant d'exister : l'autorisation est "
        "datée au plus tôt de la réception de sa déclaration, ou présentée comme condition "
        "suspensive ; l'exploitation de l'autorisation d'un membre commence deux mois après "
        "la demande, sauf accord exprès de l'autorité.",
        "DT-06": "La durée d'un GCSMS court à compter de l'acquisition de sa personnalité "
        "morale, non d'une date choisie avant elle.",
        "TX-02": "Un quorum ou une majorité écrits en texte libre doivent respecter le code "
        "et les valeurs déclarées dans les champs prévus.",
        "TX-04": "Un montant, une date ou une durée écrits en texte libre échappent aux "
        "contrôles : utilisez le champ prévu.",
        "TX-05": "Une référence juridique écrite en texte libre n'est pas vérifiée par "
        "convgen : faites-la relire.",
        "TX-07": "Un échange d'informations sur les personnes écrit comme un engagement "
        "(« transmettre toutes informations utiles ») échappe aux contrôles de la clause de "
        "partage : fondement légal, informations strictement nécessaires, professionnels "
        "soumis au secret, information des personnes. Déclaré comme flux, il est vérifié et "
        "imprimé avec ses garanties.",
        "TX-06": "La résiliation (préavis, forme) et la juridiction compétente sont "
        "imprimées d'après les réponses, chacune dans son article : récrites dans un texte "
        "libre (« à tout moment », « le tribunal de … sera seul compétent »), elles le "
        "contrediraient ou le doubleraient, et le juge devrait choisir entre les deux. Le "
        "tribunal de grande instance et le tribunal d'instance ont fusionné dans le "
        "tribunal judiciaire le 1er janvier 2020.",
        "TX-10": "Une convention qui prévoit des versements n'est pas conclue « à titre "
        "gracieux » ni « sans flux financier » : écrite dans un texte libre, la phrase "
        "contredit l'article sur les dispositions financières. Un bien ou un service mis à "
        "disposition gratuitement (« un local mis à disposition à titre gracieux ») n'est "
        "pas signalé.",
        "TX-09": "convgen numérote les articles d'après les clauses présentes : un article "
        "s'ajoute (une clause de communication, de financement) et les suivants changent de "
        "numéro. Un renvoi écrit en chiffres dans un texte libre (« par dérogation à "
        "l'article 13 ») ne suit pas et désigne alors un autre article. Nommez l'article "
        "par ce qu'il règle (« l'article sur la résiliation »). Un article d'un autre texte "
        "(« l'article 6 du code civil », « des statuts ») n'est pas signalé.",
        "TX-08": "Un texte repris d'une version précédente (un avenant qui admet un membre, "
        "une convention étendue à une troisième partie) garde souvent l'ancien nombre : "
        "« les deux Parties », « deux de ses trois membres ». convgen compare chaque nombre "
        "de parties ou de membres écrit avec l'article (« les », « ses », « des ») au nombre "
        "déclaré ; un nombre qui ne désigne qu'une partie d'entre eux (« les deux membres "
        "fondateurs », « du bureau », « concernées ») n'est pas comparé.",
        # Charte de réseau
        "CR-01": "Les cinq principes du partenariat que la charte imprime (intérêt mutuel, "
        "égalité, autonomie, coopération, évolution) viennent d'un guide de pratique : "
        "l'absence de l'un d'eux est signalée, elle ne bloque pas.",
        "CR-02": "Une charte dit sur quel territoire le réseau agit ; pour un réseau de "
        "santé, c'est une mention attendue par le code de la santé publique.",
        "CR-03": "Un réseau suppose au moins deux membres ; la charte explique comment on "
        "y adhère et comment on s'en retire (sans modalités saisies, elle dit que chaque "
        "membre peut se retirer à tout moment, par écrit à la coordination).",
        "CR-13": "Un membre n'est exclu du réseau qu'après avoir été invité à présenter ses "
        "observations : la charte dit qui l'invite et dans quel délai, avant la décision. "
        "C'est une pratique, reprise par analogie de la règle que le code fixe pour les "
        "membres d'un GCSMS.",
        "CR-04": "La charte désigne le comité de pilotage (composition, fréquence de "
        "réunion) et la coordination du réseau.",
        "CR-05": "Chaque membre s'engage sur des points précis ; une charte sans "
        "engagements n'est qu'une déclaration d'intention.",
        "CR-06": "Les personnes accompagnées sont informées du réseau et restent libres "
        "d'y participer ou de s'en retirer ; c'est une exigence pour les réseaux de santé.",
        "CR-07": "Un réseau de santé a une convention constitutive, un document "
        "d'information des personnes et une évaluation : la charte y renvoie.",
        "CR-08": "Un réseau de santé établit un rapport d'activité annuel, à transmettre "
        "avant le 31 mars de l'année suivante.",
        "CR-09": "La charte est signée par les membres ou, pour eux, par le comité de "
        "pilotage ; indiquez qui signe.",
        # Dates
        "DT-01": "Un acte signé sans pouvoir n'engage pas l'organisation. La délibération "
        "qui autorise la signature et la délégation du signataire doivent exister avant "
        "la signature ; pour une collectivité, la délibération doit être exécutoire "
        "(transmise au préfet).",
        "DT-07": "Une convention reconduite tacitement sans durée de reconduction devient "
        "à durée indéterminée (code civil, art. 1214 et 1215). Indiquez la durée de chaque "
        "reconduction et, de préférence, leur nombre maximal.",
        # Évaluation
        "EV-01": "La fréquence d'une réunion ou d'une évaluation se choisit dans une liste "
        "(hebdomadaire, mensuelle… annuelle, ou ponctuelle) pour pouvoir être calculée.",
        "EV-02": "Un indicateur utilisable dit ce qu'il mesure, dans quelle unité, à partir "
        "de quelle source, à quelle fréquence et qui le renseigne.",
        "EV-03": "Au moins une évaluation doit avoir lieu avant l'échéance de la convention, "
        "pour décider en connaissance de cause de la suite.",
        # GCSMS
        "GC-01": "Un groupement de coopération sociale ou médico-sociale réunit au moins "
        "deux membres.",
        "GC-02": "Seules certaines personnes peuvent être membres d'un GCSMS : gestionnaires "
        "d'établissements et services sociaux ou médico-sociaux, établissements de santé, "
        "professionnels et organismes énumérés par le code.",
        "GC-03": "Un membre doit avoir la personnalité juridique (ou être une personne "
        "physique) : un établissement sans personnalité morale est représenté par son "
        "gestionnaire.",
        "GC-04": "La convention constitutive doit contenir les mentions que le code exige : "
        "objet, répartition des tâches, dénomination, siège, membres et durée (avec son "
        "nombre d'années si elle est déterminée).",
        "GC-05": "La nature juridique du groupement (droit public ou droit privé) est "
        "indiquée et cohérente avec la composition de ses membres.",
        "GC-06": "Le régime comptable découle de la nature juridique : comptabilité publique "
        "pour un groupement de droit public, comptabilité privée sinon.",
        "GC-07": "Un groupement de droit privé qui exploite des établissements (mission b) "
        "suit le régime budgétaire fixé par le code (articles R. 314-80 ou R. 314-101).",
        "GC-08": "Le capital, s'il existe, est formé d'apports égaux à son montant ; ni "
        "apport en industrie ni titres négociables.",
        "GC-09": "Chaque membre a une part des droits statutaires, et leur total fait 100 %.",
        "GC-10": "Les droits des membres sont proportionnels à leurs apports ou à leur "
        "participation aux charges.",
        "GC-11": "La convention fixe la contribution de chaque membre aux charges (total "
        "100 %) et sa révision annuelle.",
        "GC-12": "Les membres sont tenus des dettes du groupement à proportion de leurs "
        "droits ; le modèle l'écrit toujours.",
        "GC-13": "L'objet du groupement doit relever des missions qu'un GCSMS peut exercer "
        "(article L. 312-7, 3°).",
        "GC-14": "Un groupement qui exerce des missions d'établissement ou de service doit "
        "citer l'autorisation correspondante et annexer le protocole prévu.",
        "GC-15": "L'assemblée générale réunit tous les membres ; le modèle l'écrit toujours.",
        "GC-16": "L'assemblée générale se réunit au moins une fois par an.",
        "GC-17": "L'assemblée se réunit de droit à la demande d'un tiers au plus des "
        "membres : la convention ne peut exiger davantage.",
        "GC-18": "La convention fixe le délai de convocation de l'assemblée ; à défaut, "
        "quinze jours, ramenés à quarante-huit heures en cas d'urgence.",
        "GC-19": "Un membre peut se faire représenter par un autre seulement si le "
        "groupement compte plus de deux membres, et chaque membre ne porte qu'un mandat.",
        "GC-20": "La convention dit qui préside l'assemblée générale ; à défaut, "
        "l'administrateur la préside.",
        "GC-21": "L'assemblée générale a des compétences minimales (budget, comptes, "
        "admission et exclusion, modification de la convention…) que la convention "
        "ne peut lui retirer.",
        "GC-22": "Le quorum est d'au moins la moitié des droits, et la modification de la "
        "convention ou l'admission d'un membre exigent l'unanimité des présents ou "
        "représentés.",
        "GC-23": "L'administrateur est un membre ou le représentant d'un membre.",
        "GC-24": "L'administrateur est élu pour trois ans renouvelables, révocable, et "
        "exerce gratuitement.",
        "GC-25": "Dans un groupement en comptabilité publique, l'administrateur est "
        "ordonnateur et un agent comptable tient les comptes ; le modèle l'écrit.",
        "GC-26": "Un nouveau membre est admis à l'unanimité de l'assemblée générale, par "
        "avenant à la convention.",
        "GC-27": "Un membre se retire à la fin d'un exercice, après un préavis d'au moins "
        "six mois : la convention ne peut prévoir un retrait à tout moment.",
        "GC-28": "L'exclusion d'un membre est possible dans un groupement d'au moins trois "
        "membres, pour des motifs prévus et après audition du membre.",
        "GC-29": "La convention prévoit la dissolution (causes), la liquidation "
        "(liquidateur) et la dévolution des biens.",
        "GC-30": "Un retrait qui laisserait un seul membre entraîne la dissolution du groupement.",
        "GC-31": "La convention est déclarée à l'autorité compétente (directeur général de "
        "l'ARS, préfet ou président du conseil départemental selon les activités).",
        "GC-32": "Toute modification de la convention passe par un avenant adopté à "
        "l'unanimité et soumis aux mêmes formalités ; le modèle l'écrit.",
        "GC-33": "Les visas citent la délibération de chaque membre qui autorise "
        "l'adhésion (organe, date).",
        "GC-34": "Quand le groupement fait intervenir des personnels, la convention dit "
        "comment : mise à disposition, conditions d'intervention, recrutement.",
        "GC-35": "Le groupement poursuit un but non lucratif ; le modèle l'écrit.",
        "GC-36": "Le budget d'un GCSMS de droit public est voté au plus tard le 31 octobre "
        "de l'année précédente ; le modèle l'écrit.",
        "GC-37": "L'exercice du groupement (par exemple l'année civile) doit être défini : "
        "le retrait et le budget en dépendent.",
        "GC-39": "Le suppléant de l'administrateur est élu par l'assemblée générale parmi "
        "les membres ou leurs représentants, non désigné par un membre.",
        "GC-40": "Toutes les autorités dont relèvent les activités du groupement reçoivent "
        "la convention et ses avenants.",
        "GC-41": "L'agent comptable d'un groupement de droit public est nommé par arrêté, non "
        "par la convention, et ne peut pas être l'administrateur, qui ordonne les dépenses.",
        "GC-42": "Depuis le décret n° 2025-1394, la section du code compte d'autres "
        "sous-sections : citez « R. 312-194-1 à R. 312-194-25 », non « et suivants » ; "
        "l'instruction de 2007 n'est visée que pour mémoire.",
        "GC-43": "Chaque membre est une personne distincte : un établissement sans "
        "personnalité morale n'est pas membre à côté de son gestionnaire.",
        "GC-44": "L'article sur la dissolution prévoit déjà le terme, la réduction à un "
        "seul membre et la décision de l'assemblée générale, puis « Après paiement du "
        "passif… » : redits dans les champs, ils s'imprimeraient deux fois.",
        # Identifiants
        "ID-01": "Le SIREN compte 9 chiffres et sa clé de contrôle (algorithme de Luhn) "
        "détecte les fautes de frappe ; La Poste fait exception.",
        "ID-02": "Le SIRET compte 14 chiffres (SIREN et numéro d'établissement) avec une clé "
        "de contrôle ; La Poste fait exception.",
        "ID-03": "Les neuf premiers chiffres du SIRET sont le SIREN de la même organisation.",
        "ID-04": "Le numéro FINESS compte 9 caractères, commence par le département et se "
        "termine par une clé de contrôle (sauf en Corse).",
        "ID-05": "Un code postal compte 5 chiffres et ne commence pas par 00.",
        "ID-06": "Un numéro de téléphone français compte 10 chiffres, ou +33 suivi de 9 chiffres.",
        "ID-07": "Une adresse électronique doit être bien formée pour pouvoir servir.",
        "ID-08": "La fiche d'identité de chaque partie précise sa forme juridique et son "
        "SIREN ou SIRET, pour qu'on sache exactement qui s'engage.",
        "ID-11": "Une date de création d'organisation ne peut pas être dans le futur.",
        "ID-12": "Dans le Bas-Rhin, le Haut-Rhin et la Moselle, les associations relèvent "
        "du droit local (code civil local, articles 21 à 79-III) et sont inscrites au "
        "registre des associations du tribunal judiciaire : la fiche d'identité ne peut pas "
        "les dire régies par la loi du 1er juillet 1901.",
        "ID-13": "Un SIREN ou un FINESS d'entité juridique désigne une seule personne "
        "morale, un SIRET ou un FINESS d'établissement un seul établissement : le même "
        "numéro pour deux organisations est le plus souvent une copie restée telle quelle, "
        "ou la même organisation déclarée deux fois (une convention lie des personnes, non "
        "leurs établissements).",
        "ID-14": "La forme juridique décide du signataire attendu, de la délibération "
        "exigée, de la juridiction et des clauses d'une subvention : un CCAS déclaré comme "
        "une association (une partie recopiée d'une autre convention) serait contrôlé comme "
        "une association. Le nom qui dit sa forme (« CCAS de… », « Association… », « Ville "
        "de… ») est comparé à la forme déclarée.",
        # Juridiction
        "JU-01": "Les parties ne choisissent pas entre juge administratif et juge "
        "judiciaire : la clause prévoit un règlement amiable dans un délai chiffré, puis "
        "renvoie à « la juridiction compétente ».",
        "JU-03": "Le tribunal administratif compétent est celui du lieu d'exécution ; entre "
        "personnes privées non commerçantes, une clause désignant un tribunal judiciaire est "
        "réputée non écrite : le modèle n'en nomme aucun.",
        "JU-04": "Le ressort nomme la ville d'un tribunal administratif qui existe (code de "
        "justice administrative, art. R. 221-3) : Amiens, Bastia, Besançon, Bordeaux, Caen, "
        "Cergy-Pontoise, Châlons-en-Champagne, Clermont-Ferrand, Dijon, Grenoble, Lille, "
        "Limoges, Lyon, Marseille, Melun, Montpellier, Montreuil, Nancy, Nantes, Nice, Nîmes, "
        "Orléans, Paris, Pau, Poitiers, Rennes, Rouen, Strasbourg, Toulon, Toulouse, "
        "Versailles ; outre-mer, la Guadeloupe, la Guyane, la Martinique, Mayotte, La "
        "Réunion, Saint-Pierre-et-Miquelon, Saint-Barthélemy, Saint-Martin, Wallis-et-Futuna, "
        "la Nouvelle-Calédonie et la Polynésie française (la ville de leur siège avertit : "
        "« Saint-Denis » est aussi une commune du ressort de Montreuil). Une "
        "clause qui désigne un tribunal qui n'existe pas n'en désigne aucun. Le nom s'écrit "
        "tel quel : le document imprime « le tribunal administratif de » devant.",
        "JU-02": "convgen indique la juridiction probable d'après la nature des parties "
        "(toutes privées : juge judiciaire ; toutes publiques : juge administratif) ; pour "
        "des parties mixtes, la nature du contrat est à faire vérifier, et tant qu'elle "
        "n'est pas indiquée et motivée, le document ne nomme aucune juridiction.",
        # Partage d'informations
        "PI-01": "Chaque échange d'informations sur des personnes dit qui transmet, à qui, "
        "pour quelle finalité, sur quelle base légale et quelles catégories "
        "d'informations.",
        "PI-02": "Seules les informations strictement nécessaires sont échangées : « toutes "
        "informations utiles » ne suffit pas, énumérez les catégories.",
        "PI-03": "Le partage prévu par l'article L. 1110-4 du code de la santé publique "
        "n'est ouvert qu'aux professionnels des catégories de l'article R. 1110-2.",
        "PI-04": "Ce partage n'a que des finalités limitées : coordination, continuité, "
        "prévention ou suivi de la prise en charge.",
        "PI-05": "Hors d'une même équipe de soins, le partage exige le consentement "
        "préalable de la personne, recueilli et tracé : dites comment.",
        "PI-06": "L'« équipe de soins » est une notion légale précise (article L. 1110-12) : "
        "seules les structures qui y répondent peuvent s'en prévaloir.",
        "PI-07": "La personne est informée préalablement des informations échangées, de "
        "leur destinataire et de leur finalité.",
        "PI-08": "Pour les échanges fondés sur le code de la santé publique ou sur le "
        "consentement, la personne peut s'opposer au partage ; la clause le rappelle.",
        "PI-09": "En protection de l'enfance, le partage n'est permis qu'entre personnes "
        "soumises au secret qui concourent à la protection, pour évaluer la situation et "
        "décider des actions.",
        "PI-10": "Les parents, le tuteur et l'enfant sont informés préalablement du partage, "
        "sauf si c'est contraire à l'intérêt de l'enfant (motif à indiquer).",
        "PI-11": "Le partage en action sociale (article L. 121-6-2) suppose que les "
        "professionnels interviennent auprès de la même personne ou de la même famille.",
        "PI-12": "Une information couverte par le secret ne peut aller vers un destinataire "
        "qui n'y est pas soumis : vérifiez la qualification du destinataire ou retirez ces "
        "informations du flux.",
        "PI-13": "La convention rappelle l'article 226-13 du code pénal qui punit la "
        "violation du secret ; le modèle l'imprime toujours.",
        "PI-15": "Chaque flux indique combien de temps les données sont conservées.",
        "PI-16": "Les données de santé circulent par un canal sécurisé (messagerie de santé "
        "sécurisée, par exemple) ; aucune information sur les personnes ne circule par "
        "messagerie ordinaire, qui n'est pas chiffrée.",
        "PI-17": "Des données de santé hébergées par un tiers le sont chez un hébergeur "
        "certifié (HDS).",
        "PI-18": "Une partie qui participe à une activité portant sur des personnes "
        "identifiées (réunion de synthèse, intervention conjointe, permanence) apparaît dans "
        "un flux d'informations, sauf activité déclarée anonymisée.",
        "PI-20": "Un tiers qui reçoit des informations sur les personnes (interprète, "
        "hébergeur d'une plateforme) est déclaré destinataire d'un flux, lié par un contrat de "
        "sous-traitance à la partie qui le mandate et tenu à la confidentialité.",
        "PI-21": "Un échange au moment de l'orientation, avant que le destinataire ne "
        "participe à la prise en charge, repose sur l'accord de la personne, non sur "
        "l'échange entre professionnels de l'article L. 1110-4 II du code de la santé "
        "publique.",
        "PI-22": "Une information préoccupante sur un mineur se transmet sans délai au "
        "président du conseil départemental (cellule de recueil), avec information "
        "préalable des parents sauf intérêt contraire de l'enfant : ce n'est pas un "
        "partage entre professionnels, et le flux se déclare à part.",
        "PI-19": "Une clause qui exclut tout échange d'informations contredit un document "
        "qui organise des activités ou tient un outil sur des personnes identifiées : "
        "complétez la clause de partage ou retirez l'activité.",
        "PI-23": "En protection de l'enfance, la loi prévoit l'information préalable des "
        "parents, non un droit de s'opposer : la clause ne doit pas imprimer d'opposition.",
        # RGPD
        "RG-01": "Chaque flux indique la base juridique du RGPD (article 6) et, pour des "
        "données de santé, l'exception de l'article 9.2 qui permet de les traiter ; sans "
        "exception, le traitement de données de santé est interdit.",
        "RG-02": "Toute entité qui traite les données des personnes pour le partenariat, "
        "groupement et tiers compris, a un rôle : responsable, responsable conjoint (accord "
        "de l'article 26) ou sous-traitant pour le compte d'une partie (contrat de l'article "
        "28).",
        "RG-03": "Un organisme public partie au partage donne les coordonnées de son délégué "
        "à la protection des données, obligatoire pour lui.",
        "RG-04": "La clause dit qui informe les personnes, par quel support et à quel moment, "
        "et mentionne leur droit de réclamation auprès de la CNIL ; le modèle imprime ce "
        "droit.",
        "RG-05": "En cas de violation de données, les parties s'informent dans un délai "
        "chiffré, inférieur à 72 heures (48 heures au plus d'usage), pour que chaque "
        "responsable puisse notifier la violation à la CNIL à temps ; un sous-traitant "
        "prévient son responsable dans un délai plus court encore.",
        "RG-07": "Un traitement partagé (dossier partagé, plateforme hébergée) portant sur "
        "des données de santé ou des personnes vulnérables exige une analyse d'impact, "
        "avec son auteur, ou le motif de son absence.",
        "RG-08": "Le droit d'opposition de l'article 21 du RGPD ne vaut pas pour un flux "
        "fondé sur une obligation légale : le modèle ne l'imprime pas pour ce flux, et "
        "l'entrée ne doit pas le demander.",
        "RG-09": "Un organisme public ne fonde en principe pas un échange sur le "
        "consentement de la personne, qui est rarement libre de le refuser face à une autorité "
        "publique, ni sur l'intérêt légitime (article 6.1 f), que le RGPD exclut pour les "
        "missions d'une autorité publique : la "
        "base est le plus souvent la mission d'intérêt public ou l'obligation légale. Le "
        "consentement au partage que demande le code de la santé publique est une autre "
        "question, réglée à part.",
        "RG-06": "La durée de conservation de chaque flux est précise (nombre, unité, point "
        "de départ) ; « selon les règles de chaque partie » ne suffit pas. Au-delà de vingt "
        "ans, durée de conservation du dossier médical, une durée n'est gardée que si un "
        "texte l'impose, et le texte de la durée le cite.",
        # Signataires
        "SG-01": "Une commune signe par son maire (un département par son président), ou "
        "par un adjoint ou vice-président délégué, après délibération de l'assemblée qui "
        "autorise cette signature.",
        "SG-02": "Un CCAS est représenté par le président de son conseil d'administration ; "
        "un vice-président ne signe que sur délégation, et l'autorisation vient du conseil "
        "d'administration du CCAS.",
        "SG-03": "Le directeur représente l'établissement public de santé ; le directoire ne "
        "délibère pas.",
        "SG-04": "Le directeur représente l'établissement public social ou médico-social, "
        "non le président de son conseil d'administration ; le conseil délibère sur la "
        "coopération.",
        "SG-05": "Une association ou une fondation signe par la personne que ses statuts "
        "désignent : citez l'article des statuts et, le cas échéant, la décision de l'organe "
        "qui autorise la signature.",
        "SG-06": "Un GCSMS signe par son administrateur, un groupement d'intérêt public par "
        "son directeur, une mutuelle par le président de son conseil d'administration, une "
        "société par son président, son directeur général ou son gérant.",
        "SG-07": "Quand le signataire n'est pas le représentant légal, l'acte qui lui "
        "délègue le pouvoir de signer doit être indiqué (nature, auteur, date).",
        "SG-08": "Une délégation consentie par un maire, un président de CCAS ou de "
        "conseil départemental prend fin avec son mandat : après des élections générales, "
        "le signataire a besoin d'un nouvel acte, même si l'élu est reconduit.",
        # Texte libre
        "TX-01": "Un texte libre qui permet de se retirer « à tout moment » ou « sans "
        "préavis » contredit le code : retrait en fin d'exercice, préavis de six mois.",
        "TX-03": "Partager l'actif entre les membres à la dissolution heurte le but non "
        "lucratif ; les sommes issues de la tarification suivent l'article L. 313-19.",
        # Typographie et forme
        "TY-01": "Les dates s'écrivent « le 1er mars 2026 », mois en minuscules ; le modèle "
        "s'en charge.",
        "TY-02": "Une espace insécable précède « ; : ! ? » et borde les guillemets "
        "français ; le modèle s'en charge.",
        "TY-03": "Les articles sont numérotés sans trou ni doublon, « Article 1er » puis "
        "« Article 2 » ; le modèle s'en charge.",
        "TY-04": "Les montants sont écrits en chiffres et en lettres ; en cas de différence, "
        "la somme en lettres prévaut (code civil, art. 1376).",
        "TY-05": "Les nombres sont groupés par trois chiffres avec une virgule décimale.",
        "TY-06": "Une convention sur papier est établie en autant d'originaux que de parties "
        "(sauf signature électronique ou dépositaire désigné).",
        "TY-07": "Chaque partie a son bloc de signature, avec le nom et la qualité de son "
        "signataire ; le modèle en imprime un par partie.",
    }
)

# Why a rule stays a warning (or warns for part of what it checks): the legal point is
# not settled, or its text could not be read in the version in force.
OPEN_QUESTIONS = MappingProxyType(
    {
        "PI-08": "L'article L. 1110-4 IV du code de la santé publique (droit d'opposition au "
        "partage) reste à lire dans sa version en vigueur, ainsi que son articulation avec "
        "l'article 21 du RGPD : la règle avertit sans bloquer.",
        "DT-05": "La date d'acquisition de la personnalité morale d'un GCSMS (réception de la "
        "déclaration, régime de 2019) vient d'une lecture de l'article R. 312-194-18 à "
        "confirmer : une autorisation antérieure avertit sans bloquer.",
        "GC-39": "Le texte ne prévoit pas de suppléant ; son élection dans les mêmes conditions "
        "que l'administrateur est une analogie : un mode de désignation manquant avertit "
        "seulement.",
        "GC-40": "La version en vigueur de l'article R. 312-194-18 (« l'autorité ou l'une des "
        "autorités compétentes ») reste à vérifier : la règle avertit sans bloquer.",
        "SG-06": "Seules la représentation du GCSMS par son administrateur (R. 312-194-23), "
        "celle d'une SAS par son président ou son directeur général (C. com. L. 227-6) et "
        "celle d'une SARL par son gérant (L. 223-18) ont été lues : pour les GIP, les "
        "mutuelles et les sociétés dont la forme précise n'est pas indiquée, une qualité "
        "inattendue avertit sans bloquer.",
        "PI-20": "La qualification des interprètes et services d'interprétariat (sous-traitant "
        "ou responsable distinct) n'est pas tranchée : la règle avertit sans bloquer.",
        "RG-01": "Le texte de l'article 6 du RGPD et celui de l'article 9.2 g et h n'ont été "
        "lus que par extraits : la base de l'article 6 est seulement demandée ; l'exception "
        "de l'article 9.2 pour des données de santé bloque (article 9.1 lu).",
        "RG-07": "La liste de la CNIL (délibération n° 2018-327) a été lue par résumé : "
        "l'absence d'analyse d'impact avertit sans bloquer.",
        "RG-09": "L'article 6 du RGPD et son considérant 43 n'ont été lus que par extraits, "
        "et un organisme public peut agir hors de ses missions : la règle avertit sans "
        "bloquer.",
        "RG-06": "Les articles 5.1 e et 13.2 a du RGPD ont été lus par extraits ; les durées "
        "viennent des référentiels de la CNIL : la règle avertit sans bloquer.",
        "JU-02": "La nature des conventions de partenariat entre une collectivité et une "
        "association, et le juge des litiges entre membres d'un GCSMS, dépendent de la "
        "jurisprudence : la juridiction calculée reste une indication.",
        "GC-31": "La version en vigueur de l'article R. 312-194-18 (« l'autorité ou l'une des "
        "autorités compétentes ») et l'information des autres autorités restent à vérifier.",
        "TX-03": "L'application de l'article L. 313-19 à la cessation d'activité d'un "
        "établissement géré par un GCSMS, et son articulation avec la dévolution prévue par "
        "la convention, restent à vérifier : le partage de l'actif avertit seulement.",
        "SG-03": "La liste des matières du conseil de surveillance (L. 6143-1) et le texte de "
        "la délégation de signature du directeur restent à lire : la délibération du conseil "
        "de surveillance est seulement conseillée.",
        "SG-04": "La liste exacte des matières réservées au conseil d'administration "
        "(L. 315-12) reste à vérifier : l'absence de sa délibération avertit seulement.",
    }
)
