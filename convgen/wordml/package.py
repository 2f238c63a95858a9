"""Read and write .docx packages: bounded reading, deterministic writing, provenance.

Writing is a small zip writer of our own because the standard ``zipfile`` can
neither fix every header field nor copy an already-deflated entry: parts that
do not change between documents are compressed once per template and copied,
and every entry carries the same timestamp (1980-01-01), so the same input
gives the same bytes on any machine.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from xml.sax.saxutils import escape

from lxml import etree

from convgen.errors import TemplateError
from convgen.wordml.namespaces import (
    CORE_PROPERTIES_NS,
    CORE_PROPERTIES_REL,
    CUSTOM_PROPERTIES_NS,
    CUSTOM_PROPERTIES_REL,
    DC_NS,
    DCMITYPE_NS,
    DCTERMS_NS,
    VT_NS,
    XSI_NS,
)

MAX_PARTS = 500
MAX_PART_BYTES = 32 * 1024 * 1024
MAX_TOTAL_BYTES = 64 * 1024 * 1024
_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01, the earliest zip date
_DOS_TIME = 0
_VERSION = 20


@dataclass(frozen=True)
class ZipEntry:
    """One stored part: its name, its deflated bytes, and what the headers need."""

    name: str
    deflated: bytes
    crc: int
    size: int

    @classmethod
    def compress(cls, name: str, data: bytes, level: int = 6) -> ZipEntry:
        compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
        deflated = compressor.compress(data) + compressor.flush()
        return cls(name, deflated, zlib.crc32(data), len(data))


def write_zip(entries: Iterable[ZipEntry]) -> bytes:
    """A zip archive of ``entries`` in the given order, with fixed timestamps."""
    out = io.BytesIO()
    central = io.BytesIO()
    count = 0
    for entry in entries:
        name = entry.name.encode("utf-8")
        offset = out.tell()
        fields = (
            _VERSION,
            0,
            zipfile.ZIP_DEFLATED,
            _DOS_TIME,
            _DOS_DATE,
            entry.crc,
            len(entry.deflated),
            entry.size,
            len(name),
        )
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0))
        out.write(name)
        out.write(entry.deflated)
        central.write(struct.pack("<IH", 0x02014B50, _VERSION))
        central.write(struct.pack("<HHHHHIIIHHHHHII", *fields, 0, 0, 0, 0, 0, offset))
        central.write(name)
        count += 1
    directory = central.getvalue()
    start = out.tell()
    out.write(directory)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(directory), start, 0))
    return out.getvalue()


def whole_zip(data: bytes) -> bool:
    """Whether ``data`` is a zip archive and nothing else, as ``write_zip`` writes it:
    its first entry at the start, its end record, without comment, at the very end (a
    file with bytes added before or after its archive is not)."""
    if len(data) < 22 or not data.startswith(b"PK\x03\x04"):
        return False
    end: tuple[int, ...] = struct.unpack("<IHHHHIIH", data[-22:])
    signature, size, start, comment = end[0], end[5], end[6], end[7]
    return signature == 0x06054B50 and comment == 0 and start + size + 22 == len(data)


_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)

ParsedPart = tuple[bytes, etree._Element]
"""A part's bytes with their XML tree (parsed once, read by several; not to be modified)."""


def parse_xml(data: bytes) -> etree._Element:
    """XML parsed without entities, network access or huge trees: the one parser for
    every part convgen reads or produces. Raises etree.XMLSyntaxError."""
    return etree.fromstring(data, parser=_XML_PARSER)


def parse_part(data: bytes, source: str, name: str) -> etree._Element:
    """A part of a package parsed without entities or network access. Raises
    TemplateError naming the part when it is not well-formed XML."""
    try:
        return parse_xml(data)
    except etree.XMLSyntaxError as exc:
        raise TemplateError(
            f"XML invalide dans {name} : {xml_problem(exc)}", source=source
        ) from None


def xml_problem(exc: etree.XMLSyntaxError) -> str:
    """What libxml2 says of malformed XML, in French, with its line and column."""
    message = str(exc.msg or "").split(", line ")[0]
    for pattern, french in _XML_PROBLEMS:
        found = pattern.match(message)
        if found:
            said = french.format(*found.groups())
            break
    else:
        said = f"XML mal formé (libxml2 : {message})" if message else "XML mal formé"
    line, column = exc.position if exc.position else (0, 0)
    return f"{said} (ligne {line}, colonne {column})" if line else said


_XML_PROBLEMS = tuple(
    (re.compile(pattern), french)
    for pattern, french in (
        (
            r"Opening and ending tag mismatch: (\S+) line (\d+) and (\S+)",
            "la balise « {0} » ouverte ligne {1} est fermée par « {2} »",
        ),
        (
            r"Premature end of data in tag (\S+) line (\d+)",
            "le texte s'arrête avant la fin de la balise « {0} » ouverte ligne {1}",
        ),
        (r"Extra content at the end of the document", "texte après la fin du document"),
        (r"(?:xmlParse)?EntityRef: ", "« & » seul : il s'écrit « &amp; » en XML"),
        (r"AttValue: ", "valeur d'attribut sans guillemets"),
        (
            r"Namespace prefix (\S+) on (\S+) is not defined",
            "préfixe « {0} » de la balise « {1} » non déclaré",
        ),
        (r"StartTag: invalid element name", "nom de balise invalide (« < » seul ?)"),
        (r"Attribute (\S+) redefined", "attribut « {0} » répété dans une balise"),
        (r"Document is empty", "document vide"),
        (r"Start tag expected", "ce n'est pas du XML (« < » attendu)"),
        (r"attributes construct error", "attributs mal écrits dans une balise"),
        (r"PCDATA invalid Char value (\d+)", "caractère de contrôle interdit en XML (code {0})"),
        (r"Couldn't find end of Start Tag (\S+)", "balise « {0} » non terminée par « > »"),
        (
            r"Entity '([^']+)' not defined",
            "entité « &{0}; » inconnue en XML : écrivez le caractère lui-même",
        ),
        (r"Input is not proper UTF-8|Invalid bytes in character", "texte qui n'est pas de l'UTF-8"),
        (r"error parsing attribute name", "nom d'attribut illisible dans une balise"),
    )
)


def read_package(data: bytes, source: str) -> dict[str, bytes]:
    """Parts of a .docx in archive order. Raises TemplateError if it is not a sane .docx."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise TemplateError(
            "ce n'est pas un document Word (.docx) : archive illisible", source=source
        ) from None
    infos = archive.infolist()
    _check_sizes(infos, source)
    _check_names(infos, source)
    try:
        parts = {info.filename: archive.read(info) for info in infos if not info.is_dir()}
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError) as exc:
        raise TemplateError(f"archive .docx corrompue ({exc})", source=source) from None
    for name, content in parts.items():
        parts[name] = _checked_part(name, content, source)
    for required in ("[Content_Types].xml", "_rels/.rels", "word/document.xml"):
        if required not in parts:
            raise TemplateError(
                f"ce n'est pas un document Word (.docx) : partie {required} absente", source=source
            )
    return parts


_DOCTYPES = tuple(
    "<!DOCTYPE".encode(encoding)
    for encoding in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)


_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_DECLARED_ENCODING = re.compile(r"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']""")
_ADMITTED_ENCODINGS = {"utf-8", "utf8", "utf-16", "utf-16le", "utf-16be"}


def _checked_part(name: str, content: bytes, source: str) -> bytes:
    """A part as UTF-8 bytes, checked after decoding.

    A DOCTYPE can declare external entities that a word processor would resolve:
    it is searched in the text as a reader decodes it, so an XML part must be
    UTF-8, or UTF-16 with its byte order mark (then re-encoded in UTF-8); an
    encoding declared otherwise (UTF-7, EBCDIC…) is refused. Other parts (images)
    are searched as bytes, in the encodings XML allows.
    """
    if not _is_xml(name, content):
        if any(pattern in content for pattern in _DOCTYPES):
            raise _doctype(name, source)
        return content
    text = _decoded(name, content, source)
    declared = _DECLARED_ENCODING.match(text)
    if declared and declared.group(1).strip().lower() not in _ADMITTED_ENCODINGS:
        raise TemplateError(
            f"encodage « {declared.group(1)} » refusé dans la partie {name} "
            "(UTF-8 ou UTF-16 seulement)",
            source=source,
        )
    if "<!DOCTYPE" in text.upper():
        raise _doctype(name, source)
    if content.startswith(_UTF16_BOMS):
        return _DECLARED_ENCODING.sub(
            lambda m: m.group(0).replace(m.group(1), "UTF-8"), text
        ).encode()
    return content


def _is_xml(name: str, content: bytes) -> bool:
    start = content[:4].lstrip(b" \t\r\n")
    return name.endswith((".xml", ".rels")) or start.startswith(
        (b"<", codecs.BOM_UTF8, *_UTF16_BOMS)
    )


def _decoded(name: str, content: bytes, source: str) -> str:
    try:
        if content.startswith(_UTF16_BOMS):
            return content.decode("utf-16")
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TemplateError(
            f"la partie {name} n'est ni en UTF-8 ni en UTF-16 : encodage refusé", source=source
        ) from None


def _doctype(name: str, source: str) -> TemplateError:
    return TemplateError(
        f"déclaration DOCTYPE interdite dans un document Word (partie {name})", source=source
    )


def _check_names(infos: list[zipfile.ZipInfo], source: str) -> None:
    """Part names are relative paths inside the package, each used once: a name that
    climbs out (``..``), is absolute or repeats would mean different things to
    different readers of the produced document."""
    seen: set[str] = set()
    for info in infos:
        name = info.filename
        if (
            name.startswith(("/", "\\"))
            or "\\" in name
            or any(part in ("", ".", "..") for part in name.rstrip("/").split("/"))
            or ":" in name
            or name.casefold() in seen
        ):
            raise TemplateError(
                f"archive .docx anormale : nom de partie « {name} » refusé", source=source
            )
        seen.add(name.casefold())


def _check_sizes(infos: list[zipfile.ZipInfo], source: str) -> None:
    if len(infos) > MAX_PARTS:
        raise TemplateError(f"archive .docx anormale : {len(infos)} parties", source=source)
    total = 0
    for info in infos:
        if info.file_size > MAX_PART_BYTES or (
            info.compress_size and info.file_size / info.compress_size > 200
        ):
            raise TemplateError(
                f"archive .docx anormale : la partie {info.filename} est trop "
                "volumineuse ou trop compressée (bombe zip ?)",
                source=source,
            )
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise TemplateError("archive .docx trop volumineuse une fois décompressée", source=source)


CUSTOM_PART = "docProps/custom.xml"
CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_REL = CUSTOM_PROPERTIES_REL
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def custom_properties(properties: Mapping[str, str]) -> bytes:
    """docProps/custom.xml holding ``properties`` as text properties, in the given order."""
    items = "".join(
        f'<property fmtid="{_FMTID}" pid="{pid}" name="{escape(name)}">'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(properties.items(), start=2)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{CUSTOM_PROPERTIES_NS}" xmlns:vt="{VT_NS}">{items}</Properties>'
    ).encode()


def core_properties(title: str, subject: str, keywords: str) -> bytes:
    """docProps/core.xml with the document's title; no dates, so output stays reproducible."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<cp:coreProperties xmlns:cp="{CORE_PROPERTIES_NS}" xmlns:dc="{DC_NS}" '
        f'xmlns:dcterms="{DCTERMS_NS}" xmlns:dcmitype="{DCMITYPE_NS}" xmlns:xsi="{XSI_NS}">'
        f"<dc:title>{escape(title)}</dc:title><dc:subject>{escape(subject)}</dc:subject>"
        f"<dc:creator>convgen</dc:creator><cp:keywords>{escape(keywords)}</cp:keywords>"
        "<dc:language>fr-FR</dc:language></cp:coreProperties>"
    ).encode()


def read_custom_properties(data: bytes, source: str) -> dict[str, str]:
    """Text custom properties of a .docx (provenance)."""
    return custom_properties_of(read_package(data, source), source)


def custom_properties_of(parts: Mapping[str, bytes], source: str) -> dict[str, str]:
    """Text custom properties of a package already read (see read_package)."""
    raw = parts.get(CUSTOM_PART)
    if raw is None:
        return {}
    root = parse_part(raw, source, CUSTOM_PART)
    return {
        str(prop.get("name")): "".join(str(text) for text in prop.itertext())
        for prop in root
        if prop.get("name") is not None
    }


CORE_PART = "docProps/core.xml"
_CORE_TYPE = "application/vnd.openxmlformats-package.core-properties+xml"
_CORE_REL = CORE_PROPERTIES_REL


CONTENT_PROPERTY = "convgen_contenu_sha256"
INPUT_PROPERTY = "convgen_entree_sha256"  # the fingerprint of the data it was made from
TEXT_PROPERTY = "convgen_texte_sha256"  # the words only: survives a re-save


def content_digest(
    part_digests: Iterable[tuple[str, bytes]], properties: Mapping[str, str] | None = None
) -> str:
    """sha256 over (name, sha256 of bytes) of every part but the provenance part, and
    over the provenance properties but this digest itself.

    Recorded in the provenance, it lets ``convgen provenance`` tell whether a
    document, or what it says of its making (mode, input, template), was modified
    after generation. It has no key: it reveals edits, it cannot prove authorship.
    ``part_digests`` are in package order.
    """
    digest = hashlib.sha256()
    for name, part_sha in part_digests:
        if name != CUSTOM_PART:
            digest.update(name.encode("utf-8") + b"\0" + part_sha)
    for key in sorted(properties or {}):
        if key != CONTENT_PROPERTY:
            digest.update(f"\0{key}={(properties or {})[key]}".encode())
    return digest.hexdigest()


def parts_digest(parts: Mapping[str, bytes], properties: Mapping[str, str] | None = None) -> str:
    """``content_digest`` of a document's parts as they are now (read back, or made)."""
    return content_digest(((name, part_digest(data)) for name, data in parts.items()), properties)


def made_intact(parts: Mapping[str, bytes], properties: Mapping[str, str]) -> bool:
    """Whether a document's parts are, byte for byte, those convgen made: its content
    digest (``CONTENT_PROPERTY``, among its ``properties``) is that of its parts now.
    False for a document without one."""
    recorded = properties.get(CONTENT_PROPERTY)
    return recorded is not None and recorded == parts_digest(parts, properties)


def text_digest(words: str, properties: Mapping[str, str]) -> str:
    """sha256 over a document's words (``wordml.text.content_words``) and its provenance
    properties but the two digests: what a re-save by a word processor keeps, so that a
    re-saved document is told apart from an edited one (words, mode, fingerprints)."""
    digest = hashlib.sha256(words.encode("utf-8"))
    for key in sorted(properties):
        if key not in (CONTENT_PROPERTY, TEXT_PROPERTY):
            digest.update(f"\0{key}={properties[key]}".encode())
    return digest.hexdigest()


def part_digest(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def with_property_parts(parts: Mapping[str, bytes]) -> dict[str, bytes]:
    """``parts`` whose content types and root relationships declare core and custom properties.

    The property parts themselves are written per document; this only declares them.
    """
    result = dict(parts)
    types = result["[Content_Types].xml"].decode("utf-8")
    rels = result.get("_rels/.rels", b"").decode("utf-8")
    for part, content_type, rel_type in (
        (CORE_PART, _CORE_TYPE, _CORE_REL),
        (CUSTOM_PART, CUSTOM_TYPE, CUSTOM_REL),
    ):
        if f'PartName="/{part}"' not in types:
            types = types.replace(
                "</Types>", f'<Override PartName="/{part}" ContentType="{content_type}"/></Types>'
            )
        if f'Target="{part}"' not in rels and f'Target="/{part}"' not in rels:
            rel_id = _free_id(rels)
            rels = rels.replace(
                "</Relationships>",
                f'<Relationship Id="{rel_id}" Type="{rel_type}" Target="{part}"/></Relationships>',
            )
        result.setdefault(part, b"")
    result["[Content_Types].xml"] = types.encode("utf-8")
    result["_rels/.rels"] = rels.encode("utf-8")
    return result


def _free_id(rels: str) -> str:
    index = 1
    while f'Id="rId{index}"' in rels:
        index += 1
    return f"rId{index}"
