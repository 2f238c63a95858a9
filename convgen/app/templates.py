"""Checking Word templates (convgen modeles): lint against the examples, the variables."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from convgen.app.documents import check_files
from convgen.batch.plan import INPUT_SUFFIXES
from convgen.documents.registry import DOCUMENT_TYPES, DocumentType, document_type
from convgen.errors import (
    ConvgenError,
    OutputError,
    Problem,
    Severity,
    UsageError,
    summary_line,
)
from convgen.files import shipped_folder
from convgen.lint import catalogue
from convgen.lint.report import TemplateReport, lint_template
from convgen.output import make_folders, same_file, write_atomic
from convgen.rendering.limits import render_limits
from convgen.rendering.store import default_templates_dir, load_bundle
from convgen.validation.validator import Options, Validated


@dataclass(frozen=True)
class TemplatesCheck:
    """What ``convgen modeles verifier`` reports: one report per template."""

    reports: tuple[TemplateReport, ...]
    coverage: bool  # informations (branches no example exercises) are shown too

    @property
    def shown(self) -> list[Problem]:
        """The problems to print: errors and warnings, and informations with coverage."""
        return [
            p
            for r in self.reports
            for p in r.problems
            if self.coverage or p.severity is not Severity.INFORMATION
        ]

    @property
    def ok(self) -> bool:
        return not any(p.is_error for r in self.reports for p in r.problems)

    def coverage_lines(self) -> list[str]:
        """« modele.docx : 179/294 branches exercées par les exemples (60 %) »."""
        return [
            f"{r.name} : non vérifié (modèle ou fragment introuvable, illisible ou mal formé : "
            "voir ci-dessus)"
            if not r.compiled
            else f"{r.name} : {r.covered}/{r.branches} branches exercées par les exemples "
            f"({100 * r.covered // r.branches if r.branches else 100} %)"
            for r in self.reports
        ]

    def summary(self) -> str:
        return summary_line(self.shown, len(self.reports), ("modèle", "modèles"))


def check_templates(
    files: Sequence[Path],
    templates_dir: Path,
    type_name: str | None,
    examples_dir: Path | None,
    options: Options,
    *,
    coverage: bool = False,
) -> TemplatesCheck:
    """Lint ``files`` (default: every type's template in ``templates_dir``) against the
    valid examples of ``examples_dir`` (default: the shipped examples)."""
    examples = examples_dir or default_examples_dir()
    reports = lint_templates(files, templates_dir, type_name, examples, options)
    return TemplatesCheck(tuple(reports), coverage)


def lint_templates(
    files: Sequence[Path],
    templates_dir: Path,
    type_name: str | None,
    examples_dir: Path,
    options: Options,
) -> list[TemplateReport]:
    """Lint the given templates (default: every registered type's template in
    ``templates_dir``) against the valid examples of ``examples_dir``. A template copied
    elsewhere and named by its file finds the fragments of ``templates_dir``, else the
    shipped ones; the folder's own templates, only those beside them."""
    if not examples_dir.is_dir():
        raise UsageError(f"dossier d'exemples introuvable : {examples_dir}")
    checked = check_files(sorted(_inputs(examples_dir)), options)
    examples = [e for e in checked if isinstance(e, Validated) and e.ok]
    targets = [(templates_dir, t.template, t) for t in DOCUMENT_TYPES.values()] if not files else []
    orphans: list[TemplateReport] = []
    for path in files:
        if path.name.startswith("~$"):  # Word's lock file of an open document
            continue
        if path.parent.name == "fragments" and type_name is None:
            including = _including(path)
            targets += including
            if not including:
                orphans.append(_orphan(path))
        else:
            targets.append((path.parent, path.name, _template_type(path, type_name)))
    # The folder's own templates find their fragments there only, as ``generer --modeles``
    # does, whether named by their file or not; a template named by its file, copied
    # elsewhere, also finds those of the folder, else the shipped ones.
    fallbacks = [templates_dir, default_templates_dir()] if files else []
    return [
        _lint_one(
            (folder, name, [] if same_file(folder, templates_dir) else fallbacks),
            doc_type,
            [e for e in examples if e.document.type == doc_type.name],
            examples_dir,
        )
        for folder, name, doc_type in dict.fromkeys(targets)
    ] + orphans


def _including(fragment: Path) -> list[tuple[Path, str, DocumentType]]:
    """The templates of the folder above ``fragment`` that include it (or that cannot be
    read: their error is reported), each to be checked with its fragments."""
    folder = fragment.parent.parent
    found = []
    for doc_type in DOCUMENT_TYPES.values():
        if not (folder / doc_type.template).is_file():
            continue
        try:
            included = fragment.name in load_bundle(folder, doc_type.template).fragments
        except ConvgenError:
            included = True
        if included:
            found.append((folder, doc_type.template, doc_type))
    return found


def _orphan(fragment: Path) -> TemplateReport:
    """A fragment that no template includes is not checked: never a success."""
    problem = Problem(
        f"aucun modèle de {fragment.parent.parent} n'inclut ce fragment : il n'a pas été "
        f'vérifié (un modèle l\'inclut par {{%p include "{fragment.name}" %}})',
        source=fragment.name,
    )
    return TemplateReport(fragment.name, (problem,), 0, 0, compiled=False)


def _lint_one(
    where: tuple[Path, str, list[Path]],
    doc_type: DocumentType,
    examples: list[Validated],
    examples_dir: Path,
) -> TemplateReport:
    folder, name, fallbacks = where
    try:
        bundle = load_bundle(folder, name, also=fallbacks)
    except ConvgenError as exc:  # unreadable, or a syntax error found while listing includes
        return TemplateReport(name, (exc.as_problem(),), 0, 0, compiled=False)  # an error
    report = lint_template(bundle, doc_type, examples, guard=render_limits)
    if examples or not report.compiled:  # a template not compiled already has its error
        return report
    return replace(report, problems=(*report.problems, _unrendered(name, examples_dir)))


def _unrendered(name: str, examples_dir: Path) -> Problem:
    """A template that no example rendered is not verified: never a success."""
    return Problem(
        f"aucun exemple valide de ce type dans {examples_dir} n'a été rendu avec ce modèle : "
        "il n'est pas vérifié (donnez un dossier d'exemples avec --exemples)",
        source=name,
    )


def _inputs(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return [p for p in folder.iterdir() if p.suffix.lower() in INPUT_SUFFIXES]


def _template_type(path: Path, type_name: str | None) -> DocumentType:
    if type_name is not None:
        return document_type(type_name)
    for doc_type in DOCUMENT_TYPES.values():
        if doc_type.template == path.name:
            return doc_type
    raise UsageError(f"{path} : précisez le type de document du modèle avec --type")


def default_examples_dir() -> Path:
    """The examples shipped with convgen (``exemples/`` of the repository)."""
    return shipped_folder("convgen.exemples")


def variables_markdown() -> str:
    return catalogue.markdown()


def copy_templates(target: Path) -> list[Path]:
    """Copy the Word templates shipped with convgen (fragments included) into ``target``,
    to be edited and passed as ``--modeles``: an installed convgen keeps its own among
    its program files. Refuses, writing nothing, if one of them is already there.
    Raises OutputError in French."""
    source = default_templates_dir()
    names = sorted(
        path.relative_to(source)
        for path in [*source.glob("*.docx"), *source.glob("fragments/*.docx")]
    )
    present = [name for name in names if (target / name).exists()]
    if present:
        listed = ", ".join(name.as_posix() for name in present)
        raise OutputError(
            f"ce dossier contient déjà des modèles ({listed}) : rien n'a été copié ; "
            "choisissez un autre dossier, ou déplacez-les d'abord",
            source=str(target),
        )
    written = []
    for name in names:
        make_folders((target / name).parent)
        write_atomic(target / name, (source / name).read_bytes())
        written.append(target / name)
    return written
