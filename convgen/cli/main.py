"""The ``convgen`` group: French help, errors turned into messages and exit codes.

The commands live in one module per family; their work is in ``convgen.app``.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import traceback
from collections.abc import Sequence
from typing import Any

import click

from convgen import __version__
from convgen.cli import batch, documents, review, templates
from convgen.cli import fr as cli_fr
from convgen.cli.options import CONTEXT
from convgen.errors import ConvgenError, ExitCode, ValidationFailed, one_line, summary_line

cli_fr.install()

TRACE_PREFIX = "convgen-erreur-interne-"


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


for family in (documents, templates, review, batch):
    for command in family.COMMANDS:
        cli.add_command(command)


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
    saved = ""
    try:
        # A new private file (0600, created exclusively: a link planted in the shared
        # temporary folder is never followed), named in the message.
        handle, name = tempfile.mkstemp(prefix=TRACE_PREFIX, suffix=".txt")
        with os.fdopen(handle, "w", encoding="utf-8") as trace:
            trace.write(details)
        saved = f" Détail enregistré dans {name}."
    except OSError:
        pass
    notes = getattr(sys.exc_info()[1], "__notes__", None) or []
    where = f" {one_line(notes[-1])}" if notes else ""
    click.echo(f"Erreur interne de convgen{where} (merci de la signaler).{saved}", err=True)
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
