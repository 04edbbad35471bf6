"""The QTI 2.1 package: its manifest and items valid against the IMS schemas, and every
item's own response processing, run by a small interpreter of the QTI expressions it
uses, scoring each answer as track2 scores the same answer typed in line mode."""

from __future__ import annotations

import os
import random
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from track2cli.cli import app
from track2cli.exports import qti
from track2cli.library.kinds import GAP_SEPARATOR
from track2cli.library.model import Library, Question
from track2cli.pages.markup import plain_text
from track2cli.study import quiz
from track2cli.study.answering import style_of

NS = {"q": qti.QTI, "cp": qti.CP}
# IMS's schemas may not be redistributed with changes (their imports must point to local
# copies to work offline), so they are not in this repository: a folder holding
# imsqti_v2p1.xsd and imscp_v1p1.xsd, with what they import, is named by this variable.
SCHEMAS = Path(os.environ.get("TRACK2_QTI_SCHEMAS", "/nonexistent"))


def q(tag: str) -> str:
    """A QTI element name in Clark notation."""
    return f"{{{qti.QTI}}}{tag}"


class Processor:
    """Runs the response processing of one item on one set of responses."""

    def __init__(self, item: ET.Element, responses: dict[str, Any]) -> None:
        self.item = item
        self.values: dict[str, Any] = dict(responses)
        self.values["SCORE"] = 0.0
        self.declared = {d.get("identifier"): d for d in item.findall("q:responseDeclaration", NS)}

    def run(self) -> float:
        """The SCORE the processing sets."""
        processing = self.item.find("q:responseProcessing", NS)
        assert processing is not None
        for statement in processing:
            self.execute(statement)
        return float(self.values["SCORE"])

    def execute(self, statement: ET.Element) -> None:
        if statement.tag == q("setOutcomeValue"):
            self.values[statement.get("identifier", "")] = self.evaluate(statement[0])
        elif statement.tag == q("responseCondition"):
            for branch in statement:
                if branch.tag == q("responseElse") or self.evaluate(branch[0]):
                    body = branch if branch.tag == q("responseElse") else branch[1:]
                    for inner in body:
                        self.execute(inner)
                    return
        else:
            raise AssertionError(f"unexpected statement {statement.tag}")

    def evaluate(self, expression: ET.Element) -> Any:
        tag = expression.tag.split("}")[1]
        children = [self.evaluate(child) for child in expression]
        if tag == "variable":
            return self.values.get(expression.get("identifier", ""))
        if tag == "baseValue":
            text = expression.text or ""
            return float(text) if expression.get("baseType") == "float" else text
        if tag == "correct":
            return self.correct(expression.get("identifier", ""))
        if tag == "match":
            return children[0] is not None and children[0] == children[1]
        if tag == "index":
            sequence = children[0] or []
            n = int(expression.get("n", "0"))
            return sequence[n - 1] if 0 < n <= len(sequence) else None
        if tag == "sum":
            return sum(child or 0.0 for child in children)
        if tag == "multiple":
            found: set[Any] = set()
            for child in children:
                found |= set(child) if isinstance(child, set) else {child} - {None}
            return found
        if tag == "mapResponse":
            return self.mapped(expression.get("identifier", ""))
        raise AssertionError(f"unexpected expression {tag}")

    def correct(self, name: str) -> Any:
        declared = self.declared[name]
        values = [v.text for v in declared.findall("q:correctResponse/q:value", NS)]
        cardinality = declared.get("cardinality")
        return (
            values[0]
            if cardinality == "single"
            else set(values)
            if cardinality == "multiple"
            else values
        )

    def mapped(self, name: str) -> float:
        mapping = self.declared[name].find("q:mapping", NS)
        assert mapping is not None
        entries = mapping.findall("q:mapEntry", NS)
        response = self.values.get(name)
        keys = response if isinstance(response, set) else {response} - {None}
        total = 0.0
        for key in keys:
            for entry in entries:
                folded = entry.get("caseSensitive") == "false"
                want, got = entry.get("mapKey", ""), str(key)
                if want == got or (folded and want.casefold() == got.casefold()):
                    total += float(entry.get("mappedValue", "0"))
                    break
            else:
                total += float(mapping.get("defaultValue", "0"))
        lower, upper = mapping.get("lowerBound"), mapping.get("upperBound")
        total = max(float(lower), total) if lower is not None else total
        return min(float(upper), total) if upper is not None else total


def item_of(question: Question, library: Library) -> ET.Element:
    return ET.fromstring(qti.item_xml(question, library))


def shown(text: str, library: Library) -> str:
    return plain_text(text, library.references)


def sample_answers(
    question: Question, item: ET.Element, library: Library, rng: random.Random
) -> list[tuple[dict[str, Any], str]]:
    """Answers as QTI responses, each with the same answer as typed in track2's line mode."""
    asked = quiz.prepare(question, random.Random(0))
    position = {shown(text, library): n for n, text in enumerate(asked.choices, start=1)}
    style = style_of(question).name
    out: list[tuple[dict[str, Any], str]] = []
    if style in ("truth", "one", "several"):
        choices = item.findall(".//q:simpleChoice", NS)
        names = [c.get("identifier", "") for c in choices]
        texts = [(c.text or "").strip() for c in choices]
        for _ in range(8):
            if style == "several":
                picked = [n for n in range(len(names)) if rng.random() < 0.5] or [0]
                response: Any = {names[n] for n in picked}
            else:
                picked = [rng.randrange(len(names))]
                response = names[picked[0]]
            if style == "truth":
                line = "t" if texts[picked[0]] == "True" else "f"
            else:
                line = ",".join(str(position[texts[n]]) for n in picked)
            out.append(({"RESPONSE": response}, line))
    elif style == "pairs":
        items = {
            c.get("identifier"): (c.text or "")
            for c in item.findall(".//q:simpleMatchSet[1]/q:simpleAssociableChoice", NS)
        }
        matches = {
            c.get("identifier"): (c.text or "")
            for c in item.findall(".//q:simpleMatchSet[2]/q:simpleAssociableChoice", NS)
        }
        for _ in range(6):
            chosen = list(matches)
            rng.shuffle(chosen)
            pairs = dict(zip(items, chosen, strict=True))
            by_text = {items[i]: matches[m] for i, m in pairs.items()}
            line = ",".join(str(position[by_text[shown(t, library)]]) for t in asked.items)
            out.append(({"RESPONSE": {f"{i} {m}" for i, m in pairs.items()}}, line))
    elif style == "sequence":
        steps = {c.get("identifier"): (c.text or "") for c in item.findall(".//q:simpleChoice", NS)}
        for _ in range(6):
            order = list(steps)
            rng.shuffle(order)
            line = ",".join(str(position[steps[name]]) for name in order)
            out.append(({"RESPONSE": order}, line))
    else:
        gaps = [g.accept for g in question.gaps] or [question.accept]
        names = (
            ["RESPONSE"] if len(gaps) == 1 else [f"RESPONSE{n}" for n in range(1, len(gaps) + 1)]
        )
        for trial in range(4):
            typed = [
                rng.choice(list(accepted)) if trial % 2 == 0 or n else "zzz"
                for n, accepted in enumerate(gaps)
            ]
            if trial == 3:
                typed = [t.upper() for t in typed]  # QTI compares case-insensitively, as track2
            out.append((dict(zip(names, typed, strict=True)), f"{GAP_SEPARATOR} ".join(typed)))
    return out


def test_every_item_scores_each_answer_as_track2_does(library: Library) -> None:
    rng = random.Random(7)
    checked = 0
    for question in library.questions.values():
        item = item_of(question, library)
        asked = quiz.prepare(question, random.Random(0))
        for responses, line in sample_answers(question, item, library, rng):
            expected = quiz.answer(asked, line).credit
            assert Processor(item, responses).run() == pytest.approx(expected, abs=1e-6), (
                question.id,
                line,
                responses,
            )
            checked += 1
    assert checked > 1500


def test_every_item_shows_its_explanation_and_each_options_why(library: Library) -> None:
    for question in library.questions.values():
        item = item_of(question, library)
        feedback = item.find("q:modalFeedback", NS)
        assert feedback is not None and feedback.get("showHide") == "show"
        paragraphs = [p.text for p in feedback.findall("q:p", NS)]
        assert paragraphs[0] == shown(question.explanation, library)
        assert paragraphs[1] is not None and paragraphs[1].startswith("Sources: ")
        whys = [(f.text or "").strip() for f in item.findall(".//q:feedbackInline", NS)]
        assert whys == [shown(o.why, library) for o in question.options if o.why]


@pytest.fixture(scope="module")
def package(library: Library, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("qti") / "bank.zip"
    qti.write_package(library, list(library.questions.values()), path)
    return path


def test_the_manifest_lists_every_item_in_the_package(library: Library, package: Path) -> None:
    with zipfile.ZipFile(package) as archive:
        names = set(archive.namelist())
        manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    hrefs = [r.get("href") for r in manifest.findall(".//cp:resource", NS)]
    assert names == {"imsmanifest.xml", *hrefs}
    assert len(hrefs) == len(library.questions)
    assert {r.get("type") for r in manifest.findall(".//cp:resource", NS)} == {qti.ITEM_TYPE}


@pytest.mark.skipif(
    not (SCHEMAS / "imsqti_v2p1.xsd").exists(), reason="TRACK2_QTI_SCHEMAS names no IMS schemas"
)
def test_the_package_validates_against_the_ims_schemas(package: Path) -> None:
    from lxml import etree  # type: ignore[import-untyped]

    item_schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "imsqti_v2p1.xsd")))
    manifest_schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "imscp_v1p1.xsd")))
    with zipfile.ZipFile(package) as archive:
        manifest = etree.fromstring(archive.read("imsmanifest.xml"))
        assert manifest_schema.validate(manifest), manifest_schema.error_log
        for name in archive.namelist():
            if name.startswith("items/"):
                item = etree.fromstring(archive.read(name))
                assert item_schema.validate(item), (name, str(item_schema.error_log))


def test_export_qti_from_the_command_line(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "bank.zip"
    result = runner.invoke(app, ["export", "qti", "--topic", "oslo", "-o", str(path)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("wrote ") and "items in a QTI 2.1 package" in result.stderr
    with zipfile.ZipFile(path) as archive:
        assert archive.namelist()[0] == "imsmanifest.xml"
        first = archive.read(archive.namelist()[1])
    again = tmp_path / "again.zip"
    runner.invoke(app, ["export", "qti", "--topic", "oslo", "-o", str(again)])
    assert again.read_bytes() == path.read_bytes()  # the same bank, the same package
    assert first.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')


def test_markup_in_a_pack_stays_text_in_qti(runner: CliRunner, tmp_path: Path) -> None:
    from tests.test_hostile import hostile_pack

    pack = hostile_pack(tmp_path)
    out = tmp_path / "bank.zip"
    result = runner.invoke(
        app, ["--content-dir", str(pack), "export", "qti", "--topic", "evil", "-o", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(out) as archive:
        item = ET.fromstring(archive.read("items/evil-choice.xml"))
    assert item.find(".//q:b", NS) is None and item.find(".//q:i", NS) is None
    prompt = item.find(".//q:prompt", NS)
    assert prompt is not None and prompt.text == "[html]<b>Pick</b>"  # shown as typed
