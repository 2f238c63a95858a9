"""The raised « er » of « 1er »: runs split with their own formatting kept."""

from __future__ import annotations

from lxml import etree

from convgen.wordml import superscript

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MARKED = superscript.ordinals("le 1er mars")


def _body(runs: str) -> str:
    return f"<w:document {W}><w:body><w:p>{runs}</w:p></w:body></w:document>"


def test_marks_only_a_standalone_first() -> None:
    assert superscript.ordinals("Article 1er") == "Article 1\x1eer\x1f"
    assert superscript.ordinals("le 11er, 21er, 1erement") == "le 11er, 21er, 1erement"
    assert superscript.unmark(superscript.ordinals("1er et 1er")) == "1er et 1er"


def test_a_plain_run_is_split_in_three() -> None:
    xml = superscript.apply(_body(f"<w:r><w:t>{MARKED}</w:t></w:r>"))
    assert xml == _body(
        "<w:r><w:t>le 1</w:t></w:r>"
        '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>er</w:t></w:r>'
        '<w:r><w:t xml:space="preserve"> mars</w:t></w:r>'
    )


def test_the_run_formatting_is_kept_and_the_schema_order_respected() -> None:
    properties = '<w:rPr><w:b/><w:vertAlign w:val="subscript"/><w:lang w:val="fr-FR"/></w:rPr>'
    xml = superscript.apply(_body(f'<w:r w:rsidR="00AB">{properties}<w:t>{MARKED}</w:t></w:r>'))
    etree.fromstring(xml)
    assert (
        '<w:r><w:rPr><w:b/><w:vertAlign w:val="superscript"/><w:lang w:val="fr-FR"/></w:rPr>'
        "<w:t>er</w:t></w:r>"
    ) in xml
    assert xml.count(properties) == 2  # before and after the raised suffix
    assert xml.count('<w:r w:rsidR="00AB">') == 2


def test_a_mark_outside_run_text_is_removed_and_the_text_kept() -> None:
    source = _body(f'<w:r><w:drawing><wp:docPr descr="{MARKED}"/></w:drawing></w:r>')
    assert superscript.apply(source) == source.replace(MARKED, "le 1er mars")
    tracked = '<w:rPr><w:b/><w:rPrChange w:id="1"><w:rPr/></w:rPrChange></w:rPr>'
    whole = superscript.apply(_body(f"<w:r>{tracked}<w:t>{MARKED}</w:t></w:r>"))
    assert whole == _body(f"<w:r>{tracked}<w:t>le 1er mars</w:t></w:r>")


def test_several_marks_in_one_run() -> None:
    xml = superscript.apply(_body(f"<w:r><w:t>{superscript.ordinals('1er et 1er')}</w:t></w:r>"))
    etree.fromstring(xml)
    assert xml.count("<w:t>er</w:t>") == 2
    assert "\x1e" not in xml and "\x1f" not in xml


def test_a_stray_mark_is_removed_whatever_the_others() -> None:
    # A start without its end (or an end alone) matches no suffix: it is removed, and
    # so is any mark left beside a suffix that was raised.
    for stray in ("\x1e", "\x1f"):
        source = _body(f"<w:r><w:t>a{stray}b {superscript.ordinals('1er')}</w:t></w:r>")
        xml = superscript.apply(source)
        assert "\x1e" not in xml and "\x1f" not in xml
        assert "<w:t>er</w:t>" in xml and ">ab 1<" in xml
