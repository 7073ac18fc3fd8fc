"""The Spark engine of ``clashwatch batch``: one task per part, on ``local[N]`` or a cluster.

The driver plans the parts, drops those already marked done, and runs one job whose
tasks each call ``run_part`` (the same function the local engine runs) on their part;
the pipeline is loaded once per Python worker and reused from task to task. Executors
read the input and write the part files themselves, so INPUT and OUTPUT must be paths
that every executor sees at the same place: local disk in ``local[N]`` mode, a shared
filesystem (NFS, a mounted bucket) on a cluster.

On one machine: ``clashwatch batch INPUT OUTPUT --engine spark --master 'local[4]'``. On a
cluster, ``spark-submit`` runs the command line's driver script (``spark_submit.py``) with
the options of ``clashwatch batch``, the executors' Python coming from a packed environment
(``--archives``) or an image; the commands are in docs/scale.md.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from . import run_part
from .inputs import DEFAULT_PART_SIZE, Part, plan_parts
from .output import MARKERS, PartWriter, part_name
from .rows import TABLES

INSTALL_PYSPARK = "pip install 'clashwatch[spark]'"
INSTALL_JAVA = "install Java 17+: apt-get install default-jre-headless"
QUIET_LOG4J2 = """\
rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n%ex
logger.hadoop.name = org.apache.hadoop.util.NativeCodeLoader
logger.hadoop.level = error
logger.executor.name = org.apache.spark.executor.Executor
logger.executor.level = off
logger.tasks.name = org.apache.spark.scheduler.TaskSetManager
logger.tasks.level = off
"""


class SparkUnavailable(RuntimeError):
    """PySpark or Java is missing (the message says what to install)."""


class SparkJobFailed(RuntimeError):
    """A task failed; the message is the Python error it raised."""


def run_spark(input: str, output: str, *, master: str | None = None, part_size: int = DEFAULT_PART_SIZE,
              batch_size: int = 32, columns: dict[str, str] | None = None,
              on_progress: Callable[[int, int, int], None] | None = None) -> dict[str, Any]:
    """Extract INPUT (JSONL, or Parquet with a text column) into OUTPUT's Parquet tables on Spark.

    ``master``: a Spark master URL; by default the one ``spark-submit`` was given, else
    ``local[*]``. INPUT and OUTPUT must be on a filesystem every executor sees at the same
    path (any local path in local mode; NFS or a mounted bucket on a cluster): executors
    read their parts and write their files there. Parts already marked done in OUTPUT are
    skipped. Returns the summary ``{"parts", "skipped", "run", "articles", "failed",
    "events", "claims", "places", "seconds"}`` (counts over the parts run now).
    """
    started = time.monotonic()
    input, output = os.path.abspath(input), os.path.abspath(output)
    parts = plan_parts(input, part_size=part_size, columns=columns)
    writer = PartWriter(output)
    done = writer.done()
    todo = [p for p in parts if p.index not in done]
    summary: dict[str, Any] = {"parts": len(parts), "skipped": len(parts) - len(todo), "run": len(todo),
                               "articles": 0, "failed": 0, **{name: 0 for name in TABLES}}
    skipped = summary["skipped"]

    def report(run: int, articles: int) -> None:
        if on_progress is not None:
            on_progress(skipped + run, len(parts), articles)

    report(0, 0)
    if todo:
        Path(output).mkdir(parents=True, exist_ok=True)
        sc, owned = _context(master)
        try:
            rdd = sc.parallelize(todo, numSlices=len(todo)).mapPartitions(_PartRunner(output, batch_size))
            for counts in _collect(sc, rdd, writer, todo, report):
                for key in ("articles", "failed", *TABLES):
                    summary[key] += counts[key]
        finally:
            if owned:
                sc.stop()
    summary["seconds"] = round(time.monotonic() - started, 3)
    return summary


class _PartRunner:
    """What each task runs on its part(s): picklable, and importable on the executors."""

    def __init__(self, output: str, batch_size: int):
        self.output, self.batch_size = output, batch_size

    def __call__(self, parts: Iterable[Part]) -> Iterator[dict[str, Any]]:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        for part in parts:
            counts = run_part(part, self.output, self.batch_size)
            yield {key: counts[key] for key in ("part", "articles", "failed", *TABLES)}


def _collect(sc, rdd, writer: PartWriter, todo: list[Part], report: Callable[[int, int], None]) -> list[dict[str, Any]]:
    """``rdd.collect()``, reporting ``(parts, articles)`` done from the part markers as the executors write them."""
    outcome: dict[str, Any] = {}

    def job() -> None:
        try:
            outcome["counts"] = rdd.collect()
        except BaseException as exc:  # noqa: BLE001 - handed to the calling thread
            outcome["error"] = exc

    thread = threading.Thread(target=job, name="clashwatch-spark-job", daemon=True)
    thread.start()
    wanted, seen, articles = {p.index for p in todo}, set(), 0
    try:
        while thread.is_alive():
            thread.join(1.0)
            new = (writer.done() & wanted) - seen
            if new:
                seen |= new
                articles += sum(_marker_articles(writer, index) for index in new)
                report(len(seen), articles)
    except KeyboardInterrupt:
        sc.cancelAllJobs()
        thread.join(30)
        raise
    if "error" in outcome:
        raise _job_error(outcome["error"]) from outcome["error"]
    counts = outcome["counts"]
    report(len(todo), sum(c["articles"] for c in counts))
    return counts


def _marker_articles(writer: PartWriter, index: int) -> int:
    try:
        return json.loads((writer.root / MARKERS / f"{part_name(index)}.json").read_text()).get("articles", 0)
    except (OSError, ValueError):
        return 0


def _job_error(exc: BaseException) -> BaseException:
    """A failed job as the Python error its task raised, in one line, when there is one."""
    text = str(exc)
    if "PythonException" not in text and "Traceback" not in text:
        return exc
    errors = re.findall(r"^(?:[\w.]+\.)?(\w*(?:Error|Exception)): (.+)$", text, re.M)
    python_errors = [(name, message) for name, message in errors if not name.startswith(("Py4J", "Spark"))]
    if not python_errors:
        return exc
    name, message = python_errors[-1]
    return SparkJobFailed(f"a Spark task failed: {name}: {message.strip()}")


# --------------------------------------------------------------------------- the Spark context


def _context(master: str | None):
    """The active SparkContext (not ours to stop), else a new one: ``(sc, owned)``."""
    try:
        from pyspark import SparkConf, SparkContext
    except ImportError:
        raise SparkUnavailable(f"PySpark is not installed: {INSTALL_PYSPARK}") from None
    active = SparkContext._active_spark_context
    if active is not None:
        return active, False
    under_submit = "PYSPARK_GATEWAY_PORT" in os.environ  # the driver of spark-submit: its JVM runs already
    if not under_submit:
        check_java()
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if under_submit:
        SparkContext._ensure_initialized()
    conf = SparkConf()  # under spark-submit: its --master and --conf
    if master:
        conf.setMaster(master)
    elif not conf.contains("spark.master"):
        conf.setMaster("local[*]")
    local = conf.get("spark.master").startswith("local")
    conf.setIfMissing("spark.app.name", "clashwatch batch")
    conf.set("spark.python.worker.reuse", "true")
    # a losing speculative copy of a part, killed while rewriting its files, would leave the part marked done but gone
    conf.set("spark.speculation", "false")
    conf.setIfMissing("spark.ui.showConsoleProgress", "false")
    conf.setIfMissing("spark.executorEnv.HF_HUB_OFFLINE", "1")
    if local:
        conf.setIfMissing("spark.ui.enabled", "false")
        conf.setIfMissing("spark.driver.host", "127.0.0.1")
        conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1")
    log_config = None
    if local and not under_submit:
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    if not under_submit and "log4j2.configurationFile" not in conf.get("spark.driver.extraJavaOptions", ""):
        fd, log_config = tempfile.mkstemp(prefix="clashwatch-log4j2-", suffix=".properties")
        with os.fdopen(fd, "w") as f:
            f.write(QUIET_LOG4J2)
        options = conf.get("spark.driver.extraJavaOptions", "")
        conf.set("spark.driver.extraJavaOptions", f"{options} -Dlog4j2.configurationFile=file:{log_config}".strip())
    try:
        sc = SparkContext(conf=conf)
    except Exception as exc:
        if "JAVA_GATEWAY_EXITED" in str(exc) or "Java gateway process exited" in str(exc):
            raise SparkUnavailable(f"Spark could not start its Java process ({exc}); {INSTALL_JAVA}") from exc
        raise
    finally:
        if log_config:
            os.unlink(log_config)
    sc.setLogLevel("ERROR" if not under_submit else "WARN")
    return sc, True


def check_java() -> str:
    """The ``java`` Spark will run (``$JAVA_HOME/bin/java``, else the one on PATH), if it is new
    enough for the installed PySpark (17 for Spark 4, 8 for Spark 3)."""
    home = os.environ.get("JAVA_HOME")
    java = os.path.join(home, "bin", "java") if home else shutil.which("java")
    if not java or not os.access(java, os.X_OK):
        raise SparkUnavailable(f"Spark needs Java and none was found; {INSTALL_JAVA}")
    try:
        banner = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60).stderr
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SparkUnavailable(f"{java} does not run ({exc}); {INSTALL_JAVA}") from None
    found = re.search(r'version "(\d+)(?:\.(\d+))?', banner)
    if not found:
        raise SparkUnavailable(f"{java} does not run; {INSTALL_JAVA}")
    major = int(found.group(2)) if found.group(1) == "1" else int(found.group(1))
    if major < _min_java():
        raise SparkUnavailable(f"Spark needs Java {_min_java()} or newer, {java} is Java {major}; {INSTALL_JAVA}")
    return java


def _min_java() -> int:
    try:
        from pyspark import __version__
    except ImportError:
        return 17
    return 17 if int(__version__.split(".")[0]) >= 4 else 8
