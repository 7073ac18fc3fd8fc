"""The review desk's HTTP API: the queue, corrections, merge, split, verify, reject, and
the gazetteer search the dashboard's place picker uses (docs/review.md, docs/api.md).

Writes need the server started with ``--allow-writes`` and the bearer token, like ``POST
/api/articles``; every write body has ``why`` (required) and ``who`` (default "api"). A bad
value is a 422 and an unknown event or mention a 404, each with a one-line ``message``;
nothing is stored then.
"""

from __future__ import annotations

import base64
import datetime as dt
import binascii
import json
import re
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path as PathParam, Query
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from ..model import Correction, EventDetail, StoredEvent
from ..outputs.jsonout import event_detail_view
from ..store import Store
from ..store import review as rv

MAX_ID_CHARS = 200
DEFAULT_WHO = "api"


class Write(BaseModel):
    model_config = ConfigDict(extra="forbid")

    why: str = Field(..., max_length=rv.MAX_WHY_CHARS, description="why: required, shown in the audit trail")
    who: str | None = Field(None, max_length=200, description=f"the analyst (default {DEFAULT_WHO!r})")


class PlaceValue(BaseModel):
    model_config = ConfigDict(extra="forbid")

    geonameid: int | None = Field(None, description="a GeoNames id of clashwatch's gazetteer (GET /api/gazetteer)")
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = Field(1, description="with a point: ACLED geo precision, 1 the town, 2 near it, 3 a region")


class CorrectionBody(Write):
    event_type: str | None = Field(None, max_length=100)
    sub_event_type: str | None = Field(None, max_length=100)
    event_date: dt.date | None = Field(None, description="the day (YYYY-MM-DD)")
    place: PlaceValue | None = None
    actor1: str | None = Field(None, max_length=rv.MAX_ACTOR_CHARS)
    actor2: str | None = Field(None, max_length=rv.MAX_ACTOR_CHARS)
    fatalities: int | None = Field(None, description="the reviewed best figure")
    fatalities_low: int | None = Field(None, description="its low bound (default: the best figure)")
    fatalities_high: int | None = Field(None, description="its high bound (default: the best figure)")


class MergeBody(Write):
    other: str = Field(..., max_length=MAX_ID_CHARS, description="the event to merge into this one")


class SplitBody(Write):
    mention_key: str = Field(..., max_length=MAX_ID_CHARS, description="the key of the mention to take out")


class SplitResult(BaseModel):
    event_ids: list[str] = Field(..., description="the event the mention left, then the event it now forms")


class QueueEvent(StoredEvent):
    novel_area: bool = Field(False, description="no other event in its admin1 region (or country): part of its priority")


class QueuePage(BaseModel):
    events: list[QueueEvent]
    next_cursor: str | None = Field(None, description="pass as cursor for the next page; null on the last page")


class GazetteerPlace(BaseModel):
    geonameid: int | None
    name: str
    country_code: str | None = Field(None, description="ISO 3166-1 alpha-2")
    country: str | None = None
    admin1: str | None = None
    latitude: float
    longitude: float
    population: int = 0
    feature_code: str


EventId = Annotated[str, PathParam(max_length=MAX_ID_CHARS)]
QUEUE_LIST = TypeAdapter(list[QueueEvent])
_CURSOR = re.compile(r"[A-Za-z0-9_-]{1,200}")


def _queue_cursor(row: dict) -> str:
    raw = json.dumps([row.get("priority") if row.get("priority") is not None else -1.0, row["id"]]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _read_queue_cursor(value: str) -> tuple[float, str]:
    try:
        if not _CURSOR.fullmatch(value):
            raise ValueError
        score, event_id = json.loads(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))
        if isinstance(score, bool) or not isinstance(score, (int, float)) or not isinstance(event_id, str):
            raise ValueError
        return float(score), event_id
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError, RecursionError):
        raise HTTPException(422, "cursor: invalid cursor (use next from the previous page)") from None


def review_router(store: Store, reads: list, writes: list) -> APIRouter:
    """The routes, over ``store``; ``reads`` and ``writes`` the dependencies guarding each."""
    router = APIRouter()

    def detail(event_id: str) -> Response:
        found = store.event(event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return Response(event_detail_view(found).model_dump_json(), media_type="application/json")

    def attempt(fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except rv.UnknownTarget as exc:
            raise HTTPException(404, str(exc)) from None
        except rv.ReviewError as exc:
            raise HTTPException(422, str(exc)) from None

    def who_of(body: Write) -> str:
        return attempt(rv.check_who, body.who, DEFAULT_WHO)

    @router.get("/api/review/queue", response_model=QueuePage, dependencies=reads, tags=["review"])
    def queue(limit: Annotated[int, Query(ge=1, le=1000)] = 50, cursor: Annotated[str | None, Query(max_length=256)] = None,
              review_state: Annotated[list[str], Query(max_length=4)] = ["machine"]) -> Response:  # noqa: B006
        """Events to review, highest priority first (toll, low confidence, a new area), a page
        at a time; machine-coded events only unless ``review_state`` says otherwise."""
        states = tuple(dict.fromkeys(s.strip() for v in review_state for s in v.split(",") if s.strip()))
        bad = [s for s in states if s not in rv.STATES]
        if bad:
            raise HTTPException(422, f"review_state: {bad[0]!r} is not one of {', '.join(rv.STATES)}")
        after = _read_queue_cursor(cursor) if cursor else None
        rows = store.review_queue(limit + 1, after, states or ("machine",))
        more = len(rows) > limit
        rows = rows[:limit]
        page = QueuePage.model_construct(events=QUEUE_LIST.validate_python(rows),
                                         next_cursor=_queue_cursor(rows[-1]) if more and rows else None)
        return Response(page.model_dump_json(), media_type="application/json")

    @router.get("/api/review/corrections", response_model=list[Correction], dependencies=reads, tags=["review"])
    def corrections(event: Annotated[str | None, Query(max_length=MAX_ID_CHARS)] = None,
                    orphaned: bool | None = None) -> list[Correction]:
        """The audit trail, oldest first: every correction, or one event's, or the orphaned
        ones (their event or mention no longer exists)."""
        return [Correction.model_validate(r) for r in store.corrections(event, orphaned)]

    @router.post("/api/events/{event_id}/corrections", response_model=EventDetail, dependencies=writes, tags=["review"])
    def correct(event_id: EventId, body: CorrectionBody) -> Response:
        """Correct an event's type, date, place, actors or toll; the updated event."""
        attempt(rv.check_why, body.why)
        changes: dict[str, Any] = {}
        if body.event_type is not None or body.sub_event_type is not None:
            changes["type"] = attempt(rv.check_type, body.event_type, body.sub_event_type)
        if body.event_date is not None:
            changes["date"] = attempt(rv.check_date, body.event_date)
        if body.place is not None:
            p = body.place
            if p.geonameid is not None:
                if p.latitude is not None or p.longitude is not None:
                    raise HTTPException(422, "place: give a geonameid or a latitude and longitude, not both")
                changes["place"] = attempt(rv.place_from_geonameid, p.geonameid)
            elif p.latitude is not None and p.longitude is not None:
                changes["place"] = attempt(rv.place_from_point, p.latitude, p.longitude, p.geo_precision)
            else:
                raise HTTPException(422, "place: give {\"geonameid\": N} or {\"latitude\": .., \"longitude\": ..}")
        if body.actor1 is not None or body.actor2 is not None:
            changes["actors"] = attempt(rv.check_actors, body.actor1, body.actor2)
        if body.fatalities is None and (body.fatalities_low is not None or body.fatalities_high is not None):
            raise HTTPException(422, "fatalities_low and fatalities_high need fatalities (the best figure)")
        if body.fatalities is not None:
            changes["fatalities"] = attempt(rv.check_fatalities, body.fatalities, body.fatalities_low, body.fatalities_high)
        attempt(store.correct, event_id, who=who_of(body), why=body.why, **changes)
        return detail(event_id)

    @router.post("/api/events/{event_id}/verify", response_model=EventDetail, dependencies=writes, tags=["review"])
    def verify(event_id: EventId, body: Write) -> Response:
        """Mark the event verified: a person checked it."""
        attempt(store.mark, event_id, "verify", who=who_of(body), why=body.why)
        return detail(event_id)

    @router.post("/api/events/{event_id}/reject", response_model=EventDetail, dependencies=writes, tags=["review"])
    def reject(event_id: EventId, body: Write) -> Response:
        """Reject the event (not an event): hidden from listings, totals and maps unless asked for."""
        attempt(store.mark, event_id, "reject", who=who_of(body), why=body.why)
        return detail(event_id)

    @router.post("/api/events/{event_id}/merge", response_model=EventDetail, dependencies=writes, tags=["review"])
    def merge(event_id: EventId, body: MergeBody) -> Response:
        """Merge another event into this one; the merged event (it keeps the older id)."""
        merged = attempt(store.merge_events, event_id, body.other, who=who_of(body), why=body.why)
        return detail(merged)

    @router.post("/api/events/{event_id}/split", response_model=SplitResult, dependencies=writes, tags=["review"])
    def split(event_id: EventId, body: SplitBody) -> SplitResult:
        """Take a mention out of the event into an event of its own."""
        ids = attempt(store.split_mention, event_id, body.mention_key, who=who_of(body), why=body.why)
        return SplitResult(event_ids=ids)

    @router.get("/api/gazetteer", response_model=list[GazetteerPlace], dependencies=reads, tags=["review"])
    def gazetteer(q: Annotated[str, Query(min_length=1, max_length=100)],
                  country: Annotated[str | None, Query(min_length=2, max_length=2)] = None,
                  limit: Annotated[int, Query(ge=1, le=100)] = 10) -> list[GazetteerPlace]:
        """Places of clashwatch's gazetteer (GeoNames) a name of which starts with ``q``, in
        ``country`` (ISO alpha-2) when given; exact names first, then the most populous."""
        from ..stages.gazetteer import Gazetteer

        return [GazetteerPlace(geonameid=e.geonameid, name=e.name, country_code=e.country_code, country=e.country,
                               admin1=e.admin1, latitude=e.latitude, longitude=e.longitude, population=e.population,
                               feature_code=e.feature_code)
                for e in Gazetteer.load().search(q, country, limit)]

    return router
