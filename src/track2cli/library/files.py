"""Files read and written safely: only regular files read, within a size; writes all or
nothing, and never over an existing file by accident."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from track2cli.library import messages
from track2cli.library.errors import Track2Error


def write_atomically(path: Path, text: str, *, force: bool = False) -> None:
    """Write text to path through a temporary file and a rename; nothing partial is left."""

    def write(temporary: Path) -> None:
        with temporary.open("w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())

    replace_atomically(path, write, force=force)


def replace_atomically(path: Path, write: Callable[[Path], None], *, force: bool = False) -> None:
    """Let write() fill a temporary file beside path, then rename it into place.

    Only a regular file (or nothing) is ever replaced: never a device, a folder or a pipe,
    whatever --force says. The file gets the permissions the umask allows, as any new
    file would, so a shared course folder stays shared.
    """
    if path.exists() or path.is_symlink():
        if not path.is_file():
            raise Track2Error(messages.NOT_A_REGULAR_FILE.format(path=path))
        if not force:
            raise Track2Error(messages.FILE_EXISTS.format(path=path))
    folder = path.parent if str(path.parent) else Path(".")
    import tempfile  # not on the start-up path: pages read the cache through this module

    try:
        handle, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        os.close(handle)
    except OSError as error:
        raise Track2Error(
            messages.CANNOT_WRITE.format(path=path, reason=error.strerror or error)
        ) from None
    temporary = Path(name)
    try:
        write(temporary)
        os.chmod(temporary, 0o666 & ~current_umask())
        os.replace(temporary, path)
    except OSError as error:
        raise Track2Error(
            messages.CANNOT_WRITE.format(path=path, reason=error.strerror or error)
        ) from None
    finally:
        temporary.unlink(missing_ok=True)


def current_umask() -> int:
    """The process's umask (reading it means setting it: it is put straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def open_regular(path: Path, limit: int) -> BinaryIO:
    """A regular file of at most limit bytes, opened for reading without following a
    symlink or waiting on a pipe; OSError for anything else (a FIFO, a device, a link,
    too large)."""
    import errno
    import stat

    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    handle = os.open(path, flags)
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        if info.st_size > limit:
            raise OSError(errno.EFBIG, f"larger than {limit // 1024} KiB")
        return os.fdopen(handle, "rb")
    except BaseException:
        os.close(handle)
        raise


def read_regular(path: Path, limit: int) -> bytes:
    """A regular file's bytes, at most limit of them (see open_regular)."""
    import errno

    with open_regular(path, limit) as stream:
        size = os.fstat(stream.fileno()).st_size
        # One byte more than the file's size shows that it grew; asking for the limit
        # at once would have Python set aside that much memory for every read.
        data = stream.read(size + 1)
        if len(data) > size:  # it grew while being read: the rest, up to the limit
            data += stream.read(limit + 1 - len(data))
    if len(data) > limit:
        raise OSError(errno.EFBIG, f"larger than {limit // 1024} KiB")
    return data
