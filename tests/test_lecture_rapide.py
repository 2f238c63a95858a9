"""The fast YAML reader (libyaml) gives exactly what ruamel gives: the same data, the same
positions, and for a file it is not sure of, ruamel's own answer (its data or its French
message with its line).

Compared on every input the repository holds (examples, golden and invalid inputs, test
data, starter files), then on generated ones: plain data written in several YAML styles,
and those texts broken at random (characters inserted, deleted or replaced by the
pieces that change YAML's meaning). Derandomised hypothesis profiles: « rapide » on a
developer's machine, « complet » in CI.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from ci import in_ci
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convgen.errors import InputError
from convgen.loading import MAX_DEPTH, MAX_NODES, parse_input
from convgen.loading.fast import fast_parse

settings.register_profile(
    "lecture-rapide",
    max_examples=150,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
settings.register_profile(
    "lecture-complet", settings.get_profile("lecture-rapide"), max_examples=3000
)
PROFILE = "lecture-complet" if in_ci() or os.environ.get("HYPOTHESIS_PROFILE") else "lecture-rapide"

CORPUS = sorted(
    [
        *(ROOT / "exemples").glob("*.yaml"),
        *(ROOT / "tests" / "golden" / "entrees").glob("*.yaml"),
        *(ROOT / "tests" / "entrees_invalides").glob("*.yaml"),
        *(ROOT / "tests" / "donnees").glob("*.yaml"),
        *(ROOT / "convgen" / "nouveau").glob("*.yaml"),
    ]
)


def outcome(raw: bytes, *, fast: bool) -> tuple[str, Any]:
    """What reading gives: the data with every position, or the message with its line."""
    try:
        read = parse_input(raw, "essai.yaml", fast=fast)
    except InputError as exc:
        return "erreur", (str(exc), exc.line)
    positions = sorted(
        (json.dumps(path), tuple(at.__dict__.values())) for path, at in read.positions.items()
    )
    return "donnees", (read.data, positions)


def assert_same(raw: bytes) -> None:
    assert outcome(raw, fast=True) == outcome(raw, fast=False)


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_every_stored_input_reads_the_same(path: Path) -> None:
    assert_same(path.read_bytes())


def test_the_fast_path_reads_the_shipped_inputs() -> None:
    """Not a fallback for everything: every example and starter file takes it."""
    shipped = [*(ROOT / "exemples").glob("*.yaml"), *(ROOT / "convgen" / "nouveau").glob("*.yaml")]
    for path in shipped:
        assert fast_parse(path.read_text("utf-8-sig"), MAX_NODES, MAX_DEPTH) is not None, path


@pytest.mark.parametrize(
    "text",
    [
        "a: no\nb: 010\nc: 1_000\nd: 0o17\ne: 0x1F\nf: +5\ng: 1e3\nh: .inf\ni: yes\n",
        "a: 2026-02-30\nb: 12.50\nc: ~\nd: null\ne: NULL\nf: TRUE\ng: Off\nh: -0\n",
        "a:\nb: ''\nc: \"\"\nd: []\ne: {}\n",
        "a: &x 1\nb: *x\n",
        # An anchor name used again: its alias means the latest, without a warning.
        "a: &x 1\nb: &x 2\nc: *x\n",
        # Found by the generated inputs in CI: anchor names end differently in 1.1 and 1.2.
        "&a:a: null\n",
        "*a:a: 1\n",
        "!a:b c: 1\n",
        "a: R&D & co\nb: 2 * 3 !\n",
        # ruamel itself failed on an empty tagged integer (IndexError): a message now.
        'a: !!int ""\n',
        "a: !!str 5\nb: !!binary aGVsbG8=\n",
        "a: 1\na: 2\n",
        "a:\n  b: 1\n  b: 2\n",
        "<<: {a: 1}\n",
        "? [a, b]\n: c\n",
        "a: \"\\u00e9\\t\\/\"\nb: 'l''eau'\n",
        *(
            f'a: "x{escape}y"\n'
            for escape in (
                "\\\\",
                '\\"',
                "\\n",
                "\\t",
                "\\/",
                "\\r",
                "\\0",
                "\\a",
                "\\b",
                "\\e",
                "\\f",
                "\\v",
                "\\ ",
                "\\N",
                "\\_",
                "\\L",
                "\\P",
                "\\x41",
                "\\u00e9",
                "\\U0001F600",
                "\\ud800",
                "\\q",
                "\\x4",
                "\\\n  ",
                "\\\t",
            )
        ),
        "a: |\n  un\n  deux\n\n\nb: >-\n  trois\n  quatre\nc: |+\n  cinq\n\n",
        "%YAML 1.1\n---\na: 1\n",
        "a: 1\n---\nb: 2\n",
        "- a\n- b\n",
        "a: b: c\n",
        "a:\tb\n",
        "a: [1, 2\n",
        "a: x\u2028y\n",
        "a: \x85\n",
        "1: a\n2.5: b\nnull: c\ntrue: d\n",
        "a: " + "9" * 30 + "\nb: 1." + "5" * 30 + "\n",
        "a:\n" + "".join(f"{'  ' * i}b{i}:\n" for i in range(1, 45)) + "  " * 45 + "x: 1\n",
        "a: b # commentaire\n# seul\nc: 'd' # autre\n",
        "a:   texte   \n  qui continue\nb: « guillemets » : non\n",
    ],
)
def test_what_the_two_yaml_versions_read_otherwise_reads_as_ruamel_does(text: str) -> None:
    assert_same(text.encode("utf-8"))


# --- generated inputs --------------------------------------------------------------------

TRICKY = [
    "no", "yes", "on", "off", "y", "n", "true", "False", "~", "null", "", " ", "010", "0o7",
    "0x1F", "1_000", "+5", "-3", "12.5", "12.50", ".5", "1.", "1e3", ".nan", "-.inf",
    "2026-03-01", "2026-02-30", "2026-03-01T10:00:00", "12:30", "1:20:30", "a: b", "- a",
    "#", " #x", "a #b", "&a", "*a", "!tag", "%x", "@x", "`x", "'", '"', "\\", "[", "]", "{",
    "}", ",", "?", "|", ">", "«", "»", "é", "l’eau", "\u00a0", "\u202f", "日本", "😀",
    "x\ny", "x\n\ny", " x", "x ", "---", "...", "=", "<<",
]  # fmt: skip
KEYS = st.one_of(
    st.sampled_from(["a", "code", "date", "montant", "no", "1", "null", "clé", "a b", "x:y"]),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=8),
)
SCALARS = st.one_of(
    st.sampled_from(TRICKY),
    st.text(max_size=12),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.none(),
    st.dates().map(str),
)
DATA = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(KEYS, children, max_size=4)
    ),
    max_leaves=25,
)
DOCUMENTS = st.dictionaries(KEYS, DATA, min_size=1, max_size=6)


@pytest.mark.parametrize("value", TRICKY)
def test_each_tricky_value_reads_the_same_alone(value: str) -> None:
    """Each value alone, bare, quoted and in a list: nothing else to make the fast path
    give up on the whole file."""
    for text in (f"a: {value}\n", f"a: '{value}'\n", f"a:\n  - {value}\n", f"{value}: a\n"):
        assert_same(text.encode("utf-8"))


def _bare(data: Any, indent: str = "") -> str:
    """Block YAML written by hand, every scalar bare as ``str()`` writes it: what a person
    types without thinking of quotes (often not the data it came from, or no YAML)."""
    if isinstance(data, dict | list):
        pairs = data.items() if isinstance(data, dict) else (("-", v) for v in data)
        marks = ((f"{key}:" if isinstance(data, dict) else key, value) for key, value in pairs)
        return "".join(f"{indent}{mark}{_after(value, indent)}" for mark, value in marks)
    return f"{indent}{_scalar_text(data)}\n"


def _after(value: Any, indent: str) -> str:
    """What follows a key or a dash: a nested block, or the scalar on the same line."""
    if isinstance(value, dict | list) and value:
        return f"\n{_bare(value, indent + '  ')}"
    return f" {_scalar_text(value)}\n"


def _scalar_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return "{}" if isinstance(value, dict) else "[]"
    return str(value)


def _styles(data: dict[str, Any], style: int) -> str:
    """``data`` as YAML: block style, flow style, block with every text double-quoted
    (written by PyYAML, YAML 1.1 quoting), or written bare by hand."""
    if style == 3:
        return _bare(data)
    if style == 0:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    if style == 1:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=True)
    return yaml.safe_dump(data, allow_unicode=False, sort_keys=False, default_style='"')


BREAKERS = ["", ":", " ", "-", "#", "'", '"', "\n", "  ", "&a ", "*a", "!", "[", "{", "\t", "|"]


@settings(settings.get_profile(PROFILE))
@given(data=DOCUMENTS, style=st.integers(min_value=0, max_value=3), cuts=st.data())
def test_generated_inputs_read_the_same(
    data: dict[str, Any], style: int, cuts: st.DataObject
) -> None:
    text = _styles(data, style)
    assert_same(text.encode("utf-8"))
    for _ in range(cuts.draw(st.integers(min_value=1, max_value=3))):
        at = cuts.draw(st.integers(min_value=0, max_value=len(text)))
        length = cuts.draw(st.integers(min_value=0, max_value=3))
        piece = cuts.draw(st.sampled_from(BREAKERS + TRICKY))
        text = text[:at] + piece + text[at + length :]
    assert_same(text.encode("utf-8"))
