"""The batch command: convgen regenerer."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from convgen.app.documents import run_options
from convgen.batch import run
from convgen.batch.plan import Settings
from convgen.batch.report import (
    finished_before,
    interrupted_lines,
    json_documents,
    json_report_chunks,
    text_report_lines,
)
from convgen.cli.main import CONTEXT
from convgen.cli.options import pdf_options, strict_option, templates_option
from convgen.errors import ConvgenError, ExitCode, Problem
from convgen.pdf.office import PdfFormat
from convgen.wording.accords import plural

if TYPE_CHECKING:
    from convgen.rendering.prepared import PreparedTemplate


@click.command(context_settings=CONTEXT)
@click.argument(
    "input_dir",
    metavar="DOSSIER_ENTREES",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
)
@click.option(
    "-o",
    "--sortie",
    "output_dir",
    metavar="DOSSIER_SORTIE",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Dossier des documents (créé au besoin) ; l'état est gardé dans .convgen/.",
)
@click.option(
    "-j",
    "--jobs",
    metavar="N",
    type=click.IntRange(min=1),
    help="Nombre de processus de calcul (par défaut : nombre de cœurs).",
)
@click.option(
    "--forcer",
    is_flag=True,
    help="Régénère tout, y compris les documents modifiés à la main (leur version "
    "modifiée est conservée à côté : x.avant-forcer.docx).",
)
@click.option("--simulation", is_flag=True, help="Affiche ce qui serait fait, sans rien écrire.")
@strict_option
@templates_option()
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["texte", "json"]),
    default="texte",
    help="Compte rendu en texte (par défaut) ou en JSON, pour les scripts.",
)
@pdf_options(
    "de chaque document, tenu à jour comme lui (reconstruit quand le document change, "
    "conservé s'il a été modifié à la main)"
)
def regenerer(
    *,
    input_dir: Path,
    output_dir: Path,
    jobs: int | None,
    forcer: bool,
    simulation: bool,
    strict: bool,
    templates_dir: Path,
    output_format: str,
    pdf: bool,
    pdfa: bool,
) -> None:
    """Régénère les documents de DOSSIER_ENTREES dont l'entrée, le modèle ou convgen a changé.

    Chaque fichier .yaml, .yml ou .json du dossier (sous-dossiers compris) donne le
    document de même chemin dans DOSSIER_SORTIE.
    """
    settings = Settings(
        input_dir,
        output_dir,
        templates_dir,
        run_options(strict=strict),
        jobs or run.default_jobs(),
        force=forcer,
        simulation=simulation,
        pdf=PdfFormat.from_flags(pdf, pdfa),
        templates_chosen=click.get_current_context().get_parameter_source("templates_dir")
        is click.core.ParameterSource.COMMANDLINE,
        vet=_vet_template,
    )
    started = time.perf_counter()
    progress = _Progress(drawn=sys.stderr.isatty(), forced=forcer)
    try:
        with progress:
            report = run.regenerate(settings, progress)
    except ConvgenError as exc:
        if output_format == "json":  # a script reads one JSON object, even then
            click.echo(json.dumps({"erreur": exc.as_problem().as_dict()}, ensure_ascii=False))
        raise
    except KeyboardInterrupt as stop:  # Ctrl-C: what was written stays, the next run finishes
        _said_interrupted(stop, progress.interrupted(), output_format, output_dir)
        raise
    seconds = time.perf_counter() - started
    if output_format == "json":
        for chunk in json_report_chunks(report, seconds):
            click.echo(chunk, nl=False)
        click.echo()
    else:
        for line in text_report_lines(report, seconds):
            click.echo(line)
    if report.internal:
        click.echo(
            "Erreur interne de convgen (merci de la signaler) : voir les documents en échec.",
            err=True,
        )
        raise click.exceptions.Exit(ExitCode.INTERNAL)
    if not report.ok:
        raise click.exceptions.Exit(ExitCode.INVALID)


def _said_interrupted(stop: BaseException, said: str, output_format: str, output: Path) -> None:
    """The documents finished before the interruption (after a template change, those
    to send out again: the next run lists them as unchanged), then how far it went."""
    finished = finished_before(stop)
    if output_format == "json":
        problem = Problem(said, source=str(output))
        stopped = {"erreur": problem.as_dict(), "documents": json_documents(finished)}
        click.echo(json.dumps(stopped, ensure_ascii=False))
    else:
        for line in interrupted_lines(finished):
            click.echo(line)
    click.echo(f"{said}.", err=True)


class _Progress:
    """The run's progress (a ``run.Progress``): a bar on a terminal, nothing when stderr
    is a file or a pipe; kept, to say how far a run went when it is interrupted."""

    def __init__(self, *, drawn: bool, forced: bool = False) -> None:
        self.drawn = drawn
        self.forced = forced  # --forcer: the same command does every document again
        self.done = 0
        self.total: int | None = None  # documents to do, once the plan is made
        self._bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        self.done, self.total = done, total
        if not self.drawn:
            return
        if self._bar is None:
            self._bar = click.progressbar(length=total, label="Régénération", file=sys.stderr)
        self._bar.update(done - self._bar.pos)

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *_: object) -> None:
        if self._bar is not None:
            self._bar.render_finish()

    def interrupted(self) -> str:
        """What an interrupted run says: what is kept, how far it went, how to finish."""
        if not self.total:  # stopped before the plan was made, or with nothing to make
            return (
                "régénération interrompue : les documents déjà écrits sont gardés ; "
                "relancez la même commande pour terminer"
            )
        left = self.total - self.done
        if self.done == 0:
            them = "le" if self.total == 1 else "les"
            return (
                f"régénération interrompue avant la fin du premier document (aucun traité sur "
                f"{self.total}) ; relancez la même commande pour {them} traiter"
            )
        rest = f" les {left} autres" if left > 1 else " le dernier" if left == 1 else ""
        again = (
            " (avec --forcer, elle refait aussi les documents déjà traités)" if self.forced else ""
        )
        return (
            f"régénération interrompue : les documents déjà écrits sont gardés "
            f"({self.done} {plural('document', self.done)} {plural('traité', self.done)} "
            f"sur {self.total}) ; relancez la même commande pour terminer{rest}{again}"
        )


def _vet_template(prepared: PreparedTemplate) -> None:
    """The template check's refusal of a flawed template (see Settings.vet), imported
    by the worker that prepares a template, not at start-up."""
    from convgen.lint.report import refuse_flawed_template  # noqa: PLC0415

    refuse_flawed_template(prepared)
