"""French wording of click's own messages (usage, help, errors).

click translates its messages through ``gettext``, whose catalogue depends on
the system language and on compiled ``.mo`` files; binding click's ``_`` and
``ngettext`` to this table gives French messages everywhere, whatever the locale.
"""

from __future__ import annotations

import importlib
from typing import Any

import click
import click.types

CLICK_MODULES = (
    "core",
    "decorators",
    "exceptions",
    "formatting",
    "parser",
    "termui",
    "types",
    "utils",
)

MESSAGES: dict[str, str] = {
    "Usage:": "Utilisation :",
    # click writes « {heading}: »; French puts a space before the colon.
    "Options": "Options ",
    "Commands": "Commandes ",
    "Positional arguments": "Arguments ",
    "Show this message and exit.": "Affiche cette aide et quitte.",
    "Show the version and exit.": "Affiche la version et quitte.",
    "Error: {message}": "Erreur : {message}",
    "Try '{command} {option}' for help.": "Essayez « {command} {option} » pour obtenir de l’aide.",
    "No such command {name!r}.": "Commande « {name} » inconnue.",
    "No such option {name!r}.": "Option « {name} » inconnue.",
    "Missing command.": "Commande manquante.",
    "Missing argument": "Argument manquant",
    "Missing option": "Option manquante",
    "Missing parameter": "Paramètre manquant",
    "Missing {param_type}": "Paramètre manquant ({param_type})",
    "Missing parameter: {param_name}": "Paramètre manquant : {param_name}",
    "Invalid value for {param_hint}: {message}": "Valeur invalide pour {param_hint} : {message}",
    "Invalid value: {message}": "Valeur invalide : {message}",
    "Got unexpected extra argument ({args})": "Argument en trop ({args})",
    "Got unexpected extra arguments ({args})": "Arguments en trop ({args})",
    "Option {name!r} requires an argument.": "L’option « {name} » attend une valeur.",
    "Option {name!r} requires {nargs} arguments.": "L’option « {name} » attend {nargs} valeurs.",
    "Option {name!r} does not take a value.": "L’option « {name} » ne prend pas de valeur.",
    "{value!r} is not {choice}.": "« {value} » n’est pas une valeur possible ({choice}).",
    "{value!r} is not one of {choices}.": "« {value} » n’est pas une valeur possible ({choices}).",
    "Choose from:\n\t{choices}": "Choisissez parmi :\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "« {value} » n’est pas un nombre valide.",
    "{value} is not in the range {range}.": "{value} n’est pas une valeur permise ({range}).",
    "file": "fichier",
    "directory": "dossier",
    "path": "chemin",
    "{name} {filename!r} does not exist.": "{name} « {filename} » introuvable.",
    "{name} {filename!r} is a directory.": "{name} « {filename} » : c’est un dossier.",
    "{name} {filename!r} is a file.": "{name} « {filename} » : c’est un fichier.",
    "{name} {filename!r} is not readable.": "{name} « {filename} » illisible.",
    "{name} {filename!r} is not writable.": "{name} « {filename} » non accessible en écriture.",
    "Could not open file {filename!r}: {message}": "Impossible d’ouvrir le fichier "
    "« {filename} » : {message}",
    "Aborted!": "Interrompu.",
    "Did you mean {possibility}?": "Vouliez-vous dire {possibility} ?",
    "(Did you mean one of: {possibilities}?)": "(Vouliez-vous dire : {possibilities} ?)",
    "default: {default}": "par défaut : {default}",
    "required": "obligatoire",
    "env var: {var}": "variable d’environnement : {var}",
    "deprecated": "obsolète",
    "(DEPRECATED)": "(OBSOLÈTE)",
    "%(prog)s, version %(version)s": "%(prog)s, version %(version)s",
}


def gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return gettext(singular if count == 1 else plural)


def install() -> None:
    """Bind click's translation functions to the French table, and give French quotes
    and ranges to the few messages click builds without them (idempotent)."""
    for name in CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
    click.Parameter.get_error_hint = _error_hint  # type: ignore[method-assign]
    click.Argument.get_error_hint = _argument_hint  # type: ignore[method-assign]
    click.Choice.get_invalid_choice_message = _invalid_choice  # type: ignore[method-assign]
    click.types._NumberRangeBase._describe_range = _describe_range  # type: ignore[method-assign]
    if hasattr(click.exceptions, "_format_possibilities"):  # click ≥ 8.2: '--forcer'
        click.exceptions._format_possibilities = _possibilities


def _error_hint(self: click.Parameter, ctx: click.Context | None) -> str:
    """« --jobs » / « -j » rather than '-j' / '--jobs'."""
    return " / ".join(f"« {name} »" for name in self.opts or [self.human_readable_name])


def _argument_hint(self: click.Argument, ctx: click.Context | None) -> str:
    return f"« {self.make_metavar(ctx) if ctx is not None else self.human_readable_name} »"


def _invalid_choice(self: click.Choice[Any], value: Any, ctx: click.Context | None) -> str:
    choices = ", ".join(f"« {choice} »" for choice in self.choices)
    return f"« {value} » n’est pas une valeur possible ({choices})."


def _possibilities(possibilities: list[str]) -> str:
    """« Vouliez-vous dire « --forcer » ? », the options in French quotes."""
    listed = ", ".join(f"« {possibility} »" for possibility in sorted(possibilities))
    return ngettext(
        "Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", len(possibilities)
    ).format(possibility=listed, possibilities=listed)


def _describe_range(self: click.types._NumberRangeBase[Any, Any]) -> str:
    """« 1 ou plus », « au plus 10 », « de 1 à 10 » rather than x>=1."""
    low = None if self.min is None else f"{self.min}{' exclu' if self.min_open else ''}"
    high = None if self.max is None else f"{self.max}{' exclu' if self.max_open else ''}"
    if high is None:
        return f"{low} ou plus"
    if low is None:
        return f"au plus {high}"
    return f"de {low} à {high}"
