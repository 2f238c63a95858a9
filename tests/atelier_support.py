"""A running atelier for the tests: the real server on 127.0.0.1, in a thread."""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from convgen.web.command import address, start
from convgen.web.pages import Atelier, build

ROOT = Path(__file__).resolve().parent.parent
# Screenshots of each step, kept for a person to look at (git-ignored, like sortie/).
CAPTURES = ROOT / "sortie" / "captures-atelier"


@dataclass
class Running:
    state: Atelier
    url: str  # the printed address, with its token

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.state.keys.port}"

    def request(
        self,
        method: str,
        path: str,
        *,
        body: str = "",
        headers: dict[str, str] | None = None,
    ) -> http.client.HTTPResponse:
        connection = http.client.HTTPConnection("127.0.0.1", self.state.keys.port, timeout=10)
        sent = {"Host": f"127.0.0.1:{self.state.keys.port}", **(headers or {})}
        if body:
            sent.setdefault("Content-Type", "application/x-www-form-urlencoded")
        connection.request(method, path, body=body.encode("utf-8"), headers=sent)
        response = connection.getresponse()
        response.read()
        connection.close()
        return response


@contextmanager
def running_atelier(folder: Path, opened: str | None = None) -> Iterator[Running]:
    state, listener = start(folder, 0, opened)
    config = uvicorn.Config(build(state), log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    try:
        yield Running(state, address(state))
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        listener.close()
