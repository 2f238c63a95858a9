"""The rule catalogue (``convgen regles``, docs/regles.md): every rule a message names.

Built from the registry itself, so that an id printed by ``valider``, ``generer`` or
``relire`` can always be looked up: its title, the documents it applies to, its legal
force, its severity, its source cited in full, an explanation in plain French and
the messages it prints (read from the rule's own check, values shown as « … »).
"""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import json
import re
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

from convgen import references
from convgen.documents.registry import DOCUMENT_TYPES
from convgen.errors import ConvgenError, Severity
from convgen.regles.base import RULES, Level, Rule
from convgen.regles.citations import citation, legal_force
from convgen.regles.explications import EXPLANATIONS, OPEN_QUESTIONS
from convgen.validation import validator  # noqa: F401 - registers every rule
from convgen.wording.formatting import long_date

FORMATS = ("texte", "md", "json")

SEVERITY = {
    Level.C: "erreur",
    Level.C_P: "erreur_ou_avertissement",
    Level.P: "avertissement",
    Level.NC: "avertissement",
}
APPLICATION = {
    "regle": "contrôlée sur les données saisies",
    "schema": "imposée par le format d'entrée (le champ n'accepte que des valeurs conformes)",
    "modele": "assurée par le modèle Word (texte imprimé d'office)",
    "autres_regles": "contrôlée sous l'identifiant des règles qui en portent les messages "
    "(voir l'explication)",
    "relecture": "laissée au relecteur : les données saisies ne permettent pas de la "
    "contrôler (voir la question ouverte)",
}
_DOCUMENT_NAMES = {
    "convention_partenariat": "convention de partenariat",
    "charte_reseau": "charte de réseau",
    "convention_constitutive_gcsms": "convention constitutive de GCSMS",
}


@dataclass(frozen=True)
class Entry:
    """One rule as the catalogue shows it; the field names are the JSON keys."""

    id: str
    titre: str
    documents: tuple[str, ...]
    niveau: str
    force: str
    gravite: str
    application: str
    source: str
    en_vigueur_au: str
    explication: str
    messages: tuple[str, ...]
    # Each message's severity when it differs from the rule's (« avertissement » under
    # a rule whose gravity is « erreur »), else an empty string; « selon_le_cas »
    # when the check decides it (a draft, a blocking case).
    gravite_messages: tuple[str, ...]
    question_ouverte: str


def catalogue(ids: Sequence[str] = ()) -> list[Entry]:
    """The rules named by ``ids`` (an id such as « PI-05 », or a family such as « PI »),
    every rule without ids, sorted. Raises ConvgenError for an unknown id."""
    wanted = sorted(RULES) if not ids else _selected(ids)
    return [_entry(RULES[rule_id]) for rule_id in wanted]


def _selected(ids: Sequence[str]) -> list[str]:
    chosen: dict[str, None] = {}
    for given in ids:
        name = given.strip().upper()
        family = [rule_id for rule_id in sorted(RULES) if rule_id.split("-")[0] == name]
        found = family or ([name] if name in RULES else [])
        if not found:
            raise ConvgenError(
                f"règle inconnue : « {given} » (convgen regles liste toutes les règles ; "
                "un identifiant s'écrit comme « PI-05 », une famille comme « PI »)"
            )
        chosen.update(dict.fromkeys(found))
    return sorted(chosen)


def _entry(rule: Rule) -> Entry:
    messages = _messages(rule.check) if rule.check is not None else []
    gravity = SEVERITY[rule.level]
    return Entry(
        id=rule.id,
        titre=rule.title,
        documents=tuple(name for name in DOCUMENT_TYPES if name in rule.documents),
        niveau=str(rule.level),
        force=_force(rule),
        gravite=gravity,
        application=rule.enforcement,
        source=citation(rule.source),
        en_vigueur_au=dt.date.fromisoformat(references.VERSION).isoformat(),
        explication=rule.explanation or EXPLANATIONS.get(rule.id, ""),
        messages=tuple(text for text, _ in messages),
        gravite_messages=tuple("" if severity == gravity else severity for _, severity in messages),
        question_ouverte=rule.open_question or OPEN_QUESTIONS.get(rule.id, ""),
    )


def _force(rule: Rule) -> str:
    return legal_force(rule.level, rule.source)


def _messages(check: Callable[..., object]) -> list[tuple[str, str]]:
    """The messages a check prints, each with its severity when the check gives one (an
    empty string: the rule's): the text of each ``Finding(...)``, values as « … », in the
    check and in the rules' functions it calls (``yield from _enforceable(…)``)."""
    found: dict[str, str] = {}
    for call in _finding_calls(check, set()):
        argument = call.args[1] if len(call.args) > 1 else None
        text = _text(argument) if argument is not None else None
        if text and text not in found:
            found[text] = _given_severity(call)
    return list(found.items())


def _finding_calls(function: Callable[..., object], seen: set[str]) -> list[ast.Call]:
    """The ``Finding(...)`` calls of ``function`` and of the rule modules' functions it
    calls, each function read once, in the order of the source."""
    seen.add(f"{function.__module__}.{function.__qualname__}")
    tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    calls: list[ast.Call] = []
    named = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)]
    for node in sorted(named, key=lambda call: (call.lineno, call.col_offset)):
        assert isinstance(node.func, ast.Name)
        if node.func.id == "Finding":
            calls.append(node)
            continue
        called = getattr(function, "__globals__", {}).get(node.func.id)
        if (
            inspect.isfunction(called)
            and called.__module__.startswith("convgen.regles.")
            and f"{called.__module__}.{called.__qualname__}" not in seen
        ):
            calls += _finding_calls(called, seen)
    return calls


def _given_severity(call: ast.Call) -> str:
    """The severity a ``Finding(...)`` gives (third argument or ``severity=``): its word,
    « selon_le_cas » when it is computed, an empty string when none is given."""
    given = call.args[2] if len(call.args) > 2 else None
    given = next((k.value for k in call.keywords if k.arg == "severity"), given)
    if given is None or (isinstance(given, ast.Constant) and given.value is None):
        return ""
    if isinstance(given, ast.Attribute) and getattr(given.value, "id", None) == "Severity":
        return Severity[given.attr].value
    return "selon_le_cas"


def _text(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(str(v.value) if isinstance(v, ast.Constant) else "…" for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _text(node.left), _text(node.right)
        return None if left is None or right is None else left + right
    return None


def _in_force(entry: Entry) -> str:
    return long_date(dt.date.fromisoformat(entry.en_vigueur_au))


def to_text(entries: Sequence[Entry]) -> str:
    """The catalogue for a terminal: one block per rule."""
    return "\n\n".join(_text_block(entry) for entry in entries) + "\n"


def _text_block(entry: Entry) -> str:
    lines = [
        f"{entry.id} — {entry.titre}",
        f"  Documents : {_documents(entry)}",
        f"  Force : {entry.force} ; gravité : {_severity(entry)}",
        f"  Application : {APPLICATION[entry.application]}",
        f"  Source : {entry.source} (textes en vigueur au {_in_force(entry)}, "
        "selon la table des références de convgen)",
        f"  Explication : {entry.explication}",
        *(f"  Message{_given(severity)} : « {message} »" for message, severity in _pairs(entry)),
    ]
    if entry.question_ouverte:
        lines.append(f"  Question ouverte : {entry.question_ouverte}")
    return "\n".join(lines)


def _pairs(entry: Entry) -> list[tuple[str, str]]:
    return list(zip(entry.messages, entry.gravite_messages, strict=True))


def _given(severity: str) -> str:
    """« (avertissement) » after « Message » when it differs from the rule's gravity."""
    if not severity:
        return ""
    return " (selon le cas)" if severity == "selon_le_cas" else f" ({severity})"


def _severity(entry: Entry) -> str:
    if entry.gravite == "erreur_ou_avertissement":
        return "erreur pour ce que le texte exige, avertissement pour le reste"
    return entry.gravite


def _documents(entry: Entry) -> str:
    return ", ".join(_DOCUMENT_NAMES[name] for name in entry.documents)


def to_markdown(entries: Sequence[Entry]) -> str:
    """The catalogue as Markdown: docs/regles.md is this text, for every rule."""
    head = _MARKDOWN_HEAD.format(date=long_date(dt.date.fromisoformat(references.VERSION)))
    families = sorted({entry.id.split("-")[0] for entry in entries})
    index = " · ".join(f"[{family}](#{family.lower()})" for family in families)
    blocks = []
    for family in families:
        blocks.append(f"## {family}\n")
        blocks += [_markdown_block(e) for e in entries if e.id.split("-")[0] == family]
    return f"{head}\n{index}\n\n" + "\n".join(blocks)


_MARKDOWN_HEAD = """# Les règles de convgen

Chaque message de convgen se termine par l'identifiant de la règle qui l'a produit
(`[PI-05]`). Cette page, générée depuis le registre des règles (`make docs`, ou
`convgen regles --format md`), les décrit toutes ; `convgen regles PI-05` affiche
l'une d'elles.

- **Force** : « exigé par la loi (texte) » quand un texte l'impose ; « exigé par la
  cohérence du document » quand deux clauses se contrediraient ; « établi par une source
  de référence, sans texte de loi » quand un guide ou une norme publiée le fixe ;
  « recommandé (pratique) » quand la règle vient de l'usage ; « à vérifier » quand le
  texte n'a pas pu être lu en entier ou que le point n'est pas tranché. Une règle
  « exigée par la loi pour l'essentiel » bloque pour ce que le texte impose et avertit
  pour le reste.
- **Gravité** : une erreur empêche la version définitive ; un avertissement la laisse
  produire et figure au dossier de relecture (`--strict` le rend bloquant).
- **Source** : textes en vigueur au {date}, selon la table des références de convgen.
"""


def _markdown_block(entry: Entry) -> str:
    lines = [
        f"### {entry.id} — {entry.titre}\n",
        f"- Documents : {_documents(entry)}",
        f"- Force : {entry.force} ; gravité : {_severity(entry)}",
        f"- Application : {APPLICATION[entry.application]}",
        f"- Source : {entry.source}",
        f"- Explication : {entry.explication}",
        *(
            f"- Message{_given(severity)} : « {_escaped(message)} »"
            for message, severity in _pairs(entry)
        ),
    ]
    if entry.question_ouverte:
        lines.append(f"- Question ouverte : {entry.question_ouverte}")
    return "\n".join(lines) + "\n"


def _escaped(text: str) -> str:
    return re.sub(r"([*_`\[\]])", r"\\\1", text)


def to_json(entries: Sequence[Entry]) -> str:
    """Stable ASCII keys and machine values (ids, ISO date, severity words)."""
    return json.dumps([asdict(entry) for entry in entries], ensure_ascii=False, indent=2) + "\n"


WRITERS: dict[str, Callable[[Sequence[Entry]], str]] = {
    "texte": to_text,
    "md": to_markdown,
    "json": to_json,
}
