"""Document names in a batch come from whoever filled the input folder: whatever they
are, a document is written inside the output folder under a portable name, or its
input is refused with a French message and the rest of the batch goes on."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from batch_support import CHRS, regenerate, run, statuses

from convgen.batch import names
from convgen.batch.names import refusal


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("../a.docx", "élément de chemin interdit"),
        ("a/../../b.docx", "élément de chemin interdit"),
        ("/etc/a.docx", "chemin absolu"),
        ("a//b.docx", "élément de chemin interdit"),
        ("CON.docx", "nom réservé par Windows"),
        ("lot/nul.docx", "nom réservé par Windows"),
        ("com1.tar.docx", "nom réservé par Windows"),
        ("LPT9.docx", "nom réservé par Windows"),
        ("a:b.docx", "caractère « : » refusé par Windows"),
        ('gu"illemet.docx', 'caractère « " » refusé par Windows'),
        ("a\\b.docx", "caractère « \\ » refusé par Windows"),
        ("dossier./a.docx", "terminé par une espace ou un point"),
        ("dossier /a.docx", "terminé par une espace ou un point"),
        ("a\nb.docx", "caractère de contrôle U+000A"),
        ("a\x1b[31mrouge.docx", "caractère de contrôle U+001B"),
        ("\udcff.docx", "pas écrit en UTF-8"),
        ("é" * 130 + ".docx", "nom trop long"),
    ],
)
def test_unsafe_names_are_refused_with_their_reason(name: str, words: str) -> None:
    reason = refusal(name)
    assert reason is not None and words in reason, reason


@pytest.mark.parametrize(
    "name",
    [
        "a.docx",
        "sous/dossier/b.docx",
        "Convention CHRS – CSAPA (2026).docx",
        "conventions/CCAS de Sète/accord n°3.docx",
        "console.docx",
        "CONVENTION.docx",
        "compte-rendu com1x.docx",
        "é" * 120 + ".docx",
    ],
)
def test_ordinary_names_are_accepted(name: str) -> None:
    assert refusal(name) is None


def test_a_batch_with_hostile_names_writes_only_inside_the_output_folder(tmp_path: Path) -> None:
    inputs, outputs, outside = tmp_path / "entrees", tmp_path / "sortie", tmp_path / "ailleurs"
    hostile = [
        "CON.yaml",
        "a:b.yaml",
        "dossier./x.yaml",
        "ligne\nsuivante.yaml",
        "Lot/Casse.yaml",
        "lot/casse.yaml",
        "piege/evasion.yaml",
    ]
    for name in [*hostile, "bon.yaml"]:
        (inputs / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(CHRS, inputs / name)
    bad_bytes = os.path.join(os.fsencode(inputs), b"\xff\xfe.yaml")
    shutil.copy(CHRS, bad_bytes)
    # A symbolic link planted in the output folder, leading out of it.
    outside.mkdir()
    outputs.mkdir()
    (outputs / "piege").symlink_to(outside, target_is_directory=True)

    report = regenerate(inputs, outputs, code=1)
    found = statuses(report, inputs)
    assert found.pop("bon.yaml") == ("genere", "nouveau")
    assert {status for status, _ in found.values()} == {"echec"}
    assert len(found) == len(hostile) + 1
    messages = {
        Path(doc["entree"]).relative_to(inputs).as_posix(): " ".join(doc["messages"])
        for doc in report["documents"]
    }
    assert "nom réservé par Windows" in messages["CON.yaml"]
    assert "lien symbolique" in messages["piege/evasion.yaml"]
    assert "produiraient le même document" in messages["lot/casse.yaml"]
    # Each refusal is a problem located at its file, for scripts: the input for a name,
    # the document for a link of the output folder (the fault is there, not in the input).
    located = {
        Path(doc["entree"]).relative_to(inputs).as_posix(): doc["problemes"]
        for doc in report["documents"]
    }
    assert [p["fichier"] for p in located["CON.yaml"]] == [str(inputs / "CON.yaml")]
    assert [p["fichier"] for p in located["piege/evasion.yaml"]] == [
        str(outputs / "piege" / "evasion.docx")
    ]
    assert all(p["ligne"] is None and p["gravite"] == "erreur" for p in located["CON.yaml"])
    assert list(outside.iterdir()) == []
    written = sorted(p.relative_to(outputs).as_posix() for p in outputs.rglob("*.docx"))
    assert written == ["bon.docx"]


def test_the_text_report_prints_hostile_names_safely(tmp_path: Path) -> None:
    inputs, outputs = tmp_path / "entrees", tmp_path / "sortie"
    inputs.mkdir()
    shutil.copy(CHRS, inputs / "ligne\nforgee : genere.yaml")
    shutil.copy(CHRS, os.path.join(os.fsencode(inputs), b"\xff.yaml"))
    result = run("regenerer", inputs, "-o", outputs, "--jobs", "1")
    assert result.exit_code == 1
    assert "caractère de contrôle U+000A" in result.output
    assert "pas écrit en UTF-8" in result.output
    assert not list(outputs.rglob("*.docx"))


def test_every_character_a_name_check_refuses_is_seen_by_the_quick_scan() -> None:
    # refusal() skips the character checks for a name the scan finds nothing in: the
    # scan must see every character they refuse, and only those (the whole BMP, with
    # lone surrogates; characters beyond it are never refused).
    for code in range(0x10000):
        character = chr(code)
        refused = any(check(character) for check in names._CHARACTER_CHECKS)
        assert bool(names._SUSPECT.search(character)) is refused, hex(code)
