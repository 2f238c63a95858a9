"""A corpus of bad inputs, one defect per file (tests/entrees_invalides/): each gives
exit code 1, a French message with the file and the line, and writes nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from convgen.cli import main as cli
from convgen.loading import MAX_INPUT_BYTES

CORPUS = Path(__file__).parent / "entrees_invalides"
FILES = sorted(CORPUS.iterdir())
# Files that cannot carry a « # attendu : » comment.
EXPECTED = {
    "fichier-vide.yaml": "le fichier est vide",
    "fichier-binaire.yaml": "n'est pas un texte UTF-8",
    "encodage-utf16.yaml": "n'est pas un texte UTF-8 : il est enregistré en UTF-16",
    "json-nan.json": "valeur « NaN » interdite en JSON",
    "json-virgule-finale.json": "JSON invalide",
    "json-cle-en-double.json": "clé « type » en double",
    "json-entier-enorme.json": "nombre trop long",
    "json-caractere-ufffe.json": "caractère interdit dans un fichier JSON (U+FFFE)",
    # As the file wrote it, not Python's « True ».
    "json-booleen-pour-nombre.json": "nombre entier attendu, « true » trouvé",
}
_ENGLISH = re.compile(r"\b(Error|expected|found|while|Input should|Field required)\b")


def _expected(path: Path) -> str:
    if path.name in EXPECTED:
        return EXPECTED[path.name]
    first_lines = path.read_bytes()[:400].decode("utf-8", "replace").splitlines()
    return next(line.split(" : ", 1)[1] for line in first_lines if line.startswith("# attendu"))


def _rule(path: Path) -> str | None:
    match = re.match(r"(id|cp|cr|gc|pi|ty|co|ev)-(\d\d)-", path.name)
    return f"[{match.group(1).upper()}-{match.group(2)}]" if match else None


def test_the_corpus_is_large_enough() -> None:
    assert len(FILES) >= 60


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_bad_input_is_refused_with_a_located_french_message(path: Path, tmp_path: Path) -> None:
    output = tmp_path / "sortie.docx"
    runner = CliRunner()
    result = runner.invoke(cli.cli, ["generer", str(path), "-o", str(output)])
    assert result.exit_code == 1, result.output
    assert re.search(rf"{re.escape(str(path))}:\d+:", result.output), result.output
    assert _expected(path) in result.output
    rule = _rule(path)
    if rule:
        assert rule in result.output
    assert not _ENGLISH.search(result.output), result.output
    assert list(tmp_path.iterdir()) == []
    checked = runner.invoke(cli.cli, ["valider", str(path)])
    assert checked.exit_code == 1
    assert _expected(path) in checked.output


def test_a_50_mb_file_is_refused_before_reading(tmp_path: Path) -> None:
    huge = tmp_path / "enorme.yaml"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    assert huge.stat().st_size > MAX_INPUT_BYTES
    result = CliRunner().invoke(cli.cli, ["generer", str(huge), "-o", str(tmp_path / "x.docx")])
    assert result.exit_code == 1
    assert f"{huge}:1: fichier trop volumineux" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["enorme.yaml"]


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_message_is_one_short_line_that_starts_with_the_file(path: Path) -> None:
    """A value holding a newline, U+2028 or NEL never splits a message into lines that
    look like other messages; a long value is shortened with « … »."""
    result = CliRunner().invoke(cli.cli, ["valider", str(path)])
    assert result.exit_code == 1, result.output
    for line in result.output.splitlines():
        assert line.startswith(f"{path}:") or _SUMMARY.match(line), line
        assert len(line) <= 800, line[:200]


_SUMMARY = re.compile(r"^\d+ fichiers? : \d+ erreurs?, \d+ avertissements?")
