"""Every kind of question, described once in library/kinds.py, works everywhere questions
go: written from `new`, validated, listed, asked, graded and exported. A kind added to
KINDS is tested here without a line of this file changing."""

from __future__ import annotations

import itertools
import json
import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from track2cli.cli import app, quiz_widgets
from track2cli.exports import gift
from track2cli.library.kinds import KINDS
from track2cli.library.loader import load
from track2cli.library.templates import template
from track2cli.study import quiz
from track2cli.study.answering import STYLES, Asked, style_of

MakePack = Callable[..., Path]


def filled_in(text: str) -> str:
    """A template with every FILL IN replaced by distinct text."""
    counter = itertools.count(1)
    return re.sub(r"FILL IN[^\n]*", lambda _: f"Written text {next(counter)}.", text)


@pytest.fixture
def every_kind(make_pack: MakePack) -> Path:
    """A pack with one question of each kind, each written from `new`'s template."""
    files = {}
    for kind in KINDS:
        _, text = template("question", f"q-{kind}", kind)
        about = re.sub(r"about: \[[^]]*\]", "about: [alpha, principles]", text)
        files[f"questions/q-{kind}.yaml"] = filled_in(about)
    return make_pack(files)


def typed_right_answer(asked: Asked) -> str:
    """The right answer as a student would type it: the choices' numbers in order, or
    the first answer accepted for each gap."""
    if asked.accepted:
        return "; ".join(accepted[0] for accepted in asked.accepted)
    return ",".join(str(i + 1) for i in asked.key)


def test_every_kind_is_answered_in_a_style_every_front_end_knows() -> None:
    for name, kind in KINDS.items():
        assert kind.style in STYLES, name
    assert set(STYLES) == set(gift.ANSWERS) == set(quiz_widgets.WIDGETS)


def test_a_question_of_every_kind_loads_and_grades(every_kind: Path) -> None:
    library = load([every_kind]).checked()
    assert {q.kind for q in library.questions.values()} == set(KINDS)
    for question in library.questions.values():
        for seed in range(5):
            asked = quiz.prepare(question, random.Random(seed))
            assert quiz.answer(asked, typed_right_answer(asked)).correct, question.id
            assert quiz.answer(asked, "").unreadable
            assert quiz.answer(asked, "zz").credit == 0
        assert quiz.hint(question) == style_of(question).hint_for(question) != ""


def run(runner: CliRunner, pack: Path, *args: str, given: str = "") -> tuple[int, str]:
    result = runner.invoke(app, ["--no-bundled", "--content-dir", str(pack), *args], input=given)
    return result.exit_code, result.stdout


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_goes_through_the_command_line(
    runner: CliRunner, every_kind: Path, tmp_path: Path, kind: str
) -> None:
    validated = runner.invoke(app, ["--no-bundled", "validate", str(every_kind)])
    assert (validated.exit_code, validated.stdout) == (0, "")
    code, listed = run(runner, every_kind, "quiz", "--list", "--kind", kind, "--json")
    assert (code, [q["id"] for q in json.loads(listed)]) == (0, [f"q-{kind}"])
    quiz_args = ("quiz", "--kind", kind, "--seed", "7", "--json")
    code, first = run(runner, every_kind, *quiz_args, given="skip\n")
    (unread,) = json.loads(first)["answers"]
    assert (code, unread["kind"], unread["correct"]) == (0, kind, False)
    # The same seed asks the same choices in the same order: answer right this time.
    choices = unread["choices"]
    if choices:
        lines = [re.sub(r"^\d+\. |^.* -> ", "", line) for line in unread["right_answer"]]
        given = ",".join(str(choices.index(line) + 1) for line in lines)
    else:  # typed: the answers accepted are in the pack
        asked = quiz.prepare(load([every_kind]).checked().questions[f"q-{kind}"], random.Random())
        given = typed_right_answer(asked)
    code, second = run(runner, every_kind, *quiz_args, given=given + "\n")
    (right,) = json.loads(second)["answers"]
    assert (code, right["correct"], right["credit"]) == (0, True, 1.0)
    for export in ("gift", "anki", "markdown"):
        out = tmp_path / f"bank.{export}"
        assert run(runner, every_kind, "export", export, "-o", str(out), "--topic", "alpha")[0] == 0
        assert out.stat().st_size > 0
    assert f"::q-{kind}::" in (tmp_path / "bank.gift").read_text()


def test_new_writes_a_question_of_the_kind_asked(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["new", "question", "steps", "--kind", "order", "--dir", str(tmp_path)]
    )
    assert result.exit_code == 0
    written = (tmp_path / "questions" / "steps.yaml").read_text()
    assert "    kind: order\n" in written and "    items:" in written and "options:" not in written


def test_a_kind_that_is_not_one_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["quiz", "--kind", "multy"])
    assert result.exit_code == 2
    assert (
        "Invalid value for '--kind': 'multy' is not a kind of question (did you mean 'multi'?): "
        f"use one of {', '.join(KINDS)}" in " ".join(result.stderr.replace("│", "").split())
    )
    for_a_case = runner.invoke(
        app, ["new", "case", "cyprus", "--kind", "order", "--dir", str(tmp_path)]
    )
    assert for_a_case.exit_code == 2 and "--kind goes with question" in for_a_case.stderr
    assert not (tmp_path / "cases").exists()


def test_feedback_lists_sources_only_when_a_question_has_some(
    runner: CliRunner, every_kind: Path
) -> None:
    code, shown = run(runner, every_kind, "quiz", "--kind", "choice", "--seed", "1", given="1\n")
    assert code == 0 and "Sources:" not in shown  # written from the template: cites: []


def test_an_unfilled_template_is_caught_in_lists_too(runner: CliRunner, tmp_path: Path) -> None:
    assert runner.invoke(app, ["new", "question", "q", "--kind", "cloze", "--dir", str(tmp_path)])
    result = runner.invoke(app, ["--no-bundled", "validate", str(tmp_path)])
    assert "accept: still holds the template's text" in result.stdout
