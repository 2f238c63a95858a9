"""Templates compiled once and kept: Jinja's bytecode cache, shared by every environment
of the process, and kept on disk in the user's cache folder when a command asks for it.

Compiling is most of a template's preparation (about 160 of 190 ms for a convention:
Jinja parses the template, generates Python and compiles it). A batch prepares each
template in each worker process, the atelier at each preview, and a fragment once per
template that includes it; after a correction of one fragment, every other part
compiles to the same code as before. A compiled part is found again by its name and a
digest of its source and of what shapes the code (``CODE_SHAPE``): the Jinja and Python
versions, and the environment's options and extension.

On disk, the folder is the user's own (created private, refused if another user owns
it or may write in it: compiled code is run as it is read); an unusable folder, a
damaged or foreign file, a full disk only cost a compilation, never a failure.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path
from types import CodeType

from jinja2.bccache import Bucket, BytecodeCache

CACHE_VARIABLE = "CONVGEN_CACHE"  # a folder; empty: nothing kept on disk
IN_MEMORY = 64  # compiled parts kept by a process (a template has about eight)
ON_DISK = 512  # files kept in the folder, the least recently used removed first
_SUFFIX = ".jinja"


def code_digest(codes: Iterable[CodeType]) -> str:
    """A digest of what functions do (their bytecode, names and constants, nested code
    included), the same in every process: what ``CODE_SHAPE`` takes of an extension."""
    digest = hashlib.sha256()
    pending = list(codes)
    while pending:
        code = pending.pop()
        digest.update(code.co_code)
        digest.update(repr((code.co_names, code.co_varnames)).encode())
        for constant in code.co_consts:
            if isinstance(constant, CodeType):
                pending.append(constant)
            else:
                digest.update(repr(constant).encode())
    return digest.hexdigest()


class CompiledTemplates(BytecodeCache):
    """Jinja's bytecode cache: the code of each compiled part, by the name it was
    compiled under and the digest of its source; in memory (the ``IN_MEMORY`` last
    used), and in ``folder`` once ``keep_in`` gave one."""

    def __init__(self, shape: str) -> None:
        self.shape = shape
        self.folder: Path | None = None
        self._memory: OrderedDict[str, CodeType] = OrderedDict()

    def keep_in(self, folder: Path | None) -> None:
        """Keep compiled parts in ``folder`` too (None: in memory only), if it is usable."""
        self.folder = folder if folder is not None and _private_folder(folder) else None

    def get_source_checksum(self, source: str) -> str:
        return hashlib.sha256(f"{self.shape}\n{source}".encode()).hexdigest()

    def load_bytecode(self, bucket: Bucket) -> None:
        entry = f"{bucket.key}-{bucket.checksum}{_SUFFIX}"
        code = self._memory.get(entry)
        if code is not None:
            self._memory.move_to_end(entry)
            bucket.code = code
            return
        if self.folder is None:
            return
        path = self.folder / entry
        try:
            data = path.read_bytes()
            os.utime(path)  # recently used: kept when the folder is pruned
        except OSError:
            return
        try:
            bucket.bytecode_from_string(data)  # checks Jinja's header and the digest
        except Exception:  # a damaged file (pickle and marshal raise many kinds)
            bucket.reset()
        if bucket.code is not None:
            self._remember(entry, bucket.code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        entry = f"{bucket.key}-{bucket.checksum}{_SUFFIX}"
        if bucket.code is not None:
            self._remember(entry, bucket.code)
        if self.folder is None:
            return
        try:
            _write(self.folder / entry, bucket.bytecode_to_string())
            _prune(self.folder)
        except OSError:
            self.folder = None  # a full disk, a folder removed: compile, as without one

    def clear(self) -> None:
        self._memory.clear()

    def _remember(self, entry: str, code: CodeType) -> None:
        self._memory[entry] = code
        self._memory.move_to_end(entry)
        while len(self._memory) > IN_MEMORY:
            self._memory.popitem(last=False)


def default_folder() -> Path | None:
    """Where compiled templates are kept: ``CONVGEN_CACHE`` if set (empty: nowhere),
    else the user's cache folder (``~/.cache/convgen/modeles-compiles`` on Linux)."""
    chosen = os.environ.get(CACHE_VARIABLE)
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    import platformdirs  # noqa: PLC0415 - only commands that compile templates need it

    return Path(platformdirs.user_cache_dir("convgen", appauthor=False)) / "modeles-compiles"


def _private_folder(folder: Path) -> bool:
    """``folder``, created if needed, is a real folder of this user that no one else
    may write in."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        status = folder.lstat()
    except OSError:
        return False
    if not stat.S_ISDIR(status.st_mode) or not os.access(folder, os.W_OK):
        return False
    if hasattr(os, "getuid") and status.st_uid != os.getuid():
        return False
    return os.name == "nt" or not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _write(path: Path, data: bytes) -> None:
    """``path`` replaced at once (another process may be reading it); no fsync: a file
    lost in a power cut is compiled again."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _last_used(entry: os.DirEntry[str]) -> float:
    try:
        return entry.stat().st_mtime
    except OSError:  # removed meanwhile by another process: first to go
        return 0.0


def _prune(folder: Path) -> None:
    """Remove the least recently used files beyond ``ON_DISK``."""
    entries = [entry for entry in os.scandir(folder) if entry.name.endswith(_SUFFIX)]
    if len(entries) <= ON_DISK:
        return
    entries.sort(key=_last_used)
    for entry in entries[: len(entries) - ON_DISK]:
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
