"""``clashwatch serve``: the HTTP API and the dashboard over a store."""

from __future__ import annotations

import os

import click

from ._store import _db_url, _display_url, _open_store, db_option
from ._util import EXIT_OK, PROG, command_errors

SERVE_EXIT_CODES_HELP = """\b
Exit codes:
  0    stopped (Ctrl-C or SIGTERM)
  2    usage error: bad option, --allow-writes or --private without a
       token, port already in use
  3    the database cannot be opened, bug
"""


def _port_free(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be served on, or None."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        return f"cannot resolve {host!r} ({exc.strerror})"
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            return f"cannot listen on {host}:{port} ({exc.strerror}): choose another --port or --host"
    return None


@click.command(epilog=SERVE_EXIT_CODES_HELP)
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every interface).")
@click.option("--port", "-p", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--allow-writes", is_flag=True,
              help="Accept POST /api/articles (ingest). Needs the bearer token in $CLASHWATCH_API_TOKEN.")
@click.option("--private", is_flag=True, help="Reads need the token too (the dashboard asks for it once).")
@click.option("--max-body-mb", type=click.FloatRange(min=0.001), default=10.0, show_default=True,
              help="Largest request body accepted (413 beyond).")
@click.option("--tiles", metavar="URL", default=None, envvar="CLASHWATCH_TILES", show_envvar=True,
              help="An online tile layer for the map, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png "
              "(default: none; the map draws country outlines offline).")
@click.option("--tiles-attribution", metavar="TEXT", default=None, envvar="CLASHWATCH_TILES_ATTRIBUTION",
              help="The attribution the tile provider requires (shown on the map).")
@click.option("--allow-host", "allow_hosts", metavar="NAME", multiple=True, envvar="CLASHWATCH_ALLOW_HOSTS", show_envvar=True,
              help="Answer requests whose Host header is NAME too (repeatable; '*.example.org' for its subdomains, "
              "'*' for any). Always answered: localhost, 127.0.0.1, [::1] and --host; another Host gets 400 "
              "(against DNS rebinding).")
@click.option("--write-queue", type=click.IntRange(min=1, max=10_000), default=8, show_default=True,
              envvar="CLASHWATCH_WRITE_QUEUE", show_envvar=True,
              help="POST /api/articles requests taken at once (the one being extracted and those waiting); "
              "more get 429 with Retry-After.")
@click.option("--cache-mb", type=click.FloatRange(min=0), default=64.0, show_default=True, envvar="CLASHWATCH_CACHE_MB",
              show_envvar=True, help="Memory for rendered read responses (event pages, GeoJSON, grid, stats, event "
              "details), kept while the SQLite store is unchanged; any commit to it empties them. 0: none.")
@click.option("--no-cache", is_flag=True, help="No response cache (the same as --cache-mb 0).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True, help="Server processes.")
@click.option("--http", "http_parser", type=click.Choice(["httptools", "h11"]), default="httptools", show_default=True,
              help="HTTP/1.1 parser: httptools (C; a request line or headers over 80 KB get its own plain-text 400) "
              "or h11 (pure Python, slower; the API answers any length with its JSON error).")
@click.option("--quiet", "-q", is_flag=True, help="No request log.")
@command_errors
def serve(db, host, port, allow_writes, private, max_body_mb, tiles, tiles_attribution, allow_hosts, write_queue, cache_mb,
          no_cache, workers, http_parser, quiet):
    """Serve the HTTP API and the dashboard (map, timeline, claim ledger) over a store.

    The dashboard is at http://HOST:PORT/ and the API's documentation at /docs. Reads are
    open to anyone who can reach the address (127.0.0.1 by default: this machine only);
    --private closes them with the token. Writes (POST /api/articles) are off unless
    --allow-writes, and then need the token: the server refuses to start without one.
    Requests must name the server in their Host header (localhost, 127.0.0.1, [::1],
    --host, or an --allow-host name), so that other sites cannot read it through DNS
    rebinding.

    \b
    Examples:
      clashwatch serve --db clashwatch.db
      CLASHWATCH_API_TOKEN=s3cret clashwatch serve --allow-writes --port 8080
      clashwatch serve --host 0.0.0.0 --allow-host conflict.example.org
    """
    import uvicorn

    from ..web.api import SETTINGS_ENV, TOKEN_ENV, Settings, create_app

    url = _db_url(db)
    settings = Settings(
        db=url, allow_writes=allow_writes, private=private, max_body=int(max_body_mb * 1024 * 1024),
        tiles=tiles, tiles_attribution=tiles_attribution, host=host, allow_hosts=list(allow_hosts),
        write_queue=write_queue, cache_mb=0.0 if no_cache else cache_mb, token=os.environ.get(TOKEN_ENV) or None,
    )
    problems = settings.problems()
    if problems:
        raise click.UsageError("; ".join(problems))
    reason = _port_free(host, port)
    if reason:
        raise click.UsageError(reason)
    _open_store(url, must_exist=False).close()  # creates or migrates it once, before any worker
    shown = f"[{host}]" if ":" in host else host
    address = f"http://{shown}:{port}/"
    mode = ("read-write" if allow_writes else "read-only") + (", private" if private else "")
    click.echo(f"{PROG}: serving {_display_url(url)} ({mode}) at {address}  (API docs: {address}docs; Ctrl-C to stop)", err=True)
    if host in ("0.0.0.0", "::") and not allow_hosts:
        click.echo(f"{PROG}: note: requests must name this server in their Host header ({', '.join(settings.trusted_hosts())}); "
                   "add the names and addresses others reach it by with --allow-host", err=True)
    import logging

    logging.basicConfig(format=f"{PROG}: %(levelname)s: %(message)s")
    # httptools refuses a request line or headers over 80 KB itself (a plain 400) before the
    # API sees them; h11 passes them on (tests/web/test_api.py); the loop is uvloop
    options = dict(host=host, port=port, log_level="warning", access_log=not quiet, server_header=False, http=http_parser)
    if workers > 1:
        os.environ[SETTINGS_ENV] = settings.to_env()
        uvicorn.run("clashwatch.web.api:app_from_env", factory=True, workers=workers, **options)
    else:
        uvicorn.run(create_app(settings), **options)
    return EXIT_OK
