"""The one Jinja environment: sandboxed, strict, autoescaped, with convgen's French filters.

Templates are files people edit: they are treated as untrusted. The sandbox stops
them from reaching Python; a bound on repetition stops ``'x' * 10**9``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache, wraps
from types import CodeType, FunctionType, ModuleType
from typing import Any

import jinja2
from jinja2 import BaseLoader, Environment, StrictUndefined, TemplateNotFound
from jinja2 import Template as JinjaTemplate
from jinja2.exceptions import SecurityError
from jinja2.ext import Extension
from jinja2.lexer import (
    TOKEN_ASSIGN,
    TOKEN_BLOCK_BEGIN,
    TOKEN_BLOCK_END,
    TOKEN_DATA,
    TOKEN_NAME,
    Token,
)
from jinja2.runtime import LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment
from markupsafe import Markup, escape

import convgen
from convgen.documents.articles import Article
from convgen.documents.context.commun import ModelView, Placeholder
from convgen.rendering.compiled import CompiledTemplates, code_digest, default_folder
from convgen.wording import accords, formatting
from convgen.wording.libelles import label
from convgen.wordml import keep, quotes, stops, superscript
from convgen.wordml.tables import fit_columns

MAX_OUTPUT_CHARS = 20_000_000


# Pure, and called hundreds of times a document on strings and dates that recur
# (names, labels, dates): cached, they cost a dictionary look-up.
@lru_cache(maxsize=1024)
def _long_date(value: dt.date) -> str:
    """« 1er mars 2026 », its « er » marked for superscript (see convgen.wordml.superscript)."""
    return superscript.ordinals(formatting.long_date(value))


def _printed(text: str) -> str:
    """Text as printed: French spacing, its « 1er » raised (in the user's text as in
    the engine's own wording), its end marked if it ends with a stop (see wordml.stops)."""
    return stops.mark(superscript.ordinals(formatting.typography(text)))


_printed_cached = lru_cache(maxsize=8192)(_printed)


def _text(text: str) -> str:
    # Long texts rarely recur, and a cache holding them would grow with the batch.
    return _printed_cached(text) if len(text) <= 1000 else _printed(text)


def _passthrough(function: Callable[..., str]) -> Callable[..., Any]:
    """Filters leave placeholders (draft mode) and missing values untouched."""

    @wraps(function)
    def wrapper(value: Any, *args: Any) -> Any:
        if value is None or isinstance(value, Placeholder):
            return value
        return function(value, *args)

    return wrapper


def _of(value: Any) -> Any:
    """« de » joined to a value; a placeholder keeps it: « en qualité de [à compléter :
    régime des personnels recrutés] » (it read « en qualité [à compléter : …] »)."""
    if isinstance(value, Placeholder):
        return Placeholder(f"de {value}")
    return value if value is None else accords.of(value)


def _label(value: Any) -> Any:
    """An enumeration value as worded in documents: engine wording, its « 1er » raised."""
    return formatting.WithOrdinals(label(value)) if isinstance(value, StrEnum) else value


FILTERS: dict[str, Callable[..., Any]] = {
    "date_longue": _passthrough(_long_date),
    "date_courte": _passthrough(formatting.short_date),
    "montant": _passthrough(formatting.amount),
    "montant_lettres": _passthrough(formatting.amount_in_words),
    "nombre": _passthrough(formatting.number),
    "en_lettres": _passthrough(formatting.number_in_words),
    "liste": formatting.join_list,
    "liste_ou": lambda items: formatting.join_list(items, "ou"),
    "rythme": _passthrough(formatting.rhythm),
    "frequence": _passthrough(formatting.frequency_adjective),
    "mois": _passthrough(formatting.months),
    "jours": _passthrough(formatting.days),
    "telephone": _passthrough(formatting.phone),
    "siret": _passthrough(formatting.siret),
    "siren": _passthrough(formatting.siren),
    "de": _of,
    "a": _passthrough(accords.to),
    "compte": _passthrough(accords.counted),
    "accord": _passthrough(accords.agree),
    "suite": _passthrough(accords.running),
    "adresse_au": _passthrough(accords.at_address),
    # A placeholder keeps its « au titre de » in a draft: the sentence reads whole.
    "au_titre_de": lambda value: value if value is None else accords.on_account_of(value),
    "le_nom": _passthrough(accords.named),
    # « au moyen {{ support|un|de }} »: « au moyen d’une notice… » when typed without article.
    "un": _passthrough(accords.a_support),
    "majuscule": _passthrough(formatting.capitalized),
    "alineas": lambda text: (
        [text]
        if isinstance(text, Placeholder)
        else formatting.paragraphs(text)
        if text
        else []  # an advised text left out (a preamble)
    ),
    "libelle": _passthrough(_label),
    # Items of a list after its lead-in (« s'engage à : »): an infinitive lowered.
    "element": _passthrough(formatting.list_element),
    # A text typed one item per line, as such items; [] for prose (printed as |alineas).
    "elements": lambda text: (
        [] if not text or isinstance(text, Placeholder) else formatting.list_elements(text)
    ),
    # « {{ nom|verbe("verse", "versent") }} »: a placeholder (draft) takes the singular.
    "verbe": lambda name, one, many: accords.verb(str(name or ""), one, many),
}


class FilterError(ValueError):
    """A filter given a value or an argument it cannot take (a template's mistake)."""


def _checked(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter whose failures on a wrong value name the filter, in French."""

    @wraps(function)
    def wrapper(value: Any, *args: Any) -> Any:
        try:
            return function(value, *args)
        except (
            TypeError,
            ValueError,
            KeyError,
            AttributeError,
            LookupError,
            ArithmeticError,
            AssertionError,  # babel asserts what it is given (a text for a date)
        ):
            shown = str(value)
            shown = shown if len(shown) <= 40 else shown[:39] + "…"
            raise FilterError(
                f"filtre « {name} » appliqué à une valeur qu'il ne traite pas "
                f"(« {shown} », {_kind(value)})"
            ) from None

    return wrapper


def _kind(value: Any) -> str:
    kinds = {str: "texte", int: "nombre entier", float: "nombre", bool: "booléen"}
    return kinds.get(type(value), f"objet {type(value).__name__}")


def _finalize(value: Any) -> Any:
    """Every ``{{ }}`` output: dates in words, decimals with a comma, French spacing,
    the engine's « 1er » raised."""
    if type(value) is str:  # most outputs (hundreds a document): tested first
        return _text(value)
    if isinstance(value, Markup):
        return value
    if isinstance(value, dt.date):
        return _long_date(value)
    if isinstance(value, Decimal):
        return formatting.number(value)
    if isinstance(value, StrEnum):
        value = _label(value)
    if isinstance(value, str):
        return _text(value)
    if value is None:  # a missing answer would be printed « None » in a signed document
        raise FilterError(
            "une valeur absente serait imprimée « None » : placez ce passage sous une "
            "condition ({% if … %}) ou prévoyez un texte de remplacement"
        )
    return value


class _FragmentLoader(BaseLoader):
    """Fragments (shared clauses) are other .docx files; their body is included as XML."""

    def __init__(self, sources: Mapping[str, str]) -> None:
        self.sources = sources

    def get_source(
        self, environment: Any, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        if template not in self.sources:
            raise TemplateNotFound(template)
        return self.sources[template], None, lambda: True


class _ParagraphLines(Extension):
    """Templates are compiled with one paragraph per line, so that an error names its
    paragraph (``rendering.prepared.jinja_source``, as docxtpl does); the line breaks
    before the paragraphs are taken out of the template's text as it is compiled,
    rather than out of every document rendered (a token keeps the line it starts on,
    so errors keep theirs).

    Only text printed as it is rendered: the body of a macro, a call, a filter, a
    block or a ``{% set %}`` block is a value a filter may read (``|length``,
    ``|striptags``), so it keeps its line breaks, taken out of the rendered document
    as before, with those of ``|safe`` values (``PreparedTemplate`` does it when the
    output has any)."""

    def filter_stream(self, stream: Any) -> Iterator[Token]:
        captured = 0  # depth of the bodies that are values (see above)
        tag: list[Token] = []  # the tokens of the block tag being read
        for token in stream:
            if tag or token.type == TOKEN_BLOCK_BEGIN:
                tag.append(token)
                if token.type == TOKEN_BLOCK_END:
                    captured = max(0, captured + _capture_change(tag))
                    yield from tag
                    tag = []
            elif token.type == TOKEN_DATA and not captured and "\n<w:p" in token.value:
                yield Token(token.lineno, TOKEN_DATA, without_paragraph_lines(token.value))
            else:
                yield token
        yield from tag


_CAPTURING = frozenset({"macro", "call", "filter", "block"})
_CAPTURE_ENDS = frozenset({f"end{name}" for name in (*_CAPTURING, "set")})


def _capture_change(tag: list[Token]) -> int:
    """+1 when the block tag ``tag`` opens a body that is a value, -1 when it closes one."""
    names = [token.value for token in tag if token.type == TOKEN_NAME]
    keyword = names[0] if names else ""
    if keyword in _CAPTURING:
        return 1
    if keyword == "set":  # ``{% set x %}…{% endset %}``, not ``{% set x = … %}``
        return 0 if any(token.type == TOKEN_ASSIGN for token in tag) else 1
    return -1 if keyword in _CAPTURE_ENDS else 0


def without_paragraph_lines(xml: str) -> str:
    """``xml`` without the line breaks ``jinja_source`` put before each paragraph."""
    return xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")


def finished(xml: str) -> str:
    """A rendered part as written: its marked ordinals raised, the template's stop after
    an answer that has its own dropped, a quotation inside a quotation in “ ”, its table
    columns widened to their longest word, the text's last paragraph kept on the page of
    the signatures."""
    return keep.apply(fit_columns(quotes.apply(stops.apply(superscript.apply(xml)))))


class _Template(JinjaTemplate):
    """``render`` finishes the part as PreparedTemplate does (``finished``), so that
    docxtpl's own ``render`` (the naive path, measured by the benchmark) prints what
    PreparedTemplate prints."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        return finished(super().render(*args, **kwargs))

    @classmethod
    def from_code(
        cls,
        environment: Environment,
        code: CodeType,
        globals: MutableMapping[str, Any],
        uptodate: Callable[[], bool] | None = None,
    ) -> JinjaTemplate:
        """The compiled template, whose autoescape uses ``_escape`` (see there). Every
        template and fragment is made here, from a string or from the loader."""
        template = super().from_code(environment, code, globals, uptodate)
        namespace = template.root_render_func.__globals__  # the compiled module's
        if namespace.get("escape") is escape:  # what Jinja's generated code calls
            namespace["escape"] = _escape
        return template


_escape_cached = lru_cache(maxsize=4096)(escape)


def _escape(value: Any) -> Markup:
    """markupsafe's ``escape``, cached for short plain text: every ``{{ }}`` output is
    escaped, and most are names, labels and dates that recur from one document to the
    next (a cached result is immutable: the same Markup serves every document)."""
    if type(value) is str and len(value) <= 1000:
        return _escape_cached(value)
    return escape(value)


class _Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's sandbox, with the context read-only (``.append``, ``.update`` refused)
    and the operators that can build a huge value in one step bounded: ``*`` on text
    or lists, ``**``. Intercepted operators are also never folded at compile time."""

    intercepted_binops = frozenset({"*", "**"})
    template_class = _Template

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int | float) and abs(right) > _MAX_EXPONENT:
            raise SecurityError(f"puissance trop grande ({right})")
        if operator == "*" and _repeats_too_much(left, right):
            raise SecurityError("répétition d'un texte ou d'une liste trop longue")
        return super().call_binop(context, operator, left, right)

    def getattr(self, obj: Any, attribute: str) -> Any:
        """``document.titre`` on template data (dicts): the key, without Jinja's first
        try at an attribute and its AttributeError (about a thousand per document). The
        result is Jinja's own: a name that is also an attribute of the mapping's class
        (``items``, ``source_model``) still goes the attribute way, through the sandbox."""
        kind = type(obj)
        names = _MAPPING_ATTRIBUTES.get(kind)
        if names is not None:
            if attribute not in names:
                try:
                    return obj[attribute]
                except KeyError:
                    pass
        elif attribute in _PLAIN_ATTRIBUTES.get(kind, ()):
            try:
                return getattr(obj, attribute)
            except AttributeError:  # raised by a property: what the sandbox answers then
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)

    def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
        return self.undefined(
            f"accès interdit à l'attribut « {attribute} » (objet {type(obj).__name__})",
            name=attribute,
            obj=obj,
            exc=SecurityError,
        )


_MAX_EXPONENT = 64
# The template data's mappings and the names their class answers as attributes.
_MAPPING_ATTRIBUTES = {kind: frozenset(dir(kind)) for kind in (dict, ModelView)}
# Attributes the sandbox grants, read without its checks: ``loop.last`` and
# ``articles.x.numero`` come back about seventy times a document. The sandbox judges an
# attribute by its object's type and its name, not by its value (``loop.nextitem`` may
# be a list): public names that are neither methods nor attributes of a mutable
# container (tests/test_bac_a_sable.py asks the sandbox about each one).
_PLAIN_ATTRIBUTES: dict[type, frozenset[str]] = {
    LoopContext: frozenset(
        {"depth", "first", "index", "index0", "last", "length", "nextitem", "previtem"}
        | {"revindex", "revindex0"}
    ),
    Article: frozenset(
        field.name for field in dataclasses.fields(Article) if not field.name.startswith("_")
    ),
}


def _repeats_too_much(left: Any, right: Any) -> bool:
    sequence, count = (left, right) if isinstance(right, int) else (right, left)
    return (
        isinstance(sequence, str | list | tuple)
        and isinstance(count, int)
        and len(sequence) * count > MAX_OUTPUT_CHARS
    )


def make_environment(fragments: Mapping[str, str] | None = None) -> SandboxedEnvironment:
    """The one environment: sandboxed (templates are edited files), strict, autoescaped."""
    env = _Sandbox(
        undefined=StrictUndefined,
        autoescape=True,
        finalize=_finalize,
        loader=_FragmentLoader(fragments or {}),
        keep_trailing_newline=True,
        auto_reload=False,
        extensions=[_ParagraphLines],
        bytecode_cache=COMPILED,
    )
    env.filters.update({name: _checked(name, f) for name, f in FILTERS.items()})
    del env.globals["lipsum"]  # generates text on demand: a way to exhaust memory
    return env


def _module_codes(*modules: ModuleType) -> Iterator[CodeType]:
    """The code of every function and method defined in ``modules``."""
    for module in modules:
        for value in vars(module).values():
            if getattr(value, "__module__", None) != module.__name__:
                continue
            if isinstance(value, FunctionType):
                yield value.__code__
            elif isinstance(value, type):
                yield from (f.__code__ for f in vars(value).values() if isinstance(f, FunctionType))


# What shapes the code Jinja generates for a template, besides its source: Jinja itself,
# the environment's options and extension, the filter names it checks at compile time
# (Python's version is in Jinja's own header of each cached part).
CODE_SHAPE = " ; ".join(
    [
        f"jinja2 {jinja2.__version__}",
        code_digest(
            [
                make_environment.__code__,
                *(
                    f.__code__
                    for f in vars(_ParagraphLines).values()
                    if isinstance(f, FunctionType)
                ),
            ]
        ),
        ",".join(sorted(_Sandbox.intercepted_binops)),
        ",".join(sorted(FILTERS)),
        # Jinja calls filters and the output function on constants as it compiles
        # (« {{ 21|en_lettres }} » is compiled to its text): their code is part of it.
        f"convgen {convgen.__version__}",
        code_digest(_module_codes(sys.modules[__name__], formatting, accords, stops, superscript)),
    ]
)
COMPILED = CompiledTemplates(CODE_SHAPE)
"""Every template compiled in this process (see rendering.compiled)."""


def keep_compiled_on_disk() -> None:
    """Keep compiled templates in the user's cache folder as well (``CONVGEN_CACHE``):
    for the commands that prepare templates, so that the next one finds them."""
    COMPILED.keep_in(default_folder())
