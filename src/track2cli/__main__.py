"""Run track2 as `python -m track2cli`."""

from track2cli.cli import main

main()
