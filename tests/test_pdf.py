"""PDF for signature and archive: generer, regenerer and relire with --pdf / --pdfa.

Real LibreOffice: one launch for one document, a pool of unoserver servers for a
batch. The PDF's text is read with pdftotext, its metadata with pikepdf.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner, Result
from conftest import ROOT, edit_docx_part, example, render, replacing
from office import needs_office, needs_office_pool, pdf_text

from convgen.app.apercu import page_images
from convgen.batch.manifest import Manifest, PdfRecord
from convgen.batch.plan import sha256
from convgen.batch.report import PdfEntry, PdfStatus, Report, text_report
from convgen.cli import main as cli
from convgen.cli.main import Terminated
from convgen.errors import OfficeError
from convgen.pdf import office as office_module
from convgen.pdf import server as server_module
from convgen.pdf.metadata import with_metadata
from convgen.pdf.office import SOFFICE_VARIABLE, convert_once
from convgen.pdf.pool import OfficePool
from convgen.wordml.package import read_custom_properties

pytestmark = pytest.mark.bureautique

EXAMPLES = ROOT / "exemples"
CONVENTION = EXAMPLES / "chrs-csapa-addictions.yaml"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli.cli, [str(a) for a in args], catch_exceptions=False)


def _metadata(pdf: Path) -> dict[str, str]:
    with pikepdf.open(pdf) as document:
        return {str(key): str(value) for key, value in document.docinfo.items()}


@needs_office
def test_generer_pdf_holds_the_key_facts_and_the_provenance(tmp_path: Path) -> None:
    result = run("generer", CONVENTION, "-o", tmp_path / "c.docx", "--pdf")
    assert result.exit_code == 0, result.output
    assert "PDF produit : " in result.output
    text = " ".join(pdf_text(tmp_path / "c.pdf").split())
    for fact in (
        "CONVENTION DE PARTENARIAT",
        "CP-2026-014",
        "Association Le Relais Solidarité",
        "Association Rhône Addictions Prévention Soins",
        "Madame Claire Fontaine",
    ):
        assert fact in text
    info = _metadata(tmp_path / "c.pdf")
    assert info["/Title"].startswith("Convention de partenariat relative à l'accompagnement")
    assert info["/Subject"] == "Convention de partenariat"
    provenance = read_custom_properties((tmp_path / "c.docx").read_bytes(), "c.docx")
    assert f"entrée sha256 {provenance['convgen_entree_sha256']}" in info["/Keywords"]
    assert f"modèle sha256 {provenance['convgen_modele_sha256']}" in info["/Keywords"]
    assert "/CreationDate" not in info


@needs_office
def test_the_same_docx_gives_the_same_pdf_bytes(tmp_path: Path) -> None:
    for name in ("a", "b"):
        assert run("generer", CONVENTION, "-o", tmp_path / f"{name}.docx", "--pdfa").exit_code == 0
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


@needs_office
def test_pdfa_is_identified_as_pdfa_2b_with_every_font_embedded(tmp_path: Path) -> None:
    assert run("generer", CONVENTION, "-o", tmp_path / "c.docx", "--pdfa").exit_code == 0
    with pikepdf.open(tmp_path / "c.pdf") as document:
        assert document.open_metadata().pdfa_status == "2B"
        assert document.Root.OutputIntents[0].S == "/GTS_PDFA1"
        fonts = [
            font
            for page in document.pages
            for font in page.Resources.get("/Font", {}).values()
            if font.get("/Subtype") != "/Type3"
        ]
        assert fonts
        for font in fonts:
            descriptor = font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_missing_libreoffice_is_said_in_french_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SOFFICE_VARIABLE, str(tmp_path / "pas-de-libreoffice"))
    for command in (
        ("generer", CONVENTION, "-o", tmp_path / "c.docx", "--pdf"),
        ("regenerer", EXAMPLES, "-o", tmp_path / "sortie", "--pdfa"),
        ("relire", CONVENTION, "-o", tmp_path / "r.docx", "--pdf"),
    ):
        result = run(*command)
        assert result.exit_code == 1
        assert "LibreOffice est introuvable" in result.output
        assert "apt-get install libreoffice-writer-nogui python3-uno" in result.output
        assert list(tmp_path.iterdir()) == []


def test_relire_pdf_needs_the_word_pack() -> None:
    result = run("relire", CONVENTION, "--format", "md", "--pdf")
    assert result.exit_code == 2
    assert "--pdf et --pdfa accompagnent le dossier Word" in result.output


@needs_office
def test_relire_pdf_writes_the_pack_as_pdf(tmp_path: Path) -> None:
    result = run("relire", CONVENTION, "-o", tmp_path / "relecture.docx", "--pdf")
    assert result.exit_code == 0, result.output
    assert "Dossier de relecture juridique" in pdf_text(tmp_path / "relecture.pdf")
    assert _metadata(tmp_path / "relecture.pdf")["/Subject"] == "Dossier de relecture juridique"


def _regenerate(inputs: Path, outputs: Path, *more: str | Path) -> Result:
    return run("regenerer", inputs, "-o", outputs, "-j", "2", *more)


@needs_office_pool
@pytest.mark.lent
def test_regenerer_pdf_keeps_pdfs_in_step_with_their_documents(tmp_path: Path) -> None:
    inputs = Path(shutil.copytree(EXAMPLES, tmp_path / "entrees"))
    templates = Path(shutil.copytree(ROOT / "modeles", tmp_path / "modeles"))
    outputs = tmp_path / "sortie"
    count = len(list(inputs.glob("*.yaml")))

    first = _regenerate(inputs, outputs, "--pdf", "--modeles", templates)
    assert first.exit_code == 0, first.output
    assert f"PDF : {count} produits, 0 échec." in first.output
    pdf = outputs / "chrs-csapa-addictions.pdf"
    assert "Association Le Relais Solidarité" in pdf_text(pdf)

    second = _regenerate(inputs, outputs, "--pdf", "--modeles", templates)
    assert f"PDF : {count} inchangés, 0 échec." in second.output

    # A template change regenerates the conventions, and their PDFs with them.
    model = templates / "convention_partenariat.docx"
    edit = replacing("Entre les soussignés", "Entre les parties soussignées")
    model.write_bytes(edit_docx_part(model, "word/document.xml", edit))
    third = _regenerate(inputs, outputs, "--pdf", "--modeles", templates)
    assert "PDF produit : " in third.output
    assert "Entre les parties soussignées" in pdf_text(pdf)

    # A PDF edited by hand is kept, like a document, unless --forcer.
    pdf.write_bytes(pdf.read_bytes() + b"\n% annotation\n")
    edited = pdf.read_bytes()
    fourth = _regenerate(inputs, outputs, "--pdf", "--modeles", templates)
    assert f"PDF modifié à la main : {pdf} ; conservé (--forcer pour le reconstruire)" in (
        fourth.output
    )
    assert pdf.read_bytes() == edited
    forced = _regenerate(inputs, outputs, "--pdf", "--forcer", "--modeles", templates)
    assert forced.exit_code == 0
    assert pdf.read_bytes() != edited


@needs_office_pool
def test_a_run_without_pdf_says_which_pdfs_it_left_behind(tmp_path: Path) -> None:
    inputs = tmp_path / "entrees"
    inputs.mkdir()
    shutil.copy(CONVENTION, inputs / "c.yaml")
    shutil.copy(EXAMPLES / "charte-reseau-rural-domicile.yaml", inputs / "charte.yaml")
    templates = Path(shutil.copytree(ROOT / "modeles", tmp_path / "modeles"))
    outputs = tmp_path / "sortie"
    assert _regenerate(inputs, outputs, "--pdf", "--modeles", templates).exit_code == 0
    model = templates / "convention_partenariat.docx"
    edit = replacing("Entre les soussignés", "Entre les parties soussignées")
    model.write_bytes(edit_docx_part(model, "word/document.xml", edit))
    without = _regenerate(inputs, outputs, "--modeles", templates)
    assert without.exit_code == 0, without.output
    stale = outputs / "c.pdf"
    assert f"PDF périmé : {stale} a été fait de la version précédente ; --pdf le refera" in (
        without.output
    )
    assert "charte.pdf" not in without.output  # its document did not change
    assert "PDF produit" in _regenerate(inputs, outputs, "--pdf", "--modeles", templates).output
    # A PDF edited by hand is kept by --pdf: the hint says what remakes it.
    stale.write_bytes(stale.read_bytes() + b"\n% annotation\n")
    again = replacing("Entre les parties soussignées", "Entre les Parties soussignées")
    model.write_bytes(edit_docx_part(model, "word/document.xml", again))
    edited = _regenerate(inputs, outputs, "--modeles", templates)
    assert f"PDF périmé : {stale}, modifié à la main, ne suit plus son document ; --pdf " in (
        edited.output
    )
    assert "--pdf --forcer le refera" in edited.output


@needs_office_pool
def test_no_pdf_is_made_of_a_document_whose_input_failed_or_is_gone(tmp_path: Path) -> None:
    """A ready-to-sign PDF of a document that no longer follows its data: made from the
    previous document of an input now invalid, or of one deleted."""
    inputs = tmp_path / "entrees"
    inputs.mkdir()
    shutil.copy(CONVENTION, inputs / "a.yaml")
    shutil.copy(EXAMPLES / "charte-reseau-rural-domicile.yaml", inputs / "b.yaml")
    outputs = tmp_path / "sortie"
    assert _regenerate(inputs, outputs).exit_code == 0  # the documents, no PDF yet
    source = (inputs / "a.yaml").read_text(encoding="utf-8")
    (inputs / "a.yaml").write_text(source.replace("78451236000016", "78451236000015"))
    (inputs / "b.yaml").unlink()
    result = _regenerate(inputs, outputs, "--pdf")
    assert result.exit_code == 1, result.output
    for name in ("a", "b"):
        assert f"PDF en attente de son document : {outputs / name}.pdf" in result.output
        assert not (outputs / f"{name}.pdf").exists()
    assert "entrée en échec ou disparue : le document ne suit plus ses données" in result.output
    assert "PDF : 2 en attente de leur document, 0 échec." in result.output


@needs_office_pool
def test_a_pdf_written_before_its_record_is_not_taken_for_a_hand_edit(tmp_path: Path) -> None:
    """A run killed between the PDF's atomic rename and its « done » mark."""
    inputs = tmp_path / "entrees"
    inputs.mkdir()
    shutil.copy(CONVENTION, inputs / "c.yaml")
    outputs = tmp_path / "sortie"
    assert _regenerate(inputs, outputs).exit_code == 0
    docx = (outputs / "c.docx").read_bytes()
    pdf = b"%PDF-1.6 written just before the kill"
    with Manifest.open(outputs) as manifest:
        manifest.mark_pdf_pending("c.yaml", sha256(pdf), sha256(docx), False)
    (outputs / "c.pdf").write_bytes(pdf)
    result = _regenerate(inputs, outputs, "--pdf")
    assert "PDF : 1 inchangé, 0 échec." in result.output


def test_a_pdf_record_knows_which_docx_made_the_bytes_on_disk() -> None:
    record = PdfRecord("a.yaml", "done", "docx-1", False, "pending", "docx-2", True)
    assert record.made_from("done") == ("docx-1", False)
    assert record.made_from("pending") == ("docx-2", True)
    assert record.made_from("edited by hand") is None


def test_the_report_says_what_happened_to_the_pdfs() -> None:
    report = Report(
        [],
        pdfs=[
            PdfEntry("s/a.pdf", PdfStatus.PRODUIT),
            PdfEntry("s/b.pdf", PdfStatus.INCHANGE),
            PdfEntry("s/c.pdf", PdfStatus.ECHEC, "LibreOffice n'a pas pu convertir le document"),
        ],
    )
    text = text_report(report, 1.0)
    assert "PDF produit : s/a.pdf" in text
    assert "b.pdf" not in text
    assert "PDF échec : s/c.pdf\n  LibreOffice n'a pas pu convertir le document" in text
    assert "PDF : 1 produit, 1 inchangé, 1 échec." in text
    assert not report.ok


@needs_office_pool
def test_a_crashed_libreoffice_is_restarted_and_the_document_retried(tmp_path: Path) -> None:
    assert run("generer", CONVENTION, "-o", tmp_path / "c.docx").exit_code == 0
    docx = (tmp_path / "c.docx").read_bytes()
    with OfficePool(1) as pool:
        pool.start()
        (leader,) = pool.pids()
        office = subprocess.run(
            ["pgrep", "-g", str(leader), "soffice.bin"], capture_output=True, text=True, check=True
        ).stdout.split()
        os.kill(int(office[0]), signal.SIGKILL)
        time.sleep(0.5)
        pdf = pool.convert(docx)
        assert pool.restarts == 1
    assert pdf.startswith(b"%PDF")
    assert "Association Le Relais Solidarité" in _text_of(pdf, tmp_path)
    leftovers = subprocess.run(["pgrep", "-g", str(leader)], capture_output=True, check=False)
    assert leftovers.stdout == b""


@needs_office_pool
def test_a_libreoffice_that_stops_before_answering_is_started_once_more(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("generer", CONVENTION, "-o", tmp_path / "c.docx").exit_code == 0
    launch = server_module.OfficeServer._launch
    profiles: list[str] = []

    def first_one_dies(server: server_module.OfficeServer, profile: str) -> None:
        profiles.append(profile)
        if len(profiles) == 1:  # as when another program takes its port meanwhile
            server._process = subprocess.Popen(["false"])
            server._process.wait()
        else:
            launch(server, profile)

    monkeypatch.setattr(server_module.OfficeServer, "_launch", first_one_dies)
    with OfficePool(1) as pool:
        pdf = pool.convert((tmp_path / "c.docx").read_bytes())
    assert profiles == ["profil-0", "profil-1"]
    assert "Association Le Relais Solidarité" in _text_of(pdf, tmp_path)


@needs_office
def test_a_libreoffice_that_never_starts_is_a_french_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def dies(server: server_module.OfficeServer, profile: str) -> None:
        server._process = subprocess.Popen(["false"])
        server._process.wait()

    monkeypatch.setattr(server_module.OfficeServer, "_launch", dies)
    with OfficePool(1) as pool, pytest.raises(OfficeError, match="LibreOffice n'a pas démarré"):
        pool.start()


def _text_of(pdf: bytes, folder: Path) -> str:
    path = folder / "converti.pdf"
    path.write_bytes(pdf)
    return pdf_text(path)


def test_metadata_come_from_the_docx_and_leave_no_date_nor_random_id() -> None:
    """The metadata path without LibreOffice: a blank PDF gets the .docx's title,
    subject and provenance, and the same inputs give the same bytes."""
    blank = io.BytesIO()
    with pikepdf.new() as document:
        document.add_blank_page()
        document.docinfo["/CreationDate"] = "D:20261205041200Z"
        document.save(blank)
    docx = render(example("chrs-csapa-addictions"))
    finished = with_metadata(blank.getvalue(), docx, "c.docx")
    assert finished == with_metadata(blank.getvalue(), docx, "c.docx")
    with pikepdf.open(io.BytesIO(finished)) as document:
        assert "/CreationDate" not in document.docinfo
        assert str(document.docinfo["/Subject"]) == "Convention de partenariat"
        assert str(document.docinfo["/Keywords"]).startswith("convgen ")
        assert str(document.open_metadata()["dc:title"]).startswith("Convention de partenariat")


@needs_office_pool
@pytest.mark.lent
def test_a_conversion_past_its_time_limit_is_retried_once_then_reported() -> None:
    docx = render(example("chrs-csapa-addictions"))
    with OfficePool(1, timeout=0.01) as pool:
        with pytest.raises(
            OfficeError, match=r"n'a pas pu convertir le document en PDF \(2 essais\)"
        ):
            pool.convert(docx)
        assert pool.restarts == 2


@needs_office_pool
def test_libreoffice_leaves_nothing_in_the_temporary_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its profile, its own « lu*.tmp » files and the folder that lends unoserver to its
    Python go with the conversion or the pool, even though LibreOffice is stopped."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setenv("TMPDIR", str(temporary))
    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    docx = render(example("chrs-csapa-addictions"))
    assert convert_once(docx).startswith(b"%PDF")
    assert list(temporary.iterdir()) == []
    assert page_images(docx)[0].startswith(b"\x89PNG")  # the atelier's preview
    assert list(temporary.iterdir()) == []
    with OfficePool(2) as pool:
        pool.start()
        assert pool.convert(docx).startswith(b"%PDF")
        assert list(temporary.iterdir())  # in use while the pool runs
    assert list(temporary.iterdir()) == []


@pytest.mark.parametrize("interruption", [KeyboardInterrupt, Terminated])
def test_an_interrupted_conversion_does_not_wait_for_libreoffice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, interruption: type[BaseException]
) -> None:
    """Ctrl-C or SIGTERM while LibreOffice converts: LibreOffice, in its own session,
    does not get the signal; its process group is killed and the interruption goes
    on, rather than the command waiting for the conversion (``Popen``'s exit waits
    for a SIGTERM, which it does not take for Ctrl-C)."""
    started = tmp_path / "lance"
    real_wait = subprocess.Popen.wait

    def wait(process: subprocess.Popen[bytes], timeout: float | None = None) -> int:
        if timeout == office_module.DEFAULT_TIMEOUT:  # the conversion, interrupted
            deadline = time.monotonic() + 60  # a guard, not a speed check
            while not started.exists() and time.monotonic() < deadline:
                time.sleep(0.01)
            raise interruption
        try:
            return real_wait(process, 30 if timeout is None else timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            real_wait(process)
            raise AssertionError("convgen a attendu LibreOffice après l'interruption") from None

    monkeypatch.setattr(subprocess.Popen, "wait", wait)
    program = (  # its pid, written whole (renamed) before the wait is interrupted
        f"import os, pathlib, time; p = pathlib.Path({str(started)!r});"
        " p.with_suffix('.tmp').write_text(str(os.getpid())); p.with_suffix('.tmp').rename(p);"
        " time.sleep(600)"
    )
    with pytest.raises(interruption):
        office_module._run(
            [sys.executable, "-c", program], office_module.DEFAULT_TIMEOUT, dict(os.environ)
        )
    with pytest.raises(ProcessLookupError):  # « LibreOffice » ended, and reaped
        os.kill(int(started.read_text()), 0)


def test_a_stopped_batch_ends_its_conversions_and_starts_no_libreoffice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The PDFs of a batch stopped (Ctrl-C, SIGTERM, the batch itself failing): the pool
    closes its LibreOffice servers, which ends the conversion under way, rather than
    waiting for it; a closed pool starts no LibreOffice again for a retry."""
    unblocked = threading.Event()  # what closing the servers does to a conversion
    converted: list[int] = []

    def one(pool: OfficePool, key: int, read: object, pdfa: bool) -> tuple[int, bytes, bytes]:
        converted.append(key)
        if key > 0:
            unblocked.wait(30)
        return key, b"", b"%PDF"

    close = OfficePool.close

    def closing(pool: OfficePool) -> None:
        unblocked.set()
        close(pool)

    monkeypatch.setattr(OfficePool, "start", lambda pool, count=None: None)
    monkeypatch.setattr(OfficePool, "_one", one)
    monkeypatch.setattr(OfficePool, "close", closing)
    pool = OfficePool(1)
    conversions = pool.convert_all((key, bytes) for key in range(10))
    assert next(conversions)[0] == 0
    conversions.close()  # as when the loop over the results is left by an exception
    assert unblocked.is_set()
    assert converted in ([0], [0, 1])  # the next one dropped, or ended, never the others
    monkeypatch.undo()
    with pytest.raises(OfficeError, match="conversion abandonnée : la commande s'arrête"):
        pool.convert(b"")


def test_a_conversion_past_its_time_limit_is_stopped_and_said(tmp_path: Path) -> None:
    started = tmp_path / "pid"
    program = (
        f"import os, pathlib, time; p = pathlib.Path({str(started)!r});"
        " p.with_suffix('.tmp').write_text(str(os.getpid())); p.with_suffix('.tmp').rename(p);"
        " time.sleep(600)"
    )
    with pytest.raises(OfficeError, match="LibreOffice n'a pas converti le document en 1 s"):
        office_module._run([sys.executable, "-c", program], 1.0, dict(os.environ))
    if started.exists():  # started within the second: ended with its group, and reaped
        with pytest.raises(ProcessLookupError):
            os.kill(int(started.read_text()), 0)


@needs_office_pool
def test_libreoffice_does_not_outlive_a_convgen_killed_outright(tmp_path: Path) -> None:
    """kill -9 of a convgen running conversions (a scheduler's time limit): its
    LibreOffice and unoserver stopped with it; they stayed, children of init, 170 MB each,
    and a new run did not stop them. The next server removes the abandoned profile."""
    program = (
        "import os, signal\n"
        "from convgen.pdf.pool import OfficePool\n"
        "pool = OfficePool(1)\n"
        "pool.start()\n"
        "print(pool.pids()[0], flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    killed = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=120, check=False
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    leader = int(killed.stdout.split()[0])
    deadline = time.monotonic() + 30  # a guard, not a speed check
    left = b"?"
    while left and time.monotonic() < deadline:
        left = subprocess.run(["pgrep", "-g", str(leader)], capture_output=True, check=False).stdout
        time.sleep(0.2)
    shown = subprocess.run(["ps", "-g", str(leader)], capture_output=True, check=False)
    assert left == b"", shown.stdout


def test_the_profile_of_a_killed_convgen_is_removed(tmp_path: Path) -> None:
    """A server's temporary folder names the convgen process it serves: once that
    process is gone, the next server removes the folder; a running one's is kept."""
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    temporary = Path(tempfile.gettempdir())
    abandoned = temporary / f"convgen-office-essai-{os.getpid()}-a"
    running = temporary / f"convgen-office-essai-{os.getpid()}-b"
    foreign = temporary / f"convgen-office-essai-{os.getpid()}-c"  # no owner written
    for folder, owner in ((abandoned, gone.stdout.strip()), (running, str(os.getpid()))):
        (folder / "profil-0").mkdir(parents=True)
        (folder / "convgen.pid").write_text(owner, encoding="ascii")
    foreign.mkdir()
    try:
        server_module._remove_abandoned_folders()
        assert not abandoned.exists()
        assert running.is_dir() and foreign.is_dir()
    finally:
        for folder in (abandoned, running, foreign):
            shutil.rmtree(folder, ignore_errors=True)
