"""mentorkit: a Jupyter coaching workbook for short-term mentoring.

The library is layered: a pure core (``model``, ``status`` and one module per step of the
method) that takes dataclasses and DataFrames and returns results; :mod:`mentorkit.actions`,
the use cases each widget and command calls; :mod:`mentorkit.store`,
the only module that reads or writes a participant's workbook; thin widget layers in
:mod:`mentorkit.widgets`; charts in :mod:`mentorkit.charts` that return matplotlib Figures;
and the ``mentorkit`` command line in :mod:`mentorkit.cli`.
"""

__version__ = "0.1.0"
