"""Charts: functions that return a matplotlib ``Figure`` (never ``plt.show()``).

Every chart has a title and labelled axes and uses :data:`mentorkit.charts.style.PALETTE`,
the Okabe-Ito colours, which stay distinct for the common kinds of colour blindness.
"""
