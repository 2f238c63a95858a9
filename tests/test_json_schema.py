"""The JSON Schema of each input format: in sync with the code, accepting the examples,
and announced in the starter files for editors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES
from jsonschema import Draft202012Validator

from convgen.app.documents import starter_text, starter_with_schema
from convgen.cli import main as cli
from convgen.documents.json_schema import schema_path, schema_text
from convgen.documents.registry import DOCUMENT_TYPES
from convgen.lint.catalogue import markdown
from convgen.loading import parse_input, read_input

TYPES = sorted(DOCUMENT_TYPES)


@pytest.mark.parametrize("name", TYPES)
def test_committed_schema_matches_the_code(name: str) -> None:
    path = schema_path(DOCUMENT_TYPES[name])
    assert path.read_text(encoding="utf-8") == schema_text(DOCUMENT_TYPES[name]), (
        "schéma périmé : lancez « make schemas » et relisez le diff"
    )


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_examples_are_valid_against_their_schema(path: Path) -> None:
    data = read_input(path).data
    schema = json.loads(schema_text(DOCUMENT_TYPES[data["type"]]))
    Draft202012Validator.check_schema(schema)
    errors = [e.message for e in Draft202012Validator(schema).iter_errors(data)]
    assert errors == []


@pytest.mark.parametrize("name", TYPES)
def test_schema_rejects_an_unknown_key_and_describes_fields_in_french(name: str) -> None:
    schema = json.loads(schema_text(DOCUMENT_TYPES[name]))
    data = parse_input(starter_text(name).encode(), "depart.yaml").data
    assert not list(Draft202012Validator(schema).iter_errors(data))
    errors = list(Draft202012Validator(schema).iter_errors({**data, "clef_inconnue": 1}))
    assert errors
    postcode = schema["$defs"]["Adresse"]["properties"]["code_postal"]
    assert postcode == {
        "title": "Code postal",
        "type": "string",
        "description": "5 chiffres, entre guillemets",
    }


def test_frequencies_carry_their_unambiguous_wording() -> None:
    schema = json.loads(schema_text(DOCUMENT_TYPES["convention_partenariat"]))
    frequence = schema["$defs"]["Frequence"]
    wording = dict(zip(frequence["enum"], frequence["enumDescriptions"], strict=True))
    assert wording["bimestrielle"] == "bimestrielle (tous les deux mois)"
    assert wording["bimensuelle"] == "bimensuelle (deux fois par mois)"


@pytest.mark.parametrize("name", TYPES)
def test_starter_points_editors_to_the_schema(name: str) -> None:
    first, rest = starter_with_schema(name).split("\n", 1)
    # A relative name, resolved beside the file on any machine (nouveau writes it there).
    assert first == f"# yaml-language-server: $schema={name}.schema.json"
    assert schema_path(DOCUMENT_TYPES[name]).name == f"{name}.schema.json"
    assert rest == starter_text(name)


def test_schema_command(tmp_path: Path) -> None:
    runner = CliRunner()
    printed = runner.invoke(cli.cli, ["schema", "charte_reseau"])
    assert printed.exit_code == 0
    assert json.loads(printed.output)["title"] == "Charte de réseau"
    target = tmp_path / "charte.schema.json"
    written = runner.invoke(cli.cli, ["schema", "charte_reseau", "-o", str(target)])
    assert written.exit_code == 0
    assert target.read_text(encoding="utf-8") == printed.output


def test_template_variables_documentation_is_up_to_date() -> None:
    documented = (Path(__file__).parent.parent / "docs" / "variables.md").read_text(
        encoding="utf-8"
    )
    assert documented == markdown(), "docs/variables.md périmé : lancez « make docs »"
    assert "| `parties[].representant_legal.nom_complet` | texte | civilité, prénom et nom |" in (
        documented
    )


def _properties(node: object, path: str = "") -> list[tuple[str, str, dict]]:  # type: ignore[type-arg]
    """Every (path, key, property) of a JSON Schema, nested definitions included."""
    found = []
    if isinstance(node, dict):
        for key, value in node.get("properties", {}).items():
            found.append((f"{path}.{key}", key, value))
        for key, value in node.items():
            found += _properties(value, f"{path}.{key}" if key != "properties" else path)
    elif isinstance(node, list):
        for item in node:
            found += _properties(item, path)
    return found


@pytest.mark.parametrize("name", TYPES)
def test_every_field_has_a_french_title(name: str) -> None:
    """A field missing from schema/descriptions.py would show its raw key in editors."""
    schema = json.loads(schema_text(DOCUMENT_TYPES[name]))
    untitled = [path for path, key, value in _properties(schema) if value.get("title") == key]
    assert untitled == []
