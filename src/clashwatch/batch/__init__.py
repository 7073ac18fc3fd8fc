"""``clashwatch batch``: a corpus in, Parquet tables out, on all cores or on Spark.

The input is cut into numbered parts (``inputs.plan_parts``); each part is extracted
on its own and written as one file per table and month (``output.PartWriter``), then
marked done. A part is the unit of work, of parallelism (a worker process, or a Spark
task) and of resumption: a re-run skips the parts marked done and rewrites the others,
so a crash never leaves a duplicate or a gap. Both engines run the same part function
(``run_part``), which is why their outputs are equal row for row.
"""

from __future__ import annotations

from typing import Any

from .inputs import Part, plan_parts, read_part
from .output import PartWriter
from .rows import TABLES, result_rows

__all__ = ["ENGINES", "Part", "plan_parts", "read_part", "PartWriter", "TABLES", "result_rows", "run_part"]

ENGINES = ("local", "spark")


def run_part(part: Part, output: str, batch_size: int = 32) -> dict[str, Any]:
    """Extract one part and write its files; returns its counts (also kept in its marker)."""
    from ..article import from_mapping
    from ..model import EXTRACTION_FAILED
    from ..pipeline import get_pipeline

    writer = PartWriter(output)
    tables: dict[str, list[dict]] = {name: [] for name in TABLES}
    failed: list[dict] = []
    articles = []
    for item in read_part(part):
        if "problem" in item:
            failed.append(item)
            continue
        try:
            article = from_mapping(item, origin=f"line {item['line']}")
        except ValueError as exc:
            failed.append({"line": item["line"], "problem": str(exc)})
            continue
        article.progress = item["line"]
        articles.append(article)

    def on_failure(article, exc: BaseException) -> None:
        failed.append({"line": article.progress, "problem": f"{EXTRACTION_FAILED} {type(exc).__name__}: {exc}"})

    analysed = 0
    for article, result in get_pipeline().extract_resilient(articles, on_failure, batch_size=batch_size):
        broken = next((w for w in result.warnings if w.startswith(EXTRACTION_FAILED)), None)
        if broken is not None:  # as ingest does: no half-read article in the tables
            failed.append({"line": article.progress, "problem": broken})
            continue
        analysed += 1
        for name, rows in result_rows(result).items():
            tables[name].extend(rows)
    failed.sort(key=lambda problem: problem["line"])
    counts = {"part": part.index, "articles": analysed, "failed": len(failed),
              **{name: len(rows) for name, rows in tables.items()}, "problems": failed[:20]}
    writer.write_part(part.index, tables, counts)
    return counts
