"""French wording of click's own messages (usage, help, errors).

click translates its messages through ``gettext``, whose catalogue depends on
the system language and on compiled ``.mo`` files; binding click's ``_`` and
``ngettext`` to this table gives French messages everywhere, whatever the locale.
"""

from __future__ import annotations

import importlib

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
    "Options": "Options",
    "Commands": "Commandes",
    "Positional arguments": "Arguments",
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
    "{value} is not in the range {range}.": "{value} n’est pas dans l’intervalle {range}.",
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
    "(Did you mean one of: {possibilities}?)": "(Vouliez-vous dire l’une de ces options : "
    "{possibilities} ?)",
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
    """Bind click's translation functions to the French table (idempotent)."""
    for name in CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
