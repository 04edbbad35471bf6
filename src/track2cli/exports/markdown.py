"""A Markdown study guide: topics, cases, questions, answers and references, for pandoc."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from track2cli.biblio import cite
from track2cli.biblio.styles import bibliography
from track2cli.exports.questions import answer_lines, choice_lines, question_sources, text_of
from track2cli.library.files import write_atomically
from track2cli.library.model import TRACKS, Case, Library, Question, Topic, cited_keys
from track2cli.pages.document import counted
from track2cli.pages.markup import unmarked


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


def write(
    library: Library,
    questions: Sequence[Question],
    output: Path,
    *,
    force: bool,
    pages: set[str] | None = None,
    resolved: bool = False,
) -> str:
    """Write the guide to output; what was written, for the user."""
    write_atomically(output, study_guide(library, pages, questions, resolved=resolved), force=force)
    return f"a study guide with {counted(len(questions), 'question')}"
