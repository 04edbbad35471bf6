"""Field specs for each kind of record, and the checker that holds records to them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from track2cli.library import errors
from track2cli.library.errors import Problem
from track2cli.library.kinds import KINDS
from track2cli.library.model import (
    DIMENSIONS,
    ENTRIES,
    REFERENCE_TYPES,
    STAGES,
    STATUSES,
    TRACKS,
    Case,
    Event,
    Name,
    Option,
    Pair,
    Person,
    Principle,
    PrincipleLink,
    Question,
    Reference,
    Section,
    Term,
    Topic,
    Workshop,
    fields_of,
    suggest,
)
from track2cli.library.yamlfile import Path_, SourceFile

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_ID_LENGTH = 80  # an id names a file: far below what any file system allows
# A citation key: what Pandoc's [@key] reads, without the punctuation it also allows.
KEY_PATTERN = re.compile(r"^[A-Za-z0-9]+(?:[-_.:][A-Za-z0-9]+)*$")
# What `track2 new` puts where the writer has to supply the text.
TEMPLATE_MARK = "FILL IN"

# A field spec: (kind, required). Kinds: text, int, bool, ids, names, records.
Spec = dict[str, tuple[str, bool]]


def spec_of(record_type: type) -> Spec:
    """A record's spec, from the description of its fields in model.py."""
    if record_type not in _SPECS:
        described = fields_of(record_type).values()
        _SPECS[record_type] = {spec.yaml: (spec.kind, spec.required) for spec in described}
    return _SPECS[record_type]


_SPECS: dict[type, Spec] = {}


def nested_specs(record_type: type) -> dict[str, Spec]:
    """The spec of each entry in a record's lists of names or records, by YAML name."""
    return {
        spec.yaml: spec_of(spec.entries)
        for spec in fields_of(record_type).values()
        if spec.entries is not None
    }


PACK: Spec = {"format": ("int", True), "name": ("text", True)}
REFERENCE = spec_of(Reference)
NAME = spec_of(Name)
TOPIC = spec_of(Topic)
SECTION = spec_of(Section)
PRINCIPLE = spec_of(Principle)
TERM = spec_of(Term)
PERSON = spec_of(Person)
CASE = spec_of(Case)
EVENT = spec_of(Event)
LINK = spec_of(PrincipleLink)
QUESTIONS: Spec = {"questions": ("records", True)}
QUESTION = spec_of(Question)
OPTION = spec_of(Option)
PAIR = spec_of(Pair)
WORKSHOP = spec_of(Workshop)

KIND_NAMES = {
    "text": "text",
    "int": "a whole number",
    "date": "a year or a date such as '1993-09-14'",
    "bool": "true or false",
    "ids": "a list of text",
    "names": "a list of names",
    "records": "a list of entries",
}


DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_date(item: Any) -> tuple[int, int, int] | None:
    """A year (1997) or an ISO date ('1993-09-14', '1993-09'), as (year, month, day)."""
    if isinstance(item, bool) or not isinstance(item, int | str):
        return None
    match = DATE.match(str(item).strip())
    if match is None:
        return None
    year, month, day = (int(part) if part else 0 for part in match.groups())
    if month > 12 or day > 31 or (day and not month):
        return None
    return (year, month, day)


def isbn_checks(isbn: str) -> bool:
    """Whether an ISBN-10 or ISBN-13 (hyphens and spaces allowed) has a right check digit."""
    digits = re.sub(r"[-\s]", "", isbn).upper()
    if re.fullmatch(r"\d{9}[\dX]", digits):
        values = [10 if d == "X" else int(d) for d in digits]
        return sum((10 - i) * v for i, v in enumerate(values)) % 11 == 0
    if re.fullmatch(r"\d{13}", digits):
        return sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10 == 0
    return False


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """A " (did you mean 'x'?)" suffix for the closest candidate, or nothing."""
    return errors.did_you_mean(suggest(name, candidates)[:1])


def _label(where: Path_) -> str:
    """How a message about a whole record begins: "principles.0: ", or nothing at the top."""
    label = ".".join(str(part) for part in where)
    return f"{label}: " if label else ""


class Checker:
    """Checks records against specs and gathers problems with their lines."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems

    def add(self, source: SourceFile, where: Path_, message: str) -> None:
        """Record a problem at the line of a value."""
        line, column = source.position(where)
        self.problems.append(Problem(source.shown, line, message, column))

    def record(
        self, source: SourceFile, value: Any, where: Path_, spec: Spec
    ) -> dict[str, Any] | None:
        """The fields of a mapping that match spec; problems for the rest."""
        if not isinstance(value, dict):
            self.add(source, where, f"{_label(where)}expected a mapping of fields")
            return None
        fields: dict[str, Any] = {}
        for key, item in value.items():
            key = str(key)
            if key not in spec:
                self.add(source, where + (key,), f"unknown field '{key}'{did_you_mean(key, spec)}")
                continue
            kind, _ = spec[key]
            checked = self._value(kind, item)
            if checked is None:
                self.add(source, where + (key,), f"{key}: expected {KIND_NAMES[kind]}")
                continue
            unfilled = checked if kind == "text" else " ".join(checked) if kind == "ids" else ""
            if TEMPLATE_MARK in unfilled:  # a text, or a list of them (accepted answers)
                self.add(source, where + (key,), f"{key}: still holds the template's text")
            fields[key] = checked
        required = [key for key, (_, needed) in spec.items() if needed]
        for key in required:
            if key not in value:
                self.add(source, where, f"{_label(where)}missing required field '{key}'")
        if any(key not in fields for key in required):  # missing, or present but wrong
            return None
        return fields

    @staticmethod
    def _value(kind: str, item: Any) -> Any:
        if kind == "text":
            if isinstance(item, bool) or not isinstance(item, str | int | float):
                return None
            text = str(item).strip()
            return text or None
        if kind == "int":
            return item if isinstance(item, int) and not isinstance(item, bool) else None
        if kind == "date":
            return parse_date(item)
        if kind == "bool":
            return item if isinstance(item, bool) else None
        if kind == "ids":
            ok = isinstance(item, list) and all(isinstance(i, str) for i in item)
            return tuple(item) if ok else None
        # names and records: lists of mappings, checked one by one by the caller
        return item if isinstance(item, list) else None

    def records(
        self,
        source: SourceFile,
        items: list[Any],
        where: Path_,
        spec: Spec,
    ) -> list[tuple[Path_, dict[str, Any]]]:
        """The valid entries of a list of records, with where each came from."""
        found = []
        for index, item in enumerate(items):
            fields = self.record(source, item, where + (index,), spec)
            if fields is not None:
                found.append((where + (index,), fields))
        return found

    def check_id(self, source: SourceFile, where: Path_, value: str) -> None:
        """An id must be lower-case words joined by dashes."""
        if not ID_PATTERN.match(value):
            self.add(source, where, f"id '{value}' must be lower-case words joined by dashes")
        elif len(value) > MAX_ID_LENGTH:
            self.add(source, where, f"id '{value}' is longer than {MAX_ID_LENGTH} characters")


# JSON Schemas for editors, generated from the specs above so that they cannot drift
# from what the loader accepts. `python docs/json_schemas.py` rewrites the shipped files.

# Which spec describes the entries of each list of records, per kind of file.
NESTED: dict[str, dict[str, Spec]] = {
    "reference": nested_specs(Reference),
    "topic": nested_specs(Topic),
    "case": nested_specs(Case),
    "questions": {"questions": QUESTION},
    "question": nested_specs(Question),
    "workshop": {
        name: spec
        for entries in (Workshop, *(s.entries for s in fields_of(Workshop).values()))
        if entries is not None and entries in (Workshop, *ENTRIES)
        for name, spec in nested_specs(entries).items()
    },
}
ENUMS: dict[str, list[str]] = {
    "status": list(STATUSES),
    "type": list(REFERENCE_TYPES),
    "track": list(TRACKS),
    "kind": list(KINDS),
    "measures": list(DIMENSIONS),
    "stage": list(STAGES),
}
FILES = {
    "pack": (PACK, "pack.yaml"),
    "references": (REFERENCE, "references.yaml"),
    "topic": (TOPIC, "topics/*.yaml"),
    "case": (CASE, "cases/*.yaml"),
    "questions": (QUESTIONS, "questions/*.yaml"),
    "workshop": (WORKSHOP, "workshops/*.yaml"),
}


def _field_schema(kind: str, name: str, nested: dict[str, Spec], owner: str) -> dict[str, Any]:
    if kind == "text":
        schema: dict[str, Any] = {"type": ["string", "number"]}
        if name in ENUMS and owner in ("reference", "question", "case", "workshop"):
            schema = {"enum": ENUMS[name]}
        return schema
    if kind == "int":
        return {"type": "integer"}
    if kind == "date":
        return {"type": ["integer", "string"], "pattern": DATE.pattern}
    if kind == "bool":
        return {"type": "boolean"}
    if kind == "ids":
        return {"type": "array", "items": {"type": "string"}}
    inner = "question" if nested[name] is QUESTION else owner
    return {"type": "array", "items": _object_schema(nested[name], inner)}


def _object_schema(spec: Spec, owner: str) -> dict[str, Any]:
    nested = NESTED.get(owner, {})
    return {
        "type": "object",
        "properties": {
            name: _field_schema(kind, name, nested, owner) for name, (kind, _) in spec.items()
        },
        "required": [name for name, (_, required) in spec.items() if required],
        "additionalProperties": False,
    }


def json_schema(file_kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of content file."""
    spec, pattern = FILES[file_kind]
    body = _object_schema(spec, "reference" if file_kind == "references" else file_kind)
    if file_kind == "references":
        body = {"type": "object", "additionalProperties": body}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"track2 content: {pattern}",
        **body,
    }


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema as FOLDER/<kind>.schema.json."""
    import json

    written = []
    for file_kind in FILES:
        path = folder / f"{file_kind}.schema.json"
        path.write_text(json.dumps(json_schema(file_kind), indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written
