"""Hostile packs: what other people write is data, never control or markup."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from track2cli.cli import app

ESC = "\x1b"
CASE = """\
id: evil
title: A case
period: '2000'
summary: {summary}
background: Background.
participants: People.
timeline:
  - date: '2000'
    event: Something happened.
principles:
  - id: informality
    how: Informally.
limits: Limits.
"""


def write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def run(runner: CliRunner, pack: Path, *args: str) -> tuple[int, str, str]:
    """A command with Rich styling forced on, as on a terminal wide enough for the text."""
    result = runner.invoke(
        app, ["--color", "always", "--content-dir", str(pack), *args], env={"COLUMNS": "500"}
    )
    return result.exit_code, result.stdout, result.stderr


def test_escape_sequences_in_keys_never_reach_the_terminal(
    runner: CliRunner, tmp_path: Path
) -> None:
    pack = write(
        tmp_path / "pack",
        {
            "references.yaml": (
                '"evil\\e]0;pwned\\a2000":\n  type: book\n  author: [{family: X}]\n'
                "  issued: 2000\n  title: T\n  publisher: P\n  status: confirmed\n  note: N.\n"
            ),
            "cases/evil.yaml": CASE.format(summary="A case.") + '"odd\\e[2Jfield": x\n',
        },
    )
    code, out, err = run(runner, pack, "validate", str(pack))
    assert code == 1 and ESC not in out + err and "\x07" not in out + err
    assert "citation key 'evil]0;pwned2000' must be letters and digits" in out
    assert "unknown field 'odd[2Jfield'" in out


def test_escape_sequences_in_file_names_are_not_printed(runner: CliRunner, tmp_path: Path) -> None:
    pack = write(tmp_path / "pack", {f"cases/x{ESC}]0;t\x07.yaml": "id: [\n"})
    code, out, err = run(runner, pack, "validate", str(pack))
    assert code == 1 and ESC not in out + err and "\x07" not in out + err
    assert "x]0;t.yaml" in out


MARKUP = "[link=https://evil.example]Read more[/link] [white on white]hidden[/] an editorial [sic] and [/]"


@pytest.mark.parametrize(
    "args", [("case",), ("explain",), ("quiz", "--list"), ("search", "editorial")]
)
def test_markup_in_content_is_shown_as_text(
    runner: CliRunner, tmp_path: Path, args: tuple[str, ...]
) -> None:
    summary = f'"{MARKUP}"'
    question = (
        "questions:\n  - id: evil-q\n    kind: truefalse\n    about: [evil]\n"
        f"    prompt: {summary}\n    answer: true\n    explanation: Yes [@fisher1997].\n"
        "    cites: [fisher1997]\n"
    )
    topic = f"id: evil-topic\ntitle: Evil topic\nsummary: {summary}\nbody: Text.\n"
    pack = write(
        tmp_path / "pack",
        {
            "cases/evil.yaml": CASE.format(summary=summary),
            "questions/evil.yaml": question,
            "topics/evil-topic.yaml": topic,
        },
    )
    code, out, err = run(runner, pack, *args)
    assert code == 0, err
    assert "\x1b]8;" not in out  # no OSC 8 hyperlink
    assert "[sic]" in out and "[white on white]hidden[/]" in out


def test_zero_width_and_bidi_controls_are_stripped(runner: CliRunner, tmp_path: Path) -> None:
    hidden = "Zero\u200bwidth\u200f and\u061c bidi\ufeff\u2060 marks"
    pack = write(tmp_path / "pack", {"cases/evil.yaml": CASE.format(summary=f'"{hidden}"')})
    result = runner.invoke(app, ["--content-dir", str(pack), "case", "--json"])
    (evil,) = [c for c in __import__("json").loads(result.stdout) if c["id"] == "evil"]
    assert evil["summary"] == "Zerowidth and bidi marks"


# Exports: what reaches Moodle, Anki, a browser or a reference manager stays data.

EVIL_BODY = (
    "Ordinary text.\n\n"
    "<script>alert(1)</script> and [click](javascript:alert(1)) and <javascript:alert(2)>\n\n"
    "# Injected heading\n\n"
    "Another line\n"
    "===\n"
)


def hostile_pack(tmp_path: Path) -> Path:
    question = (
        "questions:\n"
        "  - id: evil-choice\n    kind: choice\n    about: [evil]\n"
        "    prompt: '[html]<b>Pick</b>'\n    options:\n"
        "      - {text: Right, correct: true}\n"
        "      - {text: '%25%Wrong but weighted', why: No.}\n"
        "      - {text: '[html]<i>Other</i>', why: No.}\n"
        "    explanation: Because [@fisher1997].\n    cites: [fisher1997]\n"
        "  - id: evil-match\n    kind: match\n    about: [evil]\n"
        "    prompt: Match.\n    pairs:\n"
        "      - {item: 'a -> b', match: one}\n      - {item: c, match: two}\n"
        "      - {item: d, match: three}\n"
        "    explanation: Because [@fisher1997].\n    cites: [fisher1997]\n"
    )
    reference = (
        "evil2000:\n  type: book\n  author: [{family: Evil, given: E.}]\n  issued: 2000\n"
        '  title: "Title}, @misc{pwned, title={x"\n  publisher: "P\\nER  - \\nTY  - JOUR"\n'
        "  status: confirmed\n  note: 'Line one\\n\\n@misc{pwned2, title={y}}'\n"
    )
    case = (
        CASE.format(summary="A case.")
        .replace("title: A case", "title: Deck::Sub::Deck")
        .replace(
            "background: Background.",
            "background: |\n"
            + "".join(f"  {line}\n" if line else "\n" for line in EVIL_BODY.splitlines())
            + "  Cited [@evil2000].",
        )
    )
    return write(
        tmp_path / "pack",
        {"cases/evil.yaml": case, "questions/evil.yaml": question, "references.yaml": reference},
    )


def test_the_study_guide_through_pandoc_has_no_live_html(runner: CliRunner, tmp_path: Path) -> None:
    import subprocess

    pack = hostile_pack(tmp_path)
    guide = tmp_path / "guide.md"
    code, _, err = run(runner, pack, "export", "markdown", "--topic", "evil", "-o", str(guide))
    assert code == 0, err
    html = subprocess.run(
        ["pandoc", "-f", "markdown", "-t", "html", str(guide)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "<script" not in html and "javascript:" not in html.replace("javascript:alert", "")
    assert (
        'href="javascript' not in html
        and "<h1" not in html.split("A case")[-1].split("Injected")[0]
    )
    assert "Injected heading" in html and "&lt;script&gt;" in html


def test_gift_keeps_weights_formats_and_arrows_as_text(runner: CliRunner, tmp_path: Path) -> None:
    pack = hostile_pack(tmp_path)
    out = tmp_path / "bank.gift"
    assert run(runner, pack, "export", "gift", "--topic", "evil", "-o", str(out))[0] == 0
    text = out.read_text()
    # Every text is declared plain, so Moodle reads no weight, format marker or HTML in it.
    assert "~[plain]%25%Wrong but weighted" in text
    assert "~[plain][html]<i>Other</i>" in text
    assert "::evil-choice::[plain][html]<b>Pick</b>" in text
    # An item's own arrow would split the pair at the wrong place.
    assert "=[plain]a → b -> one" in text


def test_bibtex_and_ris_read_back_as_one_entry(runner: CliRunner, tmp_path: Path) -> None:
    import rispy
    from bibtexparser.entrypoint import parse_string

    pack = hostile_pack(tmp_path)
    bib = runner.invoke(app, ["--content-dir", str(pack), "cite", "evil2000", "--format", "bibtex"])
    library = parse_string(bib.stdout)
    assert [e.key for e in library.entries] == ["evil2000"] and not library.failed_blocks
    ris = runner.invoke(app, ["--content-dir", str(pack), "cite", "evil2000", "--format", "ris"])
    records = rispy.loads(ris.stdout)
    assert len(records) == 1 and records[0]["id"] == "evil2000"


def test_anki_deck_names_take_no_extra_levels(runner: CliRunner, tmp_path: Path) -> None:
    import json
    import sqlite3
    import zipfile

    pack = hostile_pack(tmp_path)
    out = tmp_path / "bank.apkg"
    assert run(runner, pack, "export", "anki", "--topic", "evil", "-o", str(out))[0] == 0
    with zipfile.ZipFile(out) as package:
        package.extract("collection.anki2", tmp_path)
    db = sqlite3.connect(tmp_path / "collection.anki2")
    decks = json.loads(db.execute("SELECT decks FROM col").fetchone()[0])
    db.close()
    names = {d["name"] for d in decks.values()} - {"Default"}
    assert names == {"Track II diplomacy::Deck: Sub: Deck"}


# Files: only regular files are read or replaced, and nothing is left behind.


def test_a_fifo_in_a_pack_is_reported_not_waited_on(runner: CliRunner, tmp_path: Path) -> None:
    import os

    pack = write(tmp_path / "pack", {"cases/evil.yaml": CASE.format(summary="A case.")})
    (pack / "topics").mkdir()
    os.mkfifo(pack / "topics" / "f.yaml")
    result = runner.invoke(app, ["--no-bundled", "validate", str(pack)])
    assert result.exit_code == 1
    assert f"{pack}/topics/f.yaml: cannot read: not a regular file" in result.stdout


def test_a_cache_file_that_is_no_file_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from track2cli.library import cache

    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("TRACK2_CACHE_DIR", str(folder))
    os.mkfifo(cache._path("fifo"))
    assert cache.read("fifo") is None  # returns at once instead of waiting for a writer
    cache._path("zero").symlink_to("/dev/zero")
    assert cache.read("zero") is None  # instead of reading until memory runs out


def test_a_cache_folder_others_can_write_to_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, library: object
) -> None:
    from track2cli.library import cache

    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o777)
    monkeypatch.setenv("TRACK2_CACHE_DIR", str(folder))
    cache.write("key", library)  # type: ignore[arg-type]
    assert list(folder.iterdir()) == []
    private = tmp_path / "private"
    monkeypatch.setenv("TRACK2_CACHE_DIR", str(private))
    cache.write("key", library)  # type: ignore[arg-type]
    assert cache.read("key") == library
    text = cache._path("key").read_text()
    for control in ("\\u001b", "\\u001B", "\\u009b", "\\u009D", "\x1b", "\x9b", "\x07"):
        cache._path("key").write_text(text.replace("Oslo", f"Os{control}lo", 1))
        assert cache.read("key") is None, control  # not from checked content
    cache._path("key").write_text(text)
    assert cache.read("key") == library


def test_a_failed_cache_write_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, library: object
) -> None:
    import os

    from track2cli.library import cache

    monkeypatch.setenv("TRACK2_CACHE_DIR", str(tmp_path / "cache"))

    def disk_full(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    cache.write("key", library)  # type: ignore[arg-type]
    assert list((tmp_path / "cache").iterdir()) == []


def test_only_a_regular_file_is_ever_replaced(runner: CliRunner, tmp_path: Path) -> None:
    import stat

    result = runner.invoke(app, ["export", "gift", "-o", "/dev/null", "--force"])
    assert (result.exit_code, result.stderr) == (
        1,
        "error: /dev/null is not a regular file: not replacing it\n",
    )
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


def test_dash_writes_to_standard_output(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "gift", "-o", "-", "--topic", "oslo"])
    assert result.exit_code == 0 and result.stdout.startswith("// track2 ")
    assert result.stderr.endswith("to standard output\n") and not Path("-").exists()
    cite = runner.invoke(app, ["cite", "kelman2002", "--format", "bibtex", "-o", "-"])
    assert cite.stdout.startswith("@incollection{kelman2002,")


def test_written_files_follow_the_umask(runner: CliRunner, tmp_path: Path) -> None:
    import os

    old = os.umask(0o022)
    try:
        assert runner.invoke(app, ["export", "gift", "-o", str(tmp_path / "b.gift")]).exit_code == 0
        assert runner.invoke(app, ["cite", "-o", str(tmp_path / "r.txt")]).exit_code == 0
    finally:
        os.umask(old)
    assert {oct(p.stat().st_mode & 0o777) for p in tmp_path.iterdir()} == {"0o644"}


def test_anki_export_leaves_no_temporary_files(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    result = runner.invoke(
        app, ["export", "anki", "-o", str(tmp_path / "t.apkg"), "--topic", "oslo"]
    )
    assert result.exit_code == 0
    assert list(scratch.iterdir()) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "format: " + "9" * 5000 + "\n",
            "pack.yaml:1:9: refused: the file has a value that cannot be read"
            " (Exceeds the limit (4300 digits) for integer string conversion)",
        ),
        ("? [a]\n: b\n", "pack.yaml:1:3: refused: the file has a list or a mapping as a key"),
    ],
)
def test_yaml_edge_cases_are_problems_not_tracebacks(
    runner: CliRunner, tmp_path: Path, text: str, expected: str
) -> None:
    pack = write(tmp_path / "pack", {"pack.yaml": text})
    result = runner.invoke(app, ["--no-bundled", "validate", str(pack)])
    assert (result.exit_code, result.stdout) == (1, f"{pack}/{expected}\n")


def test_a_question_about_nothing_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    question = (
        "questions:\n  - id: q\n    kind: truefalse\n    about: []\n    prompt: P?\n"
        "    answer: true\n    explanation: E [@fisher1997].\n    cites: [fisher1997]\n"
    )
    pack = write(tmp_path / "pack", {"questions/q.yaml": question})
    result = runner.invoke(app, ["validate", str(pack)])
    assert result.exit_code == 1
    assert "about: a question is about at least one page" in result.stdout


# Search: bounded, and stoppable.


def test_a_long_search_is_refused_and_repeats_cost_nothing(runner: CliRunner) -> None:
    from track2cli.pages.search import fts_query

    refused = runner.invoke(app, ["search", *["ab*"] * 30])
    assert refused.exit_code == 2
    assert "a search takes at most 16 words and 200 characters" in refused.stderr
    assert fts_query("ab* ab* ab* oslo oslo") == '"ab"* "oslo"'


def test_a_search_past_its_time_stops_with_one_line(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from track2cli.pages import search

    monkeypatch.setattr(search, "SEARCH_SECONDS", -1.0)
    result = runner.invoke(app, ["search", "negot*"])
    assert (result.exit_code, result.stderr) == (
        1,
        "error: the search took too long: try fewer words, or longer ones before a *\n",
    )


def test_ctrl_c_in_any_command_exits_130(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from track2cli.pages import search

    def interrupted(self: object, query: str, limit: int = 10) -> list[object]:
        raise KeyboardInterrupt

    monkeypatch.setattr(search.Index, "search", interrupted)
    result = runner.invoke(app, ["search", "oslo"])
    assert result.exit_code == 130 and "Aborted" not in result.stderr


# Streams, arguments and signals: one error line at most, never a traceback.


def track2(*args: str, **options: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **options.pop("env", {})}  # type: ignore[dict-item]
    result: subprocess.CompletedProcess[str] = subprocess.run(
        [sys.executable, "-m", "track2cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        **options,  # type: ignore[call-overload]
    )
    return result


def test_stdout_on_a_full_disk_is_one_error_line() -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "track2cli", "cite"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert (result.returncode, result.stderr) == (
        1,
        "error: No space left on device (writing the output)\n",
    )


@pytest.mark.parametrize(
    ("args", "env", "code"),
    [
        (("case", "oslo"), {"PYTHONIOENCODING": "ascii"}, 0),
        (("case", "\udcff"), {}, 1),  # an argument that is not UTF-8
        (("review", "--limit", "9" * 30), {}, 2),
        (("quiz", "--pass", "nan"), {}, 2),
        (("new", "topic", "a" * 300), {}, 1),
    ],
)
def test_odd_environments_and_arguments_give_no_traceback(
    args: tuple[str, ...], env: dict[str, str], code: int, tmp_path: Path
) -> None:
    result = track2(*args, env=env, cwd=tmp_path)
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_closed_stdin_and_stdout_give_no_traceback() -> None:
    closed_in = track2("quiz", "--count", "1", preexec_fn=lambda: os.close(0))
    assert closed_in.returncode == 0 and "Traceback" not in closed_in.stderr
    closed_out = subprocess.run(
        [sys.executable, "-m", "track2cli", "case", "oslo"],
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        preexec_fn=lambda: os.close(1),
    )
    assert closed_out.returncode == 0 and closed_out.stderr == ""


def test_ctrl_c_while_starting_exits_130_quietly() -> None:
    import signal
    import time

    process = subprocess.Popen(
        [sys.executable, "-m", "track2cli", "case", "oslo"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(0.12)  # Python is running, and still importing the command line
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    # 130 from track2; -2 (killed by SIGINT, which a shell shows as 130) when Python had
    # not yet reached track2's code; 0 when it had already finished.
    assert process.returncode in (130, -2, 0) and "Traceback" not in err


def test_prose_keeps_a_reading_width_on_a_wide_terminal(runner: CliRunner) -> None:
    import re

    result = runner.invoke(app, ["--color", "always", "case", "oslo"], env={"COLUMNS": "160"})
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in result.stdout.splitlines()]
    assert 90 <= max(len(line.rstrip()) for line in lines) <= 100
    table = runner.invoke(app, ["--color", "always", "quiz", "--list"], env={"COLUMNS": "160"})
    assert max(len(re.sub(r"\x1b\[[0-9;]*m", "", ln)) for ln in table.stdout.splitlines()) > 100


def test_a_reference_list_in_html_holds_no_markup_from_the_pack(
    runner: CliRunner, tmp_path: Path
) -> None:
    pack = write(
        tmp_path / "pack",
        {
            "references.yaml": (
                "evil2000:\n  type: book\n  author: [{family: '<b>Evil</b>', given: E.}]\n"
                "  issued: 2000\n  title: '<script>alert(1)</script> & <img src=x onerror=y>'\n"
                "  publisher: P\n  status: confirmed\n  note: '</li></ul><h1>Injected</h1>'\n"
            )
        },
    )
    out = tmp_path / "refs.html"
    code, _, err = run(runner, pack, "cite", "evil2000", "-o", str(out))
    assert code == 0, err
    from html.parser import HTMLParser

    class Tags(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.tags: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.tags.append(tag)

    parser = Tags()
    parser.feed(out.read_text())
    # Only the page's own elements: the title's italics, the list and the notes' spans.
    assert set(parser.tags) <= {"html", "head", "meta", "title", "style", "body", "h1"} | {
        "ul", "li", "i", "p", "span", "strong",
    }  # fmt: skip
    assert parser.tags.count("h1") == 1 and "script" not in parser.tags
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img" in out.read_text()
