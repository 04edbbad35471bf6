"""IMS QTI 2.1: a content package (a zip) of one assessment item per question and the
imsmanifest.xml that lists them. Each item scores itself as track2 does, with its
response processing written out (no template to fetch): one right choice, a share per
right pick less one per wrong pick, a share per pair or place, a share per gap. Each
option's feedback shows when it is chosen, and the explanation with its sources after
every answer. Texts are plain text in XHTML paragraphs, escaped by the XML writer.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

from track2cli.exports import Export
from track2cli.exports.questions import question_sources
from track2cli.library.files import replace_atomically
from track2cli.library.kinds import GAP
from track2cli.library.model import Library, Question
from track2cli.pages.document import counted
from track2cli.pages.markup import plain_text
from track2cli.study.answering import style_of

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
ITEM_TYPE = "imsqti_item_xmlv2p1"
# A zip entry's date: fixed, so the same bank makes the same package.
ZIP_DATE = (2026, 1, 1, 0, 0, 0)


def element(parent: ET.Element | None, tag: str, text: str = "", **attributes: str) -> ET.Element:
    """An element with attributes (trailing underscores dropped) and text, under parent."""
    attrs = {key.rstrip("_"): value for key, value in attributes.items()}
    made = ET.Element(tag, attrs) if parent is None else ET.SubElement(parent, tag, attrs)
    if text:
        made.text = text
    return made


def identifier(question_id: str) -> str:
    """A QTI identifier (an XML name) for a question id: ids that start with a digit get a
    letter in front."""
    return question_id if question_id[:1].isalpha() else f"q{question_id}"


def share(value: float) -> str:
    """A share of the score, as QTI floats are written: 1, 0.5, 0.3333333, -0.25."""
    return f"{value:.7f}".rstrip("0").rstrip(".")


class Item:
    """One assessment item being built: its declarations, body and processing."""

    def __init__(self, question: Question, library: Library) -> None:
        self.question = question
        self.library = library
        self.root = element(
            None,
            "assessmentItem",
            identifier=identifier(question.id),
            title=question.id,
            adaptive="false",
            timeDependent="false",
        )
        self.declarations: list[ET.Element] = []
        self.body = ET.Element("itemBody")
        self.processing = ET.Element("responseProcessing")

    def text(self, text: str) -> str:
        """Content as a student reads it: citations author-year, no emphasis marks."""
        return plain_text(text, self.library.references)

    def declare(
        self, name: str, cardinality: str, base: str, correct: Sequence[str] = ()
    ) -> ET.Element:
        """A response declaration, with its correct response."""
        declared = element(
            None, "responseDeclaration", identifier=name, cardinality=cardinality, baseType=base
        )
        if correct:
            right = element(declared, "correctResponse")
            for value in correct:
                element(right, "value", value)
        self.declarations.append(declared)
        return declared

    def mapped(self, declared: ET.Element, entries: dict[str, float], *, upper: float) -> None:
        """A mapping from responses to scores, never below 0 nor above upper."""
        mapping = element(
            declared, "mapping", lowerBound="0", upperBound=share(upper), defaultValue="0"
        )
        for key, value in entries.items():
            element(mapping, "mapEntry", mapKey=key, mappedValue=share(value))

    def prompt(self, parent: ET.Element) -> None:
        """The question's prompt, as the interaction's own prompt."""
        element(parent, "prompt", self.text(self.question.prompt))

    def score(self, expression: ET.Element) -> None:
        """SCORE set to an expression."""
        set_score = element(self.processing, "setOutcomeValue", identifier="SCORE")
        set_score.append(expression)

    def finish(self) -> ET.Element:
        """The item, its parts in the order the schema wants, with the explanation."""
        for declared in self.declarations:
            self.root.append(declared)
        score = element(self.root, "outcomeDeclaration", identifier="SCORE",
                        cardinality="single", baseType="float")  # fmt: skip
        element(element(score, "defaultValue"), "value", "0")
        element(self.root, "outcomeDeclaration", identifier="FEEDBACK",
                cardinality="multiple", baseType="identifier")  # fmt: skip
        element(self.root, "outcomeDeclaration", identifier="EXPLAIN",
                cardinality="single", baseType="identifier")  # fmt: skip
        self.root.append(self.body)
        # After any answer, the explanation is shown.
        explain = element(self.processing, "setOutcomeValue", identifier="EXPLAIN")
        element(explain, "baseValue", "EXPLANATION", baseType="identifier")
        self.root.append(self.processing)
        feedback = element(
            self.root, "modalFeedback", outcomeIdentifier="EXPLAIN", identifier="EXPLANATION",
            showHide="show", title="Explanation",
        )  # fmt: skip
        element(feedback, "p", self.text(self.question.explanation))
        sources = question_sources(self.question, self.library).strip("()")
        element(feedback, "p", f"Sources: {sources}")
        return self.root


def variable(name: str) -> ET.Element:
    """<variable identifier="name"/>."""
    return element(None, "variable", identifier=name)


def _choices(item: Item, truth: bool = False) -> None:
    question = item.question
    if truth:
        texts = [("True", question.answer is True, ""), ("False", question.answer is False, "")]
    else:
        texts = [(item.text(o.text), o.correct, item.text(o.why)) for o in question.options]
    several = style_of(question).name == "several"
    names = [f"C{n}" for n in range(1, len(texts) + 1)]
    right = [name for name, (_, correct, _) in zip(names, texts, strict=True) if correct]
    declared = item.declare("RESPONSE", "multiple" if several else "single", "identifier", right)
    interaction = element(item.body, "choiceInteraction", responseIdentifier="RESPONSE",
                          shuffle="false" if truth else "true",
                          maxChoices="0" if several else "1")  # fmt: skip
    item.prompt(interaction)
    for name, (text, _, why) in zip(names, texts, strict=True):
        choice = element(interaction, "simpleChoice", text, identifier=name)
        if why:  # shown when this choice is among the answers given
            element(choice, "feedbackInline", f" {why}", outcomeIdentifier="FEEDBACK",
                    identifier=name, showHide="show")  # fmt: skip
    if several:  # track2's rule: right picks less wrong picks, over the right options
        k = len(right)
        entries = {name: (1 / k if name in right else -1 / k) for name in names}
        item.mapped(declared, entries, upper=1)
        item.score(element(None, "mapResponse", identifier="RESPONSE"))
    else:
        condition = element(item.processing, "responseCondition")
        branch = element(condition, "responseIf")
        match = element(branch, "match")
        match.append(variable("RESPONSE"))
        element(match, "correct", identifier="RESPONSE")
        set_score = element(branch, "setOutcomeValue", identifier="SCORE")
        element(set_score, "baseValue", "1", baseType="float")
    feedback = element(item.processing, "setOutcomeValue", identifier="FEEDBACK")
    if several:
        feedback.append(variable("RESPONSE"))
    else:
        multiple = element(feedback, "multiple")
        multiple.append(variable("RESPONSE"))


def _truth(item: Item) -> None:
    _choices(item, truth=True)


def _pairs(item: Item) -> None:
    pairs = item.question.pairs
    items = [f"I{n}" for n in range(1, len(pairs) + 1)]
    matches = [f"M{n}" for n in range(1, len(pairs) + 1)]
    right = [f"{i} {m}" for i, m in zip(items, matches, strict=True)]
    declared = item.declare("RESPONSE", "multiple", "directedPair", right)
    item.mapped(declared, {pair: 1 / len(pairs) for pair in right}, upper=1)
    interaction = element(item.body, "matchInteraction", responseIdentifier="RESPONSE",
                          shuffle="true", maxAssociations=str(len(pairs)))  # fmt: skip
    item.prompt(interaction)
    left = element(interaction, "simpleMatchSet")
    for name, pair in zip(items, pairs, strict=True):
        element(left, "simpleAssociableChoice", item.text(pair.item), identifier=name, matchMax="1")
    right_set = element(interaction, "simpleMatchSet")
    for name, pair in zip(matches, pairs, strict=True):
        element(right_set, "simpleAssociableChoice", item.text(pair.match), identifier=name,
                matchMax="1")  # fmt: skip
    item.score(element(None, "mapResponse", identifier="RESPONSE"))


def _sequence(item: Item) -> None:
    texts = item.question.items
    names = [f"S{n}" for n in range(1, len(texts) + 1)]
    item.declare("RESPONSE", "ordered", "identifier", names)
    interaction = element(item.body, "orderInteraction", responseIdentifier="RESPONSE",
                          shuffle="true")  # fmt: skip
    item.prompt(interaction)
    for name, text in zip(names, texts, strict=True):
        element(interaction, "simpleChoice", item.text(text), identifier=name)
    # track2's rule: a share for each item in its right place.
    for place, name in enumerate(names, start=1):
        condition = element(item.processing, "responseCondition")
        branch = element(condition, "responseIf")
        match = element(branch, "match")
        index = element(match, "index", n=str(place))
        index.append(variable("RESPONSE"))
        element(match, "baseValue", name, baseType="identifier")
        add = element(branch, "setOutcomeValue", identifier="SCORE")
        total = element(add, "sum")
        total.append(variable("SCORE"))
        element(total, "baseValue", share(1 / len(names)), baseType="float")


def _typed(item: Item) -> None:
    question = item.question
    gaps = [gap.accept for gap in question.gaps] or [question.accept]
    names = [f"RESPONSE{n}" if len(gaps) > 1 else "RESPONSE" for n in range(1, len(gaps) + 1)]
    for name, accepted in zip(names, gaps, strict=True):
        declared = item.declare(name, "single", "string", accepted[:1])
        mapping = element(declared, "mapping", lowerBound="0",
                          upperBound=share(1 / len(gaps)), defaultValue="0")  # fmt: skip
        for answer in dict.fromkeys(accepted):  # each accepted form once
            element(mapping, "mapEntry", mapKey=answer, mappedValue=share(1 / len(gaps)),
                    caseSensitive="false")  # fmt: skip
    prompt = item.text(question.prompt)
    paragraph = element(item.body, "p")
    if question.gaps:  # each gap a box where it stands in the sentence
        parts = prompt.split(GAP)
        paragraph.text = parts[0]
        for name, after in zip(names, parts[1:], strict=True):
            box = element(paragraph, "textEntryInteraction", responseIdentifier=name,
                          expectedLength="20")  # fmt: skip
            box.tail = after
    else:
        paragraph.text = prompt + " "
        element(paragraph, "textEntryInteraction", responseIdentifier=names[0],
                expectedLength="30")  # fmt: skip
    total = element(None, "sum")
    for name in names:
        element(total, "mapResponse", identifier=name)
    item.score(total)


# How each style of answer is asked and scored in QTI.
BUILDERS: dict[str, Callable[[Item], None]] = {
    "truth": _truth,
    "one": _choices,
    "several": _choices,
    "pairs": _pairs,
    "sequence": _sequence,
    "typed": _typed,
}


def item_xml(question: Question, library: Library) -> str:
    """One question as a QTI 2.1 assessment item document."""
    item = Item(question, library)
    BUILDERS[style_of(question).name](item)
    root = item.finish()
    root.set("xmlns", QTI)
    root.set("xmlns:xsi", XSI)
    root.set("xsi:schemaLocation", f"{QTI} {QTI_XSD}")
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def item_path(question: Question) -> str:
    """Where an item sits in the package."""
    return f"items/{identifier(question.id)}.xml"


def manifest(questions: Sequence[Question]) -> str:
    """imsmanifest.xml: every item as a resource of the package."""
    root = element(None, "manifest", identifier="track2-question-bank")
    root.set("xmlns", CP)
    root.set("xmlns:xsi", XSI)
    root.set("xsi:schemaLocation", f"{CP} {CP_XSD}")
    metadata = element(root, "metadata")
    element(metadata, "schema", "QTIv2.1 Package")
    element(metadata, "schemaversion", "1.0.0")
    element(root, "organizations")
    resources = element(root, "resources")
    for question in questions:
        href = item_path(question)
        resource = element(resources, "resource", identifier=f"R-{identifier(question.id)}",
                           type=ITEM_TYPE, href=href)  # fmt: skip
        element(resource, "file", href=href)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def write_package(library: Library, questions: Sequence[Question], path: Path) -> None:
    """The zip: the manifest first, then the items, each entry with a fixed date."""
    ordered = sorted(questions, key=lambda q: (q.about[0], q.id))
    with zipfile.ZipFile(path, "w") as package:
        entries = [("imsmanifest.xml", manifest(ordered))]
        entries += [(item_path(q), item_xml(q, library)) for q in ordered]
        for name, text in entries:
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(info, text)


def write(job: Export) -> str:
    """Write the package; what was written, for the user."""
    replace_atomically(
        job.output, lambda path: write_package(job.library, job.questions, path), force=job.force
    )
    return f"{counted(len(job.questions), 'item')} in a QTI 2.1 package"
