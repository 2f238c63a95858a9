"""One LibreOffice kept running behind unoserver's XML-RPC server.

unoserver's server imports ``uno``, LibreOffice's Python bridge, which exists only
for the system Python (Debian's python3-uno) or inside LibreOffice (Windows,
macOS): the server runs under that Python, with only the unoserver package on
its path, while convgen talks to it over XML-RPC on the loopback interface.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import xmlrpc.client
from functools import cache
from http.client import HTTPConnection
from pathlib import Path

import unoserver

from convgen.errors import OfficeError
from convgen.pdf.office import (
    INSTALL,
    PDF_EXPORT,
    PDFA_OPTION,
    PYTHON_VARIABLE,
    Office,
    private_environment,
)

# The leader of a server's process group: it starts unoserver, and kills the whole group
# (unoserver and LibreOffice) once its standard input reaches its end, that is when every
# convgen process holding the other end is gone. convgen stops its servers itself; this
# is for a convgen killed outright (kill -9, a scheduler's time limit), which would leave
# LibreOffice running with no one to stop it.
_GUARD = (
    "import os, signal, subprocess, sys, threading\n"
    "server = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL)\n"
    "def orphaned():\n"
    "    sys.stdin.buffer.read()\n"
    "    os.killpg(0, signal.SIGKILL)\n"
    "threading.Thread(target=orphaned, daemon=True).start()\n"
    "sys.exit(server.wait())\n"
)
_PREFIX = "convgen-office-"
_OWNER = "convgen.pid"  # in a server's temporary folder: the convgen process it serves

START_TIMEOUT = 60.0
"""Seconds a new LibreOffice has to answer (unoserver itself waits 7 s at start)."""
START_ATTEMPTS = 2


def uno_python(office: Office) -> str:
    """A Python that can ``import uno``. Raises OfficeError with the install command."""
    return _uno_python(office, os.environ.get(PYTHON_VARIABLE))


@cache
def _uno_python(office: Office, chosen: str | None) -> str:
    candidates = [chosen] if chosen else []
    candidates += [str(office.soffice.parent / "python"), "/usr/bin/python3", sys.executable]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and _imports_uno(candidate):
            return candidate
    raise OfficeError(f"le pont Python de LibreOffice (uno) est introuvable : {INSTALL}.")


def _imports_uno(python: str) -> bool:
    with contextlib.suppress(OSError, subprocess.TimeoutExpired):
        probe = subprocess.run(
            [python, "-c", "import uno"], capture_output=True, timeout=30, check=False
        )
        return probe.returncode == 0
    return False


class _Transport(xmlrpc.client.Transport):
    """XML-RPC over HTTP with a time limit on each call (the standard one waits forever)."""

    def __init__(self, timeout: float) -> None:
        super().__init__()
        self._timeout = timeout

    def make_connection(self, host: object) -> HTTPConnection:
        connection = super().make_connection(host)  # type: ignore[arg-type]
        connection.timeout = self._timeout
        return connection


class OfficeServer:
    """A LibreOffice process serving conversions; restart it with :meth:`restart`."""

    def __init__(self, office: Office, timeout: float) -> None:
        self._office = office
        self._timeout = timeout
        _remove_abandoned_folders()
        self._folder = tempfile.TemporaryDirectory(prefix=_PREFIX)
        (Path(self._folder.name) / _OWNER).write_text(str(os.getpid()), encoding="ascii")
        self._process: subprocess.Popen[bytes] | None = None
        self._port = 0

    def start(self) -> None:
        """Start LibreOffice and wait until it answers. A server that stops before
        answering (a port taken meanwhile by another program, a first start that
        failed) is started once more, on other ports with a new profile. Raises
        OfficeError."""
        for attempt in range(START_ATTEMPTS):
            self._launch(f"profil-{attempt}")
            if self._wait_ready():
                return
        raise OfficeError("LibreOffice n'a pas démarré (serveur de conversion PDF).")

    def _launch(self, profile_name: str) -> None:
        python = uno_python(self._office)
        self._port, uno_port = _free_port(), _free_port()
        profile = Path(self._folder.name) / profile_name
        command = [
            python,
            "-c",
            _GUARD,
            python,
            "-m",
            "unoserver.server",
            "--executable",
            str(self._office.soffice),
            "--user-installation",
            str(profile),
            "--interface",
            "127.0.0.1",
            "--uno-interface",
            "127.0.0.1",
            "--port",
            str(self._port),
            "--uno-port",
            str(uno_port),
            "--conversion-timeout",
            str(max(1, round(self._timeout))),
            "--quiet",
        ]
        own = Path(self._folder.name)
        env = {**private_environment(own), "PYTHONPATH": _unoserver_path(own)}
        self._process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,  # its end closes with convgen: see _GUARD
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
            start_new_session=True,  # LibreOffice and its server stop together
        )

    def _wait_ready(self) -> bool:
        """True once the server answers, False if it stopped first. Raises OfficeError
        past START_TIMEOUT (a LibreOffice that hangs is not started again)."""
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if not self.alive():
                self.stop()
                return False
            with contextlib.suppress(OSError, xmlrpc.client.Error):
                self._proxy(5.0).info()
                return True
            time.sleep(0.25)
        self.stop()
        raise OfficeError("LibreOffice n'a pas démarré (serveur de conversion PDF).")

    def alive(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def convert(self, docx: bytes, *, pdfa: bool) -> bytes:
        """The PDF of ``docx``. Raises OSError or xmlrpc.client.Error if LibreOffice
        fails, crashes or exceeds the time limit (the pool restarts it and retries)."""
        options = ["=".join(map(str, PDFA_OPTION))] if pdfa else []
        result = self._proxy(self._timeout).convert(
            None, xmlrpc.client.Binary(docx), None, "pdf", PDF_EXPORT, options, True, None, None
        )
        if not isinstance(result, xmlrpc.client.Binary) or not result.data.startswith(b"%PDF"):
            raise OSError("pas de PDF en retour")
        return result.data

    def _proxy(self, timeout: float) -> xmlrpc.client.ServerProxy:
        return xmlrpc.client.ServerProxy(
            f"http://127.0.0.1:{self._port}", transport=_Transport(timeout), allow_none=True
        )

    def restart(self) -> None:
        self.stop()
        self.start()

    def stop(self) -> None:
        """Stop the server and its LibreOffice (the whole process group)."""
        if self._process is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self._process.pid, signal.SIGKILL)
        self._process.wait()
        if self._process.stdin is not None:
            self._process.stdin.close()
        self._process = None

    def close(self) -> None:
        self.stop()
        self._folder.cleanup()

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid


def _remove_abandoned_folders() -> None:
    """Remove the temporary folders (LibreOffice profiles) of servers whose convgen was
    killed before it could: the process named inside no longer runs. A folder without
    that name, or of a process still running or not ours, is left alone."""
    for folder in Path(tempfile.gettempdir()).glob(f"{_PREFIX}*"):
        try:
            os.kill(int((folder / _OWNER).read_text(encoding="ascii")), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except (OSError, ValueError):
            continue


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _unoserver_path(inside: Path) -> str:
    """A folder holding only the unoserver package: the system Python must not pick up
    the other packages of convgen's environment, built for another interpreter. Made in
    the server's own temporary folder (``inside``), removed with it."""
    folder = inside / "unoserver-seul"
    if folder.is_dir():
        return str(folder)
    folder.mkdir()
    (folder / "unoserver").symlink_to(Path(unoserver.__file__).parent, target_is_directory=True)
    # unoserver reads its version from its installed metadata: bring the .dist-info too.
    distribution = importlib.metadata.distribution("unoserver")
    for name in distribution.files or ():
        if name.parent.name.endswith(".dist-info"):
            info = Path(str(distribution.locate_file(name))).parent
            (folder / info.name).symlink_to(info, target_is_directory=True)
            break
    return str(folder)
