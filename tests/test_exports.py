"""Exports open as their targets read them: Anki's collection, Moodle's GIFT, Pandoc."""

from __future__ import annotations

import html
import itertools
import json
import re
import shutil
import sqlite3
import subprocess
import zipfile
from pathlib import Path
from typing import TypedDict

import genanki
import pytest
from typer.testing import CliRunner

from track2cli.cli import app
from track2cli.exports import anki, gift, questions
from track2cli.library.model import Library
from track2cli.study.answering import style_of


def export(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, ["export", *args])
    assert result.exit_code == 0, result.stderr
    return result.stderr


# Anki: an .apkg is a zip holding an SQLite collection.


def read_apkg(
    path: Path, tmp_path: Path
) -> tuple[list[tuple[str, list[str], str]], dict[int, str]]:
    with zipfile.ZipFile(path) as package:
        package.extract("collection.anki2", tmp_path)
    db = sqlite3.connect(tmp_path / "collection.anki2")
    notes = [
        (guid, fields.split("\x1f"), tags.strip())
        for guid, fields, tags in db.execute("SELECT guid, flds, tags FROM notes")
    ]
    decks = {
        int(k): v["name"]
        for k, v in json.loads(db.execute("SELECT decks FROM col").fetchone()[0]).items()
    }
    db.close()
    return notes, decks


def test_anki_package_holds_every_question(
    runner: CliRunner, library: Library, tmp_path: Path
) -> None:
    path = tmp_path / "track2.apkg"
    count = len(library.questions)
    assert (
        export(runner, "anki", "-o", str(path))
        == f"wrote {count} questions in 26 decks to {path}\n"
    )
    notes, decks = read_apkg(path, tmp_path)
    assert len(notes) == count >= 300
    by_id = {fields[-1]: (guid, fields, tags) for guid, fields, tags in notes}
    guid, fields, tags = by_id["oslo-facilitator"]
    assert guid == genanki.guid_for("track2", "oslo-facilitator")
    # Text is data: an apostrophe in a prompt reaches Anki escaped, never as markup.
    assert (
        fields[0]
        == "Under whose auspices was the first meeting of the Oslo channel in Norway held?"
    )
    assert "<li>A research institute in Norway</li>" in fields[2]
    assert "(Waage, 2005)" in fields[3] and fields[4] == "(Waage, 2005; “Mideast Accord,” 1993)"
    assert set(tags.split()) == {"oslo", "kind::choice"}
    # Recall and cloze become Anki's type-in-the-answer cards, compared as typed.
    recall = next(q for q in library.questions.values() if q.kind == "recall")
    guid, fields, tags = by_id[recall.id]
    assert fields[1] == html.escape(recall.accept[0]) and len(fields) == 5
    assert "kind::recall" in tags.split()
    assert "Track II diplomacy::The Oslo back channel" in decks.values()
    assert all(
        name.startswith("Track II diplomacy::") for deck_id, name in decks.items() if deck_id != 1
    )


def test_anki_ids_are_stable_so_reimports_update(runner: CliRunner, tmp_path: Path) -> None:
    first, second = tmp_path / "a.apkg", tmp_path / "b.apkg"
    export(runner, "anki", "-o", str(first))
    export(runner, "anki", "-o", str(second))
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    notes_a, decks_a = read_apkg(first, tmp_path / "one")
    notes_b, decks_b = read_apkg(second, tmp_path / "two")
    assert sorted(g for g, _, _ in notes_a) == sorted(g for g, _, _ in notes_b)
    assert decks_a == decks_b
    assert anki.stable_id("x") == anki.stable_id("x") != anki.stable_id("y")


# GIFT: a strict reader, since no well-kept GIFT parser is on PyPI.

# ::id::prompt{answers####general feedback}, or for a missing word ::id::before{...}after
GIFT_QUESTION = re.compile(
    r"::((?:\\.|[^:\\])+)::((?:\\.|[^{\\])*)\{((?:\\.|[^}\\])*)\}((?:\\.|[^{}\\])*)$", re.S
)


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text).strip()


class GiftQuestion(TypedDict):
    category: str
    prompt: str
    answers: list[str]
    general: str


def read_gift(text: str) -> dict[str, GiftQuestion]:
    questions: dict[str, GiftQuestion] = {}
    category = ""
    for block in text.strip().split("\n\n"):
        if block.startswith("$CATEGORY: "):
            category = block.removeprefix("$CATEGORY: ")
            continue
        comments = [line for line in block.splitlines() if line.startswith("//")]
        block = "\n".join(line for line in block.splitlines() if not line.startswith("//"))
        if not block:
            continue
        match = GIFT_QUESTION.fullmatch(block.strip())
        assert match, f"not a GIFT question: {block!r}"
        qid, body, after = unescape(match[1]), match[3], unescape(match[4])
        assert comments == [f"// [id:{qid}]"]  # Moodle's idnumber, for matching a re-import
        # Every text is declared plain, as Moodle reads it: the marker is not text.
        prompt = unescape(match[2]).removeprefix("[plain]") + (f" ___ {after}" if after else "")
        body, _, general = body.partition("####")
        answers = [line.strip() for line in body.strip().splitlines() if line.strip()]
        questions[qid] = {
            "category": category,
            "prompt": prompt,
            "answers": answers,
            "general": unescape(general).removeprefix("[plain]"),
        }
    return questions


def gift_weight(answer: str) -> float:
    match = re.match(r"~%(-?[\d.]+)%", answer)
    assert match, f"not a weighted GIFT answer: {answer!r}"
    return float(match[1])


def test_gift_round_trips_every_question(
    runner: CliRunner, library: Library, tmp_path: Path
) -> None:
    path = tmp_path / "track2.gift"
    export(runner, "gift", "-o", str(path))
    parsed = read_gift(path.read_text())
    assert set(parsed) == set(library.questions)
    for qid, question in library.questions.items():
        read = parsed[qid]
        assert read["category"] == f"track2/{question.about[0]}"
        assert read["prompt"].startswith(question.prompt.replace("*", "").split()[0])
        answers, style = read["answers"], style_of(question).name
        assert ("Sources: " in read["general"]) is (style != "sequence")
        if style == "truth":
            assert answers == ["TRUE" if question.answer else "FALSE"]
        elif style == "one":
            right = [a for a in answers if a.startswith("=")]
            assert len(right) == 1 and len(answers) == len(question.options)
        elif style == "several":
            # track2's rule: each right pick earns, and each wrong one costs, 1/right.
            k = sum(option.correct for option in question.options)
            weights = [gift_weight(a) for a in answers]
            assert weights == [
                pytest.approx(100 / k if o.correct else -100 / k, abs=0.001)
                for o in question.options
            ]
        elif style == "typed":
            (line,) = answers
            accepted = [
                unescape(a).removeprefix("[plain]")
                for a in re.split(r"(?<!\\)=", line)
                if a.strip()
            ]
            if len(question.gaps) == 1:  # a missing word, where the gap is
                assert " ___ " in read["prompt"]
                expected = list(question.gaps[0].accept)
            elif question.gaps:  # every way of filling all the gaps, in one short answer
                fillings = itertools.product(*(gap.accept for gap in question.gaps))
                expected = ["; ".join(filling) for filling in fillings]
            else:
                expected = list(question.accept)
            assert accepted == expected, qid
        elif style == "sequence":  # Moodle's ordering type: every item, in the right order
            assert answers[0] == f">{len(question.items)} ALL VERTICAL ABSOLUTE_POSITION SHOW"
            assert answers[1:] == [html.escape(i.replace("*", "")) for i in question.items]
            assert read["general"] == ""  # its syntax has no feedback
        else:
            assert all(a.startswith("=") and " -> " in a for a in answers)
            assert len(answers) == len(question.pairs)
        for option in question.options:
            if option.why:
                assert any("#" in a for a in answers)


def test_gift_true_false_and_escaping(library: Library) -> None:
    tf = next(q for q in library.questions.values() if q.kind == "truefalse")
    text = gift.question_text(tf, library)
    assert re.search(r"\{(TRUE|FALSE)####", text)
    assert gift.escape("a: {b} = c ~ d # e\\ f *g*") == r"a\: \{b\} \= c \~ d \# e\\ f g"


# Markdown study guide.


def test_markdown_guide_keeps_citations_for_pandoc(
    runner: CliRunner, library: Library, tmp_path: Path
) -> None:
    path = tmp_path / "study-guide.md"
    assert (
        export(runner, "markdown", "-o", str(path))
        == f"wrote a study guide with {len(library.questions)} questions to {path}\n"
    )
    text = path.read_text()
    for heading in (
        "## Topics",
        "## Principles by case",
        "## Cases",
        "## Questions",
        "## Answers",
        "## References",
    ):
        assert f"\n{heading}\n" in text
    assert text.index("## Questions") < text.index("## Answers")
    assert "| The Oslo back channel | yes | yes | yes |" in text
    assert "[@pruitt1997]" in text
    assert all(f"### {case.title}" in text for case in library.cases.values())


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_renders_the_guide(runner: CliRunner, tmp_path: Path) -> None:
    guide, bibliography = tmp_path / "guide.md", tmp_path / "track2.json"
    export(runner, "markdown", "-o", str(guide))
    assert (
        runner.invoke(app, ["cite", "--format", "csl-json", "-o", str(bibliography)]).exit_code == 0
    )
    result = subprocess.run(
        ["pandoc", "--citeproc", "--bibliography", str(bibliography), "-t", "plain", str(guide)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "not found" not in result.stderr
    assert "Pruitt, Dean G. 1997" in result.stdout


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
@pytest.mark.parametrize("resolved", [False, True])
def test_the_guide_as_its_own_hint_says_is_a_titled_english_page(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, resolved: bool
) -> None:
    monkeypatch.chdir(tmp_path)
    export(
        runner, "markdown", "--topic", "oslo", "-o", "study-guide.md", *(["--resolved"] * resolved)
    )
    guide = (tmp_path / "study-guide.md").read_text()
    assert guide.startswith('---\ntitle: "Track II diplomacy: a study guide"\nlang: en\n')
    assert ("bibliography: track2.json" in guide) is not resolved
    if not resolved:  # the two commands the guide gives, as it gives them
        assert "    track2 cite --format csl-json -o track2.json\n" in guide
        assert (
            runner.invoke(app, ["cite", "--format", "csl-json", "-o", "track2.json"]).exit_code == 0
        )
    command = [
        "pandoc",
        "-s",
        *(["--citeproc"] * (not resolved)),
        "study-guide.md",
        "-o",
        "study-guide.html",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=tmp_path)
    assert done.stderr == ""  # no warning: a title, and every citation found
    html = (tmp_path / "study-guide.html").read_text()
    assert 'lang="en"' in html and "<title>Track II diplomacy: a study guide</title>" in html


def test_resolved_guide_has_author_year_and_its_own_references(
    runner: CliRunner, library: Library, tmp_path: Path
) -> None:
    path = tmp_path / "oslo.md"
    stderr = export(runner, "markdown", "--resolved", "--topic", "oslo", "-o", str(path))
    oslo = sum("oslo" in q.about for q in library.questions.values())
    assert stderr == f"wrote a study guide with {oslo} questions to {path}\n"
    text = path.read_text()
    assert "[@" not in text
    assert "(Pruitt, 1997)" in text
    assert (
        "- Pruitt, D. G. (1997). Ripeness theory and the Oslo talks. *International Negotiation*, *2*(2), 237–250."
        in text
    )
    assert "### The Oslo back channel" in text and "### US-Soviet dialogue" not in text


def test_export_options(runner: CliRunner, tmp_path: Path) -> None:
    assert runner.invoke(app, ["export", "gift"]).exit_code == 2  # -o is required
    path = tmp_path / "q.gift"
    path.write_text("mine")
    refused = runner.invoke(app, ["export", "gift", "-o", str(path)])
    assert (refused.exit_code, refused.stderr) == (
        1,
        f"error: {path} already exists: add --force to overwrite it\n",
    )
    assert path.read_text() == "mine"
    assert (
        runner.invoke(
            app, ["export", "gift", "-o", str(path), "--force", "--topic", "tajikistan"]
        ).exit_code
        == 0
    )
    assert set(read_gift(path.read_text())) == {
        q["id"]
        for q in json.loads(
            runner.invoke(app, ["quiz", "--list", "--json", "--topic", "inter-tajik"]).stdout
        )
    }
    bad = runner.invoke(
        app, ["export", "anki", "-o", str(tmp_path / "x.apkg"), "--topic", "atlantis"]
    )
    assert bad.exit_code == 1 and bad.stderr.startswith(
        "error: no topic, principle or case named 'atlantis'"
    )


def test_listed_choices_do_not_give_the_answer_away(library: Library) -> None:
    order = next(q for q in library.questions.values() if q.id == "oslo-channel-sequence")
    assert questions.choice_lines(order) == sorted(order.items, key=str.lower) != list(order.items)
    match = library.questions["oslo-people-roles"]
    assert questions.choice_lines(match)[-1] == (
        "Matches: Closely involved, with her husband, in the secret 1993 talks;"
        " Head of a Norwegian institute studying the occupied territories;"
        " Head of the PLO's economics department; History research fellow, Hirschfeld's"
        " partner; Israeli professor of Middle East history who opened the channel"
    )


def test_the_export_command_offers_every_registered_format() -> None:
    from track2cli.cli.export import ExportFormat
    from track2cli.exports import FORMATS, exporter

    assert [fmt.value for fmt in ExportFormat] == list(FORMATS)
    assert all(callable(exporter(name)) for name in FORMATS)
    with pytest.raises(KeyError):
        exporter("pdf")


def test_gift_can_write_ordering_as_matching_for_older_moodles(
    runner: CliRunner, library: Library
) -> None:
    result = runner.invoke(
        app, ["export", "gift", "--kind", "order", "--ordering-as-matching", "-o", "-"]
    )
    assert result.exit_code == 0, result.stderr
    parsed = read_gift(result.stdout)
    order = [q for q in library.questions.values() if q.kind == "order"]
    assert set(parsed) == {q.id for q in order}
    for question in order:
        read = parsed[question.id]
        assert read["answers"][: len(question.items)] == [
            f"={gift.item(text)} -> {place}" for place, text in enumerate(question.items, 1)
        ]
        assert "Sources: " in read["general"]
    refused = runner.invoke(app, ["export", "anki", "--ordering-as-matching", "-o", "-"])
    assert refused.exit_code == 2
    assert "--ordering-as-matching goes with gift" in refused.stderr


def test_the_linear_anki_writer_makes_the_collection_genanki_makes(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workaround for genanki's per-deck rewrite changes the time it takes, not what
    it writes: the same notes, cards, decks and models, with the same ids."""
    import time

    monkeypatch.setattr(time, "time", lambda: 1_800_000_000.0)  # ids come from the clock
    questions = list(library.questions.values())
    ours, theirs = tmp_path / "ours.apkg", tmp_path / "theirs.apkg"
    anki.write_package(library, questions, ours)
    monkeypatch.setattr(anki, "linear_package", genanki.Package)
    anki.write_package(library, questions, theirs)

    def collection(path: Path) -> dict[str, object]:
        database = tmp_path / f"{path.stem}.anki2"
        database.write_bytes(zipfile.ZipFile(path).read("collection.anki2"))
        with sqlite3.connect(database) as db:
            found: dict[str, object] = {
                table: sorted(db.execute(f"SELECT * FROM {table}").fetchall())
                for table in ("notes", "cards")
            }
            decks, models = db.execute("SELECT decks, models FROM col").fetchone()
        return {**found, "decks": json.loads(decks), "models": json.loads(models)}

    mine = collection(ours)
    assert mine == collection(theirs)
    assert len(mine["notes"]) == len(questions)  # type: ignore[arg-type]
