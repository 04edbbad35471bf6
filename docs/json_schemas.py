"""Rewrite the JSON Schemas shipped for editors (src/track2cli/schemas) from schema.py.

python docs/json_schemas.py    # a test fails until the shipped files match
"""

from __future__ import annotations

from pathlib import Path

import track2cli
from track2cli.library.schema import write_schemas

if __name__ == "__main__":
    for written in write_schemas(Path(track2cli.__file__).parent / "schemas"):
        print(written)
