"""The recorded parse of an input and its last verdict, as compressed JSON: a batch
validates an unchanged input again without reading its YAML again, and reuses the
verdict (the rules' findings) while nothing it depends on changed."""

from __future__ import annotations

import datetime as dt
import json
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from convgen.errors import DataPath, Problem, Severity
from convgen.loading import Position, RawInput


@dataclass(frozen=True)
class Verdict:
    """What validating an input found (every problem, with its line), and what that
    depended on: ``key`` (convgen, its libraries and the options) and the days it
    holds for (from ``since`` to the day before ``until``, which a rule comparing a
    date with today sets; always, if None)."""

    key: str
    since: dt.date
    until: dt.date | None
    problems: tuple[Problem, ...]

    def holds(self, key: str, today: dt.date) -> bool:
        """Whether validating the same input now would find the same."""
        return (
            key == self.key and self.since <= today and (self.until is None or today < self.until)
        )


def pack(raw: RawInput, verdict: Verdict | None = None) -> bytes | None:
    """The parse of an input (its data) and its verdict as compressed JSON; None if not
    JSON-able.

    JSON keeps every type the loader produces (str, int, float, bool, None, list,
    dict), so validating the unpacked data gives the same document and fingerprint as
    parsing the file again. Positions are not kept: encoding them cost as much as the
    rest, and a message needs them only when the rules run again (see ``unpack``).
    """
    recorded = None if verdict is None else _verdict_json(verdict, raw.source)
    try:
        text = _compact([raw.data, None, recorded])
        return zlib.compress(text.encode("utf-8"), _LEVEL)
    except (TypeError, ValueError):  # UnicodeEncodeError: a lone surrogate, refused later
        return None


# Level 1 deflates a record in a third of the time of the default 6, for a record about
# a fifth larger.
_LEVEL = 1


def unpack(
    cache: bytes, source: str, content: bytes, locate: Callable[[], Mapping[DataPath, Position]]
) -> tuple[RawInput, Verdict | None]:
    """The RawInput of ``content`` (already parsed once) from its packed parse, and the
    verdict recorded with it (None for a state written before verdicts were kept).
    ``locate`` gives the positions by parsing ``content`` again: called only if a
    message needs a line (a state written before gives them itself).
    Raises ValueError, TypeError or zlib.error on a damaged record."""
    data, positions, *rest = json.loads(zlib.decompress(cache))
    located = _Positions(locate if positions is None else lambda: _decoded(positions))
    raw = RawInput(source, data, located, content.decode("utf-8-sig"))
    recorded = rest[0] if rest else None
    return raw, None if recorded is None else _verdict(recorded, source)


def _verdict_json(verdict: Verdict, source: str) -> list[object] | None:
    """The verdict without its file name (the input folder may have moved); None if a
    problem names another file than the input's."""
    if any(problem.source != source for problem in verdict.problems):
        return None
    problems = [[p.message, p.severity.value, p.line, p.path, p.rule] for p in verdict.problems]
    until = None if verdict.until is None else verdict.until.isoformat()
    return [verdict.key, verdict.since.isoformat(), until, problems]


def _verdict(recorded: list[object], source: str) -> Verdict:
    key, since, until, problems = recorded
    if not isinstance(key, str) or not isinstance(since, str) or not isinstance(problems, list):
        raise ValueError("damaged verdict")
    return Verdict(
        key,
        dt.date.fromisoformat(since),
        None if until is None else dt.date.fromisoformat(str(until)),
        tuple(
            Problem(message, Severity(severity), source, line, path, rule)
            for message, severity, line, path, rule in problems
        ),
    )


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class _Positions(Mapping[DataPath, Position]):
    """Positions found on first use (most documents have no message to locate), by
    ``find``."""

    def __init__(self, find: Callable[[], Mapping[DataPath, Position]]) -> None:
        self._find: Callable[[], Mapping[DataPath, Position]] | None = find
        self._found: Mapping[DataPath, Position] = {}

    def _positions(self) -> Mapping[DataPath, Position]:
        if self._find is not None:
            self._found, self._find = self._find(), None
        return self._found

    def __getitem__(self, path: DataPath) -> Position:
        return self._positions()[path]

    def __iter__(self) -> Iterator[DataPath]:
        return iter(self._positions())

    def __len__(self) -> int:
        return len(self._positions())


def _decoded(text: str) -> dict[DataPath, Position]:
    """Positions recorded as JSON text (a state written before convgen found them again
    from the file)."""
    return {tuple(path): Position(*at) for path, *at in json.loads(text)}
