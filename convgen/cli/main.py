"""Command line: French commands and messages; the work itself is in convgen.app.documents."""

from __future__ import annotations

import datetime as dt
import io
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from click.decorators import FC

from convgen import __version__
from convgen.app import documents as app
from convgen.app import review as app_review
from convgen.batch import run as build
from convgen.batch.plan import Settings
from convgen.batch.report import json_report, text_report
from convgen.cli import fr as cli_fr
from convgen.errors import ConvgenError, ExitCode, Severity, ValidationFailed, summary_line
from convgen.rendering.store import default_templates_dir
from convgen.review.formats import verdict
from convgen.validation.validator import Options

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
type_argument = click.argument(
    "type_document", metavar="TYPE", type=click.Choice(app.known_types())
)


def output_option(metavar: str, help_text: str) -> Callable[[FC], FC]:
    return click.option(
        "-o",
        "--sortie",
        "output",
        metavar=metavar,
        help=help_text,
        type=click.Path(dir_okay=False, path_type=Path),
    )


def templates_option(
    help_text: str = "Dossier des modèles Word (par défaut : modeles/ du dépôt).",
    *,
    default_folder: bool = True,
) -> Callable[[FC], FC]:
    """``--modeles DOSSIER``; without the option, the repository's templates if
    ``default_folder``, else None."""
    return click.option(
        "--modeles",
        "templates_dir",
        metavar="DOSSIER",
        type=click.Path(file_okay=False, exists=True, path_type=Path),
        callback=(lambda _c, _p, value: value or default_templates_dir())
        if default_folder
        else None,
        help=help_text,
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
@type_argument
@output_option("FICHIER", "Fichier YAML à créer (par défaut : affiché à l'écran).")
@click.option("--forcer", is_flag=True, help="Remplace le fichier s'il existe déjà.")
def nouveau(type_document: str, output: Path | None, forcer: bool) -> None:
    """Crée un fichier de départ commenté pour un TYPE de document."""
    if output is None:
        click.echo(app.starter_with_schema(type_document), nl=False)
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
@output_option(
    "DOCUMENT.docx",
    "Document Word à produire (par défaut : même nom, extension .docx).",
)
@draft_option
@strict_option
@templates_option()
def generer(
    fichier: Path, output: Path | None, draft: bool, strict: bool, templates_dir: Path
) -> None:
    """Valide FICHIER et produit le document Word correspondant."""
    options = Options(today=dt.date.today(), strict=strict, draft=draft)
    generated = app.generate_file(fichier, output, options, templates_dir)
    for problem in generated.validated.problems:
        click.echo(str(problem), err=True)
    mode = "projet" if draft else "version définitive"
    click.echo(f"Document produit ({mode}) : {generated.output}")


@cli.command(context_settings=CONTEXT)
@click.argument(
    "document", metavar="DOCUMENT.docx", type=click.Path(dir_okay=False, path_type=Path)
)
def texte(document: Path) -> None:
    """Affiche le texte d'un document Word : corps, tableaux, en-têtes et pieds de page.

    \b
    Sert aussi de pilote « textconv » pour que git diff montre le texte des .docx.
    """
    click.echo(app.document_text(document), nl=False)


@cli.command(context_settings=CONTEXT)
@type_argument
@output_option("FICHIER.json", "Fichier à écrire (par défaut : affiché à l'écran).")
def schema(type_document: str, output: Path | None) -> None:
    """Affiche le schéma JSON du format d'entrée d'un TYPE de document.

    \b
    Les éditeurs (extension YAML de VS Code…) s'en servent pour compléter le fichier
    et signaler les erreurs pendant la saisie.
    """
    text = app.schema_text(type_document)
    if output is None:
        click.echo(text, nl=False)
        return
    app.write_text(output, text)
    click.echo(f"Schéma écrit : {output}")


@cli.group(context_settings=CONTEXT, subcommand_metavar="COMMANDE [ARGUMENTS]...")
def modeles() -> None:
    """Outils pour les auteurs des modèles Word."""


@modeles.command(context_settings=CONTEXT)
@click.argument(
    "fichiers",
    nargs=-1,
    metavar="[MODELE.docx]...",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
)
@templates_option()
@click.option(
    "--type",
    "type_name",
    metavar="TYPE",
    type=click.Choice(app.known_types()),
    help="Type de document des modèles donnés (par défaut : d'après leur nom).",
)
@click.option(
    "--exemples",
    "examples_dir",
    metavar="DOSSIER",
    type=click.Path(file_okay=False, path_type=Path),
    help="Exemples à rendre avec chaque modèle (par défaut : exemples/ du dépôt).",
)
@click.option(
    "--couverture", is_flag=True, help="Liste les branches {% if %} qu'aucun exemple n'exerce."
)
def verifier(
    fichiers: Sequence[Path],
    templates_dir: Path,
    type_name: str | None,
    examples_dir: Path | None,
    couverture: bool,
) -> None:
    """Vérifie des modèles Word : balises, variables, plan des articles, rendu des exemples.

    Sans MODELE, vérifie les modèles de tous les types de documents.
    """
    options = Options(today=dt.date.today())
    reports = app.lint_templates(
        fichiers,
        templates_dir,
        type_name,
        examples_dir or app.default_examples_dir(),
        options,
    )
    problems = [
        p
        for r in reports
        for p in r.problems
        if couverture or p.severity is not Severity.INFORMATION
    ]
    for problem in problems:
        click.echo(str(problem))
    for report in reports:
        percent = 100 * report.covered // report.branches if report.branches else 100
        click.echo(
            f"{report.name} : {report.covered}/{report.branches} branches exercées par "
            f"les exemples ({percent} %)"
        )
    click.echo(summary_line(problems, len(reports), ("modèle", "modèles")))
    if any(p.is_error for r in reports for p in r.problems):
        raise click.exceptions.Exit(ExitCode.INVALID)


@modeles.command(context_settings=CONTEXT)
def variables() -> None:
    """Liste les variables que les modèles de chaque type de document peuvent utiliser."""
    click.echo(app.variables_markdown(), nl=False)


@cli.command(context_settings=CONTEXT)
@click.argument("fichier", metavar="ENTREE.yaml", type=click.Path(dir_okay=False, path_type=Path))
@output_option(
    "RAPPORT",
    "Dossier de relecture à produire (par défaut : <nom>.relecture.docx à côté de "
    "l'entrée ; en md ou json : affiché à l'écran).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(app_review.FORMATS),
    default="docx",
    show_default=True,
    help="Word pour le juriste, Markdown ou JSON pour les outils.",
)
@draft_option
@strict_option
@templates_option()
def relire(
    fichier: Path,
    *,
    output: Path | None,
    fmt: str,
    draft: bool,
    strict: bool,
    templates_dir: Path,
) -> None:
    """Dossier de relecture juridique du document décrit par ENTREE.yaml.

    \b
    Résumé (parties, dates, montants), liste de contrôle des clauses avec leur
    source légale et leur niveau de preuve, clauses facultatives incluses ou
    omises et la donnée qui en décide, avertissements, provenance. Comme
    generer, refuse une version définitive incomplète ; sort avec le code 1 si
    une clause attendue manque au document.
    """
    options = Options(today=dt.date.today(), strict=strict, draft=draft)
    target = app_review.review_target(fichier, output, fmt)
    review = app_review.review_file(fichier, options, templates_dir)
    for problem in review.warnings:
        click.echo(str(problem), err=True)
    printed = app_review.publish_review(review, target, fmt)
    if printed:
        click.echo(printed, nl=False)
    else:
        click.echo(f"Dossier de relecture produit : {target}", err=target is None)
    for item in review.failures:
        click.echo(f"✘ {item.title} ({item.where}) : {item.result}", err=True)
    click.echo(verdict(review), err=bool(printed))
    if review.failures:
        raise click.exceptions.Exit(ExitCode.INVALID)


@cli.command(context_settings=CONTEXT)
@click.argument(
    "document", metavar="DOCUMENT.docx", type=click.Path(dir_okay=False, path_type=Path)
)
@click.option(
    "--entree",
    "input_file",
    metavar="FICHIER.yaml",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Vérifie aussi que le document a été produit à partir de ces données.",
)
@templates_option(
    "Vérifie aussi que le modèle Word de ce dossier est celui qui a servi.",
    default_folder=False,
)
def provenance(document: Path, input_file: Path | None, templates_dir: Path | None) -> None:
    """Affiche la provenance d'un document produit par convgen et la vérifie.

    \b
    Version de convgen, modèle et empreintes ; recalcule l'empreinte du contenu
    pour dire si le document a été modifié après génération (code de sortie 1).
    """
    found = app_review.document_provenance(document)
    click.echo(f"Provenance de {document} :")
    for label, value in found.lines():
        click.echo(f"  {label} : {value}")
    verdicts = app_review.provenance_checks(found, input_file, templates_dir)
    click.echo("Vérifications :")
    for verdict_ in verdicts:
        click.echo(f"  {'✔' if verdict_.ok else '✘'} {verdict_.label} : {verdict_.text}")
    if not all(verdict_.ok for verdict_ in verdicts):
        raise click.exceptions.Exit(ExitCode.INVALID)


def _iso_date(_: click.Context, __: click.Parameter, value: str | None) -> dt.date | None:
    try:
        return None if value is None else dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"« {value} » : date attendue au format AAAA-MM-JJ") from None


@cli.command(context_settings=CONTEXT)
@click.argument("ancien", metavar="ANCIEN.docx", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("nouveau", metavar="NOUVEAU.docx", type=click.Path(dir_okay=False, path_type=Path))
@output_option(
    "REDLINE.docx",
    "Document à produire (par défaut : <NOUVEAU>.comparaison.docx).",
)
@click.option("--resume", is_flag=True, help="Affiche les changements article par article.")
@click.option(
    "--date",
    "when",
    metavar="AAAA-MM-JJ",
    callback=_iso_date,
    help="Date des modifications suivies (par défaut : 1er janvier 2000, pour un résultat "
    "reproductible).",
)
def comparer(
    ancien: Path, nouveau: Path, output: Path | None, resume: bool, when: dt.date | None
) -> None:
    """Produit un document Word avec les modifications suivies de ANCIEN à NOUVEAU.

    \b
    Le juriste accepte ou refuse chaque modification dans Word. Avec --resume,
    affiche aussi les changements par article (« Article 5 – Durée : modifié ») et,
    si les deux documents viennent de convgen, si le changement vient des
    données, du modèle ou du moteur.
    """
    target = app_review.comparison_target(ancien, nouveau, output)
    app_review.compare_files(ancien, nouveau, target, when)
    if resume:
        changes, causes = app_review.change_summary(ancien, nouveau)
        for change in changes:
            click.echo(str(change))
        for cause in causes:
            click.echo(cause)
    click.echo(f"Modifications suivies enregistrées dans : {target}")


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
@templates_option()
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
    templates_dir: Path,
    output_format: str,
) -> None:
    """Régénère les documents de DOSSIER_ENTREES dont l'entrée, le modèle ou convgen a changé.

    Chaque fichier .yaml, .yml ou .json du dossier (sous-dossiers compris) donne le
    document de même chemin dans DOSSIER_SORTIE.
    """
    settings = Settings(
        input_dir,
        output_dir,
        templates_dir,
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
    for stream in (sys.stdout, sys.stderr):
        # A file name or a value that cannot be encoded (bytes that are not UTF-8)
        # is printed escaped rather than crashing the command.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    cli.main(args=list(sys.argv[1:] if argv is None else argv), prog_name="convgen")
