"""The pack's sections on what the reviewer decides: free text, flows, open points,
documents to collect, calendar, sign-off."""

from __future__ import annotations

import importlib.resources
import json

import jsonschema
from conftest import ROOT, render_validated, set_path
from test_relecture import TODAY, review_of

from convgen.loading import read_input
from convgen.review import points
from convgen.review.formats import to_json, to_markdown
from convgen.review.pack import build_review
from convgen.validation.validator import Options, Validated, validate
from convgen.wordml.text import docx_text, sections

GCSMS = ROOT / "exemples" / "gcsms-associations-handicap.yaml"


def test_free_text_is_listed_with_its_clause_line_and_whether_a_rule_read_it() -> None:
    review = review_of("gcsms-associations-handicap")
    found = {t.field: t for t in review.free_texts}
    devolution = found["dissolution.devolution"]
    assert devolution.clause == "Article 20 – Dissolution et liquidation"
    lines = GCSMS.read_text(encoding="utf-8").splitlines()
    assert devolution.line == lines.index("  devolution: |") + 1
    assert devolution.status == "signalé : TX-05"  # it cites article L. 313-19
    assert found["objet"].status.startswith("lu par TX-01, GC-42 : aucune contradiction")
    convention = review_of("chrs-csapa-addictions")
    assert convention.free_texts
    for text in convention.free_texts:
        read = "categories_informations" in text.field
        assert text.status == (
            "lu par PI-02 : aucune contradiction relevée ; le reste non vérifié"
            if read
            else points.UNCHECKED
        )
    assert any(t.field == "parties[1].engagements[1]" for t in convention.free_texts)


def test_a_free_text_a_rule_flags_says_so() -> None:
    raw = read_input(GCSMS)
    text = "Chaque membre peut se retirer à tout moment, sans préavis."
    set_path(raw.data, "retrait.consequences_financieres", text)
    validated = validate(raw, Options(today=TODAY))
    document = render_validated(validate(read_input(GCSMS), Options(today=TODAY)))
    found = points.free_texts(
        validated.document, raw, sections(docx_text(document, "x")), validated.problems
    )
    flagged = next(t for t in found if t.field == "retrait.consequences_financieres")
    assert flagged.status == "signalé : TX-01"


def test_flows_are_a_matrix_with_basis_check_and_roles() -> None:
    review = review_of("chrs-csapa-addictions")
    assert review.flows
    for flow in review.flows:
        assert flow.emitter in ("le Relais", "le CSAPA")
        assert flow.test.startswith("✔")
        assert "→" in flow.roles


def test_open_points_concern_the_document() -> None:
    with_hospital = {p.rule for p in review_of("cada-empp-sante-mentale").open_points}
    without = {p.rule for p in review_of("gcsms-associations-handicap").open_points}
    assert "SG-03" in with_hospital
    assert "SG-03" not in without
    assert "TX-03" in without


def test_documents_to_collect_name_deliberations_delegations_and_insurance() -> None:
    collected = review_of("chrs-csapa-addictions").to_collect
    assert (
        "le Relais",
        "délibération du conseil d'administration n° CA-2025-11 du 4 décembre 2025 "
        "autorisant la signature",
    ) in collected
    assert ("le Relais", "acte de délégation (délégation de signature) du 15 septembre 2025") in (
        collected
    )
    assert ("le CSAPA", "attestation d'assurance responsabilité civile (SMACL Assurances)") in (
        collected
    )
    ccas = review_of("gcsms-mixte-ccas-ehpad").to_collect
    assert any("transmission de cette délibération au préfet" in what for _, what in ccas)


def test_the_calendar_is_the_echeancier_s_and_the_pack_ends_with_a_sign_off() -> None:
    review = review_of("gcsms-associations-handicap")
    labels = [o.label for o in review.calendar]
    assert any(label.startswith("Dernier jour pour notifier un retrait") for label in labels)
    markdown = to_markdown(review)
    assert "## Calendrier des obligations" in markdown
    assert "| Décision | ☐ approuvé    ☐ approuvé avec réserves    ☐ refusé |" in markdown
    assert markdown.index("## Visa du relecteur") > markdown.index("## Provenance")
    payload = json.loads(to_json(review))
    assert payload["calendrier"][0]["date"] == "2026-02-16"
    assert {"texte_libre", "echanges", "points_ouverts", "pieces_a_reunir"} <= set(payload)


def test_every_example_s_json_pack_follows_the_shipped_schema() -> None:
    schema = json.loads(
        importlib.resources.files("convgen.schemas")
        .joinpath("dossier_relecture.schema.json")
        .read_text(encoding="utf-8")
    )
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    for path in sorted((ROOT / "exemples").glob("*.yaml")):
        payload = json.loads(to_json(review_of(path.stem)))
        errors = [e.message for e in validator.iter_errors(payload)]
        assert errors == [], path.name
        assert all(key.isascii() for key in payload)


def test_defaults_the_input_did_not_write_are_listed() -> None:
    defaults = {d.field: d.value for d in review_of("chrs-csapa-addictions").defaults}
    assert defaults["partage_information.flux[1].droit_opposition"] == "oui"
    assert defaults["signature.electronique"] == "non"
    assert "signature.lieu" not in defaults  # written in the input


def test_a_draft_reviewed_with_a_blocking_error_ticks_no_rule_that_failed() -> None:
    """The atelier offers a draft's pack while errors remain: they are listed first, their
    rule is marked ✘ (never ✔) and the verdict says the final version cannot be made."""
    raw = read_input(ROOT / "exemples" / "chrs-csapa-addictions.yaml")
    del raw.data["parties"][0]["delegation"]  # a signatory with no delegation: SG-07
    validated = validate(raw, Options(today=TODAY))
    assert isinstance(validated, Validated) and not validated.ok
    review = build_review(validated, render_validated(validated, draft=True), draft=True)
    markdown = to_markdown(review)
    assert "SG-07 ✘" in markdown and "SG-07 ✔" not in markdown
    assert "## Erreurs et avertissements" in markdown
    assert "Projet : 1 erreur bloquante" in markdown
    pack = json.loads(to_json(review))
    results = {c["regle"]: c["resultat"] for i in pack["liste_de_controle"] for c in i["controles"]}
    assert results["SG-07"] == "erreur"
    schema = json.loads(
        importlib.resources.files("convgen.schemas")
        .joinpath("dossier_relecture.schema.json")
        .read_text()
    )
    jsonschema.validate(pack, schema)


def test_the_defaults_of_a_group_left_out_are_listed() -> None:
    """A GCSMS's proxies left out are admitted beyond two members (CASF R. 312-194-20):
    a default the document prints, so one the reviewer sees."""
    raw = read_input(ROOT / "exemples" / "gcsms-mixte-ccas-ehpad.yaml")
    del raw.data["assemblee_generale"]["procuration"]
    validated = validate(raw, Options(today=TODAY))
    assert validated.ok, [str(p) for p in validated.problems if p.is_error]
    document = render_validated(validated)
    defaults = {d.field: d.value for d in build_review(validated, document, draft=False).defaults}
    assert defaults["assemblee_generale.procuration.autorisee"] == "oui"
    assert defaults["assemblee_generale.procuration.mandats_max"] == "1"
    assert "Un membre peut donner procuration à un autre membre" in docx_text(document)


def test_each_clause_says_which_rules_checked_it_and_their_result() -> None:
    review = review_of("gcsms-associations-handicap")
    markdown = to_markdown(review)
    assert "| GC-22 ✔ |" in markdown or "GC-22 ✔" in markdown
    assert "GC-20 ⚠" in markdown  # the example's own warning, on the general assembly
    payload = json.loads(to_json(review))
    controls = [c for item in payload["liste_de_controle"] for c in item["controles"]]
    assert {"regle": "GC-20", "resultat": "avertissement", "valeurs": ""} in controls


def test_the_checklist_shows_the_values_a_rule_checked() -> None:
    markdown = to_markdown(review_of("gcsms-associations-handicap"))
    assert "GC-09 ✔ (droits 50 + 30 + 20 = 100 %)" in markdown
    assert "GC-27 ✔ (préavis 6 mois, retrait en fin d'exercice)" in markdown
    convention = to_markdown(review_of("chrs-csapa-addictions"))
    assert "CP-09 ✔ (effet le 1er janvier 2026" in convention
