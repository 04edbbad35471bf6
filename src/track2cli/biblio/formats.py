"""The bibliography for reference managers: CSL-JSON, BibTeX (bibtexparser) and RIS (rispy).

Citation keys are the content's keys, so `[@fisher1997]` in a Markdown file resolves
with `pandoc --citeproc`. What the fact check found travels with every entry: the
status and note go to `note` (CSL-JSON, BibTeX) and `N1` (RIS). Details that were not
verified are absent from the content, so they are absent here too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from track2cli.biblio.cite import STATUS_LABELS, edition_label
from track2cli.library.model import Name, Reference

MACHINE_FORMATS = ("bibtex", "ris", "csl-json")
# BibTeX's standard types (as pandoc and biblatex read them); the rest are @misc.
BIBTEX_TYPES = {
    "book": "book",
    "chapter": "incollection",
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "paper-conference": "inproceedings",
    "report": "techreport",
    "thesis": "mastersthesis",
}
RIS_TYPES = {
    "book": "BOOK",
    "chapter": "CHAP",
    "article-journal": "JOUR",
    "article-magazine": "MGZN",
    "article-newspaper": "NEWS",
    "entry-encyclopedia": "ENCYC",
    "webpage": "ELEC",
    "report": "RPRT",
    "thesis": "THES",
    "paper-conference": "CPAPER",
    "interview": "PCOMM",
    "treaty": "GOVDOC",
    "document": "GEN",
}


def honesty_note(ref: Reference) -> str:
    """The status, note and what was seen, as one line for a reference manager's note."""
    seen = f" Seen: {ref.seen}" if ref.seen else ""
    return f"track2 status: {STATUS_LABELS[ref.status]}. {ref.note}{seen}"


def _csl_name(name: Name) -> dict[str, str]:
    # A name without a given name is an organisation's: CSL keeps it whole as a literal.
    return {"family": name.family, "given": name.given} if name.given else {"literal": name.family}


def csl_edition(edition: str) -> str:
    """CSL prints a number as "3rd ed." and any other edition as it stands: "Rev. ed."."""
    return edition if not edition or edition.isdigit() else edition_label(edition)


def csl_item(ref: Reference) -> dict[str, Any]:
    """One CSL-JSON item; its id is the citation key."""
    item: dict[str, Any] = {"id": ref.key, "type": ref.type, "title": ref.title}
    if ref.author:
        item["author"] = [_csl_name(n) for n in ref.author]
    if ref.editor:
        item["editor"] = [_csl_name(n) for n in ref.editor]
    if ref.interviewer:
        item["interviewer"] = [_csl_name(n) for n in ref.interviewer]
    if ref.issued:
        item["issued"] = {"date-parts": [ref.date_parts()]}
    for field, value in (
        ("container-title", ref.container_title),
        ("collection-title", ref.collection_title),
        ("number", ref.number),
        ("genre", ref.genre),
        ("event-title", ref.event_title),
        ("event-place", ref.event_place),
        ("URL", ref.url),
        ("language", ref.language),
        ("publisher", ref.publisher),
        ("edition", csl_edition(ref.edition)),
        ("volume", ref.volume),
        ("issue", ref.issue),
        ("page", ref.page),
        ("DOI", ref.doi),
        ("ISBN", ref.isbn),
    ):
        if value:
            item[field] = value
    item["note"] = honesty_note(ref)
    return item


def to_csl_json(refs: Sequence[Reference]) -> str:
    """A CSL-JSON array, as Zotero, Pandoc and citeproc read it."""
    return json.dumps([csl_item(r) for r in refs], indent=2, ensure_ascii=False) + "\n"


# What LaTeX would read as markup in a BibTeX value, and how to write each as text.
LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    # Not \{ and \}: BibTeX counts every brace, escaped or not, to find a value's end.
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "$": r"\$",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
LATEX_SPECIALS = re.compile("|".join(re.escape(c) for c in LATEX_SPECIAL))


def latex_text(value: str) -> str:
    """A value as BibTeX and LaTeX read it: text, on one line, braces balanced.

    A stray brace or a line break in content could otherwise end the entry early and
    start another one; a % or & would be read as LaTeX.
    """
    return LATEX_SPECIALS.sub(lambda m: LATEX_SPECIAL[m[0]], " ".join(value.split()))


def verbatim(value: str) -> str:
    """A URL or DOI: kept as written, on one line, without braces or spaces."""
    return "".join(value.split()).replace("{", "%7B").replace("}", "%7D")


def _bibtex_names(names: Sequence[Name]) -> str:
    # Braces keep a two-word family name ("El Horr") together.
    return " and ".join(
        (f"{{{latex_text(n.family)}}}" if " " in n.family else latex_text(n.family))
        + (f", {latex_text(n.given)}" if n.given else "")
        for n in names
    )


def protect_capitals(title: str) -> str:
    """Brace the words that must keep their capitals, whatever case a style applies."""
    words = title.split(" ")
    protected = [words[0]] + [f"{{{w}}}" if any(c.isupper() for c in w) else w for w in words[1:]]
    return " ".join(protected)


def bibtex_type(ref: Reference) -> str:
    """The entry type: an edited volume is biblatex's @collection (its @book wants an
    author), the rest as BIBTEX_TYPES maps them."""
    if ref.type == "book" and ref.editor and not ref.author:
        return "collection"
    return BIBTEX_TYPES.get(ref.type, "misc")


def bibtex_fields(ref: Reference) -> list[tuple[str, str]]:
    """The BibTeX fields of a reference, in a conventional order."""
    fields = []
    if ref.author:
        fields.append(("author", _bibtex_names(ref.author)))
    if ref.editor:
        fields.append(("editor", _bibtex_names(ref.editor)))
    fields.append(("title", protect_capitals(latex_text(ref.title))))
    if ref.type in ("chapter", "paper-conference", "entry-encyclopedia"):
        if ref.container_title:
            fields.append(("booktitle", protect_capitals(latex_text(ref.container_title))))
    elif ref.container_title:
        kind = "journal" if ref.type.startswith("article") else "howpublished"
        fields.append((kind, latex_text(ref.container_title)))
    for field, value in (
        ("year", str(ref.issued) if ref.issued else ""),
        ("month", str(ref.month) if ref.month else ""),
        ("day", str(ref.day) if ref.day else ""),
        ("type", ref.genre),
        ("series", ref.collection_title),
        ("eventtitle", ref.event_title),
        ("venue", ref.event_place),
        ("url", ref.url),
        (_bibtex_institution(ref), ref.publisher),
        ("edition", ref.edition),
        ("volume", ref.volume),
        ("number", ref.issue or ref.number),
        ("pages", re.sub(r"\s*[-–]+\s*", "--", ref.page)),
        ("doi", ref.doi),
        ("isbn", ref.isbn),
    ):
        if value:
            safe = verbatim(value) if field in ("url", "doi") else latex_text(value)
            fields.append((field, safe))
    fields.append(("note", latex_text(honesty_note(ref))))
    return fields


def _bibtex_institution(ref: Reference) -> str:
    """Where BibTeX wants the publisher: a report's institution, a thesis's school."""
    return {"report": "institution", "thesis": "school"}.get(ref.type, "publisher")


def to_bibtex(refs: Sequence[Reference]) -> str:
    """BibTeX written by bibtexparser, keyed by the content's citation keys."""
    # Imported here: only `cite --format bibtex` pays for bibtexparser.
    from bibtexparser.entrypoint import write_string
    from bibtexparser.library import Library
    from bibtexparser.model import Block, Entry, Field

    entries: list[Block] = [
        Entry(bibtex_type(r), r.key, [Field(k, v) for k, v in bibtex_fields(r)]) for r in refs
    ]
    return str(write_string(Library(entries)))


def ris_record(ref: Reference) -> dict[str, Any]:
    """One RIS record as rispy's field names."""
    kind = "EDBOOK" if ref.type == "book" and not ref.author else RIS_TYPES.get(ref.type, "GEN")
    record: dict[str, Any] = {"type_of_reference": kind, "id": ref.key}
    names = [f"{n.family}, {n.given}" if n.given else n.family for n in ref.author or ref.editor]
    record["authors"] = names
    if ref.author and ref.editor:
        record["secondary_authors"] = [f"{n.family}, {n.given}" for n in ref.editor]
    if ref.issued:
        record["year"] = str(ref.issued)
    if ref.month:
        record["date"] = "/".join(f"{part:02d}" for part in ref.date_parts())
    record["title"] = ref.title
    for field, value in (
        ("secondary_title", ref.container_title or ref.event_title),
        ("tertiary_title", ref.collection_title),
        ("place_published", ref.event_place),
        ("publisher", ref.publisher),
        ("edition", ref.edition),
        ("volume", ref.volume),
        ("number", ref.issue),
        ("doi", ref.doi),
        ("issn", ref.isbn),  # RIS's SN holds an ISSN or an ISBN
    ):
        if value:
            record[field] = value
    if ref.url:
        record["urls"] = [ref.url]
    if ref.page:
        start, _, end = ref.page.replace("\u2013", "-").partition("-")
        record["start_page"] = start.strip()
        if end:
            record["end_page"] = end.strip("- ")
    record["notes"] = [honesty_note(ref)]
    return record


def to_ris(refs: Sequence[Reference]) -> str:
    """RIS written by rispy."""
    import rispy  # only `cite --format ris` pays for it

    class PlainRisWriter(rispy.RisWriter):  # type: ignore[misc]
        """rispy's writer without the numbered line ("1.") it puts before each record,
        which is not RIS."""

        def set_header(self, count: int) -> str:
            return ""

    records = [_one_line(ris_record(r)) for r in refs]
    return str(rispy.dumps(records, implementation=PlainRisWriter))


def _one_line(record: dict[str, Any]) -> dict[str, Any]:
    """A RIS record whose values hold no line break: RIS reads one tag a line, so a break
    in content could start a new tag, or a new record."""

    def flat(value: Any) -> Any:
        if isinstance(value, str):
            return " ".join(value.split())
        return [flat(v) for v in value] if isinstance(value, list) else value

    return {key: flat(value) for key, value in record.items()}
