"""A real `clashwatch serve` on 127.0.0.1 for the API and dashboard tests.

    with ServerProcess(db_path, "--allow-writes", env={"CLASHWATCH_API_TOKEN": "t"}) as server:
        httpx.get(server.url + "/api/events")

The server is the installed command in its own process, on a free port; the context
manager waits until ``/api/health`` answers and stops it (SIGTERM, then SIGKILL) on exit.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

CLASHWATCH = str(Path(sys.executable).with_name("clashwatch"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerFailed(RuntimeError):
    pass


class ServerProcess:
    def __init__(self, db: str | os.PathLike, *args: str, env: dict[str, str] | None = None, timeout: float = 60.0):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.command = [CLASHWATCH, "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(self.port), *args]
        inherited = {k: v for k, v in os.environ.items() if k != "CLASHWATCH_API_TOKEN"}
        self.env = {**inherited, "HF_HUB_OFFLINE": "1", **(env or {})}
        self.timeout = timeout
        self.process: subprocess.Popen | None = None
        self.output = b""

    def start(self) -> "ServerProcess":
        self.process = subprocess.Popen(self.command, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.output = self.process.stdout.read()
                raise ServerFailed(f"clashwatch serve exited {self.process.returncode}: {self.output.decode(errors='replace')}")
            try:
                if httpx.get(self.url + "/api/health", timeout=1.0).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        self.stop()
        raise ServerFailed(f"clashwatch serve did not answer within {self.timeout:.0f} s: {self.output.decode(errors='replace')}")

    def stop(self) -> int | None:
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdout is not None:
            self.output += self.process.stdout.read()
            self.process.stdout.close()
        return self.process.returncode

    def __enter__(self) -> "ServerProcess":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
