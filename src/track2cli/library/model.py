"""The in-memory content model, built by the loader.

The pages and records (Topic, Principle, Case, Reference, Question, Library) are frozen
dataclasses; the small values inside them are NamedTuples, as immutable and much
cheaper to define, which matters because every command starts by importing this.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, NamedTuple

from track2cli.library.errors import NotFoundError

STATUSES = ("confirmed", "unverified-detail", "doubtful")
# CSL types the styles format; anything else is refused by the loader.
REFERENCE_TYPES = (
    "book",
    "chapter",
    "article-journal",
    "article-magazine",
    "article-newspaper",
    "entry-encyclopedia",
    "webpage",
    "report",
    "thesis",
    "paper-conference",
    "interview",
    "treaty",
    "document",
)
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# Pandoc citations: [@a], [@a; @b], [@a, p. 8], [-@a] (year only), [see @a].
CITATION = re.compile(r"\[([^\[\]]*@[^\[\]]*)\]")
CITE_PART = re.compile(
    r"^(?P<prefix>(?:.*\s)?)(?P<suppress>-?)@(?P<key>\w[\w-]*(?:[:.]\w[\w-]*)*)"
    r"(?:,\s*(?P<locator>.+))?$",
    re.S,
)


class Cite(NamedTuple):
    """One key inside a bracketed citation, with its prefix and locator."""

    key: str
    prefix: str = ""
    locator: str = ""
    suppress_author: bool = False


def parse_citation(inner: str) -> list[Cite] | None:
    """The cites inside one pair of brackets, or None when it is not a citation."""
    cites = []
    for part in inner.split(";"):
        match = CITE_PART.match(part.strip())
        if match is None:
            return None
        cites.append(
            Cite(
                key=match["key"],
                prefix=match["prefix"].strip(),
                locator=(match["locator"] or "").strip(),
                suppress_author=bool(match["suppress"]),
            )
        )
    return cites


def cited_keys(text: str) -> list[str]:
    """The citation keys in a text, in order of first appearance."""
    keys: list[str] = []
    for match in CITATION.finditer(text):
        for cite in parse_citation(match.group(1)) or ():
            if cite.key not in keys:
                keys.append(cite.key)
    return keys


def suggest(name: str, candidates: Iterable[str]) -> list[str]:
    """Up to three candidates close to a name, best first."""
    import difflib  # only on the error path

    return difflib.get_close_matches(name, list(candidates), n=3, cutoff=0.6)


def normalize(name: str) -> str:
    """A typed name as an id: lower case, spaces and underscores read as dashes."""
    return re.sub(r"[\s_]+", "-", name.strip().lower())


class Name(NamedTuple):
    """A person's name as CSL-JSON gives it."""

    family: str
    given: str = ""


@dataclass(frozen=True)
class Reference:
    """One bibliography entry, with what the fact check found about it."""

    key: str
    type: str
    title: str
    issued: int  # the year; 0 when no date was seen ("n.d.")
    status: str
    note: str
    seen: str = ""  # what of the work the fact check saw: "abstract", "full text", ...
    month: int = 0
    day: int = 0
    author: tuple[Name, ...] = ()
    editor: tuple[Name, ...] = ()
    interviewer: tuple[Name, ...] = ()
    container_title: str = ""
    collection_title: str = ""
    number: str = ""
    genre: str = ""
    event_title: str = ""
    event_place: str = ""
    url: str = ""
    language: str = ""  # a title not in English keeps its own capitals: 'no', 'fr'
    publisher: str = ""
    edition: str = ""
    volume: str = ""
    issue: str = ""
    page: str = ""
    doi: str = ""
    isbn: str = ""
    in_source_article: bool = False
    use_instead: tuple[str, ...] = ()
    suffix: str = ""  # 'a', 'b', ... for works by the same names in the same year

    @property
    def creators(self) -> tuple[Name, ...]:
        """Who is named first: the authors, or the editors of an edited book."""
        return self.author or self.editor

    @property
    def year(self) -> str:
        """The year as styles print it: '1997', '1993a', or 'n.d.' ('n.d.-a') when unseen."""
        if not self.issued:
            return f"n.d.-{self.suffix}" if self.suffix else "n.d."
        return f"{self.issued}{self.suffix}"

    def date_parts(self) -> list[int]:
        """The date as CSL-JSON's date-parts: [1993, 9, 14], [1997] or []."""
        parts = [self.issued, self.month, self.day]
        while parts and not parts[-1]:
            parts.pop()
        return parts


class Section(NamedTuple):
    """A headed part of a topic page."""

    heading: str
    body: str


class Term(NamedTuple):
    """A glossary entry."""

    term: str
    definition: str


class Person(NamedTuple):
    """A scholar-practitioner or participant the content names."""

    id: str
    name: str
    known_for: str
    body: str


@dataclass(frozen=True)
class Principle:
    """One principle of Track II; a page of its own."""

    id: str
    title: str
    summary: str
    body: str
    see_also: tuple[str, ...] = ()


@dataclass(frozen=True)
class Topic:
    """A topic page."""

    id: str
    order: int
    title: str
    summary: str
    body: str
    sections: tuple[Section, ...] = ()
    principles: tuple[str, ...] = ()
    terms: tuple[Term, ...] = ()
    people: tuple[Person, ...] = ()
    see_also: tuple[str, ...] = ()

    def texts(self) -> Iterator[str]:
        """Every prose field, for finding citations."""
        yield self.body
        for section in self.sections:
            yield section.body
        for term in self.terms:
            yield term.definition
        for person in self.people:
            yield person.body


class Event(NamedTuple):
    """A dated step in a case."""

    date: str
    event: str


class PrincipleLink(NamedTuple):
    """How a case shows a principle."""

    principle: str
    how: str


@dataclass(frozen=True)
class Case:
    """A case study."""

    id: str
    title: str
    period: str
    summary: str
    background: str
    participants: str
    timeline: tuple[Event, ...]
    principles: tuple[PrincipleLink, ...]
    limits: str
    aliases: tuple[str, ...] = ()
    track: str = ""  # a key of TRACKS: what kind of channel the case was
    classification: str = ""  # why it carries that label
    third_party: str = ""
    official_talks: str = ""  # how it linked to official negotiations
    sources: tuple[str, ...] = ()
    see_also: tuple[str, ...] = ()

    def texts(self) -> Iterator[str]:
        """Every prose field, for finding citations."""
        yield self.classification
        yield self.background
        yield self.participants
        yield self.third_party
        for step in self.timeline:
            yield step.event
        yield self.official_talks
        for link in self.principles:
            yield link.how
        yield self.limits


# How honest labels sort the channels a case describes (see topics/tracks.yaml).
TRACKS = {
    "track-ii": "Track II",
    "track-1.5": "Track 1.5",
    "back-channel": "Back channel",
    "hybrid": "Hybrid",
}

QUESTION_KINDS = ("choice", "multi", "truefalse", "match", "order")


class Option(NamedTuple):
    """A possible answer to a choice or multi question."""

    text: str
    correct: bool = False
    why: str = ""


class Pair(NamedTuple):
    """An item and the match it belongs with, in a match question."""

    item: str
    match: str


@dataclass(frozen=True)
class Question:
    """A quiz question; its id is stable, so progress survives edits to the wording."""

    id: str
    kind: str
    about: tuple[str, ...]
    prompt: str
    explanation: str
    cites: tuple[str, ...]
    options: tuple[Option, ...] = ()
    answer: bool | None = None
    pairs: tuple[Pair, ...] = ()
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Library:
    """All loaded content, looked up by id."""

    topics: dict[str, Topic] = field(default_factory=dict)
    principles: dict[str, Principle] = field(default_factory=dict)
    cases: dict[str, Case] = field(default_factory=dict)
    references: dict[str, Reference] = field(default_factory=dict)
    questions: dict[str, Question] = field(default_factory=dict)

    def kind_of(self, item_id: str) -> str | None:
        """Which kind of item an id names: topic, principle or case."""
        if item_id in self.topics:
            return "topic"
        if item_id in self.principles:
            return "principle"
        if item_id in self.cases:
            return "case"
        return None

    def case_names(self) -> dict[str, str]:
        """Every name a case answers to (ids and aliases), mapped to its id."""
        names = {case_id: case_id for case_id in self.cases}
        for case in self.cases.values():
            names.update(dict.fromkeys(case.aliases, case.id))
        return names

    def find_page(self, name: str) -> Topic | Principle:
        """The topic or principle a typed name means, or NotFoundError with close matches."""
        wanted = normalize(name)
        if wanted in self.topics:
            return self.topics[wanted]
        if wanted in self.principles:
            return self.principles[wanted]
        hint = ""
        if wanted in self.case_names():
            hint = f"it is a case: try 'track2 case {wanted}'"
        raise NotFoundError("topic", name, suggest(wanted, [*self.topics, *self.principles]), hint)

    def find_case(self, name: str) -> Case:
        """The case a typed name or alias means, or NotFoundError with close matches."""
        wanted = normalize(name)
        names = self.case_names()
        if wanted in names:
            return self.cases[names[wanted]]
        hint = ""
        if wanted in self.topics or wanted in self.principles:
            hint = f"it is a topic: try 'track2 explain {wanted}'"
        raise NotFoundError("case", name, suggest(wanted, names), hint)

    def find_item(self, name: str) -> Topic | Principle | Case:
        """The topic, principle or case a typed name means, or NotFoundError."""
        wanted = normalize(name)
        names = self.case_names()
        if wanted in names:
            return self.cases[names[wanted]]
        if wanted in self.topics or wanted in self.principles:
            return self.find_page(wanted)
        known = [*self.topics, *self.principles, *names]
        raise NotFoundError("topic, principle or case", name, suggest(wanted, known))

    def pages_for(self, names: Iterable[str]) -> set[str]:
        """The page ids typed names mean (ids or aliases); a topic brings its principles."""
        pages: set[str] = set()
        for name in names:
            item = self.find_item(name)
            pages.add(item.id)
            if isinstance(item, Topic):
                pages.update(item.principles)
        return pages

    def find_reference(self, key: str) -> Reference:
        """The reference with a citation key, or NotFoundError with close matches."""
        if key in self.references:
            return self.references[key]
        wanted = key.strip().lower()
        if wanted in self.references:
            return self.references[wanted]
        raise NotFoundError("reference", key, suggest(wanted, self.references))

    def links_to(self, principle_id: str) -> list[tuple[Case, PrincipleLink]]:
        """The cases that show a principle, each with how it shows it, in index order."""
        return [
            (case, link)
            for case in self.cases.values()
            for link in case.principles
            if link.principle == principle_id
        ]

    def sources_of(self, item: Topic | Principle | Case) -> list[str]:
        """The citation keys a page cites, in order of first citation, then its further reading."""
        if isinstance(item, Case):
            texts, extra = list(item.texts()), item.sources
        elif isinstance(item, Principle):
            texts, extra = [item.body, *(link.how for _, link in self.links_to(item.id))], ()
        else:
            principles = [self.principles[p].body for p in item.principles]
            texts, extra = [*item.texts(), *principles], ()
        keys: list[str] = []
        for text in texts:
            keys.extend(k for k in cited_keys(text) if k not in keys)
        keys.extend(k for k in extra if k not in keys)
        return keys


def jsonable(value: Any) -> Any:
    """A model value as JSON-ready data: records become objects, tuples become lists."""
    if hasattr(value, "_asdict"):
        return {key: jsonable(item) for key, item in value._asdict().items()}
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    if isinstance(value, dict):
        return {key: jsonable(item) for key, item in value.items()}
    return value
