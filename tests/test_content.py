"""The real content: complete, linked, cited, and faithful to the fact check."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from track2cli.model import Library, cited_keys

ROOT = Path(__file__).resolve().parent.parent
OWN_WORDS = ROOT.parent / "shared" / "tools" / "own-words"
ARTICLE_KEYS = {
    "behera2006",
    "fisher1997",
    "kelman1996",
    "montville1987",
    "nan2003",
    "pruitt2007",
    "saunders1991",
}


def all_texts(library: Library) -> dict[str, str]:
    """Every prose field, keyed by the page it belongs to."""
    texts = {f"topic {t.id}": "\n".join(t.texts()) for t in library.topics.values()}
    texts.update({f"principle {p.id}": p.body for p in library.principles.values()})
    texts.update({f"case {c.id}": "\n".join(c.texts()) for c in library.cases.values()})
    return texts


def test_required_pages_exist(library: Library) -> None:
    assert set(library.topics) == {
        "overview",
        "foundations",
        "principles",
        "challenges",
        "conclusion",
        "tracks",
        "glossary",
        "people",
    }
    assert set(library.principles) == {"inclusivity", "informality", "problem-solving"}
    assert {"oslo", "us-soviet", "india-pakistan", "georgia-south-ossetia", "inter-tajik"} <= set(
        library.cases
    )


@pytest.mark.parametrize(
    ("case_id", "aliases"),
    [
        ("oslo", {"oslo-accords", "middle-east", "israel-palestine"}),
        ("us-soviet", {"cold-war", "dartmouth", "pugwash"}),
        ("india-pakistan", {"kashmir", "neemrana"}),
        ("georgia-south-ossetia", {"south-ossetia"}),
        ("inter-tajik", {"tajikistan"}),
    ],
)
def test_case_aliases(library: Library, case_id: str, aliases: set[str]) -> None:
    assert aliases <= set(library.cases[case_id].aliases)


def test_every_case_is_complete(library: Library) -> None:
    for case in library.cases.values():
        assert len(case.principles) >= 2, case.id
        assert len(case.timeline) >= 3, case.id
        assert re.search(r"\d{4}", " ".join(step.date for step in case.timeline)), case.id
        assert cited_keys(case.limits), f"{case.id}: limits cite nothing"


def test_glossary_and_people(library: Library) -> None:
    terms = [t.term for t in library.topics["glossary"].terms]
    assert len(terms) >= 15
    assert terms == sorted(terms, key=str.lower)
    names = {p.name for p in library.topics["people"].people}
    assert {
        "Joseph V. Montville",
        "Ronald J. Fisher",
        "Herbert C. Kelman",
        "Harold H. Saunders",
    } <= names


def test_references_cover_the_article_and_the_fact_check(library: Library) -> None:
    refs = library.references
    assert {k for k, r in refs.items() if r.in_source_article} == ARTICLE_KEYS
    assert {
        "davidson1981",
        "pruitt1997",
        "diamond1996",
        "fisher2005",
        "nan2009",
        "voorhees2002",
        "jones2015",
    } <= set(refs)
    assert {k for k, r in refs.items() if r.status == "doubtful"} == {"nan2003", "pruitt2007"}
    assert refs["pruitt2007"].use_instead == ("pruitt1997",)
    for ref in refs.values():
        assert ref.note, ref.key


def test_unverified_details_are_not_presented_as_certain(library: Library) -> None:
    refs = library.references
    # Page ranges that were never seen are left out, not copied from the article.
    assert refs["kelman1996"].page == ""
    assert refs["montville1987"].page == ""
    assert refs["davidson1981"].page == "" and refs["davidson1981"].issue == ""
    assert refs["kelman1996"].status == refs["montville1987"].status == "unverified-detail"
    # The Saunders subtitle is the 1991 Princeton edition's, not the 1985 one.
    assert refs["saunders1991"].title.endswith(
        "The Arab-Israeli peace process in a global perspective"
    )


def test_every_reference_is_cited_somewhere(library: Library) -> None:
    cited = {key for text in all_texts(library).values() for key in cited_keys(text)}
    cited |= {key for case in library.cases.values() for key in case.sources}
    assert cited == set(library.references)


def test_doubtful_references_are_only_cited_when_explained(library: Library) -> None:
    # A sentence citing a doubtful reference must say why, and never on its own as support.
    for page, text in all_texts(library).items():
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", " ".join(text.split())):
            if "@nan2003" in sentence or "@pruitt2007" in sentence:
                assert re.search(
                    r"doubtful|could not|no such|no trace|not exist|cannot|missing|unverified|not be found|holds no",
                    sentence,
                ), f"{page}: {sentence}"


def test_oslo_participants_are_not_misdescribed(library: Library) -> None:
    text = " ".join(all_texts(library).values())
    assert "Palestinian academics" not in text
    assert "PLO official" in " ".join(library.cases["oslo"].texts())


def test_content_is_in_our_own_words() -> None:
    # CI has ../shared beside the clone; there a missing tool is a failure, not a skip.
    if not OWN_WORDS.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{OWN_WORDS} is missing")
        pytest.skip("needs ../shared/tools/own-words")
    result = subprocess.run(
        [sys.executable, str(OWN_WORDS), str(ROOT / "content")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().splitlines()[-1].startswith("0 shared run(s)")


def test_question_bank_covers_every_page(library: Library) -> None:
    questions = list(library.questions.values())
    assert len(questions) >= 80
    assert {q.kind for q in questions} == {"choice", "multi", "truefalse", "match", "order"}
    pages = [*library.topics, *library.principles, *library.cases]
    for page in pages:
        tested = [q.id for q in questions if page in q.about]
        assert len(tested) >= 4, f"{page} is tested by {len(tested)} questions"


def test_every_question_explains_and_cites(library: Library) -> None:
    for question in library.questions.values():
        assert question.cites, question.id
        assert cited_keys(question.explanation), f"{question.id}: explanation cites nothing"


def test_no_answer_rests_on_a_doubtful_reference(library: Library) -> None:
    doubtful = {k for k, r in library.references.items() if r.status == "doubtful"}
    for question in library.questions.values():
        if doubtful & set(question.cites):
            # Only questions that teach the reference is doubtful may cite it.
            assert re.search(
                r"doubtful|no such|no trace|not exist|not be found|could not|missing",
                question.explanation,
            ), question.id


def test_choice_distractors_are_distinct_from_the_answer(library: Library) -> None:
    for question in library.questions.values():
        texts = [o.text.lower() for o in question.options]
        assert len(texts) == len(set(texts)), question.id
