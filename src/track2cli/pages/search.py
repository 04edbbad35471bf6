"""Full-text search over the content: SQLite FTS5 in memory, ranked by bm25.

Everything a student may look for is a document: topics, principles, cases, glossary
terms, people, questions and references. Titles weigh more than text. Queries are
words (all must match, in any form: the porter stemmer folds "negotiations" into
"negotiate"), "quoted phrases", and prefixes ending in `*`.
"""

from __future__ import annotations

import difflib
import functools
import re
import sqlite3
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from track2cli.biblio import cite
from track2cli.library.model import ENTRIES, Field, Library, fields_of, term_id
from track2cli.library.text import fold
from track2cli.pages.document import command
from track2cli.pages.layout import command_for
from track2cli.pages.markup import plain_text, unmarked

TITLE_WEIGHT, TEXT_WEIGHT = 8.0, 1.0
# Pages are what a student looks for; a question is only a pointer to one.
KIND_WEIGHT = {
    "case": 3.0,
    "topic": 3.0,
    "principle": 3.0,
    "person": 3.0,
    "term": 2.5,
    "reference": 1.5,
}
QUESTION_WEIGHT = 0.5
# Marks around matches in snippets: control characters never found in content.
OPEN, CLOSE = "\x02", "\x03"
TOKEN = re.compile(r'"[^"]*"|\S+')
SEARCH_SECONDS = 5.0


class SearchTooSlow(Exception):
    """A query ran past its time."""


@dataclass(frozen=True)
class Document:
    """One searchable thing and the command that shows it."""

    kind: str
    id: str
    title: str
    text: str
    command: str
    label: str = ""  # what results show, when it is not the title

    @property
    def shown(self) -> str:
        """The line a result shows for it."""
        return self.label or self.title


@dataclass(frozen=True)
class Hit:
    """A search result: what matched, a snippet with the matches marked, and its command."""

    kind: str
    id: str
    title: str
    snippet: list[tuple[str, bool]]
    command: str

    @property
    def snippet_text(self) -> str:
        """The snippet without marks."""
        return "".join(text for text, _ in self.snippet)


def _plain(text: str, library: Library) -> str:
    return plain_text(text, library.references)


def sections_of(record: Any) -> Iterator[str]:
    """A record's searchable sections, derived from its description: each prose field,
    and each list of entries as one text (an entry's text fields, ids left out)."""
    for name, spec in fields_of(type(record)).items():
        value = getattr(record, name)
        if spec.prose:
            yield value
        elif spec.kind == "records" and spec.entries in ENTRIES:
            texts = [attr for attr, inner in fields_of(spec.entries).items() if _searched(inner)]
            yield " ".join(str(getattr(entry, attr)) for entry in value for attr in texts)


def _searched(spec: Field) -> bool:
    return spec.kind == "text" and not spec.links


def documents(library: Library) -> Iterator[Document]:
    """Every searchable thing in the library, its text with citations as author-year."""
    plain = _plain  # short name: it is used on every document below
    for topic in library.topics.values():
        # A long page is indexed a section at a time, so that bm25 does not bury it under
        # short entries; results keep each page's best section (Index.search).
        texts = [
            f"{topic.summary} {topic.body}",
            *(f"{s.heading}. {s.body}" for s in topic.sections),
        ]
        for text in texts:
            shown = command("explain", topic.id)
            yield Document("topic", topic.id, topic.title, plain(text, library), shown)
        for term in topic.terms:
            opened = command("explain", term_id(term.term))  # the term on its own
            yield Document("term", term.term, term.term, plain(term.definition, library), opened)
        for person in topic.people:
            text = plain(f"{person.known_for} {person.body}", library)
            yield Document("person", person.id, person.name, text, command("explain", person.id))
    for principle in library.principles.values():
        text = plain(f"{principle.summary} {principle.body}", library)
        yield Document(
            "principle", principle.id, principle.title, text, command("explain", principle.id)
        )
    for case in library.cases.values():
        sections = [" ".join([case.summary, *case.aliases]), *sections_of(case)]
        for text in sections:
            if text:
                shown = command("case", case.id)
                yield Document("case", case.id, case.title, plain(text, library), shown)
    for question in library.questions.values():
        text = plain(question.explanation, library)
        page = question.about[0] if question.about else ""
        yield Document(
            "question", question.id, unmarked(question.prompt), text, command_for(page, library)
        )
    for ref in library.references.values():
        names = " ".join(f"{n.given} {n.family}" for n in ref.creators)
        text = f"{names} {ref.container_title} {ref.publisher} {ref.note}"
        yield Document(
            "reference", ref.key, ref.title, text, command("cite", ref.key), label=cite.apa(ref)
        )


# Letters that SQLite's remove_diacritics does not fold, since Unicode does not decompose
# them: typed without them (rod-larsen, o dochartaigh's Ó folds already), they still match.
def folded(text: str) -> str:
    """The folded spelling of a document, when it differs (else nothing: no double count)."""
    spelt = fold(text)
    return spelt if spelt != text else ""


def fts_query(query: str) -> str:
    """The user's words as an FTS5 query: words, "phrases" and prefixes*, all required,
    each once (a repeated prefix only multiplies the work)."""
    parts: list[str] = []
    for token in TOKEN.findall(query):
        if token.startswith('"') and token.endswith('"') and len(token) > 1:
            words = token[1:-1].replace('"', " ").strip()
            if words:
                parts.append(f'"{words}"')
        elif token.endswith("*") and len(token) > 1:
            parts.append('"' + token[:-1].replace('"', "") + '"*')
        else:
            bare = token.replace('"', "")
            if bare:
                parts.append(f'"{bare}"')
    return " ".join(dict.fromkeys(parts))


# Bump when the table or what goes into it changes: a kept index of another format is
# rebuilt.
INDEX_FORMAT = 1


class Index:
    """The library's documents in an FTS5 table: kept in the cache folder under the
    library's cache key (when there is one), else built in memory for this run."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    @classmethod
    def kept(cls, key: str) -> Index | None:
        """The index kept for a cache key, or None: a warm search needs no library."""
        db = _opened(key)
        return cls(db) if db is not None else None

    @classmethod
    def of(cls, library: Library, key: str | None = None) -> Index:
        """The library's index: kept under its cache key (when it has one), built first if
        there is none yet; without a key, built in memory for this run."""
        kept = cls.kept(key) if key else None
        if kept is not None:
            return kept
        db = _built(library)
        if key:
            _keep(db, key)
        return cls(db)

    @functools.cached_property
    def words(self) -> set[str]:
        """Every word of three letters or more in the content, for "did you mean"."""
        return {
            word
            for title, text in self.db.execute("SELECT title, text FROM docs")
            for word in re.findall(r"[a-z]{3,}", fold(f"{title} {text}").lower())
        }

    def search(self, query: str, limit: int = 10) -> list[Hit]:
        """The best matches, most relevant first."""
        match = fts_query(fold(query))
        if not match:
            return []
        weights = " ".join(f"WHEN '{kind}' THEN {weight}" for kind, weight in KIND_WEIGHT.items())
        rank = (
            f"bm25(docs, 0, 0, 0, 0, {TITLE_WEIGHT}, {TEXT_WEIGHT}, {TITLE_WEIGHT}, {TEXT_WEIGHT})"
            f" * CASE kind {weights} ELSE {QUESTION_WEIGHT} END"
        )
        deadline = time.monotonic() + SEARCH_SECONDS
        # SQLite runs the query in C: this is where it stops for a deadline or a Ctrl-C.
        self.db.set_progress_handler(lambda: time.monotonic() > deadline, 1_000)
        try:
            # Ranked first, each page once at its best section; then snippets for those
            # alone, since a snippet costs more than ranking and most matches are not shown.
            best: dict[tuple[str, str], int] = {}
            for row, kind, id_ in self.db.execute(
                f"SELECT rowid, kind, id FROM docs WHERE docs MATCH ? ORDER BY {rank}", (match,)
            ):
                best.setdefault((kind, id_), row)
                if len(best) == limit:
                    break
            found = {
                row: Hit(kind, id_, shown, _marked(snippet), to_run)
                for row, kind, id_, shown, to_run, snippet in self.db.execute(
                    "SELECT rowid, kind, id, shown, command,"
                    f" snippet(docs, 5, '{OPEN}', '{CLOSE}', '…', 16) FROM docs"
                    f" WHERE docs MATCH ? AND rowid IN ({', '.join(map(str, best.values()))})",
                    (match,),
                )
            }
        except sqlite3.OperationalError as error:
            if "interrupted" not in str(error):
                raise
            if time.monotonic() > deadline:
                raise SearchTooSlow from None
            raise KeyboardInterrupt from None  # Ctrl-C, swallowed inside the handler
        finally:
            self.db.set_progress_handler(None, 0)
        return [found[row] for row in best.values()]

    def correction(self, query: str) -> str:
        """The query with each word the content does not use replaced by the closest word
        it does, or "" when there is nothing to correct."""

        def closest(match: re.Match[str]) -> str:
            word = match[0].lower()
            if word in self.words:
                return match[0]
            close = difflib.get_close_matches(word, self.words, n=1, cutoff=0.75)
            return close[0] if close else match[0]

        corrected = re.sub(r"[A-Za-z]{3,}", closest, query)
        return corrected if corrected != query else ""


def _built(library: Library) -> sqlite3.Connection:
    """A new in-memory index of the library."""
    db = sqlite3.connect(":memory:")
    try:
        db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5("
            "kind UNINDEXED, id UNINDEXED, command UNINDEXED, shown UNINDEXED, title, text,"
            " folded_title, folded_text,"
            " tokenize = 'porter unicode61 remove_diacritics 2')"
        )
    except sqlite3.OperationalError as error:  # an SQLite built without FTS5
        raise RuntimeError(f"this Python's SQLite has no full-text search: {error}") from None
    rows = [
        (d.kind, d.id, d.command, d.shown, d.title, d.text, folded(d.title), folded(d.text))
        for d in documents(library)
    ]
    db.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.commit()  # a backup of a connection with a write under way waits for it forever
    return db


def _index_path(key: str) -> Path:
    from track2cli.library import paths

    return paths.cache_dir() / f"search-{zlib.crc32(key.encode()):08x}.sqlite3"


def _opened(key: str) -> sqlite3.Connection | None:
    """The kept index for a key, read-only, or None when there is none worth trusting:
    missing, in a folder others could write to, of another format or another key."""
    from track2cli.library.cache import private_folder

    path = _index_path(key)
    if not path.is_file() or path.is_symlink() or not private_folder(path.parent):
        return None
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        stored = db.execute("SELECT format, key FROM meta").fetchone()
        if stored == (INDEX_FORMAT, key):
            return db
        db.close()
    except sqlite3.Error:
        pass
    return None


def _keep(db: sqlite3.Connection, key: str) -> None:
    """Copy a built index into the cache folder, whole or not at all; failing to (a
    read-only disk) only means building it again next time."""
    import os
    import secrets

    from track2cli.library.cache import KEEP, private_folder

    path = _index_path(key)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not private_folder(path.parent):
            return
        os.close(os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        kept = sqlite3.connect(temporary)
        try:
            db.backup(kept)
            kept.execute("CREATE TABLE meta (format INTEGER, key TEXT)")
            kept.execute("INSERT INTO meta VALUES (?, ?)", (INDEX_FORMAT, key))
            kept.commit()
        finally:
            kept.close()
        os.replace(temporary, path)
        indexes = sorted(path.parent.glob("search-*.sqlite3"), key=lambda p: p.stat().st_mtime)
        for stale in indexes[:-KEEP]:  # as many as the library caches kept beside them
            stale.unlink(missing_ok=True)
    except (OSError, sqlite3.Error):
        temporary.unlink(missing_ok=True)


def _marked(snippet: str) -> list[tuple[str, bool]]:
    """A snippet split into plain and matched runs."""
    runs: list[tuple[str, bool]] = []
    for index, part in enumerate(re.split(f"[{OPEN}{CLOSE}]", snippet)):
        if part:
            runs.append((part, index % 2 == 1))
    return runs
