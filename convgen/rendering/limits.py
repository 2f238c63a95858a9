"""Bounds on what rendering a template may consume, since templates are edited files.

The sandbox stops a template from reaching Python; these bounds stop it from
exhausting the machine: a loop that never ends (time) or a value that doubles at
each step (memory). Output size is bounded separately, as the text is produced.
"""

from __future__ import annotations

import contextlib
import resource
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from convgen.errors import TemplateError

MAX_RENDER_SECONDS = 30.0
MAX_RENDER_MEMORY = 1024**3  # bytes of address space a render may add to the process
_STATM = Path("/proc/self/statm")


@contextlib.contextmanager
def render_limits(source: str) -> Iterator[None]:
    """Run a render under the time and memory bounds; exceeding one is a TemplateError.

    Both use process-wide means (a timer signal, the address-space limit), so they
    apply in the main thread of a process only — the CLI and each batch worker;
    elsewhere a render is bounded in output size only.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    with _time_limit(MAX_RENDER_SECONDS, source), _memory_limit(MAX_RENDER_MEMORY, source):
        yield


@contextlib.contextmanager
def _time_limit(seconds: float, source: str) -> Iterator[None]:
    """A real-time interval timer; a timer already running outside (a test runner's
    timeout) is put back afterwards with the time it has left."""

    def expired(signum: int, frame: Any) -> None:
        raise TemplateError(
            f"le rendu dépasse {seconds:g} secondes : le modèle boucle-t-il sans fin ?",
            source=source,
        )

    previous = signal.signal(signal.SIGALRM, expired)
    started = time.monotonic()
    outer, outer_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL if previous is None else previous)
        if outer:
            left = max(outer - (time.monotonic() - started), 0.001)
            signal.setitimer(signal.ITIMER_REAL, left, outer_interval)


@contextlib.contextmanager
def _memory_limit(extra: int, source: str) -> Iterator[None]:
    """Lower the address-space limit to the current size plus ``extra`` for the
    duration of the render, so that a runaway allocation fails with MemoryError
    instead of swapping the machine. Where the size is unknown, no bound is set."""
    current = _address_space()
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    ceiling = None if current is None else current + extra
    if ceiling is None or (soft != resource.RLIM_INFINITY and soft <= ceiling):
        yield
        return
    if hard != resource.RLIM_INFINITY:
        ceiling = min(ceiling, hard)
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
    try:
        yield
    except MemoryError:
        raise TemplateError(
            f"le rendu demande plus de {extra // 1024**2} Mo de mémoire : le modèle "
            "construit-il un texte démesuré ?",
            source=source,
        ) from None
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _address_space() -> int | None:
    """The process's virtual size in bytes (Linux), or None."""
    try:
        pages = int(_STATM.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * resource.getpagesize()
