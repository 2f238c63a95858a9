"""The calendar command: convgen echeancier."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from convgen.app import echeances as app
from convgen.cli.main import CONTEXT
from convgen.cli.options import format_option, iso_date
from convgen.errors import ExitCode, Problem, UsageError, summary_line
from convgen.wording.formatting import long_date


@click.command(context_settings=CONTEXT)
@click.argument(
    "chemins",
    nargs=-1,
    required=True,
    metavar="FICHIER|DOSSIER...",
    type=click.Path(exists=True, path_type=Path),
)
@click.option(
    "--depuis", metavar="AAAA-MM-JJ", callback=iso_date, help="Début (par défaut : aujourd'hui)."
)
@click.option(
    "--jusqu-au",
    "until",
    metavar="AAAA-MM-JJ",
    callback=iso_date,
    help="Fin (par défaut : un an après le début).",
)
@format_option(
    app.FORMATS, "texte à lire ; json ou csv pour les outils et tableurs ; ics pour un agenda."
)
@click.option(
    "-o",
    "--sortie",
    "output",
    metavar="FICHIER",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Fichier à écrire (par défaut : affiché à l'écran).",
)
@click.option(
    "--partiel",
    is_flag=True,
    help="Écrit l'échéancier des fichiers valides même si d'autres sont en erreur : "
    "ceux-ci sont listés, sans leurs échéances, et le code de sortie est 1.",
)
def echeancier(
    *,
    chemins: Sequence[Path],
    depuis: dt.date | None,
    until: dt.date | None,
    fmt: str,
    output: Path | None,
    partiel: bool,
) -> None:
    """Échéancier : signature, prise d'effet, échéances, dernier jour pour dénoncer une
    reconduction, évaluations, réunions, versements, assemblées, budget, retrait…

    \b
    Pour chaque fichier d'entrée nommé ou trouvé dans les dossiers (sous-dossiers
    compris), par date, avec le document, ses parties et la clause d'où vient
    l'obligation. Exemple : ce qui tombe dans les 90 jours, pour un agenda :
      convgen echeancier conventions/ --jusqu-au 2027-03-01 --format ics -o e.ics
    """
    since = depuis or dt.date.today()
    if until is not None and until < since:
        start = "--depuis" if depuis is not None else "aujourd'hui, sans --depuis"
        raise UsageError(
            f"période vide : la fin (--jusqu-au, {long_date(until)}) précède le début "
            f"({start}, {long_date(since)})"
        )
    found = app.schedule(chemins, since, until or since + dt.timedelta(days=365), output)
    if not found.ok:
        for problem in found.problems:
            click.echo(str(problem), err=True)
        click.echo(summary_line(found.problems, found.files), err=True)
        if not partiel or not found.valid:  # never a calendar of nothing over a good one
            hint = " (--partiel pour celui des fichiers valides)" if found.valid else ""
            said = f"Aucun échéancier n'a été produit{hint}."
            click.echo(said, err=True)
            if fmt == "json" and output is None:  # a script reads one object on stdout
                errors = [p.as_dict() for p in found.problems]
                refusal = {"erreur": Problem(said).as_dict(), "problemes": errors}
                click.echo(json.dumps(refusal, ensure_ascii=False, indent=2))
            raise click.exceptions.Exit(ExitCode.INVALID)
    data = app.publish(found, fmt, output, dt.datetime.now(dt.UTC))
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        click.echo(f"Échéancier écrit : {output} ({len(found.entries)} échéances)")
    if not found.ok:
        failed = found.failed
        click.echo(
            f"Échéancier partiel : les échéances de {failed} fichier{'s' if failed > 1 else ''} "
            "en erreur n'y figurent pas.",
            err=True,
        )
        raise click.exceptions.Exit(ExitCode.INVALID)
