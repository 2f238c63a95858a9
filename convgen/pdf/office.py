"""Where LibreOffice is, and the conversion by one launch of ``soffice``.

One launch per document costs LibreOffice's start-up each time (2 to 4 s): right for
one document (``convgen generer --pdf``), wrong for a batch, which uses the pool
of pdf.pool instead (and ``make bench`` compares the two).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from convgen.errors import OfficeError

SOFFICE_VARIABLE = "CONVGEN_SOFFICE"
"""The LibreOffice program to use (``soffice``), when it is not on the PATH."""

PYTHON_VARIABLE = "CONVGEN_PYTHON_UNO"
"""A Python that can ``import uno`` (LibreOffice's bridge), for the pool's servers."""

INSTALL = (
    "installez-le (Debian, Ubuntu : apt-get install libreoffice-writer-nogui python3-uno) "
    f"ou indiquez son programme soffice dans la variable {SOFFICE_VARIABLE}"
)

PDF_EXPORT = "writer_pdf_Export"
PDFA_OPTION = ("SelectPdfVersion", 2)
"""PDF/A-2b: LibreOffice embeds the fonts and writes the PDF/A identification."""

DEFAULT_TIMEOUT = 120.0
"""Seconds one conversion may take before its LibreOffice is stopped."""


class PdfFormat(StrEnum):
    """The PDF asked for: ``--pdf`` or ``--pdfa`` (PDF/A-2b, for archives)."""

    PDF = "pdf"
    PDFA = "pdfa"

    @property
    def archive(self) -> bool:
        return self is PdfFormat.PDFA

    @classmethod
    def from_flags(cls, pdf: bool, pdfa: bool) -> PdfFormat | None:
        """``--pdfa`` implies ``--pdf``; neither: no PDF."""
        return cls.PDFA if pdfa else cls.PDF if pdf else None


@dataclass(frozen=True)
class Office:
    soffice: Path
    """The program itself (``/usr/lib/libreoffice/program/soffice``), not a wrapper script."""


def find_office() -> Office:
    """The LibreOffice to convert with. Raises OfficeError, naming the install command."""
    chosen = os.environ.get(SOFFICE_VARIABLE)
    found = chosen or shutil.which("soffice") or shutil.which("libreoffice")
    if not found or not Path(found).is_file() or not os.access(found, os.X_OK):
        where = f" (« {chosen} »)" if chosen else ""
        raise OfficeError(f"LibreOffice est introuvable{where} : {INSTALL}.")
    return Office(Path(found).resolve())


def convert_once(
    docx: bytes,
    *,
    pdfa: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    office: Office | None = None,
) -> bytes:
    """The PDF of ``docx`` by one ``soffice --convert-to`` launch, with a private profile.

    Raises OfficeError if LibreOffice is missing, fails, or takes more than ``timeout``.
    """
    office = office or find_office()
    with tempfile.TemporaryDirectory(prefix="convgen-pdf-") as folder:
        work = Path(folder)
        source = work / "document.docx"
        source.write_bytes(docx)
        command = [
            str(office.soffice),
            f"-env:UserInstallation={(work / 'profil').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            _filter(pdfa),
            "--outdir",
            str(work / "pdf"),
            str(source),
        ]
        _run(command, timeout, private_environment(work))
        result = work / "pdf" / "document.pdf"
        if not result.is_file():
            raise OfficeError("LibreOffice n'a pas pu convertir le document en PDF.")
        return result.read_bytes()


def private_environment(folder: Path) -> dict[str, str]:
    """LibreOffice's environment: its home and its temporary files in ``folder``, removed
    with it (a LibreOffice stopped or killed leaves its « lu*.tmp » behind)."""
    temporary = folder / "tmp"
    temporary.mkdir(exist_ok=True)
    inside = {name: str(temporary) for name in ("TMPDIR", "TEMP", "TMP")}  # TEMP: Windows
    return {**os.environ, "HOME": str(folder), **inside}


def _filter(pdfa: bool) -> str:
    if not pdfa:
        return f"pdf:{PDF_EXPORT}"
    name, value = PDFA_OPTION
    return f'pdf:{PDF_EXPORT}:{{"{name}":{{"type":"long","value":"{value}"}}}}'


def _run(command: list[str], timeout: float, env: dict[str, str]) -> None:
    """Run ``command`` in its own process group, killed whole on timeout, and on Ctrl-C
    or SIGTERM: LibreOffice, in its own session, did not get them, and the command must
    not wait for its conversion (Popen's exit would)."""
    with subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        start_new_session=True,
    ) as process:
        try:
            process.wait(timeout)
        except BaseException as exc:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            if isinstance(exc, subprocess.TimeoutExpired):
                raise OfficeError(
                    f"LibreOffice n'a pas converti le document en {timeout:.0f} s : arrêté."
                ) from None
            raise
