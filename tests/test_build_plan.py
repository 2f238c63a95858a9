"""Planning from fingerprints: the reason of each document, and which inputs are found."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from convgen.batch.manifest import Record
from convgen.batch.plan import Current, Job, Seen, classify, discover, output_name
from convgen.batch.report import Reason, Status

RECORD = Record(
    input="a.yaml",
    output="a.docx",
    raw_sha256="raw",
    validated_sha256="valid",
    template="modele.docx",
    template_sha256="tpl",
    engine="moteur",
    output_sha256="doc",
    warnings=0,
)
NOW = Current(engine="moteur", templates={"modele.docx": "tpl"})


def seen(raw: str = "raw", output: str | None = "doc") -> Seen:
    return Seen("a.yaml", "a.docx", raw, output)


@pytest.mark.parametrize(
    ("found", "current", "expected"),
    [
        (seen(), NOW, Status.INCHANGE),
        (seen(output=None), NOW, Job("a.yaml", "a.docx", Reason.ABSENTE, cached=True)),
        (seen(output="autre"), NOW, Status.MODIFIE_MAIN),
        (
            seen(output="autre"),
            Current("moteur", {"modele.docx": "tpl"}, force=True),
            Job("a.yaml", "a.docx", Reason.FORCE, cached=True, edited=True),  # copied first
        ),
        # An edited input: its worker compares the validated fingerprint.
        (seen(raw="raw2"), NOW, Job("a.yaml", "a.docx", None, previous="valid")),
        (
            seen(raw="raw2"),
            Current("moteur", {"modele.docx": "tpl2"}),
            Job("a.yaml", "a.docx", Reason.MODELE, previous="valid"),
        ),
        (
            seen(),
            Current("moteur", {"modele.docx": "tpl2"}),
            Job("a.yaml", "a.docx", Reason.MODELE, cached=True),
        ),
        (
            seen(),
            Current("moteur", {"modele.docx": None}),  # template unreadable now
            Job("a.yaml", "a.docx", Reason.MODELE, cached=True),
        ),
        # A new engine may parse differently: the recorded parse is not trusted.
        (
            seen(),
            Current("moteur 2", {"modele.docx": "tpl2"}),
            Job("a.yaml", "a.docx", Reason.MOTEUR, cached=False),
        ),
    ],
)
def test_classify(found: Seen, current: Current, expected: Job | Status) -> None:
    assert classify(found, RECORD, current) == expected


def test_classify_new_input() -> None:
    assert classify(seen(output=None), None, NOW) == Job("a.yaml", "a.docx", Reason.NOUVEAU)
    # A file already bears the document's name: said in --simulation, decided at write.
    taken = Job("a.yaml", "a.docx", Reason.NOUVEAU, existing=True)
    assert classify(seen(), None, NOW) == taken


def test_strict_revalidates_documents_with_warnings() -> None:
    warned = dataclasses.replace(RECORD, warnings=1)
    strict = Current("moteur", {"modele.docx": "tpl"}, strict=True)
    assert classify(seen(), warned, strict) == Job("a.yaml", "a.docx", None, cached=True)
    assert classify(seen(), warned, NOW) == Status.INCHANGE
    assert classify(seen(), RECORD, strict) == Status.INCHANGE


def test_discover_skips_hidden_files_schemas_other_types_and_the_output_folder(
    tmp_path: Path,
) -> None:
    for name in (
        "a.yaml",
        "b.YML",
        "c.json",
        "notes.txt",
        ".brouillon.yaml",
        ".git/x.yaml",
        "sortie/d.yaml",
        "sous/dossier/e.yaml",
        "convention_partenariat.schema.json",  # written by convgen nouveau
        "sous/charte_reseau.SCHEMA.JSON",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("type: x\n", encoding="utf-8")
    found = discover(tmp_path, tmp_path / "sortie")
    assert found == ["a.yaml", "b.YML", "c.json", "sous/dossier/e.yaml"]


def test_output_mirrors_the_input_path() -> None:
    assert output_name("sous/dossier/b.yaml") == "sous/dossier/b.docx"
    assert output_name("c.json") == "c.docx"
