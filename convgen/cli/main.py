"""The ``convgen`` group: French help, errors turned into messages and exit codes.

The commands live in one module per family, imported when a command runs or its help
is shown (``convgen --version`` loads no engine); their work is in ``convgen.app``.
"""

from __future__ import annotations

import gc
import importlib
import io
import json
import os
import select
import signal
import sys
import tempfile
import threading
import traceback
from collections.abc import Sequence
from typing import Any, NoReturn

import click

from convgen import __version__
from convgen.app import about
from convgen.cli import fr as cli_fr
from convgen.errors import (
    ConvgenError,
    ExitCode,
    Problem,
    ValidationFailed,
    one_line,
    summary_line,
)

cli_fr.install()

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
TRACE_PREFIX = "convgen-erreur-interne-"

# Each command and where it lives (« module:function »), imported when it runs or its
# help is shown. The atelier (convgen.web) is added by convgen.__main__, above both.
COMMANDS = {
    "nouveau": "convgen.cli.documents:nouveau",
    "valider": "convgen.cli.documents:valider",
    "generer": "convgen.cli.documents:generer",
    "texte": "convgen.cli.documents:texte",
    "schema": "convgen.cli.documents:schema",
    "modeles": "convgen.cli.templates:modeles",
    "relire": "convgen.cli.review:relire",
    "provenance": "convgen.cli.review:provenance",
    "comparer": "convgen.cli.review:comparer",
    "regenerer": "convgen.cli.batch:regenerer",
    "echeancier": "convgen.cli.echeances:echeancier",
    "regles": "convgen.cli.regles:regles",
}


# What ``convgen --help`` says of each command: the first paragraph of its help, kept
# here so that the list is printed without importing the engine (tests check that it
# matches the commands' own help).
SUMMARIES = {
    "nouveau": "Crée un fichier de départ commenté pour un TYPE de document.",
    "valider": "Vérifie un ou plusieurs fichiers et signale tous les problèmes d'un coup.",
    "generer": "Valide FICHIER et produit le document Word correspondant (et son PDF avec --pdf).",
    "texte": "Affiche le texte d'un document Word : corps, tableaux, en-têtes et pieds de page.",
    "schema": "Affiche le schéma JSON du format d'entrée d'un TYPE de document.",
    "modeles": "Outils pour les auteurs des modèles Word.",
    "relire": "Dossier de relecture juridique du document décrit par ENTREE.yaml.",
    "provenance": "Affiche la provenance d'un document produit par convgen et la vérifie.",
    "comparer": "Produit un document Word avec les modifications suivies de ANCIEN à NOUVEAU.",
    "regenerer": "Régénère les documents de DOSSIER_ENTREES dont l'entrée, le modèle ou "
    "convgen a changé.",
    "echeancier": "Échéancier : signature, prise d'effet, échéances, dernier jour pour dénoncer "
    "une reconduction, évaluations, réunions, versements, assemblées, budget, retrait…",
    "regles": "Décrit les règles de vérification : toutes, ou celles nommées (PI-05, ou la "
    "famille PI).",
}


class ConvgenGroup(click.Group):
    """Turns user errors into French messages and exit codes, and bugs into exit code 3;
    finds each command in its family's module when it is needed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, function = COMMANDS[cmd_name].split(":")
        command = getattr(importlib.import_module(module), function)
        assert isinstance(command, click.Command), cmd_name
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The list of commands, as click writes it, from ``SUMMARIES``: no command module
        is imported to show it."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = [
            (name, click.Command(name, help=SUMMARIES[name]).get_short_help_str(limit))
            for name in names
        ]
        with formatter.section(cli_fr.gettext("Commands")):
            formatter.write_dl(rows)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta[_JSON_ASKED] = _asks_json(args)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.exceptions.UsageError as exc:
            # A script that asked for JSON reads one object on stdout, as for the
            # command's own errors; the usage goes to stderr, as always.
            if ctx.meta.get(_JSON_ASKED):
                problem = Problem(exc.format_message())
                click.echo(json.dumps({"erreur": problem.as_dict()}, ensure_ascii=False))
            raise
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except ConvgenError as exc:
            _report(exc)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt as exc:
            click.echo(_interruption(exc), err=True)
            ctx.exit(_interruption_code(exc))
        except BrokenPipeError:
            if not _output_closed():  # another pipe (a subprocess, a server): a fault
                _internal_error(bool(ctx.params.get("debug")))
                ctx.exit(ExitCode.INTERNAL)
            # The reader of the output left (``convgen … | head``): stop writing, as a
            # command ended by SIGPIPE does (128 + 13); Python's flush at exit must not
            # fail again on the closed pipe.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(141)
        except Exception:
            _internal_error(bool(ctx.params.get("debug")))
            ctx.exit(ExitCode.INTERNAL)


_JSON_ASKED = "convgen.json"


def _asks_json(args: Sequence[str]) -> bool:
    """Whether the command line asks for a JSON output (``--format json``)."""
    pairs = zip(args, [*args[1:], ""][: len(args)], strict=True)
    return any(a == "--format=json" or (a == "--format" and b == "json") for a, b in pairs)


def _output_closed() -> bool:
    """Whether standard output is a pipe whose reader has closed it."""
    try:
        poller = select.poll()
        poller.register(sys.stdout.fileno(), select.POLLOUT)
        return any(event & select.POLLERR for _, event in poller.poll(0))
    except (AttributeError, OSError, ValueError):  # no poll (Windows), no real descriptor
        return False


@click.group(
    "convgen",
    cls=ConvgenGroup,
    context_settings=CONTEXT,
    subcommand_metavar="COMMANDE [ARGUMENTS]...",
    invoke_without_command=True,
)
@click.option("--version", "show_version", is_flag=True, help="Affiche la version et quitte.")
@click.option(
    "--detail",
    is_flag=True,
    help="Avec --version : les versions des bibliothèques qui façonnent les documents.",
)
@click.option(
    "--debug",
    is_flag=True,
    help="Affiche le détail des erreurs internes et les bornes du rendu (aussi après la commande).",
)
@click.pass_context
def cli(ctx: click.Context, show_version: bool, detail: bool, debug: bool) -> None:
    """convgen : conventions de partenariat, chartes de réseau et conventions constitutives
    de GCSMS, validées et générées au format Word.

    \b
    Démarrage :
      convgen atelier                  (questionnaire guidé dans le navigateur)
      convgen nouveau convention_partenariat -o ma-convention.yaml
      convgen valider ma-convention.yaml
      convgen generer ma-convention.yaml --brouillon
    """
    ctx.obj = {"debug": debug}
    if show_version:
        click.echo(f"convgen {__version__}")
        for line in about.engine_lines() if detail else []:
            click.echo(line)
        ctx.exit(0)
    if debug:
        click.echo(f"Débogage : {about.render_bounds()}.", err=True)
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())
        ctx.exit(0)


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
    args = list(sys.argv[1:] if argv is None else argv)
    # signal.signal answers only in the main thread (a caller may run convgen in another);
    # a SIGTERM ignored by whoever started convgen stays ignored.
    handled = (
        threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGTERM) is not signal.SIG_IGN
    )
    if handled:
        _terminating[:] = [os.getpid()]
        previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        try:
            _import_command(args)
        except KeyboardInterrupt as exc:  # Ctrl-C while the command's modules load
            interrupted(exc)
        cli.main(args=_debug_first(args), prog_name="convgen")
    finally:
        if handled:
            signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)


class Terminated(KeyboardInterrupt):
    """SIGTERM (``kill``, a scheduler's time limit, ``systemctl stop``), handled as
    Ctrl-C is: the file being written is finished or removed, the workers end, the
    state stays consistent and the output folder is unlocked; then the command ends
    with the code of a process ended by that signal (128 + 15). Left to Python's
    default, it ended at once, without a word and with its temporary files."""


_terminating: list[int] = []  # the process whose SIGTERM raises Terminated


def _terminate(signum: int, frame: Any) -> None:
    if os.getpid() not in _terminating:
        # A forked child (a batch worker) before it set its own handler: SIGTERM ends it,
        # as it would have without convgen's handler.
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTERM)
        return
    # Once: a second SIGTERM must not break the clean-up the first one started (a
    # supervisor that does not wait sends SIGKILL).
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise Terminated


def _interruption(exc: KeyboardInterrupt) -> str:
    if isinstance(exc, Terminated):
        return "Interrompu : arrêt demandé (signal SIGTERM)."
    return "Interrompu."


def _interruption_code(exc: KeyboardInterrupt) -> int:
    return 128 + signal.SIGTERM if isinstance(exc, Terminated) else 130


def interrupted(exc: KeyboardInterrupt) -> NoReturn:
    """What Ctrl-C or SIGTERM ends with, wherever it falls: « Interrompu. » and code
    130 (143 for SIGTERM)."""
    sys.stderr.write(_interruption(exc) + "\n")
    raise SystemExit(_interruption_code(exc))


def _import_command(args: list[str]) -> None:
    """Import the modules of the command named in ``args`` with the cycle collector
    paused, then set what they made aside from its passes (``gc.freeze``).

    They make about a hundred thousand objects that live as long as the process
    (schemas, compiled patterns, locale data): collected as they are made, they cost
    about a tenth of a second of start-up, serial before any worker starts; frozen,
    later collections no longer go through them, and forked workers share their pages.
    The few cycles the imports leave as garbage (about a megabyte) are frozen with
    them: collecting them first would cost a third of the gain. Only the script does
    this: a program that calls the group itself keeps its collector as it was. The
    group options (``--debug``, ``--detail``, ``--version``, ``--help``) take no
    value, so the command is the first argument that is not an option.
    """
    name = next((arg for arg in args if not arg.startswith("-")), None)
    if name not in COMMANDS:
        return
    enabled = gc.isenabled()
    gc.disable()
    try:
        importlib.import_module(COMMANDS[name].split(":")[0])
    except Exception:  # the group imports it again, and reports what fails
        pass
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _debug_first(args: list[str]) -> list[str]:
    """``--debug`` is the group's option; accept it after the command too (before ``--``)."""
    end = args.index("--") if "--" in args else len(args)
    if "--debug" not in args[:end]:
        return args
    return ["--debug", *(a for i, a in enumerate(args) if a != "--debug" or i >= end)]
