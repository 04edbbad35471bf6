"""Read the content folder into a Library, gathering every problem as file:line."""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from track2cli import bundled_content
from track2cli.library.builders import build
from track2cli.library.errors import ContentError, Problem, sort_problems
from track2cli.library.model import (
    REFERENCE_TYPES,
    STATUSES,
    TRACKS,
    Case,
    Library,
    Principle,
    Question,
    Reference,
    Topic,
    cited_keys,
    links_of,
    prose_of,
)
from track2cli.library.schema import (
    CASE,
    KIND_FIELDS,
    PACK,
    PRINCIPLE,
    QUESTION,
    QUESTIONS,
    REFERENCE,
    TOPIC,
    Checker,
    did_you_mean,
)
from track2cli.library.yamlfile import Path_, SourceFile, parse_file

FORMAT_VERSION = 1
# What the link checker says of an id that names nothing, by what it must name.
UNKNOWN = {
    "page": "{label}: unknown page '{id}'",
    "principle": "{label}: unknown principle '{id}'",
    "reference": "unknown citation key '{id}'",
}


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


class Loader:
    """Builds one Library from content layers: later items replace earlier ones by id."""

    def __init__(
        self,
        layers: Path | Sequence[Path],
        shown_root: str | None = None,
        *,
        questions: bool = True,
    ) -> None:
        roots = [layers] if isinstance(layers, Path) else list(layers)
        self.layers = [Layer(r, shown_root if shown_root is not None else str(r)) for r in roots]
        self.layer = self.layers[0] if self.layers else Layer(Path("."), ".")
        self.with_questions = questions
        self.problems: list[Problem] = []
        self.check = Checker(self.problems)
        self.references: dict[str, tuple[SourceFile, Reference]] = {}
        # Keys declared in any references.yaml, valid or not: a broken entry is reported
        # once, not again at every citation of it.
        self.declared_keys: set[str] = set()
        self.topics: dict[str, tuple[SourceFile, Topic]] = {}
        self.cases: dict[str, tuple[SourceFile, Case]] = {}
        # Each principle with the topic that defines it, so overriding a topic drops them.
        self.principles: dict[str, tuple[SourceFile, Path_, Principle, str]] = {}
        self.questions: dict[str, tuple[SourceFile, Path_, Question]] = {}

    def shown(self, path: Path) -> str:
        """A path as problems print it: under its layer as the user named it."""
        return str(Path(self.layer.shown) / path.relative_to(self.layer.root))

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

    def run(self) -> tuple[Library | None, list[Problem]]:
        """Read every layer and check every link; the Library unless there is an error."""
        # Loading creates many objects and no reference cycles (files with anchors are
        # checked for them first), so the cyclic garbage collector only slows it down:
        # with it, a 5,000-question pack took 2.5 times as long.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return self._run()
        finally:
            if collecting:
                gc.enable()

    def _run(self) -> tuple[Library | None, list[Problem]]:
        for layer in self.layers:
            self.layer = layer
            if not layer.root.is_dir():
                self.problems.append(Problem(layer.shown, 0, "no such content folder"))
                continue
            self._pack()
            self._references()
            self._each("topics", self._topic)
            self._each("cases", self._case)
            if self.with_questions:
                self._each("questions", self._question_file)
        self._links()
        problems = sort_problems(self.problems)
        if any(p.severity == "error" for p in problems):
            return None, problems
        topics = sorted((topic for _, topic in self.topics.values()), key=_topic_order)
        cases = sorted((case for _, case in self.cases.values()), key=_case_order)
        library = Library(
            topics={topic.id: topic for topic in topics},
            principles={pid: p for pid, (_, _, p, _) in self.principles.items()},
            cases={case.id: case for case in cases},
            references=with_year_suffixes(ref for _, (_, ref) in sorted(self.references.items())),
            questions={qid: q for qid, (_, _, q) in sorted(self.questions.items())},
        )
        return library, problems

    def load(self) -> Library:
        """The Library, or ContentError with every error (warnings do not stop it)."""
        library, problems = self.run()
        if library is None:
            raise ContentError([p for p in problems if p.severity == "error"])
        return library

    def overrides(self, source: SourceFile, where: Path_, what: str, earlier: SourceFile) -> None:
        """Warn that an item replaces one from an earlier layer."""
        line, column = source.position(where)
        message = f"{what} overrides the one in {earlier.shown}"
        self.problems.append(Problem(source.shown, line, message, column, "warning"))

    def _pack(self) -> None:
        path = self.layer.root / "pack.yaml"
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
        path = self.layer.root / "references.yaml"
        if not path.is_file():
            return
        source = self.parse(path)
        if source is None:
            return
        if not isinstance(source.data, dict):
            self.check.add(source, (), "expected a mapping of citation keys to references")
            return
        here = {str(key) for key in source.data}
        self.declared_keys |= here
        for key, value in source.data.items():
            reference = _reference(self.check, source, str(key), value)
            if reference is None:
                continue
            if reference.key in self.references:
                earlier = self.references[reference.key][0]
                self.overrides(source, (reference.key,), f"reference '{reference.key}'", earlier)
            self.references[reference.key] = (source, reference)
            for other in reference.use_instead:
                if other not in self.declared_keys:
                    self.check.add(
                        source,
                        (reference.key, "use-instead"),
                        f"use-instead: unknown key '{other}'",
                    )

    def _each(self, folder: str, build: Callable[[SourceFile], None]) -> None:
        for path in sorted((self.layer.root / folder).glob("*.yaml")):
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
        check = self.check
        principle_ids = []
        new_principles: list[tuple[SourceFile, Path_, Principle]] = []
        for where, entry in check.records(
            source, fields.get("principles", []), ("principles",), PRINCIPLE
        ):
            owner = self.principles.get(entry["id"], (None, None, None, ""))[3]
            if entry["id"] in self.principles and owner != topic_id:
                check.add(source, where + ("id",), f"principle '{entry['id']}' is defined twice")
                continue
            principle = build(Principle, entry, check, source, where)
            new_principles.append((source, where, principle))
            principle_ids.append(principle.id)
        topic = build(Topic, fields, check, source, principles=tuple(principle_ids))
        if topic_id in self.topics:
            self.overrides(source, ("id",), f"topic '{topic_id}'", self.topics[topic_id][0])
            # The overridden topic's principles go with it.
            for gone in [p for p, entry in self.principles.items() if entry[3] == topic_id]:
                del self.principles[gone]
        for principle_source, where, principle in new_principles:
            self.principles[principle.id] = (principle_source, where, principle, topic_id)
        self.topics[topic_id] = (source, topic)

    def _case(self, source: SourceFile) -> None:
        fields = self.check.record(source, source.data, (), CASE)
        case_id = self._own_id(source, fields)
        if fields is None or case_id is None:
            return
        track = fields.get("track", "")
        if track and track not in TRACKS:
            hint = did_you_mean(track, TRACKS)
            self.check.add(source, ("track",), f"track: must be one of {', '.join(TRACKS)}{hint}")
        if case_id in self.cases:
            self.overrides(source, ("id",), f"case '{case_id}'", self.cases[case_id][0])
        self.cases[case_id] = (source, build(Case, fields, self.check, source))

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
            if question.id in self.questions:
                other = self.questions[question.id][0]
                if other.path.is_relative_to(self.layer.root):  # the same pack: a mistake
                    message = f"question id '{question.id}' is already used in {other.shown}"
                    self.check.add(source, where + ("id",), message)
                    continue
                self.overrides(source, where + ("id",), f"question '{question.id}'", other)
            self.questions[question.id] = (source, where, question)

    def _question(self, source: SourceFile, where: Path_, entry: dict[str, Any]) -> Question | None:
        """A question whose fields fit its kind, or None after reporting why not."""
        check = self.check
        kind = entry["kind"]
        if kind not in KIND_FIELDS:
            check.check_id(source, where + ("id",), entry["id"])
            choices = ", ".join(KIND_FIELDS)
            check.add(source, where + ("kind",), f"kind: '{kind}' is not one of {choices}")
            return None
        needed, low, high = KIND_FIELDS[kind]
        for other in {spec_field for spec_field, _, _ in KIND_FIELDS.values()} - {needed}:
            if other in entry:
                check.add(source, where + (other,), f"{other}: not used by a {kind} question")
        if needed not in entry:
            check.check_id(source, where + ("id",), entry["id"])
            check.add(source, where, f"a {kind} question needs '{needed}'")
            return None
        question = build(Question, entry, check, source, where)
        options, pairs, items = question.options, question.pairs, question.items
        count = {"options": len(options), "pairs": len(pairs), "items": len(items), "answer": 1}[
            needed
        ]
        if not low <= count <= high:
            check.add(
                source,
                where + (needed,),
                f"{needed}: a {kind} question has {low}-{high}, not {count}",
            )
        texts = [o.text for o in options] + [p.item for p in pairs] + list(items)
        for repeated in sorted({t for t in texts if texts.count(t) > 1}):
            check.add(source, where + (needed,), f"{needed}: '{repeated}' appears twice")
        matches = [p.match for p in pairs]
        for repeated in sorted({m for m in matches if matches.count(m) > 1}):
            check.add(source, where + (needed,), f"pairs: the match '{repeated}' appears twice")
        right = sum(o.correct for o in options)
        if kind == "choice" and right != 1:
            check.add(
                source,
                where + ("options",),
                f"options: a choice question has exactly one correct option, not {right}",
            )
        if kind == "multi" and not 0 < right < len(options):
            check.add(
                source,
                where + ("options",),
                "options: a multi question needs correct and wrong options",
            )
        return question

    def _links(self) -> None:
        """Every see_also, principle link, alias and citation must resolve."""
        page_ids = set(self.topics) | set(self.principles) | set(self.cases)
        known = {
            "page": page_ids,
            "principle": set(self.principles),
            "reference": self.declared_keys,
        }
        for principle_id, (source, where, _, _) in self.principles.items():
            if principle_id in self.topics or principle_id in self.cases:
                self.check.add(
                    source, where + ("id",), f"id '{principle_id}' is already used by another page"
                )
        for topic_id, (source, _) in self.topics.items():
            if topic_id in self.cases:
                self.check.add(source, ("id",), f"id '{topic_id}' is also a case")
        self._aliases()
        records: list[tuple[SourceFile, Path_, Any]] = [
            *((source, (), topic) for source, topic in self.topics.values()),
            *((source, at, principle) for source, at, principle, _ in self.principles.values()),
            *((source, (), case) for source, case in self.cases.values()),
            *((source, at, question) for source, at, question in self.questions.values()),
        ]
        for source, base, record in records:
            for where, text in prose_of(record):
                self._citations(source, base + where, text)
            for where, linked, target, label in links_of(record):
                if linked not in known[target]:
                    suggestion = did_you_mean(linked, known[target])
                    message = UNKNOWN[target].format(label=label, id=linked) + suggestion
                    self.check.add(source, base + where, message)

    def _aliases(self) -> None:
        owners: dict[str, str] = {case_id: case_id for case_id in self.cases}
        for case_id, (source, case) in self.cases.items():
            for index, alias in enumerate(case.aliases):
                owner = owners.setdefault(alias, case_id)
                if alias in self.topics or alias in self.principles:
                    # `quiz --topic NAME` and `search` would read it as the case.
                    self.check.add(
                        source,
                        ("aliases", index),
                        f"alias '{alias}' is the id of a topic or principle",
                    )
                elif owner != case_id:
                    self.check.add(
                        source,
                        ("aliases", index),
                        f"alias '{alias}' is already used by case '{owner}'",
                    )

    def _citations(self, source: SourceFile, where: Path_, text: str) -> None:
        for key in cited_keys(text):
            if key not in self.declared_keys:
                line, column = source.position_of_text(where, f"@{key}")
                suggestion = did_you_mean(key, self.declared_keys)
                message = f"unknown citation key '{key}'{suggestion}"
                self.problems.append(Problem(source.shown, line, message, column))


def _topic_order(topic: Topic) -> tuple[int, str]:
    return (topic.order, topic.id)


def _case_order(case: Case) -> tuple[str, str]:
    # Cases are listed by the first year in their period, so the index reads as a history.
    year = re.search(r"\d{4}", case.period)
    return (year.group(0) if year else "9999", case.id)


def load_library(layers: Path | Sequence[Path] | None = None, *, questions: bool = True) -> Library:
    """Load content layers (by default the bundled content); raise ContentError on errors.

    Pages pass questions=False: the question bank is most of the content, and only the
    quiz needs it.
    """
    chosen = layers if layers is not None else [bundled_content()]
    return Loader(chosen, questions=questions).load()
