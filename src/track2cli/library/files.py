"""Writing files safely: all or nothing, and never over an existing file by accident."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

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
    """Let write() fill a temporary file beside path, then rename it into place."""
    if path.exists() and not force:
        raise Track2Error(messages.FILE_EXISTS.format(path=path))
    folder = path.parent if str(path.parent) else Path(".")
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
        os.replace(temporary, path)
    except OSError as error:
        raise Track2Error(
            messages.CANNOT_WRITE.format(path=path, reason=error.strerror or error)
        ) from None
    finally:
        temporary.unlink(missing_ok=True)
