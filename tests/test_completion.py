"""Shell completion offers ids, aliases and keys."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from track2cli.cli import app


def complete(runner: CliRunner, words: str) -> list[str]:
    env = {
        "_TRACK2_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1),
    }
    result = runner.invoke(app, [], env=env, prog_name="track2")
    return result.stdout.split()


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("track2 case os", ["oslo", "oslo-accords", "oslo-channel"]),
        ("track2 explain inf", ["informality"]),
        ("track2 explain ahmed", ["ahmed-qurei"]),  # people and glossary terms too
        ("track2 cite fish", ["fisher1997", "fisher2005"]),
        ("track2 cite --for kas", ["kashmir"]),
        ("track2 quiz --topic tajik", ["tajikistan"]),
        ("track2 progress reset oslo-pr", ["oslo-pruitt-hindsight"]),
    ],
)
def test_completion(runner: CliRunner, words: str, expected: list[str]) -> None:
    assert complete(runner, words) == expected


def test_install_completion_is_offered(runner: CliRunner) -> None:
    assert "--install-completion" in runner.invoke(app, ["--help"]).stdout


def test_a_broken_pack_is_left_out_of_completion_quietly(
    runner: CliRunner, tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACK2_CONTENT_PATH", "/no/such/pack")
    env = {"_TRACK2_COMPLETE": "complete_bash", "COMP_WORDS": "track2 case os", "COMP_CWORD": "2"}
    result = runner.invoke(app, [], env=env, prog_name="track2")
    assert result.stdout.split() == ["oslo", "oslo-accords", "oslo-channel"]
    assert result.stderr == ""
