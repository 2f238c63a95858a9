"""Same input, same template, same engine: the same bytes in any process, time zone,
locale or working directory."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLES

ENVIRONMENTS = [
    {"TZ": "UTC", "LC_ALL": "C", "LANG": "C"},
    {"TZ": "Pacific/Auckland", "LC_ALL": "fr_FR.UTF-8", "LANG": "fr_FR.UTF-8"},
    {"TZ": "America/Los_Angeles", "LC_ALL": "en_US.UTF-8", "LANG": "en_US.UTF-8"},
]


def _generate(example: Path, target: Path, cwd: Path, env: dict[str, str]) -> str:
    subprocess.run(
        [sys.executable, "-m", "convgen", "generer", str(example), "-o", str(target)],
        check=True,
        cwd=cwd,
        capture_output=True,
        env={**os.environ, **env},
    )
    return hashlib.sha256(target.read_bytes()).hexdigest()


def test_bytes_do_not_depend_on_process_time_zone_locale_or_folder(tmp_path: Path) -> None:
    example = EXAMPLES[0]
    digests = set()
    for index, env in enumerate(ENVIRONMENTS):
        folder = tmp_path / f"run{index}"
        folder.mkdir()
        digests.add(_generate(example, folder / "sortie.docx", folder, env))
    assert len(digests) == 1
