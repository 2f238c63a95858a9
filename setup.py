"""Packaging beyond what pyproject.toml can say: the Word templates and the examples live at
the root of the repository (modeles/, exemples/), where their authors edit them, and ship
inside the package as convgen.modeles and convgen.exemples (found through importlib)."""

from setuptools import find_namespace_packages, setup

SHIPPED = {
    "convgen.modeles": "modeles",
    "convgen.modeles.fragments": "modeles/fragments",
    "convgen.exemples": "exemples",
}

setup(
    packages=[*find_namespace_packages(include=["convgen", "convgen.*"]), *SHIPPED],
    package_dir=SHIPPED,
)
