"""track2: an offline study companion for Track II diplomacy."""

from pathlib import Path

__version__ = "0.2.0"


def bundled_content() -> Path:
    """The content shipped with track2: inside the package, or beside src/ in a checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "content"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "content"
