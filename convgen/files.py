"""Reading the files a user names: regular files only, bounded in size, French messages.

The one place where reading a file turns into a located ``ConvgenError``: an input
(``InputError``), a template (``TemplateError``), a document to review. The size is
checked on the open file and again while reading, so a file that grows, a device or a
pipe never makes convgen read without bound or wait for ever.
"""

from __future__ import annotations

import importlib.util
import os
import stat
from pathlib import Path

from convgen.errors import ConvgenError, InputError, os_reason

MEBIBYTE = 1024 * 1024


def read_bytes(
    path: str | Path,
    *,
    limit: int,
    noun: str = "fichier",
    error: type[ConvgenError] = InputError,
    line: int | None = 1,
) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    ``noun`` names the file in messages (« fichier », « modèle », « document »).
    Raises ``error`` located at ``path``: absent, a folder, not a regular file, too
    large (reported at ``line``: the first line of a text file, none for a binary
    one), or unreadable (with the system's reason in French).
    """
    source = str(path)
    try:
        # Non-blocking, so that opening a named pipe does not wait for a writer.
        with os.fdopen(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as stream:
            info = os.fstat(stream.fileno())
            _check_regular(info.st_mode, noun, error, source)
            size = info.st_size
            data = stream.read(limit + 1) if size <= limit else b""
    except FileNotFoundError:
        raise error(f"{noun} introuvable", source=source) from None
    except PermissionError:
        raise error("lecture refusée (droits insuffisants)", source=source) from None
    except OSError as exc:
        raise error(f"{noun} illisible ({os_reason(exc)})", source=source) from None
    if size > limit or len(data) > limit:
        raise error(too_large(noun, max(size, len(data)), limit), source=source, line=line)
    return data


def _check_regular(mode: int, noun: str, error: type[ConvgenError], source: str) -> None:
    if stat.S_ISDIR(mode):
        raise error(f"{noun} illisible (c'est un dossier, pas un fichier)", source=source)
    if not stat.S_ISREG(mode):
        raise error(
            f"{noun} illisible (ce n'est pas un fichier ordinaire : tube, périphérique…)",
            source=source,
        )


def too_large(noun: str, size: int, limit: int) -> str:
    """« fichier trop volumineux (6144 Kio ; limite 5 Mio) »."""
    return f"{noun} trop volumineux ({size // 1024} Kio ; limite {limit // MEBIBYTE} Mio)"


def shipped_folder(package: str) -> Path:
    """The folder of data shipped with convgen as ``package`` (``convgen.modeles``,
    ``convgen.exemples``): inside the installed package, or the repository's own
    folder (``modeles/``) in a development install."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ConvgenError(f"données de convgen introuvables ({package}) : réinstallez convgen")
    return Path(next(iter(spec.submodule_search_locations)))
