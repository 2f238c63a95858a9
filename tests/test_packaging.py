"""The .docx package: reproducible bytes, valid zip, provenance, declared parts."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from conftest import convention, prepared, render, set_path
from docx import Document

from convgen import __version__, references
from convgen.errors import TemplateError
from convgen.wordml.package import (
    ZipEntry,
    content_digest,
    part_digest,
    read_custom_properties,
    read_package,
    write_zip,
)


def test_same_input_gives_identical_bytes() -> None:
    assert render(convention()) == render(convention())


def test_different_input_gives_different_bytes() -> None:
    assert render(convention()) != render(set_path(convention(), "titre", "autre titre"))


def test_zip_entries_carry_a_fixed_timestamp_and_a_stable_order() -> None:
    archive = zipfile.ZipFile(io.BytesIO(render(convention())))
    assert archive.testzip() is None
    names = [info.filename for info in archive.infolist()]
    assert names[0] == "[Content_Types].xml"
    assert names == list(prepared().parts)
    assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_provenance_properties_identify_engine_template_and_input() -> None:
    data = render(convention())
    properties = read_custom_properties(data, "doc.docx")
    template = prepared()
    assert properties["convgen_version"] == __version__
    assert properties["convgen_type"] == "convention_partenariat"
    assert properties["convgen_modele"] == "convention_partenariat.docx"
    assert properties["convgen_modele_sha256"] == template.sha256
    assert len(properties["convgen_entree_sha256"]) == 64
    assert properties["convgen_references"] == references.VERSION
    assert properties["convgen_mode"] == "definitif"
    draft = read_custom_properties(render(convention(), draft=True), "d.docx")
    assert draft["convgen_mode"] == "projet"


def test_template_fingerprint_covers_fragments() -> None:
    template = prepared()
    digest = hashlib.sha256(b"")
    assert template.sha256 != digest.hexdigest()
    assert len(template.sha256) == 64


def test_package_opens_with_python_docx_and_declares_its_property_parts() -> None:
    data = render(convention())
    document = Document(io.BytesIO(data))
    assert document.core_properties.title.startswith("Convention de partenariat relative à")
    types = read_package(data, "doc.docx")["[Content_Types].xml"].decode()
    assert 'PartName="/docProps/custom.xml"' in types
    rels = read_package(data, "doc.docx")["_rels/.rels"].decode()
    assert 'Target="docProps/custom.xml"' in rels


def test_zip_writer_output_is_read_back_by_the_standard_library() -> None:
    entries = [ZipEntry.compress("a.txt", b"bonjour " * 100), ZipEntry.compress("b/c.xml", b"")]
    archive = zipfile.ZipFile(io.BytesIO(write_zip(entries)))
    assert archive.read("a.txt") == b"bonjour " * 100
    assert archive.read("b/c.xml") == b""


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"ceci n'est pas un zip", "ce n'est pas un document Word"),
        (write_zip([ZipEntry.compress("x.txt", b"x")]), "partie [Content_Types].xml absente"),
    ],
)
def test_non_docx_templates_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(TemplateError, match=message.replace("[", r"\[").replace("]", r"\]")):
        read_package(data, "modele.docx")


def test_zip_bomb_is_refused() -> None:
    bomb = write_zip([ZipEntry.compress("[Content_Types].xml", b"\0" * 20_000_000)])
    with pytest.raises(TemplateError, match="bombe zip"):
        read_package(bomb, "bombe.docx")


def test_provenance_records_a_digest_of_the_content() -> None:
    data = render(convention())
    properties = read_custom_properties(data, "doc.docx")
    recorded = properties["convgen_contenu_sha256"]
    parts = read_package(data, "doc.docx")

    def digest() -> str:
        return content_digest(((name, part_digest(b)) for name, b in parts.items()), properties)

    assert recorded == digest()
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"Lyon", b"Paris")
    assert recorded != digest()
    parts = read_package(data, "doc.docx")
    properties["convgen_mode"] = "projet"
    assert recorded != digest()
