"""The search command: ranked full-text search across all content."""

from __future__ import annotations

from typing import Annotated

import typer

from track2cli.cli.common import (
    JsonOption,
    content_key,
    examples,
    library_for,
    loaded,
    show,
    show_json,
)
from track2cli.cli.registry import app
from track2cli.library import messages
from track2cli.library.errors import Track2Error, did_you_mean
from track2cli.pages import document

# Far beyond what anyone types, and small enough that no query can take long.
MAX_QUERY_WORDS, MAX_QUERY_CHARS = 16, 200


@app.command(
    name="search",
    short_help="Search the pages, terms, people, questions and sources.",
    epilog=examples(
        'track2 search "back channel"', "track2 search 'negot*'", "track2 search kashmir --json"
    ),
)
def search_command(
    query: Annotated[list[str], typer.Argument(help='Words, "a phrase", or a prefix*.')],
    *,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, max=1000, help="At most this many.")
    ] = 10,
    as_json: JsonOption = False,
) -> None:
    """Search topics, principles, cases, terms, people, questions and references.

    Exits with 1 when nothing matches, like grep.
    """
    from track2cli.pages.search import Index, SearchTooSlow

    words = " ".join(query)
    if len(words) > MAX_QUERY_CHARS or len(words.split()) > MAX_QUERY_WORDS:
        raise typer.BadParameter(
            messages.QUERY_TOO_LONG.format(words=MAX_QUERY_WORDS, characters=MAX_QUERY_CHARS)
        )
    try:
        key = content_key()
        index = Index.kept(key) if key else None
        if index is None:  # not built yet for this content, or the content is not cached
            index = Index.of(library_for(), loaded["key"])
    except RuntimeError as error:
        raise Track2Error(str(error)) from None
    try:
        hits = index.search(words, limit)
    except SearchTooSlow:
        raise Track2Error(messages.SEARCH_TOO_SLOW) from None
    if not hits:
        correction = index.correction(words)
        hint = did_you_mean([correction] if correction else [])
        raise Track2Error(messages.NOTHING_MATCHES.format(words=words, suggestion=hint))
    if as_json:
        show_json(
            [
                {
                    "kind": h.kind,
                    "id": h.id,
                    "title": h.title,
                    "snippet": h.snippet_text,
                    "command": h.command,
                }
                for h in hits
            ]
        )
        return
    blocks: list[document.Block] = []
    for number, hit in enumerate(hits, start=1):
        label = hit.kind if hit.id == hit.title else f"{hit.kind} {hit.id}"
        heading = ((f"{number}. ", ""), (hit.title, "bold"), (f"  {label}", "dim"))
        blocks.append(document.Paragraph(heading))
        snippet = tuple((text, "match" if matched else "") for text, matched in hit.snippet)
        blocks.append(document.Paragraph(snippet, indent=3))
        blocks.append(document.Paragraph(((hit.command, "command"),), indent=3))
    show(document.Page(blocks))
