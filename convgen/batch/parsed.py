"""The recorded parse of an input and its last verdict, as compressed JSON: a batch
validates an unchanged input again without reading its YAML again, and reuses the
verdict (the rules' findings) while nothing it depends on changed."""

from __future__ import annotations

import datetime as dt
import json
import zlib
from collections.abc import Iterator, Mapping
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
    """The parse of an input (data and positions) and its verdict as compressed JSON;
    None if not JSON-able.

    JSON keeps every type the loader produces (str, int, float, bool, None, list,
    dict), so validating the unpacked data gives the same document, fingerprint
    and located messages as parsing the file again. The positions are kept as a
    JSON text of their own, decoded only if a message needs a line number.
    """
    positions = [
        [list(path), where.line, where.value_line, where.value_column]
        for path, where in raw.positions.items()
    ]
    recorded = None if verdict is None else _verdict_json(verdict, raw.source)
    try:
        text = _compact([raw.data, _compact(positions), recorded])
        return zlib.compress(text.encode("utf-8"))
    except (TypeError, ValueError):  # UnicodeEncodeError: a lone surrogate, refused later
        return None


def unpack(cache: bytes, source: str, content: bytes) -> tuple[RawInput, Verdict | None]:
    """The RawInput of ``content`` (already parsed once) from its packed parse, and the
    verdict recorded with it (None for a state written before verdicts were kept).
    Raises ValueError, TypeError or zlib.error on a damaged record."""
    data, positions, *rest = json.loads(zlib.decompress(cache))
    raw = RawInput(source, data, _Positions(positions), content.decode("utf-8-sig"))
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
    """Positions decoded on first use: most documents have no message to locate."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._decoded: dict[DataPath, Position] | None = None

    def _positions(self) -> dict[DataPath, Position]:
        if self._decoded is None:
            self._decoded = {tuple(path): Position(*at) for path, *at in json.loads(self._text)}
        return self._decoded

    def __getitem__(self, path: DataPath) -> Position:
        return self._positions()[path]

    def __iter__(self) -> Iterator[DataPath]:
        return iter(self._positions())

    def __len__(self) -> int:
        return len(self._positions())
