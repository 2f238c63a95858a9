"""Variable paths a template uses, found in its Jinja syntax tree (every branch), and
checked against the context of a maximal document.

docxtpl only reports top-level names; here loops, ``set`` and includes are followed,
so ``{% for partie in parties %}{{ partie.referent.nom }}`` yields ``parties[].referent.nom``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, get_args, get_origin

from jinja2 import Environment, nodes
from pydantic import BaseModel

from convgen.documents.context.commun import ModelView
from convgen.schema import base
from convgen.schema.introspection import unwrap

# Filters whose result holds the same elements as their input (loop variables keep a path).
_SAME_ELEMENTS = {
    "selectattr",
    "rejectattr",
    "select",
    "reject",
    "sort",
    "unique",
    "list",
    "reverse",
}
_GLOBALS = {
    "range",
    "dict",
    "lipsum",
    "cycler",
    "joiner",
    "namespace",
    "loop",
    "true",
    "false",
    "none",
    "True",
    "False",
    "None",
}
ELEMENT = "[]"
_MAPPING_METHODS = frozenset({"items", "keys", "values", "get"})
_BindingBlock = nodes.Macro | nodes.CallBlock | nodes.AssignBlock | nodes.With
# What the body of a macro or a call block may name besides its parameters.
_CALLABLE_NAMES = ("varargs", "kwargs", "caller")


@dataclass(frozen=True)
class Use:
    """A variable path used by a template, and where; ``guarded``: under « is defined »
    or « |default », the author expects it may be missing."""

    path: tuple[str, ...]
    template: str
    line: int
    guarded: bool = False

    @property
    def dotted(self) -> str:
        text = ""
        for step in self.path:
            text += step if step == ELEMENT or not text else f".{step}"
        return text


@dataclass(frozen=True)
class Named:
    """A filter or a test a template names (``kind``: « filtre » or « test »)."""

    kind: str
    name: str
    template: str
    line: int


# « x is defined », « x|default('') »: a use the author guards against its absence.
_GUARD_TESTS = frozenset({"defined", "undefined"})
_GUARD_FILTERS = frozenset({"default", "d"})


@dataclass
class _Walker:
    env: Environment
    sources: Mapping[str, str]
    uses: list[Use] = field(default_factory=list)
    named: list[Named] = field(default_factory=list)
    _including: list[str] = field(default_factory=list)  # fragments being walked
    _guarded: list[tuple[str, ...] | None] = field(default_factory=list)  # None: all

    def walk(self, node: nodes.Node, scope: dict[str, tuple[str, ...] | None], name: str) -> None:
        handler = _HANDLERS.get(type(node))
        if handler is not None:
            handler(self, node, scope, name)
        else:
            for child in node.iter_child_nodes():
                self.walk(child, scope, name)

    def _assign(self, node: nodes.Assign, scope: dict[str, Any], name: str) -> None:
        self.walk(node.node, scope, name)
        single = isinstance(node.target, nodes.Name)
        for bound in _bound_names(node.target):
            scope[bound] = self.path_of(node.node, scope) if single else None

    def _import(self, node: nodes.Import, scope: dict[str, Any], _: str) -> None:
        scope[node.target] = None

    def _from_import(self, node: nodes.FromImport, scope: dict[str, Any], _: str) -> None:
        scope.update(dict.fromkeys(n if isinstance(n, str) else n[1] for n in node.names))

    def _filter_or_test(
        self, node: nodes.Filter | nodes.Test, scope: dict[str, Any], name: str
    ) -> None:
        kind = "filtre" if isinstance(node, nodes.Filter) else "test"
        self.named.append(Named(kind, node.name, name, node.lineno))
        guards = _GUARD_FILTERS if kind == "filtre" else _GUARD_TESTS
        for child in node.iter_child_nodes():
            guarded = child is node.node and node.name in guards
            if guarded:
                self._guarded.append(None)
            self.walk(child, scope, name)
            if guarded:
                self._guarded.pop()

    def _if(self, node: nodes.If, scope: dict[str, Any], name: str) -> None:
        """``{% if x.y is defined %}`` guards the uses of ``x.y`` in its body."""
        self.walk(node.test, scope, name)
        tests = [node.test, *node.test.find_all(nodes.Test)]
        guarded = [
            path
            for test in tests
            if isinstance(test, nodes.Test) and test.name == "defined"
            if (path := self.path_of(test.node, scope))
        ]
        self._guarded += guarded
        for child in node.body:
            self.walk(child, scope, name)
        del self._guarded[len(self._guarded) - len(guarded) :]
        for child in [*node.elif_, *node.else_]:
            self.walk(child, scope, name)

    def _binding_block(self, node: _BindingBlock, scope: dict[str, Any], name: str) -> None:
        """A block that names values of its own: a macro and its parameters, a call
        block and its ``caller``, ``{% set x %}…{% endset %}``, ``{% with %}``. What it
        names is computed (None): not a path of the context."""
        inner = dict(scope)
        inner.update(self._names_inside(node, scope, name))
        for child in node.body:
            self.walk(child, inner, name)
        if isinstance(node, nodes.AssignBlock):  # named once its body is done
            scope.update(dict.fromkeys(_bound_names(node.target)))

    def _names_inside(
        self, node: _BindingBlock, scope: dict[str, Any], name: str
    ) -> dict[str, None]:
        """Walk what a binding block evaluates outside its body (defaults, which may name
        earlier parameters, the call, the values, the filter); the names its body sees
        besides the enclosing ones."""
        names: list[str] = []
        outside: list[nodes.Node] = []
        if isinstance(node, nodes.Macro):
            scope[node.name] = None
            names = [node.name, *_CALLABLE_NAMES, *(arg.name for arg in node.args)]
        elif isinstance(node, nodes.CallBlock):
            self.walk(node.call, scope, name)
            names = [*_CALLABLE_NAMES, *(arg.name for arg in node.args)]
        elif isinstance(node, nodes.With):
            outside = list(node.values)
            names = [bound for target in node.targets for bound in _bound_names(target)]
        elif isinstance(node, nodes.AssignBlock):
            outside = [node.filter] if node.filter is not None else []
        for expression in outside:
            self.walk(expression, scope, name)
        if isinstance(node, nodes.Macro | nodes.CallBlock):
            with_parameters = {**scope, **dict.fromkeys(names)}
            for default in node.defaults:
                self.walk(default, with_parameters, name)
        return dict.fromkeys(names)

    def _for(self, node: nodes.For, scope: dict[str, Any], name: str) -> None:
        self.walk(node.iter, scope, name)
        inner = dict(scope)
        iterated = self.path_of(node.iter, scope)
        single = isinstance(node.target, nodes.Name)
        for bound in _bound_names(node.target):  # « a », « k, v », « (a, b), c »
            inner[bound] = (*iterated, ELEMENT) if iterated and single else None
        inner["loop"] = None
        for child in [node.test, *node.body, *node.else_]:
            if child is not None:
                self.walk(child, inner, name)

    def _include(self, node: nodes.Include, scope: dict[str, Any], _: str) -> None:
        template = node.template
        if not isinstance(template, nodes.Const) or template.value not in self.sources:
            return
        fragment = str(template.value)
        if fragment in self._including:  # a fragment that includes itself: walked once
            return
        self._including.append(fragment)
        self.walk(self.env.parse(self.sources[fragment]), dict(scope), fragment)
        self._including.pop()

    def _record(self, node: nodes.Node, scope: dict[str, Any], name: str) -> None:
        path = self.path_of(node, scope)
        if path:
            guarded = any(g is None or path[: len(g)] == g for g in self._guarded)
            self.uses.append(Use(path, name, node.lineno, guarded))
        for child in _subscripts(node):
            self.walk(child, scope, name)

    def path_of(self, node: nodes.Node, scope: dict[str, Any]) -> tuple[str, ...] | None:
        """The context path an expression denotes, or None if it is computed."""
        if isinstance(node, nodes.Name):
            if node.name in scope:
                bound: tuple[str, ...] | None = scope[node.name]
                return bound
            return None if node.name in _GLOBALS else (node.name,)
        if isinstance(node, nodes.Filter):
            return (
                self.path_of(node.node, scope)
                if node.name in _SAME_ELEMENTS and node.node
                else None
            )
        if not isinstance(node, nodes.Getattr | nodes.Getitem):
            return None
        base = self.path_of(node.node, scope)
        if not base:
            return None
        return (*base, _step(node))


# How the walker reads each kind of node; any other: its children, walked in turn.
_HANDLERS: dict[type[nodes.Node], Callable[[_Walker, Any, dict[str, Any], str], None]] = {
    nodes.For: _Walker._for,
    nodes.If: _Walker._if,
    nodes.Assign: _Walker._assign,
    nodes.Macro: _Walker._binding_block,
    nodes.CallBlock: _Walker._binding_block,
    nodes.AssignBlock: _Walker._binding_block,
    nodes.With: _Walker._binding_block,
    nodes.Import: _Walker._import,
    nodes.FromImport: _Walker._from_import,
    nodes.Include: _Walker._include,
    nodes.Filter: _Walker._filter_or_test,
    nodes.Test: _Walker._filter_or_test,
    nodes.Getattr: _Walker._record,
    nodes.Getitem: _Walker._record,
    nodes.Name: _Walker._record,
}


def _bound_names(target: nodes.Node) -> list[str]:
    """The names an assignment's target binds (``x``, ``x, y``; none for ``ns.x``)."""
    if isinstance(target, nodes.Name):
        return [target.name]
    if isinstance(target, nodes.Tuple):
        return [bound for item in target.items for bound in _bound_names(item)]
    return []


def _step(node: nodes.Getattr | nodes.Getitem) -> str:
    if isinstance(node, nodes.Getattr):
        return str(node.attr)
    key = node.arg.value if isinstance(node.arg, nodes.Const) else None
    return ELEMENT if not isinstance(key, str) else key


def _subscripts(node: nodes.Node) -> Iterator[nodes.Node]:
    """Expressions nested in a path (``x[y]``) that must be walked on their own."""
    while isinstance(node, nodes.Getattr | nodes.Getitem):
        if isinstance(node, nodes.Getitem) and not isinstance(node.arg, nodes.Const):
            yield node.arg
        node = node.node


def find_uses(env: Environment, name: str, sources: Mapping[str, str]) -> list[Use]:
    """Every variable path used by template ``name`` and the fragments it includes."""
    return walked(env, name, sources).uses


def walked(env: Environment, name: str, sources: Mapping[str, str]) -> _Walker:
    """Template ``name`` and the fragments it includes walked: the variable paths they
    use, the filters and tests they name."""
    walker = _Walker(env, sources)
    walker.walk(env.parse(sources[name]), {}, name)
    return walker


@dataclass(frozen=True)
class Resolution:
    """Where a path leads in a context: found or not, and the schema fields it reads."""

    found: bool
    missing: str = ""
    fields: tuple[tuple[type[BaseModel], str], ...] = ()
    known: tuple[str, ...] = ()  # the names that were there instead of ``missing``


def resolve(context: Mapping[str, Any], path: tuple[str, ...]) -> Resolution:
    """Follow ``path`` in ``context``; lists are followed through their first element."""
    value: Any = context
    fields: list[tuple[type[BaseModel], str]] = []
    for step in path:
        if value is None:
            return Resolution(True, fields=tuple(fields))  # optional value left empty
        if step == ELEMENT:
            if isinstance(value, Mapping):  # « for k in mapping »: its keys, computed
                return Resolution(True, fields=tuple(fields))
            if not isinstance(value, list) or not value:
                return Resolution(isinstance(value, list | str), fields=tuple(fields))
            value = value[0]
            continue
        if isinstance(value, ModelView):
            sources = value.derived.get(step, (step,))
            fields += [
                (value.source_model, name)
                for name in sources
                if name in value.source_model.model_fields
            ]
        if isinstance(value, Mapping):
            if step not in value:
                # « ref.items() », « articles.get('x') »: the mapping's own methods
                known = tuple(str(key) for key in value)
                return Resolution(step in _MAPPING_METHODS, step, tuple(fields), known)
            value = value[step]
        elif hasattr(value, step) and not step.startswith("_"):
            value = getattr(value, step)
        else:
            return Resolution(False, step, tuple(fields))
    return Resolution(True, fields=tuple(fields))


def required_fields(
    model: type[BaseModel], prefix: str = ""
) -> dict[tuple[type[BaseModel], str], str]:
    """Required schema fields reachable from ``model``, with their path for messages.

    Codes (identifiers used to cross-reference organisations) and ``type`` are left out:
    they organise the file, they are not meant to be printed.
    """
    found: dict[tuple[type[BaseModel], str], str] = {}
    for name, info in model.model_fields.items():
        path = f"{prefix}.{name}" if prefix else name
        if info.is_required() and name != "type" and not _is_code(info.metadata):
            found.setdefault((model, name), path)
        for nested, suffix in _nested_models(info.annotation):
            for key, nested_path in required_fields(nested, path + suffix).items():
                found.setdefault(key, nested_path)
    return found


def _is_code(metadata: list[Any]) -> bool:
    return any(getattr(item, "func", None) is base._code for item in metadata)


def _nested_models(annotation: Any) -> Iterator[tuple[type[BaseModel], str]]:
    inner = unwrap(annotation)
    suffix = ""
    if get_origin(inner) is list:
        inner, suffix = unwrap(get_args(inner)[0]), ELEMENT
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        yield inner, suffix


def unused_required(model: type[BaseModel], used: set[tuple[type[BaseModel], str]]) -> list[str]:
    """Paths of required fields no template variable reads.

    A field holding a model counts as read when any field of that model is read.
    """
    read_models = {owner for owner, _ in used}
    unused = []
    for (owner, name), path in required_fields(model).items():
        nested = [m for m, _ in _nested_models(owner.model_fields[name].annotation)]
        if (owner, name) not in used and not (nested and nested[0] in read_models):
            unused.append(path)
    return unused
