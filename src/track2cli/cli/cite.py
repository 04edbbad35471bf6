"""The cite command: the bibliography in a text style or a reference-manager format, the
in-text form, and the CSL style files for pandoc."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from track2cli.biblio import cite
from track2cli.cli.common import (
    ForceOption,
    JsonOption,
    any_page_names,
    completer,
    examples,
    library_for,
    reference_keys,
    show,
    show_json,
)
from track2cli.cli.registry import app
from track2cli.library import messages
from track2cli.library.errors import Track2Error
from track2cli.library.model import Library, Reference
from track2cli.pages import document, layout, plain


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


class Markup(StrEnum):
    """How a text style is written out: plain text, or with its italics kept."""

    text = "text"
    markdown = "markdown"
    html = "html"


# A file's extension says the markup when --output-format does not, as pandoc's does.
MARKUP_OF_SUFFIX = {".md": Markup.markdown, ".html": Markup.html, ".htm": Markup.html}


class CslStyle(StrEnum):
    """The official CSL styles shipped for pandoc."""

    apa = "apa"
    mla = "mla"
    chicago = "chicago"


CSL_FILES = {
    CslStyle.apa: "apa.csl",
    CslStyle.mla: "modern-language-association.csl",
    CslStyle.chicago: "chicago-author-date-17th-edition.csl",
}


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
    refs: list[Reference],
    library: Library,
    style: Format,
    with_status: bool = True,
    markup: Markup = Markup.text,
) -> str:
    """The references in a machine format, or a text style as text, Markdown or HTML."""
    from track2cli.biblio import formats

    if style is Format.bibtex:
        return formats.to_bibtex(refs)
    if style is Format.ris:
        return formats.to_ris(refs)
    if style is Format.csl_json:
        return formats.to_csl_json(refs)
    page = layout.bibliography(refs, library, style.value, with_status)
    if markup is Markup.markdown:
        from track2cli.pages.markdown import to_markdown

        return to_markdown(page)
    if markup is Markup.html:
        from track2cli.pages.html import to_html

        return to_html(page)
    return plain.to_plain(page)


def csl_style_text(style: CslStyle) -> str:
    """The shipped CSL file of a style, as pandoc's --csl reads it."""
    from importlib.resources import files

    return files("track2cli.biblio").joinpath("csl", CSL_FILES[style]).read_text("utf-8")


def write_out(text: str, output: Path | None, what: str, *, force: bool) -> None:
    """Text to a file (atomically, saying so on stderr) or, for none or -, to stdout."""
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        return
    from track2cli.library.files import write_atomically

    write_atomically(output, text, force=force)
    typer.echo(messages.WROTE.format(what=what, path=output), err=True)


@app.command(
    name="cite",
    short_help="The bibliography: APA, MLA, Chicago, BibTeX, RIS, JSON.",
    epilog=examples(
        "track2 cite",
        "track2 cite --format mla --for oslo",
        "track2 cite --format bibtex -o track2.bib",
        "track2 cite --inline waage2005 pruitt1997",
        "track2 cite --no-status -o references.html",
        "track2 cite --csl-style apa -o apa.csl",
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
    chosen_markup: Annotated[
        Markup | None,
        typer.Option(
            "--output-format",
            help="Text styles: plain text, or Markdown or HTML with italics kept. "
            "[default: from the -o file's extension, else text]",
        ),
    ] = None,
    csl_style: Annotated[
        CslStyle | None,
        typer.Option(
            "--csl-style",
            help="Write this style's official CSL file instead, for pandoc's --csl.",
        ),
    ] = None,
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
    if chosen_markup is not None and not style.is_text:
        raise typer.BadParameter(messages.MARKUP_NEEDS_TEXT_STYLE, param_hint="--format")
    # --json is one document on stdout and nothing else: it takes no other form of output.
    clashes = [
        ("--inline", inline),
        ("--output", output is not None),
        ("--format", chosen_style),
        ("--output-format", chosen_markup),
        ("--csl-style", csl_style),
    ]
    for option, given in clashes:
        if as_json and given:
            raise typer.BadParameter(
                messages.JSON_EXCLUDES.format(option=option), param_hint="--json"
            )
    if csl_style is not None:
        # The style file stands alone: nothing else given may shape it.
        if keys or chosen_style or for_page or article or inline or no_status or chosen_markup:
            raise typer.BadParameter(messages.CSL_STYLE_ALONE, param_hint="--csl-style")
        write_out(
            csl_style_text(csl_style), output, f"the {csl_style.value} CSL style", force=force
        )
        return
    # The bibliography needs only the references; --for needs the page that cites them.
    library = library_for(questions=False, parts=None if for_page else ["references"])
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
        from track2cli.cli.pages import reference_json

        show_json([reference_json(ref) for ref in cite.sorted_references(refs)])
    elif output is not None or chosen_markup is not None or not style.is_text:
        suffix = output.suffix.lower() if output is not None else ""
        markup = chosen_markup or MARKUP_OF_SUFFIX.get(suffix, Markup.text)
        text = formatted(refs, library, style, not no_status, markup)
        what = f"{document.counted(len(refs), 'reference')} ({style.value})"
        write_out(text, output, what, force=force)
    else:
        show(layout.bibliography(refs, library, style.value, not no_status), long=True)
