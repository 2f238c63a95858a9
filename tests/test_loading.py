"""Reading YAML 1.2 and JSON: values, positions, and located errors for bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from convgen.errors import InputError
from convgen.loading import MAX_INPUT_BYTES, parse_input, read_input


def test_yaml_12_semantics_no_octal_no_boolean_words() -> None:
    raw = parse_input(b"a: no\nb: 010\nc: yes\nd: 2026-03-01\ne: '01000'\n", "f.yaml")
    assert raw.data == {"a": "no", "b": 10, "c": "yes", "d": "2026-03-01", "e": "01000"}


def test_positions_give_the_line_of_every_key_and_item() -> None:
    text = b"type: x\nparties:\n  - code: a\n    siret: '1'\n  - code: b\n"
    raw = parse_input(text, "f.yaml")
    assert raw.line_of(("type",)) == 1
    assert raw.line_of(("parties", 0, "siret")) == 4
    assert raw.line_of(("parties", 1)) == 5
    # A missing key is located at its closest existing ancestor.
    assert raw.line_of(("parties", 1, "siret")) == 5


def test_source_text_recovers_what_the_writer_typed() -> None:
    raw = parse_input(b"adresse:\n  code_postal: 01000  # commentaire\n", "f.yaml")
    assert raw.data["adresse"]["code_postal"] == 1000
    assert raw.source_text(("adresse", "code_postal")) == "01000"


def test_duplicate_key_refused_with_both_lines() -> None:
    with pytest.raises(InputError) as caught:
        parse_input(b"type: a\nnom: x\nnom: y\n", "f.yaml")
    assert caught.value.line == 3
    assert "clé « nom » en double (déjà présente ligne 2)" in str(caught.value)
    assert str(caught.value).startswith("f.yaml:3: ")


def test_syntax_error_is_located_and_french() -> None:
    with pytest.raises(InputError) as caught:
        parse_input(b"type: a\nnom: x: y\n", "f.yaml")
    assert caught.value.line == 2
    assert "deux-points inattendu" in caught.value.message


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "le fichier est vide"),
        (b"  \n# rien\n", "le fichier est vide"),
        (b"\xff\xfe\x00binaire", "n'est pas un texte UTF-8"),
        (b"- a\n- b\n", "paires « clé: valeur » à la racine"),
        (b"juste du texte", "paires « clé: valeur » à la racine"),
    ],
)
def test_unusable_files_are_refused(raw: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_input(raw, "f.yaml")


def test_json_with_nan_is_refused_with_its_line() -> None:
    with pytest.raises(InputError) as caught:
        parse_input(b'{\n  "type": "x",\n  "montant": NaN\n}', "f.json", is_json=True)
    assert "NaN" in caught.value.message
    assert caught.value.line == 3


def test_json_duplicate_keys_refused() -> None:
    with pytest.raises(InputError, match="en double"):
        parse_input(b'{"a": 1, "a": 2}', "f.json", is_json=True)


def test_json_syntax_error_is_located() -> None:
    with pytest.raises(InputError) as caught:
        parse_input(b'{\n  "a": 1,\n}', "f.json", is_json=True)
    assert caught.value.line == 3
    assert "JSON invalide" in caught.value.message


def test_alias_bomb_is_bounded() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for index in range(1, 9):
        refs = ", ".join([f"*{chr(96 + index)}"] * 10)
        lines.append(f"{chr(97 + index)}: &{chr(97 + index)} [{refs}]")
    with pytest.raises(InputError, match="trop complexe"):
        parse_input("\n".join(lines).encode(), "bomb.yaml")


def test_deep_nesting_is_bounded() -> None:
    text = "a: " + "[" * 60 + "]" * 60
    with pytest.raises(InputError, match="imbrication trop profonde"):
        parse_input(text.encode(), "deep.yaml")


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "gros.yaml"
    with big.open("wb") as handle:
        handle.truncate(MAX_INPUT_BYTES + 1)
    with pytest.raises(InputError, match="fichier trop volumineux"):
        read_input(big)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "absent.yaml", "fichier introuvable"),
        (lambda p: p, "c'est un dossier"),
    ],
)
def test_missing_or_directory_inputs(tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match=message):
        read_input(make(tmp_path))
