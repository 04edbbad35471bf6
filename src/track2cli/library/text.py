"""What may be shown of a text from content: no control or invisible characters."""

from __future__ import annotations

import re

# Terminal control characters (ESC, C0/C1 controls, NUL), bidi controls and marks, line and
# paragraph separators, and invisible zero-width characters; tab and newline stay. The
# zero-width joiner and non-joiner stay too: Persian, Indic scripts and emoji need them.
CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u180e\u200b\u200e\u200f\u2028-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff]"
)


def printable(text: str) -> str:
    """Text without control or invisible characters: safe to show on a terminal."""
    return CONTROL.sub("", text)


FOLDS = str.maketrans(
    {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "ł": "l",
     "Ł": "L", "đ": "d", "Đ": "D", "þ": "th", "Þ": "Th", "ı": "i"}
)  # fmt: skip


def fold(text: str) -> str:
    """Text with the letters that diacritic folding leaves alone spelt in plain Latin."""
    return text.translate(FOLDS)
