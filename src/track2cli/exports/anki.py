"""Anki: an .apkg package (written by genanki), a deck per page under one parent deck."""

from __future__ import annotations

import hashlib
import html
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

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
            linear_package(list(decks.values())).write_to_file(str(path))
        finally:
            tempfile.tempdir = default
    return len(decks)


def linear_package(decks: list[Any]) -> Any:
    """A genanki Package that writes the collection's decks and models once for all decks.

    genanki (0.13) rereads and rewrites both JSON documents for every deck, so a bank
    with a deck per page costs time that grows with the square of its pages: 76 s at
    20,000 questions. This writes the same collection, with the same ids, in one pass.
    """
    import json

    import genanki
    from genanki.apkg_col import APKG_COL
    from genanki.apkg_schema import APKG_SCHEMA

    class LinearPackage(genanki.Package):  # type: ignore[misc]
        def write_to_db(self, cursor: Any, timestamp: float, id_gen: Any) -> None:
            cursor.executescript(APKG_SCHEMA)
            cursor.executescript(APKG_COL)
            decks_json = json.loads(cursor.execute("SELECT decks FROM col").fetchone()[0])
            models_json = json.loads(cursor.execute("SELECT models FROM col").fetchone()[0])
            for deck in self.decks:  # as Deck.write_to_db does, once for all decks
                decks_json[str(deck.deck_id)] = deck.to_json()
                for note in deck.notes:
                    deck.add_model(note.model)
                for model in deck.models.values():
                    models_json[model.model_id] = model.to_json(timestamp, deck.deck_id)
            cursor.execute(
                "UPDATE col SET decks = ?, models = ?",
                (json.dumps(decks_json), json.dumps(models_json)),
            )
            for deck in self.decks:
                for note in deck.notes:
                    note.write_to_db(cursor, timestamp, deck.deck_id, id_gen)

    return LinearPackage(decks)


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
