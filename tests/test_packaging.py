"""The wheel holds the code and every content file, and runs from anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A freshly built wheel (no network: the installed build backend is used)."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("track2-*.whl")
    return built


def test_wheel_holds_every_content_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    content = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "content").rglob("*.yaml"))
    assert content, "no content found"
    missing = [c for c in content if f"track2cli/{c}" not in names]
    assert missing == []
    assert "track2cli/cli/__init__.py" in names
    assert "track2cli/py.typed" in names  # type checkers use track2's own annotations
    assert "track2cli/content-format.md" in names  # for `track2 new --guide`
    assert {  # for `track2 cite --csl-style`
        f"track2cli/biblio/csl/{name}.csl"
        for name in ("apa", "modern-language-association", "chicago-author-date-17th-edition")
    } <= names
    assert {
        f"track2cli/schemas/{k}.schema.json"
        for k in ("pack", "references", "topic", "case", "questions")
    } <= names


def test_wheel_runs_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    env = {**os.environ, "PYTHONPATH": str(unpacked)}
    result = subprocess.run(
        [sys.executable, "-m", "track2cli", "case", "oslo"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("The Oslo back channel (1992-1993)\n")
    located = subprocess.run(
        [sys.executable, "-c", "import track2cli.library.loader as l; print(l.bundled_content())"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert located.stdout.strip() == str(unpacked / "track2cli" / "content")
