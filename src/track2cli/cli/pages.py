"""Reading commands: explain, case and cite."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from track2cli.biblio import cite
from track2cli.cli.common import (
    JsonOption,
    case_names,
    completer,
    examples,
    library_for,
    page_names,
    show,
    show_json,
)
from track2cli.cli.registry import app
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
from track2cli.pages import layout


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
