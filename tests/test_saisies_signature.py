"""The last J.10 inputs: the body that authorised the signature as a code, what its
deliberation decides, a signing date and place per party, and the amendment a GCSMS
version results from (GC-38). Each is checked on the input and printed in the document."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import ROOT, changes, check, example, render, rules_found, write_yaml

from convgen.cli import main as cli
from convgen.documents.context import build_context
from convgen.documents.json_schema import json_schema
from convgen.documents.registry import DOCUMENT_TYPES
from convgen.echeances.calcul import obligations
from convgen.errors import Severity
from convgen.loading import read_input
from convgen.review.summary import Summary, summarize
from convgen.validation.validator import Validated
from convgen.wordml.text import docx_text

Data = dict[str, Any]
CHILD = "protection-enfance-reseau-local"  # département, association, hôpital, commune
MIXED = "gcsms-mixte-ccas-ehpad"
AMENDED = ROOT / "tests" / "golden" / "entrees" / "gcsms-avenant.yaml"


def _text(data: Data) -> str:
    return docx_text(render(data)).replace("\u00a0", " ").replace("\u202f", " ")


def _found(data: Data, rule: str, *, draft: bool = False) -> list[tuple[str, str, Severity]]:
    return [
        (p.path, p.message, p.severity) for p in rules_found(check(data, draft=draft)).get(rule, [])
    ]


def _summary(validated: Validated) -> Summary:
    doc_type = DOCUMENT_TYPES[validated.document.type]
    context = build_context(doc_type, validated.document, draft=False)
    return summarize(doc_type, validated.document, context, draft=False)


def _amended() -> Data:
    return read_input(AMENDED).data


# --- habilitation.organe_code, habilitation.objet ---------------------------------------


def test_the_body_as_a_code_satisfies_the_local_authority_rule() -> None:
    data = example(CHILD)
    assert data["parties"][3]["habilitation"]["organe_code"] == "conseil_municipal"
    assert "SG-01" not in rules_found(check(data))
    wrong = changes(parties__3__habilitation__organe_code="bureau")(example(CHILD))
    assert [p for p, _, _ in _found(wrong, "SG-01")] == ["parties[4].habilitation"]


def _hospital_authorised_by(habilitation: Data) -> tuple[Data, int]:
    """The CADA example, its public hospital authorised to sign by ``habilitation``."""
    data = example("cada-empp-sante-mentale")
    hospital = next(
        i
        for i, p in enumerate(data["parties"])
        if p["forme_juridique"] == "etablissement_public_sante"
    )
    data["parties"][hospital]["habilitation"] = habilitation
    return data, hospital


def test_a_directoire_chosen_from_the_list_is_refused() -> None:
    data, hospital = _hospital_authorised_by({"organe_code": "directoire", "date": "2026-01-10"})
    found = _found(data, "SG-03")
    assert found and "le directoire ne délibère pas" in found[0][1]
    assert found[0][0] == f"parties[{hospital + 1}].habilitation.organe"


def test_a_supervisory_board_does_not_authorise_a_hospital_director_to_sign() -> None:
    """CSP L. 6143-7: the director signs; the board deliberates on the matters of
    L. 6143-1 only (a warning: the cooperation may be one)."""
    data, hospital = _hospital_authorised_by(
        {
            "organe_code": "conseil_surveillance",
            "objet": "avis sur la participation du centre hospitalier",
            "date": "2026-01-10",
        }
    )
    found = _found(data, "SG-03")
    assert [p for p, _, _ in found] == [f"parties[{hospital + 1}].habilitation.organe"]
    assert "une délibération du conseil de surveillance ne l'habilite pas à signer" in found[0][1]
    assert found[0][2] is Severity.AVERTISSEMENT


def test_a_body_is_required_and_said_in_french(tmp_path: Path) -> None:
    data = example(CHILD)
    del data["parties"][3]["habilitation"]["organe_code"]
    source = write_yaml(tmp_path / "sans-organe.yaml", data)
    target = tmp_path / "sortie.docx"
    result = CliRunner().invoke(cli.cli, ["generer", str(source), "-o", str(target)])
    assert result.exit_code == 1
    assert "parties[4].habilitation : organe manquant : choisissez-le dans « organe_code »" in (
        result.output
    )
    assert not target.exists()
    data["parties"][3]["habilitation"]["organe_code"] = "autre"
    assert not check(data).ok
    data["parties"][3]["habilitation"]["organe"] = "le conseil municipal"
    assert check(data).ok


def test_a_local_authority_s_deliberation_has_a_number_and_an_object() -> None:
    data = changes(parties__3__habilitation__numero=None, parties__3__habilitation__objet=None)(
        example(CHILD)
    )
    found = {path: (message, severity) for path, message, severity in _found(data, "SG-01")}
    message, severity = found["parties[4].habilitation.numero"]
    assert "Indiquez le numéro de la délibération de la Ville" in message
    assert severity is Severity.ERREUR
    message, severity = found["parties[4].habilitation.objet"]
    assert "« autorisation donnée au maire de signer la convention … avec … »" in message
    assert severity is Severity.AVERTISSEMENT
    # A draft is written before the council votes: the number only warns then.
    drafted = {p: s for p, _, s in _found(data, "SG-01", draft=True)}
    assert drafted["parties[4].habilitation.numero"] is Severity.AVERTISSEMENT


def test_the_rules_read_the_body_the_document_prints() -> None:
    """A typed body is what the document prints: the rules read it, whatever the code."""
    data, hospital = _hospital_authorised_by(
        {"organe_code": "directeur", "organe": "le directoire", "date": "2026-01-10"}
    )
    assert [p for p, _, _ in _found(data, "SG-03")] == [
        f"parties[{hospital + 1}].habilitation.organe"
    ]
    town = changes(parties__3__habilitation__organe="le bureau municipal")(example(CHILD))
    assert [p for p, _, _ in _found(town, "SG-01")] == ["parties[4].habilitation"]


def test_a_director_does_not_authorise_an_association_nor_a_public_care_home() -> None:
    data = changes(parties__1__habilitation={"organe_code": "directeur", "date": "2026-01-10"})(
        example(CHILD)
    )
    found = _found(data, "SG-05")
    assert ("parties[2].habilitation", Severity.AVERTISSEMENT) in [(p, s) for p, _, s in found]
    assert any("La décision d'un directeur n'autorise pas l'AEFEP" in m for _, m, _ in found)
    home = example(MIXED)
    home["membres"][1]["habilitation"] = {"organe_code": "directeur", "date": "2026-02-10"}
    found = _found(home, "SG-04")
    assert [(p, s) for p, _, s in found] == [("membres[2].habilitation", Severity.AVERTISSEMENT)]
    assert "délibération de son conseil d'administration (CASF, art. L. 315-12)" in found[0][1]


def test_the_object_and_the_act_are_printed() -> None:
    text = _text(example(CHILD))
    assert (
        "Vu la délibération n° DEL-2026-018 du conseil municipal de la Ville en date du "
        "5 février 2026, ayant pour objet « autorisation donnée au maire de signer la "
        "convention de coordination" in text
    )
    assert "| Habilitation | Délibération n° DEL-2026-018 du conseil municipal du 5 février" in (
        text
    )
    data = example(CHILD)
    data["parties"][2]["habilitation"] = {
        "organe_code": "directeur",
        "date": "2026-02-02",
        "numero": "DG-2026-11",
    }
    text = _text(data)
    assert "par décision n° DG-2026-11 du directeur en date du 2 février 2026" in text
    assert "Vu la décision n° DG-2026-11 du directeur du Centre hospitalier" in text
    assert "| Habilitation | Décision n° DG-2026-11 du directeur du 2 février 2026 |" in text


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("Conseil d'administration", "du Conseil d’administration en date du"),
        ("assemblée générale", "de l’assemblée générale en date du"),
        ("son bureau", "de son bureau en date du"),
    ],
)
def test_a_body_typed_without_its_article_is_printed_with_it(typed: str, printed: str) -> None:
    """« par délibération n° CA-2025-11 de Conseil d'administration »: a director typed the
    body as the list names it, without « le »."""
    data = example("chrs-csapa-addictions")
    data["parties"][0]["habilitation"]["organe"] = typed
    text = _text(data).replace("\u00a0", " ")
    assert f"par délibération n° CA-2025-11 {printed} 4 décembre 2025" in text


# --- signature.par_partie ---------------------------------------------------------------


def test_each_party_signs_at_its_own_date_and_place() -> None:
    text = _text(example(CHILD))
    assert (
        "Fait aux lieux et dates indiqués sous chaque signature, en quatre (4) exemplaires "
        "originaux." in text
    )
    assert "| Pour la Ville / Monsieur Stéphane Perrin / Maire / Fait à Bondy, le 17 février" in (
        text
    )
    assert "Fait à Bobigny, le 20 février 2026, en" not in text


def test_the_common_date_and_place_are_not_needed() -> None:
    data = changes(signature__date=None, signature__lieu=None)(example(CHILD))
    validated = check(data)
    assert validated.ok, [str(p) for p in validated.problems if p.is_error]
    assert validated.document is not None
    assert str(validated.document.signature.concluded_on) == "2026-02-20"
    # Without a place per party, the common place is still needed.
    for entry in data["signature"]["par_partie"]:
        del entry["lieu"]
    assert [p.path for p in check(data).problems if p.is_error] == ["signature.lieu"]


def test_each_party_s_authorisation_precedes_its_own_signature() -> None:
    # The town signs on 17 February: a deliberation of the 18th is too late for it,
    # though it precedes the last signature (20 February). (Its transmission on the 9th,
    # before it was taken, would be a finding of its own: left out.)
    data = changes(
        parties__3__habilitation__date="2026-02-18",
        parties__3__habilitation__date_transmission=None,
    )(example(CHILD))
    found = _found(data, "DT-01")
    assert [p for p, _, _ in found] == ["parties[4].habilitation.date"]
    assert "postérieure à la signature du 17 février 2026" in found[0][1]


def test_dates_per_party_are_complete_and_consistent() -> None:
    data = example(CHILD)
    entries = data["signature"]["par_partie"]
    entries[1] = dict(entries[0])  # the association twice, the town never
    data["signature"]["date"] = "2026-02-19"
    found = {path: message for path, message, _ in _found(data, "DT-01")}
    assert (
        found["signature.par_partie[2].partie"] == "« association » a déjà une date de signature."
    )
    assert "Date de signature à indiquer aussi pour la Ville" in found["signature.par_partie"]
    assert (
        "conclue à la dernière signature, le 20 février 2026, non le 19 février 2026"
        in (found["signature.date"])
    )
    unknown = example(CHILD)
    unknown["signature"]["par_partie"][0]["partie"] = "inconnue"
    problems = check(unknown).problems
    assert any(
        p.path == "signature.par_partie[1].partie" and "inconnue" in p.message for p in problems
    )


def test_a_charter_member_who_does_not_sign_has_no_signing_date() -> None:
    data = example("charte-reseau-rural-domicile")
    codes = [m["code"] for m in data["membres"]]
    data["signature"]["signataires"] = codes[:2]
    data["signature"]["par_partie"] = [
        {"partie": code, "date": "2026-03-02", "lieu": "Pontarlier"} for code in codes[:3]
    ]
    found = {path: message for path, message, _ in _found(data, "DT-01")}
    assert found["signature.par_partie[3].partie"] == (
        f"« {codes[2]} » ne fait pas partie des signataires."
    )


def test_the_last_signature_concludes_the_agreement_everywhere() -> None:
    data = changes(
        signature__date=None,
        duree__date_effet="2026-02-18",
        duree__motif_retroactivite=None,
    )(example(CHILD))
    found = _found(data, "DT-02")
    assert found and "avant sa signature, le 20 février 2026" in found[0][1]
    validated = check(changes(signature__date=None)(example(CHILD)))
    assert validated.document is not None
    until = dt.date(2040, 1, 1)
    dates = [o.date for o in obligations(validated.document, until) if o.kind == "signature"]
    assert [str(d) for d in dates] == ["2026-02-20"]
    rows = dict(_summary(validated).dates)
    assert rows["Signature de la Ville"] == "17 février 2026 à Bondy"
    assert rows["Signature du Département"] == "20 février 2026 à Bobigny"
    assert rows["Conclusion (dernière signature)"] == "20 février 2026"


# --- GCSMS amendment (GC-38) ------------------------------------------------------------


def test_an_amended_version_validates_and_prints_its_amendment() -> None:
    data = _amended()
    assert check(data).ok
    text = _text(data)
    assert "Modifiée par l’avenant n° 1, adopté par l’assemblée générale du groupement le 16" in (
        text
    )
    assert (
        "Vu la convention constitutive du groupement dans sa version signée le 12 juin 2025 "
        "(référence GCSMS-CHAMPAGNOLE-2025), qui répartissait les droits statutaires ainsi : "
        "le CCAS (50 %), l’EHPAD (50 %) ;" in text
    )
    assert (
        "Vu la délibération de l’assemblée générale du groupement en date du 16 février 2026 "
        "adoptant à l’unanimité des membres présents ou représentés, conformément à l’article "
        "R. 312-194-22 du code de l’action sociale et des familles, l’avenant n° 1, qui a pour "
        "objet « adhésion de l’Association ADMR du Val de Saine" in text
    )
    # Its members are no longer all founders, its administrator no longer the first.
    assert "membres fondateurs" not in text
    assert "Il est constitué entre les membres un groupement" in text
    assert "Le groupement est constitué des membres suivants" in text
    assert "Le premier administrateur" not in text
    assert "L’administrateur est " in text
    assert "L’avenant n° 1 est déclaré et publié dans les mêmes formes." in text
    original = _text(example(MIXED))
    assert "Il est constitué entre les membres fondateurs un groupement" in original
    assert "Le premier administrateur est " in original
    assert "avenant n° 1 est déclaré" not in original


def test_a_draft_does_not_assert_an_unanimity_not_recorded() -> None:
    data = _amended()
    del data["avenant"]["unanimite"]
    text = docx_text(render(data, draft=True)).replace("\u00a0", " ").replace("\u202f", " ")
    assert (
        "adoptant [à compléter : adoption à l’unanimité des membres présents ou représentés], "
        "conformément" in text
    )


def test_a_member_that_left_is_named_by_its_name() -> None:
    data = _amended()
    data["version_precedente"]["droits"] = [
        {"membre": "ccas", "droits_pct": 40},
        {"membre": "ehpad", "droits_pct": 40},
        {"membre": "apf_jura", "droits_pct": 20},
    ]
    found = {path: message for path, message, _ in _found(data, "GC-38")}
    assert "a quitté le groupement : indiquez son nom" in found["version_precedente.droits[3].nom"]
    data["version_precedente"]["droits"][2]["nom"] = "l’APF France handicap Jura"
    assert "GC-38" not in rules_found(check(data))
    assert "le CCAS (40 %), l’EHPAD (40 %), l’APF France handicap Jura (20 %) ;" in _text(data)
    twice = _amended()
    twice["version_precedente"]["droits"].append({"membre": "ccas", "droits_pct": 10})
    found = {path: message for path, message, _ in _found(twice, "GC-38")}
    assert found["version_precedente.droits[3].membre"] == "« ccas » figure deux fois."


def test_a_previous_version_without_rights_compares_nothing() -> None:
    data = _amended()
    del data["avenant"]
    data["version_precedente"]["droits"] = []
    assert "GC-38" not in rules_found(check(data))


def test_the_general_assembly_votes_before_the_first_signature() -> None:
    # The ADMR signs on 2 March, the EHPAD on the 3rd: a vote on the 4th is too late,
    # though before the last signature (5 March).
    data = _amended()
    data["avenant"]["date_ag"] = "2026-03-04"
    found = _found(data, "GC-38")
    assert [p for p, _, _ in found] == ["avenant.date_ag"]
    assert "après sa première signature (2 mars 2026)" in found[0][1]


def test_an_amendment_restarts_neither_the_group_nor_its_years() -> None:
    validated = check(_amended())
    assert validated.document is not None
    until = dt.date(2030, 12, 31)
    mandate = [o.date for o in obligations(validated.document, until) if o.kind == "fin_mandat"]
    assert all(d.year == 2028 for d in mandate), mandate


def test_rights_changed_without_an_amendment_are_refused() -> None:
    data = _amended()
    del data["avenant"]
    found = {path: message for path, message, _ in _found(data, "GC-38")}
    assert found["membres[1].droits_pct"].startswith(
        "Les droits du CCAS passent de 50 % à 40 % sans avenant adopté à l'unanimité"
    )
    assert found["membres[3]"].startswith("L'ADMR entre au groupement sans avenant")
    data["version_precedente"]["droits"].append({"membre": "ancien", "droits_pct": 10})
    found = {path: message for path, message, _ in _found(data, "GC-38")}
    assert (
        "Le membre « ancien » (10 % des droits) quitte le groupement"
        in (found["version_precedente.droits[3].membre"])
    )
    unchanged = _amended()
    del unchanged["avenant"]
    unchanged["version_precedente"]["droits"] = [
        {"membre": m["code"], "droits_pct": m["droits_pct"]} for m in unchanged["membres"]
    ]
    assert "GC-38" not in rules_found(check(unchanged))


def test_an_amendment_is_adopted_unanimously_before_it_is_signed() -> None:
    data = _amended()
    data["avenant"]["unanimite"] = False
    assert [(p, s) for p, _, s in _found(data, "GC-38")] == [("avenant.unanimite", Severity.ERREUR)]
    late = _amended()
    late["avenant"]["date_ag"] = "2026-03-10"
    found = _found(late, "GC-38")
    assert [p for p, _, _ in found] == ["avenant.date_ag"]
    assert "adopterait l'avenant après sa première signature (2 mars 2026)" in found[0][1]
    undated = _amended()
    del undated["avenant"]["date_ag"]
    assert [p.path for p in check(undated).problems if p.is_error] == ["avenant.date_ag"]
    assert check(undated, draft=True).ok


def test_an_amendment_without_the_previous_version_warns() -> None:
    data = _amended()
    del data["version_precedente"]
    assert [(p, s) for p, _, s in _found(data, "GC-38")] == [("avenant", Severity.AVERTISSEMENT)]
    assert "GC-38" not in rules_found(check(example(MIXED)))


# --- JSON Schema ------------------------------------------------------------------------


def test_the_json_schema_asks_for_a_body_and_speaks_french() -> None:
    schema = json_schema(DOCUMENT_TYPES["convention_partenariat"])
    deliberation = schema["$defs"]["Deliberation"]
    assert deliberation["anyOf"] == [{"required": ["organe"]}, {"required": ["organe_code"]}]
    assert deliberation["properties"]["organe_code"]["title"] == "Organe"
    text = json.dumps(schema, ensure_ascii=False)
    assert "domaine.md" not in text
    assert all("description" not in d for d in schema["$defs"].values())
    gcsms = json_schema(DOCUMENT_TYPES["convention_constitutive_gcsms"])
    assert gcsms["properties"]["avenant"]["title"] == "Avenant"


# --- PI-22: who judges that informing the parents is against the child's interest ------


def test_the_parents_not_told_says_who_judged_it() -> None:
    data = read_input(
        ROOT / "tests" / "golden" / "entrees" / "convention-sans-indicateurs.yaml"
    ).data
    index = next(
        i
        for i, f in enumerate(data["partage_information"]["flux"])
        if f.get("motif_absence_information")
    )
    del data["partage_information"]["flux"][index]["appreciation_par"]
    found = _found(data, "PI-22")
    assert [(p, s) for p, _, s in found] == [
        (f"partage_information.flux[{index + 1}].appreciation_par", Severity.ERREUR)
    ]
    assert "indiquez qui porte cette appréciation" in found[0][1]
    data["partage_information"]["flux"][index]["appreciation_par"] = "la responsable de la CRIP"
    assert "(appréciation portée par la responsable de la CRIP) ;" in _text(data)


def test_a_public_care_home_without_its_board_deliberation_is_warned() -> None:
    """Without any act, the home warned less than with a director's decision. In a
    GCSMS, GC-33 asks for every member's deliberation already: SG-04 says it once."""
    data = example("chrs-csapa-addictions")
    data["parties"][1].update(
        forme_juridique="etablissement_public_social_medico_social", nature="public"
    )
    data["parties"][1]["representant_legal"]["qualite"] = "directeur"
    data["parties"][1].pop("habilitation", None)
    found = _found(data, "SG-04")
    assert [(p, s) for p, _, s in found] == [("parties[2].habilitation", Severity.AVERTISSEMENT)]
    assert "Aucune délibération du conseil d'administration du CSAPA" in found[0][1]
    assert "(CASF, art. L. 315-12)" in found[0][1]
    home = example(MIXED)
    del home["membres"][1]["habilitation"]
    assert not _found(home, "SG-04")
    assert _found(home, "GC-33")


def test_a_ccas_represented_by_the_mayor_takes_the_quality_of_its_chair() -> None:
    home = example(MIXED)
    home["membres"][0]["representant_legal"]["qualite"] = "maire"
    found = _found(home, "SG-02")
    assert [(p, s) for p, _, s in found] == [
        ("membres[1].representant_legal.qualite", Severity.AVERTISSEMENT)
    ]
    assert found[0][1].startswith(
        "Le maire préside de droit le conseil d'administration du CCAS (CASF, art. L. 123-6)"
    )
    assert not _found(example(MIXED), "SG-02")  # « président du conseil d'administration, maire »


@pytest.mark.parametrize("quality", ["adjointe au maire", "Premier adjoint au maire"])
def test_a_deputy_mayor_is_not_told_to_call_herself_the_chair(quality: str) -> None:
    home = example(MIXED)
    home["membres"][0]["representant_legal"]["qualite"] = quality
    (found,) = _found(home, "SG-02")
    assert "ne signe que comme signataire délégué" in found[1]


def test_a_deliberation_older_than_the_amended_version_cannot_approve_the_amendment() -> None:
    """The visa printed « Vu la délibération … du 5 février 2025 approuvant l'avenant
    n° 1 » for a convention signed in June 2025: that deliberation approved the first."""
    data = read_input(AMENDED).data
    data["membres"][0]["habilitation"]["date"] = "2025-02-05"
    found = _found(data, "GC-38")
    assert [p for p, _, _ in found] == ["membres[1].habilitation.date"]
    assert "précède la version que l'avenant n° 1 modifie, signée le 12 juin 2025" in (found[0][1])
    assert not _found(read_input(AMENDED).data, "GC-38")


def test_a_member_s_deliberation_to_come_is_a_visible_visa_in_the_draft() -> None:
    """A GCSMS member whose deliberation is not given: the draft's visas and identity
    sheet say it is to complete (the final version is blocked by GC-33); a natural
    person, who decides alone, has none."""
    from conftest import render_validated  # noqa: PLC0415

    data = changes(membres__1__habilitation=None)(example("gcsms-associations-handicap"))
    text = docx_text(render_validated(check(data, draft=True), draft=True))
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    assert (
        "Vu la délibération de [à compléter : organe qui délibère] du Tremplin en date du "
        "[à compléter : date de la délibération] approuvant la présente convention "
        "constitutive ;" in text
    )
    assert "| Habilitation | Délibération de [à compléter : organe qui délibère] du " in text
    final = docx_text(render(example("gcsms-associations-handicap")))
    assert "[à compléter" not in final
