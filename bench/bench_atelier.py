"""Benchmark of ``convgen atelier`` (``make bench``, before the batch benchmark).

Not a test: timings depend on the machine and its load. It measures, against the
real command started as a user starts it (``convgen atelier --sans-navigateur``):
1. the first page: from the command's start to the first page received (the printed
   address, its token exchanged for the cookie, the page itself); target <= 1 s;
2. a section's submission: the largest example opened, its largest section posted
   with every answer (« Vérifier cette section ») until the page showing its
   problems is received; the median of the runs; target <= 150 ms.
The last line is for scripts: ``bench-atelier: premiere_page_s=… section_ms=…``.
"""

from __future__ import annotations

import argparse
import http.client
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from convgen.app.answers import new_item_name
from convgen.app.atelier import Draft, Folder

ROOT = Path(__file__).resolve().parent.parent
CONVGEN = Path(sys.executable).with_name("convgen")


class Client:
    """One browser: the cookie the token gave, the Host header the atelier expects."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.host, self.port = parts.hostname or "", parts.port or 0
        self.cookie = ""
        answer = self.get(f"{parts.path}?{parts.query}")
        self.cookie = answer.getheader("Set-Cookie", "").split(";")[0]
        self.page = self.get("/")
        self.csrf = re.search(r'name="_csrf" value="([^"]+)"', self.page.text).group(1)  # type: ignore[union-attr]

    def request(self, method: str, path: str, body: str = "") -> http.client.HTTPResponse:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        headers = {"Host": f"{self.host}:{self.port}", "Cookie": self.cookie}
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body.encode("utf-8"), headers=headers)
        answer = connection.getresponse()
        answer.text = answer.read().decode("utf-8")  # type: ignore[attr-defined]
        connection.close()
        return answer

    def get(self, path: str) -> http.client.HTTPResponse:
        return self.request("GET", path)

    def post(self, path: str, form: dict[str, str]) -> http.client.HTTPResponse:
        return self.request("POST", path, urlencode({**form, "_csrf": self.csrf}))


def start(folder: Path) -> tuple[subprocess.Popen[str], str]:
    command = [str(CONVGEN), "atelier", "--sans-navigateur", "--dossier", str(folder)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    line = process.stdout.readline()
    return process, line.split()[-1]


def first_page(folder: Path) -> float:
    began = time.perf_counter()
    process, url = start(folder)
    try:
        client = Client(url)
        assert client.page.status == 200
        return time.perf_counter() - began
    finally:
        process.terminate()
        process.wait()


def largest_example() -> Path:
    return max((ROOT / "exemples").glob("*.yaml"), key=lambda p: len(p.read_bytes()))


def section_form(draft: Draft) -> tuple[str, dict[str, str]]:
    """The largest section of the draft and every answer it holds, as a browser posts it."""
    sizes = {s.key: sum(1 for q in draft.questions(s) for _ in q.walk()) for s in draft.sections}
    section = draft.section(max(sizes, key=lambda key: sizes[key]))
    form = {"_action": "verifier"}
    for question in draft.questions(section):
        for one in question.walk():
            if one.kind == "liste" and one.item_kind != "groupe":
                form[new_item_name(one)] = ""
            elif one.kind not in ("groupe", "liste"):
                form[one.name] = one.value
    return section.key, form


def submissions(folder: Path, name: str, runs: int) -> list[float]:
    process, url = start(folder)
    try:
        client = Client(url)
        client.post("/ouvrir", {"nom": name})
        key, form = section_form(Folder(folder).open(name))
        timings = []
        for _ in range(runs):
            began = time.perf_counter()
            answer = client.post(f"/section/{key}", form)
            shown = client.get(answer.getheader("Location", "").split("#")[0])
            timings.append(time.perf_counter() - began)
            assert shown.status == 200 and "<form" in shown.text  # type: ignore[attr-defined]
        print(f"section soumise : « {key} » de {name}, {len(form)} champs")
        return timings
    finally:
        process.terminate()
        process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--soumissions", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        example = largest_example()
        shutil.copy(example, folder / example.name)
        starts = [first_page(folder) for _ in range(args.repetitions)]
        timings = submissions(folder, example.name, args.soumissions)
    start_s, section_ms = statistics.median(starts), statistics.median(timings) * 1000
    print(f"atelier, première page après le lancement : {start_s:.2f} s (médiane, cible <= 1 s)")
    print(f"atelier, section soumise -> problèmes affichés : {section_ms:.0f} ms "
          f"(médiane de {len(timings)}, cible <= 150 ms)")  # fmt: skip
    print(f"bench-atelier: premiere_page_s={start_s:.2f} section_ms={section_ms:.0f}")


if __name__ == "__main__":
    main()
