"""Versioned table of the legal references printed in documents.

domaine.md §0: article numbers move (décret n° 2025-1394 renumbered part of
the GCSMS section), so no article reference is a constant in a template or in
the code: templates print ``ref.<key>`` and a legal update is one edit here.
"""

from __future__ import annotations

from types import MappingProxyType

VERSION = "2026-11-22"

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
        "loi_78_17": "la loi n° 78-17 du 6 janvier 1978 relative à l’informatique, aux fichiers et "
        "aux libertés",
        "civ_1375": "l’article 1375 du code civil",
    }
)
