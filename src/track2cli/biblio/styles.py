"""Bibliographies in APA 7, MLA 9 and Chicago author-date (17th edition); pure.

Why these are formatted here and not by citeproc-py with the official CSL styles (it was
tried on every reference in the content, with the official CSL files shipped in biblio/csl/):
- MLA and Chicago: citeproc-py ignores the styles' `initialize="false"`, so every given
  name comes out as initials ("Fisher, R. J." where both styles want "Fisher, Ronald
  J."), and it ignores the locale's punctuation-in-quote, so titles end `Approach”.`
  where American styles want `Approach.”`. That makes every entry of every type wrong.
- Chicago: an edited book comes out as "R. J. Fisher. 2005. ... Edited by R. J. Fisher",
  and a magazine article gains a stray "Edition".
- APA: a chapter's editors get "(eds.)" for "(Eds.)", an edited book repeats its editor
  after the title, and a title ending in "?" gets a second full stop.
APA books, journal and magazine articles do come out right, and tests check this
formatter against citeproc-py for exactly those, and every entry of every type against
pandoc's citeproc with the same CSL files, listing where the handbooks and the CSL files
part ways (tests/test_styles.py). citeproc-py would also add ~50 ms to `track2 cite`,
whose start-up is held to 1.1x that of importing typer, rich and yaml.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from track2cli.biblio.cite import (
    PART_TYPES,
    PERIODICALS,
    Segment,
    apa_segments,
    author_names,
    edition_label,
    end_sentence,
    italic_title,
    short_title,
    sort_key,
    title_case,
    with_comma,
)
from track2cli.library.model import MONTHS, Name, Reference

TEXT_STYLES = ("apa", "mla", "chicago")
STYLE_TITLES = {
    "apa": "References (APA 7th edition)",
    "mla": "Works Cited (MLA 9th edition)",
    "chicago": "References (Chicago author-date, 17th edition)",
}


def page_range(pages: str, style: str) -> str:
    """A page range with an en dash, shortened as the style's CSL file declares.

    MLA (minimal-two): the second number keeps its last two digits, more if needed.
    Chicago (chicago-16, CMOS 9.61): full after a number under 100 or a multiple of 100;
    only the changed digits after 101-109 and the like; otherwise two or more digits,
    but every digit when three of a four-digit number change.
    """
    match = re.fullmatch(r"(\d+)\s*[-\u2013]+\s*(\d+)", pages)
    if not match:
        return pages.replace("-", "\u2013")
    first, last = match.groups()
    number = int(first)
    if number < 100 or len(first) != len(last) or (style == "chicago" and number % 100 == 0):
        return f"{first}\u2013{last}"
    changed = len(last)
    while changed > 1 and first[-changed] == last[-changed]:
        changed -= 1
    if style == "chicago":
        if changed >= 3 and len(first) == 4:
            return f"{first}\u2013{last}"
        keep = changed if 1 <= number % 100 <= 9 else max(changed, 2)
    else:
        keep = max(changed, 2)
    return f"{first}\u2013{last[-keep:]}"


def full_name(name: Name, *, inverted: bool) -> str:
    """A name in full: 'Fisher, Ronald J.' or 'Ronald J. Fisher'."""
    if not name.given:
        return name.family
    return f"{name.family}, {name.given}" if inverted else f"{name.given} {name.family}"


def mla_names(names: Sequence[Name]) -> str:
    """MLA: one name, two joined by 'and', three or more as the first 'et al.'."""
    first = full_name(names[0], inverted=True)
    if len(names) == 1:
        return first
    if len(names) == 2:
        return f"{first}, and {full_name(names[1], inverted=False)}"
    return f"{first}, et al."


def chicago_names(names: Sequence[Name]) -> str:
    """Chicago: the first name inverted, the rest in order, 'and' before the last."""
    first = full_name(names[0], inverted=True)
    rest = [full_name(n, inverted=False) for n in names[1:]]
    if not rest:
        return first
    if len(rest) == 1:
        return f"{first}, and {rest[0]}"
    return ", ".join([first, *rest[:-1]]) + f", and {rest[-1]}"


def _editors(names: Sequence[Name], style: str) -> str:
    given_first = [full_name(n, inverted=False) for n in names]
    if style == "mla" and len(given_first) > 2:
        return f"{given_first[0]} et al."
    if len(given_first) <= 2:
        return " and ".join(given_first)
    return ", ".join(given_first[:-1]) + f", and {given_first[-1]}"


def mla_publisher(publisher: str) -> str:
    """MLA 9 shortens 'University Press' to 'UP'."""
    return publisher.replace("University Press", "UP")


def _headline(ref: Reference, title: str, style: str) -> str:
    """Headline capitals for an English title; one in another language keeps its own."""
    return title_case(title, style) if ref.language in ("", "en") else title


def _quoted(title: str) -> str:
    # American usage puts the full stop inside the quotation marks, and quotation marks
    # inside the title become single ones.
    inner = re.sub(r'["\u201c](.*?)["\u201d]', "\u2018\\1\u2019", title)
    return f"\u201c{end_sentence(inner)}\u201d"


MLA_MONTHS = (
    "Jan.", "Feb.", "Mar.", "Apr.", "May", "June",
    "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
)  # fmt: skip


def mla_date(ref: Reference) -> str:
    """MLA's day-month-year: '14 Sept. 1993', 'Sept. 1993', '1993', or '' when undated."""
    if not ref.issued:
        return ""
    month = f"{MLA_MONTHS[ref.month - 1]} " if ref.month else ""
    day = f"{ref.day} " if ref.day and ref.month else ""
    return f"{day}{month}{ref.issued}"


def chicago_date(ref: Reference) -> str:
    """Chicago's month-day-year, for works found by their date: 'September 14, 1993'."""
    if not ref.month:
        return ""
    day = f" {ref.day}," if ref.day else ""
    return f"{MONTHS[ref.month - 1]}{day} {ref.issued}"


def _web_address(url: str) -> str:
    # MLA 9 (5.96) drops the scheme from a URL.
    return re.sub(r"^https?://", "", url)


def _quoted_title(ref: Reference) -> bool:
    """Whether a style sets the title in quotation marks (a part) rather than italics."""
    if ref.type in ("document", "interview", "paper-conference"):
        return True
    return bool(ref.container_title) and (ref.type in PART_TYPES or ref.type == "webpage")


def _location(ref: Reference, style: str) -> str:
    if ref.doi:
        return f"https://doi.org/{ref.doi}"
    # MLA 9 (5.96) drops the scheme from a URL.
    return re.sub(r"^https?://", "", ref.url) if style == "mla" else ref.url


def mla_segments(ref: Reference, *, repeat: bool = False) -> list[Segment]:
    """An MLA 9 works-cited entry: author, title, container, then the other core elements
    in their order (5.1); repeat replaces the names with three hyphens."""
    out: list[Segment] = []
    if ref.creators:
        names = "---" if repeat else mla_names(ref.creators)
        role = "" if ref.author else (", editor" if len(ref.editor) == 1 else ", editors")
        out.append((end_sentence(names + role) + " ", False))
    title = _headline(ref, ref.title, "mla")
    if _quoted_title(ref):
        out.append((_quoted(title) + " ", False))
    else:
        out += italic_title(title)
        out.append((" ", False))
    described = [f"Interview by {_editors(ref.interviewer, 'mla')}"] if ref.interviewer else []
    if ref.genre and ref.type != "thesis" and not ref.number:
        described.append(ref.genre)
    if described:
        out.append((end_sentence(", ".join(described)) + " ", False))
    elements: list[str] = []
    if ref.editor and (ref.author or ref.type == "chapter"):
        by = f"edited by {_editors(ref.editor, 'mla')}"
        elements.append(by if ref.container_title else by[:1].upper() + by[1:])
    if ref.edition:
        elements.append(edition_label(ref.edition))
    elements += [
        f"vol. {ref.volume}" if ref.volume else "",
        f"no. {ref.issue}" if ref.issue else "",
    ]
    if ref.number:
        elements.append(f"{ref.genre} {ref.number}".strip())
    if ref.type == "paper-conference" and not ref.container_title:
        elements.append(ref.event_title)
    if ref.type not in ("thesis", "article-journal", "article-magazine", "article-newspaper"):
        if ref.publisher not in ("", ref.container_title):
            elements.append(mla_publisher(ref.publisher))
    elements.append(mla_date(ref))
    if ref.page:
        pages = page_range(ref.page, "mla")
        elements.append(f"p. {pages}" if pages.isdigit() else f"pp. {pages}")
    if ref.type == "paper-conference":
        elements.append(ref.event_place)
    elements.append(_location(ref, "mla"))
    text = ", ".join(e for e in elements if e)
    if ref.container_title:
        out.append((_headline(ref, ref.container_title, "mla"), True))
        out.append((f", {text}." if text else ".", False))
    elif text:
        out.append((end_sentence(text), False))
    if ref.type == "thesis":
        out.append(
            (" " + ", ".join(p for p in (ref.publisher, ref.genre or "Thesis") if p) + ".", False)
        )
    if ref.collection_title:
        out.append((f" {end_sentence(title_case(ref.collection_title, 'mla'))}", False))
    last, italic = out[-1]
    out[-1] = (last.rstrip(), italic)
    return out


def chicago_segments(ref: Reference, *, repeat: bool = False) -> list[Segment]:
    """A Chicago author-date (17th ed.) reference-list entry; repeat uses the 3-em dash."""
    title = _headline(ref, ref.title, "chicago")
    year = end_sentence(ref.year)
    if ref.creators:
        names = "\u2014\u2014\u2014" if repeat else chicago_names(ref.creators)
        role = "" if ref.author else (", ed" if len(ref.editor) == 1 else ", eds")
        out: list[Segment] = [(f"{end_sentence(names + role)} {year} ", False)]
    elif ref.container_title and ref.type in ("article-magazine", "article-newspaper"):
        # CMOS 15.47: an unsigned article is listed under its newspaper's or magazine's name.
        out = [(ref.container_title, True), (f". {year} ", False)]
    else:
        out = []
    container_as_author = bool(out) and not ref.creators
    # CMOS 14.224: a thesis's title is quoted; so is an article listed under its periodical.
    quoted = _quoted_title(ref) or ref.type in ("thesis", *PERIODICALS) or container_as_author
    title_segments = [(_quoted(title) + " ", False)] if quoted else italic_title(title)
    if not quoted:
        title_segments.append((" ", False))
    if ref.creators or out:
        out += title_segments
    else:
        # No author and no periodical: the title leads, then the year (CMOS 15.41).
        out += title_segments + [(f"{year} ", False)]
    described = [f"Interview by {_editors(ref.interviewer, 'chicago')}"] if ref.interviewer else []
    if ref.genre and ref.type not in ("thesis", "paper-conference"):
        described.append(ref.genre + (f" {ref.number}" if ref.number else ""))
    elif ref.number:
        described.append(ref.number)
    if ref.author and ref.editor and ref.type != "chapter":
        described.append(f"Edited by {_editors(ref.editor, 'chicago')}")
    if ref.edition and ref.type != "chapter":
        described.append(edition_label(ref.edition))
    if described:
        out.append((end_sentence(". ".join(described)) + " ", False))
    if ref.container_title and not container_as_author:
        if ref.type in ("chapter", "entry-encyclopedia", "paper-conference"):
            out.append(("In ", False))
        out.append((_headline(ref, ref.container_title, "chicago"), True))
        if ref.type == "chapter" and ref.edition:  # CMOS 14.112: the book's edition
            out.append((f", {edition_label(ref.edition)}", False))
        if ref.type == "chapter" and ref.editor:
            out.append((f", edited by {_editors(ref.editor, 'chicago')}", False))
        if ref.type == "article-journal" or ref.type == "article-magazine" and not ref.month:
            # A magazine is found by its date, so the year follows its name (as the CSL does).
            volume = f", {ref.issued}" if ref.type == "article-magazine" else ""
            volume += f" {ref.volume}" if ref.volume else ""
            # CMOS 14.175: an issue with no volume is given as "no. 3".
            issue = f" ({ref.issue})" if ref.volume and ref.issue else ""
            issue = f", no. {ref.issue}" if ref.issue and not ref.volume else issue
            pages = f": {page_range(ref.page, 'chicago')}" if ref.page else ""
            out.append((f"{volume}{issue}{pages}. ", False))
        else:
            if ref.type == "chapter" and ref.page:
                out.append((f", {page_range(ref.page, 'chicago')}", False))
            date = chicago_date(ref) if ref.type in PERIODICALS else ""
            out.append((f", {date}. " if date else ". ", False))
    elif ref.type in PERIODICALS and chicago_date(ref):
        out.append((f"{chicago_date(ref)}. ", False))
    if ref.type == "thesis":
        out.append(
            (
                end_sentence(", ".join(p for p in (ref.genre or "Thesis", ref.publisher) if p))
                + " ",
                False,
            )
        )
    elif ref.type == "paper-conference" and not ref.container_title:
        event = ", ".join(p for p in (ref.event_title, ref.event_place) if p)
        kind = ref.genre or "Paper presented"
        out.append((end_sentence(f"{kind} at {event}" if event else kind) + " ", False))
    elif ref.publisher and ref.type not in PERIODICALS:
        # Chicago 17 names the place of publication too; it is not in the verified
        # records, so it is left out rather than guessed.
        out.append((end_sentence(ref.publisher) + " ", False))
    if ref.type not in PERIODICALS and chicago_date(ref):
        out.append((end_sentence(chicago_date(ref)) + " ", False))
    location = _location(ref, "chicago")
    if location:
        out.append((end_sentence(location), False))
    last, italic = out[-1]
    out[-1] = (last.rstrip(), italic)
    return out


def mla_sort_key(ref: Reference) -> tuple[str, str]:
    """MLA order: by the first name as listed, then by title without a leading article."""
    title = re.sub(r"^(a|an|the)\s+", "", ref.title.lower())
    first = full_name(ref.creators[0], inverted=True).lower() if ref.creators else title
    return (first, title)


class Entry(NamedTuple):
    """One formatted entry of a bibliography."""

    reference: Reference
    segments: list[Segment]


def bibliography(refs: Sequence[Reference], style: str) -> list[Entry]:
    """The references formatted and ordered by the style's own rules."""
    if style == "apa":
        return [Entry(r, apa_segments(r)) for r in sorted(refs, key=sort_key)]
    ordered = sorted(refs, key=mla_sort_key if style == "mla" else sort_key)
    entries = []
    previous: tuple[Name, ...] = ()
    formatter = mla_segments if style == "mla" else chicago_segments
    for ref in ordered:
        # A further work by the same names, in any role, replaces them with dashes.
        entries.append(Entry(ref, formatter(ref, repeat=ref.creators == previous)))
        previous = ref.creators
    return entries


def _in_text_names(families: Sequence[str], style: str) -> str:
    if len(families) == 1:
        return families[0]
    if len(families) == 2:
        return f"{families[0]} and {families[1]}"
    if len(families) == 3 and style == "chicago":  # Chicago 15.29: up to three in full
        return f"{families[0]}, {families[1]}, and {families[2]}"
    return f"{families[0]} et al."


def inline(ref: Reference, style: str, everything: Sequence[Reference]) -> str:
    """The in-text citation: APA (Fisher, 1997), MLA (Fisher), Chicago (Fisher 1997)."""
    if style == "apa":
        return f"({with_comma(author_names(ref))} {ref.year})"
    families = [n.family for n in ref.creators]
    names = _in_text_names(families, style) if families else short_title(ref)
    if style == "chicago":
        return f"({names} {ref.year})"
    # MLA tells works by the same names apart with a short title.
    if families and any(
        other.key != ref.key and other.creators == ref.creators for other in everything
    ):
        short = _headline(ref, ref.title.split(":")[0], "mla")
        quoted = ref.type in PART_TYPES
        names += f", \u201c{short}\u201d" if quoted else f", {short}"
    return f"({names})"
