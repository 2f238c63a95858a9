"""Reading Word templates and their fragments from a templates folder (I/O edge)."""

from __future__ import annotations

from pathlib import Path

from convgen.errors import TemplateError
from convgen.files import read_bytes
from convgen.rendering.failures import failures
from convgen.rendering.prepared import TemplateBundle, included_names, patched_body

FRAGMENTS_DIR = "fragments"
MAX_TEMPLATE_BYTES = 20 * 1024 * 1024


def default_templates_dir() -> Path:
    """``modeles/`` beside the package (the repository layout)."""
    return Path(__file__).resolve().parents[2] / "modeles"


def read_template(path: Path) -> bytes:
    """The bytes of a template file. Raises TemplateError if absent or unreadable."""
    return read_bytes(path, limit=MAX_TEMPLATE_BYTES, noun="modèle", error=TemplateError, line=None)


def load_bundle(templates_dir: Path, name: str) -> TemplateBundle:
    """The template ``name`` and, recursively, every fragment it includes. Raises
    TemplateError, whatever makes reading the template fail."""
    with failures(name, "lu"):
        return _load_bundle(templates_dir, name)


def _load_bundle(templates_dir: Path, name: str) -> TemplateBundle:
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
        fragments[fragment] = read_template(templates_dir / FRAGMENTS_DIR / fragment)
        bodies[fragment] = patched_body(fragments[fragment], fragment)
        pending += included_names(bodies[fragment][1])
    return TemplateBundle(name=name, data=data, fragments=fragments, bodies=bodies)
