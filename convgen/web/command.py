"""``convgen atelier``: start the local web questionnaire and open it in the browser."""

from __future__ import annotations

import socket
import webbrowser
from pathlib import Path

import click
import uvicorn

from convgen.app import atelier
from convgen.errors import UsageError
from convgen.web.pages import Atelier, build
from convgen.web.security import Secrets


def start(folder: Path, port: int, opened: str | None = None) -> tuple[Atelier, socket.socket]:
    """The atelier's state and its listening socket (127.0.0.1 only; port 0: a free one)."""
    state = Atelier(atelier.Folder(folder), Secrets(), atelier.default_templates())
    if opened is not None:
        state.draft = state.folder.open(opened)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind(("127.0.0.1", port))
    except OSError as exc:
        listener.close()
        raise UsageError(f"le port {port} n'est pas libre ({exc.strerror})") from None
    listener.listen(64)
    state.keys.port = listener.getsockname()[1]
    return state, listener


def address(state: Atelier) -> str:
    first = f"/section/{state.draft.sections[0].key}" if state.draft else "/"
    return f"http://127.0.0.1:{state.keys.port}{first}?jeton={state.keys.token}"


def serve(state: Atelier, listener: socket.socket) -> None:
    config = uvicorn.Config(build(state), log_level="warning", access_log=False, lifespan="off")
    uvicorn.Server(config).run(sockets=[listener])


@click.command(context_settings={"help_option_names": ["-h", "--aide", "--help"]})
@click.argument(
    "fichier",
    metavar="[FICHIER.yaml]",
    required=False,
    type=click.Path(dir_okay=False, path_type=Path),
)
@click.option(
    "--dossier",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Dossier de travail : le seul où l'atelier lit et écrit (par défaut : celui "
    "du FICHIER, sinon le dossier courant).",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=0,
    show_default=True,
    help="Port local (0 : un port libre).",
)
@click.option("--sans-navigateur", is_flag=True, help="N'ouvre pas le navigateur.")
def atelier_command(
    fichier: Path | None, dossier: Path | None, port: int, sans_navigateur: bool
) -> None:
    """Ouvre l'atelier : un questionnaire dans le navigateur, sans écrire de YAML.

    \b
    Les réponses sont vérifiées par les mêmes règles que « convgen valider » et
    enregistrées dans un fichier YAML du dossier de travail.
    """
    folder = dossier or (fichier.parent if fichier else Path.cwd())
    if not folder.is_dir():
        raise UsageError(f"le dossier de travail « {folder} » n'existe pas")
    if fichier is not None and fichier.resolve().parent != folder.resolve():
        raise UsageError(f"« {fichier} » n'est pas dans le dossier de travail « {folder} »")
    state, listener = start(folder, port, fichier.name if fichier else None)
    url = address(state)
    click.echo(f"Atelier ouvert : {url}")
    click.echo(f"Dossier de travail : {state.folder.root}")
    click.echo("Gardez cette adresse pour vous (elle donne accès à vos données). Ctrl+C : arrêter.")
    if not sans_navigateur:
        webbrowser.open(url)
    serve(state, listener)
    click.echo("Atelier arrêté.")


atelier_command.name = "atelier"
