"""`track2 quiz` from a pipe and for scripts: plain text, JSON, pass marks, interrupts."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tests.conftest import check_golden
from track2cli.cli import app, quiz_session
from track2cli.library.model import Library

ANSI = "\x1b["


def test_plain_mode_transcript_matches_golden_file(runner: CliRunner) -> None:
    result = runner.invoke(app, ["quiz", "--seed", "1", "--count", "3"], input="2\nskip\nskip\n")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert ANSI not in result.stdout
    check_golden("quiz-seed-1.txt", result.stdout)


def test_every_answer_is_explained_and_sourced(runner: CliRunner) -> None:
    result = runner.invoke(app, ["quiz", "--seed", "7", "--count", "5"], input="skip\n" * 5)
    assert result.stdout.count("Your answer: ") == 5
    assert result.stdout.count("\nSources: ") == 5


def test_end_of_input_ends_cleanly_with_the_score_so_far(runner: CliRunner) -> None:
    result = runner.invoke(app, ["quiz", "--seed", "1", "--count", "5"], input="2\n")
    assert result.exit_code == 0
    assert "The input ended; the score covers the answers given." in result.stdout
    assert "1 of 5 questions answered" in result.stdout


def test_no_input_at_all(runner: CliRunner) -> None:
    result = runner.invoke(app, ["quiz", "--count", "2"], input="")
    assert result.exit_code == 0
    assert result.stdout.rstrip().endswith("No questions answered.")


def test_a_line_that_is_no_answer_is_asked_again_and_skip_moves_on(
    runner: CliRunner,
) -> None:
    result = runner.invoke(
        app, ["quiz", "--seed", "1", "--count", "2"], input="banana\n\n9\nt\nskip\n"
    )
    # The first question is true or false: three lines that are no answer, then "t".
    assert (
        result.stderr.count("Not an answer: type t or f (or true, false), or skip to move on.") == 3
    )
    assert "Your answer: True  Right." in result.stdout
    assert "Your answer: skip  Skipped: counted as wrong." in result.stdout
    assert result.stdout.count("Your answer: ") == 2 and "Score: 1 of 2" in result.stdout


def test_json_is_the_only_thing_on_stdout(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["quiz", "--seed", "1", "--count", "3", "--json"], input="2\nskip\nskip\n"
    )
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["seed"] == 1
    assert document["questions_asked"] == 3
    assert [a["given"] for a in document["answers"]] == ["2", "skip", "skip"]
    assert document["score"]["percent"] == pytest.approx(
        100 * sum(a["credit"] for a in document["answers"]) / 3, abs=0.1
    )
    assert set(document["topics"]) == {about for a in document["answers"] for about in a["about"]}
    assert "Question 1 of 3" in result.stderr


def test_same_seed_same_quiz(runner: CliRunner) -> None:
    def asked(seed: str) -> list[tuple[str, list[str]]]:
        result = runner.invoke(app, ["quiz", "--seed", seed, "--json"], input="skip\n" * 10)
        return [(a["id"], a["choices"]) for a in json.loads(result.stdout)["answers"]]

    assert asked("42") == asked("42")
    assert asked("42") != asked("41")


@pytest.mark.parametrize(("answers", "code"), [("", 1), (None, 0)])
def test_pass_mark_sets_the_exit_code(
    runner: CliRunner, library: Library, answers: str | None, code: int
) -> None:
    # Answer every question right (or not at all) and check --pass 80.
    probe = runner.invoke(
        app, ["quiz", "--seed", "5", "--count", "4", "--json"], input="skip\n" * 4
    )
    right = [
        ",".join(
            str(a["choices"].index(r.split(" -> ")[-1].split(". ", 1)[-1]) + 1)
            for r in a["right_answer"]
        )
        for a in json.loads(probe.stdout)["answers"]
    ]
    typed = "\n".join(right) + "\n" if answers is None else "x\n" * 4
    result = runner.invoke(
        app, ["quiz", "--seed", "5", "--count", "4", "--pass", "80", "--json"], input=typed
    )
    assert result.exit_code == code
    assert json.loads(result.stdout)["passed"] is (code == 0)


def test_topic_accepts_aliases_and_principles_bring_their_pages(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["quiz", "--topic", "Oslo Accords", "--seed", "2", "--count", "50", "--json"], input=""
    )
    assert result.exit_code == 0
    listing = json.loads(
        runner.invoke(app, ["quiz", "--list", "--topic", "principles", "--json"]).stdout
    )
    abouts = {about for q in listing for about in q["about"]}
    assert {"inclusivity", "informality", "problem-solving"} & abouts


def test_count_larger_than_the_bank_asks_each_once(runner: CliRunner, library: Library) -> None:
    oslo = [q for q in library.questions.values() if "oslo" in q.about]
    result = runner.invoke(
        app, ["quiz", "--topic", "oslo", "--count", "999", "--json"], input="skip\n" * 999
    )
    ids = [a["id"] for a in json.loads(result.stdout)["answers"]]
    assert sorted(ids) == sorted(q.id for q in oslo)


def test_kind_filter(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["quiz", "--kind", "truefalse", "--count", "4", "--json"], input="t\n" * 4
    )
    assert {a["kind"] for a in json.loads(result.stdout)["answers"]} == {"truefalse"}


def test_list_shows_the_bank_without_answers(runner: CliRunner, library: Library) -> None:
    result = runner.invoke(app, ["quiz", "--list"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["Id", "Kind", "About", "Prompt"]
    assert len(lines) == 1 + len(library.questions)
    listing = json.loads(runner.invoke(app, ["quiz", "--list", "--json"]).stdout)
    assert set(listing[0]) == {"id", "kind", "about", "prompt"}


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (
            ["--topic", "osloo"],
            "error: no topic, principle or case named 'osloo' (did you mean 'oslo'?)\n",
        ),
        (
            ["--topic", "glossary", "--kind", "order", "--topic", "conclusion"],
            "error: no questions match: try 'track2 quiz --list' to see the bank\n",
        ),
    ],
)
def test_quiz_errors(runner: CliRunner, args: list[str], stderr: str) -> None:
    result = runner.invoke(app, ["quiz", *args], input="")
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", stderr)


@pytest.mark.parametrize("args", [["--kind", "essay"], ["--count", "0"], ["--pass", "120"]])
def test_quiz_usage_errors(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(app, ["quiz", *args])
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


def test_ctrl_c_prints_the_score_so_far_and_exits_130(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter(["2"])

    def fake_read(asked: object, number: int, total: int, *, err: bool) -> str:
        try:
            return next(answers)
        except StopIteration:
            raise KeyboardInterrupt from None

    monkeypatch.setattr(quiz_session, "read_line", fake_read)
    result = runner.invoke(app, ["quiz", "--seed", "1", "--count", "3"])
    assert result.exit_code == 130
    assert "Interrupted." in result.stderr
    assert "1 of 3 questions answered" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_id_asks_the_questions_named_in_order(runner: CliRunner) -> None:
    result = runner.invoke(
        app,
        ["quiz", "--id", "oslo-savir-recall", "--id", "oslo-facilitator", "--json"],
        input="Savir\n1\n",
    )
    answers = json.loads(result.stdout)["answers"]
    assert [a["id"] for a in answers] == ["oslo-savir-recall", "oslo-facilitator"]
    assert answers[0]["correct"] is True
    unknown = runner.invoke(app, ["quiz", "--id", "oslo-facilitatr"])
    assert (unknown.exit_code, unknown.stderr) == (
        1,
        "error: no question named 'oslo-facilitatr' (did you mean 'oslo-facilitator'?)\n",
    )
