"""The clause checklist: is every clause the law or good practice asks for in the document?

Works on the text view of the rendered document (``wordml.text.docx_text``), so it
sees what the lawyer will read, whatever the template does: an article is
present when its heading « Article N – <titre du plan> » is there with the
number the plan gives it and a body that says something. Optional articles
are reported as included or left out, with the input that decided it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from convgen import references
from convgen.chars import SPACES
from convgen.documents.articles import Article, ArticleSpec
from convgen.documents.registry import DocumentType
from convgen.loading import RawInput
from convgen.review.clause_texts import TEXT_CHECKS, TextCheck
from convgen.review.clauses import BASES, FRONT, PREFIXES, Basis
from convgen.review.decisions import decision
from convgen.schema.commun import Signature
from convgen.schema.document import Document
from convgen.wordml.text import SIGNATURES, Section

PLACEHOLDER = "[à compléter"


class Status(StrEnum):
    PRESENT = "present"
    ABSENT = "absent"
    VIDE = "vide"
    MAL_NUMEROTE = "mal_numerote"
    A_COMPLETER = "a_completer"
    OMIS = "omis"
    SANS_OBJET = "sans_objet"


FAILURES = frozenset({Status.ABSENT, Status.VIDE, Status.MAL_NUMEROTE})
LABELS = {
    Status.PRESENT: "présent",
    Status.ABSENT: "absent",
    Status.VIDE: "vide",
    Status.MAL_NUMEROTE: "mal numéroté",
    Status.A_COMPLETER: "à compléter",
    Status.OMIS: "omis",
    Status.SANS_OBJET: "sans objet",
}


@dataclass(frozen=True)
class CheckItem:
    """One line of the checklist."""

    id: str
    title: str
    basis: Basis
    mandatory: bool
    status: Status
    where: str = ""
    detail: str = ""
    decided_by: str | None = None
    decision: str = ""

    @property
    def failed(self) -> bool:
        return self.status in FAILURES

    @property
    def mark(self) -> str:
        if self.failed or self.status is Status.A_COMPLETER:
            return "✘"
        return "✔" if self.status is Status.PRESENT else "–"

    @property
    def optional(self) -> bool:
        """An article the plan includes or leaves out depending on the input."""
        return self.decided_by is not None

    @property
    def result(self) -> str:
        """« présent », « omis : … », « absent : … »: the French verdict with its reason."""
        detail = self.decision if self.status is Status.OMIS else self.detail
        label = LABELS[self.status]
        return f"{label} : {detail}" if detail else label


@dataclass(frozen=True)
class _Inputs:
    doc_type: DocumentType
    document: Document
    context: Mapping[str, Any]
    sections: Sequence[Section]
    raw: RawInput

    def item_id(self, key: str) -> str:
        return f"{PREFIXES[self.doc_type.name]}.{key}"

    def basis(self, key: str) -> Basis:
        return BASES[self.doc_type.name][key]


def checklist(
    doc_type: DocumentType,
    document: Document,
    context: Mapping[str, Any],
    sections: Sequence[Section],
    raw: RawInput,
) -> list[CheckItem]:
    """Check the sections of a rendered document against its type's clause list."""
    inputs = _Inputs(doc_type, document, context, sections, raw)
    items = [_front(inputs, spec) for spec in FRONT[doc_type.name]]
    for spec in doc_type.articles:
        items.append(_article(inputs, spec, "Article", context["articles"][spec.key]))
        items += [_text(inputs, c) for c in TEXT_CHECKS[doc_type.name] if c.section == spec.key]
    items += [_closing(inputs), _signatories(inputs)]
    items += [
        _article(inputs, spec, "Annexe", context["annexes"][spec.key]) for spec in doc_type.annexes
    ]
    return items


def _front(inputs: _Inputs, spec: ArticleSpec) -> CheckItem:
    wanted = normalize(spec.title)
    found = next(
        (s for s in inputs.sections if s.kind is None and normalize(s.heading).startswith(wanted)),
        None,
    )
    return _item(inputs, spec, spec.key, found, expected=None)


def _article(inputs: _Inputs, spec: ArticleSpec, kind: str, planned: Article | None) -> CheckItem:
    key = spec.key if kind == "Article" else f"annexe.{spec.key}"
    found = _find_section(inputs, kind, spec.titles)
    expected = (
        None if planned is None else f"{kind} {planned.numero if kind == 'Article' else planned.n}"
    )
    return _item(inputs, spec, key, found, expected)


def _item(
    inputs: _Inputs, spec: ArticleSpec, key: str, found: Section | None, expected: str | None
) -> CheckItem:
    basis = inputs.basis(key)
    # The heading the document prints (« Adhésion et retrait » without exclusion), not
    # the longest of the plan's: the item said « Adhésion, retrait et exclusion ✔ ».
    title = found.title if found is not None and found.title else spec.title
    item = CheckItem(
        inputs.item_id(key),
        title,
        basis,
        mandatory=spec.included is None,
        status=Status.PRESENT,
        where=expected or title,
        decided_by=spec.decided_by,
    )
    if spec.decided_by:
        item = replace(item, decision=decision(inputs.document, inputs.raw, spec.decided_by))
    if not spec.applies_to(inputs.document):
        return _with(item, Status.OMIS, "", where="")
    status, detail = _presence(
        found, expected, f"{expected} – {spec.title}" if expected else spec.title
    )
    return _with(item, status, detail)


def _presence(found: Section | None, expected: str | None, heading: str) -> tuple[Status, str]:
    if found is None:
        return Status.ABSENT, f"titre « {heading} » introuvable"
    if expected is not None and f"{found.kind} {found.number}" != expected:
        return Status.MAL_NUMEROTE, f"« {found.heading} » au lieu de « {expected} »"
    if not found.body:
        return Status.VIDE, f"« {found.heading} » n’a aucun texte"
    pending = _placeholders(found.body)
    if pending:
        return Status.A_COMPLETER, " ; ".join(pending)
    return Status.PRESENT, ""


def _placeholders(lines: Sequence[str]) -> list[str]:
    """What the draft placeholders of ``lines`` ask for (« date de signature »…)."""
    found = []
    for line in lines:
        for piece in line.split(PLACEHOLDER)[1:]:
            found.append(piece.lstrip(f"{SPACES}:").split("]")[0].strip())
    return list(dict.fromkeys(found))


def _text(inputs: _Inputs, check: TextCheck) -> CheckItem:
    applies = check.applies(inputs.context)
    item = CheckItem(inputs.item_id(check.key), check.title, check.basis, applies, Status.PRESENT)
    if not applies:
        return _with(item, Status.SANS_OBJET, f"seulement si {check.condition}")
    section = _section_of(inputs, check.section)
    if section is None:
        return _with(item, Status.ABSENT, "article absent")
    where = section.heading.split(" – ")[0]
    text = normalize("\n".join(section.lines))
    markers = [_marker(m) for m in check.markers]
    if any(normalize(marker) in text for marker in markers):
        # A draft's placeholder in the same article leaves the statement unfinished.
        pending = _placeholders(section.lines)
        status = Status.A_COMPLETER if pending else Status.PRESENT
        return _with(item, status, " ; ".join(pending), where=where)
    return _with(
        item, Status.ABSENT, f"formule attendue introuvable : « {markers[0]} »", where=where
    )


def _section_of(inputs: _Inputs, key: str) -> Section | None:
    spec = next(s for s in inputs.doc_type.articles if s.key == key)
    return _find_section(inputs, "Article", spec.titles)


def _find_section(inputs: _Inputs, kind: str, titles: Sequence[str]) -> Section | None:
    """The article or annex of the document titled one of ``titles`` (normalised)."""
    wanted = {normalize(title) for title in titles}
    return next(
        (s for s in inputs.sections if s.kind == kind and normalize(s.title) in wanted), None
    )


def _marker(marker: str) -> str:
    return references.REFERENCES[marker[4:]] if marker.startswith("ref:") else marker


def _signature_item(inputs: _Inputs, key: str, title: str) -> CheckItem:
    return CheckItem(
        inputs.item_id(key), title, inputs.basis(key), True, Status.PRESENT, where=SIGNATURES
    )


def _closing(inputs: _Inputs) -> CheckItem:
    item = _signature_item(
        inputs, "signature", "Formule « Fait à …, le …, en … exemplaires originaux »"
    )
    section = _signature_section(inputs)
    if section is None:
        return _with(item, Status.ABSENT, "formule « Fait à … » introuvable")
    first, wanted = normalize(section.lines[0]), _closing_words(inputs.document.signature)
    if normalize(wanted) not in first:
        return _with(item, Status.ABSENT, f"la formule ne mentionne pas « {wanted} »")
    pending = _placeholders(section.lines[:1])
    return _with(item, Status.A_COMPLETER, " ; ".join(pending)) if pending else item


def _closing_words(signature: Signature) -> str:
    """What the closing formula must say about the originals (C. civ. 1375)."""
    if signature.electronique:
        return "signature électronique"
    if signature.depositaire:
        return "exemplaire original unique"
    n = signature.nombre_originaux
    return f"({n}) exemplaire{'s originaux' if n > 1 else ' original'}"


def _signatories(inputs: _Inputs) -> CheckItem:
    item = _signature_item(inputs, "signataires", "Un bloc de signature par signataire")
    section = _signature_section(inputs)
    rows = [normalize(line) for line in section.lines if line.startswith("|")] if section else []
    missing = [
        org["nom_court"]
        for org in inputs.context["signataires"]
        if not any(normalize(org["signe_par"]["nom_complet"]) in row for row in rows)
    ]
    if missing:
        return _with(item, Status.ABSENT, "bloc manquant pour " + ", ".join(missing))
    return item


def _signature_section(inputs: _Inputs) -> Section | None:
    return next((s for s in inputs.sections if s.heading == SIGNATURES), None)


def _with(item: CheckItem, status: Status, detail: str, where: str | None = None) -> CheckItem:
    return replace(item, status=status, detail=detail, where=item.where if where is None else where)


_SPACES_AS_SPACE = str.maketrans(dict.fromkeys(SPACES, " "))


def normalize(text: str) -> str:
    """Text compared as a reader would: no-break spaces as spaces, straight apostrophes,
    case folded, whitespace collapsed."""
    text = unicodedata.normalize("NFC", text)
    text = text.translate(_SPACES_AS_SPACE)
    return " ".join(text.replace("’", "'").casefold().split())
