"""A small workshop scenario for the tests: two decisions, a crisis that only low
confidentiality brings, and three endings chosen by the state."""

from __future__ import annotations

HARBOUR = """\
id: harbour
title: Harbour talks
summary: Two towns share one harbour.
setting: |
  Two towns share one harbour and one quarrel [@smith2000].
sides:
  - {id: east, name: East Town, summary: The fishing town.}
  - {id: west, name: West Town, summary: The port town.}
state:
  - {id: trust-east, label: Trust in the east, measures: trust, side: east, start: 50,
     page: principles, why: 'Trust matters [@smith2000].'}
  - {id: trust-west, label: Trust in the west, measures: trust, side: west, start: 50,
     page: principles, why: Trust matters too.}
  - {id: analysis, label: Analysis, measures: analysis, start: 40, page: informality,
     why: Analysis matters.}
  - {id: confidentiality, label: Confidentiality, measures: confidentiality, start: 60,
     page: informality, why: Secrecy matters.}
  - {id: transfer, label: Transfer, measures: transfer, start: 20, page: principles,
     why: Transfer matters.}
  - {id: inclusion, label: Inclusion, measures: inclusion, start: 50, page: principles,
     why: Inclusion matters.}
start: invite
steps:
  - id: invite
    stage: preparation
    title: Who comes
    situation: Whom do you invite?
    choices:
      - text: Invite the mayors in office
        principle: Officials are bound by their posts
        effects: [confidentiality -30, transfer +10]
        feedback: Officials cannot speak freely [@smith2000].
        pages: [informality]
        next: rules
      - text: Invite retired harbour masters
        principle: Influential but unofficial
        effects: [transfer +20, inclusion +10, trust-east +10]
        feedback: They can think aloud and still be heard.
        pages: [principles]
        next: rules
      - text: Invite only the east's friends
        principle: Both sides must be in the room
        effects: [inclusion -40, trust-west -40]
        feedback: One side alone is no workshop.
        next: rules
  - id: rules
    stage: ground-rules
    title: The rules
    situation: What rules do you propose?
    routes:
      - when: confidentiality < 40
        to: leak
    choices:
      - text: Agree that nothing is quoted
        principle: No attribution
        effects: [confidentiality +20, trust-west +10]
        feedback: Confidentiality lets people speak.
        next: close
      - text: Agree to publish a summary
        principle: Publicity too early
        effects: [confidentiality -20]
        feedback: A summary invites posturing.
        next: close
      - text: Agree on no rules at all
        principle: Rules shape the room
        effects: [analysis -10]
        feedback: Without rules the meeting drifts.
        next: close
  - id: leak
    stage: crisis
    title: A leak
    situation: The mayors' words are in the paper.
    choices:
      - text: Stop the workshop now
        principle: Know when to stop
        effects: [trust-east -10]
        feedback: Stopping saves face but ends the work.
        next: collapsed
      - text: Talk to each mayor alone
        principle: Repair trust in private
        effects: [trust-east +10, trust-west +10]
        feedback: Private repair keeps the door open.
        next: close
      - text: Deny the story in public
        principle: Do not lie for the parties
        effects: [trust-west -20]
        feedback: A denial is soon found out.
        next: collapsed
  - id: close
    stage: transfer
    title: The end
    situation: The meeting ends.
    routes:
      - when: transfer >= 40
        to: carried
      - to: stayed
endings:
  - {id: carried, title: Carried home, text: The ideas reach both towns.}
  - {id: stayed, title: Stayed in the room, text: A good meeting that nobody hears of.}
  - {id: collapsed, title: Collapsed, text: The workshop ends early.}
roles:
  - {id: ana, name: Ana, side: east, who: A retired harbour master., history: Ours first.,
     fears: Losing the quay., hopes: A shared quay., limits: Never name the mayor.}
  - {id: ben, name: Ben, side: west, who: A port engineer., history: We built it.,
     fears: Losing trade., hopes: More ships., limits: Never mention the strike.}
observe:
  - A move from blame to needs
debrief:
  - question: What made the ideas travel [@smith2000]?
    pages: [principles]
see_also: [principles]
"""
