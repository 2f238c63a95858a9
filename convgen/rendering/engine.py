"""What decides a document's bytes besides its input and its template: convgen, its table
of legal references, and the libraries that write the Word package."""

from __future__ import annotations

import functools
from importlib.metadata import PackageNotFoundError, version

import convgen
from convgen import references

SHAPING_LIBRARIES = ("babel", "docxtpl", "jinja2", "lxml", "markupsafe", "num2words", "python-docx")
"""The libraries whose version can change the bytes of a document (constraints.txt pins them)."""


@functools.cache
def library_versions() -> dict[str, str]:
    """The installed version of each library that shapes the output."""
    return {name: _installed(name) for name in SHAPING_LIBRARIES}


def libraries_text() -> str:
    """« babel 2.17.0, docxtpl 0.20.2, … », as recorded in a document's provenance."""
    return ", ".join(f"{name} {number}" for name, number in library_versions().items())


def engine_fingerprint() -> str:
    """The engine as the batch state and the provenance record it: a change of any part
    rebuilds every document with the reason « moteur mis à jour »."""
    return f"convgen {convgen.__version__} ; références {references.VERSION} ; {libraries_text()}"


def _installed(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "absent"
