"""The audit command: an essay's or a bibliography's references checked against the
record, offline, reported like a linter."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NamedTuple

import typer

from track2cli.cli.common import (
    JsonOption,
    examples,
    library_for,
    rich_console,
    show_json,
    use_rich,
)
from track2cli.cli.registry import app
from track2cli.library import messages
from track2cli.library.model import Library, suggest
from track2cli.pages.document import Span, counted

if TYPE_CHECKING:
    from track2cli.biblio.written import Document

# How each verdict looks on a terminal.
STYLES = {
    "matched": "right",
    "doubtful": "wrong",
    "mis-cited": "wrong",
    "cannot confirm": "warn",
    "unknown": "warn",
    "unknown key": "wrong",
    "not in the list": "wrong",
    "never cited": "warn",
}
HOW_TO_CHECK = (
    "not in track2's record, so it cannot be judged offline (which says nothing against it):"
    " look it up by its DOI at doi.org or in a library catalogue"
)


class Finding(NamedTuple):
    """One line of the report."""

    line: int
    verdict: str
    message: str
    key: str | None = None  # the record's reference it is about
    cited: str | None = None  # a citation with no entry: "Fisher (1997)"


def first_sentence(text: str) -> str:
    """A note's first sentence, for a one-line message."""
    return text.split(". ")[0].rstrip(".") + "."


def findings_for(path: Path, library: Library) -> list[Finding]:
    """Every finding about a file, in the order of its lines."""
    from track2cli.biblio import audit, cite, written

    document = written.read(path)
    refs = library.references
    found: list[Finding] = []
    for verdict in audit.audit(document.references, refs.values()):
        line = verdict.written.line
        if verdict.key is None:
            found.append(Finding(line, audit.UNKNOWN, HOW_TO_CHECK))
            continue
        ref = refs[verdict.key]
        who = f"{cite.narrative(ref)} [@{ref.key}]"
        message = {
            audit.MATCHED: f"{who} in the record",
            audit.DOUBTFUL: f"{who} is doubtful: {first_sentence(ref.note)}",
            audit.MISCITED: f"{who}, but " + "; ".join(verdict.details),
            audit.CANNOT_CONFIRM: f"{who}; the record cannot confirm " + "; ".join(verdict.details),
        }[verdict.verdict]
        better = audit.instead(ref, refs)
        if better:
            if ref.status != "doubtful":
                message += f". The record notes: {audit.what_it_is_about(ref)}"
            message += f" Cite instead: {better}."
        found.append(Finding(line, verdict.verdict, message, ref.key))
    for line, key in document.keys:
        if key not in refs:
            close = suggest(key, refs)
            hint = f" (did you mean {close[0]}?)" if close else ""
            found.append(Finding(line, "unknown key", f"no reference with the key '{key}'{hint}"))
    if document.references and document.citations:
        found += _cross_check(document)
    return sorted(found, key=lambda f: f.line)


def _cross_check(document: Document) -> list[Finding]:
    """Citations with no entry in the list, and entries never cited."""
    from track2cli.biblio.written import cited_in

    found = []
    for line, family, year in document.citations:
        if not any(cited_in(entry, family, year) for entry in document.references):
            cited = f"{family} ({year})"
            found.append(Finding(line, "not in the list", f"{cited} has no entry", cited=cited))
    for entry in document.references:
        if not any(cited_in(entry, family, year) for _, family, year in document.citations):
            found.append(Finding(entry.line, "never cited", "no citation in the text points here"))
    return found


def print_lines(lines: list[tuple[Span, ...]]) -> None:
    """Lines of styled spans: coloured on a terminal, plain text one a line otherwise."""
    import sys

    if not use_rich(sys.stdout):
        sys.stdout.write("".join("".join(t for t, _ in line) + "\n" for line in lines))
        return
    from rich.text import Text

    from track2cli.pages.terminal import STYLES as LOOKS

    console = rich_console(sys.stdout)
    for line in lines:
        console.print(Text.assemble(*((text, LOOKS[style]) for text, style in line)))


def to_replace(findings: list[Finding], library: Library) -> dict[str, str]:
    """Each doubtful or misapplied reference, author-year, with what to cite instead."""
    from track2cli.biblio import audit, cite

    refs = library.references
    found = {}
    for f in findings:
        if f.key is not None and refs[f.key].use_instead:
            found[cite.narrative(refs[f.key])] = audit.instead(refs[f.key], refs)
    return found


@app.command(
    name="audit",
    short_help="Check an essay's references against the record, offline.",
    epilog=examples(
        "track2 audit essay.md",
        "track2 audit refs.bib --json",
        "track2 audit reading-list.txt",
    ),
)
def audit_command(
    file: Annotated[
        Path,
        typer.Argument(help="An essay (Markdown or text) or references (.bib, .ris, .json)."),
    ],
    *,
    as_json: JsonOption = False,
) -> None:
    """Check every reference against track2's record: matched, doubtful, mis-cited,
    cannot confirm, or unknown (never called fake); in an essay, also citations with no
    entry and entries never cited. Exits with 1 when anything is flagged.
    """
    library = library_for(questions=False)
    findings = findings_for(file, library)
    counts = Counter(f.verdict for f in findings)
    replace = to_replace(findings, library)
    add = sorted(
        {f.message.split(" has no entry")[0] for f in findings if f.verdict == "not in the list"}
    )
    if as_json:
        show_json(
            {
                "file": str(file),
                "findings": [f._asdict() for f in findings],
                "counts": dict(counts),
                "replace": replace,
                "add": add,
            }
        )
    else:
        summary = ", ".join(f"{n} {verdict}" for verdict, n in counts.items()) or "nothing found"
        lines: list[tuple[Span, ...]] = [
            ((f"{file}:{f.line}: ", "dim"), (f.verdict, STYLES[f.verdict]), (f": {f.message}", ""))
            for f in findings
        ]
        lines.append(((f"{counted(len(findings), 'finding')}: {summary}", "bold"),))
        for old, new in replace.items():
            lines.append(((f"Instead of {old}: ", "bold"), (new, "")))
        if add:
            lines.append((("Add to the list: ", "bold"), ("; ".join(add), "")))
        print_lines(lines)
    if any(f.verdict != "matched" for f in findings):
        raise typer.Exit(1)
    if not findings:
        typer.echo(messages.AUDIT_NOTHING.format(path=file), err=True)
