"""Write docs/cli.md from track2's own --help, or check that it is up to date.

    python docs/cli_reference.py           # rewrite docs/cli.md
    python docs/cli_reference.py --check   # exit 1 if docs/cli.md differs (a test runs this)

Commands are found the way a user finds them, from the "Commands:" list of each --help.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from typer.testing import CliRunner

from track2cli.cli import app

TARGET = Path(__file__).with_name("cli.md")
LISTED = re.compile(r"^  (\S+)\s")


def help_text(path: tuple[str, ...]) -> str:
    """The --help of one command, at a fixed width."""
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "88"})
    if result.exit_code != 0:
        raise SystemExit(f"track2 {' '.join(path)} --help failed: {result.output}")
    return result.stdout.rstrip() + "\n"


def subcommands(text: str) -> list[str]:
    """The command names a --help lists under "Commands:"."""
    names: list[str] = []
    listing = False
    for line in text.splitlines():
        if line.strip() == "Commands:":
            listing = True
        elif listing and (match := LISTED.match(line)):
            names.append(match[1])
        elif listing and line and not line.startswith(" "):
            listing = False
    return names


def sections(path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], str]]:
    """Each command path with its help, the group before its commands."""
    text = help_text(path)
    found = [(path, text)]
    for name in subcommands(text):
        found += sections((*path, name))
    return found


def reference() -> str:
    """The whole reference as Markdown."""
    parts = [
        "# Command-line reference\n\n",
        "Generated from `track2 --help` by `python docs/cli_reference.py`; a test checks\n",
        "that it is up to date. The README shows the commands in use.\n",
    ]
    for path, text in sections():
        parts += [f"\n## {' '.join(('track2', *path))}\n\n```\n", text, "```\n"]
    return "".join(parts)


def main(argv: list[str]) -> int:
    text = reference()
    if "--check" in argv:
        if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != text:
            print(f"{TARGET} is out of date: run python docs/cli_reference.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
