"""Faults while writing, on real file systems: a full disk, a read-only folder, a
protected file, a folder in the way, concurrent writers. Each time: a French message,
exit 1, no partial file, and the previous good document intact.

The full disk and the read-only folder are real: a small tmpfs mounted in a private
user and mount namespace (``unshare -rm``), so nothing outlives the test.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ci import needs, unavailable
from conftest import ROOT

EXAMPLE = ROOT / "exemples" / "chrs-csapa-addictions.yaml"
UNSHARE = shutil.which("unshare")


def _namespaces_available() -> bool:
    if UNSHARE is None:
        return False
    return (
        subprocess.run([UNSHARE, "-rm", "true"], capture_output=True, check=False).returncode == 0
    )


# Skipped without them on a developer's machine; in CI (ci.in_ci()) the tests fail.
needs_namespaces = needs(
    _namespaces_available(),
    "unshare -rm indisponible (espaces de noms utilisateur désactivés) : "
    "le disque plein et le dossier en lecture seule ne peuvent pas être montés",
)


def _generate_command(output: Path) -> list[str]:
    return [sys.executable, "-m", "convgen", "generer", str(EXAMPLE), "-o", str(output)]


@pytest.fixture(scope="module")
def good_document(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A previous good version: the example generated under another reference."""
    folder = tmp_path_factory.mktemp("bon")
    source = folder / "ancienne.yaml"
    source.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("CP-2026-014", "CP-2025-003"), encoding="utf-8"
    )
    output = folder / "ancienne.docx"
    subprocess.run(
        [sys.executable, "-m", "convgen", "generer", str(source), "-o", str(output)],
        check=True,
        capture_output=True,
    )
    return output.read_bytes()


def _on_small_disk(tmp_path: Path, size: int, prepare: str, good: bytes) -> tuple[str, str]:
    """Mount a tmpfs of ``size`` bytes on ``disque/`` holding the good document, run
    ``prepare`` then convgen into it; returns convgen's stderr and the folder's state
    (listing and digest of the document), read before the namespace goes away."""
    disk = tmp_path / "disque"
    disk.mkdir()
    (tmp_path / "bon.docx").write_bytes(good)
    target = disk / "convention.docx"
    command = " ".join(f"'{part}'" for part in _generate_command(target))
    script = (
        f"set -e; mount -t tmpfs -o size={size} tmpfs '{disk}'; "
        f"cp '{tmp_path / 'bon.docx'}' '{target}'; {prepare}; "
        f"set +e; {command} 2> '{tmp_path / 'stderr'}'; echo \"code=$?\"; "
        f"ls -A '{disk}'; sha256sum '{target}'"
    )
    assert UNSHARE is not None
    result = subprocess.run(
        [UNSHARE, "-rm", "sh", "-c", script], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return (tmp_path / "stderr").read_text(encoding="utf-8"), result.stdout


def _assert_intact(state: str, good: bytes) -> None:
    lines = state.splitlines()
    assert lines[0] == "code=1", state
    assert lines[1:-1] == ["convention.docx"], state  # no temporary file left behind
    assert lines[-1].split()[0] == hashlib.sha256(good).hexdigest(), state


@needs_namespaces
def test_full_disk(tmp_path: Path, good_document: bytes) -> None:
    # Room for the previous document and a few kilobytes: the new one cannot fit.
    size = (len(good_document) // 4096 + 3) * 4096
    stderr, state = _on_small_disk(tmp_path, size, "true", good_document)
    assert "convention.docx: disque plein" in stderr, stderr
    _assert_intact(state, good_document)


@needs_namespaces
def test_read_only_folder(tmp_path: Path, good_document: bytes) -> None:
    disk = tmp_path / "disque"
    stderr, state = _on_small_disk(
        tmp_path, 1 << 20, f"mount -o remount,ro '{disk}'", good_document
    )
    assert "convention.docx: le dossier est en lecture seule" in stderr, stderr
    _assert_intact(state, good_document)


def _immutable_supported(path: Path) -> bool:
    chattr = shutil.which("chattr")
    if chattr is None or os.geteuid() != 0:
        return False
    done = subprocess.run([chattr, "+i", str(path)], capture_output=True, check=False)
    return done.returncode == 0


def test_protected_file(tmp_path: Path, good_document: bytes) -> None:
    """A file the system refuses to replace (immutable: the closest Linux has to a
    document locked by another application)."""
    target = tmp_path / "convention.docx"
    target.write_bytes(good_document)
    if not _immutable_supported(target):  # fails in CI, skipped elsewhere
        unavailable("chattr +i impossible ici (ni root, ni système de fichiers ext4/xfs)")
    try:
        result = subprocess.run(
            _generate_command(target), capture_output=True, text=True, check=False
        )
    finally:
        subprocess.run(["chattr", "-i", str(target)], check=True)
    assert result.returncode == 1
    assert "convention.docx: écriture refusée" in result.stderr, result.stderr
    assert target.read_bytes() == good_document
    assert sorted(p.name for p in tmp_path.iterdir()) == ["convention.docx"]


def test_folder_in_place_of_the_document(tmp_path: Path) -> None:
    target = tmp_path / "convention.docx"
    target.mkdir()
    (target / "garder.txt").write_text("contenu", encoding="utf-8")
    result = subprocess.run(_generate_command(target), capture_output=True, text=True, check=False)
    # Refused while reading the options: a usage error (exit 2), before any work.
    assert result.returncode == 2
    assert "convention.docx » : c’est un dossier" in result.stderr, result.stderr
    assert (target / "garder.txt").read_text(encoding="utf-8") == "contenu"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["convention.docx"]


@pytest.mark.lent
def test_concurrent_writers_leave_one_complete_document(tmp_path: Path) -> None:
    """Six processes write the same document at once: each succeeds, and the file is
    a whole document (the same bytes, since generation is reproducible)."""
    target = tmp_path / "convention.docx"
    processes = [
        subprocess.Popen(_generate_command(target), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(6)
    ]
    for process in processes:
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr.decode()
    reference = tmp_path / "reference.docx"
    subprocess.run(_generate_command(reference), check=True, capture_output=True)
    assert target.read_bytes() == reference.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["convention.docx", "reference.docx"]


@needs_namespaces
def test_regenerer_on_a_disk_that_fills_up_then_has_room_again(tmp_path: Path) -> None:
    """A batch on a disk with room for a few documents: « disque plein » (for the
    documents that no longer fit, or for the state, which stops the run), exit 1,
    the documents written are whole; once room is made, the next run generates
    exactly the missing ones."""
    inputs, disk = tmp_path / "entrees", tmp_path / "disque"
    inputs.mkdir()
    disk.mkdir()
    for index, example in enumerate(sorted((ROOT / "exemples").glob("*.yaml")) * 2):
        shutil.copy(example, inputs / f"e{index:02d}.yaml")
    batch = f"{sys.executable} -m convgen regenerer '{inputs}' -o '{disk}/sortie' --jobs 1"
    script = (
        f"set -e; mount -t tmpfs -o size=256k tmpfs '{disk}'; "
        f"set +e; {batch} > '{tmp_path}/premier' 2>&1; echo \"premier=$?\"; "
        f"ls '{disk}/sortie' | grep -c docx; "
        f"ls -A '{disk}/sortie' | grep -c '^\\.convgen-' ; "
        f"for f in '{disk}'/sortie/*.docx; do {sys.executable} -m zipfile -t \"$f\" >/dev/null "
        f'|| echo "abime=$f"; done; '
        f"mount -o remount,size=8m '{disk}'; "
        f"{batch} --format json > '{tmp_path}/second'; echo \"second=$?\""
    )
    assert UNSHARE is not None
    result = subprocess.run(
        [UNSHARE, "-rm", "sh", "-c", script], capture_output=True, text=True, check=False
    )
    lines = result.stdout.split()
    assert lines[0] == "premier=1", result
    written = int(lines[1])
    assert 0 < written < 14, result.stdout
    assert lines[2] == "0", result.stdout  # no temporary file left behind
    assert lines[3] == "second=0", result.stdout  # and no « abime= » line before it
    first = (tmp_path / "premier").read_text(encoding="utf-8")
    assert "disque plein" in first, first
    second = json.loads((tmp_path / "second").read_text(encoding="utf-8"))
    assert second["totaux"]["genere"] == 14 - written
    assert second["totaux"]["inchange"] == written
