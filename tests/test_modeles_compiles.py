"""Compiled templates kept between preparations (convgen.rendering.compiled): the same
documents byte for byte, found again on disk by a new process, never used from a
folder another user may write in, and a damaged file only costs a compilation."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, check, convention, edit_docx_part, replacing
from jinja2 import Environment

from convgen.errors import TemplateError
from convgen.rendering import compiled, environment
from convgen.rendering.compiled import CompiledTemplates
from convgen.rendering.generation import render_document
from convgen.rendering.prepared import PreparedTemplate
from convgen.rendering.store import default_templates_dir, load_bundle

TEMPLATE = "convention_partenariat.docx"


@pytest.fixture
def compilations(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The names Jinja compiles from now on."""
    names: list[str] = []
    original = Environment.compile

    def counted(
        self: Environment, source: str, name: str | None = None, filename: str | None = None
    ) -> object:
        names.append(name or "<template>")
        return original(self, source, name, filename)

    monkeypatch.setattr(Environment, "compile", counted)
    yield names


def _fresh(monkeypatch: pytest.MonkeyPatch, folder: Path | None) -> CompiledTemplates:
    """A new process's cache (nothing in memory), kept in ``folder``."""
    cache = CompiledTemplates(environment.CODE_SHAPE)
    cache.keep_in(folder)
    monkeypatch.setattr(environment, "COMPILED", cache)
    return cache


def _document(templates: Path | None = None) -> bytes:
    validated = check(convention())
    bundle = load_bundle(templates or default_templates_dir(), TEMPLATE)
    return render_document(validated, PreparedTemplate(bundle), draft=False)


def test_a_new_process_finds_every_part_compiled_and_makes_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compilations: list[str]
) -> None:
    _fresh(monkeypatch, None)
    uncached = _document()
    parts = len(compilations)
    assert parts >= 6  # the body, a header, a footer, the fragments

    folder = tmp_path / "compiles"
    _fresh(monkeypatch, folder)
    assert _document() == uncached
    assert len(list(folder.glob("*.jinja"))) == parts

    compilations.clear()
    _fresh(monkeypatch, folder)
    assert _document() == uncached
    assert compilations == []


def test_a_corrected_fragment_is_the_only_part_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compilations: list[str]
) -> None:
    folder = tmp_path / "compiles"
    templates = Path(shutil.copytree(default_templates_dir(), tmp_path / "modeles"))
    _fresh(monkeypatch, folder)
    _document(templates)
    edit_docx_part(
        templates / "fragments" / "signatures.docx",
        "word/document.xml",
        replacing("Fait à", "Fait (révision 1) à"),
    )
    compilations.clear()
    _fresh(monkeypatch, folder)
    corrected = _document(templates)
    assert compilations == ["signatures.docx"]
    _fresh(monkeypatch, None)
    assert _document(templates) == corrected


def test_a_damaged_or_foreign_file_is_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compilations: list[str]
) -> None:
    folder = tmp_path / "compiles"
    _fresh(monkeypatch, folder)
    expected = _document()
    files = sorted(folder.glob("*.jinja"))
    damages = [b"", b"j2", files[0].read_bytes()[:40], b"\x00" * 100, files[1].read_bytes()]
    for path, damage in zip(files, damages * len(files), strict=False):
        path.write_bytes(damage)  # the last: another part's code under this part's name
    compilations.clear()
    _fresh(monkeypatch, folder)
    assert _document() == expected
    assert len(compilations) == len(files)
    compilations.clear()
    _fresh(monkeypatch, folder)  # rewritten whole
    assert _document() == expected
    assert compilations == []


def test_code_made_by_another_engine_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compilations: list[str]
) -> None:
    folder = tmp_path / "compiles"
    _fresh(monkeypatch, folder)
    _document()
    parts = len(compilations)
    compilations.clear()
    cache = CompiledTemplates(environment.CODE_SHAPE + " ; autre extension")
    cache.keep_in(folder)
    monkeypatch.setattr(environment, "COMPILED", cache)
    _document()
    assert len(compilations) == parts


@pytest.mark.skipif(os.name == "nt", reason="droits POSIX")
def test_a_folder_others_may_write_in_is_not_used(tmp_path: Path) -> None:
    shared = tmp_path / "partage"
    shared.mkdir()
    shared.chmod(0o777)
    cache = CompiledTemplates(environment.CODE_SHAPE)
    cache.keep_in(shared)
    assert cache.folder is None
    a_file = tmp_path / "fichier"
    a_file.write_text("x")
    cache.keep_in(a_file)
    assert cache.folder is None
    cache.keep_in(tmp_path / "neuf" / "compiles")
    assert cache.folder is not None
    assert stat.S_IMODE(cache.folder.stat().st_mode) == 0o700


def test_an_unwritable_folder_costs_a_compilation_not_a_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "compiles"
    cache = _fresh(monkeypatch, folder)
    expected = _document()
    shutil.rmtree(folder)  # removed under the running command
    cache.clear()
    assert _document() == expected
    assert cache.folder is None


def test_the_folder_keeps_the_parts_used_last(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(compiled, "ON_DISK", 3)
    folder = tmp_path / "compiles"
    _fresh(monkeypatch, folder)
    _document()
    assert len(list(folder.glob("*.jinja"))) == 3


def test_the_folder_is_chosen_by_convgen_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONVGEN_CACHE", "/un/dossier")
    assert compiled.default_folder() == Path("/un/dossier")
    monkeypatch.setenv("CONVGEN_CACHE", "")
    assert compiled.default_folder() is None
    monkeypatch.delenv("CONVGEN_CACHE")
    folder = compiled.default_folder()
    assert folder is not None and folder.name == "modeles-compiles"
    assert "convgen" in folder.parts


def test_an_error_in_a_header_quotes_the_header(tmp_path: Path) -> None:
    templates = Path(shutil.copytree(default_templates_dir(), tmp_path / "modeles"))
    edit_docx_part(
        templates / TEMPLATE,
        "word/header1.xml",
        replacing("{{ document.libelle }}", "Entête {{ champ_inconnu }}"),
    )
    bundle = load_bundle(templates, TEMPLATE)
    with pytest.raises(TemplateError) as error:
        render_document(check(convention()), PreparedTemplate(bundle), draft=False)
    assert "champ_inconnu" in str(error.value)
    assert "près de « Entête {{ champ_inconnu }}" in str(error.value)  # not the body


def test_regenerer_keeps_compiled_templates_for_the_next_run(tmp_path: Path) -> None:
    """Two commands: the second compiles only the corrected fragment, and its documents
    are those of a run that keeps nothing."""
    templates = Path(shutil.copytree(default_templates_dir(), tmp_path / "modeles"))
    inputs = tmp_path / "entrees"
    inputs.mkdir()
    for name in ("chrs-csapa-addictions", "charte-reseau-rural-domicile"):
        shutil.copy(ROOT / "exemples" / f"{name}.yaml", inputs)
    folder = tmp_path / "compiles"

    def regenerer(output: str, cache: str) -> None:
        command = [sys.executable, "-m", "convgen", "regenerer", str(inputs)]
        command += ["-o", str(tmp_path / output), "--modeles", str(templates)]
        env = {**os.environ, "CONVGEN_CACHE": cache}
        subprocess.run(command, env=env, check=True, capture_output=True)

    regenerer("sortie", str(folder))
    kept = {path.name: path.stat().st_mtime_ns for path in folder.glob("*.jinja")}
    assert kept
    edit_docx_part(
        templates / "fragments" / "signatures.docx",
        "word/document.xml",
        replacing("Fait à", "Fait (révision 1) à"),
    )
    regenerer("sortie", str(folder))
    now = {path.name: path.stat().st_mtime_ns for path in folder.glob("*.jinja")}
    added = now.keys() - kept.keys()
    assert len(added) == 1  # the corrected fragment, compiled once for both templates
    regenerer("temoin", "")
    for document in (tmp_path / "temoin").glob("*.docx"):
        assert (tmp_path / "sortie" / document.name).read_bytes() == document.read_bytes()
