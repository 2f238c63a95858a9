"""The atelier's work: one input being filled in, its file in the working folder.

The YAML text stays the truth: answers change a ruamel round-trip tree in place, so an
existing file keeps its comments and key order, and every check re-reads the dumped
text through ``loading.parse_input`` and ``validate``, exactly as ``convgen valider``.
"""

from __future__ import annotations

import dataclasses
import functools
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from convgen.app import apercu
from convgen.app import documents as app
from convgen.app.answers import apply_action, apply_answers, follow_renamed_codes, own_codes
from convgen.app.questionnaire import Question, Section, questions, section_of, sections
from convgen.app.templates import default_examples_dir
from convgen.app.wording import for_the_page
from convgen.documents.json_schema import schema_file_name
from convgen.documents.registry import DocumentType, document_type, title_of, type_of
from convgen.errors import (
    InputError,
    OutputError,
    Problem,
    Severity,
    UsageError,
    ValidationFailed,
)
from convgen.loading import RawInput, parse_input, read_input
from convgen.output import write_atomic
from convgen.rendering.environment import keep_compiled_on_disk
from convgen.rendering.generation import render_document
from convgen.rendering.limits import render_limits
from convgen.rendering.prepared import PreparedTemplate
from convgen.rendering.store import default_templates_dir, load_bundle
from convgen.review.pack import build_review
from convgen.review.word import to_docx
from convgen.validation.messages import within
from convgen.validation.partial import provisional_problems
from convgen.validation.validator import Rejected, Validated, Validation, validate
from convgen.wordml.text import docx_text

SUFFIXES = (".yaml", ".yml")
# Extensions of other formats: a name ending so is a mistake to tell, not a name to extend.
_OTHER_FORMATS = frozenset(
    {".docx", ".doc", ".odt", ".pdf", ".json", ".txt", ".md", ".csv", ".xlsx", ".xls", ".rtf"}
)


def _yaml() -> YAML:
    """The round-trip dumper: the examples' layout, long lines never re-wrapped."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


@dataclass
class Draft:
    """The input being filled in: its type, its tree, and its file once saved."""

    doc_type: DocumentType
    data: CommentedMap
    name: str | None = None
    visited: set[str] = field(default_factory=set)
    # Elements just added: their empty answers are not reproached before a check.
    fresh: set[str] = field(default_factory=set)
    changed: bool = False  # answers not yet written to the file
    # Answers given since the draft was started, opened or saved: what leaving it loses
    # (a new draft is « changed », not a file yet, but nothing typed would be lost).
    edited: bool = False
    # The last schema check, with the text it read: the result page asks twice (its
    # problems, then those that stop the draft), the second answer is this one.
    _checked: tuple[str, Validation] | None = field(default=None, repr=False, compare=False)

    @property
    def sections(self) -> list[Section]:
        return sections(self.doc_type.model)

    def section(self, key: str) -> Section:
        for section in self.sections:
            if section.key == key:
                return section
        raise UsageError(f"section « {key} » inconnue")

    def questions(self, section: Section) -> list[Question]:
        """The section's questions, those holding an element just added marked fresh."""
        found = questions(self.doc_type.model, self.data, section)
        if self.fresh:
            for question in (one for top in found for one in top.walk()):
                question.fresh = any(within(name, question.name) for name in self.fresh)
        return found

    def answer(self, section: Section, form: dict[str, str], action: str = "") -> str:
        """Apply a section's submitted answers, then its add/remove button if any;
        returns the name of the question to show (after a button), else ""."""
        before = self.text()
        codes = own_codes(self.data)
        apply_answers(self.data, self.questions(section), form)
        follow_renamed_codes(self.data, self.doc_type.model, codes)
        self.fresh.clear()
        shown = apply_action(self.data, self.questions(section), action) if action else ""
        if action.startswith("ajouter:"):
            self.fresh.add(shown)
        elif not action:
            self.visited.add(section.key)
        if self.text() != before:
            self.changed = self.edited = True
        return shown

    def reproached(self, problems: Sequence[Problem]) -> list[Problem]:
        """The problems to show: none yet about an element just added."""
        return [p for p in problems if not any(within(p.path, name) for name in self.fresh)]

    def text(self) -> str:
        stream = io.StringIO()
        _yaml().dump(self.data, stream)
        return stream.getvalue()

    def check(self) -> Validation:
        """The same validation as ``convgen valider`` on the text the file would hold;
        while answers are missing or unreadable, with the rules' problems on the answers
        given (validation.partial), so that each section is checked as it is filled."""
        validation = self._schema_check()
        if isinstance(validation, Validated) or not validation.raw.data:
            return validation
        provisional = provisional_problems(validation.raw, app.run_options())
        # An ambiguous amount that alone refused the input is found again on the document.
        found = dict.fromkeys((*validation.problems, *provisional))
        return Rejected(validation.raw, tuple(sorted(found, key=lambda p: (p.line or 0, p.path))))

    def draft_blockers(self) -> tuple[Problem, ...]:
        """What stops even the draft: the answers missing or unreadable (the schema's
        problems), without the rules' problems ``check`` adds, which only stop the
        final version."""
        validation = self._schema_check()
        return () if isinstance(validation, Validated) else validation.problems

    def _schema_check(self) -> Validation:
        """``convgen valider`` on the text the file would hold (once per text)."""
        source, text, options = self.name or "nouveau.yaml", self.text(), app.run_options()
        key = f"{options}\n{source}\n{text}"  # the options hold the day the rules read
        if self._checked is not None and self._checked[0] == key:
            return self._checked[1]
        try:
            raw = parse_input(text.encode("utf-8"), source)
        except InputError as exc:  # not expected from our own dump, but never hidden
            return Rejected(RawInput(source, {}), (exc.as_problem(),))
        validation = validate(raw, options)
        self._checked = (key, validation)
        return validation


def new_draft(type_name: str) -> Draft:
    """An empty input of ``type_name``, with the header comment every saved file carries."""
    doc_type = document_type(type_name)
    data = CommentedMap()
    data["type"] = type_name
    data.yaml_set_start_comment(
        f"yaml-language-server: $schema={schema_file_name(doc_type)}\n"
        f"{doc_type.label} — saisie avec « convgen atelier »\n"
        "Vérification : convgen valider ce-fichier.yaml ; "
        "document : convgen generer ce-fichier.yaml --brouillon"
    )
    return Draft(doc_type, data)


def starter_draft(type_name: str) -> Draft:
    """The commented starter of ``convgen nouveau``, to be adapted."""
    data = _yaml().load(app.starter_with_schema(type_name))
    return Draft(document_type(type_name), data)


@functools.cache
def shipped_examples() -> tuple[tuple[str, str], ...]:
    """(file name, « Convention de partenariat relative à … ») of each shipped example:
    package data, read and validated once (the home page lists them at every visit)."""
    paths = sorted(default_examples_dir().glob("*.yaml"))
    checked = app.check_files(paths, app.run_options(draft=True))
    return tuple(
        (path.name, title_of(result.document))
        for path, result in zip(paths, checked, strict=True)
        if isinstance(result, Validated)
    )


def example_draft(name: str) -> Draft:
    """A shipped example, to adapt: saved under a new name in the working folder."""
    if name not in {file for file, _ in shipped_examples()}:
        raise UsageError(f"exemple « {name} » inconnu")
    raw = read_input(default_examples_dir() / name)
    draft = Draft(document_type(str(raw.data["type"])), _yaml().load(raw.text))
    draft.visited = {section.key for section in draft.sections}
    draft.changed = True  # not yet a file of the working folder
    return draft


class Folder:
    """The working folder: the only place the atelier reads or writes."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def inputs(self) -> list[str]:
        """The input files of the folder (its own, not those of a linked folder)."""
        found = []
        for path in sorted(self.root.iterdir()):
            if path.suffix.lower() in SUFFIXES and self._inside(path) and path.is_file():
                found.append(path.name)
        return found

    def path(self, name: str) -> Path:
        """The file ``name`` of the folder. Raises UsageError on any other place."""
        if not name or "/" in name or "\\" in name or name.startswith(".") or "\0" in name:
            raise UsageError(f"nom de fichier refusé : « {name} » (un nom simple, sans dossier)")
        if Path(name).suffix.lower() not in SUFFIXES:
            raise UsageError(f"le fichier « {name} » doit avoir l'extension .yaml")
        path = self.root / name
        if not self._inside(path):
            raise UsageError(f"« {name} » mène hors du dossier de travail : refusé")
        return path

    def _inside(self, path: Path) -> bool:
        return path.resolve().parent == self.root

    def open(self, name: str) -> Draft:
        """Open an input of the folder, read and checked exactly like ``convgen valider``."""
        path = self.path(name)
        raw = read_input(path)  # same limits and messages as the command line
        type_name = raw.data.get("type")
        if not isinstance(type_name, str):
            raise InputError("le champ « type » manque : type de document inconnu", source=name)
        data = _yaml().load(raw.text)
        draft = Draft(document_type(type_name), data, name=name)
        # A file already written is judged as a whole: its problems show at once.
        draft.visited = {section.key for section in draft.sections}
        return draft

    def save(self, draft: Draft, name: str) -> Path:
        """Write the draft to ``name`` atomically; a new input never replaces a file. A name
        typed without extension (« convention-2027 », « convention.v2 », « CHRS.Lyon »)
        gets « .yaml »; the extension of another format (« .docx ») is refused."""
        suffix = Path(name).suffix.lower()
        if name and suffix not in SUFFIXES and suffix not in _OTHER_FORMATS:
            name += ".yaml"
        path = self.path(name)
        if name != draft.name and path.exists():
            raise OutputError("le fichier existe déjà : choisissez un autre nom", source=name)
        write_atomic(path, draft.text().encode("utf-8"))
        if f"$schema={schema_file_name(draft.doc_type)}" in draft.text():
            app.write_schema_beside(path, draft.doc_type.name)  # what its first line names
        draft.name, draft.changed, draft.edited = path.name, False, False
        return path


def readable(validation: Validation) -> bool:
    """Whether every answer could be read (a word typed where a number is asked cannot):
    until then not even the draft can be made."""
    return isinstance(validation, Validated)


def render(validation: Validation, templates_dir: Path, *, draft: bool) -> bytes:
    """The document in memory. Raises ValidationFailed when a problem blocks it."""
    if not isinstance(validation, Validated) or (not draft and not validation.ok):
        raise ValidationFailed(validation.problems, source=validation.raw.source)
    bundle = load_bundle(templates_dir, type_of(validation.document).template)
    keep_compiled_on_disk()  # each preview prepares the template: compiled once
    prepared = PreparedTemplate(bundle, guard=render_limits)
    if bundle.sha256 not in _VETTED:  # as generer refuses it (a template given by --modeles)
        from convgen.lint.report import refuse_flawed_template  # noqa: PLC0415

        refuse_flawed_template(prepared)
        _VETTED.add(bundle.sha256)
    return render_document(validation, prepared, draft=draft)


_VETTED: set[str] = set()  # templates whose variables were checked, by sha256


def review_pack(validation: Validation, templates_dir: Path, *, draft: bool) -> bytes:
    """The review pack (Word) of the document, as ``convgen relire`` writes it, its
    messages worded as the atelier shows them (the questions' labels, not the YAML keys;
    « téléchargez le projet », not the command's option)."""
    document = render(validation, templates_dir, draft=draft)
    assert isinstance(validation, Validated)
    model = type(validation.document)
    worded = tuple(
        dataclasses.replace(p, message=for_the_page(p.message, model, p.path))
        for p in validation.problems
    )
    reviewed = dataclasses.replace(validation, problems=worded)
    return to_docx(build_review(reviewed, document, draft=draft))


def preview(validation: Validation, templates_dir: Path) -> list[apercu.Article]:
    """The draft's text, article by article (see ``apercu.articles``)."""
    return apercu.articles(docx_text(render(validation, templates_dir, draft=True)))


USES = {
    "convention_partenariat": "Deux organisations ou plus s’engagent à travailler ensemble "
    "(orientations, interventions conjointes, partage d’informations), chacune restant "
    "autonome.",
    "charte_reseau": "Plusieurs acteurs d’un territoire adhèrent à des principes communs et "
    "à une gouvernance de réseau, sans créer de personne morale.",
    "convention_constitutive_gcsms": "Des organisations créent ensemble un groupement de "
    "coopération sociale ou médico-sociale, doté de la personnalité morale.",
}
"""When to choose each document type, in one sentence (the atelier's first page)."""


@dataclass(frozen=True)
class SectionState:
    section: Section
    errors: int
    warnings: int
    visited: bool
    empty: bool = False  # nothing answered in it (a section left aside, not filled)

    @property
    def done(self) -> bool:
        return self.visited and not self.errors


def section_states(draft: Draft, validation: Validation) -> list[SectionState]:
    """Each section with its problems, for the progress indicator."""
    states = []
    for section in draft.sections:
        mine = [p for p in validation.problems if section_of(p.path, [section])]
        errors = sum(1 for p in mine if p.is_error)
        warnings = sum(1 for p in mine if p.severity is Severity.AVERTISSEMENT)  # not notes
        visited = section.key in draft.visited
        empty = not any(_answered(draft.data.get(name)) for name in section.fields)
        states.append(SectionState(section, errors, warnings, visited, empty))
    return states


def _answered(value: object) -> bool:
    """Whether ``value`` holds an answer: text, a number, a choice, or a group or list
    with one (an element just added and left blank is none)."""
    if isinstance(value, dict):
        return any(_answered(item) for item in value.values())
    if isinstance(value, list):
        return any(_answered(item) for item in value)
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None


def default_templates() -> Path:
    return default_templates_dir()


def document_types() -> list[tuple[DocumentType, str]]:
    """Each document type with when to choose it."""
    return [(document_type(name), use) for name, use in USES.items()]


def next_section(draft: Draft, current: Section) -> Section | None:
    keys = [s.key for s in draft.sections]
    index = keys.index(current.key) + 1
    return draft.sections[index] if index < len(keys) else None


def problems_by_section(
    draft: Draft, problems: Iterable[Problem], *, blocking: bool = False
) -> list[tuple[Section | None, list[Problem]]]:
    """``problems`` (``blocking``: the errors only), under their section (None: the
    whole document), each section's errors first."""
    groups: dict[str, list[Problem]] = {}
    for problem in problems:
        if blocking and not problem.is_error:
            continue
        section = section_of(problem.path, draft.sections) if problem.path else None
        groups.setdefault(section.key if section else "", []).append(problem)
    for listed in groups.values():  # what blocks first, in the order found
        listed.sort(key=lambda problem: not problem.is_error)
    found: list[tuple[Section | None, list[Problem]]] = []
    if "" in groups:
        found.append((None, groups[""]))
    found += [(s, groups[s.key]) for s in draft.sections if s.key in groups]
    return found


def download_name(draft: Draft, what: str) -> str:
    """``ma-convention.projet.docx``: the input's name, then what the file is."""
    stem = Path(draft.name).stem if draft.name else draft.doc_type.name
    kinds = {
        "brouillon.docx": "projet",
        "definitif.docx": "definitif",
        "relecture.docx": "relecture-projet",
        "relecture-definitive.docx": "relecture",
    }
    return f"{stem}.{kinds[what]}.docx"
