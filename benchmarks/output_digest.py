"""A digest of every extraction result on the labelled development files.

Used to show that a change is a pure restructuring: run it before and after, and the
digests must be equal.

    python benchmarks/output_digest.py                       # acled_dev_3000.csv and gwn_dev.jsonl
    python benchmarks/output_digest.py ../shared/data/case_dev.tsv --limit 100

Each file is read by the ``clashwatch evaluate`` reader of its format; every row goes
through the public ``clashwatch.extract_many`` with the row's own date as the publication
date (rows without one, as in GeoWebNews, use ``--undated``, a fixed day, so that the
digest does not change with today's date). The printout gives, per file, the number of
results, the number with a warning, and the SHA-256 of their JSON, one line a result.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
DEFAULT_FILES = [DATA / "acled_dev_3000.csv", DATA / "gwn_dev.jsonl"]


def digest(path: Path, undated: str, limit: int | None, batch_size: int) -> tuple[int, int, str, float]:
    import clashwatch
    from clashwatch.evaluation import FORMATS, detect_format

    rows, _ = FORMATS[detect_format(path)].read(path, limit)
    records = (
        {"id": str(r.id), "text": r.text, "published": getattr(r, "date", None) or undated} for r in rows
    )
    sha = hashlib.sha256()
    n = warned = 0
    started = time.perf_counter()
    for result in clashwatch.extract_many(records, batch_size=batch_size):
        sha.update(result.model_dump_json().encode("utf-8") + b"\n")
        n += 1
        warned += bool(result.warnings)
    return n, warned, sha.hexdigest(), time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, default=DEFAULT_FILES)
    parser.add_argument("--undated", default="2018-01-01", help="publication date for rows without one")
    parser.add_argument("--limit", type=int, default=None, help="only the first N rows of each file")
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args(argv)
    missing = [str(p) for p in args.files if not p.exists()]
    if missing:
        print(f"output_digest: not found: {', '.join(missing)}", file=sys.stderr)
        return 2
    import clashwatch

    print(f"clashwatch from {Path(clashwatch.__file__).parent}")
    for path in args.files:
        n, warned, hexdigest, seconds = digest(path, args.undated, args.limit, args.batch_size)
        print(f"{path.name}: {n} results, {warned} with warnings, sha256 {hexdigest} ({seconds:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
