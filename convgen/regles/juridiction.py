"""JU-*: the competent court is not chosen; the input's court is only compared with the
public or private nature of the parties (domaine.md §J.5), and an administrative
court's seat with the list of the code. Replaces CP-13."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator

from convgen.errors import Severity
from convgen.regles.base import ALL_DOCUMENTS, Finding, Level, RuleContext, noun, rule
from convgen.regles.ressorts import COURT_OF, departement, departement_name
from convgen.regles.texte_libre import plain
from convgen.schema.charte_reseau import CharteReseau
from convgen.schema.commun import (
    Juridiction,
    Litiges,
    Nature,
    Organisation,
    QualificationContrat,
)
from convgen.schema.convention_gcsms import ConventionGcsms
from convgen.schema.document import SharedDocument
from convgen.wording.formatting import join_list
from convgen.wording.libelles import label

_NATURES = {
    frozenset({True}): ("publiques", Juridiction.TRIBUNAL_ADMINISTRATIF),
    frozenset({False}): ("privées", Juridiction.TRIBUNAL_JUDICIAIRE),
}

# Mixed parties: the court follows the contract's nature once it is stated and reasoned.
_QUALIFIED = {
    QualificationContrat.ADMINISTRATIF: Juridiction.TRIBUNAL_ADMINISTRATIF,
    QualificationContrat.PRIVE: Juridiction.TRIBUNAL_JUDICIAIRE,
}


def deduced_court(organisations: Iterable[Organisation], litiges: Litiges) -> Juridiction | None:
    """The order of courts that follows from the parties' nature (all public:
    administrative; all private: judicial) or, between public and private parties, from
    the contract's nature once stated and reasoned; None while it is to be determined."""
    publics = frozenset(o.nature is Nature.PUBLIC for o in organisations)
    if publics in _NATURES:
        return _NATURES[publics][1]
    qualification = litiges.qualification_contrat
    if qualification is not None and litiges.motif_qualification:
        return _QUALIFIED.get(qualification)
    return None


def _litiges(doc: SharedDocument) -> Litiges | None:
    litiges: Litiges | None = getattr(doc, "litiges", None)
    return litiges


@rule(
    "JU-01",
    documents=ALL_DOCUMENTS,
    level=Level.C_P,
    source="C. civ. 2060 ; CPC 48 ; séparation des ordres de juridiction",
    title="Règlement amiable avec délai, puis la juridiction compétente, sans choix motivé",
)
def no_chosen_court(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    litiges = _litiges(doc)
    if litiges is None:
        return
    if litiges.motif_juridiction is not None:
        yield Finding(
            ("litiges", "motif_juridiction"),
            "La juridiction compétente ne se choisit pas : le motif saisi n'est plus imprimé ; "
            "retirez motif_juridiction (la clause renvoie à « la juridiction compétente »).",
        )
    if litiges.reglement_amiable and litiges.delai_amiable_jours is None:
        yield Finding(
            ("litiges", "delai_amiable_jours"),
            "Chiffrez le délai du règlement amiable (delai_amiable_jours) : il fixe le moment "
            "où une Partie peut saisir la juridiction compétente.",
        )


@rule(
    "JU-02",
    documents=ALL_DOCUMENTS,
    level=Level.P,
    source="TC 1983 UAP ; CE 1956 Époux Bertin ; TC 2014 Axa France IARD",
    title="Juridiction indiquée cohérente avec la nature des parties (indication)",
)
def court_matches_parties(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    litiges = _litiges(doc)
    if litiges is None or not doc.organisations:  # no party yet: nothing to compare with
        return
    deduced = deduced_court(doc.organisations, litiges)
    if deduced is litiges.juridiction:
        return
    path = ("litiges", "juridiction")
    indicated = label(litiges.juridiction)
    publics = frozenset(o.nature is Nature.PUBLIC for o in doc.organisations)
    qualification = litiges.qualification_contrat
    if publics in _NATURES:  # the parties' nature decides
        natures, court = _NATURES[publics]
        yield Finding(
            path,
            f"Les parties sont {natures} : la juridiction indiquée ({indicated}) "
            f"n'est pas celle qui se déduit de leur nature ({label(court)}), et le document "
            "renvoie à « la juridiction compétente » sans la nommer ; corrigez la juridiction "
            "ou faites vérifier la nature du contrat.",
        )
    elif deduced is not None and qualification is not None:  # mixed: stated and reasoned
        yield Finding(
            path,
            "Les parties sont publiques et privées et le contrat est qualifié de "
            f"{label(qualification)} : la juridiction indiquée ({indicated}) "
            f"n'est pas celle qui s'en déduit ({label(deduced)}), et le document renvoie à « la "
            "juridiction compétente » sans la nommer ; corrigez la juridiction ou la "
            "qualification.",
        )
    else:
        yield Finding(
            path,
            f"Les parties sont publiques et privées : la juridiction indiquée ({indicated}) "
            "dépend de la nature du contrat, et le document renvoie à « la juridiction "
            "compétente » sans la nommer ; faites vérifier la nature du contrat et "
            f"{_missing_qualification(litiges)}.",
        )


def _missing_qualification(litiges: Litiges) -> str:
    """What the input still lacks for mixed parties' court to follow from the contract."""
    qualification = litiges.qualification_contrat
    if qualification is None or qualification is QualificationContrat.A_DETERMINER:
        if litiges.motif_qualification:
            return "indiquez-la (qualification_contrat)"
        return "indiquez-la (qualification_contrat), avec son motif (motif_qualification)"
    return "motivez sa qualification (motif_qualification)"


@rule(
    "JU-03",
    documents=ALL_DOCUMENTS,
    level=Level.P,
    source="CJA R. 312-1, R. 312-11 ; CPC 42, 46, 48",
    title="Siège du tribunal administratif : lieu d'exécution ; aucun tribunal judiciaire nommé",
)
def court_seat(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    """The template never names a judicial court (a clause naming one between private
    persons who are not traders is deemed unwritten); an administrative court is the one of
    the place of execution, which the input must give."""
    litiges = _litiges(doc)
    if litiges is None:
        return
    if litiges.juridiction is Juridiction.TRIBUNAL_JUDICIAIRE:
        if litiges.ressort is not None:
            yield Finding(
                ("litiges", "ressort"),
                f"Le siège d'un tribunal administratif (ressort : « {litiges.ressort} ») est "
                "indiqué alors que la juridiction est le tribunal judiciaire, qui n'est "
                "jamais nommé : il n'est pas imprimé ; retirez-le, ou choisissez le tribunal "
                "administratif.",
            )
        return
    if litiges.ressort is None and litiges.lieu_execution is None:
        yield Finding(
            ("litiges", "lieu_execution"),
            f"Indiquez le lieu d'exécution de la {noun(doc)} (lieu_execution) ou la ville du "
            "tribunal administratif (ressort) : le tribunal compétent est celui du lieu "
            "d'exécution.",
        )


# The seats of the administrative courts (CJA, art. R. 221-3): the mainland courts by
# their town, the overseas ones by their territory, as their name says (« le tribunal
# administratif de la Guadeloupe »).
_MAINLAND_SEATS = (
    "Amiens", "Bastia", "Besançon", "Bordeaux", "Caen", "Cergy-Pontoise",
    "Châlons-en-Champagne", "Clermont-Ferrand", "Dijon", "Grenoble", "Lille", "Limoges",
    "Lyon", "Marseille", "Melun", "Montpellier", "Montreuil", "Nancy", "Nantes", "Nice",
    "Nîmes", "Orléans", "Paris", "Pau", "Poitiers", "Rennes", "Rouen", "Strasbourg",
    "Toulon", "Toulouse", "Versailles",
)  # fmt: skip
_OVERSEAS_COURTS = (
    "la Guadeloupe", "la Guyane", "la Martinique", "Mayotte", "La Réunion",
    "Saint-Pierre-et-Miquelon", "Saint-Barthélemy", "Saint-Martin", "Wallis-et-Futuna",
    "la Nouvelle-Calédonie", "la Polynésie française",
)  # fmt: skip
SEATS = _MAINLAND_SEATS + _OVERSEAS_COURTS
# The town where an overseas court sits, written for its name: said with the court's name.
_SEAT_TOWNS = {
    "Basse-Terre": "la Guadeloupe", "Cayenne": "la Guyane", "Fort-de-France": "la Martinique",
    "Mamoudzou": "Mayotte", "Mata-Utu": "Wallis-et-Futuna", "Nouméa": "la Nouvelle-Calédonie",
    "Papeete": "la Polynésie française",
}  # fmt: skip
# Towns that are the seat of one court and the name of a place under another.
# Seats two courts may be meant by: the courts, and what the warning says.
_AMBIGUOUS: dict[str, tuple[frozenset[str], str]] = {
    "saint denis": (
        frozenset({"La Réunion", "Montreuil"}),
        "le tribunal administratif de La Réunion siège à Saint-Denis, mais Saint-Denis "
        "(Seine-Saint-Denis) relève de celui de Montreuil : écrivez « La Réunion » ou "
        "« Montreuil »",
    ),
    "saint pierre": (
        frozenset({"Saint-Pierre-et-Miquelon", "La Réunion"}),
        "le tribunal administratif de Saint-Pierre-et-Miquelon siège à Saint-Pierre, mais "
        "Saint-Pierre (La Réunion) relève de celui de La Réunion : écrivez "
        "« Saint-Pierre-et-Miquelon » ou « La Réunion »",
    ),
}


def _named_court(doc: SharedDocument) -> tuple[Litiges, str] | None:
    """The disputes clause and the seat it names, when it names an administrative court."""
    litiges = _litiges(doc)
    if (
        litiges is None
        or litiges.juridiction is not Juridiction.TRIBUNAL_ADMINISTRATIF
        or litiges.ressort is None
    ):
        return None
    return litiges, litiges.ressort.strip()


def _seat_key(name: str) -> str:
    """« Tribunal administratif de Cergy Pontoise », « cergy-pontoise » and « Lyon
    (Rhône) » alike: the name without its article, accents, hyphens or what follows it."""
    key = re.split(r"[(,]|\s\d", plain(name))[0]
    key = re.sub(r"[-'’\s]+", " ", key).strip()
    key = re.sub(r"^(?:le )?(?:tribunal administratif|ta) (?:de |d )?", "", key)
    return re.sub(r"^(?:la |le |l )", "", key)


_KNOWN_SEATS = {_seat_key(seat): seat for seat in SEATS} | {
    _seat_key(town): court for town, court in _SEAT_TOWNS.items()
}


@rule(
    "JU-04",
    documents=ALL_DOCUMENTS,
    level=Level.C,
    source="CJA R. 221-3",
    title="Ressort : la ville d'un tribunal administratif qui existe",
)
def existing_court(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    """The seat given for the administrative court is that of one of the courts the
    code lists: a clause naming a court that does not exist designates none. A seat
    written otherwise than its name (« Besancon », « Tribunal administratif de Lyon »,
    « Lyon (Rhône) », which the document would print after « le tribunal administratif
    de »), or a town that may mean two courts, warns."""
    named = _named_court(doc)
    if named is None:
        return
    litiges, written = named
    key = _seat_key(written)
    if key in _AMBIGUOUS:
        yield Finding(
            ("litiges", "ressort"),
            f"« {written} » peut désigner deux tribunaux : {_AMBIGUOUS[key][1]}.",
            Severity.AVERTISSEMENT,
        )
        return
    seat = _KNOWN_SEATS.get(key)
    if seat is not None:
        if written != seat:
            yield Finding(
                ("litiges", "ressort"),
                f"Écrivez « {seat} » : c'est le nom du tribunal administratif, que le "
                "document imprime après « le tribunal administratif de ».",
                Severity.AVERTISSEMENT,
            )
        return
    close = difflib.get_close_matches(key, _KNOWN_SEATS, n=1, cutoff=0.8)
    if close:
        yield Finding(
            ("litiges", "ressort"),
            f"Il n'y a pas de tribunal administratif à « {written} » (code de justice "
            f"administrative, art. R. 221-3) : vouliez-vous dire « {_KNOWN_SEATS[close[0]]} » ?",
        )
        return
    yield Finding(
        ("litiges", "ressort"),
        f"Il n'y a pas de tribunal administratif à « {written} » (code de justice "
        "administrative, art. R. 221-3) : indiquez la ville du tribunal administratif dans "
        f"le ressort duquel la {noun(doc)} s'exécute ({_for_example(doc, litiges)}), ou, à "
        "la place, la commune où elle s'exécute (lieu_execution).",
    )


def _for_example(doc: SharedDocument, litiges: Litiges) -> str:
    """« pour la Gironde, Bordeaux », from the place of execution or the parties."""
    places = _courts_of_the_place(doc, litiges)
    if not places:
        return "par exemple Lyon pour une commune du Rhône"
    return " ; ".join(
        f"pour {join_list([departement_name(d) for d in deps], 'ou')}, {_seat(court)}"
        for court, deps in places.items()
    )


def _seat(court: str) -> str:
    return court[0].upper() + court[1:]


_POSTAL_CODE = re.compile(r"(?<!\d)\d{2}\s?\d{3}(?!\d)")


def _courts_of_the_place(doc: SharedDocument, litiges: Litiges) -> dict[str, list[str]]:
    """The courts of the place of execution: its postal code (« Schiltigheim (67300) »),
    or that of an address of the document in the town it names (« Mulhouse »); when it
    names another town, none (nothing to compare). Without a place of execution, the
    courts of the addresses (a GCSMS's seat included): court -> the départements it
    covers."""
    addresses = [o.adresse for o in doc.organisations]
    if isinstance(doc, ConventionGcsms):
        addresses.append(doc.siege)
    codes = [a.code_postal for a in addresses]
    if litiges.lieu_execution:
        place = litiges.lieu_execution
        codes = [m.replace(" ", "") for m in _POSTAL_CODE.findall(place)] or [
            a.code_postal for a in addresses if _town(a.commune) in _town(place)
        ]
    courts: dict[str, list[str]] = {}
    for code in codes:
        dep = departement(code)
        if dep is not None and dep not in courts.setdefault(COURT_OF[dep], []):
            courts[COURT_OF[dep]].append(dep)
    return {court: deps for court, deps in courts.items() if deps}


def _town(name: str) -> str:
    """« Saint-Denis », « saint denis » alike, between spaces to match whole words."""
    words = _SEPARATORS.sub(" ", plain(name)).strip()
    return f" {words} "


_SEPARATORS = re.compile(r"[-'’\s]+")


@rule(
    "JU-05",
    documents=ALL_DOCUMENTS,
    level=Level.P,
    source="CJA R. 221-3, R. 312-11",
    title="Ressort : le tribunal administratif du lieu d'exécution",
    explanation="Le tribunal administratif compétent pour un contrat est celui du lieu où il "
    "s'exécute. convgen compare le tribunal indiqué (ressort) avec le département du lieu "
    "d'exécution quand il porte un code postal (« Schiltigheim (67300) »), sinon avec ceux "
    "des adresses des parties : un tribunal qui n'est celui d'aucun d'eux est signalé. Le "
    "code postal guide sans trancher (quelques communes sont desservies par le bureau d'un "
    "département voisin) : c'est un avertissement.",
)
def court_of_the_place(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    named = _named_court(doc)
    if named is None:
        return
    litiges, written = named
    key = _seat_key(written)
    seat = _KNOWN_SEATS.get(key)
    meant = {seat} if seat is not None else set(_AMBIGUOUS.get(key, (frozenset(), ""))[0])
    places = _courts_of_the_place(doc, litiges)
    if not meant or not places or meant & set(places):
        return
    where = (
        "le lieu d'exécution indiqué"
        if litiges.lieu_execution and _POSTAL_CODE.search(litiges.lieu_execution)
        else f"les adresses {_of_whom(doc)}"
    )
    covered = ", ".join(
        f"{join_list(names)} {'relèvent' if _plural(names) else 'relève'} de celui de {court}"
        for court, names in ((c, [departement_name(d) for d in deps]) for c, deps in places.items())
    )
    court = f"de {seat}" if seat is not None else f"de « {written} »"
    yield Finding(
        ("litiges", "ressort"),
        f"Le tribunal administratif {court} n'a pas dans son ressort {where} (code de "
        f"justice administrative, art. R. 221-3) : {covered}. Le tribunal compétent est "
        "celui du lieu d'exécution (art. R. 312-11) : vérifiez le ressort.",
    )


def _of_whom(doc: SharedDocument) -> str:
    if isinstance(doc, ConventionGcsms):
        return "du groupement et de ses membres"
    return "des membres" if isinstance(doc, CharteReseau) else "des parties"


def _plural(names: list[str]) -> bool:
    return len(names) > 1 or names[0].startswith("les ")
