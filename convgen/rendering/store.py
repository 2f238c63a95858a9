"""Reading Word templates and their fragments from a templates folder (I/O edge)."""

from __future__ import annotations

from pathlib import Path

from convgen.errors import TemplateError, os_reason
from convgen.rendering.prepared import TemplateBundle, included_names, patched_body

FRAGMENTS_DIR = "fragments"
MAX_TEMPLATE_BYTES = 20 * 1024 * 1024


def default_templates_dir() -> Path:
    """``modeles/`` beside the package (the repository layout)."""
    return Path(__file__).resolve().parents[2] / "modeles"


def read_bytes(path: Path) -> bytes:
    """The bytes of a template file. Raises TemplateError if absent or unreadable."""
    try:
        if path.stat().st_size > MAX_TEMPLATE_BYTES:
            raise TemplateError("modèle trop volumineux", source=str(path))
        return path.read_bytes()
    except FileNotFoundError:
        raise TemplateError("modèle introuvable", source=str(path)) from None
    except OSError as exc:
        raise TemplateError(f"modèle illisible ({os_reason(exc)})", source=str(path)) from None


def load_bundle(templates_dir: Path, name: str) -> TemplateBundle:
    """The template ``name`` and, recursively, every fragment it includes."""
    data = read_bytes(templates_dir / name)
    fragments: dict[str, bytes] = {}
    bodies = {name: patched_body(data, name)}
    pending = included_names(bodies[name][1])
    while pending:
        fragment = pending.pop()
        if fragment in fragments:
            continue
        if "/" in fragment or "\\" in fragment or fragment.startswith("."):
            raise TemplateError(f"nom de fragment interdit « {fragment} »", source=name)
        fragments[fragment] = read_bytes(templates_dir / FRAGMENTS_DIR / fragment)
        bodies[fragment] = patched_body(fragments[fragment], fragment)
        pending += included_names(bodies[fragment][1])
    return TemplateBundle(name=name, data=data, fragments=fragments, bodies=bodies)
