"""APA 7th edition references and author-year citations; pure functions, no terminal.

Pages need full entries on every run, so this formatter is hand-written and cheap to
import; it covers exactly the reference types the content uses.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from track2cli.model import Cite, Name, Reference

# A run of text and whether it is set in italics.
Segment = tuple[str, bool]

STATUS_LABELS = {
    "confirmed": "confirmed",
    "unverified-detail": "some details unverified",
    "doubtful": "doubtful",
}


def initials(given: str) -> str:
    """APA initials of given names: 'Ronald J.' -> 'R. J.', 'Jean-Paul' -> 'J.-P.'."""
    parts = []
    for word in given.split():
        pieces = [piece for piece in word.split("-") if piece]
        parts.append("-".join(f"{piece[0]}." for piece in pieces))
    return " ".join(parts)


def inverted(name: Name) -> str:
    """Family name first, as the reference list puts it: 'Fisher, R. J.'."""
    return f"{name.family}, {initials(name.given)}" if name.given else name.family


def direct(name: Name) -> str:
    """Initials first, as editors of a book are named: 'C. A. Crocker'."""
    return f"{initials(name.given)} {name.family}" if name.given else name.family


def join_names(names: Sequence[str]) -> str:
    """APA's list: 'A', 'A, & B', 'A, B, & C' (a comma before & even for two inverted names)."""
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + ", & " + names[-1]


def join_editors(names: Sequence[str]) -> str:
    """Editors named initials first: 'A & B', 'A, B, & C'."""
    if len(names) <= 2:
        return " & ".join(names)
    return ", ".join(names[:-1]) + ", & " + names[-1]


def end_sentence(text: str) -> str:
    """Add a full stop unless the text already ends with punctuation that closes it."""
    return text if text.endswith((".", "?", "!")) else text + "."


def apa_segments(ref: Reference) -> list[Segment]:
    """A full APA 7 reference-list entry, as runs of plain and italic text."""
    if ref.author:
        creators = join_names([inverted(n) for n in ref.author])
    else:
        role = "Ed." if len(ref.editor) == 1 else "Eds."
        creators = f"{join_names([inverted(n) for n in ref.editor])} ({role})"
    out: list[Segment] = [(f"{end_sentence(creators)} ({ref.issued}). ", False)]
    if ref.type == "chapter":
        out.append((end_sentence(ref.title) + " In ", False))
        editors = [direct(n) for n in ref.editor]
        role = "Ed." if len(editors) == 1 else "Eds."
        out.append((f"{join_editors(editors)} ({role}), ", False))
        out.append((ref.container_title, True))
        pages = f" (pp. {en_dash(ref.page)})" if ref.page else ""
        out.append((f"{pages}. {ref.publisher}.", False))
    elif ref.type in ("article-journal", "article-magazine"):
        out.append((end_sentence(ref.title) + " ", False))
        out.append((ref.container_title, True))
        if ref.volume:
            out.append((", ", False))
            out.append((ref.volume, True))
            if ref.issue:
                out.append((f"({ref.issue})", False))
        if ref.page:
            out.append((f", {en_dash(ref.page)}", False))
        out.append((".", False))
    else:
        edition = f" ({edition_label(ref.edition)})" if ref.edition else ""
        out += italic_title(ref.title, after=edition)
        out.append((f" {ref.publisher}.", False))
    if ref.doi:
        out.append((f" https://doi.org/{ref.doi}", False))
    return out


def italic_title(title: str, *, after: str = "") -> list[Segment]:
    """An italic title, then what follows it and the closing full stop in roman type."""
    closing = after + ("" if not after and title.endswith(("?", "!")) else ".")
    return [(title, True), (closing, False)]


def edition_label(edition: str) -> str:
    """An edition as styles print it: '3' -> '3rd ed.', 'Revised' -> 'Rev. ed.'."""
    if edition.isdigit():
        number = int(edition)
        suffix = (
            "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        )
        return f"{number}{suffix} ed."
    if edition.lower().startswith("rev"):
        return "Rev. ed."
    return edition if edition.endswith("ed.") else f"{edition} ed."


def apa(ref: Reference) -> str:
    """A full APA 7 entry as plain text."""
    return "".join(text for text, _ in apa_segments(ref))


def en_dash(pages: str) -> str:
    """Page ranges take an en dash in APA: 91-100 -> 91–100."""
    return pages.replace("-", "\u2013")


def sort_key(ref: Reference) -> tuple[tuple[str, ...], int, str]:
    """APA reference-list order: by the names in order, then year, then title."""
    names = tuple(f"{n.family} {n.given}".lower() for n in ref.creators)
    return (names, ref.issued, ref.title.lower())


def sorted_references(refs: Iterable[Reference]) -> list[Reference]:
    """References in APA reference-list order."""
    return sorted(refs, key=sort_key)


def author_names(ref: Reference) -> str:
    """The names used in text: 'Fisher', 'Davidson & Montville', 'Nan et al.'."""
    families = [n.family for n in ref.creators]
    if len(families) == 1:
        return families[0]
    if len(families) == 2:
        return f"{families[0]} & {families[1]}"
    return f"{families[0]} et al."


def narrative(ref: Reference) -> str:
    """A narrative citation: 'Pruitt (1997)'."""
    return f"{author_names(ref)} ({ref.issued})"


def parenthetical(cites: Sequence[Cite], references: dict[str, Reference]) -> str:
    """A bracketed citation in APA form: '(Fisher, 1997, p. 8; Kelman, 1996)'.

    Works by the same authors share one name ('Fisher, 1997, 2005'); unknown keys are
    shown as the key itself, though the loader refuses content that has any.
    """
    parts: list[str] = []
    last_names = ""
    for cite in cites:
        ref = references.get(cite.key)
        if ref is None:
            parts.append(f"{cite.prefix} @{cite.key}".strip())
            last_names = ""
            continue
        names = author_names(ref)
        year = str(ref.issued) + (f", {cite.locator}" if cite.locator else "")
        if cite.suppress_author:
            text = year
        elif names == last_names and not cite.prefix and parts:
            parts[-1] += f", {year}"
            continue
        else:
            text = f"{names}, {year}"
        parts.append(f"{cite.prefix} {text}".strip())
        last_names = names
    return "(" + "; ".join(parts) + ")"
