"""Branch coverage of a template by the examples: which ``{% if %}`` branches no example
exercises (a batch regeneration is only as safe as what was tried).

Each branch gets an XML comment marker in a traced copy of the template; rendering the
examples with it and collecting the markers shows the branches taken.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from convgen.errors import ConvgenError
from convgen.lint.location import source_line_text
from convgen.rendering.prepared import Guard, PreparedTemplate, TemplateBundle, unbounded

_CONTROL = re.compile(r"\{%-?\s*(if|elif|else|endif|for|endfor)\b.*?-?%\}", re.DOTALL)
_MARK = re.compile(r"<!--convgen-branche:(\d+)-->")


@dataclass(frozen=True)
class Branch:
    source: str
    line: int
    label: str


@dataclass
class _Tracer:
    branches: list[Branch] = field(default_factory=list)

    def instrument(self, name: str, source: str) -> str:
        """``source`` with a marker after every branch start, and explicit else branches."""
        out: list[str] = []
        stack: list[str] = []
        position = 0
        for match in _CONTROL.finditer(source):
            out.append(source[position : match.end()])
            position = match.end()
            line = source.count("\n", 0, match.start()) + 1
            out.append(self._after(match.group(1), stack, name, line))
        out.append(source[position:])
        return "".join(out)

    def _after(self, keyword: str, stack: list[str], name: str, line: int) -> str:
        if keyword in ("if", "for"):
            stack.append(keyword)
            return self._mark(name, line, "si la condition est vraie") if keyword == "if" else ""
        if keyword in ("elif", "else") and stack and stack[-1] == "if":
            label = "sinon si" if keyword == "elif" else "sinon"
            return self._mark(name, line, f"branche « {label} »")
        if keyword in ("endif", "endfor") and stack:
            stack.pop()
        return ""

    def _mark(self, name: str, line: int, label: str) -> str:
        self.branches.append(Branch(name, line, label))
        return f"<!--convgen-branche:{len(self.branches) - 1}-->"


def _explicit_else(source: str) -> str:
    """Give every ``{% if %}`` without else an empty else, so its false branch is traced."""
    out: list[str] = []
    stack: list[bool] = []
    position = 0
    for match in _CONTROL.finditer(source):
        keyword = match.group(1)
        if keyword == "if":
            stack.append(False)
        elif keyword == "else" and stack:
            stack[-1] = True
        elif keyword == "for":
            stack.append(True)  # for-else is not traced
        elif keyword in ("endif", "endfor") and stack:
            had_else = stack.pop()
            if keyword == "endif" and not had_else:
                out.append(source[position : match.start()] + "{% else %}")
                position = match.start()
        out.append(source[position : match.end()])
        position = match.end()
    out.append(source[position:])
    return "".join(out)


@dataclass(frozen=True)
class Coverage:
    branches: list[Branch]
    taken: set[int]

    @property
    def missed(self) -> list[Branch]:
        return [b for i, b in enumerate(self.branches) if i not in self.taken]


def measure(
    bundle: TemplateBundle, contexts: Iterable[Mapping[str, Any]], *, guard: Guard = unbounded
) -> Coverage:
    """Render ``contexts`` with a traced copy of ``bundle`` (each render under ``guard``)
    and report the branches taken."""
    tracer = _Tracer()
    traced = PreparedTemplate(
        bundle,
        lambda name, src: tracer.instrument(name, _explicit_else(src)),
        guard=guard,
        refuse_flaws=False,  # reported, located, by the structure check
    )
    taken: set[int] = set()
    for context in contexts:
        try:
            rendered = traced.render(context)
        except ConvgenError:
            continue  # reported by the rendering check; coverage counts what renders
        for xml in rendered.values():
            taken |= {int(n) for n in _MARK.findall(xml.decode("utf-8"))}
    return Coverage(tracer.branches, taken)


def describe(branch: Branch, sources: Mapping[str, str]) -> str:
    text = source_line_text(sources.get(branch.source, ""), branch.line)
    return f"{branch.label}, paragraphe « {' '.join(text.split())[:70]} »"
