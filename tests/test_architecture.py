"""The tree shows the architecture, and the import direction is a contract that bites."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "convgen"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(tree / "pyproject.toml"), "--no-cache"],
        cwd=tree,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def _copy(tmp_path: Path) -> Path:
    tree = tmp_path / "arbre"
    shutil.copytree(PACKAGE, tree / "convgen", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    return tree


def test_the_root_keeps_at_most_eight_modules_and_every_package_says_what_it_is_for() -> None:
    assert len(list(PACKAGE.glob("*.py"))) <= 8
    for init in PACKAGE.glob("*/__init__.py"):
        docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert docstring, f"{init.parent.name} n'a pas de docstring"
        assert len(docstring.splitlines()) == 1, init


def test_the_import_contract_holds_on_the_repository(tmp_path: Path) -> None:
    result = _lint_imports(_copy(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_an_upward_import_breaks_the_contract(tmp_path: Path) -> None:
    tree = _copy(tmp_path)
    validator = tree / "convgen" / "validation" / "validator.py"
    validator.write_text(
        validator.read_text(encoding="utf-8") + "\nfrom convgen.documents import registry\n",
        encoding="utf-8",
    )
    result = _lint_imports(tree)
    assert result.returncode == 1
    assert "convgen.validation is not allowed to import convgen.documents" in result.stdout
    assert "convgen.validation.validator -> convgen.documents.registry" in result.stdout
