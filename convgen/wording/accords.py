"""French grammar the templates and messages need: elision and contraction of articles,
agreement in gender and number, counted nouns (« d’une (1) reconduction »).

Every function takes and returns plain text: it never rewrites what the user typed
beyond the article or preposition it is asked to join to it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from num2words import num2words

from convgen.chars import NBSP
from convgen.schema.appellations import article_of, common_noun, feminine_of

_VOWEL = re.compile(r"[aeiouyhàâéèêëîïôöûüœæ]", re.IGNORECASE)
# An « h » that takes no elision (« le handicap ») is « h aspiré »: the usual ones here.
_H_ASPIRE = ("handicap", "haut", "hameau", "halte", "hangar", "hall")  # « haut »: hauteur too
# Numerals that take no elision either: « de huit (8) jours », « le onze », « de onze ».
_NO_ELISION = (*_H_ASPIRE, "huit", "onze")
_APOSTROPHES = ("l’", "l'", "L’", "L'")


def starts_with_vowel(word: str) -> bool:
    """« un », « établissement », « hôpital » take elision; « handicap » does not."""
    lowered = word.lower()
    return bool(_VOWEL.match(lowered)) and not lowered.startswith(_NO_ELISION)


def elide(article: str, word: str) -> str:
    """``le``/``la``/``de``/``que`` + a word: « l’association », « d’un », « la commune »."""
    if article.lower() in ("le", "la", "de", "que", "ne") and starts_with_vowel(word):
        return f"{article[:-1]}’{word}"
    return f"{article} {word}"


# In lower case only: « Au Petit Bonheur » is a name, which takes its « à ».
_TO = re.compile(r"(?:à|au|aux)\s")


def _split_article(name: str) -> tuple[str, str]:
    """« le CCAS » -> (« le », « CCAS »); « l’Escale » -> (« l’ », « Escale »)."""
    for article in ("le ", "la ", "les ", "Le ", "La ", "Les "):
        if name.startswith(article):
            return article.strip().lower(), name[len(article) :]
    if name.startswith(_APOSTROPHES):
        return name[:2], name[2:]  # the writer's apostrophe, as typed
    return "", name


def of(name: str) -> str:
    """« de » joined to a name: « le CCAS » -> « du CCAS », « les membres » -> « des
    membres », « un (1) an » -> « d’un (1) an », « la Ville » -> « de la Ville »."""
    article, rest = _split_article(name)
    if article == "le":
        return "du " + rest
    if article == "les":
        return "des " + rest
    if article:
        return f"de {article}{'' if article in _APOSTROPHES else ' '}{rest}"
    if name.startswith("des "):  # « au moyen des affiches » is not meant: « d’affiches »
        return elide("de", name[4:])
    return elide("de", name)


def to(name: str) -> str:
    """« à » joined to a name: « le tiers des voix » -> « au tiers des voix », « les
    membres » -> « aux membres », « la majorité » -> « à la majorité »; a name that
    already starts with it (« à la majorité des deux tiers ») is left as typed."""
    if _TO.match(name):
        return name
    article, rest = _split_article(name)
    if article == "le":
        return "au " + rest
    if article == "les":
        return "aux " + rest
    if article:
        return f"à {article}{'' if article in _APOSTROPHES else ' '}{rest}"
    return "à " + name


@lru_cache(maxsize=4096, typed=True)  # hundreds of calls a document, on recurring numbers
def number_in_words(value: int) -> str:
    """``21`` -> « vingt et un »."""
    return str(num2words(value, lang="fr"))


def feminine_number(value: int) -> str:
    """« une », « vingt et une », « deux »: a number in words before a feminine noun."""
    words = number_in_words(value)
    return words[:-2] + "une" if words == "un" or words.endswith((" un", "-un")) else words


def plural(noun: str, count: int = 2) -> str:
    """« reconduction » -> « reconductions » from two on; « mois » stays « mois »."""
    if count < 2 or noun.endswith(("s", "x", "z")):
        return noun
    if noun.endswith(("au", "eu")):
        return noun + "x"
    return noun + "s"


def counted(count: int, noun: str, feminine: bool = False) -> str:
    """« une (1) reconduction », « deux (2) renouvellements »: the number in words,
    agreeing with the noun, then in figures."""
    words = feminine_number(count) if feminine else number_in_words(count)
    return f"{words} ({count}){NBSP}{plural(noun, count)}"


# The nouns that head a delegation's nature and whose ending misleads on their gender.
_MASCULINE = frozenset(
    {"pouvoir", "mandat", "arrêté", "acte", "ordre", "contrat", "courrier", "comité", "traité"}
)
_FEMININE = frozenset(
    {"lettre", "note", "procuration", "circulaire", "charte", "loi", "fiche", "clause", "annexe"}
)
_FEMININE_ENDINGS = ("tion", "sion", "ance", "ence", "ure", "té", "ée", "ade")


def feminine_noun(phrase: str) -> bool:
    """Whether the noun heading ``phrase`` is feminine (« délégation de signature »),
    or not (« pouvoir spécial »): guessed from its ending, the words that mislead it
    listed."""
    words = phrase.split()
    head = words[0].strip("«»\"'’ ").lower() if words else ""
    if head.endswith("s") and len(head) > 3:  # « délégations de signature »
        head = head[:-1]
    if head in _MASCULINE:
        return False
    return head in _FEMININE or head.endswith(_FEMININE_ENDINGS)


def agree(word: str, feminine: bool = False, many: bool = False) -> str:
    """An adjective or past participle agreeing with what it qualifies: « soumis » ->
    « soumise », « soumises »; « tenu » -> « tenues »."""
    if feminine and not word.endswith("e"):
        word += "e"
    return plural(word) if many else word


# Words that open running text and are never proper nouns: after a colon that
# introduces the user's text, they take a small letter (« évaluation : un questionnaire »).
_COMMON_OPENERS = frozenset(
    [
        "un",
        "une",
        "des",
        "le",
        "la",
        "les",
        "l’",
        "l'",
        "du",
        "au",
        "aux",
        "ce",
        "cet",
        "cette",
        "ces",
        "chaque",
        "tout",
        "toute",
        "tous",
        "toutes",
        "il",
        "elle",
        "ils",
        "elles",
        "on",
        "en",
        "par",
        "pour",
        "sur",
        "dans",
        "avec",
        "sans",
        "selon",
        "lors",
        "après",
        "avant",
        "une",
        "leur",
        "leurs",
        "son",
        "sa",
        "ses",
        "notre",
        "nos",
        "votre",
        "vos",
        "deux",
        "trois",
        "quatre",
        "cinq",
        "dix",
    ]
)


def running(text: str) -> str:
    """User text that continues a sentence (after « : »): its first word in lower case
    when it is a common word (« Un questionnaire » -> « un questionnaire »); a name,
    an acronym or anything else is left as typed."""
    match = re.match(r"([A-ZÀ-Ý][a-zà-ÿ]*(?:[’'])?)", text)
    if not match or match.group(1).lower() not in _COMMON_OPENERS:
        return text
    return text[:1].lower() + text[1:]


def verb(name: str, one: str, many: str) -> str:
    """The verb ``one`` or ``many`` agreeing with ``name`` as its subject: « les Petits
    Frères des Pauvres » takes the plural (« s'engagent »), any other name the singular."""
    return many if name.lower().startswith(("les ", "les\u00a0")) else one


def at_address(street: str) -> str:
    """« fixé au 12 rue des Salines » for a numbered street, « fixé place de l'Hôtel de
    Ville » for a street without a number, « fixé à Maison des associations » otherwise
    (a building's name is kept as typed)."""
    if street[:1].isdigit():
        return "au " + street
    first = re.split(r"[\s’']", street, maxsplit=1)[0].lower()
    if first in _STREET_TYPES:
        return street[:1].lower() + street[1:]
    return to(street[:1].lower() + street[1:] if running(street) != street else street)


# The first word of a street's name: « fixé rue des Lilas », with no « à ».
_STREET_TYPES = frozenset(
    {"allée", "avenue", "boulevard", "chemin", "cité", "cours", "esplanade", "faubourg"}
    | {"hameau", "impasse", "lieu-dit", "mail", "parvis", "passage", "place", "promenade"}
    | {"quai", "rond-point", "route", "rue", "ruelle", "sentier", "square", "venelle"}
    | {"voie"}
)


def on_account_of(purpose: str) -> str:
    """« au titre de » before a payment's purpose, unless the purpose already says it
    (« au titre du fonctionnement » is not repeated). A purpose that starts with « de »
    already joined to its article (« des interventions de l'équipe mobile », « du
    fonctionnement ») follows « au titre » as typed: « des » is there « de les », not
    the plural of « un » (« au titre d'interventions » said less than was meant)."""
    lowered = purpose.lower()
    if lowered.startswith(("au titre d", "au titre du", "au titre des")):
        return purpose
    if _OPENS_ON_A_NOUN.match(purpose):  # « Financement des interventions », typed as a title
        purpose = purpose[0].lower() + purpose[1:]
    if lowered.startswith(("des ", "du ", "de ", "d'", "d’")):  # « d'actions », « de frais »
        return "au titre " + purpose[0].lower() + purpose[1:]  # « Des interventions »
    return "au titre " + of(purpose)


# A capitalised common noun followed by a preposition or an article (« Financement des… »,
# « Mise à disposition », « Frais de… »): the title case of a form, not a name, which
# would go on with another capital (« Projet Alpha », « Jean Dupont »).
_OPENS_ON_A_NOUN = re.compile(
    r"[A-ZÀÂÇÉÈÊÎÔÛ][a-zàâçéèêëîïôûùüÿœ]{2,} "
    r"(?:de|du|des|d['’]\S|à|au|aux|en|pour|sur|par|la|le|les|l['’]\S)"
)


def named(name: str, kind: str = "réseau") -> str:
    """A name in quotes as the subject of a sentence, with its article: « Réseau
    Santé » -> « Le « Réseau Santé » », « Entraide 25 » -> « Le réseau « Entraide 25 » »."""
    quoted = f"«{NBSP}{name}{NBSP}»"
    article = article_of(name)  # the article of a name that starts with a common noun
    if article is None:
        return f"{elide('Le', kind)} {quoted}"
    return f"{article.capitalize()}{'' if article == 'l’' else ' '}{quoted}"


def body(name: str) -> tuple[str, bool]:
    """A body's name as running text uses it, and whether it is feminine: « Comité de
    pilotage » -> (« comité de pilotage », False), « la Cellule d’animation » ->
    (« Cellule d’animation », True). Its article is taken off; a common noun that opens
    it is written in lower case (not an acronym: « COPIL »); its gender is that of the
    article typed, else of that noun, else masculine."""
    article, rest = _split_article(name.strip())
    noun = feminine_of(rest)
    feminine = article == "la" if article in ("la", "le") else bool(noun)
    head = rest.split(None, 1)[0] if rest else ""
    if common_noun(head) and not article and head[1:] == head[1:].lower():
        rest = rest[:1].lower() + rest[1:]
    return rest, feminine


def the_body(name: str) -> str:
    """« le comité de pilotage », « la cellule d’animation », « l’assemblée des membres »."""
    rest, feminine = body(name)
    return elide("la" if feminine else "le", rest)


def a_body(name: str) -> str:
    """« un comité de pilotage », « une cellule d’animation »."""
    rest, feminine = body(name)
    return f"{'une' if feminine else 'un'} {rest}"


def a_support(text: str) -> str:
    """A means of information with an article, when typed without one and its noun is
    one of the usual supports: « notice d’information remise » -> « une notice
    d’information remise », « livret d’accueil » -> « un livret d’accueil »; any other
    text as typed (« le livret d’accueil », « des affiches »)."""
    first = text.split(None, 1)[0] if text.strip() else ""
    head = first.lower().split("’", 1)[0].split("'", 1)[0]
    if head in _SUPPORTS:
        return f"{'une' if _SUPPORTS[head] else 'un'} {text}"
    return text


# Nouns of the usual means of informing people, by gender (True: feminine).
_SUPPORTS = dict.fromkeys(
    ("affiche", "brochure", "fiche", "information", "lettre", "note", "notice", "plaquette"),
    True,
) | dict.fromkeys(
    (
        "affichage",
        "courrier",
        "courriel",
        "dépliant",
        "document",
        "écrit",
        "entretien",
        "formulaire",
        "guide",
        "livret",
        "message",
        "règlement",
        "support",
    ),
    False,
)
