"""Base model and field types shared by every document type.

Field types raise ``PydanticCustomError`` with our own error types; the French
wording of every error lives in :mod:`convgen.validation.messages`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, get_args, get_origin

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from convgen.chars import SPACES

# Characters XML 1.0 cannot hold (and lone surrogates): refused, never written.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Bidirectional embeddings, overrides and isolates: invisible, they make text
# display in another order than it is stored (« Trojan Source »; an isolate around
# « 12 500 » shows « 500 12 »). Natural right-to-left text (Arabic, Hebrew) needs
# none of them and remains accepted.
_BIDI_OVERRIDE = re.compile("[\u202a-\u202e\u2066-\u2069]")
_CODE = re.compile(r"[a-z][a-z0-9_]{0,39}")
MAX_LINE = 1_000
MAX_TEXT = 20_000
MAX_AMOUNT = Decimal("1000000000000")
# Dates and durations a partnership can have: anything past these is a typing error,
# and date arithmetic (an end date, a first evaluation) must stay within year 9999.
MIN_DATE = dt.date(1800, 1, 1)
MAX_DATE = dt.date(2199, 12, 31)
MAX_COUNT = 10_000_000  # people, staff, volunteers: more than any French organisation


class Schema(BaseModel):
    """Strict, frozen base: unknown keys are refused, text is stripped.

    Each model's validator is built on its first use, not when its class is defined
    (``defer_build``): a command builds the validators of the one document type it
    reads (about 35 ms), where defining the classes built every model of the three
    types, nested ones included (about 80 ms of every command's start-up)."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
        validate_default=False,
        defer_build=True,
    )


# The keys ``to_be_completed`` writes in a field's metadata, read by the completeness
# check, the draft's placeholders, the questionnaire and the JSON Schema.
TO_COMPLETE = "a_completer"
RULE = "regle"
REPORTED_BY_RULE = "signale_par_la_regle"
IN_SOME_CASES = "le_cas_echeant"
ADVISED = "conseille"


def to_be_completed(
    label: str,
    rule: str | None = None,
    *,
    reported_by_rule: bool = False,
    in_some_cases: bool = False,
    default_factory: Callable[[], Any] | None = None,
    advised: str | None = None,
) -> Any:
    """Field metadata: optional information that the final document cannot lack.

    In draft mode (``--brouillon``) a visible placeholder is printed instead;
    in final mode its absence is an error. ``rule`` names the domain rule that
    asks for it, if any; ``reported_by_rule``: that rule says when it is missing, in
    its own words (a member's share), so the completeness check does not say it again;
    ``in_some_cases``: asked only under another answer (the capital's amount, when the
    group has one), which the questionnaire and the JSON Schema say.
    ``default_factory``: a group always present, empty by default (the staff): its own
    fields print the placeholders, the group is marked for the questionnaire, which
    does not fold it away as optional.
    ``advised``: the information is usual, not required: the final document may lack it,
    and its absence is only a warning, this message (a preamble).
    """
    extra: dict[str, Any] = {TO_COMPLETE: label}
    if advised:
        extra[ADVISED] = advised
    if rule:
        extra[RULE] = rule
    if reported_by_rule:
        extra[REPORTED_BY_RULE] = True
    if in_some_cases:
        extra[IN_SOME_CASES] = True
    if default_factory is not None:
        return Field(default_factory=default_factory, json_schema_extra=extra)
    return Field(default=None, json_schema_extra=extra)


def _check_xml_chars(value: str) -> str:
    for pattern, error in _REFUSED_CHARACTERS:
        bad = pattern.search(value)
        if bad:
            position = {"caractere": f"U+{ord(bad.group()):04X}", "position": bad.start() + 1}
            raise PydanticCustomError(error, error, position)
    return value


_REFUSED_CHARACTERS = (
    (_XML_FORBIDDEN, "caractere_interdit"),
    (_BIDI_OVERRIDE, "controle_bidirectionnel"),
)


def _single_line(value: str) -> str:
    _check_xml_chars(value)
    if "\t" in value:
        raise PydanticCustomError("tabulation", "tabulation interdite")
    if "\n" in value or "\r" in value:
        raise PydanticCustomError("texte_multiligne", "texte sur une seule ligne attendu")
    if not value:
        raise PydanticCustomError("texte_vide", "texte vide")
    if len(value) > MAX_LINE:
        raise PydanticCustomError("texte_trop_long", "texte trop long", {"max": MAX_LINE})
    return value


def _long_text(value: str) -> str:
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    _check_xml_chars(value)
    if "\t" in value:
        raise PydanticCustomError("tabulation", "tabulation interdite")
    if not value.strip():
        raise PydanticCustomError("texte_vide", "texte vide")
    if len(value) > MAX_TEXT:
        raise PydanticCustomError("texte_trop_long", "texte trop long", {"max": MAX_TEXT})
    return value


def _text_only(value: Any) -> Any:
    """Identifiers are text: a number means YAML dropped quotes (and maybe zeros)."""
    if isinstance(value, bool):
        raise PydanticCustomError("texte_attendu", "texte attendu")
    if isinstance(value, int | float | Decimal):
        raise PydanticCustomError("identifiant_nombre", "identifiant écrit comme un nombre")
    return value


_GROUPING = re.compile(f"[{re.escape(SPACES)}.\\-]")
_SPACES = re.compile(f"[{re.escape(SPACES)}]")


def _compact(value: str) -> str:
    """Registry numbers are often typed in groups (« 732 829 320 00074 »): keep the digits."""
    return _GROUPING.sub("", value)


def _as_written(value: Any) -> str:
    """A value as the file wrote it, for a message: « true », not Python's « True »."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "null" if value is None else str(value)


def _code(value: str) -> str:
    if not _CODE.fullmatch(value):
        raise PydanticCustomError("code_invalide", "code invalide", {"valeur": value})
    return value


def _date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("date_heure", "date sans heure attendue")
    if isinstance(value, dt.date):
        return _date_range(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            date = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise PydanticCustomError(
                "date_impossible", "date impossible", {"valeur": value.strip()}
            ) from None
        return _date_range(date)
    raise PydanticCustomError("date_invalide", "date invalide", {"valeur": _as_written(value)})


def _date_range(value: dt.date) -> dt.date:
    if not MIN_DATE <= value <= MAX_DATE:
        raise PydanticCustomError(
            "date_hors_limites",
            "date hors des limites admises ({debut} à {fin})",
            {"debut": MIN_DATE.strftime("%d/%m/%Y"), "fin": MAX_DATE.strftime("%d/%m/%Y")},
        )
    return value


def _boolean(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in {"oui", "non"}:
        return value.strip().lower() == "oui"
    raise PydanticCustomError("booleen_invalide", "booléen attendu", {"valeur": _as_written(value)})


def _amount(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise PydanticCustomError(
            "montant_invalide", "montant invalide", {"valeur": _as_written(value)}
        )
    try:
        # str() first: a YAML float 0.1 must become Decimal("0.1"), not its binary expansion.
        written = _SPACES.sub("", str(value)).replace(",", ".")
        amount = Decimal(_CURRENCY.sub("", written))  # « 10 000 € », « 1500 euros »
    except InvalidOperation:
        raise PydanticCustomError(
            "montant_invalide", "montant invalide", {"valeur": _as_written(value)}
        ) from None
    if not amount.is_finite():
        raise PydanticCustomError(
            "montant_invalide", "montant invalide", {"valeur": _as_written(value)}
        )
    return amount


_CURRENCY = re.compile(r"(€|eur|euros?)$", re.IGNORECASE)


def french_decimal(value: Any) -> Any:
    """« 60,5 », « 33,33 % » as written in French: the number Decimal reads (60.5)."""
    if isinstance(value, str):
        return _SPACES.sub("", value).removesuffix("%").replace(",", ".")
    return value


def _amount_range(value: Decimal) -> Decimal:
    if value < 0:
        raise PydanticCustomError("montant_negatif", "montant négatif")
    if value > MAX_AMOUNT:
        raise PydanticCustomError("montant_trop_grand", "montant trop grand")
    if value != value.quantize(Decimal("0.01")):
        raise PydanticCustomError("montant_centimes", "plus de deux décimales")
    return value.quantize(Decimal("0.01"))


def _count(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int):
        raise PydanticCustomError(
            "entier_attendu", "nombre entier attendu", {"valeur": _as_written(value)}
        )
    if value < 0:
        raise PydanticCustomError("entier_negatif", "nombre négatif")
    return value


def _positive(value: int) -> int:
    if value == 0:
        raise PydanticCustomError("entier_nul", "nombre nul")
    return value


def _at_most(limit: int) -> AfterValidator:
    def check(value: int) -> int:
        if value > limit:
            raise PydanticCustomError(
                "entier_trop_grand", "nombre trop grand ({limite} au plus)", {"limite": limit}
            )
        return value

    return AfterValidator(check)


def _list_item(value: str) -> str:
    """A bulleted line ends with the template's « ; » or « . »: the writer's own is dropped
    (« recevoir les personnes orientées. » would print « orientées.. »), but not the
    point of an abbreviation or an ellipsis (« etc. », « … », « ... »)."""
    value = value.rstrip(f";,{SPACES}")
    if value.endswith(".") and not _KEPT_POINT.search(value):
        value = value[:-1].rstrip(f";,{SPACES}")
    if not value.strip(f".{SPACES}"):
        raise PydanticCustomError("texte_vide", "texte vide")
    return value


_KEPT_POINT = re.compile(r"(\betc|\.\.|\.[A-Z])\.$")


Texte = Annotated[str, BeforeValidator(_text_only), AfterValidator(_single_line)]
# One item of a bulleted list, printed followed by « ; » or, for the last, « . ».
Puce = Annotated[Texte, AfterValidator(_list_item)]
TexteLong = Annotated[str, BeforeValidator(_text_only), AfterValidator(_long_text)]
Identifiant = Annotated[str, BeforeValidator(_text_only), AfterValidator(_single_line)]
Numero = Annotated[
    str, BeforeValidator(_text_only), AfterValidator(_single_line), AfterValidator(_compact)
]
Code = Annotated[str, BeforeValidator(_text_only), AfterValidator(_code)]
Date = Annotated[dt.date, BeforeValidator(_date)]
# What editors are told (JSON Schema) is what convgen accepts: « oui » and « non » too.
_BOOLEEN_SCHEMA = {
    "anyOf": [
        {"type": "boolean"},
        {"type": "string", "pattern": r"^\s*([Oo][Uu][Ii]|[Nn][Oo][Nn])\s*$"},
    ]
}
_MONTANT_SCHEMA = {
    "anyOf": [
        {"type": "number", "minimum": 0},
        {
            "type": "string",
            "pattern": r"^\s*\d[\d \u00a0\u202f\u2009]*([.,]\d{1,2})?\s*"
            r"(€|[Ee][Uu][Rr]|[Ee][Uu][Rr][Oo][Ss]?)?\s*$",
        },
    ]
}
Booleen = Annotated[bool, BeforeValidator(_boolean), WithJsonSchema(_BOOLEEN_SCHEMA)]
Montant = Annotated[
    Decimal,
    BeforeValidator(_amount),
    AfterValidator(_amount_range),
    WithJsonSchema(_MONTANT_SCHEMA),
]


def _paid(value: Decimal) -> Decimal:
    if not value:
        raise PydanticCustomError("montant_nul", "montant nul")
    return value


MontantVerse = Annotated[
    Decimal,
    BeforeValidator(_amount),
    AfterValidator(_amount_range),
    AfterValidator(_paid),
    WithJsonSchema(
        {"anyOf": [{"type": "number", "exclusiveMinimum": 0}, _MONTANT_SCHEMA["anyOf"][1]]}
    ),
]
"""A sum paid or brought (a payment, an instalment, a member's contribution, a
funding): more than zero."""


def is_amount(field: FieldInfo) -> bool:
    """Whether a model field is a ``Montant``, optional (``Montant | None``) or not."""
    return _amount_in(field.metadata) or _holds_amount(field.annotation)


def _holds_amount(annotation: Any) -> bool:
    if get_origin(annotation) is Annotated:
        return _amount_in(annotation.__metadata__)
    return any(_holds_amount(argument) for argument in get_args(annotation))


def _amount_in(metadata: Iterable[Any]) -> bool:
    return any(getattr(item, "func", None) is _amount for item in metadata)


def _maximum(limit: int) -> Any:
    """The bound in the JSON schema too (editors then warn while typing)."""
    return Field(json_schema_extra={"maximum": limit})


Entier = Annotated[int, BeforeValidator(_count), _at_most(MAX_COUNT), _maximum(MAX_COUNT)]
_Positive = Annotated[int, BeforeValidator(_count), AfterValidator(_positive)]
EntierPositif = Annotated[_Positive, _at_most(MAX_COUNT), _maximum(MAX_COUNT)]
Mois = Annotated[_Positive, _at_most(1200), _maximum(1200)]  # a term: a century at most
Annees = Annotated[_Positive, _at_most(99), _maximum(99)]
Jours = Annotated[_Positive, _at_most(3660), _maximum(3660)]  # a notice: ten years at most
Heures = Annotated[_Positive, _at_most(720), _maximum(720)]
Nombre = Annotated[_Positive, _at_most(1000), _maximum(1000)]  # originals, terms, renewals
ParAn = Annotated[int, BeforeValidator(_count), _at_most(366), _maximum(366)]  # meetings a year
MoisCalendaire = Annotated[_Positive, _at_most(12), _maximum(12)]  # 1 (January) to 12
