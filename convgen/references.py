"""Versioned table of the legal references printed in documents.

domaine.md §0: article numbers move (décret n° 2025-1394 renumbered part of
the GCSMS section), so no article reference is a constant in a template or in
the code: templates print ``ref.<key>`` and a legal update is one edit here.
"""

from __future__ import annotations

from types import MappingProxyType

VERSION = "2026-12-07"

_CASF = "du code de l’action sociale et des familles"
_CSP = "du code de la santé publique"

REFERENCES = MappingProxyType(
    {
        "loi_2002_2": (
            "la loi n° 2002-2 du 2 janvier 2002 rénovant l’action sociale et médico-sociale"
        ),
        "casf_l116_1": f"l’article L. 116-1 {_CASF}",
        "casf_l311_3": f"l’article L. 311-3 {_CASF}",
        "casf_l312_1": f"l’article L. 312-1 {_CASF}",
        "casf_l312_7": f"l’article L. 312-7 {_CASF}",
        "casf_l226_2_2": f"l’article L. 226-2-2 {_CASF}",
        "casf_l226_2_1": f"l’article L. 226-2-1 {_CASF}",
        "casf_l226_3": f"l’article L. 226-3 {_CASF}",
        "casf_l226_4": f"l’article L. 226-4 {_CASF}",
        "casf_l121_6_2": f"l’article L. 121-6-2 {_CASF}",
        "csp_l1110_4": f"l’article L. 1110-4 {_CSP}",
        "csp_l1110_12": f"l’article L. 1110-12 {_CSP}",
        "csp_r1110_1_a_3": f"les articles R. 1110-1 à R. 1110-3 {_CSP}",
        "csp_r1110_2": f"l’article R. 1110-2 {_CSP}",
        "csp_l1111_8": f"l’article L. 1111-8 {_CSP}",
        # Decrees are cited by number and date only: domaine.md does not give their full titles.
        "decret_2016_994": "le décret n° 2016-994 du 20 juillet 2016",
        "decret_2016_996": "le décret n° 2016-996 du 20 juillet 2016",
        "decret_2016_1349": "le décret n° 2016-1349 du 10 octobre 2016",
        "penal_226_13": "l’article 226-13 du code pénal",
        "penal_226_14": "l’article 226-14 du code pénal",
        "rgpd": "le règlement (UE) 2016/679 du Parlement européen et du Conseil du 27 avril 2016 "
        "relatif à la protection des personnes physiques à l’égard du traitement des données "
        "à caractère personnel et à la libre circulation de ces données (règlement général "
        "sur la protection des données)",
        "rgpd_art_26": "l’article 26 du règlement général sur la protection des données",
        "rgpd_art_28": "l’article 28 du règlement général sur la protection des données",
        "rgpd_art_21": "l’article 21 du règlement général sur la protection des données",
        "rgpd_art_33": "l’article 33 du règlement général sur la protection des données",
        "rgpd_art_35": "l’article 35 du règlement général sur la protection des données",
        "rgpd_art_77": "l’article 77 du règlement général sur la protection des données",
        "loi_78_17": "la loi n° 78-17 du 6 janvier 1978 relative à l’informatique, aux fichiers et "
        "aux libertés",
        "civ_1375": "l’article 1375 du code civil",
        "loi_2000_321_art_10": "la loi n° 2000-321 du 12 avril 2000 relative aux droits des "
        "citoyens dans leurs relations avec les administrations, notamment son article 10",
        "decret_2001_495": "le décret n° 2001-495 du 6 juin 2001",
        # An association's or a foundation's subsidy: the republican commitment contract
        # (article 10-1, created by loi n° 2021-1109 du 24 août 2021).
        "loi_2000_321_art_10_et_10_1": "la loi n° 2000-321 du 12 avril 2000 relative aux "
        "droits des citoyens dans leurs relations avec les administrations, notamment ses "
        "articles 10 et 10-1",
        "decret_2021_1947": "le décret n° 2021-1947 du 31 décembre 2021",
        "loi_2000_321_art_10_1": "l’article 10-1 de la loi n° 2000-321 du 12 avril 2000",
        # Short forms, for labels between brackets.
        "court_csp_l1110_4_ii": "art. L. 1110-4 II CSP",
        "court_csp_l1110_4_iii": "art. L. 1110-4 III CSP",
        "court_csp_l1110_4_iii_l1110_12": "art. L. 1110-4 III et L. 1110-12 CSP",
        "court_casf_l226_2_2": "art. L. 226-2-2 CASF",
        "court_casf_l226_2_1": "art. L. 226-2-1 CASF",
        "court_casf_l121_6_2": "art. L. 121-6-2 CASF",
        # Groupements de coopération sociale ou médico-sociale (section R312-194, numbering kept
        # as sous-section 1 by décret n° 2025-1394).
        "casf_r312_194_1_s": f"les articles R. 312-194-1 et suivants {_CASF}",
        "casf_r312_194_1_a_25": f"les articles R. 312-194-1 à R. 312-194-25 {_CASF}",
        "casf_r312_194_5": f"l’article R. 312-194-5 {_CASF}",
        "casf_r312_194_8": f"l’article R. 312-194-8 {_CASF}",
        "casf_r312_194_10": f"l’article R. 312-194-10 {_CASF}",
        "casf_r312_194_11": f"l’article R. 312-194-11 {_CASF}",
        "casf_r312_194_12": f"l’article R. 312-194-12 {_CASF}",
        "casf_r312_194_14": f"l’article R. 312-194-14 {_CASF}",
        "casf_r312_194_15": f"l’article R. 312-194-15 {_CASF}",
        "casf_r312_194_16": f"l’article R. 312-194-16 {_CASF}",
        "casf_r312_194_17": f"l’article R. 312-194-17 {_CASF}",
        "casf_r312_194_18": f"l’article R. 312-194-18 {_CASF}",
        "casf_r312_194_19_a_22": f"les articles R. 312-194-19 à R. 312-194-22 {_CASF}",
        "casf_r312_194_22": f"l’article R. 312-194-22 {_CASF}",
        "casf_r312_194_23": f"l’article R. 312-194-23 {_CASF}",
        "casf_r312_194_24_25": f"les articles R. 312-194-24 et R. 312-194-25 {_CASF}",
        "casf_r314_193_5": f"l’article R. 314-193-5 {_CASF}",
        "casf_r314_80_a_100": f"les articles R. 314-80 à R. 314-100 {_CASF}",
        "casf_r314_101_a_104": f"les articles R. 314-101 à R. 314-104 {_CASF}",
        "casf_r314_64_a_74": f"les articles R. 314-64 à R. 314-74 {_CASF}",
        "casf_l313_1": f"l’article L. 313-1 {_CASF}",
        "decret_2006_413": "le décret n° 2006-413 du 6 avril 2006",
        "instruction_2007_309": "l’instruction DGAS/5D n° 2007-309 du 3 août 2007",
        "decret_2012_1246": (
            "le décret n° 2012-1246 du 7 novembre 2012 relatif à la gestion budgétaire et "
            "comptable publique"
        ),
        # Réseaux de santé.
        "csp_l6321_1": f"l’article L. 6321-1 {_CSP}",
        "csp_d6321_1_s": f"les articles D. 6321-1 et suivants {_CSP}",
        "decret_2002_1463": "le décret n° 2002-1463 du 17 décembre 2002",
    }
)


# Légifrance identifiers known for the articles the rules cite (« code article » as the
# rules' sources spell them, without spaces after L., R., D.). Only identifiers read in
# the sources of our research: an identifier is never guessed.
LEGIFRANCE = MappingProxyType(
    {
        "CASF R312-194-16": "LEGIARTI000006906697",
        "CASF L226-2-1": "section LEGISCTA000006157590",
        "CASF L226-2-2": "section LEGISCTA000006157590",
        "C. civ. 1214": "section LEGISCTA000032041417",
        "C. civ. 1215": "section LEGISCTA000032041417",
    }
)
