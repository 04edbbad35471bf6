"""Fuzzing: no content file and no command line crashes track2.

The budget is small and derandomized so that CI stays fast and repeatable.
"""

from __future__ import annotations

import contextlib
import os
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
    max_examples=40, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck)
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


# Hostile packs: text built from markup, terminal escapes, format markers and YAML's
# awkward corners, in every text field a page, a case, a question and a reference have.
HOSTILE_PIECES = [
    "[bold]",
    "[/]",
    "[link=https://evil.example]",
    "[white on white]",
    "\x1b]0;title\x07",
    "\x1b[2J",
    "\x1b]52;c;cHduZWQ=\x07",
    "\u200b",
    "\u202e",
    "\u061c",
    ":smile:",
    "%25%",
    "[html]",
    "->",
    "{",
    "}",
    "#",
    "~",
    "=",
    "<script>",
    "`",
    "*",
    "@",
    "\\",
    "$",
    "&",
    " ",
    "word",
]
hostile_text = st.lists(st.sampled_from(HOSTILE_PIECES), min_size=1, max_size=8).map("".join)
MARK = "[bold]MARK[/bold]"  # shown as typed, or markup was interpreted


def quoted(text: str) -> str:
    """A YAML double-quoted scalar holding text exactly (escapes written as escapes)."""
    return '"' + text.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'


def hostile_pack(folder: Path, text: str) -> Path:
    """The small test pack, and hostile text in every field of four more files."""
    text = f"x{text}x"  # never only spaces: an empty required field is simply refused
    q = quoted(text)
    files = {
        **PACK_FILES,
        "references.yaml": PACK_FILES["references.yaml"]
        + (
            f"evil2000:\n  type: book\n  author: [{{family: {q}}}]\n  issued: 2000\n"
            f"  title: {q}\n  publisher: {q}\n  status: confirmed\n  note: {q}\n"
        ),
        "topics/evil-topic.yaml": (
            f"id: evil-topic\ntitle: {quoted(MARK)}\nsummary: {q}\nbody: {q}\n"
            f"sections:\n  - heading: {q}\n    body: {q}\n"
        ),
        "cases/evil.yaml": (
            f"id: evil\ntitle: {q}\nperiod: {q}\nsummary: {quoted(MARK + text)}\n"
            f"background: {q}\nparticipants: {q}\ntimeline:\n  - date: {q}\n    event: {q}\n"
            f"principles:\n  - id: informality\n    how: {q}\nlimits: {q}\n"
        ),
        "questions/evil.yaml": (
            f"questions:\n  - id: evil-q\n    kind: match\n    about: [evil]\n    prompt: {q}\n"
            f"    pairs:\n      - {{item: {quoted('a' + text)}, match: {quoted('1' + text)}}}\n"
            f"      - {{item: {quoted('b' + text)}, match: {quoted('2' + text)}}}\n"
            f"      - {{item: {quoted('c' + text)}, match: {quoted('3' + text)}}}\n"
            f"    explanation: {quoted(text + ' [@evil2000]')}\n    cites: [evil2000]\n"
        ),
    }
    for name, content in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content, encoding="utf-8")
    return folder


DANGEROUS = ("\x1b]", "\x07", "\x1b[2J", "\u200b", "\u202e", "\u061c")


# A small budget: each example runs most commands on its own pack (TRACK2_FUZZ raises it).
@settings(
    max_examples=int(os.environ.get("TRACK2_FUZZ", "3")),
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
@given(text=hostile_text)
def test_a_hostile_pack_is_shown_as_text_everywhere(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    pack = hostile_pack(tmp_path_factory.mktemp("hostile"), text)
    runner = CliRunner()
    shown = []
    for args in (
        ["validate"],
        ["case"],
        ["case", "evil"],
        ["explain"],
        ["explain", "evil-topic"],
        ["quiz", "--list", "--topic", "evil"],
        ["search", "MARK"],
        ["cite", "evil2000"],
        ["cite", "evil2000", "--format", "bibtex"],
        ["export", "gift", "-o", "-", "--topic", "evil"],
        ["export", "markdown", "-o", "-", "--topic", "evil"],
    ):
        for color in ("always", "never"):
            result = runner.invoke(
                app,
                ["--no-bundled", "--content-dir", str(pack), "--color", color, *args],
                env={"COLUMNS": "400"},
            )
            assert result.exit_code in (0, 1), (args, result.output)
            assert not isinstance(result.exception, Exception) or isinstance(
                result.exception, SystemExit
            ), (args, result.exception)
            output = result.stdout + result.stderr
            assert not any(bad in output for bad in DANGEROUS), (args, output)
            if color == "never":
                assert "\x1b" not in output, args
            else:
                shown.append(output)
    # With Rich styling on, the marker is still written as typed, never made bold text:
    # in the case and topic indexes and on both pages.
    assert sum(MARK in output for output in shown) >= 4
