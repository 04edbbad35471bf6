"""Shared fixtures: the real library, a CLI runner, and small content packs to break."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from track2cli.library.loader import load
from track2cli.library.model import Library

GOLDEN = Path(__file__).parent / "golden"

PACK_FILES = {
    "pack.yaml": "format: 1\nname: test pack\n",
    "references.yaml": (
        "smith2000:\n"
        "  type: book\n"
        "  author:\n"
        "    - {family: Smith, given: Ann B.}\n"
        "  issued: 2000\n"
        "  title: A book\n"
        "  publisher: A Press\n"
        "  status: confirmed\n"
        "  note: Seen.\n"
    ),
    "topics/principles.yaml": (
        "id: principles\n"
        "title: Principles\n"
        "summary: The principles.\n"
        "body: |\n"
        "  Text [@smith2000].\n"
        "principles:\n"
        "  - id: informality\n"
        "    title: Informality\n"
        "    summary: Informal.\n"
        "    body: Informal talk [@smith2000].\n"
    ),
    "cases/alpha.yaml": (
        "id: alpha\n"
        "title: Alpha\n"
        "aliases: [first-case]\n"
        "period: '2000'\n"
        "summary: A case.\n"
        "background: |\n"
        "  Some background.\n"
        "  More lines [@smith2000].\n"
        "participants: People.\n"
        "timeline:\n"
        "  - date: '2000'\n"
        "    event: Something happened.\n"
        "principles:\n"
        "  - id: informality\n"
        "    how: Informally.\n"
        "limits: Some limits.\n"
    ),
}


@pytest.fixture(autouse=True)
def private_progress(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads or writes the user's own progress file or content cache."""
    monkeypatch.setenv("TRACK2_DATA_DIR", str(tmp_path_factory.mktemp("progress")))
    # One content cache for the session: its files are keyed by the content they hold,
    # so sharing is safe, and it spares every command in every test a parse of the YAML.
    # tests/test_cache.py gives each of its tests a fresh folder.
    monkeypatch.setenv("TRACK2_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture(autouse=True, scope="session")
def bundled_files_parsed_once() -> Iterator[None]:
    """Each bundled file is parsed once per test process, not once per command: many
    tests load the bundled content afresh beside a pack of their own (about 4 of the
    suite's 58 seconds went on parsing it again). Everything after the parse (checks,
    links, building the library) still runs every time, and a file not bundled, or
    changed since, is parsed as usual."""
    from track2cli import bundled_content
    from track2cli.library import loader
    from track2cli.library.errors import Problem
    from track2cli.library.yamlfile import SourceFile
    from track2cli.library.yamlfile import parse_file as parse

    bundled = bundled_content().resolve()
    parsed: dict[tuple[str, str, int, int], tuple[SourceFile | None, list[Problem]]] = {}

    def parse_once(path: Path, shown: str, problems: list[Problem]) -> SourceFile | None:
        if not path.resolve().is_relative_to(bundled):
            return parse(path, shown, problems)
        stat = path.stat()
        key = (str(path), shown, stat.st_size, stat.st_mtime_ns)
        if key not in parsed:
            found: list[Problem] = []
            parsed[key] = (parse(path, shown, found), found)
        source, found = parsed[key]
        problems.extend(found)
        return source

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(loader, "parse_file", parse_once)
        yield


@pytest.fixture(scope="session")
def library() -> Library:
    """The real bundled content."""
    return load().checked()


@pytest.fixture
def make_pack(tmp_path: Path) -> Callable[..., Path]:
    """Write a small valid pack, with some files replaced, and return its folder."""

    def make(replace: dict[str, str | bytes] | None = None) -> Path:
        files: dict[str, str | bytes] = {**PACK_FILES, **(replace or {})}
        for name, content in files.items():
            path = tmp_path / "pack" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return tmp_path / "pack"

    return make


@pytest.fixture
def runner() -> CliRunner:
    """A CLI runner with a fixed environment: no colour settings leak in."""
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        os.environ.pop(name, None)
    return CliRunner()


def check_golden(name: str, text: str) -> None:
    """Compare text with tests/golden/NAME; set UPDATE_GOLDEN=1 to rewrite the file."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text
