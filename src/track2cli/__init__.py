"""track2: an offline study companion for Track II diplomacy."""

from pathlib import Path

__version__ = "0.2.0"


def format_guide() -> Path:
    """The guide to writing content: inside the package, or in docs/ in a checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "content-format.md"
    return packaged if packaged.is_file() else here.parent.parent / "docs" / "content-format.md"


def bundled_content() -> Path:
    """The content shipped with track2: inside the package, or beside src/ in a checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "content"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "content"
