"""Records from checked YAML fields, built from the description of each record's fields.

The loader checks a file's fields against the record's spec (schema.Checker), then
builds the record here: nested entries are checked and built the same way, and an
optional field the YAML leaves out takes its described default.
"""

from __future__ import annotations

from typing import Any, TypeVar

from track2cli.library.model import ENTRIES, fields_of
from track2cli.library.schema import Checker, spec_of
from track2cli.library.yamlfile import Path_, SourceFile

R = TypeVar("R")
NO_CITATION_HERE = "citations are not read here: put them in a body, a section or an explanation"


def build(
    record_type: type[R],
    fields: dict[str, Any],
    check: Checker,
    source: SourceFile,
    where: Path_ = (),
    **given: Any,
) -> R:
    """A record from its checked fields; `given` supplies what the YAML does not hold."""
    values = dict(given)
    for name, spec in fields_of(record_type).items():
        if name in values:
            continue
        if spec.yaml not in fields:
            if not spec.required:
                values[name] = spec.default
            continue
        value = fields[spec.yaml]
        if spec.kind == "text" and not spec.prose and "[@" in str(value):
            # Only prose is checked for citations and shows them: refuse one elsewhere.
            check.add(source, where + (spec.yaml,), f"{spec.yaml}: {NO_CITATION_HERE}")
        if spec.is_id:
            for index, item in enumerate(value) if spec.kind == "ids" else [(None, value)]:
                at = where + (spec.yaml,) + (() if index is None else (index,))
                check.check_id(source, at, item)
        if spec.kind == "date":  # the year, and the month and day when given
            values[name], values["month"], values["day"] = value
        elif spec.entries in ENTRIES:
            entries = check.records(source, value, where + (spec.yaml,), spec_of(spec.entries))
            values[name] = tuple(
                build(spec.entries, entry, check, source, at) for at, entry in entries
            )
        else:
            values[name] = value
    return record_type(**values)
