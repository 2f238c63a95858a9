"""Hostile templates, through ``convgen generer --modeles``: sandbox escapes, runaway
loops and expansions, malformed or dangerous archives. Each one is refused with a
French message naming the template, exit 1, nothing executed and nothing written
(an earlier good document stays byte for byte)."""

from __future__ import annotations

import contextlib
import io
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from click.testing import CliRunner
from conftest import ROOT, edit_docx_part, replacing

from convgen.cli import main as cli
from convgen.errors import TemplateError
from convgen.rendering import limits
from convgen.wordml.package import parse_part
from convgen.wordml.text import docx_text

EXAMPLE = ROOT / "exemples" / "chrs-csapa-addictions.yaml"
TEMPLATE = "convention_partenariat.docx"
SLOT = "{{ convention.titre }}"  # after which an attack is written in the body (the title kept:
# a template that no longer prints a required field is refused before any render)
CANARY = "compromis"  # a file an escaped template would create in the working folder


# (name, Jinja written after SLOT, expected words of the message)
SANDBOX = [
    (
        "globals-cycler",
        "{{ cycler.__init__.__globals__.os.system('touch compromis') }}",
        "__init__",
    ),
    ("mro", "{{ ''.__class__.__mro__[1].__subclasses__() }}", "__class__"),
    ("attribut-prive", "{{ convention._source }}", "_source"),
    ("dunder-dict", "{{ convention.__dict__ }}", "__dict__"),
    ("self-globals", "{{ self.__init__.__globals__ }}", "__init__"),
    ("filtre-attr", "{{ convention|attr('__class__') }}", "__class__"),
    ("format-escape", "{{ '{0.__class__.__base__}'.format(convention) }}", "__class__"),
    ("mutation-liste", "{{ parties.append(1) }}", "append"),
    ("mutation-dict", "{{ ref.update({'x': 1}) }}", "update"),
    ("lipsum", "{{ lipsum(1000000000) }}", "lipsum"),
    ("import", "{% import 'os' as os %}{{ os.system('touch compromis') }}", "introuvable"),
    ("include-absolu", "{% include '/etc/passwd' %}", "/etc/passwd"),
    ("extends", "{% extends '../../etc/passwd' %}", "passwd"),
    ("builtins", "{{ range.__self__ }}", "__self__"),
    ("config", "{{ config.items() }}", "config"),
]

RUNAWAY = [
    (
        "doctype-par-safe",
        "{{ ('<!DOC' ~ 'TYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>')|safe }}",
        "XML invalide",
    ),
    (
        # libxml2's « Opening and ending tag mismatch: w:p line … » was printed in English.
        "balise-orpheline-par-safe",
        "{{ '</w:t></w:r><w:p><w:r><w:t>'|safe }}",
        "XML invalide : la balise « p » ouverte ligne 2 est fermée par « body »",
    ),
    ("range-enorme", "{% for i in range(10**9) %}x{% endfor %}", "range() limité"),
    ("puissance", "{{ 10 ** (10 ** 10) }}", "puissance trop grande"),
    ("repetition-texte", "{{ 'x' * 10**10 }}", "répétition"),
    ("repetition-liste", "{{ ([1] * 10**9)|length }}", "répétition"),
    (
        "expansion",
        "{% for i in range(100000) %}{% for j in range(100000) %}xxxxxxxxxx{% endfor %}"
        "{% endfor %}",
        "document démesuré",
    ),
    (
        "macro-recursive",
        "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
        "appels imbriqués sans fin",
    ),
    (
        "doublement",
        "{% macro d(s, n) %}{% if n %}{{ d(s ~ s, n - 1) }}{% else %}{{ s|length }}"
        "{% endif %}{% endmacro %}{{ d('x', 40) }}",
        "mémoire",
    ),
    (
        "format-largeur",
        "{{ '{:>2000000000}'.format(convention.titre)|length }}",
        "mémoire",
    ),
]

LOOP = (
    "{% for i in range(100000) %}{% for j in range(100000) %}{% for k in range(100000) %}"
    "{% endfor %}{% endfor %}{% endfor %}"
)


def _copy_templates(folder: Path) -> Path:
    shutil.copytree(ROOT / "modeles", folder)
    return folder


def _generate(folder: Path, templates: Path, output: Path) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli.cli,
        ["generer", str(EXAMPLE), "-o", str(output), "--modeles", str(templates)],
        catch_exceptions=False,
    )
    return result.exit_code, result.output


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder holding a good document produced earlier, as the current folder."""
    monkeypatch.chdir(tmp_path)
    code, output = _generate(tmp_path, ROOT / "modeles", tmp_path / "convention.docx")
    assert code == 0, output
    return tmp_path


def _assert_refused(workspace: Path, templates: Path, words: str, source: str) -> None:
    before = (workspace / "convention.docx").read_bytes()
    listing = sorted(p.name for p in workspace.iterdir())
    code, output = _generate(workspace, templates, workspace / "convention.docx")
    assert code == 1, output
    first_line = output.splitlines()[0]
    assert first_line.startswith("Erreur : ") and source in first_line, output
    assert words in output, output
    assert "Traceback" not in output
    assert (workspace / "convention.docx").read_bytes() == before
    assert sorted(p.name for p in workspace.iterdir()) == listing
    assert not (workspace / CANARY).exists()


@pytest.mark.parametrize(
    ("attack", "words"),
    [(a, w) for _, a, w in SANDBOX + RUNAWAY],
    ids=[n for n, _, _ in SANDBOX + RUNAWAY],
)
def test_attack_in_the_body_is_refused(workspace: Path, attack: str, words: str) -> None:
    templates = _copy_templates(workspace / "modeles-hostiles")
    edit_docx_part(
        templates / TEMPLATE, "word/document.xml", replacing(SLOT, SLOT + escape(attack))
    )
    source = "fragments/os" if attack.startswith("{% import") else TEMPLATE
    _assert_refused(workspace, templates, words, source)


def test_a_paragraph_break_printed_by_safe_leaves_no_line_break(workspace: Path) -> None:
    # A template may print XML with |safe (here a paragraph break, a common docxtpl
    # trick): the line breaks put before each paragraph, so that errors name it, are
    # taken out of what it prints too, as from the template's own text.
    templates = _copy_templates(workspace / "modeles-safe")
    printed = "{{ '</w:t></w:r></w:p><w:p><w:r><w:t>'|safe }}"
    edit_docx_part(
        templates / TEMPLATE, "word/document.xml", replacing(SLOT, SLOT + escape(printed))
    )
    code, output = _generate(workspace, templates, workspace / "coupe.docx")
    assert code == 0, output
    body = zipfile.ZipFile(workspace / "coupe.docx").read("word/document.xml").decode()
    assert "</w:p><w:p><w:r><w:t>" in body and "\n<w:p" not in body


def test_attack_in_a_header_is_refused(workspace: Path) -> None:
    templates = _copy_templates(workspace / "modeles-hostiles")
    attack = escape("{{ cycler.__init__.__globals__ }}")
    edit_docx_part(
        templates / TEMPLATE, "word/header1.xml", replacing("{{ document.libelle }}", attack)
    )
    _assert_refused(workspace, templates, "__init__", TEMPLATE)


def test_doctype_written_by_a_template_into_a_header_prolog_is_refused(workspace: Path) -> None:
    """A DOCTYPE placed by the template where XML allows one (before the root element)
    would make a valid part carrying an external entity: the produced parts are
    checked too, not only the template's."""
    templates = _copy_templates(workspace / "modeles-hostiles")
    doctype = "('<!DOC' ~ 'TYPE w:hdr [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>')|safe"
    edit_docx_part(
        templates / TEMPLATE, "word/header1.xml", replacing("?>", "?>{{ " + doctype + " }}")
    )
    _assert_refused(workspace, templates, "DOCTYPE interdite dans le document produit", TEMPLATE)


def test_attack_in_a_shared_fragment_is_refused(workspace: Path) -> None:
    templates = _copy_templates(workspace / "modeles-hostiles")
    attack = escape("{{ ''.__class__.__mro__ }}")
    edit_docx_part(
        templates / "fragments" / "signatures.docx",
        "word/document.xml",
        replacing(
            "{{ org.signe_par.qualite|majuscule }}",  # in every signature block
            "{{ org.signe_par.qualite|majuscule }}" + attack,
            count=1,
        ),
    )
    _assert_refused(workspace, templates, "__class__", TEMPLATE)


def test_template_that_loops_for_ever_is_stopped(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_RENDER_SECONDS", 1.0)
    templates = _copy_templates(workspace / "modeles-hostiles")
    edit_docx_part(templates / TEMPLATE, "word/document.xml", replacing(SLOT, SLOT + LOOP))
    _assert_refused(workspace, templates, "le rendu dépasse 1 secondes", TEMPLATE)


def _swallows_everything(seconds: float) -> None:
    """Busy for ``seconds``, swallowing whatever interrupts it, as some library code
    does (``except BaseException: pass``) and as Python does in a finaliser."""
    try:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            pass
    except BaseException:  # the point of this helper
        pass


def _busy(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_a_time_bound_that_was_swallowed_fires_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first interruption lands in code that swallows it: the bound still stops the
    render (a one-shot timer let it run to its end). In the main thread: the signal
    path where the platform has one, else the watchdog."""
    monkeypatch.setattr(limits, "MAX_RENDER_SECONDS", 0.1)
    started = time.monotonic()
    with pytest.raises(TemplateError, match=r"dépasse 0\.1 secondes"), limits.render_limits("x"):
        _swallows_everything(0.3)
        _busy(3)
    assert time.monotonic() - started < 2
    _busy(0.3)  # and nothing fires once the bound is left


class _SlowToFinalise:
    """An object whose finaliser outlasts the bound: the first interruption lands there,
    where it cannot be raised; Python hands it to ``sys.unraisablehook``."""

    def __del__(self) -> None:
        _busy(0.3)


def test_an_interruption_in_a_finaliser_is_not_printed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bound stops the render even when its first interruptions land in finalisers,
    and those print nothing (« Exception ignored in… » on the user's terminal); an
    unraisable exception of another kind still reaches the hook in place."""
    monkeypatch.setattr(limits, "MAX_RENDER_SECONDS", 0.1)
    reported: list[BaseException | None] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda u: reported.append(u.exc_value))
    started = time.monotonic()
    with pytest.raises(TemplateError, match=r"dépasse 0\.1 secondes"), limits.render_limits("x"):
        _SlowToFinalise()  # finalised at once, past the bound
        _busy(3)
    assert time.monotonic() - started < 2
    assert reported == []

    class Failing:
        def __del__(self) -> None:
            raise ValueError("autre")

    with limits.render_limits("x"):
        Failing()
    assert [type(exc) for exc in reported] == [ValueError]


def test_a_repeated_interruption_spares_the_bounds_being_lifted() -> None:
    """The repeats never raise in contextlib's or the bounds' own code, where the
    render's exception is already leaving and the handlers that expect it are passed."""
    frames = []
    with contextlib.ExitStack() as stack:
        stack.callback(lambda: frames.append(sys._getframe(1)))
    lifting = frames[0]
    assert lifting.f_code.co_filename == contextlib.__file__
    if not limits.bounds_in_force().endswith("(RLIMIT_AS)"):
        pytest.skip("pas de minuterie SIGALRM sur ce système : le chien de garde s'applique")
    with limits.render_limits("essai"):
        handler = signal.getsignal(signal.SIGALRM)
        assert callable(handler)
        handler(signal.SIGALRM, lifting)  # raises nothing
        with pytest.raises(TemplateError, match="dépasse"):
            handler(signal.SIGALRM, sys._getframe())  # in the render: raised


def test_an_interruption_that_overtakes_the_watch_is_a_timeout() -> None:
    """Should a repeated interruption of the watchdog escape its handler, the render is
    still reported as past its time, never taken for finished."""
    with pytest.raises(TemplateError, match="dépasse"), limits.render_limits("essai"):
        raise limits._RenderInterrupted


def test_the_watchdog_interrupts_again_when_swallowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same in a thread other than the main one, where a watchdog bounds the render."""
    monkeypatch.setattr(limits, "MAX_RENDER_SECONDS", 0.1)
    outcome: list[BaseException | None] = []

    def render() -> None:
        started = time.monotonic()
        try:
            with limits.render_limits("essai"):
                _swallows_everything(0.3)
                _busy(3)
        except BaseException as exc:  # handed to the test thread
            outcome.append(exc)
        else:
            outcome.append(None)
        assert time.monotonic() - started < 2
        _busy(0.3)  # nothing is raised once the bound is left
        outcome.append(None)

    thread = threading.Thread(target=render)
    thread.start()
    thread.join()
    assert isinstance(outcome[0], TemplateError), outcome
    assert "dépasse 0.1 secondes" in str(outcome[0])
    assert outcome[1:] == [None]


@pytest.mark.lent
def test_default_time_limit_stops_a_real_process(tmp_path: Path) -> None:
    """The limit as shipped (30 s), in a process of its own, as a user runs it."""
    templates = _copy_templates(tmp_path / "modeles-hostiles")
    edit_docx_part(templates / TEMPLATE, "word/document.xml", replacing(SLOT, SLOT + LOOP))
    output = tmp_path / "convention.docx"
    command = [sys.executable, "-m", "convgen", "generer", str(EXAMPLE), "-o", str(output)]
    result = subprocess.run(
        [*command, "--modeles", str(templates)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert f"{TEMPLATE}: le rendu dépasse 30 secondes" in result.stderr
    assert not output.exists()


# --- archives ------------------------------------------------------------------------


def _zip(entries: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    output = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # duplicate names, on purpose
        with zipfile.ZipFile(output, "w", method) as archive:
            for name, data in entries.items():
                archive.writestr(name.split("#")[0], data)
    return output.getvalue()


def _template_parts() -> dict[str, bytes]:
    archive = zipfile.ZipFile(ROOT / "modeles" / TEMPLATE)
    return {name: archive.read(name) for name in archive.namelist()}


def _with(part: str, data: bytes) -> bytes:
    return _zip({**_template_parts(), part: data})


XXE = (
    b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
)
BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>'
)


def _bits(count: int) -> bytes:
    """``count`` random 0/1 characters: compressed about 7 to 1, not a zip bomb, yet
    more than a template part may hold once inflated."""
    bits = bin(int.from_bytes(random.Random(0).randbytes(count // 8)) | 1 << count - 1)
    return bits[2:].encode()


def _padded_xxe() -> bytes:
    """The DOCTYPE after 10 kB of comment, past any look at the first bytes only."""
    return b"<?xml version='1.0'?><!--" + b"x" * 10_000 + b"-->" + XXE[21:]


# (name, the template's bytes, expected words of the message); built lazily, the zip
# bomb weighs 200 MB once inflated.
ARCHIVES: list[tuple[str, Callable[[], bytes], str]] = [
    ("texte", lambda: b"Ceci n'est pas un document Word.\n", "archive illisible"),
    ("vide", lambda: b"", "archive illisible"),
    ("image-png", lambda: b"\x89PNG\r\n\x1a\n" + bytes(200), "archive illisible"),
    ("pdf", lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "archive illisible"),
    ("zip-tronque", lambda: _zip(_template_parts())[:3000], "archive illisible"),
    (
        "zip-sans-document",
        lambda: _zip({"[Content_Types].xml": b"<Types/>", "_rels/.rels": b"<x/>"}),
        "partie word/document.xml absente",
    ),
    (
        "bombe-zip",
        lambda: _zip({**_template_parts(), "word/media/bombe.bin": bytes(200_000_000)}),
        "bombe zip",
    ),
    (
        "partie-enorme",
        lambda: _zip({**_template_parts(), "word/media/grand.txt": _bits(40_000_000)}),
        "la partie word/media/grand.txt est trop volumineuse",
    ),
    (
        "trop-de-parties",
        lambda: _zip({**_template_parts(), **{f"word/media/{i}.png": b"x" for i in range(600)}}),
        "parties",
    ),
    ("xxe-document", lambda: _with("word/document.xml", XXE), "DOCTYPE"),
    ("billion-laughs-styles", lambda: _with("word/styles.xml", BILLION_LAUGHS), "DOCTYPE"),
    ("xxe-apres-commentaire", lambda: _with("word/settings.xml", _padded_xxe()), "DOCTYPE"),
    (
        "nom-remontant",
        lambda: _zip({**_template_parts(), "../../evil.sh": b"rm -rf /"}),
        "nom de partie « ../../evil.sh » refusé",
    ),
    ("nom-absolu", lambda: _zip({**_template_parts(), "/etc/cron.d/x": b"x"}), "refusé"),
    (
        "nom-en-double",
        lambda: _zip({**_template_parts(), "word/document.xml#2": b"<autre/>"}),
        "refusé",
    ),
    (
        "document-pas-xml",
        lambda: _with("word/document.xml", b"pas du XML"),
        "XML invalide dans word/document.xml : ce n'est pas du XML (« < » attendu) (ligne 1",
    ),
    ("document-sans-corps", lambda: _with("word/document.xml", b"<document/>"), "sans corps"),
    (
        "xxe-utf16",
        lambda: _with("word/settings.xml", b"\xff\xfe" + XXE.decode().encode("utf-16-le")),
        "DOCTYPE",
    ),
    ("xxe-partie-sans-extension", lambda: _with("customXml/item1", XXE), "DOCTYPE"),
    ("nom-point", lambda: _zip({**_template_parts(), "word/./x.xml": b"<x/>"}), "refusé"),
    ("trop-d-en-tetes", lambda: _many_headers(30, "{{ document.libelle }}"), "en-têtes"),
    (
        "budget-partage-entre-en-tetes",
        # Each header stays under the output bound; together they exceed it.
        lambda: _many_headers(
            4,
            "{% for i in range(100000) %}{{ 'x' * 60 }}{% endfor %}",
        ),
        "document démesuré",
    ),
]


def _many_headers(count: int, text: str) -> bytes:
    """The template with ``count`` more headers, each printing ``text``."""
    parts = _template_parts()
    rels = parts["word/_rels/document.xml.rels"].decode()
    types = parts["[Content_Types].xml"].decode()
    header = parts["word/header1.xml"].decode()
    start = header.index("<w:p>")
    for n in range(count):
        name = f"entete{n}.xml"
        parts[f"word/{name}"] = (
            header[:start] + f"<w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p></w:hdr>"
        ).encode()
        rels = rels.replace(
            "</Relationships>",
            f'<Relationship Id="rIdH{n}" Type="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/relationships/header" Target="{name}"/></Relationships>',
        )
        types = types.replace(
            "</Types>",
            f'<Override PartName="/word/{name}" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/></Types>',
        )
    parts["word/_rels/document.xml.rels"] = rels.encode()
    parts["[Content_Types].xml"] = types.encode()
    return _zip(parts)


@pytest.mark.parametrize(
    ("build", "words"), [(b, w) for _, b, w in ARCHIVES], ids=[n for n, _, _ in ARCHIVES]
)
def test_hostile_archive_is_refused(
    workspace: Path, build: Callable[[], bytes], words: str
) -> None:
    templates = _copy_templates(workspace / "modeles-hostiles")
    (templates / TEMPLATE).write_bytes(build())
    _assert_refused(workspace, templates, words, TEMPLATE)


def test_template_that_is_a_folder_is_refused(workspace: Path) -> None:
    templates = _copy_templates(workspace / "modeles-hostiles")
    (templates / TEMPLATE).unlink()
    (templates / TEMPLATE).mkdir()
    _assert_refused(workspace, templates, "modèle illisible (c'est un dossier", TEMPLATE)


def test_hostile_fragment_name_is_refused(workspace: Path) -> None:
    templates = _copy_templates(workspace / "modeles-hostiles")
    edit_docx_part(
        templates / TEMPLATE,
        "word/document.xml",
        replacing(SLOT, SLOT + escape("{% include '../../x' %}")),
    )
    _assert_refused(workspace, templates, "nom de fragment interdit", TEMPLATE)


def test_memory_exhaustion_under_a_limit_set_outside_convgen(tmp_path: Path) -> None:
    """Under a user's own ``ulimit -v`` (lower than convgen's ceiling), a template that
    exhausts memory is still a template error (exit 1), not an internal error."""
    templates = _copy_templates(tmp_path / "modeles-hostiles")
    doubling = next(attack for name, attack, _ in RUNAWAY if name == "doublement")
    edit_docx_part(
        templates / TEMPLATE, "word/document.xml", replacing(SLOT, SLOT + escape(doubling))
    )
    output = tmp_path / "convention.docx"
    command = [sys.executable, "-m", "convgen", "generer", str(EXAMPLE), "-o", str(output)]

    def low_limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024**2, resource.RLIM_INFINITY))

    result = subprocess.run(
        [*command, "--modeles", str(templates)],
        capture_output=True,
        text=True,
        preexec_fn=low_limit,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "mémoire" in result.stderr and "Erreur interne" not in result.stderr
    assert not output.exists()


# --- second round: buggy templates, encodings, preparation, active content ------------

# Templates that are wrong rather than malicious: each failure, whatever Python raises
# (KeyError, IndexError, RecursionError at compile time…), names the template and,
# when known, the filter or the paragraph (exit 1, never an internal error).
BUGGY = [
    ("filtre-rythme-sur-texte", "{{ 'x'|rythme }}", "filtre « rythme »"),
    ("filtre-de-sur-nombre", "{{ 12|de }}", "filtre « de »"),
    ("filtre-inconnu", "{{ convention.titre|inconnu }}", "filtre « inconnu » inconnu"),
    (
        "filtre-mal-tape",
        "{{ duree.date_effet|date_longe }}",
        "filtre « date_longe » inconnu ; vouliez-vous dire « date_longue » ?",
    ),
    (
        "filtre-mal-tape-dans-une-condition",
        "{% if parties %}{{ parties[0].nom_court|date_longe }}{% endif %}",
        "filtre « date_longe » inconnu ; vouliez-vous dire « date_longue » ?",
    ),
    (
        "test-inconnu",
        "{% if parties is liste %}x{% endif %}",
        "test « liste » inconnu",
    ),
    ("division-par-zero", "{{ parties|length // 0 }}", "division par zéro"),
    (
        "texte-plus-nombre",
        "{{ convention.titre + 1 }}",
        "un texte ne se joint qu'à un texte (écrivez « ~ » ou le filtre « string »)",
    ),
    (
        "nombre-moins-texte",
        "{{ parties|length - 'x' }}",
        "opération « - » impossible entre un nombre et un texte",
    ),
    ("parenthese-non-fermee", "{{ convention.titre|upper( }}", "attendu : « ) » ; trouvé : « } »"),
    ("truncate-negatif", "{{ 'abc'|truncate(-5) }}", "près de « {{ 'abc'|truncate(-5) }}"),
    ("format-sans-argument", "{{ '{0}'.format() }}", "IndexError"),
    ("cycler-vide", "{{ cycler().next() }}", "près de « {{ cycler().next() }}"),
    (
        "date-longue-sur-texte",  # babel asserts: « AssertionError, message de Python : »
        "{{ convention.reference|date_longue }}",
        "filtre « date_longue » appliqué à une valeur qu'il ne traite pas (« CP-2026-014 », texte)",
    ),
    ("encodage-rot13", "{{ 'a'.encode('rot13') }}", "rot13"),
    ("25-boucles-imbriquees", "{% for a in [1] %}" * 25 + "{% endfor %}" * 25, "trop complexe"),
    ("20000-additions", "{{ " + "1+" * 20_000 + "1 }}", "trop complexe"),
    # A missing answer (no retroactivity here) printed as is would read « None » in a
    # signed document.
    (
        "valeur-absente",
        "{{ duree.motif_retroactivite }}",
        "près de « {{ duree.motif_retroactivite }}",
    ),
    (
        "valeur-absente-filtree",
        "{{ duree.motif_retroactivite|mois|de }}",
        "» : une valeur absente serait imprimée « None » : placez ce passage",
    ),
]


@pytest.mark.parametrize(
    ("attack", "words"), [(a, w) for _, a, w in BUGGY], ids=[n for n, _, _ in BUGGY]
)
def test_buggy_template_is_refused_naming_it(workspace: Path, attack: str, words: str) -> None:
    templates = _copy_templates(workspace / "modeles-hostiles")
    edit_docx_part(
        templates / TEMPLATE, "word/document.xml", replacing(SLOT, escape(attack) + SLOT)
    )
    _assert_refused(workspace, templates, words, TEMPLATE)


def _reencoded(part: str, encoding: str, declared: str) -> bytes:
    text = _template_parts()[part].decode()
    return text.replace('encoding="UTF-8"', f'encoding="{declared}"').encode(encoding, "replace")


@pytest.mark.parametrize("part", ["word/document.xml", "word/header1.xml"])
def test_a_part_in_utf16_with_its_bom_is_rendered(workspace: Path, part: str) -> None:
    templates = _copy_templates(workspace / "modeles-utf16")
    (templates / TEMPLATE).write_bytes(_with(part, _reencoded(part, "utf-16", "UTF-16")))
    code, output = _generate(workspace, templates, workspace / "utf16.docx")
    assert code == 0, output
    assert docx_text((workspace / "utf16.docx").read_bytes(), "utf16.docx") == docx_text(
        (workspace / "convention.docx").read_bytes(), "convention.docx"
    )


def test_doctype_hidden_in_utf7_is_refused(workspace: Path) -> None:
    """A header declared UTF-7 whose DOCTYPE is written « +ADw-!DOCTYPE »: the bytes hold
    no « <!DOCTYPE », the decoded text does."""
    header = (
        b'<?xml version="1.0" encoding="UTF-7"?>'
        b"+ADw-!DOCTYPE w:hdr +AFs-+ADw-!ENTITY x SYSTEM +ACI-file:///etc/passwd+ACI-+AD4-+AF0-+AD4-"
        b'<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:p><w:r><w:t>&amp;x;</w:t></w:r></w:p></w:hdr>"
    )
    templates = _copy_templates(workspace / "modeles-hostiles")
    (templates / TEMPLATE).write_bytes(_with("word/header1.xml", header))
    _assert_refused(workspace, templates, "encodage « UTF-7 » refusé", TEMPLATE)


def test_part_in_ebcdic_is_refused(workspace: Path) -> None:
    templates = _copy_templates(workspace / "modeles-hostiles")
    header = _reencoded("word/header1.xml", "cp500", "EBCDIC-CP-FR")
    (templates / TEMPLATE).write_bytes(_with("word/header1.xml", header))
    _assert_refused(workspace, templates, "ni en UTF-8 ni en UTF-16", TEMPLATE)


# The time bound's signal may land in a garbage collector callback (hypothesis installs
# one), where Python only reports its exception; the bound fires again and stops the
# preparation all the same (see test_a_time_bound_that_was_swallowed_fires_again).
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_preparation_is_bounded_like_the_render(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A template that takes long to compile but renders nothing (its body is under a
    false condition) is stopped by the same time bound as a render."""
    monkeypatch.setattr(limits, "MAX_RENDER_SECONDS", 0.2)
    templates = _copy_templates(workspace / "modeles-hostiles")
    body = "{% if false %}" + "{{ convention.titre }}abc" * 30_000 + "{% endif %}"
    edit_docx_part(templates / TEMPLATE, "word/document.xml", replacing(SLOT, SLOT + body))
    _assert_refused(workspace, templates, "dépasse 0.2 secondes", TEMPLATE)


@pytest.mark.parametrize("where", [TEMPLATE, "fragments/signatures.docx"])
@pytest.mark.parametrize("kind", ["tube", "lien-vers-dev-zero"])
def test_template_that_is_not_a_regular_file_is_refused(
    workspace: Path, where: str, kind: str
) -> None:
    templates = _copy_templates(workspace / "modeles-hostiles")
    (templates / where).unlink()
    if kind == "tube":
        os.mkfifo(templates / where)
    else:
        (templates / where).symlink_to("/dev/zero")
    _assert_refused(workspace, templates, "ce n'est pas un fichier ordinaire", where)


_FIELD_RUNS = (
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
    "{}</w:instrText></w:r>"
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>x</w:t></w:r>'
    '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
)
_EXTERNAL_REL = (
    '<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/{}" Target="{}" TargetMode="External"/></Relationships>'
)


def _with_in_body(paragraph: str) -> bytes:
    parts = _template_parts()
    body = parts["word/document.xml"].decode().replace("<w:body>", f"<w:body>{paragraph}", 1)
    return _zip({**parts, "word/document.xml": body.encode()})


def _with_relationship(rels: str, kind: str, target: str) -> bytes:
    parts = _template_parts()
    text = parts.get(
        rels,
        b'<?xml version="1.0"?><Relationships xmlns="http://schemas.'
        b'openxmlformats.org/package/2006/relationships"></Relationships>',
    ).decode()
    text = text.replace("</Relationships>", _EXTERNAL_REL.format(kind, escape(target)))
    return _zip({**parts, rels: text.encode()})


ACTIVE: list[tuple[str, Callable[[], bytes], str]] = [
    (
        "champ-ddeauto",
        lambda: _with_in_body(
            "<w:p>"
            + _FIELD_RUNS.format('DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/c calc"')
            + "</w:p>"
        ),
        "champ Word « DDEAUTO",
    ),
    (
        "champ-includetext-en-morceaux",
        lambda: _with_in_body(
            "<w:p>"
            + _FIELD_RUNS.format("INCLUDE").replace(
                "</w:instrText>",
                '</w:instrText></w:r><w:r><w:instrText>TEXT "file:///etc/passwd"</w:instrText>',
                1,
            )
            + "</w:p>"
        ),
        "INCLUDETEXT",
    ),
    (
        # The instruction's start in the paragraph, its end in a text box inside it:
        # the paragraph reads both, the text box's own paragraph only the end.
        "champ-includetext-coupe-par-une-zone-de-texte",
        lambda: _with_in_body(
            '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            "<w:r><w:instrText>INCLUDE</w:instrText></w:r>"
            '<w:r><w:pict><v:textbox xmlns:v="urn:schemas-microsoft-com:vml">'
            "<w:txbxContent><w:p><w:r><w:instrText>TEXT &quot;file:///etc/passwd&quot;"
            "</w:instrText></w:r></w:p></w:txbxContent></v:textbox></w:pict></w:r>"
            '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        ),
        "INCLUDETEXT",
    ),
    (
        "champ-simple-includepicture",
        lambda: _with_in_body(
            '<w:p><w:fldSimple w:instr=" INCLUDEPICTURE &quot;\\\\serveur\\x.png&quot; \\d">'
            "<w:r><w:t>x</w:t></w:r></w:fldSimple></w:p>"
        ),
        "INCLUDEPICTURE",
    ),
    (
        "modele-attache-externe",
        lambda: _with_relationship(
            "word/_rels/settings.xml.rels", "attachedTemplate", "http://exemple.invalid/m.dotm"
        ),
        "relation externe interdite (attachedTemplate",
    ),
    (
        "image-liee-chemin-unc",
        lambda: _with_relationship(
            "word/_rels/document.xml.rels", "image", "\\\\serveur\\partage\\logo.png"
        ),
        "relation externe interdite (image",
    ),
    (
        "macros-vbaproject",
        lambda: _zip({**_template_parts(), "word/vbaProject.bin": b"\xd0\xcf\x11\xe0macros"}),
        "macros interdites",
    ),
]


@pytest.mark.parametrize(
    ("build", "words"), [(b, w) for _, b, w in ACTIVE], ids=[n for n, _, _ in ACTIVE]
)
def test_active_content_is_refused(workspace: Path, build: Callable[[], bytes], words: str) -> None:
    templates = _copy_templates(workspace / "modeles-hostiles")
    (templates / TEMPLATE).write_bytes(build())
    _assert_refused(workspace, templates, words, TEMPLATE)


def test_field_written_by_the_template_is_refused(workspace: Path) -> None:
    templates = _copy_templates(workspace / "modeles-hostiles")
    field = (
        '{{ \'</w:t></w:r><w:r><w:instrText>INCLUDETEXT "file:///etc/passwd"</w:instrText>'
        "</w:r><w:r><w:t>'|safe }}"
    )
    edit_docx_part(templates / TEMPLATE, "word/document.xml", replacing(SLOT, SLOT + escape(field)))
    _assert_refused(workspace, templates, "contenu actif", TEMPLATE)


def test_web_links_are_kept(workspace: Path) -> None:
    """An external hyperlink to a web page is not active content."""
    templates = _copy_templates(workspace / "modeles-liens")
    (templates / TEMPLATE).write_bytes(
        _with_relationship("word/_rels/document.xml.rels", "hyperlink", "https://exemple.fr/")
    )
    code, output = _generate(workspace, templates, workspace / "liens.docx")
    assert code == 0, output


@pytest.mark.parametrize(
    ("xml", "said"),
    [
        (b"<a><b></a>", "la balise « b » ouverte ligne 1 est fermée par « a » (ligne 1, colonne"),
        (b"<a>&nbsp;</a>", "entité « &nbsp; » inconnue en XML : écrivez le caractère lui-même"),
        (b"<a>& b</a>", "« & » seul : il s'écrit « &amp; » en XML"),
        (b"<a b=1/>", "valeur d'attribut sans guillemets"),
        (b"<w:p/>", "préfixe « w » de la balise « p » non déclaré"),
        (b"<a/><b/>", "texte après la fin du document"),
        (b"<a>", "le texte s'arrête avant la fin de la balise « a » ouverte ligne 1"),
    ],
)
def test_malformed_xml_is_told_in_french(xml: bytes, said: str) -> None:
    with pytest.raises(TemplateError) as refused:
        parse_part(xml, "modele.docx", "word/document.xml")
    assert said in str(refused.value), refused.value
    assert not re.search(r"\b(tag|Opening|expected|not defined|Premature)\b", str(refused.value))


def test_an_untranslated_xml_problem_keeps_libxml2_s_words() -> None:
    with pytest.raises(TemplateError, match=r"XML mal formé \(libxml2 : .+\)"):
        parse_part(b"<a><!-- x -- y --></a>", "modele.docx", "word/document.xml")
