"""The recorded parse of an input: data and positions as compressed JSON, so that a
batch validates an unchanged input again without reading its YAML again."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator, Mapping

from convgen.errors import DataPath
from convgen.loading import Position, RawInput


def pack(raw: RawInput) -> bytes | None:
    """The parse of an input (data and positions) as compressed JSON; None if not JSON-able.

    JSON keeps every type the loader produces (str, int, float, bool, None, list,
    dict), so validating the unpacked data gives the same document, fingerprint
    and located messages as parsing the file again. The positions are kept as a
    JSON text of their own, decoded only if a message needs a line number.
    """
    positions = [
        [list(path), where.line, where.value_line, where.value_column]
        for path, where in raw.positions.items()
    ]
    try:
        text = _compact([raw.data, _compact(positions)])
        return zlib.compress(text.encode("utf-8"))
    except (TypeError, ValueError):  # UnicodeEncodeError: a lone surrogate, refused later
        return None


def unpack(cache: bytes, source: str, content: bytes) -> RawInput:
    """The RawInput of ``content`` (already parsed once) from its packed parse."""
    data, positions = json.loads(zlib.decompress(cache))
    return RawInput(source, data, _Positions(positions), content.decode("utf-8-sig"))


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
