"""The JSON report of ``convgen regenerer``, written a document at a time: the pieces
make exactly the one-line object a single ``json.dumps`` would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

from convgen.batch.manifest import DATABASE, STATE_DIR
from convgen.batch.report import (
    Entry,
    Listing,
    PdfEntry,
    PdfStatus,
    Reason,
    Report,
    Status,
    json_report_chunks,
)
from convgen.errors import Problem, Severity

ENTRIES = [
    Entry("entrées/a.yaml", "sorties/a.docx", Status.GENERE, Reason.MODELE),
    Entry(
        "entrées/b\udcff.yaml",  # a name that is not valid UTF-8 on disk
        "sorties/b.docx",
        Status.ECHEC,
        messages=("b.yaml:3: titre : « » vide",),
        problems=(Problem("vide", Severity.ERREUR, "b.yaml", 3, "titre", "CO-02"),),
    ),
    Entry("entrées/c.yaml", "sorties/c.docx", Status.INCHANGE),
]


def _expected(report: Report, seconds: float) -> dict[str, Any]:
    documents = []
    for entry in report.entries:
        documents.append(
            {
                "entree": entry.input.replace("\udcff", "\\xff"),
                "sortie": entry.output,
                "statut": str(entry.status),
                "raison": None if entry.reason is None else str(entry.reason),
                "messages": list(entry.messages),
                "problemes": [problem.as_dict() for problem in entry.problems],
            }
        )
    payload: dict[str, Any] = {
        "simulation": report.simulation,
        "documents": documents,
        "totaux": {str(status): report.totals[status] for status in Status},
    }
    if report.pdfs is not None:
        payload["pdfs"] = [
            {"sortie": e.output, "statut": str(e.status), "message": e.message} for e in report.pdfs
        ]
        payload["totaux_pdf"] = {str(s): report.pdf_totals[s] for s in PdfStatus}
    payload["duree_s"] = round(seconds, 3)
    return payload


@pytest.mark.parametrize(
    "report",
    [
        Report(ENTRIES),
        Report([], simulation=True),
        Report(ENTRIES[:1], pdfs=[PdfEntry("sorties/a.pdf", PdfStatus.PRODUIT)]),
    ],
)
def test_the_pieces_make_one_json_object_on_one_line(report: Report) -> None:
    chunks = list(json_report_chunks(report, 1.23456))
    assert len(chunks) == len(report.entries) + 2  # one per document: never all at once
    text = "".join(chunks)
    assert "\n" not in text
    assert text == json.dumps(_expected(report, 1.23456), ensure_ascii=False)


def test_a_listing_reads_as_the_list_of_its_entries_and_unchanged_inputs() -> None:
    def unchanged(name: str) -> Entry:
        return Entry(f"entrées/{name}", f"sorties/{name}.docx", Status.INCHANGE)

    decided = [ENTRIES[0], ENTRIES[1]]  # a.yaml, b….yaml
    listing = Listing(decided, ["0.yaml", "aa.yaml", "c.yaml"], unchanged)
    whole = [unchanged("0.yaml"), ENTRIES[0], unchanged("aa.yaml"), ENTRIES[1], unchanged("c.yaml")]
    assert list(listing) == whole
    assert len(listing) == 5
    assert listing[2] == whole[2]
    assert listing[-1] == whole[-1]
    report, plain = Report(listing), Report(whole)
    assert report.totals == plain.totals
    assert list(json_report_chunks(report, 1.0)) == list(json_report_chunks(plain, 1.0))


def test_an_error_that_stops_the_run_is_one_json_object_too(tmp_path: Path) -> None:
    """A damaged state stops regenerer before any report: a script still reads JSON."""
    state = tmp_path / "sortie" / STATE_DIR
    state.mkdir(parents=True)
    (state / DATABASE).write_bytes(b"ceci n'est pas une base" * 100)
    command = [sys.executable, "-m", "convgen", "regenerer", str(ROOT / "exemples")]
    command += ["-o", str(tmp_path / "sortie"), "--format", "json"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    (line,) = result.stdout.splitlines()
    error = json.loads(line)["erreur"]
    assert error["fichier"] == str(state / DATABASE)
    assert error["message"].startswith("état de régénération illisible")
    assert "état de régénération illisible" in result.stderr


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["nexistepas", "-o", "x", "--format", "json"], "Dossier « nexistepas » introuvable"),
        (["exemples", "-o", "x", "--jobs", "zero", "--format=json"], "« zero » n’est pas"),
    ],
)
def test_a_command_line_mistake_is_one_json_object_when_json_is_asked(
    tmp_path: Path, arguments: list[str], message: str
) -> None:
    """A script that asked for JSON read nothing on stdout for click's own errors."""
    command = [sys.executable, "-m", "convgen", "regenerer", *arguments]
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    assert result.returncode == 2
    (line,) = result.stdout.splitlines()
    assert message in json.loads(line)["erreur"]["message"]
    assert "Utilisation : convgen regenerer" in result.stderr
    plain = [sys.executable, "-m", "convgen", "regenerer", "nexistepas", "-o", "x"]
    quiet = subprocess.run(plain, capture_output=True, text=True, check=False, cwd=tmp_path)
    assert quiet.stdout == ""  # JSON only when asked
