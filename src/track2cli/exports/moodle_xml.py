"""Moodle XML: every kind in Moodle's own question type, with feedback on each option,
the explanation and its sources as general feedback, a category per page, and the
question id as Moodle's idnumber, so that a re-import is matched to what it replaces.

The elements are those Moodle's importer reads (question/format/xml/format.php, and
question/type/ordering/questiontype.php for ordering, in core since Moodle 4.4). Every
text is HTML with the content escaped, so nothing from a pack becomes markup.
"""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from html import escape

from track2cli import __version__
from track2cli.exports import Export
from track2cli.exports.questions import question_sources
from track2cli.library.files import write_atomically
from track2cli.library.kinds import GAP_SEPARATOR
from track2cli.library.model import Library, Question
from track2cli.pages.document import counted
from track2cli.pages.html import inline
from track2cli.pages.markup import spans, unmarked
from track2cli.study.answering import style_of

CATEGORY_ROOT = "$course$/top/track2"
# Moodle's fractions are percentages written to seven decimals, as its own exports are.
FULL = "100"


def rich(text: str, library: Library) -> str:
    """Content as HTML: its emphasis in italics, its citations author-year, and every
    other character escaped, so it shows as typed."""
    return inline(tuple(spans(text, library.references)))


def fraction(share: float) -> str:
    """A share of the credit as Moodle writes it: 100, 50, 33.33333, -25."""
    return f"{share:.7f}".rstrip("0").rstrip(".")


def add_text(parent: ET.Element, tag: str, text: str, *, fmt: str | None = "html") -> ET.Element:
    """<tag format="html"><text>text</text></tag> under parent."""
    element = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(element, "text").text = text
    return element


def add_value(parent: ET.Element, tag: str, value: str) -> None:
    """<tag>value</tag> under parent."""
    ET.SubElement(parent, tag).text = value


def add_answer(
    parent: ET.Element, text: str, share: str, feedback: str = "", *, fmt: str = "html"
) -> None:
    """An <answer> with its fraction and its own feedback."""
    answer = add_text(parent, "answer", text, fmt=fmt)
    answer.set("fraction", share)
    add_text(answer, "feedback", feedback)


def combined_feedback(element: ET.Element) -> None:
    """The right, partly right and wrong feedback Moodle keeps for some types (left empty:
    the explanation is the general feedback)."""
    for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
        add_text(element, tag, "")


def question_element(question: Question, library: Library) -> ET.Element:
    """One question as Moodle XML."""
    moodle_type, write_answers = TYPES[style_of(question).name]
    element = ET.Element("question", {"type": moodle_type})
    add_text(element, "name", question.id, fmt=None)
    prompt = rich(question.prompt, library)
    if question.gaps and len(question.gaps) > 1:
        prompt += f" (Type the missing words in order, separated by {GAP_SEPARATOR})"
    add_text(element, "questiontext", f"<p>{prompt}</p>")
    explanation = rich(question.explanation, library)
    sources = escape(question_sources(question, library).strip("()"))
    add_text(element, "generalfeedback", f"<p>{explanation}</p><p>Sources: {sources}</p>")
    add_value(element, "defaultgrade", "1")
    add_value(element, "penalty", "0.3333333")
    add_value(element, "hidden", "0")
    add_value(element, "idnumber", question.id)
    write_answers(element, question, library)
    return element


def _truth(element: ET.Element, question: Question, library: Library) -> None:
    for value in (True, False):
        right = value is question.answer
        add_answer(
            element, "true" if value else "false", FULL if right else "0", fmt="moodle_auto_format"
        )


def _options(element: ET.Element, question: Question, library: Library) -> None:
    several = style_of(question).name == "several"
    right = sum(option.correct for option in question.options)
    add_value(element, "single", "false" if several else "true")
    add_value(element, "shuffleanswers", "true")
    add_value(element, "answernumbering", "abc")
    add_value(element, "showstandardinstruction", "1")
    combined_feedback(element)
    if several:
        ET.SubElement(element, "shownumcorrect")
    for option in question.options:
        if several:  # track2's rule: right picks less wrong picks, over the right options
            share = fraction(100 / right if option.correct else -100 / right)
        else:
            share = FULL if option.correct else "0"
        add_answer(element, rich(option.text, library), share, rich(option.why, library))


def _pairs(element: ET.Element, question: Question, library: Library) -> None:
    add_value(element, "shuffleanswers", "true")
    combined_feedback(element)
    ET.SubElement(element, "shownumcorrect")
    for pair in question.pairs:
        sub = add_text(element, "subquestion", rich(pair.item, library))
        answer = ET.SubElement(sub, "answer")
        ET.SubElement(answer, "text").text = " ".join(unmarked(pair.match).split())


def _sequence(element: ET.Element, question: Question, library: Library) -> None:
    # Every item shown, in a list, graded by how many are in their right place, as in track2.
    add_value(element, "layouttype", "VERTICAL")
    add_value(element, "selecttype", "ALL")
    add_value(element, "selectcount", str(len(question.items)))
    add_value(element, "gradingtype", "ABSOLUTE_POSITION")
    add_value(element, "showgrading", "SHOW")
    combined_feedback(element)
    ET.SubElement(element, "shownumcorrect")
    for place, item in enumerate(question.items, start=1):
        add_answer(element, rich(item, library), f"{place}.0000000")


def _typed(element: ET.Element, question: Question, library: Library) -> None:
    add_value(element, "usecase", "0")
    if question.gaps:
        # One answer box: every way of filling the gaps, in order, as track2 accepts them.
        fillings = itertools.product(*(gap.accept for gap in question.gaps))
        accepted = [f"{GAP_SEPARATOR} ".join(filling) for filling in fillings]
    else:
        accepted = list(question.accept)
    for text in accepted:
        # A short answer is compared as typed: plain text, not HTML.
        add_answer(element, " ".join(text.split()), FULL, fmt="moodle_auto_format")


# Moodle's question type for each style of answer, and how its answers are written.
TYPES: dict[str, tuple[str, Callable[[ET.Element, Question, Library], None]]] = {
    "truth": ("truefalse", _truth),
    "one": ("multichoice", _options),
    "several": ("multichoice", _options),
    "pairs": ("matching", _pairs),
    "sequence": ("ordering", _sequence),
    "typed": ("shortanswer", _typed),
}


def category(name: str) -> ET.Element:
    """The category the questions after it go into."""
    element = ET.Element("question", {"type": "category"})
    add_text(element, "category", f"{CATEGORY_ROOT}/{name}", fmt=None)
    add_text(element, "info", f"track2 questions about {escape(name)}")
    add_value(element, "idnumber", f"track2-{name}")
    return element


def document(library: Library, questions: Sequence[Question]) -> str:
    """A Moodle XML file: a category per page (the first a question is about)."""
    quiz = ET.Element("quiz")
    quiz.append(ET.Comment(f" track2 {__version__}: Track II diplomacy questions for Moodle "))
    current = None
    for question in sorted(questions, key=lambda q: (q.about[0], q.id)):
        if question.about[0] != current:
            current = question.about[0]
            quiz.append(category(current))
        quiz.append(question_element(question, library))
    ET.indent(quiz, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"


def write(job: Export) -> str:
    """Write the Moodle XML file; what was written, for the user."""
    write_atomically(job.output, document(job.library, job.questions), force=job.force)
    categories = counted(len({q.about[0] for q in job.questions}), "category", "categories")
    return f"{counted(len(job.questions), 'question')} in {categories}"
