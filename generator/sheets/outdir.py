"""The folder an extraction run writes into: made with a clear error, and locked for the run.

Two runs writing the same folder at once would each replay hand edits over a sheet the other is
replacing; so a run holds an exclusive lock (``flock``) on ``<folder>/.factsheet.lock`` from
start to end, and a second run fails at once with one line naming the first one's process.
The lock file itself stays (deleting a lock file races with the next run opening it); the lock
goes with the process, so a run that is killed never leaves the folder locked.

Failures to write become :class:`~generator.errors.OutputError`: one line naming the path and
what to do (:func:`write_problem`), not a traceback.
"""

from __future__ import annotations

import errno
import logging
import os
import time
from pathlib import Path

from generator import paths
from generator.errors import OutputError

log = logging.getLogger(__name__)

LOCK_NAME = paths.LOCK
PID_WAIT = 1.0  # seconds a blocked run waits for the holder's pid to appear in the lock file

#: what to do about a failed write, by errno
_ADVICE = {
    errno.ENOSPC: "the disk is full: free some space and run again; the file was left as it was",
    errno.EDQUOT: "the disk quota is used up: free some space and run again; the file was left as it was",
    errno.EACCES: "no permission to write there; make it writable or choose another --out",
    errno.EPERM: "no permission to write there; make it writable or choose another --out",
    errno.EROFS: "the file system is read-only; choose another --out",
}


def write_problem(path: Path, exc: OSError) -> OutputError:
    """The one-line error for an OSError met while writing ``path``."""
    if exc.errno in (errno.ENOTDIR, errno.EEXIST) or isinstance(exc, NotADirectoryError | FileExistsError):
        blocker = _file_in_the_way(path)
        if blocker is not None:
            return OutputError(path, f"cannot make this folder: {blocker} is a file, not a folder",
                               hint="choose another --out")
    advice = _ADVICE.get(exc.errno or 0, "check the folder and run again")
    return OutputError(path, f"cannot write ({exc.strerror or exc})", hint=advice)


def _file_in_the_way(path: Path) -> Path | None:
    """The first existing non-folder among ``path`` and its parents, if any."""
    for candidate in (path, *path.parents):
        if candidate.exists() or candidate.is_symlink():
            return None if candidate.is_dir() else candidate
    return None


def make_folder(folder: Path) -> None:
    """Create ``folder`` and its parents; OutputError (one line) when that can't be done."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_problem(folder, exc) from None


class FolderLock:
    """An exclusive lock on a folder for the length of a run (``with FolderLock(folder): ...``)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.path = folder / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> FolderLock:
        try:
            import fcntl
        except ImportError:  # no flock on this system: runs are not guarded against each other
            return self
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise write_problem(self.path, exc) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _pid_in(fd)
            # the holder writes its pid just after it takes the lock: a run started at the same moment may look
            # in between, so give it a moment rather than say "pid unknown"
            deadline = time.monotonic() + PID_WAIT
            while holder is None and time.monotonic() < deadline:
                time.sleep(0.02)
                holder = _pid_in(fd)
            os.close(fd)
            raise OutputError(self.folder, f"another factsheet extract is writing to this folder "
                              f"(pid {holder or 'unknown'}); wait for it or use another --out") from None
        except OSError as exc:  # a file system without locks (some network mounts): go on unguarded
            log.info("%s: cannot lock (%s); not guarded against a second run", self.path, exc)
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        except OSError:
            pass  # the pid is only for the message a second run prints
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the file releases the lock
            self._fd = None

    def __enter__(self) -> FolderLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def _pid_in(fd: int) -> str | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return None
    return text if text.isdigit() else None
