"""convgen atelier without a browser: the questionnaire comes from the schema, answers
change only what changed, the command refuses what it cannot serve."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, ROOT, check, edited_templates, example
from pydantic import BaseModel

import convgen.__main__  # noqa: F401  (adds the atelier to the group)
from convgen.app import atelier
from convgen.app.answers import apply_answers, new_item_name
from convgen.app.atelier import Draft, Folder, new_draft
from convgen.app.questionnaire import Question, choices, kind_of, questions, sections
from convgen.app.wording import for_the_page
from convgen.cli.main import cli
from convgen.documents.registry import document_type
from convgen.errors import Problem, Severity, TemplateError, UsageError
from convgen.rendering.store import default_templates_dir
from convgen.schema.commun import FormeJuridique
from convgen.schema.document import MODELS
from convgen.schema.introspection import unwrap
from convgen.validation.labels import item_noun, path_label
from convgen.wording.libelles import LABELS


def _form(draft: Draft, key: str) -> dict[str, str]:
    """Every answer of a section as the page shows it: what a browser posts unchanged."""
    form = {}
    for question in draft.questions(draft.section(key)):
        for one in question.walk():
            if one.kind == "liste" and one.item_kind != "groupe":
                form[new_item_name(one)] = ""
            elif one.kind not in ("groupe", "liste"):
                form[one.name] = one.value
    return form


@pytest.mark.parametrize("model", MODELS.values(), ids=MODELS.keys())
def test_the_sections_are_the_schema_fields_in_the_document_order(model: type) -> None:
    found = [name for section in sections(model) for name in section.fields]
    assert found == [name for name in model.model_fields if name != "type"]


def test_enumerations_are_offered_with_their_french_labels() -> None:
    offered = dict(choices(FormeJuridique))
    assert offered["ccas"] == LABELS[(FormeJuridique, "ccas")]
    assert list(offered) == [member.value for member in FormeJuridique]


def test_conditional_questions_name_the_answer_that_governs_them() -> None:
    model = MODELS["convention_constitutive_gcsms"]
    capital = next(s for s in sections(model) if s.key == "capital")
    (group,) = questions(model, {}, capital)
    amount = next(q for q in group.children if q.name == "capital.montant")
    assert amount.condition is not None
    assert (amount.condition.governing, amount.condition.values) == (
        "capital.avec_capital",
        ("oui",),
    )


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_section_posted_unchanged_leaves_the_file_byte_for_byte(
    example: Path, tmp_path: Path
) -> None:
    shutil.copy(example, tmp_path / example.name)
    draft = Folder(tmp_path).open(example.name)
    for section in draft.sections:
        draft.answer(section, _form(draft, section.key))
    assert draft.text() == example.read_text(encoding="utf-8")


def test_lists_grow_and_shrink_and_an_emptied_optional_group_leaves_the_file() -> None:
    draft = new_draft("convention_partenariat")
    parties = draft.section("parties")
    draft.answer(parties, {}, "ajouter:parties")
    draft.answer(parties, {"parties[1].signataire.nom": "Benali"})
    assert draft.data["parties"][0]["signataire"] == {"nom": "Benali"}
    draft.answer(parties, {"parties[1].signataire.nom": ""})
    assert draft.data["parties"] == [{}]
    visas = draft.section("visas")
    assert new_item_name_of(draft, "visas") == "visas[1]"  # the empty line offered
    draft.answer(visas, {"visas[1]": "Vu le code"})
    assert new_item_name_of(draft, "visas") == "visas[2]"
    draft.answer(visas, {"visas[1]": "Vu le code", "visas[2]": "Vu la loi"})
    assert draft.data["visas"] == ["Vu le code", "Vu la loi"]
    draft.answer(visas, {"visas[1]": "Vu le code", "visas[2]": "Vu la loi"}, "retirer:visas[1]")
    assert draft.data["visas"] == ["Vu la loi"]
    draft.answer(parties, {}, "retirer:parties[1]")
    assert draft.data["parties"] == []


def new_item_name_of(draft: Draft, key: str) -> str:
    (question,) = draft.questions(draft.section(key))
    return new_item_name(question)


def test_a_posted_name_outside_the_questions_changes_nothing() -> None:
    draft = new_draft("convention_partenariat")
    before = draft.text()
    draft.answer(draft.section("titre"), {"type": "charte_reseau", "inconnu": "x"})
    assert draft.text() == before


def test_the_command_refuses_a_busy_port_and_a_file_outside_its_folder(tmp_path: Path) -> None:
    runner = CliRunner()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = runner.invoke(
            cli, ["atelier", "--sans-navigateur", "--dossier", str(tmp_path), "--port", str(port)]
        )
    assert result.exit_code == 2
    assert f"le port {port} n'est pas libre" in result.output
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    inside = elsewhere / "a.yaml"
    inside.write_text("type: convention_partenariat\n", encoding="utf-8")
    result = runner.invoke(cli, ["atelier", str(inside), "--dossier", str(tmp_path)])
    assert result.exit_code == 2
    assert "n'est pas dans le dossier de travail" in result.output


def test_the_shipped_examples_can_be_started_from_and_validate() -> None:
    examples = atelier.shipped_examples()
    assert [name for name, _ in examples] == sorted(p.name for p in ROOT.glob("exemples/*.yaml"))
    assert all(title.startswith(("Convention", "Charte")) for _, title in examples)
    draft = atelier.example_draft("gcsms-mixte-ccas-ehpad.yaml")
    assert draft.name is None  # saved under a name of the working folder
    assert draft.changed
    validation = draft.check()
    assert validation.ok, [str(p) for p in validation.problems if p.is_error]
    with pytest.raises(UsageError):
        atelier.example_draft("../pyproject.toml")


def test_a_name_typed_without_extension_is_saved_as_yaml(tmp_path: Path) -> None:
    folder, draft = Folder(tmp_path), new_draft("convention_partenariat")
    assert folder.save(draft, "convention-chrs") == tmp_path / "convention-chrs.yaml"
    assert draft.name == "convention-chrs.yaml" and not draft.changed
    assert folder.save(draft, "convention.v2").name == "convention.v2.yaml"
    assert folder.save(draft, "CHRS.Lyon").name == "CHRS.Lyon.yaml"
    with pytest.raises(UsageError, match=r"extension \.yaml"):
        folder.save(draft, "convention.docx")
    assert sorted(p.name for p in tmp_path.glob("*.yaml")) == [
        "CHRS.Lyon.yaml",
        "convention-chrs.yaml",
        "convention.v2.yaml",
    ]


def test_a_retired_field_is_asked_only_of_a_file_that_has_it() -> None:
    draft = new_draft("convention_partenariat")
    litiges = draft.section("litiges")

    def asked() -> list[str]:
        return [child.name for top in draft.questions(litiges) for child in top.children]

    assert "litiges.motif_juridiction" not in asked()
    draft.data["litiges"] = {"juridiction": "tribunal_judiciaire", "motif_juridiction": "siège"}
    assert "litiges.motif_juridiction" in asked()  # its author can still empty it


def test_a_negative_number_typed_is_told_to_be_positive() -> None:
    draft = new_draft("convention_partenariat")
    signature = draft.section("signature")
    draft.answer(signature, {"signature.nombre_originaux": "-2"})
    assert draft.data["signature"]["nombre_originaux"] == -2  # a number, as typed
    said = [str(p) for p in draft.check().problems if p.path == "signature.nombre_originaux"]
    assert said and "nombre positif ou nul attendu" in said[0]


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("parties[2].representant_legal.nom", "Partie n° 2 › Représentant légal › Nom"),
        ("objectifs[1].indicateurs[3]", "Objectif n° 1 › Indicateur n° 3"),
        ("visas[2]", "Visas — n° 2"),  # an element without a name of its own
        ("titre", "Titre"),
        (None, "Document entier"),
        ("parties[1].champ_inconnu", "Partie n° 1 › champ_inconnu"),
        # A list's field named without an element (a message on every party).
        ("parties.representant_legal", "Parties › Représentant légal"),
        (
            "dispositions_financieres.versements[1].echeancier[2].date",
            "Dispositions financières › Versement n° 1 › Échéance n° 2 › Date",
        ),
    ],
)
def test_a_problem_is_placed_with_the_questions_names(path: str | None, label: str) -> None:
    model = new_draft("convention_partenariat").doc_type.model
    assert path_label(model, path) == label


def test_lists_name_their_elements_in_plain_words() -> None:
    """« Ajouter une partie », « Partie n° 2 : … », « Retirer l’objectif n° 1 », not
    « Ajouter : parties »; every list of groups of every document has its noun."""
    data = example("chrs-csapa-addictions")
    model = MODELS["convention_partenariat"]
    found = {
        q.name: q for s in sections(model) for top in questions(model, data, s) for q in top.walk()
    }
    parties, objectifs = found["parties"], found["objectifs"]
    assert parties.add_label == "Ajouter une partie"
    assert (
        parties.children[1].label == "Partie n° 2 : Association Rhône Addictions Prévention Soins"
    )
    assert parties.children[1].remove_label == "Retirer la partie n° 2"
    assert objectifs.add_label == "Ajouter un objectif"
    assert objectifs.children[0].remove_label == "Retirer l’objectif n° 1"
    unnamed = sorted(_lists_of_groups_without_a_noun())
    assert unnamed == []


def _lists_of_groups_without_a_noun() -> set[str]:
    """Every list of groups in the models, nested ones included, without its noun."""
    seen: set[type[BaseModel]] = set()
    missing: set[str] = set()

    def walk(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.add(model)
        for name, info in model.model_fields.items():
            kind, inner = kind_of(info.rebuild_annotation())
            inner = unwrap(inner)
            if kind == "liste":
                item_kind, inner = kind_of(inner)
                if item_kind == "groupe" and item_noun(model, name) is None:
                    missing.add(f"{model.__name__}.{name}")
                inner = unwrap(inner)
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                walk(inner)

    for model in MODELS.values():
        walk(model)
    return missing


def test_a_renamed_code_is_followed_by_every_reference_to_it() -> None:
    """The CHRS's code changed in « Parties »: its flows, RGPD roles, indicators and
    signature follow, rather than point at nothing in five other sections."""
    draft = atelier.example_draft("chrs-csapa-addictions.yaml")
    before = draft.text()
    references = before.count(": chrs\n") + before.count("[chrs,") + before.count(", chrs]")
    assert references >= 3
    form = _form(draft, "parties")
    form["parties[1].code"] = "relais"
    draft.answer(draft.section("parties"), form)
    after = draft.text()
    assert "chrs" not in after.replace("chrs-csapa", "")  # the file name in the header
    assert after.count(": relais\n") + after.count("[relais,") + after.count(", relais]") == (
        references
    )
    validation = draft.check()
    assert validation.ok, [str(p) for p in validation.problems if p.is_error]
    assert "partie: relais" in after or "emetteur: relais" in after


def _flows(draft: Draft) -> list[tuple[str, str]]:
    return [(f["emetteur"], f["destinataire"]) for f in draft.data["partage_information"]["flux"]]


def test_swapped_codes_swap_and_a_taken_code_merges_nothing() -> None:
    draft = atelier.example_draft("chrs-csapa-addictions.yaml")
    flows = _flows(draft)
    form = _form(draft, "parties")
    form["parties[1].code"], form["parties[2].code"] = "csapa", "chrs"
    draft.answer(draft.section("parties"), form)
    swap = {"chrs": "csapa", "csapa": "chrs"}
    assert _flows(draft) == [(swap[a], swap[b]) for a, b in flows]
    form = _form(draft, "parties")
    form["parties[1].code"] = "chrs"  # the other party's code: a clash, told by validation
    draft.answer(draft.section("parties"), form)
    assert _flows(draft) == [(swap[a], swap[b]) for a, b in flows]  # nothing merged
    form["parties[1].code"] = "csapa"  # back as it was: still nothing merged
    draft.answer(draft.section("parties"), form)
    assert _flows(draft) == [(swap[a], swap[b]) for a, b in flows]


def test_a_field_the_final_version_needs_says_so_on_the_page() -> None:
    """Optional in a draft, an error in the final version (the insurance contract's
    number, the preamble): the page says it before the check does."""
    from convgen.web.pages import PAGES  # noqa: PLC0415

    draft = new_draft("convention_partenariat")
    draft.data["parties"] = [{"assurance": {"assureur": "SMACL"}}]
    found = {
        one.name: one for top in draft.questions(draft.section("parties")) for one in top.walk()
    }
    number = found["parties[1].assurance.numero_contrat"]
    assert number.to_complete and not number.required
    assert not found["parties[1].assurance.assureur"].to_complete
    html = str(PAGES.get_template("macros.html").module.question(number))  # type: ignore[attr-defined]
    assert "(à compléter pour la version définitive)" in html


def test_a_group_the_final_version_needs_is_not_folded_away_as_optional() -> None:
    """The staff's conditions (GC-34), an exclusion's grounds (GC-28, from three members)
    and a member's deliberation (GC-33) block the final version: their groups are not
    « (facultatif) », as an insurance, asked only if there is one, stays."""
    from convgen.web.pages import PAGES  # noqa: PLC0415

    question = PAGES.get_template("macros.html").module.question  # type: ignore[attr-defined]
    draft = new_draft("convention_constitutive_gcsms")
    draft.data["membres"] = [{"denomination": "Association Les Tilleuls"}]
    found = {
        one.name: one
        for key in ("personnels", "exclusion", "membres")
        for top in draft.questions(draft.section(key))
        for one in top.walk()
    }
    for name, when in (
        ("personnels", ""),
        ("exclusion", "le cas échéant "),
        ("membres[1].habilitation", "le cas échéant "),
    ):
        html = str(question(found[name]))
        assert f"(à compléter {when}pour la version définitive)" in html, name
        assert "(facultatif" not in html.split("</legend>", maxsplit=1)[0], name
    plain = new_draft("convention_partenariat")
    plain.data["parties"] = [{"denomination": "Association Les Tilleuls"}]
    insurance = next(
        one
        for top in plain.questions(plain.section("parties"))
        for one in top.walk()
        if one.name == "parties[1].assurance"
    )
    assert "(facultatif" in str(question(insurance))
    # A party's deliberation: required of a commune, a département, a CCAS or a CIAS
    # (SG-01, SG-02), which the director could not tell from « (facultatif) ».
    for doc_type, key in (("convention_partenariat", "parties"), ("charte_reseau", "membres")):
        some = new_draft(doc_type)
        some.data[key] = [{"denomination": "CCAS de Dole"}]
        (deliberation,) = [
            one
            for top in some.questions(some.section(key))
            for one in top.walk()
            if one.name == f"{key}[1].habilitation"
        ]
        legend = str(question(deliberation)).split("</legend>", maxsplit=1)[0]
        assert "(facultatif" not in legend, doc_type
        assert "(obligatoire pour une commune, un département, un CCAS ou un CIAS)" in legend


def test_an_optional_group_folds_only_while_empty_and_unreproached() -> None:
    """The sharing section's « Partage d'informations (facultatif) » was open, because a
    rule asked for it: the director clicked it to open it, and closed it. An optional
    group folds only while nothing is written in it, asked for, or just added; then it
    is a plain group, whose legend says why it is shown."""
    from convgen.web.pages import PAGES  # noqa: PLC0415

    context = {"draft": new_draft("convention_partenariat")}  # problems are worded for it
    question = PAGES.get_template("macros.html").make_module(context).question  # type: ignore[attr-defined]

    def legend(html: str) -> str:
        return html.split("</legend>", maxsplit=1)[0]

    empty = str(question(Question("rgpd", ("rgpd",), "groupe", "RGPD", help="rôles")))
    assert '<details class="facultatif"' in empty and "(facultatif : rôles)" in empty
    answered = Question("rgpd", ("rgpd",), "groupe", "RGPD")
    answered.children = [Question("rgpd.dpia", ("rgpd", "dpia"), "texte", "AIPD", value="oui")]
    html = str(question(answered))
    assert "<details" not in html and legend(html).endswith(
        '<span class="oblig">(facultatif)</span>'
    )
    for severity, said in (
        (Severity.ERREUR, "(à renseigner pour ce document)"),
        (Severity.AVERTISSEMENT, "(conseillé pour ce document)"),
    ):
        asked = Question("rgpd", ("rgpd",), "groupe", "RGPD")
        inner = Question("rgpd.roles", ("rgpd", "roles"), "liste", "Rôles")
        inner.problems = [Problem("Indiquez le rôle de chaque partie.", severity)]
        asked.children = [inner]
        assert asked.reproached == said[1:-1]
        html = str(question(asked))
        assert "<details" not in html and said in legend(html) and "(facultatif" not in html
    fresh = Question("rgpd", ("rgpd",), "groupe", "RGPD", fresh=True)
    assert "<details" not in str(question(fresh))
    # Answered, its problems speak of its answers: still « (facultatif) », never folded.
    inner = Question("rgpd.dpia", ("rgpd", "dpia"), "texte", "AIPD", value="oui")
    inner.problems = [Problem("Contradiction entre deux réponses.")]
    answered.children = [inner]
    assert answered.reproached == ""
    html = str(question(answered))
    assert "<details" not in html and legend(html).endswith(
        '<span class="oblig">(facultatif)</span>'
    )


def test_a_group_holding_an_element_just_added_stays_open() -> None:
    """« Ajouter un rôle » in the folded RGPD group: the page came back with the group
    folded again, the new role empty inside it."""
    draft = new_draft("convention_partenariat")
    section = draft.section("partage_information")
    draft.answer(section, {}, "ajouter:partage_information.rgpd.roles")
    marked = {q.name: q.fresh for top in draft.questions(section) for q in top.walk()}
    assert marked["partage_information.rgpd"] and marked["partage_information.rgpd.roles"]
    assert marked["partage_information.rgpd.roles[1]"]
    assert not marked["partage_information.flux"]


def test_the_administrative_court_s_seat_is_asked_only_for_that_court() -> None:
    """« Ressort » was asked beside « tribunal judiciaire », which is never named: the
    seat and the place of execution are asked for an administrative court only, under
    a label a director reads (« Siège du tribunal administratif »)."""
    model = MODELS["convention_partenariat"]
    data = example("cada-empp-sante-mentale")
    section = next(s for s in sections(model) if s.key == "litiges")
    found = {q.name: q for top in questions(model, data, section) for q in top.walk()}
    for name in ("litiges.ressort", "litiges.lieu_execution"):
        condition = found[name].condition
        assert condition is not None, name
        assert (condition.governing, condition.values) == (
            "litiges.juridiction",
            ("tribunal_administratif",),
        )
    assert found["litiges.ressort"].label == "Siège du tribunal administratif"


def test_a_question_of_another_document_type_is_not_asked() -> None:
    """« Version du projet » (every member of a GCSMS approves the same draft) is not
    asked of a convention's party, unless its file has one; a GCSMS member is asked."""

    def names(type_name: str, key: str, habilitation: dict[str, str]) -> list[str]:
        draft = new_draft(type_name)
        draft.data[key] = [{"denomination": "X", "habilitation": habilitation}]
        return [q.name for top in draft.questions(draft.section(key)) for q in top.walk()]

    organ = {"organe": "le conseil d'administration"}
    assert "parties[1].habilitation.version_projet" not in names(
        "convention_partenariat", "parties", organ
    )
    assert "parties[1].habilitation.version_projet" in names(
        "convention_partenariat", "parties", {**organ, "version_projet": "v2"}
    )
    assert "membres[1].habilitation.version_projet" in names(
        "convention_constitutive_gcsms", "membres", organ
    )


def test_a_list_of_organisations_chosen_on_the_page_does_not_speak_of_codes() -> None:
    draft = new_draft("convention_partenariat")
    draft.data["parties"] = [{"code": "ccas", "denomination": "CCAS de Nyons"}]
    draft.data["modalites"] = [{"type": "reunion_synthese"}]
    found = {q.name: q for top in draft.questions(draft.section("modalites")) for q in top.walk()}
    chosen = found["modalites[1].parties"]
    assert chosen.item_kind == "choix" and chosen.choices == (("ccas", "CCAS de Nyons"),)
    assert "code" not in chosen.help


def test_an_amount_typed_with_its_euro_sign_is_not_shown_with_two() -> None:
    from convgen.web.pages import PAGES  # noqa: PLC0415

    draft = new_draft("convention_partenariat")
    draft.data["dispositions_financieres"] = {
        "versements": [{"payeur": "a", "beneficiaire": "b", "montant": "15 000 €"}]
    }
    found = {
        q.name: q
        for top in draft.questions(draft.section("dispositions_financieres"))
        for q in top.walk()
    }
    amount = found["dispositions_financieres.versements[1].montant"]
    html = str(PAGES.get_template("macros.html").module.question(amount))  # type: ignore[attr-defined]
    assert 'value="15 000"' in html and "€ €" not in html


def test_a_financial_year_s_first_month_is_chosen_by_its_name() -> None:
    """« janvier » typed in a number field was refused (« nombre entier attendu »): the
    month is chosen in a list, and the file keeps its number."""
    from convgen.web.pages import PAGES  # noqa: PLC0415

    draft = new_draft("convention_constitutive_gcsms")
    found = [q for top in draft.questions(draft.section("exercice")) for q in top.walk()]
    month = next(q for q in found if q.name == "exercice.debut_mois")
    html = str(PAGES.get_template("macros.html").module.question(month))  # type: ignore[attr-defined]
    assert '<option value="7" >juillet</option>' in html and "<input" not in html
    apply_answers(draft.data, found, {"exercice.debut_mois": "7"})
    assert draft.data["exercice"]["debut_mois"] == 7


def test_the_accounting_officer_of_a_private_group_is_said_not_to_apply() -> None:
    """An accounting officer is named for public accounting only (GC-41): with private
    accounting, given on another page, the atelier says « sans objet » instead of asking;
    it asks again once the accounting is public, and keeps an answer already given."""
    from convgen.web.pages import PAGES  # noqa: PLC0415

    def officer(data: dict[str, object]) -> Question:
        draft = new_draft("convention_constitutive_gcsms")
        draft.data.update(data)
        return draft.questions(draft.section("agent_comptable"))[0]

    private = officer({"comptabilite": "privee"})
    assert private.inapplicable and not private.children
    html = str(PAGES.get_template("macros.html").module.question(private))  # type: ignore[attr-defined]
    assert "sans objet, la réponse à « Comptabilité » étant « comptabilité privée »" in html
    assert "<input" not in html and "<select" not in html
    assert not officer({"comptabilite": "publique"}).inapplicable
    given = officer({"comptabilite": "privee", "agent_comptable": {"nom": "M. Paul Roux"}})
    assert not given.inapplicable and given.children


def test_a_health_network_s_documents_are_said_not_to_apply_to_a_social_one() -> None:
    def health(data: dict[str, object]) -> Question:
        draft = new_draft("charte_reseau")
        draft.data.update(data)
        return draft.questions(draft.section("reseau_sante"))[0]

    social = health({"type_reseau": "social"})
    assert social.inapplicable == (
        "sans objet, la réponse à « Type de réseau » étant « réseau d’action sociale »"
    )
    assert not health({"type_reseau": "sante"}).inapplicable


def test_an_ambiguous_amount_is_told_once_on_its_section() -> None:
    """« 7.800 » is read 7,80 €: the check says it, once, whether other answers are
    missing (the rules run on stand-ins) or not (it alone refuses the input)."""
    example = (ROOT / "exemples" / "cada-empp-sante-mentale.yaml").read_text(encoding="utf-8")
    text = example.replace("      montant: 7800.00\n", "      montant: 7.800\n", 1)
    for missing in (False, True):
        data = atelier._yaml().load(text)
        if missing:
            del data["signature"]
        draft = Draft(document_type("convention_partenariat"), data)
        said = [p for p in draft.check().problems if "ambigu" in p.message]
        assert [p.path for p in said] == ["dispositions_financieres.versements[1].montant"]


def test_a_usual_answer_the_final_version_may_lack_is_marked_advised() -> None:
    from convgen.web.pages import PAGES  # noqa: PLC0415

    draft = new_draft("convention_partenariat")
    found = [q for top in draft.questions(draft.section("preambule")) for q in top.walk()]
    preamble = next(q for q in found if q.name == "preambule")
    html = str(PAGES.get_template("macros.html").module.question(preamble))  # type: ignore[attr-defined]
    assert "(conseillé)" in html and "version définitive" not in html
    schema = json.loads((ROOT / "convgen/schemas/convention_partenariat.schema.json").read_text())
    assert schema["properties"]["preambule"]["description"].endswith(
        "conseillé (un projet imprime un espace réservé)"
    )


@pytest.mark.parametrize("typed", ["01/03/2027", "1/3/2027", "01.03.2027", "2027-03-01"])
def test_a_date_is_typed_and_shown_the_french_way_and_held_in_iso(typed: str) -> None:
    """A text field: the browser's date picker showed « mm/dd/yyyy » in an English
    browser, and a date typed « 01/03/2027 » there was lost without a word."""
    draft = new_draft("convention_partenariat")
    section = draft.section("duree")
    draft.answer(section, {"duree.date_effet": typed})
    assert draft.data["duree"]["date_effet"] == dt.date(2027, 3, 1)
    (shown,) = [
        q for top in draft.questions(section) for q in top.walk() if q.name == "duree.date_effet"
    ]
    assert shown.kind == "date" and shown.value == "01/03/2027"
    assert "date_effet: 2027-03-01" in draft.text()


def test_a_date_that_cannot_be_read_is_said_on_its_field() -> None:
    draft = new_draft("convention_partenariat")
    draft.answer(draft.section("duree"), {"duree.date_effet": "1er mars 2027"})
    said = [p for p in draft.check().problems if p.path == "duree.date_effet"]
    assert said and said[0].is_error
    assert for_the_page(said[0].message) == (
        "date invalide « 1er mars 2027 » : écrivez-la jj/mm/aaaa, par exemple 01/03/2026"
    )
    impossible = new_draft("convention_partenariat")
    impossible.answer(impossible.section("duree"), {"duree.date_effet": "31/02/2027"})
    said = [p for p in impossible.check().problems if p.path == "duree.date_effet"]
    assert said and "date impossible" in said[0].message


def test_the_atelier_refuses_a_template_generer_refuses(tmp_path: Path) -> None:
    """With --modeles, a template with an unknown variable in a branch: generer refuses
    it whole; the atelier's preview and downloads did not."""
    typo = "{% if parties|length > 99 %}{{ convention.preavis_special }}{% endif %}"
    folder = edited_templates(
        tmp_path / "modeles", "fragments/signatures.docx", "Fait à", typo + "Fait à"
    )
    validation = check(example("chrs-csapa-addictions"))
    with pytest.raises(TemplateError, match=r"variable inconnue « convention\.preavis_special »"):
        atelier.render(validation, folder, draft=True)
    assert atelier.render(validation, default_templates_dir(), draft=True)


@pytest.mark.parametrize(
    ("name", "removed"),
    [
        ("cada-empp-sante-mentale", "empp"),
        ("charte-reseau-rural-domicile", None),
        ("gcsms-mixte-ccas-ehpad", None),
    ],
)
def test_a_removed_organisation_is_a_gap_in_the_project_not_its_code(
    name: str, removed: str | None
) -> None:
    """The director removes an organisation the answers still designate elsewhere (a
    flow, a payment, the committee): the project is still made, as the atelier makes it,
    with a gap to fill where its name was; it printed the bare code (« Ccas verse… »)."""
    data = example(name)
    group = "parties" if "parties" in data else "membres"
    code = removed or data[group][-1]["code"]
    data[group] = [o for o in data[group] if o["code"] != code]
    validation = check(data, draft=True)
    assert any(code in p.message and p.is_error for p in validation.problems)  # said
    from convgen.wordml.text import docx_text  # noqa: PLC0415

    made = atelier.render(validation, default_templates_dir(), draft=True)
    text = docx_text(made).replace("\u00a0", " ").replace("\u202f", " ")
    gap = f"[à compléter : organisation « {code} », retirée ou inconnue]"
    assert gap in text
    # Nowhere else as a bare word (an e-mail address may contain it: « dpo@admr-jura »).
    assert re.search(rf"(?<![@\w-]){re.escape(code)}(?![\w-])", text.replace(gap, "")) is None


def test_a_section_left_empty_is_not_ticked_as_filled() -> None:
    """The director passed over the evaluation section without a word: the list of
    sections ticked it « terminée » like the ones she had filled."""
    draft = atelier.new_draft("convention_partenariat")
    draft.data["titre"] = "relative à l'accueil de jour"
    first, *others = draft.sections
    draft.visited.update(section.key for section in draft.sections)
    states = {state.section.key: state for state in atelier.section_states(draft, draft.check())}
    assert not states[first.key].empty  # the title is answered
    assert all(states[section.key].empty for section in others)
    draft.data["parties"] = [{"code": "ccas", "denomination": ""}]
    draft.data["objectifs"] = [{}]  # an element added, left blank
    states = {state.section.key: state for state in atelier.section_states(draft, draft.check())}
    assert not states["parties"].empty
    assert states["objectifs"].empty


def test_a_choice_or_yes_no_question_keeps_its_explanation_without_the_file_s_values() -> None:
    """« Nominative », « Phase », « Base RGPD (article 6) » came without a word of help:
    a choice's help was dropped whole because it listed the values the file takes."""
    model = MODELS["convention_partenariat"]
    data = example("chrs-csapa-addictions")
    helps = {
        question.name.split("[")[0] + "." + question.name.rsplit(".", 1)[-1]: question.help
        for key in ("modalites", "partage_information", "parties")
        for top in questions(model, data, next(s for s in sections(model) if s.key == key))
        for question in top.walk()
    }
    assert helps["modalites.nominative"] == (
        "oui si l’activité porte sur des personnes identifiées ; non si elle est anonymisée"
    )
    assert helps["partage_information.flux.phase"] == (
        "orientation (le destinataire n’accompagne pas encore la personne) ou "
        "prise en charge (il l’accompagne déjà)"
    )
    assert helps["partage_information.flux.base_art6"].startswith("ce qui rend l’échange licite")
    assert "a consentement" not in helps["partage_information.flux.base_art6"]
    assert helps["partage_information.flux.destinataire_soumis_secret"] == (
        "aucun flux vers un destinataire non soumis au secret"
    )
    assert helps["parties.forme_juridique"] == ""  # a list of values, offered by the page
    assert helps["parties.nature"] == ""
    assert not any(re.search(r"\b(true|false)\b|[a-z]_[a-z]", text) for text in helps.values())


def test_a_date_question_keeps_its_explanation_without_the_file_s_format() -> None:
    """The date of transmission to the prefect lost « elle doit être exécutoire avant la
    signature », and a recurring payment's first instalment all its help: a date's help
    was dropped whole because it gave the YAML file's format, which the page's date
    field shows."""
    model = MODELS["convention_partenariat"]
    data = example("protection-enfance-reseau-local")
    helps = {
        re.sub(r"\[\d+\]", "", question.name): question.help
        for key in ("parties", "dispositions_financieres", "duree")
        for top in questions(model, data, next(s for s in sections(model) if s.key == key))
        for question in top.walk()
    }
    assert helps["parties.habilitation.date_transmission"] == (
        "délibération d’une commune, d’un département ou d’un CCAS : elle doit être "
        "exécutoire avant la signature"
    )
    assert helps["dispositions_financieres.versements.premiere_echeance"].startswith(
        "montant récurrent, au lieu de l’échéancier : date du premier versement"
    )
    assert helps["duree.date_effet"] == ""  # the format only
    assert not any("AAAA" in text for text in helps.values())


def test_a_first_instalment_is_asked_only_of_a_recurring_amount() -> None:
    """A single payment has its date in the schedule: « Première échéance » shows only
    once a periodicity is chosen (the reviewer filled it for a one-off payment, and got
    CO-03's error)."""
    model = MODELS["convention_partenariat"]
    data = example("protection-enfance-reseau-local")
    section = next(s for s in sections(model) if s.key == "dispositions_financieres")
    (first,) = [
        question
        for top in questions(model, data, section)
        for question in top.walk()
        if question.name.endswith("premiere_echeance")
    ]
    assert first.condition is not None
    assert first.condition.governing == "dispositions_financieres.versements[1].periodicite"
    assert first.condition.values is None  # any periodicity
