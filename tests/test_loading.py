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


_PARTY = "type: a\nparties:\n  - code: x\n"


@pytest.mark.parametrize(
    ("raw", "line", "message"),
    [
        # No space after the colon: the line is a text, and YAML fails on the next one.
        (
            _PARTY + "    denomination:Association X\n    appellation: y\n",
            4,
            "espace manquante après « : » : écrivez « denomination: Association X » (colonne 17)",
        ),
        (
            "type: a\nparties:\n  - code:x\n    denomination: X\n",
            3,
            "espace manquante après « : » : écrivez « code: x » (colonne 9)",
        ),
        (_PARTY + "    sigle:RAPS\ntitre: t\n", 4, "écrivez « sigle: RAPS »"),
        # No colon at all: the key's own line, not the next.
        (
            _PARTY + "    appellation le Relais\n    nature: public\n",
            4,
            "« : » attendu après la clé (une ligne s'écrit « clé: valeur » ; la suite d'un "
            "texte sur plusieurs lignes s'indente sous sa clé) (colonne 5)",
        ),
        # A key indented under the value before it.
        (
            _PARTY + "    denomination: X\n      nature: public\n",
            5,
            "clé plus indentée que la ligne précédente : alignez-la sur la clé du dessus",
        ),
        ("type: a\nsite:https://exemple.org\nnom: x\n", 2, "écrivez « site: https://exemple.org »"),
        # A web address alone is not a key missing its space; a colon inside a value
        # is reported where it stands.
        ("type: a\nhttps://exemple.org\nnom: x\n", 2, "« : » attendu après la clé"),
        ("type: a\nnom: x: y\n", 2, "deux-points inattendu"),
        # The first key of a mapping without its colon: the next key fails.
        ("parties:\n  - code a\n    sigle: b\n", 2, "« : » attendu après la clé"),
        ("denomination Association\ntype: a\n", 1, "« : » attendu après la clé"),
        # A text wrapped onto a line of its own.
        ("titre: relative à\naccompagnement des personnes\nx: 1\n", 2, "s'indente sous sa clé"),
        # A quote never closed: where it opens, not at the end of the file.
        (
            'a: 1\nb: "texte\nc: 2\nd: 3\n',
            2,
            "jamais refermé : fermez-le à la fin de la valeur (colonne 4)",
        ),
        ("a: 1\nb: 'texte\nc: 2\n", 2, "guillemet ouvert ici et jamais refermé"),
        # A quote left open on its line, closed by the quote of a later value.
        (
            'titre: "relative à\nparties:\n  - code: "x"\n    sigle: y\n',
            1,
            "guillemet ouvert et non refermé sur sa ligne : YAML lit les lignes suivantes",
        ),
        # A text on several lines in quotes, then another fault: that fault's line.
        ('objet: "un texte\n  sur deux lignes"\nnom: x: y\n', 3, "deux-points inattendu"),
        ("objet: 'l''accueil\n  de nuit'\nnom: x: y\n", 3, "deux-points inattendu"),
        # A colon inside a value after a valid line that looks like « key:text » (a list
        # item, a line of a block, the rest of a text): the value's line, as before.
        ("visas:\n  - loi:2002-2\nobjet: Accueil : modalités\n", 3, "deux-points inattendu"),
        ("preambule: |\n  NB:voir annexe\ntitre: Convention : partenariat\n", 3, "deux-points"),
        ("objet: accueil\n  suite:ok\ntitre: a : b\n", 3, "deux-points inattendu"),
        ("objet: une phrase\n  qui continue\n  cle: x\n", 3, "deux-points inattendu"),
    ],
)
def test_a_key_error_is_reported_on_the_line_that_holds_it(
    raw: str, line: int, message: str
) -> None:
    with pytest.raises(InputError) as caught:
        parse_input(raw.encode(), "f.yaml")
    assert caught.value.line == line, caught.value.message
    assert message in caught.value.message


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


@pytest.mark.parametrize("depth", [41, 900, 5000])
def test_deep_nesting_is_refused_on_its_line_without_ruamel(depth: int) -> None:
    """Two thousand brackets took ruamel's scanner six seconds to refuse (its time grows
    with the square of the depth), and the message said line 1."""
    text = "type: convention_partenariat\ntitre: " + "[" * depth + "]" * depth + "\n"
    for fast in (True, False):
        with pytest.raises(InputError, match="imbrication trop profonde") as refused:
            parse_input(text.encode(), "profond.yaml", fast=fast)
        assert refused.value.line == 2
    assert parse_input(("a: " + "[" * 40 + "]" * 40).encode(), "limite.yaml").data


@pytest.mark.parametrize(
    ("encoding", "named"),
    [
        ("utf-16", "UTF-16 (« Unicode »"),
        ("utf-16-le", "UTF-16 (« Unicode »"),
        ("utf-16-be", "UTF-16 (« Unicode »"),
        ("utf-32", "UTF-32"),
        ("utf-32-le", "UTF-32"),
    ],
)
def test_a_file_saved_in_a_wide_encoding_is_named_so(encoding: str, named: str) -> None:
    """« fichier binaire, ou enregistré dans un autre encodage » for a file Notepad saved
    as « Unicode » (with its byte order mark, or without: utf-16-le)."""
    # Its first line in French, curly apostrophe and dash (not Latin-1) included.
    raw = "# Convention d’accueil – Œuvre\ntype: convention_partenariat\n".encode(encoding)
    with pytest.raises(InputError) as refused:
        parse_input(raw, "unicode.yaml")
    message = str(refused.value)
    assert f"il est enregistré en {named}" in message and "réenregistrez-le en UTF-8" in message
    assert refused.value.line == 1
    assert parse_input("type: x\n".encode("utf-8-sig"), "bom.yaml").data == {"type": "x"}
    with pytest.raises(InputError, match="octets nuls"):  # zero bytes only: no text at all
        parse_input(b"\x00" * 64, "nuls.yaml")


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
