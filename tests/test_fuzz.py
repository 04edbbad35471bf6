"""Fuzzing: no content file and no command line crashes track2.

The budget is small and derandomized so that CI stays fast and repeatable.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.conftest import PACK_FILES
from track2cli.cli import app
from track2cli.library.loader import load

FUZZ = settings(
    max_examples=60, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck)
)

scalars = st.one_of(
    st.text(max_size=30), st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False)
)
keys = st.sampled_from(
    [
        "id",
        "title",
        "summary",
        "body",
        "principles",
        "timeline",
        "questions",
        "kind",
        "options",
        "text",
        "correct",
        "about",
        "cites",
        "aliases",
        "see_also",
        "type",
        "author",
        "issued",
        "x",
    ]
) | st.text(max_size=8)
structures = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
    max_leaves=25,
)
PLACES = [
    "cases/alpha.yaml",
    "topics/alpha.yaml",
    "questions/alpha.yaml",
    "references.yaml",
    "pack.yaml",
]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small valid pack to layer fuzzed files on: the loader's every path, few bytes."""
    root = tmp_path_factory.mktemp("base")
    for name, text in PACK_FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def load_with(base: Path, tmp: Path, place: str, content: bytes) -> None:
    path = tmp / place
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    library, problems = load([base, tmp])
    # A library comes back exactly when no problem is an error; every problem says where.
    errors = [problem for problem in problems if problem.severity == "error"]
    assert (library is None) == bool(errors)
    for problem in problems:
        assert problem.path and problem.message and problem.line >= 0


@FUZZ
@given(place=st.sampled_from(PLACES), content=st.binary(max_size=300))
def test_random_bytes_never_crash_the_loader(
    tmp_path_factory: pytest.TempPathFactory, base: Path, place: str, content: bytes
) -> None:
    load_with(base, tmp_path_factory.mktemp("pack"), place, content)


@FUZZ
@given(place=st.sampled_from(PLACES), data=structures)
def test_random_yaml_never_crashes_the_loader(
    tmp_path_factory: pytest.TempPathFactory, base: Path, place: str, data: object
) -> None:
    load_with(base, tmp_path_factory.mktemp("pack"), place, yaml.safe_dump(data).encode())


WORDS = [
    "explain",
    "case",
    "cite",
    "quiz",
    "review",
    "stats",
    "search",
    "validate",
    "paths",
    "progress",
    "export",
    "new",
    "reset",
    "anki",
    "gift",
    "markdown",
    "topic",
    "oslo",
    "principles",
    "--json",
    "--format",
    "mla",
    "bibtex",
    "--for",
    "--count",
    "0",
    "3",
    "-1",
    "--seed",
    "x",
    "--topic",
    "--kind",
    "order",
    "--pass",
    "101",
    "--list",
    "--missed",
    "--limit",
    "--inline",
    "--article",
    "--yes",
    "-o",
    "--force",
    "--resolved",
    "--color",
    "never",
    "--no-bundled",
    "--content-dir",
    "--version",
    "-h",
    "\x1b[31m",
    "[bold]",
    "",
    "é",
    "--",
    "-",
]


@FUZZ
@given(arguments=st.lists(st.sampled_from(WORDS) | st.text(max_size=6), max_size=6))
def test_random_command_lines_never_crash(
    tmp_path_factory: pytest.TempPathFactory, arguments: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("cwd")
    # Paths the commands may write to stay inside the temporary folder.
    arguments = [str(folder / "out") if a == "-o" else a for a in arguments]
    arguments = [a for a in arguments if a != "--content-dir"] or ["paths"]
    with contextlib.chdir(folder):  # `new` and relative -o paths write here, nowhere else
        result = CliRunner().invoke(app, arguments, input="1\n2\nt\n")
    assert result.exit_code in (0, 1, 2), (arguments, result.output, result.exception)
    assert "Traceback" not in result.output
