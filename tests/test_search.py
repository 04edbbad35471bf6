"""Search: a student's words find the right page."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from track2cli.cli import app
from track2cli.library.model import Event, Library
from track2cli.pages.search import Index, fts_query


@pytest.fixture(scope="module")
def index() -> Index:
    from track2cli.library.loader import load

    return Index.of(load().checked())


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("back channel", '"back" "channel"'),
        ('"back channel" oslo', '"back channel" "oslo"'),
        ("negot*", '"negot"*'),
        ("AND OR NOT (", '"AND" "OR" "NOT" "("'),
        ('say "', '"say"'),
        ("", ""),
    ],
)
def test_queries_are_safe_fts5(typed: str, expected: str) -> None:
    assert fts_query(typed) == expected


@pytest.mark.parametrize(
    ("query", "kind", "item_id"),
    [
        ("back channel", "case", "oslo"),
        ("kashmir", "case", "india-pakistan"),
        ("Neemrana Fort", "case", "india-pakistan"),
        ("Montville", "person", "joseph-montville"),
        ("Inter-Tajik", "case", "inter-tajik"),
        ("Pugwash Nobel", "case", "us-soviet"),
        ('"sustained dialogue"', "term", "Sustained dialogue"),
        ("negotiations", "topic", "sustained-dialogue"),
        ("Ripeness", "topic", "readiness"),
        ("Dakar", "case", "south-africa"),
        ("transfer problem", "topic", "transfer"),
        ("readiness theory", "topic", "readiness"),
        ("Sant'Egidio", "case", "mozambique"),
        ("Helsinki memorandum", "case", "aceh"),
    ],
)
def test_the_right_page_is_near_the_top(index: Index, query: str, kind: str, item_id: str) -> None:
    hits = [(h.kind, h.id) for h in index.search(query, 5)]
    assert (kind, item_id) in hits[:3], hits


def test_a_page_is_listed_once_at_its_best_section(index: Index) -> None:
    hits = [(h.kind, h.id) for h in index.search("Oslo", 20)]
    assert len(hits) == len(set(hits)) and ("case", "oslo") in hits[:3]


def test_prefix_matching(index: Index) -> None:
    assert index.search("negot*", 20)
    assert not index.search("negotxyz", 20)


def test_snippets_mark_the_matches(index: Index) -> None:
    hit = next(h for h in index.search("Borregaard", 10) if h.id == "oslo")
    assert any(matched and text.lower() == "borregaard" for text, matched in hit.snippet)


def test_search_command_plain_and_json(runner: CliRunner, library: Library) -> None:
    result = runner.invoke(app, ["search", "back", "channel", "--limit", "2"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "1. The Oslo back channel  case oslo"
    assert lines[2] == "   track2 case oslo"
    assert "\x1b[" not in result.stdout
    hits = json.loads(runner.invoke(app, ["search", "kashmir", "--json"]).stdout)
    assert {"kind", "id", "title", "snippet", "command"} == set(hits[0])
    assert "\x02" not in json.dumps(hits)


def test_matches_are_highlighted_on_a_terminal(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--color", "always", "search", "Borregaard"])
    assert "\x1b[1;33mBorregaard" in result.stdout


def test_nothing_found_exits_1_with_a_suggestion(runner: CliRunner) -> None:
    result = runner.invoke(app, ["search", "kashmer"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "error: nothing matches 'kashmer' (did you mean 'kashmir'?)\n"
    several = runner.invoke(app, ["search", "kashmer", "peace", "negotation"])
    assert several.stderr == (
        "error: nothing matches 'kashmer peace negotation'"
        " (did you mean 'kashmir peace negotiation'?)\n"
    )
    plain = runner.invoke(app, ["search", "zzzzqqq"])
    assert plain.stderr == "error: nothing matches 'zzzzqqq'\n"


def test_every_part_of_a_case_is_searched(library: Library) -> None:
    # The sections come from the case's description, so a prose field added to Case is
    # searched without search.py changing: each field's own words find the case.
    case = replace(
        library.cases["oslo"],
        third_party="Convened by Quillfeather.",
        timeline=(Event("1871", "Zarnwick met."),),
        official_talks="Fed into Brimblecombe.",
        limits="Criticised by Snodgrass.",
        aliases=("vellumshire",),
    )
    small = Library(topics={}, principles={}, cases={"oslo": case}, questions={}, references={})
    index = Index.of(small)
    words = ("Quillfeather", "Brimblecombe", "Zarnwick", "1871", "Snodgrass", "vellumshire")
    for word in words:
        assert [(h.kind, h.id) for h in index.search(word, 5)] == [("case", "oslo")], word


def test_letters_that_do_not_decompose_are_folded(index: Index) -> None:
    hits = [(h.kind, h.id) for h in index.search("rod-larsen", 5)]
    assert hits[0] == ("person", "terje-rod-larsen")
    assert [(h.kind, h.id) for h in index.search("Rød-Larsen", 5)] == hits


def test_the_index_is_kept_and_used_until_the_content_changes(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from track2cli.pages import search

    monkeypatch.setenv("TRACK2_CACHE_DIR", str(tmp_path / "cache"))
    first = runner.invoke(app, ["search", "dartmouth", "--json"])
    assert first.exit_code == 0, first.stderr
    (kept,) = (tmp_path / "cache").glob("search-*.sqlite3")

    def refuse(library: object) -> None:
        raise AssertionError("the index was built again")

    def unloaded(**options: object) -> None:
        raise AssertionError("a warm search loaded the library")

    monkeypatch.setattr(search, "documents", refuse)
    monkeypatch.setattr("track2cli.cli.search.library_for", unloaded)
    again = runner.invoke(app, ["search", "dartmouth", "--json"])
    assert (again.exit_code, again.stdout) == (0, first.stdout)  # the kept index answers
    monkeypatch.undo()
    monkeypatch.setenv("TRACK2_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(search, "documents", refuse)
    # Damaged, it is not trusted: built afresh (here, refused), never read as it is.
    kept.write_bytes(b"not a database" * 100)
    damaged = runner.invoke(app, ["search", "dartmouth"])
    assert damaged.exit_code == 1 and "the index was built again" in str(damaged.exception)


def test_a_changed_pack_gets_a_new_index(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACK2_CACHE_DIR", str(tmp_path / "cache"))
    pack = tmp_path / "pack"
    assert runner.invoke(app, ["new", "reference", "zzyzx2001", "--dir", str(pack)]).exit_code == 0
    text = (pack / "references.yaml").read_text()
    filled = text.replace("FILL IN the family name", "Zzyzx").replace("FILL IN", "Filled")
    (pack / "references.yaml").write_text(filled)
    before = runner.invoke(app, ["--content-dir", str(pack), "search", "zzyzx"])
    assert before.exit_code == 0, before.stderr
    (pack / "references.yaml").write_text(filled.replace("Zzyzx", "Qwxyz"))
    after = runner.invoke(app, ["--content-dir", str(pack), "search", "qwxyz"])
    assert after.exit_code == 0, after.stderr  # the new words are found
    assert len(list((tmp_path / "cache").glob("search-*.sqlite3"))) == 2
