"""Run every benchmark: start-up, loading a large pack, an audit, and the Anki export's growth.

    python benchmarks/run.py

Exits with 1 when any ratio is over its target.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent


def main() -> int:
    codes = [
        subprocess.call([sys.executable, str(HERE / name)])
        for name in ("startup.py", "load.py", "audit.py", "anki_export.py", "stats.py")
    ]
    return max(codes)


if __name__ == "__main__":
    sys.exit(main())
