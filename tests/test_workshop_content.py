"""The bundled workshop scenarios: every way through each is walked, every choice and
ending reached, each stage of a workshop present, and no cue to the best choice."""

from __future__ import annotations

import random

import pytest
from typer.testing import CliRunner

from track2cli.cli import app
from track2cli.library.model import STAGES, Choice, Library, Step, Workshop
from track2cli.study.workshop import Run, debrief, every_run


def scenarios(library: Library) -> list[Workshop]:
    return list(library.workshops.values())


def test_three_scenarios_or_more_are_bundled(library: Library) -> None:
    assert len(library.workshops) >= 3


@pytest.fixture(params=["riverland", "kessa", "orvan"])
def workshop(request: pytest.FixtureRequest, library: Library) -> Workshop:
    return library.workshops[request.param]


def test_a_workshop_runs_from_preparation_to_transfer(workshop: Workshop) -> None:
    decisions = [step for step in workshop.steps if step.choices]
    assert {step.stage for step in decisions} == set(STAGES)
    assert workshop.step(workshop.start).stage == "preparation"
    # A crisis that earlier choices bring about (or not): a test on the state leads to it.
    crises = {step.id for step in decisions if step.stage == "crisis"}
    tested = {route.to for step in workshop.steps for route in step.routes if route.when}
    assert crises & tested
    assert all(3 <= len(step.choices) <= 5 for step in decisions)


def test_the_best_choice_is_not_given_away_by_its_length(library: Library) -> None:
    longest_is_best = steps = 0
    for workshop in scenarios(library):
        for step in workshop.steps:
            if not step.choices:
                continue
            lengths = [len(c.text) for c in step.choices]
            assert max(lengths) <= 2 * min(lengths), (workshop.id, step.id, lengths)
            net = [_net(c.effects) for c in step.choices]
            steps += 1
            longest_is_best += net[lengths.index(max(lengths))] == max(net)
    assert longest_is_best / steps < 0.45  # chance, with 3-5 choices, is 0.2-0.33


def test_no_opening_word_gives_the_best_choice_away(library: Library) -> None:
    """A student who always picks "Ask ..." (or any other first word) does little better
    than chance: across the steps where a word opens some choice, its choices are the
    best at most half the time."""
    rates: dict[str, list[float]] = {}
    for workshop in scenarios(library):
        for step in workshop.steps:
            if not step.choices:
                continue
            best = max(_net(c.effects) for c in step.choices)
            for word in {c.text.split()[0] for c in step.choices}:
                opened = [c for c in step.choices if c.text.split()[0] == word]
                hits = sum(_net(c.effects) == best for c in opened) / len(opened)
                rates.setdefault(word, []).append(hits)
    frequent = {word: sum(r) / len(r) for word, r in rates.items() if len(r) >= 5}
    assert frequent and all(rate <= 0.5 for rate in frequent.values()), frequent


def _net(effects: tuple[str, ...]) -> int:
    return sum(int(text.split()[-1]) for text in effects)


def test_a_good_run_scores_high_and_a_poor_one_low(workshop: Workshop) -> None:
    """The best and worst choice at each step (by what they add up to) give scores
    far apart: the debrief rewards what the literature rewards."""
    scores = {}
    for pick in (max, min):
        run = Run(workshop, random.Random(0))
        while run.step is not None:
            run.choose(pick(run.step.choices, key=lambda c: _net(c.effects)))
        scores[pick.__name__] = debrief(run).score
    assert scores["max"] >= 70 and scores["min"] < 40, scores


def test_every_path_ends_and_every_ending_is_reached_through_the_command(
    runner: CliRunner, workshop: Workshop
) -> None:
    """Every way through is walked (a loop or a dead end would never yield a run); every
    choice is made in some run, every ending reached, and each ending then reached by the
    command itself, from a pipe."""
    chosen: set[tuple[str, str]] = set()
    first_path: dict[str, list[tuple[Step, Choice]]] = {}
    runs = 0
    for path, ending in every_run(workshop):
        runs += 1
        first_path.setdefault(ending.id, path)
        chosen.update((step.id, choice.text) for step, choice in path)
    assert runs > 10_000
    assert chosen == {(s.id, c.text) for s in workshop.steps for c in s.choices}
    assert set(first_path) == {ending.id for ending in workshop.endings}
    assert len(workshop.endings) >= 3
    for ending_id, path in first_path.items():
        run = Run(workshop, random.Random(7))
        typed = []
        for step, choice in path:
            assert run.step == step
            typed.append(str(run.offered.index(choice) + 1))
            run.choose(choice)
        result = runner.invoke(
            app, ["workshop", workshop.id, "--seed", "7"], input="\n".join(typed) + "\n"
        )
        assert (result.exit_code, result.stderr) == (0, ""), ending_id
        assert f"\n{workshop.ending(ending_id).title}\n" in result.stdout  # type: ignore[union-attr]
        assert "Score: " in result.stdout and "Decision 1: " in result.stdout
