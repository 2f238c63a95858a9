"""Bounds on what rendering a template may consume, since templates are edited files.

The sandbox stops a template from reaching Python; these bounds stop it from
exhausting the machine: a loop that never ends (time) or a value that doubles at
each step (memory). Output size is bounded separately, as the text is produced.

Two ways, chosen by what the platform offers:
- Linux and the main thread: a real-time timer signal (``SIGALRM``) and the
  address-space limit (``RLIMIT_AS``), both process-wide;
- elsewhere (Windows, macOS where ``RLIMIT_AS`` is not enforced, another thread): a
  watchdog thread that raises in the rendering thread once the time is up, and
  checks the process's memory where the platform reports it.
``bounds_in_force()`` says which applies (``convgen --debug`` prints it).
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from convgen.errors import TemplateError

MAX_RENDER_SECONDS = 30.0
MAX_RENDER_MEMORY = 1024**3  # bytes of memory a render may add to the process
_WATCH_INTERVAL = 0.05


class _RenderInterrupted(BaseException):
    """Raised in the rendering thread by the watchdog (BaseException: templates and
    library code catching Exception cannot swallow it)."""


class _TimedOut(TemplateError):
    """The render ran past its time (a TemplateError like any refusal of a template)."""


def bounds_in_force() -> str:
    """In French, the bounds a render runs under here (for ``--debug``)."""
    if _signal_bounds():
        return (
            f"rendu borné à {MAX_RENDER_SECONDS:g} s (minuterie SIGALRM) et à "
            f"{MAX_RENDER_MEMORY // 1024**2} Mo de mémoire supplémentaire (RLIMIT_AS)"
        )
    memory = "" if _memory_sampler() is None else f" et à {MAX_RENDER_MEMORY // 1024**2} Mo"
    return f"rendu borné à {MAX_RENDER_SECONDS:g} s{memory} (surveillance par un fil d'exécution)"


@contextlib.contextmanager
def render_limits(source: str) -> Iterator[None]:
    """Run a render under the time and memory bounds; exceeding one is a TemplateError."""
    guard = _signal_limits if _signal_bounds() else _watchdog
    try:
        _InterruptionsDropped.install()
        with guard(source):
            yield
    except _RenderInterrupted:  # a repeated interruption that overtook the first
        raise _timeout(MAX_RENDER_SECONDS, source) from None


class _InterruptionsDropped:
    """An interruption may land where Python cannot raise it, in a finaliser or a
    garbage collector callback. Python then hands it to ``sys.unraisablehook``, which
    prints « Exception ignored in… » on the user's terminal (and a test runner counts
    it as an error); the render is stopped by the next one all the same, so these are
    dropped. Every other unraisable exception goes to the hook that was in place.

    Installed once and left in place (renders may run in several threads at once: a
    hook put back at the end of each would undo another thread's)."""

    def __init__(self, previous: Callable[[Any], object]) -> None:
        self.previous = previous

    def __call__(self, unraisable: Any) -> None:
        if not _is_interruption(unraisable.exc_value):
            self.previous(unraisable)

    @classmethod
    def install(cls) -> None:
        if not isinstance(sys.unraisablehook, cls):
            sys.unraisablehook = cls(sys.unraisablehook)


def _is_interruption(exc: BaseException | None) -> bool:
    return isinstance(exc, _RenderInterrupted | _TimedOut)


def _signal_bounds() -> bool:
    return (
        sys.platform.startswith("linux")
        and hasattr(signal, "SIGALRM")
        and hasattr(signal, "setitimer")
        and _resource() is not None
        and threading.current_thread() is threading.main_thread()
    )


def _resource() -> Any:
    """The POSIX ``resource`` module, imported when needed (absent on Windows)."""
    try:
        return importlib.import_module("resource")
    except ImportError:
        return None


@contextlib.contextmanager
def _signal_limits(source: str) -> Iterator[None]:
    # The timer inside: it is stopped before the memory limit is put back, so that a
    # repeated signal cannot interrupt that.
    with _memory_limit(MAX_RENDER_MEMORY, source), _time_limit(MAX_RENDER_SECONDS, source):
        yield


def _timeout(seconds: float, source: str) -> TemplateError:
    return _TimedOut(
        f"le rendu dépasse {seconds:g} secondes : le modèle boucle-t-il sans fin ?",
        source=source,
    )


def _out_of_memory(extra: int, source: str) -> TemplateError:
    return TemplateError(
        f"le rendu demande plus de {extra // 1024**2} Mo de mémoire : le modèle "
        "construit-il un texte démesuré ?",
        source=source,
    )


@contextlib.contextmanager
def _time_limit(seconds: float, source: str) -> Iterator[None]:
    """A real-time interval timer; a timer already running outside (a test runner's
    timeout) is put back afterwards with the time it has left.

    Once the time is up, the timer fires again every _WATCH_INTERVAL until the render
    stops: its exception may land where Python cannot raise it (a finaliser, a garbage
    collector callback) or in code that swallows every Exception."""
    stopped = False

    def expired(signum: int, frame: Any) -> None:
        if not stopped and not _leaving(frame):
            raise _timeout(seconds, source)

    previous = signal.signal(signal.SIGALRM, expired)
    started = time.monotonic()
    outer, outer_interval = signal.setitimer(signal.ITIMER_REAL, seconds, _WATCH_INTERVAL)
    try:
        yield
    finally:
        stopped = True  # first: a last signal handled below raises nothing
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL if previous is None else previous)
        if outer:
            left = max(outer - (time.monotonic() - started), 0.001)
            signal.setitimer(signal.ITIMER_REAL, left, outer_interval)


_LEAVING = frozenset({contextlib.__file__, __file__})


def _leaving(frame: Any) -> bool:
    """Whether ``frame`` is the bounds' own code or contextlib's: where the render's
    exception is already on its way out and the bounds are being lifted. A repeated
    interruption raised there would escape the handlers that expect it; it is skipped
    (the next one, if the render still runs, lands in the render)."""
    return frame is not None and frame.f_code.co_filename in _LEAVING


@contextlib.contextmanager
def _memory_limit(extra: int, source: str) -> Iterator[None]:
    """Lower the address-space limit to the current size plus ``extra`` for the
    duration of the render, so that a runaway allocation fails with MemoryError
    instead of swapping the machine. Where the size is unknown, no bound is set."""
    resource = _resource()
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
        raise _out_of_memory(extra, source) from None
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _address_space() -> int | None:
    """The process's virtual size in bytes (Linux), or None."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


@contextlib.contextmanager
def _watchdog(source: str) -> Iterator[None]:
    """Bound the render from a watchdog thread: past the time, or past the memory where
    the platform reports it, raise in the rendering thread."""
    watch = _Watch(threading.get_ident(), _memory_sampler(), source)
    watcher = threading.Thread(target=watch.run, name="convgen-bornes", daemon=True)
    watcher.start()
    interrupted = False
    try:
        yield
    except _RenderInterrupted:
        interrupted = True
    finally:
        while True:  # an interruption repeated as the watch is being stopped
            try:
                watch.stop()
                break
            except _RenderInterrupted:
                interrupted = True
        watcher.join()
    if interrupted:
        raise watch.verdict[0] from None


class _Watch:
    """What the watchdog thread watches; ``stop`` guarantees no interruption after it."""

    def __init__(self, target: int, sampler: Callable[[], int] | None, source: str) -> None:
        self.target, self.sampler, self.source = target, sampler, source
        self.ceiling = None if sampler is None else sampler() + MAX_RENDER_MEMORY
        self.verdict: list[TemplateError] = []
        self.done = threading.Event()
        self.lock = threading.Lock()

    def run(self) -> None:
        """Watch until stopped. Past a bound, interrupt at every interval: an
        interruption may land where Python cannot raise it (a finaliser) or in code
        that swallows every exception, and the render must stop all the same."""
        deadline = time.monotonic() + MAX_RENDER_SECONDS
        while not self.done.wait(_WATCH_INTERVAL):
            if self.verdict:
                self._interrupt(self.verdict[0])
            elif time.monotonic() > deadline:
                self._interrupt(_timeout(MAX_RENDER_SECONDS, self.source))
            elif self.sampler is not None and self.sampler() > (self.ceiling or 0):
                self._interrupt(_out_of_memory(MAX_RENDER_MEMORY, self.source))

    def _interrupt(self, error: TemplateError) -> None:
        with self.lock:
            if self.done.is_set():
                return
            if not self.verdict:
                self.verdict.append(error)
            elif _leaving(sys._current_frames().get(self.target)):
                return  # a repeat while the render is leaving: see _leaving
            _set_async_exception(self.target, _RenderInterrupted)

    def stop(self) -> None:
        with self.lock:
            self.done.set()
            if self.verdict:  # raised too late to matter: cancel it if still pending
                _set_async_exception(self.target, None)


def _set_async_exception(thread_id: int, kind: type[BaseException] | None) -> None:
    """Raise ``kind`` in the thread ``thread_id`` at its next bytecode (None cancels)."""
    exception = ctypes.py_object(kind) if kind is not None else None
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), exception)


def _memory_sampler() -> Callable[[], int] | None:
    """A function giving the process's memory in bytes, where the platform says it."""
    if sys.platform == "win32":
        return _windows_memory
    if os.path.exists("/proc/self/statm"):
        return lambda: _address_space() or 0
    return None


def _windows_memory() -> int:
    """The process's private bytes (Windows), through psapi."""

    class Counters(ctypes.Structure):
        _fields_ = [
            ("cb", ctypes.c_ulong),
            ("PageFaultCount", ctypes.c_ulong),
            *((name, ctypes.c_size_t) for name in _WINDOWS_COUNTERS),
        ]

    counters = Counters()
    counters.cb = ctypes.sizeof(Counters)
    windll = ctypes.windll  # type: ignore[attr-defined]
    process = windll.kernel32.GetCurrentProcess()
    windll.psapi.GetProcessMemoryInfo(process, ctypes.byref(counters), counters.cb)
    return int(counters.PagefileUsage)


_WINDOWS_COUNTERS = (
    "PeakWorkingSetSize",
    "WorkingSetSize",
    "QuotaPeakPagedPoolUsage",
    "QuotaPagedPoolUsage",
    "QuotaPeakNonPagedPoolUsage",
    "QuotaNonPagedPoolUsage",
    "PagefileUsage",
    "PeakPagefileUsage",
)
