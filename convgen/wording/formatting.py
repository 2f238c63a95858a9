"""French formatting for legal documents (domaine.md §F.2), independent of the system locale.

babel supplies dates, numbers and lists in ``fr_FR``; num2words the numbers in
words. The few corrections legal French needs over them are here: « 1er »,
« d'euros » after millions, no « zéro centimes ».
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache

from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal

from convgen.chars import NBSP, NNBSP
from convgen.schema.commun import Frequence
from convgen.schema.partage import DureeConservation, UniteDuree
from convgen.wording import accords

LOCALE = "fr_FR"

RHYTHMS: dict[Frequence, str] = {
    Frequence.HEBDOMADAIRE: "une fois par semaine",
    Frequence.BIMENSUELLE: "deux fois par mois",
    Frequence.MENSUELLE: "une fois par mois",
    Frequence.BIMESTRIELLE: "une fois tous les deux mois",
    Frequence.TRIMESTRIELLE: "une fois par trimestre",
    Frequence.SEMESTRIELLE: "une fois par semestre",
    Frequence.ANNUELLE: "une fois par an",
    Frequence.AD_HOC: "en tant que de besoin, sur convocation",
}

ADJECTIVES: dict[Frequence, str] = {
    Frequence.HEBDOMADAIRE: "hebdomadaire",
    Frequence.BIMENSUELLE: "bimensuelle (deux fois par mois)",
    Frequence.MENSUELLE: "mensuelle",
    Frequence.BIMESTRIELLE: "bimestrielle (tous les deux mois)",
    Frequence.TRIMESTRIELLE: "trimestrielle",
    Frequence.SEMESTRIELLE: "semestrielle",
    Frequence.ANNUELLE: "annuelle",
    Frequence.AD_HOC: "selon les besoins",
}


def long_date(value: dt.date) -> str:
    """``2026-03-01`` -> « 1er mars 2026 » (day without leading zero, month in lower case)."""
    return f"{day_month(value)} {value.year}"


def day_month(value: dt.date) -> str:
    """``2026-03-01`` -> « 1er mars » (a yearly date: the start of a financial year)."""
    text = format_date(value, "d MMMM", locale=LOCALE)
    return "1er" + text[1:] if value.day == 1 else text


def short_date(value: dt.date) -> str:
    """``2026-03-01`` -> « 01/03/2026 » (tables and annexes)."""
    return f"{value:%d/%m/%Y}"


def amount(value: Decimal) -> str:
    """``12500.5`` -> « 12 500,50 € » (narrow no-break spaces, no-break space before €)."""
    if type(value) is Decimal:
        return _amount(str(value))
    return str(format_currency(value, "EUR", locale=LOCALE))


def number(value: Decimal | int) -> str:
    """``12500.5`` -> « 12 500,5 »."""
    if type(value) is Decimal:
        return _number(str(value))
    return str(format_decimal(value, locale=LOCALE))


# Amounts recur from document to document (a batch formats the same few thousand):
# cached by their exact text, which keeps the exponent (« 1.0 » and « 1.00 » are
# equal decimals, printed differently).
@lru_cache(maxsize=4096)
def _amount(text: str) -> str:
    return str(format_currency(Decimal(text), "EUR", locale=LOCALE))


@lru_cache(maxsize=4096)
def _number(text: str) -> str:
    return str(format_decimal(Decimal(text), locale=LOCALE))


def did_you_mean(given: str, candidates: Iterable[str], cutoff: float = 0.6) -> str:
    """« ; vouliez-vous dire « titre » ? » after a name that is close to one of
    ``candidates`` (difflib's ratio ≥ ``cutoff``), else nothing."""
    close = difflib.get_close_matches(given, list(candidates), n=1, cutoff=cutoff)
    return f" ; vouliez-vous dire « {close[0]} » ?" if close else ""


# Re-exported: the rules and the review word their messages with them.
number_in_words = accords.number_in_words
of = accords.of
to = accords.to


def amount_in_words(value: Decimal) -> str:
    """``12500.50`` -> « douze mille cinq cents euros et cinquante centimes »."""
    euros = int(value)
    cents = int((value - euros) * 100)
    parts = []
    if euros or not cents:
        unit = "euro" if euros < 2 else "euros"
        # « un million d'euros », « deux milliards d'euros »: the unit follows « de ».
        linker = " d'" if euros and euros % 1_000_000 == 0 else " "
        parts.append(f"{number_in_words(euros)}{linker}{unit}")
    if cents:
        parts.append(f"{number_in_words(cents)} centime{'s' if cents > 1 else ''}")
    return " et ".join(parts)


def join_list(items: Iterable[object], conjunction: str = "et") -> str:
    """``['A', 'B', 'C']`` -> « A, B et C »."""
    values = [str(item) for item in items]
    if not values:
        return ""
    if conjunction == "ou":
        return str(format_list(values, style="or", locale="fr"))
    return str(format_list(values, style="standard", locale="fr"))


def rhythm(value: Frequence) -> str:
    """``trimestrielle`` -> « une fois par trimestre » (no bimensuel/bimestriel ambiguity)."""
    return RHYTHMS[value]


def frequency_adjective(value: Frequence) -> str:
    """``bimestrielle`` -> « bimestrielle (tous les deux mois) »."""
    return ADJECTIVES[value]


def months(value: int) -> str:
    """``36`` -> « trois (3) ans », ``18`` -> « dix-huit (18) mois »."""
    if value % 12 == 0:
        years = value // 12
        return f"{number_in_words(years)} ({years}){NBSP}an{'s' if years > 1 else ''}"
    return f"{number_in_words(value)} ({value}){NBSP}mois"


def days(value: int) -> str:
    """``90`` -> « quatre-vingt-dix (90) jours »."""
    return f"{number_in_words(value)} ({value}){NBSP}jour{'s' if value > 1 else ''}"


_UNIT_NOUNS = {UniteDuree.JOURS: "jour", UniteDuree.MOIS: "mois", UniteDuree.ANS: "an"}
_FROM = re.compile(r"(?i)^(à compter|a compter|après|apres|depuis|jusqu)")
_OF = re.compile(r"(?i)^(de |du |des |d’|d')")


def retention(value: DureeConservation) -> str:
    """« cinq (5) ans à compter de la fin de l’accompagnement », or the sentence given.

    An incomplete duration is printed as far as it goes (RG-06 asks for the rest): a
    lawyer must see what was agreed, not a silently missing line."""
    duree, unite, start = value.duree, value.unite, value.point_depart
    if value.texte is not None and not value.structured:
        return value.texte
    parts = []
    if duree is not None and unite is not None:
        parts.append(accords.counted(duree, _UNIT_NOUNS[unite]))
    if start is not None:
        if not _FROM.match(start):
            start = "à compter " + (start if _OF.match(start) else accords.of(start))
        parts.append(start)
    return " ".join(parts)


def notice(days_count: int | None, months_count: int | None) -> str | None:
    """A notice as agreed: « trois (3) mois » or « quatre-vingt-dix (90) jours »."""
    if months_count is not None:
        return months(months_count)
    return days(days_count) if days_count is not None else None


def phone(value: str) -> str:
    """``0123456789`` -> « 01 23 45 67 89 »; ``+33123456789`` -> « +33 1 23 45 67 89 »."""
    if re.fullmatch(r"0\d{9}", value):
        return NBSP.join(value[i : i + 2] for i in range(0, 10, 2))
    if re.fullmatch(r"\+33\d{9}", value):
        return NBSP.join(["+33", value[3], *(value[i : i + 2] for i in range(4, 12, 2))])
    return value


def siret(value: str) -> str:
    """``73282932000074`` -> « 732 829 320 00074 » (display only; stored without spaces)."""
    if len(value) == 14 and value.isdigit():
        return NBSP.join([value[0:3], value[3:6], value[6:9], value[9:]])
    return value


def siren(value: str) -> str:
    """``732829320`` -> « 732 829 320 »."""
    if len(value) == 9 and value.isdigit():
        return NBSP.join([value[0:3], value[3:6], value[6:9]])
    return value


class WithOrdinals(str):
    """Wording of the engine (an article number, a legal form) whose « 1er » the
    rendering prints with « er » in superscript. Text typed by a user is printed as
    typed, so it is never of this type."""

    __slots__ = ()


def ordinal(value: int) -> WithOrdinals:
    """Article numbers: ``1`` -> « 1er », ``2`` -> « 2 »."""
    return WithOrdinals("1er" if value == 1 else str(value))


def capitalized(text: str) -> str:
    """First letter in upper case (« l’Escale » -> « L’Escale » at the start of a sentence)."""
    result = text[:1].upper() + text[1:]
    return WithOrdinals(result) if isinstance(text, WithOrdinals) else result


def paragraphs(text: str) -> list[str]:
    """Split input text into paragraphs, one per non-empty line, each as a paragraph of
    the document is written: its first letter a capital, its end a stop when it ends on
    a word, a figure or a closing bracket or quote (« accès aux soins des personnes
    isolées » -> « Accès aux soins des personnes isolées. »). One that ends with other
    punctuation (« : », « ; », « ? », « … ») is left as typed."""
    return [_as_paragraph(line.strip()) for line in text.split("\n") if line.strip()]


def _as_paragraph(line: str) -> str:
    first = line.split(None, 1)[0]
    # A word in lower case, not an item's letter (« a) », « i. »), an address or a name
    # spelled with inner capitals (« www.… », « contact@… », « eHealth »).
    if (first.isalpha() and first.islower()) or _LOWER_WORD.fullmatch(first):
        line = line[0].upper() + line[1:]
    closing = line.rstrip("»\"’' \u00a0\u202f")
    if line[-1].isalnum() or (line[-1] in _CLOSING and closing[-1:] not in _STOPS):
        line += "."
    return line


def list_element(text: str) -> str:
    """An item of a list that continues its lead-in (« s'engage à : »), as such a list is
    written: its first word lowered when it is a verb in the infinitive (« Participer
    aux réunions » -> « participer aux réunions », « Se prononcer » -> « se
    prononcer »). Any other first word (a name, an acronym, a noun) is kept."""
    words = text.split(None, 2)
    if not words:
        return text
    first, second = words[0], words[1] if len(words) > 1 else ""
    reflexive = _REFLEXIVE.fullmatch(first)
    # « Définir le… », « Participer à… », « Veiller au… »: an infinitive opens a phrase
    # whose next word is an article or a preposition; « Olivier Martin anime »,
    # « Isère Habitat met à disposition », « Roger anime » open on a name.
    phrase = _FUNCTION_WORD.fullmatch(second.lower()) and second[:1].islower()
    if reflexive or (_INFINITIVE.fullmatch(first) and first not in _NOT_INFINITIVES and phrase):
        return text[0].lower() + text[1:]
    return text


def list_elements(text: str) -> list[str]:
    """A typed text as the items of such a list, one per non-empty line: a leading dash
    or bullet dropped, a final stop or semicolon dropped (the list puts its own « ; »
    and « . »), an infinitive lowered. [] when the text is prose, to be printed as
    paragraphs: a line holding a sentence end, or one opening on a capitalised word
    that is not an infinitive (« Le comité valide le budget »)."""
    items = []
    for line in text.split("\n"):
        item = _BULLET.sub("", line).strip().rstrip(f";,{NBSP}{NNBSP} ")
        if item.endswith(".") and not item.endswith(("..", "etc.")):
            item = item[:-1].rstrip()
        if not item:
            continue
        first = item.split(None, 1)[0]
        if _SENTENCE_END.search(item) or (first[0].isupper() and item == list_element(item)):
            return []
        items.append(list_element(item))
    return items


_INFINITIVE = re.compile(r"[A-ZÀÂÇÉÈÊÎÔÛ][a-zàâçéèêëîïôûùüÿœ-]+(?:er|ir|re|oir)")
_REFLEXIVE = re.compile(r"(?:Se|S['’][a-zàâçéèêëîïôûùüÿœ]+(?:er|ir|re|oir))")
_FUNCTION_WORD = re.compile(
    r"(?:le|la|les|l['’]\S*|un|une|des|du|de|d['’]\S*|à|au|aux|en|sur|avec|pour|par|"
    r"chaque|tout|toute|tous|toutes|leur|leurs|ses|son|sa|ce|cet|cette|ces|dans|entre|"
    r"auprès|y|vers|chez|sans|sous|selon|dès|depuis|afin|ensemble|\w+ment)"
)
# Words of that shape that open an item without being a verb.
_NOT_INFINITIVES = frozenset(
    {
        "Autre", "Cadre", "Centre", "Contre", "Dernier", "Dossier", "Entre", "Lettre",
        "Membre", "Nombre", "Notre", "Offre", "Ordre", "Outre", "Pierre", "Premier",
        "Quartier", "Titre", "Votre",
    }
)  # fmt: skip
_BULLET = re.compile(r"^\s*(?:[-–—•*·]\s+|\d+[.)]\s+)")
_SENTENCE_END = re.compile(r"[.!?]\s+\S")


@lru_cache(maxsize=1)
def month_names() -> tuple[str, ...]:
    """« janvier » … « décembre », in the order of the calendar (found on first use)."""
    return tuple(
        format_date(dt.date(2026, month, 1), "MMMM", locale=LOCALE) for month in range(1, 13)
    )


def list_item(text: str) -> str:
    """An answer printed as an item of a list the template closes with « ; » or « . »
    (« Organiser des formations. » -> « organiser des formations »): its first word in
    lower case unless it is an acronym or spelled with inner capitals (« ARS »,
    « eHealth »), its own closing stop dropped. The items it serves are verbs in the
    infinitive (« organiser… »), as the list's lead-in asks."""
    item = text.strip().rstrip(" .;\u00a0\u202f")
    first = item.split(None, 1)[0] if item else ""
    letters = [c for c in first if c.isalpha()]
    # « Organiser », « À », « Co-construire »: only the first letter in upper case.
    if letters and letters[0].isupper() and not any(c.isupper() for c in letters[1:]):
        item = item[0].lower() + item[1:]
    return item


_CLOSING = ")]»\"’'%€"
_STOPS = ".!?…"
# A first word in lower case with its apostrophe or hyphen (« l’accès », « e-santé »),
# followed by its punctuation (« accès, »), not an item's letter (« a) », « i. »).
_LOWER_WORD = re.compile(r"[^\W\d_A-Z](?:[^\W\d_A-Z]+|[’'-][^\W\d_]+)(?:[’'-][^\W\d_]+)*[,;:]?")


_TYPOGRAPHY_NEEDED = re.compile(
    r"[;:!?«»'\"]|n° |\d |\d[%‰€]|\. \d|\b(?:MM?\.|Mmes?|Mlle|Me|Dr|Pr) "
)
# "Les Jardins" typed on a keyboard: French quotation marks, or English ones inside « ».
# A pair opens at the start or after a space or bracket and closes before a space,
# punctuation or the end: never after a figure (24" for inches) or inside a word.
_STRAIGHT_QUOTES = re.compile(r'(?<![\w"])"(?=\S)([^"\n]*?[^\s"])"(?![\w"])')
_BEFORE_NARROW = re.compile(f"[ {NBSP}](?=[;!?])")
_BEFORE_COLON = re.compile(f"[ {NNBSP}](?=:)")
_AFTER_OPEN_QUOTE = re.compile(f"«[ {NBSP}{NNBSP}]?")
_BEFORE_CLOSE_QUOTE = re.compile(f"[ {NBSP}{NNBSP}]?»")
# After a letter, before a letter or a figure (« d’un », « d’1 sur 4 »; œ, Œ, Ÿ too).
_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=[^\W_]|«)")
_NUMERO = re.compile(r"\bn° ")
# « L. 226-2-2 », « art. 9 », « R. 312-194-7 » : the abbreviation stays with its number.
_ABBREVIATION = re.compile(r"\b(L|R|D|A|art|Art|al|p)\. (?=\d)")
# « M. Dupont », « Mme Rahmani », « Dr Martin » : the title stays with the name.
_TITLE = re.compile(r"\b(MM?\.|Mmes?|Mlle|Me|Dr|Pr) (?=[A-ZÀ-ÖØ-Þ])")
# « 20 000 euros » : groups of thousands held together by a narrow no-break space.
_THOUSANDS = re.compile(r"(?<![\d,.])(\d{1,3})((?: \d{3})+)(?!\d)")
# « 30 % », « 12 € », « 3 mois » : a number stays with its unit or sign.
_UNIT = re.compile(
    r"(?<=\d) (?=(?:%|€|‰|km|kg|m²|m|h|min|ans?|mois|jours?|semaines?|heures?|euros?"
    r"|places|lits|ETP)(?![\w]))"
)

# « 80% », « 12€ » typed without a space: French sets the sign apart (« 80 % »); not in
# an address's escapes (« %20 », « %C3 »), written in capitals (« 50%de » is a typo).
_GLUED_SIGN = re.compile(r"(?<=\d)(?=%(?![0-9A-F]{2})|[‰€])")


def _quoted(match: re.Match[str]) -> str:
    """« » around a quotation; “ ” when it stands inside French quotation marks."""
    before = match.string[: match.start()]
    inside = before.count("«") > before.count("»")
    return f"“{match.group(1)}”" if inside else f"«{match.group(1)}»"


def typography(text: str) -> str:
    """French spacing: no-break spaces before « ; : ! ? », inside « », after « n° », the
    legal abbreviations before a number (« L. 226-2-2 », « art. 9 ») and the titles
    before a name (« M. Dupont »), between a number and its unit or sign (« 30 % »,
    « 12 € », « 3 mois »; a sign typed against its number too: « 80% »), narrow ones
    between groups of thousands (« 20 000 ») ;
    typographic apostrophe after a letter; straight double quotes, in pairs, made
    French (« »), or English (“ ”) inside French ones.

    Only the spaces and quotation marks the writer typed are changed, and the space a
    sign lacks: « 14:30 », a telephone number or an address stays as it is.
    """
    if not _TYPOGRAPHY_NEEDED.search(text):
        return text
    if '"' in text:
        text = _STRAIGHT_QUOTES.sub(_quoted, text)
    text = _BEFORE_NARROW.sub(NNBSP, text)
    text = _BEFORE_COLON.sub(NBSP, text)
    text = _AFTER_OPEN_QUOTE.sub("«" + NBSP, text)
    text = _BEFORE_CLOSE_QUOTE.sub(NBSP + "»", text)
    text = _NUMERO.sub("n°" + NBSP, text)
    text = _ABBREVIATION.sub(lambda m: f"{m.group(1)}.{NBSP}", text)
    text = _TITLE.sub(lambda m: m.group(1) + NBSP, text)
    text = _THOUSANDS.sub(lambda m: m.group(1) + m.group(2).replace(" ", NNBSP), text)
    text = _UNIT.sub(NBSP, text)
    text = _GLUED_SIGN.sub(NBSP, text)
    return _APOSTROPHE.sub("’", text)
