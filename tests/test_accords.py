"""The French wording layer: elision, contraction, agreement, counted nouns; checked on
the cases of issue 13 and on every enumeration label the documents print."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, render

from convgen.chars import NBSP
from convgen.documents.context.convention_gcsms import power_with_article
from convgen.loading import read_input
from convgen.rendering.environment import make_environment
from convgen.schema import convention_gcsms as gc
from convgen.schema.appellations import with_article
from convgen.schema.convention_partenariat import Partie
from convgen.wording import accords as a
from convgen.wording.libelles import LABELS
from convgen.wordml.text import docx_text


@pytest.mark.parametrize(
    ("name", "of", "to"),
    [
        ("un (1)\u00a0an", "d’un (1)\u00a0an", "à un (1)\u00a0an"),
        ("le tiers des voix", "du tiers des voix", "au tiers des voix"),
        ("les deux tiers des voix", "des deux tiers des voix", "aux deux tiers des voix"),
        ("la majorité des voix", "de la majorité des voix", "à la majorité des voix"),
        ("l’Escale", "de l’Escale", "à l’Escale"),
        ("Le CCAS de Sète", "du CCAS de Sète", "au CCAS de Sète"),
        ("Oppelia", "d’Oppelia", "à Oppelia"),
        ("handicap", "de handicap", "à handicap"),
        ("hôpital", "d’hôpital", "à hôpital"),
    ],
)
def test_de_and_a_contract_with_the_article(name: str, of: str, to: str) -> None:
    assert (a.of(name), a.to(name)) == (of, to)


def test_counted_nouns_agree_in_gender_and_number() -> None:
    assert a.counted(1, "reconduction", feminine=True) == f"une (1){NBSP}reconduction"
    assert a.of(a.counted(1, "reconduction", True)) == f"d’une (1){NBSP}reconduction"
    assert a.counted(2, "reconduction", True) == f"deux (2){NBSP}reconductions"
    assert a.counted(21, "reconduction", True) == f"vingt et une (21){NBSP}reconductions"
    assert a.counted(1, "renouvellement") == f"un (1){NBSP}renouvellement"
    assert a.counted(3, "mois") == f"trois (3){NBSP}mois"


def test_agreement_of_participles_with_a_party() -> None:
    assert a.agree("soumis", feminine=True) == "soumise"
    assert a.agree("soumis", feminine=True, many=True) == "soumises"
    assert a.agree("tenu", many=True) == "tenus"
    assert a.agree("représenté") == "représenté"


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("Un questionnaire est remis", "un questionnaire est remis"),
        ("Chaque membre informe", "chaque membre informe"),
        ("L’équipe mobile", "l’équipe mobile"),
        ("Oppelia anime", "Oppelia anime"),
        ("ARS Occitanie", "ARS Occitanie"),
        ("le comité", "le comité"),
    ],
)
def test_running_text_after_a_colon(typed: str, printed: str) -> None:
    assert a.running(typed) == printed


def test_addresses_names_and_purposes() -> None:
    assert a.at_address("12 rue des Salines") == "au 12 rue des Salines"
    assert a.at_address("Maison des associations") == "à Maison des associations"
    assert a.at_address("Place de l’Hôtel de Ville") == "place de l’Hôtel de Ville"
    assert a.at_address("Lieu-dit Les Granges") == "lieu-dit Les Granges"
    assert a.on_account_of("au titre du fonctionnement") == "au titre du fonctionnement"
    assert a.on_account_of("l’interprétariat") == "au titre de l’interprétariat"
    assert a.on_account_of("la coordination") == "au titre de la coordination"
    # Typed as a form's title (« au titre de Financement… »), a common noun is lowered;
    # a name keeps its capitals.
    assert a.on_account_of("Financement des interventions") == (
        "au titre de financement des interventions"
    )
    assert a.on_account_of("Mise à disposition des locaux") == (
        "au titre de mise à disposition des locaux"
    )
    assert a.on_account_of("Projet Alpha") == "au titre de Projet Alpha"
    assert a.named("Réseau Santé") == f"Le «{NBSP}Réseau Santé{NBSP}»"
    assert a.named("Plateforme Répit") == f"La «{NBSP}Plateforme Répit{NBSP}»"
    assert a.named("Entraide 25") == f"Le réseau «{NBSP}Entraide 25{NBSP}»"


@pytest.mark.parametrize(
    ("name", "in_text", "of_it"),
    [
        ("Association Les Tilleuls", "l’Association Les Tilleuls", "de l’Association Les Tilleuls"),
        (
            "Centre communal d’action sociale de Lyon",
            "le Centre communal d’action sociale de Lyon",
            "du Centre communal d’action sociale de Lyon",
        ),
        ("Commune de Bondy", "la Commune de Bondy", "de la Commune de Bondy"),
        ("Département du Jura", "le Département du Jura", "du Département du Jura"),
        ("Hôpital local de Morez", "l’Hôpital local de Morez", "de l’Hôpital local de Morez"),
        ("association Entraide", "l’association Entraide", "de l’association Entraide"),
        ("CCAS de Lyon", "le CCAS de Lyon", "du CCAS de Lyon"),
        ("EHPAD Les Tilleuls", "l’EHPAD Les Tilleuls", "de l’EHPAD Les Tilleuls"),
        ("Ehpad Les Tilleuls", "l’Ehpad Les Tilleuls", "de l’Ehpad Les Tilleuls"),
        ("EPSM-EF", "l’EPSM-EF", "de l’EPSM-EF"),
        ("MAS Les Oliviers", "la MAS Les Oliviers", "de la MAS Les Oliviers"),
        # Accents and « œ » as typed without them, compounds, capitalised acronyms.
        ("Hopital local de Morez", "l’Hopital local de Morez", "de l’Hopital local de Morez"),
        ("OEUVRE FALRET", "l’OEUVRE FALRET", "de l’OEUVRE FALRET"),
        ("Œuvre Falret", "l’Œuvre Falret", "de l’Œuvre Falret"),
        ("Maison-relais Les Lilas", "la Maison-relais Les Lilas", "de la Maison-relais Les Lilas"),
        ("Adapei de la Loire", "l’Adapei de la Loire", "de l’Adapei de la Loire"),
        ("Mission locale du Jura", "la Mission locale du Jura", "de la Mission locale du Jura"),
        ("Université Lyon 2", "l’Université Lyon 2", "de l’Université Lyon 2"),
        ("Pôle emploi Lyon", "Pôle emploi Lyon", "de Pôle emploi Lyon"),
        # Proper names, and names that already carry their article: as typed.
        ("Mas des Oliviers", "Mas des Oliviers", "de Mas des Oliviers"),
        ("Emmaüs Connect", "Emmaüs Connect", "d’Emmaüs Connect"),
        ("Monsieur Thibaut Cuenin", "Monsieur Thibaut Cuenin", "de Monsieur Thibaut Cuenin"),
        ("La Sauvegarde du Nord", "La Sauvegarde du Nord", "de la Sauvegarde du Nord"),
        ("L’Escale", "L’Escale", "de L’Escale"),
        (
            "Ars-sur-Moselle Solidarité",
            "Ars-sur-Moselle Solidarité",
            "d’Ars-sur-Moselle Solidarité",
        ),
    ],
)
def test_a_name_without_appellation_takes_the_article_of_its_first_noun(
    name: str, in_text: str, of_it: str
) -> None:
    assert with_article(name) == in_text
    assert a.of(with_article(name)) == of_it


def test_an_organisation_is_named_by_its_appellation_else_with_an_article() -> None:
    data = read_input(ROOT / "exemples" / "chrs-csapa-addictions.yaml").data
    party = dict(data["parties"][1])  # the CSAPA: appellation « le CSAPA », acronym RAPS
    assert Partie.model_validate(party).short_name == "le CSAPA"
    party.pop("appellation")
    # An acronym the table does not know takes the article of its name's noun.
    assert Partie.model_validate(party).short_name == "la RAPS"
    party.pop("sigle")
    assert (
        Partie.model_validate(party).short_name == "l’Association Rhône Addictions Prévention Soins"
    )
    # An acronym of a name that opens with its article takes that article's gender.
    party.update(denomination="La Maison des adolescents du Rhône", sigle="MDA")
    assert Partie.model_validate(party).short_name == "la MDA"


_WRONG = re.compile(r"^(de|à) (le|les) |^de [aeiouyéèêàâîôû]", re.IGNORECASE)
_KEYS = sorted(LABELS, key=lambda k: (k[0].__name__, k[1]))


@pytest.mark.parametrize("key", _KEYS, ids=[f"{k[0].__name__}.{k[1]}" for k in _KEYS])
def test_every_label_contracts_and_elides(key: tuple[type, str]) -> None:
    label = LABELS[key]
    for joined in (a.of(label), a.to(label), a.of(label.lower()), a.to(label.lower())):
        assert not _WRONG.search(joined), joined


@pytest.mark.parametrize("power", list(gc.CompetenceAg))
def test_every_power_has_its_article(power: gc.CompetenceAg) -> None:
    printed = power_with_article(power)
    assert re.match(r"(le |la |les |l’)\w", printed), printed
    assert not re.match(r"l[ae] [aeiouéèêh]", printed), printed


def test_a_plural_name_takes_a_plural_verb() -> None:
    env = make_environment()
    template = env.from_string(
        "{{ n }} {{ n|verbe('verse', 'versent') }} ; {{ p|verbe('a', 'ont') }}"
    )
    printed = template.render(n="Les Petits Frères des Pauvres", p="le Relais")
    assert printed == "Les Petits Frères des Pauvres versent ; a"
    assert a.verb("les\u00a0Restos du Cœur", "s’engage", "s’engagent") == "s’engagent"
    assert a.verb("Lesbos Solidarité", "s’engage", "s’engagent") == "s’engage"


def test_filters_reach_templates_through_the_sandbox() -> None:
    env = make_environment()
    template = env.from_string(
        "limite {{ 1|compte('reconduction', true)|de }} ; prises {{ m|a }} ; "
        "fixé {{ v|adresse_au }} ; {{ o|au_titre_de }} ; {{ n|le_nom }} ; : {{ t|suite }} ; "
        "soumis{{ '' }} {{ 'soumis'|accord(true) }}"
    )
    printed = template.render(
        m="le tiers des voix",
        v="12 rue des Salines",
        o="au titre du projet",
        n="Réseau R",
        t="Un questionnaire",
    )
    assert printed == (
        f"limite d’une (1){NBSP}reconduction ; prises au tiers des voix ; fixé au 12 rue "
        f"des Salines ; au titre du projet ; Le «{NBSP}Réseau R{NBSP}» ; : un questionnaire ; "
        "soumis soumise"
    )


def test_a_natural_person_party_agrees_with_its_civility() -> None:
    """« ci-après dénommée « Madame Garnier » »: a person, not her legal form."""
    data = read_input(
        ROOT / "tests" / "golden" / "entrees" / "convention-personne-physique.yaml"
    ).data
    text = docx_text(render(data)).replace(NBSP, " ")
    assert "ci-après dénommée « Madame Garnier »" in text
    person = next(p for p in data["parties"] if p["nature"] == "personne_physique")
    person["representant_legal"]["civilite"] = "Monsieur"
    person["appellation"] = "Monsieur Garnier"
    text = docx_text(render(data)).replace(NBSP, " ")
    assert "ci-après dénommé « Monsieur Garnier »" in text


def test_a_name_that_already_starts_with_a_keeps_it() -> None:
    assert a.to("à la majorité des deux tiers") == "à la majorité des deux tiers"
    assert a.to("Au Petit Bonheur") == "à Au Petit Bonheur"  # a name takes its « à »
    assert a.to("au tiers des voix") == "au tiers des voix"
    assert a.to("Aurillac") == "à Aurillac"


@pytest.mark.parametrize(
    ("nature", "feminine"),
    [
        ("délégation de signature", True),
        ("subdélégation", True),
        ("procuration", True),
        ("décision de délégation", True),
        ("pouvoir spécial", False),
        ("mandat", False),
        ("arrêté de délégation", False),
        ("« pouvoir » du président", False),
        ("délégations de signature", True),
        ("pouvoirs", False),
        ("loi du 1er juillet 1901", True),
        ("fiche de poste", True),
        ("clause des statuts", True),
        ("comité de direction", False),
        ("règlement intérieur", False),
    ],
)
def test_the_gender_of_a_delegation_nature(nature: str, feminine: bool) -> None:
    assert a.feminine_noun(nature) is feminine


def test_an_unknown_acronym_takes_the_gender_of_the_name_it_stands_for() -> None:
    assert with_article("ANPAA", feminine=True) == "l’ANPAA"
    assert with_article("CNSA", feminine=True) == "la CNSA"
    assert with_article("GRETA", feminine=False) == "le GRETA"
    assert with_article("Emmaüs Connect", feminine=True) == "Emmaüs Connect"  # not an acronym


@pytest.mark.parametrize(
    ("name", "named"),
    [
        ("Centre social Les Lilas", "le Centre social Les Lilas"),  # by its first noun
        ("Le Foyer des Jeunes Travailleurs", "Le Foyer des Jeunes Travailleurs"),  # article
    ],
)
def test_the_words_that_agree_with_a_party_take_the_gender_of_its_name(
    name: str, named: str
) -> None:
    """An association named « Centre social… » or « Le Foyer… »: « immatriculé »,
    « dénommé », not the association's feminine."""
    data = read_input(ROOT / "exemples" / "chrs-csapa-addictions.yaml").data
    party = data["parties"][1]
    party["denomination"] = name
    for key in ("appellation", "sigle"):
        party.pop(key)
    text = docx_text(render(data)).replace("\u00a0", " ")
    assert f"ci-après dénommé « {named} »" in text
    assert f"{name}, association régie par la loi du 1er juillet 1901, immatriculé " in text


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("notice d’information remise à l’admission", "d’une notice d’information remise"),
        ("livret d'accueil", "d’un livret d’accueil"),
        ("le livret d’accueil", "du livret d’accueil"),
        ("des affiches dans le hall", "d’affiches dans le hall"),
        ("une lettre", "d’une lettre"),
    ],
)
def test_the_means_of_informing_people_takes_an_article(typed: str, printed: str) -> None:
    """« au moyen de notice d’information » when the director typed no article."""
    template = make_environment({}).from_string("au moyen {{ s|un|de }}")
    assert template.render(s=typed).startswith(f"au moyen {printed}")


@pytest.mark.parametrize(
    ("name", "with_article"),
    [
        ("Comité de pilotage", "le comité de pilotage"),
        ("assemblée des membres", "l’assemblée des membres"),
        ("haut comité du réseau", "le haut comité du réseau"),  # h aspiré
        ("COPIL", "le COPIL"),
    ],
)
def test_a_body_takes_its_article_and_elision(name: str, with_article: str) -> None:
    assert a.the_body(name) == with_article


@pytest.mark.parametrize(
    ("article", "word", "expected"),
    [
        ("de", "huit (8) jours", "de huit (8) jours"),
        ("de", "onze (11) jours", "de onze (11) jours"),
        ("le", "onze", "le onze"),
        ("de", "un (1) an", "d’un (1) an"),
        ("de", "une (1) heure", "d’une (1) heure"),
    ],
)
def test_numerals_take_elision_as_french_does(article: str, word: str, expected: str) -> None:
    assert a.elide(article, word) == expected


def test_a_notice_of_one_year_reads_d_un_an() -> None:
    """« un préavis de un (1) an », « un délai de un (1) jour », « de une (1) heure »."""
    data = read_input(ROOT / "exemples" / "chrs-csapa-addictions.yaml").data
    data["resiliation"] = {**data["resiliation"], "preavis_mois": 12}
    data["resiliation"].pop("preavis_jours", None)
    data["litiges"]["delai_amiable_jours"] = 1
    data["partage_information"]["rgpd"]["violation"]["delai_information_heures"] = 1
    text = docx_text(render(data)).replace(NBSP, " ")
    assert "moyennant un préavis d’un (1) an," in text
    assert "dans un délai d’un (1) jour à compter" in text
    assert "dans un délai d’une (1) heure au plus" in text
    assert not re.search(r"\bde une? \(1\)", text)


def test_consent_collected_is_not_said_twice_and_its_record_is_named() -> None:
    """« recueilli préalablement au partage, recueilli par écrit… », « ; dossier de
    l'usager ; » without a word on what it is."""
    data = read_input(ROOT / "exemples" / "chrs-csapa-addictions.yaml").data
    flow = next(f for f in data["partage_information"]["flux"] if f.get("consentement"))
    flow["consentement"] = {
        "modalite": "recueilli par écrit lors de l'admission",
        "tracabilite": "dossier de l'usager",
    }
    text = docx_text(render(data)).replace(NBSP, " ").replace("\u202f", " ")
    assert (
        "consentement : recueilli préalablement au partage, par écrit lors de l’admission ; "
        "traçabilité : dossier de l’usager ;" in text
    )


@pytest.mark.parametrize(
    ("purpose", "printed"),
    [
        ("des interventions de l'équipe mobile", "au titre des interventions de l'équipe mobile"),
        ("du fonctionnement du service", "au titre du fonctionnement du service"),
        ("de la coordination", "au titre de la coordination"),
        ("la participation au poste", "au titre de la participation au poste"),
        ("les frais de déplacement", "au titre des frais de déplacement"),
        ("au titre du loyer", "au titre du loyer"),
        ("d'actions de prévention", "au titre d'actions de prévention"),
        ("de frais de transport", "au titre de frais de transport"),
        ("Des interventions de nuit", "au titre des interventions de nuit"),
    ],
)
def test_a_payment_s_purpose_follows_au_titre_de_as_it_was_meant(
    purpose: str, printed: str
) -> None:
    assert a.on_account_of(purpose) == printed


@pytest.mark.parametrize(
    ("typed", "item"),
    [
        ("Participer aux réunions du comité", "participer aux réunions du comité"),
        ("Se prononcer sur les adhésions", "se prononcer sur les adhésions"),
        ("S’assurer de la mise à jour", "s’assurer de la mise à jour"),
        ("orienter les personnes", "orienter les personnes"),
        ("France Alzheimer anime les cafés", "France Alzheimer anime les cafés"),
        ("CCAS : accueil", "CCAS : accueil"),
        ("Centre de ressources à créer", "Centre de ressources à créer"),
        ("Pierre Martin coordonne", "Pierre Martin coordonne"),
        # Names of that shape (the reviewer's): an infinitive opens a phrase, not a name.
        ("Olivier Martin anime les réunions", "Olivier Martin anime les réunions"),
        ("Isère Habitat met à disposition", "Isère Habitat met à disposition"),
        ("Roger anime les réunions", "Roger anime les réunions"),
        ("Orienter vers les autres membres", "orienter vers les autres membres"),
        ("Participer activement aux réunions", "participer activement aux réunions"),
    ],
)
def test_a_list_item_after_its_lead_in_lowers_an_infinitive(typed: str, item: str) -> None:
    """« s'engage à : - participer… » (the director's « - Participer… ; - orienter… »)."""
    from convgen.wording.formatting import list_element  # noqa: PLC0415

    assert list_element(typed) == item


@pytest.mark.parametrize(
    ("typed", "items"),
    [
        (
            "Définir le programme d'actions annuel\nse prononcer sur les adhésions.\n",
            ["définir le programme d'actions annuel", "se prononcer sur les adhésions"],
        ),
        ("- préparer les rencontres ;\n\n2) Tenir le cahier", ["préparer les rencontres",
                                                             "tenir le cahier"]),
        ("organiser les réunions etc.", ["organiser les réunions etc."]),
        # Prose stays paragraphs: a sentence inside a line, or a line that opens on a noun.
        ("Le comité fixe les orientations. Il valide le rapport.", []),
        ("Olivier Martin, médecin coordonnateur, anime les réunions.", []),
        ("Montpellier Méditerranée Métropole assure le secrétariat du réseau.", []),
        ("Définir le programme\nLe comité valide le rapport", []),
        ("", []),
    ],
)  # fmt: skip
def test_a_text_typed_one_item_per_line_is_a_list_unless_prose(
    typed: str, items: list[str]
) -> None:
    from convgen.wording.formatting import list_elements  # noqa: PLC0415

    assert list_elements(typed) == items


def test_a_shared_tool_keeps_its_article_or_is_named_as_a_tool() -> None:
    """« Le Centre hospitalier tient fiche de liaison domicile-hôpital » lacked its
    article, which convgen cannot tell (« le fiche »): a bare name is quoted after
    « l'outil »; a name typed with its article is kept."""
    from convgen.documents.context.charte_reseau import _tool  # noqa: PLC0415

    assert _tool("fiche de liaison domicile-hôpital") == (
        f"l’outil «{NBSP}fiche de liaison domicile-hôpital{NBSP}»"
    )
    assert _tool("l'annuaire des membres") == "l'annuaire des membres"
    assert _tool("Les fiches navettes") == "Les fiches navettes"
    assert _tool("Lecteur partagé") == f"l’outil «{NBSP}Lecteur partagé{NBSP}»"


@pytest.mark.parametrize(
    ("manager", "framed"),
    [
        # An association known by its EJ only may run a health centre: not enough.
        ({"finess_ej": "340023456"}, False),
        ({"finess_ej": "340023456", "finess_et": "340004563"}, True),  # its CHRS
        (  # a public EHPAD, represented by its director
            {
                "forme_juridique": "etablissement_public_social_medico_social",
                "nature": "public",
                "representant_legal": {
                    "civilite": "Madame",
                    "prenom": "Anne",
                    "nom": "Vidal",
                    "qualite": "directrice",
                },
            },
            True,
        ),
        ({"forme_juridique": "societe", "finess_ej": "340023456"}, False),  # a clinic?
        ({}, False),
    ],
)
def test_the_texts_on_essms_frame_a_network_of_their_managers(
    manager: dict[str, str], framed: bool
) -> None:
    """A gerontological network of a SAAD's association and a public EHPAD cited only
    « l'article 226-13 du code pénal »: its members gave no FINESS établissement number."""
    from conftest import example  # noqa: PLC0415

    data = example("charte-reseau-sante-precarite")
    for member in data["membres"]:
        member.pop("finess_et", None)
        if member["forme_juridique"] != "etablissement_public_sante":
            member.pop("finess_ej", None)
    association = next(m for m in data["membres"] if m["forme_juridique"] == "association")
    association.update(manager)
    text = docx_text(render(data))
    assert ("la loi n° 2002-2 du 2 janvier 2002" in text.replace(NBSP, " ")) == framed
