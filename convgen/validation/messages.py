"""French messages for schema errors: one table keyed by pydantic error type.

This is pydantic's documented recipe for custom messages; the error types of
our own field validators (:mod:`convgen.schema.base`) are in the same table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from convgen.errors import DataPath, Problem
from convgen.loading import RawInput
from convgen.schema.commun import Frequence
from convgen.schema.introspection import allowed_values, annotation_at, field_names
from convgen.wording.formatting import did_you_mean

MESSAGES: dict[str, str] = {
    "missing": "champ obligatoire manquant{suggestion}",
    "extra_forbidden": "champ inconnu{suggestion}",
    "string_type": "texte attendu{suggestion}",
    "texte_attendu": "texte attendu{suggestion}",
    "identifiant_nombre": (
        "écrivez cette valeur entre guillemets ({quoted}) : sans guillemets, YAML la lit "
        "comme un nombre{zeros}"
    ),
    "caractere_interdit": (
        "caractère de contrôle {caractere} interdit (position {position}) : il ne peut pas "
        "figurer dans un document Word"
    ),
    "controle_bidirectionnel": (
        "caractère invisible {caractere} interdit (position {position}) : il force le sens "
        "d'affichage, et le texte ne se lirait pas dans l'ordre où il est écrit ; supprimez-le"
    ),
    "tabulation": "tabulation interdite : remplacez-la par des espaces",
    "texte_multiligne": ("texte sur une seule ligne attendu : supprimez le retour à la ligne"),
    "texte_vide": "texte vide : renseignez une valeur ou supprimez le champ",
    "visa_vide": (
        "visa vide : écrivez le texte visé, sans « Vu » (par exemple « la loi n° 2002-2 du "
        "2 janvier 2002 »)"
    ),
    "texte_trop_long": "texte trop long ({max} caractères au plus)",
    "code_invalide": (
        "code « {valeur} » invalide : lettres minuscules sans accent, chiffres et « _ », "
        "en commençant par une lettre (par exemple « chrs_escale »)"
    ),
    "organe_manquant": (
        "organe manquant : choisissez-le dans « organe_code » (conseil_municipal, "
        "conseil_administration, assemblee_generale…) ou écrivez-le, avec son article, dans "
        "« organe »"
    ),
    "date_heure": "date sans heure attendue, au format AAAA-MM-JJ",
    "date_impossible": "date impossible « {valeur} » : ce mois ou ce jour n'existe pas",
    "date_invalide": (
        "date invalide « {valeur} » : format attendu AAAA-MM-JJ, par exemple 2026-03-01"
    ),
    "booleen_invalide": "« {valeur} » : true ou false attendu (oui ou non accepté)",
    "bool_type": "true ou false attendu (oui ou non accepté)",
    "montant_invalide": "montant invalide « {valeur} » : écrivez par exemple 12 500,50",
    "montant_negatif": "un montant ne peut pas être négatif",
    "montant_nul": (
        "somme de 0 € : indiquez le montant, ou supprimez la ligne si rien n'est versé ni apporté"
    ),
    "montant_trop_grand": "montant trop grand (mille milliards d'euros au plus)",
    "montant_centimes": "montant au centime près attendu (deux décimales au plus)",
    "entier_attendu": "nombre entier attendu, « {valeur} » trouvé",
    "entier_negatif": "nombre positif ou nul attendu",
    "entier_nul": "nombre supérieur à zéro attendu",
    "entier_trop_grand": "nombre trop grand ({limite} au plus)",
    "date_hors_limites": "date hors des limites admises ({debut} à {fin}) : vérifiez l'année",
    "int_type": "nombre entier attendu",
    "int_parsing": "nombre entier attendu",
    "int_from_float": "nombre entier attendu (sans décimales)",
    "decimal_parsing": "nombre attendu (par exemple 2.5)",
    "decimal_type": "nombre attendu (par exemple 2.5)",
    "float_parsing": "nombre attendu (par exemple 2.5)",
    "finite_number": "nombre fini attendu",
    "greater_than_equal": "valeur trop petite (minimum {ge})",
    "less_than_equal": "valeur trop grande (maximum {le})",
    "enum": "valeur « {valeur} » non reconnue{suggestion} ; valeurs possibles : {expected}",
    "literal_error": "valeur « {valeur} » non reconnue{suggestion} ; valeur attendue : {expected}",
    "list_type": "liste attendue (chaque élément sur une ligne commençant par « - »)",
    "model_type": "ensemble de champs « clé: valeur » attendu",
    "model_attributes_type": "ensemble de champs « clé: valeur » attendu",
    "dict_type": "ensemble de champs « clé: valeur » attendu",
    "too_short": "au moins {min_length} élément(s) attendu(s)",
    "too_long": "au plus {max_length} élément(s) attendu(s)",
}

# Enumerations whose errors are a domain rule of their own.
RULE_OF_ENUM: dict[type, str] = {Frequence: "EV-01"}


def translate(
    errors: Sequence[ErrorDetails], raw: RawInput, root: type[BaseModel]
) -> list[Problem]:
    """French, located problems for pydantic's errors, in file order."""
    problems = [_problem(error, raw, root) for error in errors]
    return sorted(problems, key=lambda p: (p.line or 0, p.path))


def _problem(error: ErrorDetails, raw: RawInput, root: type[BaseModel]) -> Problem:
    loc: DataPath = tuple(error["loc"])
    kind = error["type"]
    values = _placeholders(error, loc, raw, root)
    template = MESSAGES.get(kind)
    message = template.format(**values) if template else f"valeur refusée ({error['msg']})"
    annotation = annotation_at(root, loc)
    rule = RULE_OF_ENUM.get(annotation) if kind == "enum" else None
    return Problem(
        message, source=raw.source, line=raw.line_of(loc), path=format_path(loc), rule=rule
    )


def _placeholders(
    error: ErrorDetails, loc: DataPath, raw: RawInput, root: type[BaseModel]
) -> dict[str, Any]:
    values: dict[str, Any] = {str(k): v for k, v in (error.get("ctx") or {}).items()}
    given = error.get("input")
    values.setdefault("valeur", given)
    kind = error["type"]
    values.setdefault("suggestion", "")
    if kind == "extra_forbidden":
        name = str(loc[-1])
        if given is None and (" " in name or name.isdigit()):
            # {voie: 12 bis, rue de l'Église} or {montant: 2500,50}: a comma split the value.
            values["suggestion"] = _COMMA
        else:
            values["suggestion"] = _suggest(name, field_names(root, loc[:-1]))
    elif kind in ("string_type", "texte_attendu") and isinstance(given, dict):
        at = raw.positions.get(loc)
        braces = (raw.source_text(loc) or "").lstrip().startswith("{")
        if len(given) == 1 and at is not None and at.value_line == at.line and not braces:
            # « - orientation : remettre les coordonnées » is read as a field and its value.
            values["suggestion"] = _COLON
        elif loc and isinstance(loc[-1], int):  # a list item made of sub-fields
            values["suggestion"] = _NO_FIELDS_ITEM
        else:  # sub-fields, on the lines below or between braces
            values["suggestion"] = _NO_FIELDS.format(name=loc[-1] if loc else "")
    elif kind == "missing":
        values["suggestion"] = _group_to_fill(root, loc)
    elif kind in ("enum", "literal_error"):
        allowed = allowed_values(annotation_at(root, loc))
        values["expected"] = ", ".join(allowed)
        values["suggestion"] = _suggest(str(given), allowed, _SAID_AS.get(str(given).lower()))
    elif kind == "identifiant_nombre":
        written = raw.source_text(loc) or str(given)
        values["quoted"] = f'"{written.strip(chr(34))}"'
        values["zeros"] = (
            f" et supprime le zéro initial ({written} devient {given})"
            if written.startswith("0") and written != str(given)
            else ""
        )
    return values


# Everyday words for a value, which spelling alone would match to the wrong one
# (« courriel » is close to « courrier », a letter by post).
_SAID_AS = {
    word: value
    for value, words in {
        "messagerie_ordinaire": ("courriel", "mail", "email", "e-mail", "mel", "mél"),
        "courrier": ("lettre", "poste", "courrier postal"),
        "telephone": ("tél", "tel", "appel", "téléphonique"),
    }.items()
    for word in words
}


_COMMA = (
    " ; entre accolades { }, une virgule sépare deux champs : une valeur qui contient une "
    "virgule s'écrit entre guillemets (« \"12 bis, rue de l'Église\" », « 2500.50 »)"
)
_NO_FIELDS = (
    " ; ce champ prend un texte, pas des sous-champs : écrivez le texte lui-même à la "
    "suite de « {name}: » (sur plusieurs lignes : « {name}: | » puis le texte en retrait)"
)
_NO_FIELDS_ITEM = (
    " ; chaque élément de cette liste est un texte, pas des sous-champs : « - le texte » "
    "(entre guillemets s'il contient « : »)"
)
_COLON = ' ; une ligne qui contient « : » s\'écrit entre guillemets (« - "objet : détail" »)'


def _group_to_fill(root: type[BaseModel], loc: DataPath) -> str:
    """A missing group (« litiges »), with the fields it asks for: « champ obligatoire
    manquant » alone did not say what to fill in (the atelier names them by their labels)."""
    model = annotation_at(root, loc)
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return ""
    required = [name for name, info in model.model_fields.items() if info.is_required()]
    if not required:
        return ""
    return ", à remplir : " + ", ".join(f"({format_path((*loc, name))})" for name in required)


def _suggest(given: str, candidates: Sequence[str], meant: str | None = None) -> str:
    if meant in candidates:
        return f" ; vouliez-vous dire « {meant} » ?"
    return did_you_mean(given, candidates)


def data_path(printed: str) -> DataPath:
    """``parties[1].siret`` -> ``('parties', 0, 'siret')``: the inverse of format_path."""
    return tuple(name or int(index) - 1 for name, index in _STEP.findall(printed))


_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def within(path: str, group: str) -> bool:
    """Whether the printed ``path`` is ``group`` or lies inside it (``flux[1].canal`` is
    within ``flux[1]`` and ``flux``, not within ``flux[10]``)."""
    return path == group or path.startswith((f"{group}.", f"{group}["))


def format_path(loc: Sequence[str | int]) -> str:
    """``('parties', 0, 'siret')`` -> ``parties[1].siret`` (lists counted from 1)."""
    text = ""
    for step in loc:
        if isinstance(step, int):
            text += f"[{step + 1}]"
        else:
            text += f".{step}" if text else str(step)
    return text
