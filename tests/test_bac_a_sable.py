"""The sandbox reaches template data by key, and loop and article attributes directly,
without changing what Jinja would answer; outputs are escaped as markupsafe escapes."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jinja2 import StrictUndefined
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError
from jinja2.runtime import LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from convgen.documents.articles import Article
from convgen.documents.context.commun import ModelView
from convgen.rendering.environment import (
    _PLAIN_ATTRIBUTES,
    _escape,
    make_environment,
    without_paragraph_lines,
)
from convgen.rendering.failures import where
from convgen.rendering.prepared import jinja_source
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


def test_attributes_read_directly_are_those_the_sandbox_grants() -> None:
    sandbox = ImmutableSandboxedEnvironment()
    loop = LoopContext([{"a": 1}, [2], "c"], StrictUndefined)
    next(iter(loop))
    objects = {LoopContext: loop, Article: Article("objet", 1, "1er", "Objet")}
    assert {"last", "index", "numero"} <= set().union(*_PLAIN_ATTRIBUTES.values())
    for kind, names in _PLAIN_ATTRIBUTES.items():
        for name in names:
            value = getattr(objects[kind], name)
            assert sandbox.is_safe_attribute(objects[kind], name, value), (kind, name)


def test_a_loop_attribute_that_fails_is_undefined_as_through_the_sandbox() -> None:
    source = "{% for x in l|map('dictsort') %}{{ loop.nextitem }}{% endfor %}"
    with pytest.raises(UndefinedError):
        make_environment().from_string(source).render(l=[{"a": 1}, [1]])


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
    with pytest.raises(TemplateSyntaxError) as raised:
        env.from_string("<w:p>a</w:p>\n<w:p>b</w:p>\n<w:p>{{ x ) }}</w:p>")
    assert raised.value.lineno == 3
    broken = "<w:p>a</w:p>\n<w:p>{{ 1 // 0 }}</w:p>"
    compiled = env.from_string(broken)
    with pytest.raises(ZeroDivisionError) as failed:  # rendered as rendering.prepared does
        "".join(compiled.root_render_func(compiled.new_context({})))
    assert where(failed.value, {"t": broken}, "t") == " près de « {{ 1 // 0 }} »"


PRINTED_AS_BEFORE = [
    "<w:p><w:r><w:t>{{ '</w:t></w:r></w:p><w:p><w:r><w:t>'|safe }}</w:t></w:r></w:p>",
    "{% autoescape false %}<w:p>{{ '<w:p>' }}</w:p>{% endautoescape %}",
    "<w:p>{{ x|safe }}</w:p>",
    "{{ x -}}<w:p>b</w:p>",
    "{% set b %}<w:p>a</w:p><w:p>b</w:p>{% endset %}{{ b|length }}{{ b|striptags }}{{ b }}",
    "{% filter indent(2) %}<w:p>a</w:p>\n<w:p>b</w:p>{% endfilter %}<w:p>c</w:p>",
    "{% macro m() %}<w:p>a</w:p><w:p>b</w:p>{% endmacro %}{{ m()|length }}{{ m() }}<w:p>c</w:p>",
    "{% set x = 1 %}<w:p>{{ x }}</w:p><w:p>c</w:p>"
    "{% set y | upper %}<w:p>d</w:p>{% endset %}{{ y }}",
    "{% macro m() %}<w:p>{{ caller() }}</w:p>{% endmacro %}"
    "{% set b %}{% for i in [1, 2] %}<w:p>{{ i }}</w:p>{% endfor %}{% endset %}{{ b|wordcount }}"
    "<w:p>z</w:p>{% call m() %}<w:p>q</w:p>{% endcall %}",
    "{% raw %}<w:p>{{ a }}</w:p>{% endraw %}<w:p>e</w:p>",
]


@pytest.mark.parametrize("xml", PRINTED_AS_BEFORE)
def test_paragraph_lines_go_as_when_they_were_taken_out_of_each_document(xml: str) -> None:
    # Before: every line break before a paragraph was taken out of the rendered part.
    # Now: out of the template's text at compile time (bodies that are values aside),
    # and out of the rendered part only if some are left (PreparedTemplate).
    source = jinja_source(xml)
    before = make_environment()
    del before.extensions["convgen.rendering.environment._ParagraphLines"]
    data = {"x": "t\n<w:p>u</w:p>"}
    expected = without_paragraph_lines(before.from_string(source).render(data))
    assert without_paragraph_lines(make_environment().from_string(source).render(data)) == expected
