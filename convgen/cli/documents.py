"""Commands on one input and its document: nouveau, valider, generer, texte, schema."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from convgen.app import documents as app
from convgen.cli.main import CONTEXT
from convgen.cli.options import (
    draft_option,
    output_option,
    pdf_options,
    strict_option,
    templates_option,
    type_argument,
)
from convgen.errors import ExitCode, UsageError, summary_line
from convgen.pdf.office import PdfFormat


@click.command(context_settings=CONTEXT, epilog=app.types_help())
@type_argument
@output_option("FICHIER", "Fichier YAML à créer (par défaut : affiché à l'écran).")
@click.option("--forcer", is_flag=True, help="Remplace le fichier s'il existe déjà.")
@click.option(
    "--sans-schema",
    "without_schema",
    is_flag=True,
    help="N'écrit pas le schéma JSON à côté du fichier (qui sert aux éditeurs).",
)
def nouveau(type_document: str, output: Path | None, forcer: bool, without_schema: bool) -> None:
    """Crée un fichier de départ commenté pour un TYPE de document.

    \b
    Avec -o, écrit aussi à côté le schéma JSON du format (TYPE.schema.json) : les
    éditeurs (VS Code avec l'extension YAML…) complètent et vérifient pendant la saisie,
    et le fichier le retrouve sur toute machine où on les copie ensemble.
    """
    if output is None:
        click.echo(app.starter_text(type_document), nl=False)
        return
    schema = app.write_starter(
        type_document, output, overwrite=forcer, with_schema=not without_schema
    )
    click.echo(f"Fichier de départ créé : {output}")
    if schema is not None:
        click.echo(f"Schéma pour les éditeurs : {schema}")
    click.echo(f"Complétez-le, puis : convgen valider {output}")


@click.command(context_settings=CONTEXT)
@click.argument(
    "fichiers",
    nargs=-1,
    required=True,
    metavar="FICHIER|DOSSIER...",
    type=click.Path(path_type=Path),
)
@strict_option
@draft_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["texte", "json"]),
    default="texte",
    help="Problèmes en texte (par défaut) ou en JSON, un objet par fichier, pour les outils.",
)
def valider(fichiers: Sequence[Path], strict: bool, draft: bool, output_format: str) -> None:
    """Vérifie un ou plusieurs fichiers et signale tous les problèmes d'un coup.

    \b
    Un dossier est parcouru comme par « regenerer » (sous-dossiers compris) :
      convgen valider conventions/
    """
    results = app.check_paths(fichiers, app.run_options(strict=strict, draft=draft))
    if not results:
        named = ", ".join(str(path) for path in fichiers)
        raise UsageError(f"aucun fichier d'entrée (.yaml, .yml, .json) dans {named}")
    problems = [p for result in results for p in result.problems]
    if output_format == "json":
        click.echo(app.validation_json(results))
    else:
        for problem in problems:
            click.echo(str(problem))
        click.echo(summary_line(problems, len(results)))
    if not all(result.ok for result in results):
        raise click.exceptions.Exit(ExitCode.INVALID)


@click.command(context_settings=CONTEXT)
@click.argument("fichier", metavar="FICHIER", type=click.Path(dir_okay=False, path_type=Path))
@output_option(
    "DOCUMENT.docx",
    "Document Word à produire (par défaut : même nom, extension .docx).",
)
@draft_option
@strict_option
@templates_option()
@pdf_options("à côté du document (même nom, extension .pdf)")
def generer(
    fichier: Path,
    *,
    output: Path | None,
    draft: bool,
    strict: bool,
    templates_dir: Path,
    pdf: bool,
    pdfa: bool,
) -> None:
    """Valide FICHIER et produit le document Word correspondant (et son PDF avec --pdf)."""
    options = app.run_options(strict=strict, draft=draft)
    pdf_format = PdfFormat.from_flags(pdf, pdfa)
    generated = app.generate_file(fichier, output, options, templates_dir, pdf_format)
    for problem in generated.validated.problems:
        click.echo(str(problem), err=True)
    mode = "projet" if draft else "version définitive"
    click.echo(f"Document produit ({mode}) : {generated.output}")
    if generated.pdf is not None:
        kind = "PDF/A-2b" if pdf_format is PdfFormat.PDFA else "PDF"
        click.echo(f"{kind} produit : {generated.pdf}")


@click.command(context_settings=CONTEXT)
@click.argument(
    "document", metavar="DOCUMENT.docx", type=click.Path(dir_okay=False, path_type=Path)
)
def texte(document: Path) -> None:
    """Affiche le texte d'un document Word : corps, tableaux, en-têtes et pieds de page.

    \b
    Sert aussi de pilote « textconv » pour que git diff montre le texte des .docx.
    """
    click.echo(app.document_text(document), nl=False)


@click.command(context_settings=CONTEXT, epilog=app.types_help())
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
