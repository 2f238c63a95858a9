"""Messages written for the command line, worded for the questionnaire's pages.

Rule and validation messages name YAML keys for the person who edits the file
(« indiquez le ressort (ressort) », « retirez la mention (droit_opposition: false) »,
« générez un projet avec --brouillon »). A director in the atelier sees the question's
label instead, and the page rather than the option: the message says the same thing.
"""

from __future__ import annotations

import re

from convgen.schema.descriptions import FIELDS

_COMMAND_LINE = (("(ou générez un projet avec --brouillon)", "(ou téléchargez le projet)"),)

# A YAML path (« partage_information.rgpd.delegues ») with, maybe, its value
# (« droit_opposition: false »): what a message puts between parentheses for the file.
_ITEM = re.compile(r"([a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*)(?:\s*:\s*(\S[^,]*))?")
_BRACKETS = re.compile(r"\(([^()]+)\)")
# A key in running text, not inside guillemets (« duree_annees » is quoted as typed).
_SNAKE = re.compile(r"(?<![\w.«])(?<!«\s)([a-z][a-z0-9]*(?:_[a-z0-9]+)+)(?![\w»]|\.\w|\s»)")
_VALUES = {"true": "oui", "false": "non"}


def for_the_page(message: str) -> str:
    """``message`` with the YAML keys it names replaced by their questions' labels
    (« Article des statuts »), and the command-line option by the page's button; a
    message naming nothing of the file is returned as it is."""
    for typed, shown in _COMMAND_LINE:
        message = message.replace(typed, shown)
    message = _BRACKETS.sub(_bracketed, message)
    return _SNAKE.sub(lambda match: _label(match[1]) or match[0], message)


def _bracketed(match: re.Match[str]) -> str:
    """« (qualification_contrat, motif_qualification) » -> « (« Qualification… », « Motif… ») »;
    anything else between parentheses is left alone."""
    shown = []
    for item in match[1].split(", "):
        found = _ITEM.fullmatch(item.strip())
        if found is None:
            return match[0]
        label = _label(found[1].rsplit(".", 1)[-1])
        if label is None:
            return match[0]
        value = found[2]
        shown.append(f"{label} : {_VALUES.get(value, value)}" if value else label)
    return f"({', '.join(shown)})"


def _label(name: str) -> str | None:
    """« Label » of a field, if ``name`` is one (a word with an underscore, or a key of
    the descriptions)."""
    described = FIELDS.get(name)
    return f"« {described[0]} »" if described is not None else None
