"""Word tracked changes (w:ins / w:del) between two versions of a document.

The comparison is python-redlines' Docxodus engine: a self-contained binary
shipped in the ``python-redlines-docxodus`` wheel, run offline as a
subprocess (extracted once into the user's cache folder). Its output carries
the current date unless told otherwise, so every revision gets the author
« convgen » and a date given by the caller; the package is then re-written by
``wordml.package.write_zip`` (fixed timestamps, [Content_Types].xml first) with
properties that name the two versions compared: same inputs, same bytes.
"""

from __future__ import annotations

import datetime as dt
import subprocess

from python_redlines import DocxodusEngine, EngineNotInstalledError

from convgen import __version__
from convgen.errors import RedlineError, os_reason
from convgen.wordml.package import (
    CUSTOM_PART,
    ZipEntry,
    custom_properties,
    parts_digest,
    read_package,
    write_zip,
)

AUTHOR = "convgen"
# Revisions need a date; a fixed one keeps the redline reproducible (--date changes it).
DEFAULT_DATE = dt.date(2000, 1, 1)
_TYPES = "[Content_Types].xml"


def redline(old: bytes, new: bytes, *, when: dt.date = DEFAULT_DATE) -> bytes:
    """A .docx showing ``new`` as tracked changes over ``old``. Raises RedlineError,
    or TemplateError if either input is not a readable .docx."""
    old_parts, new_parts = read_package(old, "ancien"), read_package(new, "nouveau")
    output = _run_engine(old, new, f"{when.isoformat()}T00:00:00Z")
    parts = read_package(output, "comparaison")
    if CUSTOM_PART in parts:
        parts[CUSTOM_PART] = custom_properties(
            {
                "convgen_version": __version__,
                "convgen_comparaison_ancien_sha256": _digest(old_parts),
                "convgen_comparaison_nouveau_sha256": _digest(new_parts),
            }
        )
    order = [_TYPES, *(name for name in parts if name != _TYPES)]
    return write_zip(ZipEntry.compress(name, parts[name]) for name in order)


def _digest(parts: dict[str, bytes]) -> str:
    return parts_digest(parts)


def _run_engine(old: bytes, new: bytes, date_time: str) -> bytes:
    try:
        engine = DocxodusEngine()
        output, _, _ = engine.run_redline(AUTHOR, old, new, date_time=date_time)
    except EngineNotInstalledError:
        raise RedlineError(_MISSING) from None
    except subprocess.CalledProcessError as exc:
        detail = (exc.stderr or exc.stdout or "").strip().splitlines()
        raise RedlineError(
            "la comparaison a échoué" + (f" : {detail[-1]}" if detail else "")
        ) from None
    except OSError as exc:
        raise RedlineError(f"moteur de comparaison inutilisable ({os_reason(exc)})") from None
    return bytes(output)


_MISSING = (
    "moteur de comparaison absent : installez python-redlines avec son moteur Docxodus "
    '(pip install "python-redlines[docxodus]")'
)
