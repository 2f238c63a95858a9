"""Batch workers in a process pool: the parent's side (``outcomes``: tasks handed out in
bundles, results as they complete) and the workers' (one Worker per process, that
leaves with its parent)."""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, as_completed, wait
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from convgen.batch.worker import Outcome, Setup, Task, Worker, failed_reason
from convgen.errors import Problem

# Tasks go to the pool in bundles: each submission costs the parent process hand-offs
# between its threads and the pool's (feeder, manager), CPU taken from the workers when
# they keep every core busy. Bundles of four, on two cores (500 documents, alternating
# runs): 0.2 to 0.4 ms less of the parent's CPU per document, 4 to 8 % less wall time.
TASKS_PER_SUBMISSION = 4
# Submissions in flight per worker: one rendered while the next waits, so a worker never
# waits for the parent. At most SUBMISSIONS_PER_WORKER × TASKS_PER_SUBMISSION documents
# per worker are held (inputs, then results), plus one bundle read ahead.
SUBMISSIONS_PER_WORKER = 2


def outcomes(
    tasks: Iterable[Task],
    setup: Setup,
    workers: int,
    inherited: tuple[int, ...] = (),
    count: int = 0,
) -> Iterator[Outcome]:
    """Run ``tasks`` (``count`` of them, if known): in this process for one worker, else
    in a pool of processes (which close the ``inherited`` descriptors), results in the
    order they complete."""
    if workers <= 1:
        worker = Worker(setup)
        yield from (worker.run(task) for task in tasks)
    else:
        size = bundle_size(count, workers)
        yield from _pool_outcomes(tasks, setup, workers, inherited, size)


def bundle_size(count: int, workers: int) -> int:
    """Tasks per submission to the pool: TASKS_PER_SUBMISSION, fewer when ``count``
    tasks would not make SUBMISSIONS_PER_WORKER bundles for every worker (ten on two
    workers: bundles of two; an unknown count, 0: one at a time)."""
    return max(1, min(TASKS_PER_SUBMISSION, count // (SUBMISSIONS_PER_WORKER * workers)))


def _bundles(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    """``tasks`` in lists of ``size``, read one list ahead of the pool."""
    remaining = iter(tasks)
    while bundle := list(islice(remaining, size)):
        yield bundle


def _pool_outcomes(
    tasks: Iterable[Task], setup: Setup, workers: int, inherited: tuple[int, ...], size: int
) -> Iterator[Outcome]:
    """The pool's outcomes. A worker that dies (the kernel's out-of-memory killer, a
    kill) breaks the pool and every bundle it held: a new pool takes over, runs each
    task of those bundles again, alone and one at a time, and fails only the one that
    kills its worker again; then the batch goes on."""
    bundles = _bundles(tasks, size)
    pool = _new_pool(setup, workers, inherited)
    try:
        while True:
            suspects: list[Task] = []
            yield from _fed(pool, bundles, workers, suspects)
            if not suspects:
                return
            pool = _replaced(pool, setup, workers, inherited)
            for task in suspects:
                try:
                    yield from pool.submit(run_in_pool, [task]).result()
                except BrokenProcessPool:
                    yield _killed(task)
                    pool = _replaced(pool, setup, workers, inherited)
    except (KeyboardInterrupt, GeneratorExit):
        # Ctrl-C, or the batch stopped by its state: what the workers are rendering will
        # not be written, and a template that loops holds each of its documents up to the
        # render time limit. The workers end now rather than finish their bundles.
        _stop_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _new_pool(setup: Setup, workers: int, inherited: tuple[int, ...]) -> ProcessPoolExecutor:
    # fork where it exists: workers start at once with the modules already imported
    # (spawn would import convgen again in each); they use no inherited resource.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork") if "fork" in methods else None
    return ProcessPoolExecutor(
        workers, mp_context=context, initializer=start_pool_worker, initargs=(setup, inherited)
    )


def _replaced(
    pool: ProcessPoolExecutor, setup: Setup, workers: int, inherited: tuple[int, ...]
) -> ProcessPoolExecutor:
    pool.shutdown(wait=True, cancel_futures=True)
    return _new_pool(setup, workers, inherited)


def _fed(
    pool: ProcessPoolExecutor,
    bundles: Iterator[list[Task]],
    workers: int,
    suspects: list[Task],
) -> Iterator[Outcome]:
    """Hand ``bundles`` to ``pool``, a few in flight per worker, and yield their outcomes.
    If the pool breaks, the tasks it had not returned go to ``suspects``, and so does
    the bundle that was about to be handed out."""
    in_flight: dict[Future[list[Outcome]], list[Task]] = {}
    waiting: list[Task] = []
    try:
        for bundle in bundles:
            waiting = bundle
            while len(in_flight) >= SUBMISSIONS_PER_WORKER * workers:
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in done:
                    results = future.result()
                    del in_flight[future]
                    yield from results
            in_flight[pool.submit(run_in_pool, bundle)] = bundle
            waiting = []
        for future in as_completed(list(in_flight)):
            results = future.result()
            del in_flight[future]
            yield from results
    except BrokenProcessPool:
        for future, bundle in in_flight.items():
            if future.done() and not future.cancelled() and future.exception() is None:
                yield from future.result()  # returned before the pool broke
            else:
                suspects.extend(bundle)
        suspects.extend(waiting)


def _killed(task: Task) -> Outcome:
    """The outcome of a task whose worker died running it alone (after a first pool
    broke while it was held, whether it had started or not)."""
    problem = Problem(
        "un processus de calcul s'est arrêté brutalement en traitant ce document seul "
        "(mémoire insuffisante ? un modèle qui construit un texte démesuré ?) ; la "
        "régénération continue avec les autres",
        source=task.source,
    )
    content = hashlib.sha256(task.content).hexdigest()
    return Outcome(task.input, failed_reason(task), (problem,), content)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """End the pool's processes at once (they hold nothing to save: workers are pure).

    A worker ended while it was sending a result leaves half a message in the results
    pipe, and the pool's manager thread waits for the rest: shutting the pool down
    would then wait for ever (with the output folder locked). Once every worker is
    gone, the parent's own copy of the pipe's writing end is the last one: closing it
    turns that wait into an end of file, which the pool takes for a broken pool."""
    if sys.version_info >= (3, 14):
        pool.terminate_workers()
        return
    processes = list((pool._processes or {}).values())
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(_STOP_SECONDS)
        if process.is_alive():
            process.kill()
            process.join()
    with contextlib.suppress(AttributeError, OSError):
        pool._result_queue._writer.close()  # type: ignore[attr-defined]


_STOP_SECONDS = 5.0  # for a terminated worker to end before it is killed


_POOL_WORKER: Worker | None = None
_WATCH_SECONDS = 1.0


def start_pool_worker(setup: Setup, inherited: tuple[int, ...] = ()) -> None:
    """Process pool initializer: one Worker per process.

    ``inherited``: descriptors a forked worker must not keep open (the state
    lock: a worker holding it would keep the output folder locked after its
    parent died). Ctrl-C and SIGTERM are the parent's to handle (it stops the pool
    cleanly).
    A pool worker whose parent is killed (kill -9, power loss) would otherwise wait
    forever for tasks: it leaves within a second of its parent.
    """
    global _POOL_WORKER  # noqa: PLW0603 - one worker per pool process, by design
    for descriptor in inherited:
        with contextlib.suppress(OSError):
            os.close(descriptor)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The parent stops its workers with SIGTERM: ended at once, not by the parent's own
    # handler (see cli.main.Terminated), which a forked worker inherits.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _POOL_WORKER = Worker(setup)
    parent = os.getppid()
    threading.Thread(target=_leave_with, args=(parent,), daemon=True).start()


def _leave_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_WATCH_SECONDS)
    os._exit(1)


def run_in_pool(tasks: list[Task]) -> list[Outcome]:
    """Process pool entry point: a bundle of tasks (see ``bundle_size``)."""
    assert _POOL_WORKER is not None, "start_pool_worker was not run"
    return [_POOL_WORKER.run(task) for task in tasks]
