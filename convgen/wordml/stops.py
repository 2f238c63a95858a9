"""One stop at the end of a sentence that ends with an answer.

A template closes a sentence after a value: « Ces alertes sont adressées {{ x }}. ».
When the answer already ends with a stop of its own (« … désignés ci-après. »,
« etc. », « ! », « ? », « … »), the document would read « ci-après.. » or « !. ».
The rendering marks the end of each printed value that ends with a stop (``mark``);
once the part is rendered, a full stop the template writes right after such a mark,
in the same run or at the start of the next one, is dropped (``apply``) and the marks
are removed. Only the template's full stop goes: a comma, a semicolon or a colon
after the answer stays (« resp. adm., tél. »), and nothing the user typed changes.
The mark is a control character that XML 1.0 does not allow, so no input (refused by
validation) and no template (refused when parsed) can hold one.
"""

from __future__ import annotations

import re

END = "\x1d"
_STOPS = (".", "!", "?", "…")
# What may follow the mark before the template's full stop: the end of the run and the
# start of the next (its properties, its text), kept. Not a « ... » the template writes.
_NEXT_RUN = re.compile(
    r"</w:t></w:r><w:r>(?:<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?<w:t(?: [^>]*)?>", re.DOTALL
)


def mark(text: str) -> str:
    """``text`` with its end marked when it ends with a stop."""
    return text + END if text.endswith(_STOPS) else text


def apply(xml: str) -> str:
    """A rendered part without the full stops that follow a marked answer, nor marks.

    Each mark is looked at where it is (found, then an anchored match), rather than by
    a pattern searched over the whole part: a body of 80 KB holds a few marks at most."""
    mark_at = xml.find(END)
    if mark_at < 0:
        return xml
    pieces: list[str] = []
    start = 0
    while mark_at >= 0:
        pieces.append(xml[start:mark_at])
        start = mark_at + 1
        run = _NEXT_RUN.match(xml, start)
        stop = run.end() if run else start
        if xml.startswith(".", stop) and not xml.startswith("..", stop):
            pieces.append(xml[start:stop])  # the run's end and the next one's start
            start = stop + 1
        mark_at = xml.find(END, start)
    pieces.append(xml[start:])
    return "".join(pieces)
