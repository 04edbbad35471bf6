"""Every place track2 reads or writes outside its package, and the environment variables
that move them: the one module that knows them.

TRACK2_CONTENT_PATH  content packs read after the bundled content (os.pathsep-separated)
TRACK2_DATA_DIR      where the progress file lives
TRACK2_CACHE_DIR     where the content cache lives
TRACK2_NO_CACHE      any value but "" or "0" turns the content cache off
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

CONTENT_PATH = "TRACK2_CONTENT_PATH"
DATA_DIR = "TRACK2_DATA_DIR"
CACHE_DIR = "TRACK2_CACHE_DIR"
NO_CACHE = "TRACK2_NO_CACHE"
PROGRESS_FILE_NAME = "progress.sqlite3"


def content_path() -> list[Path]:
    """The content packs named by $TRACK2_CONTENT_PATH, in order."""
    value = os.environ.get(CONTENT_PATH, "")
    return [Path(part).expanduser() for part in value.split(os.pathsep) if part]


def cache_turned_off() -> bool:
    """Whether $TRACK2_NO_CACHE turns the content cache off."""
    return os.environ.get(NO_CACHE, "") not in ("", "0")


def cache_dir() -> Path:
    """Where cached libraries live: $TRACK2_CACHE_DIR, or the user cache directory."""
    override = os.environ.get(CACHE_DIR)
    if override:
        return Path(override).expanduser()
    if sys.platform.startswith("linux"):
        # What platformdirs gives on Linux (the XDG base directory rule), without its
        # import, which would cost more than the cache saves on every page.
        xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
        base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"
        return base / "track2"
    import platformdirs

    return Path(platformdirs.user_cache_dir("track2", appauthor=False))


def data_dir() -> Path:
    """Where progress lives: $TRACK2_DATA_DIR, or the platform's user data directory."""
    override = os.environ.get(DATA_DIR)
    if override:
        return Path(override).expanduser()
    import platformdirs  # only commands that touch progress pay for it

    return Path(platformdirs.user_data_dir("track2", appauthor=False))


def progress_file() -> Path:
    """The progress file."""
    return data_dir() / PROGRESS_FILE_NAME


def keep_colours_in_less() -> None:
    """Let less, the usual pager, show colours rather than their escape codes, unless the
    user has set LESS."""
    os.environ.setdefault("LESS", "-R")
