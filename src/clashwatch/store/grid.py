"""The map's grid: matching events counted per cell of latitude and longitude, in SQL.

``grid(store, query, cell, view)`` groups the events ``query`` selects (those with valid
coordinates) by cells of ``cell`` degrees: per cell the number of events, their summed
best fatalities (capped as ``Store.stats`` caps them), their mean position (where the map
draws the cell) and the cell's bounds. ``view`` (a box) keeps the cells of what the map
shows. A cell is ``floor((latitude + 90) / cell)``, ``floor((longitude + 180) / cell)``.

On SQLite, grouping a million rows by an expression costs a sort of them all; for the
cell sizes the dashboard asks for (``LEVELS``), migration 0006 adds one index per size
whose leading columns are the cell itself (``grid_index_sql``), so that SQLite reads the
events cell after cell from the index and groups them as they come, and the index also
holds the columns the common filters test (date, fatalities). PostgreSQL hashes the groups.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import Float, and_, cast, func, literal_column, select

from . import EventQuery, Store, _capped_sum
from . import tables as t
from .search import unindexed

LEVELS = (8.0, 2.0, 0.5, 0.125)  # degrees; each has an index on SQLite
CELL_PIXELS = 64  # about how wide a cell is drawn on the map


def cell_for_zoom(zoom: int) -> float:
    """The cell size for a web map's ``zoom`` (256-pixel tiles): the largest of ``LEVELS``
    no wider than about CELL_PIXELS, below them a power-of-two fraction of a degree."""
    ideal = CELL_PIXELS * 360 / (256 * 2**zoom)
    for cell in LEVELS:
        if cell <= ideal:
            return cell
    cell = LEVELS[-1]
    while cell > ideal:
        cell /= 2
    return cell


def _cell_sql(column: str, offset: int, cell: float, dialect: str) -> str:
    if dialect == "sqlite":
        return f"CAST(({column} + {offset}.0) / {cell!r} AS INTEGER)"
    return f"CAST(floor(({column} + {offset}.0) / {cell!r}) AS INTEGER)"


def grid_index_sql(cell: float, review: bool = True) -> str:
    """The SQLite index the grid of ``cell`` degrees reads (migration 0006; with the review
    state, which every grid tests, since 0008)."""
    name = "ix_events_grid_" + f"{cell:g}".replace(".", "_")
    return (f"CREATE INDEX IF NOT EXISTS {name} ON events (background, {_cell_sql('latitude', 90, cell, 'sqlite')}, "
            f"{_cell_sql('longitude', 180, cell, 'sqlite')}, latitude, longitude, fatalities, event_date"
            f"{', review_state' if review else ''})")


def grid_index_names() -> list[str]:
    return ["ix_events_grid_" + f"{cell:g}".replace(".", "_") for cell in LEVELS]


def intersect(a: tuple | None, b: tuple | None) -> tuple | None | bool:
    """The intersection of two boxes (min_lon, min_lat, max_lon, max_lat); False when empty."""
    if a is None or b is None:
        return a or b
    box = (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))
    return box if box[0] <= box[2] and box[1] <= box[3] else False


def grid(store: Store, query: EventQuery, cell: float, view: tuple | None = None) -> dict:
    """``{"cell": degrees, "events": n, "fatalities": sum, "cells": [...]}`` for ``query``
    inside ``view``; each cell ``{"latitude", "longitude", "events", "fatalities", "bbox"}``
    (the cell's events' mean position)."""
    box = intersect(query.bbox, view)
    if box is False:
        return {"cell": cell, "events": 0, "fatalities": 0, "cells": []}
    q = replace(query, bbox=box, limit=None, after=None)
    dialect = store.dialect
    e = t.events.c
    gy = literal_column(_cell_sql("latitude", 90, cell, dialect))
    gx = literal_column(_cell_sql("longitude", 180, cell, dialect))
    # the box and the coordinates' range tested on the index's rows, not looked up in another index
    conds = Store._conditions(q, dialect, scan_in_order=True, dates_bare=True)
    lat, lon = (unindexed(e.latitude), unindexed(e.longitude)) if dialect == "sqlite" else (e.latitude, e.longitude)
    conds += [lat.between(-90, 90), lon.between(-180, 180)]
    if box is not None:  # the cells the box touches: a range on the grid index
        conds.append(gy.between(int((box[1] + 90) // cell), int((box[3] + 90) // cell)))
    n = func.count()
    dead = func.sum(cast(e.fatalities, Float))
    stmt = (select(gy.label("gy"), gx.label("gx"), n, dead, func.avg(e.latitude), func.avg(e.longitude))
            .where(and_(*conds)).group_by(gy, gx))
    cells = []
    total = 0
    total_dead = 0.0
    with store.engine.connect() as conn:
        for y, x, count, fatalities, lat, lon in conn.execute(stmt):
            total += count
            total_dead += fatalities or 0.0
            south, west = y * cell - 90, x * cell - 180
            cells.append({"latitude": round(lat, 5), "longitude": round(lon, 5), "events": count, "fatalities": _capped_sum(fatalities),
                          "bbox": [round(west, 6), round(south, 6), round(west + cell, 6), round(south + cell, 6)]})
    cells.sort(key=lambda c: (-c["events"], c["bbox"]))
    return {"cell": cell, "events": total, "fatalities": _capped_sum(total_dead), "cells": cells}
