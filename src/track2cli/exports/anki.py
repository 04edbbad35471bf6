"""Anki: an .apkg package (written by genanki), a deck per page under one parent deck."""

from __future__ import annotations

import hashlib
import html
from collections.abc import Iterable, Sequence
from pathlib import Path

from track2cli.exports import Export
from track2cli.exports.questions import (
    answer_lines,
    choice_lines,
    question_sources,
    text_of,
    typed_answer,
)
from track2cli.library.files import replace_atomically
from track2cli.library.model import Library, Question
from track2cli.pages.document import counted
from track2cli.pages.markup import unmarked
from track2cli.study.answering import style_of

# Stable ids: re-importing an updated export updates the cards instead of adding new ones.
ANKI_MODEL_ID = 1_738_204_112
TYPED_MODEL_ID = 1_738_204_113
CSS = ".card { font-family: sans-serif; } .sources { color: #666; font-size: 0.9em; }"
DECK_ROOT = "Track II diplomacy"


def stable_id(name: str) -> int:
    """A deck id from its name: the same name always gives the same id."""
    return int(hashlib.sha1(f"track2-deck:{name}".encode()).hexdigest()[:8], 16) | 1 << 31


def _html_list(items: Iterable[str]) -> str:
    return "<ol>" + "".join(f"<li>{html.escape(unmarked(item))}</li>" for item in items) + "</ol>"


def write_package(library: Library, questions: Sequence[Question], path: Path) -> int:
    """Write an .apkg: a deck per page under one parent; returns how many decks."""
    import genanki  # only `export anki` pays for it

    chosen = genanki.Model(
        ANKI_MODEL_ID,
        "track2 question",
        fields=[
            {"name": n} for n in ("Prompt", "Options", "Answer", "Explanation", "Sources", "Id")
        ],
        templates=[
            {
                "name": "Question",
                "qfmt": "<div class=prompt>{{Prompt}}</div>{{Options}}",
                "afmt": "{{FrontSide}}<hr id=answer><div class=answer>{{Answer}}</div>"
                "<p>{{Explanation}}</p><p class=sources>{{Sources}}</p>",
            }
        ],
        css=CSS,
        sort_field_index=5,
    )
    # Recall and cloze: Anki's type-in-the-answer, which compares what was typed.
    typed = genanki.Model(
        TYPED_MODEL_ID,
        "track2 typed answer",
        fields=[{"name": n} for n in ("Prompt", "Answer", "Explanation", "Sources", "Id")],
        templates=[
            {
                "name": "Typed answer",
                "qfmt": "<div class=prompt>{{Prompt}}</div>{{type:Answer}}",
                "afmt": "<div class=prompt>{{Prompt}}</div><hr id=answer>{{type:Answer}}"
                "<p>{{Explanation}}</p><p class=sources>{{Sources}}</p>",
            }
        ],
        css=CSS,
        sort_field_index=4,
    )
    decks: dict[str, genanki.Deck] = {}
    for question in questions:
        page = question.about[0]
        title = _page_title(page, library)
        # Anki reads "::" as a deck level: a title's own must not make sub-decks.
        name = f"{DECK_ROOT}::{title.replace('::', ': ')}"
        deck = decks.setdefault(name, genanki.Deck(stable_id(name), name))
        about = [
            html.escape(text_of(question.explanation, library)),
            html.escape(question_sources(question, library)),
            question.id,
        ]
        prompt = html.escape(unmarked(question.prompt))
        if style_of(question).name == "typed":
            model, fields = typed, [prompt, html.escape(typed_answer(question)), *about]
        else:
            answers = [_html_list(choice_lines(question)), _html_list(answer_lines(question))]
            model, fields = chosen, [prompt, *answers, *about]
        tags = [*question.about, f"kind::{question.kind}"]
        deck.add_note(
            genanki.Note(
                model=model, fields=fields, tags=tags, guid=genanki.guid_for("track2", question.id)
            )
        )
    # genanki builds the collection in a temporary file it never removes: give it a
    # folder of its own, removed afterwards, errors included.
    import tempfile

    with tempfile.TemporaryDirectory(prefix="track2-anki-") as scratch:
        default, tempfile.tempdir = tempfile.tempdir, scratch
        try:
            genanki.Package(list(decks.values())).write_to_file(str(path))
        finally:
            tempfile.tempdir = default
    return len(decks)


def _page_title(page: str, library: Library) -> str:
    item = library.topics.get(page) or library.principles.get(page) or library.cases.get(page)
    return item.title if item is not None else page


def write(job: Export) -> str:
    """Write the package; what was written, for the user."""
    decks: list[int] = []
    replace_atomically(
        job.output,
        lambda path: decks.append(write_package(job.library, job.questions, path)),
        force=job.force,
    )
    return f"{counted(len(job.questions), 'question')} in {counted(decks[0], 'deck')}"
