"""Moodle XML read back by a strict reader that takes what Moodle's importer takes
(question/format/xml/format.php and the ordering type's import_from_xml), and graded as
Moodle grades it, against track2's own answers and grades."""

from __future__ import annotations

import html
import itertools
import random
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from track2cli.cli import app
from track2cli.exports import moodle_xml
from track2cli.library.kinds import GAP_SEPARATOR
from track2cli.library.model import Library
from track2cli.study import quiz
from track2cli.study.answering import style_of

# What each Moodle type must hold beyond the common header, as its importer reads it.
REQUIRED = {
    "multichoice": ["single", "shuffleanswers", "answernumbering", "answer"],
    "truefalse": ["answer"],
    "matching": ["shuffleanswers", "subquestion"],
    "ordering": ["layouttype", "selecttype", "selectcount", "gradingtype", "answer"],
    "shortanswer": ["usecase", "answer"],
}
HEADER = ["name", "questiontext", "generalfeedback", "defaultgrade", "penalty", "idnumber"]


@dataclass
class Read:
    """One question as the strict reader found it."""

    type: str
    category: str
    name: str
    text: str  # the question text, its HTML read back to plain text
    general: str
    answers: list[tuple[str, float, str]] = field(default_factory=list)  # text, %, feedback
    pairs: list[tuple[str, str]] = field(default_factory=list)
    options: dict[str, str] = field(default_factory=dict)


def text_of(element: ET.Element, tag: str, *, is_html: bool) -> str:
    """<tag><text>...</text></tag>, its HTML taken back to the text it shows."""
    found = element.find(f"{tag}/text")
    assert found is not None, f"no {tag}/text"
    value = found.text or ""
    if is_html:
        assert element.find(tag).get("format") == "html"  # type: ignore[union-attr]
        value = from_html(value)
    return value


def from_html(value: str) -> str:
    """The text an HTML field shows: paragraphs and italics are the only markup written,
    and everything from the content inside them is escaped text."""
    assert re.sub(r"</?(p|i)>", "", value).count("<") == 0, value
    value = re.sub(r"</?i>", "", value.replace("<p>", "").replace("</p>", "\n"))
    return html.unescape(value).strip()


def read(document: str) -> list[Read]:
    """Every question, checked for what its Moodle type requires."""
    root = ET.fromstring(document)
    assert root.tag == "quiz"
    found: list[Read] = []
    category = ""
    for element in root.findall("question"):
        kind = element.get("type", "")
        if kind == "category":
            category = text_of(element, "category", is_html=False)
            continue
        assert kind in REQUIRED, kind
        for tag in HEADER + REQUIRED[kind]:
            assert element.find(tag) is not None, f"{kind} without {tag}"
        name = text_of(element, "name", is_html=False)
        assert element.findtext("idnumber") == name  # a re-import is matched by it
        question = Read(
            kind,
            category,
            name,
            text_of(element, "questiontext", is_html=True),
            text_of(element, "generalfeedback", is_html=True),
        )
        for answer in element.findall("answer"):
            text = answer.findtext("text") or ""
            why = text_of(answer, "feedback", is_html=True)
            shown = from_html(text) if answer.get("format") == "html" else text
            question.answers.append((shown, float(answer.get("fraction", "nan")), why))
        for sub in element.findall("subquestion"):
            assert sub.get("format") == "html"
            item = from_html(sub.findtext("text") or "")
            question.pairs.append((item, sub.findtext("answer/text") or ""))
        for tag in ("single", "selecttype", "gradingtype", "selectcount", "layouttype"):
            if element.find(tag) is not None:
                question.options[tag] = element.findtext(tag) or ""
        found.append(question)
    return found


def moodle_grade(read_question: Read, picked: set[str]) -> float:
    """A multiple-answer multichoice graded as Moodle does: the picks' fractions summed,
    kept between 0 and 1."""
    total = sum(share for text, share, _ in read_question.answers if text in picked) / 100
    return min(1.0, max(0.0, total))


@pytest.fixture(scope="module")
def exported(library: Library) -> dict[str, Read]:
    document = moodle_xml.document(library, list(library.questions.values()))
    return {q.name: q for q in read(document)}


def test_every_question_is_there_in_its_category(
    library: Library, exported: dict[str, Read]
) -> None:
    assert set(exported) == set(library.questions)
    for question in library.questions.values():
        assert exported[question.id].category == f"$course$/top/track2/{question.about[0]}"


def test_each_kind_gets_moodles_own_type(library: Library, exported: dict[str, Read]) -> None:
    types = {q.kind: exported[q.id].type for q in library.questions.values()}
    assert types == {
        "choice": "multichoice",
        "scenario": "multichoice",
        "multi": "multichoice",
        "compare": "multichoice",
        "truefalse": "truefalse",
        "match": "matching",
        "order": "ordering",
        "recall": "shortanswer",
        "cloze": "shortanswer",
    }


def shown(text: str, library: Library) -> str:
    """What a student sees of a text: citations author-year, no emphasis marks."""
    from track2cli.pages.markup import plain_text

    return plain_text(text, library.references)


def test_the_explanation_and_its_sources_are_the_general_feedback(
    library: Library, exported: dict[str, Read]
) -> None:
    for question in library.questions.values():
        general = exported[question.id].general
        assert general.startswith(shown(question.explanation, library)), question.id
        assert "\nSources: " in general


def test_single_answers_and_truth_carry_the_key_and_every_why(
    library: Library, exported: dict[str, Read]
) -> None:
    for question in library.questions.values():
        got = exported[question.id]
        if got.type == "truefalse":
            right = {text for text, share, _ in got.answers if share == 100}
            assert right == {"true" if question.answer else "false"}
        elif got.options.get("single") == "true":
            expected = [
                (shown(o.text, library), 100.0 if o.correct else 0.0, shown(o.why, library))
                for o in question.options
            ]
            assert got.answers == expected, question.id


def test_multiple_answers_grade_every_pick_as_track2_does(
    library: Library, exported: dict[str, Read]
) -> None:
    checked = 0
    for question in library.questions.values():
        got = exported[question.id]
        if got.options.get("single") != "false":
            continue
        asked = quiz.prepare(question, random.Random(0))
        for size in range(len(asked.choices) + 1):
            for picks in itertools.combinations(range(len(asked.choices)), size):
                texts = {shown(asked.choices[i], library) for i in picks}
                ours = style_of(question).grade(asked, picks)
                assert moodle_grade(got, texts) == pytest.approx(ours, abs=1e-6), question.id
        checked += 1
    assert checked >= 30  # the multi and compare questions


def test_matching_ordering_and_typed_answers_are_track2s(
    library: Library, exported: dict[str, Read]
) -> None:
    for question in library.questions.values():
        got = exported[question.id]
        if got.type == "matching":
            assert got.pairs == [(shown(p.item, library), p.match) for p in question.pairs]
        elif got.type == "ordering":
            by_place = [text for text, _, _ in sorted(got.answers, key=lambda a: a[1])]
            assert by_place == [shown(item, library) for item in question.items]
            assert got.options["selecttype"] == "ALL"
            assert got.options["gradingtype"] == "ABSOLUTE_POSITION"  # share in place
            assert got.options["selectcount"] == str(len(question.items))
        elif got.type == "shortanswer":
            assert all(share == 100 for _, share, _ in got.answers)
            accepted = {text for text, _, _ in got.answers}
            asked = quiz.prepare(question, random.Random(0))
            assert all(quiz.answer(asked, text).correct for text in accepted), question.id
            if len(question.gaps) > 1:
                assert GAP_SEPARATOR in got.text or "separated by" in got.text


def test_markup_in_a_pack_stays_text_in_moodle_xml(runner: CliRunner, tmp_path: Path) -> None:
    from tests.test_hostile import hostile_pack

    pack = hostile_pack(tmp_path)
    out = tmp_path / "bank.xml"
    result = runner.invoke(
        app, ["--content-dir", str(pack), "export", "moodle-xml", "--topic", "evil", "-o", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    questions = read(out.read_text())
    choice = next(q for q in questions if q.name == "evil-choice")
    assert choice.text == "[html]<b>Pick</b>"  # shown as typed, not as bold
    raw = ET.fromstring(out.read_text()).find("question[@type='multichoice']/questiontext/text")
    assert raw is not None and "&lt;b&gt;" in (raw.text or "")


def test_export_narrows_by_kind_and_id_and_writes_to_stdout(runner: CliRunner) -> None:
    result = runner.invoke(app, ["export", "moodle-xml", "--kind", "order", "-o", "-"])
    assert result.exit_code == 0, result.stderr
    types = {q.type for q in read(result.stdout)}
    assert types == {"ordering"}
    one = runner.invoke(app, ["export", "moodle-xml", "--id", "oslo-facilitator", "-o", "-"])
    assert [q.name for q in read(one.stdout)] == ["oslo-facilitator"]
    assert one.stderr == "wrote 1 question in 1 category to standard output\n"
    typo = runner.invoke(app, ["export", "moodle-xml", "--id", "oslo-facilitatr", "-o", "-"])
    assert (typo.exit_code, typo.stdout) == (1, "")
    assert typo.stderr == (
        "error: no question named 'oslo-facilitatr' (did you mean 'oslo-facilitator'?)\n"
    )
    none = runner.invoke(
        app,
        [
            "export",
            "gift",
            "--topic",
            "oslo",
            "--kind",
            "truefalse",
            "--id",
            "aceh-instruments",
            "-o",
            "-",
        ],
    )
    assert none.exit_code == 1 and none.stderr.startswith("error: no questions match")
