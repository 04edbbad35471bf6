"""The rules a workshop scenario keeps, beyond its fields: every state variable declared,
every choice leading to a step or an ending, no step that cannot be reached or that the
run cannot leave, and no loop.

Effects ("trust-north +10") and conditions ("confidentiality < 40") are read here, for the
checker and for the run (study/workshop.py) alike.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple, TypeAlias

from track2cli.library.model import DIMENSIONS, HIGHEST, LOWEST, STAGES, Workshop

if TYPE_CHECKING:
    from track2cli.library.yamlfile import Path_

Found: TypeAlias = "list[tuple[Path_, str]]"

FEWEST_CHOICES, MOST_CHOICES = 3, 5
EFFECT = re.compile(r"^\s*(?P<var>[a-z0-9-]+)\s+(?P<change>[+-]\d+)\s*$")
CONDITION = re.compile(r"^\s*(?P<var>[a-z0-9-]+)\s*(?P<op><=|>=|<|>)\s*(?P<value>\d+)\s*$")
COMPARE: dict[str, Callable[[int, int], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


class Effect(NamedTuple):
    """A change a choice makes to one state variable."""

    variable: str
    change: int


class Condition(NamedTuple):
    """A test of one state variable, such as confidentiality < 40."""

    variable: str
    op: str
    value: int

    def holds(self, state: dict[str, int]) -> bool:
        """Whether the state passes the test."""
        return COMPARE[self.op](state[self.variable], self.value)


@functools.cache  # a run reads the same few texts at every step
def parse_effect(text: str) -> Effect | None:
    """'trust-north +10' as an Effect, or None when it is not written that way."""
    match = EFFECT.match(text)
    return Effect(match["var"], int(match["change"])) if match else None


@functools.cache
def parse_condition(text: str) -> Condition | None:
    """'confidentiality < 40' as a Condition, or None when it is not written that way."""
    match = CONDITION.match(text)
    return Condition(match["var"], match["op"], int(match["value"])) if match else None


State: TypeAlias = "dict[str, int]"
# The most distinct (place, state) pairs the checker explores before giving up on
# proving that every ending can be reached in play: far beyond any hand-written scenario.
MOST_STATES = 200_000


def starting_state(workshop: Workshop) -> State:
    """Each state variable at its start."""
    return {variable.id: variable.start for variable in workshop.state}


def changed(state: State, effects: tuple[str, ...]) -> State:
    """The state after a choice's effects, each variable kept from 0 to 100."""
    after = dict(state)
    for text in effects:
        effect = parse_effect(text)
        if effect is not None:  # the checker has refused any other
            value = after[effect.variable] + effect.change
            after[effect.variable] = max(LOWEST, min(HIGHEST, value))
    return after


class Scenario:
    """A workshop's steps, endings and routes looked up by id, for playing it through:
    built once per run or check, since a check follows routes thousands of times."""

    def __init__(self, workshop: Workshop) -> None:
        self.workshop = workshop
        self.steps = {step.id: step for step in workshop.steps}
        self.endings = {ending.id: ending for ending in workshop.endings}
        self.routes = {
            step.id: [(parse_condition(r.when) if r.when else None, r.to) for r in step.routes]
            for step in workshop.steps
        }

    def follow(self, place: str, state: State) -> str:
        """Where the run settles on arriving at a place: an ending, or a step whose
        routes do not apply to this state (the first route whose test holds is taken)."""
        while place not in self.endings:
            for condition, target in self.routes[place]:
                if condition is None or condition.holds(state):
                    place = target
                    break
            else:
                return place
        return place


def targets(workshop: Workshop, step_id: str) -> list[str]:
    """Where a step can lead: its routes' targets and its choices' next steps."""
    step = workshop.step(step_id)
    return [route.to for route in step.routes] + [choice.next for choice in step.choices]


def workshop_problems(workshop: Workshop) -> Found:
    """Everything that would stop a run from being played through, or scored."""
    found: Found = []
    found += _declared(workshop)
    found += _variables(workshop)
    found += _steps(workshop)
    if not found:  # the graph is only worth walking once every name in it is known
        found += _graph(workshop)
    if not found:
        found += _in_play(workshop)
    return found


def _repeated(ids: list[str]) -> list[str]:
    return sorted({item for item in ids if ids.count(item) > 1})


def _declared(workshop: Workshop) -> Found:
    found: Found = []
    sides = [side.id for side in workshop.sides]
    if len(sides) < 2:
        found.append((("sides",), "sides: a workshop brings together at least two sides"))
    named = {
        "sides": sides,
        "state": [v.id for v in workshop.state],
        "roles": [r.id for r in workshop.roles],
        "steps": [s.id for s in workshop.steps] + [e.id for e in workshop.endings],
    }
    for field, ids in named.items():
        for repeated in _repeated(ids):
            found.append(((field,), f"{field}: the id '{repeated}' is used twice"))
    for index, role in enumerate(workshop.roles):
        if role.side not in sides:
            found.append((("roles", index, "side"), f"side: '{role.side}' is not one of the sides"))
    for side in sides:
        if not any(role.side == side for role in workshop.roles):
            found.append((("roles",), f"roles: the side '{side}' has no role card"))
    return found


def _variables(workshop: Workshop) -> Found:
    found: Found = []
    sides = {side.id for side in workshop.sides}
    for index, variable in enumerate(workshop.state):
        where = ("state", index)
        if variable.measures not in DIMENSIONS:
            message = f"measures: '{variable.measures}' is not one of {', '.join(DIMENSIONS)}"
            found.append(((*where, "measures"), message))
        if not LOWEST <= variable.start <= HIGHEST:
            message = f"start: must be from {LOWEST} to {HIGHEST}, not {variable.start}"
            found.append(((*where, "start"), message))
        if variable.side and variable.side not in sides:
            message = f"side: '{variable.side}' is not one of the sides"
            found.append(((*where, "side"), message))
    measured = {variable.measures for variable in workshop.state}
    for dimension in DIMENSIONS:
        if dimension not in measured:
            message = f"state: no variable measures {dimension} (the debrief scores it)"
            found.append((("state",), message))
    return found


def _steps(workshop: Workshop) -> Found:
    found: Found = []
    variables = {variable.id for variable in workshop.state}
    places = {step.id for step in workshop.steps} | {ending.id for ending in workshop.endings}
    if workshop.start not in {step.id for step in workshop.steps}:
        found.append((("start",), f"start: '{workshop.start}' is not one of the steps"))
    for index, step in enumerate(workshop.steps):
        where: Path_ = ("steps", index)
        if step.stage not in STAGES:
            found.append(
                ((*where, "stage"), f"stage: '{step.stage}' is not one of {', '.join(STAGES)}")
            )
        if step.choices and not FEWEST_CHOICES <= len(step.choices) <= MOST_CHOICES:
            message = (
                f"choices: a step has {FEWEST_CHOICES}-{MOST_CHOICES}, not {len(step.choices)}"
            )
            found.append(((*where, "choices"), message))
        if not step.choices and not (step.routes and not step.routes[-1].when):
            message = "a step with no choices must end its routes with one that has no 'when'"
            found.append((where, message))
        texts = [choice.text for choice in step.choices]
        for repeated in _repeated(texts):
            found.append(((*where, "choices"), f"choices: '{repeated}' appears twice"))
        for number, route in enumerate(step.routes):
            at: Path_ = (*where, "routes", number)
            if route.to not in places:
                found.append(((*at, "to"), f"to: '{route.to}' is not a step or an ending"))
            if route.when:
                found += _condition(route.when, variables, (*at, "when"))
        for number, choice in enumerate(step.choices):
            at = (*where, "choices", number)
            if choice.next not in places:
                found.append(((*at, "next"), f"next: '{choice.next}' is not a step or an ending"))
            for place, text in enumerate(choice.effects):
                found += _effect(text, variables, (*at, "effects", place))
    return found


def _effect(text: str, variables: set[str], where: Path_) -> Found:
    effect = parse_effect(text)
    if effect is None:
        return [(where, f"effects: '{text}' is not a change such as 'trust-north +10'")]
    if effect.variable not in variables:
        return [(where, f"effects: '{effect.variable}' is not a declared state variable")]
    return []


def _condition(text: str, variables: set[str], where: Path_) -> Found:
    condition = parse_condition(text)
    if condition is None:
        return [(where, f"when: '{text}' is not a test such as 'confidentiality < 40'")]
    if condition.variable not in variables:
        return [(where, f"when: '{condition.variable}' is not a declared state variable")]
    return []


def _graph(workshop: Workshop) -> Found:
    """No loop, and every step and ending reachable from the start."""
    found: Found = []
    steps = {step.id for step in workshop.steps}
    reached: set[str] = set()
    on_path: list[str] = []

    def visit(place: str) -> None:
        if place in on_path:
            loop = " -> ".join([*on_path[on_path.index(place) :], place])
            found.append((("steps",), f"steps: the run can go round in a loop: {loop}"))
            return
        if place in reached:
            return
        reached.add(place)
        if place in steps:
            on_path.append(place)
            for target in targets(workshop, place):
                visit(target)
            on_path.pop()

    visit(workshop.start)
    for index, step in enumerate(workshop.steps):
        if step.id not in reached:
            found.append((("steps", index, "id"), f"step '{step.id}' cannot be reached"))
    for index, ending in enumerate(workshop.endings):
        if ending.id not in reached:
            found.append((("endings", index, "id"), f"ending '{ending.id}' cannot be reached"))
    return found


def _in_play(workshop: Workshop) -> Found:
    """Every ending, and every step's choices, reached by some run: a route's test can
    make a place that the graph reaches one that no run does.

    Runs are explored from the start, a place and state at a time; two states that agree
    on every variable a later route tests lead to the same places, so only one of them is
    explored (the rest would multiply the work by the number of ways through).
    """
    tested = _tested_from(workshop)
    targets_left = {e.id for e in workshop.endings} | {s.id for s in workshop.steps if s.choices}
    scenario = Scenario(workshop)
    state = starting_state(workshop)
    waiting = [(scenario.follow(workshop.start, state), state)]
    seen: set[tuple[str, tuple[int, ...]]] = set()
    while waiting and targets_left and len(seen) < MOST_STATES:
        place, state = waiting.pop()
        key = (place, tuple(state[name] for name in tested[place]))
        if key in seen:
            continue
        seen.add(key)
        targets_left.discard(place)
        if place in scenario.endings:
            continue
        for choice in scenario.steps[place].choices:
            after = changed(state, choice.effects)
            waiting.append((scenario.follow(choice.next, after), after))
    if targets_left and waiting:  # too many states to prove it either way: say nothing
        return []
    found: Found = []
    for index, step in enumerate(workshop.steps):
        if step.id in targets_left:
            message = f"step '{step.id}': no run reaches its choices (its routes, or theirs)"
            found.append((("steps", index, "id"), message))
    for index, ending in enumerate(workshop.endings):
        if ending.id in targets_left:
            message = f"ending '{ending.id}': no run reaches it (check the routes' tests)"
            found.append((("endings", index, "id"), message))
    return found


def _tested_from(workshop: Workshop) -> dict[str, list[str]]:
    """For each place, the variables that some route from there on tests, in order."""
    own = {
        step.id: {c.variable for r in step.routes if (c := parse_condition(r.when))}
        for step in workshop.steps
    }
    found: dict[str, list[str]] = {ending.id: [] for ending in workshop.endings}

    def tested(place: str) -> list[str]:
        if place not in found:
            names = set(own[place])
            for target in targets(workshop, place):
                names.update(tested(target))
            found[place] = sorted(names)
        return found[place]

    for step in workshop.steps:
        tested(step.id)
    return found
