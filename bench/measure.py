"""Run one command; print its wall time, CPU time and peak memory as JSON (for the bench).

Usage: ``python bench/measure.py STDOUT_FILE COMMAND...``; the command's standard
output goes to STDOUT_FILE.

A process of its own, importing only the standard library: the peak memory Linux
reports for a child (``ru_maxrss``) also counts the memory of the process that
started it, up to its ``exec``. The bench, which holds data of its own, must not
start the measured commands itself.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time


def main() -> None:
    output, *command = sys.argv[1:]
    with open(output, "wb") as stream:
        started = time.perf_counter()
        code = subprocess.call(command, stdout=stream)
        seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # the command and its workers
    result = {
        "code": code,
        "seconds": seconds,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "peak_kib": usage.ru_maxrss,  # the largest process: the command or one worker
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
