"""The ILO assessment: the 11 indicators of forced labour and the determination rules. Plain Python.

Nothing in this package imports Flask or SQLAlchemy: it takes plain data and
returns frozen dataclasses that carry their reasons.
"""
