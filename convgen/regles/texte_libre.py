"""TX-*, GC-42: free text printed inside legal clauses, compared with the law and the
structured values where the contradiction is reliable (domaine.md §J.7)."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from convgen.errors import DataPath, Severity
from convgen.regles.base import GC, Finding, Level, RuleContext, rule
from convgen.schema.completion import field_names
from convgen.schema.convention_gcsms import ConventionGcsms

_WITHDRAWAL = re.compile(r"\bretir|\bretrait")
_AT_ANY_TIME = re.compile(r"a tout moment|sans preavis|immediat|par simple lettre")
_OPEN_RANGE = re.compile(r"r\.?\s*312-194-1\s+et\s+(suivants|s\.)")
_OLD_INSTRUCTION = re.compile(r"2007-309")
_ASSETS = re.compile(r"\b(actif|boni)\b")
_SHARED = re.compile(r"(reparti|partag)\w*.{0,40}\bmembres\b|\bmembres\b.{0,40}(reparti|partag)")
_EXCERPT = 60


@functools.lru_cache(maxsize=4096)
def plain(text: str) -> str:
    """Lower case without accents, for the patterns (cached: several rules read the same
    texts of a document)."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def as_typed(text: str, start: int, end: int) -> str:
    """The words of ``text`` that ``plain(text)[start:end]`` stands for, as typed (a
    pattern matched without accents is quoted with them)."""
    position, begin = 0, len(text)
    for index, character in enumerate(text):
        if position >= start and begin == len(text):
            begin = index
        if position >= end:
            return text[begin:index]
        position += len(plain(character))
    return text[begin:]


# The texts of the last document walked: the free-text rules of one validation read the
# same document one after the other (about a dozen walks). Documents are frozen; the
# pair is replaced at once, so a reader in another thread sees one whole pair or the
# other.
_last_walk: tuple[object, tuple[tuple[DataPath, str], ...]] | None = None
# Its sentences, cut once for the same reason (they were cut again by each of the eight
# rules that read them: a fifth of a validation).
_last_sentences: tuple[object, tuple[tuple[DataPath, str, str], ...]] | None = None


def forget_walks() -> None:
    """Drop the last walk: the next free-text rule reads the document itself (what a
    caller watching each rule's reads needs, see validation.partial)."""
    global _last_walk, _last_sentences  # noqa: PLW0603 - the one-entry caches, see above
    _last_walk = _last_sentences = None


def free_texts(node: object, path: DataPath = ()) -> Iterator[tuple[DataPath, str]]:
    """Every string of ``node`` (a document, or a part of it at ``path``) with its data
    path (codes and numbers typed as text too: the patterns searched do not occur in
    them)."""
    global _last_walk  # noqa: PLW0603 - a one-entry cache, see above
    if path:
        return iter(_texts(node, path))
    document, last = node, _last_walk
    if last is None or last[0] is not document:
        last = (document, tuple(_texts(document, ())))
        _last_walk = last
    return iter(last[1])


def _texts(node: object, path: DataPath) -> list[tuple[DataPath, str]]:
    found: list[tuple[DataPath, str]] = []
    _walk(node, path, found)
    return found


def _walk(node: Any, path: DataPath, found: list[tuple[DataPath, str]]) -> None:
    if type(node) is str:  # most of them: no enumeration value to set aside
        found.append((path, node))
    elif isinstance(node, BaseModel):
        values = node.__dict__
        for name in field_names(type(node)):
            _walk(values[name], (*path, name), found)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            _walk(item, (*path, index), found)
    elif isinstance(node, str) and not hasattr(node, "value"):
        found.append((path, node))


def excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _EXCERPT else flat[: _EXCERPT - 1] + "…"


def free_sentences(
    document: object, outside: str | None = None
) -> Iterator[tuple[DataPath, str, str]]:
    """Each sentence of a document's free texts: its path, the sentence, its plain form;
    none from the section ``outside`` (the answers a rule compares the texts with)."""
    global _last_sentences  # noqa: PLW0603 - a one-entry cache, see above
    last = _last_sentences
    if last is None or last[0] is not document:
        cut = tuple(
            (path, sentence, plain(sentence))
            for path, text in free_texts(document)
            for sentence in sentences(text)
        )
        last = (document, cut)
        _last_sentences = last
    if outside is None:
        return iter(last[1])
    return (found for found in last[1] if not (found[0] and found[0][0] == outside))


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+")


@rule(
    "TX-01",
    documents={GC},
    level=Level.C,
    source="CASF R. 312-194-10 al. 2",
    title="Pas de retrait « à tout moment » ou « sans préavis » dans un texte libre",
)
def withdrawal_at_any_time(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    for path, sentence, flat in free_sentences(doc):
        if _WITHDRAWAL.search(flat) and _AT_ANY_TIME.search(flat):
            yield Finding(
                path,
                f"Le texte « {excerpt(sentence)} » permet un retrait à tout moment, "
                "contrairement à l'article R. 312-194-10 du CASF (fin d'exercice, préavis "
                "de six mois).",
            )


@rule(
    "GC-42",
    documents={GC},
    level=Level.C_P,
    source="décret n° 2025-1394 ; CASF R. 312-194-1 à R. 312-194-25",
    title="« R. 312-194-1 à R. 312-194-25 », non « et suivants » ; instruction de 2007 "
    "pour mémoire",
)
def bounded_gcsms_references(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    for path, text in free_texts(doc):
        flat = plain(text)
        if _OPEN_RANGE.search(flat):
            yield Finding(
                path,
                "Remplacez « R. 312-194-1 et suivants » par « R. 312-194-1 à R. 312-194-25 » : "
                "depuis le décret n° 2025-1394, la section comprend d'autres sous-sections.",
                Severity.ERREUR,
            )
        if _OLD_INSTRUCTION.search(flat) and "pour memoire" not in flat:
            yield Finding(
                path,
                "L'instruction DGAS/5D n° 2007-309 est antérieure au régime de 2019 : "
                "citez-la « pour mémoire » seulement, jamais comme droit applicable.",
            )


@rule(
    "TX-03",
    documents={GC},
    level=Level.P,
    source="CASF R. 312-194-25 ; L. 313-19",
    title="Dévolution sans partage de l'actif entre les membres",
)
def assets_not_shared(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    for path, text in free_texts(doc.dissolution, ("dissolution",)):
        flat = plain(text)
        if _ASSETS.search(flat) and _SHARED.search(flat):
            yield Finding(
                path,
                "La dévolution prévoit un partage de l'actif entre les membres : vérifiez-la "
                "au regard du but non lucratif et, pour les sommes issues de la tarification, "
                "de l'article L. 313-19 du CASF.",
            )


# What the convention's dissolution article already says (see the template): the term,
# a single member left, a decision of the assembly; and the devolution's lead-in.
_PRINTED_CAUSES = (
    (
        re.compile(
            r"^(l'|la |le )?(arrivee|echeance|expiration) (du|de son) terme\b|^(le )?terme\b"
            r"( (du groupement|de la convention|prevu))?$"
        ),
        "l'arrivée du terme",
    ),
    (
        re.compile(r"(reduction|ne compte plus|reste) .{0,30}(un|1) seul membre|membre unique$"),
        "la réduction à un seul membre",
    ),
    (
        re.compile(
            r"^(la |une )?(decision|deliberation) (de l'|d'une |de )?(assemblee generale|ag)\b"
        ),
        "la décision de l'assemblée générale",
    ),
)
_LEAD_IN = re.compile(r"^\s*(apres|une fois) .{0,30}\bpassif\b")


@rule(
    "GC-44",
    documents={GC},
    level=Level.P,
    source="CASF R. 312-194-24, R. 312-194-25",
    title="Dissolution : causes et dévolution sans redire ce que la convention imprime",
)
def dissolution_said_once(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    dissolution = doc.dissolution
    fixed_term = doc.duree.duree_annees is not None  # else no term is printed
    for index, cause in enumerate(dissolution.causes):
        flat = plain(cause).strip(" .;")
        for pattern, printed in _PRINTED_CAUSES[0 if fixed_term else 1 :]:
            if pattern.search(flat):
                yield Finding(
                    ("dissolution", "causes", index),
                    f"La cause « {excerpt(cause)} » redit {printed}, que l'article sur la "
                    "dissolution prévoit déjà (le terme et le membre unique de plein droit, "
                    "l'assemblée générale par décision) : retirez-la ; n'indiquez ici que "
                    "les autres causes de dissolution de plein droit.",
                )
                break
    devolution = dissolution.devolution
    if isinstance(devolution, str) and _LEAD_IN.search(plain(devolution)):
        yield Finding(
            ("dissolution", "devolution"),
            "La convention imprime déjà « Après paiement du passif, les biens du groupement "
            "sont dévolus comme suit : » avant ce texte : commencez-le par la dévolution "
            "elle-même.",
        )
