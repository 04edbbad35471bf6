"""Run track2: the console script's entry point, and `python -m track2cli`.

It imports nothing heavy itself, so that Ctrl-C while the command line is still being
imported ends quietly with 130, as it does later on, instead of with a traceback.
"""

from __future__ import annotations

import gc
import os
import sys

INTERRUPTED = 130


def usable_streams() -> None:
    """Streams every command can write to: a closed one reads or writes nothing, and
    text the terminal's encoding cannot show (PYTHONIOENCODING=ascii, arguments that are
    not UTF-8) is replaced rather than ending the command."""
    for name in ("stdin", "stdout", "stderr"):
        if getattr(sys, name) is None:  # closed by the caller: `track2 quiz <&-`
            setattr(sys, name, open(os.devnull, "r" if name == "stdin" else "w"))  # noqa: SIM115
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def main() -> None:
    """Run the command line; Ctrl-C exits with 130, a reader that went away with 1."""
    try:
        usable_streams()
        from track2cli.cli import main as run

        run()
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        sys.exit(INTERRUPTED)
    except BrokenPipeError:
        # The reader stopped reading (`track2 cite | head -1`): nothing more to say, and
        # Python must not complain when it flushes stdout on the way out.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    finally:
        # Python ends with a full garbage collection over every object left (Typer's
        # modules, the whole library): a tenth of a page's time, to find cycles that need
        # no finding, since every file and database is closed by now and the process's
        # memory goes back to the system anyway. Frozen objects are left out of it.
        gc.freeze()


if __name__ == "__main__":
    main()
