"""Commented templates for `track2 new`: each passes `track2 validate` once filled in.

Every FILL IN is text the writer supplies; `validate` reports any left behind.
"""

from __future__ import annotations

from track2cli.library.kinds import KINDS
from track2cli.library.model import DIMENSIONS, REFERENCE_TYPES, STAGES, STATUSES

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

WORKSHOP = """\
# A problem-solving workshop scenario for track2: the student plays its facilitator.
# Check it with: track2 validate PACK; play it with: track2 workshop {id}
# Every field of every file: track2 new --guide
# Keep it fictional (invented places and people), so that nobody is misrepresented.
# Prose fields (setting, situation, feedback, why, text, question) may cite, in
# Pandoc's syntax: [@kelman2003-interview]. Keys come from references.yaml.
id: {id}                        # must match the file name
title: FILL IN the scenario's title
summary: FILL IN one line for the list of scenarios
setting: |
  FILL IN the invented conflict: the sides, what divides them, why official talks are stuck.
sides:                          # at least two
  - id: north
    name: FILL IN the first side's name
    summary: FILL IN who they are, in a line
  - id: south
    name: FILL IN the second side's name
    summary: FILL IN who they are, in a line
# What a run carries from step to step, each from 0 to 100, scored in the debrief.
# Between them they measure {dimensions}.
state:
  - id: trust-north
    label: FILL IN what it is, e.g. Trust among the northern participants
    measures: trust             # {dimensions}
    side: north                 # for trust: whose
    start: 50
    page: workshops             # the page to reread when it ends low
    why: FILL IN why it matters, citing a source.
  - id: trust-south
    label: FILL IN Trust among the southern participants
    measures: trust
    side: south
    start: 50
    page: workshops
    why: FILL IN why it matters, citing a source.
  - id: analysis
    label: FILL IN Analysis reached, not polemic
    measures: analysis
    page: problem-solving
    why: FILL IN why it matters, citing a source.
  - id: confidentiality
    label: FILL IN Confidentiality kept
    measures: confidentiality
    start: 70
    page: informality
    why: FILL IN why it matters, citing a source.
  - id: transfer
    label: FILL IN The chance that the ideas reach those who decide
    measures: transfer
    start: 30
    page: transfer
    why: FILL IN why it matters, citing a source.
  - id: inclusion
    label: FILL IN Who was included
    measures: inclusion
    page: inclusivity
    why: FILL IN why it matters, citing a source.
start: invitations              # the first step
# Each step is a decision: 3-5 choices, in no particular order (the run shuffles them).
# Stages: {stages}.
steps:
  - id: invitations
    stage: preparation
    title: FILL IN the step's title
    situation: |
      FILL IN what the facilitator faces now.
    choices:
      - text: FILL IN one thing the facilitator could do
        principle: FILL IN the principle behind it, in a few words
        effects: [inclusion +10, transfer +20]    # a declared variable and a change
        pages: [workshops]                        # pages that explain it
        feedback: FILL IN why it helps or hurts, citing a source.
        next: outcome                             # a step or an ending
      - text: FILL IN another, as plausible and of the same length
        principle: FILL IN the principle behind it
        effects: [inclusion -10]
        pages: [inclusivity]
        feedback: FILL IN why, citing a source.
        next: outcome
      - text: FILL IN a third
        principle: FILL IN the principle behind it
        effects: [trust-north -10]
        pages: [workshops]
        feedback: FILL IN why, citing a source.
        next: outcome
  # A step with no choices only routes: the first route whose test holds is taken,
  # and the last has no test. Any step may have routes; they are checked first.
  - id: outcome
    stage: transfer
    title: FILL IN What the participants take home
    situation: |
      FILL IN what happens as the workshop ends.
    routes:
      - when: transfer >= 50
        to: carried-home
      - to: stayed-in-the-room
endings:
  - id: carried-home
    title: FILL IN the ending's title
    text: |
      FILL IN what happens afterwards.
  - id: stayed-in-the-room
    title: FILL IN the ending's title
    text: |
      FILL IN what happens afterwards.
roles:                          # a role card for each participant: at least one per side
  - id: first-participant
    name: FILL IN a name
    side: north
    who: FILL IN who they are and why they were invited
    history: FILL IN their side's history, as they tell it
    fears: FILL IN what they fear
    hopes: FILL IN what they hope for
    limits: FILL IN what they may not say
  - id: second-participant
    name: FILL IN a name
    side: south
    who: FILL IN who they are
    history: FILL IN their side's history, as they tell it
    fears: FILL IN what they fear
    hopes: FILL IN what they hope for
    limits: FILL IN what they may not say
observe:                        # the observers' checklist
  - FILL IN what to watch for, e.g. a move from blame to explaining needs
debrief:                        # questions for the class afterwards
  - question: FILL IN a question for the class
    pages: [workshops]
see_also: [workshops, transfer]
"""

TEMPLATES = {
    "topic": ("topics", TOPIC),
    "case": ("cases", CASE),
    "question": ("questions", QUESTION),
    "reference": ("", REFERENCE),
    "workshop": ("workshops", WORKSHOP),
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
        "{dimensions}": ", ".join(DIMENSIONS),
        "{stages}": ", ".join(STAGES),
    }
    for mark, value in filled.items():
        text = text.replace(mark, value)
    return folder, text
