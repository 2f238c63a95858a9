"""The legal review commands' work, with I/O at the edges: relire, provenance, comparer.

Like ``convgen.app``: the CLI parses and prints, the pure modules decide
(``review_pack``, ``provenance``, ``changes``), and this reads and writes files.
"""

from __future__ import annotations

from pathlib import Path

from convgen import app
from convgen.errors import Problem, UsageError, ValidationFailed
from convgen.output import write_atomic
from convgen.review_docx import to_docx
from convgen.review_formats import to_json, to_markdown
from convgen.review_pack import Review, build_review
from convgen.validation import Options

FORMATS = ("docx", "md", "json")
_SUFFIXES = {"docx": ".docx", "md": ".md", "json": ".json"}


def review_file(source: Path, options: Options, templates_dir: Path) -> Review:
    """Validate, render in memory and review ``source``.

    Raises ValidationFailed, like ``generer``, when the input has blocking
    problems, or when a final document would still hold draft placeholders.
    """
    validated, document = app.render_file(source, options, templates_dir)
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


def publish_review(review: Review, target: Path | None, fmt: str) -> str:
    """Write the pack in ``fmt`` to ``target`` atomically, or return its text when
    ``target`` is None (standard output). Raises OutputError."""
    if fmt == "docx":
        assert target is not None, "a Word pack always goes to a file"
        write_atomic(target, to_docx(review))
        return ""
    text = to_markdown(review) if fmt == "md" else to_json(review)
    if target is None:
        return text
    write_atomic(target, text.encode("utf-8"))
    return ""


def review_target(source: Path, output: Path | None, fmt: str) -> Path | None:
    """Where the pack goes: ``-o``, else ``<nom>.relecture.docx`` beside the input for Word;
    None (standard output) for Markdown and JSON. Raises UsageError."""
    if output is None:
        return source.with_suffix(".relecture.docx") if fmt == "docx" else None
    if output.resolve() == source.resolve():
        raise UsageError("le dossier de relecture remplacerait le fichier d'entrée : changez -o")
    if output.suffix.lower() != _SUFFIXES[fmt]:
        raise UsageError(
            f"au format {fmt}, le dossier de relecture doit avoir l'extension "
            f"{_SUFFIXES[fmt]} (« {output} »)"
        )
    return output
