"""What convgen says of itself: its engine's libraries and the bounds a render runs under."""

from __future__ import annotations

from convgen.rendering.engine import library_versions
from convgen.rendering.limits import bounds_in_force as render_bounds

__all__ = ["engine_lines", "render_bounds"]


def engine_lines() -> list[str]:
    """« docxtpl 0.20.2 » and so on: the libraries whose version shapes the documents."""
    return [f"{name} {number}" for name, number in library_versions().items()]
