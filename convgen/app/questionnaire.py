"""The atelier's questionnaire, generated from the schema: sections, questions, conditions.

Nothing here copies the schema: each question comes from a model field, its French
title and help from ``schema.descriptions``, its choices from ``wording.libelles``.
Only when a question applies (``CONDITIONS``) is domain knowledge of its own.
"""

from __future__ import annotations

import datetime as dt
import re
import types
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum, StrEnum
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from convgen.errors import DataPath, Problem
from convgen.schema.base import (
    ADVISED,
    IN_SOME_CASES,
    TO_COMPLETE,
    Booleen,
    Code,
    Date,
    Entier,
    EntierPositif,
    Montant,
    MontantVerse,
    TexteLong,
)
from convgen.schema.commun import Frequence
from convgen.schema.descriptions import DATE_HELP
from convgen.schema.introspection import unwrap
from convgen.validation.labels import item_noun, numbered, title_of
from convgen.validation.messages import format_path
from convgen.wording.accords import elide
from convgen.wording.formatting import frequency_adjective, month_names
from convgen.wording.libelles import LABELS

# field -> (governing field, relative to the same object; values under which the field
# applies, None meaning « when the governing field is filled »). Booleans read oui/non.
CONDITIONS: Mapping[str, tuple[str, tuple[str, ...] | None]] = {
    "forme_juridique_precision": ("forme_juridique", ("autre", "societe")),
    "delegation": ("signataire.nom", None),
    "premiere_echeance": ("periodicite", None),
    # The administrative court only: a judicial court is never named (JU-03).
    "ressort": ("juridiction", ("tribunal_administratif",)),
    "lieu_execution": ("juridiction", ("tribunal_administratif",)),
    "consentement": ("base_legale", ("hors_equipe_l1110_4", "consentement")),
    "structure_cooperation": ("base_legale", ("equipe_soins_l1110_4",)),
    "information_autorite_parentale": ("concerne_mineurs", ("oui",)),
    "motif_absence_information": ("concerne_mineurs", ("oui",)),
    "appreciation_par": ("motif_absence_information", None),
    "meme_personne_ou_famille": ("base_legale", ("action_sociale_l121_6_2",)),
    "exception_art9": ("donnees_sante", ("oui",)),
    "Capital.montant": ("avec_capital", ("oui",)),
    "duree_annees": ("type", ("determinee",)),
    "Personnels.regime": ("recrutement_propre", ("oui",)),
    "Capital.sans_cout_fonctionnement": ("avec_capital", ("non",)),
    "nombre_reconductions": ("reconduction", ("expresse", "tacite")),
    "duree_reconduction_mois": ("reconduction", ("expresse", "tacite")),
    "preavis_non_reconduction_jours": ("reconduction", ("expresse", "tacite")),
    "preavis_non_reconduction_mois": ("reconduction", ("expresse", "tacite")),
    "delai_amiable_jours": ("reglement_amiable", ("oui",)),
}
# A top-level question governed by an answer of another section (which the page cannot
# read): said « sans objet » by the server while that answer excludes it, unless it
# holds an answer already (which its rule then reports). Same form as CONDITIONS.
ACROSS: Mapping[str, tuple[str, tuple[str, ...]]] = {
    # A public accountant for public accounting only (CASF R. 312-194-16; GC-41).
    "agent_comptable": ("comptabilite", ("publique",)),
    # The documents of a réseau de santé (CSP D. 6321-1 and following; CR-07).
    "reseau_sante": ("type_reseau", ("sante",)),
}

Kind = Literal[
    "organisation",
    "texte",
    "texte_long",
    "date",
    "montant",
    "nombre",
    "oui_non",
    "choix",
    "groupe",
    "liste",
]


@dataclass
class Condition:
    governing: str  # the form name of the governing question
    values: tuple[str, ...] | None


@dataclass
class Question:
    name: str  # the data path as messages print it: ``parties[1].siret``
    path: DataPath
    kind: Kind
    label: str
    help: str = ""
    required: bool = False
    # Optional in a draft, asked of the final version (``schema.base.to_be_completed``).
    to_complete: bool = False
    advised: bool = False  # usual, not required: « (conseillé) »
    # Asked of the final version in some cases only, which its rule says (« autre »
    # among the missions): « à compléter le cas échéant ».
    in_some_cases: bool = False
    value: str = ""
    default: str = ""
    # « Sans objet » and why, for a question another section's answer excludes (ACROSS).
    inapplicable: str = ""
    # Whom a rule asks it of, for an optional group some answers make required
    # (« obligatoire pour une commune, un département, un CCAS ou un CIAS »): shown open.
    asked_of: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    item_kind: str = ""  # for a list: the kind of its elements
    add_label: str = ""  # for a list of groups: « Ajouter une partie »
    remove_label: str = ""  # for an element of a list: « Retirer la partie n° 2 »
    children: list[Question] = field(default_factory=list)
    condition: Condition | None = None
    problems: list[Problem] = field(default_factory=list)
    # An element just added, or a group holding one: shown open, though still empty.
    fresh: bool = False

    @property
    def answered(self) -> bool:
        """Something is written or to be fixed here (an empty optional group folds)."""
        return bool(self.value or self.problems) or any(c.answered for c in self.children)

    @property
    def reproached(self) -> str:
        """What the problems shown on this question or within it ask of it, while nothing
        is written in it: an optional group a rule asks for here is « à renseigner pour
        ce document » (an error) or « conseillé pour ce document » (warnings only), shown
        open rather than folded as « (facultatif) » (a director clicked it to open it,
        and closed it); "" when nothing is reproached, or something is written."""
        if any(question.value for question in self.walk()):
            return ""  # answered: the problems speak of the answers, not of the group
        found = [problem for question in self.walk() for problem in question.problems]
        if any(problem.is_error for problem in found):
            return "à renseigner pour ce document"
        return "conseillé pour ce document" if found else ""

    def walk(self) -> Iterator[Question]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Section:
    key: str  # the first top-level field: the section's address
    title: str
    fields: tuple[str, ...]


def sections(model: type[BaseModel]) -> list[Section]:
    """The model's top-level fields in the document's order; consecutive plain fields
    share one section, each group or list has its own."""
    found: list[Section] = []
    pending: list[str] = []
    for name, info in model.model_fields.items():
        if name == "type":
            continue
        if kind_of(info.rebuild_annotation())[0] in ("groupe", "liste"):
            found += [*_plain_section(model, pending), _section(model, [name])]
            pending = []
        else:
            pending.append(name)
    return found + _plain_section(model, pending)


def _plain_section(model: type[BaseModel], names: list[str]) -> list[Section]:
    return [_section(model, names)] if names else []


def _section(model: type[BaseModel], names: list[str]) -> Section:
    titles = [title_of(model, name)[0] for name in names]
    titles[1:] = [t[0].lower() + t[1:] if t[1:2].islower() else t for t in titles[1:]]
    title = titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + " et " + titles[-1]
    return Section(names[0], title[0].upper() + title[1:], tuple(names))


def section_of(path: DataPath | str, all_sections: Sequence[Section]) -> Section | None:
    """The section holding a data path (or a printed one: ``parties[1].siret``)."""
    head = path[0] if isinstance(path, tuple) and path else str(path)
    head = str(head).split(".")[0].split("[")[0]
    return next((s for s in all_sections if head in s.fields), None)


def questions(model: type[BaseModel], data: Mapping[str, Any], section: Section) -> list[Question]:
    """The questions of ``section`` with the answers found in ``data``."""
    found = [_question(model, name, data, ()) for name in section.fields]
    for top in found:
        _drop_foreign(top, model.__name__)
        for question in top.walk():
            question.asked_of = _ASKED_OF.get((model.__name__, str(question.path[-1])), "")
        top.inapplicable = _excluded(model, top, data)
        if top.inapplicable:
            top.children = []
    codes = declared_codes(data)
    for question in (q for top in found for q in top.walk()):
        _offer_codes(question, codes)
    return found


def declared_codes(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(code, name) of the organisations the file declares (parties, membres)."""
    found = []
    for value in data.values():
        for item in value if isinstance(value, list) else []:
            if isinstance(item, Mapping) and isinstance(item.get("code"), str):
                found.append((item["code"], str(item.get("denomination") or item["code"])))
    return found


def _offer_codes(question: Question, codes: list[tuple[str, str]]) -> None:
    """A reference to an organisation is chosen among those declared, not typed."""
    if question.kind == "liste" and question.item_kind == "organisation":
        question.item_kind, question.choices = "choix", tuple(codes)
        question.help = ""  # « codes des parties qui… »: the list offers their names
    if question.kind != "organisation":
        return
    if question.path[-1] == "code":  # the organisation's own code is typed
        question.kind = "texte"
        return
    known = [code for code, _ in codes]
    unknown = [] if question.value in [*known, ""] else [(question.value, question.value)]
    question.kind, question.choices = "choix", (*codes, *unknown)
    question.help = ""  # « code d'une organisation déclarée… » speaks of the YAML file


# Optional groups that a rule asks of some answers, by document type and field: what the
# page says of them (open, not folded away as « facultatif »): the deliberation that
# authorises a signature (SG-01, SG-02; a GCSMS member's is to be completed, GC-33).
_ASKED_OF = {
    (document, "habilitation"): "obligatoire pour une commune, un département, un CCAS ou un CIAS"
    for document in ("ConventionPartenariat", "CharteReseau")
}


# Fields of a shared group that one document type only reads, by the name of its model:
# the version of the draft a deliberation approved (every member of a GCSMS approves
# the same, R. 312-194-6 CASF). Asked of another type only if its file has one.
_ONLY_OF = {"version_projet": "ConventionGcsms"}


def _excluded(model: type[BaseModel], question: Question, data: Mapping[str, Any]) -> str:
    """Why a top-level question is « sans objet » (ACROSS), or ""."""
    across = ACROSS.get(str(question.path[0]))
    if across is None or question.answered:
        return ""
    governing, values = across
    given = answer_text(data.get(governing))
    if not given or given in values:
        return ""
    shown = dict(choices(unwrap(model.model_fields[governing].annotation))).get(given, given)
    return f"sans objet, la réponse à « {title_of(model, governing)[0]} » étant « {shown} »"


def _drop_foreign(question: Question, document: str) -> None:
    """Leave out the questions ``_ONLY_OF`` keeps for another document type."""
    question.children = [
        child
        for child in question.children
        if _ONLY_OF.get(str(child.path[-1]), document) == document or child.answered
    ]
    for child in question.children:
        _drop_foreign(child, document)


# Fields kept so that older files still load, no longer printed: asked only of a file
# that has one (to let its author empty it), never of a new document.
_RETIRED = frozenset({"Litiges.motif_juridiction"})


def _retired(model: type[BaseModel], name: str, data: Any) -> bool:
    answered = isinstance(data, Mapping) and data.get(name) not in (None, "")
    return f"{model.__name__}.{name}" in _RETIRED and not answered


def _question(model: type[BaseModel], name: str, data: Any, parent: DataPath) -> Question:
    info = model.model_fields[name]
    kind, inner = kind_of(info.rebuild_annotation())
    title, help_text = title_of(model, name)
    path = (*parent, name)
    value = data.get(name) if isinstance(data, Mapping) else None
    question = Question(format_path(path), path, kind, title, required=info.is_required())
    question.help = _web_help(help_text, kind, choices(unwrap(inner)) if kind == "choix" else ())
    question.condition = _condition(model, name, parent)
    extra = info.json_schema_extra
    question.to_complete = isinstance(extra, Mapping) and TO_COMPLETE in extra
    question.advised = isinstance(extra, Mapping) and ADVISED in extra
    question.in_some_cases = isinstance(extra, Mapping) and IN_SOME_CASES in extra
    if kind == "groupe":
        if isinstance(value, str) and "texte" in inner.model_fields:
            value = {"texte": value}  # a group written as one sentence (a retention period)
        question.children = [
            _question(inner, child, value, path)
            for child in inner.model_fields
            if not _retired(inner, child, value)
        ]
    elif kind == "liste":
        items = value if isinstance(value, list) else []
        question.item_kind = kind_of(inner)[0]
        question.choices = choices(unwrap(inner))
        noun = item_noun(model, name)
        if noun:
            question.add_label = f"Ajouter {'une' if noun[1] else 'un'} {noun[0]}"
        else:
            question.add_label = f"Ajouter : {title[0].lower()}{title[1:]}"
        question.children = [
            _item(inner, item, (*path, i), title, noun) for i, item in enumerate(items)
        ]
    else:
        _fill_leaf(question, inner, value, info)
    return question


def _item(
    inner: Any, value: Any, path: DataPath, title: str, noun: tuple[str, bool] | None = None
) -> Question:
    """One element of a list: a group of questions, or one answer."""
    kind, model = kind_of(inner)
    number = int(path[-1]) + 1
    label = numbered(title, noun, number)
    if isinstance(value, Mapping):  # « Partie n° 2 : Association Le Relais »
        named = next((value[k] for k in _NAMING if isinstance(value.get(k), str)), None)
        label += f" : {named}" if named else ""
    item = Question(format_path(path), path, kind, label)
    if noun is not None:
        item.remove_label = f"Retirer {elide('la' if noun[1] else 'le', noun[0])} n° {number}"
    else:
        item.remove_label = f"Retirer : {label}"
    if kind == "groupe":
        item.children = [_question(model, child, value, path) for child in model.model_fields]
    else:
        _fill_leaf(item, model, value, None)
    return item


def _fill_leaf(question: Question, inner: Any, value: Any, info: FieldInfo | None) -> None:
    shown = answer_text(value)
    question.value = french_date(shown) if question.kind == "date" else shown
    question.choices = choices(inner) if question.kind == "choix" else ()
    if question.path[-1] in _MONTH_FIELDS:  # a number, chosen by its name
        months = tuple((str(number), name) for number, name in enumerate(month_names(), 1))
        question.choices, question.help = months, "janvier pour un exercice civil"
    if info is not None and info.default not in (None, PydanticUndefined):
        question.default = answer_text(info.default)


# Calendar months (a financial year's first; ``schema.base.MoisCalendaire``), offered
# by their names.
_MONTH_FIELDS = frozenset({"debut_mois"})


def _condition(model: type[BaseModel], name: str, parent: DataPath) -> Condition | None:
    rule = CONDITIONS.get(f"{model.__name__}.{name}") or CONDITIONS.get(name)
    if rule is None:
        return None
    governing, values = rule
    steps = governing.split(".")
    governing_field = model.model_fields.get(steps[0])
    if governing_field is None:
        return None
    default = governing_field.default
    if values is not None and answer_text(default) in values:
        values = (*values, "")  # an empty answer takes the default, which applies
    return Condition(format_path((*parent, *steps)), values)


def _web_help(text: str, kind: str, offered: tuple[tuple[str, str], ...] = ()) -> str:
    """The schema's help without what only a YAML file needs (quotes, date format, the
    values a choice offers, which the page lists by their labels)."""
    if kind == "date":  # the page's date field shows the format: the rest is kept
        text = _DATE_FORMAT.sub("", text)
    if kind in ("choix", "oui_non"):
        return _beside_the_values(text, kind, offered)
    # Parts naming raw YAML values (« forme_juridique vaut autre ») speak to editors only.
    parts = [p.strip() for p in text.split(";") if not _FOR_EDITORS.search(p)]
    parts = [p.replace("9 caractères, ", "9 caractères").strip(", ") for p in parts]
    return " ; ".join(p for p in parts if p)


def _beside_the_values(text: str, kind: str, offered: tuple[tuple[str, str], ...]) -> str:
    """What a choice's help says beyond the list of its values (« organe qui a autorisé
    la signature », before the list); a yes/no question's with « oui » and « non » where
    the file writes true and false. A short list whose values are explained is kept,
    each value by its label (« orientation (le destinataire n'accompagne pas encore la
    personne) ou prise en charge »)."""
    if kind == "oui_non":
        text = _BOOLEAN.sub(lambda found: _YES_NO[found[0]], text)
        offered = (("oui", "oui"), ("non", "non"))
    labels = {value.lower(): label for value, label in offered}
    known = set(labels) | {label.lower() for label in labels.values()}
    kept = []
    for part in text.split(";"):
        segments = [segment.strip() for segment in part.split(" : ")]
        segments = [_labelled(s, labels) for s in segments if not _only_values(s, known)]
        said = " : ".join(s for s in segments if s and not _FOR_EDITORS.search(s))
        if said:
            kept.append(said)
    return " ; ".join(kept)


def _only_values(segment: str, known: set[str]) -> bool:
    """Whether ``segment`` is a value or a list of values (« a consentement, b contrat,
    … ou autre » too), unless each of its values is explained in brackets."""
    items = _BRACKETED.sub("()", segment).replace("…", "").split(",")
    items[-1:] = items[-1].rsplit(" ou ", 1)
    items = [item.strip() for item in items if item.strip()]
    bare = [item.replace("()", "").strip().lower() for item in items]
    if len(bare) == 1:
        return bare[0] in known
    listed = all(item in known or item.split()[0] in known for item in bare if item)
    return listed and not all("()" in item for item in items)


def _labelled(segment: str, labels: dict[str, str]) -> str:
    """``segment`` with each value written as a code (« prise_en_charge ») by its label."""
    return _CODE.sub(lambda found: labels.get(found[0], found[0]), segment)


_BOOLEAN = re.compile(r"\b(?:true|false)\b")
_YES_NO = {"true": "oui", "false": "non"}
_BRACKETED = re.compile(r"\([^()]*\)")
_CODE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


def french_date(text: str) -> str:
    """« 2027-03-01 » as a French reader writes it, « 01/03/2027 »; other text as is."""
    found = _ISO_DATE.fullmatch(text.strip())
    return f"{found[3]}/{found[2]}/{found[1]}" if found else text


def iso_date(text: str) -> str:
    """A date typed the French way (« 1/3/2027 », « 01.03.2027 », « 01-03-2027 ») in ISO
    (« 2027-03-01 »), which the input file holds; other text as typed, which
    validation then explains (an impossible date too: « 31/02/2027 »)."""
    found = _FRENCH_DATE.fullmatch(text.strip())
    if found is None:
        return text
    day, month, year = (int(part) for part in found.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"


_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_FRENCH_DATE = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")


def answer_text(value: Any) -> str:
    """How an answer shows in the form: dates ISO, booleans oui/non."""
    if value is None or value is PydanticUndefined:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, Mapping | list):
        return ""
    return str(value)


def choices(enum: Any) -> tuple[tuple[str, str], ...]:
    """(value, French label) of each value of an enumeration, in declaration order."""
    if not (isinstance(enum, type) and issubclass(enum, StrEnum)):
        return ()
    if enum is Frequence:
        return tuple((f.value, frequency_adjective(f)) for f in Frequence)
    return tuple((m.value, LABELS.get((enum, m.value)) or m.value.replace("_", " ")) for m in enum)


_NAMING = ("denomination", "libelle", "intitule", "nom", "objet")
_BASES: dict[Any, Kind] = {dt.date: "date", bool: "oui_non", int: "nombre", Decimal: "nombre"}
_FOR_EDITORS = re.compile(r"guillemets|AAAA|[a-z]_[a-z]")
# The date format of the YAML file, in a date's help, alone or in brackets.
_DATE_FORMAT = re.compile(r"\s*\(?" + re.escape(DATE_HELP) + r"\)?")

_SCALARS: tuple[tuple[Any, Kind], ...] = (
    (TexteLong, "texte_long"),
    (Code, "organisation"),
    (Date, "date"),
    (Booleen, "oui_non"),
    (Montant, "montant"),
    (MontantVerse, "montant"),
    (Entier, "nombre"),
    (EntierPositif, "nombre"),
)


def kind_of(annotation: Any) -> tuple[Kind, Any]:
    """What kind of question a field asks, and the type it holds (list item, model…)."""
    annotation = _optional(annotation)
    if get_origin(annotation) is list:
        return "liste", get_args(annotation)[0]
    for scalar, kind in _SCALARS:
        if annotation == scalar:
            return kind, unwrap(annotation)
    base = unwrap(annotation)
    if isinstance(base, type) and issubclass(base, BaseModel):
        return "groupe", base
    if isinstance(base, type) and issubclass(base, Enum):
        return "choix", base
    return _BASES.get(base, "texte"), base


def _optional(annotation: Any) -> Any:
    """``X | None`` -> ``X``, keeping ``Annotated`` (it tells Texte from TexteLong)."""
    if get_origin(annotation) in (Union, types.UnionType):
        members = [a for a in get_args(annotation) if a is not type(None)]
        if len(members) == 1:
            return members[0]
    return annotation


def attach_problems(found: Sequence[Question], problems: Sequence[Problem]) -> list[Problem]:
    """Put each problem beside its question, or the closest enclosing one; return those
    that belong to none of ``found`` (the section's own, or another section's)."""
    by_name = {q.name: q for top in found for q in top.walk()}
    left = []
    for problem in problems:
        name = problem.path
        while name and name not in by_name:
            name = _parent_name(name)
        if name:
            by_name[name].problems.append(problem)
        else:
            left.append(problem)
    return left


def _parent_name(name: str) -> str:
    """``parties[1].siret`` -> ``parties[1]`` -> ``parties`` -> ``""``."""
    cut = max(name.rfind("."), name.rfind("["))
    return name[:cut] if cut > 0 else ""
