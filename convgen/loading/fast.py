"""The fast path of the YAML reader: libyaml's C parser, for the plain inputs it reads
exactly as ruamel.yaml does.

ruamel.yaml (YAML 1.2, in pure Python) stays the reference: it decides every file the
fast path is not sure of, and gives every message. libyaml implements YAML 1.1, whose
scanner and parser agree with 1.2 on block and flow structure, plain and quoted text and
block scalars; the two differ in what a plain scalar means (``no``, ``010``, ``1_000``,
``0o7``…), in a few escapes and line breaks. So the fast path reads only the structure
from libyaml (its nodes, with their lines and columns, every scalar resolved as text)
and decides what each plain scalar is with ruamel's own YAML 1.2 resolver; it gives up
(``None``) on anything else:

- a file ruamel might refuse or read otherwise: a directive, a character ruamel's reader
  refuses, an unusual line break, a tab, an « & », « * » or « ! » anywhere;
- what plain data never holds: an anchor or alias, a tag, a merge key, a duplicate key, a
  key that is not plain text, a root that is not a mapping;
- a scalar whose YAML 1.2 value is not written the one simple way (an integer with a
  sign, leading zeros, underscores or another base; a float other than ``12.5``);
- an empty value, whose position the two parsers put in different places;
- whatever libyaml raises.

The equivalence (same data, same positions) is tested on every shipped and invalid
input and on generated ones (tests/test_lecture_rapide.py).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import yaml
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.reader import Reader
from ruamel.yaml.resolver import VersionedResolver

from convgen.errors import DataPath

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_RESOLVER = VersionedResolver(version=(1, 2))
# What makes the file one the fast path does not decide: a directive, a line break
# ruamel does not know, a tab (libyaml and ruamel do not place it alike), and the
# indicators of anchors, aliases and tags (YAML 1.1 and 1.2 do not end their names at
# the same characters: « &a:a: null » is a mapping for libyaml, an anchored null for
# ruamel). Text holding « & », « * » or « ! » is left to ruamel, only slower.
_NOT_PLAIN_FILE = re.compile("^%|[\t\x85\u2028\u2029&*!]", re.MULTILINE)
_INTEGER = re.compile(r"0|[1-9][0-9]{0,17}")  # no number too long for int()
_FLOAT = re.compile(r"(?:0|[1-9][0-9]{0,14})\.[0-9]{1,15}")
_BOOLEANS = {"true": True, "True": True, "TRUE": True}
_BOOLEANS.update({"false": False, "False": False, "FALSE": False})


_DEFAULT_TAGS: dict[type[yaml.Node], str] = {
    yaml.ScalarNode: _STR,
    yaml.SequenceNode: _SEQ,
    yaml.MappingNode: _MAP,
}


class _Loader(yaml.CBaseLoader):
    """libyaml's parser with nothing resolved in Python: the C composer asks these
    methods of every node, and with PyYAML's base resolver (no implicit or path
    resolvers) they only ever give the default tag of the node's kind."""

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        return _DEFAULT_TAGS[kind]

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


class _GiveUp(Exception):
    """The fast path is not sure: ruamel decides."""


def fast_parse(
    text: str, max_nodes: int, max_depth: int
) -> tuple[dict[str, Any], dict[DataPath, tuple[int, int, int]]] | None:
    """The data and the positions (key line, value line, value column; 1-based lines,
    0-based column) of a plain YAML file, exactly as the ruamel path gives them, or None
    when ruamel must decide. Inputs over ``max_nodes`` values or ``max_depth`` levels are
    left to ruamel too, which reports them."""
    if _NOT_PLAIN_FILE.search(text) or Reader.NON_PRINTABLE.search(text):
        return None
    try:
        root = yaml.compose(text, Loader=_Loader)
    except (yaml.YAMLError, RecursionError):
        return None
    if not isinstance(root, yaml.MappingNode) or root.tag != _MAP:
        return None
    walker = _Walker(max_nodes, max_depth)
    try:
        data = walker.mapping(root, ())
    except (_GiveUp, RecursionError):
        return None
    return data, walker.positions


def nesting_beyond(text: str, max_depth: int) -> int | None:
    """The line (1-based) of the first value nested under more than ``max_depth``
    collections, counted on libyaml's events (no recursion, no Python parser); None if
    there is none, or if libyaml cannot read the file (its reader then says why).

    ruamel's scanner takes time in the square of the depth of nested brackets: two
    thousand of them took it six seconds to refuse."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            elif isinstance(event, yaml.NodeEvent):
                if depth > max_depth:
                    mark = event.start_mark
                    return int(mark.line) + 1 if mark is not None else 1
                depth += isinstance(event, yaml.CollectionStartEvent)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        if mark is not None and "nesting depth" in str(exc.problem):
            return int(mark.line) + 1  # libyaml's own limit: a thousand levels of brackets
        return None
    except yaml.YAMLError:
        return None
    return None


class _Walker:
    def __init__(self, max_nodes: int, max_depth: int) -> None:
        self.positions: dict[DataPath, tuple[int, int, int]] = {}
        self.seen: set[int] = set()  # libyaml gives an alias the node of its anchor
        self.max_nodes = max_nodes
        self.max_depth = max_depth

    def value(self, node: yaml.Node, path: DataPath) -> Any:
        if id(node) in self.seen or len(self.seen) >= self.max_nodes:
            raise _GiveUp
        self.seen.add(id(node))
        if len(path) > self.max_depth:
            raise _GiveUp
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return self.sequence(node, path)
        return _scalar(node)

    def mapping(self, node: yaml.MappingNode, path: DataPath) -> dict[str, Any]:
        if node.tag != _MAP:
            raise _GiveUp
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _key(key_node)
            if key in result or key == "<<":
                raise _GiveUp
            child = (*path, key)
            start = value_node.start_mark
            self.positions[child] = (key_node.start_mark.line + 1, start.line + 1, start.column)
            result[key] = self.value(value_node, child)
        return result

    def sequence(self, node: yaml.SequenceNode, path: DataPath) -> list[Any]:
        if node.tag != _SEQ:
            raise _GiveUp
        result = []
        for index, item in enumerate(node.value):
            child = (*path, index)
            start = item.start_mark
            self.positions[child] = (start.line + 1, start.line + 1, start.column)
            result.append(self.value(item, child))
        return result


def _key(node: yaml.Node) -> str:
    """A key: plain text that YAML 1.2 reads as text."""
    if not isinstance(node, yaml.ScalarNode) or node.tag != _STR or node.style:
        raise _GiveUp
    if not node.value or _resolved(node.value) != "str":
        raise _GiveUp
    return str(node.value)


def _resolved(value: str) -> str:
    """What YAML 1.2 makes of a plain scalar, as ruamel resolves it: « str », « int »…"""
    # Keys and short values recur from file to file (« nom », « oui », codes): cached,
    # they cost a dictionary look-up instead of ruamel's resolver, a third of a parse.
    return _resolved_short(value) if len(value) <= _CACHED_LENGTH else _resolve(value)


def _resolve(value: str) -> str:
    return str(_RESOLVER.resolve(ScalarNode, value, (True, False))).rsplit(":", 1)[-1]


_CACHED_LENGTH = 64
_resolved_short = lru_cache(maxsize=8192)(_resolve)


def _scalar(node: yaml.Node) -> Any:
    """A scalar's value as the ruamel path gives it (dates stay text: the schema reads
    them)."""
    if not isinstance(node, yaml.ScalarNode) or node.tag != _STR:
        raise _GiveUp
    value: str = node.value
    if node.style:  # quoted, or a block scalar: text as written (libyaml: "" when plain)
        return value
    if not value:
        raise _GiveUp  # an empty value: null, placed elsewhere by ruamel
    kind = _resolved(value)
    if kind in ("str", "timestamp"):
        return value
    if kind == "bool" and value in _BOOLEANS:
        return _BOOLEANS[value]
    if kind == "null" and value in ("null", "Null", "NULL", "~"):
        return None
    if kind == "int" and _INTEGER.fullmatch(value):
        return int(value)
    if kind == "float" and _FLOAT.fullmatch(value):
        return float(value)
    raise _GiveUp
