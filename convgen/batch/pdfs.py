"""``regenerer --pdf``: the PDF beside each document, kept in step with it.

After the documents, each known document whose PDF is missing, older than its
.docx, of the other format (PDF or PDF/A) or forced is converted by a pool of
LibreOffice servers (pdf.pool), one per worker. A PDF that convgen did not write
(edited by hand, or made by someone else) is kept, as documents are, unless
``--forcer``. Writes follow the documents' protocol: announced durably, written
atomically, then recorded, so that an interrupted run never mistakes its own
half-recorded PDF for a hand-edited one.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

from convgen.batch.manifest import Manifest, Record
from convgen.batch.plan import Settings, file_sha256, sha256
from convgen.batch.report import PdfEntry, PdfStatus
from convgen.errors import ConvgenError, OfficeError, OutputError
from convgen.output import write_atomic
from convgen.pdf.office import PdfFormat, find_office
from convgen.pdf.pool import OfficePool
from convgen.pdf.server import uno_python


def check_office() -> None:
    """Fail before anything is written when the pool cannot run. Raises OfficeError."""
    uno_python(find_office())


@dataclass(frozen=True)
class _Job:
    record: Record
    docx: Path
    pdf: Path


def update_pdfs(
    settings: Settings, manifest: Manifest, pdf_format: PdfFormat, held: Collection[str] = ()
) -> list[PdfEntry]:
    """Bring every recorded document's PDF up to date; report each PDF that changed or not.
    ``held``: inputs whose document is not that of their data now (in échec, gone): a PDF
    is not made from it."""
    entries: list[PdfEntry] = []
    jobs = list(_plan(settings, manifest, pdf_format, entries, held))
    if settings.simulation or not jobs:
        entries += [PdfEntry(str(job.pdf), PdfStatus.A_PRODUIRE) for job in jobs]
        return entries
    with OfficePool(min(settings.jobs, len(jobs))) as pool:
        reads = ((job, job.docx.read_bytes) for job in jobs)
        for job, docx, result in pool.convert_all(reads, pdfa=pdf_format.archive):
            entries.append(_finish(manifest, job, docx, result, pdf_format))
    return entries


def _plan(
    settings: Settings,
    manifest: Manifest,
    pdf_format: PdfFormat,
    entries: list[PdfEntry],
    held: Collection[str],
) -> Iterator[_Job]:
    known = manifest.pdfs()
    wanted = (pdf_format.archive,)
    for record in sorted(manifest.records().values(), key=lambda r: r.input):
        docx = Path(settings.output_file(record.output))
        pdf = docx.with_suffix(".pdf")
        try:
            if file_sha256(docx) != record.output_sha256:
                entries.append(PdfEntry(str(pdf), PdfStatus.EN_ATTENTE, _DOCX_NOT_OURS))
                continue
            on_disk = file_sha256(pdf)
        except OutputError as exc:
            entries.append(PdfEntry(str(pdf), PdfStatus.ECHEC, str(exc)))
            continue
        row = known.get(record.input)
        source = None if on_disk is None or row is None else row.made_from(on_disk)
        if on_disk is not None and source is None and not settings.force:
            entries.append(PdfEntry(str(pdf), PdfStatus.MODIFIE_MAIN))
        elif source == (record.output_sha256, *wanted) and not settings.force:
            entries.append(PdfEntry(str(pdf), PdfStatus.INCHANGE))
        elif record.input in held:
            entries.append(PdfEntry(str(pdf), PdfStatus.EN_ATTENTE, _DOCX_HELD))
        else:
            yield _Job(record, docx, pdf)


_DOCX_NOT_OURS = "document absent ou modifié à la main : PDF non reconstruit"
_DOCX_HELD = "entrée en échec ou disparue : le document ne suit plus ses données, pas de PDF"


def _finish(
    manifest: Manifest, job: _Job, docx: bytes, result: bytes | OfficeError, pdf_format: PdfFormat
) -> PdfEntry:
    from convgen.pdf.metadata import with_metadata  # noqa: PLC0415 - pikepdf, only for a PDF

    if isinstance(result, OfficeError):
        return PdfEntry(str(job.pdf), PdfStatus.ECHEC, result.message)
    try:
        pdf = with_metadata(result, docx, str(job.docx))
        digest, docx_digest = sha256(pdf), sha256(docx)
        manifest.mark_pdf_pending(job.record.input, digest, docx_digest, pdf_format.archive)
        write_atomic(job.pdf, pdf)
    except ConvgenError as exc:
        return PdfEntry(str(job.pdf), PdfStatus.ECHEC, exc.message)
    manifest.mark_pdf_done(job.record.input, digest, docx_digest, pdf_format.archive)
    return PdfEntry(str(job.pdf), PdfStatus.PRODUIT)
