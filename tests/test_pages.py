"""Pages as plain text: citations, emphasis, lists and tables."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from track2cli.library.model import Library
from track2cli.pages import document, layout, markup, plain, terminal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Plain.", [("Plain.", "")]),
        ("A *book* here.", [("A ", ""), ("book", "italic"), (" here.", "")]),
        ("Said [@fisher1997].", [("Said ", ""), ("(Fisher, 1997)", "cite"), (".", "")]),
        ("Doubtful [@nan2003].", [("Doubtful ", ""), ("(Nan, 2003)", "doubtful"), (".", "")]),
        ("[bold]red[/bold]", [("[bold]red[/bold]", "")]),
        ("Wrapped\n  over lines.", [("Wrapped over lines.", "")]),
    ],
)
def test_spans(library: Library, text: str, expected: list[tuple[str, str]]) -> None:
    assert markup.spans(text, library.references) == expected


def test_prose_paragraphs_and_bullets(library: Library) -> None:
    blocks: list[document.Block] = list(
        markup.prose("One\ntwo.\n\n- a\n  more\n- b\n\nThree.", library.references)
    )
    page = document.Page(blocks)
    assert plain.to_plain(page) == "One two.\n\n- a more\n- b\n\nThree.\n"


def test_plain_table_is_aligned_without_box_characters() -> None:
    page = document.Page([document.Table(("Case", "x"), (("oslo", "yes"), ("us-soviet", "-")))])
    assert plain.to_plain(page) == "Case       x\noslo       yes\nus-soviet  -\n"


def test_principles_table_matches_case_links(library: Library) -> None:
    principles = [library.principles[p] for p in library.topics["principles"].principles]
    table = layout.principles_table(principles, library)[1]
    assert isinstance(table, document.Table)
    assert table.headers == ("Case", "inclusivity", "informality", "problem-solving")
    rows = {row[0]: row[1:] for row in table.rows}
    assert set(rows) == set(library.cases)
    for case in library.cases.values():
        shown = {link.principle for link in case.principles}
        expected = tuple("yes" if p.id in shown else "-" for p in principles)
        assert rows[case.id] == expected, case.id
    assert "-" in {mark for row in rows.values() for mark in row}  # not every case shows all


def test_sources_warn_about_doubtful_references(library: Library) -> None:
    text = plain.to_plain(
        document.Page(layout.sources_blocks(["pruitt2007", "pruitt1997"], library))
    )
    lines = text.splitlines()
    assert lines[2].startswith("- Pruitt, D. G. (1997).")
    assert lines[3].startswith("- [DOUBTFUL] Pruitt, D. G. (2007).")
    assert lines[4].startswith("  Status: doubtful.")
    assert lines[4].endswith("Use instead: Pruitt (1997).")


@pytest.mark.parametrize(
    ("number", "noun", "plural", "expected"),
    [
        (0, "error", None, "0 errors"),
        (1, "error", None, "1 error"),
        (2, "warning", None, "2 warnings"),
        (1, "category", "categories", "1 category"),
        (3, "category", "categories", "3 categories"),
    ],
)
def test_counted_puts_the_noun_in_the_right_number(
    number: int, noun: str, plural: str | None, expected: str
) -> None:
    assert document.counted(number, noun, plural) == expected


def test_a_long_address_is_folded_on_a_narrow_terminal_not_cut() -> None:
    from rich.console import Console

    address = "https://example.org/a/very/long/address/that/cannot/fit/on/one/line.html"
    page = document.Page([document.Paragraph(((f"See {address}", ""),), marker="-")])
    console = Console(width=40, record=True, color_system=None)
    for renderable in terminal.to_rich(page):
        console.print(renderable)
    shown = console.export_text()
    assert "\u2026" not in shown
    assert "".join(line.strip() for line in shown.splitlines()).endswith(address)


# The Markdown back end.


def test_markdown_escapes_content_and_keeps_citations_for_pandoc() -> None:
    from track2cli.pages import markdown

    page = document.Page(
        [
            document.Heading("A <b>title</b>", level=1),
            document.Paragraph(
                (
                    ("Text with <script>x</script>, *stars* and @at ", ""),
                    ("[see <i> @smith2000, p. 3; -@jones1999]", "citekey"),
                    (" and ", ""),
                    ("stress", "italic"),
                )
            ),
            document.Paragraph((("1993. A year that is not a list", ""),)),
            document.Paragraph((("an entry", ""),), marker="-"),
            document.Paragraph((("its note", "dim"),), indent=2),
            document.Paragraph((("track2 case oslo", "command"),), marker="-"),
            document.Table(("Case", "A|B"), (("oslo", "yes"),)),
        ]
    )
    assert markdown.to_markdown(page, shift=2) == (
        "### A \\<b\\>title\\</b\\>\n"
        "\n"
        "Text with \\<script\\>x\\</script\\>, \\*stars\\* and \\@at "
        "[see \\<i\\> @smith2000, p. 3; -@jones1999] and *stress*\n"
        "\n"
        "1993\\. A year that is not a list\n"
        "\n"
        "- an entry\n"
        "\n"
        "  *its note*\n"
        "- `track2 case oslo`\n"
        "\n"
        "| Case | A\\|B |\n"
        "|---|---|\n"
        "| oslo | yes |\n"
    )


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_reads_escaped_content_as_text_not_html() -> None:
    from track2cli.pages import markdown

    page = document.Page([document.Paragraph((("<script>alert(1)</script> *x* @key $y$", ""),))])
    html = subprocess.run(
        ["pandoc", "-f", "markdown", "-t", "html"],
        input=markdown.to_markdown(page),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert html.strip() == ("<p>&lt;script&gt;alert(1)&lt;/script&gt; *x* @key $y$</p>")
