"""Messages written for the YAML file, as the atelier's pages show them: the question's
label instead of the key, the page's button instead of the command-line option."""

from __future__ import annotations

import pytest

from convgen.app.wording import for_the_page


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        (
            "indiquez la ville du tribunal administratif (ressort) : le tribunal compétent",
            "indiquez la ville du tribunal administratif (« Ressort ») : le tribunal compétent",
        ),
        (
            "retirez la mention d'opposition (droit_opposition: false).",
            "retirez la mention d'opposition (« Droit d’opposition » : non).",
        ),
        (
            "précisez-la (qualification_contrat, motif_qualification).",
            "précisez-la (« Qualification du contrat », « Motif de la qualification »).",
        ),
        (
            "son délégué (partage_information.rgpd.delegues) manque",
            "son délégué (« Délégués à la protection des données ») manque",
        ),
        ("renseignez duree_annees.", "renseignez « Durée en années »."),
        (
            "Préambule à compléter avant la version définitive (ou générez un projet avec "
            "--brouillon).",
            "Préambule à compléter avant la version définitive (ou téléchargez le projet).",
        ),
    ],
)
def test_keys_and_options_become_what_the_page_shows(written: str, shown: str) -> None:
    assert for_the_page(written) == shown


@pytest.mark.parametrize(
    "message",
    [
        "le Département (CD 93) signe pour l'ASE (article L. 221-1).",
        "conformément à l'article 8 de ses statuts (version du 3 mars 2024).",
        "« nom_inconnu » n'est pas une rubrique de ce document",
        "« duree_annees » attend un nombre entier",
    ],
)
def test_a_message_naming_no_key_is_shown_as_written(message: str) -> None:
    assert for_the_page(message) == message
