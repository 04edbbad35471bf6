"""`track2 audit`: a test set of references written as students write them, each with
the verdict it must get, and near misses that must not match."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from track2cli.biblio import audit, styles
from track2cli.cli import app
from track2cli.library.model import Library

SOURCE = Path(__file__).parents[2] / "shared" / "source" / "track-ii-diplomacy.txt"

# The article's seven, as it gives them (../shared/source), and what the record says.
ARTICLE = [
    ("Behera, N. C. (2006). Demystifying Kashmir. Brookings Institution Press.",
     audit.CANNOT_CONFIRM, "behera2006"),
    ("Fisher, R. J. (1997). Interactive conflict resolution. Syracuse University Press.",
     audit.MATCHED, "fisher1997"),
    ("Kelman, H. C. (1996). The interactive problem-solving approach. In C. A. Crocker, F. O. "
     "Hampson, & P. Aall (Eds.), Managing global chaos: Sources of and responses to "
     "international conflict (pp. 501\u2013520). United States Institute of Peace Press.",
     audit.CANNOT_CONFIRM, "kelman1996"),
    ("Montville, J. V. (1987). The arrow and the olive branch: A case for Track Two diplomacy. "
     "In J. W. McDonald & D. B. Bendahmane (Eds.), Conflict resolution: Track Two diplomacy "
     "(pp. 7\u201324). Foreign Service Institute.", audit.CANNOT_CONFIRM, "montville1987"),
    ("Nan, S. A. (2003). Track One-and-a-Half diplomacy: Contributions to Georgia-South "
     "Ossetia peace processes. Conflict Resolution Quarterly, 21(1), 91-100.",
     audit.DOUBTFUL, "nan2003"),
    ("Pruitt, D. G. (2007). Readiness theory and the timing of interactive conflict "
     "resolution. International Negotiation, 12(2), 159-173.", audit.DOUBTFUL, "pruitt2007"),
    ("Saunders, H. H. (1991). The other walls: The politics of the Arab-Israeli peace "
     "process. Princeton University Press.", audit.MISCITED, "saunders1991"),
]  # fmt: skip

# Works the record holds, written right in each style by track2's own formatters.
RIGHT = ["fisher1997", "pruitt1997", "lederach1997", "saunders1999", "voorhees2002",
         "waage2005", "rouhana2000", "fisher2005", "pruitt2005", "lieberfeld2002", "kaye2007"]  # fmt: skip

# Right works with a small error, written as students write them.
SMALL_ERRORS = [
    ("Pruitt, D. G. (1998). Ripeness theory and the Oslo talks. International Negotiation, "
     "2(2), 237-250.", audit.MISCITED, "pruitt1997"),
    ("Pruitt, Dean G. \u201cRipeness Theory and the Oslo Talks.\u201d Negotiation Journal, "
     "vol. 2, no. 2, 1997, pp. 237\u201350.", audit.MISCITED, "pruitt1997"),
    ("Pruitt, D. G. (1997). Ripeness theory and the Oslo talks. International Negotiation, "
     "3(2), 237-250.", audit.MISCITED, "pruitt1997"),
    ("Pruitt, D. G. (1997). Ripeness theory and the Oslo talks. International Negotiation, "
     "2(2), 237-260.", audit.MISCITED, "pruitt1997"),
    ("Fisher, R. (1999). Interactive Conflict Resolution. Syracuse: Syracuse UP.",
     audit.MISCITED, "fisher1997"),
    ("Lederach, John Paul. Building Peace: Sustainable Reconciliation in Divided Societies. "
     "USIP, 1998.", audit.MISCITED, "lederach1997"),
    ("Waage, H. H. (2005). Norways role in the middle east peace talks: between a strong "
     "state and a weak belligerent. Journal of Palestine Studies, 34(4), 6-24.",
     audit.MATCHED, "waage2005"),
    ("Fisher R J 1997 Interactive conflict resolution Syracuse University Press",
     audit.MATCHED, "fisher1997"),
    ("O Dochartaigh, N. (2011). Together in the middle: Back-channel negotiation in the "
     "Irish peace process. Journal of Peace Research.", audit.MATCHED, "odochartaigh2011"),
    ("Saunders, Harold H. 1999. A Public Peace Process: Sustained Dialogue to Transform "
     "Racial and Ethnic Conflicts. New York: St. Martin\u2019s Press.",
     audit.MATCHED, "saunders1999"),
    ("Pruitt, D. G. (2007). Readiness theory and the Oslo talks. International Negotiation.",
     audit.MISCITED, "pruitt1997"),
]  # fmt: skip

# Works the record does not hold: never to be called fake, never to match.
UNKNOWN = [
    "Smith, J. (2011). A history of quiet talks. Nowhere Press.",
    "Garcia, M., & Chen, L. (2019). Dialogue in divided cities. Journal of Urban Peace, 4(2), "
    "33-51.",
    "Okafor, Ada. Mediation after Empire. Lagos UP, 2015.",
    "Lindqvist, Per. 2008. \u201cBack Channels in the Baltic.\u201d Nordic Review 12 (3): 5\u201320.",
    "Anonymous. (2020). Notes on unofficial diplomacy. Retrieved from a blog.",
    "Rahman, S. (2017). Civil society and the ceasefire. Dhaka Press.",
    "M\u00fcller, K. (2012). Die stille Diplomatie. Berlin: Verlag.",
    "Ivanova, T. (2001). Track Two in the Caucasus. Moscow Studies, 8, 1-19.",
]
# The same authors as works the record holds, other works: they must not match.
NEAR_MISSES = [
    "Fisher, R. J. (2016). Peacemaking in divided societies. Springer.",
    "Pruitt, D. G. (2003). Ripeness and the Northern Ireland talks. Working paper.",
    "Kelman, H. C. (1972). The problem-solving workshop in conflict resolution. In R. L. "
    "Merritt (Ed.), Communication in international politics. University of Illinois Press.",
    "Lederach, J. P. (2005). The moral imagination. Oxford University Press.",
    "Saunders, H. H. (2005). Politics is about relationship. Palgrave Macmillan.",
    "Montville, J. V. (1990). Conflict and peacemaking in multiethnic societies. Lexington.",
]


def cases_of(library: Library) -> list[tuple[str, str, str | None]]:
    """Every written reference of the test set, its verdict and the record it is of."""
    cases: list[tuple[str, str, str | None]] = list(ARTICLE)
    for style in styles.TEXT_STYLES:
        refs = [library.references[key] for key in RIGHT]
        for entry in styles.bibliography(refs, style):
            text = "".join(part for part, _ in entry.segments)
            cases.append((text, audit.MATCHED, entry.reference.key))
    cases += SMALL_ERRORS
    cases += [(text, audit.UNKNOWN, None) for text in UNKNOWN + NEAR_MISSES]
    return cases


def confusion(library: Library) -> Counter[tuple[str, str]]:
    """How many of each expected verdict got each verdict."""
    cases = cases_of(library)
    written = [audit.Written(n, text) for n, (text, _, _) in enumerate(cases, 1)]
    got = audit.audit(written, library.references.values())
    return Counter(
        (want, verdict.verdict) for (_, want, _), verdict in zip(cases, got, strict=True)
    )


def test_the_test_set_is_large_and_written_in_every_style(library: Library) -> None:
    cases = cases_of(library)
    assert len(cases) >= 60
    assert {want for _, want, _ in cases} == set(audit.VERDICTS)


def test_every_reference_gets_its_verdict_and_its_record(library: Library) -> None:
    cases = cases_of(library)
    written = [audit.Written(n, text) for n, (text, _, _) in enumerate(cases, 1)]
    got = audit.audit(written, library.references.values())
    wrong = [
        (text, want, key, verdict.verdict, verdict.key, verdict.details)
        for (text, want, key), verdict in zip(cases, got, strict=True)
        if (verdict.verdict, verdict.key) != (want, key)
    ]
    assert wrong == []


def test_nothing_unknown_is_ever_matched_or_called_fake(library: Library) -> None:
    table = confusion(library)
    assert (
        sum(n for (want, got), n in table.items() if want == audit.UNKNOWN)
        == table[(audit.UNKNOWN, audit.UNKNOWN)]
    )


@pytest.mark.skipif(not SOURCE.exists(), reason="the source article is not beside the project")
def test_the_articles_own_list_as_it_stands(library: Library) -> None:
    listed = SOURCE.read_text(encoding="utf-8").split("\nReferences\n", 1)[1]
    written = [
        audit.Written(n, line.strip()) for n, line in enumerate(listed.splitlines()) if line.strip()
    ]
    got = audit.audit(written, library.references.values())
    assert [(v.verdict, v.key) for v in got] == [(want, key) for _, want, key in ARTICLE]


ESSAY = """\
Track II complements official talks (Fisher, 1997; Montville, 1987). Readiness matters
(Pruitt, 2007), and Saunders (1991) wrote on US-Soviet dialogues [@nosuchkey2001].

# References

Fisher, R. J. (1997). Interactive conflict resolution. Syracuse University Press.

Montville, J. V. (1987). The arrow and the olive branch: A case for Track Two diplomacy.
In J. W. McDonald & D. B. Bendahmane (Eds.), Conflict resolution: Track Two diplomacy
(pp. 7-24). Foreign Service Institute.

Pruitt, D. G. (2007). Readiness theory and the timing of interactive conflict resolution.
International Negotiation, 12(2), 159-173.

Saunders, H. H. (1991). The other walls: The politics of the Arab-Israeli peace process.
Princeton University Press.

Smith, J. (2011). A history of quiet talks. Nowhere Press.
"""


def test_an_essay_is_audited_like_a_linter(runner: CliRunner, tmp_path: Path) -> None:
    essay = tmp_path / "essay.md"
    essay.write_text(ESSAY)
    result = runner.invoke(app, ["audit", str(essay)])
    assert result.exit_code == 1  # something is flagged
    lines = result.stdout.splitlines()
    assert (
        lines[0]
        == f"{essay}:2: unknown key: no reference with the key 'nosuchkey2001'"
        + (lines[0].split("'nosuchkey2001'", 1)[1])
    )
    assert lines[1] == f"{essay}:6: matched: Fisher (1997) [@fisher1997] in the record"
    assert lines[2].startswith(f"{essay}:8: cannot confirm: Montville (1987) [@montville1987]")
    assert lines[3].startswith(f"{essay}:12: doubtful: Pruitt (2007) [@pruitt2007] is doubtful")
    assert "Cite instead: Pruitt (1997)." in lines[3]
    assert lines[4].startswith(f"{essay}:15: mis-cited: Saunders (1991) [@saunders1991], but "
                               "subtitle: written 'The politics of the Arab-Israeli peace process'")  # fmt: skip
    assert "US-Soviet" in lines[4]  # what the record says the work is about
    assert lines[5] == (
        f"{essay}:18: unknown: not in track2's record, so it cannot be judged offline (which "
        "says nothing against it): look it up by its DOI at doi.org or in a library catalogue"
    )
    assert lines[6] == f"{essay}:18: never cited: no citation in the text points here"
    assert lines[7:] == [
        "7 findings: 1 unknown key, 1 matched, 1 cannot confirm, 1 doubtful, 1 mis-cited, "
        "1 unknown, 1 never cited",
        "Instead of Pruitt (2007): Pruitt (1997)",
        "Instead of Saunders (1991): Voorhees (2002)",
    ]
    assert "fake" not in result.stdout.lower() and "fabricated" not in result.stdout.lower()


def test_json_has_the_same_findings(runner: CliRunner, tmp_path: Path) -> None:
    essay = tmp_path / "essay.md"
    essay.write_text(ESSAY)
    document = json.loads(runner.invoke(app, ["audit", str(essay), "--json"]).stdout)
    verdicts = [f["verdict"] for f in document["findings"]]
    assert verdicts[:3] == ["unknown key", "matched", "cannot confirm"]
    assert document["counts"]["doubtful"] == 1


@pytest.mark.parametrize("form", ["bibtex", "ris", "csl-json"])
def test_reference_manager_files_are_audited(runner: CliRunner, tmp_path: Path, form: str) -> None:
    suffix = {"bibtex": "bib", "ris": "ris", "csl-json": "json"}[form]
    path = tmp_path / f"refs.{suffix}"
    made = runner.invoke(app, ["cite", "-f", form, "--article", "-o", str(path)])
    assert made.exit_code == 0, made.stderr
    document = json.loads(runner.invoke(app, ["audit", str(path), "--json"]).stdout)
    found = {f["key"]: f["verdict"] for f in document["findings"]}
    # The record's own entries: the doubtful stay doubtful, the rest match.
    assert found["pruitt2007"] == found["nan2003"] == "doubtful"
    assert found["fisher1997"] == found["saunders1991"] == "matched"
    assert len(found) == 7


def test_a_word_file_is_refused_with_how_to_convert_it(runner: CliRunner, tmp_path: Path) -> None:
    word = tmp_path / "essay.docx"
    word.write_bytes(b"PK\x03\x04")
    result = runner.invoke(app, ["audit", str(word)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: {word}: track2 reads Markdown, plain text, BibTeX, RIS and CSL-JSON; convert "
        f"it first: pandoc '{word}' -t markdown -o essay.md\n"
    )


def test_the_readmes_worked_example_is_what_audit_prints(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = Path(__file__).parents[1]
    monkeypatch.chdir(root)  # the README's command names the file from the project root
    readme = (root / "README.md").read_text(encoding="utf-8")
    shown = readme.split("$ track2 audit docs/examples/essay.md\n", 1)[1].split("\n```", 1)[0]
    result = runner.invoke(app, ["audit", "docs/examples/essay.md"])
    assert result.exit_code == 1
    assert result.stdout.rstrip("\n") == shown


def test_a_citation_with_no_entry_is_to_be_added(runner: CliRunner, tmp_path: Path) -> None:
    essay = tmp_path / "short.md"
    essay.write_text(
        "Peace needs a web of relationships (Lederach 1997, p. 8), as Fisher (1997) says.\n\n"
        "## References\n\n"
        "- Fisher, R. J. (1997). Interactive conflict resolution. Syracuse University Press.\n"
    )
    result = runner.invoke(app, ["audit", str(essay), "--json"])
    document = json.loads(result.stdout)
    assert result.exit_code == 1
    assert [(f["line"], f["verdict"]) for f in document["findings"]] == [
        (1, "not in the list"), (5, "matched"),
    ]  # fmt: skip
    assert document["add"] == ["Lederach (1997)"] and document["replace"] == {}


def test_a_plain_list_is_one_reference_a_line_or_a_paragraph(
    runner: CliRunner, tmp_path: Path
) -> None:
    by_line = tmp_path / "reading-list.txt"
    by_line.write_text(
        "Fisher, R. J. (1997). Interactive conflict resolution. Syracuse University Press.\n"
        "Pruitt, D. G. (1997). Ripeness theory and the Oslo talks. International Negotiation,"
        " 2(2), 237-250.\n"
    )
    wrapped = tmp_path / "wrapped.txt"
    wrapped.write_text(
        "Fisher, R. J. (1997). Interactive conflict\nresolution. Syracuse University Press.\n\n"
        "Smith, J. (2011). A history of quiet talks.\nNowhere Press.\n"
    )
    lines = json.loads(runner.invoke(app, ["audit", str(by_line), "--json"]).stdout)
    paragraphs = json.loads(runner.invoke(app, ["audit", str(wrapped), "--json"]).stdout)
    assert [(f["line"], f["verdict"], f["key"]) for f in lines["findings"]] == [
        (1, "matched", "fisher1997"), (2, "matched", "pruitt1997"),
    ]  # fmt: skip
    assert [(f["line"], f["verdict"], f["key"]) for f in paragraphs["findings"]] == [
        (1, "matched", "fisher1997"), (4, "unknown", None),
    ]  # fmt: skip


def test_a_file_that_is_not_text_is_refused_in_one_line(runner: CliRunner, tmp_path: Path) -> None:
    binary = tmp_path / "essay.md"
    binary.write_bytes(b"\xce\xff\x00 not text")
    result = runner.invoke(app, ["audit", str(binary)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: {binary}: not UTF-8 text: save it as plain text or Markdown first\n"
    )
