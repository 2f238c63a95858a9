"""Atomic writes: a failure never leaves a partial file nor replaces a good one."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from convgen import output
from convgen.errors import OutputError
from convgen.output import TEMP_PREFIX, make_folders, write_atomic


def test_writes_the_bytes(tmp_path: Path) -> None:
    target = tmp_path / "doc.docx"
    write_atomic(target, b"contenu")
    assert target.read_bytes() == b"contenu"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.docx"]


def test_failure_during_write_keeps_previous_file_and_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "doc.docx"
    target.write_bytes(b"bonne version")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OutputError, match="disque plein"):
        write_atomic(target, b"nouvelle version")
    assert target.read_bytes() == b"bonne version"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.docx"]


def test_interruption_during_write_cleans_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "doc.docx"
    target.write_bytes(b"bonne version")

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"nouvelle version")
    assert target.read_bytes() == b"bonne version"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(TEMP_PREFIX)]


def test_interruption_as_the_temporary_file_is_made_cleans_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C or SIGTERM handled just as the temporary file is created (Python runs a
    signal's handler as ``os.open`` returns, before its result is kept)."""
    target = tmp_path / "doc.docx"
    target.write_bytes(b"bonne version")
    real_open = os.open

    def opened_then_interrupted(name: str, flags: int, mode: int = 0o777) -> int:
        os.close(real_open(name, flags, mode))
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "open", opened_then_interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"nouvelle version")
    assert target.read_bytes() == b"bonne version"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.docx"]


def test_target_that_is_a_directory(tmp_path: Path) -> None:
    (tmp_path / "doc.docx").mkdir()
    with pytest.raises(OutputError, match="un dossier porte déjà ce nom"):
        write_atomic(tmp_path / "doc.docx", b"x")


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="le dossier de destination n'existe pas"):
        write_atomic(tmp_path / "absent" / "doc.docx", b"x")


def test_read_only_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Simulated: the tests may run as root, for whom folder permissions do not apply.
    def refused(*_: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(output, "_temporary_file", refused)
    with pytest.raises(OutputError, match="écriture refusée"):
        write_atomic(tmp_path / "doc.docx", b"x")
    assert not (tmp_path / "doc.docx").exists()


def test_make_folders_explains_a_file_in_the_way(tmp_path: Path) -> None:
    make_folders(tmp_path / "a" / "b")
    assert (tmp_path / "a" / "b").is_dir()
    (tmp_path / "fichier").write_bytes(b"")
    with pytest.raises(OutputError, match="un fichier porte le nom d'un des dossiers"):
        make_folders(tmp_path / "fichier" / "sous-dossier")


def test_replacing_a_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "doc.docx"
    target.write_bytes(b"ancienne")
    target.chmod(0o600)  # a restricted document stays restricted
    write_atomic(target, b"nouvelle")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_new_file_follows_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        write_atomic(tmp_path / "doc.docx", b"x")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "doc.docx").stat().st_mode) == 0o640
