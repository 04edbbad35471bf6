"""The loader: valid packs load; every problem is reported as file:line: message."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import PACK_FILES
from track2cli.library.errors import ContentError
from track2cli.library.loader import load
from track2cli.library.yamlfile import strip_controls

MakePack = Callable[..., Path]


def problems(folder: Path) -> list[str]:
    """The problems loading a folder reports, with the folder shown as 'pack'."""
    with pytest.raises(ContentError) as caught:
        load(folder, shown_root="pack").checked()
    return [str(p) for p in caught.value.problems]


def test_valid_pack_loads(make_pack: MakePack) -> None:
    library = load(make_pack()).checked()
    assert list(library.cases) == ["alpha"]
    assert list(library.principles) == ["informality"]
    assert library.cases["alpha"].background == "Some background.\nMore lines [@smith2000]."
    assert library.references["smith2000"].author[0].given == "Ann B."


CASE = PACK_FILES["cases/alpha.yaml"]


@pytest.mark.parametrize(
    ("path", "content", "expected"),
    [
        (
            "cases/alpha.yaml",
            CASE.replace("  - id: informality\n", "  - id: informalty\n"),
            "pack/cases/alpha.yaml:14:5: principles: unknown principle 'informalty' "
            "(did you mean 'informality'?)",
        ),
        (
            "cases/alpha.yaml",
            CASE.replace("More lines [@smith2000]", "More lines [@smyth2000]"),
            "pack/cases/alpha.yaml:8:15: unknown citation key 'smyth2000' (did you mean 'smith2000'?)",
        ),
        (
            "cases/alpha.yaml",
            CASE.replace("summary: A case.\n", "sumary: A case.\n"),
            "pack/cases/alpha.yaml:1:1: missing required field 'summary'\n"
            "pack/cases/alpha.yaml:5:1: unknown field 'sumary' (did you mean 'summary'?)",
        ),
        (
            "cases/alpha.yaml",
            CASE.replace("id: alpha\n", "id: beta\n"),
            "pack/cases/alpha.yaml:1:1: id 'beta' must match the file name 'alpha'",
        ),
        (
            "cases/alpha.yaml",
            CASE.replace("participants: People.\n", "participants: [a, b]\n"),
            "pack/cases/alpha.yaml:9:1: participants: expected text",
        ),
        (
            "cases/alpha.yaml",
            CASE + "see_also: [principls]\n",
            "pack/cases/alpha.yaml:17:12: see_also: unknown page 'principls' (did you mean 'principles'?)",
        ),
        (
            "cases/alpha.yaml",
            CASE.replace("title: Alpha\n", "title: Alpha\n  bad: indent\n"),
            "pack/cases/alpha.yaml:3:6: YAML syntax: mapping values are not allowed in this context",
        ),
        (
            "references.yaml",
            PACK_FILES["references.yaml"].replace("status: confirmed", "status: sure"),
            "pack/references.yaml:8:3: status: must be one of confirmed, unverified-detail, doubtful",
        ),
        (
            "references.yaml",
            PACK_FILES["references.yaml"].replace("  issued: 2000\n", "  issued: circa 2000\n"),
            "pack/references.yaml:5:3: issued: expected a year or a date such as '1993-09-14'",
        ),
        (  # an impossible date, unquoted: YAML would make it a timestamp and crash
            "references.yaml",
            PACK_FILES["references.yaml"].replace("  issued: 2000\n", "  issued: 1993-13-01\n"),
            "pack/references.yaml:5:3: issued: expected a year or a date such as '1993-09-14'",
        ),
        (
            "references.yaml",
            PACK_FILES["references.yaml"].replace("  type: book\n", "  type: newspaper\n"),
            "pack/references.yaml:2:3: type: 'newspaper' is not a known type"
            " (did you mean 'article-newspaper'?)",
        ),
        (  # the ISBN-10's check digit kept on an ISBN-13: a wrong number, as seen in a record
            "references.yaml",
            PACK_FILES["references.yaml"].replace(
                "  issued: 2000\n", "  issued: 2000\n  ISBN: 978-0-312-21939-3\n"
            ),
            "pack/references.yaml:6:3: ISBN: '978-0-312-21939-3' fails its check digit",
        ),
        (
            "cases/alpha.yaml",
            PACK_FILES["cases/alpha.yaml"].replace(
                "summary: A case.\n", "summary: A case.\ntrack: two\n"
            ),
            "pack/cases/alpha.yaml:6:1: track: must be one of track-ii, track-1.5, back-channel, hybrid",
        ),
        (
            "cases/alpha.yaml",
            PACK_FILES["cases/alpha.yaml"].replace(
                "aliases: [first-case]", "aliases: [principles]"
            ),
            "pack/cases/alpha.yaml:3:11: alias 'principles' is the id of a topic or principle",
        ),
        (  # every prose field is checked, the optional ones too
            "cases/alpha.yaml",
            CASE + "official_talks: It fed the talks [@smith2001].\n",
            "pack/cases/alpha.yaml:17:35: unknown citation key 'smith2001'"
            " (did you mean 'smith2000'?)",
        ),
        (
            "cases/alpha.yaml",
            CASE + "sources: [smith2000, smyth2000]\n",
            "pack/cases/alpha.yaml:17:22: unknown citation key 'smyth2000'"
            " (did you mean 'smith2000'?)",
        ),
        (
            "pack.yaml",
            "format: 2\nname: future\n",
            "pack/pack.yaml:1:1: format 2 is not supported (this track2 reads 1)",
        ),
        (
            "cases/alpha.yaml",
            b"id: alpha\ntitle: \xff\n",
            "pack/cases/alpha.yaml:2:8: not UTF-8 text",
        ),
    ],
)
def test_one_problem_reported_at_its_line(
    make_pack: MakePack, path: str, content: str | bytes, expected: str
) -> None:
    assert problems(make_pack({path: content})) == expected.split("\n")


def test_missing_fields_are_named(make_pack: MakePack) -> None:
    broken = "id: alpha\ntitle: Alpha\n"
    found = problems(make_pack({"cases/alpha.yaml": broken}))
    assert found == [
        f"pack/cases/alpha.yaml:1:1: missing required field '{name}'"
        for name in sorted(
            ["period", "summary", "background", "participants", "timeline", "principles", "limits"]
        )
    ]


def test_every_problem_is_gathered_in_file_order(make_pack: MakePack) -> None:
    case = CASE.replace("[@smith2000]", "[@nobody]").replace("id: informality", "id: nothing")
    found = problems(make_pack({"cases/alpha.yaml": case, "pack.yaml": "format: 9\nname: x\n"}))
    assert found == [
        "pack/cases/alpha.yaml:8:15: unknown citation key 'nobody'",
        "pack/cases/alpha.yaml:14:5: principles: unknown principle 'nothing'",
        "pack/pack.yaml:1:1: format 9 is not supported (this track2 reads 1)",
    ]


def test_alias_clash_between_cases(make_pack: MakePack) -> None:
    other = CASE.replace("id: alpha", "id: beta").replace("[first-case]", "[first-case, b]")
    found = problems(make_pack({"cases/beta.yaml": other}))
    assert found == [
        "pack/cases/beta.yaml:3:11: alias 'first-case' is already used by case 'alpha'"
    ]


def test_missing_folder_is_a_problem(tmp_path: Path) -> None:
    assert problems(tmp_path / "nowhere") == ["pack: no such content folder"]


def test_pack_yaml_is_optional_and_unreadable_files_are_problems(make_pack: MakePack) -> None:
    folder = make_pack()
    (folder / "pack.yaml").unlink()
    (folder / "cases" / "broken.yaml").mkdir()
    assert problems(folder) == ["pack/cases/broken.yaml: cannot read: not a regular file"]


def test_empty_file_is_a_problem_not_a_crash(make_pack: MakePack) -> None:
    assert problems(make_pack({"cases/alpha.yaml": ""})) == [
        "pack/cases/alpha.yaml:1:1: the file is empty"
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("plain", "plain"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("\x1b]8;;http://x\x07link", "]8;;http://xlink"),
        (["\x00a", {"k": "\x9bb"}], ["a", {"k": "b"}]),
        (7, 7),
    ],
)
def test_strip_controls(value: object, expected: object) -> None:
    assert strip_controls(value) == expected


def test_alias_bomb_does_not_blow_up(make_pack: MakePack) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{n}: &{n} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    )
    found = problems(make_pack({"cases/alpha.yaml": bomb}))
    assert found == [
        "pack/cases/alpha.yaml:6:4: refused: the file expands to more than 200000 values through aliases"
    ]


QUESTION = (
    "questions:\n"
    "  - id: alpha-q\n"
    "    kind: choice\n"
    "    about: [alpha]\n"
    "    prompt: Which?\n"
    "    options:\n"
    "      - text: One\n"
    "        correct: true\n"
    "      - text: Two\n"
    "        why: Not two [@smith2000].\n"
    "      - text: Three\n"
    "    explanation: Because [@smith2000].\n"
    "    cites: [smith2000]\n"
)


def test_valid_question_loads(make_pack: MakePack) -> None:
    library = load(make_pack({"questions/q.yaml": QUESTION})).checked()
    question = library.questions["alpha-q"]
    assert [o.correct for o in question.options] == [True, False, False]
    assert question.options[1].why == "Not two [@smith2000]."


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "      - text: Three\n",
            "      - text: One\n",
            "pack/questions/q.yaml:6:5: options: 'One' appears twice",
        ),
        (
            "      - text: Three\n",
            "      - text: Three\n        correct: true\n",
            "pack/questions/q.yaml:6:5: options: a choice question has exactly one correct option, not 2",
        ),
        (
            "    about: [alpha]\n",
            "    about: [alpah]\n",
            "pack/questions/q.yaml:4:13: about: unknown page 'alpah' (did you mean 'alpha'?)",
        ),
        (
            "    cites: [smith2000]\n",
            "    cites: [smith200]\n",
            "pack/questions/q.yaml:13:13: unknown citation key 'smith200' (did you mean 'smith2000'?)",
        ),
        (
            "Because [@smith2000]",
            "Because [@jones1999]",
            "pack/questions/q.yaml:12:27: unknown citation key 'jones1999'",
        ),
        (
            "    kind: choice\n",
            "    kind: essay\n",
            "pack/questions/q.yaml:3:5: kind: 'essay' is not one of choice, multi, scenario, compare, recall, cloze, truefalse, match, order",
        ),
        (
            "      - text: Three\n",
            "",
            "pack/questions/q.yaml:6:5: options: a choice question has 3-5, not 2",
        ),
        (
            "    kind: choice\n",
            "    kind: truefalse\n",
            "pack/questions/q.yaml:2:5: a truefalse question needs 'answer'\npack/questions/q.yaml:6:5: options: not used by a truefalse question",
        ),
    ],
)
def test_question_problems(make_pack: MakePack, old: str, new: str, expected: str) -> None:
    assert old in QUESTION
    assert problems(make_pack({"questions/q.yaml": QUESTION.replace(old, new)})) == expected.split(
        "\n"
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "    kind: match\n    pairs:\n      - {item: a, match: x}\n      - {item: b, match: x}\n      - {item: c, match: y}\n",
            "pack/questions/q.yaml:7:5: pairs: the match 'x' appears twice",
        ),
        (
            "    kind: order\n    items: [a, b, a]\n",
            "pack/questions/q.yaml:7:5: items: 'a' appears twice",
        ),
        (
            "    kind: multi\n    options:\n      - {text: a, correct: true}\n      - {text: b, correct: true}\n      - {text: c, correct: true}\n",
            "pack/questions/q.yaml:7:5: options: a multi question needs correct and wrong options",
        ),
    ],
)
def test_kind_specific_problems(make_pack: MakePack, body: str, expected: str) -> None:
    head = "questions:\n  - id: q1\n    about: [alpha]\n    prompt: P\n    explanation: E.\n"
    assert problems(make_pack({"questions/q.yaml": head + body + "    cites: []\n"})) == [expected]


def test_duplicate_question_ids_across_files(make_pack: MakePack) -> None:
    found = problems(make_pack({"questions/a.yaml": QUESTION, "questions/b.yaml": QUESTION}))
    assert found == [
        "pack/questions/b.yaml:2:5: question id 'alpha-q' is already used in pack/questions/a.yaml"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: 2.5\nc: yes\nd: ~\ne: 2020-01-01\nf: !!str 3\ng: &x [1, 2]\nh: *x\n",
        "base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n",
        "- 0x1F\n- .inf\n- 'quoted'\n- \"esc \\x1b\"\n- True\n- null\n",
        *(
            p.read_text()
            for p in sorted(Path(__file__).parent.parent.joinpath("content").rglob("*.yaml"))
        ),
    ],
)
def test_fast_construction_matches_pyyaml(text: str) -> None:
    import yaml

    from track2cli.library.yamlfile import construct

    loader = yaml.CSafeLoader(text)
    node = loader.get_single_node()
    assert node is not None
    ours = construct(node, loader, {})
    loader.dispose()
    assert ours == yaml.load(text, Loader=yaml.CSafeLoader)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "a: " + "[" * 45 + "]" * 45 + "\n",
            "pack/cases/alpha.yaml:1:44: refused: the file is nested more than 40 levels deep",
        ),
        (
            "a: &x [1, *x]\n",
            "pack/cases/alpha.yaml:1:4: refused: the file refers to itself through an alias",
        ),
        (
            b"id: alpha\ntitle: a\x00b\n",
            "pack/cases/alpha.yaml:2:9: a binary file (it holds a NUL byte), not text",
        ),
        (
            "a: " + "[" * 5000 + "\n",
            "pack/cases/alpha.yaml:1:",
        ),  # beyond libyaml's own nesting limit
    ],
)
def test_hostile_files_are_refused_with_a_position(
    make_pack: MakePack, content: str | bytes, expected: str
) -> None:
    import time

    start = time.monotonic()
    found = problems(make_pack({"cases/alpha.yaml": content}))
    assert time.monotonic() - start < 5
    assert len(found) == 1 and found[0].startswith(expected)


def test_files_over_the_size_limit_are_not_read(make_pack: MakePack) -> None:
    big = "id: alpha\nbody: |\n" + ("  " + "x" * 100 + "\n") * 11_000
    assert problems(make_pack({"cases/alpha.yaml": big})) == [
        "pack/cases/alpha.yaml:1:1: larger than 1024 KiB: not read"
    ]


def test_a_pack_cannot_read_outside_its_folder(make_pack: MakePack, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: secret\n")
    folder = make_pack()
    (folder / "cases" / "secret.yaml").symlink_to(secret)
    assert problems(folder) == ["pack/cases/secret.yaml: links outside its pack: not read"]


def test_dates_as_far_as_they_were_seen(make_pack: MakePack) -> None:
    references = PACK_FILES["references.yaml"].replace("  issued: 2000\n", "  issued: 1993-09-14\n")
    extra = (
        "undated:\n  type: webpage\n  title: A page\n  status: confirmed\n"
        "  seen: The page.\n  note: No date was seen.\n"
        "month:\n  type: article-newspaper\n  title: News\n  issued: '1993-09'\n"
        "  status: confirmed\n  seen: The report.\n  note: N.\n"
    )
    library = load([make_pack({"references.yaml": references + extra})]).checked()
    refs = library.references
    assert (refs["smith2000"].issued, refs["smith2000"].month, refs["smith2000"].day) == (
        1993,
        9,
        14,
    )
    assert refs["undated"].year == "n.d." and refs["undated"].creators == ()
    assert refs["month"].date_parts() == [1993, 9]


def test_a_topics_further_reading_is_checked_cached_and_listed(
    make_pack: MakePack, runner: CliRunner
) -> None:
    # Topic.sources was added as one described field in model.py: the checker, the
    # JSON Schema, the link checker, the cache and the page's sources all follow from it.
    from track2cli.cli import app
    from track2cli.library import cache
    from track2cli.library.schema import json_schema

    topic = PACK_FILES["topics/principles.yaml"]
    listed = topic.replace("body: |\n", "sources: [smith2000]\nbody: |\n", 1)
    library = load(make_pack({"topics/principles.yaml": listed})).checked()
    assert library.topics["principles"].sources == ("smith2000",)
    cache.write("sources", library)
    assert cache.read("sources") == library
    assert json_schema("topic")["properties"]["sources"] == {
        "type": "array",
        "items": {"type": "string"},
    }
    misspelt = topic.replace("body: |\n", "sources: [smyth2000]\nbody: |\n", 1)
    assert problems(make_pack({"topics/principles.yaml": misspelt})) == [
        "pack/topics/principles.yaml:4:11: unknown citation key 'smyth2000'"
        " (did you mean 'smith2000'?)"
    ]
    # Further reading that the text does not cite is listed with the page's sources.
    uncited = listed.replace("  Text [@smith2000].\n", "  Text.\n")
    pack = make_pack({"topics/principles.yaml": uncited})
    (pack / "topics" / "principles.yaml").write_text(
        uncited.replace("    body: Informal talk [@smith2000].\n", "    body: Informal talk.\n")
    )
    (pack / "cases" / "alpha.yaml").write_text(
        PACK_FILES["cases/alpha.yaml"].replace(" [@smith2000]", "")
    )
    result = runner.invoke(
        app, ["--no-bundled", "--content-dir", str(pack), "explain", "principles"]
    )
    assert result.exit_code == 0, result.stderr
    assert "Smith, A. B. (2000). A book. A Press." in result.stdout


@pytest.mark.parametrize(
    ("isbn", "right"),
    [
        ("978-0-312-21939-0", True),
        ("0-312-21939-3", True),
        ("0 9752298 0 X", True),
        ("097522980x", True),
        ("0-9752298-0-9", False),
        ("978-0-312-21939-3", False),
        ("12345", False),
    ],
)
def test_isbn_check_digits(isbn: str, right: bool) -> None:
    from track2cli.library.schema import isbn_checks

    assert isbn_checks(isbn) is right
