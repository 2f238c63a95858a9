"""Rules' sources as a reader cites them: code, article, version; no internal ids.

A rule's ``source`` is written tersely where it is declared (« CASF R312-194-7 3° ;
S27 »). The catalogue and the review pack print it in full (« Code de l'action
sociale et des familles, art. R. 312-194-7 3° »): codes spelled out, articles with
their point, the documentary sources our research numbered (S1…S55) replaced by what
they are, and the Légifrance identifier where one is known.
"""

from __future__ import annotations

import re

from convgen.references import LEGIFRANCE
from convgen.regles.base import Level

_CODES = {
    "CASF": "Code de l'action sociale et des familles",
    "CSP": "Code de la santé publique",
    "CGCT": "Code général des collectivités territoriales",
    "CPC": "Code de procédure civile",
    "CJA": "Code de justice administrative",
    "C. civ.": "Code civil",
    "C. pén.": "Code pénal",
    "C. com.": "Code de commerce",
    "RGPD": "Règlement (UE) 2016/679 (RGPD)",
}

# Sources that are not a legal text, by what they are.
_DOCUMENTS = {
    "S1": "Code de l'action sociale et des familles, art. L. 312-7",
    "S2": "décret n° 2006-413 du 6 avril 2006 (groupements de coopération)",
    "S3": "Code de l'action sociale et des familles, art. R. 312-194-5",
    "S4": "Code de l'action sociale et des familles, art. R. 312-194-10",
    "S5": "Code de l'action sociale et des familles, art. R. 312-194-16",
    "S6": "Code de l'action sociale et des familles, art. R. 312-194-19 à R. 312-194-22",
    "S7": "Code de l'action sociale et des familles, art. R. 312-194-23",
    "S10": "arrêtés de publication de conventions constitutives (recueils des actes "
    "administratifs)",
    "S11": "fiches juridiques sur le GCSMS (cabinets d'avocats)",
    "S12": "fiches juridiques sur le GCSMS (réseau de l'économie sociale et solidaire)",
    "S15": "Code de l'action sociale et des familles, partie réglementaire, section des "
    "groupements (budget des groupements publics)",
    "S17": "nomenclature FINESS des statuts juridiques (Agence du numérique en santé)",
    "S22": "guide « Accompagner en partenariat » (FNARS, 2016)",
    "S23": "chartes et conventions constitutives de réseaux de santé publiées",
    "S24": "règles de numérotation SIREN et SIRET (Insee)",
    "S25": "conventions constitutives de GCSMS publiées",
    "S26": "conventions-types entre CCAS et associations",
    "S27": "Code de l'action sociale et des familles, art. R. 312-194-1 à R. 312-194-25",
    "S28": "décret du 20 août 2019 (déclaration des GCSMS à l'autorité compétente)",
    "S30": "Code de la santé publique, art. L. 6133-3 (par analogie)",
    "S31": "loi n° 2015-1776 (fin du renvoi au régime des groupements de coopération sanitaire)",
    "S32": "instruction DGOS/PF3/CNAM n° 2012-393 du 21 novembre 2012 (réseaux de santé)",
    "S33": "fichier FINESS (data.gouv.fr) : contrôle de la clé sur des numéros réels",
    "S34": "Code civil, art. 1375 et 1376",
}

_WORDS = {
    "pratique": "pratique professionnelle",
    "usage": "usage",
    "cohérence": "cohérence interne du document",
    "cohérence du fichier": "cohérence interne du fichier d'entrée",
    "forme": "usage rédactionnel",
    "plan de numérotation": "plan national de numérotation téléphonique (Arcep)",
    "usage typographique": "usage typographique (Imprimerie nationale)",
    "référentiels ANS": "référentiels de l'Agence du numérique en santé",
}

_PREFIXES = {
    "CNIL délib.": "Commission nationale de l'informatique et des libertés, délibération",
    "décret 2": "décret n° 2",
    "guide FNARS (pratique)": "guide « Accompagner en partenariat » (FNARS, 2016)",
}

_INTERNAL = re.compile(
    r"\bS\d{1,2}(?:\s*,\s*S\d{1,2})*|domaine\.md(?:\s*§[A-J](?:\.\d+)?)?"
    r"|§[A-J](?:\.\d+)?(?:\s*,\s*\d+°)?"
)
_EMPTY_BRACKETS = re.compile(r"\(\s*[,;]?\s*\)")
_LEADING_COMMA = re.compile(r"\(\s*,\s*")
_TRAILING_COMMA = re.compile(r"\s*[,;]\s*\)")


def _parts(source: str) -> list[str]:
    """``source`` split on « ; » outside parentheses."""
    parts, depth, current = [], 0, ""
    for char in source:
        depth = max(0, depth + {"(": 1, ")": -1}.get(char, 0))  # « a) » closes nothing
        if char == ";" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


_ARTICLE = re.compile(r"\b([LRD])\.? ?(\d{3,4})(?=[-\s,]|$)")
_PLAIN_ARTICLES = re.compile(r"^(\d[\d\-.]*(?:\s*[a-z])?(?:\s*,\s*\d[\d\-.]*(?:\s*[a-z])?)*)(.*)$")


LEGAL_FORCE = {
    Level.C: "exigé par la loi (texte)",
    Level.C_P: "exigé par la loi pour l'essentiel, recommandé pour le reste",
    Level.P: "recommandé (pratique)",
    Level.NC: "à vérifier",
}
"""Legal force, shown instead of the evidence level: a practice guide is not « obligatoire »."""

# A confirmed rule whose sources cite no legal text: the document's own consistency, or a
# reference that is not a law (a guide, the Insee's numbering rules).
_OTHER_FORCE = {
    "coherence": {
        Level.C: "exigé par la cohérence du document",
        Level.C_P: "exigé par la cohérence du document pour l'essentiel, recommandé pour le reste",
    },
    "reference": {
        Level.C: "établi par une source de référence, sans texte de loi",
        Level.C_P: "établi par une source de référence pour l'essentiel, recommandé pour le reste",
    },
}
_LEGAL_TEXT = re.compile(
    r"\b(?:Code\b|Règlement \(UE\)|[Ll]oi (?:n°|du)|[Dd]écret\b|[Oo]rdonnance\b)"
)


def legal_force(level: Level, source: str) -> str:
    """The legal force of a rule or clause of ``level`` grounded on ``source``, in words:
    « exigé par la loi (texte) » only when the source cites a legal text (a confirmed
    guide is not the law), unless its first ground is the document's own consistency."""
    if level not in (Level.C, Level.C_P):
        return LEGAL_FORCE[level]
    if source.startswith("cohérence"):  # first ground: the clauses agree (DT-04)
        return _OTHER_FORCE["coherence"][level]
    if _LEGAL_TEXT.search(citation(source)):
        return LEGAL_FORCE[level]
    return _OTHER_FORCE["reference"][level]


def citation(source: str) -> str:
    """The full citation of a rule's ``source``: one entry per code, in the order cited."""
    cited: dict[str, list[str]] = {}  # code name (or the whole text) -> its articles
    documents: list[str] = []
    code: str | None = None
    for raw in _parts(source):
        lone = [name.strip() for name in raw.split(",")]
        if all(re.fullmatch(r"S\d{1,2}", name) for name in lone):
            documents += [_DOCUMENTS[name] for name in lone if name in _DOCUMENTS]
            continue
        text, code = _part(raw.strip(), code)
        if not text:
            continue
        name, _, articles = text.partition(", art. ")
        if articles:
            cited.setdefault(name, [])
            if articles not in cited[name]:
                cited[name].append(articles)
        elif text not in documents:
            documents.append(text)
    texts = [f"{name}, art. {' ; '.join(arts)}" for name, arts in cited.items()]
    # A documentary source that only restates a code already cited adds nothing.
    texts += [d for d in documents if not d.startswith(tuple(cited))]
    return " ; ".join(dict.fromkeys(texts))


def _part(raw: str, previous_code: str | None) -> tuple[str, str | None]:
    """One ``;``-separated part, and the code the next part continues with."""
    text = _LEADING_COMMA.sub("(", _EMPTY_BRACKETS.sub("", _INTERNAL.sub("", raw)))
    text = _TRAILING_COMMA.sub(")", _EMPTY_BRACKETS.sub("", text)).strip(" ,")
    text = re.sub(r"\bD\. ?6321-x\b", "D. 6321-1 et suivants", text)
    text = re.sub(r"\s{2,}", " ", text).replace("D6321-x", "D6321-1 et suivants")
    for prefix in ("pratique", "usage"):
        if text.startswith(prefix + " ") and text[len(prefix) + 1 :].strip() == "":
            text = prefix
    if text.lower() in _WORDS:
        return _WORDS[text.lower()], previous_code
    for prefix, replacement in _PREFIXES.items():
        if text.startswith(prefix):
            return replacement + text[len(prefix) :], previous_code
    if text.startswith("analogie "):
        found, _ = _part(text.removeprefix("analogie "), previous_code)
        return f"{found} (par analogie)", previous_code
    for abbreviation, name in _CODES.items():
        if text.startswith(abbreviation + " ") or text == abbreviation:
            rest = text[len(abbreviation) :].strip()
            return _with_id(abbreviation, rest, name + _articles(rest, abbreviation)), abbreviation
    if re.match(r"[LRD]\.? ?\d", text) and previous_code is not None:
        name = _CODES[previous_code]
        return _with_id(previous_code, text, name + _articles(text, previous_code)), previous_code
    return _judgment(text), previous_code


def _articles(rest: str, code: str) -> str:
    """« R312-194-7 3° » → « , art. R. 312-194-7 3° »."""
    if not rest:
        return ""
    if code == "RGPD":
        return ", " + rest
    spaced = _ARTICLE.sub(lambda m: f"{m.group(1)}. {m.group(2)}", rest)
    if spaced[:1] in "LRD" or _PLAIN_ARTICLES.match(spaced):
        return ", art. " + spaced
    return " " + spaced


def _with_id(code: str, rest: str, text: str) -> str:
    """The citation with the Légifrance identifier of its first article, when known."""
    first = re.match(r"[LRD]\.? ?[\d-]+|\d[\d-]*", rest)
    key = f"{code} {first.group(0).replace('. ', '').replace('.', '')}" if first else ""
    known = LEGIFRANCE.get(key)
    return f"{text} (Légifrance {known})" if known else text


def _judgment(text: str) -> str:
    """« TC 1983 UAP » → « Tribunal des conflits, 1983, UAP »."""
    for short, court in (("TC ", "Tribunal des conflits"), ("CE ", "Conseil d'État")):
        if text.startswith(short):
            year, _, name = text[len(short) :].partition(" ")
            return f"{court}, {year}, {name}"
    return text
