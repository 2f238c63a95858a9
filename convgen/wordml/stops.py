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
# The mark, then the template's full stop: right after it, or opening the next run
# (the run's end, its properties, its text's start are kept). Not a « ... » the
# template writes.
_STOP_AFTER = re.compile(
    f"{END}((?:</w:t></w:r><w:r>(?:<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?<w:t(?: [^>]*)?>)?)"
    r"\.(?!\.)",
    re.DOTALL,
)


def mark(text: str) -> str:
    """``text`` with its end marked when it ends with a stop."""
    return text + END if text.endswith(_STOPS) else text


def unmark(text: str) -> str:
    """The plain text, marks removed."""
    return text.replace(END, "")


def apply(xml: str) -> str:
    """A rendered part without the full stops that follow a marked answer, nor marks."""
    if END not in xml:
        return xml
    return unmark(_STOP_AFTER.sub(r"\1", xml))
