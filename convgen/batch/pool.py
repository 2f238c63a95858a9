"""Batch workers in a process pool: one Worker per process, that leaves with its parent."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time

from convgen.batch.worker import Outcome, Setup, Task, Worker

_POOL_WORKER: Worker | None = None
_WATCH_SECONDS = 1.0


def start_pool_worker(setup: Setup, inherited: tuple[int, ...] = ()) -> None:
    """Process pool initializer: one Worker per process.

    ``inherited``: descriptors a forked worker must not keep open (the state
    lock: a worker holding it would keep the output folder locked after its
    parent died). Ctrl-C is the parent's to handle (it stops the pool cleanly).
    A pool worker whose parent is killed (kill -9, power loss) would otherwise wait
    forever for tasks: it leaves within a second of its parent.
    """
    global _POOL_WORKER  # noqa: PLW0603 - one worker per pool process, by design
    for descriptor in inherited:
        with contextlib.suppress(OSError):
            os.close(descriptor)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _POOL_WORKER = Worker(setup)
    parent = os.getppid()
    threading.Thread(target=_leave_with, args=(parent,), daemon=True).start()


def _leave_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_WATCH_SECONDS)
    os._exit(1)


def run_in_pool(tasks: list[Task]) -> list[Outcome]:
    """Process pool entry point: a bundle of tasks (see batch.run.bundle_size)."""
    assert _POOL_WORKER is not None, "start_pool_worker was not run"
    return [_POOL_WORKER.run(task) for task in tasks]
