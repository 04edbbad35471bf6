"""Writing files safely: all or nothing, and never over an existing file by accident."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from track2cli.errors import Track2Error


def write_atomically(path: Path, text: str, *, force: bool = False) -> None:
    """Write text to path through a temporary file and a rename; nothing partial is left."""
    if path.exists() and not force:
        raise Track2Error(f"{path} already exists: add --force to overwrite it")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise Track2Error(f"cannot write {path}: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise Track2Error(f"cannot write {path}: {error.strerror or error}") from None
