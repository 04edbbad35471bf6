"""A Markdown study guide: topics, cases, questions, answers and references, for pandoc."""

from __future__ import annotations

from collections.abc import Sequence

from track2cli.biblio.styles import bibliography
from track2cli.exports import Export
from track2cli.exports.questions import answer_lines, choice_lines, question_sources
from track2cli.library.files import write_atomically
from track2cli.library.model import Case, Library, Question, Topic, cited_keys
from track2cli.pages.document import Block, Page, counted
from track2cli.pages.layout import case_blocks, reference_blocks, topic_blocks
from track2cli.pages.markdown import escape, inline, to_markdown
from track2cli.pages.markup import spans

GUIDE_TITLE = "Track II diplomacy: a study guide"
BIBLIOGRAPHY = "track2.json"


def study_guide(
    library: Library, pages: set[str] | None, questions: Sequence[Question], *, resolved: bool
) -> str:
    """Topics and cases in order, the principles table, questions, answers, references.

    Topics and cases are the same pages `explain` and `case` show, in Markdown; unless
    resolved, citations stay as [@key] for pandoc.
    """

    def keep(page: str) -> bool:
        return pages is None or page in pages

    refs = library.references if resolved else None

    def md(text: str) -> str:
        return inline(spans(text, refs))

    topics = [
        t for t in library.topics.values() if keep(t.id) or any(keep(p) for p in t.principles)
    ]
    cases = [c for c in library.cases.values() if keep(c.id)]
    # Pandoc's metadata: the title (pandoc -s wants one), the language, and where
    # --citeproc finds the bibliography that the command below writes.
    out = ["---", f'title: "{GUIDE_TITLE}"', "lang: en"]
    out += [] if resolved else [f"bibliography: {BIBLIOGRAPHY}"]
    out += ["---", ""]
    if not resolved:
        out += [
            "Citations are in Pandoc's `[@key]` form. To render them:",
            "",
            f"    track2 cite --format csl-json -o {BIBLIOGRAPHY}",
            "    pandoc -s --citeproc study-guide.md -o study-guide.html",
            "",
        ]
    if topics:
        out += ["## Topics", ""]
    for topic in topics:
        blocks = topic_blocks(topic, library, pandoc=not resolved, with_table=False)
        out += [to_markdown(Page(blocks), shift=2)]
    if cases:
        principles = list(library.principles.values())
        out += ["## Principles by case", ""]
        out.append("| Case | " + " | ".join(escape(p.title) for p in principles) + " |")
        out.append("|---|" + "---|" * len(principles))
        for case in cases:
            shown = {link.principle for link in case.principles}
            marks = ["yes" if p.id in shown else "" for p in principles]
            out.append(f"| {escape(case.title)} | " + " | ".join(marks) + " |")
        out += ["", "## Cases", ""]
    for case in cases:
        out += [to_markdown(Page(case_blocks(case, library, pandoc=not resolved)), shift=2)]
    if questions:
        out += ["## Questions", "", "Answers follow in the next section.", ""]
        for number, question in enumerate(questions, start=1):
            out += [f"{number}. {md(question.prompt)} ({question.kind})", ""]
            letters = "abcdefghij"
            out += [
                f"    {letters[i]}) {md(line)}" for i, line in enumerate(choice_lines(question))
            ]
            out.append("")
        out += ["## Answers", ""]
        for number, question in enumerate(questions, start=1):
            answer = "; ".join(md(line) for line in answer_lines(question))
            cites = "; ".join(f"@{key}" for key in question.cites)
            sources = (
                escape(question_sources(question, library))
                if resolved
                else (f"[{cites}]" if cites else "")
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
    blocks: list[Block] = []
    for entry in bibliography(refs, "apa"):
        blocks += reference_blocks(
            entry.reference, library, with_status=False, segments=entry.segments
        )
    return ["## References", "", to_markdown(Page(blocks))]


def write(job: Export) -> str:
    """Write the guide; what was written, for the user."""
    guide = study_guide(job.library, job.pages, job.questions, resolved=job.resolved)
    write_atomically(job.output, guide, force=job.force)
    return f"a study guide with {counted(len(job.questions), 'question')}"
