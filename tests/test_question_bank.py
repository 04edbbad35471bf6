"""The bundled bank measures knowledge: no cues a test-wise student could use, no
duplicates, every wrong option explained, every page and kind covered
(docs/question_bank.py computes the figures)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from track2cli.library.kinds import KINDS
from track2cli.library.model import Library

DOCS = Path(__file__).resolve().parent.parent / "docs"


def checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("question_bank", DOCS / "question_bank.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


Checked = tuple[Library, Any]  # the library, and docs/question_bank.py's Report


@pytest.fixture(scope="module")
def report() -> Checked:
    checked: Checked = checker().bank()
    return checked


def test_the_bank_is_large_and_covers_every_page_and_kind(report: Checked) -> None:
    library, found = report
    questions = found.questions
    assert len(questions) >= 300
    kinds = [q.kind for q in questions]
    assert set(kinds) == set(KINDS)
    assert kinds.count("scenario") >= 30
    for page in [*library.topics, *library.principles, *library.cases]:
        assert sum(page in q.about for q in questions) >= 6, page


def test_nothing_is_flagged(report: Checked) -> None:
    _, found = report
    assert found.flags == []


def test_the_cues_are_gone(report: Checked) -> None:
    _, found = report
    figures = found.figures()
    chance = figures["... by chance (%)"]
    assert figures["right option the only longest (%)"] <= chance + 10
    assert 40 <= figures["true statements (%)"] <= 60
    assert figures["multi-select: share of options right (%)"] <= 50
    assert 0.85 <= figures["multi-select: right/wrong option length"] <= 1.15


def test_test_taking_tricks_do_no_better_than_guessing(report: Checked) -> None:
    # The whole bank played through the quiz, twenty shuffles a question, by a student
    # who knows only test-taking tricks and by one who answers at random.
    _, found = report
    figures = found.figures()
    assert abs(figures["test-wise student (%)"] - figures["guessing student (%)"]) <= 10
