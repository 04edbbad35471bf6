"""The kinds of question, what each holds, and the rules a question of each kind keeps."""

from __future__ import annotations

from typing import Any, NamedTuple

from track2cli.library.model import Question
from track2cli.library.yamlfile import Path_


class Kind(NamedTuple):
    """What a kind of question holds its answer in, and how many of it."""

    holds: str  # options, answer, pairs or items
    fewest: int
    most: int


KINDS = {
    "choice": Kind("options", 3, 5),
    "multi": Kind("options", 3, 6),
    "truefalse": Kind("answer", 1, 1),
    "match": Kind("pairs", 3, 5),
    "order": Kind("items", 3, 6),
}
ANSWER_FIELDS = {kind.holds for kind in KINDS.values()}

# A problem: where in the question (relative to it) and what is wrong.
Found = list[tuple[Path_, str]]


def entry_problems(entry: dict[str, Any]) -> Found:
    """What stops a question's checked fields from being built: an unknown kind, a field
    its kind does not use, or the field it needs missing."""
    kind = entry["kind"]
    if kind not in KINDS:
        return [(("kind",), f"kind: '{kind}' is not one of {', '.join(KINDS)}")]
    holds = KINDS[kind].holds
    found: Found = [
        ((other,), f"{other}: not used by a {kind} question")
        for other in sorted(ANSWER_FIELDS - {holds})
        if other in entry
    ]
    if holds not in entry:
        found.append(((), f"a {kind} question needs '{holds}'"))
    return found


def buildable(entry: dict[str, Any]) -> bool:
    """Whether a question's kind is known and the field it needs is there."""
    kind = KINDS.get(entry["kind"])
    return kind is not None and kind.holds in entry


def question_problems(question: Question) -> Found:
    """What is wrong with a built question for its kind: how many answers it holds, a
    repeated text, the number of right options."""
    kind, (holds, fewest, most) = question.kind, KINDS[question.kind]
    options, pairs, items = question.options, question.pairs, question.items
    count = {"options": len(options), "pairs": len(pairs), "items": len(items), "answer": 1}
    found: Found = []
    if not fewest <= count[holds] <= most:
        found.append(
            ((holds,), f"{holds}: a {kind} question has {fewest}-{most}, not {count[holds]}")
        )
    texts = [o.text for o in options] + [p.item for p in pairs] + list(items)
    for repeated in sorted({t for t in texts if texts.count(t) > 1}):
        found.append(((holds,), f"{holds}: '{repeated}' appears twice"))
    matches = [p.match for p in pairs]
    for repeated in sorted({m for m in matches if matches.count(m) > 1}):
        found.append(((holds,), f"pairs: the match '{repeated}' appears twice"))
    right = sum(o.correct for o in options)
    if kind == "choice" and right != 1:
        message = f"options: a choice question has exactly one correct option, not {right}"
        found.append((("options",), message))
    if kind == "multi" and not 0 < right < len(options):
        found.append((("options",), "options: a multi question needs correct and wrong options"))
    return found
