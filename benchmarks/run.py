"""Run every benchmark: start-up, loading a large pack, an audit, the Anki export's
growth, stats against answers recorded, and every command's growth (growth.py, which
takes about ten minutes on a 2-core machine).

    python benchmarks/run.py

Exits with 1 when any figure misses its target.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent


def main() -> int:
    codes = [
        subprocess.call([sys.executable, str(HERE / name)])
        for name in ("startup.py", "load.py", "audit.py", "anki_export.py", "stats.py", "growth.py")
    ]
    return max(codes)


if __name__ == "__main__":
    sys.exit(main())
