"""Thin widget layers, one module per step of the method.

Each builds its controls, wires them to the pure core, changes the workbook through
the use cases of :mod:`mentorkit.actions`, and returns an object whose controls a test can set
and click without a browser.  Callbacks show their errors in the page (see
:mod:`mentorkit.widgets.common`), and anything a person typed is escaped before it is shown
as HTML.
"""
