"""Playing a workshop scenario: the run's state, its choices in a seeded order, and the
debrief that scores it on what the literature says matters."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import NamedTuple

from track2cli.library.model import DIMENSIONS, Choice, Ending, Step, Variable, Workshop
from track2cli.library.workshops import Scenario, State, changed, parse_effect, starting_state

# How a dimension's score reads: at least this much is "strong", under the next "weak".
STRONG, WEAK = 70, 40


class Decision(NamedTuple):
    """A choice made at a step, and how it changed the state."""

    step: Step
    choice: Choice
    before: State
    after: State

    @property
    def net(self) -> int:
        """How much the choice moved the state, all variables together (after clamping)."""
        return sum(self.after.values()) - sum(self.before.values())


class Run:
    """One play of a scenario: where it is, the state, and the decisions so far."""

    def __init__(self, workshop: Workshop, rng: random.Random) -> None:
        self.workshop = workshop
        self.scenario = Scenario(workshop)
        self.rng = rng
        self.state = starting_state(workshop)
        self.decisions: list[Decision] = []
        self.place = ""
        self.offered: list[Choice] = []
        self._arrive(workshop.start)

    def _arrive(self, place: str) -> None:
        self.place = self.scenario.follow(place, self.state)
        step = self.step
        # Shuffled, so that no choice is known by its place in the list.
        self.offered = self.rng.sample(step.choices, len(step.choices)) if step else []

    @property
    def ending(self) -> Ending | None:
        """The ending reached, or None while the run goes on."""
        return self.scenario.endings.get(self.place)

    @property
    def step(self) -> Step | None:
        """The step whose choices are on offer, or None at an ending."""
        return None if self.ending else self.scenario.steps[self.place]

    @property
    def number(self) -> int:
        """Which decision this is, counting from 1."""
        return len(self.decisions) + 1

    def choose(self, choice: Choice) -> Decision:
        """Make a choice: its effects, then on to where it leads."""
        step = self.step
        if step is None or choice not in step.choices:
            raise ValueError(f"not a choice at {self.place}: {choice.text}")
        after = changed(self.state, choice.effects)
        decision = Decision(step, choice, self.state, after)
        self.decisions.append(decision)
        self.state = after
        self._arrive(choice.next)
        return decision


def every_run(workshop: Workshop) -> Iterator[tuple[list[tuple[Step, Choice]], Ending]]:
    """Every way through a scenario, each choice at each step in turn: the decisions made
    and the ending reached (for the tests that walk every path)."""

    scenario = Scenario(workshop)

    def walk(
        place: str, state: State, path: list[tuple[Step, Choice]]
    ) -> Iterator[tuple[list[tuple[Step, Choice]], Ending]]:
        place = scenario.follow(place, state)
        if place in scenario.endings:
            yield path, scenario.endings[place]
            return
        step = scenario.steps[place]
        for choice in step.choices:
            yield from walk(choice.next, changed(state, choice.effects), [*path, (step, choice)])

    yield from walk(workshop.start, starting_state(workshop), [])


class Measure(NamedTuple):
    """One dimension of the debrief: its score and the variables behind it."""

    dimension: str
    score: int
    variables: list[tuple[Variable, int]]

    @property
    def verdict(self) -> str:
        """Strong, fair or weak."""
        return "strong" if self.score >= STRONG else "weak" if self.score < WEAK else "fair"


class Debrief(NamedTuple):
    """The scored end of a run."""

    ending: Ending
    score: int
    measures: list[Measure]
    helped: list[Decision]
    hurt: list[Decision]
    reread: list[str]  # page ids, the most useful first


def debrief(run: Run) -> Debrief:
    """Score a finished run: each dimension is the mean of its variables, the score the
    mean of the dimensions; decisions that moved the state up helped, down hurt."""
    ending = run.ending
    if ending is None:
        raise ValueError("the run has not ended")
    measures = []
    for dimension in DIMENSIONS:
        variables = [(v, run.state[v.id]) for v in run.workshop.state if v.measures == dimension]
        score = round(sum(value for _, value in variables) / len(variables))
        measures.append(Measure(dimension, score, variables))
    helped = [d for d in run.decisions if d.net > 0]
    hurt = [d for d in run.decisions if d.net < 0]
    reread: list[str] = []
    for measure in sorted(measures, key=lambda m: m.score):
        if measure.verdict != "strong":
            reread += [v.page for v, value in measure.variables if value < STRONG]
    for decision in hurt:
        reread += decision.choice.pages
    overall = round(sum(m.score for m in measures) / len(measures))
    return Debrief(ending, overall, measures, helped, hurt, list(dict.fromkeys(reread)))


def effects_in_words(decision: Decision) -> str:
    """What a choice changed, as the debrief shows it: 'trust-north +10, transfer -5'."""
    effects = (parse_effect(text) for text in decision.choice.effects)
    return ", ".join(f"{e.variable} {e.change:+d}" for e in effects if e is not None)
