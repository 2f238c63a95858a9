"""LibreOffice for the real-office tests: one conversion call for many documents."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from ci import needs

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
# Skipped on a developer's machine without LibreOffice; in CI (ci.in_ci()) they run and
# fail, so that a missing package cannot turn the real-office checks silently off.
needs_office = needs(
    SOFFICE is not None and PDFTOTEXT is not None,
    "LibreOffice (soffice) ou pdftotext absent : installez libreoffice-writer-nogui et "
    "poppler-utils (la CI les installe)",
)


def _has_uno() -> bool:
    from convgen.errors import OfficeError  # noqa: PLC0415
    from convgen.pdf.office import find_office  # noqa: PLC0415
    from convgen.pdf.server import uno_python  # noqa: PLC0415

    try:
        uno_python(find_office())
    except OfficeError:
        return False
    return True


# The PDF pool runs unoserver under a Python that has LibreOffice's bridge (python3-uno).
needs_office_pool = needs(
    SOFFICE is not None and PDFTOTEXT is not None and _has_uno(),
    "LibreOffice, pdftotext ou le pont uno absent : installez libreoffice-writer-nogui, "
    "poppler-utils et python3-uno (la CI les installe)",
)


def soffice_convert(documents: Sequence[Path], folder: Path, target: str) -> None:
    """``soffice --convert-to target`` of ``documents`` into ``folder``, with a private
    LibreOffice profile (and HOME) in ``folder``."""
    assert SOFFICE is not None
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{folder / 'profil-libreoffice'}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(folder),
            *map(str, documents),
        ],
        check=True,
        capture_output=True,
        timeout=300,
        env={**os.environ, "HOME": str(folder)},
    )


def convert_to_pdf(documents: Sequence[Path], folder: Path) -> None:
    """Convert ``documents`` to PDF in ``folder`` with a private LibreOffice profile.

    One call for all documents (about 5x faster than one call each); LibreOffice exits 0
    even when it cannot load a file, hence the check that every PDF exists.
    """
    soffice_convert(documents, folder, "pdf")
    for document in documents:
        pdf = folder / f"{document.stem}.pdf"
        assert pdf.exists() and pdf.stat().st_size > 1000, f"{document.name} non converti"


def pdf_text(pdf: Path, *, layout: bool = False) -> str:
    assert PDFTOTEXT is not None
    options = ["-layout"] if layout else []
    return subprocess.run(
        [PDFTOTEXT, *options, str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
