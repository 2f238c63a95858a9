"""Fuzzing campaign (``make fuzz``): mutated inputs and templates, bounded in time.

Not a test (its inputs are random and its length is the time given). It mutates
the examples and the corpus of invalid inputs (bytes flipped, lines dropped or
repeated, YAML features and extreme values written as values, characters that
break messages) and runs each through ``convgen generer``; then it writes Jinja
expressions built from the filters, names and methods a template may use into the
body of a template; then it runs ``convgen regenerer`` over a folder of mutated
inputs. Each result is classified by exit code; the inputs that gave an internal
error (exit 3, target: none) are kept in the report folder. The last line is for
scripts: ``fuzz: essais=… sortie_0=… sortie_1=… sortie_3=…``.

Usage: ``python bench/fuzz.py [--secondes 300] [--graine 0] [--dossier sortie/fuzz]``.
"""

from __future__ import annotations

import argparse
import collections
import io
import random
import re
import shutil
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from click.testing import CliRunner

from convgen.cli import main as cli
from convgen.rendering.environment import FILTERS

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "exemples").glob("*.yaml"))
CORPUS = sorted((ROOT / "tests" / "entrees_invalides").iterdir())
FEATURES = [
    "!!binary aGVsbG8=", "!!set {a, b}", "!!omap [{a: 1}]", "!!python/tuple [1]", "!x y",
    "&a x", "*a", "{<<: {a: 1}}", "[[[[[[]]]]]]", "9" * 4400, "1e999", ".nan", "-.inf",
    "9999-12-31", "0001-01-01", "2026-02-30", "10000000000000000000000000000000", "-1", "0",
    '"a\\u2028b"', '"\\x85"', '"\\ufffe"', "'", '"', "[", "{", "|", "~", "yes", "null",
    "{a: 1}", "[1, 2]", "x" * 30000, "\x7f", "\u202e", "%YAML 1.3", "? x",
]  # fmt: skip
CHARACTERS = ["\x00", "\x1f", "\x7f", "\x85", "\u2028", "\ufffe", "\ufeff", "\t", "\r", "é"]
EXPRESSIONS = [
    "'x'", "12", "-5", "0", "none", "[]", "{}", "convention.titre", "convention", "parties",
    "document", "10**20", "'{0}'", "range(3)", "cycler()", "1.5", "true",
]  # fmt: skip
CALLS = [
    "format()", "encode('rot13')", "split(None, -1)", "center(10**9)", "next()", "items()",
    "zfill(-1)", "join(1)", "__len__()", "count()", "index('z')",
]  # fmt: skip
JINJA_FILTERS = [*FILTERS, "truncate(-5)", "round(-10**6)", "batch(0)", "slice(0)", "int"]
BODY_SLOT = "{{ convention.titre }}"
BATCH_SIZE = 40


def mutate_input(data: bytes, rng: random.Random) -> bytes:
    """One to three random mutations of a YAML or JSON input."""
    for _ in range(rng.randint(1, 3)):
        data = rng.choice(_MUTATIONS)(data, rng)
    return data


def _flip(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return bytes([rng.randrange(256)])
    index = rng.randrange(len(data))
    return data[:index] + bytes([rng.randrange(256)]) + data[index + 1 :]


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n") or [b""]


def _drop_line(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    del lines[rng.randrange(len(lines))]
    return b"\n".join(lines)


def _repeat_line(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    index = rng.randrange(len(lines))
    lines.insert(index, lines[index])
    return b"\n".join(lines)


def _feature(data: bytes, rng: random.Random) -> bytes:
    """A YAML feature or an extreme value in place of a value."""
    lines = _lines(data)
    values = [i for i, line in enumerate(lines) if re.match(rb"^\s*[\w-]+: \S", line)]
    if not values:
        return data
    index = rng.choice(values)
    key = lines[index].split(b": ", 1)[0]
    lines[index] = key + b": " + rng.choice(FEATURES).encode("utf-8", "surrogatepass")
    return b"\n".join(lines)


def _character(data: bytes, rng: random.Random) -> bytes:
    index = rng.randrange(len(data) + 1)
    return data[:index] + rng.choice(CHARACTERS).encode() + data[index:]


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _indent(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    index = rng.randrange(len(lines))
    lines[index] = rng.choice([b" ", b"  ", b"\t", b"- "]) + lines[index]
    return b"\n".join(lines)


_MUTATIONS: list[Callable[[bytes, random.Random], bytes]] = [
    _flip,
    _drop_line,
    _repeat_line,
    _feature,
    _feature,
    _character,
    _truncate,
    _indent,
]


def jinja_expression(rng: random.Random) -> str:
    """A random Jinja expression from values, methods and filters a template may use."""
    expression = rng.choice(EXPRESSIONS)
    for _ in range(rng.randint(0, 3)):
        if rng.random() < 0.3:
            expression = f"({expression}).{rng.choice(CALLS)}"
        else:
            expression = f"{expression}|{rng.choice(JINJA_FILTERS)}"
    return "{{ " + expression + " }}"


class Campaign:
    """Runs the trials and counts the exit codes."""

    def __init__(self, folder: Path, rng: random.Random) -> None:
        self.folder = folder
        self.rng = rng
        self.codes: dict[str, collections.Counter[int]] = collections.defaultdict(
            collections.Counter
        )
        self.batch_files = 0
        self.runner = CliRunner()
        self.work = folder / "travail"
        self.work.mkdir(parents=True, exist_ok=True)

    def seed(self) -> Path:
        """An example (valid: mutations then reach validation and rendering) two times
        in three, else an entry of the invalid corpus."""
        return self.rng.choice(EXAMPLES if self.rng.random() < 2 / 3 else CORPUS)

    def record(self, code: int, kind: str, data: bytes, output: str) -> None:
        self.codes[kind][int(code)] += 1
        if code == 3:
            number = sum(sum(codes.values()) for codes in self.codes.values())
            kept = self.folder / f"sortie3-{number}-{kind}"
            kept.write_bytes(data)
            kept.with_suffix(kept.suffix + ".sortie").write_text(output, encoding="utf-8")

    def input_trial(self) -> None:
        seed = self.seed()
        data = mutate_input(seed.read_bytes(), self.rng)
        path = self.work / f"entree{seed.suffix}"
        path.write_bytes(data)
        output = self.work / "sortie.docx"
        output.unlink(missing_ok=True)
        result = self.runner.invoke(cli.cli, ["generer", str(path), "-o", str(output)])
        self.record(result.exit_code, f"entree{seed.suffix}", data, result.output)

    def template_trial(self, templates: Path) -> None:
        expression = jinja_expression(self.rng)
        target = templates / "convention_partenariat.docx"
        target.write_bytes(_with_body(self.pristine, BODY_SLOT, escape(expression)))
        output = self.work / "modele.docx"
        output.unlink(missing_ok=True)
        example = ROOT / "exemples" / "chrs-csapa-addictions.yaml"
        command = ["generer", str(example), "-o", str(output), "--modeles", str(templates)]
        result = self.runner.invoke(cli.cli, command)
        self.record(result.exit_code, "modele.txt", expression.encode(), result.output)

    def batch_trial(self, count: int) -> None:
        inputs = self.work / "lot"
        shutil.rmtree(inputs, ignore_errors=True)
        inputs.mkdir()
        for number in range(count):
            seed = self.seed()
            data = mutate_input(seed.read_bytes(), self.rng)
            (inputs / f"e{number}{seed.suffix}").write_bytes(data)
        self.batch_files += count
        outputs = self.work / "lot-sortie"
        shutil.rmtree(outputs, ignore_errors=True)
        result = self.runner.invoke(cli.cli, ["regenerer", str(inputs), "-o", str(outputs)])
        self.record(result.exit_code, "lot.txt", b"", result.output)

    @property
    def pristine(self) -> bytes:
        return (ROOT / "modeles" / "convention_partenariat.docx").read_bytes()


def _with_body(docx: bytes, old: str, new: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(docx))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(old.encode(), new.encode(), 1)
            target.writestr(item, data)
    return output.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--secondes", type=float, default=300.0)
    parser.add_argument("--graine", type=int, default=0)
    parser.add_argument("--dossier", type=Path, default=ROOT / "sortie" / "fuzz")
    options = parser.parse_args()
    shutil.rmtree(options.dossier, ignore_errors=True)
    campaign = Campaign(options.dossier, random.Random(options.graine))
    templates = Path(shutil.copytree(ROOT / "modeles", options.dossier / "modeles"))
    start = time.monotonic()
    phases = [
        (0.7, campaign.input_trial),
        (0.9, lambda: campaign.template_trial(templates)),
        (1.0, lambda: campaign.batch_trial(BATCH_SIZE)),
    ]
    for share, trial in phases:
        while time.monotonic() < start + options.secondes * share:
            trial()
    for kind, codes in sorted(campaign.codes.items()):
        print(f"{kind} : {dict(sorted(codes.items()))}")
    total = sum(sum(codes.values()) for codes in campaign.codes.values())
    internal = sum(codes[3] for codes in campaign.codes.values())
    print(f"fuzz: essais={total} fichiers_en_lot={campaign.batch_files} sortie_3={internal}")


if __name__ == "__main__":
    main()
