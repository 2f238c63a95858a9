"""The name an organisation goes by in running text when the input gives no appellation.

« de Association Les Tilleuls », « Pour Centre communal d’action sociale de Lyon »
are not French: a name that starts with the common noun of a kind of organisation
takes that noun's definite article (« l’Association Les Tilleuls », « le Centre
communal d’action sociale de Lyon », « le CCAS de Lyon »). A name that starts
otherwise is a proper name (« Emmaüs Connect », « Monsieur Cuenin »), used as typed.
"""

from __future__ import annotations

from collections.abc import Mapping

# The article of each noun that opens the name of a kind of organisation, in lower
# case; « l’ » (typographic apostrophe) before a vowel or a mute « h ».
NOUN_ARTICLES: Mapping[str, str] = {
    # Feminine
    "agence": "l’",
    "alliance": "l’",
    "association": "l’",
    "caisse": "la",
    "chambre": "la",
    "cité": "la",
    "clinique": "la",
    "collectivité": "la",
    "communauté": "la",
    "commune": "la",
    "confédération": "la",
    "congrégation": "la",
    "coopérative": "la",
    "coordination": "la",
    "crèche": "la",
    "direction": "la",
    "entreprise": "l’",
    "fédération": "la",
    "fondation": "la",
    "ligue": "la",
    "mairie": "la",
    "maison": "la",
    "métropole": "la",
    "mutuelle": "la",
    "plateforme": "la",
    "polyclinique": "la",
    "pouponnière": "la",
    "région": "la",
    "résidence": "la",
    "société": "la",
    "union": "l’",
    "ville": "la",
    "œuvre": "l’",
    # Masculine
    "accueil": "l’",
    "cabinet": "le",
    "centre": "le",
    "club": "le",
    "collectif": "le",
    "comité": "le",
    "conseil": "le",
    "département": "le",
    "dispositif": "le",
    "ehpad": "l’",  # written as a noun too (« un Ehpad »)
    "établissement": "l’",
    "foyer": "le",
    "groupe": "le",
    "groupement": "le",
    "hôpital": "l’",
    "institut": "l’",
    "lieu": "le",
    "office": "l’",
    "organisme": "l’",
    "pôle": "le",
    "réseau": "le",
    "secours": "le",
    "service": "le",
    "syndicat": "le",
    "village": "le",
}

# The same for the sector's acronyms, read as their first noun (« l’EHPAD »: the
# establishment; « la MAS »: the house), taken only in capitals: « Mas des Oliviers »,
# « Ars-sur-Moselle » are names.
ACRONYM_ARTICLES: Mapping[str, str] = {
    "adapei": "l’",
    "admr": "l’",
    "apei": "l’",
    "ars": "l’",
    "caarud": "le",
    "cada": "le",
    "caf": "la",
    "camsp": "le",
    "ccas": "le",
    "ch": "le",
    "chrs": "le",
    "chs": "le",
    "chu": "le",
    "cias": "le",
    "clic": "le",
    "cmp": "le",
    "cmpp": "le",
    "cpam": "la",
    "cpts": "la",
    "csapa": "le",
    "dac": "le",
    "ehpa": "l’",
    "ehpad": "l’",
    "epci": "l’",
    "epsm": "l’",
    "esat": "l’",
    "eurl": "l’",
    "fam": "le",
    "gcs": "le",
    "gcsms": "le",
    "ght": "le",
    "gie": "le",
    "gip": "le",
    "ime": "l’",
    "itep": "l’",
    "mas": "la",
    "mdph": "la",
    "mecs": "la",
    "msa": "la",
    "msp": "la",
    "pmi": "la",
    "saad": "le",
    "samsah": "le",
    "sarl": "la",
    "sas": "la",
    "sasu": "la",
    "savs": "le",
    "scic": "la",
    "scop": "la",
    "sessad": "le",
    "siao": "le",
    "spasad": "le",
    "ssiad": "le",
    "udaf": "l’",
    "udccas": "l’",
    "unapei": "l’",
}


def article_of(name: str) -> str | None:
    """The article of ``name``'s first word (« EPSM-EF »: that of « EPSM »), or None
    when it does not name a kind of organisation."""
    words = name.split(None, 1)
    head = words[0].strip(",;:.") if words else ""
    article = NOUN_ARTICLES.get(head.lower())
    if article is None and head.isupper():
        article = ACRONYM_ARTICLES.get(head.split("-", 1)[0].lower())
    return article


def with_article(name: str) -> str:
    """``name`` as running text uses it: « Association Les Tilleuls » -> « l’Association
    Les Tilleuls », « CCAS de Lyon » -> « le CCAS de Lyon »; a proper name as typed."""
    article = article_of(name)
    if article is None:
        return name
    return f"{article}{name}" if article == "l’" else f"{article} {name}"
