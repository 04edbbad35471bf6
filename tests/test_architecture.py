"""The package's dependency rule, checked on the source: each layer imports only layers
below it, nothing imports the command line, and only the command line talks to the user.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import track2cli

PACKAGE = Path(track2cli.__file__).parent

# The subpackages, lowest first: each may import itself and those before it.
LAYERS = ["library", "biblio", "pages", "study", "exports", "cli"]
RANK = {layer: rank for rank, layer in enumerate(LAYERS)}
CORE = sorted(path for path in PACKAGE.rglob("*.py") if path.parent.name in LAYERS[:-1])
# Talking to the user: what only track2cli.cli may import or call.
USER_IO_MODULES = {"typer", "click", "questionary"}
USER_IO_CALLS = {"print", "input", "exit", "sys.exit", "sys.stdout", "sys.stderr"}


def tree_of(path: Path) -> ast.Module:
    """The parsed source of a file in the package."""
    return ast.parse(path.read_text(encoding="utf-8"))


def imported_names(tree: ast.Module) -> set[str]:
    """Every module an import statement names, at any depth (lazy imports included)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            if node.module == "track2cli":
                found.update(f"track2cli.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def imports_of(module: str) -> set[str]:
    """The track2cli modules that `module`'s source imports."""
    path = PACKAGE.joinpath(*module.split(".")[1:]).with_suffix(".py")
    if not path.exists():
        path = path.with_suffix("") / "__init__.py"
    return {name for name in imported_names(tree_of(path)) if name.startswith("track2cli")}


def layer_of(path: Path) -> str:
    """The subpackage a source file is in."""
    return path.relative_to(PACKAGE).parts[0]


def rank_of(name: str) -> int:
    """The layer of an imported track2cli name; the package's own attributes
    (`from track2cli import __version__`) count as the lowest."""
    parts = name.split(".")
    return RANK.get(parts[1], 0) if len(parts) > 1 else 0


def dotted(node: ast.expr) -> str:
    """`sys.stdout` for an attribute chain, `print` for a name, "" otherwise."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = dotted(node.value)
        return f"{inner}.{node.attr}" if inner else ""
    return ""


def test_every_module_is_in_a_layer() -> None:
    loose = {path.name for path in PACKAGE.glob("*.py")}
    assert loose == {"__init__.py", "__main__.py"}  # the version, the bundled content, -m
    folders = {path.name for path in PACKAGE.iterdir() if (path / "__init__.py").exists()}
    assert folders == set(LAYERS)


@pytest.mark.parametrize("path", CORE, ids=lambda path: path.relative_to(PACKAGE).as_posix())
def test_a_module_imports_only_its_own_layer_and_those_below(path: Path) -> None:
    module = ".".join(("track2cli", *path.relative_to(PACKAGE).with_suffix("").parts))
    above = {name for name in imports_of(module) if rank_of(name) > RANK[layer_of(path)]}
    assert above == set(), f"{path.name} imports from a higher layer"


@pytest.mark.parametrize("path", CORE, ids=lambda path: path.relative_to(PACKAGE).as_posix())
def test_only_the_command_line_prints_prompts_or_exits(path: Path) -> None:
    tree = tree_of(path)
    io_imports = {name.split(".")[0] for name in imported_names(tree)} & USER_IO_MODULES
    io_uses = {dotted(node) for node in ast.walk(tree) if isinstance(node, ast.expr)}
    assert io_imports | (io_uses & USER_IO_CALLS) == set()


def test_the_rule_catches_a_core_module_that_prints() -> None:
    # The checks above must be able to fail.
    tree = ast.parse("import sys\nfrom track2cli.cli import app\nprint('x')\nsys.exit(1)\n")
    assert "track2cli.cli" in imported_names(tree)
    assert (
        rank_of("track2cli.cli.app")
        > rank_of("track2cli.exports.gift")
        > rank_of("track2cli.library.model")
    )
    uses = {dotted(node) for node in ast.walk(tree) if isinstance(node, ast.expr)}
    assert {"print", "sys.exit"} <= uses


def test_only_one_module_uses_typers_undocumented_parts() -> None:
    users = {
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if "typer.main" in (text := path.read_text(encoding="utf-8")) or "typer._" in text
    }
    assert users == {"cli/typer_builders.py"}


def test_only_paths_py_reads_track2s_environment_variables() -> None:
    readers = {
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if "environ" in (text := path.read_text(encoding="utf-8")) and "TRACK2_" in text
    }
    assert readers == {"library/paths.py"}


# Calls that say something to the user: what they say must come from messages.py.
SPEAKERS = {"Track2Error", "StoreError", "BadParameter", "echo", "confirm"}


def spoken_literals(tree: ast.Module) -> list[int]:
    """Lines where a speaking call is given a string written in place."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            name = dotted(node.func).rsplit(".", 1)[-1]
            first = node.args[0]
            literal = isinstance(first, ast.JoinedStr) or (
                isinstance(first, ast.Constant) and isinstance(first.value, str)
            )
            if name in SPEAKERS and literal:
                lines.append(node.lineno)
    return lines


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.name)
def test_what_track2_says_comes_from_the_message_catalogue(path: Path) -> None:
    exempt = {"common.py"}  # `--version` prints the version itself
    if path.name not in exempt:
        assert spoken_literals(tree_of(path)) == [], path


def test_the_message_rule_catches_a_message_written_in_place() -> None:
    tree = ast.parse("raise Track2Error(f'no {x}')\ntyper.echo('done')\necho(messages.X)\n")
    assert spoken_literals(tree) == [1, 2]
