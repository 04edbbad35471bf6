"""Citation parsing and name matching in the model."""

from __future__ import annotations

import pytest

from track2cli.library.errors import NotFoundError
from track2cli.library.model import Cite, Library, Principle, cited_keys, normalize, parse_citation


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Oslo Accords", "oslo-accords"),
        ("cold_war", "cold-war"),
        ("  Problem Solving ", "problem-solving"),
        ("INTER-TAJIK", "inter-tajik"),
    ],
)
def test_normalize(typed: str, expected: str) -> None:
    assert normalize(typed) == expected


@pytest.mark.parametrize(
    ("inner", "expected"),
    [
        ("@a1", [Cite("a1")]),
        ("@a1, p. 8", [Cite("a1", locator="p. 8")]),
        ("-@a1", [Cite("a1", suppress_author=True)]),
        ("see @a1; @b2", [Cite("a1", prefix="see"), Cite("b2")]),
        ("mail me@x.org", None),
        ("bold", None),
    ],
)
def test_parse_citation(inner: str, expected: list[Cite] | None) -> None:
    assert parse_citation(inner) == expected


def test_cited_keys_in_order_without_repeats() -> None:
    text = "A [@b2, p. 3]. B [@a1; @b2]. [not a cite] C [-@c3]."
    assert cited_keys(text) == ["b2", "a1", "c3"]


@pytest.mark.parametrize(
    ("typed", "case_id"),
    [
        ("oslo", "oslo"),
        ("Oslo Accords", "oslo"),
        ("ISRAEL_PALESTINE", "oslo"),
        ("cold war", "us-soviet"),
        ("Kashmir", "india-pakistan"),
        ("tajikistan", "inter-tajik"),
        ("south ossetia", "georgia-south-ossetia"),
    ],
)
def test_find_case_by_id_or_alias(library: Library, typed: str, case_id: str) -> None:
    assert library.find_case(typed).id == case_id


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("osl", "no case named 'osl' (did you mean 'oslo'?)"),
        (
            "principles",
            "no case named 'principles'; it is a topic: try 'track2 explain principles'",
        ),
        ("zzz", "no case named 'zzz'"),
    ],
)
def test_find_case_errors(library: Library, typed: str, message: str) -> None:
    with pytest.raises(NotFoundError) as caught:
        library.find_case(typed)
    assert str(caught.value) == message


def test_find_page_finds_topics_and_principles(library: Library) -> None:
    assert library.find_page("Problem Solving").id == "problem-solving"
    assert library.find_page("overview").id == "overview"
    with pytest.raises(NotFoundError, match="it is a case: try 'track2 case oslo'"):
        library.find_page("oslo")


def test_sources_of_pages(library: Library) -> None:
    # In order of first citation, then the case's further reading.
    oslo = library.sources_of(library.cases["oslo"])
    assert oslo[:3] == ["fedarko1993", "waage2005", "kelman2007"]  # cited in the classification
    for case in library.cases.values():
        cited = [k for text in case.texts() for k in cited_keys(text)]
        first_cited = list(dict.fromkeys(cited))
        further = [k for k in case.sources if k not in first_cited]
        assert library.sources_of(case) == first_cited + further, case.id
    informality = library.sources_of(library.principles["informality"])
    assert informality[:3] == ["maiese2003", "destree2008", "kelman-unofficial"]
    # The principles topic holds each principle's text, so it cites what they cite.
    principles_topic = library.sources_of(library.topics["principles"])
    assert set(cited_keys(library.principles["informality"].body)) <= set(principles_topic)


def test_links_to_a_principle(library: Library) -> None:
    links = library.links_to("problem-solving")
    # In the order of the case index, which is by period.
    assert [case.id for case, _ in links] == [
        "us-soviet",
        "israeli-palestinian-workshops",
        "south-africa",
        "mozambique",
        "asia-pacific",
        "oslo",
        "inter-tajik",
        "aceh",
    ]
    assert all(link.principle == "problem-solving" for _, link in links)


def test_records_are_built_by_keyword_and_never_changed() -> None:
    from dataclasses import FrozenInstanceError, replace

    principle = Principle(id="p", title="T", summary="S", body="B")
    assert principle.see_also == ()  # a described default
    assert repr(principle) == "Principle(id='p', title='T', summary='S', body='B', see_also=())"
    with pytest.raises(TypeError, match="missing the field 'body'"):
        Principle(id="p", title="T", summary="S")
    with pytest.raises(TypeError, match="has no field 'colour'"):
        Principle(id="p", title="T", summary="S", body="B", colour="red")  # type: ignore[call-arg]
    with pytest.raises(FrozenInstanceError):
        principle.title = "U"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del principle.title
    changed = replace(principle, title="U")
    assert (changed.title, principle.title) == ("U", "T")
    assert Library().questions == {} and Library().questions is not Library().questions


def test_records_compare_and_hash_by_fields_in_any_order() -> None:
    built = Principle(id="p", title="T", summary="S", body="B")
    # The cache fills a record's dictionary in the order the JSON holds it.
    filled = object.__new__(Principle)
    filled.__dict__.update(see_also=(), body="B", summary="S", title="T", id="p")
    assert filled == built and hash(filled) == hash(built)
    assert built != Principle(id="p", title="T", summary="S", body="other")
    assert built != ("p", "T", "S", "B", ())
    assert repr(filled) == repr(built)
