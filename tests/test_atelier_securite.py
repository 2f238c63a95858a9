"""convgen atelier refuses what it must: no token, another Host, no CSRF token, a body too
large, a file outside the working folder; and it serves every page of every document type.
Plain HTTP against the real server."""

from __future__ import annotations

import datetime as dt
import html
import http.client
import json
import re
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest
from atelier_support import Running, running_atelier
from conftest import ROOT, edit_docx_part, replacing

from convgen.errors import ConvgenError
from convgen.loading import read_input
from convgen.web.security import COOKIE, MAX_BODY

EXAMPLE = ROOT / "exemples" / "chrs-csapa-addictions.yaml"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    work = tmp_path / "travail"
    work.mkdir()
    shutil.copy(EXAMPLE, work / "convention.yaml")
    return work


def test_without_the_token_every_request_is_refused_with_it_a_cookie_is_set(folder: Path) -> None:
    with running_atelier(folder) as atelier:
        token = atelier.state.keys.token
        for path in ("/", "/section/titre", "/static/atelier.css", "/telecharger/brouillon.docx"):
            assert atelier.request("GET", path).status == 403
        assert atelier.request("GET", "/?jeton=faux").status == 403
        wrong_cookie = {"Cookie": f"{COOKIE}=faux"}
        assert atelier.request("GET", "/", headers=wrong_cookie).status == 403
        answer = atelier.request("GET", f"/?jeton={token}")
        assert answer.status == 303
        assert answer.getheader("Location", "").endswith("/")  # the token leaves the URL
        cookie = answer.getheader("Set-Cookie", "")
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie
        good = {"Cookie": f"{COOKIE}={token}"}
        page = atelier.request("GET", "/", headers=good)
        assert page.status == 200
        assert "default-src 'self'" in page.getheader("Content-Security-Policy", "")


def test_another_host_is_refused_even_with_the_token(folder: Path) -> None:
    with running_atelier(folder) as atelier:
        token = atelier.state.keys.token
        good = {"Cookie": f"{COOKIE}={token}"}
        port = atelier.state.keys.port
        for host in ("evil.example", f"evil.example:{port}", "127.0.0.1", "127.0.0.1:1"):
            assert atelier.request("GET", "/", headers={**good, "Host": host}).status == 403
        assert (
            atelier.request("GET", "/", headers={**good, "Host": f"localhost:{port}"}).status == 200
        )
        other_origin = {**good, "Origin": "http://evil.example"}
        assert atelier.request("POST", "/ouvrir", body="nom=x", headers=other_origin).status == 403


def test_a_post_without_the_csrf_token_changes_nothing(folder: Path) -> None:
    with running_atelier(folder) as atelier:
        keys = atelier.state.keys
        good = {"Cookie": f"{COOKIE}={keys.token}"}
        for body in ("nom=convention.yaml", "nom=convention.yaml&_csrf=faux"):
            assert atelier.request("POST", "/ouvrir", body=body, headers=good).status == 403
            assert atelier.state.draft is None
        body = f"nom=convention.yaml&_csrf={keys.csrf}"
        assert atelier.request("POST", "/ouvrir", body=body, headers=good).status == 303
        assert atelier.state.draft is not None


def test_a_body_too_large_is_refused(folder: Path) -> None:
    with running_atelier(folder) as atelier:
        good = {"Cookie": f"{COOKIE}={atelier.state.keys.token}"}
        body = "nom=" + "x" * (MAX_BODY + 1)
        assert atelier.request("POST", "/ouvrir", body=body, headers=good).status == 413


def test_nothing_is_read_or_written_outside_the_working_folder(
    tmp_path: Path, folder: Path
) -> None:
    outside = tmp_path / "ailleurs.yaml"
    shutil.copy(EXAMPLE, outside)
    (folder / "lien.yaml").symlink_to(outside)
    with running_atelier(folder) as atelier:
        keys = atelier.state.keys
        good = {"Cookie": f"{COOKIE}={keys.token}"}
        assert atelier.state.folder.inputs() == ["convention.yaml"]
        for name in ("../ailleurs.yaml", "lien.yaml", "/etc/passwd", "sous/x.yaml", ".cache.yaml"):
            body = f"nom={name}&_csrf={keys.csrf}"
            assert atelier.request("POST", "/ouvrir", body=body, headers=good).status == 303
            assert atelier.state.draft is None
            assert atelier.state.errors  # the refusal is shown on the first page
            atelier.state.errors = []
        body = f"nom=convention.yaml&_csrf={keys.csrf}"
        atelier.request("POST", "/ouvrir", body=body, headers=good)
        before = outside.read_bytes()
        for name in ("../ailleurs.yaml", "lien.yaml"):
            body = f"nom={name}&_csrf={keys.csrf}"
            atelier.request("POST", "/enregistrer", body=body, headers=good)
            assert atelier.state.errors
            atelier.state.errors = []
        assert outside.read_bytes() == before
        assert sorted(p.name for p in folder.iterdir()) == ["convention.yaml", "lien.yaml"]


def test_a_hostile_file_is_refused_as_on_the_command_line(folder: Path) -> None:
    hostile = folder / "bombe.yaml"
    hostile.write_text("type: convention_partenariat\ntitre: a\ntitre: b\n", encoding="utf-8")
    with pytest.raises(ConvgenError) as on_the_command_line:
        read_input(hostile)
    with running_atelier(folder) as atelier:
        keys = atelier.state.keys
        good = {"Cookie": f"{COOKIE}={keys.token}"}
        body = f"nom=bombe.yaml&_csrf={keys.csrf}"
        atelier.request("POST", "/ouvrir", body=body, headers=good)
        assert atelier.state.draft is None
        assert atelier.state.errors == [str(on_the_command_line.value)]


@pytest.mark.parametrize("start", ["convention_partenariat", "charte_reseau", "gcsms"])
def test_every_page_of_every_document_type_is_served(tmp_path: Path, start: str) -> None:
    """A starter of each type (every section, every kind of question) and its example."""
    example = {
        "convention_partenariat": "cada-empp-sante-mentale.yaml",
        "charte_reseau": "charte-reseau-sante-precarite.yaml",
        "gcsms": "gcsms-mixte-ccas-ehpad.yaml",
    }[start]
    shutil.copy(ROOT / "exemples" / example, tmp_path / example)
    type_name = "convention_constitutive_gcsms" if start == "gcsms" else start
    with running_atelier(tmp_path) as atelier:
        keys = atelier.state.keys
        good = {"Cookie": f"{COOKIE}={keys.token}"}
        for form in (f"type={type_name}&depart=modele", f"nom={example}"):
            route = "/nouveau" if form.startswith("type") else "/ouvrir"
            assert (
                atelier.request(
                    "POST", route, body=f"{form}&_csrf={keys.csrf}", headers=good
                ).status
                == 303
            )
            draft = atelier.state.draft
            assert draft is not None and draft.doc_type.name == type_name
            for section in draft.sections:
                shown = atelier.request("GET", f"/section/{section.key}?verifier=1", headers=good)
                assert shown.status == 200, section.key
            for path in ("/problemes", "/resultat", "/regles"):
                assert atelier.request("GET", path, headers=good).status == 200


def test_a_section_sent_to_leave_goes_only_to_a_page_of_the_atelier(folder: Path) -> None:
    with running_atelier(folder, "convention.yaml") as atelier:
        keys = atelier.state.keys
        good = {"Cookie": f"{COOKIE}={keys.token}"}
        for target, expected in (
            ("/problemes", "/problemes"),
            ("//ailleurs.example/x", "/section/titre?verifier=1"),
            ("https://ailleurs.example/", "/section/titre?verifier=1"),
        ):
            body = f"_csrf={keys.csrf}&_action=aller&_aller={quote(target, safe='')}"
            answer = atelier.request("POST", "/section/titre", body=body, headers=good)
            assert answer.status == 303
            assert answer.getheader("Location") == expected, target


def _body(atelier: Running, path: str, headers: dict[str, str]) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", atelier.state.keys.port, timeout=10)
    connection.request(
        "GET", path, headers={"Host": f"127.0.0.1:{atelier.state.keys.port}", **headers}
    )
    text = connection.getresponse().read().decode("utf-8")
    connection.close()
    return html.unescape(text)


def _refused_download(atelier: Running) -> str:
    """The result page the atelier goes back to when the draft cannot be made."""
    good = {"Cookie": f"{COOKIE}={atelier.state.keys.token}"}
    answer = atelier.request("GET", "/telecharger/brouillon.docx", headers=good)
    assert answer.status == 303 and answer.getheader("Location") == "/resultat"
    return _body(atelier, "/resultat", good)


def test_a_draft_that_cannot_be_made_names_the_answer_instead_of_a_download(
    folder: Path,
) -> None:
    """A word typed where a number is asked: the download goes back to the result page,
    which names the answer and offers no document until it is corrected."""
    text = (folder / "convention.yaml").read_text(encoding="utf-8")
    (folder / "convention.yaml").write_text(
        text.replace("duree_mois: 36", "duree_mois: trois ans"), encoding="utf-8"
    )
    with running_atelier(folder, "convention.yaml") as atelier:
        page = _refused_download(atelier)
        assert "Le document n'a pas pu être produit : donnez ou corrigez d'abord les" in page
        assert "Le document ne peut pas encore être produit, même en projet" in page
        assert "une réponse obligatoire manque ou ne peut pas être lue (1 problème)" in page
        assert (
            "Durée › Durée en mois" in page
            and "/section/duree?verifier=1#q-duree-duree_mois" in page
        )
        assert "/telecharger/" not in page


def test_a_download_keeps_the_accents_of_its_file_name(folder: Path) -> None:
    shutil.copy(folder / "convention.yaml", folder / "Convention réseau.yaml")
    with running_atelier(folder, "Convention réseau.yaml") as atelier:
        good = {"Cookie": f"{COOKIE}={atelier.state.keys.token}"}
        answer = atelier.request("GET", "/telecharger/brouillon.docx", headers=good)
        assert answer.status == 200
        assert answer.getheader("Content-Disposition") == (
            "attachment; filename*=utf-8''Convention%20r%C3%A9seau.projet.docx"
        )
        page = _body(atelier, "/resultat", good)
        assert '<a href="/telecharger/brouillon.docx">' in page  # no « download »: see above


def test_problems_name_the_questions_not_the_yaml_keys(tmp_path: Path) -> None:
    work = tmp_path / "travail"
    work.mkdir()
    text = (ROOT / "exemples" / "protection-enfance-reseau-local.yaml").read_text("utf-8")
    opposed = text.replace("droit_opposition: false ", "droit_opposition: true  ", 1)
    (work / "enfance.yaml").write_text(opposed, encoding="utf-8")
    with running_atelier(work, "enfance.yaml") as atelier:
        page = _body(atelier, "/problemes", {"Cookie": f"{COOKIE}={atelier.state.keys.token}"})
        assert "retirez la mention d'opposition (« Droit d’opposition » : non)" in page
        assert "(droit_opposition: false)" not in page


def _unsigned_with_a_wrong_siret(tmp_path: Path) -> Path:
    """A folder whose convention has no signature yet and a SIRET that fails its key."""
    work = tmp_path / "travail"
    work.mkdir()
    text = EXAMPLE.read_text("utf-8")
    start = text.index("\nsignature:")
    end = text.find("\n\n", start + 1)
    unsigned = text[:start] + (text[end:] if end != -1 else "\n")
    unsigned = unsigned.replace('siret: "78451236000016"', 'siret: "78451236000017"')
    (work / "convention.yaml").write_text(unsigned, encoding="utf-8")
    return work


def test_a_section_is_checked_before_the_whole_document_is_filled(tmp_path: Path) -> None:
    """The signature not given yet: the parties' legal problems are shown all the same."""
    with running_atelier(_unsigned_with_a_wrong_siret(tmp_path), "convention.yaml") as atelier:
        good = {"Cookie": f"{COOKIE}={atelier.state.keys.token}"}
        page = _body(atelier, "/problemes", good)
        assert "champ obligatoire manquant" in page  # the signature, not given yet
        assert "Le numéro SIRET « 78451236000017 » est invalide" in page and "[ID-02]" in page


def test_the_result_page_tells_what_stops_the_draft_from_what_stops_the_final_version(
    tmp_path: Path,
) -> None:
    """The signature not given and a SIRET that fails its key: only the first stops the
    draft; the second is listed after it, as stopping the final version only."""
    with running_atelier(_unsigned_with_a_wrong_siret(tmp_path), "convention.yaml") as atelier:
        page = _body(atelier, "/resultat", {"Cookie": f"{COOKIE}={atelier.state.keys.token}"})
        first, _, then = page.partition("Le projet pourra alors être téléchargé")
        assert "même en projet" in first and "champ obligatoire manquant" in first
        assert "78451236000017" not in first
        assert "empêchera encore la version définitive" in then or "empêcheront encore" in then
        assert "Le numéro SIRET « 78451236000017 » est invalide" in then


def test_a_template_that_fails_is_told_on_the_page_not_as_a_server_error(
    folder: Path, tmp_path: Path
) -> None:
    templates = Path(shutil.copytree(ROOT / "modeles", tmp_path / "modeles"))
    edit_docx_part(
        templates / "convention_partenariat.docx",
        "word/document.xml",
        # The title kept: a template that no longer prints it is refused before any render.
        replacing(
            "{{ convention.titre }}",
            "{{ convention.titre }}{{ duree.motif_retroactivite }}",
            count=1,
        ),
    )
    with running_atelier(folder, "convention.yaml") as atelier:
        atelier.state.templates_dir = templates
        page = _refused_download(atelier)
        assert "Le modèle Word n'a pas pu produire ce document (vos réponses n'y sont " in page
        assert "une valeur absente serait imprimée « None »" in page
        # The preview says the same, not « quand les informations obligatoires seront données ».
        assert "Le modèle Word n'a pas pu produire ce document : vos réponses n'y sont" in page
        assert "L'aperçu paraîtra quand" not in page


def test_a_section_checked_without_problem_says_so_and_the_icon_is_served(folder: Path) -> None:
    with running_atelier(folder, "convention.yaml") as atelier:
        good = {"Cookie": f"{COOKIE}={atelier.state.keys.token}"}
        page = _body(atelier, "/section/titre?verifier=1", good)
        assert "Aucun problème dans cette section." in page
        assert "Aucun problème" not in _body(atelier, "/section/titre", good)  # not checked
        icon = atelier.request("GET", "/static/favicon.svg", headers=good)
        assert icon.status == 200
        assert icon.getheader("Content-Type", "").startswith("image/svg+xml")


def test_the_rules_page_explains_each_rule_in_plain_words(folder: Path) -> None:
    """The catalogue of ``convgen regles``: force, explanation, source cited in full; no
    internal source number (« S27 ») nor « Niveau C »."""
    with running_atelier(folder, "convention.yaml") as atelier:
        page = _body(atelier, "/regles", {"Cookie": f"{COOKIE}={atelier.state.keys.token}"})
        assert '<dt id="GC-10">GC-10 — ' in page
        assert "Les droits des membres sont proportionnels à leurs apports" in page
        gc10 = page.split('<dt id="GC-10">')[1].split("<dt ")[0]
        assert "Exigé par la loi (texte) — bloque la version définitive — source : Code de" in gc10
        pi05 = page.split('<dt id="PI-05">')[1].split("<dt ")[0]
        assert "sauf certains cas, signalés par un avertissement" in pi05
        assert not re.search(r"\bS\d\d\b", page)
        assert "Niveau C" not in page


def test_the_text_preview_shows_tables_and_lists_not_the_text_view_s_markup(
    folder: Path,
) -> None:
    """The identity sheets as a table, the objectives as a list; no « | … | » row, no
    « [pied de page] Page 1 / 1 » (a page number on the screen)."""
    with running_atelier(folder, "convention.yaml") as atelier:
        page = _body(atelier, "/resultat", {"Cookie": f"{COOKIE}={atelier.state.keys.token}"})
        preview = page.split('id="titre-apercu"')[1]
        assert "<td>Dénomination</td>" in preview and "<li>" in preview
        assert "| Dénomination |" not in preview
        assert "[pied de page]" not in preview and "[en-tête]" not in preview


def test_a_final_version_comes_with_its_final_review_pack(folder: Path) -> None:
    """Once nothing blocks the final version, the lawyer's pack is offered for it too:
    only the draft's was, under « relecture-projet »."""
    with running_atelier(folder, "convention.yaml") as atelier:
        good = {"Cookie": f"{COOKIE}={atelier.state.keys.token}"}
        page = _body(atelier, "/resultat", good)
        assert "Aucun problème bloquant : la version définitive peut être produite." in page
        assert (
            '<a href="/telecharger/relecture-definitive.docx">Dossier de relecture pour le '
            "juriste (version définitive)</a>" in page
        )
        answer = atelier.request("GET", "/telecharger/relecture-definitive.docx", headers=good)
        assert answer.status == 200
        assert answer.getheader("Content-Disposition") == (
            'attachment; filename="convention.relecture.docx"'
        )


def test_the_atelier_s_review_pack_speaks_as_the_atelier() -> None:
    """The pack made in the atelier names the questions, not the YAML keys, and the
    page's button, not the command's option."""
    from convgen.app import atelier  # noqa: PLC0415
    from convgen.app.templates import default_templates_dir  # noqa: PLC0415
    from convgen.validation.validator import Options, validate  # noqa: PLC0415
    from convgen.wordml.text import docx_text  # noqa: PLC0415

    raw = read_input(EXAMPLE)
    del raw.data["objet"]
    validation = validate(raw, Options(today=dt.date(2026, 12, 7)))  # as the atelier checks
    text = docx_text(atelier.review_pack(validation, default_templates_dir(), draft=True))
    assert "--brouillon" not in text
    assert "(ou téléchargez le projet)" in text


def test_the_result_and_problems_pages_list_the_sections(folder: Path) -> None:
    """A section without problems (Communication…) was reachable from neither page: the
    director went back to the first section through the home page."""
    with running_atelier(folder, "convention.yaml") as atelier:
        good = {"Cookie": f"{COOKIE}={atelier.state.keys.token}"}
        for path in ("/resultat", "/problemes"):
            page = _body(atelier, path, good)
            assert '<nav class="sections" aria-label="Sections du document">' in page, path
            assert 'href="/section/communication"' in page, path
            assert 'aria-current="step"' not in page, path


def _checked_section(tmp_path: Path, data: dict[str, object], address: str) -> str:
    """The page of a section checked (``address``), the atelier opened on ``data``."""
    work = tmp_path / "travail"
    work.mkdir()
    (work / "convention.yaml").write_text(
        json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8"
    )
    with running_atelier(work, "convention.yaml") as atelier:
        good = {"Cookie": f"{COOKIE}={atelier.state.keys.token}"}
        return _body(atelier, address, good)


def test_a_section_s_summary_lists_what_blocks_first_each_labelled(tmp_path: Path) -> None:
    """« 10 problèmes dans cette section »: the two errors were mixed among eight warnings,
    out of page order; which blocked was said only on the problems page."""
    data = read_input(EXAMPLE).data
    data["parties"][0].pop("referent", None)  # a warning, on the first party
    data["parties"][1]["siret"] = "78451236000017"  # an error (its key), on the second
    page = _checked_section(tmp_path, data, "/section/parties?verifier=1")
    summary = page.split('id="resume"', 1)[1].split("</div>", 1)[0]
    heading = re.search(r"<h2>(.*?)</h2>", summary)
    assert heading is not None and re.fullmatch(
        r"\d+ problèmes dans cette section : \d+ erreurs?, \d+ avertissements?", heading[1]
    ), heading
    labels = re.findall(r"<strong>(Erreur|Avertissement)</strong>", summary)
    assert labels and "Erreur" in labels and "Avertissement" in labels
    assert labels == sorted(labels, key=lambda label: label != "Erreur")  # errors first


def test_a_section_with_warnings_only_is_not_announced_as_blocked(tmp_path: Path) -> None:
    """The director saw the red box, read out as an alert, over a section whose only
    problems were warnings: nothing there stopped the final version."""
    data = read_input(EXAMPLE).data
    data["parties"][0].pop("referent", None)  # a warning, and nothing else
    page = _checked_section(tmp_path, data, "/section/parties?verifier=1")
    box = re.search(r'<div class="([^"]+)" role="([^"]+)" tabindex="-1" id="resume">', page)
    assert box is not None and box.groups() == ("resume-avertissements", "status"), box
    summary = page.split('id="resume"', 1)[1].split("</div>", 1)[0]
    assert "<strong>Avertissement</strong>" in summary
    assert "<strong>Erreur</strong>" not in summary
    heading = re.search(r"<h2>(.*?)</h2>", summary)
    assert heading is not None and heading[1] == (
        "1 avertissement dans cette section, qui n’empêche pas la version définitive"
    ), heading


def test_a_note_is_counted_as_a_note_not_as_a_warning(tmp_path: Path) -> None:
    """A preamble citing an article gets a note (TX-05, « information »): the summary said
    « 1 avertissement » above an item labelled « Information »."""
    data = read_input(EXAMPLE).data
    data["preambule"] = "Vu l'article L. 312-1 du code de l'action sociale et des familles."
    page = _checked_section(tmp_path, data, "/section/preambule?verifier=1")
    summary = page.split('id="resume"', 1)[1].split("</div>", 1)[0]
    heading = re.search(r"<h2>(.*?)</h2>", summary)
    assert heading is not None and heading[1] == (
        "1 information dans cette section, qui n’empêche pas la version définitive"
    ), heading
    assert "1 avertissement" not in page.split('id="resume"', 1)[0]  # the sections list


def test_the_problems_page_shows_what_blocks_first(tmp_path: Path) -> None:
    """The director's two blocking errors sat below nine warnings on « Tous les
    problèmes », each section listing its problems in the order found."""
    data = read_input(EXAMPLE).data
    data["parties"][0].pop("referent", None)  # a warning, on the first party
    data["parties"][1]["siret"] = "78451236000017"  # an error, on the second
    page = _checked_section(tmp_path, data, "/problemes")
    first_error = page.index("<strong>Erreur</strong>")
    first_warning = page.index("<strong>Avertissement</strong>")
    assert first_error < first_warning
    assert page.index("D'abord les erreurs") < first_error < page.index("Puis tous les problèmes")
    assert "les avertissements signalent un écart à une bonne pratique, sans l'empêcher" in page
    # Within each section, too, the errors come first.
    everything = page.split("Puis tous les problèmes", 1)[1]
    for section in everything.split("<section")[1:]:
        labels = re.findall(r"<strong>(Erreur|Avertissement|Information)</strong>", section)
        assert labels == sorted(labels, key=lambda label: label != "Erreur"), labels


def test_the_problems_page_counts_only_what_it_lists(tmp_path: Path) -> None:
    """« 1 erreur, 0 avertissement »: the problems page opened with a count of nothing."""
    data = read_input(EXAMPLE).data
    data["parties"][1]["siret"] = "78451236000017"  # errors; the example warns of nothing
    page = _checked_section(tmp_path, data, "/problemes")
    (summary,) = re.findall(r'<p class="bilan">([^<]*?)\. Les erreurs empêchent', page)
    listed = page.count("<strong>Erreur</strong>")  # each once: there are only errors
    assert listed > 1 and "<strong>Avertissement</strong>" not in page
    assert summary == f"{listed} erreurs"
    assert "les avertissements signalent" not in page  # there are none


def test_the_problems_page_says_warnings_alone_let_the_final_version_be_made(
    tmp_path: Path,
) -> None:
    """« 1 avertissement. Les erreurs empêchent la version définitive » spoke of errors
    there were none of, and never said that the document could be made."""
    data = read_input(EXAMPLE).data
    data["parties"][0].pop("referent", None)  # a warning only
    page = _checked_section(tmp_path, data, "/problemes")
    (summary,) = re.findall(r'<p class="bilan">([^<]*)</p>', page)
    listed = page.count("<strong>Avertissement</strong>")
    assert "<strong>Erreur</strong>" not in page and "Les erreurs" not in summary
    plural = "s" if listed > 1 else ""
    assert summary == (
        f"{listed} avertissement{plural}, qui n'empêche{'nt' if listed > 1 else ''} pas la "
        "version définitive : le document peut être produit."
    )
