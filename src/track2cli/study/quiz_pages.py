"""Quiz screens as pages: a question, the feedback on an answer, the final result."""

from __future__ import annotations

from collections.abc import Sequence

from track2cli.biblio import cite
from track2cli.library.model import Library, Question, Reference
from track2cli.pages.document import Block, Heading, Page, Paragraph, Span, Table
from track2cli.pages.layout import command_for, command_list
from track2cli.pages.markup import spans, unmarked
from track2cli.study import quiz
from track2cli.study.answering import CLOSE, FORGIVEN, Asked


def question_page(asked: Asked, number: int, total: int) -> Page:
    """A question with numbered choices and how to answer, for line-by-line mode."""
    q = asked.question
    heading = f"Question {number} of {total}" if number else "Once more: a question you missed"
    blocks: list[Block] = [
        Heading(heading),
        Paragraph(((f"{q.kind}; about {', '.join(q.about)}", "dim"),)),
        Paragraph(((unmarked(q.prompt), "bold"),)),
    ]
    if asked.items:  # a match question: its items, then the matches to choose from
        blocks.append(Heading("Items:", level=3))
        blocks.extend(Paragraph(((unmarked(item), ""),), marker="-") for item in asked.items)
        blocks.append(Heading("Choices:", level=3))
    blocks.extend(
        Paragraph(((f"{index}) {unmarked(choice)}", ""),), indent=2)
        for index, choice in enumerate(asked.choices, start=1)
    )
    blocks.append(Paragraph(((f"Answer with {quiz.hint(q)}.", "dim"),)))
    return Page(blocks)


def verdict(result: quiz.Result) -> Span:
    """Right, partly right, wrong or unreadable, styled."""
    if result.unreadable:
        return ("Skipped: counted as wrong.", "warn")
    typed = (result.response or ()) if result.asked.accepted else ()
    if result.correct:
        return ("Right, allowing for the spelling." if FORGIVEN in typed else "Right.", "right")
    if result.credit > 0:
        return (f"Partly right ({result.credit:.0%}).", "warn")
    return ("Close, but not right.", "wrong") if CLOSE in typed else ("Wrong.", "wrong")


def feedback_page(result: quiz.Result, library: Library) -> Page:
    """After an answer: right or wrong, the right answer, why, and the sources."""
    refs = library.references
    q = result.asked.question
    given = quiz.given_in_words(result)
    if len(given) == 1:
        shown = (unmarked(given[0]), "")
        blocks: list[Block] = [
            Paragraph((("Your answer: ", "dim"), shown, ("  ", ""), verdict(result)))
        ]
    else:  # a place for each item: which were right
        blocks = [Paragraph((("Your answer: ", "dim"), verdict(result)))]
        blocks.extend(Paragraph(((unmarked(line), ""),), marker="-") for line in given)
    spelled_differently = bool(result.asked.accepted) and FORGIVEN in (result.response or ())
    if not result.correct or spelled_differently:
        right = quiz.right_answer(result.asked)
        blocks.append(Paragraph((("The answer: ", "bold"), (unmarked("; ".join(right)), ""))))
    for why in quiz.chosen_feedback(result.asked, result.response):
        blocks.append(Paragraph((("Not quite: ", "bold"), *spans(why, refs))))
    blocks.append(Paragraph(tuple(spans(q.explanation, refs))))
    if q.cites:
        blocks.append(Paragraph((("Sources: ", "dim"), *answer_sources(q.cites, refs))))
    return Page(blocks)


def leech_page(question: Question, lapses: int, library: Library) -> Page:
    """Before a leech is asked: how often it was missed, and the page to reread."""
    text = f"A leech: you have missed this question {lapses} times. Reread its page first: "
    command = command_for(question.about[0], library)
    return Page([Paragraph(((text, "warn"), (command, "command")))])


def answer_sources(keys: Sequence[str], references: dict[str, Reference]) -> list[Span]:
    """Author-year sources of an answer; a doubtful one says so."""
    out: list[Span] = []
    for index, key in enumerate(keys):
        if index:
            out.append(("; ", ""))
        ref = references[key]
        out.append((f"{cite.with_comma(cite.author_names(ref))} {ref.year}", "cite"))
        if ref.status == "doubtful":
            out.append((f" (doubtful: see track2 cite {key})", "doubtful"))
    return out


def points(credit: float) -> str:
    """Credit as a student reads it: 2, 0.4, 1.5 (one decimal, none when whole)."""
    return f"{round(credit, 1):g}"


def summary_page(
    score: quiz.Score, total: int, library: Library, *, seed: int | None, stopped: str = ""
) -> Page:
    """The score, the score per page, the missed questions, the pages to reread, the seed."""
    page = Page([Heading("Result", level=1)])
    if stopped:
        page.blocks.append(Paragraph(((stopped, "warn"),)))
    if not score.answered:
        page.blocks.append(Paragraph((("No questions answered.", ""),)))
        return page
    line = f"Score: {points(score.credit)} of {score.answered} ({score.percent:.0f}%)"
    if score.answered < total:
        line += f"; {score.answered} of {total} questions answered"
    page.blocks.append(Paragraph(((line, "bold"),)))
    rows = tuple(
        (about, f"{points(topic.credit)}/{topic.answered}", f"{topic.percent:.0f}%")
        for about, topic in score.by_topic().items()
    )
    page.blocks.append(Table(("About", "Score", "%"), rows))
    if score.missed:
        page.blocks.append(Paragraph((("Missed: ", "bold"), (", ".join(score.missed), ""))))
        if score.relearned:
            relearned = ", ".join(score.relearned)
            page.blocks.append(Paragraph((("Right when asked again: ", "bold"), (relearned, ""))))
        commands = [command_for(p, library) for p in score.pages_to_reread()]
        page.blocks.append(command_list("Reread: ", commands))
    if seed is not None:
        again = f"To repeat these questions, run the same command with --seed {seed}."
        page.blocks.append(Paragraph(((again, "dim"),)))
    return page
