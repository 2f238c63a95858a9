"""The commands' work, with I/O at the edges: read inputs and templates, write documents.

The CLI only parses arguments and prints; everything it runs is here, so the
same paths serve the tests and the batch.
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
import json
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from convgen.batch.manifest import STATE_DIR
from convgen.batch.plan import discover_all
from convgen.documents import json_schema
from convgen.documents.json_schema import schema_file_name
from convgen.documents.registry import DOCUMENT_TYPES, document_type, type_of
from convgen.errors import (
    ConvgenError,
    InputError,
    OutputError,
    Problem,
    TemplateError,
    UsageError,
    ValidationFailed,
)
from convgen.files import read_bytes
from convgen.loading import RawInput, read_input
from convgen.output import exists, same_file, write_atomic
from convgen.pdf.office import PdfFormat, find_office
from convgen.validation.validator import Options, Rejected, Validated, Validation, validate
from convgen.wordml.package import MAX_TOTAL_BYTES
from convgen.wordml.text import docx_text


def validation_json(results: Sequence[Validation]) -> str:
    """``convgen valider --format json``: one object per file, its verdict and problems."""
    return json.dumps(
        [
            {
                "fichier": result.raw.source,
                "valide": result.ok,
                "problemes": [problem.as_dict() for problem in result.problems],
            }
            for result in results
        ],
        ensure_ascii=False,
        indent=2,
    )


def run_options(*, strict: bool = False, draft: bool = False) -> Options:
    """Validation options of a command run now: the one place that reads the clock."""
    return Options(today=dt.date.today(), strict=strict, draft=draft)


def check_file(path: Path, options: Options) -> Validation:
    """Load and validate one file; a file that cannot be read becomes one problem.
    A fault of convgen itself carries the file's name (``add_note``) to its report."""
    try:
        raw = read_input(path)
    except ConvgenError as exc:
        return Rejected(RawInput(str(path), {}), (exc.as_problem(),))
    except Exception as exc:
        exc.add_note(f"en traitant {path}")
        raise
    try:
        return validate(raw, options)
    except Exception as exc:
        exc.add_note(f"en traitant {path}")
        raise


def check_files(paths: Iterable[Path], options: Options) -> list[Validation]:
    return [check_file(path, options) for path in paths]


def check_paths(paths: Iterable[Path], options: Options) -> list[Validation]:
    """``convgen valider``: the files named and the inputs of the folders named (walked
    as ``regenerer`` walks them), each checked; an entry a folder walk refuses (a link
    out of it, a loop) is a file rejected with its reason."""
    files, refused = inputs_of(paths)
    results: list[Validation] = [
        Rejected(RawInput(problem.source or "", {}), (problem,)) for problem in refused
    ]
    return results + check_files(files, options)


def inputs_of(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """The files named, and the inputs of the folders named, walked as ``regenerer`` walks
    them (hidden entries skipped; links out of the folder, loops and unreadable folders
    refused, each with its reason)."""
    named, refused = named_inputs(paths)
    return sorted(named), refused


def named_inputs(paths: Iterable[Path]) -> tuple[dict[Path, str], list[Problem]]:
    """``inputs_of``, each file with a name that does not depend on how it was reached:
    its path within the folder named, or its absolute path when named itself."""
    files: dict[Path, str] = {}
    refused: list[Problem] = []
    for path in paths:
        if not path.is_dir():
            files.setdefault(path, str(path.resolve()))
            continue
        found, reasons = discover_all(path, path / STATE_DIR)
        files.update((path / relative, relative) for relative in found)
        refused += [Problem(why, source=str(path / name)) for name, why in reasons.items()]
    return files, refused


@dataclass(frozen=True)
class Generated:
    validated: Validated
    output: Path
    pdf: Path | None = None


def generate_file(
    source: Path,
    output: Path | None,
    options: Options,
    templates_dir: Path,
    pdf_format: PdfFormat | None = None,
) -> Generated:
    """Validate ``source`` and write its document, and its PDF beside it if asked.
    Raises ConvgenError; writes nothing then (the PDF is made before either is written)."""
    target = output or source.with_suffix(".docx")
    if same_file(target, source):
        raise UsageError(
            "le document produit remplacerait le fichier d'entrée : choisissez un autre nom avec -o"
        )
    if target.suffix.lower() != ".docx":
        raise UsageError(f"le document produit doit avoir l'extension .docx (« {target} »)")
    templates = [*templates_dir.glob("*.docx"), *templates_dir.glob("fragments/*.docx")]
    if same_file(target, *templates) or _linked(target, templates):
        raise UsageError(
            f"le document produit remplacerait le modèle « {target.name} » du dossier des "
            f"modèles ({templates_dir}) : choisissez un autre nom avec -o"
        )
    if pdf_format is not None:
        find_office()  # a missing LibreOffice is said before the input is even read
    validated, data = render_file(source, options, templates_dir)
    if pdf_format is None:
        write_atomic(target, data)
        return Generated(validated, target)
    from convgen.pdf.metadata import document_pdf  # noqa: PLC0415 - pikepdf, only for a PDF

    pdf = document_pdf(data, str(target), pdf_format)
    pdf_target = target.with_suffix(".pdf")
    write_atomic(target, data)
    write_atomic(pdf_target, pdf)
    return Generated(validated, target, pdf_target)


def _linked(target: Path, files: Iterable[Path]) -> bool:
    """Whether ``target`` is one of ``files`` by another name: a hard link, or another
    case on a file system that ignores it (never raises: a name too long is not one)."""
    try:
        return target.exists() and any(os.path.samefile(target, file) for file in files)
    except OSError:
        return False


def render_file(
    source: Path, options: Options, templates_dir: Path, *, vet: bool = True
) -> tuple[Validated, bytes]:
    """Validate ``source`` and render its document in memory. Raises ConvgenError.

    ``vet``: refuse first a template the template check refuses (``generer``); the
    review pack renders it all the same, since its checklist says clause by clause
    what the document lacks (an article whose heading was removed: « absent »).

    The rendering engine (docxtpl, lxml) is imported here: ``valider`` never loads it."""
    from convgen.lint.report import refuse_flawed_template  # noqa: PLC0415
    from convgen.rendering.environment import keep_compiled_on_disk  # noqa: PLC0415
    from convgen.rendering.generation import render_document  # noqa: PLC0415
    from convgen.rendering.limits import render_limits  # noqa: PLC0415
    from convgen.rendering.prepared import PreparedTemplate  # noqa: PLC0415
    from convgen.rendering.store import load_bundle  # noqa: PLC0415

    validated = check_file(source, options)
    if not isinstance(validated, Validated) or not validated.ok:
        raise ValidationFailed(validated.problems, source=str(source))
    bundle = load_bundle(templates_dir, type_of(validated.document).template)
    keep_compiled_on_disk()
    prepared = PreparedTemplate(bundle, guard=render_limits)
    if vet:
        refuse_flawed_template(prepared)
    return validated, render_document(validated, prepared, draft=options.draft)


def starter_text(type_name: str) -> str:
    """The commented starter file of a document type."""
    document_type(type_name)
    resource = importlib.resources.files("convgen.nouveau").joinpath(f"{type_name}.yaml")
    return resource.read_text(encoding="utf-8")


def starter_with_schema(type_name: str) -> str:
    """The starter, its first line pointing editors to the input's JSON Schema written
    beside it (a relative name: the pair travels together to another machine)."""
    name = schema_file_name(document_type(type_name))
    return f"# yaml-language-server: $schema={name}\n{starter_text(type_name)}"


def schema_text(type_name: str) -> str:
    return json_schema.schema_text(document_type(type_name))


def write_text(output: Path, text: str) -> None:
    write_atomic(output, text.encode("utf-8"))


def write_starter(
    type_name: str, output: Path, *, overwrite: bool, with_schema: bool = True
) -> Path | None:
    """Write the starter of ``type_name`` to ``output``, refusing to replace a file, and
    (``with_schema``) its JSON Schema beside it. Returns the schema's path if written."""
    if not output.parent.is_dir():  # said of the file asked for, not of the schema beside it
        raise OutputError("le dossier de destination n'existe pas", source=str(output))
    if exists(output) and not overwrite:
        raise OutputError(
            "le fichier existe déjà (utilisez --forcer pour le remplacer)", source=str(output)
        )
    if not with_schema:
        write_text(output, starter_text(type_name))
        return None
    schema = write_schema_beside(output, type_name)
    write_text(output, starter_with_schema(type_name))
    return schema


def write_schema_beside(input_file: Path, type_name: str) -> Path:
    """The JSON Schema of ``type_name`` written beside ``input_file``, where its first line
    points editors (refreshed if convgen wrote it; another file of that name is kept)."""
    schema = input_file.parent / schema_file_name(document_type(type_name))
    if exists(schema) and not json_schema.is_convgen_schema(
        read_bytes(schema, limit=MAX_TOTAL_BYTES, line=None)
    ):
        raise OutputError(
            "un autre fichier porte le nom du schéma (utilisez --sans-schema, ou un autre dossier)",
            source=str(schema),
        )
    write_text(schema, schema_text(type_name))
    return schema


_Read = TypeVar("_Read")


def read_docx(path: Path, reader: Callable[[bytes, str], _Read]) -> _Read:
    """``reader`` applied to the bytes of a .docx named on the command line. Raises
    InputError on that file if it cannot be read or ``reader`` finds it is not a
    sound .docx (TemplateError)."""
    data = read_document(path)
    try:
        return reader(data, str(path))
    except TemplateError as exc:
        raise InputError(exc.message, source=str(path)) from None


def document_text(path: Path) -> str:
    """The text view of a .docx file (wordml.text.docx_text). Raises InputError if unreadable."""
    return read_docx(path, docx_text)


def read_document(path: Path) -> bytes:
    """The bytes of a document named on the command line. Raises InputError."""
    return read_bytes(path, limit=MAX_TOTAL_BYTES, line=None)


def known_types() -> list[str]:
    return list(DOCUMENT_TYPES)


def types_help() -> str:
    """The document types, one per line, for the commands' help."""
    lines = [f"  {name} : {t.named[0].lower()}{t.named[1:]}" for name, t in DOCUMENT_TYPES.items()]
    return "\b\nTypes de documents :\n" + "\n".join(lines)
