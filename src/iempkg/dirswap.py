"""Replacing a directory whole (a store, a build's records/), so that a kill never leaves half one.

`swap_into_place(new, target)` exchanges the two directories in one step where the system can
(Linux `renameat2(RENAME_EXCHANGE)`): `target` is then the new directory and `new` the old one,
for the caller to delete. Elsewhere it renames `target` aside to `.NAME.old-PID-RANDOM`, then
`new` into place; a process killed between the two renames leaves no `target` but its `.old`
copy, which `recover(target)` (called before a directory is used) puts back.

Work directories are named `PREFIX-PID-RANDOM` (`.NAME.new-PID-RANDOM`, `.iempkg-build-PID-RANDOM`)
so that `recover` and `remove_stale` can delete those of processes that are no longer running,
and never those of a build still at work.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import secrets
import shutil
import sys
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
# ".tmp": the directory an Oxigraph backup (RocksDB checkpoint) fills before renaming it.
_PID = re.compile(r"-(\d+)-[A-Za-z0-9_]+(?:\.tmp)?$")


def work_prefix(kind: str) -> str:
    """The prefix of a work directory of this process, for `tempfile.mkdtemp(prefix=...)`."""
    return f"{kind}-{os.getpid()}-"


def is_store(path: Path) -> bool:
    """An Oxigraph (RocksDB) database directory."""
    return (path / "CURRENT").is_file() and (path / "IDENTITY").is_file()


def _exchange(a: Path, b: Path) -> bool:
    """Swap directories `a` and `b` atomically; False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # a C library without it (glibc < 2.28, musl)
        return False
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    renameat2.restype = ctypes.c_int
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False  # a kernel or file system without the exchange
    raise OSError(err, os.strerror(err), str(b))


def swap_into_place(new: Path, target: Path, exchange: bool = True) -> None:
    """Put directory `new` at `target`; afterwards `new` is gone or holds the old `target`."""
    if not target.exists():
        os.rename(new, target)
    elif not (exchange and _exchange(new, target)):
        old = target.with_name(f".{target.name}.{work_prefix('old')}{secrets.token_hex(4)}")
        os.rename(target, old)
        os.rename(new, target)  # killed before this line: recover() renames `old` back
        os.rename(old, new)  # so that the caller deletes it
    _sync_dir(target.parent)


def _sync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # not every system can open a directory
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _stale(path: Path) -> bool:
    """A work directory of a process that is no longer running."""
    m = _PID.search(path.name)
    if not m or not path.is_dir():
        return False
    pid = int(m.group(1))
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # another user's process is running
        return False
    return False


def remove_stale(parent: Path, prefix: str) -> None:
    """Delete work directories `parent/PREFIX-PID-...` of processes no longer running."""
    with contextlib.suppress(OSError):
        for p in parent.iterdir():
            if p.name.startswith(prefix) and _stale(p):
                shutil.rmtree(p, ignore_errors=True)


def recover(target: Path) -> None:
    """Finish or undo what a killed swap left beside `target`."""
    head = f".{target.name}."
    try:
        leftovers = sorted(p for p in target.parent.iterdir() if p.name.startswith(head))
    except OSError:
        return
    for p in leftovers:
        kind = p.name[len(head) :]
        if not kind.startswith(("new-", "old-")) or not _stale(p):
            continue
        if kind.startswith("old-") and not target.exists():
            os.rename(p, target)  # killed between the two renames: the old one comes back
        else:
            shutil.rmtree(p, ignore_errors=True)
