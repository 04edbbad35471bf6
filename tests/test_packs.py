"""Content packs layered over the bundled content: additions, overrides, order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from track2cli.cli import app
from track2cli.loader import Loader, bundled_content

CYPRUS = """\
id: cyprus
title: Cyprus and bicommunal dialogue
aliases: [cyprus-dialogue]
period: '1974'
summary: A course case about dialogue across the Green Line.
background: |
  Written by the course team; it cites the bundled Fisher book [@fisher1997] and the
  pack's own reference [@course2024].
participants: Students of both communities.
timeline:
  - date: '1974'
    event: The island is divided [@course2024].
principles:
  - id: inclusivity
    how: It brings in people usually left out [@fisher1997].
  - id: problem-solving
    how: Joint analysis of shared problems [@fisher1997].
limits: A teaching case, not a study [@course2024].
"""
COURSE_REFERENCE = """\
course2024:
  type: book
  author: [{family: Course, given: Team}]
  issued: 2024
  title: Course reader
  publisher: The course
  status: confirmed
  note: Our own reader.
"""


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    (folder / "cases").mkdir(parents=True)
    (folder / "cases" / "cyprus.yaml").write_text(CYPRUS)
    (folder / "references.yaml").write_text(COURSE_REFERENCE)
    return folder


def test_a_pack_adds_a_case_that_links_and_cites_across_layers(
    runner: CliRunner, pack: Path
) -> None:
    result = runner.invoke(app, ["--content-dir", str(pack), "case", "Cyprus Dialogue"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Cyprus and bicommunal dialogue (1974)\n")
    assert "(Fisher, 1997)" in result.stdout and "(Course, 2024)" in result.stdout
    listing = runner.invoke(app, ["--content-dir", str(pack), "case"]).stdout
    assert "cyprus " in listing and "oslo " in listing
    principle = runner.invoke(app, ["--content-dir", str(pack), "explain", "inclusivity"]).stdout
    assert "track2 case cyprus" in principle


def test_a_later_layer_overrides_an_earlier_one_with_a_warning(pack: Path) -> None:
    oslo = (
        (bundled_content() / "cases" / "oslo.yaml")
        .read_text()
        .replace("title: The Oslo back channel", "title: Oslo, as our course reads it")
    )
    (pack / "cases" / "oslo.yaml").write_text(oslo)
    library, problems = Loader([bundled_content(), pack]).run()
    assert library is not None
    assert library.cases["oslo"].title == "Oslo, as our course reads it"
    (warning,) = problems
    assert warning.severity == "warning"
    assert str(warning) == (
        f"{pack}/cases/oslo.yaml:1:1: warning: case 'oslo' overrides the one in"
        f" {bundled_content()}/cases/oslo.yaml"
    )


def test_no_bundled_reads_only_the_pack(runner: CliRunner, pack: Path) -> None:
    result = runner.invoke(app, ["--no-bundled", "--content-dir", str(pack), "case"])
    # Without the bundled content the pack's links to inclusivity and fisher1997 break.
    assert result.exit_code == 1
    assert f"{pack}/cases/cyprus.yaml:" in result.stderr
    assert "unknown citation key 'fisher1997'" in result.stderr


def test_environment_packs_come_before_command_line_packs(
    runner: CliRunner, pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    second = tmp_path / "second"
    (second / "cases").mkdir(parents=True)
    (second / "cases" / "cyprus.yaml").write_text(
        CYPRUS.replace("title: Cyprus and bicommunal dialogue", "title: Cyprus, second pack")
    )
    monkeypatch.setenv("TRACK2_CONTENT_PATH", str(pack))
    result = runner.invoke(app, ["--content-dir", str(second), "case", "cyprus", "--json"])
    assert json.loads(result.stdout)["title"] == "Cyprus, second pack"
