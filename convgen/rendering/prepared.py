"""Word templates prepared once and rendered many times.

A naive docxtpl render re-opens the package, re-patches the XML and recompiles
Jinja for every document (about 70% of its cost). Here a template is prepared
once: its body, headers and footers are patched with docxtpl's own
``patch_xml`` and compiled; its unchanged parts are deflated once. Rendering a
document is then the Jinja render plus a zip of mostly precompressed parts.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import re
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from functools import cached_property
from itertools import islice
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import Environment
from jinja2 import Template as JinjaTemplate
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import TemplateError as JinjaError
from lxml import etree

from convgen.errors import Severity, TemplateError
from convgen.rendering.environment import (
    MAX_OUTPUT_CHARS,
    finished,
    make_environment,
    without_paragraph_lines,
)
from convgen.rendering.failures import (
    failures,
    in_french,
    python_failure,
    syntax_error,
    where,
)
from convgen.wordml import active, structure
from convgen.wordml.namespaces import W
from convgen.wordml.package import (
    CORE_PART,
    CUSTOM_PART,
    ParsedPart,
    ZipEntry,
    content_digest,
    parse_part,
    parse_xml,
    part_digest,
    read_package,
    with_property_parts,
    write_zip,
    xml_problem,
)
from convgen.wordml.paragraphs import paragraphs
from convgen.wordml.settings import with_document_settings

# Deflate level of the parts rendered per document: level 3 takes a third of the
# time of the default 6 on a document body, for a file about a seventh larger (10 kB
# instead of 8.5). The parts that do not change are compressed once, at level 6.
RENDERED_LEVEL = 3
MAX_HEADERS_FOOTERS = 24  # three of each per section is already a rich document
_BATCH = 4096  # chunks of rendered text checked at a time against MAX_OUTPUT_CHARS
_PATCHER = DocxTemplate(None)  # patch_xml and resolve_listing use no instance state
_HEADER_FOOTER = re.compile(
    r'Type="[^"]+/(header|footer)"[^>]*Target="([^"]+)"'
    r'|Target="([^"]+)"[^>]*Type="[^"]+/(header|footer)"'
)
# A line break or tab inside a text run: docxtpl turns them into w:br / w:tab.
_TEXT_WITH_BREAKS = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\n\t]")


@dataclass(frozen=True)
class TemplateBundle:
    """A template and the fragments it includes, as bytes (read by rendering.store)."""

    name: str
    data: bytes
    fragments: Mapping[str, bytes] = field(default_factory=dict)
    # (prefix, patched body, suffix) of the template and fragments, by name, when the
    # reader already computed them (it patches each one to find its includes).
    bodies: Mapping[str, tuple[str, str, str]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def body(self, name: str) -> tuple[str, str, str]:
        """patched_body of the template or of one of its fragments, computed once."""
        if name in self.bodies:
            return self.bodies[name]
        return patched_body(self.data if name == self.name else self.fragments[name], name)

    @cached_property
    def sha256(self) -> str:
        """Fingerprint of the template and its fragments (computed once per bundle)."""
        digest = hashlib.sha256(self.data)
        for name in sorted(self.fragments):
            digest.update(name.encode())
            digest.update(hashlib.sha256(self.fragments[name]).digest())
        return digest.hexdigest()


def patched_body(docx: bytes, source: str) -> tuple[str, str, str]:
    """(prefix, patched body, suffix) of word/document.xml, the body ready for Jinja.

    The body is serialised by lxml, as docxtpl does, so it carries its namespace
    declarations and docxtpl's ``patch_xml`` sees exactly what it expects.
    """
    document = read_package(docx, source)["word/document.xml"]
    root = parse_part(document, source, "word/document.xml")
    body = root.find(f"{W}body")
    text = document.decode("utf-8")
    match = re.search(r"<w:body[ >].*</w:body>", text, flags=re.DOTALL)
    if body is None or match is None:
        raise TemplateError("document Word sans corps (w:body)", source=source)
    body_xml = etree.tostring(body, encoding="unicode")
    return text[: match.start()], _PATCHER.patch_xml(body_xml), text[match.end() :]


def fragment_body(docx: bytes, source: str) -> str:
    """A fragment's body content, without the w:body wrapper and its section properties."""
    return _fragment_content(patched_body(docx, source)[1])


def _fragment_content(body: str) -> str:
    inner = re.sub(r"^<w:body[^>]*>|</w:body>$", "", body)
    return re.sub(r"<w:sectPr[ >].*?</w:sectPr>\s*$", "", inner, flags=re.DOTALL)


def included_names(source_xml: str) -> list[str]:
    """Names of the fragments a patched template includes (``{%p include "x.docx" %}``).

    Read from the tags rather than from a parse of the template: every command that
    fingerprints the templates reads all of them, and parsing them cost more than
    half a second at start-up. The syntax is checked when a template is compiled;
    a name built by an expression is not found here, and fails there.
    """
    uncommented = _JINJA_COMMENT.sub("", source_xml)
    return sorted({match.group(2) for match in _INCLUDE_TAG.finditer(uncommented)})


_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)
_INCLUDE_TAG = re.compile(r"""\{%-?\s*(?:include|import|from|extends)\s+(["'])(.+?)\1""")


def _check_xml(data: bytes, source: str) -> etree._Element:
    """Refuse XML that Word could not open: never write a corrupt document; nor one
    whose fields reach outside it (written by the template with ``|safe``). Returns
    the parsed part, for whoever reads it next (``wordml.text.content_words``)."""
    try:
        root = parse_xml(data)
    except etree.XMLSyntaxError as exc:
        raise TemplateError(f"XML invalide : {xml_problem(exc)}", source=source) from None
    if b"instr" in data:
        refusal = active.field_refusal(root)
        if refusal:
            raise TemplateError(f"contenu actif : {refusal}", source=source)
    if b"<!DOCTYPE" in data:
        # Written by the template itself (``|safe``): entities a word processor resolves.
        raise TemplateError("déclaration DOCTYPE interdite dans le document produit", source=source)
    return root


Instrument = Callable[[str, str], str]

Guard = Callable[[str], AbstractContextManager[None]]
"""Bounds a render runs under, given the template's name; chosen by the edge that runs
the template (the command, a batch worker): see ``rendering.limits.render_limits``."""


def unbounded(source: str) -> AbstractContextManager[None]:
    """No bound but the output size (for callers that render templates they trust)."""
    return contextlib.nullcontext()


class PreparedTemplate:
    """A Word template parsed, patched and compiled once; renders documents to part bytes."""

    def __init__(
        self,
        bundle: TemplateBundle,
        instrument: Instrument | None = None,
        *,
        guard: Guard = unbounded,
        refuse_flaws: bool = True,
    ) -> None:
        """Prepare ``bundle``; ``instrument`` may rewrite each Jinja source before it is
        compiled (the template lint uses it to trace branches); ``guard`` bounds the
        preparation and each render (a template is an edited file: compiling it can
        take as long, and as much memory, as rendering it). Raises TemplateError, for
        a flaw of the template's Word structure too (see ``_refuse_flaws``) unless
        ``refuse_flaws`` is False (the template check, which reports every one)."""
        self.name = bundle.name
        self.bundle = bundle  # the files as read: the template check's refusal reads them
        self._guard = guard
        self.sha256 = bundle.sha256
        with failures(bundle.name, "préparé"), guard(bundle.name):
            self._prepare(bundle, instrument, refuse_flaws)

    def _refuse_flaws(self, bundle: TemplateBundle, headers_footers: list[str]) -> None:
        """Never a document that lost or garbled its template's text: refuse what the
        template check counts as an error in the Word structure (text beside a ``{%p``
        tag, tracked changes, a tag cut in two, a block spanning paragraphs, a tag in
        a footnote…: see wordml.structure), located as the check locates it. The
        bodies were parsed to be patched; a header or footer is patched as text, and
        one that is not XML before its render is left to the check of what it renders."""
        body = "word/document.xml"
        packages = [(bundle.name, self.parts)]
        packages += [(name, read_package(data, name)) for name, data in bundle.fragments.items()]
        for source, package in packages:
            names = [body, *(headers_footers if source == bundle.name else ())]
            findings = [structure.unrendered_tags(package)]
            for name in names:
                try:
                    root = parse_xml(package[name])
                except etree.XMLSyntaxError:
                    continue
                findings.append(structure.check_part(root, paragraphs(root), name))
            for finding in itertools.chain.from_iterable(findings):
                if finding.severity is Severity.ERREUR:
                    raise TemplateError(
                        f"modèle à corriger ({finding.where}) : {finding.message}", source=source
                    )

    def _prepare(
        self, bundle: TemplateBundle, instrument: Instrument | None, refuse_flaws: bool
    ) -> None:
        self.parts = with_document_settings(
            with_property_parts(read_package(bundle.data, bundle.name))
        )
        refusal = active.package_refusal(self.parts)
        if refusal:
            raise TemplateError(f"contenu actif : {refusal}", source=bundle.name)
        prefix, body, suffix = bundle.body(bundle.name)
        self.sources = {bundle.name: jinja_source(body)}
        self.sources.update(
            (name, jinja_source(_fragment_content(bundle.body(name)[1])))
            for name in bundle.fragments
        )
        headers_footers = _header_footer_parts(self.parts)
        if len(headers_footers) > MAX_HEADERS_FOOTERS:
            raise TemplateError(
                f"modèle anormal : {len(headers_footers)} en-têtes et pieds de page "
                f"({MAX_HEADERS_FOOTERS} au plus)",
                source=bundle.name,
            )
        if refuse_flaws:  # before compiling: a flaw explains the syntax error it makes
            self._refuse_flaws(bundle, headers_footers)
        for part in headers_footers:
            xml = _PATCHER.patch_xml(self.parts[part].decode("utf-8"))
            self.sources[f"{bundle.name}:{part}"] = jinja_source(xml)
        if instrument is not None:
            self.sources = {name: instrument(name, src) for name, src in self.sources.items()}
        self._fragments = set(bundle.fragments)
        self.env = make_environment({n: self.sources[n] for n in bundle.fragments})
        self._document = (prefix, self._compile(bundle.name), suffix)
        for fragment in bundle.fragments:
            self._compile(fragment)
        self._headers_footers = {
            part: self._compile(f"{bundle.name}:{part}") for part in headers_footers
        }
        self._changing = {"word/document.xml", CORE_PART, CUSTOM_PART, *self._headers_footers}
        self._digests = {name: part_digest(data) for name, data in self.parts.items()}
        self._static = {
            name: ZipEntry.compress(name, data)
            for name, data in self.parts.items()
            if name not in self._changing
        }

    def content_digest(self, rendered: Mapping[str, bytes], properties: Mapping[str, str]) -> str:
        """Digest of the document's content and provenance (see wordml.package.content_digest)."""
        return content_digest(
            (
                (name, part_digest(rendered[name]) if name in rendered else self._digests[name])
                for name in self.parts
            ),
            properties,
        )

    def package(self, rendered: Mapping[str, bytes]) -> bytes:
        """The .docx: ``rendered`` parts deflated now, the others copied as prepared."""
        missing = self._changing - rendered.keys()
        if missing:
            raise ValueError(f"parts not rendered: {sorted(missing)}")
        return write_zip(
            self._static[name]
            if name in self._static
            else ZipEntry.compress(name, rendered[name], RENDERED_LEVEL)
            for name in self.parts
        )

    def _compile(self, name: str) -> JinjaTemplate:
        source = self.sources[name]
        try:
            if name in self._fragments:
                return self.env.get_template(name)  # compiled through the bytecode cache
            return _from_source(self.env, name, source)
        except TemplateSyntaxError as exc:
            raise syntax_error(exc, name, source, self.env.filters) from None
        except (RecursionError, SyntaxError):
            # Python's compiler gives up on deeply nested blocks or expressions.
            raise TemplateError(
                "modèle trop complexe pour être compilé (blocs ou expressions imbriqués "
                "trop profondément)",
                source=name,
            ) from None

    def render(self, context: Mapping[str, Any]) -> dict[str, bytes]:
        """The templated parts (document, headers, footers) rendered with ``context``.

        One document, one budget: the time, memory and output bounds cover all its
        parts together. Raises TemplateError with the template name and the failing
        paragraph.
        """
        return {name: data for name, (data, _tree) in self.render_parsed(context).items()}

    def render_parsed(self, context: Mapping[str, Any]) -> dict[str, ParsedPart]:
        """``render``, each part with the tree its check parsed (parsing a body costs as
        much as a tenth of its render: whoever reads the words reuses it)."""
        prefix, template, suffix = self._document
        budget = _Budget(MAX_OUTPUT_CHARS)
        try:
            with failures(self.name, "rendu"), self._guard(self.name):
                body = self._render(template, context, budget)
                rendered = {"word/document.xml": prefix + body + suffix}
                for name, part in self._headers_footers.items():
                    rendered[name] = self._render(part, context, budget)
                result = {}
                for name, xml in rendered.items():
                    data = xml.encode("utf-8")
                    result[name] = (data, _check_xml(data, f"{self.name} ({name})"))
        except MemoryError:  # under a memory limit set outside convgen (ulimit -v)
            raise TemplateError(
                "le rendu manque de mémoire : le modèle construit-il un texte démesuré ?",
                source=self.name,
            ) from None
        return result

    def _render(self, template: JinjaTemplate, context: Mapping[str, Any], budget: _Budget) -> str:
        try:
            xml = _bounded_render(template, context, self.name, budget)
        except UndefinedError as exc:
            at = where(exc, self.sources, self.name)
            raise TemplateError(
                f"variable inconnue dans le modèle{at} : {in_french(exc.message or '')}",
                source=self.name,
            ) from None
        except SecurityError as exc:
            raise TemplateError(
                f"opération interdite dans le modèle : {exc}", source=self.name
            ) from None
        except OverflowError as exc:
            detail = "range() limité à 100 000 éléments" if "Range too big" in str(exc) else exc
            raise TemplateError(
                f"le modèle n'a pas pu être rendu : dépassement ({detail})", source=self.name
            ) from None
        except RecursionError:
            raise TemplateError(
                "le modèle n'a pas pu être rendu : appels imbriqués sans fin (macro récursive ?)",
                source=self.name,
            ) from None
        except (TemplateError, MemoryError):  # MemoryError: told by the guard's bound
            raise
        except (JinjaError, TypeError, ValueError, ArithmeticError) as exc:
            at = where(exc, self.sources, self.name)
            raise TemplateError(
                f"le modèle n'a pas pu être rendu{at} : {python_failure(exc, self.env.filters)}",
                source=self.name,
            ) from None
        except Exception as exc:  # a template is an edited file: any failure is its own
            at = where(exc, self.sources, self.name)
            raise TemplateError(
                f"le modèle n'a pas pu être rendu{at} : opération impossible "
                f"({python_failure(exc)})",
                source=self.name,
            ) from None
        xml = finished(xml)
        if "\n<w:p" in xml:  # printed by a ``|safe`` value or a captured body: see
            xml = without_paragraph_lines(xml)  # environment._ParagraphLines
        # The membership tests are a fast negative (a C scan, where the regex costs
        # nearly a millisecond on a long body): no break or tab, nothing to resolve.
        if ("\n" in xml or "\t" in xml) and _TEXT_WITH_BREAKS.search(xml):
            xml = _PATCHER.resolve_listing(xml)
        return xml


def _from_source(env: Environment, name: str, source: str) -> JinjaTemplate:
    """``env.from_string(source)``, compiled under ``name`` (which its errors then
    name: see failures.where) and through the environment's bytecode cache, as the
    loader compiles fragments (see rendering.compiled)."""
    cache = env.bytecode_cache
    bucket = cache.get_bucket(env, name, None, source) if cache is not None else None
    code = bucket.code if bucket is not None else None
    if code is None:
        code = env.compile(source, name)
        if cache is not None and bucket is not None:
            bucket.code = code
            cache.set_bucket(bucket)
    return env.template_class.from_code(env, code, env.make_globals(None))


@dataclass
class _Budget:
    """Characters a document may still produce, over all its parts."""

    left: int


def _bounded_render(
    template: JinjaTemplate, context: Mapping[str, Any], source: str, budget: _Budget
) -> str:
    """The template rendered with ``context``, stopped when the document's budget of
    MAX_OUTPUT_CHARS is spent (a runaway loop).

    The output is checked in batches of chunks taken straight from the compiled
    render function (what ``Template.generate`` wraps): checking it chunk by chunk
    through ``generate`` cost a fifth of a render. Exceptions are those of
    ``generate``, without Jinja's traceback rewriting.
    """
    chunks = template.root_render_func(template.new_context(dict(context)))
    parts: list[str] = []
    while batch := list(islice(chunks, _BATCH)):
        budget.left -= sum(map(len, batch))
        if budget.left < 0:
            raise TemplateError(
                "le modèle produit un document démesuré (boucle sans fin ?)", source=source
            )
        parts += batch
    return "".join(parts)


def jinja_source(xml: str) -> str:
    """One paragraph per line, as docxtpl does, so Jinja errors point to a paragraph
    (none is printed: see environment._ParagraphLines).

    docxtpl's escapes for literal delimiters (``{_{`` prints ``{{``…) become Jinja
    string constants here, in the template, rather than being replaced in the
    rendered text as docxtpl does: there they would also rewrite what a user typed.
    """
    for escape, literal in _LITERAL_DELIMITERS.items():
        xml = xml.replace(escape, f"{{{{ '{literal}' }}}}")
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)


_LITERAL_DELIMITERS = {"{_{": "{{", "}_}": "}}", "{_%": "{%", "%_}": "%}"}


def _header_footer_parts(parts: Mapping[str, bytes]) -> list[str]:
    rels = parts.get("word/_rels/document.xml.rels", b"").decode("utf-8")
    names = []
    for match in _HEADER_FOOTER.finditer(rels):
        target = match.group(2) or match.group(3)
        names.append(target if target.startswith("word/") else f"word/{target}")
    return sorted(n for n in names if n in parts)
