"""A small pool of LibreOffice servers for a batch: one per worker, each restarted
after a crash or a hang, each document tried twice before it is reported failed."""

from __future__ import annotations

import contextlib
import queue
import xmlrpc.client
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType
from typing import TypeVar

from convgen.errors import OfficeError, os_reason
from convgen.pdf.office import DEFAULT_TIMEOUT, Office, find_office
from convgen.pdf.server import OfficeServer

K = TypeVar("K")
ATTEMPTS = 2
IN_FLIGHT_PER_SERVER = 2  # bounds the documents held in memory, whatever their number


class OfficePool:
    """``with OfficePool(2) as pool: pool.convert(docx)``; servers start on first use."""

    def __init__(
        self, size: int, *, timeout: float = DEFAULT_TIMEOUT, office: Office | None = None
    ) -> None:
        self.size = max(1, size)
        self._timeout = timeout
        self._office = office
        self._idle: queue.SimpleQueue[OfficeServer] = queue.SimpleQueue()
        self._servers: list[OfficeServer] = []
        self._closed = False
        self.restarts = 0

    def __enter__(self) -> OfficePool:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def start(self, count: int | None = None) -> None:
        """Start ``count`` servers (all of them by default) together. Raises OfficeError."""
        self._refuse_if_closed()
        office = self._office or find_office()
        wanted = min(self.size, count or self.size) - len(self._servers)
        new = [OfficeServer(office, self._timeout) for _ in range(max(0, wanted))]
        self._servers += new
        with ThreadPoolExecutor(max(1, len(new))) as starting:
            for started in [starting.submit(server.start) for server in new]:
                started.result()
        for server in new:
            self._idle.put(server)

    def convert(self, docx: bytes, *, pdfa: bool = False) -> bytes:
        """The PDF of ``docx``. Raises OfficeError after a retry on a restarted server."""
        if not self._servers:
            self.start(1)
        server = self._idle.get()
        try:
            return self._attempts(server, docx, pdfa)
        finally:
            self._idle.put(server)

    def _attempts(self, server: OfficeServer, docx: bytes, pdfa: bool) -> bytes:
        for attempt in range(ATTEMPTS):
            if not server.alive():
                self._restart(server)
            try:
                return server.convert(docx, pdfa=pdfa)
            except (OSError, xmlrpc.client.Error):
                # Crashed (the server answers with a Fault, or not at all) or hung: a fresh
                # LibreOffice for the retry and for the documents after this one.
                if attempt + 1 < ATTEMPTS:
                    self._restart(server)
        self._restart(server)
        raise OfficeError(
            f"LibreOffice n'a pas pu convertir le document en PDF ({ATTEMPTS} essais)."
        )

    def _refuse_if_closed(self) -> None:
        """A pool closed while converting (the command stops) starts no LibreOffice."""
        if self._closed:
            raise OfficeError("conversion abandonnée : la commande s'arrête.")

    def _restart(self, server: OfficeServer) -> None:
        self._refuse_if_closed()
        self.restarts += 1
        server.restart()

    def convert_all(
        self, items: Iterable[tuple[K, Callable[[], bytes]]], *, pdfa: bool = False
    ) -> Iterator[tuple[K, bytes, bytes | OfficeError]]:
        """Convert each ``(key, read)`` (``read`` gives the .docx bytes when its turn
        comes): ``(key, docx, pdf)`` in the order given, the error for a failed one."""
        self.start()
        pending: queue.SimpleQueue[Future[tuple[K, bytes, bytes | OfficeError]]]
        pending = queue.SimpleQueue()
        in_flight = 0
        with ThreadPoolExecutor(self.size) as threads:
            try:
                for key, read in items:
                    if in_flight >= IN_FLIGHT_PER_SERVER * self.size:
                        yield pending.get().result()
                        in_flight -= 1
                    pending.put(threads.submit(self._one, key, read, pdfa))
                    in_flight += 1
                for _ in range(in_flight):
                    yield pending.get().result()
            except BaseException:
                # Ctrl-C, SIGTERM, or the caller stopped reading: the documents waiting
                # are dropped and the conversions under way end with their LibreOffice,
                # rather than the command waiting for them (minutes for a hung one).
                threads.shutdown(wait=False, cancel_futures=True)
                self.close()
                raise

    def _one(
        self, key: K, read: Callable[[], bytes], pdfa: bool
    ) -> tuple[K, bytes, bytes | OfficeError]:
        try:
            docx = read()
        except OSError as exc:
            return key, b"", OfficeError(f"document illisible ({os_reason(exc)})")
        try:
            return key, docx, self.convert(docx, pdfa=pdfa)
        except OfficeError as exc:
            return key, docx, exc

    def pids(self) -> list[int]:
        """The servers' process ids (each leads its LibreOffice's process group)."""
        return [pid for server in self._servers if (pid := server.pid) is not None]

    def close(self) -> None:
        self._closed = True
        for server in self._servers:
            with contextlib.suppress(OSError):
                server.close()
        self._servers.clear()
