"""CPU time of one ``/api/events.geojson`` page, in process: the features as
``geojson_row_feature`` makes them of ``Store.events`` rows (what the endpoint did until
2026-12-06, and what ``clashwatch export -f geojson`` does) against ``web.geopage``, side by
side in one run, alternating, on the same store; both bodies are checked to be the same
JSON value first. ``tuples`` is ``web.geopage``'s path for PostgreSQL (the needed columns
as tuples, the properties built in Python), which runs on SQLite too.

    PYTHONPATH=src python benchmarks/geojson_page.py STORE [--limit 1000] [--repeats 30]

``STORE`` is a SQLite file or a PostgreSQL URL (``store_bench.py build_event_store`` makes
one). Prints milliseconds of CPU (``time.process_time``) per page, median and mean, and the
ratio.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from clashwatch.outputs.geojson import geojson_row_feature
from clashwatch.store import Store
from clashwatch.web import geopage
from clashwatch.web.api import GeoPageParams, decode_cursor, encode_cursor
from clashwatch.web.fastjson import dumps
from clashwatch.web.geopage import geojson_page_body


def rows_page(store: Store, params: GeoPageParams) -> str:
    after = decode_cursor(params.cursor, params.sort) if params.cursor else None
    rows = store.events(params.query(limit=params.limit + 1, after=after))
    more = len(rows) > params.limit
    rows = rows[: params.limit]
    cursor = encode_cursor(rows[-1], params.sort) if more and rows else None
    features = [f for f in (geojson_row_feature(r) for r in rows) if f is not None]
    return dumps({"type": "FeatureCollection", "features": features, "next_cursor": cursor})


def sql_page(store: Store, params: GeoPageParams) -> str:
    after = decode_cursor(params.cursor, params.sort) if params.cursor else None
    return geojson_page_body(store, params.query(limit=params.limit + 1, after=after), params.limit,
                             lambda row: encode_cursor(row, params.sort))


def tuples_page(store: Store, params: GeoPageParams) -> str:
    """``web.geopage``'s path for PostgreSQL (tuples of the needed columns), on any store."""
    after = decode_cursor(params.cursor, params.sort) if params.cursor else None
    found = geopage._rows_page(store, params.query(limit=params.limit + 1, after=after))
    more = len(found) > params.limit
    cursor = encode_cursor(found[params.limit - 1][0], params.sort) if more else None
    features = ",".join(f for _, f in found[: params.limit] if f is not None)
    return '{"type":"FeatureCollection","features":[' + features + '],"next_cursor":' + dumps(cursor) + "}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store")
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    store = Store.open(args.store, migrate=False)
    first = GeoPageParams.model_validate({"limit": args.limit})
    second = GeoPageParams.model_validate({"limit": args.limit, "cursor": json.loads(rows_page(store, first))["next_cursor"]})
    cases = {"first page": first, "second page": second,
             "country NG,SO": GeoPageParams.model_validate({"limit": args.limit, "country": ["NG", "SO"]})}
    print(f"{store.dialect}, {args.limit} features a page, {args.repeats} repeats, CPU ms a page (median / mean)")
    for name, params in cases.items():
        assert json.loads(rows_page(store, params)) == json.loads(sql_page(store, params)) == json.loads(tuples_page(store, params))
        times: dict[str, list[float]] = {"rows": [], "geopage": [], "tuples": []}
        for _ in range(args.repeats):
            for label, fn in (("rows", rows_page), ("geopage", sql_page), ("tuples", tuples_page)):
                t = time.process_time()
                fn(store, params)
                times[label].append((time.process_time() - t) * 1000)
        old, new, tuples = (statistics.median(times[k]) for k in ("rows", "geopage", "tuples"))
        print(f"{name:14} rows + geojson_row_feature {old:6.1f} / {statistics.mean(times['rows']):6.1f}   "
              f"geopage {new:6.1f} / {statistics.mean(times['geopage']):6.1f} ({old / new:3.1f}x)   "
              f"tuples {tuples:6.1f} / {statistics.mean(times['tuples']):6.1f} ({old / tuples:3.1f}x)")


if __name__ == "__main__":
    main()
