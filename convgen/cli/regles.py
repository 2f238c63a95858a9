"""The rule catalogue command: convgen regles."""

from __future__ import annotations

from collections.abc import Sequence

import click

from convgen.app import regles as app
from convgen.cli.main import CONTEXT
from convgen.cli.options import format_option


@click.command(context_settings=CONTEXT)
@click.argument("identifiants", nargs=-1, metavar="[ID|FAMILLE]...")
@format_option(app.FORMATS, "Texte à l'écran, Markdown (docs/regles.md) ou JSON pour les outils.")
def regles(identifiants: Sequence[str], fmt: str) -> None:
    """Décrit les règles de vérification : toutes, ou celles nommées (PI-05, ou la famille PI).

    \b
    Pour chacune : titre, documents concernés, force (exigé par la loi, recommandé,
    à vérifier), gravité, source légale, explication et messages. Chaque message de
    convgen se termine par l'identifiant de sa règle, par exemple [PI-05].
    """
    click.echo(app.WRITERS[fmt](app.catalogue(identifiants)), nl=False)
