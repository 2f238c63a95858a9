"""Commands for template authors: convgen modeles verifier, variables, copier."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from convgen.app import templates as app
from convgen.app.documents import known_types, run_options
from convgen.cli.main import CONTEXT
from convgen.cli.options import templates_option
from convgen.errors import ExitCode


@click.group(context_settings=CONTEXT, subcommand_metavar="COMMANDE [ARGUMENTS]...")
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
    type=click.Choice(known_types()),
    help="Type de document des modèles donnés (par défaut : d'après leur nom).",
)
@click.option(
    "--exemples",
    "examples_dir",
    metavar="DOSSIER",
    type=click.Path(file_okay=False, path_type=Path),
    help="Exemples à rendre avec chaque modèle (par défaut : ceux livrés avec convgen).",
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
    check = app.check_templates(
        fichiers, templates_dir, type_name, examples_dir, run_options(), coverage=couverture
    )
    for line in [*map(str, check.shown), *check.coverage_lines(), check.summary()]:
        click.echo(line)
    if not check.ok:
        raise click.exceptions.Exit(ExitCode.INVALID)


@modeles.command(context_settings=CONTEXT)
def variables() -> None:
    """Liste les variables que les modèles de chaque type de document peuvent utiliser."""
    click.echo(app.variables_markdown(), nl=False)


@modeles.command(context_settings=CONTEXT)
@click.argument("dossier", metavar="DOSSIER", type=click.Path(file_okay=False, path_type=Path))
def copier(dossier: Path) -> None:
    """Copie les modèles livrés avec convgen dans DOSSIER, pour les modifier.

    Modifiez-les dans Word, vérifiez-les (convgen modeles verifier --modeles DOSSIER),
    puis passez --modeles DOSSIER à generer, regenerer ou relire. Rien n'est écrasé :
    un dossier qui contient déjà l'un de ces modèles est refusé.
    """
    for path in app.copy_templates(dossier):
        click.echo(f"Modèle copié : {path}")
    click.echo(
        f"Modifiez-les dans Word, vérifiez-les (convgen modeles verifier --modeles "
        f"{dossier}), puis passez --modeles {dossier} à generer, regenerer ou relire."
    )
