"""``python -m mentorkit`` and the ``mentorkit`` command: the command line, started quickly."""

import gc
import sys


def run() -> int:
    """Run the command line on ``sys.argv``; returns the exit code.

    What is imported to start a command (argparse, typing, dataclasses and the library's
    own classes) lives as long as the process, yet the cyclic garbage collector would pass
    over all of it while it is made and again at exit, finding nothing to free: ~7 ms of a
    ``mentorkit validate`` that takes ~30 ms of its own.  So collection waits until those
    imports are done and what they made is set aside for good (:func:`gc.freeze`); whatever
    the command itself makes afterwards is collected as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        from mentorkit.cli import main
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
    return main()


if __name__ == "__main__":
    sys.exit(run())
