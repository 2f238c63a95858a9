"""The batch state: pending writes, read-only planning, the lock, damaged or newer states."""

from __future__ import annotations

import dataclasses
import errno
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import portalocker
import pytest

from convgen.batch import manifest as manifest_module
from convgen.batch.manifest import DATABASE, STATE_DIR, Manifest, Record
from convgen.errors import StateError


def record(name: str = "a.yaml", **changes: object) -> Record:
    fields: dict[str, object] = {
        "input": name,
        "output": name.replace(".yaml", ".docx"),
        "raw_sha256": "r1",
        "validated_sha256": "v1",
        "template": "convention_partenariat.docx",
        "template_sha256": "t1",
        "engine": "e1",
        "output_sha256": "o1",
        "warnings": 0,
    }
    fields.update(changes)
    return Record(**fields)  # type: ignore[arg-type]


def test_documents_are_recorded_with_their_parsed_input(tmp_path: Path) -> None:
    with Manifest.open(tmp_path) as manifest:
        manifest.mark_pending(record())
        assert manifest.pending() == {"a.yaml": record()}
        manifest.mark_done(record(), b"analyse")
    with Manifest.open(tmp_path) as manifest:
        assert manifest.records() == {"a.yaml": record()}
        assert manifest.pending() == {}
        assert manifest.parsed("a.yaml") == b"analyse"
        manifest.save_validation("a.yaml", "r2", 1, b"analyse 2")
        assert manifest.records()["a.yaml"] == record(raw_sha256="r2", warnings=1)
        assert manifest.parsed("a.yaml") == b"analyse 2"
        manifest.forget("a.yaml")
        assert manifest.records() == {}


def test_a_confirmed_write_keeps_the_parsed_input_only_if_it_still_applies(
    tmp_path: Path,
) -> None:
    with Manifest.open(tmp_path) as manifest:
        manifest.mark_done(record("a.yaml"), b"analyse a")
        manifest.mark_done(record("b.yaml"), b"analyse b")
        manifest.mark_pending(record("a.yaml", template_sha256="t2", output_sha256="o2"))
        manifest.mark_pending(record("b.yaml", raw_sha256="r2", output_sha256="o2"))
        for pending in manifest.pending().values():
            manifest.confirm_pending(pending)
        assert manifest.pending() == {}
        assert manifest.records()["a.yaml"].output_sha256 == "o2"
        assert manifest.parsed("a.yaml") == b"analyse a"  # same input bytes, same engine
        assert manifest.parsed("b.yaml") is None  # the input changed: parse it again
        manifest.mark_pending(record("a.yaml", output_sha256="o3"))
        manifest.drop_pending("a.yaml")
        assert manifest.records()["a.yaml"].output_sha256 == "o2"


def test_read_only_state_creates_nothing(tmp_path: Path) -> None:
    with Manifest.read_only(tmp_path / "absent") as manifest:
        assert manifest.records() == {}
    assert not (tmp_path / "absent").exists()
    with Manifest.open(tmp_path) as manifest:
        manifest.mark_done(record(), None)
    before = sorted(p.name for p in (tmp_path / STATE_DIR).iterdir())
    with Manifest.read_only(tmp_path) as manifest:
        assert list(manifest.records()) == ["a.yaml"]
    assert sorted(p.name for p in (tmp_path / STATE_DIR).iterdir()) == before


def _killed_mid_transaction(output_dir: Path) -> Path:
    """The state of ``output_dir`` with one record, then a writer killed before its
    commit, with changed pages already in the file: a journal to roll back beside it.
    Returns the state folder."""
    with Manifest.open(output_dir) as manifest:
        manifest.mark_done(record(), b"analyse")
    database = output_dir / STATE_DIR / DATABASE
    killed = textwrap.dedent(
        f"""
        import os, sqlite3
        connection = sqlite3.connect({str(database)!r}, isolation_level=None)
        connection.execute("PRAGMA cache_size=5")  # changed pages spill to the file
        connection.execute("BEGIN")
        connection.execute("DELETE FROM documents")
        connection.execute("CREATE TABLE brouillon (texte)")
        for _ in range(3000):
            connection.execute("INSERT INTO brouillon VALUES (?)", ("x" * 300,))
        os._exit(0)  # killed before the commit
        """
    )
    subprocess.run([sys.executable, "-c", killed], check=True)
    assert (database.parent / "etat.sqlite-journal").is_file()
    return database.parent


def _files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir()}


def test_a_journal_left_by_a_killed_run_is_read_without_touching_the_folder(
    tmp_path: Path,
) -> None:
    """A run killed while SQLite switched the state in or out of WAL leaves a journal to
    roll back. A read-only reader (--simulation) may not roll it back in place: it reads
    the state as the next run will find it, and leaves the folder as it was."""
    state = _killed_mid_transaction(tmp_path)
    before = _files(state)
    alone = sqlite3.connect(f"file:{state / DATABASE}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):  # what SQLite does alone
        alone.execute("SELECT * FROM documents").fetchall()
    alone.close()
    with Manifest.read_only(tmp_path) as manifest:
        assert manifest.records() == {"a.yaml": record()}
        assert manifest.parsed("a.yaml") == b"analyse"
    assert _files(state) == before
    with Manifest.open(tmp_path) as manifest:  # the next run rolls the journal back
        assert manifest.records() == {"a.yaml": record()}
    assert not (state / "etat.sqlite-journal").exists()


def test_a_state_left_in_wal_mode_is_read_without_creating_files(tmp_path: Path) -> None:
    """A run killed after SQLite removed the WAL but before the state was back in
    rollback mode: a read-only connection would create -wal and -shm beside it."""
    with Manifest.open(tmp_path) as manifest:
        manifest.mark_done(record(), b"analyse")
    state = tmp_path / STATE_DIR
    connection = sqlite3.connect(state / DATABASE, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.close()  # the last connection: the WAL is checkpointed and removed
    before = _files(state)
    assert set(before) == {DATABASE, "verrou"}
    with Manifest.read_only(tmp_path) as manifest:
        assert manifest.records() == {"a.yaml": record()}
    assert _files(state) == before


def test_a_wal_without_its_index_is_read_whole_without_creating_it(tmp_path: Path) -> None:
    """A record only in the WAL (not yet copied into the database), its index (-shm)
    gone: read from a copy, where SQLite rebuilds the index, and nothing is created."""
    Manifest.open(tmp_path).close()
    database = tmp_path / STATE_DIR / DATABASE
    writer = textwrap.dedent(
        f"""
        import os, sys
        from pathlib import Path
        from convgen.batch.manifest import Manifest, Record
        manifest = Manifest.open(Path({str(tmp_path)!r}))
        manifest._db.execute("PRAGMA wal_autocheckpoint=0")
        manifest.mark_done(Record(**{dataclasses.asdict(record())!r}), b"analyse")
        os._exit(0)  # killed: the record is in the WAL only
        """
    )
    subprocess.run([sys.executable, "-c", writer], check=True)
    state = database.parent
    assert (state / "etat.sqlite-wal").stat().st_size > 0
    (state / "etat.sqlite-shm").unlink()
    before = _files(state)
    with Manifest.read_only(tmp_path) as manifest:
        assert manifest.records() == {"a.yaml": record()}
    assert _files(state) == before


def test_a_journal_is_not_copied_while_a_run_holds_the_folder(tmp_path: Path) -> None:
    """The run would roll the journal back while it is copied: the simulation is
    refused as a second run would be."""
    state = _killed_mid_transaction(tmp_path)
    before = _files(state)
    with (state / "verrou").open("a+b") as held:
        portalocker.lock(held, portalocker.LockFlags.EXCLUSIVE)
        with pytest.raises(StateError, match="une autre régénération est en cours"):
            Manifest.read_only(tmp_path)
    assert _files(state) == before


def test_a_journal_that_cannot_be_read_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fault of the output folder is not blamed on the temporary folder."""
    state = _killed_mid_transaction(tmp_path)
    copy = manifest_module.shutil.copyfile

    def unreadable(source: Path, target: Path) -> object:
        if Path(source).name.endswith("-journal"):
            raise OSError(errno.EIO, "Input/output error", str(source))
        return copy(source, target)

    monkeypatch.setattr(manifest_module.shutil, "copyfile", unreadable)
    with pytest.raises(StateError) as refused:
        Manifest.read_only(tmp_path)
    assert str(refused.value).startswith(f"{state / 'etat.sqlite-journal'}: lecture impossible (")
    assert "temporaires" not in str(refused.value)


def test_a_copy_that_cannot_be_made_says_where_and_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = _killed_mid_transaction(tmp_path)

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(manifest_module.shutil, "copyfile", full)
    with pytest.raises(StateError) as refused:
        Manifest.read_only(tmp_path)
    assert str(refused.value) == (
        f"{state / DATABASE}: simulation impossible : l'état, laissé par une exécution "
        "interrompue, se relit dans une copie, qui n'a pu être faite dans le dossier des "
        "fichiers temporaires (disque plein) ; libérez-y de la place, ou lancez la "
        "régénération sans --simulation : elle répare l'état"
    )


def test_another_process_holding_the_lock_is_refused(tmp_path: Path) -> None:
    holder = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from convgen.batch.manifest import Manifest
        with Manifest.open(Path({str(tmp_path)!r})):
            print("pret", flush=True)
            sys.stdin.readline()
        """
    )
    process = subprocess.Popen(
        [sys.executable, "-c", holder], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None and process.stdout.readline() == "pret\n"
        with pytest.raises(StateError) as refused:
            Manifest.open(tmp_path)
        assert str(refused.value) == (
            f"{tmp_path}: une autre régénération est en cours dans ce dossier de sortie ; "
            "attendez qu'elle se termine, puis relancez la commande "
            f"(verrou : {tmp_path / STATE_DIR / 'verrou'})"
        )
    finally:
        process.communicate("\n")
    with Manifest.open(tmp_path) as manifest:
        assert manifest.records() == {}


def test_a_damaged_state_is_a_french_error(tmp_path: Path) -> None:
    (tmp_path / STATE_DIR).mkdir()
    (tmp_path / STATE_DIR / DATABASE).write_bytes(b"ceci n'est pas une base" * 100)
    with pytest.raises(StateError, match="état de régénération illisible") as caught:
        Manifest.open(tmp_path)
    assert "sans --forcer" in str(caught.value)
    assert "database" not in str(caught.value)  # no English from SQLite
    with pytest.raises(StateError, match=r"supprimez le dossier \.convgen"):
        Manifest.read_only(tmp_path)


def test_a_state_from_a_newer_convgen_is_refused(tmp_path: Path) -> None:
    Manifest.open(tmp_path).close()
    connection = sqlite3.connect(tmp_path / STATE_DIR / DATABASE)
    connection.execute("PRAGMA user_version=99")
    connection.close()
    with pytest.raises(StateError, match="version plus récente de convgen"):
        Manifest.open(tmp_path)


def test_a_simulation_is_refused_while_a_run_holds_the_folder(tmp_path: Path) -> None:
    """A simulation while a run writes printed a half-written picture without a word;
    it is refused as a second run is."""
    with Manifest.open(tmp_path):
        pass
    with (tmp_path / STATE_DIR / "verrou").open("a+b") as held:
        portalocker.lock(held, portalocker.LockFlags.EXCLUSIVE)
        with pytest.raises(StateError, match="une autre régénération est en cours"):
            Manifest.read_only(tmp_path)
    with Manifest.read_only(tmp_path) as manifest:  # once the run is over
        assert manifest.records() == {}
