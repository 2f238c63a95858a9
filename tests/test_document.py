"""The generated Word document: text, typography, numbering, draft mode, escaping."""

from __future__ import annotations

import io
import re
import sys
import zipfile
from typing import Any

import pytest
from conftest import (
    EXAMPLES,
    ROOT,
    TODAY,
    check,
    convention,
    edit_docx_part,
    example,
    render,
    render_validated,
    replacing,
    set_path,
)
from docx import Document
from docxtpl import DocxTemplate
from jinja2 import Environment
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError
from lxml import etree

from convgen.documents.context import build_context
from convgen.documents.registry import type_of
from convgen.errors import TemplateError
from convgen.loading import read_input
from convgen.rendering.environment import make_environment
from convgen.rendering.failures import in_french
from convgen.rendering.generation import render_document
from convgen.rendering.prepared import PreparedTemplate, TemplateBundle, fragment_body
from convgen.rendering.store import default_templates_dir, load_bundle
from convgen.schema.commun import Nature
from convgen.validation.validator import Options, validate
from convgen.wording.formatting import typography
from convgen.wordml import quotes, stops
from convgen.wordml.text import docx_text

NBSP, NNBSP = "\u00a0", "\u202f"
CONTACT = "partage_information.rgpd.violation.contact"  # printed before « . Chaque »


def _text(data: dict, *, draft: bool = False) -> str:  # type: ignore[type-arg]
    return docx_text(render(data, draft=draft))


def _example_texts() -> dict[str, str]:
    texts = {}
    for path in EXAMPLES:
        validated = validate(read_input(path), Options(today=TODAY))
        texts[path.stem] = docx_text(render_validated(validated))
    return texts


EXAMPLE_TEXTS = _example_texts()


def _headings(text: str) -> list[str]:
    return [line[3:] for line in text.splitlines() if line.startswith("## Article")]


@pytest.mark.parametrize("name", sorted(EXAMPLE_TEXTS))
def test_articles_are_numbered_without_gap_or_duplicate(name: str) -> None:
    numbers = [re.match(r"Article (\d+)(er)? – ", h) for h in _headings(EXAMPLE_TEXTS[name])]
    assert all(numbers)
    values = [int(m.group(1)) for m in numbers if m]
    assert values == list(range(1, len(values) + 1))
    assert _headings(EXAMPLE_TEXTS[name])[0].startswith("Article 1er – ")


def test_left_out_articles_shift_numbers_and_cross_references() -> None:
    full = _text(convention())
    data = convention()
    for key in ("objectifs", "modalites", "instance_suivi", "partage_information"):
        set_path(data, key, None)
    for partie in data["parties"]:
        partie.pop("referent")
        partie.pop("engagements")
        partie.pop("attentes")
    data["evaluation"]["niveaux"] = ["resultats", "fonctionnement"]
    short = _text(data)
    assert "Article 11 – Durée et renouvellement" in full
    assert "Article 6 – Durée et renouvellement" in short
    assert "Les obligations de confidentialité prévues à l’article 6 survivent" in full
    assert "Les obligations de confidentialité prévues à l’article 2 survivent" in short
    assert "au vu du bilan final prévu à l’article 8." in full
    assert "au vu du bilan final prévu à l’article 3." in short
    assert "Article 2 – Partage d’informations et secret professionnel" in short
    assert "n’organise aucun échange ni partage d’informations nominatives" in short


def test_reference_to_a_left_out_article_fails_instead_of_printing_a_number() -> None:
    env = make_environment()
    template = env.from_string("voir l’article {{ articles.evaluation.numero }}")
    with pytest.raises(UndefinedError):
        template.render(articles={"evaluation": None})


@pytest.mark.parametrize("name", sorted(EXAMPLE_TEXTS))
def test_french_typography_in_generated_text(name: str) -> None:
    text = EXAMPLE_TEXTS[name]
    body = "\n".join(line for line in text.splitlines() if "@" not in line)
    assert not re.search(r" [;:!?»]", body), "TY-02 : espace ordinaire avant une ponctuation haute"
    assert not re.search(r"« ", body), "TY-02 : espace ordinaire après un guillemet ouvrant"
    assert not re.search(r"(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])", body), "TY-01 : date ISO"
    assert not re.search(
        r"\b1 (janvier|février|mars|avril|mai|juin|juillet|août|septembre|"
        r"octobre|novembre|décembre)\b",
        body,
    ), "TY-01 : « 1er » attendu"
    assert "n° " not in body
    assert not re.search(r"[A-Za-zÀ-ÿ]'[A-Za-zÀ-ÿ]", body), "apostrophe droite dans le texte"


def test_a_bulleted_line_ending_with_its_own_stop_is_printed_with_one() -> None:
    data = example("chrs-csapa-addictions")
    engagements = data["parties"][0]["engagements"]
    engagements[0] += " ;"
    engagements[-1] += "."
    data["parties"][0]["engagements"] = engagements
    text = _text(data)
    first, last = engagements[0][:-2], engagements[-1][:-1]
    assert f"- {first}{NNBSP};" in text or f"- {first} ;" in text
    assert f"- {last}." in text
    assert ".." not in text and "; ;" not in text and f";{NNBSP};" not in text


def test_amounts_in_figures_and_in_words_concordant() -> None:
    text = EXAMPLE_TEXTS["cada-empp-sante-mentale"]
    assert (
        f"la somme de 7{NNBSP}800,00{NBSP}€ (sept mille huit cents euros) au titre de "
        "l’interprétariat"
    ) in text
    assert (
        f"1{NNBSP}950,00{NBSP}€ (mille neuf cent cinquante euros) au plus tard le 30 avril 2026"
        in text
    )
    amounts = re.findall(r"(\d[\d\u202f]*,\d\d)\u00a0€ \(", text)
    assert amounts and all(re.fullmatch(r"\d{1,3}(\u202f\d{3})*,\d\d", a) for a in amounts)


@pytest.mark.parametrize("name", sorted(EXAMPLE_TEXTS))
def test_one_signature_block_per_signatory(name: str) -> None:
    text = EXAMPLE_TEXTS[name]
    validated = validate(read_input(ROOT / "exemples" / f"{name}.yaml"), Options(today=TODAY))
    rows = [line for line in text.splitlines() if "| Signature" in line]
    signatories = validated.document.signatories
    assert len(rows) == len(signatories)
    for organisation, row in zip(signatories, rows, strict=True):
        signer = organisation.signatory
        assert f"{signer.prenom} {signer.nom}" in row
        if organisation.nature is Nature.PERSONNE_PHYSIQUE:
            assert row.startswith(f"| {signer.civilite} {signer.prenom} {signer.nom} /")
        else:
            assert row.startswith(f"| Pour {typography(organisation.short_name)} /")


def test_a_delegated_signatory_signs_for_the_legal_representative_by_delegation() -> None:
    text = EXAMPLE_TEXTS["chrs-csapa-addictions"]
    assert (
        "| Pour le Relais / Pour la présidente et par délégation, / Monsieur Karim Benali / "
        "Directeur général | Signature et cachet"
    ) in text
    assert "| Pour le CSAPA / Monsieur Étienne Roussel / Président |" in text  # himself
    data = set_path(convention(), "parties.0.representant_legal.civilite", "Monsieur")
    set_path(data, "parties.0.representant_legal.qualite", "administrateur, trésorier")
    set_path(data, "parties.0.delegation.auteur", "l'administrateur")
    assert "| Pour le Relais / Pour l’administrateur, trésorier, et par délégation, / " in (
        _text(data)
    )


def test_a_delegate_of_another_author_signs_by_that_author_s_delegation() -> None:
    """Delegated by the board, not by the president: the delegate does not sign « pour
    le président »; the date of the act follows the act, not its author's words."""
    data = set_path(convention(), "parties.0.delegation.auteur", "le conseil d'administration")
    set_path(data, "parties.0.delegation.portee", "fonctions")
    text = _text(data)
    titled = set_path(convention(), "parties.0.delegation.auteur", "Madame la Présidente")
    assert "Pour la présidente et par délégation," in _text(titled)  # the same person
    assert (
        "| Pour le Relais / Par délégation du conseil d’administration, / Monsieur Karim Benali"
    ) in text
    assert "Pour la présidente et par délégation" not in text
    assert "consentie par décision du 15 septembre 2025 du conseil d’administration," in text


def test_a_name_that_says_its_legal_form_does_not_say_it_twice() -> None:
    """Typed with a straight apostrophe, the CCAS's name still holds « centre communal
    d’action sociale »: no « …de Dole, centre communal d’action sociale, immatriculé »."""
    data = set_path(convention(), "parties.0.forme_juridique", "ccas")
    set_path(data, "parties.0.nature", "public")
    set_path(data, "parties.0.denomination", "Centre communal d'action sociale de Dole")
    text = _text(data)
    assert "Centre communal d’action sociale de Dole, immatriculé sous le numéro SIRET" in text
    assert "Dole, centre communal" not in text


def test_closing_formula_with_place_date_and_originals() -> None:
    assert (
        "Fait à Lyon, le 15 décembre 2025, en deux (2) exemplaires originaux."
        in EXAMPLE_TEXTS["chrs-csapa-addictions"]
    )
    data = set_path(convention(), "signature.electronique", True)
    assert "Fait le 15 décembre 2025, par voie de signature électronique" in _text(data)


def test_special_characters_and_unicode_come_out_intact() -> None:
    name = 'Association « Soleil & Lune » <Ève> 💡 — l\'épée ’ "quotes" עברית ﻿'
    data = set_path(convention(), "parties.0.denomination", name.replace("\ufeff", "").strip())
    set_path(data, "objet", "Premier paragraphe : A & B < C.\nSecond paragraphe ; fin !")
    text = _text(data)
    # Typography: straight quotes in pairs become French ones (English ones inside).
    assert (
        "Association «\u00a0Soleil & Lune\u00a0» <Ève> 💡 — l’épée ’ «\u00a0quotes\u00a0» עברית"
        in text
    )
    lines = text.splitlines()
    start = lines.index("## Article 1er – Objet")
    assert lines[start + 1] == f"Premier paragraphe{NBSP}: A & B < C."
    assert lines[start + 2] == f"Second paragraphe{NNBSP}; fin{NNBSP}!"


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("ci-après.", "ci-après. Chaque"),
        ("ci-après, etc.", "ci-après, etc. Chaque"),
        ("ci-après !", f"ci-après{NNBSP}! Chaque"),
        ("ci-après…", "ci-après… Chaque"),
        ("ci-après...", "ci-après... Chaque"),
        ("ci-après", "ci-après. Chaque"),
    ],
)
def test_an_answer_ending_a_sentence_keeps_a_single_stop(typed: str, printed: str) -> None:
    """The template closes « Ces alertes sont adressées {{ contact }}. »: an answer that
    ends with its own stop does not get a second one (« ci-après.. », « !. »)."""
    data = set_path(example("chrs-csapa-addictions"), CONTACT, f"les délégués désignés {typed}")
    assert f"Ces alertes sont adressées aux délégués désignés {printed} responsable" in _text(data)


def test_a_stop_is_dropped_only_after_an_answer() -> None:
    """A comma after an abbreviation stays (« adm., tél. »), and so does a stop the user
    typed twice inside the text."""
    data = set_path(
        example("chrs-csapa-addictions"), "objet", "Coopérer (resp. adm., tél.) !. Fin."
    )
    assert "Coopérer (resp. adm., tél.)" in _text(data)


def test_the_stop_after_an_answer_is_dropped_in_the_next_run_too() -> None:
    answer = stops.mark("ci-après.")
    assert stops.mark("ci-après") == "ci-après"
    assert stops.apply(f"<w:t>{answer}.</w:t>") == "<w:t>ci-après.</w:t>"
    next_run = '</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">'
    assert stops.apply(f"<w:t>{answer}{next_run}. Fin</w:t>") == (
        f"<w:t>ci-après.{next_run} Fin</w:t>"
    )
    # A comma, or an ellipsis the template writes, stays; a stray mark goes.
    assert stops.apply(f"<w:t>{answer}, {answer}...</w:t>") == "<w:t>ci-après., ci-après....</w:t>"
    assert stops.apply(f'<w:p w:x="{answer}">') == '<w:p w:x="ci-après.">'


def test_a_quotation_inside_a_quoted_answer_takes_english_quotation_marks() -> None:
    """The template quotes the object of a deliberation; an association's name the
    user quoted inside it reads “L’Aube”, not « « L’Aube » »; unquoted by the template
    (the table of the annex), it keeps its guillemets."""
    objet = "l'accueil des personnes orientées par l'association « L'Aube »"
    data = set_path(convention(), "parties.0.habilitation.objet", objet)
    text = _text(data)
    assert (
        f"ayant pour objet «{NBSP}l’accueil des personnes orientées par l’association "
        f"“L’Aube”{NBSP}»" in text
    )
    assert (
        f"(objet{NBSP}: l’accueil des personnes orientées par l’association «{NBSP}L’Aube{NBSP}»)"
        in text
    )
    assert "« «" not in text.replace(NBSP, " ")


def test_nested_guillemets_across_runs_and_unmatched_ones() -> None:
    def paragraph(*runs: str) -> str:
        return "<w:p>" + "".join(f"<w:r><w:t>{run}</w:t></w:r>" for run in runs) + "</w:p>"

    nested = paragraph(f"«{NBSP}A «{NBSP}", f"B{NBSP}»", f"{NBSP}C{NBSP}»")
    assert quotes.apply(nested) == paragraph(f"«{NBSP}A “", "B”", f"{NBSP}C{NBSP}»")
    single = paragraph(f"«{NBSP}A{NBSP}» et «{NBSP}B{NBSP}»")
    assert quotes.apply(single) is single  # nothing nested: the part as it was
    opened = single + paragraph("« ouvert « encore")  # never closed
    assert quotes.apply(opened) == opened
    # Guillemets that do not all pair (« la « Maison des familles » typed without its
    # closing): which pairs nest is unknown, the paragraph is left as it is.
    unpaired = paragraph(f"«{NBSP}la «{NBSP}Maison des familles{NBSP}»")
    assert quotes.apply(unpaired) == unpaired
    # Right-to-left text: its quotation marks are placed by the bidirectional algorithm.
    hebrew = paragraph(f"«{NBSP}A «{NBSP}שלום{NBSP}» B{NBSP}»")
    assert quotes.apply(hebrew) == hebrew
    marked = paragraph(f"«{NBSP}A «{NBSP}B\u200f{NBSP}» C{NBSP}»")
    assert quotes.apply(marked) == marked


def test_a_two_party_convention_speaks_of_the_other_party() -> None:
    sys.path.insert(0, str(ROOT / "bench"))  # the bench's inputs add parties
    from varied_inputs import extra_party  # noqa: PLC0415

    two = _text(convention())
    assert "interlocuteur de l’autre Partie" in two
    assert "notifié sans délai et par écrit à l’autre Partie" in two
    assert "adressée à l’autre Partie." in two
    assert "l’autre Partie peut résilier la présente convention après une mise en demeure" in two
    assert "ce qu’elle attend de l’autre fonde le partenariat" in two
    assert "le Relais attend de son partenaire" in two
    assert "autres Parties" not in two
    data = convention()
    data["parties"].append(extra_party(data["parties"][1], 3, 1))
    set_path(data, "signature.nombre_originaux", 3)
    three = _text(data)
    assert "interlocuteur des autres Parties" in three
    assert "adressée aux autres Parties." in three
    assert "les autres Parties peuvent résilier la présente convention à son égard" in three
    assert "le Relais attend de ses partenaires" in three
    assert "l’autre Partie" not in three


def test_what_the_template_writes_itself_is_not_printed_twice() -> None:
    """A title typed whole, « Vu » and « ; » typed in a visa, a postal code in groups."""
    data = set_path(convention(), "titre", "CONVENTION DE PARTENARIAT : relative à l’accueil")
    data["visas"] = ["Vu la délibération du 12 février 2025 ;", "l'arrêté n° 2025-117."]
    set_path(data, "parties.0.adresse.code_postal", "69 007")
    lines = _text(data).splitlines()
    assert lines[lines.index("# Convention de partenariat") + 1] == "relative à l’accueil"
    assert f"Vu la délibération du 12 février 2025{NNBSP};" in lines
    assert f"Vu l’arrêté n°{NBSP}2025-117{NNBSP};" in lines
    assert not [line for line in lines if "Vu Vu" in line or f";{NNBSP};" in line]
    assert any("69007 Lyon" in line for line in lines)
    data["visas"] = [
        "le code de l'action sociale et des familles, notamment ses articles L. 312-1 et s."
    ]
    set_path(data, "titre", "Convention de partenariat-cadre relative à l’accueil")
    set_path(data, "parties.0.representant_legal.qualite", "président")  # Madame, as typed
    lines = _text(data).splitlines()
    assert any(line.endswith(f"L.{NBSP}312-1 et s.{NNBSP};") for line in lines), lines[:40]
    assert lines[lines.index("# Convention de partenariat") + 1].startswith("Convention de")
    assert any("Pour le Relais / Pour le président et par délégation," in line for line in lines)
    only = set_path(convention(), "titre", "Convention de partenariat")
    assert check(only).document.titre == "Convention de partenariat"  # nothing else to keep


def test_a_text_vise_twice_is_printed_once() -> None:
    """Typed as convgen adds it (another case, another apostrophe), or twice by the user."""
    data = convention()  # an ESSMS among the parties: convgen visas the law of 2002
    data["visas"] = [
        "Vu la loi n° 2002-2 du 2 janvier 2002 rénovant l'action sociale et médico-sociale ;",
        "le schéma départemental",
        "Le schéma  départemental.",
    ]
    lines = _text(data).splitlines()
    law = [line for line in lines if line.startswith("Vu la loi n°") and "2002-2" in line]
    assert len(law) == 1, law
    assert [line for line in lines if "schéma" in line] == [f"Vu le schéma départemental{NNBSP};"]


def test_a_text_vise_in_other_words_is_printed_once() -> None:
    """A visa that says nothing the visas before it do not (the law of 2002 or the RGPD
    convgen adds, cited shorter) is left out; one that says more than an earlier one
    takes its place; one without an act's number, or on another article, is printed."""
    data = convention()  # convgen visas the law of 2002, L. 312-1 and L. 312-7 CASF, the RGPD
    decree = (
        "le décret n° 2016-994 du 20 juillet 2016 relatif aux conditions d’échange et de "
        "partage d’informations entre professionnels de santé et autres professionnels des "
        "champs social et médico-social"
    )
    data["visas"] = [
        "Loi n°2002-2 du 2 janvier 2002",
        "le règlement (UE) 2016/679 (RGPD)",
        "art. L312-7 CASF",
        decree,
        "les articles L. 312-1 et L. 312-7 du code de l'action sociale et des familles",
        "l'article R. 312-7 du CASF",
        "le code pénal",
        "la loi du 2 janvier 2002",
        "la loi n° 2002\u20112 du 2 janvier 2002",  # a non-breaking hyphen
        "l'arrêté du 3 mai 2024 pris en application de l'article L. 311-3 du CASF",
    ]
    visas = [line for line in _text(data).splitlines() if line.startswith("Vu ")]
    assert f"Vu l’article L.{NBSP}311-3 du code de l’action sociale et des familles{NNBSP};" in (
        visas
    )  # another act citing it does not take its place
    assert any(line.startswith("Vu l’arrêté du 3 mai 2024") for line in visas)
    assert len([line for line in visas if "2002-2" in line]) == 1
    assert len([line for line in visas if "2016/679" in line]) == 1
    assert len([line for line in visas if "2016-994" in line]) == 1
    assert f"Vu {decree.replace('n° ', f'n°{NBSP}')}{NNBSP};" in visas
    assert visas.index(f"Vu {decree.replace('n° ', f'n°{NBSP}')}{NNBSP};") < visas.index(
        f"Vu l’article 226-13 du code pénal{NNBSP};"
    )  # in the place of the decree convgen adds
    both = [line for line in visas if "312-1" in line or "312-7" in line]
    assert both == [
        f"Vu les articles L.{NBSP}312-1 et L.{NBSP}312-7 du code de l’action sociale et des "
        f"familles{NNBSP};",
        f"Vu l’article R.{NBSP}312-7 du CASF{NNBSP};",
    ]
    assert f"Vu le code pénal{NNBSP};" in visas
    assert f"Vu la loi du 2 janvier 2002{NNBSP};" in visas


def test_the_punctuation_typed_at_the_end_of_a_visa_is_not_printed_before_its_semicolon() -> None:
    data = convention()
    data["visas"] = [
        "l'article L. 313-12 du code de l'action sociale et des familles .",
        "le projet régional de santé 2023-2028,",
        "le code civil, notamment ses articles 1101 et s.",
        "le schéma départemental.",
        "la charte des droits et libertés (annexe 1).",
        "l'arrêté du 3 juin.",
    ]
    lines = [line for line in _text(data).splitlines() if line.startswith("Vu ")]
    assert (
        f"Vu l’article L.{NBSP}313-12 du code de l’action sociale et des familles{NNBSP};" in lines
    )
    assert f"Vu le projet régional de santé 2023-2028{NNBSP};" in lines
    assert f"Vu le code civil, notamment ses articles 1101 et s.{NNBSP};" in lines
    assert f"Vu le schéma départemental{NNBSP};" in lines
    assert f"Vu la charte des droits et libertés (annexe 1){NNBSP};" in lines
    assert f"Vu l’arrêté du 3 juin{NNBSP};" in lines


@pytest.mark.parametrize("visa", ["Vu", "vu ;", " VU. ", "Vu ;;", "Vu, ", "Vu…", ";", "« Vu »"])
def test_a_visa_that_is_only_vu_is_refused_on_its_line(visa: str) -> None:
    data = convention()
    data["visas"] = ["le schéma départemental", visa]
    problems = [p for p in check(data).problems if p.path == "visas[2]"]
    assert [p.message for p in problems] == [
        "visa vide : écrivez le texte visé, sans « Vu » (par exemple « la loi n° 2002-2 du "
        "2 janvier 2002 »)"
    ]
    assert problems[0].is_error


def test_multi_paragraph_input_becomes_real_paragraphs() -> None:
    data = set_path(convention(), "preambule", "Un.\n\nDeux.\nTrois.")
    document = Document(io.BytesIO(render(data)))
    texts = [p.text for p in document.paragraphs]
    start = texts.index("Il a été préalablement exposé ce qui suit\u00a0:")
    assert texts[start + 1 : start + 4] == ["Un.", "Deux.", "Trois."]
    assert all(p.style.name == "Body Text" for p in document.paragraphs[start + 1 : start + 4])


def test_a_paragraph_typed_as_a_fragment_is_printed_as_a_paragraph() -> None:
    """A director types a noun phrase, or a list ending with semicolons: each paragraph
    starts with a capital and, ending on a word, a figure or a bracket, with a stop."""
    text = (
        "accès aux soins des personnes isolées\n"
        "hébergement d'urgence (115)\n"
        "les partenaires s'engagent :\n"
        "à se rencontrer ;\n"
        "Fin déjà ponctuée.\n"
        "pourquoi pas ?"
    )
    data = set_path(convention(), "preambule", text)
    texts = [p.text for p in Document(io.BytesIO(render(data))).paragraphs]
    start = texts.index("Il a été préalablement exposé ce qui suit\u00a0:")
    assert texts[start + 1 : start + 7] == [
        "Accès aux soins des personnes isolées.",
        "Hébergement d’urgence (115).",
        "Les partenaires s’engagent\u00a0:",
        "À se rencontrer\u202f;",
        "Fin déjà ponctuée.",
        "Pourquoi pas\u202f?",
    ]


def test_headings_use_word_heading_styles_for_the_navigation_pane() -> None:
    document = Document(io.BytesIO(render(convention())))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "Article 1er – Objet" in headings
    assert document.paragraphs[0].style.name == "Title"


def test_draft_shows_projet_and_placeholders_final_has_none() -> None:
    data = convention()
    set_path(data, "signature.date", None)
    set_path(data, "parties.0.assurance.numero_contrat", None)
    draft = _text(data, draft=True)
    assert "[en-tête] PROJET" in draft
    assert "PROJET – document de travail, sans valeur contractuelle" in draft
    assert f"le [à compléter{NBSP}: date de signature], en deux (2) exemplaires" in draft
    assert f"contrat n°{NBSP}[à compléter{NBSP}: numéro du contrat d’assurance]" in draft
    final = EXAMPLE_TEXTS["chrs-csapa-addictions"]
    assert "PROJET" not in final
    assert "à compléter" not in final


def test_final_mode_refuses_a_document_with_missing_information() -> None:
    validated = check(set_path(convention(), "signature.lieu", None))
    assert not validated.ok


def test_sandbox_refuses_access_to_python_internals() -> None:
    env = make_environment()
    for attack in (
        "{{ ''.__class__.__mro__ }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ x._secret }}",
    ):
        with pytest.raises((SecurityError, UndefinedError)):
            env.from_string(attack).render(x=type("X", (), {"_secret": 1})())


def _template_with(old: str, new: str, *, refuse_flaws: bool = True) -> PreparedTemplate:
    bundle = load_bundle(default_templates_dir(), "convention_partenariat.docx")
    data = edit_docx_part(bundle.data, "word/document.xml", replacing(old, new))
    bundle = TemplateBundle(bundle.name, data, bundle.fragments)
    return PreparedTemplate(bundle, refuse_flaws=refuse_flaws)


def test_literal_delimiters_in_template_and_in_user_text() -> None:
    """docxtpl's escapes print Jinja delimiters from the template; typed by a user, the
    same characters come out exactly as typed."""
    template = _template_with(
        "{{ convention.titre }}", "{_{ x }_} {_% y %_} {{ convention.titre }}"
    )
    validated = check(set_path(convention(), "titre", "texte {_{ avec %_} accolades"))
    text = docx_text(render_document(validated, template, draft=False), "essai.docx")
    assert "{{ x }} {% y %} texte {_{ avec %_} accolades" in text


def test_unknown_variable_in_template_is_a_located_error() -> None:
    broken = _template_with("{{ convention.titre }}", "{{ convention.titr }}")
    validated = check(convention())
    with pytest.raises(TemplateError) as caught:
        render_document(validated, broken, draft=False)
    assert "variable inconnue dans le modèle" in str(caught.value)
    assert "titr" in str(caught.value)
    assert caught.value.source == "convention_partenariat.docx"
    # Where, and in French (Jinja says « 'ModelView object' has no attribute 'titr' »).
    assert "près de « {{ convention.titr }}" in str(caught.value)
    assert "« titr » n'existe pas à cet endroit du modèle" in str(caught.value)
    assert "attribute" not in str(caught.value)


def test_an_unclosed_block_is_told_in_french() -> None:
    """Found in the Word structure, at the paragraph that opens it; Jinja's own
    message (at the end of the template) is translated too."""
    unclosed = ("{{ convention.titre }}", "{% if convention.titre %}{{ convention.titre }}")
    with pytest.raises(TemplateError) as caught:
        _template_with(*unclosed)
    assert str(caught.value).endswith(
        "paragraphe « {% if convention.titre %}{{ convention.titre }} ») : bloc "
        "{% if … %} jamais fermé : fermez-le par {% endif %}"
    )
    with pytest.raises(TemplateError) as caught:
        _template_with(*unclosed, refuse_flaws=False)
    assert str(caught.value).endswith(
        "le modèle se termine sans fermer un bloc « if » "
        "(balise attendue : « elif » ou « else » ou « endif »)"
    )


def test_jinja_syntax_error_names_the_paragraph() -> None:
    with pytest.raises(TemplateError) as caught:
        _template_with("{{ convention.titre }}", "{{ convention.titre | }}")
    assert "erreur de syntaxe Jinja" in str(caught.value)


def _body_c14n(data: bytes) -> bytes:
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    body = root.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}body")
    return etree.tostring(body, method="c14n")


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_prepared_rendering_equals_naive_docxtpl(path: object) -> None:
    """The fast path reuses docxtpl internals: it must produce what docxtpl produces."""
    validated = validate(read_input(path), Options(today=TODAY))  # type: ignore[arg-type]
    doc_type = type_of(validated.document)  # type: ignore[arg-type]
    fast = render_validated(validated)
    bundle = load_bundle(default_templates_dir(), doc_type.template)
    naive = DocxTemplate(io.BytesIO(bundle.data))
    env = make_environment({n: _fragment(d, n) for n, d in bundle.fragments.items()})
    naive.render(build_context(doc_type, validated.document, draft=False), env)  # type: ignore[arg-type]
    output = io.BytesIO()
    naive.save(output)
    assert _body_c14n(fast) == _body_c14n(output.getvalue())
    assert docx_text(fast).split("\n", 1)[1] == docx_text(output.getvalue()).split("\n", 1)[1]


def _fragment(data: bytes, name: str) -> str:
    return fragment_body(data, name)


def _runs(paragraph: Any) -> list[tuple[str, bool]]:
    return [(run.text, bool(run.font.superscript)) for run in paragraph.runs if run.text]


def test_first_ordinals_are_set_in_superscript_with_the_text_unchanged() -> None:
    """« Article 1er », « le 1er janvier », « loi du 1er juillet 1901 »: « er » raised
    (French typography), in the user's text as in the engine's; the text is unchanged."""
    data = set_path(convention(), "objet", "Se réunir le 1er lundi du mois.")
    document = Document(io.BytesIO(render(data)))
    paragraphs = {p.text: p for p in document.paragraphs}
    assert _runs(paragraphs["Article 1er – Objet"]) == [
        ("Article 1", False),
        ("er", True),
        (" – Objet", False),
    ]
    assert _runs(paragraphs["La présente convention prend effet le 1er janvier 2026."]) == [
        ("La présente convention prend effet le 1", False),
        ("er", True),
        (" janvier 2026.", False),
    ]
    party = next(p for t, p in paragraphs.items() if "loi du 1er juillet 1901" in t)
    assert ("er", True) in _runs(party)
    assert _runs(paragraphs["Se réunir le 1er lundi du mois."]) == [
        ("Se réunir le 1", False),
        ("er", True),
        (" lundi du mois.", False),
    ]
    raised = [r for p in document.paragraphs for r in p.runs if r.font.superscript]
    assert raised and {r.text for r in raised} == {"er"}


def test_territory_words_agree_with_the_number_of_departments_and_communes() -> None:
    def territory(departements: list[str], communes: list[str]) -> str:
        data = example("charte-reseau-sante-precarite")
        set_path(data, "champ.territoire.departements", departements)
        set_path(data, "champ.territoire.communes", communes)
        text = docx_text(render(data))
        return next(line for line in text.splitlines() if line.startswith("Le réseau intervient"))

    one = typography("(département : Hérault) ; commune concernée : Sète.")
    assert one in territory(["Hérault"], ["Sète"])
    two = typography("(départements : Hérault et Gard) ; communes concernées : Sète et Agde.")
    assert two in territory(["Hérault", "Gard"], ["Sète", "Agde"])


@pytest.mark.parametrize(
    ("source", "french"),
    [
        ("{% endif %}", "balise inconnue ou sans bloc ouvert : « endif »"),
        (
            "{% for x in y %}a{% endif %}",
            "balise « endif » inattendue dans un bloc « for » "
            "(balise attendue : « endfor » ou « else »)",
        ),
        (
            "{% for x in y %}{% if a %}{% endfor %}",
            "balise « endfor » mal imbriquée : fermez d'abord le bloc « if » "
            "(balise attendue : « elif » ou « else » ou « endif »)",
        ),
        (
            "{{ a | }}",
            "attendu : un nom (de variable ou de filtre) ; trouvé : la fin de l'expression « }} »",
        ),
        ("{{ a|upper( }}", "attendu : « ) » ; trouvé : « } »"),
    ],
)
def test_jinja_messages_authors_meet_most_are_in_french(source: str, french: str) -> None:
    with pytest.raises(TemplateSyntaxError) as caught:
        Environment().parse(source)
    assert in_french(caught.value.message or "") == french


def test_an_organisation_code_written_where_a_name_is_expected_prints_its_name() -> None:
    charter = example("charte-reseau-rural-domicile")
    charter["gouvernance"]["secretariat"] = "admr"
    assert "Le secrétariat du réseau est assuré par l’ADMR." in docx_text(render(charter))
    charter["gouvernance"]["secretariat"] = "l'animatrice du réseau"
    assert "assuré par l’animatrice du réseau." in docx_text(render(charter))
    convention = example("chrs-csapa-addictions")
    convention["partage_information"]["flux"][0]["coordonnateur"] = "csapa"
    assert "coordonnateur\u00a0: le CSAPA" in docx_text(render(convention))


def test_an_act_number_typed_with_its_act_is_printed_once() -> None:
    data = example("chrs-csapa-addictions")
    data["parties"][0]["delegation"]["acte"] = "decision"
    data["parties"][0]["delegation"]["reference"] = "décision n° 2026-001"
    text = docx_text(render(data))
    assert "décision n°\u00a02026-001" in text
    assert "n°\u00a0décision" not in text and "décision n° décision" not in text


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("décision n° 2026-001", "2026-001"),
        ("délibération nº 7", "7"),
        ("NOV-2026-12", "NOV-2026-12"),
        ("note de service 12", "note de service 12"),
        ("numérotation 3", "numérotation 3"),
    ],
)
def test_an_act_number_loses_only_a_typed_act_and_number_sign(typed: str, kept: str) -> None:
    data = example("chrs-csapa-addictions")
    data["parties"][0]["delegation"]["reference"] = typed
    data["parties"][0]["habilitation"]["numero"] = typed
    party = check(data).document.parties[0]
    assert party.delegation.reference == kept
    assert party.habilitation.numero == kept


def test_an_insurance_contract_number_typed_with_its_sign_is_printed_once() -> None:
    data = example("cada-empp-sante-mentale")
    data["parties"][0]["assurance"]["numero_contrat"] = "contrat n° 123456/B"
    text = docx_text(render(data))
    assert "contrat n°\u00a0123456/B" in text and "n°\u00a0n°" not in text


def test_the_court_is_named_only_once_it_follows_from_the_parties_or_the_contract() -> None:
    """Between public and private parties, the order of courts depends on the contract's
    nature, which the judge decides: until the input states and reasons it, the clause
    names no court (« la juridiction compétente »), whatever ``juridiction`` says."""
    data = convention()
    data["parties"][1]["nature"] = "public"
    data["litiges"].update(juridiction="tribunal_administratif", ressort="Lille")
    data["litiges"]["qualification_contrat"] = "a_determiner"
    undecided = _text(data)
    assert "porté devant la juridiction compétente." in undecided
    assert "tribunal administratif" not in undecided
    data["litiges"].update(qualification_contrat="administratif")
    data["litiges"]["motif_qualification"] = "exécution même du service public"
    assert (
        "juridiction compétente, soit, à la date des présentes, le tribunal administratif "
        "de Lille." in _text(data)
    )


def test_a_delegation_agrees_with_its_nature() -> None:
    data = convention()
    delegated = next(p for p in data["parties"] if p.get("delegation"))
    delegated["delegation"].update(nature="pouvoir spécial", auteur="le président")
    text = _text(data)
    assert "en vertu d’un pouvoir spécial consenti par " in text
    assert "une pouvoir" not in text and "pouvoir spécial consentie" not in text
    delegated["delegation"]["nature"] = "délégation de signature"
    assert "en vertu d’une délégation de signature consentie par " in _text(data)


def test_the_care_team_s_article_is_a_visa_only_for_a_care_team_flow() -> None:
    """L. 1110-12 CSP defines the care team: cited only when a flow relies on it."""
    visa = "Vu l’article L.\u00a01110-12 du code de la santé publique\u202f;"
    data = example("cada-empp-sante-mentale")
    bases = {f["base_legale"] for f in data["partage_information"]["flux"]}
    assert "equipe_soins_l1110_4" not in bases and bases & {"hors_equipe_l1110_4", "consentement"}
    assert visa not in _text(data)
    care_team = read_input(ROOT / "tests" / "golden" / "entrees" / "gcsms-domicile-prive.yaml")
    assert "equipe_soins_l1110_4" in {
        f["base_legale"] for f in care_team.data["partage_information"]["flux"]
    }
    assert visa in _text(care_team.data)
