"""Commented templates for `track2 new`: each passes `track2 validate` once filled in.

Every FILL IN is text the writer supplies; `validate` reports any left behind.
"""

from __future__ import annotations

from track2cli.library.kinds import KINDS
from track2cli.library.model import REFERENCE_TYPES, STATUSES

TOPIC = """\
# A topic page for track2. Check it with: track2 validate PACK
# Every field of every file: track2 new --guide
# Text fields are prose: a blank line starts a new paragraph, a line starting "- " is a
# bullet, *words* are emphasis, and citations use Pandoc's syntax: [@fisher1997],
# [@fisher1997, p. 8] or [@fisher1997; @kelman1996]. Keys come from references.yaml,
# the bundled one or your pack's own.
id: {id}                      # must match the file name
order: 50                     # where it appears in `track2 explain`
title: FILL IN the page title
summary: FILL IN one line for the index of topics
body: |
  FILL IN the text of the page, citing its sources.
sections:                     # optional: headed parts, in order
  - heading: FILL IN a heading
    body: |
      FILL IN the section's text.
see_also: [overview]          # ids of related topics, principles or cases
"""

CASE = """\
# A case study for track2. Check it with: track2 validate PACK
# Every field of every file: track2 new --guide
# Text fields are prose with citations in Pandoc's syntax, e.g. [@pruitt1997].
id: {id}                      # must match the file name
title: FILL IN the case's title
aliases: []                   # other names it answers to: lower-case words joined by dashes
period: FILL IN the years it covers, e.g. 1992-1993
summary: FILL IN one line for the index of cases
track: track-ii               # track-ii, track-1.5, back-channel or hybrid
classification: |
  FILL IN why the case carries that label: who met, in what capacity, who convened.
background: |
  FILL IN the conflict and what came before.
participants: |
  FILL IN who took part, and in what capacity.
third_party: |
  FILL IN who convened or facilitated, and what kind of body it was.
timeline:                     # dated steps, in order
  - date: FILL IN a date
    event: FILL IN what happened then.
official_talks: |
  FILL IN how the case fed into official talks, and what cannot be claimed.
principles:                   # the principles it shows: inclusivity, informality, problem-solving
  - id: inclusivity
    how: FILL IN how the case shows it.
limits: |
  FILL IN the limits of the case, and criticism of it.
sources: []                   # further reading beyond the keys cited above
see_also: [principles]
"""

QUESTION = """\
# Quiz questions for track2. Check them with: track2 validate PACK
# Every field of every file: track2 new --guide
# Kinds: {kinds}.
questions:
  - id: {id}                  # stable: progress is kept under it, so never change it
    kind: {kind}
    about: {about}         # ids of the topics, principles or cases it tests
    prompt: {prompt}
{sample}\
    explanation: FILL IN why the answer is right, citing a source.
    cites: []                 # the keys shown as its sources, e.g. [fisher1997]
"""

REFERENCE = """\
# A reference for track2 (CSL-JSON field names). Check it with: track2 validate PACK
# Every field of every file: track2 new --guide
# Types: {types}.
{id}:
  type: book                    # one of the types above
  author:                       # or editor: for an edited volume
    - family: FILL IN the family name
      given: FILL IN the given names
  issued: 2000                  # the year of publication: replace it
  title: FILL IN the title, in sentence case
  publisher: FILL IN the publisher
  status: confirmed             # {statuses}: what checking it found
  note: FILL IN what was checked, and where
  seen: FILL IN what of the work was seen (the full text, an abstract, a table of contents)
"""

TEMPLATES = {
    "topic": ("topics", TOPIC),
    "case": ("cases", CASE),
    "question": ("questions", QUESTION),
    "reference": ("", REFERENCE),
}


def template(kind: str, item_id: str, question_kind: str = "choice") -> tuple[str, str]:
    """The folder a new item goes in, and its template text (a question of the kind given)."""
    folder, text = TEMPLATES[kind]
    chosen = KINDS[question_kind]
    filled = {
        "{kinds}": ",\n#   ".join(f"{name} ({k.summary})" for name, k in KINDS.items()),
        "{kind}": question_kind,
        "{prompt}": chosen.prompt,
        "{about}": chosen.about,
        "{sample}": chosen.sample,
        "{id}": item_id,
        "{types}": ", ".join(REFERENCE_TYPES),
        "{statuses}": " | ".join(STATUSES),
    }
    for mark, value in filled.items():
        text = text.replace(mark, value)
    return folder, text
