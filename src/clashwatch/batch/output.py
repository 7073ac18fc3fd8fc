"""The batch output: one Parquet dataset per table, Hive-partitioned by month, written a
part at a time, and a marker per finished part.

    OUTPUT/events/month=2022-09/part-00012.parquet
    OUTPUT/claims/month=2022-09/part-00012.parquet
    OUTPUT/places/month=2022-09/part-00012.parquet
    OUTPUT/_parts/part-00012.json          # written last: the part is done (its counts)

Each file is written under a temporary name and renamed, and a part's files all carry its
number, so a part that was interrupted is simply written again: same names, no duplicate.
``pyarrow.dataset.dataset(OUTPUT / "events", partitioning="hive")`` (or Spark, DuckDB,
pandas) reads a table back.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .rows import TABLES, schemas

MARKERS = "_parts"


def part_name(index: int) -> str:
    return f"part-{index:05d}"


class PartWriter:
    def __init__(self, output: str | os.PathLike):
        self.root = Path(output)

    def done(self) -> set[int]:
        """The parts already written in full."""
        folder = self.root / MARKERS
        if not folder.is_dir():
            return set()
        return {int(p.stem.split("-")[1]) for p in folder.glob("part-*.json")}

    def counts(self) -> list[dict[str, Any]]:
        folder = self.root / MARKERS
        return [json.loads(p.read_text()) for p in sorted(folder.glob("part-*.json"))] if folder.is_dir() else []

    def write_part(self, index: int, tables: dict[str, list[dict]], counts: dict[str, Any]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        name = part_name(index)
        self._remove(name)
        for table in TABLES:
            by_month: dict[str, list[dict]] = {}
            for row in tables.get(table, []):
                by_month.setdefault(row["month"], []).append(row)
            schema = schemas()[table].remove(schemas()[table].get_field_index("month"))
            for month, rows in by_month.items():
                folder = self.root / table / f"month={month}"
                folder.mkdir(parents=True, exist_ok=True)
                data = pa.Table.from_pylist([{k: v for k, v in r.items() if k != "month"} for r in rows], schema=schema)
                _atomic(folder / f"{name}.parquet", lambda tmp: pq.write_table(data, tmp))
        markers = self.root / MARKERS
        markers.mkdir(parents=True, exist_ok=True)
        _atomic(markers / f"{name}.json", lambda tmp: Path(tmp).write_text(json.dumps(counts, default=str)))

    def _remove(self, name: str) -> None:
        """What an interrupted run left of this part: its files and temporaries."""
        for table in TABLES:
            for path in (self.root / table).glob(f"month=*/{name}.parquet*"):
                path.unlink(missing_ok=True)


def _atomic(path: Path, write) -> None:
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    write(str(tmp))
    os.replace(tmp, path)
