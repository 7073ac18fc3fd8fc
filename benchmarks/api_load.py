#!/usr/bin/env python
"""clashwatch's read path against Datasette on one SQLite store of a million events.

    python benchmarks/api_load.py                              # 1,000,000 events, 10 s a scenario
    python benchmarks/api_load.py --events 100000 --seconds 5  # a quick run
    python benchmarks/api_load.py --postgres                   # the same on PostgreSQL too
    python benchmarks/api_load.py --json
    python benchmarks/api_load.py --no-cache --scenario "first page" --scenario country --no-paint --no-sql

Each scenario repeats one request, so with clashwatch's response cache on (the default of
``clashwatch serve``) all but the first are answered from it; ``--no-cache`` measures the
rendered path.

The store (``store_bench.build_event_store``: seeded synthetic events, each with one
mention in one of E/4 articles, bulk-inserted in one transaction with the full-text index
kept by its triggers) is built once in ``--folder`` and reused; its build time and size are
kept next to it. Opening it runs the migrations (0006: the read path's indexes), timed.
Each measurement follows two seconds of the same load, not counted (warm caches).

Then, in one run on the same file and the same load generator (``wrk``, Debian package,
``--connections`` keep-alive connections on one thread): ``clashwatch serve`` (one worker,
access log off) and Datasette (``suggest_facets off``, ``_nocount=1``, a 10 s SQL time
limit so that no query is cut short), each scenario on clashwatch then on Datasette with
the equivalent table query: first page of 100 (newest first, background events out),
country, bbox + date, minimum fatalities, text (Datasette: ``_search`` on ``events_fts``),
the second page (each server's own cursor), 1,000 events as GeoJSON (Datasette: 1,000 rows
of JSON), the map at world zoom (clashwatch ``/api/events.grid``; Datasette the same
GROUP BY through ``?sql=``), one event. Printed per scenario: requests/s, p50, p99, errors,
the server's CPU time a request, and the ratio clashwatch / Datasette; with the load
generator's CPU share of the machine and the CPU the rest of the machine used meanwhile.

Also: the SQL p95 of each filter's first page through ``Store.events`` (in process), the
map grid's time, and the dashboard's first paint in chromium (Playwright, the page's own
``performance.mark("cw-map-painted")``) when chromium and Playwright are installed.
``--postgres`` repeats the clashwatch side on a throwaway PostgreSQL server (the tests'
``tests/support/pgserver.py``) holding the same events.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))
from store_bench import build_event_store, pct  # noqa: E402
from throughput import machine  # noqa: E402

BIN = Path(sys.executable).parent
CLASHWATCH = str(BIN / "clashwatch")
DATASETTE = str(BIN / "datasette")
CLOCK = os.sysconf("SC_CLK_TCK")


# --------------------------------------------------------------------------- the store


def store_path(folder: Path, events: int, seed: int) -> Path:
    return folder / f"events-{events}-{seed}.db"


def ensure_store(folder: Path, events: int, seed: int) -> dict[str, Any]:
    """The SQLite store (built when missing), migrated; its build and migration figures."""
    from clashwatch.store import Store

    folder.mkdir(parents=True, exist_ok=True)
    db = store_path(folder, events, seed)
    about = db.with_suffix(".json")
    if not db.exists() or not about.exists():
        for stale in folder.glob(db.name + "*"):
            stale.unlink()
        print(f"building a store of {events:,} events in {db} ...", file=sys.stderr)
        seconds, size = build_event_store(db, events, seed, mentions=True)
        about.write_text(json.dumps({"build_seconds": round(seconds, 1), "build_bytes": size,
                                     "built": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}))
    info = json.loads(about.read_text())
    t0 = time.perf_counter()
    Store.open(str(db)).close()
    info["open_seconds"] = round(time.perf_counter() - t0, 1)  # the migrations, when the file predates them
    with __import__("sqlite3").connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    info["bytes"] = sum(p.stat().st_size for p in folder.glob(db.name + "*"))
    info["path"] = str(db)
    return info


# --------------------------------------------------------------------------- servers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(process: subprocess.Popen, url: str, log: Path, what: str, seconds: float = 600) -> None:
    import httpx

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{what} exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            if httpx.get(url, timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    process.kill()
    raise SystemExit(f"{what} did not start within {seconds:.0f} s")


class Server:
    def __init__(self, argv: list[str], health: str, log: Path, what: str, env: dict | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        with open(log, "wb") as out:
            self.process = subprocess.Popen([a.replace("{port}", str(self.port)) for a in argv], stdout=subprocess.DEVNULL,
                                            stderr=out, env={**os.environ, **(env or {})})
        wait_up(self.process, self.url + health, log, what)

    def cpu_seconds(self) -> float:
        """User + system CPU of the server process and its children so far."""
        total = 0.0
        pids = [self.process.pid]
        try:
            pids += [int(p) for p in Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()]
        except OSError:
            pass
        for pid in pids:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / CLOCK
            except (OSError, IndexError):
                pass
        return total

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def clashwatch_server(db: str, folder: Path, cache: bool = True, workers: int = 1, http: str = "httptools") -> Server:
    return Server([CLASHWATCH, "serve", "--db", db, "--port", "{port}", "--workers", str(workers), "--http", http, "-q",
                   *([] if cache else ["--no-cache"])],
                  "/api/health", folder / "clashwatch.log", "clashwatch serve")


def datasette_server(db: str, folder: Path) -> Server:
    return Server([DATASETTE, "serve", db, "--port", "{port}", "--setting", "suggest_facets", "off",
                   "--setting", "sql_time_limit_ms", "10000", "--setting", "max_returned_rows", "1000"],
                  "/-/versions.json", folder / "datasette.log", "datasette")


# --------------------------------------------------------------------------- load


def _seconds(value: str, unit: str) -> float:
    return float(value) * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]


def _machine_cpu() -> float:
    """CPU seconds the whole machine has spent busy (all cores), from /proc/stat."""
    fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]
    return (sum(fields[:8]) - idle) / CLOCK


def load(server: Server, path: str, seconds: int, connections: int) -> dict[str, Any]:
    """wrk on ``path``: requests/s, p50/p99, errors; the server's CPU a request, wrk's CPU share
    of the machine, the rest of the machine's CPU share. Two seconds of the same load first,
    not counted, so that both servers meet a warm file and warm caches."""
    subprocess.run(["wrk", "-t1", f"-c{connections}", "-d2s", "--timeout", "30s", server.url + path],
                   capture_output=True, check=True)
    before_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_cpu, machine_cpu, wall = server.cpu_seconds(), _machine_cpu(), time.perf_counter()
    out = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", "--latency",
                          server.url + path], capture_output=True, text=True, check=True).stdout
    wall = time.perf_counter() - wall
    server_cpu = server.cpu_seconds() - server_cpu
    machine_cpu = _machine_cpu() - machine_cpu
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    wrk_cpu = (after.ru_utime - before_children.ru_utime) + (after.ru_stime - before_children.ru_stime)
    latency = {q: _seconds(v, u) for q, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M)}
    total = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    cores = os.cpu_count() or 1
    return {
        "requests": total, "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": latency["50"] * 1e3, "p99_ms": latency["99"] * 1e3,
        "errors": (int(bad.group(1)) if bad else 0) + (sum(map(int, errors.groups())) if errors else 0),
        "server_cpu_ms_per_request": 1000 * server_cpu / max(total, 1),
        "wrk_cpu_share": wrk_cpu / (wall * cores),
        "other_cpu_share": max(0.0, machine_cpu - server_cpu - wrk_cpu) / (wall * cores),
    }


def grid_sql(cell: float) -> str:
    from clashwatch.store.grid import _cell_sql

    gy, gx = _cell_sql("latitude", 90, cell, "sqlite"), _cell_sql("longitude", 180, cell, "sqlite")
    return (f"SELECT {gy} AS gy, {gx} AS gx, count(*) AS events, sum(CAST(fatalities AS REAL)) AS fatalities, "
            f"avg(latitude) AS lat, avg(longitude) AS lon FROM events WHERE background IS 0 AND +latitude BETWEEN -90 AND 90 "
            f"AND +longitude BETWEEN -180 AND 180 GROUP BY {gy}, {gx}")


def scenarios(cw: Server, ds: Server | None, db_name: str) -> list[dict[str, Any]]:
    """(label, clashwatch path, Datasette path) with each server's own cursor and an event id."""
    import httpx
    from urllib.parse import quote

    first = httpx.get(cw.url + "/api/events", params={"limit": 100}, timeout=60).json()
    event_id = first["events"][0]["id"]
    table = f"/{db_name}/events.json?_nocount=1&_size=100&background=0&_sort_desc=event_date"
    out = [
        ("first page (100, newest first)", "/api/events", table),
        ("country filter (NG)", "/api/events?country=NG", table + "&country_code=NG"),
        ("bbox + date (2,4,15,14; from 2022)", "/api/events?bbox=2,4,15,14&date_from=2022-01-01",
         table + "&longitude__gte=2&longitude__lte=15&latitude__gte=4&latitude__lte=14&event_date__gte=2022-01-01"),
        ("min fatalities (100)", "/api/events?min_fatalities=100", table + "&fatalities__gte=100"),
        ("text (maiduguri)", "/api/events?text=maiduguri", table + "&_search=maiduguri"),
        ("second page (cursor)", f"/api/events?cursor={first['next_cursor']}", None),
        ("1,000 events (GeoJSON / JSON)", "/api/events.geojson?limit=1000",
         f"/{db_name}/events.json?_nocount=1&_size=1000&background=0&_sort_desc=event_date"),
        ("map, world zoom (grid / GROUP BY)", "/api/events.grid?zoom=2",
         f"/{db_name}.json?sql=" + quote(grid_sql(8.0))),
        ("one event", f"/api/events/{event_id}", f"/{db_name}/events/{event_id}.json"),
    ]
    rows = []
    for label, cw_path, ds_path in out:
        if label.startswith("second page") and ds is not None:
            page = httpx.get(ds.url + table, timeout=60).json()
            ds_path = table + f"&_next={quote(page['next'])}" if page.get("next") else None
        rows.append({"scenario": label, "clashwatch": cw_path, "datasette": ds_path if ds is not None else None})
    return rows


# --------------------------------------------------------------------------- in process


def sql_figures(url: str, repeats: int) -> list[dict[str, Any]]:
    """p50/p95 of each filter's first page (100) through Store.events, and of the map's grid."""
    from clashwatch.store import EventQuery, Store
    from clashwatch.store.grid import cell_for_zoom, grid

    store = Store.open(url, migrate=False)
    day = dt.date
    queries = [
        ("first page", EventQuery()),
        ("country NG", EventQuery(country="NG")),
        ("bbox 2,4,15,14 + from 2022", EventQuery(bbox=(2.0, 4.0, 15.0, 14.0), date_from=day(2022, 1, 1))),
        ("small bbox (Goma)", EventQuery(bbox=(29.0, -2.0, 29.5, -1.5))),
        ("min fatalities 100", EventQuery(min_fatalities=100)),
        ("min fatalities 1", EventQuery(min_fatalities=1)),
        ("text maiduguri", EventQuery(text="maiduguri")),
        ("actor boko", EventQuery(actor="boko")),
        ("type Battles + Q1 2022", EventQuery(event_type="Battles", date_from=day(2022, 1, 1), date_to=day(2022, 3, 31))),
        ("admin1 Borno", EventQuery(admin1="Borno")),
        ("interaction 12", EventQuery(interaction=12)),
        ("outlet sahel", EventQuery(outlet="sahel")),
        ("sort deadliest", EventQuery(sort="deadliest")),
        ("sort oldest", EventQuery(sort="oldest")),
    ]
    out = []
    for name, q in queries:
        q = replace(q, limit=100)
        rows = store.events(q)
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            store.events(q)
            times.append(time.perf_counter() - t0)
        deep = q
        for _ in range(20):  # the 21st page, through the cursor
            if len(rows) < 100:
                break
            deep = replace(q, after=store.position(rows[-1], q.sort))
            rows = store.events(deep)
        t0 = time.perf_counter()
        store.events(deep)
        out.append({"query": name, "p50_ms": 1000 * pct(times, 50), "p95_ms": 1000 * pct(times, 95),
                    "page21_ms": 1000 * (time.perf_counter() - t0)})
    for zoom in (2, 5):
        times = []
        for _ in range(max(3, repeats // 5)):
            t0 = time.perf_counter()
            found = grid(store, EventQuery(), cell_for_zoom(zoom))
            times.append(time.perf_counter() - t0)
        out.append({"query": f"map grid, zoom {zoom} ({len(found['cells'])} cells, {found['events']:,} events)",
                    "p50_ms": 1000 * pct(times, 50), "p95_ms": 1000 * pct(times, 95), "page21_ms": None})
    store.close()
    return out


def first_paint(url: str, runs: int = 3) -> list[float] | None:
    """Milliseconds from navigation to the map's first drawing, as the page measured it."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not Path("/usr/bin/chromium").exists():
        return None
    from support.browser import CHROMIUM_ARGS

    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for _ in range(runs):
            page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
            page.goto(url + "/")
            page.locator("#map[data-painted]").wait_for(timeout=120_000)
            out.append(page.evaluate("performance.getEntriesByName('cw-map-painted')[0].startTime"))
            page.context.close()
        browser.close()
    return out


# --------------------------------------------------------------------------- PostgreSQL


def postgres_run(args, folder: Path) -> dict[str, Any]:
    from support.pgserver import PostgresServer

    server = PostgresServer()
    server.start()
    try:
        url = server.url()
        t0 = time.perf_counter()
        seconds, _ = build_event_store(url, args.pg_events, args.seed, mentions=True)
        result: dict[str, Any] = {"events": args.pg_events, "build_seconds": round(seconds, 1),
                                  "with_migrations_seconds": round(time.perf_counter() - t0, 1)}
        cw = clashwatch_server(url, folder)
        try:
            rows = []
            for s in scenarios(cw, None, ""):
                print(f"PostgreSQL: {s['scenario']} ...", file=sys.stderr)
                rows.append({"scenario": s["scenario"], "clashwatch": load(cw, s["clashwatch"], args.seconds, args.connections)})
            result["scenarios"] = rows
        finally:
            cw.stop()
        result["sql"] = sql_figures(url, args.repeats)
        return result
    finally:
        server.stop()


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000, help="events in the store (default 1,000,000)")
    ap.add_argument("--seconds", type=int, default=10, help="load time per scenario and server (default 10)")
    ap.add_argument("--connections", type=int, default=4, help="concurrent keep-alive connections (default 4)")
    ap.add_argument("--repeats", type=int, default=50, help="runs of each in-process query (default 50)")
    ap.add_argument("--folder", type=Path, default=Path("/tmp/clashwatch-bench"), help="where the store is built and reused")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--postgres", action="store_true", help="also on PostgreSQL (a throwaway server, as the tests start)")
    ap.add_argument("--pg-events", type=int, default=None, help="events in the PostgreSQL store (default: --events)")
    ap.add_argument("--no-paint", action="store_true", help="skip the dashboard's first paint in chromium")
    ap.add_argument("--only-postgres", action="store_true", help="only the PostgreSQL run")
    ap.add_argument("--no-cache", action="store_true", help="clashwatch serve --no-cache: every request rendered (by default "
                    "the repeated requests of a scenario are answered from its response cache)")
    ap.add_argument("--scenario", action="append", default=[], metavar="WORDS",
                    help="only the scenarios whose label contains WORDS (repeatable; default: all)")
    ap.add_argument("--no-sql", action="store_true", help="skip the in-process Store.events timings")
    ap.add_argument("--workers", type=int, default=1, help="clashwatch serve --workers (default 1; Datasette has one process)")
    ap.add_argument("--http", choices=["httptools", "h11"], default="httptools",
                    help="clashwatch serve --http (default httptools, as served; Datasette's uvicorn picks httptools too)")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of the tables")
    args = ap.parse_args(argv)
    args.pg_events = args.pg_events or args.events
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk)")

    result: dict[str, Any] = {"machine": machine(), "events": args.events, "connections": args.connections,
                              "cache": not args.no_cache, "workers": args.workers, "http": args.http,
                              "seconds": args.seconds, "when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
    if args.only_postgres:
        result["postgres"] = postgres_run(args, args.folder)
        print(json.dumps(result, indent=2) if args.json else report_postgres(result["postgres"]))
        return 0
    result["store"] = ensure_store(args.folder, args.events, args.seed)
    db = result["store"]["path"]
    result["load_before"] = os.getloadavg()
    cw = clashwatch_server(db, args.folder, cache=not args.no_cache, workers=args.workers, http=args.http)
    ds = datasette_server(db, args.folder)
    try:
        rows = []
        for s in scenarios(cw, ds, Path(db).stem):
            if args.scenario and not any(words in s["scenario"] for words in args.scenario):
                continue
            print(f"loading {s['scenario']} ...", file=sys.stderr)
            row = {"scenario": s["scenario"], "clashwatch": load(cw, s["clashwatch"], args.seconds, args.connections)}
            if s["datasette"]:
                row["datasette"] = load(ds, s["datasette"], args.seconds, args.connections)
            rows.append(row)
        result["scenarios"] = rows
        ds.stop()
        if not args.no_paint:
            result["first_paint_ms"] = first_paint(cw.url)
    finally:
        cw.stop()
        ds.stop()
    result["sql"] = [] if args.no_sql else sql_figures(db, args.repeats)
    result["load_after"] = os.getloadavg()
    if args.postgres:
        result["postgres"] = postgres_run(args, args.folder)
    print(json.dumps(result, indent=2) if args.json else report(result))
    return 0


def report(r: dict[str, Any]) -> str:
    m, st = r["machine"], r["store"]
    lines = [f"machine: {m.get('cpu', '?')}, {m.get('cores', '?')} cores; load average {r['load_before'][0]:.2f} before, "
             f"{r['load_after'][0]:.2f} after",
             f"store: {r['events']:,} events, {st['bytes'] / 1e6:,.0f} MB; built in {st['build_seconds']:.0f} s "
             f"({st['build_bytes'] / 1e6:,.0f} MB), opened (migrations) in {st['open_seconds']:.1f} s",
             f"wrk: {r['connections']} connections, 1 thread, {r['seconds']} s a scenario and server; clashwatch's response "
             f"cache {'on (repeated requests: answered from it)' if r.get('cache', True) else 'off (--no-cache)'}; "
             f"clashwatch serve --workers {r.get('workers', 1)} --http {r.get('http', 'httptools')}", ""]

    def cells(f):
        if not f:
            return f"{'':>8} {'':>7} {'':>7} {'':>6}"
        return f"{f['rps']:8.1f} {f['p50_ms']:7.1f} {f['p99_ms']:7.1f} {f['server_cpu_ms_per_request']:6.2f}"

    lines.append(f"{'scenario':36} | {'clashwatch req/s  p50  p99 cpu/req':>31} | {'Datasette req/s  p50  p99 cpu/req':>31} | "
                 f"{'ratio':>6} | {'wrk cpu':>7} {'other':>6} {'errors':>6}")
    for row in r["scenarios"]:
        c, d = row["clashwatch"], row.get("datasette")
        ratio = f"{c['rps'] / d['rps']:5.2f}x" if d and d["rps"] else ""
        shares = [c["wrk_cpu_share"]] + ([d["wrk_cpu_share"]] if d else [])
        others = [c["other_cpu_share"]] + ([d["other_cpu_share"]] if d else [])
        errors = c["errors"] + (d["errors"] if d else 0)
        lines.append(f"{row['scenario']:36} | {cells(c)} | {cells(d)} | {ratio:>6} | {100 * max(shares):6.1f}% "
                     f"{100 * max(others):5.1f}% {errors:6}")
    if r.get("first_paint_ms"):
        lines.append(f"\ndashboard first paint (chromium, performance mark): {', '.join(f'{v:.0f}' for v in r['first_paint_ms'])} ms")
    if r["sql"]:
        lines.append("\nStore.events, first page of 100 (ms):")
    for q in r["sql"]:
        deep = f"{q['page21_ms']:7.1f}" if q["page21_ms"] is not None else ""
        lines.append(f"  {q['query']:50} p50 {q['p50_ms']:7.1f}  p95 {q['p95_ms']:7.1f}  21st page {deep}")
    if r.get("postgres"):
        lines.append("\n" + report_postgres(r["postgres"]))
    return "\n".join(lines)


def report_postgres(pg: dict[str, Any]) -> str:
    lines = [f"PostgreSQL: {pg['events']:,} events, built in {pg['build_seconds']:.0f} s "
             f"(with the migrations {pg['with_migrations_seconds']:.0f} s)",
             f"  {'scenario':36} | {'req/s':>8} {'p50':>7} {'p99':>7} {'cpu/req':>6}"]
    for row in pg["scenarios"]:
        c = row["clashwatch"]
        lines.append(f"  {row['scenario']:36} | {c['rps']:8.1f} {c['p50_ms']:7.1f} {c['p99_ms']:7.1f} "
                     f"{c['server_cpu_ms_per_request']:6.2f} | errors {c['errors']}, other CPU {100 * c['other_cpu_share']:.0f}%")
    for q in pg["sql"]:
        lines.append(f"  {q['query']:50} p50 {q['p50_ms']:7.1f}  p95 {q['p95_ms']:7.1f}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
