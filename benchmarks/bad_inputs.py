"""Run clashwatch on hostile and broken inputs and print what a user sees, as a Markdown table.

    python benchmarks/bad_inputs.py > /tmp/bad-inputs.md

Each row: the input, the command, the first line clashwatch printed on standard error
(an error or a warning; a traceback would show as its first line), the exit code and the
wall time of the whole process (start-up, about 3 s, included).
The inputs are made here, in a temporary folder; nothing is read from outside it. The
table in ``docs/reliability.md`` is this script's printout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ATTACK = "Gunmen killed five villagers in Garissa, Kenya, on Monday, police said."


def make_inputs(folder: Path) -> list[tuple[str, list[str]]]:
    def write(name: str, data: bytes | str) -> str:
        path = folder / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        return str(path)

    db = str(folder / "store.db")
    huge = ATTACK + "\n" + ("Nothing happened here today. " * 40_000)
    cases: list[tuple[str, list[str]]] = [
        ("empty file", ["extract", write("empty.txt", b"")]),
        ("empty file", ["ingest", write("empty2.txt", b""), "--db", db]),
        ("binary file (PNG)", ["extract", write("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)]),
        ("gzip file", ["extract", write("data.txt", b"\x1f\x8b\x08\x00" + b"\x00" * 64)]),
        ("Windows-1252 text", ["extract", write("latin.txt", "Caf\u00e9 owners said police shot two men.".encode("cp1252"))]),
        ("UTF-16 without BOM", ["extract", write("u16.txt", ATTACK.encode("utf-16-le"))]),
        ("1.2 MB article", ["extract", write("huge.txt", huge), "--published", "2024-03-05", "-f", "jsonl"]),
        ("HTML soup as text", ["extract", "--input", "text",
                               write("soup.txt", "<html><body><p>" + ATTACK + "</p><script>x()</script></body></html>"),
                               "--published", "2024-03-05", "-f", "jsonl"]),
        ("French article", ["extract", write("fr.txt", "Des hommes armés ont tué cinq villageois lundi dans le nord du pays, "
                                                      "a annoncé la police locale, qui a ouvert une enquête sur cette attaque."),
                            "-f", "jsonl"]),
        ("capitals only", ["extract", write("caps.txt", ATTACK.upper()), "--published", "2024-03-05", "-f", "jsonl"]),
        ("--published 2024-02-30", ["extract", write("a.txt", ATTACK), "--published", "2024-02-30"]),
        ("--published 0001-01-01", ["extract", str(folder / "a.txt"), "--published", "0001-01-01"]),
        ("--published 3000-01-01", ["ingest", str(folder / "a.txt"), "--published", "3000-01-01", "--db", db]),
        ("JSONL: bad line, future date, lone surrogate", ["extract", write("mixed.jsonl", "\n".join([
            json.dumps({"id": "ok", "text": ATTACK, "published": "2024-03-05"}),
            "{not json",
            json.dumps({"id": "future", "text": ATTACK, "published": "2999-01-01"}),
            '{"id": "s", "text": "Gunmen killed two men \\ud800 in Garissa.", "published": "2024-03-05"}',
        ]) + "\n"), "-f", "jsonl"]),
        ("10**30 killed", ["extract", write("big.txt", "Officials said 10**30 people were killed in Garissa on Monday."),
                           "--published", "2024-03-05", "-f", "jsonl"]),
        ("a 4,301-digit number", ["extract", write("digits.txt", "Officials said " + "9" * 4301 + " people were killed in Garissa."),
                                  "--published", "2024-03-05", "-f", "jsonl"]),
        ("one sentence naming a place, 1,800 times (60 KB)", ["extract", write("repeat.txt", "Fighting was reported in Garissa. " * 1800), "--published", "2024-03-05",
                                                "-f", "jsonl"]),
        ("events --bbox 200,0,0,0", ["events", "--db", db, "--bbox", "200,0,0,0"]),
        ("events --min-fatalities 2**63", ["events", "--db", db, "--min-fatalities", str(2**63)]),
        ("events on a missing database", ["events", "--db", str(folder / "nope.db")]),
        ("batch on a text file", ["batch", str(folder / "a.txt"), str(folder / "out")]),
    ]
    return cases


def first_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip() and not line.startswith(("Usage:", "Try '"))]
    for line in lines:
        if "error" in line.lower() or "Traceback" in line:
            return line.strip()
    return lines[0].strip() if lines else ""


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = dict(os.environ)
        env.pop("CLASHWATCH_DB", None)
        print("| input | command | what clashwatch says (first line on stderr) | exit | seconds |")
        print("| --- | --- | --- | --- | --- |")
        for what, args in make_inputs(folder):
            started = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "clashwatch.cli", *args], capture_output=True, text=True,
                                  env=env, timeout=600, cwd=tmp)
            shown = " ".join(a if not a.startswith(tmp) else Path(a).name for a in args)
            message = first_line(done.stderr).replace(tmp + "/", "").replace("|", "\\|")
            print(f"| {what} | `clashwatch {shown}` | {message} | {done.returncode} | {time.perf_counter() - started:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
