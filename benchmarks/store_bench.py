#!/usr/bin/env python
"""What the corpus store costs: ingest next to extract, and event queries on a large store.

    python benchmarks/store_bench.py                          # 2,000 articles, 200,000 events
    python benchmarks/store_bench.py --n 200 --events 20000   # a quick run
    python benchmarks/store_bench.py --skip-ingest --events 200000 --repeats 50 --json

(a) ingest vs extract: the same N synthetic articles (``benchmarks/articles.py``), in one
    process with one ``Pipeline`` (loaded and warmed up on other articles first), go
    through ``Pipeline.extract_many`` (every result consumed) and through the ingest loop
    (``clashwatch.ingest.Ingester``: check, extract, save, merge) into a fresh SQLite
    store in a temporary folder, twice: as ``clashwatch ingest`` runs it (saves in a
    writer process) and with the saves in the same process; extraction alone is timed
    before and after both. Printed: articles/s of each, the ingest's overhead as a ratio
    of wall times to the mean extraction, the time ``check`` and ``save`` take per article
    (p50/p95, and the mean save time of the first and last tenth of the run, to show
    whether saving slows down as the store grows), and the articles/s of a second ingest
    of the same articles, which are then all unchanged (no extraction).
(b) queries: a SQLite store of E synthetic events (``--events``; a seeded, realistic
    spread of countries, towns with jittered coordinates, dates 2018-2024, event types,
    actors and a long-tailed fatality distribution) is written directly into the
    ``events`` table with bulk inserts; then five typical ``Store.events`` queries
    (country; date range + type; bounding box; minimum fatalities; text) are each run
    ``--repeats`` times after one warm-up call, and their p50/p95 latency printed, for
    all matching rows and for the first 100 (``limit=100``). One more row times the
    country query read page by page as ``clashwatch events`` does (``clashwatch.store.queries.query_events``).

Database files live in a temporary folder that is removed at the end (``--keep`` keeps
it and prints where).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from articles import generate  # noqa: E402
from throughput import machine  # noqa: E402


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (0-100), linear between closest ranks."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


# --------------------------------------------------------------------------- (a) ingest vs extract


def _timed_check(store) -> list[float]:
    """Time the store's ``check`` calls (made in this process, whatever the writer mode)."""
    times: list[float] = []
    check = store.check

    def timed(article):
        t0 = time.perf_counter()
        try:
            return check(article)
        finally:
            times.append(time.perf_counter() - t0)

    store.check = timed
    return times


def _ingest_once(pipeline, records, batch_size: int, path: Path, writer_process: bool) -> tuple[dict[str, Any], Any]:
    from clashwatch.ingest import Ingester
    from clashwatch.store import Store

    store = Store.open(str(path))
    checks = _timed_check(store)
    ingester = Ingester(store, pipeline, batch_size=batch_size, writer_process=writer_process, time_saves=True)
    t0, c0 = time.perf_counter(), time.process_time()
    stats = ingester.ingest_records(records)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    saves = ingester.save_seconds or []
    tenth = max(1, len(saves) // 10)
    out = {
        "s": wall,
        "cpu_s": cpu,  # this process only: with a writer process, its saves are not in it
        "articles_per_s": len(records) / wall,
        "check_ms_p50": 1000 * pct(checks, 50),
        "check_ms_p95": 1000 * pct(checks, 95),
        "save_ms_p50": 1000 * pct(saves, 50),
        "save_ms_p95": 1000 * pct(saves, 95),
        "save_ms_mean_first_tenth": 1000 * statistics.fmean(saves[:tenth]) if saves else None,
        "save_ms_mean_last_tenth": 1000 * statistics.fmean(saves[-tenth:]) if saves else None,
        "save_s_total": sum(saves),
        "summary": stats.summary(),
        "saves_in_writer": ingester.saves_in_writer,
    }
    return out, store


def bench_ingest(n: int, batch_size: int, seed: int, warmup: int, folder: Path) -> dict[str, Any]:
    from clashwatch import get_pipeline
    from clashwatch.article import make_article
    from clashwatch.ingest import Ingester

    records = generate(n, seed=seed)
    words = sum(len(r["text"].split()) for r in records)

    def inputs(rows):
        return (
            make_article(r["text"], published=dt.date.fromisoformat(r["published"]), title=r["title"], id=r["id"])
            for r in rows
        )

    pipeline = get_pipeline()
    for _ in pipeline.extract_many(inputs(generate(warmup, seed=seed + 1000)), batch_size=batch_size):
        pass

    def extract() -> tuple[float, float, int]:
        t0, c0 = time.perf_counter(), time.process_time()
        events = sum(len(r.events) for r in pipeline.extract_many(inputs(records), batch_size=batch_size))
        return time.perf_counter() - t0, time.process_time() - c0, events

    # extract, ingest as `clashwatch ingest` does (saves in a writer process), ingest with
    # the saves in this process, extract again: the ratios are to the mean of the extracts
    first = extract()
    ingest, store = _ingest_once(pipeline, records, batch_size, folder / "ingest.db", writer_process=True)
    inline, inline_store = _ingest_once(pipeline, records, batch_size, folder / "inline.db", writer_process=False)
    inline_store.close()
    second = extract()
    extract_s = (first[0] + second[0]) / 2
    extract_cpu = (first[1] + second[1]) / 2
    counts = store.counts()

    t0 = time.perf_counter()
    stats2 = Ingester(store, pipeline, batch_size=batch_size, writer_process=True).ingest_records(records)
    reingest_s = time.perf_counter() - t0
    store.close()
    db_bytes = sum(p.stat().st_size for p in folder.glob("ingest.db*"))

    return {
        "articles": n,
        "words": words,
        "batch_size": batch_size,
        "extract_s": extract_s,
        "extract_runs_s": [first[0], second[0]],
        "extract_cpu_s": extract_cpu,
        "extract_articles_per_s": n / extract_s,
        "events_extracted": first[2],
        "ingest": ingest,
        "inline": inline,
        "overhead_ratio": ingest["s"] / extract_s,
        "inline_ratio": inline["s"] / extract_s,
        "reingest_s": reingest_s,
        "reingest_articles_per_s": n / reingest_s,
        "reingest_summary": stats2.summary(),
        "counts": counts,
        "db_bytes": db_bytes,
    }


# --------------------------------------------------------------------------- (b) queries

# (name, ISO2, weight, [(town, admin1, lat, lon)], actors)
COUNTRIES = (
    ("Ukraine", "UA", 18, [("Bakhmut", "Donetsk", 48.59, 38.0), ("Kharkiv", "Kharkiv", 49.99, 36.23), ("Kherson", "Kherson", 46.64, 32.61), ("Zaporizhzhia", "Zaporizhzhia", 47.84, 35.14)], ("Military Forces of Russia", "Military Forces of Ukraine")),
    ("Syria", "SY", 10, [("Idlib", "Idlib", 35.93, 36.63), ("Aleppo", "Aleppo", 36.2, 37.16), ("Deir ez-Zor", "Deir ez-Zor", 35.34, 40.14), ("Daraa", "Daraa", 32.62, 36.1)], ("Military Forces of Syria", "Hayat Tahrir al-Sham")),
    ("Myanmar", "MM", 9, [("Sagaing", "Sagaing", 21.88, 95.98), ("Myawaddy", "Kayin", 16.69, 98.51), ("Lashio", "Shan", 22.94, 97.75), ("Hpakant", "Kachin", 25.61, 96.31)], ("Military Forces of Myanmar", "People's Defence Force")),
    ("Nigeria", "NG", 7, [("Maiduguri", "Borno", 11.85, 13.16), ("Gwoza", "Borno", 11.08, 13.69), ("Gusau", "Zamfara", 12.16, 6.66), ("Jos", "Plateau", 9.9, 8.86)], ("Military Forces of Nigeria", "Boko Haram")),
    ("Democratic Republic of Congo", "CD", 6, [("Goma", "North Kivu", -1.68, 29.23), ("Beni", "North Kivu", 0.49, 29.47), ("Bunia", "Ituri", 1.56, 30.25), ("Uvira", "South Kivu", -3.4, 29.14), ("Mbandaka", "Équateur", 0.05, 18.26)], ("Military Forces of the Democratic Republic of Congo", "M23")),
    ("Mali", "ML", 5, [("Gao", "Gao", 16.27, -0.04), ("Mopti", "Mopti", 14.48, -4.18), ("Timbuktu", "Tombouctou", 16.77, -3.01), ("Menaka", "Menaka", 15.92, 2.4)], ("Military Forces of Mali", "JNIM")),
    ("Burkina Faso", "BF", 5, [("Djibo", "Sahel", 14.1, -1.63), ("Dori", "Sahel", 14.04, -0.03), ("Kaya", "Centre-Nord", 13.09, -1.08), ("Fada N'Gourma", "Est", 12.06, 0.36)], ("Military Forces of Burkina Faso", "JNIM")),
    ("Somalia", "SO", 5, [("Mogadishu", "Banadir", 2.04, 45.34), ("Baidoa", "Bay", 3.11, 43.65), ("Beledweyne", "Hiiraan", 4.74, 45.2), ("Kismayo", "Lower Juba", -0.36, 42.55)], ("Military Forces of Somalia", "Al Shabaab")),
    ("Sudan", "SD", 6, [("Khartoum", "Khartoum", 15.5, 32.56), ("El Fasher", "North Darfur", 13.63, 25.35), ("El Geneina", "West Darfur", 13.45, 22.44), ("Wad Madani", "Al Jazirah", 14.4, 33.52)], ("Military Forces of Sudan", "Rapid Support Forces")),
    ("Yemen", "YE", 5, [("Taiz", "Taiz", 13.58, 44.02), ("Marib", "Marib", 15.46, 45.32), ("Hodeidah", "Al Hudaydah", 14.8, 42.95), ("Aden", "Aden", 12.78, 45.04)], ("Houthi Movement", "Military Forces of Yemen")),
    ("Afghanistan", "AF", 4, [("Kandahar", "Kandahar", 31.61, 65.71), ("Kabul", "Kabul", 34.53, 69.17), ("Jalalabad", "Nangarhar", 34.43, 70.45), ("Kunduz", "Kunduz", 36.73, 68.86)], ("Taliban", "Islamic State Khorasan Province")),
    ("Pakistan", "PK", 4, [("Quetta", "Balochistan", 30.18, 66.99), ("Peshawar", "Khyber Pakhtunkhwa", 34.01, 71.58), ("Bannu", "Khyber Pakhtunkhwa", 32.99, 70.6), ("Gwadar", "Balochistan", 25.12, 62.33)], ("Military Forces of Pakistan", "Tehrik-i-Taliban Pakistan")),
    ("Mexico", "MX", 5, [("Culiacan", "Sinaloa", 24.8, -107.39), ("Tijuana", "Baja California", 32.53, -117.04), ("Zamora", "Michoacan", 19.98, -102.28), ("Celaya", "Guanajuato", 20.52, -100.81)], ("Sinaloa Cartel", "Police Forces of Mexico")),
    ("Colombia", "CO", 3, [("Cucuta", "Norte de Santander", 7.89, -72.5), ("Tumaco", "Narino", 1.8, -78.76), ("Arauca", "Arauca", 7.08, -70.76)], ("ELN", "Military Forces of Colombia")),
    ("Ethiopia", "ET", 4, [("Mekele", "Tigray", 13.5, 39.47), ("Gondar", "Amhara", 12.6, 37.47), ("Nekemte", "Oromia", 9.09, 36.55)], ("Military Forces of Ethiopia", "Fano Militia")),
    ("Cameroon", "CM", 2, [("Bamenda", "North-West", 5.96, 10.15), ("Buea", "South-West", 4.15, 9.24), ("Mora", "Far North", 11.05, 14.14)], ("Military Forces of Cameroon", "Ambazonian Separatists")),
    ("Mozambique", "MZ", 2, [("Mocimboa da Praia", "Cabo Delgado", -11.35, 40.35), ("Palma", "Cabo Delgado", -10.78, 40.47)], ("Military Forces of Mozambique", "Islamic State Mozambique Province")),
    ("Haiti", "HT", 2, [("Port-au-Prince", "Ouest", 18.54, -72.34), ("Cap-Haitien", "Nord", 19.76, -72.2)], ("G9 Family and Allies", "Police Forces of Haiti")),
    ("Kenya", "KE", 2, [("Garissa", "Garissa", -0.45, 39.65), ("Mandera", "Mandera", 3.94, 41.86), ("Lamu", "Lamu", -2.27, 40.9)], ("Police Forces of Kenya", "Al Shabaab")),
    ("Iraq", "IQ", 2, [("Mosul", "Nineveh", 36.34, 43.13), ("Kirkuk", "Kirkuk", 35.47, 44.39)], ("Military Forces of Iraq", "Islamic State")),
)
TYPES = (  # (event type, sub-event type, plover, weight)
    ("Battles", "Armed clash", "ASSAULT", 30),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "ASSAULT", 18),
    ("Explosions/Remote violence", "Air/drone strike", "ASSAULT", 10),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", "ASSAULT", 5),
    ("Violence against civilians", "Attack", "ASSAULT", 14),
    ("Violence against civilians", "Abduction/forced disappearance", "ASSAULT", 4),
    ("Protests", "Peaceful protest", "PROTEST", 9),
    ("Riots", "Mob violence", "PROTEST", 3),
    ("Strategic developments", "Arrests", "COERCE", 4),
    ("Strategic developments", "Agreement", "AGREE", 3),
)
START = dt.date(2018, 1, 1)
DAYS = (dt.date(2024, 12, 31) - START).days


def synthetic_events(n: int, seed: int):
    """``n`` event rows for the ``events`` table, deterministic for ``seed``."""
    r = random.Random(f"store-bench:{seed}")
    country_weights = [c[2] for c in COUNTRIES]
    type_weights = [t[3] for t in TYPES]
    now = dt.datetime.now(dt.timezone.utc)
    for i in range(n):
        name, code, _, towns, (actor_a, actor_b) = r.choices(COUNTRIES, weights=country_weights)[0]
        town, admin1, lat, lon = r.choice(towns)
        event_type, sub_type, plover, _ = r.choices(TYPES, weights=type_weights)[0]
        date = START + dt.timedelta(days=r.randrange(DAYS))
        precision = r.choices(("day", "week", "month"), weights=(80, 15, 5))[0]
        end = date + dt.timedelta(days={"day": 0, "week": 6, "month": 29}[precision])
        geo_precision = r.choices((1, 2, 3), weights=(60, 30, 10))[0]
        jitter = {1: 0.05, 2: 0.3, 3: 1.0}[geo_precision]
        violent = event_type in ("Battles", "Explosions/Remote violence", "Violence against civilians")
        if not violent or r.random() < 0.35:
            best = low = high = None
        else:
            best = min(int(r.paretovariate(1.1)) - 1, 5000)
            low, high = max(0, best - r.randint(0, 3)), best + r.choice((0, 0, 0, r.randint(1, 20)))
        n_articles = r.choices((1, 2, 3, 5, 12), weights=(60, 20, 10, 7, 3))[0]
        inter1, inter2 = r.choice((1, 2, 3)), r.choice((1, 2, 3, 7))
        yield {
            "id": f"ev_{r.getrandbits(64):016x}",
            "event_type": event_type,
            "sub_event_type": sub_type,
            "plover": plover,
            "event_date": date,
            "date_start": date,
            "date_end": end,
            "time_precision": precision,
            "background": r.random() < 0.08,
            "actor1": actor_a,
            "inter1": inter1,
            "actor1_country": code,
            "actor2": actor_b if r.random() < 0.8 else None,
            "inter2": inter2,
            "actor2_country": code,
            "interaction": int("".join(map(str, sorted((inter1, inter2))))),
            "country": name,
            "country_code": code,
            "admin1": admin1,
            "location": town,
            "latitude": round(lat + r.uniform(-jitter, jitter), 5),
            "longitude": round(lon + r.uniform(-jitter, jitter), 5),
            "geo_precision": geo_precision,
            "geonameid": 1_000_000 + i,
            "weapons": [],
            "fatalities": best,
            "fatalities_low": low,
            "fatalities_high": high,
            "rationale": [],
            "contradictions": [],
            "n_mentions": n_articles + r.randint(0, 2),
            "n_articles": n_articles,
            "notes": f"{actor_a} and {actor_b} {sub_type.lower()} near {town}, {admin1}, on {date:%d %B %Y}.",
            "updated_at": now,
            "created_at": now,
            "review_state": "machine",  # as the extractor leaves them: nobody has looked
            "review_note": None,
            "machine": None,
            "confidence": None,
            "priority": None,
            "outlets": [],
        }


OUTLETS = ("Sahel Wire", "Rift Valley Courier", "Global Newswire", "Lakeside Herald", "Northern Dispatch")
_JSON_COLUMNS = ("weapons", "rationale", "contradictions", "text_hashes", "outlets")


def _event_values(rows: list[dict], columns: list[str], dialect: str) -> list[tuple]:
    """Rows as tuples for the DB-API: on SQLite as SQLAlchemy stores them (dates ISO,
    datetimes 'YYYY-MM-DD HH:MM:SS.ffffff', JSON as text, booleans 0/1)."""
    out = []
    for row in rows:
        values = []
        for c in columns:
            v = row[c]
            if c in _JSON_COLUMNS:
                v = json.dumps(v)
            elif dialect == "sqlite":
                if isinstance(v, dt.datetime):
                    v = v.replace(tzinfo=None).isoformat(" ")
                elif isinstance(v, dt.date):
                    v = v.isoformat()
                elif isinstance(v, bool):
                    v = int(v)
            values.append(v)
        out.append(tuple(values))
    return out


def _mention_rows(events: list[dict], first: int, now: dt.datetime) -> tuple[list[dict], list[dict]]:
    """One mention per event, four events an article: the join the outlet look-up reads."""
    articles, mentions = [], []
    for k, e in enumerate(events):
        n = first + k
        article_id = f"a{n // 4:07d}"
        outlet = OUTLETS[n // 4 % len(OUTLETS)]
        if n % 4 == 0:
            articles.append(dict(id=article_id, url=f"https://news.example/{article_id}", text_hash=f"{n:040x}",
                                 text_hashes=[], outlet=outlet, title=None, published=e["event_date"], version=1, text="",
                                 ingested_at=now, updated_at=now))
        mentions.append(dict(key=f"{n:020x}", article_id=article_id, event_id=e["id"], local_event_id=f"e{n % 4 + 1}",
                             is_main=n % 4 == 0, event_type=e["event_type"], sub_event_type=e["sub_event_type"],
                             background=e["background"], published=e["event_date"], outlet=outlet))
    return articles, mentions


def build_event_store(path, n: int, seed: int, chunk: int = 20_000, mentions: bool = False) -> tuple[float, int]:
    """A store of ``n`` synthetic events (``synthetic_events``) at ``path`` (a SQLite file) or
    a PostgreSQL URL, written with bulk inserts in one transaction through the driver (the
    full-text index kept by its triggers, as after an ingest); with ``mentions``, each event
    also gets one mention in one of n/4 articles, so that outlets are looked up for real.
    Returns the seconds it took and the file's bytes (0 on PostgreSQL)."""
    from clashwatch.store import Store
    from clashwatch.store import tables as t
    from clashwatch.store.search import fill_dated_fts_statements

    url = str(path)
    store = Store.open(url)
    dialect = store.dialect
    t0 = time.perf_counter()
    now = dt.datetime.now(dt.timezone.utc)
    columns = [c.name for c in t.events.columns]
    a_columns = [c.name for c in t.articles.columns if c.name not in ("duplicate_of", "reference_date", "published_origin",
                                                                     "author", "language", "result", "extractor_version", "warnings")]
    m_columns = ["key", "article_id", "event_id", "local_event_id", "is_main", "event_type", "sub_event_type", "background",
                 "published", "outlet"]
    mark = "?" if dialect == "sqlite" else "%s"

    def sql(table: str, cols: list[str]) -> str:
        return f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join([mark] * len(cols))})"

    with store.engine.begin() as conn:
        cursor = conn.connection.driver_connection.cursor()
        deferred: list[str] = []
        if dialect == "sqlite":
            cursor.execute("PRAGMA cache_size=-262144")  # 256 MB: the id and FTS indexes are written at random
            # indexes and the full-text index built once at the end, faster than row by row: the same schema
            deferred = [sql for (sql,) in cursor.execute(
                "SELECT sql FROM sqlite_master WHERE tbl_name IN ('events', 'mentions', 'articles') AND sql IS NOT NULL "
                "AND (type = 'index' OR (type = 'trigger' AND name LIKE '%fts%'))")]
            for kind, name in cursor.execute("SELECT type, name FROM sqlite_master WHERE tbl_name IN ('events', 'mentions', "
                                             "'articles') AND sql IS NOT NULL AND (type = 'index' OR (type = 'trigger' AND "
                                             "name LIKE '%fts%'))").fetchall():
                cursor.execute(f"DROP {kind} {name}")
        rows: list[dict] = []
        done = 0

        def put(table: str, cols: list[str], values: list[tuple]) -> None:
            if dialect == "sqlite":
                cursor.executemany(sql(table, cols), values)
                return
            with cursor.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:  # PostgreSQL's bulk load
                for value in values:
                    copy.write_row(value)

        def flush() -> None:
            nonlocal done, rows
            if mentions:  # as the store keeps them: the one mention's article's outlet
                for k, row in enumerate(rows):
                    row["outlets"] = [OUTLETS[(done + k) // 4 % len(OUTLETS)]]
            put("events", columns, _event_values(rows, columns, dialect))
            if mentions:
                articles, mention_rows = _mention_rows(rows, done, now)
                put("articles", a_columns, _event_values(articles, a_columns, dialect))
                put("mentions", m_columns, _event_values(mention_rows, m_columns, dialect))
            done += len(rows)
            rows = []

        for row in synthetic_events(n, seed):
            rows.append(row)
            if len(rows) >= chunk:
                flush()
        if rows:
            flush()
        for sql in deferred:
            cursor.execute(sql)
        if deferred:
            cursor.execute("INSERT INTO events_fts(events_fts) VALUES('rebuild')")
            cursor.execute("INSERT INTO articles_fts(articles_fts) VALUES('rebuild')")
            for statement in fill_dated_fts_statements():
                cursor.execute(statement)
    with store.engine.connect() as conn:  # fresh statistics for the planner, as after a real ingest + ANALYZE
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
        if dialect == "sqlite":
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # the build's log folded into the file
    seconds = time.perf_counter() - t0
    store.close()
    if dialect != "sqlite":
        return seconds, 0
    path = Path(url)
    return seconds, sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def bench_queries(path: Path, repeats: int) -> list[dict[str, Any]]:
    from clashwatch.store.queries import PAGE_SIZE, query_events
    from clashwatch.store import EventQuery, Store

    store = Store.open(str(path))
    queries = [
        ("country (--country Nigeria)", EventQuery(country="NG")),
        ("date range + type (--from 2022-01-01 --to 2022-03-31 --type Battles)",
         EventQuery(date_from=dt.date(2022, 1, 1), date_to=dt.date(2022, 3, 31), event_type="Battles")),
        ("bbox (--bbox 2,4,15,14: Nigeria)", EventQuery(bbox=(2.0, 4.0, 15.0, 14.0))),
        ("min fatalities (--min-fatalities 100)", EventQuery(min_fatalities=100)),
        ("text (--text maiduguri)", EventQuery(text="maiduguri")),
    ]
    out = []

    def timed(fn) -> tuple[list[float], int]:
        rows = fn()  # warm-up, and the row count
        seconds = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            fn()
            seconds.append(time.perf_counter() - t0)
        return seconds, rows

    from dataclasses import replace

    for name, q in queries:
        all_s, n_rows = timed(lambda: len(store.events(q)))
        first_s, _ = timed(lambda: len(store.events(replace(q, limit=100))))
        out.append({
            "query": name, "rows": n_rows,
            "all_p50_ms": 1000 * pct(all_s, 50), "all_p95_ms": 1000 * pct(all_s, 95),
            "first100_p50_ms": 1000 * pct(first_s, 50), "first100_p95_ms": 1000 * pct(first_s, 95),
        })
    paged_repeats = max(3, repeats // 10)
    q = queries[0][1]
    seconds = []
    rows = 0
    for _ in range(paged_repeats + 1):
        t0 = time.perf_counter()
        rows = sum(1 for _ in query_events(store, q))
        seconds.append(time.perf_counter() - t0)
    seconds = seconds[1:]
    out.append({
        "query": f"country, paged as `clashwatch events` reads it (pages of {PAGE_SIZE:,} + outlets; {paged_repeats} repeats)",
        "rows": rows, "all_p50_ms": 1000 * pct(seconds, 50), "all_p95_ms": 1000 * pct(seconds, 95),
        "first100_p50_ms": None, "first100_p95_ms": None,
    })
    store.close()
    return out


# --------------------------------------------------------------------------- report


def report(result: dict[str, Any]) -> str:
    lines = []
    m = result["machine"]
    lines.append(f"machine: {m.get('cpu', '?')}, {m.get('usable_cores', m.get('cores'))} usable cores, "
                 f"load {m.get('load_average')}, Python {m.get('python')}, {m.get('platform')}")
    a = result.get("ingest")
    if a:
        lines.append("")
        lines.append(f"(a) ingest vs extract: {a['articles']:,} synthetic articles ({a['words']:,} words), batch size {a['batch_size']}, SQLite")
        runs = " and ".join(f"{v:.1f}" for v in a["extract_runs_s"])
        lines.append(f"    extract   {a['extract_s']:8.1f} s   {a['extract_articles_per_s']:7.1f} articles/s   "
                     f"(mean of {runs} s, before and after; CPU {a['extract_cpu_s']:.1f} s; {a['events_extracted']:,} events)")
        for key, label, ratio in (("ingest", "ingest", "overhead_ratio"), ("inline", "inline", "inline_ratio")):
            r = a[key]
            where = (f"{r['saves_in_writer']:,} saves in a writer process, as `clashwatch ingest`" if key == "ingest"
                     else "saves in this process")
            lines.append(f"    {label:<9} {r['s']:8.1f} s   {r['articles_per_s']:7.1f} articles/s   ({where}; CPU here {r['cpu_s']:.1f} s)")
            lines.append(f"              ratio to extract {a[ratio]:.2f};  check p50 {r['check_ms_p50']:.2f} ms, p95 {r['check_ms_p95']:.2f} ms;  "
                         f"save p50 {r['save_ms_p50']:.1f} ms, p95 {r['save_ms_p95']:.1f} ms, total {r['save_s_total']:.1f} s "
                         f"(mean {r['save_ms_mean_first_tenth']:.1f} ms over the first tenth, {r['save_ms_mean_last_tenth']:.1f} ms over the last)")
        lines.append(f"    re-ingest {a['reingest_s']:8.1f} s   {a['reingest_articles_per_s']:7.1f} articles/s   (all unchanged, no extraction)")
        lines.append(f"    first run: {a['ingest']['summary']}")
        lines.append(f"    second run: {a['reingest_summary']}")
        counts = ", ".join(f"{k} {v:,}" for k, v in a["counts"].items())
        lines.append(f"    store: {counts}; {a['db_bytes'] / 1e6:.1f} MB")
    b = result.get("queries")
    if b:
        lines.append("")
        lines.append(f"(b) Store.events on {b['events']:,} synthetic events (SQLite, {b['db_bytes'] / 1e6:.0f} MB, built in "
                     f"{b['build_s']:.1f} s), {b['repeats']} repeats after one warm-up; milliseconds")
        width = max(len(r["query"]) for r in b["rows"])
        lines.append(f"    {'query':<{width}}  {'rows':>7}  {'all p50':>8}  {'all p95':>8}  {'100 p50':>8}  {'100 p95':>8}")
        for r in b["rows"]:
            fmt = lambda v: "" if v is None else f"{v:8.1f}"  # noqa: E731
            lines.append(f"    {r['query']:<{width}}  {r['rows']:>7,}  {fmt(r['all_p50_ms']):>8}  {fmt(r['all_p95_ms']):>8}  "
                         f"{fmt(r['first100_p50_ms']):>8}  {fmt(r['first100_p95_ms']):>8}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=2000, help="articles for ingest vs extract (default 2000)")
    ap.add_argument("--events", type=int, default=200_000, help="synthetic events for the query benchmark (default 200000)")
    ap.add_argument("--repeats", type=int, default=50, help="runs of each query (default 50)")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--warmup", type=int, default=32, help="articles to warm the pipeline up on (default 32)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--skip-ingest", action="store_true", help="only the query benchmark")
    ap.add_argument("--skip-queries", action="store_true", help="only ingest vs extract")
    ap.add_argument("--keep", action="store_true", help="keep the temporary databases (their folder is printed)")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of the report")
    args = ap.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="clashwatch-store-bench-"))
    result: dict[str, Any] = {"machine": machine(), "when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
    try:
        if not args.skip_ingest:
            result["ingest"] = bench_ingest(args.n, args.batch_size, args.seed, args.warmup, folder)
        if not args.skip_queries:
            path = folder / "events.db"
            build_s, db_bytes = build_event_store(path, args.events, args.seed)
            result["queries"] = {"events": args.events, "build_s": build_s, "db_bytes": db_bytes, "repeats": args.repeats,
                                 "rows": bench_queries(path, args.repeats)}
    finally:
        if args.keep:
            print(f"databases kept in {folder}", file=sys.stderr)
        else:
            shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps(result, indent=2, default=str) if args.json else report(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
