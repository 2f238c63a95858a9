"""French formatting filters: dates, amounts in figures and words, lists, spacing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from babel.numbers import format_currency, format_decimal
from hypothesis import given
from hypothesis import strategies as st

from convgen.schema.commun import Frequence
from convgen.wording import formatting as f

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 3, 1), "1er mars 2026"),
        (dt.date(2026, 1, 3), "3 janvier 2026"),
        (dt.date(2025, 12, 31), "31 décembre 2025"),
        (dt.date(2026, 8, 1), "1er août 2026"),
    ],
)
def test_long_date_uses_1er_and_lowercase_months(day: dt.date, expected: str) -> None:
    assert f.long_date(day) == expected


@pytest.mark.parametrize(
    ("value", "figures", "words"),
    [
        (
            "12500.50",
            f"12{NNBSP}500,50{NBSP}€",
            "douze mille cinq cents euros et cinquante centimes",
        ),
        ("1", f"1,00{NBSP}€", "un euro"),
        ("80", f"80,00{NBSP}€", "quatre-vingts euros"),
        ("0.50", f"0,50{NBSP}€", "cinquante centimes"),
        ("0.01", f"0,01{NBSP}€", "un centime"),
        ("0", f"0,00{NBSP}€", "zéro euro"),
        ("1000000", f"1{NNBSP}000{NNBSP}000,00{NBSP}€", "un million d'euros"),
        ("2000000000", f"2{NNBSP}000{NNBSP}000{NNBSP}000,00{NBSP}€", "deux milliards d'euros"),
        ("1000001", f"1{NNBSP}000{NNBSP}001,00{NBSP}€", "un million un euros"),
        ("21.21", f"21,21{NBSP}€", "vingt et un euros et vingt et un centimes"),
    ],
)
def test_amounts_in_figures_and_words(value: str, figures: str, words: str) -> None:
    amount = Decimal(value)
    assert f.amount(amount) == figures
    assert f.amount_in_words(amount) == words


@given(
    st.decimals(min_value=-(10**12), max_value=10**12, allow_nan=False, places=4),
    st.integers(0, 6),
)
def test_amounts_and_numbers_print_as_babel_does_whatever_was_printed_before(
    value: Decimal, places: int
) -> None:
    # Cached by their exact text: equal decimals written differently (« 2.5 », « 2.50 »)
    # are each printed as babel prints them, in any order.
    for same in (value, value.quantize(Decimal(1).scaleb(-places)), value):
        assert f.amount(same) == format_currency(same, "EUR", locale="fr_FR")
        assert f.number(same) == format_decimal(same, locale="fr_FR")


def test_lists_join_with_et_or_ou() -> None:
    assert f.join_list(["A", "B", "C"]) == "A, B et C"
    assert f.join_list(["A", "B"]) == "A et B"
    assert f.join_list(["A"]) == "A"
    assert f.join_list([]) == ""
    assert f.join_list(["A", "B", "C"], "ou") == "A, B ou C"


def test_bimensuel_and_bimestriel_are_worded_without_ambiguity() -> None:
    assert f.rhythm(Frequence.BIMENSUELLE) == "deux fois par mois"
    assert f.rhythm(Frequence.BIMESTRIELLE) == "une fois tous les deux mois"
    assert f.frequency_adjective(Frequence.BIMESTRIELLE) == "bimestrielle (tous les deux mois)"
    assert f.frequency_adjective(Frequence.BIMENSUELLE) == "bimensuelle (deux fois par mois)"
    assert set(f.RHYTHMS) == set(Frequence) == set(f.ADJECTIVES)


def test_durations_in_words_and_figures() -> None:
    assert f.months(36) == f"trois (3){NBSP}ans"
    assert f.months(12) == f"un (1){NBSP}an"
    assert f.months(18) == f"dix-huit (18){NBSP}mois"
    assert f.days(90) == f"quatre-vingt-dix (90){NBSP}jours"
    assert f.days(1) == f"un (1){NBSP}jour"


def test_identifiers_are_grouped_for_display_only() -> None:
    assert f.siret("73282932000074") == f"732{NBSP}829{NBSP}320{NBSP}00074"
    assert f.siren("732829320") == f"732{NBSP}829{NBSP}320"
    assert f.phone("0123456789") == NBSP.join(["01", "23", "45", "67", "89"])
    assert f.phone("+33123456789") == NBSP.join(["+33", "1", "23", "45", "67", "89"])
    assert f.siret("MONACO") == "MONACO"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vu la loi ; voir : ici !", f"Vu la loi{NNBSP}; voir{NBSP}: ici{NNBSP}!"),
        ("« le Relais »", f"«{NBSP}le Relais{NBSP}»"),
        ("«le Relais»", f"«{NBSP}le Relais{NBSP}»"),
        (f"«{NBSP}déjà{NBSP}»", f"«{NBSP}déjà{NBSP}»"),
        ("la loi n° 2002-2", f"la loi n°{NBSP}2002-2"),
        ("l'association d'aide", "l’association d’aide"),
        ("main d'œuvre de l'Œuvre d'Ÿvonne", "main d’œuvre de l’Œuvre d’Ÿvonne"),
        ("l'« Escale »", f"l’«{NBSP}Escale{NBSP}»"),
        ("la cote 3'2", "la cote 3'2"),
        (
            "rendez-vous à 14:30 sur https://exemple.org",
            "rendez-vous à 14:30 sur https://exemple.org",
        ),
        ("pourquoi?", "pourquoi?"),
        ("M. Dupont et Mme Rahmani", f"M.{NBSP}Dupont et Mme{NBSP}Rahmani"),
        ("Dr Martin, MM. Durand", f"Dr{NBSP}Martin, MM.{NBSP}Durand"),
        ("Mme la directrice", "Mme la directrice"),
        ('l\'entreprise "Les Jardins"', f"l’entreprise «{NBSP}Les Jardins{NBSP}»"),
        ('le « Réseau "Soins" » du Médoc', f"le «{NBSP}Réseau “Soins”{NBSP}» du Médoc"),
        ('un seul " guillemet', 'un seul " guillemet'),
        ('écrans 24" et 27"', 'écrans 24" et 27"'),
        ('"Les Jardins" et « Le Phare »', f"«{NBSP}Les Jardins{NBSP}» et «{NBSP}Le Phare{NBSP}»"),
        ("près d'1 sur 4", "près d’1 sur 4"),
        # A sign typed against its number is set apart; an address's escape is not.
        ("à 80% du coût, 12€ par mois", f"à 80{NBSP}% du coût, 12{NBSP}€ par mois"),
        ("taux de 1,5%.", f"taux de 1,5{NBSP}%."),
        ("https://exemple.org/fiche2%20bis", "https://exemple.org/fiche2%20bis"),
    ],
)
def test_typography_fixes_only_spaces_the_writer_typed(text: str, expected: str) -> None:
    assert f.typography(text) == expected


@pytest.mark.parametrize(
    ("name", "of", "to"),
    [
        ("le CCAS", "du CCAS", "au CCAS"),
        ("l’Escale", "de l’Escale", "à l’Escale"),
        ("la Ville", "de la Ville", "à la Ville"),
        ("les Parties", "des Parties", "aux Parties"),
        ("Oppelia", "d’Oppelia", "à Oppelia"),
        ("Paroles Partagées", "de Paroles Partagées", "à Paroles Partagées"),
    ],
)
def test_articles_contract_with_de_and_a(name: str, of: str, to: str) -> None:
    assert f.of(name) == of
    assert f.to(name) == to


def test_paragraphs_one_per_non_empty_line() -> None:
    assert f.paragraphs("Premier.\n\n  Deuxième.  \nTroisième.\n") == [
        "Premier.",
        "Deuxième.",
        "Troisième.",
    ]


def test_ordinal_for_article_numbers() -> None:
    assert [f.ordinal(n) for n in (1, 2, 10)] == ["1er", "2", "10"]


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("selon l’article L. 226-2-2 du CASF", f"selon l’article L.{NBSP}226-2-2 du CASF"),
        ("art. 9 du RGPD", f"art.{NBSP}9 du RGPD"),
        ("R. 312-194-7", f"R.{NBSP}312-194-7"),
        ("20 000 euros", f"20{NNBSP}000{NBSP}euros"),
        ("1 234 567,50 €", f"1{NNBSP}234{NNBSP}567,50{NBSP}€"),
        ("un taux de 30 %", f"un taux de 30{NBSP}%"),
        ("dans les 3 mois", f"dans les 3{NBSP}mois"),
        ("pour 2 ans", f"pour 2{NBSP}ans"),
        # What is not a number with its unit stays as typed.
        ("tél. 01 23 45 67 89", "tél. 01 23 45 67 89"),
        ("12 rue des Lilas, 75001 Paris", "12 rue des Lilas, 75001 Paris"),
        ("en 2026 100 personnes", "en 2026 100 personnes"),
        ("3 mois", f"3{NBSP}mois"),
        ("les 3 moissonneuses", "les 3 moissonneuses"),
    ],
)
def test_typography_of_user_text_keeps_numbers_with_their_units(typed: str, printed: str) -> None:
    assert f.typography(typed) == printed


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("accès aux soins", "Accès aux soins."),
        ("l’accès aux soins", "L’accès aux soins."),
        ("e-santé pour tous", "E-santé pour tous."),
        ("hébergement d'urgence (115)", "Hébergement d'urgence (115)."),
        ("à se rencontrer ;", "À se rencontrer ;"),
        ("a) coordonner ;", "a) coordonner ;"),  # an item's letter
        ("www.reseau.fr présente le réseau", "www.reseau.fr présente le réseau."),
        ("eHealth Jura", "eHealth Jura."),
        ("« Qui fait quoi ? »", "« Qui fait quoi ? »"),  # the quotation has its stop
        ("« Bien vieillir »", "« Bien vieillir »."),
        ("accès, soins", "Accès, soins."),
    ],
)
def test_a_paragraph_starts_with_a_capital_and_ends_with_a_stop(typed: str, printed: str) -> None:
    assert f.paragraphs(typed) == [printed]


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("Organiser des formations communes.", "organiser des formations communes"),
        (
            "À titre expérimental, organiser des rencontres ;",
            "à titre expérimental, organiser des rencontres",
        ),
        ("Co-construire des parcours", "co-construire des parcours"),
        ("ARS : suivre les autorisations", "ARS : suivre les autorisations"),
    ],
)
def test_an_answer_printed_in_a_list_reads_as_its_items(typed: str, printed: str) -> None:
    assert f.list_item(typed) == printed
