"""``convgen regenerer`` stopped anywhere: the next run settles what was left and finishes.

A run is stopped between the announcement of a write and its record (the file
was written), before the write (it was not), and for real with SIGKILL in the
middle of a batch, with one worker and with two, and at twenty random moments.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from batch_support import generer, make_inputs, regenerate, run, statuses
from conftest import ROOT

from convgen import build
from convgen.manifest import DATABASE, STATE_DIR, Manifest
from convgen.output import TEMP_PREFIX


def folders(tmp_path: Path) -> tuple[Path, Path]:
    """The three inputs of batch_support, and an output folder."""
    return make_inputs(tmp_path / "entrees"), tmp_path / "sortie"


def interrupt_on_call(number: int, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function``, except that its ``number``-th call raises KeyboardInterrupt (Ctrl-C)."""
    calls = [0]

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] == number:
            raise KeyboardInterrupt
        return function(*args, **kwargs)

    return wrapper


def test_stopped_after_a_write_before_its_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs, outputs = folders(tmp_path)
    with monkeypatch.context() as patched:
        patched.setattr(Manifest, "mark_done", interrupt_on_call(2, Manifest.mark_done))
        result = run("regenerer", inputs, "-o", outputs, "-j", "1")
    assert result.exit_code == 130
    assert (outputs / "c.docx").exists()  # written, but only announced in the state
    with Manifest.open(outputs) as manifest:
        assert set(manifest.pending()) == {"c.json"}
    report = regenerate(inputs, outputs)
    assert statuses(report, inputs) == {
        "a.yaml": ("inchange", None),
        "c.json": ("inchange", None),  # not taken for a hand edit
        "sous/b.yaml": ("genere", "nouveau"),
    }
    assert regenerate(inputs, outputs)["totaux"]["inchange"] == 3


def test_stopped_after_announcing_a_write_before_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs, outputs = folders(tmp_path)
    with monkeypatch.context() as patched:
        patched.setattr(build, "write_atomic", interrupt_on_call(2, build.write_atomic))
        assert run("regenerer", inputs, "-o", outputs, "-j", "1").exit_code == 130
    assert not (outputs / "c.docx").exists()
    leftover = outputs / f"{TEMP_PREFIX}x1y2z3.tmp"  # what a kill during the write leaves
    leftover.write_bytes(b"moitie")
    report = regenerate(inputs, outputs)
    assert statuses(report, inputs) == {
        "a.yaml": ("inchange", None),
        "c.json": ("genere", "nouveau"),
        "sous/b.yaml": ("genere", "nouveau"),
    }
    assert not leftover.exists()
    with Manifest.open(outputs) as manifest:
        assert manifest.pending() == {}


def _many_inputs(folder: Path, count: int) -> list[str]:
    examples = sorted((ROOT / "exemples").glob("*.yaml"))
    names = []
    for index in range(count):
        name = f"lot/n{index:02d}.yaml"
        (folder / "lot").mkdir(parents=True, exist_ok=True)
        shutil.copy(examples[index % len(examples)], folder / name)
        names.append(name)
    return names


def _start(inputs: Path, outputs: Path, jobs: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "convgen", "regenerer", str(inputs), "-o", str(outputs)]
    return subprocess.Popen(
        [*command, "--jobs", str(jobs)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def _wait_for_documents(outputs: Path, count: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while len(list(outputs.rglob("*.docx"))) < count:
        assert process.poll() is None, "the run ended before it could be killed"
        assert time.monotonic() < deadline, "no document was written"
        time.sleep(0.02)


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def _gone(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    try:
        return "State:\tZ" in status.read_text()
    except FileNotFoundError:
        return True


@pytest.mark.lent
@pytest.mark.parametrize("jobs", [1, 2])
def test_killed_in_the_middle_of_a_batch_then_resumed(tmp_path: Path, jobs: int) -> None:
    inputs, outputs = tmp_path / "entrees", tmp_path / "sortie"
    names = _many_inputs(inputs, 16)
    process = _start(inputs, outputs, jobs)
    _wait_for_documents(outputs, 3, process)
    workers = _children(process.pid)
    process.send_signal(signal.SIGKILL)
    process.wait()
    report = regenerate(inputs, outputs)  # at once: the lock died with the run
    deadline = time.monotonic() + 10  # pool workers leave with their parent
    while not all(_gone(pid) for pid in workers):
        assert time.monotonic() < deadline, "a worker outlived its parent"
        time.sleep(0.1)
    found = statuses(report, inputs)
    assert sorted(found) == names
    done_before = {name for name, (status, _) in found.items() if status == "inchange"}
    assert len(done_before) >= 3
    assert {found[name] for name in set(names) - done_before} == {("genere", "nouveau")}
    assert not [p for p in outputs.rglob("*") if p.name.startswith(TEMP_PREFIX)]
    assert (outputs / "lot" / "n04.docx").read_bytes() == generer(
        inputs / "lot" / "n04.yaml", tmp_path / "attendu.docx"
    )
    assert regenerate(inputs, outputs)["totaux"]["inchange"] == 16


def test_interrupted_run_releases_the_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inputs, outputs = folders(tmp_path)
    with monkeypatch.context() as patched:
        patched.setattr(build, "write_atomic", interrupt_on_call(1, build.write_atomic))
        assert run("regenerer", inputs, "-o", outputs, "-j", "1").exit_code == 130
    assert os.path.exists(outputs / ".convgen" / "verrou")
    assert regenerate(inputs, outputs)["totaux"]["genere"] == 3


KILL_TRIALS = 20


@pytest.mark.lent
def test_killed_at_twenty_random_moments(tmp_path: Path) -> None:
    """SIGKILL at 20 moments drawn over a whole run (start-up, planning, rendering,
    writing, recording), alternately with one worker and two. After each kill: every
    .docx in the output folder is whole (the bytes of a complete run), the state
    database passes SQLite's integrity check, and the next run generates exactly the
    documents that were missing, then nothing."""
    inputs = tmp_path / "entrees"
    names = _many_inputs(inputs, 16)
    reference = tmp_path / "reference"
    started = time.monotonic()
    regenerate(inputs, reference)
    duration = time.monotonic() - started + 1.5  # plus a process start-up
    expected = {name: (reference / name).with_suffix(".docx").read_bytes() for name in names}
    draw = random.Random(20261122)
    outcomes = []
    for trial in range(KILL_TRIALS):
        outputs = tmp_path / f"sortie-{trial}"
        process = _start(inputs, outputs, jobs=1 + trial % 2)
        time.sleep(draw.uniform(0.05, duration))
        process.send_signal(signal.SIGKILL)
        process.wait()
        whole = {
            p.relative_to(outputs).with_suffix(".yaml").as_posix(): p.read_bytes()
            for p in outputs.rglob("*.docx")
        }
        for name, data in whole.items():
            assert data == expected[name], f"essai {trial} : {name} tronqué ou différent"
        _assert_state_intact(outputs)
        found = statuses(regenerate(inputs, outputs), inputs)
        generated = {name for name, (status, _) in found.items() if status == "genere"}
        assert generated == set(names) - set(whole), f"essai {trial}"
        assert not [p for p in outputs.rglob("*") if p.name.startswith(TEMP_PREFIX)]
        for name in names:
            assert (outputs / name).with_suffix(".docx").read_bytes() == expected[name]
        assert regenerate(inputs, outputs)["totaux"]["inchange"] == len(names)
        outcomes.append(len(whole))
        shutil.rmtree(outputs)
    print(f"documents entiers au moment de chaque arrêt : {outcomes}")
    # The moments covered the run: some kills before any document, some after several.
    assert min(outcomes) == 0 and max(outcomes) >= 8, outcomes


def _assert_state_intact(outputs: Path) -> None:
    database = outputs / STATE_DIR / DATABASE
    if not database.exists():  # killed before the state was created
        return
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
