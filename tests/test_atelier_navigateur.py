"""convgen atelier in a real browser: Playwright driving Debian's chromium (no download).

Each step leaves a screenshot in sortie/captures-atelier/ for a person to look at.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from atelier_support import CAPTURES, running_atelier
from conftest import ROOT
from office import needs_office
from playwright.sync_api import Browser, Dialog, Page, expect, sync_playwright

from convgen.app.documents import check_file, run_options, starter_with_schema
from convgen.wordml.text import docx_text

CHROMIUM = "/usr/bin/chromium"
EXAMPLE = ROOT / "exemples" / "chrs-csapa-addictions.yaml"
pytestmark = pytest.mark.navigateur


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(
        viewport={"width": 1280, "height": 800}, locale="fr-FR", accept_downloads=True
    )
    opened = context.new_page()
    yield opened
    context.close()


def capture(page: Page, name: str, near: str | None = None) -> None:
    """What the director sees on a 13-inch screen, scrolled to ``near`` if given."""
    CAPTURES.mkdir(parents=True, exist_ok=True)
    if near is not None:
        page.locator(near).scroll_into_view_if_needed()
    page.screenshot(path=str(CAPTURES / f"{name}.png"))


def answer(page: Page, name: str, value: str) -> None:
    field = page.locator(f'[name="{name}"]')
    if field.evaluate("e => e.tagName") == "SELECT":
        field.select_option(value)
    else:
        field.fill(value)


def fill_party(page: Page, index: int, code: str, name: str, siret: str) -> None:
    prefix = f"parties[{index}]"
    for field, value in {
        "code": code,
        "denomination": name,
        "forme_juridique": "association",
        "nature": "prive_non_lucratif",
        "siret": siret,
        "adresse.voie": f"{index} rue des Tilleuls",
        "adresse.code_postal": "69003",
        "adresse.commune": "Lyon",
        "representant_legal.civilite": "Madame",
        "representant_legal.prenom": "Anne",
        "representant_legal.nom": f"Martin{index}",
        "representant_legal.qualite": "présidente",
    }.items():
        answer(page, f"{prefix}.{field}", value)


def change_reference(page: Page, url: str) -> None:
    """Open convention.yaml of the folder and change its reference (not saved)."""
    page.goto(url)
    page.get_by_role("button", name="Ouvrir convention.yaml").click()
    answer(page, "reference", "CP-2027-001")
    page.get_by_role("button", name="Valider et continuer").click()


def go_to_section(page: Page, title: str) -> None:
    page.get_by_role("navigation", name="Sections du document").get_by_role(
        "link", name=title, exact=True
    ).click()


def test_a_convention_filled_from_an_empty_start_to_a_downloaded_document(
    page: Page, tmp_path: Path
) -> None:
    with running_atelier(tmp_path) as atelier:
        page.goto(atelier.url)
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Préparer un document de partenariat"
        )
        capture(page, "01-accueil")
        page.get_by_label("Convention de partenariat").check()
        page.get_by_role("button", name="Commencer un document vide").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Titre et référence")
        answer(page, "titre", "relative à la cuisine partagée des Tilleuls")
        page.get_by_role("button", name="Valider et continuer").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Parties")
        for _ in range(2):
            page.get_by_role("button", name="Ajouter une partie").click()
        fill_party(page, 1, "tilleuls", "Association Les Tilleuls", "78451236000016")
        fill_party(page, 2, "ccas", "Centre communal d'action sociale de Lyon", "49127385000017")
        capture(page, "02-parties-remplies", "#q-parties-2--siret")
        page.get_by_role("button", name="Vérifier cette section").click()
        expect(page.locator("#q-parties-1--denomination")).to_have_value("Association Les Tilleuls")
        capture(page, "03-parties-verifiees")
        go_to_section(page, "Durée")
        answer(page, "duree.date_effet", "2027-01-01")
        answer(page, "duree.duree_mois", "36")
        page.get_by_role("button", name="Valider et continuer").click()
        go_to_section(page, "Litiges")
        answer(page, "litiges.juridiction", "tribunal_judiciaire")
        # A judicial court is never named: its seat is not asked (an administrative one's is).
        expect(page.locator('[name="litiges.ressort"]')).to_be_hidden()
        answer(page, "litiges.juridiction", "tribunal_administratif")
        expect(page.locator('[name="litiges.ressort"]')).to_be_visible()
        answer(page, "litiges.juridiction", "tribunal_judiciaire")
        page.get_by_role("button", name="Valider et continuer").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Signature")
        answer(page, "signature.nombre_originaux", "2")
        page.get_by_role("button", name="Valider et voir le résultat").click()
        expect(page.get_by_role("heading", level=2, name="Aperçu du texte")).to_be_visible()
        expect(page.locator(".apercu").first).to_contain_text("cuisine partagée des Tilleuls")
        capture(page, "04-resultat")
        with page.expect_download() as download:
            page.get_by_role("link", name="Document Word — projet").click()
        saved = tmp_path / "telecharge.docx"
        download.value.save_as(saved)
        assert download.value.suggested_filename == "convention_partenariat.projet.docx"
        text = docx_text(saved.read_bytes())
        for typed in ("cuisine partagée des Tilleuls", "Association Les Tilleuls", "Martin2"):
            assert typed in text
        page.get_by_label("Nom du fichier").fill("tilleuls.yaml")
        page.get_by_role("button", name="Enregistrer le fichier").click()
        expect(page.get_by_role("status")).to_have_text("Fichier enregistré : tilleuls.yaml")
        capture(page, "05-enregistre")
    written = (tmp_path / "tilleuls.yaml").read_text(encoding="utf-8")
    header = written.splitlines()[:2]
    # As `nouveau`: a relative name, the schema written beside the file.
    assert header[0] == "# yaml-language-server: $schema=convention_partenariat.schema.json"
    assert (tmp_path / "convention_partenariat.schema.json").is_file()
    assert header[1] == "# Convention de partenariat — saisie avec « convgen atelier »"
    assert 'code_postal: "69003"' in written
    result = check_file(tmp_path / "tilleuls.yaml", run_options(draft=True))
    assert result.document is not None


def test_a_wrong_siret_is_explained_beside_its_field_and_a_question_comes_and_goes(
    page: Page, tmp_path: Path
) -> None:
    shutil.copy(EXAMPLE, tmp_path / "convention.yaml")
    with running_atelier(tmp_path, "convention.yaml") as atelier:
        page.goto(atelier.url)
        go_to_section(page, "Parties")
        answer(page, "parties[1].siret", "78451236000017")
        page.get_by_role("button", name="Vérifier cette section").click()
        beside = page.locator("#q-parties-1--siret-bloc .problemes")
        expect(beside).to_contain_text("SIRET")
        expect(beside.get_by_role("link", name="[ID-02]")).to_be_visible()
        expect(page.locator("#q-parties-1--siret")).to_have_attribute("aria-invalid", "true")
        # Named as the questions are, not by the file's path (« parties[1].siret »).
        expect(page.get_by_role("alert")).to_contain_text("Partie n° 1 › SIRET")
        expect(page.get_by_role("alert")).not_to_contain_text("parties[1]")
        capture(page, "06-siret-faux", "#q-parties-1--siret")
        precision = page.locator("#q-parties-1--forme_juridique_precision-bloc")
        expect(precision).to_be_hidden()
        answer(page, "parties[1].forme_juridique", "autre")
        expect(precision).to_be_visible()
        capture(page, "07-question-conditionnelle-visible", "#q-parties-1--nature")
        answer(page, "parties[1].forme_juridique", "association")
        expect(precision).to_be_hidden()
        page.get_by_role("link", name="Tous les problèmes").click()
        expect(page.get_by_role("heading", name="Parties")).to_be_visible()
        expect(page.locator("main")).to_contain_text("SIRET")
        capture(page, "08-tous-les-problemes")
        page.get_by_role("link", name="[ID-02]").first.click()
        expect(page.locator("#ID-02")).to_be_visible()


def test_an_example_changed_and_saved_keeps_its_comments_and_differs_by_that_answer_only(
    page: Page, tmp_path: Path
) -> None:
    shutil.copy(EXAMPLE, tmp_path / "convention.yaml")
    with running_atelier(tmp_path) as atelier:
        change_reference(page, atelier.url)
        page.get_by_role("link", name="Aperçu, enregistrement et téléchargement").click()
        page.get_by_role("button", name="Enregistrer le fichier").click()
        expect(page.get_by_role("status")).to_contain_text("convention.yaml")
    diff = subprocess.run(
        ["diff", str(EXAMPLE), str(tmp_path / "convention.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    changed = [line for line in diff.stdout.splitlines() if line[:1] in "<>"]
    assert changed == [
        "< reference: CP-2026-014",
        "> reference: CP-2027-001",
    ], diff.stdout
    assert check_file(tmp_path / "convention.yaml", run_options()).ok


def test_leaving_unsaved_answers_for_another_document_is_asked_first(
    page: Page, tmp_path: Path
) -> None:
    shutil.copy(EXAMPLE, tmp_path / "convention.yaml")
    with running_atelier(tmp_path) as atelier:
        change_reference(page, atelier.url)
        page.get_by_role("link", name="convgen atelier").click()
        page.get_by_role("button", name="Commencer un document vide").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Modifications non enregistrées")
        capture(page, "11-abandon-demande")
        page.get_by_role("link", name="y revenir").click()
        draft = atelier.state.draft
        assert draft is not None and draft.name == "convention.yaml"
        assert draft.data["reference"] == "CP-2027-001"
        page.get_by_role("link", name="convgen atelier").click()
        page.get_by_role("button", name="Commencer un document vide").click()
        page.get_by_role("button", name="Abandonner ces modifications et continuer").click()
        draft = atelier.state.draft
        assert draft is not None and draft.name is None  # the new, empty document
        # Nothing typed in it yet: going to another document is not asked.
        page.get_by_role("link", name="convgen atelier").click()
        page.get_by_role("button", name="Ouvrir convention.yaml").click()
        assert atelier.state.draft is not None and atelier.state.draft.name == "convention.yaml"
    assert "CP-2027-001" not in (tmp_path / "convention.yaml").read_text(encoding="utf-8")


def test_a_section_on_a_phone_screen_needs_no_sideways_scrolling(
    browser: Browser, tmp_path: Path
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR")
    phone = context.new_page()
    shutil.copy(EXAMPLE, tmp_path / "convention.yaml")
    with running_atelier(tmp_path) as atelier:
        phone.goto(atelier.url)
        phone.get_by_role("button", name="Ouvrir convention.yaml").click()
        go_to_section(phone, "Parties")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        width = phone.locator('[name="parties[1].denomination"]').evaluate(
            "e => e.getBoundingClientRect().width"
        )
        assert width > 250  # most of the screen, not the sliver beside the section list
        phone.screenshot(path=str(CAPTURES / "12-telephone-parties.png"))
    context.close()


def test_a_question_with_a_problem_stays_in_view_even_where_it_would_not_apply(
    page: Page, tmp_path: Path
) -> None:
    """Parents' information is asked for minors; a child-protection exchange needs it
    whatever that answer: the problem is shown with its question, never hidden."""
    source = (ROOT / "exemples" / "protection-enfance-reseau-local.yaml").read_text("utf-8")
    for line in ("      concerne_mineurs: true\n", "      information_autorite_parentale: true\n"):
        source = source.replace(line, "", 1)
    (tmp_path / "enfance.yaml").write_text(source, encoding="utf-8")
    with running_atelier(tmp_path, "enfance.yaml") as atelier:
        page.goto(atelier.url)
        go_to_section(page, "Partage d’informations")
        page.get_by_role("button", name="Vérifier cette section").click()
        block = page.locator("#q-partage_information-flux-1--information_autorite_parentale-bloc")
        expect(block).to_be_visible()
        expect(block.locator(".problemes")).to_contain_text("PI-10")
        expect(
            page.locator("#q-partage_information-flux-1--motif_absence_information-bloc")
        ).to_be_hidden()
        capture(
            page,
            "13-question-signalee-visible",
            "#q-partage_information-flux-1--information_autorite_parentale",
        )


def test_a_question_under_a_hidden_one_stays_hidden_whatever_its_answer(
    page: Page, tmp_path: Path
) -> None:
    """« Appréciation portée par » follows the motive, itself asked for minors only."""
    source = (ROOT / "exemples" / "protection-enfance-reseau-local.yaml").read_text("utf-8")
    source = source.replace(
        "      concerne_mineurs: true\n      information_autorite_parentale: true\n",
        "      concerne_mineurs: false\n      motif_absence_information: danger immédiat\n",
        1,
    )
    (tmp_path / "enfance.yaml").write_text(source, encoding="utf-8")
    with running_atelier(tmp_path, "enfance.yaml") as atelier:
        page.goto(atelier.url)
        go_to_section(page, "Partage d’informations")
        flux = "#q-partage_information-flux-1--"
        expect(page.locator(f"{flux}motif_absence_information-bloc")).to_be_hidden()
        expect(page.locator(f"{flux}appreciation_par-bloc")).to_be_hidden()
        answer(page, "partage_information.flux[1].concerne_mineurs", "oui")
        expect(page.locator(f"{flux}motif_absence_information-bloc")).to_be_visible()
        expect(page.locator(f"{flux}appreciation_par-bloc")).to_be_visible()


def test_consent_is_asked_as_needed_where_the_exchange_rests_on_it(
    page: Page, tmp_path: Path
) -> None:
    shutil.copy(EXAMPLE, tmp_path / "convention.yaml")  # flux 1: based on consent
    with running_atelier(tmp_path, "convention.yaml") as atelier:
        page.goto(atelier.url)
        go_to_section(page, "Partage d’informations")
        consent = page.locator("#q-partage_information-flux-1--consentement")
        expect(consent).to_be_visible()
        expect(consent.locator("legend").first).to_have_text(
            "Consentement (à renseigner dans ce cas)"
        )
        hidden = page.locator("#q-partage_information-flux-1--meme_personne_ou_famille-bloc")
        expect(hidden).to_be_hidden()  # asked under article L. 121-6-2 only


def test_the_section_list_counts_warnings_beside_the_tick(page: Page, tmp_path: Path) -> None:
    starter = tmp_path / "groupement.yaml"
    starter.write_text(starter_with_schema("convention_constitutive_gcsms"), "utf-8")
    with running_atelier(tmp_path, "groupement.yaml") as atelier:  # two members: GC-30
        page.goto(atelier.url)
        sections = page.get_by_role("navigation", name="Sections du document")
        members = sections.get_by_role("listitem").filter(has_text="Membres")
        expect(members).to_contain_text("1 avertissement")
        expect(sections.locator(".avertie")).to_have_count(1)
        capture(page, "14-avertissement-dans-la-liste")


def test_answers_typed_are_kept_when_a_link_leaves_the_section(page: Page, tmp_path: Path) -> None:
    with running_atelier(tmp_path) as atelier:
        page.goto(atelier.url)
        page.get_by_role("button", name="Commencer un document vide").click()
        answer(page, "titre", "relative à l'accueil de jour")
        go_to_section(page, "Parties")  # by the section list, not « Valider et continuer »
        expect(page.get_by_role("heading", level=1)).to_have_text("Parties")
        page.get_by_role("link", name="Tous les problèmes").click()  # untouched: plain link
        expect(page.get_by_role("heading", level=1)).to_have_text("Tous les problèmes du document")
        page.goto(f"{atelier.base}/section/titre")
        expect(page.locator('[name="titre"]')).to_have_value("relative à l'accueil de jour")
        answer(page, "reference", "CP-2027-002")
        page.get_by_role("link", name="Aperçu, enregistrement et téléchargement").click()
        draft = atelier.state.draft
        assert draft is not None and draft.data["reference"] == "CP-2027-002"


def test_reloading_a_page_with_answers_not_sent_is_asked_first(page: Page, tmp_path: Path) -> None:
    """F5, or the tab closed, after typing: the browser asks before the answers are lost;
    a button of the page sends them, without asking."""
    asked: list[str] = []

    def keep_the_page(dialog: Dialog) -> None:
        asked.append(dialog.type)
        dialog.dismiss()  # « Annuler »: the page and its answers stay

    page.on("dialog", keep_the_page)
    with running_atelier(tmp_path) as atelier:
        page.goto(atelier.url)
        page.get_by_role("button", name="Commencer un document vide").click()
        # the first section shown before the reload: a reload while the click's
        # navigation runs fails (« Not attached to an active page », met once under load)
        expect(page.get_by_role("heading", level=1)).to_have_text("Titre et référence")
        page.reload()  # nothing typed: no question
        assert asked == []
        answer(page, "titre", "relative à l'accueil de jour")
        page.evaluate("() => { location.reload(); }")  # F5
        expect(page.locator('[name="titre"]')).to_be_visible()
        page.wait_for_timeout(500)  # the question comes before the reload would
        assert asked == ["beforeunload"]
        expect(page.locator('[name="titre"]')).to_have_value("relative à l'accueil de jour")
        page.get_by_role("button", name="Valider et continuer").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Parties")
        assert asked == ["beforeunload"]  # sent by the page's own button: not asked
        draft = atelier.state.draft
        assert draft is not None and draft.data["titre"] == "relative à l'accueil de jour"


def test_removing_a_party_is_asked_first(page: Page, tmp_path: Path) -> None:
    """A party removed at once, without a word, took its answers and left the exchanges
    and payments naming a code that no longer exists."""
    asked: list[str] = []
    answers = iter([False, True])  # « Annuler », then « OK »

    def reply(dialog: Dialog) -> None:
        asked.append(dialog.message)
        if next(answers):
            dialog.accept()
        else:
            dialog.dismiss()

    page.on("dialog", reply)
    shutil.copy(EXAMPLE, tmp_path / "convention.yaml")
    with running_atelier(tmp_path, "convention.yaml") as atelier:
        page.goto(atelier.url)
        go_to_section(page, "Parties")
        remove = page.get_by_role("button", name="Retirer la partie n° 2")
        remove.click()
        expect(page.locator('[name="parties[2].denomination"]')).to_be_visible()
        draft = atelier.state.draft
        assert draft is not None and len(draft.data["parties"]) == 2
        assert asked[0].startswith("Retirer la partie n° 2 (« ")
        assert "celles qui désignent cette organisation ailleurs" in asked[0]
        remove.click()
        expect(page.locator('[name="parties[2].denomination"]')).to_have_count(0)
        assert len(atelier.state.draft.data["parties"]) == 1
        assert len(asked) == 2


def test_a_whole_section_with_the_keyboard_only(page: Page, tmp_path: Path) -> None:
    with running_atelier(tmp_path) as atelier:
        page.goto(atelier.url)
        page.keyboard.press("Tab")  # « Aller au contenu »
        focused = page.evaluate("document.activeElement.textContent")
        assert focused == "Aller au contenu"
        page.get_by_role("button", name="Commencer un document vide").focus()
        page.keyboard.press("Enter")
        go_to_section(page, "Litiges")
        page.locator("#q-litiges-reglement_amiable").focus()
        page.keyboard.press("ArrowDown")  # oui
        page.keyboard.press("Tab")
        page.keyboard.type("45")  # délai, shown because the amicable settlement applies
        page.keyboard.press("Tab")
        page.keyboard.press("ArrowDown")  # tribunal judiciaire
        page.keyboard.press("ArrowDown")  # tribunal administratif, whose seat is asked
        page.keyboard.press("Tab")
        page.keyboard.type("Lyon")
        capture(page, "09-clavier-saisie")
        page.keyboard.press("Enter")  # submits the section, as « Vérifier »
        expect(page.locator("#q-litiges-ressort")).to_have_value("Lyon")
        expect(page.locator("#q-litiges-delai_amiable_jours")).to_have_value("45")
        expect(page.locator("#q-litiges-juridiction")).to_have_value("tribunal_administratif")
        expect(page.locator("#q-litiges .problemes")).to_have_count(0)
        capture(page, "10-clavier-verifie")


@needs_office
@pytest.mark.bureautique
def test_the_pages_as_laid_out_by_libreoffice(page: Page, tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / "convention.yaml")
    with running_atelier(tmp_path, "convention.yaml") as atelier:
        page.goto(atelier.url)
        page.get_by_role("link", name="Aperçu, enregistrement et téléchargement").click()
        page.get_by_role("link", name="Voir les pages").click()
        expect(page.get_by_role("img", name="Page 1 du projet")).to_be_visible(timeout=120_000)
        assert page.get_by_role("img").count() >= 3
        assert page.get_by_role("img").first.evaluate("i => i.naturalWidth") > 300
        capture(page, "11-pages-libreoffice")
