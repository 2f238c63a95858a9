"""The sandbox reaches template data by key, and loop and article attributes directly,
without changing what Jinja would answer; outputs are escaped as markupsafe escapes."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jinja2 import StrictUndefined
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from convgen.documents.articles import Article
from convgen.documents.context.commun import ModelView
from convgen.rendering.environment import _escape, make_environment
from convgen.rendering.failures import where
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


LOOP = (
    "{% for x in l %}{{ loop.index }}/{{ loop.length }} {{ loop.first }} {{ loop.last }} "
    "{{ loop.index0 }} {{ loop.revindex }} {{ loop.revindex0 }} {{ loop.depth }} "
    "{{ loop.previtem is defined }} {{ loop.nextitem is defined }} {{ loop.cycle('a', 'b') }};"
    "{% endfor %}"
)


def test_loop_and_article_attributes_answer_what_the_sandbox_answers() -> None:
    # Read without the sandbox's checks (plain values): the same text as through them.
    reference = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=True)
    article = Article("objet", 1, "1er", "Objet")
    data = {"l": [1, 2, 3], "a": article}
    source = LOOP + "{{ a.key }} {{ a.n }} {{ a.numero }} {{ a.titre }}"
    expected = reference.from_string(source).render(data)
    assert make_environment().from_string(source).render(data) == expected
    assert "1/3 True False" in expected and "objet 1 1er Objet" in expected


def test_loop_and_article_private_attributes_stay_refused() -> None:
    env = make_environment()
    article = Article("objet", 1, "1er", "Objet")
    for source in ("{% for x in l %}{{ loop._after }}{% endfor %}", "{{ a.__class__ }}"):
        with pytest.raises(SecurityError):
            env.from_string(source).render({"l": [1], "a": article})


@given(st.text(max_size=1200) | st.sampled_from(["<&>\"'", "R&D « Oasis »", "a" * 1001]))
def test_escape_is_markupsafe_escape(text: str) -> None:
    assert _escape(text) == escape(text) and type(_escape(text)) is Markup
    assert str(_escape(text)) == str(escape(text))


def test_escape_passes_markup_and_objects_as_markupsafe_does() -> None:
    for value in (Markup("<w:br/>"), 12, None, Decimal("1.5"), ["<a>"]):
        assert _escape(value) == escape(value)


def test_every_compiled_template_escapes_through_the_cached_escape() -> None:
    env = make_environment({"fragment.docx": "<w:p>{{ x }}</w:p>"})
    for template in (env.from_string("{{ x }}"), env.get_template("fragment.docx")):
        assert template.root_render_func.__globals__["escape"] is _escape
        assert "&lt;b&gt;" in template.render(x="<b>")


def test_paragraph_line_breaks_are_not_printed_and_errors_keep_their_line() -> None:
    env = make_environment()
    source = '<w:body>\n<w:p w:rsidR="1"><w:t>{{ x }}</w:t></w:p>\n<w:p><w:t>b</w:t></w:p>'
    assert env.from_string(source).render(x="a") == (
        '<w:body><w:p w:rsidR="1"><w:t>a</w:t></w:p><w:p><w:t>b</w:t></w:p>'
    )
    # What a user typed keeps its line breaks; only those before a paragraph go.
    assert env.from_string("<w:t>{{ x }}</w:t>").render(x="a\n<w:p>") == (
        "<w:t>a\n&lt;w:p&gt;</w:t>"
    )
    with pytest.raises(TemplateSyntaxError) as raised:
        env.from_string("<w:p>a</w:p>\n<w:p>b</w:p>\n<w:p>{{ x ) }}</w:p>")
    assert raised.value.lineno == 3
    broken = "<w:p>a</w:p>\n<w:p>{{ 1 // 0 }}</w:p>"
    compiled = env.from_string(broken)
    with pytest.raises(ZeroDivisionError) as failed:  # rendered as rendering.prepared does
        "".join(compiled.root_render_func(compiled.new_context({})))
    assert where(failed.value, {"t": broken}, "t") == " près de « {{ 1 // 0 }} »"
