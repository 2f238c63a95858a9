"""Variable paths a template uses, found in its Jinja syntax tree (every branch), and
checked against the context of a maximal document.

docxtpl only reports top-level names; here loops, ``set`` and includes are followed,
so ``{% for partie in parties %}{{ partie.referent.nom }}`` yields ``parties[].referent.nom``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
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
_BindingBlock = nodes.Macro | nodes.CallBlock | nodes.AssignBlock | nodes.With
# What the body of a macro or a call block may name besides its parameters.
_CALLABLE_NAMES = ("varargs", "kwargs", "caller")


@dataclass(frozen=True)
class Use:
    """A variable path used by a template, and where."""

    path: tuple[str, ...]
    template: str
    line: int

    @property
    def dotted(self) -> str:
        text = ""
        for step in self.path:
            text += step if step == ELEMENT or not text else f".{step}"
        return text


@dataclass
class _Walker:
    env: Environment
    sources: Mapping[str, str]
    uses: list[Use] = field(default_factory=list)

    def walk(self, node: nodes.Node, scope: dict[str, tuple[str, ...] | None], name: str) -> None:
        if isinstance(node, nodes.For):
            self._for(node, scope, name)
        elif isinstance(node, nodes.Assign):
            self.walk(node.node, scope, name)
            single = isinstance(node.target, nodes.Name)
            for bound in _bound_names(node.target):
                scope[bound] = self.path_of(node.node, scope) if single else None
        elif isinstance(node, _BindingBlock):
            self._binding_block(node, scope, name)
        elif isinstance(node, nodes.Import):
            scope[node.target] = None
        elif isinstance(node, nodes.FromImport):
            scope.update(dict.fromkeys(n if isinstance(n, str) else n[1] for n in node.names))
        elif isinstance(node, nodes.Include):
            self._include(node, scope)
        elif isinstance(node, nodes.Getattr | nodes.Getitem | nodes.Name):
            self._record(node, scope, name)
        else:
            for child in node.iter_child_nodes():
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
        """Walk what a binding block evaluates outside its body (defaults, the call, the
        values, the filter); the names its body sees besides the enclosing ones."""
        if isinstance(node, nodes.Macro):
            scope[node.name] = None
            outside = list(node.defaults)
            names = [node.name, *_CALLABLE_NAMES, *(arg.name for arg in node.args)]
        elif isinstance(node, nodes.CallBlock):
            outside = [node.call, *node.defaults]
            names = [*_CALLABLE_NAMES, *(arg.name for arg in node.args)]
        elif isinstance(node, nodes.With):
            outside = list(node.values)
            names = [bound for target in node.targets for bound in _bound_names(target)]
        elif isinstance(node, nodes.AssignBlock):
            outside = [node.filter] if node.filter is not None else []
            names = []
        for expression in outside:
            self.walk(expression, scope, name)
        return dict.fromkeys(names)

    def _for(self, node: nodes.For, scope: dict[str, Any], name: str) -> None:
        self.walk(node.iter, scope, name)
        inner = dict(scope)
        iterated = self.path_of(node.iter, scope)
        targets = node.target.items if isinstance(node.target, nodes.Tuple) else [node.target]
        for target in targets:
            if isinstance(target, nodes.Name):
                inner[target.name] = (
                    (*iterated, ELEMENT) if iterated and len(targets) == 1 else None
                )
        inner["loop"] = None
        for child in [node.test, *node.body, *node.else_]:
            if child is not None:
                self.walk(child, inner, name)

    def _include(self, node: nodes.Include, scope: dict[str, Any]) -> None:
        template = node.template
        if isinstance(template, nodes.Const) and template.value in self.sources:
            fragment = str(template.value)
            ast = self.env.parse(self.sources[fragment])
            self.walk(ast, dict(scope), fragment)

    def _record(self, node: nodes.Node, scope: dict[str, Any], name: str) -> None:
        path = self.path_of(node, scope)
        if path:
            self.uses.append(Use(path, name, node.lineno))
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
    walker = _Walker(env, sources)
    walker.walk(env.parse(sources[name]), {}, name)
    return walker.uses


@dataclass(frozen=True)
class Resolution:
    """Where a path leads in a context: found or not, and the schema fields it reads."""

    found: bool
    missing: str = ""
    fields: tuple[tuple[type[BaseModel], str], ...] = ()


def resolve(context: Mapping[str, Any], path: tuple[str, ...]) -> Resolution:
    """Follow ``path`` in ``context``; lists are followed through their first element."""
    value: Any = context
    fields: list[tuple[type[BaseModel], str]] = []
    for step in path:
        if value is None:
            return Resolution(True, fields=tuple(fields))  # optional value left empty
        if step == ELEMENT:
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
                return Resolution(False, step, tuple(fields))
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
