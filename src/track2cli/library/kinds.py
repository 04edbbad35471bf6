"""The kinds of question: each described once, with what it holds, the rules it keeps,
the style it is answered in (study/answering.py) and the sample a writer starts from.

Adding a kind that is answered in an existing style is one entry in KINDS, plus tests.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple, TypeAlias

from track2cli.library.model import Question

if TYPE_CHECKING:  # the quiz's options read KINDS at start-up, without paying for yaml
    from track2cli.library.yamlfile import Path_

# A problem: where in the question (relative to it) and what is wrong.
Found: TypeAlias = "list[tuple[Path_, str]]"


def _no_rule(question: Question) -> Found:
    return []


def _one_right(question: Question) -> Found:
    right = sum(o.correct for o in question.options)
    if right == 1:
        return []
    message = f"options: a {question.kind} question has exactly one correct option, not {right}"
    return [(("options",), message)]


def _some_right(question: Question) -> Found:
    if 0 < sum(o.correct for o in question.options) < len(question.options):
        return []
    return [(("options",), f"options: a {question.kind} question needs correct and wrong options")]


def _about_two_or_more(question: Question) -> Found:
    found = _some_right(question)
    if len(question.about) < 2:
        found.append((("about",), "about: a compare question is about the cases it compares"))
    return found


GAP = "___"
GAP_SEPARATOR = ";"  # between the answers to a cloze's gaps, when typed on one line


def _gaps_match_the_prompt(question: Question) -> Found:
    marks, gaps = question.prompt.count(GAP), len(question.gaps)
    if marks == gaps:
        return []
    return [(("gaps",), f"gaps: the prompt has {marks} '{GAP}', not one for each of the {gaps}")]


def _typed_answers(question: Question) -> Found:
    found: Found = []
    for where, accepted in _accepted_lists(question):
        if any(GAP_SEPARATOR in answer for answer in accepted):
            found.append((where, f"{where[0]}: an answer may not hold '{GAP_SEPARATOR}'"))
    return found + (_gaps_match_the_prompt(question) if question.kind == "cloze" else [])


def _accepted_lists(question: Question) -> list[tuple[Path_, tuple[str, ...]]]:
    lists: list[tuple[Path_, tuple[str, ...]]] = [(("accept",), question.accept)]
    return lists + [(("gaps", i, "accept"), gap.accept) for i, gap in enumerate(question.gaps)]


class Kind(NamedTuple):
    """One kind of question."""

    holds: str  # the field its answer is in: options, answer, pairs or items
    fewest: int  # how many of it, at least
    most: int  # and at most
    style: str  # how it is answered: a key of study.answering.STYLES
    summary: str  # for writers: what it is, in a few words
    sample: str  # the answer part of `track2 new question --kind`, in YAML
    rule: Callable[[Question], Found] = _no_rule  # what else it must keep
    prompt: str = "FILL IN the question"  # the prompt `new` writes
    about: str = "[overview]"  # and what it says the question is about


OPTIONS_SAMPLE = """\
    options:
      - text: FILL IN {right}
        correct: true
      - text: FILL IN a plausible wrong answer, of the same length and form
        why: FILL IN why it is wrong (shown when it is chosen)
      - text: FILL IN another plausible wrong answer
        why: FILL IN why it is wrong
"""

KINDS = {
    "choice": Kind(
        "options",
        3,
        5,
        "one",
        "one right option of 3-5",
        OPTIONS_SAMPLE.format(right="the right answer"),
        _one_right,
    ),
    "multi": Kind(
        "options",
        3,
        6,
        "several",
        "every option that applies, 3-6 options, some right and some wrong",
        OPTIONS_SAMPLE.format(right="a right answer (mark every right one)"),
        _some_right,
    ),
    "scenario": Kind(
        "options",
        3,
        5,
        "one",
        "a new situation: the idea it shows or the move it calls for; one right of 3-5",
        "    # The prompt: a short situation of your own (invented, not one of the cases),\n"
        "    # then the question: which principle or concept it shows, or what to do next.\n"
        + OPTIONS_SAMPLE.format(right="the answer the situation calls for"),
        _one_right,
    ),
    "compare": Kind(
        "options",
        3,
        6,
        "several",
        "two cases side by side: every option true of them, some right and some wrong",
        "    # The prompt asks what the cases share, or how they differ.\n"
        + OPTIONS_SAMPLE.format(right="a right answer (mark every right one)"),
        _about_two_or_more,
        about="[oslo, south-africa]",
    ),
    "recall": Kind(
        "accept",
        1,
        8,
        "typed",
        "a short typed answer: a name, a year, a term",
        "    # The answers accepted, the first as shown; case, accents, punctuation and\n"
        "    # small typos are forgiven (none in numbers).\n"
        "    accept:\n"
        "      - FILL IN the answer\n"
        "      - FILL IN another form of it\n",
        _typed_answers,
    ),
    "cloze": Kind(
        "gaps",
        1,
        2,
        "typed",
        "a sentence with one or two gaps (___) to type",
        "    # For each ___ in the prompt, in order: the answers accepted, the first as shown.\n"
        "    gaps:\n"
        "      - accept:\n"
        "          - FILL IN the missing words\n"
        "          - FILL IN another form of them\n",
        _typed_answers,
        "___ FILL IN the rest of the sentence; each gap is three underscores",
    ),
    "truefalse": Kind(
        "answer",
        1,
        1,
        "truth",
        "a statement, true or false",
        "    answer: true              # or false\n",
    ),
    "match": Kind(
        "pairs",
        3,
        5,
        "pairs",
        "3-5 items, each with its match",
        "    pairs:                    # the quiz shuffles the matches\n"
        + "      - item: FILL IN an item\n        match: FILL IN its match\n" * 3,
    ),
    "order": Kind(
        "items",
        3,
        6,
        "sequence",
        "3-6 items, listed in the right order",
        "    items:                    # in the right order; the quiz shuffles them\n"
        + "      - FILL IN a step\n" * 3,
    ),
}
ANSWER_FIELDS = {kind.holds for kind in KINDS.values()}


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
    repeated text, and its kind's own rule."""
    kind = KINDS[question.kind]
    holds, fewest, most = kind.holds, kind.fewest, kind.most
    options, pairs, items = question.options, question.pairs, question.items
    count = {
        "options": len(options),
        "pairs": len(pairs),
        "items": len(items),
        "answer": 1,
        "accept": len(question.accept),
        "gaps": len(question.gaps),
    }
    found: Found = []
    if not question.about:  # every place a question goes (exports, stats) files it by page
        found.append((("about",), "about: a question is about at least one page"))
    if not fewest <= count[holds] <= most:
        found.append(
            (
                (holds,),
                f"{holds}: a {question.kind} question has {fewest}-{most}, not {count[holds]}",
            )
        )
    texts = [o.text for o in options] + [p.item for p in pairs] + list(items)
    for group in [texts] + [list(accepted) for _, accepted in _accepted_lists(question)]:
        for repeated in sorted({t for t in group if group.count(t) > 1}):
            found.append(((holds,), f"{holds}: '{repeated}' appears twice"))
    matches = [p.match for p in pairs]
    for repeated in sorted({m for m in matches if matches.count(m) > 1}):
        found.append(((holds,), f"pairs: the match '{repeated}' appears twice"))
    return found + kind.rule(question)
