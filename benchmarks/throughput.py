#!/usr/bin/env python
"""How fast clashwatch reads articles, next to the spaCy parse it is built on, and how
``clashwatch batch`` scales with worker processes.

    python benchmarks/throughput.py                      # 1,000 articles, batch size 32
    python benchmarks/throughput.py --n 200 --batch-size 64 --json
    python benchmarks/throughput.py --batch-workers 1,2,4

On the same synthetic articles (``benchmarks/articles.py``, 300-800 words), it times

(a) bare spaCy: ``nlp.pipe`` over the texts the pipeline parses (title + body), with the
    model the pipeline loads (``load_model()``) and the same batch size, and
(b) the full pipeline: ``Pipeline().extract_many(...)``, every result consumed,

both in this process, after the model and gazetteer are loaded and both paths warmed up
on other articles; then

(c) ``clashwatch batch --engine local --workers W`` over the articles written as JSONL,
    for each W of ``--batch-workers`` (1 and 2 by default): the wall time of the whole
    command (interpreter start, pipeline loading in every worker, Parquet writing), the
    speed-up over the first W, and the peak resident memory of each worker process
    (with one worker the parts run in the command's own process, which is then the worker).

It also times start-up in fresh subprocesses: constructing ``Pipeline()`` (model +
gazetteer), and the model and gazetteer on their own.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from articles import generate  # noqa: E402

STARTUP_PIPELINE = """
import json, time
t0 = time.perf_counter()
from clashwatch.pipeline import Pipeline
t1 = time.perf_counter()
Pipeline()
t2 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "pipeline_s": t2 - t1}))
"""

STARTUP_PARTS = """
import json, time
from clashwatch.stages.gazetteer import Gazetteer
from clashwatch.nlp import load_model
t0 = time.perf_counter()
load_model()
t1 = time.perf_counter()
Gazetteer.load()
t2 = time.perf_counter()
print(json.dumps({"model_s": t1 - t0, "gazetteer_s": t2 - t1}))
"""


# --------------------------------------------------------------------------- environment


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "cores": os.cpu_count(),
        "platform": platform.platform(terse=True),
        "python": platform.python_version(),
    }
    if hasattr(os, "getloadavg"):
        info["load_average"] = [round(x, 2) for x in os.getloadavg()]  # other work on the machine skews timings
    if hasattr(os, "sched_getaffinity"):
        info["usable_cores"] = len(os.sched_getaffinity(0))
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    if "cpu" not in info and platform.processor():
        info["cpu"] = platform.processor()
    return info


def versions(nlp) -> dict[str, Any]:
    import spacy

    import clashwatch

    meta = nlp.meta
    return {
        "clashwatch": clashwatch.__version__,
        "spacy": spacy.__version__,
        "model": f"{meta.get('lang', '')}_{meta.get('name', '')}",
        "model_version": meta.get("version"),
        "components": list(nlp.pipe_names),
    }


# --------------------------------------------------------------------------- measuring


def startup(runs: int, cold_cache: bool = False) -> dict[str, Any]:
    """Median start-up times over ``runs`` fresh interpreters.

    With ``cold_cache``, each interpreter gets an empty ``CLASHWATCH_CACHE_DIR``: the
    first start after installation, when the gazetteer index is built and pickled.
    """
    if cold_cache:
        import tempfile

        with tempfile.TemporaryDirectory(prefix="clashwatch-cold-") as tmp:
            result: dict[str, Any] = {}
            fresh = 0
            for _ in range(runs):
                for code in (STARTUP_PIPELINE, STARTUP_PARTS):
                    fresh += 1  # a new empty directory for every interpreter
                    sub = Path(tmp) / str(fresh)
                    sub.mkdir()
                    part = _startup_once(code, {**os.environ, "CLASHWATCH_CACHE_DIR": str(sub)})
                    if "error" in part:
                        return part
                    for k, v in part.items():
                        result.setdefault(k, []).append(v)
            return {**{k: statistics.median(v) for k, v in result.items()}, "runs": runs}
    env = dict(os.environ)
    # one untimed start first: it (re)builds the gazetteer cache if it is missing or stale
    # (e.g. the index version changed since the last run), so what follows is a warm start
    primed = _startup_once(STARTUP_PIPELINE, env)
    if "error" in primed:
        return primed
    samples: dict[str, list[float]] = {}
    for _ in range(runs):
        for code in (STARTUP_PIPELINE, STARTUP_PARTS):
            out = _startup_once(code, env)
            if "error" in out:
                return out
            for k, v in out.items():
                samples.setdefault(k, []).append(v)
    result: dict[str, Any] = {k: statistics.median(v) for k, v in samples.items()}
    result["runs"] = runs
    return result


def _startup_once(code: str, env: dict[str, str]) -> dict[str, Any]:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        return {"error": (proc.stderr.strip().splitlines() or ["subprocess failed"])[-1]}
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    if code is STARTUP_PIPELINE:
        out["process_wall_s"] = wall  # interpreter start + imports + Pipeline()
    return out


def analysed_texts(articles: list[dict]) -> list[str]:
    """The strings the pipeline hands to spaCy (title + body, truncated as the pipeline does)."""
    try:
        from clashwatch.article import MAX_CHARS
        from clashwatch.text import prepare_text

        return [prepare_text(a["text"], a.get("title"), max_chars=MAX_CHARS).analysed for a in articles]
    except (ImportError, AttributeError, TypeError):  # the internals moved: the obvious equivalent
        return [f"{a['title']}\n\n{a['text']}" if a.get("title") else a["text"] for a in articles]


def inputs(articles: list[dict]):
    from clashwatch.article import make_article

    return [
        make_article(a["text"], published=dt.date.fromisoformat(a["published"]), title=a.get("title"), id=a["id"])
        for a in articles
    ]


def time_bare(nlp, texts: list[str], batch_size: int) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of this process, spaCy tokens)."""
    tokens = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for doc in nlp.pipe(texts, batch_size=batch_size):
        tokens += len(doc)
    return time.perf_counter() - t0, time.process_time() - c0, tokens


def time_full(pipeline, articles: list[dict], batch_size: int) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of this process, events found)."""
    items = inputs(articles)  # built outside the clock
    events = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for result in pipeline.extract_many(items, batch_size=batch_size):
        events += len(result.events)
    return time.perf_counter() - t0, time.process_time() - c0, events


def measure(n: int, batch_size: int, seed: int, warmup: int, repeat: int) -> dict[str, Any]:
    from clashwatch.pipeline import Pipeline

    articles = generate(n, seed)
    warm = generate(warmup, seed + 1)  # different texts from the measured ones
    texts = analysed_texts(articles)
    words = sum(len(t.split()) for t in texts)

    t0 = time.perf_counter()
    pipeline = Pipeline()  # loads the model (load_model()) and the gazetteer
    in_process_startup = time.perf_counter() - t0
    nlp = pipeline.nlp

    if warm:
        time_bare(nlp, analysed_texts(warm), batch_size)
        time_full(pipeline, warm, batch_size)

    bare_runs, full_runs = [], []
    tokens = events = 0
    for _ in range(repeat):
        wall, cpu, tokens = time_bare(nlp, texts, batch_size)
        bare_runs.append((wall, cpu))
        wall, cpu, events = time_full(pipeline, articles, batch_size)
        full_runs.append((wall, cpu))
    (bare_s, bare_cpu), (full_s, full_cpu) = min(bare_runs), min(full_runs)

    def rates(seconds: float, cpu: float) -> dict[str, float]:
        return {
            "seconds": seconds,
            "cpu_seconds": cpu,  # steadier than wall time on a shared machine
            "articles_per_cpu_s": n / cpu if cpu else float("nan"),
            "articles_per_s": n / seconds if seconds else float("nan"),
            "words_per_s": words / seconds if seconds else float("nan"),
        }

    return {
        "n": n,
        "batch_size": batch_size,
        "seed": seed,
        "warmup_articles": warmup,
        "repeat": repeat,
        "words": words,
        "mean_words_per_article": words / n if n else 0,
        "spacy_tokens": tokens,
        "bare": {**rates(bare_s, bare_cpu), "tokens_per_s": tokens / bare_s if bare_s else float("nan")},
        "full": {**rates(full_s, full_cpu), "events": events},
        # throughput of the full pipeline as a share of bare spaCy's (100% = no overhead)
        "full_vs_bare_pct": 100 * bare_s / full_s if full_s else float("nan"),
        # extra time the stages add on top of the parse
        "overhead_pct": 100 * (full_s - bare_s) / bare_s if bare_s else float("nan"),
        "full_vs_bare_cpu_pct": 100 * bare_cpu / full_cpu if full_cpu else float("nan"),
        "in_process_pipeline_s": in_process_startup,
        "_nlp": nlp,
    }


def time_batch(articles: list[dict], workers_list: list[int], part_size: int, batch_size: int) -> dict[str, Any]:
    """``clashwatch batch --engine local`` over ``articles``, once per worker count."""
    runs: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="clashwatch-batch-bench-") as tmp:
        corpus = Path(tmp) / "articles.jsonl"
        corpus.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
        for workers in workers_list:
            output = Path(tmp) / f"out-{workers}"
            command = [sys.executable, "-m", "clashwatch.cli", "batch", str(corpus), str(output), "--engine", "local",
                       "--workers", str(workers), "--part-size", str(part_size), "--batch-size", str(batch_size), "-q"]
            load = round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None
            wall, memory, code, err = _run_watched(command)
            if code != 0:
                runs[str(workers)] = {"error": (err.strip().splitlines() or [f"exit {code}"])[-1]}
                continue
            runs[str(workers)] = {"seconds": wall, "articles_per_s": len(articles) / wall, "load_average_at_start": load,
                                  **memory}
    first = runs.get(str(workers_list[0]), {})
    for run in runs.values():
        if "seconds" in run and "seconds" in first:
            run["speedup"] = first["seconds"] / run["seconds"]
    return {"n": len(articles), "part_size": part_size, "batch_size": batch_size, "runs": runs}


def _run_watched(command: list[str]) -> tuple[float, dict[str, Any], int, str]:
    """(wall seconds, peak RSS of the command and of each worker, exit code, stderr).

    The process tree is sampled every 0.1 s with psutil; without psutil only the largest
    peak of any process is known (``getrusage``, which also counts earlier children)."""
    try:
        import psutil
    except ImportError:
        psutil = None
    t0 = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peaks: dict[int, int] = {}
    roles: dict[int, str] = {}
    if psutil is not None:
        root = psutil.Process(proc.pid)
        while proc.poll() is None:
            try:
                family = [root, *root.children(recursive=True)]
            except psutil.Error:
                family = []
            for p in family:
                try:
                    rss = p.memory_info().rss
                    if p.pid not in roles:
                        cmdline = " ".join(p.cmdline())
                        roles[p.pid] = ("parent" if p.pid == proc.pid else "fork server" if "forkserver import main" in cmdline
                                        and p.ppid() == proc.pid else "helper" if "resource_tracker" in cmdline else "worker")
                except psutil.Error:
                    continue
                peaks[p.pid] = max(peaks.get(p.pid, 0), rss)
            time.sleep(0.1)
    _, err = proc.communicate()
    wall = time.perf_counter() - t0
    mb = 1024 * 1024
    if psutil is None:
        import resource

        return wall, {"max_process_peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}, proc.returncode, err
    workers = sorted((peaks[pid] / mb for pid, role in roles.items() if role == "worker"), reverse=True)
    parent = peaks.get(proc.pid, 0) / mb
    return wall, {"parent_peak_rss_mb": parent, "worker_peak_rss_mb": workers or [parent],
                  "in_process": not workers}, proc.returncode, err


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Articles per second: bare spaCy nlp.pipe vs the full clashwatch pipeline.")
    ap.add_argument("--n", type=int, default=1000, help="number of synthetic articles (default 1000)")
    ap.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size for both (default 32, as extract_many)")
    ap.add_argument("--seed", type=int, default=0, help="seed of the article generator (default 0)")
    ap.add_argument("--warmup", type=int, default=None, help="warm-up articles, not timed (default: one batch)")
    ap.add_argument("--repeat", type=int, default=1, help="time each path R times, report the fastest (default 1)")
    ap.add_argument("--startup-runs", type=int, default=1, help="fresh subprocesses for start-up time (0: skip; default 1)")
    ap.add_argument("--cold-start", action="store_true",
                    help="also time start-up with an empty gazetteer cache (CLASHWATCH_CACHE_DIR), as on first use")
    ap.add_argument("--batch-workers", default="1,2",
                    help="worker counts for `clashwatch batch --engine local`, comma-separated (default 1,2; 0: skip)")
    ap.add_argument("--part-size", type=int, default=50, help="--part-size of the batch runs (default 50)")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of the report")
    args = ap.parse_args(argv)
    if args.n <= 0 or args.batch_size <= 0 or args.repeat <= 0 or args.part_size <= 0:
        ap.error("--n, --batch-size, --repeat and --part-size must be positive")
    try:
        batch_workers = [int(w) for w in args.batch_workers.split(",") if w.strip()]
    except ValueError:
        ap.error("--batch-workers: comma-separated worker counts, e.g. 1,2,4")
    batch_workers = [w for w in batch_workers if w > 0]
    warmup = args.batch_size if args.warmup is None else args.warmup

    host = machine()
    res = measure(args.n, args.batch_size, args.seed, warmup, args.repeat)
    nlp = res.pop("_nlp")
    vers = versions(nlp)
    start = startup(args.startup_runs) if args.startup_runs > 0 else None
    cold = startup(max(1, args.startup_runs), cold_cache=True) if args.cold_start else None
    batch = time_batch(generate(args.n, args.seed), batch_workers, args.part_size, args.batch_size) if batch_workers else None
    report = {"benchmark": "throughput", "machine": host, "versions": vers, **res, "startup": start, "startup_cold_cache": cold,
              "batch": batch}

    if args.json:
        print(json.dumps(report, indent=2))
        return 0

    cpu = f", {host['cpu']}" if host.get("cpu") else ""
    usable = f" ({host['usable_cores']} usable)" if host.get("usable_cores") not in (None, host["cores"]) else ""
    load = f"; load average {host['load_average'][0]:.2f} at start" if host.get("load_average") else ""
    print(f"clashwatch throughput: {host['cores']} cores{usable}{cpu}; {host['platform']}, Python {host['python']}{load}")
    print(f"clashwatch {vers['clashwatch']}, spaCy {vers['spacy']}, model {vers['model']} {vers['model_version']} "
          f"({', '.join(vers['components'])})")
    print(f"{res['n']} synthetic articles (seed {res['seed']}), {res['words']:,} words "
          f"({res['mean_words_per_article']:.0f} per article), {res['spacy_tokens']:,} spaCy tokens; "
          f"batch size {res['batch_size']}, {res['warmup_articles']} warm-up articles"
          + (f", best of {res['repeat']}" if res["repeat"] > 1 else ""))
    print()
    b, f = res["bare"], res["full"]
    print(f"  {'':<22}{'seconds':>9}{'articles/s':>12}{'words/s':>10}{'CPU s':>9}{'articles/CPU s':>16}")
    for label, r in (("bare spaCy nlp.pipe", b), ("full extract_many", f)):
        print(f"  {label:<22}{r['seconds']:>9.2f}{r['articles_per_s']:>12.1f}{r['words_per_s']:>10,.0f}"
              f"{r['cpu_seconds']:>9.2f}{r['articles_per_cpu_s']:>16.1f}")
    print()
    print(f"  full / bare throughput: {res['full_vs_bare_pct']:.1f}% wall-clock, {res['full_vs_bare_cpu_pct']:.1f}% CPU time "
          f"(the stages add {res['overhead_pct']:+.1f}% to the parse time); {f['events']} events found")
    if start is None:
        print("  start-up: skipped (--startup-runs 0)")
    else:
        print_startup("start-up in a fresh process", start)
    if cold is not None:
        print_startup("start-up with an empty gazetteer cache", cold)
    if batch is not None:
        print_batch(batch)
    return 0


def print_batch(batch: dict[str, Any]) -> None:
    print()
    print(f"  clashwatch batch --engine local: {batch['n']:,} articles, --part-size {batch['part_size']}, "
          f"wall time of the whole command")
    print(f"  {'workers':>9}{'seconds':>9}{'articles/s':>12}{'speed-up':>10}{'load':>7}  peak RSS per worker")
    for workers, run in batch["runs"].items():
        if "error" in run:
            print(f"  {workers:>9}  failed: {run['error']}")
            continue
        if "worker_peak_rss_mb" in run:
            memory = ", ".join(f"{mb:,.0f} MB" for mb in run["worker_peak_rss_mb"])
            memory += " (in the command's process)" if run["in_process"] else f" (parent {run['parent_peak_rss_mb']:,.0f} MB)"
        else:
            memory = f"largest process {run['max_process_peak_rss_mb']:,.0f} MB (no psutil)"
        load = f"{run['load_average_at_start']:.2f}" if run.get("load_average_at_start") is not None else "-"
        print(f"  {workers:>9}{run['seconds']:>9.1f}{run['articles_per_s']:>12.1f}{run['speedup']:>9.2f}x{load:>7}  {memory}")


def print_startup(label: str, start: dict[str, Any]) -> None:
    if "error" in start:
        print(f"  {label}: subprocess failed: {start['error']}")
        return
    runs = f", median of {start['runs']}" if start["runs"] > 1 else ""
    print(f"  {label}{runs}: Pipeline() {start['pipeline_s']:.2f} s "
          f"(model alone {start['model_s']:.2f} s, gazetteer alone {start['gazetteer_s']:.2f} s), "
          f"after {start['import_s']:.2f} s of imports; {start['process_wall_s']:.2f} s from launch to ready")


if __name__ == "__main__":
    raise SystemExit(main())
