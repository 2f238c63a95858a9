"""Command line: French commands and messages; the work itself is in convgen.app."""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from convgen import __version__, app, build, cli_fr
from convgen.build_plan import Settings
from convgen.build_report import json_report, text_report
from convgen.errors import ConvgenError, ExitCode, ValidationFailed, summary_line
from convgen.template_store import default_templates_dir
from convgen.validation import Options

cli_fr.install()

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
TRACE_FILE = Path(tempfile.gettempdir()) / "convgen-erreur-interne.txt"

input_files = click.argument(
    "fichiers",
    nargs=-1,
    required=True,
    metavar="FICHIER...",
    type=click.Path(dir_okay=False, path_type=Path),
)
strict_option = click.option(
    "--strict", is_flag=True, help="Traite les avertissements comme des erreurs."
)
draft_option = click.option(
    "--brouillon",
    "draft",
    is_flag=True,
    help="Projet : mention PROJET et espaces réservés pour les informations manquantes.",
)
templates_option = click.option(
    "--modeles",
    "templates_dir",
    metavar="DOSSIER",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Dossier des modèles Word (par défaut : modeles/ du dépôt).",
)


class ConvgenGroup(click.Group):
    """Turns user errors into French messages and exit codes, and bugs into exit code 3."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except ConvgenError as exc:
            _report(exc)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("Interrompu.", err=True)
            ctx.exit(130)
        except Exception:
            _internal_error(bool(ctx.params.get("debug")))
            ctx.exit(ExitCode.INTERNAL)


@click.group(
    "convgen",
    cls=ConvgenGroup,
    context_settings=CONTEXT,
    subcommand_metavar="COMMANDE [ARGUMENTS]...",
)
@click.version_option(__version__, "--version", prog_name="convgen", message="%(prog)s %(version)s")
@click.option("--debug", is_flag=True, help="Affiche le détail des erreurs internes.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """convgen : conventions de partenariat, chartes de réseau et conventions constitutives
    de GCSMS, validées et générées au format Word.

    \b
    Démarrage :
      convgen nouveau convention_partenariat -o ma-convention.yaml
      convgen valider ma-convention.yaml
      convgen generer ma-convention.yaml --brouillon
    """
    ctx.obj = {"debug": debug}


@cli.command(context_settings=CONTEXT)
@click.argument("type_document", metavar="TYPE", type=click.Choice(app.known_types()))
@click.option(
    "-o",
    "--sortie",
    "output",
    metavar="FICHIER",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Fichier YAML à créer (par défaut : affiché à l'écran).",
)
@click.option("--forcer", is_flag=True, help="Remplace le fichier s'il existe déjà.")
def nouveau(type_document: str, output: Path | None, forcer: bool) -> None:
    """Crée un fichier de départ commenté pour un TYPE de document."""
    if output is None:
        click.echo(app.starter_text(type_document), nl=False)
        return
    app.write_starter(type_document, output, overwrite=forcer)
    click.echo(f"Fichier de départ créé : {output}")
    click.echo(f"Complétez-le, puis : convgen valider {output}")


@cli.command(context_settings=CONTEXT)
@input_files
@strict_option
@draft_option
def valider(fichiers: Sequence[Path], strict: bool, draft: bool) -> None:
    """Vérifie un ou plusieurs fichiers et signale tous les problèmes d'un coup."""
    options = Options(today=dt.date.today(), strict=strict, draft=draft)
    results = app.check_files(fichiers, options)
    problems = [p for result in results for p in result.problems]
    for problem in problems:
        click.echo(str(problem))
    click.echo(summary_line(problems, len(results)))
    if not all(result.ok for result in results):
        raise click.exceptions.Exit(ExitCode.INVALID)


@cli.command(context_settings=CONTEXT)
@click.argument("fichier", metavar="FICHIER", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--sortie",
    "output",
    metavar="DOCUMENT.docx",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Document Word à produire (par défaut : même nom, extension .docx).",
)
@draft_option
@strict_option
@templates_option
def generer(
    fichier: Path, output: Path | None, draft: bool, strict: bool, templates_dir: Path | None
) -> None:
    """Valide FICHIER et produit le document Word correspondant."""
    options = Options(today=dt.date.today(), strict=strict, draft=draft)
    generated = app.generate_file(
        fichier, output, options, templates_dir or default_templates_dir()
    )
    for problem in generated.validated.problems:
        click.echo(str(problem), err=True)
    mode = "projet" if draft else "version définitive"
    click.echo(f"Document produit ({mode}) : {generated.output}")


@cli.command(context_settings=CONTEXT)
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
    "--forcer", is_flag=True, help="Régénère tout, y compris les documents modifiés à la main."
)
@click.option("--simulation", is_flag=True, help="Affiche ce qui serait fait, sans rien écrire.")
@strict_option
@templates_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["texte", "json"]),
    default="texte",
    help="Compte rendu en texte (par défaut) ou en JSON, pour les scripts.",
)
def regenerer(
    *,
    input_dir: Path,
    output_dir: Path,
    jobs: int | None,
    forcer: bool,
    simulation: bool,
    strict: bool,
    templates_dir: Path | None,
    output_format: str,
) -> None:
    """Régénère les documents de DOSSIER_ENTREES dont l'entrée, le modèle ou convgen a changé.

    Chaque fichier .yaml, .yml ou .json du dossier (sous-dossiers compris) donne le
    document de même chemin dans DOSSIER_SORTIE.
    """
    settings = Settings(
        input_dir,
        output_dir,
        templates_dir or default_templates_dir(),
        Options(today=dt.date.today(), strict=strict),
        jobs or build.default_jobs(),
        force=forcer,
        simulation=simulation,
    )
    started = time.perf_counter()
    with _progress_bar() as progress:
        report = build.regenerate(settings, progress)
    seconds = time.perf_counter() - started
    show = json_report if output_format == "json" else text_report
    click.echo(show(report, seconds))
    if not report.ok:
        raise click.exceptions.Exit(ExitCode.INVALID)


@contextmanager
def _progress_bar() -> Iterator[build.Progress]:
    """A progress bar on a terminal; nothing when stderr is a file or a pipe."""
    bars: list[Any] = []

    def update(done: int, total: int) -> None:
        if not bars:
            bars.append(click.progressbar(length=total, label="Régénération", file=sys.stderr))
        bars[0].update(done - bars[0].pos)

    try:
        yield update if sys.stderr.isatty() else build.silent
    finally:
        if bars:
            bars[0].render_finish()


def _report(error: ConvgenError) -> None:
    if isinstance(error, ValidationFailed):
        for problem in error.problems:
            click.echo(str(problem), err=True)
        click.echo(summary_line(error.problems, 1), err=True)
        click.echo("Aucun document n'a été produit.", err=True)
    else:
        click.echo(f"Erreur : {error}", err=True)


def _internal_error(debug: bool) -> None:
    details = traceback.format_exc()
    try:
        TRACE_FILE.write_text(details, encoding="utf-8")
        saved = f" Détail enregistré dans {TRACE_FILE}."
    except OSError:
        saved = ""
    click.echo(f"Erreur interne de convgen (merci de la signaler).{saved}", err=True)
    if debug:
        click.echo(details, err=True)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``convgen`` script."""
    cli.main(args=list(sys.argv[1:] if argv is None else argv), prog_name="convgen")
