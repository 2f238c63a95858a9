"""Atomic writes: a file is either its previous version or its complete new version.

The bytes go to a temporary file in the same folder, are flushed to disk, then
renamed over the target (rename is atomic within a file system). On any failure
the temporary file is removed and the previous file is left untouched.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import stat
from collections.abc import Iterable
from pathlib import Path

from convgen.errors import OutputError, os_reason

TEMP_PREFIX = ".convgen-"


def write_atomic(path: Path, data: bytes, *, sync_folder: bool = True) -> None:
    """Write ``data`` to ``path`` atomically. Raises OutputError in French.

    ``sync_folder=False`` leaves the rename to be made durable by the caller
    (``sync_folders``, once for several files of a folder): until then, a power
    cut may bring back the previous file, never a partial one."""
    folder = path.parent
    _check_target(path)
    try:
        handle, temp_name = _temporary_file(folder)
    except OSError as exc:
        raise OutputError(os_reason(exc, writing=True), source=str(path)) from None
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        _keep_mode(path, temp_name)
        os.replace(temp_name, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        if isinstance(exc, OSError):
            raise OutputError(os_reason(exc, writing=True), source=str(path)) from None
        raise
    if sync_folder:
        sync_folders([folder])


def same_file(path: Path, *others: Path) -> bool:
    """Whether ``path`` names the same file as one of ``others``, links followed.
    Never raises: ``Path.resolve`` fails on a link loop (RuntimeError)."""
    real = os.path.realpath(path)
    return any(os.path.realpath(other) == real for other in others)


def keep_copy(path: Path, label: str) -> Path:
    """A copy of ``path`` beside it, before it is replaced: « x.docx » gives
    « x.LABEL.docx », or « x.LABEL-2.docx »… when that name is taken (an earlier copy is
    never replaced). A hard link where the file system allows it, else a copy.
    Raises OutputError in French."""
    for number in range(1, 1000):
        tag = label if number == 1 else f"{label}-{number}"
        copy = path.with_name(f"{path.stem}.{tag}{path.suffix}")
        try:
            try:
                os.link(path, copy)
            except FileExistsError:
                continue
            except OSError:  # no hard links here (some shared folders): a copy
                if exists(copy):
                    continue
                shutil.copy2(path, copy)
        except OSError as exc:
            raise OutputError(os_reason(exc, writing=True), source=str(copy)) from None
        return copy
    raise OutputError("trop de copies de ce fichier : rangez les anciennes", source=str(path))


def exists(path: Path) -> bool:
    """Whether something is at ``path`` (a link counts). Raises OutputError in French
    where the system cannot tell (a name too long, a folder that cannot be read)."""
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as exc:
        raise OutputError(os_reason(exc, writing=True), source=str(path)) from None
    return True


def _check_target(path: Path) -> None:
    """Only a regular file is ever replaced: renaming over a device, a pipe or a socket
    would remove it (as root, ``-o /dev/null`` would replace ``/dev/null``)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise OutputError(os_reason(exc, writing=True), source=str(path)) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError("un dossier porte déjà ce nom", source=str(path))
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise OutputError(
            "ce n'est pas un fichier ordinaire (périphérique, tube…) : convgen ne le remplace pas",
            source=str(path),
        )
    try:
        is_folder = stat.S_ISDIR(os.stat(path.parent).st_mode)
    except OSError:
        is_folder = False
    if not is_folder:
        raise OutputError("le dossier de destination n'existe pas", source=str(path))


def make_folders(folder: Path) -> None:
    """Create ``folder`` and its parents if needed. Raises OutputError in French."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(os_reason(exc, writing=True), source=str(folder)) from None


def _temporary_file(folder: Path) -> tuple[int, str]:
    """A new file of ``folder``, created with the permissions the user gives new files
    (the system applies the umask to 0o666, on every platform).

    Ctrl-C or SIGTERM handled just as ``os.open`` returns (Python runs a signal's
    handler there) leaves no file behind: it is removed by its name, which no one else
    may have taken (created here, exclusively, under convgen's temporary prefix)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        name = os.path.join(folder, f"{TEMP_PREFIX}{secrets.token_hex(8)}.tmp")
        try:
            return os.open(name, flags, 0o666), name
        except FileExistsError:
            continue
        except OSError:
            raise
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(name)
            raise
    raise FileExistsError(f"no free temporary name in {folder}")


def _keep_mode(path: Path, temp_name: str) -> None:
    """A replaced file keeps its permissions; a new one has the user's defaults."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return
    os.chmod(temp_name, mode)


def sync_folders(folders: Iterable[Path]) -> None:
    """Make the renames done in ``folders`` durable (POSIX: one flush per folder,
    whatever the number of files renamed in it); harmless where unsupported."""
    for folder in set(folders):
        with contextlib.suppress(OSError):
            descriptor = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
