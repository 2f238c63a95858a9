"""What a director could not write before (issue 12, point 6), now written, checked and
printed: a notice in months, a funder who does not sign, a recurring amount, the rhythm
and the participants of an activity."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from conftest import changes, check, example, render, rules_found

from convgen.app.wording import for_the_page
from convgen.echeances.calcul import obligations
from convgen.errors import Severity
from convgen.review.points import _shown
from convgen.schema.convention_partenariat import ConventionPartenariat
from convgen.wording.dates import next_instalments
from convgen.wordml.text import docx_text

CADA = "cada-empp-sante-mentale"
CHILD = "protection-enfance-reseau-local"
Data = dict[str, Any]


def _flat(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _text(data: Data) -> str:
    return _flat(docx_text(render(data)))


def test_a_notice_in_months_is_printed_in_months_not_converted_to_days() -> None:
    text = _text(example(CADA))
    assert "moyennant un préavis de deux (2) mois" in text
    assert "au moins deux (2) mois avant l’échéance" in text
    days = changes(resiliation__preavis_mois=None, resiliation__preavis_jours=45)(example(CADA))
    assert "moyennant un préavis de quarante-cinq (45) jours" in _text(days)


def test_a_notice_in_days_and_in_months_is_refused() -> None:
    data = changes(resiliation__preavis_jours=60, duree__preavis_non_reconduction_jours=60)(
        example(CADA)
    )
    found = rules_found(check(data))
    assert [(p.path, p.severity) for p in found["CP-11"]] == [
        ("resiliation.preavis_mois", Severity.ERREUR)
    ]
    assert [(p.path, p.severity) for p in found["CP-10"]] == [
        ("duree.preavis_non_reconduction_mois", Severity.ERREUR)
    ]
    assert "« trois mois » n'est pas « 90 jours »" in found["CP-11"][0].message


def test_a_non_renewal_notice_as_long_as_the_period_warns() -> None:
    data = changes(duree__preavis_non_reconduction_mois=12)(example(CADA))
    (problem,) = rules_found(check(data))["DT-07"]
    assert problem.path == "duree.preavis_non_reconduction_mois"
    assert problem.severity is Severity.AVERTISSEMENT
    assert "au moins aussi long que chaque période reconduite (un (1) an)" in _flat(problem.message)


def test_a_signature_dated_more_than_a_year_ahead_warns() -> None:
    """« 2150 » for « 2025 »: the document is still produced, with a warning (DT-08)."""
    far = changes(signature__date="2150-06-15", duree__motif_retroactivite="essai")(example(CADA))
    (problem,) = rules_found(check(far))["DT-08"]
    assert problem.path == "signature.date"
    assert problem.severity is Severity.AVERTISSEMENT
    assert "datée du 15 juin 2150, plus d'un an après la date du jour :" in (_flat(problem.message))
    near = changes(signature__date="2027-11-01", duree__motif_retroactivite="essai")(example(CADA))
    assert "DT-08" not in rules_found(check(near))


@pytest.mark.parametrize(
    ("duree", "ended"),
    [
        ({"reconduction": "aucune"}, "31 janvier 2022"),
        ({"duree_reconduction_mois": 12, "nombre_reconductions": 2}, "31 janvier 2024"),
        ({"reconduction": "expresse"}, "31 janvier 2022"),
        ({"nombre_reconductions": 5}, None),  # renewed up to 31 January 2027
        ({"nombre_reconductions": None}, None),  # renewed for ever: never over
    ],
)
def test_a_convention_whose_term_is_over_warns(duree: Data, ended: str | None) -> None:
    """A convention copied from an earlier year with its old dates (DT-08): its last day,
    tacit renewals included, is before today."""
    data = example(CADA)
    data["duree"].update({"date_effet": "2021-02-01", "date_fin": "2022-01-31", **duree})
    data["signature"]["date"] = "2021-01-29"
    found = rules_found(check(data)).get("DT-08", [])
    if ended is None:
        assert found == []
        return
    (problem,) = found
    assert problem.path == "duree.date_effet"
    assert f"a pris fin le {ended}, avant la date du jour" in (_flat(problem.message))
    express = "à moins d'une reconduction expresse" in problem.message
    assert express == (duree.get("reconduction") == "expresse")


def test_the_calendar_counts_a_notice_in_months_back_from_the_end() -> None:
    document = check(example(CADA)).document
    limits = [
        o.date
        for o in obligations(document, dt.date(2028, 12, 31))
        if o.kind == "preavis_non_reconduction"
    ]
    assert limits[0] == dt.date(2026, 11, 30)  # two months before 31 January 2027


def test_a_funder_who_does_not_sign_is_recorded_not_bound() -> None:
    data = example(CADA)
    assert "fondation" not in {p["code"] for p in data["parties"]}
    text = _text(data)
    assert (
        "La Fondation Solidarité Exil, qui n’est pas partie à la présente convention, apporte "
        "à Paroles Partagées un financement de 1 500,00 € (mille cinq cents euros) par an" in text
    )
    assert "dans les conditions fixées par sa décision d’attribution du 12 janvier 2026" in text
    assert "Fondation Solidarité Exil" not in text.split("Fait à")[-1]  # it does not sign
    without_act = changes(dispositions_financieres__financeurs__0__acte=None)(data)
    (problem,) = rules_found(check(without_act))["CP-12"]
    assert problem.path == "dispositions_financieres.financeurs[1]"
    assert "la présente convention ne peut l'engager" in _flat(problem.message)
    unknown = changes(dispositions_financieres__versements__1__payeur="fonds")(example(CADA))
    assert [p.path for p in rules_found(check(unknown))["CO-02"]] == [
        "dispositions_financieres.versements[2].payeur"
    ]


def test_a_public_subsidy_above_the_threshold_is_checked_per_year() -> None:
    data = changes(
        dispositions_financieres__versements__0__montant="2000.00",
        dispositions_financieres__versements__0__periodicite="mensuelle",
        dispositions_financieres__versements__0__justificatifs=None,
    )(example(CHILD))
    (problem,) = rules_found(check(data))["CP-17"]
    assert _flat(problem.message).startswith(
        "Le versement de la Ville à l’AEFEP (24 000,00 € par an) dépasse 23 000 €"
    ) or _flat(problem.message).startswith(
        "Le versement de la Ville à l'AEFEP (24 000,00 € par an) dépasse 23 000 €"
    )
    # A funder who does not sign is bound by its own act, not by this convention.
    funder = changes(
        dispositions_financieres__financeurs__0__nature="public",
        dispositions_financieres__versements__1__montant="30000.00",
    )(example(CADA))
    assert "CP-17" not in rules_found(check(funder))


def test_the_subsidy_convention_cites_loi_2000_321_and_its_decree_beyond_the_threshold() -> None:
    law = (
        "Vu la loi n° 2000-321 du 12 avril 2000 relative aux droits des citoyens dans leurs "
        "relations avec les administrations, notamment son article 10 ;"
    )
    decree = "Vu le décret n° 2001-495 du 6 juin 2001 ;"
    below = _text(example(CHILD))  # the town pays the association 18 500 € a year
    assert "2000-321" not in below and "2001-495" not in below
    # To a company (a société coopérative here), the subsidy convention of article 10.
    above = changes(
        dispositions_financieres__versements__0__montant="24000.00",
        dispositions_financieres__versements__0__echeancier=None,
        parties__1__forme_juridique="scic",
    )(example(CHILD))
    lines = _text(above).splitlines()
    assert law in lines and decree in lines
    assert lines.index(decree) == lines.index(law) + 1
    assert "engagement républicain" not in _text(above)
    # A funder who does not sign grants the subsidy by its own act: not this convention.
    funder = changes(
        dispositions_financieres__financeurs__0__nature="public",
        dispositions_financieres__versements__1__montant="30000.00",
    )(example(CADA))
    assert "2000-321" not in _text(funder)
    # Typed by the user too, the law is cited once.
    typed = changes(visas=["la loi n° 2000-321 du 12 avril 2000"])(above)
    assert _text(typed).count("2000-321 du 12 avril 2000") == 1


def test_an_association_s_subsidy_recalls_its_republican_commitment_contract() -> None:
    """A town's 24 000 € to an association: the lawyer looked for the contrat
    d'engagement républicain every such subsidy requires (loi n° 2000-321, art. 10-1) and
    its sanction; the convention cited only article 10."""
    above = changes(
        dispositions_financieres__versements__0__montant="24000.00",
        dispositions_financieres__versements__0__echeancier=None,
    )(example(CHILD))
    text = _text(above)
    lines = text.splitlines()
    law = (
        "Vu la loi n° 2000-321 du 12 avril 2000 relative aux droits des citoyens dans leurs "
        "relations avec les administrations, notamment ses articles 10 et 10-1 ;"
    )
    decrees = [
        "Vu le décret n° 2001-495 du 6 juin 2001 ;",
        "Vu le décret n° 2021-1947 du 31 décembre 2021 ;",
    ]
    assert lines[lines.index(law) + 1 : lines.index(law) + 3] == decrees
    (clause,) = [line for line in lines if "engagement républicain" in line]
    # Bound by it, subscribed or deemed so (a body recognised of public utility, or approved).
    assert clause.startswith(
        "L’AEFEP respecte, pendant toute la durée de la présente convention, les engagements "
        "du contrat d’engagement républicain prévu à l’article 10-1 de la loi n° 2000-321 du "
        "12 avril 2000. "
    ), clause
    assert (
        "la Ville retire sa subvention par une décision motivée, après avoir mis l’AEFEP à même "
        "de présenter ses observations, et enjoint à l’AEFEP d’en restituer le montant, dans "
        "les conditions fixées par ce même article et par le décret n° 2021-1947 du "
        "31 décembre 2021, dans un délai qui ne peut excéder six mois" in clause
    ), clause
    # Two public payers: one clause, each withdrawing its own subsidy.
    both = changes(
        dispositions_financieres__versements=[
            *above["dispositions_financieres"]["versements"],
            {
                "payeur": above["parties"][0]["code"],
                "beneficiaire": above["parties"][1]["code"],
                "objet": "la coordination du dispositif",
                "montant": "30000.00",
            },
        ]
    )(above)
    (clause,) = [line for line in _text(both).splitlines() if "engagement républicain" in line]
    assert "la Ville ou le Département, chacun pour ce qui le concerne, retire sa subvention" in (
        clause
    ), clause
    # Below the threshold, a payment may be a price: nothing said; nor for a funder.
    assert "engagement républicain" not in _text(example(CHILD))
    foundation = changes(parties__1__forme_juridique="fondation")(above)
    assert "engagement républicain" in _text(foundation)


def test_a_recurring_amount_is_printed_per_period_and_its_instalments_cover_the_term() -> None:
    text = _text(example(CHILD))
    assert "la somme de 18 500,00 € (dix-huit mille cinq cents euros) par an au titre" in text
    assert "Ces sommes sont versées selon l’échéancier suivant" in text
    data = example(CHILD)
    data["dispositions_financieres"]["versements"][0]["echeancier"].pop()
    (problem,) = rules_found(check(data))["CO-03"]
    assert _flat(problem.message) == (
        "Les échéances totalisent 46 250,00 € au lieu de 55 500,00 € (18 500,00 € par an sur "
        "la durée de la convention)."
    )


def test_the_rhythm_and_the_participants_of_an_activity_are_printed() -> None:
    text = _text(example(CADA))
    assert (
        "Permanence de l’EMPP au CADA\nY participent l’EPSM et Terre d’Accueil, deux fois par mois."
        in text
    )
    anonymous = changes(modalites__0__nominative=False, modalites__0__parties=None)(example(CADA))
    assert (
        "Cette activité a lieu deux fois par mois. Les situations y sont présentées sans élément "
        "permettant d’identifier les personnes." in _text(anonymous)
    )


def test_a_participant_of_a_nominative_activity_outside_every_flow_warns() -> None:
    data = changes(modalites__1__parties=["cada", "empp", "interpretariat"])(example(CADA))
    data["partage_information"]["flux"].pop()  # Paroles Partagées receives nothing now
    data["partage_information"]["rgpd"]["roles"].pop()
    data["partage_information"]["rgpd"].pop("contrat_sous_traitance")
    data["partage_information"]["rgpd"]["violation"].pop("delai_sous_traitant_heures")
    problem = rules_found(check(data))["PI-18"][0]
    assert problem.path == "modalites[2].parties[3]"
    assert problem.severity is Severity.AVERTISSEMENT
    assert problem.message.startswith(
        "Paroles Partagées participe à « Entretiens d'évaluation au CADA », qui porte sur des "
        "personnes identifiées, mais n'apparaît dans aucun flux d'informations"
    )
    anonymous = changes(modalites__1__nominative=False, modalites__3__nominative=False)(data)
    assert "PI-18" not in rules_found(check(anonymous))


def test_a_gcsms_party_is_represented_by_its_administrator() -> None:
    data = changes(parties__1__forme_juridique="gcsms")(example("chrs-csapa-addictions"))
    (problem,) = rules_found(check(data))["SG-06"]
    assert problem.severity is Severity.ERREUR
    assert problem.path == "parties[2].representant_legal.qualite"
    administrator = changes(parties__1__representant_legal__qualite="administrateur")(data)
    assert "SG-06" not in rules_found(check(administrator))


def test_the_article_of_the_statutes_is_printed_after_the_representative() -> None:
    text = _text(example("chrs-csapa-addictions"))
    assert "Monsieur Étienne Roussel, président, conformément à l’article 8 de ses statuts" in text
    written = changes(parties__1__statuts_article="article 8 bis")(example("chrs-csapa-addictions"))
    assert "conformément à l’article 8 bis de ses statuts" in _text(written)


def test_a_company_is_named_by_the_precise_form_given() -> None:
    data = changes(
        parties__1__denomination="Résidences Les Tilleuls",
        parties__1__forme_juridique="societe",
        parties__1__nature="prive_lucratif",
        parties__1__forme_juridique_precision="société par actions simplifiée",
    )(example("chrs-csapa-addictions"))
    assert "Résidences Les Tilleuls (RAPS), société par actions simplifiée," in _text(data)
    bare = changes(parties__1__forme_juridique_precision=None)(data)
    assert "Résidences Les Tilleuls (RAPS), société," in _text(bare)


def test_a_judicial_court_is_never_named_and_an_administrative_one_follows_the_place() -> None:
    text = _text(example("chrs-csapa-addictions"))
    assert (
        "soit, à la date des présentes, le tribunal judiciaire territorialement compétent." in text
    )
    named = changes(litiges__ressort="Lyon")(example("chrs-csapa-addictions"))
    assert "tribunal judiciaire de Lyon" not in _text(named)
    # Between private parties an administrative court does not follow from their nature
    # (JU-02): the clause names none.
    private = changes(
        litiges__juridiction="tribunal_administratif", litiges__lieu_execution="Villeurbanne"
    )(example("chrs-csapa-addictions"))
    assert "devant la juridiction compétente." in _text(private)
    public = example(CADA)  # mixed parties, the contract stated administrative and reasoned
    del public["litiges"]["ressort"]
    public["litiges"]["lieu_execution"] = "Villeurbanne"
    assert (
        "le tribunal administratif dans le ressort duquel se trouve Villeurbanne, lieu "
        "d’exécution de la présente convention." in _text(public)
    )
    assert "soit, à la date des présentes, le tribunal administratif de Montreuil." in _text(
        example(CADA)
    )


def test_a_departement_deliberation_is_enforceable_under_its_own_articles() -> None:
    """A département's acts are enforceable under CGCT L. 3131-1 and L. 3131-2, not under
    the commune's articles; and a deliberation is sent after it is taken, not before."""
    late = changes(parties__0__habilitation__date_transmission="2026-03-25")(example(CHILD))
    (problem,) = rules_found(check(late))["DT-01"]
    assert problem.path == "parties[1].habilitation.date_transmission"
    assert _flat(problem.message).endswith("(CGCT, art. L. 3131-1 et L. 3131-2).")
    early = changes(
        parties__0__habilitation__date="2026-02-10",
        parties__0__habilitation__date_transmission="2026-02-03",
    )(example(CHILD))
    (problem,) = rules_found(check(early))["DT-01"]
    assert problem.severity is Severity.ERREUR
    assert _flat(problem.message) == (
        "La délibération du Département du 10 février 2026 ne peut pas "
        "avoir été transmise au préfet le 3 février 2026, avant d'être prise : corrigez l'une des "
        "deux dates."
    )


def test_a_deliberation_sent_to_the_prefect_after_signing_warns() -> None:
    data = changes(parties__3__habilitation__date_transmission="2026-02-25")(example(CHILD))
    (problem,) = rules_found(check(data))["DT-01"]
    assert problem.path == "parties[4].habilitation.date_transmission"
    assert problem.severity is Severity.AVERTISSEMENT
    said = _flat(problem.message)
    assert "transmise au préfet le 25 février 2026, n'était pas exécutoire" in said
    text = _text(example(CHILD))
    assert "en date du 5 février 2026, transmise au représentant de l’État le 9 février 2026" in (
        text
    )


def test_a_retroactive_start_needs_its_reason_printed_and_warns_with_a_public_party() -> None:
    early = changes(duree__date_effet="2025-12-01")
    found = rules_found(check(early(example("chrs-csapa-addictions"))))
    assert [p.path for p in found["DT-02"]] == ["duree.date_effet"]
    reasoned = changes(
        duree__date_effet="2025-12-01",
        duree__motif_retroactivite="les premières orientations ont eu lieu dès décembre",
    )
    assert "DT-02" not in rules_found(check(reasoned(example("chrs-csapa-addictions"))))
    assert (
        "prend effet le 1er décembre 2025, avant la date de sa signature, pour le motif "
        "suivant : les premières orientations ont eu lieu dès décembre."
        in _text(reasoned(example("chrs-csapa-addictions")))
    )
    public = reasoned(example(CHILD))
    public["signature"]["date"] = "2026-02-20"
    (problem,) = rules_found(check(public))["DT-02"]
    assert problem.path == "duree.motif_retroactivite"
    assert "Une personne publique est partie" in problem.message


def test_a_delegation_says_its_act_author_and_reach() -> None:
    text = _text(example(CHILD))
    # The date follows the act it dates, before the author's words (which may go on:
    # « …, autorisé par le conseil d'administration »).
    assert (
        "agissant en vertu d’une délégation de signature consentie par arrêté du 3 juillet 2025 "
        "du président du conseil départemental" in text
    )
    # « consentie par la présidente du 1er septembre » would read « the president of … ».
    author_only = changes(parties__0__delegation__acte=None)(example(CHILD))
    assert (
        "délégation de signature consentie le 3 juillet 2025 par le président du conseil "
        "départemental" in _text(author_only)
    )
    act_only = changes(parties__0__delegation__auteur=None)(example(CHILD))
    assert "délégation de signature consentie par arrêté du 3 juillet 2025," in _text(act_only)
    neither = changes(parties__0__delegation__auteur=None, parties__0__delegation__acte=None)
    assert "délégation de signature en date du 3 juillet 2025," in _text(neither(example(CHILD)))
    vague = changes(parties__0__delegation__auteur=None, parties__0__delegation__portee=None)
    (problem,) = rules_found(check(vague(example(CHILD))))["SG-07"]
    assert problem.path == "parties[1].delegation"
    assert problem.severity is Severity.AVERTISSEMENT
    assert problem.message.startswith("Précisez la délégation d’Hélène Rossi") or (
        problem.message.startswith("Précisez la délégation d'Hélène Rossi")
    )
    missing = changes(parties__0__delegation=None)(example(CHILD))
    assert rules_found(check(missing))["SG-07"][0].severity is Severity.ERREUR


def test_a_quality_code_settles_a_quality_the_rules_cannot_read() -> None:
    ccas = example("charte-reseau-sante-precarite")
    assert "SG-02" not in rules_found(check(ccas))
    ccas["membres"][0]["representant_legal"]["qualite_code"] = "vice_president_ca"
    assert [p.path for p in rules_found(check(ccas))["SG-02"]] == [
        "membres[1].representant_legal.qualite"
    ]
    typed = changes(parties__1__forme_juridique="gcsms", parties__1__nature="prive_non_lucratif")
    gcsms = typed(example("chrs-csapa-addictions"))
    gcsms["parties"][1]["representant_legal"]["qualite"] = "représentant du groupement"
    assert "SG-06" in rules_found(check(gcsms))
    gcsms["parties"][1]["representant_legal"]["qualite_code"] = "administrateur"
    assert "SG-06" not in rules_found(check(gcsms))
    text = _text(gcsms)
    assert "représentant du groupement" in text  # the wording typed stays the one printed


def test_a_funder_or_a_third_party_cannot_reuse_a_party_s_code() -> None:
    data = changes(dispositions_financieres__financeurs__0__code="cada")(example(CADA))
    data["dispositions_financieres"]["versements"][1]["payeur"] = "cada"
    found = rules_found(check(data))["CO-01"]
    assert [p.path for p in found] == ["dispositions_financieres.financeurs[1].code"]
    assert "déjà celui de l'organisation n° 1" in found[0].message


def test_recurring_instalments_over_a_partial_term_are_not_blocked() -> None:
    data = example(CHILD)
    data["duree"] = {"date_effet": "2026-03-01", "duree_mois": 11, "reconduction": "aucune"}
    data["dispositions_financieres"]["versements"][0]["echeancier"] = [
        {"date": "2026-06-30", "montant": "9250.00"}
    ]
    assert "CO-03" not in rules_found(check(data))  # 11 months: not a whole number of years


def test_a_board_chair_does_not_represent_a_gcsms_and_an_appointed_accountant_is_fine() -> None:
    data = changes(parties__1__forme_juridique="gcsms")(example("chrs-csapa-addictions"))
    data["parties"][1]["representant_legal"]["qualite"] = "président du conseil d'administration"
    assert rules_found(check(data))["SG-06"][0].severity is Severity.ERREUR
    group = example("gcsms-mixte-ccas-ehpad")
    group["protocole"] += " L'agent comptable est nommé par arrêté du préfet."
    assert "GC-41" not in rules_found(check(group))


def test_an_incomplete_retention_is_printed_as_far_as_it_goes() -> None:
    data = changes(partage_information__flux__1__duree_conservation={"duree": 5, "unite": "ans"})(
        example(CADA)
    )
    assert "RG-06" in rules_found(check(data))
    assert "durée de conservation : cinq (5) ans." in _text(data)


def test_the_group_may_mandate_a_third_party_but_a_third_party_informs_no_one() -> None:
    group = example("gcsms-mixte-ccas-ehpad")
    group["partage_information"]["intervenants_tiers"][0]["mandant"] = "groupement"
    group["partage_information"]["rgpd"]["roles"][-1]["pour_le_compte_de"] = "groupement"
    assert "CO-02" not in rules_found(check(group))
    assert "à la demande du groupement" in _text(group)
    data = example("gcsms-mixte-ccas-ehpad")
    data["partage_information"]["rgpd"]["aipd_par"] = "transport"
    assert [p.path for p in rules_found(check(data))["CO-02"]] == [
        "partage_information.rgpd.aipd_par"
    ]


def test_a_legal_duty_base_for_an_exchange_the_law_only_permits_warns() -> None:
    data = changes(partage_information__flux__1__base_art6="c")(example("chrs-csapa-addictions"))
    messages = [p.message for p in rules_found(check(data))["RG-01"]]
    assert any("la base « obligation légale » (6.1 c) ne lui convient pas" in m for m in messages)


def test_one_participant_takes_the_singular() -> None:
    data = changes(modalites__0__parties=["empp", "empp"])(example(CADA))
    assert "Y participe l’EPSM, deux fois par mois." in _text(data)


def test_a_deliberation_published_after_signing_warns_and_its_date_is_printed() -> None:
    late = changes(parties__3__habilitation__date_publication="2026-02-27")(example(CHILD))
    (problem,) = rules_found(check(late))["DT-01"]
    assert problem.path == "parties[4].habilitation.date_publication"
    on_time = changes(parties__3__habilitation__date_publication="2026-02-06")(example(CHILD))
    assert "DT-01" not in rules_found(check(on_time))
    assert "en date du 5 février 2026, publiée le 6 février 2026, transmise" in _text(on_time)


def test_a_public_group_s_accountant_is_never_named_by_the_convention() -> None:
    data = example("gcsms-mixte-ccas-ehpad")
    data["missions"] = ["interventions_communes"]  # no ESSMS mission: an accountant by order
    data["autorisations"] = []
    data["agent_comptable"] = {"mode_nomination": "convention", "nom": "Madame Durand"}
    (problem,) = rules_found(check(data))["GC-41"]
    assert problem.path == "agent_comptable"
    data["agent_comptable"] = {"mode_nomination": "arrete"}
    assert "GC-41" not in rules_found(check(data))


@pytest.mark.parametrize(
    ("accountant", "administrator", "same"),
    [
        ("Madame Valérie Jacquin", ("Valérie", "Jacquin"), True),
        ("JACQUIN Valérie, trésorière", ("Valérie", "Jacquin"), True),
        ("Madame Valérie Durand", ("Valérie", "Jacquin"), False),
        ("Monsieur Jacques Jacquin", ("Valérie", "Jacquin"), False),
        ("Madame Anne Le Gall", ("Anne", "Le Gall"), True),
        ("Madame Anne Gallet", ("Anne", "Le Gall"), False),
    ],
)
def test_an_accountant_who_is_the_administrator_is_refused(
    accountant: str, administrator: tuple[str, str], same: bool
) -> None:
    """GC-41: the authorising officer cannot be the accountant, whether the administrator's
    quality says so or the accountant named is the administrator (the lawyer's input named
    « Madame Nathalie Faure » for both, and only the naming by the convention warned)."""
    data = example("gcsms-mixte-ccas-ehpad")
    data["administrateur"]["prenom"], data["administrateur"]["nom"] = administrator
    data["agent_comptable"] = {"mode_nomination": "arrete", "nom": accountant}
    refused = [
        p
        for p in rules_found(check(data)).get("GC-41", [])
        if p.path == "agent_comptable.nom" and p.severity is Severity.ERREUR
    ]
    assert bool(refused) == same


def test_a_host_of_health_data_not_certified_is_not_said_to_be() -> None:
    """PI-17 warns; the document said all the same « cet hébergeur est certifié »."""
    hosted = {"hebergeur": "Société Cloud Aquitaine", "certifie_hds": False}
    data = example(CADA)
    flows = data["partage_information"]["flux"]
    index = next(i for i, f in enumerate(flows) if f.get("donnees_sante"))
    data["partage_information"]["flux"][index]["hebergement"] = hosted
    text = _text(data)
    assert "cet hébergeur est certifié" not in text
    assert (
        "Lorsqu’elles sont hébergées par un tiers, cet hébergeur doit être certifié dans les "
        "conditions prévues à l’article L. 1111-8 du code de la santé publique : aucune donnée "
        "de santé ne lui est confiée avant sa certification." in text
    )
    hosted["certifie_hds"] = True
    assert "cet hébergeur est certifié dans les conditions prévues" in _text(data)


def test_the_questionnaire_shows_a_retention_written_as_one_sentence() -> None:
    from convgen.app.questionnaire import questions, sections  # noqa: PLC0415
    from convgen.schema.document import MODELS  # noqa: PLC0415

    model = MODELS["convention_partenariat"]
    section = next(s for s in sections(model) if "partage_information" in s.fields)
    found = {
        q.name: q.value for top in questions(model, example(CADA), section) for q in top.walk()
    }
    assert found["partage_information.flux[1].duree_conservation.texte"] == (
        "durée de l'hébergement au CADA, puis 5 ans à compter de la sortie"
    )
    assert found["partage_information.flux[3].duree_conservation.duree"] == "3"


def test_a_reason_printed_between_parentheses_reads_as_part_of_the_sentence() -> None:
    data = changes(
        motif_nature_juridique="Les membres de droit public apportent l'essentiel des équipements."
    )(example("gcsms-mixte-ccas-ehpad"))
    text = _text(data)
    assert "(les membres de droit public apportent l’essentiel des équipements)." in text


def test_a_convention_over_before_it_is_signed_is_refused() -> None:
    """Effect 1 June 2025 for six months, signed 15 January 2026: no retroactive clause can
    make that an agreement (DT-02, an error rather than the retroactivity warning)."""
    data = changes(
        duree__date_effet="2025-06-01", duree__duree_mois=6, signature__date="2026-01-15"
    )(example("chrs-csapa-addictions"))
    (found,) = rules_found(check(data))["DT-02"]
    assert found.severity is Severity.ERREUR and found.path == "duree.duree_mois"
    assert found.message.startswith("La convention prendrait fin le 30 novembre 2025, avant même")
    later = changes(duree__duree_mois=12)(data)  # until 31 May 2026: retroactive, not over
    assert [p.path for p in rules_found(check(later))["DT-02"]] == ["duree.date_effet"]


@pytest.mark.parametrize(
    ("precision", "qualite", "severity"),
    [
        ("société par actions simplifiée", "directeur d'exploitation", Severity.ERREUR),
        ("SAS", "gérant", Severity.ERREUR),
        ("SAS", "directeur général délégué", None),
        ("SAS", "directrice générale", None),
        ("SAS", "directeur général adjoint", Severity.ERREUR),
        ("SAS", "directrice générale adjointe", Severity.ERREUR),
        (None, "directeur général des services", Severity.AVERTISSEMENT),
        ("société à responsabilité limitée", "gérante", None),
        ("SARL", "président", Severity.ERREUR),  # its manager represents it: L. 223-18
        ("EURL", "co-gérante", None),
        (None, "gérant", None),
    ],
)
def test_who_represents_a_company_follows_its_precise_form(
    precision: str | None, qualite: str, severity: Severity | None
) -> None:
    data = changes(parties__1__forme_juridique="societe", parties__1__nature="prive_lucratif")(
        example("chrs-csapa-addictions")
    )
    if precision is not None:
        data["parties"][1]["forme_juridique_precision"] = precision
    data["parties"][1]["representant_legal"]["qualite"] = qualite
    found = rules_found(check(data)).get("SG-06", [])
    assert [p.severity for p in found] == ([] if severity is None else [severity])


RESERVATION = "sous réserve de l’inscription des crédits correspondants à son budget"


def _reserved(data: Data) -> list[bool]:
    """Whether each payment's sentence carries the budget reservation."""
    paid = [line for line in _text(data).splitlines() if " verse " in line]
    return [RESERVATION in line for line in paid]


@pytest.mark.parametrize(
    ("mutation", "expected"),
    [
        # The town pays instalments until December 2028; signed in February 2026.
        (changes(), [True]),
        # Every instalment in the year of the signature: this year's budget.
        (
            changes(
                dispositions_financieres__versements__0__periodicite=None,
                dispositions_financieres__versements__0__echeancier=[
                    {"date": dt.date(2026, 6, 30), "montant": "9250.00"},
                    {"date": dt.date(2026, 12, 15), "montant": "9250.00"},
                ],
                duree__duree_mois=10,
            ),
            [False],
        ),
        # A yearly payment over a term that ends in the year of the signature.
        (
            changes(
                dispositions_financieres__versements__0__echeancier=None,
                duree__duree_mois=10,
            ),
            [False],
        ),
        # The same over a term that runs into the next year, or renewed.
        (changes(dispositions_financieres__versements__0__echeancier=None), [True]),
        (
            changes(
                dispositions_financieres__versements__0__echeancier=None,
                duree__duree_mois=10,
                duree__reconduction="expresse",
            ),
            [True],
        ),
        # Instalments in the year of the signature, but a yearly payment renewed tacitly:
        # the renewals are paid from later budgets.
        (
            changes(
                dispositions_financieres__versements__0__echeancier=[
                    {"date": dt.date(2026, 6, 30), "montant": "9250.00"},
                    {"date": dt.date(2026, 12, 15), "montant": "9250.00"},
                ],
                duree__duree_mois=10,
                duree__reconduction="tacite",
                duree__duree_reconduction_mois=12,
                duree__preavis_non_reconduction_mois=2,
            ),
            [True],
        ),
        # A single payment when the convention takes effect, the year after its signature.
        (
            changes(
                dispositions_financieres__versements__0__periodicite=None,
                dispositions_financieres__versements__0__echeancier=None,
                duree__date_effet=dt.date(2027, 1, 1),
            ),
            [True],
        ),
        # A private payer commits no public credits.
        (
            changes(
                dispositions_financieres__versements__0__payeur="association",
                dispositions_financieres__versements__0__beneficiaire="commune",
            ),
            [False],
        ),
    ],
)
def test_a_public_payer_pays_a_later_year_subject_to_its_budget(
    mutation: Any, expected: list[bool]
) -> None:
    """Budgets are voted year by year (CGCT art. L. 1612-1 and following): a public party
    that commits to pay in a later year than its signature does so « sous réserve de
    l'inscription des crédits correspondants à son budget »."""
    assert _reserved(mutation(example(CHILD))) == expected


def test_a_draft_not_signed_yet_reads_the_year_of_the_payer_s_deliberation() -> None:
    """A single payment when the convention takes effect, 1 January 2027, no signature
    date yet: the town deliberates in December 2026 on the draft, which says, as the
    signed text will, that it pays subject to its 2027 budget."""
    data = changes(
        dispositions_financieres__versements__0__periodicite=None,
        dispositions_financieres__versements__0__echeancier=None,
        duree__date_effet=dt.date(2027, 1, 1),
        signature__date=None,
        signature__par_partie=None,
        parties__3__habilitation__date=dt.date(2026, 12, 10),
    )(example(CHILD))
    assert data["parties"][3]["code"] == "commune"
    text = _flat(docx_text(render(data, draft=True)))
    paid = [line for line in text.splitlines() if " verse " in line]
    assert [RESERVATION in line for line in paid] == [True]


def test_a_funder_who_does_not_sign_makes_no_reservation() -> None:
    """A public funder outside the convention is bound by its own act, not by this one."""
    data = changes(dispositions_financieres__financeurs__0__nature="public")(example(CADA))
    text = _text(data)
    assert "un financement de 1 500,00 € (mille cinq cents euros) par an" in text
    assert RESERVATION not in text


def test_two_subsidies_of_one_authority_are_added_against_the_threshold() -> None:
    """15 000 € and 12 000 € a year from the town to the association: 27 000 € a year,
    over the 23 000 € of decree 2001-495, though neither is alone."""
    data = example(CHILD)
    first = data["dispositions_financieres"]["versements"][0]
    first.update(montant="15000.00", periodicite="annuelle", justificatifs=None)
    first.pop("echeancier", None)
    second = {**first, "objet": "les actions collectives de prévention", "montant": "12000.00"}
    data["dispositions_financieres"]["versements"].append(second)
    found = rules_found(check(data))["CP-17"]
    assert [p.path for p in found] == [
        "dispositions_financieres.versements[1].justificatifs",
        "dispositions_financieres.versements[2].justificatifs",
    ]
    assert _flat(found[0].message).startswith(
        "Les versements de la Ville à l'AEFEP (15 000,00 € par an + 12 000,00 € par an, soit "
        "27 000,00 € par an) dépassent ensemble 23 000 €"
    )
    alone = changes(dispositions_financieres__versements__1__montant="8000.00")(data)
    assert "CP-17" not in rules_found(check(alone))


def _single(montant: str, year: int) -> dict[str, object]:
    """A single payment of the town to the association, due on 30 June of ``year``."""
    return {
        "payeur": "commune",
        "beneficiaire": "association",
        "objet": f"le fonctionnement de l'année {year}",
        "montant": montant,
        "echeancier": [{"date": dt.date(year, 6, 30), "montant": montant}],
    }


def test_single_subsidies_count_in_the_year_they_are_paid() -> None:
    """12 000 € in 2026 and 12 000 € in 2028 are 12 000 € a year: under the threshold;
    15 000 € a year and 12 000 € in 2027 make 27 000 € in 2027."""
    data = example(CHILD)
    data["duree"]["duree_mois"] = 36
    data["dispositions_financieres"]["versements"] = [
        _single("12000.00", 2026),
        _single("12000.00", 2028),
    ]
    assert "CP-17" not in rules_found(check(data))
    recurring = {
        "payeur": "commune",
        "beneficiaire": "association",
        "objet": "le poste de coordinateur",
        "montant": "15000.00",
        "periodicite": "annuelle",
    }
    data["dispositions_financieres"]["versements"] = [recurring, _single("12000.00", 2027)]
    (first, _second) = rules_found(check(data))["CP-17"]
    assert _flat(first.message).startswith(
        "Les versements de la Ville à l'AEFEP (15 000,00 € par an + 12 000,00 € en 2027, soit "
        "27 000,00 € en 2027) dépassent ensemble 23 000 €"
    )


def test_a_party_without_commitments_has_no_empty_heading_and_lists_say_what_they_hold() -> None:
    """A party without commitments nor expectations, one without a referent or an
    insurance: the final text prints no empty « Engagements du … » heading, and its
    lists no longer read as if every party were in them."""
    data = example(CADA)
    third = data["parties"][1]
    third["engagements"], third["attentes"], third["referent"] = [], [], None
    third.pop("assurance", None)
    name = third["appellation"]
    final = _text(data)
    headings = [line for line in final.splitlines() if line.startswith("### Engagements")]
    assert len(headings) == len(data["parties"]) - 1, headings
    assert not any(name.split()[-1].lstrip("l'’") in line for line in headings), headings
    assert "interlocuteur des autres Parties ; à la date des présentes, sont désignés :" in final
    assert (
        "responsabilité civile ; les références communiquées à la date des présentes sont les "
        "suivantes :" in final
    )
    draft = _flat(docx_text(render(data, draft=True)))
    assert "[à compléter : engagements " in draft
    assert "[à compléter : référent]" in draft
    complete = _text(example(CADA))
    assert "sont désignés" not in complete and "références communiquées" not in complete


@pytest.mark.parametrize("written", ["1500 euros", "1 500 EUR", "1500 Euro", "1 500,00 €"])
def test_an_amount_may_be_written_in_euros(written: str) -> None:
    data = changes(dispositions_financieres__versements__0__montant=written)(example(CADA))
    validated = check(data)
    payment = validated.document.dispositions_financieres.versements[0]
    assert payment.montant == 1500


def test_a_missing_group_says_what_to_fill_in() -> None:
    """« litiges : champ obligatoire manquant » did not say that the court is asked."""
    data = example(CADA)
    data.pop("litiges")
    (said,) = [p for p in check(data).problems if p.path == "litiges"]
    assert said.message == "champ obligatoire manquant, à remplir : (litiges.juridiction)"
    assert for_the_page(said.message, ConventionPartenariat, "litiges") == (
        "champ obligatoire manquant, à remplir : (« Litiges › Juridiction »)"
    )


def test_a_default_number_is_shown_the_french_way_in_the_review_pack() -> None:
    assert _shown(Decimal("33.33")) == "33,33"
    assert _shown(12) == "12"
    assert _shown(True) == "oui"


def _monthly(**payment: Any) -> Data:
    """The commune's yearly payment of the child-protection example (1 March 2026, 36
    months, not renewed) made monthly and given by its first instalment alone (a
    director wrote 36 rows, or none)."""
    data = example(CHILD)
    versement = data["dispositions_financieres"]["versements"][0]
    del versement["echeancier"]
    versement.update(montant="1541.67", periodicite="mensuelle", premiere_echeance="2026-03-31")
    versement.update(payment)
    return data


def _paid_on(data: Data) -> list[dt.date]:
    """The instalments the échéancier lists for ``data``."""
    found = obligations(check(data).document, dt.date(2040, 1, 1))  # type: ignore[arg-type]
    return [o.date for o in found if o.kind == "versement"]


FIRST = "dispositions_financieres.versements[1].premiere_echeance"


def test_a_recurring_amount_may_give_its_first_instalment_alone() -> None:
    data = _monthly()
    validated = check(data)
    assert validated.ok
    found = rules_found(validated)
    assert "CO-03" not in found and "CP-12" not in found and "DT-04" not in found
    text = _text(data)
    assert "la somme de 1 541,67 € (mille cinq cent quarante et un euros et soixante-sept " in text
    assert (
        "La première échéance est versée au plus tard le 31 mars 2026, les suivantes au plus "
        "tard le même jour de chaque mois (ou, à défaut, le dernier jour du mois), pendant "
        "toute la durée de la présente convention." in text
    )
    assert "échéancier suivant" not in text
    # The échéancier counts them one by one over the 36 months: a day the month lacks
    # is its last (30 April, 28 February), the next ones are the 31st again.
    dates = _paid_on(data)
    assert len(dates) == 36
    assert dates[:3] == [dt.date(2026, 3, 31), dt.date(2026, 4, 30), dt.date(2026, 5, 31)]
    assert dates[-1] == dt.date(2029, 2, 28)  # the term ends on 28 February 2029


def test_the_next_instalments_of_a_quarterly_amount_from_an_early_day() -> None:
    data = _monthly(periodicite="trimestrielle", montant="4625.00", premiere_echeance="2026-03-15")
    assert (
        "au plus tard le 15 mars 2026, les suivantes au plus tard à la même date tous les "
        "trois mois, pendant" in _text(data)
    )
    assert len(_paid_on(data)) == 12


def test_a_recurring_amount_runs_with_the_convention_s_renewals() -> None:
    """Renewed tacitly once, the convention runs a fourth year: so do the instalments;
    open-ended, they run as far as the calendar looks."""
    renewed = changes(
        duree__reconduction="tacite",
        duree__duree_reconduction_mois=12,
        duree__nombre_reconductions=1,
        duree__preavis_non_reconduction_mois=3,
    )(_monthly(periodicite="annuelle", montant="18500.00", premiere_echeance="2026-03-31"))
    assert _paid_on(renewed) == [dt.date(year, 3, 31) for year in (2026, 2027, 2028, 2029)]
    open_ended = changes(duree__duree_mois=None)(_monthly(periodicite="annuelle"))
    assert _paid_on(open_ended)[-1] == dt.date(2039, 3, 31)


def test_a_funder_s_first_instalment_is_recorded_not_promised() -> None:
    """A funder who does not sign pays under its own act: the convention records its
    instalments (« À titre d'information »), without « au plus tard » nor « pendant toute
    la durée », and the échéancier lists them over the initial term only."""
    data = _monthly(periodicite="annuelle", montant="18500.00", premiere_echeance="2026-03-31")
    data["dispositions_financieres"]["financeurs"] = [
        {
            "code": "caf",
            "denomination": "Caisse d'allocations familiales de la Seine-Saint-Denis",
            "nature": "prive_non_lucratif",
            "acte": "la convention d'objectifs et de financement",
        }
    ]
    data["dispositions_financieres"]["versements"][0]["payeur"] = "caf"
    data = changes(
        duree__reconduction="tacite",
        duree__duree_reconduction_mois=12,
        duree__preavis_non_reconduction_mois=3,
    )(data)
    assert (
        "À titre d’information, le financeur verse la première échéance le 31 mars 2026, les "
        "suivantes à la même date chaque année." in _text(data)
    )
    assert _paid_on(data) == [dt.date(year, 3, 31) for year in (2026, 2027, 2028)]


@pytest.mark.parametrize(
    ("payment", "severity", "message"),
    [
        (
            {"periodicite": None},
            Severity.ERREUR,
            "Une première échéance ne se donne que pour un montant récurrent (périodicité) : "
            "pour un versement unique, indiquez sa date dans l'échéancier.",
        ),
        (
            {"echeancier": [{"date": "2026-03-31", "montant": "55500.12"}]},
            Severity.ERREUR,
            "Indiquez soit la première échéance du montant récurrent, soit l'échéancier "
            "complet, pas les deux : ils pourraient se contredire.",
        ),
        # Paid at the start of each month, the first on 1 April is one period late: the
        # last month's would fall after the end (the reviewer found it silent).
        (
            {"premiere_echeance": "2026-04-01"},
            Severity.ERREUR,
            "Avec une première échéance le 1er avril 2026, 35 échéances tombent dans la durée "
            "de la convention (du 1er mars 2026 au 28 février 2029) au lieu de 36, une par "
            "période : 53 958,45 € au lieu de 55 500,12 €. Avancez la première échéance, pour "
            "que la dernière tombe au plus tard le 28 février 2029.",
        ),
        (
            {"periodicite": "annuelle", "montant": "18500.00", "premiere_echeance": "2027-03-01"},
            Severity.ERREUR,
            "Avec une première échéance le 1er mars 2027, 2 échéances tombent dans la durée "
            "de la convention (du 1er mars 2026 au 28 février 2029) au lieu de 3",
        ),
    ],
)
def test_a_first_instalment_stands_alone_for_a_recurring_amount(
    payment: Data, severity: Severity, message: str
) -> None:
    (problem,) = rules_found(check(_monthly(**payment)))["CO-03"]
    assert (problem.path, problem.severity) == (FIRST, severity)
    assert _flat(problem.message).startswith(message)


def test_a_first_instalment_at_the_end_of_each_period_pays_every_period() -> None:
    """Paid in arrears, the first at the end of the first month: the 36th falls on the
    last day of the term, nothing is reported."""
    assert "CO-03" not in rules_found(check(_monthly(premiere_echeance="2026-03-28")))
    assert len(_paid_on(_monthly(premiere_echeance="2026-03-28"))) == 36


def test_a_first_instalment_over_a_term_of_broken_periods_asks_for_the_schedule() -> None:
    data = changes(duree__duree_mois=18)(
        _monthly(periodicite="annuelle", montant="18500.00", premiere_echeance="2026-03-31")
    )
    (problem,) = rules_found(check(data))["CO-03"]
    assert (problem.path, problem.severity) == (FIRST, Severity.AVERTISSEMENT)
    assert _flat(problem.message) == (
        "La durée de la convention (dix-huit (18) mois) n'est pas un nombre entier d'années : "
        "avec la seule première échéance, rien ne dit ce qui est dû pour la dernière période, "
        "incomplète ; donnez l'échéancier complet."
    )


def test_an_end_date_a_few_days_past_whole_periods_is_a_term_of_broken_periods() -> None:
    """From 15 March 2026 to 20 March 2027, quarterly: the échéancier counted five
    instalments for four periods, and nothing was said (the reviewer found it)."""
    data = changes(duree__date_effet="2026-03-15", duree__duree_mois=None)(
        _monthly(periodicite="trimestrielle", montant="4625.00", premiere_echeance="2026-03-15")
    )
    data["duree"]["date_fin"] = "2027-03-20"
    (problem,) = rules_found(check(data))["CO-03"]
    assert (problem.path, problem.severity) == (FIRST, Severity.AVERTISSEMENT)
    assert "n'est pas un nombre entier de trimestres" in problem.message
    data["duree"]["date_fin"] = "2027-03-14"  # twelve months to the day: four quarters
    assert "CO-03" not in rules_found(check(data))


def test_a_first_instalment_outside_the_term_and_a_missing_one() -> None:
    found = rules_found(check(_monthly(premiere_echeance="2029-03-31")))
    assert "CO-03" not in found  # DT-04 says it
    (late,) = found["DT-04"]
    assert late.path == FIRST
    assert _flat(late.message) == (
        "La première échéance du 31 mars 2029 tombe hors de la durée de la convention "
        "(du 1er mars 2026 au 28 février 2029)."
    )
    (missing,) = rules_found(check(_monthly(premiere_echeance=None)))["CP-12"]
    assert missing.path == "dispositions_financieres.versements[1].echeancier"
    assert missing.message == (
        "Les dispositions financières sont incomplètes : échéancier manquant (pour un "
        "montant récurrent, la date de la première échéance suffit)."
    )


@pytest.mark.parametrize(
    ("months", "first", "said"),
    [
        (1, "2027-01-29", "le même jour de chaque mois (ou, à défaut, le dernier jour du mois)"),
        (1, "2027-01-28", "le même jour de chaque mois"),
        (3, "2026-11-30", "à la même date tous les trois mois (ou, à défaut, le dernier jour"),
        (3, "2027-01-30", "à la même date tous les trois mois"),
        (6, "2027-03-31", "à la même date tous les six mois (ou, à défaut, le dernier jour"),
        (12, "2027-03-31", "à la même date chaque année"),
        (12, "2028-02-29", "à la même date chaque année (ou, à défaut, le dernier jour du mois"),
    ],
)
def test_the_next_instalments_say_when_a_month_lacks_their_day(
    months: int, first: str, said: str
) -> None:
    """« ou, à défaut, le dernier jour du mois » only where a month the instalments
    reach lacks their day (30 November, then 28 February), never for 31 March."""
    found = next_instalments(dt.date.fromisoformat(first), months)
    assert found.startswith(said)
    assert ("dernier jour" in found) == ("dernier jour" in said)
