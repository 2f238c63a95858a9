"""The name an organisation goes by in running text when the input gives no appellation.

« de Association Les Tilleuls », « Pour Centre communal d’action sociale de Lyon »
are not French: a name that starts with the common noun of a kind of organisation
takes that noun's definite article (« l’Association Les Tilleuls », « le Centre
communal d’action sociale de Lyon », « le CCAS de Lyon »), and the words that agree
with it take its gender (« représentée », « ci-après dénommé »). A name that starts
otherwise is a proper name (« Emmaüs Connect », « Monsieur Cuenin »), used as typed.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# The nouns that open the name of a kind of organisation, by gender (compared without
# case or accents: « Hopital », « ETABLISSEMENT »; a compound by its first part:
# « Maison-relais »).
_FEMININE_NOUNS = frozenset(
    {
        "agence",
        "alliance",
        "assemblée",
        "association",
        "caisse",
        "cellule",
        "chambre",
        "cité",
        "clinique",
        "collectivité",
        "commission",
        "communauté",
        "commune",
        "conférence",
        "confédération",
        "congrégation",
        "coopérative",
        "coordination",
        "crèche",
        "délégation",
        "direction",
        "entreprise",
        "fondation",
        "fédération",
        "instance",
        "ligue",
        "mairie",
        "maison",
        "mission",
        "mutuelle",
        "métropole",
        "plateforme",
        "polyclinique",
        "pouponnière",
        "préfecture",
        "région",
        "réunion",
        "résidence",
        "société",
        "union",
        "unité",
        "université",
        "ville",
        "école",
        "équipe",
        "œuvre",
    }
)
_MASCULINE_NOUNS = frozenset(
    {
        "accueil",
        "bureau",
        "cabinet",
        "centre",
        "club",
        "collectif",
        "collège",
        "comité",
        "conseil",
        "dispositif",
        "département",
        "ehpad",
        "espace",
        "foyer",
        "groupe",
        "groupement",
        "hôpital",
        "institut",
        "lieu",
        "ministère",
        "office",
        "organisme",
        "point",
        "pôle",
        "relais",
        "réseau",
        "secours",
        "service",
        "syndicat",
        "village",
        "établissement",
        "état",
    }
)
# The sector's acronyms, by the gender of their first noun (« l’EHPAD »: the
# establishment; « la MAS »: the house), taken in capitals (« CCAS ») or, from four
# letters, capitalised (« Adapei »): « Mas des Oliviers », « Ars-sur-Moselle » are names.
_FEMININE_ACRONYMS = frozenset(
    {
        "adapei",
        "admr",
        "apei",
        "ars",
        "caf",
        "cpam",
        "cpts",
        "eurl",
        "mas",
        "mdph",
        "mecs",
        "msa",
        "msp",
        "pmi",
        "sarl",
        "sas",
        "sasu",
        "scic",
        "scop",
        "udaf",
        "udccas",
        "unapei",
    }
)
_MASCULINE_ACRONYMS = frozenset(
    {
        "caarud",
        "cada",
        "camsp",
        "ccas",
        "ch",
        "chrs",
        "chs",
        "chu",
        "cias",
        "clic",
        "copil",
        "cmp",
        "cmpp",
        "csapa",
        "dac",
        "ehpa",
        "ehpad",
        "epci",
        "epsm",
        "esat",
        "fam",
        "gcs",
        "gcsms",
        "ght",
        "gie",
        "gip",
        "ime",
        "itep",
        "saad",
        "samsah",
        "savs",
        "sessad",
        "siao",
        "spasad",
        "ssiad",
    }
)
# Names that open with such a noun but are used without an article.
_BARE_NAMES = ("pole emploi",)


def _plain(text: str) -> str:
    """``text`` in lower case, without accents, « œ » written « oe »."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("œ", "oe"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


_NOUNS = {_plain(noun): True for noun in _FEMININE_NOUNS} | {
    _plain(noun): False for noun in _MASCULINE_NOUNS
}
_ACRONYMS = {name: True for name in _FEMININE_ACRONYMS} | {
    name: False for name in _MASCULINE_ACRONYMS
}


# Names are read again for each sentence that cites a party (a dozen times a document,
# while the context is built): cached, each costs a look-up after its first reading.
@lru_cache(maxsize=4096)
def feminine_of(name: str) -> bool | None:
    """Whether the noun or acronym that opens ``name`` is feminine; None when it does
    not name a kind of organisation (a proper name)."""
    words = name.split(None, 1)
    head = words[0].strip(",;:.") if words else ""
    plain = _plain(head)
    if not head or _plain(name).startswith(_BARE_NAMES):
        return None
    for candidate in (plain, plain.split("-", 1)[0]):
        if candidate in _NOUNS:
            return _NOUNS[candidate]
    acronym = head.split("-", 1)[0]
    if acronym.isupper() or (len(acronym) >= 4 and acronym.istitle()):
        return _ACRONYMS.get(_plain(acronym))
    return None


def common_noun(word: str) -> bool:
    """Whether ``word`` is one of the table's common nouns (« Comité », « cellule »), not
    an acronym (« COPIL », « Copil »)."""
    plain = _plain(word.strip(",;:."))
    return plain in _NOUNS or plain.split("-", 1)[0] in _NOUNS


@lru_cache(maxsize=4096)
def with_article(name: str, feminine: bool | None = None) -> str:
    """``name`` as running text uses it: « Association Les Tilleuls » -> « l’Association
    Les Tilleuls », « CCAS de Lyon » -> « le CCAS de Lyon »; an acronym the table does
    not know takes the article of ``feminine``, the gender of the name it stands for
    (« ANPAA » for « Association nationale… »: « l’ANPAA »); a proper name as typed."""
    article = article_of(name, feminine)
    if article is None:
        return name
    return f"{article}{name}" if article == "l’" else f"{article} {name}"


def article_of(name: str, feminine: bool | None = None) -> str | None:
    """The definite article ``name`` takes (« l’ », « la », « le »), or None for a proper
    name; ``feminine``: the gender of an acronym the table does not know."""
    known = feminine_of(name)
    if known is None and feminine is not None and name.split(None, 1)[0].isupper():
        known = feminine
    if known is None:
        return None
    if _plain(name[:1])[:1] in tuple("aeiouyh"):  # « l’Hôpital », « l’Œuvre », « l’EHPAD »
        return "l’"
    return "la" if known else "le"


def gender_of(name: str) -> bool | None:
    """Whether ``name`` is feminine, from its article (« La Maison… », « le Relais ») or
    else its first noun (« l’Association… », « Centre social… »); None if neither says."""
    lowered = name.lower()
    if lowered.startswith(("la ", "le ")):
        return lowered.startswith("la ")
    return feminine_of(name[2:] if lowered.startswith(("l’", "l'")) else name)
