"""Benchmark of ``convgen regenerer`` against a naive docxtpl loop (``make bench``).

Not a test: timings depend on the machine and its load. In one run it
1. generates N varied inputs from the convention examples (names, amounts, 2 to 5
   parties, optional sections present or not); they are valid (tests check a sample);
2. times the cold path: ``convgen regenerer`` over the N new inputs (YAML read,
   validated, rendered), with every core, into a new output folder each time;
3. times, in rounds, three measures taken in turn (the order rotates each round, so
   that a busy spell of a shared machine weighs on all of them): a naive docxtpl loop
   on the same template and contexts, written as a careful user would (one Jinja
   environment for every document; ``DocxTemplate(path)``, ``render``, ``save`` per
   document; contexts built beforehand, not timed), the regeneration of every input
   after a template edit with one process, and the same with every core. Ratios are
   computed per round (cached ÷ naive in CPU time per document, one process ÷ every
   core in wall time), and their median, minimum and maximum are printed;
4. times no-op reruns over 1,000 and 10,000 unchanged inputs (their state seeded by
   copying the built documents under new names) and their peak memory (RSS), then the
   regeneration of the 10,000 after a template edit, with every core, then with one
   (one measure each): the 100,000 documents of the goal are extrapolated from the
   first (from the rounds' runs over N inputs, start-up included each time, with
   ``--noop 0``), and the gain of the cores at that scale is printed beside the
   rounds' median;
5. times the start-up of ``convgen --version``.

Every command is timed from outside, interpreter start-up included, through
bench/measure.py (which also gives its CPU time and peak memory); the 1-minute load
average is printed with each figure. The figures are then printed beside their goals,
and the last line, for scripts, gives the medians:
``bench: ratio_cache_naif=… cache_ms_doc=… froid_docs_s=… ratio_workers=… noop_s=…
rss_mib_1000=… rss_mib_10000=… demarrage_s=…``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import shutil
import sqlite3
import statistics
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
    """The naive docxtpl loop on the same template and contexts, as a careful user
    writes it: one Jinja environment for every document, ``DocxTemplate(path)``,
    ``render`` and ``save`` per document (contexts built beforehand, not timed)."""

    def __init__(self, sources: list[Path], templates: Path, folder: Path) -> None:
        bundle = load_bundle(templates, TEMPLATE)
        fragments = {name: fragment_body(data, name) for name, data in bundle.fragments.items()}
        self.environment = make_environment(fragments)
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
        document.render(context, jinja_env=self.environment)
        document.save(self.folder / f"{index}.docx")

    def run(self) -> Measure:
        """One pass over every context."""
        load = _load_1()
        started, started_cpu = time.perf_counter(), time.process_time()
        for index, context in enumerate(self.contexts):
            self._render(index, context)
        wall, cpu = time.perf_counter() - started, time.process_time() - started_cpu
        return Measure(len(self.contexts), wall, cpu, 0.0, load)


@dataclass(frozen=True)
class Measure:
    """What one measured pass did: documents, wall and CPU seconds, peak memory, and the
    machine's 1-minute load average when it started."""

    documents: int
    seconds: float
    cpu_seconds: float
    peak_mib: float
    load: float

    def cpu_ms_per_document(self) -> float:
        return 1000 * self.cpu_seconds / self.documents

    def wall_ms_per_document(self) -> float:
        return 1000 * self.seconds / self.documents


@dataclass(frozen=True)
class Run:
    seconds: float  # wall clock
    cpu_seconds: float  # user + system, of the command and its workers
    peak_mib: float
    report: dict[str, Any]
    load: float  # 1-minute load average when the command started

    def count(self, status: str) -> int:
        return int(self.report["totaux"][status])

    def rate(self) -> float:
        return self.count("genere") / self.seconds

    def measure(self, status: str = "genere") -> Measure:
        return Measure(self.count(status), self.seconds, self.cpu_seconds, self.peak_mib, self.load)


def measured(command: list[str]) -> tuple[dict[str, Any], str]:
    """Run ``command`` through bench/measure.py: its times and peak memory, its output."""
    with tempfile.NamedTemporaryFile(suffix=".out") as output:
        measure = [sys.executable, str(Path(__file__).with_name("measure.py")), output.name]
        result = json.loads(subprocess.check_output([*measure, *command], env=COMMAND_ENV))
        return result, Path(output.name).read_text(encoding="utf-8")


def regenerer(inputs: Path, outputs: Path, templates: Path, jobs: int) -> Run:
    """Run ``convgen regenerer`` through bench/measure.py: times and peak memory."""
    command = [sys.executable, "-m", "convgen", "regenerer", str(inputs), "-o", str(outputs)]
    command += ["--modeles", str(templates), "--jobs", str(jobs), "--format", "json"]
    load = _load_1()
    result, output = measured(command)
    if result["code"] != 0:
        sys.exit(f"convgen regenerer a échoué ({result['code']}) :\n{output[-2000:]}")
    peak_mib = result["peak_kib"] / 1024  # ru_maxrss is in KiB on Linux
    return Run(result["seconds"], result["cpu_seconds"], peak_mib, json.loads(output), load)


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
    inputs, outputs = work / f"entrees-noop-{total}", work / f"sortie-noop-{total}"
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
        "--noop",
        type=int,
        default=10_000,
        help="no-op : la grande taille (10000 ; 0 : sans les no-op de 1000 et 10000 entrées)",
    )
    parser.add_argument("--jobs", type=int, default=default_jobs(), help="processus (tous)")
    parser.add_argument("--repetitions", type=int, default=3, help="tours de mesures (3)")
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


@dataclass(frozen=True)
class Spread:
    """Median, minimum and maximum of repeated figures."""

    values: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    def show(self, digits: int = 1, unit: str = "") -> str:
        def fmt(value: float) -> str:
            return f"{value:.{digits}f}{unit}"

        if len(self.values) == 1:
            return fmt(self.median)
        low, high = min(self.values), max(self.values)
        return f"{fmt(self.median)} (min {fmt(low)}, max {fmt(high)})"


def loads(measures: list[Measure] | list[Run]) -> str:
    """The 1-minute load averages at the start of each measure."""
    return "charge " + " ".join(f"{m.load:.2f}" for m in measures)


def bench(args: argparse.Namespace, work: Path) -> None:
    n, jobs, repeats = args.documents, args.jobs, args.repetitions
    # Compiled templates are kept in the work folder (the first run compiles them all),
    # not in the user's cache: every bench starts from the same state.
    COMMAND_ENV["CONVGEN_CACHE"] = str(work / "modeles-compiles")
    templates = Path(shutil.copytree(ROOT / "modeles", work / "modeles"))
    inputs = work / "entrees"
    print(f"{n} entrées variées, {jobs} processus, {os.cpu_count()} cœurs, {repeats} tours")
    print(f"charge de la machine au départ : {_load()} (d'autres processus faussent tout)")
    print(warm_bytecode_cache())
    sources = generate_inputs(inputs, n)
    naive_loop = NaiveLoop(sources[: args.naif], templates, work / "naif")

    colds = []
    for round_ in range(repeats):
        colds.append(regenerer(inputs, work / f"sortie-froid-{round_}", templates, jobs))
        expect(colds[-1], "genere", n, "nouveau")
    outputs = work / "sortie-froid-0"
    cold = Spread(tuple(run.rate() for run in colds))
    print(f"premier passage (YAML lu, validé, rendu), {jobs} processus : "
          f"{cold.show()} documents/s ; {loads(colds)}")  # fmt: skip

    editor = TemplateEditor(templates)
    naive: list[Measure] = []
    one: list[Run] = []
    many: list[Run] = []
    for round_ in range(repeats):
        steps = ["naif", 1, jobs]
        for step in steps[round_ % 3 :] + steps[: round_ % 3]:  # the order rotates
            if step == "naif":
                naive.append(naive_loop.run())
                continue
            editor.edit()
            run = regenerer(inputs, outputs, templates, int(step))
            expect(run, "genere", n, "modèle modifié")
            (one if step == 1 else many).append(run)
    naive_cpu = Spread(tuple(m.cpu_ms_per_document() for m in naive))
    naive_wall = Spread(tuple(m.wall_ms_per_document() for m in naive))
    cache_cpu = Spread(tuple(r.measure().cpu_ms_per_document() for r in one))
    cache_wall = Spread(tuple(r.measure().wall_ms_per_document() for r in one))
    print(f"boucle docxtpl naïve, un environnement ({args.naif} documents) : "
          f"{naive_cpu.show()} ms CPU par document, {naive_wall.show()} ms écoulées ; "
          f"{loads(naive)}")  # fmt: skip
    print(f"modèle modifié, 1 processus ({n} documents, démarrage compris) : "
          f"{cache_cpu.show()} ms CPU par document, {cache_wall.show()} ms écoulées ; "
          f"{loads(one)}")  # fmt: skip
    rates_many = Spread(tuple(r.rate() for r in many))
    print(f"modèle modifié, {jobs} processus : {rates_many.show()} documents/s ; {loads(many)}")
    ratio_cpu = Spread(
        tuple(
            a.cpu_ms_per_document() / b.measure().cpu_ms_per_document()
            for a, b in zip(naive, one, strict=True)
        )
    )
    ratio_wall = Spread(
        tuple(
            a.wall_ms_per_document() / b.measure().wall_ms_per_document()
            for a, b in zip(naive, one, strict=True)
        )
    )
    ratio_workers = Spread(tuple(a.seconds / b.seconds for a, b in zip(one, many, strict=True)))
    print(f"rapport par tour, modèle modifié ÷ naïf : {ratio_cpu.show(2)} en temps CPU, "
          f"{ratio_wall.show(2)} en temps écoulé")  # fmt: skip
    print(f"rapport par tour, {jobs} processus ÷ 1 (temps écoulé) : {ratio_workers.show(2)}")

    noop_s, rss, seeded = no_ops(args, inputs, outputs, templates, work)
    big, big_one = at_scale(seeded, args.noop, templates, jobs, editor) if seeded else (None, None)
    startup = startup_seconds(repeats)
    print(f"démarrage, convgen --version : {startup.show(3, ' s')}")
    print(f"charge de la machine à la fin : {_load()}")
    per_100k, measured_on = minutes_for_100k(big, rates_many.median, n)
    goals(
        [
            ("modèle modifié, CPU par document", f"{cache_cpu.median:.1f} ms", "≤ 3,4 ms"),
            ("modèle modifié ÷ naïf (CPU)", f"{ratio_cpu.median:.1f}", "≥ 15"),
            (f"premier passage, {jobs} processus", f"{cold.median:.0f} documents/s", "≥ 100"),
            (
                f"100 000 documents après correction ({jobs} processus, "
                f"extrapolé de {measured_on})",
                f"{per_100k:.0f} min",
                "≤ 5 min",
            ),
            (f"{jobs} processus ÷ 1 ({n} entrées)", f"{ratio_workers.median:.2f}", "≥ 1,8"),
            (
                f"{jobs} processus ÷ 1 ({args.noop} entrées, une mesure)",
                f"{big_one.seconds / big.seconds:.2f}"
                if big and big_one
                else "non mesuré (--noop 0 ou --jobs 1)",
                "≥ 1,8",
            ),
            (
                f"mémoire max., no-op {min(1000, args.noop)} → {args.noop} entrées",
                f"{rss[0]:.0f} → {rss[1]:.0f} Mio" if rss else "non mesurée (--noop 0)",
                "stable",
            ),
            ("convgen --version", f"{startup.median:.2f} s", "≤ 0,15 s"),
        ]
    )
    rss_1000, rss_10000 = rss if rss else (float("nan"), float("nan"))
    print(
        f"bench: ratio_cache_naif={ratio_cpu.median:.2f} cache_ms_doc={cache_cpu.median:.2f} "
        f"froid_docs_s={cold.median:.1f} ratio_workers={ratio_workers.median:.2f} "
        f"noop_s={noop_s:.2f} rss_mib_1000={rss_1000:.0f} rss_mib_10000={rss_10000:.0f} "
        f"demarrage_s={startup.median:.3f}"
    )


def minutes_for_100k(big: Run | None, rate_n: float, n: int) -> tuple[float, str]:
    """Minutes for 100,000 documents after a template edit, with every core, and what
    they are extrapolated from: the larger batch measured (its start-up weighs less)."""
    if big is not None and big.count("genere") > n:
        return 100_000 / big.rate() / 60, f"{big.count('genere')}, une mesure"
    return 100_000 / rate_n / 60, f"{n}, médiane"


def goals(rows: list[tuple[str, str, str]]) -> None:
    """The figures beside their goals (issue « 100 000 documents en cinq minutes »)."""
    width = max(len(row[0]) for row in rows)
    print(f"{'mesure (médiane des tours, sauf mention)':<{width}}  {'valeur':>22}  objectif")
    for name, value, goal in rows:
        print(f"{name:<{width}}  {value:>22}  {goal}")


def startup_seconds(repeats: int) -> Spread:
    """Wall time of ``convgen --version``, interpreter start-up included."""
    command = [sys.executable, "-m", "convgen", "--version"]
    return Spread(tuple(measured(command)[0]["seconds"] for _ in range(max(5, repeats))))


def _load() -> str:
    """The load averages over 1, 5 and 15 minutes."""
    return " ".join(f"{load:.2f}" for load in os.getloadavg())


def _load_1() -> float:
    return os.getloadavg()[0]


def no_ops(
    args: argparse.Namespace,
    inputs: Path,
    outputs: Path,
    templates: Path,
    work: Path,
) -> tuple[float, tuple[float, float] | None, tuple[Path, Path] | None]:
    """No-op reruns over the N inputs, then over 1,000 and ``args.noop`` seeded ones:
    the median seconds of the largest, the median peak memory of the two sizes, and
    the folders (inputs, outputs) of the largest."""
    n, jobs, repeats = args.documents, args.jobs, args.repetitions
    runs = [regenerer(inputs, outputs, templates, jobs) for _ in range(repeats)]
    for run in runs:
        expect(run, "inchange", n)
    small = Spread(tuple(r.seconds for r in runs))
    print(f"sans changement, {n} entrées : {small.show(2, ' s')} ; {loads(runs)}")
    if not args.noop:
        return small.median, None, None
    peaks = []
    for size in dict.fromkeys((min(1000, args.noop), args.noop)):  # one size if ≤ 1000
        big_in, big_out = seed_noop(inputs, outputs, work, size)
        runs = [regenerer(big_in, big_out, templates, jobs) for _ in range(repeats)]
        for run in runs:
            expect(run, "inchange", size)
        seconds = Spread(tuple(r.seconds for r in runs))
        peak = Spread(tuple(r.peak_mib for r in runs))
        print(f"sans changement, {size} entrées : {seconds.show(2, ' s')}, mémoire max. "
              f"{peak.show(0, ' Mio')} ; {loads(runs)}")  # fmt: skip
        peaks.append(peak.median)
    return seconds.median, (peaks[0], peaks[-1]), (big_in, big_out)


def at_scale(
    folders: tuple[Path, Path], count: int, templates: Path, jobs: int, editor: TemplateEditor
) -> tuple[Run, Run | None]:
    """The seeded inputs regenerated after a template edit with every core, then after
    another edit with one process: the rate a large batch reaches (start-up paid once)
    and what the cores gain there."""
    runs = []
    for step in (jobs, 1) if jobs > 1 else (jobs,):
        editor.edit()
        run = regenerer(*folders, templates, step)
        expect(run, "genere", count, "modèle modifié")
        print(f"modèle modifié, {count} entrées, {step} processus : "
              f"{run.rate():.0f} documents/s ({run.seconds:.1f} s, démarrage compris), "
              f"mémoire max. {run.peak_mib:.0f} Mio ; {loads([run])}")  # fmt: skip
        runs.append(run)
    return runs[0], runs[-1] if jobs > 1 else None


if __name__ == "__main__":
    main()
