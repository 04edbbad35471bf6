"""The JSON Schemas shipped for editors agree with the loader."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

import track2cli
from track2cli import bundled_content
from track2cli.library.loader import load
from track2cli.library.schema import FILES, json_schema

SHIPPED = Path(track2cli.__file__).parent / "schemas"
CONTENT = bundled_content()


@pytest.mark.parametrize("kind", sorted(FILES))
def test_shipped_schemas_are_generated_from_the_loader_specs(kind: str) -> None:
    # If this fails, run: python docs/json_schemas.py
    assert json.loads((SHIPPED / f"{kind}.schema.json").read_text()) == json_schema(kind)


def content_files() -> list[tuple[str, Path]]:
    files = [("pack", CONTENT / "pack.yaml"), ("references", CONTENT / "references.yaml")]
    for kind, folder in (("topic", "topics"), ("case", "cases"), ("questions", "questions")):
        files += [(kind, path) for path in sorted((CONTENT / folder).glob("*.yaml"))]
    return files


@pytest.mark.parametrize(("kind", "path"), content_files(), ids=lambda v: getattr(v, "name", v))
def test_the_bundled_content_matches_its_schema(kind: str, path: Path) -> None:
    jsonschema.validate(yaml.safe_load(path.read_text()), json_schema(kind))


CASE = (CONTENT / "cases" / "oslo.yaml").read_text()


@pytest.mark.parametrize(
    "broken",
    [
        CASE.replace("summary:", "sumary:"),  # misspelt key
        CASE.replace("limits: |", "extra: 1\nlimits: |"),  # unknown key
        CASE.replace("aliases: [", "aliases: 7\nx: ["),  # wrong type
        "\n".join(line for line in CASE.splitlines() if not line.startswith("period:")),  # missing
    ],
)
def test_schema_and_loader_both_reject(broken: str, tmp_path: Path) -> None:
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "oslo.yaml").write_text(broken)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(yaml.safe_load(broken), json_schema("case"))
    _, problems = load([bundled_content(), tmp_path])
    assert any(p.severity == "error" and "oslo.yaml" in p.path for p in problems)
