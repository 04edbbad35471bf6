"""Reading commands: explain, case and cite."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

import typer

from track2cli import cite, render
from track2cli.cli.app import JsonOption, app, reporting, show, show_json
from track2cli.loader import load_library
from track2cli.model import Case, Library, Principle, Reference, Topic


def reference_json(ref: Reference) -> dict[str, Any]:
    """A reference for scripts: its fields, the APA entry and what is known about it."""
    return {"key": ref.key, "apa": cite.apa(ref), **asdict(ref)}


def sources_json(item: Topic | Principle | Case, library: Library) -> list[dict[str, Any]]:
    """The references a page cites, in APA order."""
    refs = cite.sorted_references(library.references[k] for k in library.sources_of(item))
    return [reference_json(ref) for ref in refs]


def page_json(item: Topic | Principle | Case, library: Library) -> dict[str, Any]:
    """A topic, principle or case page for scripts: its fields and its sources."""
    document: dict[str, Any] = {"kind": library.kind_of(item.id), **asdict(item)}
    if isinstance(item, Principle):
        document["cases"] = [{"id": c.id, "how": link.how} for c, link in library.links_to(item.id)]
    elif isinstance(item, Topic):
        document["principles"] = [asdict(library.principles[p]) for p in item.principles]
    return {**document, "sources": sources_json(item, library)}


@app.command()
def explain(
    topic: Annotated[
        str | None, typer.Argument(help="A topic or principle; none for the list.")
    ] = None,
    *,
    as_json: JsonOption = False,
) -> None:
    """Explain a topic or principle, with author-year citations and sources."""
    with reporting():
        library = load_library(questions=False)
        if topic is None:
            if as_json:
                show_json(
                    [
                        {"id": t.id, "title": t.title, "summary": t.summary}
                        for t in library.topics.values()
                    ]
                )
            else:
                show(render.topic_index(library))
            return
        item = library.find_page(topic)
        if as_json:
            show_json(page_json(item, library))
        elif isinstance(item, Principle):
            show(render.principle_page(item, library))
        else:
            show(render.topic_page(item, library))


@app.command()
def case(
    name: Annotated[
        str | None, typer.Argument(help="A case id or alias; none for the list.")
    ] = None,
    *,
    as_json: JsonOption = False,
) -> None:
    """Read a case study, linked to the principles it shows."""
    with reporting():
        library = load_library(questions=False)
        if name is None:
            if as_json:
                show_json(
                    [
                        {"id": c.id, "title": c.title, "period": c.period, "summary": c.summary}
                        for c in library.cases.values()
                    ]
                )
            else:
                show(render.case_index(library))
            return
        found = library.find_case(name)
        if as_json:
            show_json(page_json(found, library))
        else:
            show(render.case_page(found, library))


@app.command(name="cite")
def cite_command(
    keys: Annotated[list[str] | None, typer.Argument(help="Citation keys; none for all.")] = None,
    *,
    as_json: JsonOption = False,
) -> None:
    """Print the bibliography in APA 7th edition, each entry with what is known about it."""
    with reporting():
        library = load_library(questions=False)
        refs = (
            [library.find_reference(key) for key in keys]
            if keys
            else list(library.references.values())
        )
        if as_json:
            show_json([reference_json(ref) for ref in cite.sorted_references(refs)])
        else:
            show(render.bibliography(refs, library))
