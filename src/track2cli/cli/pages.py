"""Reading commands: explain, case and cite."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from track2cli.biblio import cite
from track2cli.cli.common import (
    ForceOption,
    JsonOption,
    any_page_names,
    case_names,
    completer,
    examples,
    library_for,
    page_names,
    reference_keys,
    show,
    show_json,
)
from track2cli.cli.registry import app
from track2cli.library import messages
from track2cli.library.errors import Track2Error
from track2cli.library.model import (
    Case,
    Library,
    Person,
    Principle,
    Reference,
    Term,
    Topic,
    jsonable,
    normalize,
    term_id,
)
from track2cli.pages import document, layout, plain


def reference_json(ref: Reference) -> dict[str, Any]:
    """A reference for scripts, written field by field so that the public form cannot
    drift with the model: its CSL-JSON record (CSL's names), the APA entry, and what the
    fact check found."""
    from track2cli.biblio.formats import csl_item

    record = csl_item(ref)
    del record["note"]  # CSL's note folds the three fields below into one line
    return {
        "key": ref.key,
        "apa": cite.apa(ref),
        **record,
        "status": ref.status,
        "seen": ref.seen,
        "note": ref.note,
        "in-source-article": ref.in_source_article,
        "use-instead": list(ref.use_instead),
    }


def sources_json(item: Topic | Principle | Case, library: Library) -> list[dict[str, Any]]:
    """The references a page cites, in APA order."""
    refs = cite.sorted_references(library.references[k] for k in library.sources_of(item))
    return [reference_json(ref) for ref in refs]


def page_json(item: Topic | Principle | Case, library: Library) -> dict[str, Any]:
    """A topic, principle or case page for scripts: its fields and its sources."""
    document: dict[str, Any] = {"kind": library.kind_of(item.id), **jsonable(item)}
    if isinstance(item, Principle):
        document["cases"] = [{"id": c.id, "how": link.how} for c, link in library.links_to(item.id)]
    elif isinstance(item, Topic):
        document["principles"] = [jsonable(library.principles[p]) for p in item.principles]
    return {**document, "sources": sources_json(item, library)}


@app.command(
    short_help="Read a topic, a principle, a term or a person.",
    epilog=examples(
        "track2 explain",
        "track2 explain principles",
        "track2 explain ahmed-qurei",
        "track2 explain tracks --json",
    ),
)
def explain(
    topic: Annotated[
        str | None,
        typer.Argument(
            help="A topic, principle, glossary term or person; none for the list.",
            autocompletion=completer(page_names),
        ),
    ] = None,
    *,
    as_json: JsonOption = False,
) -> None:
    """Explain a topic, a principle, a glossary term or a person, with author-year
    citations and sources."""
    library = library_for(questions=False)
    if topic is None:
        if as_json:
            show_json(
                [
                    {"id": t.id, "title": t.title, "summary": t.summary}
                    for t in library.topics.values()
                ]
            )
        else:
            show(layout.topic_index(library))
        return
    entry = entry_named(library, topic)
    if entry is not None:
        page_of, found = entry
        if as_json:
            show_json({"kind": type(found).__name__.lower(), "page": page_of.id, **found._asdict()})
        else:
            show(layout.entry_page(found, page_of, library))
        return
    item = library.find_page(topic)
    if as_json:
        show_json(page_json(item, library))
    elif isinstance(item, Principle):
        show(layout.principle_page(item, library), long=True)
    else:
        show(layout.topic_page(item, library), long=True)


@app.command(
    epilog=examples("track2 case", "track2 case oslo", 'track2 case "Oslo Accords" --json')
)
def case(
    name: Annotated[
        str | None,
        typer.Argument(
            help="A case id or alias; none for the list.", autocompletion=completer(case_names)
        ),
    ] = None,
    *,
    as_json: JsonOption = False,
) -> None:
    """Read a case study, linked to the principles it shows."""
    library = library_for(questions=False)
    if name is None:
        if as_json:
            show_json(
                [
                    {"id": c.id, "title": c.title, "period": c.period, "summary": c.summary}
                    for c in library.cases.values()
                ]
            )
        else:
            show(layout.case_index(library))
        return
    found = library.find_case(name)
    if as_json:
        show_json(page_json(found, library))
    else:
        show(layout.case_page(found, library), long=True)


class Format(StrEnum):
    """The formats `cite` writes."""

    @property
    def is_text(self) -> bool:
        """A style for reading (APA, MLA, Chicago) rather than for a reference manager."""
        return self.value in ("apa", "mla", "chicago")

    apa = "apa"
    mla = "mla"
    chicago = "chicago"
    bibtex = "bibtex"
    ris = "ris"
    csl_json = "csl-json"


def select_references(
    library: Library, keys: list[str] | None, for_page: str | None, article: bool
) -> list[Reference]:
    """The references asked for: by key, by the page that cites them, or the article's."""
    refs = (
        [library.find_reference(key) for key in keys] if keys else list(library.references.values())
    )
    if for_page is not None:
        item = library.find_item(for_page)
        cited = set(library.sources_of(item))
        refs = [ref for ref in refs if ref.key in cited]
    if article:
        refs = [ref for ref in refs if ref.in_source_article]
    return refs


def formatted(
    refs: list[Reference], library: Library, style: Format, with_status: bool = True
) -> str:
    """The references in a machine format, or a text style as plain text."""
    from track2cli.biblio import formats

    if style is Format.bibtex:
        return formats.to_bibtex(refs)
    if style is Format.ris:
        return formats.to_ris(refs)
    if style is Format.csl_json:
        return formats.to_csl_json(refs)
    return plain.to_plain(layout.bibliography(refs, library, style.value, with_status))


def entry_named(library: Library, name: str) -> tuple[Topic, Term | Person] | None:
    """The glossary term or person a typed name means, when it names no topic or principle."""
    wanted = normalize(name)
    if wanted in library.topics or wanted in library.principles:
        return None
    entries = library.entries()
    key = term_id(name)
    if key not in entries:  # "Track 1.5" for "Track 1.5 diplomacy": a unique beginning
        starting = [k for k in entries if k.startswith(f"{key}-")]
        key = starting[0] if len(starting) == 1 else key
    return entries.get(wanted) or entries.get(key)


@app.command(
    name="cite",
    short_help="The bibliography: APA, MLA, Chicago, BibTeX, RIS, JSON.",
    epilog=examples(
        "track2 cite",
        "track2 cite --format mla --for oslo",
        "track2 cite --format bibtex -o track2.bib",
        "track2 cite --inline waage2005 pruitt1997",
        "track2 cite --no-status -o references.txt",
    ),
)
def cite_command(
    keys: Annotated[
        list[str] | None,
        typer.Argument(
            help="Citation keys; none for all.", autocompletion=completer(reference_keys)
        ),
    ] = None,
    *,
    chosen_style: Annotated[
        Format | None,
        typer.Option(
            "--format", "-f", help="A text style or a reference-manager format. [default: apa]"
        ),
    ] = None,
    for_page: Annotated[
        str | None,
        typer.Option(
            "--for",
            help="Only what this topic, principle or case cites.",
            autocompletion=completer(any_page_names),
        ),
    ] = None,
    article: Annotated[
        bool, typer.Option("--article", help="Only the seven references of the source article.")
    ] = False,
    inline: Annotated[
        bool,
        typer.Option(
            "--inline",
            help="The in-text form: (Fisher, 1997); keys given together make one citation.",
        ),
    ] = False,
    no_status: Annotated[
        bool,
        typer.Option(
            "--no-status",
            help="Text styles: the entries alone, without status, seen and key lines.",
        ),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file; - for standard output."),
    ] = None,
    force: ForceOption = False,
    as_json: JsonOption = False,
) -> None:
    """The bibliography in APA, MLA or Chicago, or for BibTeX, RIS and CSL-JSON.

    Every entry carries what the fact check found about it.
    """
    style = chosen_style or Format.apa
    if inline and not style.is_text:
        raise typer.BadParameter(messages.INLINE_NEEDS_TEXT_STYLE, param_hint="--format")
    # --json is one document on stdout and nothing else: it takes no other form of output.
    clashes = [("--inline", inline), ("--output", output is not None), ("--format", chosen_style)]
    for option, given in clashes:
        if as_json and given:
            raise typer.BadParameter(
                messages.JSON_EXCLUDES.format(option=option), param_hint="--json"
            )
    library = library_for(questions=False)
    refs = select_references(library, keys, for_page, article)
    if not refs:
        raise Track2Error(messages.NO_REFERENCES_MATCH)
    if inline:
        everything = list(library.references.values())
        from track2cli.biblio.styles import inline as in_text

        if keys:  # cited together: one citation, in reference-list order as APA asks
            together = [in_text(r, style.value, everything) for r in cite.sorted_references(refs)]
            lines = ["(" + "; ".join(line[1:-1] for line in together) + ")"]
        else:
            lines = [in_text(ref, style.value, everything) for ref in refs]
        typer.echo("\n".join(lines))
    elif as_json:
        show_json([reference_json(ref) for ref in cite.sorted_references(refs)])
    elif output is not None and str(output) == "-":
        sys.stdout.write(formatted(refs, library, style, not no_status))
    elif output is not None:
        from track2cli.library.files import write_atomically

        write_atomically(output, formatted(refs, library, style, not no_status), force=force)
        what = f"{document.counted(len(refs), 'reference')} ({style.value})"
        typer.echo(messages.WROTE.format(what=what, path=output), err=True)
    elif style.is_text:
        show(layout.bibliography(refs, library, style.value, not no_status), long=True)
    else:
        sys.stdout.write(formatted(refs, library, style))
