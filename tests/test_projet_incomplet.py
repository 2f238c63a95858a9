"""A draft is made of whatever can be read: the atelier offers it (« seule la version
projet peut être produite ») as soon as every answer is readable, so an answer left out
prints a placeholder, never a template failure."""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, check, example, render_validated

from convgen.loading import read_input
from convgen.validation.validator import Validated

# Every example and every golden input (their optional blocks between them): about 3 500
# drafts, 30 seconds.
INPUTS = sorted((ROOT / "exemples").glob("*.yaml")) + sorted(
    (ROOT / "tests" / "golden" / "entrees").glob("*.yaml")
)


def _keys(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*prefix, key)
            yield from _keys(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _keys(value, (*prefix, index))


def _changed(data: dict[str, Any], path: tuple[Any, ...], value: Any = None) -> dict[str, Any]:
    """``data`` without the key at ``path`` (``value`` None), or with ``value`` there."""
    changed = copy.deepcopy(data)
    node = changed
    for key in path[:-1]:
        node = node[key]
    if value is None:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return changed


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


def _variants(data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each answer left out (a list's items are left out whole), each yes/no turned."""
    for path in _keys(data):
        name = ".".join(map(str, path))
        if not isinstance(path[-1], int):
            yield f"sans {name}", _changed(data, path)
        if isinstance(_at(data, path), bool):
            yield f"{name} inversé", _changed(data, path, not _at(data, path))


@pytest.mark.parametrize("path", INPUTS, ids=[path.stem for path in INPUTS])
def test_every_readable_draft_renders(path: Path) -> None:
    failed = []
    rendered = 0
    for variant, data in _variants(read_input(path).data):
        validated = check(data, draft=True)
        if not isinstance(validated, Validated):
            continue  # not readable: the atelier says what to correct, and offers no draft
        rendered += 1
        try:
            render_validated(validated, draft=True)
        except Exception as exc:
            failed.append(f"{variant} : {exc}")
    # the minimal inputs have few optional answers left to leave out: 4 for the smallest
    assert rendered >= 4
    assert not failed, "\n".join(failed)


def messages(validated: Validated) -> list[str]:
    return [f"{p.message} [{p.rule}]" for p in validated.problems]


def _body_text(document: bytes) -> str:
    xml = zipfile.ZipFile(io.BytesIO(document)).read("word/document.xml").decode("utf-8")
    return re.sub(r"<[^>]+>", "", xml).replace("\u00a0", " ").replace("\u202f", " ")


def test_a_group_without_its_staff_terms_prints_a_placeholder_in_its_draft() -> None:
    data = example("gcsms-mixte-ccas-ehpad")
    data["personnels"] = {"recrutement_propre": True}
    data["duree"].pop("duree_annees")
    data["capital"] = {"avec_capital": True}
    validated = check(data, draft=True)
    body = _body_text(render_validated(validated, draft=True))
    for label in (
        "conditions d’intervention des personnels",
        "régime des personnels recrutés",
        "durée du groupement",
        "montant du capital",
    ):
        assert f"[à compléter : {label}]" in body, label
    # Each missing answer is said once, by its rule, in its own words.
    said = messages(check(data))
    assert sum("personnels" in m and "GC-34" in m for m in said) == 1
    capital = [m for m in said if "capital" in m and "GC-08" in m]
    assert capital == [
        "Indiquez le montant du capital (capital, montant) : les apports déclarés totalisent "
        "30\u202f000,00\u00a0€. Les apports se déclarent membre par membre (membres, "
        "apport). [GC-08]"
    ]
    assert not [m for m in said if "0,00 €" in m]


def test_a_tacit_renewal_without_its_length_is_said_once() -> None:
    data = example("chrs-csapa-addictions")
    data["duree"]["reconduction"] = "tacite"
    data["duree"].pop("duree_reconduction_mois", None)
    said = [m for m in messages(check(data)) if "reconduction" in m]
    assert len([m for m in said if "durée" in m and "reconduction" in m]) == 1, said
    body = _body_text(render_validated(check(data, draft=True), draft=True))
    assert "[à compléter : durée de chaque reconduction]" in body


def test_a_final_document_may_go_without_a_preamble() -> None:
    """A preamble is usual, not required (domaine [P]): its absence warns, and the final
    document leaves out the heading that would stand empty; the parties' missions, when
    given, keep it."""
    from conftest import render  # noqa: PLC0415

    from convgen.errors import Severity  # noqa: PLC0415
    from convgen.wordml.text import docx_text  # noqa: PLC0415

    data = example("chrs-csapa-addictions")
    del data["preambule"]
    for party in data["parties"]:
        party.pop("missions", None)
    said = [p for p in check(data).problems if p.path == "preambule"]
    assert [(p.severity, p.message) for p in said] == [
        (
            Severity.AVERTISSEMENT,
            "Sans préambule, la version définitive n'expose ni le contexte ni les constats "
            "partagés qui fondent la convention : il est d'usage de les écrire.",
        )
    ]
    text = docx_text(render(data))
    assert "Préambule" not in text and "préalablement exposé" not in text
    assert "Il a été convenu ce qui suit" in text
    data["parties"][0]["missions"] = "Hébergement et réinsertion sociale."
    text = docx_text(render(data))
    assert (
        "## Préambule\nIl a été préalablement exposé ce qui suit\u00a0:\n"
        "Le Relais\u00a0: Hébergement et réinsertion sociale.\nIl a été convenu" in text
    )
    charter = example("charte-reseau-rural-domicile")
    del charter["preambule"]
    assert "## Préambule" in docx_text(render(charter))


def test_a_draft_without_its_staff_terms_is_produced_a_contrary_regime_is_not() -> None:
    """The conditions of the staff's work are « à compléter pour la version définitive »:
    GC-34 warns in a draft, which prints a placeholder; a regime contrary to the
    group's nature still stops it."""
    data = example("gcsms-associations-handicap")
    data["personnels"] = {"recrutement_propre": False}
    draft = check(data, draft=True)
    assert draft.ok
    (said,) = [p for p in draft.problems if p.rule == "GC-34"]
    assert not said.is_error
    assert "[à compléter : conditions d’intervention des personnels]" in _body_text(
        render_validated(draft, draft=True)
    )
    assert not check(data).ok
    # Recruiting its own staff without saying under which regime: the same.
    data["personnels"] = {
        "recrutement_propre": True,
        "conditions_intervention": "Les personnels sont mis à disposition par les membres.",
    }
    draft = check(data, draft=True)
    assert draft.ok and not check(data).ok
    assert "en qualité de [à compléter : régime des personnels recrutés]" in _body_text(
        render_validated(draft, draft=True)
    )
    data["personnels"] = {
        "recrutement_propre": True,
        "conditions_intervention": "Les personnels sont mis à disposition par les membres.",
        "regime": "public" if data["nature_juridique"] == "droit_prive" else "prive",
    }
    assert not check(data, draft=True).ok
    data["personnels"].pop("conditions_intervention")  # and the conditions missing too
    assert not check(data, draft=True).ok
