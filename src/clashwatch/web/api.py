"""The HTTP API and the dashboard's pages, over one corpus store (``clashwatch serve``).

Reads are open unless the server was started ``--private``; writes (``POST
/api/articles``) need ``--allow-writes`` and the bearer token in ``CLASHWATCH_API_TOKEN``.
Every response model is a model of ``clashwatch.model``, the same the CLI prints, so
``/openapi.json`` documents exactly what ``clashwatch events --format json`` writes.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hmac
import io
import json
import logging
import os
import threading
from collections.abc import Iterator
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, field_validator, model_validator

from .. import __version__
from ..readers import Problem
from ..readers import checks as reader
from ..readers.corpus import iter_jsonl, parse_record
from ..outputs import make_event_writer
from ..outputs.geojson import geojson_row_feature as geojson_feature
from ..outputs.jsonout import event_detail_view
from ..store.queries import query_events
from ..store.filters import BBOX_HELP, country_filter, parse_bbox
from ..model import EventDetail, EventStats, StoredArticle, StoredEvent
from ..store import EventQuery, Store, make_engine

log = logging.getLogger("clashwatch.serve")

STATIC = Path(str(resources.files("clashwatch.web") / "static"))
VENDOR = STATIC / "vendor"
TOKEN_ENV = "CLASHWATCH_API_TOKEN"
SETTINGS_ENV = "CLASHWATCH_SERVE_SETTINGS"
DEFAULT_MAX_BODY = 10 * 1024 * 1024
PAGE_LIMIT = 5000


@dataclass
class Settings:
    db: str
    allow_writes: bool = False
    private: bool = False
    max_body: int = DEFAULT_MAX_BODY
    tiles: str | None = None
    tiles_attribution: str | None = None
    tiles_max_zoom: int = 19
    token: str | None = field(default=None, repr=False)

    def problems(self) -> list[str]:
        """Why this server must not start, in words (empty when it may)."""
        out = []
        if self.allow_writes and not self.token:
            out.append(f"--allow-writes needs a token: set {TOKEN_ENV} (writes are never open to everyone)")
        if self.private and not self.token:
            out.append(f"--private needs a token: set {TOKEN_ENV}")
        if self.tiles:
            parts = urlsplit(self.tiles)
            if parts.scheme not in ("http", "https") or not parts.netloc or not all(k in self.tiles for k in ("{z}", "{x}", "{y}")):
                out.append(f"--tiles {self.tiles!r} is not a tile URL template like https://tile.example.org/{{z}}/{{x}}/{{y}}.png")
        return out

    def to_env(self) -> str:
        """For worker processes: everything but the token, which they read from the environment."""
        return json.dumps({k: v for k, v in asdict(self).items() if k != "token"})

    @classmethod
    def from_env(cls) -> "Settings":
        return cls(**json.loads(os.environ[SETTINGS_ENV]), token=os.environ.get(TOKEN_ENV) or None)

    def tile_origin(self) -> str | None:
        if not self.tiles:
            return None
        parts = urlsplit(self.tiles.replace("{s}", "*"))
        return f"{parts.scheme}://{parts.netloc}"


# --------------------------------------------------------------------------- query models


class EventFilters(BaseModel):
    """The filters of ``clashwatch events``, as query parameters."""

    model_config = ConfigDict(extra="forbid")

    country: str | None = Field(None, description="country name or ISO 3166-1 alpha-2 code (Kenya, KE)")
    admin1: str | None = Field(None, description="first-level region, as the events name it")
    type: str | None = Field(None, description="ACLED event type or sub-event type, case-insensitive")
    date_from: dt.date | None = Field(None, description="events on or after this day (YYYY-MM-DD)")
    date_to: dt.date | None = Field(None, description="events on or before this day (YYYY-MM-DD)")
    bbox: str | None = Field(None, description=f"events inside this box: {BBOX_HELP}")
    min_fatalities: int | None = Field(None, ge=0, description="best fatality estimate at least this")
    text: str | None = Field(None, description="substring of the location, region, country, actors or notes")
    current_only: bool = Field(False, description="leave out background events (past events only recalled)")

    @field_validator("bbox")
    @classmethod
    def _bbox(cls, value: str | None) -> str | None:
        if value is not None:
            parse_bbox(value)
        return value

    @model_validator(mode="after")
    def _dates(self) -> "EventFilters":
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError(f"date_from {self.date_from} is after date_to {self.date_to}")
        return self

    def query(self, **extra: Any) -> EventQuery:
        return EventQuery(
            country=country_filter(self.country) if self.country else None,
            admin1=self.admin1,
            event_type=self.type,
            date_from=self.date_from,
            date_to=self.date_to,
            bbox=parse_bbox(self.bbox) if self.bbox else None,
            min_fatalities=self.min_fatalities,
            text=self.text,
            include_background=not self.current_only,
            **extra,
        )


class EventPageParams(EventFilters):
    limit: int = Field(100, ge=1, le=PAGE_LIMIT, description="events per page")
    cursor: str | None = Field(None, description="the next_cursor of the previous page")

    @field_validator("cursor")
    @classmethod
    def _cursor(cls, value: str | None) -> str | None:
        if value is not None:
            decode_cursor(value)
        return value


class GeoPageParams(EventPageParams):
    limit: int = Field(1000, ge=1, le=PAGE_LIMIT, description="features per page")


class EventPage(BaseModel):
    events: list[StoredEvent]
    next_cursor: str | None = Field(None, description="pass as cursor for the next page; null on the last page")
    limit: int


EVENT_LIST = TypeAdapter(list[StoredEvent])


class IngestedArticle(BaseModel):
    origin: str = Field(..., description="'request: line N': the Nth line of JSONL, or the Nth article of a JSON list")
    status: Literal["new", "updated", "unchanged", "duplicate", "failed"]
    article_id: str | None = None
    events_created: int = 0
    events_merged: int = 0
    event_ids: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    error: str | None = None


class IngestReport(BaseModel):
    articles: list[IngestedArticle]
    new: int
    updated: int
    unchanged: int
    duplicate: int
    failed: int


class ServerConfig(BaseModel):
    version: str
    tiles: dict | None = Field(None, description="the online tile layer the dashboard may add: url, attribution, max_zoom")
    writes: bool
    reads_need_token: bool
    dashboard: bool = Field(..., description="the dashboard's JavaScript libraries are built")


def encode_cursor(row: dict) -> str:
    raw = json.dumps([row["event_date"].isoformat(), row["id"]]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(value: str) -> tuple[str, str]:
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        date_iso, event_id = json.loads(raw)
        dt.date.fromisoformat(date_iso)
        if not isinstance(event_id, str):
            raise ValueError
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise ValueError("not a cursor this server gave (use next_cursor from the previous page)") from None
    return date_iso, event_id


# --------------------------------------------------------------------------- errors


_EXPECTED = {"date": "a date (YYYY-MM-DD)", "int": "a whole number", "bool": "true or false", "float": "a number"}


def _problem_line(error: dict) -> str:
    """One pydantic error as 'name: what is wrong'."""
    where = [str(p) for p in error.get("loc", ()) if p not in ("query", "body", "path")]
    name = ".".join(where) or "request"
    message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
    kind = str(error.get("type", ""))
    if kind == "extra_forbidden":
        return f"{name}: unknown parameter"
    given = error.get("input")
    expected = next((words for prefix, words in _EXPECTED.items() if kind.startswith(prefix)), None)
    if expected and isinstance(given, str) and "greater" not in message and "less" not in message:
        why = message.split(", ", 1)[1] if ", " in message else ""
        return f"{name}: {given!r} is not {expected}" + (f" ({why})" if why else "")
    return f"{name}: {message}"


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = exc.errors()
    message = "; ".join(dict.fromkeys(_problem_line(e) for e in errors)) or "invalid request"
    detail = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in errors]
    return JSONResponse({"detail": detail, "message": message}, status_code=422)


# --------------------------------------------------------------------------- the app


def create_app(settings: Settings) -> FastAPI:
    """The FastAPI application over the store at ``settings.db``."""
    store = Store(make_engine(settings.db))
    write_lock = threading.Lock()
    pipeline_holder: dict[str, Any] = {}
    dashboard_built = (VENDOR / "leaflet" / "leaflet.js").exists()

    def pipeline():
        if "pipeline" not in pipeline_holder:
            from .. import get_pipeline

            pipeline_holder["pipeline"] = get_pipeline()
        return pipeline_holder["pipeline"]

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if settings.allow_writes:
            pipeline()  # the first write should not wait for the model
        yield
        store.close()

    app = FastAPI(
        title="clashwatch",
        version=__version__,
        summary="Armed-conflict events, casualty claims and reconciled tolls read from news articles.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.state.settings = settings
    app.state.store = store

    def _token_check(request: Request) -> None:
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not given.strip():
            raise HTTPException(401, "a bearer token is required (Authorization: Bearer <token>)", headers={"WWW-Authenticate": "Bearer"})
        if not settings.token or not hmac.compare_digest(given.strip().encode(), settings.token.encode()):
            raise HTTPException(403, "this token is not accepted")

    def can_read(request: Request) -> None:
        if settings.private:
            _token_check(request)

    def can_write(request: Request) -> None:
        if not settings.allow_writes:
            raise HTTPException(403, "writes are disabled on this server (start it with --allow-writes and a token)")
        _token_check(request)

    reads = [Depends(can_read)]

    app.add_middleware(Guard, policy=content_security_policy(settings))

    # -- reads ----------------------------------------------------------------------
    @app.get("/api/health", tags=["server"])
    def health() -> dict:
        return {"status": "ok", "version": __version__}

    @app.get("/api/config", response_model=ServerConfig, tags=["server"])
    def config() -> ServerConfig:
        tiles = None
        if settings.tiles:
            tiles = {"url": settings.tiles, "attribution": settings.tiles_attribution or "", "max_zoom": settings.tiles_max_zoom}
        return ServerConfig(version=__version__, tiles=tiles, writes=settings.allow_writes, reads_need_token=settings.private,
                            dashboard=dashboard_built)

    @app.get("/api/events", response_model=EventPage, dependencies=reads, tags=["events"])
    def list_events(params: Annotated[EventPageParams, Query()]) -> Response:
        """Merged events, newest first (event date, then id), a page at a time."""
        rows, cursor = _page(params)
        page = EventPage.model_construct(events=EVENT_LIST.validate_python(rows), next_cursor=cursor, limit=params.limit)
        return Response(page.model_dump_json(), media_type="application/json")

    @app.get("/api/events.geojson", dependencies=reads, tags=["events"],
             responses={200: {"content": {"application/geo+json": {}}, "description": "an RFC 7946 FeatureCollection"}})
    def events_geojson(params: Annotated[GeoPageParams, Query()]) -> Response:
        """The page of events as an RFC 7946 FeatureCollection (events without coordinates
        left out) with a top-level ``next_cursor``."""
        rows, cursor = _page(params)
        features = [f for f in (geojson_feature(r) for r in rows) if f is not None]
        body = {"type": "FeatureCollection", "features": features, "next_cursor": cursor}
        return Response(json.dumps(body, ensure_ascii=False, separators=(",", ":")), media_type="application/geo+json")

    @app.get("/api/events.csv", dependencies=reads, tags=["events"],
             responses={200: {"content": {"text/csv": {}}, "description": "ACLED-style CSV, every matching event"}})
    def events_csv(params: Annotated[EventFilters, Query()]) -> StreamingResponse:
        """Every matching event as ACLED-style CSV (the columns of ``clashwatch export``)."""
        query = params.query()

        def chunks() -> Iterator[str]:
            buffer = io.StringIO()
            with make_event_writer("csv", buffer) as writer:
                writer.begin()
                for n, row in enumerate(query_events(store, query), 1):
                    writer.write(row)
                    if n % 500 == 0:
                        yield buffer.getvalue()
                        buffer.seek(0)
                        buffer.truncate()
            yield buffer.getvalue()

        return StreamingResponse(chunks(), media_type="text/csv; charset=utf-8",
                                 headers={"Content-Disposition": 'attachment; filename="clashwatch-events.csv"'})

    @app.get("/api/events/{event_id}", response_model=EventDetail, dependencies=reads, tags=["events"])
    def event_detail(event_id: str) -> Response:
        """One event: its estimate and reasoning, every mention (and why it joined), the claim
        ledger (every figure, who stated it, when, and the sentence it came from), the toll
        history per source."""
        detail = store.event(event_id)
        if detail is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return Response(event_detail_view(detail).model_dump_json(), media_type="application/json")

    @app.get("/api/articles/{article_id}", response_model=StoredArticle, dependencies=reads, tags=["articles"])
    def article(article_id: str) -> StoredArticle:
        """A stored article: its text as analysed, where it came from, the events it reports."""
        row = store.article(article_id)
        if row is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return StoredArticle.model_validate(row)

    @app.get("/api/stats", response_model=EventStats, dependencies=reads, tags=["events"])
    def stats(params: Annotated[EventFilters, Query()]) -> EventStats:
        """Matching events and their summed best fatalities: in all, per country, per type, per day."""
        return EventStats.model_validate(store.stats(params.query()))

    def _page(params: EventPageParams) -> tuple[list[dict], str | None]:
        after = decode_cursor(params.cursor) if params.cursor else None
        rows = list(query_events(store, params.query(limit=params.limit + 1, after=after), page_size=params.limit + 1))
        more = len(rows) > params.limit
        rows = rows[: params.limit]
        cursor = encode_cursor(rows[-1]) if more and rows and rows[-1].get("event_date") else None
        return rows, cursor

    # -- writes ---------------------------------------------------------------------
    @app.post("/api/articles", response_model=IngestReport, dependencies=[Depends(can_write)], tags=["articles"],
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/json": {"schema": {"description": 'one article {"id", "text", "published", "title", "url", "source"} or a list of them'}},
                  "application/x-ndjson": {"schema": {"type": "string", "description": "JSONL: one article object a line"}},
              }}})
    async def post_articles(request: Request) -> IngestReport:
        """Ingest one article (a JSON object) or a batch (a JSON array, or JSONL with
        ``Content-Type: application/x-ndjson``): extracted, stored and merged as
        ``clashwatch ingest`` does. Needs the bearer token."""
        body = await _read_body(request, settings.max_body)
        kind = request.headers.get("content-type", "application/json").split(";")[0].strip().lower()
        records = _records(body, kind)
        from starlette.concurrency import run_in_threadpool

        return await run_in_threadpool(_ingest, records)

    def _ingest(records: list) -> IngestReport:
        from ..ingest import Ingester

        outcomes: dict[str, IngestedArticle] = {}

        def on_error(origin: str, reason: str) -> None:
            outcomes[origin] = IngestedArticle(origin=origin, status="failed", error=reason)

        def on_outcome(origin: str, outcome, warnings: list[str]) -> None:
            outcomes[origin] = IngestedArticle(
                origin=origin, status=outcome.status, article_id=outcome.article_id, events_created=outcome.events_created,
                events_merged=outcome.events_merged, event_ids=outcome.event_ids, warnings=warnings,
            )

        with write_lock:
            ingester = Ingester(store, pipeline(), on_error=on_error, on_outcome=on_outcome)
            stats = ingester.run_articles(records)
        ordered = sorted(outcomes.values(), key=lambda o: int(o.origin.rsplit(" ", 1)[-1]))
        return IngestReport(articles=ordered, new=stats.new, updated=stats.updated, unchanged=stats.unchanged,
                            duplicate=stats.duplicate, failed=stats.failed)

    # -- pages ----------------------------------------------------------------------
    def _page_file(name: str) -> Response:
        path = STATIC / name
        if not path.exists():
            return HTMLResponse("<h1>clashwatch</h1><p>This installation has no dashboard pages.</p>", status_code=404)
        if not dashboard_built:
            return HTMLResponse(
                "<h1>clashwatch</h1><p>The dashboard's JavaScript libraries are not built: run "
                "<code>./scripts/build-web.sh</code> and restart the server. The API works without them: "
                "<a href=\"/api/events\">/api/events</a>.</p>",
                status_code=503,
            )
        return FileResponse(path, media_type="text/html")

    @app.get("/", include_in_schema=False)
    def dashboard() -> Response:
        return _page_file("index.html")

    @app.get("/events/{event_id}", include_in_schema=False)
    def event_page(event_id: str) -> Response:
        return _page_file("index.html")

    @app.get("/articles/{article_id}", include_in_schema=False)
    def article_page(article_id: str) -> Response:
        return _page_file("index.html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> Response:
        return _page_file("docs.html")

    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")
    return app


class Guard:
    """Pure ASGI middleware: security headers on every response (the CSP on HTML), and an
    unexpected failure as a JSON 500 (503 when the database is unavailable) with one log
    line, instead of a traceback."""

    def __init__(self, app, policy: str):
        self.app = app
        self.headers = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]
        self.html_headers = [(b"content-security-policy", policy.encode()), (b"x-frame-options", b"DENY")]

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def send_with_headers(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", [])) + self.headers
                if any(k == b"content-type" and v.startswith(b"text/html") for k, v in headers):
                    headers += self.html_headers
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception as exc:  # noqa: BLE001 - reported as JSON, logged in one line
            if started:
                raise
            await _failure(Request(scope), exc)(scope, receive, send_with_headers)


def _failure(request: Request, exc: Exception) -> JSONResponse:
    from sqlalchemy.exc import OperationalError

    if os.environ.get("CLASHWATCH_DEBUG"):
        log.exception("%s %s failed", request.method, request.url.path)
    if isinstance(exc, OperationalError):
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        log.error("%s %s: the database is unavailable: %s", request.method, request.url.path, reason)
        return JSONResponse({"detail": f"the database is unavailable: {reason}"}, status_code=503)
    log.error("%s %s failed: %s: %s (CLASHWATCH_DEBUG=1 logs the traceback)", request.method, request.url.path,
              type(exc).__name__, str(exc).splitlines()[0] if str(exc) else "")
    return JSONResponse({"detail": f"internal error ({type(exc).__name__}); the server's log has the details"}, status_code=500)


def content_security_policy(settings: Settings) -> str:
    images = "'self' data:" + (f" {settings.tile_origin()}" if settings.tiles else "")
    return (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        f"img-src {images}; connect-src 'self'; font-src 'self' data:; object-src 'none'; "
        "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int):
        super().__init__(413, f"the request body is larger than this server accepts ({limit:,} bytes; see --max-body-mb)")


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            if int(declared) > limit:
                raise BodyTooLarge(limit)
        except ValueError:
            raise HTTPException(400, "Content-Length is not a number") from None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _records(body: bytes, kind: str) -> list:
    """The request's articles (and a ``Problem`` for each unusable line or item)."""
    if not body.strip():
        raise HTTPException(422, "the request body is empty: send an article as JSON, or JSONL")
    if kind in ("application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines"):
        try:
            return list(iter_jsonl(io.BytesIO(body), "request"))
        except reader.InputError as exc:
            raise HTTPException(422, f"the body is not JSONL: {exc.reason}") from None
    if kind not in ("application/json", "text/json"):
        raise HTTPException(415, f"send application/json (an article or a list) or application/x-ndjson, not {kind}")
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise HTTPException(422, f"the body is not JSON ({exc.__class__.__name__}: {exc})") from None
    items = data if isinstance(data, list) else [data]
    if not items:
        raise HTTPException(422, "the list of articles is empty")
    out = []
    for n, item in enumerate(items, 1):
        origin = f"request: line {n}"
        try:
            out.append(parse_record(json.dumps(item, ensure_ascii=False), origin))
        except reader.InputError as exc:
            out.append(Problem(origin, f'"text" {exc.reason}'))
        except ValueError as exc:
            out.append(Problem(origin, str(exc)))
    return out


def app_from_env() -> FastAPI:
    """The app of a ``clashwatch serve --workers N`` worker process."""
    return create_app(Settings.from_env())
