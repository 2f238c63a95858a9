"""convgen installed anywhere: from a wheel, without POSIX-only modules, with French help."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import venv
import zipfile
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner, Result
from conftest import ROOT, edit_docx_part

from convgen.cli import main as cli
from convgen.rendering import engine

EXAMPLE = ROOT / "exemples" / "chrs-csapa-addictions.yaml"

# Run before convgen is imported: the modules and functions Windows lacks are removed.
WITHOUT_POSIX = textwrap.dedent(
    """
    import signal, sys
    for name in ("fcntl", "resource", "termios", "pwd", "grp"):
        sys.modules[name] = None
    for name in ("SIGALRM", "setitimer", "ITIMER_REAL"):
        if hasattr(signal, name):
            delattr(signal, name)
    from convgen.rendering import limits
    limits.MAX_RENDER_SECONDS = float(sys.argv.pop(1))
    from convgen.cli.main import main
    main(sys.argv[1:])
    """
)


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli.cli, [str(a) for a in args], catch_exceptions=False)


def _without_posix(
    folder: Path, seconds: float, *args: str | Path
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", WITHOUT_POSIX, str(seconds), *map(str, args)],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_cli_generates_a_document_without_any_posix_only_module(tmp_path: Path) -> None:
    result = _without_posix(tmp_path, 30, "--debug", "generer", EXAMPLE, "-o", "c.docx")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "c.docx").stat().st_size > 10_000
    assert "surveillance par un fil d'exécution" in result.stderr
    checked = _without_posix(tmp_path, 30, "valider", EXAMPLE)
    assert checked.returncode == 0, checked.stderr


@pytest.mark.lent
def test_the_watchdog_stops_a_runaway_template_where_signals_are_missing(tmp_path: Path) -> None:
    templates = tmp_path / "modeles"
    shutil.copytree(ROOT / "modeles", templates)
    edit_docx_part(
        templates / "convention_partenariat.docx",
        "word/document.xml",
        _in_the_first_text(
            "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}"
        ),
    )
    result = _without_posix(tmp_path, 1, "generer", EXAMPLE, "-o", "c.docx", "--modeles", templates)
    assert result.returncode == 1, result.stderr
    assert "le rendu dépasse 1 secondes" in result.stderr
    assert not (tmp_path / "c.docx").exists()


def _in_the_first_text(jinja: str) -> Callable[[bytes], bytes]:
    """An edit of word/document.xml: ``jinja`` put in the first paragraph's text."""

    def edit(data: bytes) -> bytes:
        body = data.decode("utf-8")
        start = re.search(r"<w:t(?: [^>]*)?>", body).end()  # type: ignore[union-attr]
        return (body[:start] + jinja + body[start:]).encode("utf-8")

    return edit


@pytest.mark.lent
def test_the_wheel_installed_in_a_fresh_venv_works_from_an_empty_folder(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    # Built from a copy: a wheel built in place also takes what an earlier build left in
    # build/, which would hide a file the configuration no longer ships.
    source = tmp_path / "source"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "build", "dist", "sortie", "*.egg-info", "__pycache__", ".*_cache"
        ),
    )
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-v", "-w", str(dist), str(source)],
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )
    # setuptools warns of a folder it would leave out (« Package would be ignored »).
    assert "would be ignored" not in built.stdout + built.stderr
    [wheel] = dist.glob("convgen-*.whl")
    with zipfile.ZipFile(wheel) as shipped:
        names = set(shipped.namelist())
    for pattern in ("modeles/*.docx", "modeles/fragments/*.docx", "exemples/*.yaml"):
        for shipped_file in ROOT.glob(pattern):
            assert f"convgen/{shipped_file.relative_to(ROOT).as_posix()}" in names
    environment = tmp_path / "venv"
    venv.create(environment, with_pip=True)
    python = environment / ("Scripts" if os.name == "nt" else "bin") / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(wheel)],
        check=True,
        capture_output=True,
        timeout=900,
    )
    convgen = python.with_name("convgen")
    empty = tmp_path / "vide"
    empty.mkdir()

    def command(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(convgen), *args],
            cwd=empty,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    created = command("nouveau", "convention_partenariat", "-o", "a.yaml")
    assert created.returncode == 0, created.stderr
    generated = command("generer", "a.yaml", "--brouillon")
    assert generated.returncode == 0, generated.stderr
    assert (empty / "a.docx").is_file()
    checked = command("modeles", "verifier")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "3 modèles : 0 erreur" in checked.stdout
    assert "/site-packages/" not in (empty / "a.yaml").read_text(encoding="utf-8")


def test_modeles_verifier_never_reports_success_for_a_template_it_did_not_render(
    tmp_path: Path,
) -> None:
    (tmp_path / "vide").mkdir()
    result = run("modeles", "verifier", "--exemples", tmp_path / "vide")
    assert result.exit_code == 1
    assert result.output.count("n'a été rendu avec ce modèle") == 3
    assert "3 modèles : 3 erreurs" in result.output


def test_a_single_template_copied_elsewhere_finds_the_shipped_fragments(tmp_path: Path) -> None:
    shutil.copy(ROOT / "modeles" / "charte_reseau.docx", tmp_path / "charte_reseau.docx")
    result = run("modeles", "verifier", tmp_path / "charte_reseau.docx")
    assert result.exit_code == 0, result.output
    assert "introuvable" not in result.output
    assert "1 modèle : 0 erreur" in result.output


def test_bare_convgen_prints_the_help_and_exits_0() -> None:
    result = run()
    assert result.exit_code == 0
    assert result.output.startswith("Utilisation : convgen [OPTIONS] COMMANDE")
    assert "Options :" in result.output
    assert "Commandes :" in result.output


def test_version_detail_lists_the_libraries_that_shape_the_documents() -> None:
    result = run("--version", "--detail")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("convgen ")
    assert {line.split()[0] for line in lines[1:]} == set(engine.SHAPING_LIBRARIES)


def test_debug_is_accepted_after_the_command_and_says_the_bounds(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "convgen", "valider", str(EXAMPLE), "--debug"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Débogage : rendu borné à 30 s" in result.stderr


def test_nouveau_help_lists_the_document_types() -> None:
    result = run("nouveau", "--help")
    for name in ("convention_partenariat", "charte_reseau", "convention_constitutive_gcsms"):
        assert f"  {name} : " in result.output


def test_click_errors_use_french_quotes_and_ranges() -> None:
    choice = run("relire", EXAMPLE, "--format", "pdf")
    assert choice.exit_code == 2
    assert "Valeur invalide pour « --format » : « pdf » n’est pas une valeur possible" in (
        choice.output
    )
    jobs = run("regenerer", ROOT / "exemples", "-o", "x", "--jobs", "0")
    assert "« -j » / « --jobs » : 0 n’est pas une valeur permise (1 ou plus)." in jobs.output
    assert "[1 ou plus]" in run("regenerer", "--help").output
    typo = run("regenerer", ROOT / "exemples", "-o", "x", "--frocer")
    assert typo.exit_code == 2
    assert (
        "Option « --frocer » inconnue. (Vouliez-vous dire : « --forcer », « --format » ?)"
        in typo.output
    )


def test_valider_json_gives_one_object_per_file_with_located_problems() -> None:
    broken = ROOT / "tests" / "entrees_invalides" / "gc-09-droits-total-faux.yaml"
    result = run("valider", "--format", "json", EXAMPLE, broken)
    assert result.exit_code == 1
    files = json.loads(result.output)
    assert [f["fichier"] for f in files] == [str(EXAMPLE), str(broken)]
    assert [f["valide"] for f in files] == [True, False]
    gc09 = next(p for p in files[1]["problemes"] if p["regle"] == "GC-09")
    assert gc09 == {
        "fichier": str(broken),
        "ligne": 43,
        "champ": "membres",
        "regle": "GC-09",
        "gravite": "erreur",
        "message": "Les droits statutaires totalisent 90 % au lieu de 100 %.",
    }


def test_a_library_upgrade_rebuilds_with_reason_moteur(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = json.loads(
        run("regenerer", ROOT / "exemples", "-o", tmp_path, "--format", "json").output
    )
    assert {d["statut"] for d in first["documents"]} == {"genere"}
    upgraded = {**engine.library_versions(), "docxtpl": "99.0"}
    monkeypatch.setattr(engine, "library_versions", lambda: upgraded)
    again = json.loads(
        run("regenerer", ROOT / "exemples", "-o", tmp_path, "--format", "json").output
    )
    assert {d["raison"] for d in again["documents"]} == {"moteur mis à jour"}


def test_the_schemas_have_an_id_and_accept_oui_and_non_like_convgen(tmp_path: Path) -> None:
    assert run("nouveau", "convention_partenariat", "-o", tmp_path / "a.yaml").exit_code == 0
    schema = json.loads((tmp_path / "convention_partenariat.schema.json").read_text("utf-8"))
    assert schema["$id"] == "urn:convgen:schema:convention_partenariat"
    boolean = schema["$defs"]["Evaluation"]["properties"]["bilan_final"]
    validator = jsonschema.Draft202012Validator(boolean)
    assert all(validator.is_valid(v) for v in (True, False, "oui", "Non", " OUI "))
    assert not validator.is_valid("peut-être")
    amount = jsonschema.Draft202012Validator(schema["$defs"]["Versement"]["properties"]["montant"])
    written = (12.5, "1 000,50", "1\u00a0000,50", "12500.50", "10 000 €", "7 800,00 EUR")
    assert all(amount.is_valid(v) for v in written)
    assert not any(amount.is_valid(v) for v in ("abc", "-3", -3, "10 000 $"))


def test_version_and_help_load_no_engine() -> None:
    """`convgen --version` answers without importing the schemas, docxtpl or babel."""
    probe = textwrap.dedent(
        """
        import sys
        from convgen.cli.main import main
        try:
            main(["--version"])
        except SystemExit:
            pass
        heavy = {"docxtpl", "babel", "pydantic", "convgen.schema.document", "lxml"}
        print(sorted(heavy & set(sys.modules)))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines()[-1] == "[]"


def test_regenerer_json_gives_each_document_its_located_problems(tmp_path: Path) -> None:
    inputs = tmp_path / "entrees"
    inputs.mkdir()
    shutil.copy(ROOT / "tests" / "entrees_invalides" / "gc-09-droits-total-faux.yaml", inputs)
    shutil.copy(EXAMPLE, inputs / "bonne.yaml")
    result = run("regenerer", inputs, "-o", tmp_path / "sortie", "--format", "json")
    assert result.exit_code == 1
    documents = {Path(d["entree"]).name: d for d in json.loads(result.output)["documents"]}
    failed = documents["gc-09-droits-total-faux.yaml"]
    assert failed["statut"] == "echec"
    gc09 = next(p for p in failed["problemes"] if p["regle"] == "GC-09")
    assert gc09["ligne"] == 43
    assert gc09["champ"] == "membres"
    assert gc09["gravite"] == "erreur"
    assert gc09["fichier"].endswith("gc-09-droits-total-faux.yaml")
    assert documents["bonne.yaml"]["problemes"] == []
