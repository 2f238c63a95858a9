"""Legal review: the clause checklist, the review pack and ``convgen relire``."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result
from conftest import (
    EXAMPLES,
    ROOT,
    TODAY,
    check,
    edit_docx_part,
    example,
    render_validated,
    set_path,
    write_yaml,
)
from lxml import etree

from convgen.cli import main as cli
from convgen.documents.context import build_context
from convgen.documents.registry import DOCUMENT_TYPES, type_of
from convgen.loading import read_input
from convgen.regles import RULES
from convgen.review.checklist import CheckItem, Status, checklist
from convgen.review.clause_texts import TEXT_CHECKS
from convgen.review.clauses import BASES, FRONT
from convgen.review.formats import to_json, to_markdown
from convgen.review.pack import Review, build_review
from convgen.review.word import to_docx
from convgen.validation.validator import Options, validate
from convgen.wordml.text import docx_text, sections

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ONE_PER_TYPE = {
    "convention_partenariat": "chrs-csapa-addictions",
    "charte_reseau": "charte-reseau-rural-domicile",
    "convention_constitutive_gcsms": "gcsms-associations-handicap",
}
TEMPLATES = {
    "convention_partenariat": "convention_partenariat.docx",
    "charte_reseau": "charte_reseau.docx",
    "convention_constitutive_gcsms": "convention_constitutive_gcsms.docx",
}
PREFIX = {
    "convention_partenariat": "CP",
    "charte_reseau": "CR",
    "convention_constitutive_gcsms": "GC",
}


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli.cli, [str(a) for a in args], catch_exceptions=False)


def review_of(name: str, **changes: object) -> Review:
    """The review of an example read from its file (so with line numbers), maybe altered."""
    raw = read_input(ROOT / "exemples" / f"{name}.yaml")
    for path, value in changes.items():
        set_path(raw.data, path.replace("__", "."), value)
    validated = validate(raw, Options(today=TODAY))
    assert validated.ok, [str(p) for p in validated.problems if p.is_error]
    return build_review(validated, render_validated(validated), draft=False)


def items(review: Review) -> dict[str, CheckItem]:
    return {item.id: item for item in review.checklist}


# The clause table stays in step with the article plans.


@pytest.mark.parametrize("type_name", list(DOCUMENT_TYPES))
def test_every_clause_of_every_plan_has_a_legal_basis_and_nothing_else(type_name: str) -> None:
    doc_type = DOCUMENT_TYPES[type_name]
    expected = {spec.key for spec in (*FRONT[type_name], *doc_type.articles)}
    expected |= {f"annexe.{spec.key}" for spec in doc_type.annexes}
    expected |= {"signature", "signataires"}
    assert set(BASES[type_name]) == expected
    articles = {spec.key for spec in doc_type.articles}
    assert {check.section for check in TEXT_CHECKS[type_name]} <= articles


@pytest.mark.parametrize("type_name", list(DOCUMENT_TYPES))
def test_rules_named_by_the_clause_table_exist_for_the_document_type(type_name: str) -> None:
    named = {rule for basis in BASES[type_name].values() for rule in basis.rules}
    named |= {rule for check in TEXT_CHECKS[type_name] for rule in check.basis.rules}
    for rule in named:
        assert rule in RULES, rule
        assert type_name in RULES[rule].documents, rule


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_passes_the_checklist(path: Path) -> None:
    validated = validate(read_input(path), Options(today=TODAY))
    review = build_review(validated, render_validated(validated), draft=False)
    assert review.failures == []
    assert review.pending == []
    mandatory = [item for item in review.checklist if item.mandatory]
    assert all(item.status is Status.PRESENT for item in mandatory)


# Optional clauses: included or left out, and which input decided it.


def test_each_optional_clause_of_the_convention_says_why() -> None:
    review = review_of("chrs-csapa-addictions")
    found = items(review)
    optional = {item.id: item for item in review.optional}
    doc_type = DOCUMENT_TYPES["convention_partenariat"]
    specs = [spec for spec in (*doc_type.articles, *doc_type.annexes) if spec.decided_by]
    assert len(optional) == len(specs)
    for item in optional.values():
        # The field's French title, never its internal path (« parties[].referent »).
        assert item.decision.startswith("« "), item
        assert item.decided_by not in item.decision, item
    communication = found["CP.communication"]
    assert communication.status is Status.OMIS
    assert communication.decided_by == "communication"
    assert communication.result == "omis : « Communication » non renseigné"
    assert found["CP.objectifs"].status is Status.PRESENT
    assert found["CP.objectifs"].where == "Article 2"
    assert found["CP.objectifs"].decision.startswith("« Objectifs » renseigné (2 éléments, ligne ")
    assert found["CP.referents"].decision == "« Référent » de chaque partie renseigné (2 sur 2)"


def test_an_optional_clause_given_in_the_input_is_included_where_the_plan_puts_it() -> None:
    found = items(review_of("chrs-csapa-addictions", communication="Les logos figurent…"))
    assert found["CP.communication"].status is Status.PRESENT
    assert found["CP.communication"].where == "Article 11"
    assert found["CP.duree"].where == "Article 12"


def test_optional_clauses_of_a_gcsms_and_a_charter_name_their_deciding_value() -> None:
    gcsms = items(review_of("gcsms-mixte-ccas-ehpad"))
    assert gcsms["GC.reglement_interieur"].result == "omis : « Règlement intérieur » : non"
    assert gcsms["GC.autorisations"].decision.startswith(
        "« Missions » : interventions_communes, exercice_direct_missions_essms"
    )
    assert gcsms["GC.biens"].result == "omis : « Biens mis à disposition » non renseigné"
    charter = items(review_of("charte-reseau-rural-domicile"))
    assert charter["CR.reseau_sante"].result.startswith("omis : « Type de réseau » : medico_social")


# What the text must say, below article level.


def test_sharing_conditions_follow_the_legal_bases_of_the_flows() -> None:
    childhood = items(review_of("protection-enfance-reseau-local"))
    assert childhood["CP.partage.fondement.l226_2_2"].status is Status.PRESENT
    assert childhood["CP.partage.autorite_parentale"].status is Status.PRESENT
    assert childhood["CP.partage.consentement"].status is Status.SANS_OBJET
    assert childhood["CP.partage.secret"].where == "Article 6"
    health = items(review_of("cada-empp-sante-mentale"))
    assert health["CP.partage.canal_securise"].status is Status.PRESENT
    assert health["CP.partage.autorite_parentale"].result == (
        "sans objet : seulement si des informations sont partagées en protection de l’enfance"
    )


def _checked_text(name: str, edit: Callable[[str], str]) -> dict[str, CheckItem]:
    validated = check(example(name))
    assert validated.document is not None
    doc_type = type_of(validated.document)
    text = edit(docx_text(render_validated(validated)))
    context = build_context(doc_type, validated.document, draft=False)
    found = checklist(doc_type, validated.document, context, sections(text), validated.raw)
    return {item.id: item for item in found}


def test_a_missing_signature_block_and_closing_formula_are_reported() -> None:
    found = _checked_text(
        "chrs-csapa-addictions",
        lambda text: text.replace("| Pour le CSAPA / Monsieur Étienne Roussel / Président", ""),
    )
    assert found["CP.signataires"].result == "absent : bloc manquant pour le CSAPA"
    found = _checked_text(
        "chrs-csapa-addictions", lambda text: text.replace("en deux (2) exemplaires", "en deux")
    )
    assert found["CP.signature"].status is Status.ABSENT
    assert "« (2) exemplaires originaux »" in found["CP.signature"].detail


def test_a_missing_section_before_the_articles_is_reported() -> None:
    found = _checked_text(
        "chrs-csapa-addictions", lambda text: text.replace("## Préambule\n", "Préambule\n")
    )
    assert found["CP.preambule"].result == "absent : titre « Préambule » introuvable"
    assert found["CP.preambule"].mark == "✘"


def test_the_sharing_conditions_are_found_in_the_template_sentences_not_in_the_data() -> None:
    """Taking the sentence on parents' information out of the clause is caught, even
    though each exchange still has its own line mentioning « l’autorité parentale »."""
    sentence = "Le père, la mère, toute autre personne exerçant l’autorité parentale"
    found = _checked_text(
        "protection-enfance-reseau-local", lambda text: text.replace(sentence, "Les personnes")
    )
    assert found["CP.partage.autorite_parentale"].status is Status.ABSENT
    found = _checked_text(
        "chrs-csapa-addictions",
        lambda text: text.replace(
            "données à caractère personnel, les rôles de chacun sont les suivants", "Rôles"
        ),
    )
    assert found["CP.partage.rgpd"].status is Status.ABSENT


def test_a_renumbered_article_and_the_gcsms_mention_are_checked() -> None:
    found = _checked_text(
        "gcsms-associations-handicap",
        lambda text: text.replace("## Article 3 – Siège", "## Article 4 – Siège").replace(
            "coopération médico-sociale\u00a0»", "GCMS\u00a0»"
        ),
    )
    assert found["GC.siege"].result == (
        "mal numéroté : « Article 4 – Siège » au lieu de « Article 3 »"
    )
    assert found["GC.mention"].status is Status.ABSENT


# Template copies with a clause taken out: the checklist fails, relire exits 1.


def _in_body(edit: Callable[[etree._Element], None]) -> Callable[[bytes], bytes]:
    """An edit of word/document.xml for ``edit_docx_part``: ``edit`` applied to its body."""

    def apply(data: bytes) -> bytes:
        root = etree.fromstring(data)
        edit(root.find(f"{W}body"))
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8")

    return apply


def _paragraph_with(body: etree._Element, text: str) -> etree._Element:
    return next(p for p in body.iter(f"{W}p") if text in "".join(p.itertext()))


def _remove_article(body: etree._Element, *, keep_heading: bool = False) -> None:
    """Remove the « Modification » article (heading and its one paragraph of body)."""
    # Its heading: other articles refer to it by its number (« par avenant, dans les
    # conditions prévues à l'article {{ articles.modification.numero }} »).
    heading = _paragraph_with(body, "Article {{ articles.modification.numero }}")
    text = heading.getnext()
    assert text is not None
    body.remove(text)
    if not keep_heading:
        body.remove(heading)


@pytest.fixture
def template_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "modeles"
    shutil.copytree(ROOT / "modeles", folder)
    return folder


@pytest.mark.parametrize("type_name", list(ONE_PER_TYPE))
def test_relire_fails_when_a_mandatory_article_is_removed_from_a_template_copy(
    type_name: str, template_copy: Path, tmp_path: Path
) -> None:
    edit_docx_part(
        template_copy / TEMPLATES[type_name], "word/document.xml", _in_body(_remove_article)
    )
    source = ROOT / "exemples" / f"{ONE_PER_TYPE[type_name]}.yaml"
    report = tmp_path / "rapport.json"
    result = run("relire", source, "--modeles", template_copy, "--format", "json", "-o", report)
    assert result.exit_code == 1
    pack = json.loads(report.read_text(encoding="utf-8"))
    item_id = f"{PREFIX[type_name]}.modification"
    assert pack["en_defaut"] == [item_id]
    failed = next(i for i in pack["liste_de_controle"] if i["id"] == item_id)
    assert failed["resultat"] == "absent"
    assert failed["obligatoire"] is True
    assert "✘ Modification" in result.output
    assert "Clauses manquantes ou incomplètes (1)" in result.output


def test_relire_reports_an_article_whose_body_was_emptied(
    template_copy: Path, tmp_path: Path
) -> None:
    edit_docx_part(
        template_copy / "convention_partenariat.docx",
        "word/document.xml",
        _in_body(lambda body: _remove_article(body, keep_heading=True)),
    )
    source = ROOT / "exemples" / "chrs-csapa-addictions.yaml"
    result = run("relire", source, "--modeles", template_copy, "--format", "md")
    assert result.exit_code == 1
    assert (
        "| ✘ | Modification | Article 12 | oui | recommandé (pratique) | Pratique : avenant "
        "signé de toutes les parties |  | vide : « Article 12 – Modification » n’a aucun "
        "texte |" in result.output
    )


def test_relire_fails_when_the_secrecy_reminder_is_taken_out_of_the_shared_clause(
    template_copy: Path,
) -> None:
    edit_docx_part(
        template_copy / "fragments" / "partage_information.docx",
        "word/document.xml",
        _in_body(lambda body: body.remove(_paragraph_with(body, "ref.penal_226_13"))),
    )
    source = ROOT / "exemples" / "chrs-csapa-addictions.yaml"
    result = run("relire", source, "--modeles", template_copy, "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["en_defaut"] == ["CP.partage.secret"]


def test_a_gcsms_clause_without_its_required_statement_fails_though_its_heading_remains(
    template_copy: Path,
) -> None:
    def drop_sentence(body: etree._Element) -> None:
        for text in body.iter(f"{W}t"):
            if "nomme un ou plusieurs liquidateurs" in (text.text or ""):
                text.text = text.text.replace("et nomme un ou plusieurs liquidateurs", "")

    edit_docx_part(
        template_copy / "convention_constitutive_gcsms.docx",
        "word/document.xml",
        _in_body(drop_sentence),
    )
    source = ROOT / "exemples" / "gcsms-associations-handicap.yaml"
    result = run("relire", source, "--modeles", template_copy, "--format", "json")
    assert result.exit_code == 1
    pack = json.loads(result.stdout)
    assert pack["en_defaut"] == ["GC.dissolution.liquidateurs"]
    dissolution = next(i for i in pack["liste_de_controle"] if i["id"] == "GC.dissolution")
    assert dissolution["resultat"] == "present"


# The pack: summary, formats, determinism.


def test_the_summary_gives_parties_dates_and_amounts_in_figures_and_words() -> None:
    summary = review_of("cada-empp-sante-mentale").summary
    assert summary.type_label == "Convention de partenariat"
    assert [p.short_name for p in summary.parties] == [
        "Terre d’Accueil",
        "l’EPSM",
        "Paroles Partagées",
    ]
    assert dict(summary.dates) == {
        "Signature": "29 janvier 2026 à Saint-Denis",
        "Prise d’effet": "1er février 2026",
        "Échéance": "31 janvier 2027",
    }
    first = summary.amounts[0]
    assert (first.figures, first.words) == ("7\u202f800,00\u00a0€", "sept mille huit cents euros")
    gcsms = review_of("gcsms-mixte-ccas-ehpad").summary.amounts
    assert gcsms[0].label == "Capital du groupement"
    assert gcsms[0].words == "trente mille euros"


def test_the_summary_gives_a_recurring_amount_s_first_instalment() -> None:
    """A recurring amount given by its first instalment: the lawyer reads when it falls
    and when the next ones do, with the amount of each."""
    amounts = review_of(
        "protection-enfance-reseau-local",
        dispositions_financieres__versements__0__echeancier=None,
        dispositions_financieres__versements__0__premiere_echeance="2026-03-31",
    ).summary.amounts
    labels = [(a.label, a.words) for a in amounts]
    assert (
        "première échéance le 31 mars 2026, les suivantes à la même date chaque année",
        "dix-huit mille cinq cents euros",
    ) in labels
    assert not any(label.startswith("dont échéance") for label, _ in labels)


def test_the_term_of_a_group_runs_from_its_legal_personality() -> None:
    """A GCSMS for ten years has no end date yet: the summary says what the convention
    says, never « durée indéterminée »."""
    limited = dict(review_of("gcsms-mixte-ccas-ehpad").summary.dates)
    assert limited["Échéance"] == (
        "au terme d’une durée de dix (10)\u00a0ans à compter de la personnalité morale"
    )
    unlimited = dict(review_of("gcsms-associations-handicap").summary.dates)
    assert unlimited["Échéance"] == "durée indéterminée"


def test_markdown_and_json_packs_say_the_same_thing() -> None:
    review = review_of("protection-enfance-reseau-local")
    markdown = to_markdown(review)
    for title in (
        "## Parties",
        "## Dates",
        "## Montants",
        "## Liste de contrôle des clauses",
        "## Clauses facultatives incluses ou omises",
        "## Avertissements",
        "## Sources juridiques citées",
        "## Provenance",
    ):
        assert title in markdown
    assert "| Communication | omise | « Communication » non renseigné |" in markdown
    assert "| Mode | version définitive |" in markdown
    payload = json.loads(to_json(review))
    assert payload["document"]["reference"] == "PE-2026-07"
    assert payload["en_defaut"] == []
    assert len(payload["liste_de_controle"]) == len(review.checklist)
    assert payload["provenance"]["convgen_type"] == "convention_partenariat"
    assert any(
        s["source"].startswith("Code de l'action sociale et des familles, art. L. 226-2-2")
        for s in payload["sources"]
    )


def test_warnings_are_listed_with_their_rule_source_and_level() -> None:
    review = review_of("chrs-csapa-addictions", parties__1__assurance=None)
    payload = json.loads(to_json(review))
    assert {
        "regle": "CP-14",
        "source": "pratique professionnelle",
        "niveau": "P",
        "force": "recommandé (pratique)",
        "champ": "parties[2].assurance",
        "libelle": "Partie n° 2 › Assurance",
        "gravite": "avertissement",
        "message": "Indiquez l'assurance responsabilité civile du CSAPA.",
    }.items() <= payload["avertissements"][0].items()
    # The Word pack names the field as the atelier does, then as the input writes it.
    assert "Partie n°\u00a02 › Assurance (parties[2].assurance)" in docx_text(to_docx(review))


def test_the_word_pack_opens_with_python_docx_and_is_reproducible() -> None:
    review = review_of("gcsms-mixte-ccas-ehpad")
    data = to_docx(review)
    assert data == to_docx(review)
    document = docx.Document(io.BytesIO(data))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Liste de contrôle des clauses" in headings
    assert "Provenance" in headings
    checklist_table = next(t for t in document.tables if t.rows[0].cells[1].text == "Clause")
    assert len(checklist_table.rows) == len(review.checklist) + 1
    assert document.core_properties.language == "fr-FR"


# convgen relire on the command line.


def test_relire_writes_a_word_pack_beside_the_input(tmp_path: Path) -> None:
    source = write_yaml(tmp_path / "convention.yaml", example("chrs-csapa-addictions"))
    result = run("relire", source)
    assert result.exit_code == 0
    target = tmp_path / "convention.relecture.docx"
    assert f"Dossier de relecture produit : {target}" in result.output
    assert "Toutes les clauses attendues sont présentes." in result.output
    assert docx.Document(str(target)).paragraphs[0].text == "Dossier de relecture juridique"


def test_relire_refuses_a_final_document_with_missing_information_like_generer(
    tmp_path: Path,
) -> None:
    source = write_yaml(
        tmp_path / "projet.yaml", set_path(example("chrs-csapa-addictions"), "signature.date", None)
    )
    final = run("relire", source)
    assert final.exit_code == 1
    assert "Date de signature à compléter avant la version définitive" in final.output
    assert "Aucun document n'a été produit." in final.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["projet.yaml"]
    assert run("generer", source).exit_code == 1
    draft = run("relire", source, "--brouillon", "--format", "md")
    assert draft.exit_code == 0
    assert "| ✘ | Formule « Fait à …, le …, en … exemplaires originaux » |" in draft.output
    assert "à compléter : date de signature |" in draft.output
    assert "Projet : 1 clause(s) encore à compléter avant signature." in draft.output


def test_relire_usage_errors(tmp_path: Path) -> None:
    source = ROOT / "exemples" / "chrs-csapa-addictions.yaml"
    wrong = run("relire", source, "--format", "md", "-o", tmp_path / "rapport.docx")
    assert wrong.exit_code == 2
    assert "au format md, le dossier de relecture doit avoir l'extension .md" in wrong.output
    unknown = run("relire", source, "--format", "pdf")
    assert unknown.exit_code == 2
    assert "« pdf » n’est pas une valeur possible" in unknown.output
    missing = run("relire", tmp_path / "absent.yaml")
    assert missing.exit_code == 1
    assert "absent.yaml: fichier introuvable" in missing.output


def test_a_party_without_appellation_is_not_named_twice_in_the_parties_table() -> None:
    """The text names it « le Centre communal… »: the table says the name once."""
    source = Path(__file__).parent / "golden" / "entrees" / "gcsms-minimale.yaml"
    table = run("relire", source, "--brouillon", "--format", "md").output
    assert "| Centre communal d’action sociale de Champagnole | centre communal" in table
    assert "| EHPAD Les Tilleuls | établissement public" in table
    assert "(« le Centre communal" not in table and "(« l’EHPAD" not in table


def test_the_pack_names_a_charter_as_the_calendar_does() -> None:
    """« Charte de réseau Réseau Domicile… » said « réseau » twice: the heading (and the
    folder's « Document » column) use the one title of lists and calendars."""
    from convgen.review.formats import heading  # noqa: PLC0415

    assert heading(review_of("charte-reseau-rural-domicile")) == (
        "Charte du Réseau Domicile Solidaire du Plateau de Maîche – version définitive"
    )


def test_the_checklist_names_the_article_as_the_document_titles_it(tmp_path: Path) -> None:
    """A charter without an exclusion clause titles its article « Adhésion et retrait »;
    the review pack said « Adhésion, retrait et exclusion ✔ présent » (the director's)."""
    source = ROOT / "exemples" / "charte-reseau-rural-domicile.yaml"
    data = read_input(source).data
    assert not data.get("exclusion")
    report = tmp_path / "dossier.json"
    assert run("relire", source, "--format", "json", "-o", report).exit_code == 0
    pack = json.loads(report.read_text(encoding="utf-8"))
    titles = [item["clause"] for item in pack["liste_de_controle"]]
    assert "Adhésion et retrait" in titles
    assert "Adhésion, retrait et exclusion" not in titles


def test_the_republican_commitment_clause_has_its_line_in_the_checklist() -> None:
    """The clause convgen adds for a subsidised association (loi n° 2000-321, art. 10-1)
    had no line in the lawyer's checklist: present when it is printed, absent when a
    copy of the template drops it, « sans objet » below the threshold."""
    raw = read_input(ROOT / "tests" / "golden" / "entrees" / "convention-subvention.yaml")
    validated = validate(raw, Options(today=TODAY))
    assert validated.ok and validated.document is not None
    doc_type = type_of(validated.document)
    context = build_context(doc_type, validated.document, draft=False)
    text = docx_text(render_validated(validated))
    key = "CP.dispositions_financieres.engagement_republicain"

    def item(text: str) -> CheckItem:
        found = checklist(doc_type, validated.document, context, sections(text), raw)  # type: ignore[arg-type]
        return {one.id: one for one in found}[key]

    assert item(text).status is Status.PRESENT
    assert item(text).where.startswith("Article ")
    dropped = text.replace("les engagements du contrat d’engagement républicain prévu", "")
    assert item(dropped).status is Status.ABSENT
    below = items(review_of("cada-empp-sante-mentale"))[key]
    assert below.result == (
        "sans objet : seulement si une personne publique verse à une association ou à une "
        "fondation plus de 23 000 € par an"
    )
