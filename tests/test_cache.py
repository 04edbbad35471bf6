"""The content cache: used when it pays, never trusted when it is wrong."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from track2cli import bundled_content
from track2cli.cli import app
from track2cli.library import cache, paths
from track2cli.library.model import Case, Library, Reference


@pytest.fixture(autouse=True)
def own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test here starts with an empty cache folder of its own."""
    monkeypatch.setenv("TRACK2_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def cached() -> Path:
    return Path(os.environ["TRACK2_CACHE_DIR"])


def test_the_cached_library_equals_the_loaded_one(cached: Path, library: Library) -> None:
    layers = [bundled_content()]
    key = cache.cache_key(layers, True)
    assert key is not None and cache.read(key) is None
    cache.write(key, library)
    assert cache.read(key) == library


def test_a_command_may_read_only_the_parts_it_needs(cached: Path, library: Library) -> None:
    cache.write("parts", library)
    only = cache.read("parts", ["references"])
    assert only is not None and only.references == library.references
    assert (only.topics, only.cases, only.questions) == ({}, {}, {})
    text = cache._path("parts").read_text()
    lines = text.splitlines(keepends=True)
    cut = [line for line in lines if not line.startswith('["cases", "oslo"')]
    cache._path("parts").write_text("".join(cut))  # a skipped line lost is still noticed
    assert cache.read("parts", ["references"]) is None


def test_cite_reads_only_the_references_and_prints_the_same(
    runner: CliRunner, cached: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = runner.invoke(app, ["cite"])  # writes the cache
    built: list[type] = []
    real = cache._record

    def counted(cls: type, fields: dict[str, object]) -> object:
        built.append(cls)
        return real(cls, fields)

    monkeypatch.setattr(cache, "_record", counted)
    again = runner.invoke(app, ["cite"])
    assert (again.exit_code, again.stdout) == (0, first.stdout)
    assert set(built) == {Reference}
    built.clear()
    assert runner.invoke(app, ["cite", "--for", "oslo"]).exit_code == 0
    assert Case in built  # --for needs the page too


def test_a_cache_of_the_old_format_is_removed_when_a_new_one_is_written(
    cached: Path, library: Library
) -> None:
    cached.mkdir(parents=True, exist_ok=True, mode=0o700)
    old = cached / "library-0badcafe.json"
    old.write_text('{"key": "old", "library": {}}')
    cache.write("new", library)
    assert [p.name for p in cached.iterdir()] == [cache._path("new").name]


def test_commands_write_and_then_use_the_cache(
    runner: CliRunner, cached: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert runner.invoke(app, ["case", "oslo"]).exit_code == 0
    (written,) = cached.glob("library-*.jsonl")
    calls = []
    monkeypatch.setattr(
        "track2cli.library.loader.LayerReader.read", lambda self: calls.append(1)
    )  # must not be needed
    assert runner.invoke(app, ["case", "oslo"]).stdout.startswith("The Oslo back channel")
    assert calls == [] and written.exists()


def oslo_line(text: str) -> str:
    return next(line for line in text.splitlines() if line.startswith('["cases", "oslo"'))


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # truncated in a line
        lambda text: "".join(text.splitlines(keepends=True)[:-1]),  # its last line lost
        lambda text: "".join(text.splitlines(keepends=True)[:-2] + text.splitlines(True)[-1:]),
        lambda text: text + text.splitlines(keepends=True)[-2],  # a line too many
        lambda text: "not json at all",  # corrupt
        lambda text: json.dumps({"key": "another"}) + text[text.index("\n") :],  # another key
        lambda text: text.replace(oslo_line(text), '["cases", "oslo", 1]'),  # wrong shape
        lambda text: text.replace(oslo_line(text), '["nowhere", "oslo", {}]'),  # unknown part
        lambda text: text.replace('"seen": ', '"sean": ', 1),  # a field of another layout
    ],
)
def test_a_damaged_cache_is_ignored_and_rebuilt(
    runner: CliRunner, cached: Path, damage: object
) -> None:
    assert runner.invoke(app, ["case", "oslo"]).exit_code == 0
    (written,) = cached.glob("library-*.jsonl")
    written.write_text(damage(written.read_text()))  # type: ignore[operator]
    result = runner.invoke(app, ["case", "oslo"])
    assert result.exit_code == 0 and result.stdout.startswith("The Oslo back channel")
    assert json.loads(oslo_line(written.read_text()))[2]["title"] == "The Oslo back channel"


def test_an_edited_file_makes_the_cache_stale(cached: Path, tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    (pack / "cases").mkdir(parents=True)
    case = pack / "cases" / "oslo.yaml"
    case.write_text((bundled_content() / "cases" / "oslo.yaml").read_text())
    layers = [bundled_content(), pack]
    before = cache.cache_key(layers, False)
    case.write_text(case.read_text().replace("The Oslo back channel", "Oslo, edited"))
    assert cache.cache_key(layers, False) != before


def test_no_cache(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = Path(os.environ["TRACK2_CACHE_DIR"])
    assert runner.invoke(app, ["--no-cache", "case", "oslo"]).exit_code == 0
    monkeypatch.setenv("TRACK2_NO_CACHE", "1")
    assert runner.invoke(app, ["case", "oslo"]).exit_code == 0
    assert list(folder.glob("library-*")) == []
    monkeypatch.delenv("TRACK2_NO_CACHE")
    assert runner.invoke(app, ["case", "oslo"]).exit_code == 0
    assert len(list(folder.glob("library-*"))) == 1


def test_a_cache_file_owned_by_someone_else_is_not_trusted(
    cached: Path, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    layers = [bundled_content()]
    key = cache.cache_key(layers, True)
    assert key is not None
    cache.write(key, library)
    monkeypatch.setattr(os, "getuid", lambda: os.geteuid() + 1)
    assert cache.read(key) is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux rule only")
@pytest.mark.parametrize("xdg", [None, "/tmp/xdg-cache", "relative/ignored", ""])
def test_cache_dir_is_platformdirs_own_answer(
    monkeypatch: pytest.MonkeyPatch, xdg: str | None
) -> None:
    import platformdirs

    monkeypatch.delenv("TRACK2_CACHE_DIR")
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    assert paths.cache_dir() == Path(platformdirs.user_cache_dir("track2", appauthor=False))
