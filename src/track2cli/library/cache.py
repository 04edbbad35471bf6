"""A cache of the loaded, checked library, so that later runs skip parsing YAML.

The format is JSON Lines: reading it can only ever produce data, never run code (pickle
or marshal could), which matters because a cache file is read on every run. The first
line holds the key, then each record has a line of its own (which part of the library,
its id, its fields), and a last line counts them, so that a file cut short is never
taken for a smaller library. Read a line at a time, the file's text is never all in
memory. It is kept in the user's cache directory, made private to the user, and a file
not owned by the user is ignored. The key is every content file's path, size and
modification time, plus track2's version; anything unreadable, truncated, foreign or
stale is ignored and rebuilt. Only content that loaded without errors is cached.
"""

from __future__ import annotations

import dataclasses
import gc
import os
import zlib
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any, TypeVar

from track2cli import __version__
from track2cli.library.files import open_regular
from track2cli.library.model import (
    ENTRIES,
    FOLDERS,
    Case,
    Library,
    Principle,
    Question,
    Reference,
    Topic,
    Workshop,
    fields_of,
    jsonable,
)
from track2cli.library.paths import cache_dir

KEEP = 8  # cache files kept; older ones are removed when a new one is written
# The parts of a library, in the order they are written, and the record each holds.
PARTS: dict[str, type] = {
    "topics": Topic,
    "principles": Principle,
    "cases": Case,
    "references": Reference,
    "questions": Question,
    "workshops": Workshop,
}


def content_files(
    layers: Sequence[Path], questions: bool, workshops: bool = False
) -> list[tuple[str, int, int]]:
    """Every content file to be read: its path, size and modification time."""
    found = []
    for root in layers:
        for folder in (root, *(root / name for name in FOLDERS)):
            if (folder.name == "questions" and not questions) or (
                folder.name == "workshops" and not workshops
            ):
                continue
            try:
                entries = list(os.scandir(folder))
            except OSError:
                continue
            for entry in entries:
                if entry.name.endswith((".yaml", ".yml")) and entry.is_file():
                    stat = entry.stat()
                    found.append((entry.path, stat.st_size, stat.st_mtime_ns))
    return sorted(found)


def cache_key(layers: Sequence[Path], questions: bool, workshops: bool = False) -> str:
    """What the library is built from: every file's path, size and time, and track2's
    version. Any content is worth caching: reading even one case back from the cache
    costs less than importing the YAML parser."""
    files = content_files(layers, questions, workshops)
    parts = [__version__, str(questions), str(workshops), *(str(r.resolve()) for r in layers)]
    parts += [f"{path}\0{size}\0{mtime}" for path, size, mtime in files]
    return "\n".join(parts)


def _name(key: str) -> str:
    # The file is named by a checksum of the key; the whole key is stored inside and
    # compared on reading, so two keys sharing a checksum only cost a rebuild.
    return f"library-{zlib.crc32(key.encode()):08x}"


def _path(key: str) -> Path:
    return cache_dir() / f"{_name(key)}.jsonl"


MAX_CACHE_BYTES = 512 * 1024 * 1024
# What starts a terminal control sequence (ESC, BEL, the one-byte CSI and OSC): checked
# content holds none, raw or as a JSON escape, so a cache that does was not written by us.
RAW_CONTROLS = ("\x1b", "\x07", "\x9b", "\x9d")
ESCAPED_CONTROLS = ("\\u001b", "\\u0007", "\\u009b", "\\u009d")


def holds_terminal_controls(text: str) -> bool:
    """Whether JSON text holds a terminal control, raw or escaped in either case."""
    if any(control in text for control in RAW_CONTROLS):
        return True
    # One search for the rare "\u00" and a look at each one found is a sixth of the time
    # of a search for every escape, which was a tenth of reading the bundled pages.
    at = text.find("\\u00")
    while at >= 0:
        if text[at : at + 6].lower() in ESCAPED_CONTROLS:
            return True
        at = text.find("\\u00", at + 1)
    return False


def private_folder(folder: Path) -> bool:
    """Whether a folder is the user's own and closed to others, so nobody else can plant
    a file or a link in it."""
    try:
        info = folder.lstat()
    except OSError:
        return False
    import stat

    own = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return stat.S_ISDIR(info.st_mode) and own and not info.st_mode & 0o022


def read(key: str, parts: Collection[str] | None = None) -> Library | None:
    """The cached library for a key, or None when there is no usable cache. parts: only
    these parts of it (the rest left empty), for a command that needs no more."""
    path = _path(key)
    # Lines of the parts not wanted are counted and skipped unread.
    skipped = tuple(f'["{name}", '.encode() for name in PARTS if parts and name not in parts)
    # Reading builds many objects and no reference cycles: the cyclic garbage collector,
    # which would walk the growing library again and again, has nothing to find.
    collecting = gc.isenabled()
    gc.disable()
    try:
        if not private_folder(path.parent):
            return None  # a shared or foreign folder: not trusted
        import json

        found: dict[str, dict[str, Any]] = {name: {} for name in PARTS}
        with open_regular(path, MAX_CACHE_BYTES) as stream:
            if json.loads(stream.readline()) != {"key": key}:
                return None
            size = records = 0
            for line in stream:
                size += len(line)
                if skipped and line.startswith(skipped):
                    records += 1
                    continue
                text = line.decode("utf-8")
                if size > MAX_CACHE_BYTES or holds_terminal_controls(text):
                    return None  # checked content never holds control characters: not ours
                part, item_id, fields = json.loads(text)
                if part == "end":
                    ended = item_id == records and not next(stream, None)
                    return Library(**found) if ended else None
                found[part][item_id] = _record(PARTS[part], fields)
                records += 1
        return None  # no last line: cut short
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # missing, truncated, corrupt or from another layout: rebuild
    finally:
        if collecting:
            gc.enable()


def write(key: str, library: Library) -> None:
    """Cache a library; failing to (a read-only disk, say) is not an error."""
    folder = cache_dir()
    temporary: Path | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not private_folder(folder):
            return  # never write where another user could swap the file for a link
        import json
        import secrets

        temporary = folder / f".{_name(key)}.{secrets.token_hex(8)}.tmp"
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        with os.fdopen(os.open(temporary, flags, 0o600), "w", encoding="utf-8") as stream:
            stream.write(json.dumps({"key": key}, ensure_ascii=False) + "\n")
            written = 0
            for part in PARTS:
                for item_id, record in getattr(library, part).items():
                    line = [part, item_id, jsonable(record)]
                    stream.write(json.dumps(line, ensure_ascii=False) + "\n")
                    written += 1
            stream.write(json.dumps(["end", written, None]) + "\n")
        os.replace(temporary, _path(key))
        temporary = None
        old = sorted(folder.glob("library-*.jsonl"), key=lambda p: p.stat().st_mtime)[:-KEEP]
        for stale in [*old, *folder.glob("library-*.json")]:  # and any of the old format
            stale.unlink(missing_ok=True)
    except OSError:
        return
    finally:
        if temporary is not None:  # a full disk: leave nothing behind to fill it further
            temporary.unlink(missing_ok=True)


def load(
    layers: Sequence[Path],
    *,
    questions: bool,
    workshops: bool = False,
    key: str | None = None,
    parts: Collection[str] | None = None,
) -> Library:
    """The library for these layers: from the cache when it is fresh, otherwise loaded
    (raising ContentError on errors) and cached for next time. key: their cache_key,
    when the caller has it already (it stats every file); parts: what the caller needs,
    when not everything (from the cache only those; a fresh load gives them all)."""
    key = key or cache_key(layers, questions, workshops)
    library = read(key, parts)
    if library is None:
        from track2cli.library.loader import load  # only when the cache cannot serve

        library = load(layers, questions=questions, workshops=workshops).checked()
        write(key, library)
    return library


R = TypeVar("R")


def _record(cls: type[R], fields: dict[str, Any]) -> R:
    """A frozen record from fields the cache wrote from a checked library.

    It gives the instance its dictionary directly: a record's __init__ checks each field
    by name, which for a large bibliography cost more than reading the whole cache file.
    """
    names, sequences = _layout(cls)
    if fields.keys() != names:
        raise KeyError(cls.__name__)  # written by another layout: read() rebuilds
    for name, entry in sequences:
        items = fields[name]
        fields[name] = tuple(_entry(entry, item) for item in items) if entry else tuple(items)
    record = object.__new__(cls)
    # The JSON object becomes the record's own attributes: copying it would hold two of
    # every record in memory while the library is built.
    object.__setattr__(record, "__dict__", fields)
    return record


def _entry(entry: Any, item: dict[str, Any]) -> Any:
    """A small value from JSON, its lists made tuples again (a cloze gap's answers) and
    its own entries built (a workshop step's choices)."""
    for name, inner in _lists_in(entry):
        items = item[name]
        item[name] = tuple(_entry(inner, i) for i in items) if inner else tuple(items)
    return entry(**item)


_LISTS: dict[type, list[tuple[str, Any]]] = {}


def _lists_in(entry: type) -> list[tuple[str, Any]]:
    """The fields of an entry type that hold lists (most hold none), each with the type
    of its entries (None: text)."""
    if entry not in _LISTS:
        _LISTS[entry] = [
            (name, spec.entries if spec.kind == "records" else None)
            for name, spec in ENTRIES[entry].items()
            if spec.kind in ("ids", "records")
        ]
    return _LISTS[entry]


_LAYOUTS: dict[type, tuple[set[str], list[tuple[str, Any]]]] = {}


def _layout(cls: type) -> tuple[set[str], list[tuple[str, Any]]]:
    """A record's field names, and which fields hold tuples and of what (None: text),
    from the description of its fields."""
    if cls not in _LAYOUTS:
        sequences = [
            (name, spec.entries if spec.entries in ENTRIES else None)
            for name, spec in fields_of(cls).items()
            if spec.kind in ("ids", "names", "records")
        ]
        _LAYOUTS[cls] = ({f.name for f in dataclasses.fields(cls)}, sequences)
    return _LAYOUTS[cls]
