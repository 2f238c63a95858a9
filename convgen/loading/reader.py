"""Read YAML 1.2 or JSON input into plain data with the line of every value.

YAML goes through ruamel.yaml (YAML 1.2: ``no`` stays text, ``010`` is not
octal, duplicate keys are refused); a plain file is read by libyaml's C parser when it
reads it exactly as ruamel does (``convgen.loading.fast``), much faster. JSON is
checked with the standard parser (NaN and Infinity refused); duplicate keys and
positions come from the same ruamel pass as YAML, JSON being a subset of YAML 1.2.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import math
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

from convgen.errors import DataPath, InputError
from convgen.files import read_bytes
from convgen.loading.fast import fast_parse, nesting_beyond

MAX_INPUT_BYTES = 5 * 1024 * 1024
MAX_NODES = 100_000
MAX_DEPTH = 40
# Characters of text the data may hold once aliases are expanded: what a file of the
# maximum size holds without aliases (an alias repeats its anchor without copying it
# in the file, so a small file could otherwise expand to gigabytes).
MAX_EXPANDED_CHARS = MAX_INPUT_BYTES
# The tags of plain data: text, numbers, booleans, null, dates, mappings and lists.
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)
_DIRECTIVE = re.compile(r"^%(\S*)[ \t]*(\S*)", re.MULTILINE)


@dataclass(frozen=True)
class Position:
    line: int  # 1-based line of the key (mapping) or of the item (sequence)
    value_line: int  # 1-based line where the value starts
    value_column: int  # 0-based column where the value starts


@dataclass(frozen=True)
class RawInput:
    """A parsed input file: plain data plus where each value came from."""

    source: str
    data: dict[str, Any]
    positions: Mapping[DataPath, Position] = field(default_factory=dict)
    text: str = ""

    def line_of(self, path: DataPath) -> int | None:
        """Line of the closest located ancestor of ``path`` (1-based)."""
        return closest_line(self.positions, path) or (1 if self.text else None)

    def source_text(self, path: DataPath) -> str | None:
        """The value as written in the file (``01000`` rather than ``1000``)."""
        position = self.positions.get(path)
        if position is None:
            return None
        lines = self.text.splitlines()
        if position.value_line > len(lines):
            return None
        rest = lines[position.value_line - 1][position.value_column :]
        return rest.split(" #")[0].strip().rstrip(",")


def read_input(path: Path) -> RawInput:
    """Read and parse one input file. Raises InputError with its location."""
    return parse_input(read_input_bytes(path), str(path), is_json=is_json_path(path))


def is_json_path(path: Path) -> bool:
    return path.suffix.lower() == ".json"


def read_input_bytes(path: str | Path) -> bytes:
    """The bytes of one input file, size-checked. Raises InputError in French."""
    return read_bytes(path, limit=MAX_INPUT_BYTES)


def parse_input(raw: bytes, source: str, *, is_json: bool = False, fast: bool = True) -> RawInput:
    """Parse bytes of YAML or JSON. Raises InputError with line and column.

    ``fast=False`` reads YAML with ruamel alone (the reference the tests compare the
    fast path with)."""
    text = _decode(raw, source)
    if not text.strip():
        raise InputError("le fichier est vide", source=source, line=1)
    if is_json:
        _check_json(text, source)
    elif fast:
        parsed = fast_parse(text, MAX_NODES, MAX_DEPTH)
        if parsed is not None:  # a plain file, read by libyaml exactly as ruamel reads it
            data, where = parsed
            located = {path: Position(*at) for path, at in where.items()}
            return RawInput(source=source, data=data, positions=located, text=text)
    tree = _load_yaml(text, source, is_json=is_json)
    if tree is None:
        raise InputError(
            "le fichier est vide (il ne contient que des commentaires)", source=source, line=1
        )
    if not isinstance(tree, CommentedMap):
        if is_json and _is_schedule(tree):
            raise InputError(
                "ce fichier est un échéancier écrit par « convgen echeancier --format json », "
                "non un fichier d'entrée : rangez-le hors du dossier d'entrées",
                source=source,
                line=1,
            )
        raise InputError(
            "le fichier doit contenir des paires « clé: valeur » à la racine", source=source, line=1
        )
    positions: dict[DataPath, Position] = {}
    data = _Converter(source, positions).convert(tree, ())
    return RawInput(source=source, data=data, positions=positions, text=text)


_SCHEDULE_KEYS = frozenset({"date", "type", "libelle", "document"})


def _is_schedule(tree: object) -> bool:
    """Whether a JSON file's root is the list ``convgen echeancier --format json`` writes
    (one object per obligation), saved where inputs are looked for."""
    return (
        isinstance(tree, list)
        and bool(tree)
        and isinstance(tree[0], dict)
        and _SCHEDULE_KEYS.issubset(tree[0])
    )


def _decode(raw: bytes, source: str) -> str:
    wide = _wide_encoding(raw)
    if wide:
        raise InputError(
            f"le fichier n'est pas un texte UTF-8 : il est enregistré en {wide} ; "
            "réenregistrez-le en UTF-8",
            source=source,
            line=1,
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            "le fichier n'est pas un texte UTF-8 (fichier binaire, ou enregistré dans un autre "
            "encodage : réenregistrez-le en UTF-8)",
            source=source,
            line=line,
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError(
            "le fichier contient des octets nuls : ce n'est pas un texte", source=source, line=line
        )
    return text


def _wide_encoding(raw: bytes) -> str | None:
    """How a text saved in a wide encoding is named to its author (« UTF-16 » is what
    Windows' Notepad calls « Unicode »), by its byte order mark, or, without one, by its
    zero bytes: in most of its first characters, the high byte of each (UTF-16), or the
    three high bytes (UTF-32); None for any other file, one of zero bytes only too."""
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "UTF-32"
    utf16 = "UTF-16 (« Unicode » dans le Bloc-notes de Windows)"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return utf16
    start = raw[: min(256, len(raw) // 4 * 4)]
    if len(start) < 8 or start.count(0) == len(start):
        return None
    quarters = [start[offset::4].count(0) / (len(start) // 4) for offset in range(4)]
    if sorted(quarters)[1] > 0.7:  # three of every four bytes mostly zero
        return "UTF-32"
    halves = sorted(start[offset::2].count(0) / (len(start) // 2) for offset in range(2))
    return utf16 if halves[1] > 0.6 and halves[0] < 0.2 else None


def _check_json(text: str, source: str) -> None:
    def refuse_constant(name: str) -> float:
        raise ValueError(f"valeur « {name} » interdite en JSON")

    try:
        json.loads(text, parse_constant=refuse_constant)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"JSON invalide : {_french_json(exc.msg)} (colonne {exc.colno})",
            source=source,
            line=exc.lineno,
        ) from None
    except RecursionError:
        raise InputError(
            f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)", source=source, line=1
        ) from None
    except ValueError as exc:
        if "«" not in str(exc):  # not one of ours: a number too long for Python
            raise InputError(
                _value_problem(exc, "JSON"), source=source, line=_digits_line(text)
            ) from None
        raise InputError(
            f"JSON invalide : {exc}", source=source, line=_line_of_token(text, str(exc)) or 1
        ) from None


def _line_of_token(text: str, message: str) -> int | None:
    """Line of the first « token » quoted in ``message`` (a NaN or an Infinity)."""
    quoted = re.search(r"« (.+?) »", message)
    if quoted is None:
        return None
    found = re.search(r'(?<![\w"])"?' + re.escape(quoted.group(1)) + r'\b"?', text)
    return text.count("\n", 0, found.start()) + 1 if found else None


def _french_json(message: str) -> str:
    known = {
        "Expecting value": "valeur attendue",
        "Expecting property name enclosed in double quotes": "nom de clé entre guillemets attendu",
        "Expecting ',' delimiter": "virgule attendue",
        "Expecting ':' delimiter": "deux-points attendu",
        "Unterminated string starting at": "chaîne non fermée",
        "Extra data": "données en trop après la fin du document",
        "Invalid control character at": "caractère de contrôle interdit",
    }
    return known.get(message, message)


_YAML_PROBLEMS = {
    "mapping values are not allowed here": (
        "deux-points inattendu : une valeur qui contient « : » doit être entre guillemets"
    ),
    "found character '\\t' that cannot start any token": (
        "tabulation interdite dans l'indentation : utilisez des espaces"
    ),
    "could not find expected ':'": "« : » attendu après la clé",
    "found undefined alias": "alias (*nom) qui ne renvoie à aucune ancre (&nom)",
    "found unexpected end of stream": "fin de fichier inattendue (guillemet non fermé ?)",
    "expected the node content, but found '<stream end>'": (
        "fin de fichier inattendue (crochet, accolade ou guillemet non fermé ?)"
    ),
    "expected <block end>, but found '<block sequence start>'": (
        "indentation incohérente d'une liste"
    ),
    "expected <block end>, but found '<block mapping start>'": "indentation incohérente",
    "expected <block end>, but found '<scalar>'": "indentation incohérente",
    "did not find expected key": "clé attendue (indentation incohérente ?)",
    "found duplicate key": "clé en double",
    "did not find expected '-' indicator": "tiret de liste attendu (indentation incohérente ?)",
    "but found another document": (
        "un second document YAML commence ici (après une ligne « --- » ou « ... ») : un "
        "fichier ne décrit qu'un document ; retirez ce qui suit, ou placez-le dans un autre "
        "fichier"
    ),
}


class _Refused(Exception):
    """A YAML feature that is not plain data, at a 0-based line."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class _Constructor(RoundTripConstructor):
    """Round-trip constructor that leaves dates as text: the schema parses them and
    reports an impossible date (« 2026-02-30 ») with its line, as any other error.

    It builds plain data only: a tag that makes something else (``!!binary``,
    ``!!set``, ``!!omap``, ``!!python/…``, a local ``!tag``) and merge keys
    (``<<: *ancre``) are refused rather than printed as Python values."""

    def construct_non_recursive_object(self, node: Any, tag: str | None = None) -> Any:
        if node.tag not in _PLAIN_TAGS:
            raise _Refused(
                f"étiquette YAML « {_written(node.tag)} » interdite : seules les données "
                "simples (texte, nombres, dates, listes, dictionnaires) sont admises",
                node.start_mark.line,
            )
        return super().construct_non_recursive_object(node, tag)

    def flatten_mapping(self, node: Any) -> Any:
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Refused(
                    "clé de fusion YAML « << » interdite : recopiez les valeurs voulues",
                    key_node.start_mark.line,
                )
        return super().flatten_mapping(node)


def _written(tag: str) -> str:
    """A tag as written in the file (``!!binary``), shortened."""
    return _shorten(tag.replace("tag:yaml.org,2002:", "!!"))


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


_Constructor.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda self, node: self.construct_scalar(node)
)


_YAML_PREFIXES = {
    "expected ',' or ']'": "virgule ou « ] » attendu (crochet non fermé ?)",
    "expected ',' or '}'": "virgule ou « } » attendu (accolade non fermée ?)",
    "found character": "caractère interdit à cet endroit (une valeur qui le contient doit être "
    "entre guillemets)",
    "expected <block end>": "indentation incohérente",
    "while scanning": "valeur mal formée (guillemet ou crochet non fermé ?)",
    "found undefined alias": "alias (*nom) qui ne renvoie à aucune ancre (&nom)",
    "sequence entries are not allowed here": (
        "tiret de liste inattendu : une liste s'écrit à la ligne, en retrait sous sa clé "
        "(« clé: » puis « - valeur » à la ligne suivante) ; une valeur qui commence par un "
        "tiret s'écrit entre guillemets"
    ),
    "expected '<document start>'": (
        'texte inattendu après la première valeur du fichier (les guillemets triples « """ », '
        "par exemple, n'existent pas en YAML : pour un texte sur plusieurs lignes, écrivez "
        "« clé: | » puis le texte indenté)"
    ),
}


# A key written without the space after its colon (« denomination:Association X »):
# YAML reads the whole line as a text, and fails only on a later line.
_KEY_WITHOUT_SPACE = re.compile(r"^[ ]*(?:-[ ]+)?([A-Za-z_][\w-]*):(?=[^\s:/])")
# A line that starts with a key: its indentation (a list's dash included) and the key.
_KEY_START = re.compile(r"^([ ]*(?:-[ ]+)?)([A-Za-z_][\w-]*):(?:[ ]|$)")
# A line that is a key without its colon (« code chrs »): words, no colon at all.
_KEY_WITHOUT_COLON = re.compile(r"^([ ]*(?:-[ ]+)?)[A-Za-z_][\w-]*[ ]+[^:#]*$")
_ADD_COLON = (
    "« : » attendu après la clé (une ligne s'écrit « clé: valeur » ; la suite d'un texte "
    "sur plusieurs lignes s'indente sous sa clé)"
)


def _key_line(exc: MarkedYAMLError, problem: str, text: str) -> tuple[str, int, int] | None:
    """(message, 1-based line, column) of the line an error comes from, when the parser
    notices it further on: a key without « : » (the parser marks where the key started;
    or, followed by a key of the same mapping, that key fails) or without a space after
    it (the next line then fails as a « : » out of place, or the key is taken for a
    text), or a quote never closed (the parser fails at the end of the file; it marks
    where the quote opened)."""
    lines = text.splitlines()
    mark = exc.context_mark
    if problem == "could not find expected ':'" and mark is not None and mark.line < len(lines):
        return _written_key(lines, mark.line)
    if problem == "found unexpected end of stream" and mark is not None:
        if exc.context != "while scanning a quoted scalar":
            return None
        message = "guillemet ouvert ici et jamais refermé : fermez-le à la fin de la valeur"
        return message, mark.line + 1, mark.column + 1
    if problem == "mapping values are not allowed here" and exc.problem_mark is not None:
        return _colon_of_a_key(lines, exc.problem_mark.line, exc.problem_mark.column)
    return None


# A value that opens a quote: the quote, and the rest of the line.
_OPENING_QUOTE = re.compile(r"""^[ ]*(?:-[ ]+)?(?:[A-Za-z_][\w-]*:[ ]+)?(["'])(.*)$""")


def _unclosed_quote(text: str, failing: int) -> tuple[str, int, int] | None:
    """A value before line ``failing`` whose quote is not closed on its line, and that
    YAML closes in the middle of a later line (at the opening quote of another value):
    it reads the lines between as the same text, and fails after. A text on several
    lines whose quote closes at the end of a line is a text on several lines."""
    lines = text.splitlines(keepends=True)
    offset = 0
    for index, line in enumerate(lines[:failing]):
        opening = _OPENING_QUOTE.match(line.rstrip("\r\n"))
        if opening is not None and not _closes_on_its_line(*opening.groups()):
            after = _text_after_closing(text, offset + opening.end(1), opening.group(1))
            if after is not None and after.strip() and not after.strip().startswith("#"):
                return (
                    "guillemet ouvert et non refermé sur sa ligne : YAML lit les lignes "
                    "suivantes comme la suite du même texte, jusqu'à l'erreur de la ligne "
                    f"{failing + 1}",
                    index + 1,
                    opening.start(1) + 1,
                )
        offset += len(line)
    return None


def _closes_on_its_line(quote: str, rest: str) -> bool:
    """Whether ``rest`` holds the quote that closes ``quote``, escaped ones aside."""
    escaped = ("\\\\", '\\"') if quote == '"' else ("''",)
    for pair in escaped:
        rest = rest.replace(pair, "")
    return quote in rest


def _text_after_closing(text: str, start: int, quote: str) -> str | None:
    """What follows, on its line, the quote that closes the one opened before ``start``;
    None if none does."""
    position = start
    while (found := text.find(quote, position)) != -1:
        if quote == "'" and text.startswith("''", found):
            position = found + 2  # an escaped quote
            continue
        backslashes = 0
        while quote == '"' and text[found - 1 - backslashes] == "\\":
            backslashes += 1
        if backslashes % 2:
            position = found + 1  # an escaped quote
            continue
        end = text.find("\n", found)
        return text[found + 1 : end if end != -1 else len(text)]
    return None


def _colon_of_a_key(lines: list[str], failing: int, column: int) -> tuple[str, int, int] | None:
    """A key's own « : » found out of place: the line above lost its colon, or the space
    after it, or this key is indented under the value above it."""
    key = _KEY_START.match(lines[failing]) if failing < len(lines) else None
    if key is None or key.end(2) != column:
        return None  # a « : » inside a value, where it stands
    index = _previous_content_line(lines, failing)
    if index is None:
        return None
    without_colon = _KEY_WITHOUT_COLON.match(lines[index])
    if without_colon and _same_column(lines, index, key):
        return _ADD_COLON, index + 1, len(without_colon[1]) + 1
    if _KEY_WITHOUT_SPACE.match(lines[index]):
        return _written_key(lines, index)
    return _indented_key(lines[index], key, failing)


def _written_key(lines: list[str], index: int) -> tuple[str, int, int]:
    """The key of line ``index``, which lost the space after its colon or its colon."""
    written = lines[index]
    unspaced = _KEY_WITHOUT_SPACE.match(written)
    if unspaced is not None:
        colon = unspaced.end(1)
        fixed = f"{written[: colon + 1]} {written[colon + 1 :]}".strip().removeprefix("- ")
        return (
            f"espace manquante après « : » : écrivez « {_shorten(fixed)} »",
            index + 1,
            colon + 1,
        )
    column = len(written) - len(written.lstrip(" -")) + 1
    return _ADD_COLON, index + 1, column


def _same_column(lines: list[str], index: int, key: re.Match[str]) -> bool:
    """Whether the words of line ``index`` stand where the failing ``key`` does (a key
    of the same mapping that lost its colon), rather than continue a text above them."""
    start = _KEY_WITHOUT_COLON.match(lines[index])
    if start is None or len(start[1]) != len(key[1].replace("-", " ")):
        return False
    above = _previous_content_line(lines, index)
    continued = above is not None and _KEY_AND_VALUE.match(lines[above])
    return not (continued and len(continued[1]) < len(start[1]))


_KEY_AND_VALUE = re.compile(r"^([ ]*(?:-[ ]+)?)[A-Za-z_][\w-]*:[ ]+\S")


def _indented_key(previous: str, key: re.Match[str], index: int) -> tuple[str, int, int] | None:
    """A key (``key``, not a list item, on line ``index``) indented further than the key
    and value of the ``previous`` line: YAML reads it as the rest of that value, then
    fails on its « : »."""
    before = _KEY_AND_VALUE.match(previous)
    indent = key[1]
    if before is None or "-" in indent or len(indent) <= len(before[1]):
        return None
    return (
        "clé plus indentée que la ligne précédente : alignez-la sur la clé du dessus (une "
        "valeur qui contient « : » s'écrit entre guillemets)",
        index + 1,
        len(indent) + 1,
    )


def _previous_content_line(lines: list[str], index: int) -> int | None:
    """The last line before ``index`` that is neither blank nor a comment."""
    for previous in range(min(index, len(lines)) - 1, -1, -1):
        stripped = lines[previous].strip()
        if stripped and not stripped.startswith("#"):
            return previous
    return None


def _french_yaml(problem: str) -> str:
    """The ruamel problem in French; prefixes cover the messages that embed a token. A
    message not known here is not shown in English: the line and column say where."""
    if problem in _YAML_PROBLEMS:
        return _YAML_PROBLEMS[problem]
    found = _UNEXPECTED_TOKEN.fullmatch(problem)
    if found:
        return (
            f"« {found[1]} » inattendu à cet endroit (un « [ » ou un « {{ » ouvert plus haut "
            "et jamais fermé ? une indentation incohérente ?)"
        )
    for prefix, french in _YAML_PREFIXES.items():
        if problem.startswith(prefix):
            return french
    return (
        "structure non reconnue (vérifiez l'indentation, les guillemets, les crochets et "
        "les accolades de cette ligne et de celles du dessus)"
    )


_UNEXPECTED_TOKEN = re.compile(r"expected the node content, but found '([^<'][^']*)'")


def _check_directives(text: str, source: str) -> None:
    """Only ``%YAML 1.2`` is admitted: under ``%YAML 1.1`` the parser reads « no » as
    false and « 010 » as eight, values our inputs mean otherwise; ``%TAG`` serves tags,
    which are refused; and the parser fails on a version it does not know."""
    if "%" not in text:
        return
    for match in _DIRECTIVE.finditer(text):
        name, value = match.groups()
        if name == "YAML" and value == "1.2":
            continue
        line = text.count("\n", 0, match.start()) + 1
        why = " : en YAML 1.1, « no » ou « 010 » changeraient de sens" if value == "1.1" else ""
        raise InputError(
            f"directive YAML « %{_shorten(name + ' ' + value).strip()} » non admise "
            f"(seule « %YAML 1.2 » l'est{why})",
            source=source,
            line=line,
        )


def _load_yaml(text: str, source: str, *, is_json: bool) -> Any:
    if not is_json:
        _check_directives(text, source)
        too_deep = nesting_beyond(text, MAX_DEPTH)
        if too_deep is not None:
            raise InputError(
                f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)",
                source=source,
                line=too_deep,
            )
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    yaml.allow_duplicate_keys = False
    # YAML 1.2 lets an anchor name be used again, its aliases meaning the latest: said by
    # ruamel as a Python warning, in English, on the terminal (found by the generated
    # inputs of tests/test_lecture_rapide.py).
    yaml.composer.warn_double_anchors = False
    kind = "JSON" if is_json else "YAML"
    try:
        return yaml.load(text)
    except _Refused as exc:
        raise InputError(exc.message, source=source, line=exc.line + 1) from None
    except MarkedYAMLError as exc:
        raise _syntax_error(exc, text, source, kind) from None
    except ReaderError as exc:
        line = text.count("\n", 0, max(exc.position, 0)) + 1
        raise InputError(
            f"caractère interdit dans un fichier {kind} (U+{exc.character:04X}) : "
            "supprimez-le ou remplacez-le",
            source=source,
            line=line,
        ) from None
    except RecursionError:
        raise InputError(
            f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)", source=source, line=1
        ) from None
    except ValueError as exc:
        raise InputError(
            _value_problem(exc, kind), source=source, line=_digits_line(text)
        ) from None
    except (YAMLError, AssertionError, TypeError, KeyError, IndexError, NotImplementedError) as exc:
        # Whatever else the parser raises is a structure it could not read: never a crash.
        raise _unreadable(text, source, kind, exc) from None


def _syntax_error(exc: MarkedYAMLError, text: str, source: str, kind: str) -> InputError:
    """The parser's error in French, on the line that holds the fault."""
    mark = exc.problem_mark or exc.context_mark
    problem = (exc.problem or "").strip()
    if mark is None:
        return InputError(_french_yaml(problem), source=source, line=1)
    if problem.startswith("found duplicate key"):
        key = problem.split('"')[1] if '"' in problem else ""
        first = _first_occurrence(text, key, mark.line, mark.column)
        message = f"clé « {key} » en double" + (f" (déjà présente ligne {first})" if first else "")
        located = (message, mark.line + 1, mark.column + 1)
    else:
        # A quote never closed fails at the end of the file, which names it (_key_line).
        unclosed = kind == "YAML" and problem != "found unexpected end of stream"
        culprit = _unclosed_quote(text, mark.line) if unclosed else None
        located = (
            culprit
            or _key_line(exc, problem, text)
            or (
                _french_yaml(problem),
                mark.line + 1,
                mark.column + 1,
            )
        )
    message, line, column = located
    return InputError(
        f"syntaxe {kind} invalide : {message} (colonne {column})", source=source, line=line
    )


# Line breaks YAML knows but a person does not see: ruamel's comment handling fails on them.
_UNUSUAL_BREAK = re.compile("[\x85\u2028\u2029]")


def _unreadable(text: str, source: str, kind: str, exc: Exception) -> InputError:
    found = _UNUSUAL_BREAK.search(text)
    if found is not None:
        return InputError(
            f"saut de ligne inhabituel (U+{ord(found.group()):04X}) : remplacez-le par un "
            "saut de ligne ordinaire, ou supprimez-le",
            source=source,
            line=text.count("\n", 0, found.start()) + 1,
        )
    return InputError(
        f"syntaxe {kind} invalide : structure non reconnue ({type(exc).__name__})",
        source=source,
        line=1,
    )


def _value_problem(exc: ValueError, kind: str) -> str:
    if "digits" in str(exc):
        return f"nombre trop long (plus de {sys.get_int_max_str_digits() or 4300} chiffres)"
    return f"syntaxe {kind} invalide : valeur non reconnue"


def _digits_line(text: str) -> int:
    """Line of the first very long run of digits (a number Python refuses to read)."""
    limit = sys.get_int_max_str_digits() or 4300
    found = re.search(rf"\d{{{limit},}}", text)
    return text.count("\n", 0, found.start()) + 1 if found else 1


def _first_occurrence(text: str, key: str, line: int, column: int) -> int | None:
    """1-based line of the closest earlier ``key:`` at the same indentation."""
    lines = text.splitlines()
    pattern = re.compile(" " * column + "[\"']?" + re.escape(key) + "[\"']?\\s*:")
    for index in range(min(line, len(lines)) - 1, -1, -1):
        if pattern.match(lines[index]):
            return index + 1
    return None


class _Converter:
    """Turn ruamel's round-trip tree into plain dict/list/scalars, recording positions.

    Counting nodes bounds the work on alias bombs (aliases are followed, not copied,
    by ruamel, but expanding them here would be exponential).
    """

    def __init__(self, source: str, positions: dict[DataPath, Position]) -> None:
        self.source = source
        self.positions = positions
        self.nodes = 0
        self.chars = 0

    def convert(self, node: Any, path: DataPath) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise InputError(
                f"fichier trop complexe (plus de {MAX_NODES} valeurs, ou alias YAML en cascade)",
                source=self.source,
                line=self._line(path) or 1,
            )
        if len(path) > MAX_DEPTH:
            line = self._line(path[:-1])
            raise InputError(
                f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)",
                source=self.source,
                line=line,
            )
        if isinstance(node, CommentedMap):
            return self._mapping(node, path)
        if isinstance(node, CommentedSeq):
            return self._sequence(node, path)
        if isinstance(node, str):
            self.chars += len(node)
            if self.chars > MAX_EXPANDED_CHARS:
                raise InputError(
                    f"fichier trop volumineux une fois les alias YAML développés (plus de "
                    f"{MAX_EXPANDED_CHARS // 1024 // 1024} millions de caractères)",
                    source=self.source,
                    line=self._line(path) or 1,
                )
        return _scalar(node)

    def _mapping(self, node: CommentedMap, path: DataPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in node.items():
            name = str(key)
            child = (*path, name)
            key_line, _ = node.lc.key(key)
            value_line, value_col = node.lc.value(key)
            self.positions[child] = Position(key_line + 1, value_line + 1, value_col)
            result[name] = self.convert(value, child)
        return result

    def _sequence(self, node: CommentedSeq, path: DataPath) -> list[Any]:
        result = []
        for index, value in enumerate(node):
            child = (*path, index)
            line, col = node.lc.item(index)
            self.positions[child] = Position(line + 1, line + 1, col)
            result.append(self.convert(value, child))
        return result

    def _line(self, path: DataPath) -> int | None:
        return closest_line(self.positions, path)


def closest_line(positions: Mapping[DataPath, Position], path: DataPath) -> int | None:
    """Line of ``path`` or of its closest located ancestor (lines start at 1)."""
    for end in range(len(path), 0, -1):
        position = positions.get(path[:end])
        if position is not None:
            return position.line
    return None


def _scalar(value: Any) -> Any:
    """Plain Python value of a ruamel scalar (ScalarInt -> int, ScalarFloat -> float...)."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value) if math.isfinite(value) else value
    if isinstance(value, dt.datetime | dt.date):
        return value
    return str(value)
