"""What ``spark-submit`` runs on the driver: ``clashwatch batch ARGS --engine spark``.

``spark-submit [--master URL] [--conf ...] PATH/clashwatch/cli/spark_submit.py INPUT OUTPUT
[options]`` takes the options of ``clashwatch batch`` and gives the same checks, messages
and exit codes, with the master and ``--conf`` settings of ``spark-submit``
(docs/scale.md).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """``clashwatch batch ARGS --engine spark``: what ``spark-submit`` runs on the driver, with its
    master (and ``--conf``), the same options, checks, messages and exit codes as the command."""
    from clashwatch.cli import main as cli_main

    cli_main(["batch", *(sys.argv[1:] if argv is None else argv), "--engine", "spark"])


if __name__ == "__main__":
    # run as a script, this folder comes first on sys.path, where extract.py, db.py, events.py
    # ... would shadow any top-level module of the same name
    if sys.path and os.path.abspath(sys.path[0]) == os.path.dirname(os.path.abspath(__file__)):
        del sys.path[0]
    main()
