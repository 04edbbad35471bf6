"""Content packs layered over the bundled content: additions, overrides, order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from track2cli import bundled_content
from track2cli.cli import app
from track2cli.library.loader import load
from track2cli.library.model import Library
from track2cli.pages import document

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
    assert f"track2 --content-dir {pack} case cyprus" in principle


def test_a_later_layer_overrides_an_earlier_one_with_a_warning(pack: Path) -> None:
    oslo = (
        (bundled_content() / "cases" / "oslo.yaml")
        .read_text()
        .replace("title: The Oslo back channel", "title: Oslo, as our course reads it")
    )
    (pack / "cases" / "oslo.yaml").write_text(oslo)
    library, problems = load([bundled_content(), pack])
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


def test_validate_a_good_pack_and_the_bundled_content(
    runner: CliRunner, pack: Path, library: Library
) -> None:
    result = runner.invoke(app, ["validate", str(pack)])
    assert (result.exit_code, result.stdout) == (0, "")
    # The pack adds one case and one reference to the bundled content.
    topics, cases, questions = len(library.topics), len(library.cases), len(library.questions)
    references, workshops = len(library.references), len(library.workshops)
    assert result.stderr == (
        f"ok: {topics} topics, 3 principles, {cases + 1} cases, {questions} questions,"
        f" {references + 1} references, {document.counted(workshops, 'workshop')}\n"
    )


def test_validate_reports_every_problem_with_its_position(
    runner: CliRunner, tmp_path: Path
) -> None:
    bad = tmp_path / "bad"
    (bad / "cases").mkdir(parents=True)
    (bad / "cases" / "y.yaml").write_text('id: x\ntitle: T\nperiod: "1"\nsumary: S\n')
    (bad / "cases" / "empty.yaml").write_text("")
    (bad / "cases" / "z.yaml").write_text("a: [\n")
    (bad / "cases" / "latin1.yaml").write_bytes("id: caf\u00e9\n".encode("latin-1"))
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{bad}/cases/empty.yaml:1:1: the file is empty",
        f"{bad}/cases/latin1.yaml:1:8: not UTF-8 text",
        *(
            f"{bad}/cases/y.yaml:1:1: {m}"
            for m in [
                "id 'x' must match the file name 'y'",
                "missing required field 'background'",
                "missing required field 'limits'",
                "missing required field 'participants'",
                "missing required field 'principles'",
                "missing required field 'summary'",
                "missing required field 'timeline'",
            ]
        ),
        f"{bad}/cases/y.yaml:4:1: unknown field 'sumary' (did you mean 'summary'?)",
        f"{bad}/cases/z.yaml:2:1: YAML syntax: did not find expected node content",
    ]
    assert result.stderr == "11 errors, 0 warnings\n"
    problems = json.loads(runner.invoke(app, ["validate", "--json", str(bad)]).stdout)
    assert problems[0] == {
        "file": f"{bad}/cases/empty.yaml",
        "line": 1,
        "column": 1,
        "severity": "error",
        "message": "the file is empty",
    }


def test_validate_exits_0_with_warnings_only(runner: CliRunner, pack: Path) -> None:
    (pack / "cases" / "oslo.yaml").write_text(
        (bundled_content() / "cases" / "oslo.yaml").read_text()
    )
    result = runner.invoke(app, ["validate", str(pack)])
    assert result.exit_code == 0
    assert result.stdout == (
        f"{pack}/cases/oslo.yaml:1:1: warning: case 'oslo' overrides the one in {bundled_content()}/cases/oslo.yaml\n"
    )
    assert result.stderr.endswith("(1 warning)\n")


def test_template_text_left_in_is_an_error(runner: CliRunner, pack: Path) -> None:
    (pack / "cases" / "cyprus.yaml").write_text(
        CYPRUS.replace("summary: A course case", "summary: FILL IN a course case")
    )
    result = runner.invoke(app, ["validate", str(pack)])
    assert result.exit_code == 1
    assert (
        result.stdout == f"{pack}/cases/cyprus.yaml:5:1: summary: still holds the template's text\n"
    )


@pytest.mark.parametrize("kind", ["topic", "case", "question", "workshop"])
def test_new_writes_a_template_that_validates_once_filled(
    runner: CliRunner, tmp_path: Path, kind: str
) -> None:
    import itertools
    import re

    result = runner.invoke(app, ["new", kind, f"Course {kind}", "--dir", str(tmp_path)])
    assert result.exit_code == 0
    (written,) = tmp_path.rglob("*.yaml")
    assert written.name == f"course-{kind}.yaml"
    assert (
        result.stderr
        == f"wrote {written}: fill in each FILL IN, then run 'track2 validate {tmp_path}'\n"
    )
    unfilled = runner.invoke(app, ["validate", str(tmp_path)])
    assert unfilled.exit_code == 1 and "still holds the template's text" in unfilled.stdout
    counter = itertools.count(1)
    written.write_text(
        re.sub(r"FILL IN[^\n]*", lambda _: f"Written text {next(counter)}.", written.read_text())
    )
    filled = runner.invoke(app, ["validate", str(tmp_path)])
    assert (filled.exit_code, filled.stdout) == (0, "")


def test_new_refuses_to_overwrite_and_bad_ids(runner: CliRunner, tmp_path: Path) -> None:
    assert runner.invoke(app, ["new", "case", "cyprus", "--dir", str(tmp_path)]).exit_code == 0
    again = runner.invoke(app, ["new", "case", "cyprus", "--dir", str(tmp_path)])
    assert (again.exit_code, again.stderr) == (
        1,
        f"error: {tmp_path}/cases/cyprus.yaml already exists: not overwriting it\n",
    )
    bad = runner.invoke(app, ["new", "topic", "Café!", "--dir", str(tmp_path)])
    assert (bad.exit_code, bad.stderr) == (
        1,
        "error: 'Café!' cannot be an id: use lower-case words joined by dashes, 80 at most\n",
    )
    assert runner.invoke(app, ["new", "essay", "x"]).exit_code == 2


def test_markup_and_escape_sequences_in_a_pack_are_not_interpreted(
    runner: CliRunner, pack: Path
) -> None:
    hostile = CYPRUS.replace(
        "title: Cyprus and bicommunal dialogue",
        'title: "[bold red]Cyprus[/] \\x1b[31mred\\x1b]8;;http://evil\\x07link\\x1b]8;;\\x07 [link=http://x]y[/link]"',
    )
    (pack / "cases" / "cyprus.yaml").write_text(hostile)
    for color in ("never", "always"):
        result = runner.invoke(
            app, ["--color", color, "--content-dir", str(pack), "case", "cyprus"]
        )
        assert result.exit_code == 0
        assert "[bold red]Cyprus[/]" in result.stdout and "[link=http://x]y[/link]" in result.stdout
        assert "\x1b]8;;http://evil" not in result.stdout and "\x07" not in result.stdout
    plain = runner.invoke(app, ["--content-dir", str(pack), "case", "cyprus"]).stdout
    assert "\x1b" not in plain


def test_packs_whose_names_share_a_prefix_are_different_packs(tmp_path: Path) -> None:
    # pk-extra is not inside pk: its question is overridden, not reported as a duplicate.
    question = (
        "questions:\n  - id: shared-q\n    kind: truefalse\n    about: [foundations]\n"
        "    prompt: Track II talks are unofficial.\n    answer: true\n"
        "    explanation: They are held outside official channels [@montville1987].\n"
        "    cites: [montville1987]\n"
    )
    for name in ("pk-extra", "pk"):
        (tmp_path / name / "questions").mkdir(parents=True)
        (tmp_path / name / "questions" / "q.yaml").write_text(question)
    extra, pk = tmp_path / "pk-extra", tmp_path / "pk"
    library, problems = load([bundled_content(), extra, pk])
    assert library is not None, problems
    assert [str(problem) for problem in problems] == [
        f"{pk}/questions/q.yaml:2:5: warning: question 'shared-q' overrides the one in"
        f" {extra}/questions/q.yaml"
    ]


def test_validate_warns_of_what_it_does_not_read(runner: CliRunner, tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    (pack / "case").mkdir(parents=True)
    (pack / "case" / "cyprus.yaml").write_text(CYPRUS)
    (pack / "cases").mkdir()
    (pack / "cases" / "cyprus.txt").write_text(CYPRUS)
    (pack / "README.md").write_text("Our course pack.")
    result = runner.invoke(app, ["validate", str(pack)])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"{pack}: warning: the folder holds no content",
        f"{pack}/case: warning: not read: a pack holds pack.yaml, references.yaml, topics/,"
        " cases/ and questions/",
        f"{pack}/cases/cyprus.txt: warning: not read: only .yaml and .yml files are read"
        " from this folder",
    ]


def test_yml_files_are_read_like_yaml(runner: CliRunner, tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    (pack / "cases").mkdir(parents=True)
    (pack / "cases" / "cyprus.yml").write_text(CYPRUS)
    (pack / "references.yml").write_text(COURSE_REFERENCE)
    result = runner.invoke(app, ["--content-dir", str(pack), "case", "cyprus"])
    assert result.exit_code == 0 and "Cyprus and bicommunal dialogue" in result.stdout


def test_a_citation_where_it_would_not_be_read_is_refused(runner: CliRunner, pack: Path) -> None:
    cited = CYPRUS.replace(
        "summary: A course case about dialogue across the Green Line.",
        "summary: A claim [@nobody2000].",
    )
    (pack / "cases" / "cyprus.yaml").write_text(cited)
    result = runner.invoke(app, ["validate", str(pack)])
    assert result.exit_code == 1
    assert result.stdout == (
        f"{pack}/cases/cyprus.yaml:5:1: summary: citations are not read here:"
        " put them in a body, a section or an explanation\n"
    )


def test_completion_sees_the_packs_on_the_command_line(runner: CliRunner, pack: Path) -> None:
    from tests.test_completion import complete

    assert complete(runner, f"track2 --content-dir {pack} case cy") == [
        "cyprus",
        "cyprus-dialogue",
    ]
    assert complete(runner, "track2 case cy") == []  # without the pack: no Cyprus


def test_suggested_commands_name_the_pack_so_they_work_as_printed(
    runner: CliRunner, pack: Path
) -> None:
    import shlex

    (pack / "questions").mkdir()
    (pack / "questions" / "cyprus.yaml").write_text(
        "questions:\n  - id: cyprus-q\n    kind: truefalse\n    about: [cyprus]\n"
        "    prompt: Dialogue crossed the Green Line.\n    answer: true\n"
        "    explanation: So it did [@course2024].\n    cites: [course2024]\n"
    )
    result = runner.invoke(
        app, ["--content-dir", str(pack), "quiz", "--topic", "cyprus", "--count", "1"], input="f\n"
    )
    (reread,) = [line for line in result.stdout.splitlines() if line.startswith("Reread: ")]
    assert reread == f"Reread: track2 --content-dir {shlex.quote(str(pack))} case cyprus"
    shown = runner.invoke(app, shlex.split(reread.removeprefix("Reread: track2 ")))
    assert shown.exit_code == 0 and "Cyprus and bicommunal dialogue" in shown.stdout
    found = runner.invoke(app, ["--content-dir", str(pack), "search", "Green", "Line"])
    assert f"track2 --content-dir {shlex.quote(str(pack))} case cyprus" in found.stdout
    plain = runner.invoke(app, ["search", "Oslo"])
    assert "   track2 case oslo" in plain.stdout  # no pack: no options added


def test_new_reference_adds_an_entry_that_validates_once_filled(
    runner: CliRunner, tmp_path: Path
) -> None:
    import itertools
    import re

    for key in ("smith2024", "jones2020"):
        result = runner.invoke(app, ["new", "reference", key, "--dir", str(tmp_path)])
        assert result.exit_code == 0, result.stderr
    written = tmp_path / "references.yaml"
    text = written.read_text()
    assert text.count("smith2024:") == 1 and text.count("jones2020:") == 1
    assert text.count("# Types:") == 1  # the explanations once, at the top
    again = runner.invoke(app, ["new", "reference", "smith2024", "--dir", str(tmp_path)])
    assert (again.exit_code, again.stderr) == (
        1,
        f"error: {written} already has a reference 'smith2024': not adding another\n",
    )
    counter = itertools.count(1)
    written.write_text(re.sub(r"FILL IN[^\n]*", lambda _: f"Text {next(counter)}", text))
    filled = runner.invoke(app, ["--no-bundled", "validate", str(tmp_path)])
    assert (filled.exit_code, filled.stdout) == (0, "")
    bad = runner.invoke(app, ["new", "reference", "Smith 2024!", "--dir", str(tmp_path)])
    assert bad.exit_code == 1 and "cannot be a citation key" in bad.stderr


def test_a_pack_with_errors_is_left_out_with_one_warning(runner: CliRunner, pack: Path) -> None:
    (pack / "cases" / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n")
    cited = runner.invoke(app, ["--content-dir", str(pack), "cite", "fisher1997", "--inline"])
    assert (cited.exit_code, cited.stdout) == (0, "(Fisher, 1997)\n")
    assert cited.stderr == (
        f"warning: {pack} has 1 error and is left out of this command;"
        f" 'track2 validate {pack}' lists them\n"
    )
    validated = runner.invoke(app, ["validate", str(pack)])
    assert validated.exit_code == 1 and "broken.yaml" in validated.stdout


def test_the_content_guide_ships_with_track2(runner: CliRunner) -> None:
    result = runner.invoke(app, ["new", "--guide"])
    assert result.exit_code == 0 and result.stdout.startswith("# Content format")
    assert "## questions/NAME.yaml" in result.stdout
    from track2cli.library.templates import template

    _, template_text = template("case", "cyprus")
    assert "# Every field of every file: track2 new --guide" in template_text
    nothing = runner.invoke(app, ["new"])
    assert nothing.exit_code == 2 and "say what to start and its name" in nothing.stderr


def test_validating_the_bundled_folder_checks_it_once(runner: CliRunner) -> None:
    from track2cli import bundled_content

    result = runner.invoke(app, ["validate", str(bundled_content())])
    # No warning that each file overrides itself: just the verdict.
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr.startswith("ok: 13 topics") and result.stderr.count("\n") == 1


def test_the_benchmarks_generated_pack_validates(tmp_path: Path) -> None:
    """benchmarks/make_pack.py must keep writing what the loader accepts, or the load and
    export benchmarks measure an error."""
    import importlib.util

    from track2cli.library.loader import load

    script = Path(__file__).parents[1] / "benchmarks" / "make_pack.py"
    spec = importlib.util.spec_from_file_location("make_pack", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.make_pack(tmp_path, questions=120, cases=12, seed=1)
    library = load([tmp_path]).checked()
    assert (len(library.questions), len(library.cases)) == (120, 12)
