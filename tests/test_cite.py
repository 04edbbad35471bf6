"""APA 7 entries and author-year citations, checked by hand against the APA rules."""

from __future__ import annotations

import pytest

from track2cli.biblio import cite
from track2cli.library.model import Cite, Library, Name, Reference


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("Ronald J.", "R. J."),
        ("Navnita Chadha", "N. C."),
        ("Jean-Paul", "J.-P."),
        ("Peter", "P."),
        ("", ""),
    ],
)
def test_initials(given: str, expected: str) -> None:
    assert cite.initials(given) == expected


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Fisher, R. J."], "Fisher, R. J."),
        (["Diamond, L.", "McDonald, J. W."], "Diamond, L., & McDonald, J. W."),
        (["A, A.", "B, B.", "C, C."], "A, A., B, B., & C, C."),
    ],
)
def test_reference_list_names(names: list[str], expected: str) -> None:
    assert cite.join_names(names) == expected


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        # book
        (
            "fisher1997",
            "Fisher, R. J. (1997). Interactive conflict resolution. Syracuse University Press.",
        ),
        # book with an edition
        (
            "diamond1996",
            "Diamond, L., & McDonald, J. W. (1996). Multi-track diplomacy: A systems approach to peace"
            " (3rd ed.). Kumarian Press.",
        ),
        # edited book
        (
            "fisher2005",
            "Fisher, R. J. (Ed.). (2005). Paving the way: Contributions of interactive conflict resolution"
            " to peacemaking. Lexington Books.",
        ),
        # chapter in an edited book, page range unverified and so left out
        (
            "kelman1996",
            "Kelman, H. C. (1996). The interactive problem-solving approach. In C. A. Crocker, F. O. Hampson,"
            " & P. Aall (Eds.), Managing global chaos: Sources of and responses to international conflict."
            " United States Institute of Peace Press.",
        ),
        # two editors
        (
            "montville1987",
            "Montville, J. V. (1987). The arrow and the olive branch: A case for Track Two diplomacy. In"
            " J. W. McDonald & D. B. Bendahmane (Eds.), Conflict resolution: Track Two diplomacy."
            " Foreign Service Institute, U.S. Department of State.",
        ),
        # journal article, en dash in pages
        (
            "pruitt1997",
            "Pruitt, D. G. (1997). Ripeness theory and the Oslo talks. International Negotiation, 2(2), 237\u2013250.",
        ),
        # three authors, a title ending in a question mark, a DOI
        (
            "nan2009",
            "Nan, S. A., Druckman, D., & El Horr, J. (2009). Unofficial international conflict resolution:"
            " Is there a Track 1 1/2? Are there best practices? Conflict Resolution Quarterly, (1),"
            " 65\u201382. https://doi.org/10.1002/crq.248",
        ),
        # magazine article with no volume or pages (they are unverified)
        (
            "davidson1981",
            "Davidson, W. D., & Montville, J. V. (1981). Foreign policy according to Freud. Foreign Policy.",
        ),
        # the corrected Saunders subtitle, revised edition
        (
            "saunders1991",
            "Saunders, H. H. (1991). The other walls: The Arab-Israeli peace process in a global"
            " perspective (Rev. ed.). Princeton University Press.",
        ),
    ],
)
def test_apa_entries(library: Library, key: str, expected: str) -> None:
    assert cite.apa(library.references[key]) == expected


def test_apa_italics(library: Library) -> None:
    segments = cite.apa_segments(library.references["pruitt1997"])
    assert [text for text, italic in segments if italic] == ["International Negotiation", "2"]
    chapter = cite.apa_segments(library.references["kelman1996"])
    assert [text for text, italic in chapter if italic] == [
        "Managing global chaos: Sources of and responses to international conflict"
    ]


def test_bibliography_order(library: Library) -> None:
    keys = [ref.key for ref in cite.sorted_references(library.references.values())]
    # By the names in order, then the year; a work without an author by its title, with
    # a leading article and punctuation left out (APA 9.44-9.47).
    assert keys.index("fisher1997") < keys.index("fisher2005")
    assert keys.index("nan1998") < keys.index("nan2003") < keys.index("nan2009")
    assert keys.index("kelman1996") < keys.index("kelman2002") < keys.index("kelman2018")
    assert keys.index("davidson1981") < keys.index("destree2001") < keys.index("diamond1996")
    titled = [k for k in keys if not library.references[k].creators]
    assert "telegraph1993" in titled  # "Signed and sealed with a handshake"
    position = keys.index("telegraph1993")
    assert keys[position - 1] < "t" or library.references[keys[position - 1]].creators
    assert keys.index("shultz2015") < keys.index("telegraph1993") < keys.index("singh2000")


@pytest.mark.parametrize(
    ("cites", "expected"),
    [
        ([Cite("fisher1997")], "(Fisher, 1997)"),
        ([Cite("fisher1997", locator="p. 8")], "(Fisher, 1997, p. 8)"),
        ([Cite("fisher1997"), Cite("kelman1996")], "(Fisher, 1997; Kelman, 1996)"),
        ([Cite("fisher1997"), Cite("fisher2005")], "(Fisher, 1997, 2005)"),
        ([Cite("davidson1981")], "(Davidson & Montville, 1981)"),
        ([Cite("nan2009")], "(Nan et al., 2009)"),
        ([Cite("pruitt1997", suppress_author=True)], "(1997)"),
        ([Cite("pruitt1997", prefix="see")], "(see Pruitt, 1997)"),
        ([Cite("missing")], "(@missing)"),
    ],
)
def test_parenthetical(library: Library, cites: list[Cite], expected: str) -> None:
    assert cite.parenthetical(cites, library.references) == expected


def test_narrative() -> None:
    ref = Reference(
        key="x",
        type="book",
        title="T",
        issued=2001,
        status="confirmed",
        note="",
        author=(Name("Ng", "A."), Name("Oh", "B.")),
    )
    assert cite.narrative(ref) == "Ng & Oh (2001)"


def test_unsigned_undated_and_same_year_works_in_text(library: Library) -> None:
    refs = library.references
    # No author: the short title, in title case, quoted for a part, comma inside (APA 8.14).
    assert cite.parenthetical([Cite("telegraph1993")], refs) == (
        "(\u201cSigned and Sealed With a Handshake,\u201d 1993)"
    )
    # A title in another language keeps its own capitals.
    assert cite.parenthetical([Cite("snl-oslokanalen")], refs) == "(\u201cOslo-kanalen,\u201d n.d.)"
    # Works by the same names in the same year are lettered by title (APA 8.19).
    assert (
        cite.parenthetical([Cite("kettering-dartmouth")], refs) == "(Kettering Foundation, n.d.-b)"
    )
    assert cite.parenthetical([Cite("kettering-ppp")], refs) == "(Kettering Foundation, n.d.-a)"
    assert [refs["sdi-learn"].year, refs["sdi-tajikistan"].year] == ["n.d.-a", "n.d.-b"]
    assert cite.apa(refs["kettering-dartmouth"]).startswith("Kettering Foundation. (n.d.-b).")
