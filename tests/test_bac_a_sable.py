"""The sandbox reaches template data by key without changing what Jinja would answer."""

from __future__ import annotations

import pytest
from jinja2 import StrictUndefined
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from convgen.documents.context.commun import ModelView
from convgen.rendering.environment import make_environment
from convgen.schema.commun import Adresse

EXPRESSIONS = [
    "{{ d.titre }}",
    "{{ d['titre'] }}",
    "{{ d.items is callable }}",
    "{{ d.keys is callable }}",
    "{{ d.get('titre') }}",
    "{{ v.ville }}",
    "{{ v.source_model is defined }}",
    "{{ v.items is callable }}",
]


def _data() -> dict[str, object]:
    plain = {"titre": "Convention", "items": "clé nommée comme une méthode", "keys": 3}
    view = ModelView(Adresse, {"ville": "Lyon", "items": "x"})
    return {"d": plain, "v": view}


@pytest.mark.parametrize("expression", EXPRESSIONS)
def test_key_lookup_answers_what_jinja_answers(expression: str) -> None:
    reference = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=True)
    ours = make_environment()
    assert ours.from_string(expression).render(_data()) == reference.from_string(expression).render(
        _data()
    )


def test_missing_keys_and_private_attributes_stay_refused() -> None:
    env = make_environment()
    with pytest.raises(UndefinedError):
        env.from_string("{{ d.absent }}").render(_data())
    with pytest.raises(SecurityError):
        env.from_string("{{ v._convgen_model }}").render(_data())
    with pytest.raises(SecurityError):
        env.from_string("{{ d.__class__ }}").render(_data())
