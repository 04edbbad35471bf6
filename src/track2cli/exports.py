"""Exports for flashcards and classrooms: Anki (genanki), Moodle GIFT, a Markdown guide.

All three carry every question's explanation and sources. Pure functions of the
library, except that the Anki package is written by genanki to a path.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from track2cli import __version__, cite, quiz
from track2cli.model import TRACKS, Case, Cite, Library, Question, Topic, cited_keys
from track2cli.render import plain_text, unmarked
from track2cli.styles import bibliography

# Stable ids: re-importing an updated export updates the cards instead of adding new ones.
ANKI_MODEL_ID = 1_738_204_112
DECK_ROOT = "Track II diplomacy"


def selected_questions(library: Library, pages: set[str] | None) -> list[Question]:
    """The questions about the chosen pages (all when none are chosen), by id."""
    return quiz.matching(library.questions.values(), about=pages)


def text_of(text: str, library: Library) -> str:
    """Prose with citations as author-year and without emphasis marks."""
    return plain_text(text, library.references)


def question_sources(question: Question, library: Library) -> str:
    """A question's sources, author-year."""
    return cite.parenthetical([Cite(key) for key in question.cites], library.references)


def answer_lines(question: Question) -> list[str]:
    """The right answer in words."""
    if question.kind == "truefalse":
        return ["True" if question.answer else "False"]
    if question.kind in ("choice", "multi"):
        return [o.text for o in question.options if o.correct]
    if question.kind == "match":
        return [f"{p.item} \u2192 {p.match}" for p in question.pairs]
    return [f"{n}. {item}" for n, item in enumerate(question.items, start=1)]


def choice_lines(question: Question) -> list[str]:
    """What the student chooses from, in alphabetical order.

    The file's order would give answers away: the right option often comes first, and
    an order question's items are listed in the right order.
    """
    if question.kind == "truefalse":
        return ["True", "False"]
    if question.kind in ("choice", "multi"):
        return sorted((o.text for o in question.options), key=str.lower)
    if question.kind == "match":
        matches = sorted((p.match for p in question.pairs), key=str.lower)
        return [p.item for p in question.pairs] + ["Matches: " + "; ".join(matches)]
    return sorted(question.items, key=str.lower)


# Anki.


def stable_id(name: str) -> int:
    """A deck id from its name: the same name always gives the same id."""
    return int(hashlib.sha1(f"track2-deck:{name}".encode()).hexdigest()[:8], 16) | 1 << 31


def _html_list(items: Iterable[str]) -> str:
    return "<ol>" + "".join(f"<li>{html.escape(unmarked(item))}</li>" for item in items) + "</ol>"


def write_anki(library: Library, questions: Sequence[Question], path: Path) -> int:
    """Write an .apkg: a deck per page under one parent; returns how many decks."""
    import genanki  # only `export anki` pays for it

    model = genanki.Model(
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
        css=".card { font-family: sans-serif; } .sources { color: #666; font-size: 0.9em; }",
        sort_field_index=5,
    )
    decks: dict[str, genanki.Deck] = {}
    for question in questions:
        page = question.about[0]
        title = _page_title(page, library)
        name = f"{DECK_ROOT}::{title}"
        deck = decks.setdefault(name, genanki.Deck(stable_id(name), name))
        fields = [
            html.escape(unmarked(question.prompt)),
            _html_list(choice_lines(question)),
            _html_list(answer_lines(question)),
            html.escape(text_of(question.explanation, library)),
            html.escape(question_sources(question, library)),
            question.id,
        ]
        tags = [*question.about, f"kind::{question.kind}"]
        deck.add_note(
            genanki.Note(
                model=model, fields=fields, tags=tags, guid=genanki.guid_for("track2", question.id)
            )
        )
    genanki.Package(list(decks.values())).write_to_file(str(path))
    return len(decks)


def _page_title(page: str, library: Library) -> str:
    item = library.topics.get(page) or library.principles.get(page) or library.cases.get(page)
    return item.title if item is not None else page


# GIFT (Moodle).

GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")


def gift_escape(text: str) -> str:
    """Text safe inside GIFT: special characters escaped, one line."""
    return GIFT_SPECIAL.sub(r"\\\1", " ".join(unmarked(text).split()))


def _weight(share: float) -> str:
    return f"{share:.5f}".rstrip("0").rstrip(".")


def gift_question(question: Question, library: Library) -> str:
    """One question in GIFT, with feedback on each option and general feedback."""
    e = gift_escape
    explanation = e(text_of(question.explanation, library))
    general = f"####{explanation} Sources: {e(question_sources(question, library))}"
    head = f"::{e(question.id)}::{e(question.prompt)}"
    if question.kind == "truefalse":
        # {T#feedback when wrong#feedback when right}
        verdict = "TRUE" if question.answer else "FALSE"
        return f"{head} {{{verdict}{general}}}"
    if question.kind in ("choice", "multi"):
        right = [o for o in question.options if o.correct]
        wrong = [o for o in question.options if not o.correct]
        lines = []
        for option in question.options:
            feedback = f"#{e(text_of(option.why, library))}" if option.why else ""
            if question.kind == "choice":
                mark = "=" if option.correct else "~"
            else:
                share = 100 / len(right) if option.correct else -100 / len(wrong)
                mark = f"~%{_weight(share)}%"
            lines.append(f"\t{mark}{e(option.text)}{feedback}")
        return head + " {\n" + "\n".join(lines) + f"\n\t{general}\n}}"
    if question.kind == "match":
        pairs = [(p.item, p.match) for p in question.pairs]
    else:
        # GIFT has no ordering question: each item is matched to its place in the order.
        pairs = [(item, str(n)) for n, item in enumerate(question.items, start=1)]
        head += " (Match each to its place in the order.)"
    lines = [f"\t={e(item)} -> {e(match)}" for item, match in pairs]
    return head + " {\n" + "\n".join(lines) + f"\n\t{general}\n}}"


def gift(library: Library, questions: Sequence[Question]) -> str:
    """A GIFT file: a category per page (the first a question is about)."""
    out = [f"// track2 {__version__}: Track II diplomacy questions for Moodle (GIFT format)", ""]
    category = None
    for question in sorted(questions, key=lambda q: (q.about[0], q.id)):
        if question.about[0] != category:
            category = question.about[0]
            out += [f"$CATEGORY: track2/{category}", ""]
        out += [gift_question(question, library), ""]
    return "\n".join(out)


# Markdown study guide.


def _prose(text: str, library: Library, resolved: bool) -> str:
    if not resolved:
        return text.strip()
    return "\n\n".join(text_of(chunk, library) for chunk in re.split(r"\n\s*\n", text.strip()))


def study_guide(
    library: Library, pages: set[str] | None, questions: Sequence[Question], *, resolved: bool
) -> str:
    """Topics and cases in order, the principles table, questions, answers, references."""

    def keep(page: str) -> bool:
        return pages is None or page in pages

    def md(text: str) -> str:
        return _prose(text, library, resolved)

    topics = [
        t for t in library.topics.values() if keep(t.id) or any(keep(p) for p in t.principles)
    ]
    cases = [c for c in library.cases.values() if keep(c.id)]
    out = ["# Track II diplomacy: a study guide", ""]
    if not resolved:
        out += [
            "Citations are in Pandoc's `[@key]` form. To render them:",
            "",
            "    track2 cite --format csl-json -o track2.json",
            "    pandoc --citeproc --bibliography track2.json study-guide.md -o study-guide.html",
            "",
        ]
    if topics:
        out += ["## Topics", ""]
    for topic in topics:
        out += [f"### {topic.title}", "", f"*{topic.summary}*", "", md(topic.body), ""]
        for section in topic.sections:
            out += [f"#### {section.heading}", "", md(section.body), ""]
        for principle_id in topic.principles:
            principle = library.principles[principle_id]
            out += [f"#### {principle.title}", "", md(principle.body), ""]
        for term in topic.terms:
            out += [f"**{term.term}.** {md(term.definition)}", ""]
        for person in topic.people:
            out += [f"#### {person.name}", "", f"*{person.known_for}*", "", md(person.body), ""]
    if cases:
        principles = list(library.principles.values())
        out += ["## Principles by case", ""]
        out.append("| Case | " + " | ".join(p.title for p in principles) + " |")
        out.append("|---|" + "---|" * len(principles))
        for case in cases:
            shown = {link.principle for link in case.principles}
            marks = ["yes" if p.id in shown else "" for p in principles]
            out.append(f"| {case.title} | " + " | ".join(marks) + " |")
        out += ["", "## Cases", ""]
    for case in cases:
        out += [f"### {case.title} ({case.period})", "", f"*{case.summary}*", ""]
        if case.track:
            out += [f"#### What kind of channel: {TRACKS[case.track]}", ""]
            out += [md(case.classification), ""]
        out += [
            "#### Background",
            "",
            md(case.background),
            "",
            "#### Who took part",
            "",
            md(case.participants),
            "",
        ]
        if case.third_party:
            out += ["#### The third party", "", md(case.third_party), ""]
        out += (
            ["#### What happened", ""]
            + [f"- **{s.date}**: {md(s.event)}" for s in case.timeline]
            + [""]
        )
        if case.official_talks:
            out += ["#### The link to official talks", "", md(case.official_talks), ""]
        out += ["#### Principles it shows", ""]
        out += [
            f"- **{library.principles[link.principle].title}**: {md(link.how)}"
            for link in case.principles
        ]
        out += ["", "#### Limits and criticism", "", md(case.limits), ""]
    if questions:
        out += ["## Questions", "", "Answers follow in the next section.", ""]
        for number, question in enumerate(questions, start=1):
            out += [f"{number}. {unmarked(question.prompt)} ({question.kind})", ""]
            letters = "abcdefghij"
            out += [
                f"    {letters[i]}) {unmarked(line)}"
                for i, line in enumerate(choice_lines(question))
            ]
            out.append("")
        out += ["## Answers", ""]
        for number, question in enumerate(questions, start=1):
            answer = "; ".join(unmarked(line) for line in answer_lines(question))
            cites = "; ".join(f"@{key}" for key in question.cites)
            sources = (
                question_sources(question, library) if resolved else (f"[{cites}]" if cites else "")
            )
            out += [f"{number}. **{answer}.** {md(question.explanation)} Sources: {sources}", ""]
    out += _references(library, topics, cases, questions, resolved)
    return "\n".join(out).rstrip() + "\n"


def _references(
    library: Library,
    topics: Sequence[Topic],
    cases: Sequence[Case],
    questions: Sequence[Question],
    resolved: bool,
) -> list[str]:
    if not resolved:
        # Pandoc puts the reference list here.
        return ["## References", "", "::: {#refs}", ":::", ""]
    keys: set[str] = set()
    for topic in topics:
        keys.update(library.sources_of(topic))
    for case in cases:
        keys.update(library.sources_of(case))
    for question in questions:
        keys.update(question.cites)
        keys.update(cited_keys(question.explanation))
    refs = [library.references[k] for k in keys if k in library.references]
    out = ["## References", ""]
    for entry in bibliography(refs, "apa"):
        text = "".join(f"*{t}*" if italic else t for t, italic in entry.segments)
        ref = entry.reference
        note = (
            ""
            if ref.status == "confirmed"
            else f" *({cite.STATUS_LABELS[ref.status]}: {ref.note})*"
        )
        out += [f"- {text}{note}", ""]
    return out
