"""Superscript ordinals in rendered WordprocessingML: « 1er » with « er » raised.

French typography (domaine.md §F.2) raises the « er » of « 1er mars 2026 » and
« Article 1er ». A filter cannot write that run itself without losing the
formatting of the run it sits in, so the rendering filters mark the suffix with
two control characters and, once the part is rendered, each marked suffix splits
its run in three: the text before, the suffix in superscript, the text after, all
three with the run's own properties. The control characters are not allowed in
XML 1.0, so no input (refused by validation) and no template (refused when
parsed) can contain them: a mark always comes from a filter.
"""

from __future__ import annotations

import re

START = "\x1e"
END = "\x1f"
_MARKED = re.compile(f"{START}([^{START}{END}<]*){END}")
# Elements that follow w:vertAlign in a run's properties (CT_RPr sequence).
_AFTER_VERT_ALIGN = re.compile(
    r"<w:(?:rtl|cs|em|lang|eastAsianLayout|specVanish|oMath|rPrChange)[ />]"
)
_VERT_ALIGN = re.compile(r"<w:vertAlign [^>]*/>")
_SUPERSCRIPT = '<w:vertAlign w:val="superscript"/>'
_FIRST = re.compile(r"(?<!\d)1er\b")


def ordinals(text: str) -> str:
    """``text`` with the « er » of every « 1er » marked for superscript."""
    return _FIRST.sub(f"1{START}er{END}", text) if "1er" in text else text


def unmark(text: str) -> str:
    """The plain text, marks removed (« 1er »)."""
    return text.replace(START, "").replace(END, "")


def apply(xml: str) -> str:
    """Every marked suffix of a rendered part set in a superscript run.

    A mark outside the text of a run (in an attribute, a field code) is removed
    and its text kept as it is.
    """
    if START not in xml:
        return xml
    pieces: list[str] = []
    position = 0
    for match in _MARKED.finditer(xml):
        pieces.append(xml[position : match.start()])
        pieces.append(_split_run(xml, match.start(), match.group(1)) or match.group(1))
        position = match.end()
    pieces.append(xml[position:])
    result = "".join(pieces)
    # Marks are left only outside a run's text (rare): removing them from a whole body
    # costs more than the rest of this function, so only when there are some.
    return unmark(result) if START in result or END in result else result


def _split_run(xml: str, at: int, suffix: str) -> str | None:
    """The XML closing the run at ``at``, the superscript run, and a run reopened with
    the same properties; None when ``at`` is not inside a run's w:t."""
    tag = xml.rfind("<", 0, at)
    if not (xml.startswith("<w:t>", tag) or xml.startswith("<w:t ", tag)):
        return None
    run = max(xml.rfind("<w:r>", 0, tag), xml.rfind("<w:r ", 0, tag))
    if run < 0:
        return None
    run_tag_end = xml.index(">", run) + 1
    run_tag = xml[run:run_tag_end]
    properties = ""
    if xml.startswith("<w:rPr>", run_tag_end):
        end = xml.find("</w:rPr>", run_tag_end)
        if end < 0 or end > tag:
            return None
        properties = xml[run_tag_end : end + len("</w:rPr>")]
        if "<w:rPrChange" in properties:  # a tracked change: leave the run whole
            return None
    return (
        f"</w:t></w:r><w:r>{_raised(properties)}<w:t>{suffix}</w:t></w:r>"
        f'{run_tag}{properties}<w:t xml:space="preserve">'
    )


def _raised(properties: str) -> str:
    if not properties:
        return f"<w:rPr>{_SUPERSCRIPT}</w:rPr>"
    inner = _VERT_ALIGN.sub("", properties[len("<w:rPr>") : -len("</w:rPr>")])
    after = _AFTER_VERT_ALIGN.search(inner)
    cut = after.start() if after else len(inner)
    return f"<w:rPr>{inner[:cut]}{_SUPERSCRIPT}{inner[cut:]}</w:rPr>"
