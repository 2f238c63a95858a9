"""Reading Word templates and their fragments from a templates folder (I/O edge)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from convgen.errors import TemplateError
from convgen.files import read_bytes, shipped_folder
from convgen.rendering.failures import failures
from convgen.rendering.prepared import TemplateBundle, included_names, patched_body

FRAGMENTS_DIR = "fragments"
MAX_TEMPLATE_BYTES = 20 * 1024 * 1024


def default_templates_dir() -> Path:
    """The Word templates shipped with convgen (``modeles/`` of the repository)."""
    return shipped_folder("convgen.modeles")


def read_template(path: Path) -> bytes:
    """The bytes of a template file. Raises TemplateError if absent or unreadable."""
    return read_bytes(path, limit=MAX_TEMPLATE_BYTES, noun="modèle", error=TemplateError, line=None)


Fragments = dict[Path, tuple[bytes, tuple[str, str, str]]]
"""Fragments already read, by path: their bytes and patched body (see ``load_bundle``)."""


def load_bundle(
    templates_dir: Path,
    name: str,
    *,
    also: Sequence[Path] = (),
    fragments_read: Fragments | None = None,
) -> TemplateBundle:
    """The template ``name`` and, recursively, every fragment it includes, found in
    ``templates_dir``'s fragments folder, else in that of each folder of ``also``.
    ``fragments_read`` is shared by templates loaded together (a batch reads every
    template): a fragment they include is read and patched once. Raises
    TemplateError, whatever makes reading the template fail."""
    with failures(name, "lu"):
        return _load_bundle(
            templates_dir, name, also, {} if fragments_read is None else fragments_read
        )


def _load_bundle(
    templates_dir: Path, name: str, also: Sequence[Path], fragments_read: Fragments
) -> TemplateBundle:
    data = read_template(templates_dir / name)
    fragments: dict[str, bytes] = {}
    bodies = {name: patched_body(data, name)}
    pending = included_names(bodies[name][1])
    while pending:
        fragment = pending.pop()
        if fragment in fragments:
            continue
        if "/" in fragment or "\\" in fragment or fragment.startswith("."):
            raise TemplateError(f"nom de fragment interdit « {fragment} »", source=name)
        path = _fragment_path(fragment, [templates_dir, *also])
        if path not in fragments_read:
            read = read_template(path)
            fragments_read[path] = (read, patched_body(read, fragment))
        fragments[fragment], bodies[fragment] = fragments_read[path]
        pending += included_names(bodies[fragment][1])
    return TemplateBundle(name=name, data=data, fragments=fragments, bodies=bodies)


def _fragment_path(fragment: str, folders: Sequence[Path]) -> Path:
    """The first folder's copy of ``fragment`` that exists (the first one if none does, so
    that the error names where it was expected)."""
    candidates = [folder / FRAGMENTS_DIR / fragment for folder in folders]
    return next((path for path in candidates if path.is_file()), candidates[0])
