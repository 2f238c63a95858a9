"""The diagonal « PROJET » watermark of a draft: a Word text-path shape behind the text of
every page, anchored in the headers (as Word's own « Filigrane » command does)."""

from __future__ import annotations

import re
from collections.abc import Mapping

V_NS = "urn:schemas-microsoft-com:vml"
O_NS = "urn:schemas-microsoft-com:office:office"

_SHAPE = (
    '<w:r><w:pict><v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" '
    'adj="10800" path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas>'
    '<v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/>'
    '<v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/>'
    '<v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/>'
    '<v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/>'
    '<v:f eqn="sum @6 0 @5"/></v:formulas><v:path textpathok="t" o:connecttype="custom" '
    'o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>'
    '<v:textpath on="t" fitshape="t"/><o:lock v:ext="edit" text="t" shapetype="t"/>'
    '</v:shapetype><v:shape id="convgen-filigrane-{index}" type="#_x0000_t136" '
    'style="position:absolute;margin-left:0;margin-top:0;width:460pt;height:115pt;'
    "rotation:315;z-index:-251654144;mso-position-horizontal:center;"
    "mso-position-horizontal-relative:margin;mso-position-vertical:center;"
    'mso-position-vertical-relative:margin" o:allowincell="f" fillcolor="#c8c8c8" '
    'stroked="f"><v:fill opacity=".5"/><v:textpath style="font-family:&quot;Calibri&quot;;'
    'font-size:1pt" string="{text}"/></v:shape></w:pict></w:r>'
)
_ROOT = re.compile(r"<w:hdr\b[^>]*>")
_FIRST_PARAGRAPH_END = re.compile(r"</w:p>")


def with_watermark(parts: Mapping[str, bytes], text: str = "PROJET") -> dict[str, bytes]:
    """``parts`` whose every header carries the diagonal ``text`` watermark."""
    result = dict(parts)
    headers = sorted(n for n in result if n.startswith("word/header") and n.endswith(".xml"))
    for index, name in enumerate(headers, start=1):
        result[name] = _marked(result[name].decode("utf-8"), text, index).encode("utf-8")
    return result


def _marked(xml: str, text: str, index: int) -> str:
    root = _ROOT.search(xml)
    end = _FIRST_PARAGRAPH_END.search(xml)
    if root is None or end is None:  # a header without a paragraph: nothing to anchor to
        return xml
    opening = root.group(0)
    for prefix, namespace in (("v", V_NS), ("o", O_NS)):
        if f"xmlns:{prefix}=" not in opening:
            opening = opening[:-1] + f' xmlns:{prefix}="{namespace}">'
    shape = _SHAPE.replace("{index}", str(index)).replace("{text}", text)
    marked = xml[: end.start()] + shape + xml[end.start() :]
    return marked[: root.start()] + opening + marked[root.end() :]
