"""track2: an offline study companion for Track II diplomacy."""

__version__ = "0.2.0"
