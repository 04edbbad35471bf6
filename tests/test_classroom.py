"""`track2 class report` on a simulated class whose item properties are known."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.simulated_class import EASY, MISKEYED, UNPICKED, write_class
from track2cli.cli import app
from track2cli.library.model import Library
from track2cli.study import classroom


@pytest.fixture(scope="module")
def class_files(library: Library, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_class(library, tmp_path_factory.mktemp("class"), students=30, seed=1)


def report_json(runner: CliRunner, *args: str) -> Any:
    result = runner.invoke(app, ["class", "report", *args, "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_the_built_in_faults_are_found(runner: CliRunner, class_files: list[Path]) -> None:
    report = report_json(runner, *map(str, class_files))
    items = {item["question_id"]: item for item in report["items"]}
    assert len(report["students"]) == 30
    assert classroom.FLAG_MISKEYED in items[MISKEYED]["flags"]
    assert items[MISKEYED]["discrimination"] < -0.3
    assert classroom.FLAG_EVERYONE in items[EASY]["flags"] and items[EASY]["difficulty"] == 1
    assert classroom.FLAG_UNPICKED in items[UNPICKED]["flags"]
    assert len(items[UNPICKED]["unpicked"]) == 1
    # Most questions, answered as the model says, discriminate as a good question should.
    given = [i["discrimination"] for i in items.values() if i["discrimination"] is not None]
    assert sorted(given)[len(given) // 2] > 0.25
    flagged = [q for q, i in items.items() if classroom.FLAG_MISKEYED in i["flags"]]
    assert len(flagged) <= 3  # few false alarms: a flag needs 1% significance


@pytest.mark.parametrize("seed", [2, 3])
def test_the_miskeyed_question_is_flagged_in_other_classes_too(
    library: Library, tmp_path: Path, seed: int
) -> None:
    students, problems = classroom.read_students(write_class(library, tmp_path, 30, seed))
    report = classroom.analyse(students, library, problems)
    flagged = [i.question_id for i in report.items if classroom.FLAG_MISKEYED in i.flags]
    assert MISKEYED in flagged and len(flagged) <= 3


def test_students_are_anonymous_unless_names_are_asked_for(
    runner: CliRunner, class_files: list[Path]
) -> None:
    anonymous = report_json(runner, *map(str, class_files[:12]))
    labels = [s["label"] for s in anonymous["students"]]
    assert labels == [f"S{n:02d}" for n in range(1, 13)]
    named = report_json(runner, *map(str, class_files[:12]), "--names")
    assert named["students"][0]["label"] == "Student 1"


def test_bad_files_are_named_once_each_and_the_rest_reported(
    runner: CliRunner, class_files: list[Path], tmp_path: Path
) -> None:
    truncated = tmp_path / "truncated.json"
    truncated.write_text(class_files[0].read_text()[:500])
    other = tmp_path / "notes.json"
    other.write_text('{"format": "anki"}')
    twice = tmp_path / "again.json"
    shutil.copy(class_files[1], twice)
    result = runner.invoke(
        app,
        ["class", "report", *map(str, class_files[1:12]), str(truncated), str(other), str(twice),
         "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"warning: {truncated}:") and "not valid JSON" in lines[0]
    assert lines[1] == (
        f'warning: {other}: not a progress export (no "format": "track2-progress") (left out)'
    )
    assert lines[2] == (
        f"warning: {twice}: the same student's answers as {class_files[1]} (left out)"
    )
    assert len(lines) == 3
    assert len(json.loads(result.stdout)["students"]) == 11
    nothing = runner.invoke(app, ["class", "report", str(other)])
    assert nothing.exit_code == 1
    assert nothing.stderr.splitlines()[-1] == (
        "error: no student's export could be used: nothing to report"
    )


def test_answers_to_questions_the_bank_lacks_are_said_once(
    runner: CliRunner, class_files: list[Path], tmp_path: Path
) -> None:
    document = json.loads(class_files[0].read_text())
    document["attempts"][0]["question_id"] = "a-question-since-removed"
    older = tmp_path / "older-bank.json"
    older.write_text(json.dumps(document))
    report = report_json(runner, str(older), *map(str, class_files[1:12]))
    assert report["unknown_questions"] == ["a-question-since-removed"]
    page = runner.invoke(app, ["class", "report", str(older), *map(str, class_files[1:12])])
    assert page.stdout.count("a-question-since-removed") == 2  # said once; listed once
    assert "1 question answered in the exports are not in the bank" in page.stdout


def test_csv_has_a_row_per_question(
    runner: CliRunner, class_files: list[Path], tmp_path: Path
) -> None:
    target = tmp_path / "items.csv"
    result = runner.invoke(app, ["class", "report", *map(str, class_files), "--csv", str(target)])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(target.read_text())))
    assert {row["question"] for row in rows} >= {MISKEYED, EASY, UNPICKED}
    miskeyed = next(row for row in rows if row["question"] == MISKEYED)
    assert float(miskeyed["discrimination"]) < 0 and "mis-keyed" in miskeyed["flags"]


class Tags(HTMLParser):
    """The tags of a page, and every aria-label."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.labels: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.labels += [value or "" for name, value in attrs if name == "aria-label"]


def test_the_html_report_stands_alone(
    runner: CliRunner, class_files: list[Path], tmp_path: Path
) -> None:
    page = tmp_path / "report.html"
    result = runner.invoke(app, ["class", "report", *map(str, class_files), "-o", str(page)])
    assert (result.exit_code, result.stdout) == (0, "")
    text = page.read_text()
    parser = Tags()
    parser.feed(text)
    assert "script" not in parser.tags and "link" not in parser.tags and "img" not in parser.tags
    assert "http" not in text  # nothing fetched from the network
    assert '<html lang="en">' in text
    # Every bar says its figure in words, for a screen reader.
    assert len(parser.labels) >= 2 * 26 + 2 * 300
    assert all(re.search(r"\d", label) for label in parser.labels)


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
def test_the_html_report_renders_in_a_headless_browser(
    runner: CliRunner, class_files: list[Path], tmp_path: Path
) -> None:
    page = tmp_path / "report.html"
    assert (
        runner.invoke(app, ["class", "report", *map(str, class_files), "-o", str(page)]).exit_code
        == 0
    )
    shot = tmp_path / "report.png"
    browser = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    # One run: the screenshot, the console's messages on stderr, and the DOM on stdout.
    done = subprocess.run(
        [*browser, "--window-size=1200,1600", f"--screenshot={shot}", "--enable-logging=stderr",
         "--v=0", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    console = [line for line in done.stderr.splitlines() if "CONSOLE" in line]
    assert console == []  # no error or warning from the page itself
    dom = done.stdout
    assert "<h1>Class report</h1>" in dom and MISKEYED in dom
