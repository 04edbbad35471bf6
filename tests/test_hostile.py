"""Hostile packs: what other people write is data, never control or markup."""

from __future__ import annotations

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
