"""Write questions as track2's YAML, one file per page: used to reorganise the bank.

python docs/write_questions.py          # split content/questions/ into one file per page
"""

from __future__ import annotations

import sys
import textwrap
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
ORDER = [
    "id",
    "kind",
    "about",
    "prompt",
    "options",
    "answer",
    "pairs",
    "items",
    "accept",
    "gaps",
    "explanation",
    "cites",
]


def scalar(value: Any) -> str:
    """A value as a one-line YAML scalar, quoted only when it must be."""
    text = yaml.safe_dump(value, width=10**6, allow_unicode=True, default_flow_style=True)
    return text.strip().removesuffix("...").strip()


def flow(values: list[Any]) -> str:
    return "[" + ", ".join(scalar(v) for v in values) + "]"


def folded(text: str, indent: str) -> list[str]:
    lines = textwrap.wrap(
        text, width=88 - len(indent), break_long_words=False, break_on_hyphens=False
    )
    return [indent + line for line in lines]


def question_yaml(q: dict[str, Any]) -> list[str]:
    out = []
    keys = [k for k in ORDER if k in q] + [k for k in q if k not in ORDER]
    for n, key in enumerate(keys):
        lead = "  - " if n == 0 else "    "
        value = q[key]
        if key in ("about", "cites", "items", "accept") and key != "items":
            out.append(f"{lead}{key}: {flow(value)}")
        elif key == "items":
            out.append(f"{lead}items:")
            out += [f"      - {scalar(v)}" for v in value]
        elif key == "options":
            out.append(f"{lead}options:")
            for option in value:
                out.append(f"      - text: {scalar(option['text'])}")
                if option.get("correct"):
                    out.append("        correct: true")
                if option.get("why"):
                    out.append(f"        why: {scalar(option['why'])}")
        elif key == "pairs":
            out.append(f"{lead}pairs:")
            for pair in value:
                out.append(f"      - item: {scalar(pair['item'])}")
                out.append(f"        match: {scalar(pair['match'])}")
        elif key == "gaps":
            out.append(f"{lead}gaps:")
            out += [f"      - accept: {flow(gap['accept'])}" for gap in value]
        elif key == "explanation":
            text = str(value).strip()
            if "\n" in text:  # paragraphs or a list: kept line for line
                out.append(f"{lead}explanation: |-")
                out += [f"      {line}" if line else "" for line in text.split("\n")]
            else:
                out.append(f"{lead}explanation: >-")
                out += folded(text, "      ")
        else:
            out.append(f"{lead}{key}: {scalar(value)}")
    return out


def write(path: Path, title: str, questions: list[dict[str, Any]]) -> None:
    lines = [f"# Quiz questions: {title}.", "questions:"]
    for index, question in enumerate(questions):
        if index:
            lines.append("")
        lines += question_yaml(question)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    again = yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]
    stripped = [{**q, "explanation": str(q["explanation"]).strip()} for q in questions]
    assert again == stripped, path


def split(folder: Path) -> None:
    by_page: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for path in sorted(folder.glob("*.yaml")):
        for question in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]:
            by_page[question["about"][0]].append(question)
        path.unlink()
    for page, questions in by_page.items():
        write(folder / f"{page}.yaml", f"the {page} page", questions)


if __name__ == "__main__":
    split(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "content" / "questions")
