"""How long `track2 audit` takes to judge an essay's 100 references, after start-up.

    python benchmarks/audit.py

The references are the record's own entries in APA, MLA and Chicago, with unknown works
among them. Timed in-process (median of 5), apart from loading the content; the target
is well under a second. Exits with 1 when it is over.
"""

from __future__ import annotations

import statistics
import sys
import time

from track2cli import bundled_content
from track2cli.biblio import audit, styles
from track2cli.library.loader import load
from track2cli.library.model import Library

REFERENCES = 100
TARGET_SECONDS = 0.5


def written(library: Library) -> list[audit.Written]:
    """100 references as an essay would list them."""
    refs = list(library.references.values())
    texts: list[str] = []
    for style in styles.TEXT_STYLES:
        texts += ["".join(t for t, _ in e.segments) for e in styles.bibliography(refs, style)]
    unknown = [f"Nobody, A. ({1990 + n}). Unknown work {n}." for n in range(10)]
    texts = texts[: REFERENCES - 10] + unknown
    return [audit.Written(n, text) for n, text in enumerate(texts, 1)]


def main() -> int:
    library = load([bundled_content()]).checked()
    entries = written(library)
    times = []
    for _ in range(5):
        start = time.perf_counter()
        audit.audit(entries, library.references.values())
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    verdict = "ok" if median < TARGET_SECONDS else "OVER"
    target = f"target < {TARGET_SECONDS} s"
    print(f"audit of {len(entries)} references: {median:.3f} s ({target}) {verdict}")
    return 0 if median < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
