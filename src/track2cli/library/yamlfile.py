"""YAML files parsed with the lines their values came from, and cleaned of control characters."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

import yaml

from track2cli.library.errors import Problem
from track2cli.library.files import read_regular
from track2cli.library.text import CONTROL

# A value's place in a document: the keys and list indices that lead to it.
Path_ = tuple[str | int, ...]


# Limits on what one content file may be: far beyond real content, low enough that a
# hostile file is refused quickly and in little memory.
MAX_FILE_BYTES = 1024 * 1024
MAX_VALUES = 200_000  # values a file expands to, each use of an alias counted again
MAX_DEPTH = 40  # levels of nested lists and mappings

# The C loader is several times faster; the pure-Python one is the fallback.
_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):  # type: ignore[misc]
    """The safe loader, reading dates as text: the schema checks them (`issued`), and an
    impossible one such as 1993-13-01 must be a problem with a line, not a crash."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_str)


def strip_controls(value: Any, _done: dict[int, Any] | None = None) -> Any:
    """The value with terminal control characters removed from every string in it.

    A YAML alias makes several places share one object; each is cleaned once, so an
    alias bomb costs no more than its text.
    """
    if isinstance(value, str):
        return CONTROL.sub("", value)
    if not isinstance(value, list | dict):
        return value
    done = {} if _done is None else _done
    if id(value) not in done:
        if isinstance(value, list):
            cleaned: list[Any] = []
            done[id(value)] = cleaned
            cleaned.extend(strip_controls(v, done) for v in value)
        else:
            cleaned_map: dict[Any, Any] = {}
            done[id(value)] = cleaned_map
            # Keys too: a citation key or a misspelt field's name is shown in messages.
            cleaned_map.update(
                {strip_controls(k, done): strip_controls(v, done) for k, v in value.items()}
            )
    return done[id(value)]


# Where a value sits: its first line and column, and its last line (all 1-based).
Extent = tuple[int, int, int]


class SourceFile:
    """One parsed YAML file; where its values sit is worked out when first asked for."""

    # A plain class rather than a dataclass: defining one costs about 0.5 ms per run.
    __slots__ = ("path", "shown", "text", "data", "_lines", "_extents")

    def __init__(self, path: Path, shown: str, text: str, data: Any) -> None:
        self.path, self.shown, self.text, self.data = path, shown, text, data
        self._lines: list[str] | None = None
        self._extents: dict[Path_, Extent] | None = None

    @property
    def lines(self) -> list[str]:
        """The file's lines, for finding a text within a value."""
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines

    @property
    def extents(self) -> dict[Path_, Extent]:
        """Where every value sits, keyed by its path in the document."""
        # Only a problem needs a position, so valid content never pays for the walk. The
        # file is composed again for it: keeping every file's node tree until then was
        # most of a large load's memory.
        if self._extents is None:
            self._extents = {}
            loader = _Loader(self.text)
            try:
                node = loader.get_single_node()
            finally:
                loader.dispose()
            if node is not None:
                _record_extents(node, (), self._extents)
        return self._extents

    def position(self, where: Path_) -> tuple[int, int]:
        """Line and column of a value (of its key, for a field), or of its nearest parent."""
        while where not in self.extents and where:
            where = where[:-1]
        line, column, _ = self.extents.get(where, (1, 1, 1))
        return line, column

    def position_of_text(self, where: Path_, needle: str) -> tuple[int, int]:
        """Where needle first appears within a value."""
        start, column = self.position(where)
        end = self.extents.get(where, (start, column, start))[2]
        for number in range(start, min(end, len(self.lines)) + 1):
            found = self.lines[number - 1].find(needle)
            if found >= 0:
                return number, found + 1
        return start, column


def _record_extents(node: yaml.Node, where: Path_, extents: dict[Path_, Extent]) -> None:
    """Record where every value sits, keyed by its path in the document."""
    seen: set[int] = set()
    # A field's extent runs from its key to the end of its value; a list item's is its own.
    stack: list[tuple[yaml.Node, Path_, yaml.Mark]] = [(node, where, node.start_mark)]
    while stack:
        current, at, first = stack.pop()
        extents[at] = (first.line + 1, first.column + 1, current.end_mark.line + 1)
        # An alias reuses a node: walk it once, so alias bombs cost nothing here.
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            stack.extend(
                (value, at + (str(key.value),), key.start_mark) for key, value in current.value
            )
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(
                (item, at + (index,), item.start_mark) for index, item in enumerate(current.value)
            )


_STR, _BOOL, _NULL = "tag:yaml.org,2002:str", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"


class Refused(Exception):
    """Something in a document track2 will not build (why, and the node where it is)."""

    def __init__(self, reason: str, node: yaml.Node) -> None:
        super().__init__(reason)
        self.reason, self.node = reason, node


def construct(node: yaml.Node, loader: Any, done: dict[int, Any], depth: int = 0) -> Any:
    """Python data from a composed node, several times faster than PyYAML's constructor.

    The C composer has already resolved every tag, so strings, booleans, nulls, maps
    and lists (nearly all of content) convert directly; anything else (numbers, dates,
    merge keys) goes to PyYAML. A list or map reached again through an alias is built
    once; a string needs no such care, being immutable.
    """
    key = id(node)
    if key in done:
        return done[key]
    if depth > MAX_DEPTH:
        raise Refused(f"is nested more than {MAX_DEPTH} levels deep", node)
    # type() is, not isinstance: this runs for every value of every file.
    kind, tag = type(node), node.tag
    if kind is yaml.ScalarNode and tag == _STR:
        return node.value
    if kind is yaml.SequenceNode and tag == _SEQ:
        items: list[Any] = []
        done[key] = items
        items.extend([construct(item, loader, done, depth + 1) for item in node.value])
        return items
    if kind is yaml.MappingNode and tag == _MAP and all(k.tag != _MERGE for k, _ in node.value):
        mapping: dict[Any, Any] = {}
        done[key] = mapping
        for name, item in node.value:
            if type(name) is not yaml.ScalarNode:  # "? [a]": a key no field can have
                raise Refused("has a list or a mapping as a key", name)
            mapping[construct(name, loader, done, depth + 1)] = construct(
                item, loader, done, depth + 1
            )
        return mapping
    value: Any
    if kind is yaml.ScalarNode and tag == _NULL:
        value = None
    elif kind is yaml.ScalarNode and tag == _BOOL:
        value = node.value.lower() in ("true", "yes", "on")
    else:
        try:
            value = loader.construct_object(node, deep=True)
        except (ValueError, TypeError, yaml.YAMLError) as error:  # 5,000 digits, say
            reason = str(error).split(":")[0]
            raise Refused(f"has a value that cannot be read ({reason})", node) from None
    done[key] = value
    return value


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def oversized(root: yaml.Node) -> tuple[str, yaml.Node] | None:
    """Why a document must be refused (an alias bomb, too deep, a cycle), and where.

    One pass in linear time: each node's expanded size and depth are computed once,
    however many aliases point at it.
    """
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            kids = _children(node)
            size[key] = 1 + sum(size[id(k)] for k in kids)
            depth[key] = 1 + max((depth[id(k)] for k in kids), default=0)
            on_path.discard(key)
            if size[key] > MAX_VALUES:
                return f"expands to more than {MAX_VALUES} values through aliases", node
            if depth[key] > MAX_DEPTH:
                return f"is nested more than {MAX_DEPTH} levels deep", node
            continue
        if key in size:
            continue
        if key in on_path:
            return "refers to itself through an alias", node
        on_path.add(key)
        stack.append((node, True))
        stack.extend((kid, False) for kid in _children(node) if id(kid) not in size)
    return None


def parse_file(path: Path, shown: str, problems: list[Problem]) -> SourceFile | None:
    """Parse one YAML file; on failure add a problem with a position and return None."""
    try:
        # Only a regular file, never a pipe that would hang the command or a device.
        raw = read_regular(path, MAX_FILE_BYTES)
    except OSError as error:
        reason = error.strerror or str(error)
        if error.errno == errno.EFBIG:
            problems.append(Problem(shown, 1, f"{reason}: not read", 1))
        else:
            problems.append(Problem(shown, 0, f"cannot read: {reason}"))
        return None
    if b"\0" in raw:
        offset = raw.index(b"\0")
        line = raw.count(b"\n", 0, offset) + 1
        column = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
        problems.append(
            Problem(shown, line, "a binary file (it holds a NUL byte), not text", column)
        )
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        problems.append(Problem(shown, line, "not UTF-8 text", column))
        return None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        # An alias bomb or a cycle needs an anchor; a file without one skips that check.
        refused = oversized(node) if node is not None and "&" in text else None
        if refused is None and node is not None:
            try:
                data = construct(node, loader, {})
            except Refused as error:
                refused = (error.reason, error.node)
        else:
            data = None
        if refused is not None:
            reason, where = refused
            line, column = where.start_mark.line + 1, where.start_mark.column + 1
            problems.append(Problem(shown, line, f"refused: the file {reason}", column))
            return None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = f"YAML syntax: {error.problem or error.context}"
        problems.append(Problem(shown, line, message, column))
        return None
    except yaml.YAMLError as error:
        problems.append(Problem(shown, 1, f"YAML: {error}", 1))
        return None
    finally:
        loader.dispose()
    # Control characters come from the text itself or from escapes like "\x1b" in
    # double-quoted strings; a file with neither needs no cleaning.
    if "\\" in text or CONTROL.search(text):
        data = strip_controls(data)
    return SourceFile(path, shown, text, data)
