"""Messages written for the YAML file, as the atelier's pages show them: the question's
label instead of the key, the page's button instead of the command-line option; and
nothing else touched (the user's own words, values, YAML written out)."""

from __future__ import annotations

import pytest

from convgen.app.wording import for_the_page
from convgen.schema.document import MODELS

CONVENTION = MODELS["convention_partenariat"]
GCSMS = MODELS["convention_constitutive_gcsms"]


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        (
            "retirez la mention d'opposition (droit_opposition: false).",
            "retirez la mention d'opposition (« Droit d’opposition » : non).",
        ),
        (
            "précisez-la (qualification_contrat, motif_qualification).",
            "précisez-la (« Qualification du contrat », « Motif de la qualification »).",
        ),
        ("renseignez duree_annees.", "renseignez « Durée en années »."),
        ("anonymisée (nominative: false).", "anonymisée (« Nominative » : non)."),
        (
            "indiquez son délégué (partage_information.rgpd.delegues).",
            "indiquez son délégué (« Partage d’informations › RGPD › Délégués à la protection "
            "des données »).",
        ),
        (
            "Définissez l'exercice du groupement par son premier mois "
            "(exercice.debut_mois), janvier (1) pour l'année civile",
            "Définissez l'exercice du groupement par son premier mois "
            "(« Exercice › Premier mois de l’exercice »), janvier (1) pour l'année civile",
        ),
        (
            "Préambule à compléter avant la version définitive (ou générez un projet avec "
            "--brouillon).",
            "Préambule à compléter avant la version définitive (ou téléchargez le projet).",
        ),
    ],
)
def test_keys_and_options_become_what_the_page_shows(written: str, shown: str) -> None:
    assert for_the_page(written, GCSMS, "duree") == shown


def test_a_path_with_the_fields_asked_there_is_named_as_the_form_names_them() -> None:
    written = "indiquez-la (partage_information.rgpd.information : par, support, moment)."
    assert for_the_page(written, CONVENTION, "partage_information.rgpd") == (
        "indiquez-la (« Partage d’informations › RGPD › Information des personnes » : "
        "« Par », « Support », « Moment »)."
    )


@pytest.mark.parametrize(
    "message",
    [
        # the user's own words, quoted: « coordination » is also a field
        "Le flux « Réunion mensuelle (coordination) » vers le CSAPA est déclaré …",
        "« duree_annees » attend un nombre entier",
        # values, some of which are also keys: a list left whole
        "valeurs possibles : conseil_municipal, conseil_administration, assemblee_generale",
        # YAML written out, or a key with a value other than yes / no
        "indiquez le premier mois (exercice: {debut_mois: 1})",
        "(retirez nom, mode_nomination: arrete)",
        "(duree, unite, point_depart)",  # reworded whole or not at all
        # plain words and references
        "le Département (CD 93) signe pour l'ASE (article L. 221-1).",
        "indiquez la ville du tribunal administratif (ressort).",
        "« nom_inconnu » n'est pas une rubrique de ce document",
    ],
)
def test_what_is_not_plainly_a_key_is_shown_as_written(message: str) -> None:
    assert for_the_page(message, CONVENTION, "partage_information.flux[1]") == message


@pytest.mark.parametrize(
    ("written", "path", "shown"),
    [
        (
            "désignez-le (mode_designation: election_ag).",
            "administrateur.suppleant.mode_designation",
            "désignez-le (« Mode de désignation » : « élection par l’assemblée générale »).",
        ),
        # A field of another group than the message's (a third party's role), and a code.
        (
            "la qualification attendue (role: sous_traitant, pour_le_compte_de: ccas).",
            "partage_information.tiers[0]",
            "la qualification attendue (« Rôle » : « sous-traitant », « Pour le compte de » : "
            "« ccas »).",
        ),
        # A code of a required field (its type is read with its metadata).
        (
            "(emetteur: ccas)",
            "partage_information.flux[1]",
            "(« Émetteur » : « ccas »)",
        ),
        # A value the choice does not offer: the parenthesis is left whole.
        (
            "désignez-le (mode_designation: par_tirage).",
            "administrateur.suppleant.mode_designation",
            "désignez-le (mode_designation: par_tirage).",
        ),
    ],
)
def test_a_key_with_a_value_reads_as_the_page_offers_it(
    written: str, path: str, shown: str
) -> None:
    model = CONVENTION if path.startswith("partage") else GCSMS
    assert for_the_page(written, model, path) == shown


def test_a_quoted_date_reads_as_the_director_typed_it() -> None:
    """« 31/02/2027 » typed on the page was echoed « 2027-02-31 », the file's form."""
    model = MODELS["convention_partenariat"]
    shown = for_the_page(
        "date impossible « 2027-02-31 » : ce mois ou ce jour n'existe pas",
        model,
        "duree.date_effet",
    )
    assert shown == "date impossible « 31/02/2027 » : ce mois ou ce jour n'existe pas"
    # Other quoted text, a reference with dashes included, is the user's own: kept.
    kept = "Le texte « réf. 2026-07-12-A » cite « 2026-07 »."
    assert for_the_page(kept, model, "titre") == kept
    typed = "Le texte « 2027-02-31 » contient une date saisie librement."  # the user's own
    assert for_the_page(typed, model, "objet") == typed
