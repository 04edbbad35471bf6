"""The link checker: every id and citation in the content must name something there."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from track2cli.library.errors import Problem
from track2cli.library.model import cited_keys, links_of, prose_of
from track2cli.library.schema import Checker, did_you_mean
from track2cli.library.yamlfile import Path_, SourceFile

# What is said of an id that names nothing, by what it must name.
UNKNOWN = {
    "page": "{label}: unknown page '{id}'",
    "principle": "{label}: unknown principle '{id}'",
    "reference": "unknown citation key '{id}'",
}


class Located(NamedTuple):
    """A record with the file and the place in it where it was defined."""

    source: SourceFile
    where: Path_
    record: Any
    owner: str = ""  # for a principle, the topic that defines it


class Registry(NamedTuple):
    """Everything read from the content layers, by id, with where it came from."""

    topics: dict[str, Located]
    principles: dict[str, Located]
    cases: dict[str, Located]
    questions: dict[str, Located]
    references: dict[str, Located]
    # Keys declared in any references.yaml, valid or not: a broken entry is reported
    # once, not again at every citation of it.
    declared_keys: set[str]
    workshops: dict[str, Located]


def check_links(registry: Registry, check: Checker) -> None:
    """Report every id and citation that names nothing, and every clash of names."""
    topics, principles, cases = registry.topics, registry.principles, registry.cases
    for principle_id, found in principles.items():
        if principle_id in topics or principle_id in cases:
            message = f"id '{principle_id}' is already used by another page"
            check.add(found.source, found.where + ("id",), message)
    for topic_id, found in topics.items():
        if topic_id in cases:
            check.add(found.source, ("id",), f"id '{topic_id}' is also a case")
    _check_aliases(registry, check)
    known = {
        "page": set(topics) | set(principles) | set(cases),
        "principle": set(principles),
        "reference": registry.declared_keys,
    }
    records: Iterable[Located] = [
        *topics.values(),
        *principles.values(),
        *cases.values(),
        *registry.questions.values(),
        *registry.workshops.values(),
    ]
    for source, base, record, _ in records:
        for where, text in prose_of(record):
            _check_citations(source, base + where, text, registry.declared_keys, check.problems)
        for where, linked, target, label in links_of(record):
            if linked not in known[target]:
                suggestion = did_you_mean(linked, known[target])
                message = UNKNOWN[target].format(label=label, id=linked) + suggestion
                check.add(source, base + where, message)


def _check_aliases(registry: Registry, check: Checker) -> None:
    owners: dict[str, str] = {case_id: case_id for case_id in registry.cases}
    for case_id, found in registry.cases.items():
        for index, alias in enumerate(found.record.aliases):
            owner = owners.setdefault(alias, case_id)
            if alias in registry.topics or alias in registry.principles:
                # `quiz --topic NAME` and `search` would read it as the case.
                message = f"alias '{alias}' is the id of a topic or principle"
                check.add(found.source, ("aliases", index), message)
            elif owner != case_id:
                message = f"alias '{alias}' is already used by case '{owner}'"
                check.add(found.source, ("aliases", index), message)


def _check_citations(
    source: SourceFile, where: Path_, text: str, declared: set[str], problems: list[Problem]
) -> None:
    for key in cited_keys(text):
        if key not in declared:
            line, column = source.position_of_text(where, f"@{key}")
            message = f"unknown citation key '{key}'{did_you_mean(key, declared)}"
            problems.append(Problem(source.shown, line, message, column))
