"""Checking references as students write them against the record: the content's own
references, each marked with what checking it found. Pure: no printing, no network.

A written reference is matched without parsing its style: a record matches when the
first author's family name is among its words and the record's main title (before any
subtitle) stands in it, fuzzily (rapidfuzz's partial ratio, at least TITLE_MATCH after
folding accents, case and punctuation). Then its details are compared: the year, the
subtitle, the journal, the volume and the pages, where the written reference gives them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from track2cli.biblio import cite
from track2cli.library.model import Reference
from track2cli.library.text import fold

# How close the record's main title must stand in the written reference (0 to 100):
# high enough that another work by the same author does not pass, low enough for a
# dropped article, a typo or British spelling.
TITLE_MATCH = 88
# How close a written subtitle must be to the record's to count as the same.
SUBTITLE_MATCH = 80
YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
VOLUME_ISSUE = re.compile(r"(?<![\d-])(\d{1,3})\s*\((\d{1,3})\)")
PAGES = re.compile(r"(?<![\d(])(\d{1,4})\s*[-\u2013\u2014]+\s*(\d{1,4})(?!\d)")
# Below this, a main title that matched is still written differently: said, as a detail.
TITLE_EXACT = 97

MATCHED = "matched"
DOUBTFUL = "doubtful"
MISCITED = "mis-cited"
CANNOT_CONFIRM = "cannot confirm"
UNKNOWN = "unknown"
VERDICTS = (MATCHED, DOUBTFUL, MISCITED, CANNOT_CONFIRM, UNKNOWN)


class Written(NamedTuple):
    """One reference as written: where, and its text."""

    line: int
    text: str


@dataclass
class Verdict:
    """What the record says of one written reference."""

    written: Written
    verdict: str
    key: str | None  # the record it matches
    details: list[str]  # each differing or unconfirmable detail, in words


def words(text: str) -> str:
    """Lower-case words with accents folded and punctuation gone: what matching compares."""
    spelt = unicodedata.normalize("NFKD", fold(text))
    bare = "".join(ch for ch in spelt if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w]+", " ", bare.lower().replace("*", "")).split())


def main_title(title: str) -> str:
    """A title without its subtitle."""
    return re.split(r"[:?]\s", title, maxsplit=1)[0]


def subtitle(title: str) -> str:
    """A title's subtitle, or nothing."""
    parts = re.split(r":\s", title, maxsplit=1)
    return parts[1] if len(parts) == 2 else ""


class Record:
    """A reference of the record, with what matching needs computed once."""

    def __init__(self, reference: Reference) -> None:
        self.reference = reference
        self.families = [words(n.family) for n in reference.creators]
        self.main = words(main_title(reference.title))
        self.sub = words(subtitle(reference.title))
        self.whole = words(reference.title)

    def title_score(self, text: str) -> float:
        """How well the record's main title stands in a written reference (0 to 100)."""
        from rapidfuzz import fuzz

        if not self.main:
            return 0.0
        return float(fuzz.partial_ratio(self.main, text))

    def author_in(self, text: str) -> bool:
        """Whether the first author's family name is among the words; an unsigned work,
        listed by its title, must begin with it."""
        if not self.families:
            from rapidfuzz import fuzz

            return fuzz.ratio(self.whole, text[: len(self.whole)]) >= TITLE_MATCH
        first = self.families[0].split()
        return all(part in text.split() for part in first)


def match(text: str, records: Sequence[Record]) -> Record | None:
    """The record a written reference is of, or None."""
    from rapidfuzz import fuzz

    plain = words(text)
    years = {int(y) for y in YEAR.findall(text)}
    ranked: list[tuple[bool, bool, float, float, Record]] = []
    for record in records:
        if not record.author_in(plain):
            continue
        score = record.title_score(plain)
        if score < TITLE_MATCH:
            continue
        # Among candidates (a review titled as its book, one title inside another's
        # subtitle, two editions): a signed work, then the one whose year is written,
        # then the one whose whole title is, wins.
        whole = float(fuzz.partial_ratio(record.whole, plain))
        signed = bool(record.families)
        ranked.append((signed, record.reference.issued in years, whole, score, record))
    if not ranked:
        return None
    return max(ranked, key=lambda r: r[:4])[4]


def differences(text: str, record: Record) -> list[str]:
    """The details a written reference gives that differ from the record, in words."""
    ref = record.reference
    plain = words(text)
    found: list[str] = []
    years = [int(y) for y in YEAR.findall(text)]
    if record.title_score(plain) < TITLE_EXACT:
        found.append(f"title: the record has '{main_title(ref.title)}'")
    if ref.issued and years and ref.issued not in years:
        found.append(f"year: written {years[0]}, the record has {ref.issued}")
    if record.sub and not _has_subtitle(plain, record):
        written_sub = _written_subtitle(text, ref)
        if written_sub:
            found.append(
                f"subtitle: written '{written_sub}', the record has '{subtitle(ref.title)}'"
            )
    if ref.type.startswith("article") and ref.container_title:
        from rapidfuzz import fuzz

        if fuzz.partial_ratio(words(ref.container_title), plain) < TITLE_MATCH:
            found.append(f"venue: the record has {ref.container_title}")
    volume_issue = VOLUME_ISSUE.search(text)
    if volume_issue and ref.volume and volume_issue.group(1) != ref.volume:
        found.append(f"volume: written {volume_issue.group(1)}, the record has {ref.volume}")
    written_pages = page_range(text)
    if written_pages and ref.page:
        recorded = re.sub(r"\s*[-\u2013]+\s*", "-", ref.page)
        if written_pages != recorded:
            found.append(f"pages: written {written_pages}, the record has {recorded}")
    return found


def page_range(text: str) -> str:
    """The last page range written (a title may hold a range of years before it), in
    full: 237-50 is 237-250."""
    ranges = PAGES.findall(text)
    if not ranges:
        return ""
    first, last = ranges[-1]
    if len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return f"{first}-{last}"


def unconfirmed(text: str, record: Record) -> list[str]:
    """Details a written reference gives that the record does not hold."""
    written_pages = page_range(text)
    if written_pages and not record.reference.page:
        return [f"pages {written_pages}: the record holds no page range"]
    return []


def _has_subtitle(plain: str, record: Record) -> bool:
    from rapidfuzz import fuzz

    return fuzz.partial_ratio(record.sub, plain) >= SUBTITLE_MATCH


def _written_subtitle(text: str, ref: Reference) -> str:
    """The subtitle written after the main title, up to the end of the title."""
    pattern = re.escape(main_title(ref.title)[:20])
    found = re.search(pattern + r"[^:]*:\s*([^.\u201d\"*]+)", text, flags=re.IGNORECASE)
    return found.group(1).strip() if found else ""


def judge(written: Written, records: Sequence[Record]) -> Verdict:
    """The verdict on one written reference."""
    record = match(written.text, records)
    if record is None:
        return Verdict(written, UNKNOWN, None, [])
    ref = record.reference
    if ref.status == "doubtful":
        return Verdict(written, DOUBTFUL, ref.key, [])
    different = differences(written.text, record)
    if different and ref.status == "unverified-detail":
        # The record is not sure of every detail: a difference is not an error.
        return Verdict(written, CANNOT_CONFIRM, ref.key, different)
    if different:
        return Verdict(written, MISCITED, ref.key, different)
    unsure = unconfirmed(written.text, record)
    if unsure:
        return Verdict(written, CANNOT_CONFIRM, ref.key, unsure)
    return Verdict(written, MATCHED, ref.key, [])


REPEATED_NAMES = re.compile(r"^\s*(?:-{2,}|[\u2014\u2013]{2,}|\u2e3a|\u2e3b)")
NAMES_PART = re.compile(r"^(.*?)(?=\(\d{4}|\.\s|\d{4})")


def audit(written: Iterable[Written], references: Iterable[Reference]) -> list[Verdict]:
    """A verdict on every written reference."""
    records = [Record(ref) for ref in references]
    verdicts = []
    names = ""
    for one in written:
        text = one.text
        if REPEATED_NAMES.match(text):  # MLA's --- and Chicago's ——— repeat the names above
            text = REPEATED_NAMES.sub(names, text, count=1)
        else:
            found = NAMES_PART.match(text)
            names = found.group(1) if found else ""
        verdicts.append(judge(Written(one.line, text), records))
    return verdicts


def instead(ref: Reference, references: dict[str, Reference]) -> str:
    """What the record says to cite in place of a reference, author-year."""
    better = [cite.narrative(references[k]) for k in ref.use_instead if k in references]
    return "; ".join(better)


def what_it_is_about(ref: Reference) -> str:
    """What the record's note says the work is about or does not support, else its first
    sentence: the audit cannot read an essay's meaning, only repeat what the record knows."""
    sentences = [part.strip() for part in re.split(r"(?<=\.)\s+", ref.note) if part.strip()]
    telling = [s for s in sentences if " about " in s or "support" in s]
    return (telling or sentences[:1] or [""])[0]
