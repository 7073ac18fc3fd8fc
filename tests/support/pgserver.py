"""A throwaway PostgreSQL + PostGIS server for the tests.

Uses the Debian packages (``scripts/install-system-deps.sh`` installs them):
``initdb`` in a temporary folder (as the ``postgres`` OS user when we run as
root, since PostgreSQL refuses to run as root), then ``pg_ctl start`` on a free
TCP port of 127.0.0.1 with the unix socket in the same folder, so it never
touches the system cluster or port 5432.

Not a test module: ``tests/conftest.py`` wraps it in the ``postgres_url`` and
``fresh_postgres_db`` fixtures.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

INSTALL_HINT = "run scripts/install-system-deps.sh"
TEST_DB = "clashwatch_test"
TEMPLATE_DB = "clashwatch_template"
START_TIMEOUT = 30.0  # seconds to wait for the server to accept connections


# Run in a separate process for the life of the server: it waits for its stdin
# to close, which happens when the test process ends, however it ends (even
# killed with SIGKILL), then stops a server that is still running and removes
# the folder. A normal stop() has done both already, so it then does nothing.
_WATCHDOG = r"""
import os, shutil, signal, sys, time
sys.stdin.buffer.read()
datadir, tmpdir = sys.argv[1], sys.argv[2]
try:
    with open(os.path.join(datadir, "postmaster.pid")) as f:
        pid = int(f.readline())
    with open(f"/proc/{pid}/cmdline", "rb") as f:
        ours = b"postgres" in f.read()
except (OSError, ValueError):
    pid, ours = None, False
if ours:
    for sig in (signal.SIGQUIT, signal.SIGKILL):
        try:
            os.kill(pid, sig)
        except OSError:
            break
        end = time.monotonic() + 5
        while time.monotonic() < end and os.path.exists(f"/proc/{pid}"):
            try:
                with open(f"/proc/{pid}/stat") as f:
                    if f.read().rsplit(")", 1)[1].split()[0] == "Z":
                        break
            except OSError:
                break
            time.sleep(0.1)
        else:
            continue
        break
shutil.rmtree(tmpdir, ignore_errors=True)
"""


class PostgresUnavailable(Exception):
    """PostgreSQL/PostGIS/psycopg is not installed: the tests should skip."""


class PostgresStartError(RuntimeError):
    """The server was installed but failed to start."""


def _version_key(bindir: str) -> tuple[int, ...]:
    m = re.search(r"/postgresql/([0-9.]+)/bin$", bindir)
    return tuple(int(x) for x in m.group(1).split(".") if x) if m else (0,)


def find_bindir() -> str:
    """The newest ``/usr/lib/postgresql/*/bin`` that has a server and PostGIS.

    ``PG_BINDIR`` in the environment overrides the search.
    """
    override = os.environ.get("PG_BINDIR")
    candidates = [override] if override else sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key, reverse=True
    )
    servers = [
        d for d in candidates
        if all(os.access(os.path.join(d, b), os.X_OK) for b in ("initdb", "pg_ctl", "postgres"))
    ]
    if not servers:
        raise PostgresUnavailable(f"PostgreSQL not installed: {INSTALL_HINT}")
    for d in servers:
        sharedir = _sharedir(d)
        if sharedir and os.path.exists(os.path.join(sharedir, "extension", "postgis.control")):
            return d
    raise PostgresUnavailable(
        f"PostGIS not installed for PostgreSQL at {servers[0]}: {INSTALL_HINT}"
    )


def _sharedir(bindir: str) -> str | None:
    pg_config = os.path.join(bindir, "pg_config")
    if os.access(pg_config, os.X_OK):
        try:
            out = subprocess.run(
                [pg_config, "--sharedir"], capture_output=True, text=True, timeout=10
            )
            if out.returncode == 0 and out.stdout.strip():
                return out.stdout.strip()
        except (OSError, subprocess.SubprocessError):
            pass
    m = re.search(r"/postgresql/([0-9.]+)/bin$", bindir)
    return f"/usr/share/postgresql/{m.group(1)}" if m else None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _reachable_by_others(path: str) -> bool:
    """True when every ancestor of ``path`` can be traversed by other users."""
    p = Path(path).resolve()
    for d in [p, *p.parents]:
        try:
            if not os.stat(d).st_mode & 0o001:
                return False
        except OSError:
            return False
    return True


def _is_postgres(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return b"postgres" in f.read()
    except OSError:
        return False


def _wait_gone(pid: int, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if not _is_postgres(pid):
            return True
        time.sleep(0.1)
    return False


def _admin_connect(url: str, dbname: str = "postgres"):
    """An autocommit psycopg connection to ``dbname`` on the server of ``url``."""
    import psycopg
    from sqlalchemy.engine import make_url

    u = make_url(url)
    return psycopg.connect(
        host=u.host, port=u.port, user=u.username, password=u.password,
        dbname=dbname, autocommit=True, connect_timeout=5,
    )


def create_fresh_database(url: str, template: str = TEMPLATE_DB) -> str:
    """Create a uniquely named database with PostGIS (a copy of ``template``)
    on the server of ``url``; returns its SQLAlchemy URL."""
    from sqlalchemy.engine import make_url

    name = f"clashwatch_t_{uuid.uuid4().hex[:12]}"
    with _admin_connect(url) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return make_url(url).set(database=name).render_as_string(hide_password=False)


def drop_database_at(url: str) -> None:
    """Drop the database that ``url`` names (closing its connections)."""
    from sqlalchemy.engine import make_url

    name = make_url(url).database
    with _admin_connect(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class PostgresServer:
    """One throwaway server. ``start()`` then ``stop()`` (always call stop)."""

    def __init__(self, bindir: str | None = None):
        self.bindir = bindir or find_bindir()
        self.as_root = os.geteuid() == 0
        self.user = "postgres"
        self.port: int | None = None
        self.tmpdir: str | None = None
        self.started = False
        try:
            import psycopg  # noqa: F401
        except ImportError as e:  # pragma: no cover - depends on the venv
            raise PostgresUnavailable(
                "psycopg (v3) not installed: pip install -e '.[test]'"
            ) from e
        if self.as_root:
            import pwd

            try:
                self._pw = pwd.getpwnam("postgres")
            except KeyError as e:
                raise PostgresUnavailable(
                    f"running as root but there is no 'postgres' OS user: {INSTALL_HINT}"
                ) from e

    # -- paths ---------------------------------------------------------------
    @property
    def datadir(self) -> str:
        return os.path.join(self.tmpdir, "data")

    @property
    def sockdir(self) -> str:
        return os.path.join(self.tmpdir, "sock")

    @property
    def logfile(self) -> str:
        return os.path.join(self.tmpdir, "server.log")

    # -- helpers -------------------------------------------------------------
    def _cmd(self, argv: list[str]) -> list[str]:
        if not self.as_root:
            return argv
        if shutil.which("runuser"):
            return ["runuser", "-u", self.user, "--", *argv]
        import shlex

        return ["su", self.user, "-s", "/bin/sh", "-c", shlex.join(argv)]

    def _run(self, argv: list[str], timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run(
            self._cmd(argv),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=self.tmpdir,  # a folder the postgres user can enter
            env={**os.environ, "LC_ALL": "C", "LANG": "C"},
        )

    def log_tail(self, lines: int = 30) -> str:
        try:
            with open(self.logfile, errors="replace") as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return "(no server log)"

    def url(self, dbname: str = TEST_DB) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{dbname}"

    def connect(self, dbname: str = "postgres"):
        import psycopg

        return psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname=dbname,
            autocommit=True, connect_timeout=5,
        )

    # -- life cycle ----------------------------------------------------------
    def start(self) -> "PostgresServer":
        base = tempfile.gettempdir()
        if self.as_root and not _reachable_by_others(base):
            base = "/tmp"
        self.tmpdir = tempfile.mkdtemp(prefix="clashwatch-pg-", dir=base)
        self._watchdog = subprocess.Popen(
            [sys.executable, "-c", _WATCHDOG, self.datadir, self.tmpdir],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,  # a Ctrl-C to the test run must not kill it first
        )
        os.makedirs(self.sockdir)
        if self.as_root:
            for d in (self.tmpdir, self.sockdir):
                os.chown(d, self._pw.pw_uid, self._pw.pw_gid)

        r = self._run([
            os.path.join(self.bindir, "initdb"), "-D", self.datadir,
            "--auth=trust", "--username=postgres", "--encoding=UTF8",
            "--locale=C", "--no-sync",
        ])
        if r.returncode != 0:
            raise PostgresStartError(f"initdb failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")

        last_error = ""
        for _attempt in range(3):  # another process may grab the free port first
            self.port = free_port()
            opts = (
                f"-p {self.port} -h 127.0.0.1 -k {self.sockdir}"
                " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
                " -c max_connections=50"
            )
            r = self._run([
                os.path.join(self.bindir, "pg_ctl"), "-D", self.datadir,
                "-l", self.logfile, "-o", opts, "-w", "-t", str(int(START_TIMEOUT)),
                "start",
            ], timeout=START_TIMEOUT + 30)
            self.started = True  # stop() is harmless if it did not really start
            if r.returncode == 0 and self._wait_ready():
                break
            last_error = f"{r.stdout}\n{r.stderr}".strip()
            self._stop_server()
            if "already in use" not in self.log_tail():
                break
        else:
            last_error = last_error or "port in use three times"
        if not self._ready:
            raise PostgresStartError(
                f"PostgreSQL failed to start on 127.0.0.1:{self.port} (waited at most "
                f"{START_TIMEOUT:.0f}s): {last_error}\n--- server log (tail) ---\n{self.log_tail()}"
            )

        with self.connect() as conn:
            conn.execute(f'CREATE DATABASE "{TEMPLATE_DB}"')
        with self.connect(TEMPLATE_DB) as conn:
            conn.execute("CREATE EXTENSION postgis")
        with self.connect() as conn:
            conn.execute(f'ALTER DATABASE "{TEMPLATE_DB}" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false')
        self.create_database(TEST_DB)
        return self

    _ready = False
    _watchdog: subprocess.Popen | None = None

    def _wait_ready(self) -> bool:
        import psycopg

        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            try:
                with self.connect() as conn:
                    conn.execute("SELECT 1")
                self._ready = True
                return True
            except psycopg.OperationalError:
                time.sleep(0.1)
        return False

    def create_database(self, name: str) -> None:
        """A new database with PostGIS (a copy of the template)."""
        with self.connect() as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE_DB}"')

    def _postmaster_pid(self) -> int | None:
        try:
            with open(os.path.join(self.datadir, "postmaster.pid")) as f:
                return int(f.readline().strip())
        except (OSError, ValueError):
            return None

    def _stop_server(self) -> None:
        if not self.started or not self.tmpdir or not os.path.isdir(self.datadir):
            return
        try:
            self._run([
                os.path.join(self.bindir, "pg_ctl"), "-D", self.datadir,
                "-m", "fast", "-w", "-t", "20", "stop",
            ], timeout=40)
        except (OSError, subprocess.SubprocessError):
            pass
        pid = self._postmaster_pid()  # still there: pg_ctl did not manage
        if pid and _is_postgres(pid):
            for sig in (signal.SIGQUIT, signal.SIGKILL):
                try:
                    os.kill(pid, sig)
                except (ProcessLookupError, PermissionError):
                    break
                if _wait_gone(pid, 5.0):
                    break
        self.started = False
        self._ready = False

    def stop(self) -> None:
        """Stop the server (if running) and remove the folder. Safe to call twice."""
        try:
            self._stop_server()
        finally:
            if self.tmpdir:
                shutil.rmtree(self.tmpdir, ignore_errors=True)
                self.tmpdir = None
            if self._watchdog is not None:
                try:
                    self._watchdog.stdin.close()
                    self._watchdog.wait(timeout=15)
                except (OSError, subprocess.SubprocessError):
                    pass
                self._watchdog = None
