"""track2 workshop: the rules a scenario keeps, the run and its debrief, the command in
each of its modes, the progress it records and the classroom kit."""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from tests.conftest import check_golden
from tests.workshop_fixture import HARBOUR
from track2cli.cli import app
from track2cli.library.loader import load
from track2cli.library.model import Workshop
from track2cli.study.workshop import Run, debrief, every_run

MakePack = Callable[..., Path]


@pytest.fixture
def harbour_pack(make_pack: MakePack) -> Path:
    return make_pack({"workshops/harbour.yaml": HARBOUR})


@pytest.fixture
def harbour(harbour_pack: Path) -> Workshop:
    return load([harbour_pack]).checked().workshops["harbour"]


def numbers_for(workshop: Workshop, seed: int, texts: list[str]) -> str:
    """The lines to type for these choices, in the order the seed shows them."""
    run = Run(workshop, random.Random(seed))
    lines = []
    for text in texts:
        (choice,) = [c for c in run.offered if c.text == text]
        lines.append(str(run.offered.index(choice) + 1))
        run.choose(choice)
    return "\n".join(lines) + "\n"


GOOD_RUN = ["Invite retired harbour masters", "Agree that nothing is quoted"]


def play(
    runner: CliRunner, pack: Path, harbour: Workshop, seed: int, texts: list[str], *more: str,
    typed_before: str = "",
) -> Result:  # fmt: skip
    """`track2 workshop harbour --seed SEED` from a pipe, making these choices."""
    args = ["--no-bundled", "--content-dir", str(pack), "workshop", "harbour", "--seed", str(seed)]
    typed = typed_before + numbers_for(harbour, seed, texts)
    return runner.invoke(app, [*args, *more], input=typed)


# --- the rules a scenario keeps ----------------------------------------------------


def problems_of(make_pack: MakePack, text: str) -> list[str]:
    pack = make_pack({"workshops/harbour.yaml": text})
    return [f"{p.line}: {p.message}" for p in load([pack]).problems if p.severity == "error"]


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("next: rules\n      - text: Invite retired", "next: rulez\n      - text: Invite retired",
         "34: next: 'rulez' is not a step or an ending"),
        ("effects: [analysis -10]", "effects: [analysis minus 10]",
         "66: effects: 'analysis minus 10' is not a change such as 'trust-north +10'"),
        ("effects: [analysis -10]", "effects: [patience -10]",
         "66: effects: 'patience' is not a declared state variable"),
        ("when: confidentiality < 40", "when: confidentiality is low",
         "51: when: 'confidentiality is low' is not a test such as 'confidentiality < 40'"),
        ("measures: inclusion", "measures: fairness",
         "20: measures: 'fairness' is not one of trust, analysis, confidentiality, transfer,"
         " inclusion"),
        ("stage: crisis", "stage: storm",
         "70: stage: 'storm' is not one of preparation, ground-rules, opening, analysis, crisis,"
         " options, transfer"),
        ("        next: collapsed\n      - text: Talk", "        next: invite\n      - text: Talk",
         "23: steps: the run can go round in a loop: invite -> rules -> leak -> invite"),
        ("      - to: stayed\n", "", "89: a step with no choices must end its routes with one"
         " that has no 'when'"),
        ("side: west, who: A port", "side: north, who: A port",
         "104: side: 'north' is not one of the sides"),
        ("start: invite", "start: welcome", "22: start: 'welcome' is not one of the steps"),
        ("when: transfer >= 40", "when: transfer >= 90",
         "98: ending 'carried': no run reaches it (check the routes' tests)"),
        ("start: 60,\n", "start: 160,\n", "16: start: must be from 0 to 100, not 160"),
    ],
)  # fmt: skip
def test_a_broken_scenario_is_refused_at_its_line(
    make_pack: MakePack, old: str, new: str, problem: str
) -> None:
    assert old in HARBOUR
    assert problem in problems_of(make_pack, HARBOUR.replace(old, new, 1))


def test_a_step_with_two_choices_and_an_unreachable_step_are_refused(
    make_pack: MakePack,
) -> None:
    two_choices = re.sub(
        r"      - text: Agree on no rules at all\n(?:        .*\n)+", "", HARBOUR, count=1
    )
    assert "53: choices: a step has 3-5, not 2" in problems_of(make_pack, two_choices)
    unreachable = HARBOUR.replace("    routes:\n      - when: confidentiality < 40\n"
                                  "        to: leak\n", "")  # fmt: skip
    assert problems_of(make_pack, unreachable) == [
        "66: step 'leak' cannot be reached",
        "97: ending 'collapsed' cannot be reached",
    ]


def test_every_citation_and_page_in_a_scenario_is_checked(make_pack: MakePack) -> None:
    broken = HARBOUR.replace("pages: [informality]\n", "pages: [informalty]\n").replace(
        "why: Trust matters too.", "why: 'Trust matters [@smyth2000].'"
    )
    assert problems_of(make_pack, broken) == [
        "13: unknown citation key 'smyth2000' (did you mean 'smith2000'?)",
        "33: pages: unknown page 'informalty' (did you mean 'informality'?)",
    ]


# --- the run and its debrief -------------------------------------------------------


def test_every_path_ends_and_every_choice_and_ending_is_reached(harbour: Workshop) -> None:
    runs = list(every_run(harbour))
    assert len(runs) == 9
    endings = {ending.id for _, ending in runs}
    assert endings == {"carried", "stayed", "collapsed"}
    chosen = {(step.id, choice.text) for path, _ in runs for step, choice in path}
    offered = {(s.id, c.text) for s in harbour.steps for c in s.choices}
    assert chosen == offered


def test_a_run_carries_its_state_and_the_debrief_scores_it(harbour: Workshop) -> None:
    run = Run(harbour, random.Random(1))
    by_text = {c.text: c for s in harbour.steps for c in s.choices}
    run.choose(by_text["Invite the mayors in office"])
    assert run.state["confidentiality"] == 30 and run.place == "leak"  # the leak, by its route
    run.choose(by_text["Talk to each mayor alone"])
    assert run.ending is not None and run.ending.id == "stayed"  # transfer 30 < 40
    result = debrief(run)
    scores = {m.dimension: (m.score, m.verdict) for m in result.measures}
    assert scores == {
        "trust": (60, "fair"),
        "analysis": (40, "fair"),
        "confidentiality": (30, "weak"),
        "transfer": (30, "weak"),
        "inclusion": (50, "fair"),
    }
    assert result.score == 42  # (60 + 40 + 30 + 30 + 50) / 5
    assert [d.step.id for d in result.helped] == ["leak"]
    assert [d.step.id for d in result.hurt] == ["invite"]
    # The weakest dimensions' pages first, then those of the choices that hurt.
    assert result.reread == ["informality", "principles"]


def test_state_stays_within_0_and_100(harbour: Workshop) -> None:
    run = Run(harbour, random.Random(1))
    run.choose(next(c for c in harbour.step("invite").choices if "friends" in c.text))
    assert run.state["trust-west"] == 10 and run.state["inclusion"] == 10
    assert min(run.state.values()) >= 0


def test_the_same_seed_offers_the_choices_in_the_same_order(harbour: Workshop) -> None:
    orders = {tuple(c.text for c in Run(harbour, random.Random(seed)).offered) for seed in (7, 7)}
    assert len(orders) == 1
    shown = {tuple(c.text for c in Run(harbour, random.Random(s)).offered) for s in range(20)}
    assert len(shown) == 6  # every order of three turns up: no choice keeps its place


# --- the command ----------------------------------------------------------------------


def test_the_list_of_scenarios(runner: CliRunner, harbour_pack: Path) -> None:
    result = runner.invoke(app, ["--no-bundled", "--content-dir", str(harbour_pack), "workshop"])
    assert result.exit_code == 0
    assert "harbour   3          Two towns share one harbour." in result.stdout
    listed = runner.invoke(
        app, ["--no-bundled", "--content-dir", str(harbour_pack), "workshop", "--json"]
    )
    assert json.loads(listed.stdout) == [
        {"id": "harbour", "title": "Harbour talks", "summary": "Two towns share one harbour.",
         "decisions": 3, "endings": 3}
    ]  # fmt: skip


def test_a_piped_run_shows_each_decision_its_feedback_and_the_debrief(
    runner: CliRunner, harbour_pack: Path, harbour: Workshop
) -> None:
    result = play(runner, harbour_pack, harbour, 3, GOOD_RUN)
    assert (result.exit_code, result.stderr) == (0, "")
    text = result.stdout.replace(str(harbour_pack), "PACK")
    check_golden("workshop-run.txt", text)
    assert "Carried home" in text and "Score: 56 of 100" in text


def test_a_json_run_is_one_document_on_stdout(
    runner: CliRunner, harbour_pack: Path, harbour: Workshop
) -> None:
    texts = ["Invite only the east's friends", "Agree on no rules at all"]
    result = play(runner, harbour_pack, harbour, 5, texts, "--json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["ending"] == {"id": "stayed", "title": "Stayed in the room"}
    assert [d["step"] for d in document["decisions"]] == ["invite", "rules"]
    assert document["decisions"][0]["effects"] == "inclusion -40, trust-west -40"
    assert document["hurt"] == ["invite", "rules"] and document["recorded"] is True
    assert document["measures"]["trust"] == {
        "score": 30, "verdict": "weak", "variables": {"trust-east": 50, "trust-west": 10}
    }  # fmt: skip
    assert "Decision 1: Who comes" in result.stderr  # the pages go to stderr


def test_a_line_that_is_not_a_choice_is_asked_again(
    runner: CliRunner, harbour_pack: Path, harbour: Workshop
) -> None:
    result = play(runner, harbour_pack, harbour, 3, GOOD_RUN, typed_before="b\n0\n4\n")
    assert result.exit_code == 0
    assert result.stderr == "Not a choice: type a number from 1 to 3.\n" * 3


def test_input_that_ends_early_records_nothing(runner: CliRunner, harbour_pack: Path) -> None:
    args = ["--no-bundled", "--content-dir", str(harbour_pack), "workshop", "harbour"]
    result = runner.invoke(app, args, input="1\n")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: the input ended at decision 2 of the workshop: an unfinished run is not scored"
        " or recorded\n"
    )
    stats = runner.invoke(
        app, ["--no-bundled", "--content-dir", str(harbour_pack), "stats", "--json"]
    )
    assert json.loads(stats.stdout)["workshops"] == []


def test_ctrl_c_stops_the_run_with_130(
    runner: CliRunner, harbour_pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from track2cli.cli import workshop_session

    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(workshop_session, "read_choice", interrupted)
    args = ["--no-bundled", "--content-dir", str(harbour_pack), "workshop", "harbour"]
    result = runner.invoke(app, args)
    assert result.exit_code == 130
    assert result.stderr == "Interrupted at decision 1: an unfinished run is not recorded.\n"


def test_a_finished_run_shows_in_stats(
    runner: CliRunner, harbour_pack: Path, harbour: Workshop
) -> None:
    base = ["--no-bundled", "--content-dir", str(harbour_pack)]
    for texts in (GOOD_RUN, ["Invite the mayors in office", "Deny the story in public"]):
        assert play(runner, harbour_pack, harbour, 2, texts).exit_code == 0
    stats = runner.invoke(app, [*base, "stats"])
    assert "harbour   2     56    38    collapsed" in stats.stdout
    played = json.loads(runner.invoke(app, [*base, "stats", "--json"]).stdout)["workshops"]
    assert played == [
        {"id": "harbour", "runs": 2, "best": 56, "last": 38, "last_ending": "collapsed"}
    ]


def test_a_run_that_cannot_be_recorded_says_so_and_exits_75(
    runner: CliRunner, harbour_pack: Path, harbour: Workshop, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    monkeypatch.setenv("TRACK2_DATA_DIR", str(blocked))
    result = play(runner, harbour_pack, harbour, 3, GOOD_RUN)
    assert result.exit_code == 75
    assert "Score: 56 of 100" in result.stdout  # the debrief is shown all the same
    assert result.stderr.startswith("error: the debrief above could not be recorded: ")


def test_an_unknown_scenario_names_the_close_ones(runner: CliRunner, harbour_pack: Path) -> None:
    args = ["--no-bundled", "--content-dir", str(harbour_pack), "workshop", "harbor"]
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stderr) == (
        1, "error: no workshop named 'harbor' (did you mean 'harbour'?)\n"
    )  # fmt: skip


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["harbour", "--kit"], "--kit writes files: give the folder with -o DIR"),
        (["harbour", "-o", "kit"], "--kit writes files: give the folder with -o DIR"),
        (["--kit", "-o", "kit"], "--kit and -o go with a scenario"),
    ],
)
def test_kit_options_go_together(
    runner: CliRunner, harbour_pack: Path, args: list[str], message: str
) -> None:
    result = runner.invoke(
        app, ["--no-bundled", "--content-dir", str(harbour_pack), "workshop", *args]
    )
    assert result.exit_code == 2 and message in " ".join(result.stderr.split())


# --- the classroom kit ----------------------------------------------------------------

KIT_FILES = [
    f"{name}.{suffix}"
    for name in ("role-cards", "facilitators-brief", "observers-checklist", "debrief-guide")
    for suffix in ("md", "html")
]


def write_kit(runner: CliRunner, pack: Path, folder: Path, *more: str) -> Result:
    args = ["--no-bundled", "--content-dir", str(pack), "workshop", "harbour", "--kit"]
    return runner.invoke(app, [*args, "-o", str(folder), *more])


def test_the_kit_is_written_and_never_overwritten_without_force(
    runner: CliRunner, harbour_pack: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "kit"
    result = write_kit(runner, harbour_pack, folder)
    assert result.exit_code == 0
    assert result.stderr.splitlines()[::2] == [
        f"wrote the {what} to {folder / name}.md"
        for what, name in [
            ("role cards", "role-cards"),
            ("facilitators' brief", "facilitators-brief"),
            ("observers' checklist", "observers-checklist"),
            ("debrief guide", "debrief-guide"),
        ]
    ]
    assert sorted(p.name for p in folder.iterdir()) == sorted(KIT_FILES)
    cards = (folder / "role-cards.md").read_text(encoding="utf-8")
    assert cards.count("# Role card: ") == 2 and "Never name the mayor." in cards
    guide = (folder / "debrief-guide.md").read_text(encoding="utf-8")
    assert "What made the ideas travel (Smith, 2000)?" in guide
    assert "Smith, A. B. (2000). *A book*. A Press." in guide  # its sources, in full
    brief = (folder / "facilitators-brief.md").read_text(encoding="utf-8")
    assert "Invite retired harbour masters" in brief and "Officials cannot speak" not in brief
    (folder / "role-cards.md").write_text("mine")
    again = write_kit(runner, harbour_pack, folder)
    assert again.exit_code == 1
    assert (folder / "role-cards.md").read_text() == "mine"  # nothing lost
    assert write_kit(runner, harbour_pack, folder, "--force").exit_code == 0
    assert (folder / "role-cards.md").read_text(encoding="utf-8") == cards


def kit_for_an_engineer_who_is(
    who: str, make_pack: MakePack, runner: CliRunner, tmp_path: Path
) -> Path:
    """The kit of a pack whose port engineer is described by this text."""
    pack = make_pack({"workshops/harbour.yaml": HARBOUR.replace("A port engineer.", who)})
    folder = tmp_path / "kit"
    assert write_kit(runner, pack, folder).exit_code == 0
    return folder


def test_pack_text_in_the_kit_is_never_markup(
    make_pack: MakePack, runner: CliRunner, tmp_path: Path
) -> None:
    folder = kit_for_an_engineer_who_is(
        "'<script>alert(1)</script> *x*'", make_pack, runner, tmp_path
    )
    page = (folder / "role-cards.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    markdown = (folder / "facilitators-brief.md").read_text(encoding="utf-8")
    assert "\\<script\\>alert(1)\\</script\\>" in markdown


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
def test_every_printed_role_card_of_a_bundled_scenario_fits_one_page(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "kit"
    assert runner.invoke(app, ["workshop", "riverland", "--kit", "-o", str(folder)]).exit_code == 0
    roles = (folder / "role-cards.md").read_text(encoding="utf-8").count("# Role card: ")
    pdf = tmp_path / "role-cards.pdf"
    done = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", (folder / "role-cards.html").as_uri()],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert roles == 6
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes())) == roles  # one card a page


def test_a_reset_forgets_the_runs_too(
    runner: CliRunner, harbour_pack: Path, harbour: Workshop
) -> None:
    base = ["--no-bundled", "--content-dir", str(harbour_pack)]
    assert play(runner, harbour_pack, harbour, 2, GOOD_RUN).exit_code == 0
    assert runner.invoke(app, ["progress", "reset", "--yes"]).exit_code == 0
    played = json.loads(runner.invoke(app, [*base, "stats", "--json"]).stdout)["workshops"]
    assert played == []


def test_runs_travel_with_a_progress_export_and_import(
    runner: CliRunner, harbour_pack: Path, harbour: Workshop, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    base = ["--no-bundled", "--content-dir", str(harbour_pack)]
    assert play(runner, harbour_pack, harbour, 2, GOOD_RUN).exit_code == 0
    exported = tmp_path / "progress.json"
    assert runner.invoke(app, ["progress", "export", "-o", str(exported)]).exit_code == 0
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert document["schema"] == 4
    (run,) = document["workshop_runs"]
    assert (run["workshop_id"], run["ending"], run["score"], run["seed"]) == (
        "harbour", "carried", 56, 2
    )  # fmt: skip
    assert run["decisions"] == [
        "invite: Invite retired harbour masters", "rules: Agree that nothing is quoted"
    ]  # fmt: skip
    monkeypatch.setenv("TRACK2_DATA_DIR", str(tmp_path / "elsewhere"))  # another machine
    imported = runner.invoke(app, ["progress", "import", str(exported)])
    assert imported.exit_code == 0
    assert imported.stderr.splitlines()[0] == f"imported 1 workshop run from {exported}"
    again = runner.invoke(app, ["progress", "import", str(exported)])  # never twice
    assert "workshop run" not in again.stderr
    played = json.loads(runner.invoke(app, [*base, "stats", "--json"]).stdout)["workshops"]
    assert played == [
        {"id": "harbour", "runs": 1, "best": 56, "last": 56, "last_ending": "carried"}
    ]
    run["score"] = 101
    exported.write_text(json.dumps(document), encoding="utf-8")
    bad = runner.invoke(app, ["progress", "import", str(exported)])
    assert (bad.exit_code, bad.stderr) == (
        1, f"error: {exported}: workshop run 1: score 101 is not a whole number from 0 to 100\n"
    )  # fmt: skip


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_reads_the_kit_s_markdown_as_text(
    make_pack: MakePack, runner: CliRunner, tmp_path: Path
) -> None:
    who = "'<b>bold</b> *x* [link](http://x)'"
    folder = kit_for_an_engineer_who_is(who, make_pack, runner, tmp_path)
    for name in ("role-cards", "debrief-guide"):
        done = subprocess.run(
            ["pandoc", "-f", "markdown", "-t", "html", str(folder / f"{name}.md")],
            capture_output=True, text=True, timeout=60, check=True,
        )  # fmt: skip
        assert "<b>" not in done.stdout and done.stderr == ""
    cards = subprocess.run(
        ["pandoc", "-f", "markdown", "-t", "plain", str(folder / "role-cards.md")],
        capture_output=True, text=True, timeout=60, check=True,
    ).stdout  # fmt: skip
    assert "<b>bold</b> x [link](http://x)" in cards  # as written (*x* is emphasis)
    assert cards.count("Role card: ") == 2
