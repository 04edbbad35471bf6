"""How `export anki` grows with the size of the bank: the growth exponent, fitted over
three sizes, for track2's writer and, as the baseline in the same run, genanki's own
(processor time, the fastest of three runs).

    python benchmarks/anki_export.py [--sizes 2000 4000 8000]

Each size is a generated pack (make_pack.py, seeded) of that many questions and a tenth
as many cases, so a deck per case; the time is of writing the package alone. genanki
rewrites the whole decks and models JSON once per deck, so its time grows with the
square of the decks; track2 writes them once. Target: an exponent of at most 1.2
(linear, with some noise); exits with 1 above it.
"""

from __future__ import annotations

import argparse
import gc
import math
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import genanki  # noqa: E402
from make_pack import make_pack  # noqa: E402

from track2cli.exports import anki  # noqa: E402
from track2cli.library.loader import load  # noqa: E402
from track2cli.library.model import Library, Question  # noqa: E402

TARGET_EXPONENT = 1.2


def exponent(sizes: list[int], seconds: list[float]) -> float:
    """The least-squares slope of log(time) against log(size)."""
    xs = [math.log(n) for n in sizes]
    ys = [math.log(t) for t in seconds]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread


def timed(work: Callable[[], object], runs: int = 3) -> float:
    """The fastest processor time of a few runs: on a shared machine a single wall-clock
    run moved by half, enough to turn a linear writer's exponent into 1.4."""
    times = []
    for _ in range(runs):
        gc.collect()  # what earlier sizes left is not counted against this one
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 4000, 8000])
    args = parser.parse_args()
    ours: list[float] = []
    theirs: list[float] = []
    linear = anki.linear_package
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            pack = Path(folder) / f"pack{size}"
            make_pack(pack, size, max(size // 10, 1), seed=1)
            library = load([pack]).checked()
            questions = list(library.questions.values())
            out = Path(folder) / f"bank{size}.apkg"

            def export(
                library: Library = library, questions: list[Question] = questions, out: Path = out
            ) -> int:
                return anki.write_package(library, questions, out)

            ours.append(timed(export))
            anki.linear_package = genanki.Package  # the baseline: genanki as it is
            try:
                theirs.append(timed(export))
            finally:
                anki.linear_package = linear
            print(f"{size:>6} questions: track2 {ours[-1]:.2f} s, genanki {theirs[-1]:.2f} s")
    mine, baseline = exponent(args.sizes, ours), exponent(args.sizes, theirs)
    verdict = "ok" if mine <= TARGET_EXPONENT else "OVER"
    print(f"growth exponent: track2 {mine:.2f}, genanki {baseline:.2f} "
          f"(target {TARGET_EXPONENT}) {verdict}")  # fmt: skip
    return 0 if mine <= TARGET_EXPONENT else 1


if __name__ == "__main__":
    sys.exit(main())
