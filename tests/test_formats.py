"""BibTeX, RIS and CSL-JSON parse back in their own tools, keys and honesty notes intact."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rispy
from bibtexparser.entrypoint import parse_file, parse_string
from typer.testing import CliRunner

from track2cli.biblio import formats
from track2cli.cli import app
from track2cli.library.model import Library


def test_bibtex_round_trips_through_bibtexparser(library: Library) -> None:
    refs = list(library.references.values())
    parsed = parse_string(formats.to_bibtex(refs))
    assert parsed.failed_blocks == []
    by_key = {entry.key: entry for entry in parsed.entries}
    assert set(by_key) == set(library.references)
    for ref in refs:
        fields = by_key[ref.key].fields_dict
        if ref.issued:
            assert fields["year"].value == str(ref.issued)
        else:  # no date was seen, and none is made up
            assert "year" not in fields
        assert fields["note"].value.startswith("track2 status: ")
        assert formats.latex_text(ref.note) in fields["note"].value  # & for &, and so on
    assert by_key["kelman1996"].entry_type == "incollection"
    assert (
        by_key["kelman1996"].fields_dict["editor"].value
        == "Crocker, Chester A. and Hampson, Fen Osler and Aall, Pamela"
    )
    assert "pages" not in by_key["kelman1996"].fields_dict  # unverified: left out
    assert (
        by_key["nan2009"].fields_dict["author"].value
        == "Nan, Susan Allen and Druckman, Daniel and {El Horr}, Jana"
    )
    assert by_key["pruitt1997"].fields_dict["pages"].value == "237--250"
    assert by_key["pruitt1997"].fields_dict["title"].value == "Ripeness theory and the {Oslo} talks"
    assert "doubtful" in by_key["pruitt2007"].fields_dict["note"].value
    assert "Seen: The abstract" in by_key["pruitt1997"].fields_dict["note"].value
    # The other kinds of work map onto BibTeX's own types and fields.
    telegraph = by_key["telegraph1993"]
    assert telegraph.entry_type == "article"
    assert [telegraph.fields_dict[f].value for f in ("year", "month", "day")] == ["1993", "9", "14"]
    assert by_key["kaye2007"].entry_type == "techreport"
    assert by_key["kaye2007"].fields_dict["institution"].value == "RAND Corporation"
    assert by_key["mapendere2002"].entry_type == "mastersthesis"
    assert by_key["mapendere2002"].fields_dict["school"].value == "Royal Roads University"
    assert by_key["nobel1995"].entry_type == "misc" and "url" not in by_key["nobel1995"].fields_dict
    assert telegraph.fields_dict["url"].value.startswith("https://www.telegraph.co.uk/news/")


def test_ris_round_trips_through_rispy(library: Library) -> None:
    refs = list(library.references.values())
    text = formats.to_ris(refs)
    records = {r["id"]: r for r in rispy.loads(text)}
    assert set(records) == set(library.references)
    # Nothing but tagged lines and the blank line between records: RIS has no other kind.
    import re

    untagged = [
        line for line in text.splitlines() if line and not re.match(r"[A-Z][A-Z0-9]  - ", line)
    ]
    assert untagged == []
    assert text.startswith("TY  - ") and text.count("\nTY  - ") == len(refs) - 1
    assert records["kelman1996"]["type_of_reference"] == "CHAP"
    assert records["fisher2005"]["type_of_reference"] == "EDBOOK"
    assert records["davidson1981"]["type_of_reference"] == "MGZN"
    assert (
        records["pruitt1997"]["start_page"] == "237" and records["pruitt1997"]["end_page"] == "250"
    )
    assert records["telegraph1993"]["type_of_reference"] == "NEWS"
    assert records["telegraph1993"]["date"] == "1993/09/14"
    assert "authors" not in records["telegraph1993"] or records["telegraph1993"]["authors"] == []
    assert records["kaye2007"]["type_of_reference"] == "RPRT"
    assert records["kaye2007"]["urls"] == ["https://www.rand.org/pubs/monographs/MG592.html"]
    assert records["mapendere2002"]["type_of_reference"] == "THES"
    assert records["nan2009"]["authors"] == [
        "Nan, Susan Allen",
        "Druckman, Daniel",
        "El Horr, Jana",
    ]
    for key, record in records.items():
        (note,) = record["notes"]
        assert note.startswith("track2 status: ") and library.references[key].note in note


def test_csl_json_items(library: Library) -> None:
    items = {i["id"]: i for i in json.loads(formats.to_csl_json(list(library.references.values())))}
    assert items["diamond1996"]["edition"] == "3"
    assert items["saunders1991"]["edition"] == "Rev. ed."
    assert items["pruitt1997"]["issued"] == {"date-parts": [[1997]]}
    assert "page" not in items["montville1987"]
    assert items["nan2003"]["note"].startswith("track2 status: doubtful. ")


@pytest.mark.parametrize(
    ("style", "first_line"),
    [
        ("apa", "References (APA 7th edition)"),
        ("mla", "Works Cited (MLA 9th edition)"),
        ("chicago", "References (Chicago author-date, 17th edition)"),
        ("csl-json", "["),
        ("bibtex", "@article{abrams2001,"),
        ("ris", "TY  - MGZN"),
    ],
)
def test_cite_formats_from_the_command_line(runner: CliRunner, style: str, first_line: str) -> None:
    result = runner.invoke(app, ["cite", "--format", style])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == first_line
    assert "\x1b[" not in result.stdout


def test_selection_by_page_article_and_keys(runner: CliRunner, library: Library) -> None:
    oslo = json.loads(
        runner.invoke(app, ["cite", "--for", "Oslo Accords", "--format", "csl-json"]).stdout
    )
    assert [i["id"] for i in oslo] == sorted(library.sources_of(library.cases["oslo"]))
    article = json.loads(runner.invoke(app, ["cite", "--article", "--format", "csl-json"]).stdout)
    assert len(article) == 7
    two = runner.invoke(app, ["cite", "fisher1997", "kelman1996", "--format", "mla"]).stdout
    assert two.count("\n- ") == 2
    assert runner.invoke(app, ["cite", "--inline", "fisher1997"]).stdout == "(Fisher, 1997)\n"


@pytest.mark.parametrize(
    ("args", "code", "stderr_start"),
    [
        (
            ["cite", "fisher1998", "--format", "mla"],
            1,
            "error: no reference named 'fisher1998' (did you mean 'fisher1997' or 'fisher2005'?)",
        ),
        (["cite", "--for", "atlantis"], 1, "error: no topic, principle or case named 'atlantis'"),
        (["cite", "--inline", "--format", "bibtex"], 2, "Usage: track2 cite"),
        (["cite", "--format", "harvard"], 2, "Usage: track2 cite"),
    ],
)
def test_cite_errors(runner: CliRunner, args: list[str], code: int, stderr_start: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == code
    assert result.stderr.startswith(stderr_start)
    assert result.stdout == ""


def test_output_files_are_written_whole_and_not_overwritten(
    runner: CliRunner, library: Library, tmp_path: Path
) -> None:
    target = tmp_path / "track2.bib"
    first = runner.invoke(app, ["cite", "--format", "bibtex", "-o", str(target)])
    count = len(library.references)
    assert (first.exit_code, first.stderr) == (
        0,
        f"wrote {count} references (bibtex) to {target}\n",
    )
    assert parse_file(str(target)).failed_blocks == []
    target.write_text("keep me")
    refused = runner.invoke(app, ["cite", "--format", "bibtex", "-o", str(target)])
    assert (refused.exit_code, refused.stderr) == (
        1,
        f"error: {target} already exists: add --force to overwrite it\n",
    )
    assert target.read_text() == "keep me"
    assert (
        runner.invoke(app, ["cite", "--format", "ris", "-o", str(target), "--force"]).exit_code == 0
    )
    assert target.read_text().startswith("TY  - MGZN\nID  - abrams2001")
    missing = tmp_path / "no" / "such" / "dir" / "x.ris"
    failed = runner.invoke(app, ["cite", "--format", "ris", "-o", str(missing)])
    assert failed.exit_code == 1 and failed.stderr.startswith(f"error: cannot write {missing}: ")
    assert not any(p.name.endswith(".tmp") for p in tmp_path.rglob("*"))


def test_text_style_file_is_plain(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "refs.txt"
    assert (
        runner.invoke(
            app, ["--color", "always", "cite", "--format", "chicago", "-o", str(target)]
        ).exit_code
        == 0
    )
    text = target.read_text()
    assert (
        text.startswith("References (Chicago author-date, 17th edition)\n") and "\x1b[" not in text
    )


@pytest.mark.skipif(__import__("shutil").which("pandoc") is None, reason="pandoc is not installed")
@pytest.mark.parametrize("style", ["bibtex", "csl-json"])
def test_pandoc_citeproc_resolves_every_key(
    runner: CliRunner, library: Library, tmp_path: Path, style: str
) -> None:
    import subprocess

    bibliography = tmp_path / ("refs.bib" if style == "bibtex" else "refs.json")
    assert runner.invoke(app, ["cite", "--format", style, "-o", str(bibliography)]).exit_code == 0
    essay = tmp_path / "essay.md"
    essay.write_text(
        " ".join(f"Claim [@{key}]." for key in library.references) + "\n\n# References\n"
    )
    result = subprocess.run(
        [
            "pandoc",
            "--citeproc",
            "--bibliography",
            str(bibliography),
            "-t",
            "plain",
            "--wrap=none",
            str(essay),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "not found" not in result.stderr, result.stderr
    # Another Nan (2004, given name not seen) makes pandoc add initials to tell them apart.
    assert "(Fisher 1997)" in result.stdout and "Nan, Druckman, and El Horr 2009)" in result.stdout
    assert "Ripeness Theory and the Oslo Talks" in result.stdout


@pytest.mark.parametrize(
    ("args", "written"),
    [
        (["-o", "refs.md"], "- Fisher, R. J. (1997). *Interactive conflict resolution*."),
        (["--output-format", "markdown"], "- Fisher, R. J. (1997). *Interactive conflict resolution*."),
        (["-o", "refs.html"], "Fisher, R. J. (1997). <i>Interactive conflict resolution</i>."),
        (["--output-format", "html", "-o", "-"], "<i>Interactive conflict resolution</i>"),
        (["--output-format", "text", "-o", "refs.md"], "- Fisher, R. J. (1997). Interactive conflict resolution."),
        (["-o", "refs.txt"], "- Fisher, R. J. (1997). Interactive conflict resolution."),
    ],
)  # fmt: skip
def test_text_styles_keep_their_italics_in_markdown_and_html(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    written: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["cite", "--no-status", "fisher1997", *args])
    assert result.exit_code == 0, result.stderr
    files = list(tmp_path.iterdir())
    text = files[0].read_text() if files else result.stdout
    assert written in text
    assert result.stderr == (f"wrote 1 reference (apa) to {files[0].name}\n" if files else "")


@pytest.mark.skipif(__import__("shutil").which("pandoc") is None, reason="pandoc is not installed")
def test_the_html_reference_list_reads_in_pandoc_with_its_italics_and_language(
    runner: CliRunner, tmp_path: Path
) -> None:
    import subprocess

    page = tmp_path / "refs.html"
    result = runner.invoke(
        app, ["cite", "--format", "mla", "fisher1997", "kelman1996", "-o", str(page)]
    )
    assert result.exit_code == 0, result.stderr
    read = json.loads(
        subprocess.run(
            ["pandoc", "-f", "html", "-t", "json", str(page)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    assert read["meta"]["title"]["c"][0]["c"] == "Works"  # from <title>
    as_markdown = subprocess.run(
        ["pandoc", "-f", "html", "-t", "markdown", "--wrap=none", str(page)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Fisher, Ronald J. *Interactive Conflict Resolution*. Syracuse UP, 1997." in as_markdown
    assert "    [Cite as: \\[@fisher1997\\]]{.dim}\n" in as_markdown  # a note inside the item
    assert '<html lang="en">' in page.read_text()


@pytest.mark.skipif(__import__("shutil").which("pandoc") is None, reason="pandoc is not installed")
def test_the_shipped_apa_style_gives_pandoc_the_same_entry(
    runner: CliRunner, tmp_path: Path
) -> None:
    import subprocess

    style, refs, essay = tmp_path / "apa.csl", tmp_path / "refs.json", tmp_path / "essay.md"
    made = runner.invoke(app, ["cite", "--csl-style", "apa", "-o", str(style)])
    assert (made.exit_code, made.stderr) == (0, f"wrote the apa CSL style to {style}\n")
    assert runner.invoke(app, ["cite", "-f", "csl-json", "-o", str(refs)]).exit_code == 0
    essay.write_text("A claim [@fisher1997].\n")
    out = subprocess.run(
        ["pandoc", "--citeproc", "--csl", str(style), "--bibliography", str(refs), "-t", "plain",
         "--wrap=none", str(essay)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout  # fmt: skip
    assert out == (
        "A claim (Fisher, 1997).\n\n"
        "Fisher, R. J. (1997). Interactive conflict resolution. Syracuse University Press.\n"
    )


@pytest.mark.parametrize(
    ("style", "title"),
    [
        ("apa", "<title>APA Style 7th edition</title>"),
        ("mla", "<title>MLA Handbook 9th edition (in-text citations)</title>"),
        ("chicago", "<title>Chicago Manual of Style 17th edition (author-date)</title>"),
    ],
)
def test_every_shipped_csl_style_is_written_to_stdout(
    runner: CliRunner, style: str, title: str
) -> None:
    result = runner.invoke(app, ["cite", "--csl-style", style])
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.startswith('<?xml version="1.0" encoding="utf-8"?>')
    assert title in result.stdout and "creativecommons.org/licenses/by-sa/3.0" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--csl-style", "apa", "fisher1997"], "--csl-style writes a style file alone"),
        (["--csl-style", "apa", "--format", "mla"], "--csl-style writes a style file alone"),
        (["--csl-style", "apa", "--json"], "--json cannot be combined with --csl-style"),
        (["--csl-style", "harvard"], "'harvard' is not one of 'apa', 'mla', 'chicago'"),
        (["--output-format", "html", "-f", "bibtex"], "--output-format goes with apa, mla or chicago"),
        (["--output-format", "markdown", "--json"], "--json cannot be combined with --output-format"),
    ],
)  # fmt: skip
def test_cite_refuses_what_cannot_go_together(
    runner: CliRunner, args: list[str], message: str
) -> None:
    result = runner.invoke(app, ["cite", *args])
    assert result.exit_code == 2 and result.stdout == ""
    assert message in result.stderr


@pytest.mark.skipif(__import__("shutil").which("biber") is None, reason="biber is not installed")
def test_biber_finds_no_field_missing_that_the_record_holds(
    library: Library, tmp_path: Path
) -> None:
    """biber's data-model check may only miss what no source gave: an edited volume is a
    @collection (so it needs no author), and nothing known is left out of its field."""
    import re
    import subprocess

    refs = list(library.references.values())
    bib = tmp_path / "track2.bib"
    bib.write_text(formats.to_bibtex(refs), encoding="utf-8")
    log = subprocess.run(
        ["biber", "--tool", "--validate-datamodel", "--output-file", str(tmp_path / "out.bib"),
         str(bib)],
        capture_output=True, text=True, check=True, cwd=tmp_path,
    ).stdout  # fmt: skip
    by_key = {ref.key: ref for ref in refs}
    holds = {
        "author": lambda r: bool(r.author),
        "editor": lambda r: bool(r.editor),
        "date, year": lambda r: bool(r.issued),
        "booktitle": lambda r: bool(r.container_title),
        "journaltitle": lambda r: bool(r.container_title),
        "institution": lambda r: bool(r.publisher),
    }
    missing = re.findall(
        r"Entry '([^']+)' \([^)]*\): Missing mandatory field[ -]+(?:one of )?'([^']+)'", log
    )
    assert missing, "biber's check did not run"
    wrongly = [(key, field) for key, field in missing if holds[field](by_key[key])]
    assert wrongly == []
    assert ("fisher2005", "author") not in missing
    assert "@collection{fisher2005," in bib.read_text()
