"""Output contracts: with --json, stdout holds one JSON document and nothing else."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from track2cli.cli import app


@pytest.mark.parametrize(
    ("args", "answers", "code"),
    [
        (["explain", "--json"], "", 0),
        (["explain", "principles", "--json"], "", 0),
        (["explain", "inclusivity", "--json"], "", 0),
        (["case", "--json"], "", 0),
        (["case", "aceh", "--json"], "", 0),
        (["cite", "--json"], "", 0),
        (["cite", "waage2005", "--for", "oslo", "--json"], "", 0),
        (["quiz", "--seed", "1", "--count", "2", "--json"], "1\n1\n", 0),
        (["quiz", "--list", "--json"], "", 0),
        (["quiz", "--missed", "--json"], "", 0),
        (["review", "--json"], "", 0),
        (["stats", "--json"], "", 0),
        (["paths", "--json"], "", 0),
        (["search", "Sant'Egidio", "--json"], "", 0),
        (["validate", "--json"], "", 0),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else None,
)
def test_every_json_output_is_one_document(
    runner: CliRunner, args: list[str], answers: str, code: int
) -> None:
    result = runner.invoke(app, args, input=answers)
    assert result.exit_code == code, result.output
    document = json.loads(result.stdout)  # raises if anything else shares stdout
    assert isinstance(document, dict | list)  # validate with no problems prints []


@pytest.mark.parametrize(
    ("args", "clash"),
    [
        (["cite", "--json", "--inline", "fisher1997"], "--inline"),
        (["cite", "--json", "-o", "refs.json"], "--output"),
        (["cite", "--json", "--format", "mla"], "--format"),
        (["cite", "--json", "--format", "csl-json"], "--format"),
    ],
)
def test_json_refuses_another_form_of_output(
    runner: CliRunner, args: list[str], clash: str
) -> None:
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert f"--json cannot be combined with {clash}" in result.stderr


def test_a_reference_in_json_keeps_its_public_form(runner: CliRunner) -> None:
    # Written field by field (CSL-JSON's names, then track2's own), so a renamed model
    # field cannot change it silently.
    (entry,) = json.loads(runner.invoke(app, ["cite", "fisher2005", "--json"]).stdout)
    assert entry == {
        "key": "fisher2005",
        "apa": "Fisher, R. J. (Ed.). (2005). Paving the way: Contributions of interactive"
        " conflict resolution to peacemaking. Lexington Books.",
        "id": "fisher2005",
        "type": "book",
        "title": "Paving the way: Contributions of interactive conflict resolution to peacemaking",
        "editor": [{"family": "Fisher", "given": "Ronald J."}],
        "issued": {"date-parts": [[2005]]},
        "publisher": "Lexington Books",
        "status": "confirmed",
        "seen": "The publisher's record and description; its chapters were not seen.",
        "note": "An edited collection of case studies of interactive conflict resolution. It"
        " most likely holds Nan's chapter on Georgia-South Ossetia, but that chapter was not"
        " seen.",
        "in-source-article": False,
        "use-instead": [],
    }


PAGE_KEYS = {
    ("case", "oslo"): [
        "kind", "id", "title", "aliases", "period", "summary", "track", "classification",
        "background", "participants", "third_party", "timeline", "official_talks",
        "principles", "limits", "sources", "see_also",
    ],
    ("explain", "principles"): [
        "kind", "id", "order", "title", "summary", "body", "sections", "principles", "terms",
        "people", "sources", "see_also",
    ],
    ("explain", "inclusivity"): [
        "kind", "id", "title", "summary", "body", "see_also", "cases", "sources",
    ],
}  # fmt: skip


@pytest.mark.parametrize("args", list(PAGE_KEYS))
def test_a_page_in_json_keeps_its_public_form(runner: CliRunner, args: tuple[str, str]) -> None:
    # A page's JSON carries its fields under the model's names: renaming one must fail here.
    document = json.loads(runner.invoke(app, [*args, "--json"]).stdout)
    assert list(document) == PAGE_KEYS[args]
    if args[0] == "case":
        assert list(document["timeline"][0]) == ["date", "event"]
        assert list(document["principles"][0]) == ["principle", "how"]
