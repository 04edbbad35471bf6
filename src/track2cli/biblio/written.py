"""Reading what a student wrote for `track2 audit`: a reference list (plain text, BibTeX,
RIS or CSL-JSON) or a Markdown essay, its citations and its reference list, each with
the line it starts on."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from track2cli.biblio.audit import YEAR, Written, words
from track2cli.library import messages
from track2cli.library.errors import Track2Error

REFERENCES_HEADING = re.compile(
    r"^\s*(?:#+\s*|\*\*)?(references|bibliography|works cited|sources)\b", re.IGNORECASE
)
PANDOC_KEY = re.compile(r"(?<![\w.])-?@([A-Za-z0-9][\w:.#$%&+?<>~/-]*[A-Za-z0-9_])")
PARENTHETICAL = re.compile(r"\(([^()]*?\d{4}[a-z]?[^()]*)\)")
NARRATIVE = re.compile(
    r"\b([A-Z][\w'\u2019-]+)(?:\s+et al\.|\s+(?:and|&)\s+[A-Z][\w'\u2019-]+)?\s+\((\d{4})[a-z]?"
)
AUTHOR_YEAR = re.compile(r"([A-Z][\w'\u2019-]+)[^;]*?,?\s+(\d{4})[a-z]?")


class InText(NamedTuple):
    """A citation in the text: its line, the first author's family name and the year."""

    line: int
    family: str
    year: int


@dataclass
class Document:
    """What an audit reads: the references written, and the citations in the text."""

    references: list[Written] = field(default_factory=list)
    keys: list[tuple[int, str]] = field(default_factory=list)  # pandoc [@key], by line
    citations: list[InText] = field(default_factory=list)
    is_essay: bool = False


def read(path: Path) -> Document:
    """The file as references (and, for an essay, citations); Track2Error if unreadable."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        raise Track2Error(messages.AUDIT_DOCX.format(path=path))
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise Track2Error(messages.AUDIT_NOT_TEXT.format(path=path)) from None
    except OSError as error:
        reason = error.strerror or error
        raise Track2Error(messages.AUDIT_CANNOT_READ.format(path=path, reason=reason)) from None
    if suffix == ".bib":
        return Document(_bibtex(text))
    if suffix == ".ris":
        return Document(_ris(text))
    if suffix == ".json":
        return Document(_csl_json(text, path))
    return _text(text)


def _joined(*parts: Any) -> str:
    return ". ".join(str(p) for p in parts if p)


def _volume(volume: Any, issue: Any) -> str:
    """A volume and issue as APA writes them: 21(1)."""
    if not volume:
        return ""
    return f"{volume}({issue})" if issue else str(volume)


def _bibtex(text: str) -> list[Written]:
    from bibtexparser.entrypoint import parse_string

    found = []
    for entry in parse_string(text).entries:
        fields = {k.lower(): v.value for k, v in entry.fields_dict.items()}
        names = fields.get("author") or fields.get("editor") or ""
        families = [n.split(",")[0] for n in re.split(r"\s+and\s+", names) if n]
        written = _joined(
            " ".join(families), f"({fields.get('year') or fields.get('date', '')})",
            fields.get("title", "").replace("{", "").replace("}", ""),
            fields.get("journal") or fields.get("journaltitle") or fields.get("booktitle", ""),
            _volume(fields.get("volume", ""), fields.get("number", "")),
            fields.get("pages", "").replace("--", "-"),
        )  # fmt: skip
        found.append(Written((entry.start_line or 0) + 1, written))
    return found


def _ris(text: str) -> list[Written]:
    import rispy

    found = []
    start = 0
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        if line.startswith("TY  -"):
            start = number
        if line.startswith("ER  -") and start:
            record = rispy.loads("\n".join(lines[start - 1 : number]))[0]
            names = record.get("authors") or record.get("first_authors") or []
            pages = "-".join(p for p in (record.get("start_page"), record.get("end_page")) if p)
            written = _joined(
                " ".join(n.split(",")[0] for n in names), f"({record.get('year', '')})",
                record.get("title") or record.get("primary_title", ""),
                record.get("secondary_title") or record.get("journal_name", ""),
                _volume(record.get("volume", ""), record.get("number", "")),
                pages,
            )  # fmt: skip
            found.append(Written(start, written))
            start = 0
    return found


def _csl_json(text: str, path: Path) -> list[Written]:
    try:
        items = json.loads(text)
    except json.JSONDecodeError as error:
        raise Track2Error(
            messages.IMPORT_BAD_JSON.format(path=path, line=error.lineno, reason=error.msg)
        ) from None
    if not isinstance(items, list):
        raise Track2Error(messages.AUDIT_NOT_CSL.format(path=path))
    found = []
    for item in items:
        if not isinstance(item, dict):
            continue
        names = item.get("author") or item.get("editor") or []
        families = [n.get("family", "") for n in names if isinstance(n, dict)]
        year = ((item.get("issued") or {}).get("date-parts") or [[""]])[0][0]
        key = str(item.get("id", ""))
        line = next((n for n, one in enumerate(text.splitlines(), 1) if f'"{key}"' in one), 0)
        written = _joined(
            " ".join(families), f"({year})", item.get("title", ""),
            item.get("container-title", ""), _volume(item.get("volume", ""), item.get("issue", "")),
            item.get("page", ""),
        )  # fmt: skip
        found.append(Written(line, written))
    return found


def _text(text: str) -> Document:
    """A Markdown or plain-text essay (its list after a References heading), or a plain
    list of references, one a paragraph (or a line, when no blank line parts them)."""
    lines = text.splitlines()
    heading = next((n for n, line in enumerate(lines) if REFERENCES_HEADING.match(line)), None)
    document = Document(is_essay=heading is not None)
    body = lines[:heading] if heading is not None else []
    listed = lines[heading + 1 :] if heading is not None else lines
    first = heading + 2 if heading is not None else 1
    document.references = _entries(listed, first)
    for number, line in enumerate(body, start=1):
        document.keys += [(number, key) for key in PANDOC_KEY.findall(line)]
        for group in PARENTHETICAL.findall(line):
            for family, year in AUTHOR_YEAR.findall(group):
                document.citations.append(InText(number, family, int(year)))
        for family, year in NARRATIVE.findall(line):
            document.citations.append(InText(number, family, int(year)))
    return document


LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


def _entries(lines: list[str], first: int) -> list[Written]:
    """One reference per list item or paragraph, or per line when no blank line parts
    them."""
    by_paragraph = any(not line.strip() for line in lines)
    found: list[Written] = []
    start, parts = 0, list[str]()
    for number, line in enumerate(lines, start=first):
        clean = LIST_MARK.sub("", line).strip()
        if clean and parts and by_paragraph and not LIST_MARK.match(line):
            parts.append(clean)  # the same paragraph, wrapped
            continue
        if parts:
            found.append(Written(start, " ".join(parts)))
        start, parts = number, [clean] if clean else []
    if parts:
        found.append(Written(start, " ".join(parts)))
    return found


def cited_in(written: Written, family: str, year: int) -> bool:
    """Whether a citation (family name, year) points to a written reference."""
    years = {int(y) for y in YEAR.findall(written.text)}
    return year in years and words(family) in words(written.text).split()
