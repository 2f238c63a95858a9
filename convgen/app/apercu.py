"""Page images of a document, through LibreOffice and poppler when they are installed.

The atelier's preview shows the text by article always; the pages as Word would lay
them out need ``soffice`` (to PDF) and ``pdftoppm`` (to PNG), both optional.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from convgen.errors import OfficeError, OutputError
from convgen.pdf.office import convert_once

TIMEOUT_S = 120
MAX_PAGES = 40


def available() -> bool:
    return shutil.which("soffice") is not None and shutil.which("pdftoppm") is not None


def page_images(document: bytes, resolution: int = 60) -> list[bytes]:
    """PNG images of the pages of a .docx. Raises OutputError if LibreOffice fails."""
    try:
        # As `generer --pdf`: a profile and temporary files of its own, removed after.
        pdf = convert_once(document, timeout=TIMEOUT_S)
    except OfficeError as exc:
        raise OutputError(f"aperçu des pages impossible ({exc.message})") from None
    with tempfile.TemporaryDirectory(prefix="convgen-apercu-") as work:
        folder = Path(work)
        (folder / "document.pdf").write_bytes(pdf)
        _run(["pdftoppm", "-png", "-r", str(resolution), "-l", str(MAX_PAGES),
              str(folder / "document.pdf"), str(folder / "page")])  # fmt: skip
        return [path.read_bytes() for path in sorted(folder.glob("page-*.png"))]


def _run(command: list[str]) -> None:
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT_S)
    except (OSError, subprocess.SubprocessError) as exc:
        raise OutputError(f"aperçu des pages impossible ({command[0]} : {exc})") from None
