"""The command registry: commands are imported and built only when a run names them,
yet all are listed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.test_architecture import imports_of
from track2cli.cli import app
from track2cli.cli.registry import COMMANDS, LazyCommands, build

# What each run may not import: other commands' modules and heavy libraries.
PAGE_RUN = """
import json, sys
sys.argv = ["track2", *sys.argv[1:]]
from track2cli.cli import main
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def modules_imported_by(*args: str) -> set[str]:
    """The modules a piped run of `track2 ARGS` has imported when it ends."""
    result = subprocess.run(
        [sys.executable, "-c", PAGE_RUN, *args], capture_output=True, text=True, check=True
    )
    return set(json.loads(result.stderr.splitlines()[-1]))


@pytest.mark.parametrize(
    ("args", "own"),
    [
        (["case", "oslo"], {"pages"}),
        (["explain", "principles"], {"pages"}),
        (["cite"], {"cite"}),
        (["cite", "--json"], {"cite", "pages"}),  # shares the pages' reference form
    ],
)
def test_a_page_imports_only_its_own_command(args: list[str], own: set[str]) -> None:
    modules_imported_by(*args)  # the first run caches the content
    imported = modules_imported_by(*args)
    modules = {f"track2cli.cli.{m}" for m in COMMANDS.values()}
    assert {f"track2cli.cli.{m}" for m in own} <= imported
    heavy = {"questionary", "sqlite3", "fsrs", "genanki", "bibtexparser", "rispy", "rich.console"}
    heavy |= {"yaml", "track2cli.library.loader", "shlex"}  # a page served from the cache
    others = modules - {f"track2cli.cli.{m}" for m in own}
    assert imported & (others | heavy) == set()


def test_help_lists_every_command_in_order(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    listed = result.stdout.split("Commands:\n", 1)[1].splitlines()
    assert [line.split()[0] for line in listed] == list(COMMANDS)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_listed_command_builds_under_its_own_name(name: str) -> None:
    command = build(name)
    assert command is not None
    assert command.name == name


def test_an_unknown_name_builds_nothing() -> None:
    assert build("nonsense") is None
    with pytest.raises(KeyError):
        LazyCommands({})["nonsense"]


def test_a_mistyped_command_suggests_the_right_one(runner: CliRunner) -> None:
    result = runner.invoke(app, ["csae", "oslo"])
    assert result.exit_code == 2
    assert "No such command 'csae'. Did you mean 'case'?" in result.stderr


def test_names_are_known_before_any_command_is_built() -> None:
    commands = LazyCommands({})
    assert list(commands) == list(COMMANDS)
    assert len(commands) == len(COMMANDS)
    assert commands.built == {}


def test_typers_undocumented_builders_are_where_track2_expects_them() -> None:
    # If a Typer upgrade moves these, lazy commands break: this says where to look.
    import inspect

    import typer.main

    for name in ("get_command_from_info", "get_group_from_info", "get_command_name"):
        assert callable(getattr(typer.main, name, None)), f"typer.main.{name} is gone"
    parameters = inspect.signature(typer.main.get_command_from_info).parameters
    assert {"command_info", "pretty_exceptions_short", "rich_markup_mode"} <= set(parameters)


def test_the_registry_does_not_import_the_modules_that_register_on_it() -> None:
    # No cycle: command modules import the registry's app; the registry imports them
    # only by name, through importlib, when a command is asked for.
    assert imports_of("track2cli.cli.registry") == {
        "track2cli.cli.typer_builders",
        "track2cli.library.errors",
        "track2cli.library",  # its messages
    }
    assert imports_of("track2cli.cli.typer_builders") == set()


GLOBALS = {"--color": True, "--content-dir": True, "--no-cache": False, "--no-pager": False}


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["case", "oslo", "--content-dir", "P"], ["--content-dir", "P", "case", "oslo"]),
        (["case", "oslo", "--content-dir=P"], ["--content-dir=P", "case", "oslo"]),
        (["--color", "never", "cite", "-f", "mla", "--no-pager"],
         ["--color", "never", "--no-pager", "cite", "-f", "mla"]),
        (["progress", "export", "--no-cache", "-o", "x"],
         ["--no-cache", "progress", "export", "-o", "x"]),
        (["search", "--", "--no-cache"], ["search", "--", "--no-cache"]),
        (["--no-cache"], ["--no-cache"]),
        (["--bogus", "case", "--no-cache"], ["--bogus", "case", "--no-cache"]),
        ([], []),
    ],
)  # fmt: skip
def test_global_options_after_the_command_move_before_it(
    args: list[str], expected: list[str]
) -> None:
    from track2cli.cli.registry import hoisted

    assert hoisted(args, GLOBALS) == expected


def test_a_pack_given_after_the_command_is_read(runner: CliRunner, tmp_path: Path) -> None:
    after = runner.invoke(app, ["paths", "--content-dir", str(tmp_path), "--color", "never"])
    before = runner.invoke(app, ["--content-dir", str(tmp_path), "--color", "never", "paths"])
    assert (after.exit_code, after.stderr) == (0, "")
    assert after.stdout == before.stdout
    listed = [line.split() for line in after.stdout.splitlines()]
    assert ["content", "(--content-dir)", str(tmp_path), "exists"] in listed
