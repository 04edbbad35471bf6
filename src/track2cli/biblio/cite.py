"""APA 7th edition references and author-year citations; pure functions, no terminal.

Pages need full entries on every run, so this formatter is hand-written and cheap to
import; it covers exactly the reference types the content uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from track2cli.library.model import MONTHS, Cite, Name, Reference

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


# Lower-case in title case unless first, last, or first after a colon or question mark.
MINOR_WORDS = {
    "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by",
    "in", "of", "off", "on", "per", "to", "up", "via", "from", "into", "with", "onto",
    "about", "among", "between", "over", "than", "through", "upon", "within", "without",
    "after", "against", "along", "around", "before", "behind", "below", "beneath", "beside",
    "despite", "during", "except", "near", "throughout", "toward", "towards",
    "under", "until", "across",
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
    # The first letter, after any opening quotation mark or bracket.
    return re.sub(r"^([\W_]*)(\w)", lambda m: m.group(1) + m.group(2).upper(), word, count=1)


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
            if re.match(r"^[a-z]'\w", part):  # d'Estrée: a particle keeps its case
                minor = True
            elif position == 0:
                minor = bare in MINOR_WORDS and not (starts or last)
            elif style == "chicago" and parts[0].lower() in PREFIXES:
                minor = part.islower()
            else:
                minor = bare in MINOR_WORDS
            if style == "apa" and len(bare) > 3:  # APA 6.17: words of four letters or more
                minor = False
            fixed.append(part if minor else _capitalize(part))
        out.append("-".join(fixed))
    return " ".join(out)


# Types printed as a part of something larger: their titles are roman, their container's italic.
PART_TYPES = (
    "chapter",
    "article-journal",
    "article-magazine",
    "article-newspaper",
    "entry-encyclopedia",
    "paper-conference",
)
# Works APA dates by the year alone, even when a fuller date was seen.
DATED_BY_YEAR = ("book", "chapter", "article-journal", "report", "thesis")
PERIODICALS = ("article-journal", "article-magazine", "article-newspaper")


def apa_date(ref: Reference) -> str:
    """The date as APA's reference list gives it: '1997', '1993, September 14', 'n.d.'."""
    if not ref.month or ref.type in DATED_BY_YEAR:
        return ref.year
    day = f" {ref.day}" if ref.day else ""
    return f"{ref.year}, {MONTHS[ref.month - 1]}{day}"


def _apa_creators(ref: Reference) -> str:
    if not ref.creators:
        return ""
    if ref.author:
        return join_names([inverted(n) for n in ref.author])
    role = "Ed." if len(ref.editor) == 1 else "Eds."
    return f"{join_names([inverted(n) for n in ref.editor])} ({role})"


def _apa_after_title(ref: Reference) -> str:
    """What follows a whole work's title: edition, editors, number, interviewer, [kind]."""
    after = f" ({edition_label(ref.edition)})" if ref.edition else ""
    if ref.author and ref.editor and ref.type != "chapter":
        editors = join_editors([direct(n) for n in ref.editor])
        after += f" ({editors}, {'Ed.' if len(ref.editor) == 1 else 'Eds.'})"
    if ref.number:
        label = f"{_title_words(ref.genre)} {ref.number}" if ref.genre else ref.number
        after += f" ({'; '.join(p for p in (label, ref.collection_title) if p)})"
    if ref.interviewer:
        after += f" ({join_editors([direct(n) for n in ref.interviewer])}, Interviewer)"
    description = _apa_description(ref)
    return after + (f" [{description}]" if description and ref.creators else "")


def _apa_description(ref: Reference) -> str:
    if ref.type == "thesis":
        # APA 7 (10.6): the kind of thesis and the institution share the brackets.
        return ", ".join(p for p in (ref.genre or "Thesis", ref.publisher) if p)
    return ref.genre if not ref.number else ""


def _title_words(text: str) -> str:
    return " ".join(word[:1].upper() + word[1:] for word in text.split())


def _apa_treaty(ref: Reference) -> list[Segment]:
    """A treaty in APA's legal form (11.8): title, parties, date, number, address."""
    parties = "-".join(n.family for n in ref.creators)
    date = (MONTHS[ref.month - 1] + " " if ref.month else "") + (f"{ref.day}, " if ref.day else "")
    parts = [
        title_case(ref.title, "apa"),
        parties,
        f"{date}{ref.issued}" if ref.issued else "",
        ref.number,
    ]
    out: list[Segment] = [(end_sentence(", ".join(p for p in parts if p)), False)]
    if ref.url:
        out.append((f" {ref.url}", False))
    return out


def apa_segments(ref: Reference) -> list[Segment]:
    """A full APA 7 reference-list entry, as runs of plain and italic text."""
    if ref.type == "treaty":
        return _apa_treaty(ref)
    date = f"({apa_date(ref)})."
    part = ref.type in PART_TYPES
    if part:
        kind = f" [{ref.genre}]" if ref.genre else ""
        title: list[Segment] = [(end_sentence(ref.title + kind) + " ", False)]
        if ref.type == "paper-conference" and not ref.container_title:
            title = italic_title(ref.title, after=kind) + [(" ", False)]
    else:
        title = italic_title(ref.title, after=_apa_after_title(ref)) + [(" ", False)]
    if ref.creators:
        out: list[Segment] = [(f"{end_sentence(_apa_creators(ref))} {date} ", False), *title]
    else:
        # No author: the title takes the author's place (9.12); what kind of work it is
        # follows the date, as apa.csl has it.
        kind = f"[{_apa_description(ref)}]. " if _apa_description(ref) else ""
        out = [(f"{end_sentence(ref.title)} {date} {kind}", False)]
    if ref.type == "chapter":
        out.append(("In ", False))
        editors = [direct(n) for n in ref.editor]
        if editors:
            role = "Ed." if len(editors) == 1 else "Eds."
            out.append((f"{join_editors(editors)} ({role}), ", False))
        if ref.container_title:
            out.append((ref.container_title, True))
            details = [edition_label(ref.edition) if ref.edition else ""]
            details.append(f"pp. {en_dash(ref.page)}" if ref.page else "")
            shown = ", ".join(d for d in details if d)
            out.append((f" ({shown}). " if shown else ". ", False))
        else:
            out.pop()  # a chapter whose book was not seen: no "In"
    elif ref.type in PERIODICALS and ref.container_title:
        out.append((ref.container_title, True))
        if ref.volume:
            out.append((", ", False))
            out.append((ref.volume, True))
            if ref.issue:
                out.append((f"({ref.issue})", False))
        elif ref.issue:  # no volume seen: the issue stands alone (APA 9.25)
            out.append((f", ({ref.issue})", False))
        if ref.page:
            out.append((f", {en_dash(ref.page)}", False))
        out.append((". ", False))
    elif ref.type == "paper-conference" and not ref.container_title:
        place = ", ".join(p for p in (ref.event_title, ref.event_place) if p)
        out.append((end_sentence(place) + " " if place else "", False))
    elif ref.type in PART_TYPES and ref.container_title:
        out += [("In ", False), (ref.container_title, True), (". ", False)]
    elif ref.container_title and ref.container_title != _apa_creators(ref):
        out.append((end_sentence(ref.container_title) + " ", False))
    if ref.publisher and ref.type not in PERIODICALS + ("thesis",):
        if ref.publisher not in (ref.container_title, _apa_creators(ref)):
            out.append((end_sentence(ref.publisher) + " ", False))
    if ref.doi:
        out.append((f"https://doi.org/{ref.doi}", False))
    elif ref.url:
        out.append((ref.url, False))
    while out and not out[-1][0].strip():
        out.pop()
    text, italic = out[-1]
    out[-1] = (text.rstrip(), italic)
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
    """APA reference-list order: by the names in order (the title if none), year, title."""
    title = _letters(re.sub(r"^\W*(a|an|the)\s+", "", ref.title.lower()))
    names = tuple(_letters(f"{n.family} {n.given}".lower()) for n in ref.creators) or (title,)
    return (names, ref.issued, title)


def _letters(text: str) -> str:
    # Letter by letter: quotation marks, brackets and apostrophes do not count (d'Estrée).
    return re.sub(r"[^\w ]+", "", text)


def sorted_references(refs: Iterable[Reference]) -> list[Reference]:
    """References in APA reference-list order."""
    return sorted(refs, key=sort_key)


def short_title(ref: Reference) -> str:
    """A work without an author is cited by its short title in title case (APA 8.14),
    quoted if it is part of a larger work."""
    title = ref.title.split(":")[0]
    if ref.language in ("", "en"):
        title = title_case(title, "apa")
    return f"\u201c{title}\u201d" if ref.type in PART_TYPES else title


def with_comma(names: str) -> str:
    """Names followed by a comma; American style sets it inside a closing quotation mark."""
    return names[:-1] + ",\u201d" if names.endswith("\u201d") else names + ","


def author_names(ref: Reference) -> str:
    """The names used in text: 'Fisher', 'Davidson & Montville', 'Nan et al.'."""
    families = [n.family for n in ref.creators]
    if not families:
        return short_title(ref)
    if len(families) == 1:
        return families[0]
    if len(families) == 2:
        return f"{families[0]} & {families[1]}"
    return f"{families[0]} et al."


def narrative(ref: Reference) -> str:
    """A narrative citation: 'Pruitt (1997)'."""
    return f"{author_names(ref)} ({ref.year})"


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
        year = ref.year + (f", {cite.locator}" if cite.locator else "")
        if cite.suppress_author:
            text = year
        elif names == last_names and not cite.prefix and parts:
            parts[-1] += f", {year}"
            continue
        else:
            text = f"{with_comma(names)} {year}"
        parts.append(f"{cite.prefix} {text}".strip())
        last_names = names
    return "(" + "; ".join(parts) + ")"
