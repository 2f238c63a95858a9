"""Varied inputs for the bench, made from the conventions de partenariat of exemples/.

Each input changes names, amounts (instalments still adding up), the number of
parties (2 to 5) and which optional sections are present; all stay valid.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from convgen.loading import read_input

ROOT = Path(__file__).resolve().parent.parent
SMALL_SHARE = 4  # the smaller size for memory: a quarter of the inputs
DOCUMENT_TYPE = "convention_partenariat"  # the examples this module knows how to vary


def luhn_complete(digits: str) -> str:
    """``digits`` followed by the check digit that makes the whole pass Luhn."""
    total = 0
    for index, char in enumerate(reversed(digits + "0")):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return digits + str((10 - total % 10) % 10)


def extra_party(base: dict[str, Any], number: int, index: int) -> dict[str, Any]:
    """Another party built on ``base``: its own code, name and identifiers."""
    party = copy.deepcopy(base)
    siren = luhn_complete(f"8{index % 10_000:04d}{number:03d}")
    party.update(
        code=f"partenaire{number}",
        appellation=f"le partenaire {number}",
        denomination=f"Association partenaire {number} du dossier {index}",
        siren=siren,
        siret=luhn_complete(siren + "0001"),
    )
    for key in ("finess_ej", "finess_et"):
        party.pop(key, None)
    return party


def scale_amounts(data: dict[str, Any], factor: float) -> None:
    """Multiply every payment and its instalments, keeping their sum equal (CO-03)."""
    finances = data.get("dispositions_financieres") or {}
    for payment in finances.get("versements", []):
        if payment.get("periodicite"):  # an amount per period, its schedule over the term
            continue
        for instalment in payment.get("echeancier", []):
            instalment["montant"] = round(instalment["montant"] * factor, 2)
        if payment.get("echeancier"):
            payment["montant"] = round(sum(i["montant"] for i in payment["echeancier"]), 2)
        else:
            payment["montant"] = round(payment["montant"] * factor, 2)


def variant(example: dict[str, Any], index: int) -> dict[str, Any]:
    """Input number ``index``: the example with other names, amounts, parties, sections."""
    data = copy.deepcopy(example)
    data["titre"] = f"{data['titre']} (dossier {index})"
    data["reference"] = f"{data.get('reference') or 'CP'}-{index:05d}"
    for party in data["parties"]:
        party["denomination"] = f"{party['denomination']} {index}"
    wanted = 2 + index % 4
    private = [p for p in data["parties"] if p["nature"] == "prive_non_lucratif"]
    signed = data["signature"].get("par_partie", [])
    for number in range(len(data["parties"]) + 1, wanted + 1):
        party = extra_party(private[0], number, index)
        data["parties"].append(party)
        if signed:  # signing party by party: the new one signs last
            signed.append({**signed[-1], "partie": party["code"]})
    data["signature"]["nombre_originaux"] = max(
        data["signature"].get("nombre_originaux", 1), len(data["parties"])
    )
    scale_amounts(data, 1 + (index % 7) / 10)
    if index % 2:
        data.pop("communication", None)
    if index % 3 == 0:
        data.pop("dispositions_financieres", None)
    return data


def to_yaml(value: Any, indent: str = "") -> str:
    """Block-style YAML of plain data; strings double-quoted, JSON-style (valid YAML).

    ruamel's emitter takes ~40 ms a file: too slow to write thousands of inputs.
    """
    if isinstance(value, dict):
        return "".join(f"{indent}{key}:{_nested(item, indent)}" for key, item in value.items())
    if isinstance(value, list):
        return "".join(_item(item, indent) for item in value)
    return f"{indent}{json.dumps(value, ensure_ascii=False)}\n"


def _item(value: Any, indent: str) -> str:
    if isinstance(value, dict) and value:  # « - code: chrs » then the other keys below
        return f"{indent}- " + to_yaml(value, indent + "  ")[len(indent) + 2 :]
    return f"{indent}-{_nested(value, indent)}"


def _nested(value: Any, indent: str) -> str:
    if isinstance(value, dict | list):
        return "\n" + to_yaml(value, indent + "  ") if value else f" {json.dumps(value)}\n"
    return " " + to_yaml(value)


def generate_inputs(folder: Path, count: int) -> list[Path]:
    """``count`` inputs: the first quarter under petit/, the rest under grand/."""
    examples = [read_input(path).data for path in sorted((ROOT / "exemples").glob("*.yaml"))]
    examples = [data for data in examples if data.get("type") == DOCUMENT_TYPE]
    paths = []
    for index in range(count):
        share = "petit" if index < count // SMALL_SHARE else "grand"
        path = folder / share / f"lot{index // 100:03d}" / f"convention-{index:05d}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(to_yaml(variant(examples[index % len(examples)], index)), encoding="utf-8")
        paths.append(path)
    return paths
