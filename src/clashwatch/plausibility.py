"""How large a figure of people can be: the plausibility rule and the ceiling of every figure.

**The plausibility rule.** A figure is *implausible* when it is larger than any single
event has ever caused for its kind:

* killed, injured, missing, abducted, arrested: more than 1,000,000 people. The deadliest
  single attacks on record, the atomic bombing of Hiroshima and the fire-bombing of Tokyo
  in 1945, killed on the order of 100,000 people each (Hiroshima: 90,000 to 166,000 by the
  end of 1945, as the Radiation Effects Research Foundation estimates); the bound leaves a
  tenfold margin above them. ACLED codes one event per day and place, so a toll above it
  is no event's toll: it is a misread number, or a war's or a century's total ("six
  million were killed in the Holocaust");
* displaced: more than 100,000,000 people. The largest displacement on record, the
  partition of India in 1947, uprooted some 14 million people (UNHCR, *The State of the
  World's Refugees 2000*, ch. 3); all the world's forcibly displaced people together
  numbered about 123 million at the end of 2024 (UNHCR, *Global Trends 2024*), a count of
  many conflicts and no one event's.

An implausible figure stays a claim, flagged ``implausible``, with the figure as written;
it is never summed into a toll: the estimate of an event (``stages/estimate.py``) and the
reconciliation across articles (``store/reconcile.py``) set it aside with the rationale
item ``set_aside:implausible``.

**The ceiling.** Every number of people that reaches the data model is at most
``FIGURE_CEILING`` (2**31 - 1): it fits the store's INTEGER columns (32 bits on
PostgreSQL), the Parquet files' int32 fatalities and, a fortiori, any 64-bit column. A
larger figure ("a billion billion") is kept as the ceiling; its text says what was
written. Tolls sum only plausible figures and are capped at the ceiling as well.
"""

from __future__ import annotations

FIGURE_CEILING = 2**31 - 1

_EVENT_BOUND = 1_000_000
PLAUSIBLE_MAX: dict[str, int] = {
    "killed": _EVENT_BOUND,
    "injured": _EVENT_BOUND,
    "missing": _EVENT_BOUND,
    "abducted": _EVENT_BOUND,
    "arrested": _EVENT_BOUND,
    "displaced": 100_000_000,
}


def plausible_max(kind) -> int:
    """The largest plausible figure of a claim kind (a ``ClaimKind`` or its value)."""
    return PLAUSIBLE_MAX.get(getattr(kind, "value", kind), _EVENT_BOUND)


def implausible(kind, low: int | None, high: int | None) -> bool:
    """Whether a figure (either bound) is above the plausible maximum of its kind."""
    bound = plausible_max(kind)
    return any(v is not None and v > bound for v in (low, high))


def capped(value: int | None) -> int | None:
    """A number of people as the model holds it: at most ``FIGURE_CEILING``."""
    return value if value is None or value <= FIGURE_CEILING else FIGURE_CEILING


def digits_value(digits: str) -> int:
    """The value of a string of decimal digits (commas allowed), capped at the ceiling,
    without converting a long string: Python refuses ``int()`` of more than 4,300 digits."""
    digits = digits.replace(",", "").lstrip("0")
    if len(digits) > len(str(FIGURE_CEILING)):
        return FIGURE_CEILING
    return min(int(digits or "0"), FIGURE_CEILING)
