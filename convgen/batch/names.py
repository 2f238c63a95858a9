"""Safe names for the documents a batch writes.

A document's name mirrors its input's path, so it comes from whoever filled the
input folder. It must stay inside the output folder and be a name that every file
system the documents travel to accepts: output folders are often synchronised to
Windows shares, where ``CON.docx`` or ``a:b.docx`` cannot exist.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable

# Device names Windows reserves, whatever the extension (``nul.docx`` too).
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"}
    | {f"{device}{n}" for device in ("COM", "LPT") for n in "123456789"}
)
_FORBIDDEN = frozenset('<>:"|?*\\')
MAX_COMPONENT_BYTES = 255


def refusal(name: str) -> str | None:
    """Why the relative ``/`` path ``name`` cannot name a document, or None."""
    if not name or name.startswith("/"):
        return "chemin absolu ou vide"
    for part in name.split("/"):
        # Most names hold no character the three character checks refuse: one C scan
        # skips them (a batch checks every input's name on every run).
        checks = _CHECKS if _SUSPECT.search(part) else _NAME_CHECKS
        reason = next((r for check in checks if (r := check(part))), None)
        if reason:
            return f"« {_printable(part)} » : {reason}"
    return None


def escapes(output_dir: str, folder: str, cache: dict[str, bool]) -> bool:
    """True if ``folder`` (under ``output_dir``) leads out of it through a symbolic
    link. Cached per folder: a batch has many documents and few folders."""
    if folder not in cache:
        root = os.path.realpath(output_dir)
        real = os.path.realpath(folder)
        cache[folder] = real != root and not real.startswith(root + os.sep)
    return cache[folder]


def _dots(part: str) -> str | None:
    return "élément de chemin interdit" if part in ("", ".", "..") else None


def _encoding(part: str) -> str | None:
    # Bytes that are not UTF-8 reach Python as lone surrogates (surrogateescape).
    if any(0xD800 <= ord(c) <= 0xDFFF for c in part):
        return "nom de fichier qui n'est pas écrit en UTF-8"
    return None


def _control(part: str) -> str | None:
    bad = next((c for c in part if ord(c) < 32 or ord(c) == 127), None)
    return None if bad is None else f"caractère de contrôle U+{ord(bad):04X} dans le nom"


def _windows_character(part: str) -> str | None:
    bad = next((c for c in part if c in _FORBIDDEN), None)
    return None if bad is None else f"caractère « {bad} » refusé par Windows dans un nom"


def _reserved(part: str) -> str | None:
    stem = part.split(".", 1)[0].rstrip(" ").upper()
    return "nom réservé par Windows" if stem in _RESERVED else None


def _trailing(part: str) -> str | None:
    if part.endswith((" ", ".")):
        return "nom terminé par une espace ou un point, refusé par Windows"
    return None


def _length(part: str) -> str | None:
    if len(part.encode("utf-8", "surrogateescape")) > MAX_COMPONENT_BYTES:
        return f"nom trop long (plus de {MAX_COMPONENT_BYTES} octets)"
    return None


_CHECKS: tuple[Callable[[str], str | None], ...] = (
    _dots,
    _encoding,
    _control,
    _windows_character,
    _reserved,
    _trailing,
    _length,
)
_CHARACTER_CHECKS = (_encoding, _control, _windows_character)
_NAME_CHECKS = tuple(check for check in _CHECKS if check not in _CHARACTER_CHECKS)
# Any character one of _CHARACTER_CHECKS refuses: a lone surrogate, a control
# character, or one of _FORBIDDEN.
_SUSPECT = re.compile(
    "[\\x00-\\x1f\\x7f\\ud800-\\udfff" + re.escape("".join(sorted(_FORBIDDEN))) + "]"
)


def _printable(part: str) -> str:
    shown = printable(part)
    return shown if len(shown) <= 80 else shown[:77] + "…"


_UNPRINTABLE = re.compile("[\\x00-\\x1f\\x7f\\ud800-\\udfff]")


def printable(text: str) -> str:
    """``text`` as it can be printed: file names may hold bytes that are not UTF-8
    (lone surrogates in Python, which no terminal can encode) and control characters
    (a newline in a file name would forge a line of a report); both are escaped."""
    return _UNPRINTABLE.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, as os.fsdecode keeps it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
