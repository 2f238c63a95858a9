"""Benchmark of ``convgen regenerer`` against a naive docxtpl loop (``make bench``).

Not a test: timings depend on the machine and its load. In one run it
1. generates N varied inputs from the convention examples (names, amounts, 2 to 5
   parties, optional sections present or not) and checks that they are valid;
2. times a naive docxtpl loop on the same template and contexts
   (``DocxTemplate(path)``, ``render(context, jinja_env=...)``, ``save`` per
   document) on a sample of them;
3. times ``convgen regenerer``: the cold first build (YAML parsing included),
   the regeneration of every known input after a template edit (reason
   « modèle modifié ») with one worker, then with every core, and a no-op rerun;
4. times a no-op rerun over 10,000 unchanged inputs (``--noop 0`` to skip). Its
   state is seeded by copying the rows and files of the N built documents under
   new names (building 10,000 documents would take minutes); the timed run is
   the real command, and it must find all 10,000 unchanged;
5. reports the peak memory (RSS) of the largest process of each command, for
   two sizes, to show that memory does not grow with the number of documents.

Every command is timed from outside, interpreter start-up included, through
bench/measure.py (which also gives its peak memory). On a shared machine the
compared measures take turns and the best of ``--repetitions`` is kept; the load
average is printed, and rates per CPU second are given beside the wall-clock
ones for the single-process measures. The last line is for scripts:
``bench: naif_docs_s=… cache_1_docs_s=… cache_n_docs_s=… ratio_cache_naif=…
ratio_workers=… noop_s=…`` (noop_s: the 10,000-input no-op, or the N-input one
with ``--noop 0``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from varied_inputs import generate_inputs

from convgen.batch.manifest import DATABASE, STATE_DIR, Manifest, Record
from convgen.batch.run import default_jobs
from convgen.documents.context import build_context
from convgen.documents.registry import type_of
from convgen.loading import read_input
from convgen.rendering.environment import make_environment
from convgen.rendering.prepared import fragment_body
from convgen.rendering.store import load_bundle
from convgen.validation.validator import Options, validate

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = "convention_partenariat.docx"
TODAY = dt.date(2026, 11, 22)


class NaiveLoop:
    """The naive docxtpl loop on the same template and contexts: ``DocxTemplate(path)``,
    ``render``, ``save`` per document (contexts built beforehand, not timed)."""

    def __init__(self, sources: list[Path], templates: Path, folder: Path) -> None:
        bundle = load_bundle(templates, TEMPLATE)
        self.fragments = {
            name: fragment_body(data, name) for name, data in bundle.fragments.items()
        }
        self.template = templates / TEMPLATE
        self.folder = folder
        self.contexts: list[dict[str, Any]] = []
        for source in sources:
            validated = validate(read_input(source), Options(today=TODAY))
            assert validated.ok and validated.document is not None, source
            doc_type = type_of(validated.document)
            self.contexts.append(build_context(doc_type, validated.document, draft=False))
        folder.mkdir()
        self._render(0, self.contexts[0])  # what loads once (modules, locale data)

    def _render(self, index: int, context: dict[str, Any]) -> None:
        document = DocxTemplate(self.template)
        document.render(context, jinja_env=make_environment(self.fragments))
        document.save(self.folder / f"{index}.docx")

    def run(self) -> tuple[float, float]:
        """One pass: documents per second, and per CPU second."""
        started, started_cpu = time.perf_counter(), time.process_time()
        for index, context in enumerate(self.contexts):
            self._render(index, context)
        count = len(self.contexts)
        return count / (time.perf_counter() - started), count / (time.process_time() - started_cpu)


@dataclass(frozen=True)
class Run:
    seconds: float  # wall clock
    cpu_seconds: float  # user + system, of the command and its workers
    peak_mib: float
    report: dict[str, Any]

    def count(self, status: str) -> int:
        return int(self.report["totaux"][status])

    def rate(self) -> float:
        return self.count("genere") / self.seconds

    def cpu_rate(self) -> float:
        """Documents per CPU second: what one core would do on a machine left alone."""
        return self.count("genere") / self.cpu_seconds


def regenerer(inputs: Path, outputs: Path, templates: Path, jobs: int) -> Run:
    """Run ``convgen regenerer`` through bench/measure.py: times and peak memory."""
    command = [sys.executable, "-m", "convgen", "regenerer", str(inputs), "-o", str(outputs)]
    command += ["--modeles", str(templates), "--jobs", str(jobs), "--format", "json"]
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        measure = [sys.executable, str(Path(__file__).with_name("measure.py")), report.name]
        measured = json.loads(subprocess.check_output([*measure, *command], env=COMMAND_ENV))
        output = Path(report.name).read_text(encoding="utf-8")
    if measured["code"] != 0:
        sys.exit(f"convgen regenerer a échoué ({measured['code']}) :\n{output[-2000:]}")
    peak_mib = measured["peak_kib"] / 1024  # ru_maxrss is in KiB on Linux
    return Run(measured["seconds"], measured["cpu_seconds"], peak_mib, json.loads(output))


# The commands run as after an installation, with Python's bytecode cache: some
# environments (containers, CI images) set PYTHONDONTWRITEBYTECODE, which makes every
# command compile convgen's modules again (a third of a second each time).
COMMAND_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def warm_bytecode_cache() -> str:
    """Compile convgen once, as ``pip install`` does; says how commands are started."""
    subprocess.run([sys.executable, "-c", "import convgen.cli.main"], env=COMMAND_ENV, check=True)
    unset = "PYTHONDONTWRITEBYTECODE" in os.environ
    return "cache de bytecode Python actif" + (
        " (PYTHONDONTWRITEBYTECODE ignoré pour les commandes mesurées)" if unset else ""
    )


def expect(run: Run, status: str, count: int, reason: str | None = None) -> None:
    """Stop the bench if a run did not do what it is supposed to measure."""
    found = run.count(status)
    reasons = {d["raison"] for d in run.report["documents"] if d["statut"] == status}
    if found != count or (reason is not None and reasons != {reason}):
        sys.exit(f"attendu {count} « {status} » ({reason}), trouvé {found} ({reasons})")


class TemplateEditor:
    """A lawyer's corrections in the signatures fragment, each one new."""

    def __init__(self, templates: Path) -> None:
        sys.path.insert(0, str(ROOT / "tests"))  # the tests' helper edits a template
        self._tests = importlib.import_module("conftest")
        self.templates = templates
        self.text = "Fait à"
        self.edits = 0

    def edit(self) -> None:
        self.edits += 1
        new = f"Fait (révision {self.edits}) à"
        self._tests.edit_docx_part(
            self.templates / "fragments" / "signatures.docx",
            "word/document.xml",
            self._tests.replacing(self.text, new),
        )
        self.text = new


def seed_noop(built_in: Path, built_out: Path, work: Path, total: int) -> tuple[Path, Path]:
    """A folder of ``total`` unchanged inputs and its state, by copying built ones."""
    inputs, outputs = work / "entrees-noop", work / "sortie-noop"
    state = outputs / STATE_DIR
    state.mkdir(parents=True)
    sources = sorted(p.relative_to(built_in).as_posix() for p in built_in.rglob("*.yaml"))
    rows = _rows(built_out / STATE_DIR / DATABASE)
    copied = []
    for index in range(total):
        relative = sources[index % len(sources)]
        prefix = f"copie{index // len(sources):03d}/"
        _link(built_in / relative, inputs / prefix / relative)
        row = rows[relative]
        _link(built_out / row["output"], outputs / prefix / row["output"])
        copied.append({**row, "input": prefix + relative, "output": prefix + row["output"]})
    _write_rows(state / DATABASE, copied)
    return inputs, outputs


_COLUMNS = [field.name for field in fields(Record)] + ["parsed"]


def _rows(database: Path) -> dict[str, dict[str, Any]]:
    with sqlite3.connect(database) as connection:
        cursor = connection.execute(f"SELECT {', '.join(_COLUMNS)} FROM documents")
        return {row[0]: dict(zip(_COLUMNS, row, strict=True)) for row in cursor}


def _write_rows(database: Path, rows: list[dict[str, Any]]) -> None:
    Manifest.open(database.parent.parent).close()  # the schema, as convgen creates it
    with sqlite3.connect(database) as connection:
        connection.executemany(
            f"INSERT INTO documents ({', '.join(_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(_COLUMNS))})",
            [tuple(row[c] for c in _COLUMNS) for row in rows],
        )


def _link(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=500, help="entrées générées (500)")
    parser.add_argument("--naif", type=int, default=40, help="documents de la boucle naïve (40)")
    parser.add_argument(
        "--noop", type=int, default=10_000, help="no-op : entrées (10000 ; 0 : sans)"
    )
    parser.add_argument("--jobs", type=int, default=default_jobs(), help="processus (tous)")
    parser.add_argument("--repetitions", type=int, default=3, help="meilleur de N mesures (3)")
    parser.add_argument("--garder", action="store_true", help="garde le dossier de travail")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = arguments(argv)
    work = Path(tempfile.mkdtemp(prefix="convgen-bench-"))
    try:
        bench(args, work)
    finally:
        if args.garder:
            print(f"dossier de travail : {work}")
        else:
            shutil.rmtree(work)


def fastest(runs: list[Run]) -> Run:
    return min(runs, key=lambda run: run.seconds)


def bench(args: argparse.Namespace, work: Path) -> None:
    n, jobs, repeats = args.documents, args.jobs, args.repetitions
    templates = Path(shutil.copytree(ROOT / "modeles", work / "modeles"))
    inputs, outputs, small_out = work / "entrees", work / "sortie", work / "sortie-petit"
    print(f"{n} entrées variées, {jobs} processus, {os.cpu_count()} cœurs, meilleur de {repeats}")
    print(f"charge de la machine au départ : {_load()} (d'autres processus faussent tout)")
    print(warm_bytecode_cache())
    sources = generate_inputs(inputs, n)
    naive_loop = NaiveLoop(sources[: args.naif], templates, work / "naif")
    cold = regenerer(inputs, outputs, templates, jobs)
    expect(cold, "genere", n, "nouveau")
    print(f"premier passage, YAML lu, {jobs} processus  : {cold.rate():7.1f} documents/s")
    small_cold = regenerer(inputs / "petit", small_out, templates, jobs)
    editor = TemplateEditor(templates)
    editor.edit()
    small = regenerer(inputs / "petit", small_out, templates, 1)
    # The compared measures take turns, so that a busy spell of a shared machine
    # weighs on all of them; the best of each is kept.
    naive_passes: list[tuple[float, float]] = []
    one: list[Run] = []
    many: list[Run] = []
    for _ in range(repeats):
        naive_passes.append(naive_loop.run())
        for workers, runs in ((1, one), (jobs, many)):
            editor.edit()
            runs.append(regenerer(inputs, outputs, templates, workers))
            expect(runs[-1], "genere", n, "modèle modifié")
    naive, naive_cpu = max(rate for rate, _ in naive_passes), max(c for _, c in naive_passes)
    cache_1, cache_n = fastest(one), fastest(many)
    print(f"boucle docxtpl naïve ({args.naif} documents)     : {naive:7.1f} documents/s"
          f"   (par seconde CPU : {naive_cpu:.1f})")  # fmt: skip
    print(f"modèle modifié, 1 processus         : {cache_1.rate():7.1f} documents/s"
          f"   (par seconde CPU : {cache_1.cpu_rate():.1f})")  # fmt: skip
    print(f"modèle modifié, {jobs} processus         : {cache_n.rate():7.1f} documents/s")
    noop_s = no_ops(args, inputs, outputs, templates, work)
    for label, few, many_docs in (
        ("modèle modifié, 1 processus", small, cache_1),
        ("premier passage", small_cold, cold),
    ):
        print(f"mémoire max., {label} : {few.peak_mib:.0f} Mio ({few.count('genere')} documents), "
              f"{many_docs.peak_mib:.0f} Mio ({n} documents)")  # fmt: skip
    print(f"charge de la machine à la fin : {_load()}")
    ratio_cache, ratio_workers = cache_1.rate() / naive, cache_n.rate() / cache_1.rate()
    print(f"rapports : modèle modifié 1 processus / naïf = {ratio_cache:.1f} "
          f"(en temps CPU : {cache_1.cpu_rate() / naive_cpu:.1f}) ; "
          f"{jobs} processus / 1 = {ratio_workers:.2f}")  # fmt: skip
    print(
        f"bench: naif_docs_s={naive:.1f} cache_1_docs_s={cache_1.rate():.1f} "
        f"cache_n_docs_s={cache_n.rate():.1f} ratio_cache_naif={ratio_cache:.2f} "
        f"ratio_workers={ratio_workers:.2f} noop_s={noop_s:.2f}"
    )


def _load() -> str:
    """The load averages over 1, 5 and 15 minutes."""
    return " ".join(f"{load:.2f}" for load in os.getloadavg())


def no_ops(
    args: argparse.Namespace, inputs: Path, outputs: Path, templates: Path, work: Path
) -> float:
    """No-op reruns over the N inputs, then over ``args.noop`` seeded ones; the seconds
    of the largest."""
    n, jobs, repeats = args.documents, args.jobs, args.repetitions
    noop = fastest([regenerer(inputs, outputs, templates, jobs) for _ in range(repeats)])
    expect(noop, "inchange", n)
    print(f"sans changement, {n} entrées        : {noop.seconds:7.2f} s")
    if not args.noop:
        return noop.seconds
    big_in, big_out = seed_noop(inputs, outputs, work, args.noop)
    big = fastest([regenerer(big_in, big_out, templates, jobs) for _ in range(repeats)])
    expect(big, "inchange", args.noop)
    print(f"sans changement, {args.noop} entrées    : {big.seconds:7.2f} s")
    print(f"mémoire max., sans changement : {noop.peak_mib:.0f} Mio ({n} entrées), "
          f"{big.peak_mib:.0f} Mio ({args.noop} entrées)")  # fmt: skip
    return big.seconds


if __name__ == "__main__":
    main()
