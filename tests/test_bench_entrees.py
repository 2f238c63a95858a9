"""The bench's varied inputs stay valid as the rules evolve (``make bench`` stops on an
invalid one, after minutes of work): a sample of every variation is checked here."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import ROOT, TODAY

from convgen.loading import read_input
from convgen.validation.validator import Options, validate

sys.path.insert(0, str(ROOT / "bench"))
from varied_inputs import generate_inputs


def test_the_bench_inputs_are_valid(tmp_path: Path) -> None:
    # 2 to 5 parties, sections present or not, every example: 24 inputs cover them all.
    paths = generate_inputs(tmp_path, 24)
    for path in paths:
        validated = validate(read_input(path), Options(today=TODAY))
        errors = [str(p) for p in validated.problems if p.is_error]
        assert errors == [], path.name
