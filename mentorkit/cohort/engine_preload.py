"""Imported once by the warm engine's parent process, before any participant runs.

Everything a report needs is imported here (pandas, matplotlib, IPython, papermill, nbconvert,
mentorkit's report code), the IPython shell is built, and the HTML exporter loads and compiles
its templates on a small notebook.  Each participant's process is forked from this one, so it
starts with all of that in memory and none of it is ever done twice.

Nothing here reads or runs anything of a participant: what is forked is the same for all.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
from typing import Final

#: Imported before any report; a custom report notebook's own imports still happen in its cells.
MODULES: Final = (
    "pandas",
    "matplotlib.pyplot",
    "matplotlib_inline.backend_inline",
    "IPython.core.interactiveshell",
    "IPython.core.logger",
    "bdb",
    "nbformat",
    "nbclient.exceptions",
    "papermill",
    "nbconvert",
)
#: mentorkit's own modules a report does not use (the widgets pull in ipywidgets, the rest
#: are commands); every other module of the package is imported.
NOT_FOR_REPORTS: Final = (
    "mentorkit.__main__",
    "mentorkit.cli",
    "mentorkit.cohort.dashboard",
    "mentorkit.cohort.engine_preload",
    "mentorkit.widgets",
)


def _mentorkit_modules() -> list[str]:
    """The package's modules but :data:`NOT_FOR_REPORTS`, found on disk, not hard-coded."""
    import pkgutil

    import mentorkit

    names: list[str] = []
    folders = [(list(mentorkit.__path__), "mentorkit.")]
    while folders:
        path, prefix = folders.pop()
        for module in pkgutil.iter_modules(path, prefix):
            if module.name.startswith(NOT_FOR_REPORTS):
                continue
            names.append(module.name)
            if module.ispkg:
                package = importlib.import_module(module.name)
                folders.append((list(package.__path__), module.name + "."))
    return sorted(names)


def _warm() -> None:
    import sys

    # jsonschema (under nbformat) imports rfc3987_syntax when it is installed, to check the
    # "iri" format, and that builds a grammar at import: 1-2 s.  No notebook schema uses it.
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]  # None: "absent"

    import matplotlib

    matplotlib.use("Agg")  # no display here; the shell switches figures to inline images
    for name in (*MODULES, *_mentorkit_modules()):
        importlib.import_module(name)
    from mentorkit.cohort import engine, runner

    engine.register()
    engine.prepare_shell()
    # Warming is only to save time: should a step fail here, each report process does the
    # same work again itself and reports any real problem with that participant's report.
    with contextlib.suppress(Exception):
        runner.warm_html_exporter()
    with contextlib.suppress(Exception):
        _draw_once()
    # What is imported now lives as long as each child: the children's garbage collector need
    # not walk it (which would also copy every page of it into each child).
    gc.collect()
    gc.freeze()


def _draw_once() -> None:
    """Render a small chart to PNG: fonts found and loaded, the renderer and encoder ready."""
    import io

    from matplotlib.figure import Figure

    figure = Figure(figsize=(2, 1))
    axes = figure.subplots()
    axes.bar(["a", "b"], [1, 2])
    axes.set_title("warm-up")
    axes.set_xlabel("x")
    figure.savefig(io.BytesIO(), format="png")


_warm()
