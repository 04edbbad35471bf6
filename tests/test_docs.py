"""The command-line reference in docs/ matches --help, and every command shows examples."""

from __future__ import annotations

import functools
import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs"


@functools.cache
def reference_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("cli_reference", DOCS / "cli_reference.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_cli_reference_is_up_to_date() -> None:
    reference = reference_module()
    assert (DOCS / "cli.md").read_text(encoding="utf-8") == reference.reference(), (
        "docs/cli.md is out of date: run python docs/cli_reference.py"
    )


@functools.cache
def sections() -> list[tuple[tuple[str, ...], str]]:
    """Every command path with its help, built once for the tests below."""
    found: list[tuple[tuple[str, ...], str]] = reference_module().sections()
    return found


def test_the_reference_lists_every_command() -> None:
    paths = [path for path, _ in sections()]
    assert [" ".join(p) for p in paths[1:6]] == ["explain", "case", "cite", "audit", "quiz"]
    assert ("progress", "reset") in paths and len(paths) == 20


GROUPS = {("progress",), ("class",)}  # their subcommands carry the examples


@pytest.mark.parametrize(
    ("path", "text"),
    [(path, text) for path, text in sections() if path and path not in GROUPS],
    ids=[" ".join(path) for path, _ in sections() if path and path not in GROUPS],
)
def test_every_command_has_help_with_an_example(path: tuple[str, ...], text: str) -> None:
    examples = text.split("Examples:\n", 1)[1].splitlines()
    assert any(line.strip().startswith(("track2 ", "printf ")) for line in examples)
    assert any(f"track2 {' '.join(path)}" in line for line in examples)


def piped_examples(text: str) -> list[tuple[str, str]]:
    """Every `printf ... | track2 quiz ...` example in a text: its answers and command."""
    found: list[tuple[str, str]] = re.findall(r"printf '([^']*)' \| track2 (quiz [^#\n\"]*)", text)
    return found


@pytest.mark.parametrize(
    "where", [DOCS.parent / "README.md", DOCS.parent / "src" / "track2cli" / "cli" / "quiz.py"]
)
def test_the_piped_quiz_examples_are_true(where: Path) -> None:
    from typer.testing import CliRunner

    from track2cli.cli import app

    examples = piped_examples(where.read_text(encoding="utf-8"))
    assert examples, where
    for answers, command in examples:
        typed = answers.replace("\\\\n", "\n").replace("\\n", "\n")
        result = CliRunner().invoke(app, command.split(), input=typed)
        assert result.exit_code == 0 and "(100%)" in result.stdout, (command, result.stdout)


def test_the_top_level_help_fits_80_columns_uncut() -> None:
    from typer.testing import CliRunner

    from track2cli.cli import app

    result = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "80"})
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    commands = lines[lines.index("Commands:") + 1 :]
    assert len(commands) == 15 and not any(line.endswith("...") for line in commands)
    assert "The options below may also follow the command" in result.stdout
