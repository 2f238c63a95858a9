"""Error base, located problems and exit codes.

Every failure a user can cause is a :class:`ConvgenError`; anything else that
escapes is a bug and is reported as an internal error by the CLI.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import IntEnum, StrEnum

_OS_REASONS = {
    errno.ENOENT: "introuvable",
    errno.EISDIR: "c'est un dossier, pas un fichier",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EACCES: "droits insuffisants",
    errno.EPERM: "opération non permise",
    errno.ELOOP: "trop de liens symboliques",
    errno.ENAMETOOLONG: "nom trop long",
    errno.EIO: "erreur de lecture ou d'écriture du disque",
    errno.EROFS: "le dossier est en lecture seule",
    errno.ENOSPC: "disque plein",
    errno.EDQUOT: "quota disque dépassé",
    errno.EEXIST: "un fichier porte déjà ce nom",
    errno.EBUSY: "le fichier est verrouillé par une autre application",
}

# What some of them mean when convgen writes a file the user named.
_WRITE_REASONS = {
    errno.EACCES: "écriture refusée (droits insuffisants ou dossier en lecture seule)",
    errno.EPERM: "écriture refusée (droits insuffisants)",
    errno.EISDIR: "un dossier porte déjà ce nom",
    errno.ENOTDIR: "un fichier porte le nom d'un des dossiers",
    errno.ENOENT: "le dossier de destination n'existe pas",
}
_WRITING_SAYS_IT_ALL = {errno.EROFS, errno.ENOSPC, errno.EDQUOT, errno.EEXIST, errno.EBUSY}


def os_reason(exc: OSError, *, writing: bool = False) -> str:
    """The French reason of a failed file operation (the system's text is in English);
    ``writing``: said of a file convgen was writing (« écriture impossible (…) »)."""
    code = exc.errno or 0
    reason = _OS_REASONS.get(code, exc.strerror or str(exc))
    if not writing or code in _WRITING_SAYS_IT_ALL:
        return reason
    return _WRITE_REASONS.get(code, f"écriture impossible ({reason})")


# Characters that would break a message into lines or hide part of it: C0 and C1
# controls, DEL, line and paragraph separators, and the non-characters U+FFFE/U+FFFF.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_QUOTED = re.compile("« (.*?) »", re.DOTALL)
MAX_QUOTED_CHARS = 80
MAX_MESSAGE_CHARS = 600


def one_line(text: str) -> str:
    """A message as one printable line: separators and controls escaped (``\\n``,
    ``\\u2028``), each quoted value (« … ») and the whole message shortened."""
    text = _QUOTED.sub(lambda m: f"« {_shortened(m.group(1), MAX_QUOTED_CHARS)} »", text)
    text = _UNPRINTABLE.sub(_escaped, text)
    return _shortened(text, MAX_MESSAGE_CHARS)


def _shortened(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    return named.get(char) or (
        f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
    )


DataPath = tuple[str | int, ...]
"""Where a value sits in an input file: keys and list indexes from the root."""


class ExitCode(IntEnum):
    OK = 0
    INVALID = 1
    USAGE = 2
    INTERNAL = 3


class Severity(StrEnum):
    ERREUR = "erreur"
    AVERTISSEMENT = "avertissement"
    INFORMATION = "information"


@dataclass(frozen=True)
class Problem:
    """One located finding about an input file, a template or a document."""

    message: str
    severity: Severity = Severity.ERREUR
    source: str | None = None
    line: int | None = None
    path: str = ""
    rule: str | None = None

    def __str__(self) -> str:
        where = self.source or "<entrée>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        subject = f" {self.path} :" if self.path else ""
        label = "" if self.severity is Severity.ERREUR else f" ({self.severity})"
        rule = f" [{self.rule}]" if self.rule else ""
        return one_line(f"{where}:{subject}{label} {self.message}{rule}")

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERREUR

    def as_dict(self) -> dict[str, str | int | None]:
        """The problem for tools (JSON): stable ASCII keys, one fact per key."""
        return {
            "fichier": self.source,
            "ligne": self.line,
            "champ": self.path or None,
            "regle": self.rule,
            "gravite": str(self.severity),
            "message": self.message,
        }

    def escalated(self) -> Problem:
        """Return the problem as an error if it was a warning (``--strict``)."""
        if self.severity is Severity.AVERTISSEMENT:
            return replace(self, severity=Severity.ERREUR)
        return self


def count_by_severity(problems: Iterable[Problem]) -> dict[Severity, int]:
    counts = dict.fromkeys(Severity, 0)
    for problem in problems:
        counts[problem.severity] += 1
    return counts


def summary_line(
    problems: Sequence[Problem], files: int, unit: tuple[str, str] = ("fichier", "fichiers")
) -> str:
    """French summary: « 2 fichiers : 3 erreurs, 1 avertissement » (``unit``: what was
    checked, singular and plural)."""
    return f"{_plural(files, *unit)} : {severity_counts(problems)}."


def severity_counts(problems: Iterable[Problem]) -> str:
    """« 3 erreurs, 1 avertissement » (and the informations, if any): the summary of a
    command, which always says how many errors and warnings, none included."""
    return ", ".join(counted_severities(problems, zeros=True))


def counted_severities(problems: Iterable[Problem], *, zeros: bool = False) -> list[str]:
    """[« 1 erreur », « 3 avertissements », « 1 information »]: each severity found, counted;
    ``zeros`` keeps « 0 erreur » and « 0 avertissement » (informations only when there
    are some)."""
    counts = count_by_severity(problems)
    return [
        _plural(count, *_SEVERITY_NOUNS[severity])
        for severity, count in counts.items()
        if count or (zeros and severity is not Severity.INFORMATION)
    ]


_SEVERITY_NOUNS = {
    Severity.ERREUR: ("erreur", "erreurs"),
    Severity.AVERTISSEMENT: ("avertissement", "avertissements"),
    Severity.INFORMATION: ("information", "informations"),
}


def _plural(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count < 2 else plural}"


class ConvgenError(Exception):
    """Base of every error a user can cause; carries its location and prints itself."""

    exit_code: ExitCode = ExitCode.INVALID

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line

    def __str__(self) -> str:
        if self.source is None:
            return one_line(self.message)
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return one_line(f"{where}: {self.message}")

    def as_problem(self) -> Problem:
        return Problem(self.message, source=self.source, line=self.line)


class InputError(ConvgenError):
    """An input file cannot be read or parsed (encoding, syntax, size)."""


class ValidationFailed(ConvgenError):
    """An input parsed but holds blocking problems; carries all of them."""

    def __init__(self, problems: Sequence[Problem], *, source: str | None = None) -> None:
        super().__init__("données invalides", source=source)
        self.problems = tuple(problems)


class TemplateError(ConvgenError):
    """A Word template cannot be read, compiled or rendered."""


class OutputError(ConvgenError):
    """A document cannot be written where it was asked."""


class StateError(ConvgenError):
    """The batch state folder is locked by another run, unreadable, or from a newer convgen."""


class BatchError(ConvgenError):
    """The batch cannot go on (a worker process died)."""


class RedlineError(ConvgenError):
    """The comparison engine is missing or failed."""


class OfficeError(ConvgenError):
    """LibreOffice, which makes the PDF, is missing, failed or took too long."""


class UsageError(ConvgenError):
    """The command line asks for something impossible (exit code 2)."""

    exit_code = ExitCode.USAGE
