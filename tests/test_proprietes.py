"""Property-based tests: whatever a user types in a field, convgen either refuses it with
a French message naming that field, or produces a well-formed Word document whose text
carries the input as given (after French typography).

The number of inputs tried is set by the hypothesis profile: « rapide » on a
developer's machine, « complet » in CI (CI=true or 1: ci.in_ci()) or with
HYPOTHESIS_PROFILE=complet.
Both are derandomised, so a failure found in CI is found again locally.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import os
import re
import tempfile
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, get_args, get_origin

import pytest
from ci import in_ci
from click.testing import CliRunner
from conftest import ROOT, check, example, render_validated
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from lxml import etree
from pydantic import BaseModel

from convgen.cli import main as cli
from convgen.regles.identifiants import luhn_ok
from convgen.schema.base import Puce, _list_item
from convgen.schema.commun import _act_number
from convgen.schema.document import MODELS
from convgen.schema.introspection import unwrap
from convgen.validation.validator import Validated
from convgen.wording import formatting
from convgen.wordml.text import docx_text

settings.register_profile(
    "rapide",
    max_examples=40,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("complet", settings.get_profile("rapide"), max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("complet" if in_ci() else "rapide"))

EXAMPLES = ("chrs-csapa-addictions", "charte-reseau-sante-precarite", "gcsms-mixte-ccas-ehpad")
BASES = {name: example(name) for name in EXAMPLES}

# Identifiers are printed normalised (spaces removed, grouped by three): their
# round trip is covered by the identifier tests, not here.
IDENTIFIERS = {"siren", "siret", "finess_ej", "finess_et", "telephone", "code_postal", "rna"}

# Pieces that have broken document generators: XML and Jinja syntax, quotes French
# typography rewrites, scripts written right to left, combining marks, emoji with
# joiners, characters XML 1.0 cannot hold, lone surrogates, odd spaces and breaks.
PIECES = [
    "&", "<", ">", '"', "'", "&amp;", "&#0;", "<w:t>", "]]>", "{{ titre }}", "{% if x %}",
    "{%p endif %}", "${x}", "%s", "\\", "«", "»", "“", "”", "’", "…", "1er", " : ", " ;",
    "!", "?", "😀", "👩🏽‍⚕️", "🏳️‍🌈", "مرحبا بكم", "שלום", "\u202e", "\u200f", "\u200b",
    "e\u0301", "a\u0308\u0323", "ß", "İ", "ǅ", "ﬁ", "𝔘𝔫𝔦", "\u00a0", "\u202f", "\u2028",
    "\x85", "\t", "\n", "\r\n", "\r", "  ", "\x00", "\x0b", "\x1f", "\x7f", "\ufffe",
    "\uffff", "\ud800", "\udfff", "\U0010ffff", "Ω", "ﷺ", "𒀱",
]  # fmt: skip

TEXTS = st.one_of(
    st.text(max_size=40),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=12).map("".join),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=900, max_size=1100),
    st.sampled_from(["", " ", "\t", "\n", " texte entouré d'espaces ", "\ttabulé\t"]),
)


# --- paths of the examples ------------------------------------------------------------


def _leaves(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _leaves(value, (*path, index))
    else:
        yield path


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    _get(data, path[:-1])[path[-1]] = value


def dotted(path: tuple[Any, ...]) -> str:
    """The path as messages name it: ``parties[2].adresse.voie``."""
    text = ""
    for step in path:
        text += f"[{step + 1}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


TEXT_FIELDS = [
    (name, path)
    for name, base in BASES.items()
    for path in _leaves(base)
    if isinstance(_get(base, path), str) and path != ("type",)
]
DATE_FIELDS = [
    (name, path)
    for name, base in BASES.items()
    for path in _leaves(base)
    if re.fullmatch(r"\d{4}-\d\d-\d\d", str(_get(base, path)))
]


# --- checks ---------------------------------------------------------------------------

ENGLISH = re.compile(r"\b(Input should|should be|valid|field required|Value error|the)\b")


def assert_refused_by_name(validated: Validated, path: str, *, related: bool = False) -> None:
    """Every error is located and French; one names ``path`` or, with ``related``, is a
    domain rule, whose message may name the other side of a relation (the capital
    that no longer equals the sum of the contributions, the date that must follow)."""
    errors = [p for p in validated.problems if p.is_error]
    assert any(
        p.path == path
        or p.path.startswith((f"{path}.", f"{path}["))
        or (related and p.rule is not None)
        for p in errors
    ), [str(p) for p in errors]
    for problem in errors:
        assert problem.path, str(problem)
        assert not ENGLISH.search(problem.message), str(problem)


def assert_well_formed(document: bytes) -> str:
    """Every XML part parses (no entity resolution); returns the document's text."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    with zipfile.ZipFile(io.BytesIO(document)) as archive:
        assert archive.testzip() is None
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(archive.read(name), parser)
    return docx_text(document, "propriete.docx")


def printed_form(text: str) -> list[str]:
    """What the document must show of ``text``: each line, trimmed, in French typography."""
    lines = [line.strip() for line in re.split(r"\r\n|\r|\n", text.strip())]
    return [formatting.typography(line) for line in lines if line]


def as_paragraphs(text: str) -> list[str]:
    """``printed_form`` of a text the template prints as paragraphs (filter alineas):
    each line with its initial capital and, ending on a word, its stop."""
    lines = [line.strip() for line in re.split(r"\r\n|\r|\n", text.strip())]
    return [formatting.typography(formatting.paragraphs(line)[0]) for line in lines if line]


# Values the schema normalises as documented: a bulleted line loses its own final stop
# (the template puts the list's), an act number the act and « n° » typed before it.
ACT_NUMBERS = {("delegation", "reference"), ("habilitation", "numero")}


def as_validated(path: tuple[Any, ...], text: str) -> str:
    if len(path) > 1 and isinstance(path[-1], int) and path[-2] in _bulleted_lists():
        return _list_item(text.strip())
    if tuple(path[-2:]) in ACT_NUMBERS:
        return _act_number(text.strip())
    return text


def _bulleted_lists() -> set[str]:
    """The names of the fields that hold a list of ``Puce``, in every model."""
    found: set[str] = set()
    seen: set[type] = set()
    todo: list[type] = list(MODELS.values())
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            annotation = info.rebuild_annotation()
            if get_origin(annotation) is list and get_args(annotation)[0] == Puce:
                found.add(name)
            inner = unwrap(
                get_args(annotation)[0] if get_origin(annotation) is list else annotation
            )
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                todo.append(inner)
    return found


def _outcome(
    data: dict[str, Any], path: tuple[Any, ...], *, related: bool = False
) -> tuple[Validated, str | None]:
    validated = check(data)
    if not validated.ok:
        assert_refused_by_name(validated, dotted(path), related=related)
        event("refusé avec un message qui nomme le champ")
        return validated, None
    event("document produit et bien formé")
    return validated, assert_well_formed(render_validated(validated))


# --- properties -----------------------------------------------------------------------


@given(field=st.sampled_from(TEXT_FIELDS), text=TEXTS)
def test_any_text_in_any_field_is_refused_by_name_or_printed_as_given(
    field: tuple[str, tuple[Any, ...]], text: str
) -> None:
    name, path = field
    data = copy.deepcopy(BASES[name])
    _set(data, path, text)
    # An organisation's code is referred to elsewhere (« partie: chrs »): a new code leaves
    # those references dangling, and the rule names them (CO-02), not the code itself.
    _, document_text = _outcome(data, path, related=path[-1] == "code")
    if document_text is None or path[-1] in IDENTIFIERS:
        return
    original = _get(BASES[name], path)
    assume(all(line in _text_of(name) for line in printed_form(original)))  # a printed field
    event("texte retrouvé tel quel dans le document")
    flat = " ".join(document_text.split())
    for line, paragraph in zip(
        printed_form(as_validated(path, text)), as_paragraphs(as_validated(path, text)), strict=True
    ):
        # A long text is printed as paragraphs: each with its capital and its stop.
        forms = {" ".join(line.split()), " ".join(paragraph.split())}
        assert any(form in flat for form in forms), (dotted(path), line)


_TEXTS: dict[str, str] = {}


def _text_of(name: str) -> str:
    """The text of the unchanged example (to know which fields the document prints)."""
    if name not in _TEXTS:
        _TEXTS[name] = docx_text(render_validated(check(copy.deepcopy(BASES[name]))), name)
    return _TEXTS[name]


@given(
    field=st.sampled_from(DATE_FIELDS),
    value=st.one_of(
        st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(dt.date.isoformat),
        st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)).map(dt.date.isoformat),
        st.sampled_from(["2026-02-30", "2026-13-01", "26/11/2026", "demain", "2026-1-5", ""]),
        # Extremes: the calendar arithmetic of a document must never leave year 9999.
        st.sampled_from(["9999-12-31", "9999-12-01", "0001-01-01", "2199-12-31", "1800-01-01"]),
        TEXTS,
    ),
)
def test_any_date_is_refused_by_name_or_printed_in_words(
    field: tuple[str, tuple[Any, ...]], value: str
) -> None:
    name, path = field
    data = copy.deepcopy(BASES[name])
    _set(data, path, value)
    _validated, text = _outcome(data, path, related=True)
    if text is None:
        return
    date = dt.date.fromisoformat(value)
    original = dt.date.fromisoformat(str(_get(BASES[name], path)))
    if formatting.long_date(original) in _text_of(name):
        assert formatting.long_date(date) in text


AMOUNTS = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-10, max_value=10**9),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["0", "0.00", "1e9", "12,50", "1 000", "-0", "0.001", "NaN", "dix euros"]),
)


def _amount_fields() -> list[tuple[str, tuple[Any, ...]]]:
    return [
        (name, path)
        for name, base in BASES.items()
        for path in _leaves(base)
        if path[-1] in ("montant", "capital") and not isinstance(_get(base, path), bool)
    ]


@given(field=st.sampled_from(_amount_fields()), value=AMOUNTS)
def test_any_amount_is_refused_by_name_or_printed_in_figures_and_words(
    field: tuple[str, tuple[Any, ...]], value: Any
) -> None:
    name, path = field
    data = copy.deepcopy(BASES[name])
    _set(data, path, float(value) if isinstance(value, Decimal) and value.is_nan() else value)
    validated, text = _outcome(data, path, related=True)
    if text is None:
        return
    amount = _get(validated.document.model_dump(), path)  # as the schema read it
    assert formatting.amount(amount) in text
    assert formatting.typography(formatting.amount_in_words(amount)) in text


# --- counts, durations and YAML features ---------------------------------------------

INT_FIELDS = [
    (name, path)
    for name, base in BASES.items()
    for path in _leaves(base)
    if isinstance(_get(base, path), int) and not isinstance(_get(base, path), bool)
]
INTEGERS = st.one_of(
    st.integers(0, 2000),
    st.integers(-(10**40), 10**40),
    # The bounds of the schema, either side, and values found by the fuzzing campaign.
    st.sampled_from([1, 99, 100, 366, 367, 720, 721, 1000, 1001, 1200, 1201, 3660, 3661]),
    st.sampled_from([10**7, 10**7 + 1, 96_000, 10**30, 10**32 - 1]),
)


@given(field=st.sampled_from(INT_FIELDS), value=INTEGERS)
def test_any_count_or_duration_is_refused_by_name_or_rendered(
    field: tuple[str, tuple[Any, ...]], value: int
) -> None:
    """What ``valider`` accepts, ``generer`` renders: every whole-number field has an
    upper bound under which the document's dates and words can be written."""
    name, path = field
    data = copy.deepcopy(BASES[name])
    _set(data, path, value)
    _outcome(data, path, related=True)


YAML_FEATURES = [
    "!!binary aGVsbG8=", "!!set {a, b}", "!!omap [{a: 1}]", "!!python/tuple [1, 2]",
    "!!python/object/apply:os.system ['true']", "!perso x", "!!str 0123", "!!int '12'",
    "!!float 1e400", "&ancre texte", "*inconnue", "{<<: {a: 1}}", "[1, [2, [3, [4]]]]",
    "9" * 5000, "1e999", "-.inf", ".nan", "0x1F", "0o17", "2026-02-30", "2026-01-01T10:00:00",
    "'\u2028'", '"a\\u2028b\\x85c\\x00d"', '"\\ufffe"', "'", '"', "[", "{", "|", ">-", "~",
    "null", "yes", "no", "on", "- a", "? x", ": y", "@x", "`x", "%x", "x # y",
    "'" + "z" * 20000 + "'", "\x7f", "\ufffe", "\x85",
]  # fmt: skip


@given(
    name=st.sampled_from(EXAMPLES),
    line=st.integers(0, 10_000),
    feature=st.one_of(st.sampled_from(YAML_FEATURES), st.text(max_size=20)),
)
def test_any_yaml_feature_in_any_value_is_refused_on_one_located_line_or_accepted(
    name: str, line: int, feature: str
) -> None:
    """A YAML feature written as a value anywhere: refused with one French line that
    starts with the file and its line, or accepted; never an internal error."""
    lines = (ROOT / "exemples" / f"{name}.yaml").read_text(encoding="utf-8").splitlines()
    values = [i for i, text in enumerate(lines) if re.match(r"^\s*[\w-]+: \S", text)]
    index = values[line % len(values)]
    key = lines[index].split(": ", 1)[0]
    lines[index] = f"{key}: {feature}"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "entree.yaml"
        path.write_bytes(("\n".join(lines) + "\n").encode("utf-8", "surrogatepass"))
        result = CliRunner().invoke(cli.cli, ["valider", str(path)])
    assert result.exit_code in (0, 1), result.output
    for text in result.output.splitlines():
        assert text.startswith(f"{path}:") or re.match(r"^\d+ fichiers? :", text), text
        if text.startswith(f"{path}:"):
            assert re.match(rf"{re.escape(str(path))}:\d+: ", text), text


# --- list lengths ----------------------------------------------------------------------


def _with_check_digit(base: str) -> str:
    return next(base + d for d in "0123456789" if luhn_ok(base + d))


def _party(template: dict[str, Any], number: int) -> dict[str, Any]:
    party = copy.deepcopy(template)
    siren = _with_check_digit(f"{70000000 + number:08d}")
    party.update(
        code=f"partie{number}",
        denomination=f"Association numéro {number} de l'essai",
        appellation=f"l'Association {number}",
        siren=siren,
        siret=_with_check_digit(f"{siren}0001"),
    )
    for key in ("finess_ej", "finess_et", "sigle"):
        party.pop(key, None)
    return party


@given(count=st.one_of(st.integers(0, 12), st.sampled_from([50, 199, 200])))
def test_any_number_of_parties(count: int) -> None:
    data = copy.deepcopy(BASES["chrs-csapa-addictions"])
    first, second = data["parties"]
    extra = [_party(first, n) for n in range(max(0, count - 2))]
    data["parties"] = [first, second, *extra][:count]
    for party in extra:
        data["instance_suivi"]["composition"].append(
            {"partie": party["code"], "fonctions": "la directrice"}
        )
    if count < 2:
        data["instance_suivi"]["composition"] = data["instance_suivi"]["composition"][:count]
    data["signature"]["nombre_originaux"] = max(count, 2)
    validated, text = _outcome(data, ("parties",), related=True)
    if count >= 2:
        assert text is not None, [str(p) for p in validated.problems if p.is_error]
        for party in extra:
            assert formatting.typography(party["denomination"]) in text


@given(count=st.one_of(st.integers(0, 12), st.sampled_from([50, 199, 200])))
def test_any_number_of_objectives(count: int) -> None:
    data = copy.deepcopy(BASES["chrs-csapa-addictions"])
    template = data["objectifs"][0]
    data["objectifs"] = [
        {**copy.deepcopy(template), "libelle": f"Objectif d'essai numéro {n}"} for n in range(count)
    ]
    _validated, text = _outcome(data, ("objectifs",))
    if text is not None:
        for n in range(count):
            assert f"Objectif d’essai numéro {n}" in text


@pytest.mark.parametrize("name", EXAMPLES)
def test_examples_have_fields_of_each_kind(name: str) -> None:
    """The strategies above draw from real fields of every document type."""
    assert any(n == name for n, _ in TEXT_FIELDS)
    assert any(n == name for n, _ in DATE_FIELDS)
