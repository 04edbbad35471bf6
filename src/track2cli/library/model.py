"""The in-memory content model, built by the loader, and the one description of it.

The pages and records (Topic, Principle, Case, Reference, Question, Library) are frozen
dataclasses sharing one set of methods (Record); the small values inside them are
NamedTuples, as immutable and cheap to define, which matters because every command
starts by importing this.

Each record's fields are described where they are declared: a dataclass field's
metadata, and for a NamedTuple entry the ENTRIES table beside its class, say how the
field is written in YAML, whether it is required, whether it is prose that cites, and
what its ids must name. The checker, the JSON Schemas, the builders the loader and the
cache share, the link checker and `texts()` are all derived from that (records.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import MISSING, FrozenInstanceError, dataclass, field, fields, is_dataclass
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform  # with Python 3.12's frozen_default
else:
    from typing import dataclass_transform

from track2cli.library import messages
from track2cli.library.errors import NotFoundError

# The folders of a content pack, each holding YAML files of one kind of record.
FOLDERS = ("topics", "cases", "questions", "workshops")
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
    if "@" not in text:  # most texts cite nothing: no need to look further
        return keys
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


def term_id(term: str) -> str:
    """A glossary term as an id: "Track 1.5 (track one and a half)" is `track-1-5`."""
    words = re.sub(r"\(.*?\)", "", term).lower()
    return "-".join(re.findall(r"[^\W_]+", words))


class Field(NamedTuple):
    """How one field of a record is written in YAML, checked, cited and linked."""

    kind: str  # text, int, bool, date, ids, names, records
    required: bool = False
    yaml: str = ""  # its name in YAML; the attribute's own name when empty
    prose: bool = False  # text that may cite: its citations are checked and listed
    links: str = ""  # what its ids (or each entry's `id`) must name: page, principle, reference
    entries: Any = None  # names and records: the type each entry becomes
    default: Any = None  # the value when the YAML leaves an optional field out
    is_id: bool = False  # an id (or list of ids): lower-case words joined by dashes


def described(
    kind: str,
    *,
    required: bool = False,
    yaml: str = "",
    prose: bool = False,
    links: str = "",
    entries: Any = None,
    default: Any = MISSING,
    is_id: bool = False,
) -> Any:
    """A dataclass field that carries its own description (see Field)."""
    value = None if default is MISSING else default
    spec = Field(kind, required, yaml, prose, links, entries, value, is_id)
    if default is MISSING:
        return field(metadata={"track2": spec})
    return field(default=default, metadata={"track2": spec})


# How the fields of each small NamedTuple value are written in YAML, keyed by its type.
ENTRIES: dict[type, dict[str, Field]] = {}


def fields_of(record_type: type) -> dict[str, Field]:
    """Attribute name -> its description, for a record dataclass or a described entry."""
    if record_type not in _DESCRIPTIONS:  # worked out once: the loader asks per record
        if record_type in ENTRIES:
            described_fields = ENTRIES[record_type]
        else:
            described_fields = {
                f.name: f.metadata["track2"] for f in fields(record_type) if "track2" in f.metadata
            }
        _DESCRIPTIONS[record_type] = {
            name: spec if spec.yaml else spec._replace(yaml=name)
            for name, spec in described_fields.items()
        }
    return _DESCRIPTIONS[record_type]


_DESCRIPTIONS: dict[type, dict[str, Field]] = {}


def prose_of(record: Any) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every prose text in a record, in the order of its fields, with its YAML path."""
    for name, yaml, entries in _plan(type(record))[0]:
        value = getattr(record, name)
        if entries is None:
            yield (yaml,), value
            continue
        for index, entry in enumerate(value):
            for where, text in prose_of(entry):
                yield (yaml, index, *where), text


def links_of(record: Any) -> Iterator[tuple[tuple[str | int, ...], str, str, str]]:
    """Every id in a record that must name something: its YAML path, the id, what it
    must name (page, principle, reference) and the field it is listed under."""
    return _links(record, _plan(type(record))[1], (), "")


def _links(
    record: Any, plan: list[tuple[str, str, str, Any]], where: tuple[str | int, ...], label: str
) -> Iterator[tuple[tuple[str | int, ...], str, str, str]]:
    for name, yaml, links, inner in plan:
        value = getattr(record, name)
        if inner is not None:  # entries that hold links: each, however deep
            for index, entry in enumerate(value):
                yield from _links(entry, inner, (*where, yaml, index), yaml)
        elif isinstance(value, str):  # one id in an entry: listed under the entries' field
            yield (*where, yaml), value, links, label or yaml
        else:
            for index, linked in enumerate(value):
                yield (*where, yaml, index), linked, links, yaml


# Per record type, which fields hold prose and which hold links (or entries that do):
# worked out once from the descriptions, since the loader asks for every record.
Plan = tuple[list[tuple[str, str, Any]], list[tuple[str, str, str, Any]]]
_PLANS: dict[type, Plan] = {}


def _plan(record_type: type) -> Plan:
    if record_type not in _PLANS:
        prose: list[tuple[str, str, Any]] = []
        links: list[tuple[str, str, str, Any]] = []
        for name, spec in fields_of(record_type).items():
            entries = spec.entries if spec.kind == "records" and spec.entries in ENTRIES else None
            if spec.prose:
                prose.append((name, spec.yaml, None))
            elif entries is not None and _plan(entries)[0]:
                prose.append((name, spec.yaml, entries))
            if spec.links:
                links.append((name, spec.yaml, spec.links, None))
            elif entries is not None and _plan(entries)[1]:
                links.append((name, spec.yaml, "", _plan(entries)[1]))
        _PLANS[record_type] = (prose, links)
    return _PLANS[record_type]


R = TypeVar("R")


class Record:
    """What every record shares: built with keywords, compared and hashed by its fields,
    and never changed once built.

    dataclass() would write these for each class, compiling an __init__, __repr__,
    __eq__, __hash__ and two guards per class as the module is imported; that cost a
    sixteenth of a page's whole run, so they are written once here instead.
    """

    def __init__(self, **values: Any) -> None:
        state = {}
        for name, default, factory in _init_fields(type(self)):
            if name in values:
                state[name] = values.pop(name)
            elif default is not MISSING:
                state[name] = default
            elif factory is not MISSING:
                state[name] = factory()
            else:
                raise TypeError(f"{type(self).__name__}() is missing the field {name!r}")
        if values:
            raise TypeError(f"{type(self).__name__}() has no field {', '.join(map(repr, values))}")
        object.__setattr__(self, "__dict__", state)

    def _values(self) -> tuple[Any, ...]:
        return tuple(self.__dict__[name] for name, _, _ in _init_fields(type(self)))

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = (f"{name}={self.__dict__[name]!r}" for name, _, _ in _init_fields(type(self)))
        return f"{type(self).__name__}({', '.join(shown)})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")


_INIT_FIELDS: dict[type, list[tuple[str, Any, Any]]] = {}


def _init_fields(cls: type) -> list[tuple[str, Any, Any]]:
    """Each field of a record in order, with its default and default factory."""
    if cls not in _INIT_FIELDS:
        _INIT_FIELDS[cls] = [(f.name, f.default, f.default_factory) for f in fields(cls)]
    return _INIT_FIELDS[cls]


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(field,))
def record(cls: type[R]) -> type[R]:
    """Make a Record subclass a dataclass: its fields described, its methods Record's."""
    return dataclass(init=False, repr=False, eq=False)(cls)


class Name(NamedTuple):
    """A person's name as CSL-JSON gives it."""

    family: str
    given: str = ""


ENTRIES[Name] = {"family": Field("text", True), "given": Field("text", default="")}


@record
class Reference(Record):
    """One bibliography entry, with what the fact check found about it."""

    key: str  # the key it is filed under in references.yaml
    type: str = described("text", required=True)
    title: str = described("text", required=True)
    # The year, 0 when no date was seen ("n.d."); a date also fills month and day.
    issued: int = described("date", default=0)
    status: str = described("text", required=True)
    note: str = described("text", required=True)
    seen: str = described("text", default="")  # what the fact check saw: "abstract", ...
    month: int = 0
    day: int = 0
    author: tuple[Name, ...] = described("names", entries=Name, default=())
    editor: tuple[Name, ...] = described("names", entries=Name, default=())
    interviewer: tuple[Name, ...] = described("names", entries=Name, default=())
    container_title: str = described("text", yaml="container-title", default="")
    collection_title: str = described("text", yaml="collection-title", default="")
    number: str = described("text", default="")
    genre: str = described("text", default="")
    event_title: str = described("text", yaml="event-title", default="")
    event_place: str = described("text", yaml="event-place", default="")
    url: str = described("text", yaml="URL", default="")
    # A title not in English keeps its own capitals: 'no', 'fr'.
    language: str = described("text", default="")
    publisher: str = described("text", default="")
    edition: str = described("text", default="")
    volume: str = described("text", default="")
    issue: str = described("text", default="")
    page: str = described("text", default="")
    doi: str = described("text", yaml="DOI", default="")
    isbn: str = described("text", yaml="ISBN", default="")
    in_source_article: bool = described("bool", yaml="in-source-article", default=False)
    # Checked as the references are read: "use-instead: unknown key".
    use_instead: tuple[str, ...] = described("ids", yaml="use-instead", default=())
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


ENTRIES[Section] = {"heading": Field("text", True), "body": Field("text", True, prose=True)}


class Term(NamedTuple):
    """A glossary entry."""

    term: str
    definition: str


ENTRIES[Term] = {"term": Field("text", True), "definition": Field("text", True, prose=True)}


class Person(NamedTuple):
    """A scholar-practitioner or participant the content names."""

    id: str
    name: str
    known_for: str
    body: str


ENTRIES[Person] = {
    "id": Field("text", True, is_id=True),
    "name": Field("text", True),
    "known_for": Field("text", True),
    "body": Field("text", True, prose=True),
}


@record
class Principle(Record):
    """One principle of Track II; a page of its own, defined inside a topic's file."""

    id: str = described("text", required=True, is_id=True)
    title: str = described("text", required=True)
    summary: str = described("text", required=True)
    body: str = described("text", required=True, prose=True)
    see_also: tuple[str, ...] = described("ids", links="page", default=())


@record
class Topic(Record):
    """A topic page."""

    id: str = described("text", required=True)
    order: int = described("int", default=100)
    title: str = described("text", required=True)
    summary: str = described("text", required=True)
    body: str = described("text", required=True, prose=True)
    sections: tuple[Section, ...] = described("records", entries=Section, default=())
    # The file defines its principles in full; they become pages of their own and the
    # topic keeps their ids.
    principles: tuple[str, ...] = described("records", entries=Principle, default=())
    terms: tuple[Term, ...] = described("records", entries=Term, default=())
    people: tuple[Person, ...] = described("records", entries=Person, default=())
    sources: tuple[str, ...] = described("ids", links="reference", default=())
    see_also: tuple[str, ...] = described("ids", links="page", default=())

    def texts(self) -> Iterator[str]:
        """Every prose field, for finding citations."""
        return (text for _, text in prose_of(self))


class Event(NamedTuple):
    """A dated step in a case."""

    date: str
    event: str


ENTRIES[Event] = {"date": Field("text", True), "event": Field("text", True, prose=True)}


class PrincipleLink(NamedTuple):
    """How a case shows a principle."""

    principle: str
    how: str


ENTRIES[PrincipleLink] = {
    "principle": Field("text", True, yaml="id", links="principle"),
    "how": Field("text", True, prose=True),
}


@record
class Case(Record):
    """A case study."""

    id: str = described("text", required=True)
    title: str = described("text", required=True)
    aliases: tuple[str, ...] = described("ids", is_id=True, default=())
    period: str = described("text", required=True)
    summary: str = described("text", required=True)
    track: str = described("text", default="")  # a key of TRACKS: what kind of channel
    classification: str = described("text", prose=True, default="")  # why that label
    background: str = described("text", required=True, prose=True)
    participants: str = described("text", required=True, prose=True)
    third_party: str = described("text", prose=True, default="")
    timeline: tuple[Event, ...] = described("records", required=True, entries=Event)
    # How it linked to official negotiations.
    official_talks: str = described("text", prose=True, default="")
    principles: tuple[PrincipleLink, ...] = described(
        "records", required=True, entries=PrincipleLink
    )
    limits: str = described("text", required=True, prose=True)
    sources: tuple[str, ...] = described("ids", links="reference", default=())
    see_also: tuple[str, ...] = described("ids", links="page", default=())

    def texts(self) -> Iterator[str]:
        """Every prose field, for finding citations."""
        return (text for _, text in prose_of(self))


# How honest labels sort the channels a case describes (see topics/tracks.yaml).
TRACKS = {
    "track-ii": "Track II",
    "track-1.5": "Track 1.5",
    "back-channel": "Back channel",
    "hybrid": "Hybrid",
}


class Option(NamedTuple):
    """A possible answer to a choice or multi question."""

    text: str
    correct: bool = False
    why: str = ""


ENTRIES[Option] = {
    "text": Field("text", True),
    "correct": Field("bool", default=False),
    "why": Field("text", prose=True, default=""),
}


class Pair(NamedTuple):
    """An item and the match it belongs with, in a match question."""

    item: str
    match: str


ENTRIES[Pair] = {"item": Field("text", True), "match": Field("text", True)}


class Gap(NamedTuple):
    """A gap in a cloze question: the answers accepted for it, the first as shown."""

    accept: tuple[str, ...]


ENTRIES[Gap] = {"accept": Field("ids", True)}


@record
class Question(Record):
    """A quiz question; its id is stable, so progress survives edits to the wording."""

    id: str = described("text", required=True, is_id=True)
    kind: str = described("text", required=True)
    about: tuple[str, ...] = described("ids", required=True, links="page")
    prompt: str = described("text", required=True)
    explanation: str = described("text", required=True, prose=True)
    cites: tuple[str, ...] = described("ids", required=True, links="reference")
    # What a question holds depends on its kind (kinds.py).
    options: tuple[Option, ...] = described("records", entries=Option, default=())
    answer: bool | None = described("bool", default=None)
    pairs: tuple[Pair, ...] = described("records", entries=Pair, default=())
    items: tuple[str, ...] = described("ids", default=())
    accept: tuple[str, ...] = described("ids", default=())  # typed answers, the first as shown
    gaps: tuple[Gap, ...] = described("records", entries=Gap, default=())


# What a workshop's debrief scores, in the order it shows them: what the literature on
# problem-solving workshops says matters (see topics/workshops.yaml and transfer.yaml).
DIMENSIONS = ("trust", "analysis", "confidentiality", "transfer", "inclusion")
# The stages a workshop scenario follows, from preparation to transfer.
STAGES = ("preparation", "ground-rules", "opening", "analysis", "crisis", "options", "transfer")
LOWEST, HIGHEST = 0, 100  # every state variable stays in this range


class Side(NamedTuple):
    """One party to a workshop scenario's conflict."""

    id: str
    name: str
    summary: str


ENTRIES[Side] = {
    "id": Field("text", True, is_id=True),
    "name": Field("text", True),
    "summary": Field("text", True),
}


class Variable(NamedTuple):
    """A state variable a workshop run carries from step to step, scored at the end."""

    id: str
    label: str
    measures: str  # one of DIMENSIONS
    why: str  # why it matters, citing the literature
    page: str  # the page to reread when it ends low
    start: int = 50
    side: str = ""  # the side whose trust it is, for trust


ENTRIES[Variable] = {
    "id": Field("text", True, is_id=True),
    "label": Field("text", True),
    "measures": Field("text", True),
    "why": Field("text", True, prose=True),
    "page": Field("text", True, links="page"),
    "start": Field("int", default=50),
    "side": Field("text", default=""),
}


class Choice(NamedTuple):
    """One thing the facilitator may do at a step: what it changes and where it leads."""

    text: str
    principle: str  # the principle behind it, in a few words, for the debrief
    feedback: str  # why it helps or hurts, citing the literature
    next: str  # the step or ending it leads to
    effects: tuple[str, ...] = ()  # "trust-north +10", "confidentiality -20"
    pages: tuple[str, ...] = ()


ENTRIES[Choice] = {
    "text": Field("text", True),
    "principle": Field("text", True),
    "feedback": Field("text", True, prose=True),
    "next": Field("text", True),
    "effects": Field("ids", default=()),
    "pages": Field("ids", default=(), links="page"),
}


class Route(NamedTuple):
    """Where a step sends the run instead, when a condition on the state holds."""

    to: str
    when: str = ""  # "confidentiality < 40"; empty: always


ENTRIES[Route] = {"to": Field("text", True), "when": Field("text", default="")}


class Step(NamedTuple):
    """A decision point: the situation and the facilitator's choices, or only routes."""

    id: str
    stage: str  # one of STAGES
    title: str
    situation: str
    choices: tuple[Choice, ...] = ()
    routes: tuple[Route, ...] = ()  # checked on arrival, before the choices


ENTRIES[Step] = {
    "id": Field("text", True, is_id=True),
    "stage": Field("text", True),
    "title": Field("text", True),
    "situation": Field("text", True, prose=True),
    "choices": Field("records", entries=Choice, default=()),
    "routes": Field("records", entries=Route, default=()),
}


class Ending(NamedTuple):
    """How a run ends."""

    id: str
    title: str
    text: str


ENTRIES[Ending] = {
    "id": Field("text", True, is_id=True),
    "title": Field("text", True),
    "text": Field("text", True, prose=True),
}


class Role(NamedTuple):
    """A participant's role card, for the classroom kit."""

    id: str
    name: str
    side: str
    who: str
    history: str  # their side's history, as they tell it
    fears: str
    hopes: str
    limits: str  # what they may not say


ENTRIES[Role] = {
    "id": Field("text", True, is_id=True),
    "name": Field("text", True),
    "side": Field("text", True),
    "who": Field("text", True),
    "history": Field("text", True),
    "fears": Field("text", True),
    "hopes": Field("text", True),
    "limits": Field("text", True),
}


class Prompt(NamedTuple):
    """A debrief question for the class, with the pages it draws on."""

    question: str
    pages: tuple[str, ...] = ()


ENTRIES[Prompt] = {
    "question": Field("text", True, prose=True),
    "pages": Field("ids", default=(), links="page"),
}


@record
class Workshop(Record):
    """A simulated problem-solving workshop, played as its facilitator (workshops.py
    holds the rules a scenario keeps)."""

    id: str = described("text", required=True)
    title: str = described("text", required=True)
    summary: str = described("text", required=True)
    setting: str = described("text", required=True, prose=True)  # the invented conflict
    sides: tuple[Side, ...] = described("records", required=True, entries=Side)
    state: tuple[Variable, ...] = described("records", required=True, entries=Variable)
    start: str = described("text", required=True)  # the first step
    steps: tuple[Step, ...] = described("records", required=True, entries=Step)
    endings: tuple[Ending, ...] = described("records", required=True, entries=Ending)
    roles: tuple[Role, ...] = described("records", required=True, entries=Role)
    observe: tuple[str, ...] = described("ids", default=())  # the observers' checklist
    debrief: tuple[Prompt, ...] = described("records", entries=Prompt, default=())
    sources: tuple[str, ...] = described("ids", links="reference", default=())
    see_also: tuple[str, ...] = described("ids", links="page", default=())

    def step(self, step_id: str) -> Step:
        """The step with this id."""
        return next(step for step in self.steps if step.id == step_id)

    def ending(self, ending_id: str) -> Ending | None:
        """The ending with this id, or None when it names a step."""
        return next((ending for ending in self.endings if ending.id == ending_id), None)


@record
class Library(Record):
    """All loaded content, looked up by id."""

    topics: dict[str, Topic] = field(default_factory=dict)
    principles: dict[str, Principle] = field(default_factory=dict)
    cases: dict[str, Case] = field(default_factory=dict)
    references: dict[str, Reference] = field(default_factory=dict)
    questions: dict[str, Question] = field(default_factory=dict)
    workshops: dict[str, Workshop] = field(default_factory=dict)

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
            hint = messages.IS_A_CASE.format(name=wanted)
        raise NotFoundError("topic", name, suggest(wanted, [*self.topics, *self.principles]), hint)

    def entries(self) -> dict[str, tuple[Topic, Term | Person]]:
        """Glossary terms and people by id, each with the page it is on: `back-channel`,
        `ahmed-qurei`."""
        found: dict[str, tuple[Topic, Term | Person]] = {}
        for topic in self.topics.values():
            for term in topic.terms:
                found.setdefault(term_id(term.term), (topic, term))
            for person in topic.people:
                found.setdefault(person.id, (topic, person))
        return found

    def find_case(self, name: str) -> Case:
        """The case a typed name or alias means, or NotFoundError with close matches."""
        wanted = normalize(name)
        names = self.case_names()
        if wanted in names:
            return self.cases[names[wanted]]
        hint = ""
        if wanted in self.topics or wanted in self.principles:
            hint = messages.IS_A_TOPIC.format(name=wanted)
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

    def questions_by_page(self) -> dict[str, list[str]]:
        """Each page's question ids in bank order (a question about two pages is in both);
        one pass over the bank, where asking page by page would pass once per page."""
        found: dict[str, list[str]] = {}
        for question in self.questions.values():
            for page_id in question.about:
                found.setdefault(page_id, []).append(question.id)
        return found

    def find_workshop(self, name: str) -> Workshop:
        """The workshop scenario a typed name means, or NotFoundError with close matches."""
        wanted = normalize(name)
        if wanted in self.workshops:
            return self.workshops[wanted]
        raise NotFoundError("workshop", name, suggest(wanted, self.workshops))

    def find_question(self, question_id: str) -> Question:
        """The question with an id, or NotFoundError with close matches."""
        if question_id in self.questions:
            return self.questions[question_id]
        raise NotFoundError("question", question_id, suggest(question_id, self.questions))

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
        """The citation keys a page cites, in order of first citation, then its further
        reading (the references its fields list, such as a case's `sources`)."""
        texts = [text for _, text in prose_of(item)]
        if isinstance(item, Principle):
            texts += [link.how for _, link in self.links_to(item.id)]
        elif isinstance(item, Topic):
            texts += [self.principles[p].body for p in item.principles]
        keys: list[str] = []
        for text in texts:
            keys.extend(k for k in cited_keys(text) if k not in keys)
        listed = (key for _, key, target, _ in links_of(item) if target == "reference")
        keys.extend(k for k in listed if k not in keys)
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
