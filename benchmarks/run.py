"""Run every benchmark: start-up of pages and quiz, loading a large pack, and an audit.

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
        for name in ("startup.py", "load.py", "audit.py")
    ]
    return max(codes)


if __name__ == "__main__":
    sys.exit(main())
