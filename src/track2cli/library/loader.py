"""Read content layers into a Library, gathering every problem as file:line.

`load` is the one way in. Each layer is read into a Registry of located records
(builders.py builds them from the described fields, kinds.py holds the question rules);
then links.py checks every link across the layers, and the Library is assembled.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from track2cli import bundled_content
from track2cli.library import messages
from track2cli.library.builders import build
from track2cli.library.errors import ContentError, Problem, sort_problems
from track2cli.library.kinds import buildable, entry_problems, question_problems
from track2cli.library.links import Located, Registry, check_links
from track2cli.library.model import (
    FOLDERS,
    REFERENCE_TYPES,
    STATUSES,
    TRACKS,
    Case,
    Library,
    Principle,
    Question,
    Reference,
    Topic,
    Workshop,
)
from track2cli.library.schema import (
    CASE,
    KEY_PATTERN,
    PACK,
    PRINCIPLE,
    QUESTION,
    QUESTIONS,
    REFERENCE,
    TOPIC,
    WORKSHOP,
    Checker,
    did_you_mean,
    isbn_checks,
)
from track2cli.library.text import printable
from track2cli.library.workshops import workshop_problems
from track2cli.library.yamlfile import Path_, SourceFile, parse_file

FORMAT_VERSION = 1
YAML_SUFFIXES = (".yaml", ".yml")
NOTES = ("README", "LICENSE", "LICENCE", "CHANGELOG", "NOTES")  # a pack's own notes


class Loaded(NamedTuple):
    """What loading found: the Library (None if there is an error) and every problem."""

    library: Library | None
    problems: list[Problem]

    def checked(self) -> Library:
        """The Library, or ContentError with every error (warnings do not stop it)."""
        if self.library is None:
            raise ContentError([p for p in self.problems if p.severity == "error"])
        return self.library


def load(
    layers: Path | Sequence[Path] | None = None,
    *,
    questions: bool = True,
    workshops: bool = True,
    shown_root: str | None = None,
) -> Loaded:
    """Read content layers (by default the bundled content) in order, a later layer
    replacing earlier items by id, and check every link across them.

    Pages pass questions=False: the question bank is most of the content, and only the
    quiz needs it; only `workshop` (and `validate`) need the scenarios, workshops=True.
    shown_root names every layer in problems instead of its path.
    """
    if layers is None:
        layers = [bundled_content()]
    roots = [layers] if isinstance(layers, Path) else list(layers)
    # Loading creates many objects and no reference cycles (files with anchors are
    # checked for them first), so the cyclic garbage collector only slows it down:
    # with it, a 5,000-question pack took 2.5 times as long.
    collecting = gc.isenabled()
    gc.disable()
    try:
        problems: list[Problem] = []
        check = Checker(problems)
        registry = Registry({}, {}, {}, {}, {}, set(), {})
        for root in roots:
            layer = Layer(root, shown_root if shown_root is not None else str(root))
            if not root.is_dir():
                problems.append(Problem(layer.shown, 0, "no such content folder"))
                continue
            reader = LayerReader(layer, registry, check, questions=questions, workshops=workshops)
            reader.read()
        check_links(registry, check)
        problems = sort_problems(problems)
        if any(p.severity == "error" for p in problems):
            return Loaded(None, problems)
        return Loaded(_library(registry), problems)
    finally:
        if collecting:
            gc.enable()


def _library(registry: Registry) -> Library:
    topics = sorted((found.record for found in registry.topics.values()), key=_topic_order)
    cases = sorted((found.record for found in registry.cases.values()), key=_case_order)
    references = (found.record for _, found in sorted(registry.references.items()))
    return Library(
        topics={topic.id: topic for topic in topics},
        principles={pid: found.record for pid, found in registry.principles.items()},
        cases={case.id: case for case in cases},
        references=with_year_suffixes(references),
        questions={qid: found.record for qid, found in sorted(registry.questions.items())},
        workshops={wid: found.record for wid, found in sorted(registry.workshops.items())},
    )


def _reference(checker: Checker, source: SourceFile, key: str, value: Any) -> Reference | None:
    fields = checker.record(source, value, (key,), REFERENCE)
    if fields is None:
        return None
    if fields["status"] not in STATUSES:
        choices = ", ".join(STATUSES)
        checker.add(source, (key, "status"), f"status: must be one of {choices}")
    if fields["type"] not in REFERENCE_TYPES:
        hint = did_you_mean(fields["type"], REFERENCE_TYPES)
        checker.add(source, (key, "type"), f"type: '{fields['type']}' is not a known type{hint}")
    if "ISBN" in fields and not isbn_checks(fields["ISBN"]):
        checker.add(source, (key, "ISBN"), f"ISBN: '{fields['ISBN']}' fails its check digit")
    return build(Reference, fields, checker, source, (key,), key=key)


def with_year_suffixes(refs: Iterable[Reference]) -> dict[str, Reference]:
    """References keyed by citation key, works by the same names in the same year told
    apart as APA does (1993a, 1993b, n.d.-a), lettered in the order of their titles."""
    from dataclasses import replace

    groups: dict[tuple[object, int], list[Reference]] = {}
    for ref in refs:
        who = ref.creators or ref.title.lower()
        groups.setdefault((who, ref.issued), []).append(ref)
    out: dict[str, Reference] = {}
    for group in groups.values():
        ordered = sorted(group, key=lambda r: r.title.lower()) if len(group) > 1 else group
        for index, ref in enumerate(ordered):
            suffix = "abcdefghijklmnopqrstuvwxyz"[index] if len(group) > 1 else ""
            out[ref.key] = replace(ref, suffix=suffix) if suffix else ref
    return dict(sorted(out.items()))


class Layer(NamedTuple):
    """One content folder, and how problems name it."""

    root: Path
    shown: str


class LayerReader:
    """Reads one content folder into the registry, checking each file as it goes."""

    def __init__(
        self, layer: Layer, registry: Registry, check: Checker, *, questions: bool, workshops: bool
    ) -> None:
        self.layer = layer
        self.registry = registry
        self.check = check
        self.problems = check.problems
        self.with_questions = questions
        self.with_workshops = workshops

    def read(self) -> None:
        """Read the folder's pack file, references, topics, cases, questions and workshops,
        and warn of whatever else it holds, which is not read."""
        self._pack()
        self._references()
        self._each("topics", self._topic)
        self._each("cases", self._case)
        if self.with_questions:
            self._each("questions", self._question_file)
        if self.with_workshops:
            self._each("workshops", self._workshop)
        self._unread()

    def _unread(self) -> None:
        """Warn of each file and folder a pack holds that is not read, and of an empty pack:
        a case saved as cases/cyprus.txt or in case/ would otherwise pass unnoticed."""
        root = self.layer.root
        if not root.is_dir():
            return
        content = 0
        for entry in sorted(root.iterdir()):
            if entry.name.startswith(".") or entry.name.upper().startswith(NOTES):
                continue
            if entry.name in FOLDERS and entry.is_dir():
                for inner in sorted(entry.iterdir()):
                    if inner.name.startswith("."):
                        continue
                    if inner.suffix in YAML_SUFFIXES and not inner.is_dir():
                        content += 1
                    else:
                        self._warn_unread(inner, messages.ONLY_YAML_READ)
            elif entry.stem in ("pack", "references") and entry.suffix in YAML_SUFFIXES:
                content += 1
            else:
                self._warn_unread(entry, messages.NOT_PART_OF_A_PACK)
        if not content:
            self.problems.append(Problem(self.layer.shown, 0, messages.EMPTY_PACK, 0, "warning"))

    def _warn_unread(self, path: Path, why: str) -> None:
        self.problems.append(Problem(self.shown(path), 0, why, 0, "warning"))

    def _named(self, stem: str) -> Path:
        """The pack's file of this name, .yaml or .yml."""
        path = self.layer.root / f"{stem}.yaml"
        other = path.with_suffix(".yml")
        return other if not path.is_file() and other.is_file() else path

    def shown(self, path: Path) -> str:
        """A path as problems print it: under its layer as the user named it."""
        # A file's name is shown in problems: it must not carry terminal controls.
        return printable(str(Path(self.layer.shown) / path.relative_to(self.layer.root)))

    def parse(self, path: Path) -> SourceFile | None:
        """Parse a file, or record why it could not be read (an empty file included)."""
        if not path.resolve().is_relative_to(self.layer.root.resolve()):
            # A pack reads only its own files, whatever its links point at.
            self.problems.append(Problem(self.shown(path), 0, "links outside its pack: not read"))
            return None
        source = parse_file(path, self.shown(path), self.problems)
        if source is not None and source.data is None:
            self.problems.append(Problem(source.shown, 1, "the file is empty", 1))
            return None
        return source

    def overrides(self, source: SourceFile, where: Path_, what: str, earlier: SourceFile) -> None:
        """Warn that an item replaces one from an earlier layer."""
        line, column = source.position(where)
        message = f"{what} overrides the one in {earlier.shown}"
        self.problems.append(Problem(source.shown, line, message, column, "warning"))

    def _pack(self) -> None:
        path = self._named("pack")
        if not path.is_file():
            return  # optional: a pack may be just a folder of cases
        source = self.parse(path)
        if source is None:
            return
        fields = self.check.record(source, source.data, (), PACK)
        if fields and fields["format"] != FORMAT_VERSION:
            self.check.add(
                source,
                ("format",),
                f"format {fields['format']} is not supported (this track2 reads {FORMAT_VERSION})",
            )

    def _references(self) -> None:
        path = self._named("references")
        if not path.is_file():
            return
        source = self.parse(path)
        if source is None:
            return
        if not isinstance(source.data, dict):
            self.check.add(source, (), "expected a mapping of citation keys to references")
            return
        references, declared = self.registry.references, self.registry.declared_keys
        declared.update(str(key) for key in source.data)
        for key, value in source.data.items():
            if not KEY_PATTERN.match(str(key)):
                message = f"citation key '{key}' must be letters and digits, joined by - _ . or :"
                self.check.add(source, (key,), message)
                continue
            reference = _reference(self.check, source, str(key), value)
            if reference is None:
                continue
            if reference.key in references:
                earlier = references[reference.key].source
                self.overrides(source, (reference.key,), f"reference '{reference.key}'", earlier)
            references[reference.key] = Located(source, (reference.key,), reference)
            for other in reference.use_instead:
                if other not in declared:
                    self.check.add(
                        source,
                        (reference.key, "use-instead"),
                        f"use-instead: unknown key '{other}'",
                    )

    def _each(self, folder: str, build: Callable[[SourceFile], None]) -> None:
        files = (self.layer.root / folder).glob("*.y*ml")
        for path in sorted(p for p in files if p.suffix in YAML_SUFFIXES):
            source = self.parse(path)
            if source is not None:
                build(source)

    def _own_id(self, source: SourceFile, fields: dict[str, Any] | None) -> str | None:
        """The file's id, checked against its name even when other fields are broken."""
        raw = fields if fields is not None else source.data
        item_id = raw.get("id") if isinstance(raw, dict) else None
        if not isinstance(item_id, str):
            return None
        self.check.check_id(source, ("id",), item_id)
        if item_id != source.path.stem:
            self.check.add(
                source, ("id",), f"id '{item_id}' must match the file name '{source.path.stem}'"
            )
        return item_id if fields is not None else None

    def _topic(self, source: SourceFile) -> None:
        fields = self.check.record(source, source.data, (), TOPIC)
        topic_id = self._own_id(source, fields)
        if fields is None or topic_id is None:
            return
        check, topics, principles = self.check, self.registry.topics, self.registry.principles
        defined: list[Located] = []
        for where, entry in check.records(
            source, fields.get("principles", []), ("principles",), PRINCIPLE
        ):
            if entry["id"] in principles and principles[entry["id"]].owner != topic_id:
                check.add(source, where + ("id",), f"principle '{entry['id']}' is defined twice")
                continue
            principle = build(Principle, entry, check, source, where)
            defined.append(Located(source, where, principle, owner=topic_id))
        ids = tuple(found.record.id for found in defined)
        topic = build(Topic, fields, check, source, principles=ids)
        if topic_id in topics:
            self.overrides(source, ("id",), f"topic '{topic_id}'", topics[topic_id].source)
            # The overridden topic's principles go with it.
            for gone in [p for p, found in principles.items() if found.owner == topic_id]:
                del principles[gone]
        principles.update((found.record.id, found) for found in defined)
        topics[topic_id] = Located(source, (), topic)

    def _case(self, source: SourceFile) -> None:
        fields = self.check.record(source, source.data, (), CASE)
        case_id = self._own_id(source, fields)
        if fields is None or case_id is None:
            return
        track = fields.get("track", "")
        if track and track not in TRACKS:
            hint = did_you_mean(track, TRACKS)
            self.check.add(source, ("track",), f"track: must be one of {', '.join(TRACKS)}{hint}")
        cases = self.registry.cases
        if case_id in cases:
            self.overrides(source, ("id",), f"case '{case_id}'", cases[case_id].source)
        cases[case_id] = Located(source, (), build(Case, fields, self.check, source))

    def _workshop(self, source: SourceFile) -> None:
        fields = self.check.record(source, source.data, (), WORKSHOP)
        workshop_id = self._own_id(source, fields)
        if fields is None or workshop_id is None:
            return
        workshop = build(Workshop, fields, self.check, source)
        for at, message in workshop_problems(workshop):
            self.check.add(source, at, message)
        workshops = self.registry.workshops
        if workshop_id in workshops:
            earlier = workshops[workshop_id].source
            self.overrides(source, ("id",), f"workshop '{workshop_id}'", earlier)
        workshops[workshop_id] = Located(source, (), workshop)

    def _question_file(self, source: SourceFile) -> None:
        fields = self.check.record(source, source.data, (), QUESTIONS)
        if fields is None:
            return
        for where, entry in self.check.records(
            source, fields["questions"], ("questions",), QUESTION
        ):
            question = self._question(source, where, entry)
            if question is None:
                continue
            questions = self.registry.questions
            if question.id in questions:
                other = questions[question.id].source
                if other.path.is_relative_to(self.layer.root):  # the same pack: a mistake
                    message = f"question id '{question.id}' is already used in {other.shown}"
                    self.check.add(source, where + ("id",), message)
                    continue
                self.overrides(source, where + ("id",), f"question '{question.id}'", other)
            questions[question.id] = Located(source, where, question)

    def _question(self, source: SourceFile, where: Path_, entry: dict[str, Any]) -> Question | None:
        """A question whose fields fit its kind, or None after reporting why not."""
        for at, message in entry_problems(entry):
            self.check.add(source, where + at, message)
        if not buildable(entry):
            self.check.check_id(source, where + ("id",), entry["id"])
            return None
        question = build(Question, entry, self.check, source, where)
        for at, message in question_problems(question):
            self.check.add(source, where + at, message)
        return question


def _topic_order(topic: Topic) -> tuple[int, str]:
    return (topic.order, topic.id)


def _case_order(case: Case) -> tuple[str, str]:
    # Cases are listed by the first year in their period, so the index reads as a history.
    year = re.search(r"\d{4}", case.period)
    return (year.group(0) if year else "9999", case.id)
