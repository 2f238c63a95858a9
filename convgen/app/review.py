"""The legal review commands' work, with I/O at the edges: relire, provenance, comparer.

Like ``convgen.app.documents``: the CLI parses and prints, the pure modules decide
(``review.pack``, ``provenance``, ``changes``), and this reads and writes files.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from convgen import __version__, references
from convgen.app import documents as app
from convgen.app.documents import inputs_of
from convgen.errors import ConvgenError, InputError, Problem, UsageError, ValidationFailed
from convgen.output import same_file, write_atomic
from convgen.pdf.metadata import document_pdf
from convgen.pdf.office import PdfFormat, find_office
from convgen.rendering.engine import libraries_text
from convgen.rendering.store import load_bundle
from convgen.review.changes import Change, article_changes, origin
from convgen.review.folder import BLOCKED, FolderRow, folder_table
from convgen.review.folder import TITLE as FOLDER_TITLE
from convgen.review.folder import summary as folder_summary
from convgen.review.folder import to_json as folder_json
from convgen.review.folder import to_markdown as folder_markdown
from convgen.review.formats import heading, to_json, to_markdown, verdict
from convgen.review.pack import Review, build_review
from convgen.review.provenance import (
    Provenance,
    Verdict,
    content_verdict,
    engine_verdict,
    input_verdict,
    read_provenance,
    template_verdict,
)
from convgen.review.redline import DEFAULT_DATE, redline
from convgen.review.word import tables_docx, to_docx
from convgen.validation.validator import Options
from convgen.wordml.package import read_package
from convgen.wordml.text import docx_text

FORMATS = ("docx", "md", "json")
_SUFFIXES = {"docx": ".docx", "md": ".md", "json": ".json"}


def review_file(source: Path, options: Options, templates_dir: Path) -> Review:
    """Validate, render in memory and review ``source``.

    Raises ValidationFailed, like ``generer``, when the input has blocking
    problems, or when a final document would still hold draft placeholders.
    """
    validated, document = app.render_file(source, options, templates_dir, vet=False)
    review = build_review(validated, document, draft=options.draft)
    if not options.draft and review.pending:
        raise ValidationFailed(
            [_placeholder_problem(item.where, item.detail, str(source)) for item in review.pending],
            source=str(source),
        )
    return review


def _placeholder_problem(where: str, detail: str, source: str) -> Problem:
    return Problem(
        f"la version définitive contient encore un espace réservé : {detail}",
        source=source,
        path=where,
    )


def publish_review(
    review: Review, target: Path | None, fmt: str, pdf_format: PdfFormat | None = None
) -> str:
    """Write the pack in ``fmt`` to ``target`` atomically (with its PDF beside it if
    asked), or return its text when ``target`` is None (standard output).
    Raises OutputError, OfficeError (then nothing is written)."""
    if fmt == "docx":
        assert target is not None, "a Word pack always goes to a file"
        pack = to_docx(review)
        pdf = None if pdf_format is None else document_pdf(pack, str(target), pdf_format)
        write_atomic(target, pack)
        if pdf is not None:
            write_atomic(target.with_suffix(".pdf"), pdf)
        return ""
    text = to_markdown(review) if fmt == "md" else to_json(review)
    if target is None:
        return text
    app.write_text(target, text)
    return ""


def review_folder(folder: Path, options: Options, templates_dir: Path) -> list[FolderRow]:
    """One row per input of ``folder`` (walked as ``regenerer`` walks it): its verdict,
    its blocking points and its open points. A failing input is a row, not an error."""
    files, refused = inputs_of([folder])
    rows = [_folder_row(path, options, templates_dir) for path in files]
    rows += [FolderRow(p.source or "", "", "refusé", (p.message,), ()) for p in refused]
    return rows


def _folder_row(path: Path, options: Options, templates_dir: Path) -> FolderRow:
    try:
        review = review_file(path, options, templates_dir)
    except ValidationFailed as exc:
        errors = tuple(_located(p) for p in exc.problems if p.is_error)
        return FolderRow(str(path), "", f"{BLOCKED} : données invalides", errors, ())
    except ConvgenError as exc:
        return FolderRow(str(path), "", f"{BLOCKED} : illisible", (exc.message,), ())
    failures = tuple(f"✘ {i.title} ({i.where}) : {i.result}" for i in review.failures)
    warnings = tuple(_located(p) for p in review.warnings)
    questions = tuple(f"[{p.rule}] question ouverte" for p in review.open_points)
    return FolderRow(
        str(path),
        heading(review),
        BLOCKED if failures else verdict(review),
        failures,
        warnings + questions,
    )


def _located(problem: Problem) -> str:
    where = f"ligne {problem.line}, " if problem.line else ""
    field = f"{problem.path} : " if problem.path else ""
    rule = f" [{problem.rule}]" if problem.rule else ""
    return f"{where}{field}{problem.message}{rule}"


def publish_folder(
    rows: list[FolderRow],
    folder: Path,
    target: Path | None,
    fmt: str,
    pdf_format: PdfFormat | None = None,
) -> str:
    """Write the folder review in ``fmt`` to ``target`` (with its PDF if asked), or
    return its text (stdout)."""
    if fmt == "docx":
        assert target is not None, "a Word review always goes to a file"
        table = folder_table(rows)
        lines = (f"Dossier : {folder}",)
        data = tables_docx(FOLDER_TITLE, FOLDER_TITLE, lines, folder_summary(rows), [table])
        pdf = None if pdf_format is None else document_pdf(data, str(target), pdf_format)
        write_atomic(target, data)
        if pdf is not None:
            write_atomic(target.with_suffix(".pdf"), pdf)
        return ""
    text = folder_markdown(str(folder), rows) if fmt == "md" else folder_json(str(folder), rows)
    if target is None:
        return text
    app.write_text(target, text)
    return ""


def folder_target(
    folder: Path, output: Path | None, fmt: str, pdf_format: PdfFormat | None = None
) -> Path | None:
    """``-o``, else ``<dossier>.relecture.docx`` beside the folder for Word; stdout otherwise.
    Raises UsageError, or OfficeError when a PDF is asked and LibreOffice is missing."""
    _check_pdf(fmt, pdf_format)
    if output is None:
        return folder.parent / f"{folder.resolve().name}.relecture.docx" if fmt == "docx" else None
    if output.suffix.lower() != _SUFFIXES[fmt]:
        raise UsageError(
            f"au format {fmt}, la relecture du dossier doit avoir l'extension {_SUFFIXES[fmt]}"
        )
    return output


def review_target(
    source: Path, output: Path | None, fmt: str, pdf_format: PdfFormat | None = None
) -> Path | None:
    """Where the pack goes: ``-o``, else ``<nom>.relecture.docx`` beside the input for Word;
    None (standard output) for Markdown and JSON. Raises UsageError, or OfficeError when
    a PDF is asked and LibreOffice is missing (before any work)."""
    _check_pdf(fmt, pdf_format)
    if output is None:
        return source.with_suffix(".relecture.docx") if fmt == "docx" else None
    if same_file(output, source):
        raise UsageError("le dossier de relecture remplacerait le fichier d'entrée : changez -o")
    if output.suffix.lower() != _SUFFIXES[fmt]:
        raise UsageError(
            f"au format {fmt}, le dossier de relecture doit avoir l'extension "
            f"{_SUFFIXES[fmt]} (« {output} »)"
        )
    return output


def _check_pdf(fmt: str, pdf_format: PdfFormat | None) -> None:
    if pdf_format is not None:
        if fmt != "docx":
            raise UsageError("--pdf et --pdfa accompagnent le dossier Word (--format docx)")
        find_office()


def document_provenance(path: Path) -> Provenance:
    """The provenance of a .docx file. Raises InputError if unreadable or not from convgen."""
    provenance = app.read_docx(path, read_provenance)
    if not provenance.present:
        raise InputError(
            "ce document ne porte pas de provenance convgen : il n'a pas été produit par "
            "convgen generer, ou ses propriétés ont été effacées",
            source=str(path),
        )
    return provenance


def provenance_checks(
    provenance: Provenance, input_file: Path | None, templates_dir: Path | None
) -> list[Verdict]:
    """Content digest, then the input and the templates if given, then the engine."""
    verdicts = [content_verdict(provenance)]
    if input_file is not None:
        verdicts.append(input_verdict(provenance, _fingerprint(input_file), str(input_file)))
    if templates_dir is not None:
        bundle = load_bundle(templates_dir, provenance.properties.get("convgen_modele", ""))
        verdicts.append(template_verdict(provenance, bundle.sha256, str(templates_dir)))
    verdicts.append(engine_verdict(provenance, __version__, references.VERSION, libraries_text()))
    return verdicts


def _fingerprint(path: Path) -> str:
    """Fingerprint of an input's validated data. Draft options: the fingerprint does not
    depend on the mode, and missing information must not hide it. Raises ValidationFailed."""
    validated = app.check_file(path, Options(today=dt.date.today(), draft=True))
    if validated.document is None:
        raise ValidationFailed(validated.problems, source=str(path))
    return validated.fingerprint


def comparison_target(old: Path, new: Path, output: Path | None) -> Path:
    """``-o``, else ``<nouveau>.comparaison.docx`` beside the newer version. Raises UsageError."""
    target = output or new.with_name(f"{new.stem}.comparaison.docx")
    if same_file(target, old, new):
        raise UsageError("la comparaison remplacerait un des documents comparés : changez -o")
    if target.suffix.lower() != ".docx":
        raise UsageError(f"la comparaison doit avoir l'extension .docx (« {target} »)")
    return target


def compare_files(old: Path, new: Path, target: Path, when: dt.date | None = None) -> None:
    """Write the tracked-changes .docx of ``old`` -> ``new`` to ``target``. Raises ConvgenError."""
    before, after = _read_docx(old), _read_docx(new)
    write_atomic(target, redline(before, after, when=when or DEFAULT_DATE))


def change_summary(old: Path, new: Path) -> tuple[list[Change], list[str]]:
    """Article-by-article changes and, from the provenances, where they come from."""
    before, after = _read_docx(old), _read_docx(new)
    changes = article_changes(docx_text(before, str(old)), docx_text(after, str(new)))
    causes = origin(read_provenance(before, str(old)), read_provenance(after, str(new)))
    return changes, list(causes)


def _read_docx(path: Path) -> bytes:
    """The bytes of a .docx named on the command line. Raises InputError if it is not one."""
    return app.read_docx(path, _checked_package)


def _checked_package(data: bytes, source: str) -> bytes:
    read_package(data, source)
    return data
