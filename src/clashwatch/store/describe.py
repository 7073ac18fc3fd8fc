"""The store described for other tools: Datasette's metadata from the tables' own notes.

    datasette clashwatch.db --metadata <(clashwatch db metadata --db clashwatch.db)

gives every table, view and column of the store its meaning (``tables.TABLE_NOTES``,
``tables.COLUMN_NOTES`` and the columns' comments), and tells Datasette which full-text
index serves ``?_search=`` on events and articles.
"""

from __future__ import annotations

from typing import Any

from .. import __version__
from . import tables as t

def datasette_metadata(database: str) -> dict[str, Any]:
    """Datasette metadata for a store opened under the name ``database`` (the file's stem)."""
    described: dict[str, Any] = {}
    for table in t.metadata.sorted_tables:
        described[table.name] = {
            "description": table.comment or "",
            "columns": {c.name: c.comment or "" for c in table.columns},
        }
    events_columns = described["events"]["columns"]
    described["events_with_outlets"] = {
        "description": t.VIEW_NOTES["events_with_outlets"],
        "columns": {**events_columns, "outlets": "the outlets of the articles that report the event, '; '-separated"},
    }
    described["claims_with_events"] = {"description": t.VIEW_NOTES["claims_with_events"]}
    described["events"]["fts_table"] = "events_fts"
    described["articles"]["fts_table"] = "articles_fts"
    return {
        "title": "clashwatch",
        "description": f"Conflict events read from news articles by clashwatch {__version__}: events, the reports "
                       "behind them (mentions), every figure with its source (claims), and the articles.",
        "source": "clashwatch",
        "databases": {database: {"tables": described}},
    }
