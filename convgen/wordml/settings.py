"""The document settings (word/settings.xml) every generated document gets, whatever the
template's author left in them."""

from __future__ import annotations

import re
from collections.abc import Mapping

SETTINGS_PART = "word/settings.xml"

# Word's record that the text was spell-checked: false for a document whose text comes
# from the user, so Word checks it again.
_PROOF_STATE = re.compile(r"<w:proofState\b[^>]*/>")
_AUTO_HYPHENATION = re.compile(r"<w:autoHyphenation\b[^>]*/>")
# w:autoHyphenation comes right after w:defaultTabStop in CT_Settings.
_DEFAULT_TAB_STOP = re.compile(r"<w:defaultTabStop\b[^>]*/>")


def with_document_settings(parts: Mapping[str, bytes]) -> dict[str, bytes]:
    """``parts`` with their settings part made fit for a generated French document:
    automatic hyphenation on (justified French text without wide gaps), no proof state."""
    result = dict(parts)
    if SETTINGS_PART in result:
        settings = document_settings(result[SETTINGS_PART].decode("utf-8"))
        result[SETTINGS_PART] = settings.encode("utf-8")
    return result


def document_settings(xml: str) -> str:
    xml = _PROOF_STATE.sub("", xml)
    xml = _AUTO_HYPHENATION.sub("", xml)
    anchor = _DEFAULT_TAB_STOP.search(xml)
    if anchor is None:  # no tab stop declared: before the first setting that may follow it
        return xml.replace(
            "<w:characterSpacingControl", "<w:autoHyphenation/><w:characterSpacingControl", 1
        )
    return xml[: anchor.end()] + "<w:autoHyphenation/>" + xml[anchor.end() :]
