"""The command line as a user meets it: output, errors, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from tests.conftest import check_golden
from track2cli import __version__
from track2cli.cli import app
from track2cli.library.model import Library

ANSI = "\x1b["


@pytest.mark.parametrize(
    ("args", "golden"),
    [
        (["explain"], "explain.txt"),
        (["explain", "principles"], "explain-principles.txt"),
        (["explain", "inclusivity"], "explain-inclusivity.txt"),
        (["case"], "case.txt"),
        (["case", "oslo"], "case-oslo.txt"),
        (["cite"], "cite.txt"),
        (["search", "back", "channel", "--limit", "25"], "search-back-channel.txt"),
    ],
)
def test_piped_pages_match_golden_files(runner: CliRunner, args: list[str], golden: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 0
    assert result.stderr == ""
    assert ANSI not in result.stdout
    assert not set(result.stdout) & set("─│╭╮╰╯━┃┏┓")
    check_golden(golden, result.stdout)


@pytest.mark.parametrize(
    ("args", "title"),
    [
        (["case", "Oslo Accords"], "The Oslo back channel (1992-1993)"),
        (
            ["case", "cold_war"],
            "US-Soviet dialogue in the Cold War (1957-1990, with later offshoots)",
        ),
        (["case", "KASHMIR"], "India and Pakistan and the Neemrana Dialogue (1991-2018)"),
        (["explain", "Problem Solving"], "Problem-solving orientation"),
        (
            ["explain", "tracks"],
            "The tracks of diplomacy: Track I, Track 1.5, Track II, Track 3 and multi-track",
        ),
    ],
)
def test_names_are_forgiving(runner: CliRunner, args: list[str], title: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == title


def test_every_page_ends_with_sources_and_see_also(runner: CliRunner) -> None:
    for args in (["explain", "overview"], ["explain", "informality"], ["case", "inter-tajik"]):
        lines = runner.invoke(app, args).stdout.splitlines()
        assert "Sources" in lines
        assert lines[-1].startswith("See also: track2 ")


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (["case", "osl"], "error: no case named 'osl' (did you mean 'oslo'?)\n"),
        (["case", "atlantis"], "error: no case named 'atlantis'\n"),
        (
            ["explain", "oslo"],
            "error: no topic named 'oslo'; it is a case: try 'track2 case oslo'\n",
        ),
        (
            ["explain", "princples"],
            "error: no topic named 'princples' (did you mean 'principles'?)\n",
        ),
        (
            ["cite", "fisher1998"],
            "error: no reference named 'fisher1998' (did you mean 'fisher1997' or 'fisher2005'?)\n",
        ),
    ],
)
def test_unknown_names_exit_1_with_one_line(
    runner: CliRunner, args: list[str], stderr: str
) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == stderr


@pytest.mark.parametrize(
    "args", [["case", "oslo", "--bogus"], ["--color", "sometimes", "cite"], ["nope"]]
)
def test_usage_errors_exit_2(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Usage: track2")
    assert "Traceback" not in result.stderr


def test_content_errors_exit_1_with_file_and_line(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, make_pack: object
) -> None:
    from tests.conftest import PACK_FILES

    assert callable(make_pack)
    broken = PACK_FILES["cases/alpha.yaml"].replace("id: informality", "id: informalty")
    folder = make_pack({"cases/alpha.yaml": broken})
    # The package exports the Typer app under the module's own name, so patch the module.
    monkeypatch.setattr(sys.modules["track2cli.cli.common"], "bundled_content", lambda: folder)
    result = runner.invoke(app, ["case"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {folder}/cases/alpha.yaml:14:5: principles: unknown principle 'informalty'"
        " (did you mean 'informality'?)\n"
    )


def test_case_json_is_one_document(runner: CliRunner) -> None:
    result = runner.invoke(app, ["case", "oslo", "--json"])
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["kind"] == "case"
    assert document["id"] == "oslo"
    assert [link["principle"] for link in document["principles"]] == [
        "informality",
        "problem-solving",
        "inclusivity",
    ]
    assert (document["track"], document["classification"][:32]) == (
        "hybrid",
        "This guide labels Oslo a hybrid,",
    )
    sources = {s["key"]: s for s in document["sources"]}
    assert {"fedarko1993", "waage2005", "egeland2007", "pruitt1997"} <= set(sources)
    assert "pruitt2007" not in sources  # the doubtful reference is discussed on `sources`
    assert sources["waage2005"]["seen"].startswith("Abstract and the opening page")
    assert [s["key"] for s in document["sources"]][:2] == ["snl-borregard", "egeland2007"]


def test_explain_json_for_topic_and_principle(runner: CliRunner) -> None:
    topic = json.loads(runner.invoke(app, ["explain", "principles", "--json"]).stdout)
    assert topic["kind"] == "topic"
    assert [p["id"] for p in topic["principles"]] == [
        "inclusivity",
        "informality",
        "problem-solving",
    ]
    principle = json.loads(runner.invoke(app, ["explain", "informality", "--json"]).stdout)
    assert principle["kind"] == "principle"
    assert "oslo" in [c["id"] for c in principle["cases"]]


def test_cite_json_and_one_entry(runner: CliRunner, library: Library) -> None:
    entries = json.loads(runner.invoke(app, ["cite", "--json"]).stdout)
    assert len(entries) == len(library.references)
    assert entries[0]["key"] == "abrams2001"
    assert all(entry["seen"] for entry in entries)
    one = runner.invoke(app, ["cite", "fisher1997"])
    assert one.stdout == (
        "References (APA 7th edition)\n"
        "============================\n"
        "- Fisher, R. J. (1997). Interactive conflict resolution. Syracuse University Press.\n"
        "  Status: confirmed. Publisher, year and ISBN confirmed. The book defines interactive conflict"
        " resolution (ICR) on page 8, and on page 23 dates the first workshop to December 1965 in"
        " London; both are known here only as other works quote them.\n"
        "  Seen: The publisher's record; the definition on page 8 as Rouhana (2000) quotes it, and"
        " the dating on page 23 as a review quotes it. The book itself was not read.\n"
        "  Cite as: [@fisher1997]\n"
    )
    clean = runner.invoke(app, ["cite", "--no-status", "fisher1997", "kelman1996"])
    assert clean.stdout.splitlines()[2:] == [
        "- Fisher, R. J. (1997). Interactive conflict resolution. Syracuse University Press.",
        "- Kelman, H. C. (1996). The interactive problem-solving approach. In C. A. Crocker,"
        " F. O. Hampson, & P. Aall (Eds.), Managing global chaos: Sources of and responses to"
        " international conflict. United States Institute of Peace Press.",
    ]
    together = runner.invoke(app, ["cite", "--inline", "kelman1996", "fisher1997"])
    assert together.stdout == "(Fisher, 1997; Kelman, 1996)\n"


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert (result.exit_code, result.stdout) == (0, f"track2 {__version__}\n")


@pytest.mark.parametrize("command", ["explain", "case", "cite"])
def test_every_command_has_help(runner: CliRunner, command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: track2 {command} ")
    assert "--json" in result.stdout


def test_no_arguments_shows_help_as_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, [])
    assert result.exit_code == 2
    assert "Commands:" in result.stderr
    assert "explain" in result.stderr


def test_color_always_styles_even_when_piped(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--color", "always", "case", "oslo"])
    assert result.exit_code == 0
    assert ANSI in result.stdout
    assert "The Oslo back channel" in result.stdout


def test_no_color_env_removes_colour_but_keeps_text(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--color", "always", "case", "oslo"], env={"NO_COLOR": "1"})
    assert result.exit_code == 0
    assert "\x1b[36m" not in result.stdout  # the cyan of citations
    assert "(Pruitt, 1997)" in result.stdout


def test_python_dash_m_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "track2cli", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.startswith("Usage: ")


def test_closed_pipe_prints_no_error() -> None:
    # `track2 cite | head -1` where head has gone: every write fails with EPIPE.
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "track2cli", "cite"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    finally:
        os.close(write_end)
    assert result.stderr == ""
    assert result.returncode in (0, 1)


def test_glossary_terms_and_people_open_on_their_own(runner: CliRunner) -> None:
    person = runner.invoke(app, ["explain", "ahmed-qurei"])
    assert person.exit_code == 0
    assert person.stdout.startswith("Ahmed Qurei (Abu Ala)\n=====")
    assert person.stdout.endswith("From: track2 explain people\n")
    term = runner.invoke(app, ["explain", "back channel"])
    assert (
        term.stdout.startswith("Back channel\n") and "From: track2 explain glossary" in term.stdout
    )
    assert runner.invoke(app, ["explain", "Track 1.5"]).stdout.startswith("Track 1.5")
    found = json.loads(runner.invoke(app, ["explain", "ahmed-qurei", "--json"]).stdout)
    assert (found["kind"], found["page"], found["id"]) == ("person", "people", "ahmed-qurei")
    hits = json.loads(runner.invoke(app, ["search", "Dartmouth", "--json"]).stdout)
    commands = {hit["id"]: hit["command"] for hit in hits}
    assert commands["Dartmouth Conference"] == "track2 explain dartmouth-conference"
    assert hits[0]["id"] == "us-soviet"  # the case the term is the subject of comes first
