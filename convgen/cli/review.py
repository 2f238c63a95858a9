"""Commands for the lawyer: relire, provenance, comparer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from convgen.app import review as app
from convgen.app.documents import run_options
from convgen.cli.main import CONTEXT
from convgen.cli.options import (
    draft_option,
    format_option,
    iso_date,
    output_option,
    pdf_options,
    strict_option,
    templates_option,
)
from convgen.errors import ExitCode
from convgen.pdf.office import PdfFormat
from convgen.review.folder import summary as folder_summary
from convgen.review.formats import verdict
from convgen.validation.validator import Options


@click.command(context_settings=CONTEXT)
@click.argument("fichier", metavar="ENTREE.yaml|DOSSIER", type=click.Path(path_type=Path))
@output_option(
    "RAPPORT",
    "Dossier de relecture à produire (par défaut : <nom>.relecture.docx à côté de "
    "l'entrée ; en md ou json : affiché à l'écran).",
)
@format_option(app.FORMATS, "Word pour le juriste, Markdown ou JSON pour les outils.")
@draft_option
@strict_option
@templates_option()
@pdf_options("du dossier de relecture, à côté de sa version Word (format docx seulement)")
def relire(
    fichier: Path,
    *,
    output: Path | None,
    fmt: str,
    draft: bool,
    strict: bool,
    templates_dir: Path,
    pdf: bool,
    pdfa: bool,
) -> None:
    """Dossier de relecture juridique du document décrit par ENTREE.yaml.

    \b
    Résumé (parties, dates, montants), liste de contrôle des clauses avec leur
    source légale et sa force, texte libre imprimé, clauses facultatives incluses
    ou omises, échanges d'informations, points ouverts, pièces à réunir,
    calendrier, provenance et visa du relecteur. Comme generer, refuse une
    version définitive incomplète ; sort avec le code 1 si une clause attendue
    manque au document.

    \b
    Avec un DOSSIER : un tableau de tous ses documents (verdict, points bloquants,
    points ouverts), par défaut dans <DOSSIER>.relecture.docx ; code 1 si l'un
    d'eux est bloqué.
    """
    options = run_options(strict=strict, draft=draft)
    pdf_format = PdfFormat.from_flags(pdf, pdfa)
    if fichier.is_dir():
        _relire_dossier(
            fichier,
            output=output,
            fmt=fmt,
            options=options,
            templates_dir=templates_dir,
            pdf_format=pdf_format,
        )
        return
    target = app.review_target(fichier, output, fmt, pdf_format)
    review = app.review_file(fichier, options, templates_dir)
    for problem in review.warnings:
        click.echo(str(problem), err=True)
    printed = app.publish_review(review, target, fmt, pdf_format)
    if printed:
        click.echo(printed, nl=False)
    else:
        click.echo(f"Dossier de relecture produit : {target}", err=target is None)
    if pdf_format is not None and target is not None:
        click.echo(f"Version PDF : {target.with_suffix('.pdf')}")
    for item in review.failures:
        click.echo(f"✘ {item.title} ({item.where}) : {item.result}", err=True)
    click.echo(verdict(review), err=bool(printed))
    if review.failures:
        raise click.exceptions.Exit(ExitCode.INVALID)


def _relire_dossier(
    folder: Path,
    *,
    output: Path | None,
    fmt: str,
    options: Options,
    templates_dir: Path,
    pdf_format: PdfFormat | None,
) -> None:
    target = app.folder_target(folder, output, fmt, pdf_format)
    rows = app.review_folder(folder, options, templates_dir)
    printed = app.publish_folder(rows, folder, target, fmt, pdf_format)
    if printed:
        click.echo(printed, nl=False)
    else:
        click.echo(f"Relecture du dossier produite : {target}")
    if pdf_format is not None and target is not None:
        click.echo(f"Version PDF : {target.with_suffix('.pdf')}")
    click.echo(folder_summary(rows), err=bool(printed))
    if any(row.blocked for row in rows):
        raise click.exceptions.Exit(ExitCode.INVALID)


@click.command(context_settings=CONTEXT)
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
    found = app.document_provenance(document)
    click.echo(f"Provenance de {document} :")
    for label, value in found.lines():
        click.echo(f"  {label} : {value}")
    verdicts = app.provenance_checks(found, input_file, templates_dir)
    click.echo("Vérifications :")
    for verdict_ in verdicts:
        click.echo(f"  {'✔' if verdict_.ok else '✘'} {verdict_.label} : {verdict_.text}")
    if not all(verdict_.ok for verdict_ in verdicts):
        raise click.exceptions.Exit(ExitCode.INVALID)


@click.command(context_settings=CONTEXT)
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
    callback=iso_date,
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
    target = app.comparison_target(ancien, nouveau, output)
    app.compare_files(ancien, nouveau, target, when)
    if resume:
        changes, causes = app.change_summary(ancien, nouveau)
        for change in changes:
            click.echo(str(change))
        for cause in causes:
            click.echo(cause)
    click.echo(f"Modifications suivies enregistrées dans : {target}")
