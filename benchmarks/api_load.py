#!/usr/bin/env python
"""Load on the HTTP API: requests/s and latency of `clashwatch serve` on a large SQLite store.

    python benchmarks/api_load.py                          # 200,000 events, 15 s a scenario
    python benchmarks/api_load.py --events 20000 --seconds 5 --connections 4
    python benchmarks/api_load.py --workers 2 --json

A SQLite store of E synthetic events (``store_bench.synthetic_events``: a seeded spread of
countries, towns, dates 2018-2024, types and tolls) is written with bulk inserts, each
event with one mention in one of E/4 articles (so the outlet look-up of every page does
real work); then `clashwatch serve` (the installed command, access log off) is started on
127.0.0.1 and each scenario is loaded for ``--seconds`` over ``--connections`` keep-alive
connections, by ``wrk`` (Debian package wrk) when it is installed, else by a Python client
(threads, one httpx client each: slower, so its figures are a floor). Printed per
scenario: requests/s, p50 and p99 latency, non-2xx responses. The store is built once in
``--folder`` (default: a temporary one, removed at the end) and reused when it is there.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store_bench import build_event_store, pct  # noqa: E402
from throughput import machine  # noqa: E402

CLASHWATCH = str(Path(sys.executable).with_name("clashwatch"))
OUTLETS = ("Sahel Wire", "Rift Valley Courier", "Global Newswire", "Lakeside Herald", "Northern Dispatch")


def add_mentions(path: Path, chunk: int = 20_000) -> None:
    """One mention per event, four events an article: the join the outlet look-up reads."""
    import datetime as dt

    from sqlalchemy import insert, select

    from clashwatch.store import Store
    from clashwatch.store import tables as t

    store = Store.open(str(path))
    now = dt.datetime.now(dt.timezone.utc)
    with store.engine.begin() as conn:
        rows = conn.execute(select(t.events.c.id, t.events.c.event_type, t.events.c.sub_event_type, t.events.c.event_date)).all()
        articles, mentions = [], []
        for n, (event_id, event_type, sub_type, date) in enumerate(rows):
            article_id = f"a{n // 4:07d}"
            if n % 4 == 0:
                articles.append(dict(id=article_id, url=f"https://news.example/{article_id}", text_hash=f"{n:040x}", text_hashes=[],
                                     outlet=OUTLETS[n // 4 % len(OUTLETS)], title=None, published=date, version=1, text="",
                                     ingested_at=now, updated_at=now))
            mentions.append(dict(key=f"{n:020x}", article_id=article_id, event_id=event_id, local_event_id=f"e{n % 4 + 1}",
                                 is_main=n % 4 == 0, event_type=event_type, sub_event_type=sub_type, background=False,
                                 published=date, outlet=OUTLETS[n // 4 % len(OUTLETS)]))
        for start in range(0, len(articles), chunk):
            conn.execute(insert(t.articles), articles[start : start + chunk])
        for start in range(0, len(mentions), chunk):
            conn.execute(insert(t.mentions), mentions[start : start + chunk])
    with store.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
    store.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, workers: int, log_path: Path) -> tuple[subprocess.Popen, str]:
    import httpx

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with open(log_path, "wb") as log:
        process = subprocess.Popen([CLASHWATCH, "serve", "--db", str(db), "--port", str(port), "--workers", str(workers), "-q"],
                                   stdout=subprocess.DEVNULL, stderr=log)
    for _ in range(600):
        if process.poll() is not None:
            raise SystemExit(f"clashwatch serve exited: {log_path.read_text(errors='replace')}")
        try:
            if httpx.get(url + "/api/health", timeout=1).status_code == 200:
                return process, url
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    process.kill()
    raise SystemExit("clashwatch serve did not start within 60 s")


def scenarios(url: str) -> list[tuple[str, str]]:
    import httpx

    first = httpx.get(url + "/api/events", params={"limit": 100}).json()
    cursor = first["next_cursor"]
    event_id = first["events"][0]["id"]
    return [
        ("first page (/api/events, 100 events)", "/api/events"),
        ("country filter (?country=NG)", "/api/events?country=NG"),
        ("bbox + dates (?bbox=2,4,15,14&date_from=2022-01-01)", "/api/events?bbox=2,4,15,14&date_from=2022-01-01"),
        ("next page (?cursor=...)", f"/api/events?cursor={cursor}"),
        ("map page (/api/events.geojson, 1000 features)", "/api/events.geojson"),
        ("one event (/api/events/{id})", f"/api/events/{event_id}"),
    ]


def _seconds(value: str, unit: str) -> float:
    return float(value) * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]


def load_wrk(url: str, seconds: int, connections: int, threads: int) -> dict[str, Any]:
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url],
                         capture_output=True, text=True, check=True).stdout
    latency = {q: _seconds(v, u) for q, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M)}
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {"requests": total, "rps": rps, "p50_ms": latency["50"] * 1e3, "p99_ms": latency["99"] * 1e3,
            "non_2xx": int(bad.group(1)) if bad else 0, "socket_errors": sum(map(int, errors.groups())) if errors else 0}


def load_python(url: str, seconds: int, connections: int) -> dict[str, Any]:
    import httpx

    stop = time.monotonic() + seconds
    times: list[float] = []
    bad = [0]
    lock = threading.Lock()

    def worker() -> None:
        with httpx.Client(timeout=30) as client:
            while time.monotonic() < stop:
                t0 = time.perf_counter()
                status = client.get(url).status_code
                spent = time.perf_counter() - t0
                with lock:
                    times.append(spent)
                    bad[0] += status >= 300

    t0 = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(connections)]
    for th in pool:
        th.start()
    for th in pool:
        th.join()
    wall = time.perf_counter() - t0
    return {"requests": len(times), "rps": len(times) / wall, "p50_ms": statistics.median(times) * 1e3,
            "p99_ms": pct(times, 99) * 1e3, "non_2xx": bad[0], "socket_errors": 0}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=200_000, help="events in the store (default 200,000)")
    ap.add_argument("--seconds", type=int, default=15, help="load time per scenario (default 15)")
    ap.add_argument("--connections", type=int, default=8, help="concurrent keep-alive connections (default 8)")
    ap.add_argument("--threads", type=int, default=1, help="wrk threads (default 1: the server gets the other core)")
    ap.add_argument("--workers", type=int, default=1, help="clashwatch serve --workers (default 1)")
    ap.add_argument("--client", choices=("auto", "wrk", "python"), default="auto")
    ap.add_argument("--folder", type=Path, default=None, help="keep the store here and reuse it on the next run")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    args = ap.parse_args(argv)

    client = args.client
    if client == "auto":
        client = "wrk" if shutil.which("wrk") else "python"
    if client == "wrk" and not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk); use --client python")
    folder = args.folder or Path(tempfile.mkdtemp(prefix="clashwatch-api-load-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / f"events-{args.events}-{args.seed}.db"
    result: dict[str, Any] = {"machine": machine(), "events": args.events, "client": client, "workers": args.workers,
                              "connections": args.connections, "seconds": args.seconds}
    try:
        if not db.exists():
            print(f"building a store of {args.events:,} events in {db} ...", file=sys.stderr)
            built, _ = build_event_store(db, args.events, args.seed)
            t0 = time.perf_counter()
            add_mentions(db)
            result["build_seconds"] = round(built + time.perf_counter() - t0, 1)
        result["store_mb"] = round(sum(p.stat().st_size for p in folder.glob(db.name + "*")) / 1e6, 1)
        process, url = start_server(db, args.workers, folder / "serve.log")
        try:
            rows = []
            for label, path in scenarios(url):
                print(f"loading {label} for {args.seconds} s ...", file=sys.stderr)
                if client == "wrk":
                    figures = load_wrk(url + path, args.seconds, args.connections, args.threads)
                else:
                    figures = load_python(url + path, args.seconds, args.connections)
                rows.append({"scenario": label, **figures})
            result["scenarios"] = rows
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
            problems = (folder / "serve.log").read_text(errors="replace").splitlines()[1:]
            if problems:
                print("the server logged:\n  " + "\n  ".join(problems[:10]), file=sys.stderr)
    finally:
        if args.folder is None:
            shutil.rmtree(folder, ignore_errors=True)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    m = result["machine"]
    print(f"clashwatch serve on a SQLite store of {args.events:,} events ({result['store_mb']} MB), "
          f"{args.workers} worker(s); load by {client}, {args.connections} connections, {args.seconds} s a scenario")
    print(f"machine: {m.get('cpu', '?')}, {m.get('cores', '?')} cores")
    print(f"{'scenario':56} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'requests':>9} {'errors':>7}")
    for r in result["scenarios"]:
        print(f"{r['scenario']:56} {r['rps']:8.1f} {r['p50_ms']:8.1f} {r['p99_ms']:8.1f} {r['requests']:9,} "
              f"{r['non_2xx'] + r['socket_errors']:7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
