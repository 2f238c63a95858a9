"""The options several commands share, spelled once."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import click
from click.decorators import FC

from convgen.app.documents import known_types

strict_option = click.option(
    "--strict", is_flag=True, help="Traite les avertissements comme des erreurs."
)
draft_option = click.option(
    "--brouillon",
    "draft",
    is_flag=True,
    help="Projet : mention PROJET et espaces réservés pour les informations manquantes.",
)
type_argument = click.argument("type_document", metavar="TYPE", type=click.Choice(known_types()))


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
    help_text: str = (
        "Dossier des modèles Word (par défaut : ceux livrés avec convgen ; « convgen modeles "
        "copier DOSSIER » en fait une copie à modifier)."
    ),
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
        callback=_shipped_templates_unless_given if default_folder else None,
        help=help_text,
    )


def iso_date(_: click.Context, __: click.Parameter, value: str | None) -> dt.date | None:
    try:
        return None if value is None else dt.date.fromisoformat(value)
    except ValueError:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value or ""):
            raise click.BadParameter(
                f"date impossible « {value} » : ce mois ou ce jour n'existe pas"
            ) from None
        raise click.BadParameter(f"« {value} » : date attendue au format AAAA-MM-JJ") from None


def pdf_options(what: str) -> Callable[[FC], FC]:
    """``--pdf`` and ``--pdfa`` (which implies ``--pdf``): the flags ``pdf`` and ``pdfa``."""

    def decorate(command: FC) -> FC:
        command = click.option(
            "--pdfa",
            is_flag=True,
            help="Comme --pdf, au format d'archivage PDF/A-2b (polices incorporées).",
        )(command)
        return click.option(
            "--pdf", is_flag=True, help=f"Produit aussi le PDF {what} (avec LibreOffice)."
        )(command)

    return decorate


def format_option(formats: Sequence[str], help_text: str) -> Callable[[FC], FC]:
    """``--format`` among ``formats`` (the first is the default), as the parameter ``fmt``."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(formats)),
        default=formats[0],
        show_default=True,
        help=help_text,
    )


def _shipped_templates_unless_given(
    _ctx: click.Context, _param: click.Parameter, value: Path | None
) -> Path:
    # The rendering engine is imported by the commands that render, not by their options.
    from convgen.rendering.store import default_templates_dir  # noqa: PLC0415

    return value or default_templates_dir()
