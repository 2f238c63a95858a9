"""What a template makes fail, as a TemplateError naming it and, when known, where.

A template is an edited file: whatever Python raises while it is read, compiled or
rendered is the template's fault, never an internal error of convgen.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping

from jinja2.exceptions import TemplateError as JinjaError
from jinja2.exceptions import TemplateSyntaxError

from convgen.errors import TemplateError
from convgen.wording.formatting import did_you_mean


def syntax_error(
    exc: TemplateSyntaxError, source: str, xml: str, filters: Iterable[str] = ()
) -> TemplateError:
    """A Jinja syntax error with the text of the paragraph it is in; an unknown filter
    with the known one it looks like (``filters``)."""
    text = near(xml, exc.lineno or 0)
    context = f" près de « {text} »" if text else ""
    message = in_french(exc.message or "") + _filter_hint(exc.message or "", filters)
    return TemplateError(f"erreur de syntaxe Jinja{context} : {message}", source=source)


def name_hint(name: str, known: Iterable[str]) -> str:
    """« ; vouliez-vous dire « date_longue » ? » for a mistyped filter or test."""
    return did_you_mean(name, known, cutoff=0.75)


def _filter_hint(message: str, filters: Iterable[str]) -> str:
    unknown = _UNKNOWN_FILTER.fullmatch(message.strip())
    return name_hint(unknown[1], filters) if unknown else ""


_UNKNOWN_FILTER = re.compile(r"No filter named '([^']+)'(?: found)?\.")


def python_failure(exc: BaseException, filters: Iterable[str] = ()) -> str:
    """What Python says of a computation a template asked for, in French for the common
    cases (a division by zero, a text added to a number, a filter mistyped in a branch,
    which Jinja finds only when the branch is rendered…); any other, said as such."""
    said = str(exc)
    if type(exc).__module__.startswith("convgen."):  # a filter of convgen's, in French
        return said
    if isinstance(exc, JinjaError):  # Jinja's own words
        return in_french(said) + _filter_hint(said, filters)
    if isinstance(exc, ZeroDivisionError):
        return "division par zéro"
    for pattern, french in _PYTHON_FRENCH:
        match = pattern.fullmatch(said)
        if match:
            return french(match)
    return f"{type(exc).__name__}, message de Python : {said}"


_PYTHON_FRENCH: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(r"unsupported operand type\(s\) for (\S+): '(\w+)' and '(\w+)'"),
        lambda m: f"opération « {m[1]} » impossible entre {_kind(m[2])} et {_kind(m[3])}",
    ),
    (
        re.compile(r"can only concatenate str \(not \"\w+\"\) to str"),
        lambda _: "un texte ne se joint qu'à un texte (écrivez « ~ » ou le filtre « string »)",
    ),
    (
        re.compile(r"'(\S+)' not supported between instances of '(\w+)' and '(\w+)'"),
        lambda m: f"comparaison « {m[1]} » impossible entre {_kind(m[2])} et {_kind(m[3])}",
    ),
    (
        re.compile(
            r"(?:invalid literal for int\(\) with base 10|could not convert string to "
            r"float): '(.*)'"
        ),
        lambda m: f"« {m[1]} » n'est pas un nombre",
    ),
)
_KINDS = {
    "int": "un nombre",
    "float": "un nombre",
    "Decimal": "un montant",
    "str": "un texte",
    "Markup": "un texte",
    "NoneType": "une valeur absente",
    "list": "une liste",
    "dict": "un dictionnaire",
    "date": "une date",
    "bool": "un booléen",
}


def _kind(name: str) -> str:
    return _KINDS.get(name, f"une valeur de type {name}")


_TOKENS = {
    "end of print statement": "la fin de l'expression « }} »",
    "end of statement block": "la fin de la balise « %} »",
    "end of template": "la fin du modèle",
    "name": "un nom (de variable ou de filtre)",
}


def _token(token: str) -> str:
    """A Jinja token as the author wrote it, or its meaning in French."""
    return _TOKENS.get(token, f"« {token} »")


def _tags(listed: str) -> str:
    return " ou ".join(f"« {tag} »" for tag in re.findall(r"'([^']+)'", listed))


# Jinja's messages for the mistakes template authors make most, in French; any other
# message is kept as Jinja words it.
_FRENCH: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"'([^']+)' is undefined"), lambda m: f"« {m[1]} » n'est pas défini"),
    (
        re.compile(r"'[^']*' has no attribute '([^']+)'"),
        lambda m: f"« {m[1]} » n'existe pas à cet endroit du modèle",
    ),
    (
        re.compile(
            r"Unexpected end of template\. Jinja was looking for the following tags: "
            r"(.+?)\. The innermost block that needs to be closed is '([^']+)'\."
        ),
        lambda m: (
            f"le modèle se termine sans fermer un bloc « {m[2]} » (balise attendue : {_tags(m[1])})"
        ),
    ),
    (
        re.compile(
            r"Encountered unknown tag '([^']+)'\. Jinja was looking for the following "
            r"tags: (.+?)\. The innermost block that needs to be closed is '([^']+)'\."
        ),
        lambda m: (
            f"balise « {m[1]} » inattendue dans un bloc « {m[3]} » "
            f"(balise attendue : {_tags(m[2])})"
        ),
    ),
    (
        re.compile(
            r"Encountered unknown tag '([^']+)'\. You probably made a nesting mistake\. Jinja "
            r"is expecting this tag, but currently looking for (.+?)\. The innermost block that "
            r"needs to be closed is '([^']+)'\."
        ),
        lambda m: (
            f"balise « {m[1]} » mal imbriquée : fermez d'abord le bloc « {m[3]} » "
            f"(balise attendue : {_tags(m[2])})"
        ),
    ),
    (
        re.compile(r"Encountered unknown tag '([^']+)'\..*", re.DOTALL),
        lambda m: f"balise inconnue ou sans bloc ouvert : « {m[1]} »",
    ),
    (
        re.compile(r"unexpected '([^']+)', expected '([^']+)'"),
        lambda m: f"attendu : {_token(m[2])} ; trouvé : {_token(m[1])}",
    ),
    (
        re.compile(r"expected token '([^']+)', got '([^']+)'"),
        lambda m: f"attendu : {_token(m[1])} ; trouvé : {_token(m[2])}",
    ),
    (
        re.compile(r"[Ee]xpected an expression, got '([^']+)'"),
        lambda m: f"attendu : une expression ; trouvé : {_token(m[1])}",
    ),
    (re.compile(r"unexpected '([^']+)'"), lambda m: f"inattendu à cet endroit : {_token(m[1])}"),
    (
        re.compile(r"No (filter|test) named '([^']+)'(?: found)?\."),
        lambda m: f"{'filtre' if m[1] == 'filter' else 'test'} « {m[2]} » inconnu",
    ),
)


def in_french(message: str) -> str:
    """Jinja's ``message`` in French when it is one of the common ones."""
    for pattern, french in _FRENCH:
        match = pattern.fullmatch(message.strip())
        if match:
            return french(match)
    return message


def where(exc: BaseException, sources: Mapping[str, str], name: str) -> str:
    """« près de « … » » naming the paragraph where ``exc`` was raised, if known."""
    frame = exc.__traceback__
    found = ""
    while frame is not None:
        template = frame.tb_frame.f_globals.get("__jinja_template__")
        if template is not None:
            line = template.get_corresponding_lineno(frame.tb_lineno)
            found = near(sources.get(template.name or name, ""), line)
        frame = frame.tb_next
    return f" près de « {found} »" if found else ""


@contextlib.contextmanager
def failures(source: str, done: str) -> Iterator[None]:
    """Whatever a template makes fail while it is ``done`` (« préparé », « rendu »)
    is the template's fault: a TemplateError naming it, never an internal error."""
    try:
        yield
    except TemplateError:
        raise
    except MemoryError:
        raise TemplateError(
            f"le modèle n'a pas pu être {done} : mémoire insuffisante (modèle démesuré ?)",
            source=source,
        ) from None
    except Exception as exc:
        raise TemplateError(
            f"le modèle n'a pas pu être {done} : opération impossible "
            f"({type(exc).__name__} : {exc})",
            source=source,
        ) from None


def near(xml: str, line: int) -> str:
    """The text of line ``line`` of a Jinja source, without its XML tags."""
    lines = xml.splitlines()
    return re.sub(r"<[^>]+>", "", lines[line - 1]).strip()[:80] if 0 < line <= len(lines) else ""
