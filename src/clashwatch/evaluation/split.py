"""The fixed split of a labelled file into a tuning half and a checking half.

Accuracy work looks at errors, changes the code and measures again; done on all rows,
the figures end up describing the rows someone read rather than the task. So every row
of a file that is split (ACLED: ``SPLIT = True`` in its module) belongs to one half, by
a rule that depends on its id alone (GeoWebNews: ``SPLIT = True`` too, by article id;
CASE: by snippet id):

    the SHA-256 of the row's id (ACLED: ``event_id_cnty``; the 1-based row number when the
    row has no id), read as a hexadecimal integer: even -> "tuning", odd -> "checking".

The rule does not depend on the order of the rows, on the other rows, on ``--limit``, on
the Python version (no ``hash()`` randomisation) or on the machine, so a row keeps its
half in every file it appears in (the first 300 rows of ``acled_dev_3000.csv`` are
``acled_dev_300.csv``: the same rows, the same halves). Look at errors in the tuning
half; the checking half says whether a change helps rows nobody looked at.
"""

from __future__ import annotations

import hashlib
from typing import Literal

Half = Literal["tuning", "checking"]
HALVES: tuple[Half, ...] = ("tuning", "checking")
RULE = "SHA-256 of the row id (ACLED event_id_cnty, GeoWebNews and CASE id) even: tuning, odd: checking"


def half_of(row_id: str) -> Half:
    """The half a row belongs to: ``"tuning"`` or ``"checking"``, from its id alone."""
    digest = hashlib.sha256(str(row_id).encode("utf-8")).hexdigest()
    return "tuning" if int(digest, 16) % 2 == 0 else "checking"
