"""Benchmark of the PDF path (``make bench``): the pool of LibreOffice servers against
one ``soffice --convert-to pdf`` launch per document, in the same run.

Not a test: timings depend on the machine and its load. Both sides convert the same
documents (the examples, rendered once, cycled to ``--documents``) with the same
number of conversions at a time (``--jobs``, default: the cores), as ``regenerer
--pdf -j N`` would. Repetitions are paired and alternate which side goes first; the
ratio is computed per pair and printed as min / median / max, beside the load
average. The pool's start-up (LibreOffice starting behind each server) is timed
apart and counted in the batch figure, since every batch pays it once.

Memory: the resident memory of the pool's processes (servers and LibreOffice) after
two batch sizes, which should not grow with the number of documents.

Last line, for scripts: ``bench-pdf: ratio_pool_lancement=… ratio_lot_N=… pool_docs_s=…
lancement_docs_s=… demarrage_pool_s=… rss_mib_N1=… rss_mib_N2=…`` (ratio_pool_lancement:
documents per second once the pool runs; ratio_lot_N: a batch of N, start-up included).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from convgen.app.documents import render_file, run_options
from convgen.pdf.office import convert_once
from convgen.pdf.pool import OfficePool
from convgen.rendering.store import default_templates_dir

ROOT = Path(__file__).resolve().parent.parent


def documents(count: int) -> list[bytes]:
    """The examples' documents, rendered once, cycled to ``count``."""
    options = run_options()
    rendered = [
        render_file(path, options, default_templates_dir())[1]
        for path in sorted((ROOT / "exemples").glob("*.yaml"))
    ]
    return [rendered[i % len(rendered)] for i in range(count)]


def launches(docs: list[bytes], jobs: int) -> float:
    """Seconds to convert ``docs`` by one soffice launch each, ``jobs`` at a time."""
    started = time.perf_counter()
    with ThreadPoolExecutor(jobs) as threads:
        for pdf in threads.map(convert_once, docs):
            assert pdf.startswith(b"%PDF")
    return time.perf_counter() - started


def pooled(docs: list[bytes], jobs: int) -> tuple[float, float]:
    """Seconds to start a pool of ``jobs`` servers, then to convert ``docs`` with it."""
    started = time.perf_counter()
    with OfficePool(jobs) as pool:
        pool.start()
        ready = time.perf_counter()
        for _, _, pdf in pool.convert_all((i, _reader(doc)) for i, doc in enumerate(docs)):
            assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF")
        return ready - started, time.perf_counter() - ready


def _reader(doc: bytes) -> Callable[[], bytes]:
    return lambda: doc


def pool_memory(docs: list[bytes], jobs: int, sizes: Iterable[int]) -> list[float]:
    """Resident memory (MiB) of the pool's processes after each batch size in turn."""
    result = []
    with OfficePool(jobs) as pool:
        pool.start()
        done = 0
        for size in sizes:
            batch = [docs[i % len(docs)] for i in range(done, size)]
            for _ in pool.convert_all((i, _reader(doc)) for i, doc in enumerate(batch)):
                pass
            done = size
            result.append(_rss_mib(pool.pids()))
    return result


def _rss_mib(groups: list[int]) -> float:
    """Resident memory of every process in the process groups ``groups``."""
    total_kib = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if os.getpgid(int(entry.name)) not in groups:
                continue
            status = (entry / "status").read_text()
        except (OSError, ProcessLookupError):
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total_kib += int(line.split()[1])
    return total_kib / 1024


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=40, help="documents par répétition")
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--memoire", type=int, nargs=2, default=(20, 100), metavar=("N1", "N2"))
    args = parser.parse_args()
    docs = documents(args.documents)
    print(f"PDF : {args.documents} documents, {args.jobs} à la fois, charge {load()}")
    pairs = []
    for repetition in range(args.repetitions):
        if repetition % 2:
            start, convert = pooled(docs, args.jobs)
            naive = launches(docs, args.jobs)
        else:
            naive = launches(docs, args.jobs)
            start, convert = pooled(docs, args.jobs)
        pairs.append((naive, start, convert))
        print(
            f"  paire {repetition + 1} : un lancement par document {naive:.1f} s ; pool "
            f"{start:.1f} s de démarrage + {convert:.1f} s ; charge {load()}"
        )
    ratios = sorted(naive / (start + convert) for naive, start, convert in pairs)
    steady = sorted(naive / convert for naive, _, convert in pairs)
    naive_rate = statistics.median(args.documents / naive for naive, _, _ in pairs)
    pool_rate = statistics.median(args.documents / convert for _, _, convert in pairs)
    start_s = statistics.median(start for _, start, _ in pairs)
    print(
        f"  documents/s, pool ÷ lancements : min {steady[0]:.1f}× médiane "
        f"{statistics.median(steady):.1f}× max {steady[-1]:.1f}× (objectif ≥ 3×) "
        f"({pool_rate:.1f} contre {naive_rate:.1f} documents/s)"
    )
    print(
        f"  lot de {args.documents}, démarrage du pool compris : min {ratios[0]:.1f}× "
        f"médiane {statistics.median(ratios):.1f}× max {ratios[-1]:.1f}× "
        f"(le démarrage, {start_s:.1f} s, est payé une fois par lot)"
    )
    small, large = args.memoire
    memory = pool_memory(docs, args.jobs, (small, large))
    print(
        f"  mémoire du pool (serveurs et LibreOffice) : {memory[0]:.0f} Mio après {small} "
        f"documents, {memory[1]:.0f} Mio après {large} (bornée : ne croît pas avec le nombre)"
    )
    print(
        f"bench-pdf: ratio_pool_lancement={statistics.median(steady):.2f} "
        f"ratio_lot_{args.documents}={statistics.median(ratios):.2f} "
        f"pool_docs_s={pool_rate:.2f} lancement_docs_s={naive_rate:.2f} "
        f"demarrage_pool_s={start_s:.2f} rss_mib_{small}={memory[0]:.0f} "
        f"rss_mib_{large}={memory[1]:.0f}"
    )


if __name__ == "__main__":
    main()
