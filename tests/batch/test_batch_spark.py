"""`clashwatch batch --engine spark` in ``local[2]``: the same Parquet tables as `--engine local`,
row for row, on 2,000 generated articles; a re-run skips the finished parts, and a part whose
marker is gone is done again without duplicating its rows.

Slow (both engines extract the 2,000 articles once, on two cores); skipped when PySpark or
Java 17+ is missing (``pip install 'clashwatch[spark]'``, ``scripts/install-system-deps.sh``).
"""

from __future__ import annotations

from support.paths import REPO

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(REPO / "benchmarks"))
from articles import generate  # noqa: E402

N_ARTICLES = 2000
PART_SIZE = 200  # 10 parts: both engines spread them over their two workers
TABLES = ("events", "claims", "places")


def spark_missing() -> str | None:
    if importlib.util.find_spec("pyspark") is None:
        return "PySpark is not installed (pip install 'clashwatch[spark]')"
    from clashwatch.batch.spark import SparkUnavailable, check_java

    try:
        check_java()
    except SparkUnavailable as exc:
        return str(exc)
    return None


MISSING = spark_missing()
pytestmark = pytest.mark.skipif(MISSING is not None, reason=MISSING or "")


def batch(engine: str, input: Path, output: Path, *options: str) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "clashwatch.cli", "batch", str(input), str(output), "--engine", engine,
         "--part-size", str(PART_SIZE), "-q", *options],
        capture_output=True, text=True, timeout=1800,
    )
    assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "articles.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for article in generate(N_ARTICLES, seed=11):
            f.write(json.dumps(article, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="module")
def local_output(corpus, tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("local") / "out"
    batch("local", corpus, output, "--workers", "2")
    return output


@pytest.fixture(scope="module")
def spark_output(corpus, tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("spark") / "out"
    batch("spark", corpus, output, "--master", "local[2]")
    return output


def rows(output: Path, table: str) -> list[dict]:
    """Every row of a table (with its ``month`` partition), in a total order."""
    import pyarrow.dataset as ds

    data = ds.dataset(output / table, format="parquet", partitioning="hive").to_table().to_pylist()
    return sorted(data, key=lambda row: json.dumps(row, sort_keys=True, default=str))


def files(output: Path) -> dict[str, tuple[int, int]]:
    """Each file of the output (relative path) with its inode and modification time."""
    return {str(p.relative_to(output)): (p.stat().st_ino, p.stat().st_mtime_ns) for p in output.rglob("*") if p.is_file()}


def markers(output: Path) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted((output / "_parts").glob("part-*.json"))]


def test_spark_writes_the_same_tables_as_local(spark_output, local_output):
    assert len(markers(spark_output)) == N_ARTICLES // PART_SIZE
    assert markers(spark_output) == markers(local_output)
    assert sum(m["articles"] for m in markers(spark_output)) == N_ARTICLES
    assert sorted(files(spark_output)) == sorted(files(local_output))
    for table in TABLES:
        spark_rows, local_rows = rows(spark_output, table), rows(local_output, table)
        assert len(spark_rows) == sum(m[table] for m in markers(local_output)) > 0
        assert spark_rows == local_rows, table


def test_a_second_spark_run_skips_every_part(corpus, spark_output, tmp_path):
    output = tmp_path / "out"
    shutil.copytree(spark_output, output, copy_function=shutil.copy2)
    before = files(output)
    batch("spark", corpus, output, "--master", "local[2]")
    assert files(output) == before


def test_a_part_without_its_marker_is_redone_without_duplicates(corpus, spark_output, local_output, tmp_path):
    output = tmp_path / "out"
    shutil.copytree(spark_output, output, copy_function=shutil.copy2)
    (output / "_parts" / "part-00003.json").unlink()
    before = files(output)
    batch("spark", corpus, output, "--master", "local[2]")
    after = files(output)
    assert set(after) == set(before) | {"_parts/part-00003.json"}
    changed = {path for path in after if after[path] != before.get(path)}
    assert changed == {path for path in after if Path(path).name.startswith("part-00003.")}
    for table in TABLES:
        assert rows(output, table) == rows(local_output, table), table
    assert markers(output) == markers(local_output)
