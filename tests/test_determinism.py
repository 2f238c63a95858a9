"""Same input, same template, same engine: the same bytes in any process, time zone,
locale, working directory, path spelling and number of batch workers."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ci import in_ci
from conftest import EXAMPLES

ENVIRONMENTS = [
    {"TZ": "UTC", "LC_ALL": "C", "LANG": "C"},
    {"TZ": "Pacific/Auckland", "LC_ALL": "fr_FR.UTF-8", "LANG": "fr_FR.UTF-8"},
    {"TZ": "America/Los_Angeles", "LC_ALL": "en_US.UTF-8", "LANG": "en_US.UTF-8"},
]


def _installed_locales() -> set[str]:
    listed = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False)
    return {name.lower().replace("-", "") for name in listed.stdout.split()}


def test_the_locales_compared_are_installed_in_ci() -> None:
    """Without them the comparison would run three times in the C locale."""
    if not in_ci():
        pytest.skip("vérifié en CI, qui installe locales-all")
    assert {"fr_fr.utf8", "en_us.utf8"} <= _installed_locales()


def _convgen(args: list[str], cwd: Path, env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "-m", "convgen", *args],
        check=True,
        cwd=cwd,
        capture_output=True,
        env={**os.environ, **env},
    )


def _digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*.docx"))
    }


def test_generer_bytes_do_not_depend_on_time_zone_locale_or_folder(tmp_path: Path) -> None:
    example = EXAMPLES[0]
    digests = set()
    for index, env in enumerate(ENVIRONMENTS):
        folder = tmp_path / f"run{index}"
        folder.mkdir()
        _convgen(["generer", str(example), "-o", "sortie.docx"], folder, env)
        digests.add(hashlib.sha256((folder / "sortie.docx").read_bytes()).hexdigest())
    assert len(digests) == 1


@pytest.mark.lent
def test_regenerer_bytes_do_not_depend_on_workers_time_zone_locale_or_folder(
    tmp_path: Path,
) -> None:
    """Every example through ``regenerer`` with 1, 2 and 4 workers, each in another
    environment and working directory, inputs named by relative or absolute paths:
    the same bytes, which are also those of ``generer``."""
    inputs = tmp_path / "entrees"
    inputs.mkdir()
    for example in EXAMPLES:
        shutil.copy(example, inputs / example.name)
    runs = []
    for jobs, env in zip((1, 2, 4), ENVIRONMENTS, strict=True):
        cwd = tmp_path / f"depuis-{jobs}"
        cwd.mkdir()
        source = os.path.relpath(inputs, cwd) if jobs == 2 else str(inputs)
        _convgen(["regenerer", source, "-o", "sortie", "--jobs", str(jobs)], cwd, env)
        runs.append(_digests(cwd / "sortie"))
    single = tmp_path / "generer"
    single.mkdir()
    for example in EXAMPLES:
        target = single / f"{example.stem}.docx"
        _convgen(["generer", str(example), "-o", str(target)], tmp_path, ENVIRONMENTS[0])
    assert len(runs[0]) == len(EXAMPLES)
    assert runs[0] == runs[1] == runs[2] == _digests(single)
