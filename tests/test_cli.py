"""The command line: French help and messages, exit codes, nothing written on error."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from conftest import ROOT, convention, edited_templates, set_path, write_yaml

import convgen.__main__  # noqa: F401 - adds the atelier command to the group
from convgen import __version__
from convgen.app import documents as app_documents
from convgen.app import regles as app_regles
from convgen.cli import main as cli
from convgen.rendering.store import default_templates_dir
from convgen.wordml.text import docx_text

EXAMPLE = ROOT / "exemples" / "chrs-csapa-addictions.yaml"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli.cli, [str(a) for a in args], catch_exceptions=False)


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.output == f"convgen {__version__}\n"


@pytest.mark.parametrize(
    "args", [["--help"], ["generer", "--help"], ["valider", "-h"], ["nouveau", "--help"]]
)
def test_help_is_in_french(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 0
    assert result.output.startswith("Utilisation : convgen")
    assert "Affiche cette aide et quitte." in result.output
    assert "Show this message" not in result.output
    assert "Usage:" not in result.output


def test_group_help_says_what_each_command_says_of_itself() -> None:
    """``convgen --help`` lists the commands from a table, without importing them: the
    table matches the list click would write from the commands' own help."""
    group = cli.cli
    context = click.Context(group, info_name="convgen")
    listed, own = click.HelpFormatter(width=100), click.HelpFormatter(width=100)
    group.format_commands(context, listed)
    click.Group.format_commands(group, context, own)
    assert listed.getvalue() == own.getvalue()
    assert "atelier" in listed.getvalue()


def _script(args: list[str], then: str) -> str:
    """The output of the ``convgen`` script run with ``args`` in a new interpreter
    (« code N » when it exits), followed by what the Python line ``then`` prints."""
    code = (
        "import gc, sys\n"
        "from convgen.__main__ import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit as exit:\n"
        "    print('code', exit.code)\n"
        f"{then}\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return result.stdout.rstrip()


def test_version_and_help_load_no_engine() -> None:
    """Start-up: the version and the list of commands import neither the schemas nor
    docxtpl (measured by ``make bench``, line « démarrage »)."""
    for args in (["--version"], ["--help"]):
        output = _script(
            args,
            "print('lourds:', [m for m in ('docxtpl', 'convgen.schema.document', 'babel',"
            " 'pydantic') if m in sys.modules])",
        )
        assert output.endswith("lourds: []"), (args, output)


def test_validation_loads_no_rendering_engine() -> None:
    """``valider`` reads and checks: docxtpl and pikepdf are for the commands that write."""
    output = _script(
        ["valider", str(EXAMPLE)],
        "print('lourds:', [m for m in ('docxtpl', 'pikepdf') if m in sys.modules])",
    )
    assert output.endswith("code 0\nlourds: []"), output


def test_the_script_freezes_what_its_command_imports() -> None:
    """The command's modules are imported with the cycle collector paused, then set aside
    from its passes; the collector runs again for the work. The version imports none."""
    for args, frozen in ((["--debug", "valider", "--help"], True), (["--version"], False)):
        output = _script(
            args, "print('gelés', gc.get_freeze_count() > 10_000, 'actif', gc.isenabled())"
        )
        assert output.endswith(f"gelés {frozen} actif True"), output


def test_group_help_lists_commands_in_french() -> None:
    output = run("--help").output
    assert "Commandes" in output
    for command in ("nouveau", "valider", "generer"):
        assert command in output


def test_usage_errors_exit_2_in_french() -> None:
    result = run("generer")
    assert result.exit_code == 2
    assert "Erreur : Argument manquant" in result.output
    result = run("commande-inconnue")
    assert result.exit_code == 2
    assert "Commande « commande-inconnue » inconnue." in result.output
    result = run("valider", "--option-inconnue", str(EXAMPLE))
    assert result.exit_code == 2
    assert "Option « --option-inconnue » inconnue." in result.output


def test_nouveau_prints_a_starter_that_validates_and_generates(tmp_path: Path) -> None:
    printed = run("nouveau", "convention_partenariat")
    assert printed.exit_code == 0
    # Printed, the starter names no schema: nothing would travel with it.
    assert (
        printed.output.split("\n")[0] == "# Convention de partenariat — fichier de départ convgen"
    )
    starter = tmp_path / "ma-convention.yaml"
    created = run("nouveau", "convention_partenariat", "-o", starter)
    assert created.exit_code == 0
    modeline, rest = starter.read_text(encoding="utf-8").split("\n", 1)
    # Written, it points to its schema beside it, by a relative name.
    assert modeline == "# yaml-language-server: $schema=convention_partenariat.schema.json"
    assert rest == printed.output
    assert (tmp_path / "convention_partenariat.schema.json").is_file()
    assert run("valider", starter).output.endswith("1 fichier : 0 erreur, 0 avertissement.\n")
    assert run("generer", starter).exit_code == 0
    assert (tmp_path / "ma-convention.docx").exists()


def test_nouveau_refuses_to_overwrite_without_forcer(tmp_path: Path) -> None:
    target = tmp_path / "existant.yaml"
    target.write_text("mes données", encoding="utf-8")
    result = run("nouveau", "convention_partenariat", "-o", target)
    assert result.exit_code == 1
    assert "le fichier existe déjà (utilisez --forcer pour le remplacer)" in result.output
    assert target.read_text(encoding="utf-8") == "mes données"
    assert run("nouveau", "convention_partenariat", "-o", target, "--forcer").exit_code == 0


def test_nouveau_into_a_missing_folder_names_the_file_asked_for(tmp_path: Path) -> None:
    target = tmp_path / "nouveaux" / "x.yaml"
    result = run("nouveau", "convention_partenariat", "-o", target)
    assert result.exit_code == 1
    assert f"Erreur : {target}: le dossier de destination n'existe pas" in result.output
    assert "schema.json" not in result.output
    assert not (tmp_path / "nouveaux").exists()


def test_nouveau_unknown_type() -> None:
    result = run("nouveau", "contrat")
    assert result.exit_code == 2
    assert "« contrat » n’est pas une valeur possible" in result.output


def test_valider_reports_every_problem_of_every_file(tmp_path: Path) -> None:
    bad = write_yaml(tmp_path / "a.yaml", set_path(convention(), "parties.0.siren", "784512361"))
    worse = tmp_path / "b.yaml"
    worse.write_text("type: convention_partenariat\ntitre: [\n", encoding="utf-8")
    result = run("valider", bad, EXAMPLE, worse)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any(line.startswith(f"{bad}:") and line.endswith("[ID-01]") for line in lines)
    assert (
        f"{worse}:3: syntaxe YAML invalide : fin de fichier inattendue (crochet, accolade ou "
        "guillemet non fermé ?) (colonne 1)" in lines
    )
    assert any(line.endswith("[ID-03]") for line in lines)  # the SIRET no longer matches
    assert lines[-1] == "3 fichiers : 3 erreurs, 0 avertissement."


def test_valider_checks_the_inputs_of_a_folder_as_regenerer_walks_it(tmp_path: Path) -> None:
    """An IT person checks hundreds of files: a folder is walked with its sub-folders,
    its other files and hidden entries left aside; an empty one is said."""
    folder = tmp_path / "entrees"
    (folder / "sous").mkdir(parents=True)
    write_yaml(folder / "sous" / "a.yaml", set_path(convention(), "parties.0.siren", "784512361"))
    write_yaml(folder / "b.yml", convention())
    (folder / "notes.txt").write_text("à relire", encoding="utf-8")
    (folder / ".brouillon.yaml").write_text("titre: [\n", encoding="utf-8")
    result = run("valider", folder, EXAMPLE)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any(line.startswith(f"{folder / 'sous' / 'a.yaml'}:") for line in lines)
    assert lines[-1].startswith("3 fichiers : ")
    assert "brouillon" not in result.output
    empty = tmp_path / "vide"
    empty.mkdir()
    refused = run("valider", empty)
    assert refused.exit_code == 2
    assert f"aucun fichier d'entrée (.yaml, .yml, .json) dans {empty}" in refused.output


def test_valider_warnings_exit_0_unless_strict(tmp_path: Path) -> None:
    path = write_yaml(tmp_path / "c.yaml", set_path(convention(), "parties.1.assurance", None))
    relaxed = run("valider", path)
    assert relaxed.exit_code == 0
    assert "(avertissement) Indiquez l'assurance responsabilité civile du CSAPA. [CP-14]" in (
        relaxed.output
    )
    strict = run("valider", "--strict", path)
    assert strict.exit_code == 1
    assert "1 fichier : 1 erreur, 0 avertissement." in strict.output


def test_generer_writes_the_document(tmp_path: Path) -> None:
    target = tmp_path / "sortie.docx"
    result = run("generer", EXAMPLE, "-o", target)
    assert result.exit_code == 0
    assert result.output == f"Document produit (version définitive) : {target}\n"
    assert target.read_bytes()[:2] == b"PK"


def test_generer_invalid_input_writes_nothing_and_keeps_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "sortie.docx"
    target.write_bytes(b"version approuvee")
    bad = write_yaml(tmp_path / "bad.yaml", set_path(convention(), "signature.nombre_originaux", 1))
    result = run("generer", bad, "-o", target)
    assert result.exit_code == 1
    assert "Le nombre d'exemplaires originaux (1) est inférieur au nombre de signataires (2)." in (
        result.output
    )
    assert "Aucun document n'a été produit." in result.output
    assert target.read_bytes() == b"version approuvee"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml", "sortie.docx"]


def test_generer_final_refuses_missing_information_draft_accepts(tmp_path: Path) -> None:
    path = write_yaml(tmp_path / "projet.yaml", set_path(convention(), "signature.date", None))
    final = run("generer", path)
    assert final.exit_code == 1
    assert "Date de signature à compléter avant la version définitive" in final.output
    assert not (tmp_path / "projet.docx").exists()
    draft = run("generer", path, "--brouillon")
    assert draft.exit_code == 0
    assert "Document produit (projet)" in draft.output
    assert (tmp_path / "projet.docx").exists()


def test_generer_refuses_to_overwrite_its_input(tmp_path: Path) -> None:
    source = tmp_path / "c.docx"
    source.write_bytes(b"x")
    result = run("generer", source, "-o", source)
    assert result.exit_code == 2
    assert "remplacerait le fichier d'entrée" in result.output


def test_generer_refuses_to_overwrite_a_template_it_reads(tmp_path: Path) -> None:
    folder = tmp_path / "modeles"
    shutil.copytree(default_templates_dir(), folder)
    for template in [folder / "convention_partenariat.docx", folder / "fragments/signatures.docx"]:
        before = template.read_bytes()
        result = run("generer", EXAMPLE, "--modeles", folder, "-o", template)
        assert result.exit_code == 2
        assert f"remplacerait le modèle « {template.name} »" in result.output
        assert template.read_bytes() == before


def test_generer_refuses_a_template_with_an_unknown_variable_even_in_a_branch_not_taken(
    tmp_path: Path,
) -> None:
    typo = "{% if parties|length > 99 %}{{ convention.preavis_special }}{% endif %}"
    folder = edited_templates(
        tmp_path / "modeles", "fragments/signatures.docx", "Fait à", typo + "Fait à"
    )
    result = run("generer", EXAMPLE, "--modeles", folder, "-o", tmp_path / "c.docx")
    assert result.exit_code == 1
    assert "signatures.docx: modèle à corriger" in result.output
    assert "variable inconnue « convention.preavis_special »" in result.output
    assert not (tmp_path / "c.docx").exists()


def test_generer_accepts_the_names_a_template_binds_itself(tmp_path: Path) -> None:
    """Macros and their parameters, ``set`` blocks and pairs, ``with``, a call block's
    ``caller``: names of the template, not variables of the document."""
    own = (
        "{% macro m(x, y=parties|length) %}{{ x }}{{ y }}{{ caller() }}{% endmacro %}"
        "{% set bloc %}b{% endset %}{% set p, q = 1, 2 %}{% with z = 3 %}{{ z }}{% endwith %}"
        "{% call m(bloc) %}{{ p }}{{ q }}{% endcall %}"
    )
    folder = edited_templates(
        tmp_path / "modeles",
        "convention_partenariat.docx",
        "{{ convention.titre }}",
        own + "{{ convention.titre }}",
    )
    result = run("generer", EXAMPLE, "--modeles", folder, "-o", tmp_path / "c.docx")
    assert result.exit_code == 0, result.output
    assert "3b212" in docx_text((tmp_path / "c.docx").read_bytes())


@pytest.mark.parametrize(
    "own",
    [
        "{% for k, v in ref.items() %}{% endfor %}{{ ref.get('x', '') }}"
        "{{ articles.keys()|list|length }}",
        "{% for k in ref %}{% endfor %}"
        "{% for (a, b), c in [((1, 2), 3)] %}{{ a }}{{ c }}{% endfor %}",
        "{% macro m(a, b=a) %}{{ b }}{% endmacro %}{{ m(1) }}",
        "{% if convention.option_future is defined %}{{ convention.option_future }}{% endif %}",
        "{{ convention.option_future|default('') }}",
        "{% set ns = namespace(n=0) %}{% for p in parties %}{% set ns.n = ns.n + 1 %}"
        "{{ loop.index }}{% endfor %}{{ ns.n }}",
    ],
)
def test_generer_accepts_jinja_s_own_ways_of_naming_things(tmp_path: Path, own: str) -> None:
    """What the template check must not take for unknown variables, now that generer
    refuses a template it finds one in: mapping methods and keys, nested loop targets,
    a macro default naming a parameter, a variable guarded by « is defined » or
    « default », a namespace."""
    folder = edited_templates(
        tmp_path / "modeles",
        "convention_partenariat.docx",
        "{{ convention.titre }}",
        own + "{{ convention.titre }}",
    )
    result = run("generer", EXAMPLE, "--modeles", folder, "-o", tmp_path / "c.docx")
    assert result.exit_code == 0, result.output


def test_generer_with_a_fragment_that_includes_itself_in_a_branch_not_taken(
    tmp_path: Path,
) -> None:
    """The check of the template's variables walked it for ever (an internal error)."""
    loop = '{% if parties|length > 99 %}{% include "signatures.docx" %}{% endif %}'
    folder = edited_templates(
        tmp_path / "modeles", "fragments/signatures.docx", "Fait à", loop + "Fait à"
    )
    result = run("generer", EXAMPLE, "--modeles", folder, "-o", tmp_path / "c.docx")
    assert result.exit_code == 0, result.output


def test_generer_missing_input_file(tmp_path: Path) -> None:
    result = run("generer", tmp_path / "absent.yaml")
    assert result.exit_code == 1
    assert "absent.yaml: fichier introuvable" in result.output


def test_generer_with_a_broken_template_folder(tmp_path: Path) -> None:
    (tmp_path / "convention_partenariat.docx").write_bytes(b"pas un docx")
    result = run("generer", EXAMPLE, "-o", tmp_path / "x.docx", "--modeles", tmp_path)
    assert result.exit_code == 1
    assert "convention_partenariat.docx: ce n'est pas un document Word (.docx)" in result.output
    assert not (tmp_path / "x.docx").exists()


def test_internal_error_exits_3_and_saves_the_trace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def bug(*_: object, **__: object) -> None:
        raise ZeroDivisionError("bogue simulé")

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    # Where the trace was written before: a link planted there is never followed.
    victim = tmp_path / "victime.txt"
    victim.write_text("intact")
    (tmp_path / "convgen-erreur-interne.txt").symlink_to(victim)
    monkeypatch.setattr(app_documents, "check_files", bug)
    result = run("valider", EXAMPLE)
    assert result.exit_code == 3
    assert "Erreur interne de convgen" in result.output
    assert "bogue simulé" not in result.output
    (trace,) = tmp_path.glob(f"{cli.TRACE_PREFIX}*.txt")
    assert f"Détail enregistré dans {trace}." in result.output
    assert "ZeroDivisionError: bogue simulé" in trace.read_text()
    assert stat.S_IMODE(trace.stat().st_mode) == 0o600
    assert victim.read_text() == "intact"
    debug = run("--debug", "valider", EXAMPLE)
    assert "ZeroDivisionError: bogue simulé" in debug.output


def test_an_internal_error_names_the_file_being_processed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def bug(*_: object, **__: object) -> None:
        raise ZeroDivisionError("bogue simulé")

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(app_documents, "validate", bug)
    result = run("valider", EXAMPLE)
    assert result.exit_code == 3
    assert f"Erreur interne de convgen en traitant {EXAMPLE} (merci de la signaler)" in (
        result.output
    )


def test_json_input_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text(json.dumps(convention(), ensure_ascii=False), encoding="utf-8")
    assert run("valider", path).exit_code == 0


def test_texte_prints_the_text_of_a_document(tmp_path: Path) -> None:
    target = tmp_path / "c.docx"
    assert run("generer", EXAMPLE, "-o", target).exit_code == 0
    result = run("texte", target)
    assert result.exit_code == 0
    golden = (ROOT / "tests" / "golden" / "chrs-csapa-addictions.txt").read_text(encoding="utf-8")
    assert result.output == golden


def test_texte_refuses_what_is_not_a_docx(tmp_path: Path) -> None:
    result = run("texte", EXAMPLE)
    assert result.exit_code == 1
    assert "ce n'est pas un document Word (.docx)" in result.output


def test_texte_shows_the_tags_of_a_template_for_git_diff() -> None:
    result = run("texte", ROOT / "modeles" / "convention_partenariat.docx")
    assert result.exit_code == 0
    assert "## Article {{ articles.objet.numero }} – Objet" in result.output
    assert '{%p include "partage_information.docx" %}' in result.output


def test_output_closed_early_stops_the_command_without_an_internal_error() -> None:
    """``convgen regles | head -1``: the reader is gone before the command writes (a pipe
    whose reading end is already closed, whatever the size of the output)."""
    read, write = os.pipe()
    os.close(read)
    try:
        process = subprocess.run(
            [sys.executable, "-m", "convgen", "regles"],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            timeout=120,
        )
    finally:
        os.close(write)
    assert process.returncode == 141
    assert process.stderr == ""  # neither « Erreur interne » nor a traceback


def test_a_broken_pipe_other_than_the_output_is_an_internal_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A pipe to a subprocess or a server breaking is a fault, not a reader leaving."""

    def broken(*_: object, **__: object) -> None:
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(app_regles, "catalogue", broken)
    result = CliRunner().invoke(cli.cli, ["regles"])
    assert result.exit_code == 3
