"""JSON: article results (``json``, ``jsonl``), stored events (``json``) and one event's detail.

* ``JsonWriter``: a JSON array of results written item by item (``single=True``: the one
  result as an object); ``JsonlWriter``: one result a line. A result's JSON is
  ``result_dict`` (``ArticleResult`` with dates as ISO strings).
* ``EventJsonWriter``: a JSON array of stored events (``StoredEvent``: every column of
  ``events`` plus ``outlets``).
* ``event_detail_view(detail)`` / ``event_detail_json(detail)``: ``Store.event(id)`` as the
  ``EventDetail`` model, with the words a reader needs (``events show -f json``, the API).
"""

from __future__ import annotations

import json
import textwrap
from typing import Any, TextIO

from ..model import ArticleResult, EventDetail, RationaleItem, StoredEvent
from .base import ResultWriter, Writer, outlet_name
from .words import claim_labels, contradiction_words, merge_reason_words, rationale_words


def result_dict(result: ArticleResult) -> dict[str, Any]:
    """The JSON form of a result (dates as ISO strings), as in the json/jsonl formats."""
    return result.model_dump(mode="json")


def event_json(row: dict) -> dict[str, Any]:
    """An event row as JSON (``StoredEvent``): every column of ``events`` plus ``outlets``."""
    return StoredEvent.model_validate(row).model_dump(mode="json")


# --------------------------------------------------------------------------- writers


class JsonArrayWriter(Writer):
    """A JSON array, written item by item (``_json(item)`` gives each item's JSON value)."""

    name = "json"

    def __init__(self, stream: TextIO, indent: int | None = 2):
        super().__init__(stream)
        self.indent = indent

    def _header(self):
        self.stream.write("[")

    def _write(self, item):
        text = json.dumps(self._json(item), ensure_ascii=False, indent=self.indent)
        if self.indent is not None:
            text = textwrap.indent(text, " " * self.indent)
        self.stream.write(("," if self.count else "") + "\n" + text)

    def _footer(self):
        self.stream.write("\n]\n" if self.count else "]\n")

    def _json(self, item: Any) -> Any:
        raise NotImplementedError


class JsonWriter(ResultWriter, JsonArrayWriter):
    """Article results as a JSON array; ``single=True``: the one result as an object."""

    def __init__(self, stream: TextIO, single: bool = False, indent: int | None = 2):
        super().__init__(stream, indent=indent)
        self.single = single

    def _header(self):
        if not self.single:
            super()._header()

    def _write(self, result):
        if not self.single:
            return super()._write(result)
        if self.count:
            raise ValueError("JsonWriter(single=True) takes exactly one result")
        self.stream.write(json.dumps(self._json(result), ensure_ascii=False, indent=self.indent) + "\n")

    def _footer(self):
        if not self.single:
            super()._footer()

    def _json(self, result):
        return result_dict(result)


class JsonlWriter(ResultWriter):
    """Article results, one compact JSON object a line."""

    name = "jsonl"

    def _write(self, result):
        self.stream.write(json.dumps(result_dict(result), ensure_ascii=False, separators=(",", ":")))
        self.stream.write("\n")


class EventJsonWriter(JsonArrayWriter):
    """Stored events as a JSON array (``event_json``)."""

    def __init__(self, stream: TextIO):
        super().__init__(stream, indent=2)

    def _json(self, row):
        return event_json(row)


def write_json(results, stream: TextIO, single: bool = False) -> ResultWriter:
    return JsonWriter(stream, single=single).write_all(results)


def write_jsonl(results, stream: TextIO) -> ResultWriter:
    return JsonlWriter(stream).write_all(results)


# --------------------------------------------------------------------------- one stored event


def figure_in_sentence(claim: dict) -> tuple[int, int] | None:
    """Where the figure lies inside the claim's sentence, when the offsets agree with the text."""
    sentence, figure = claim.get("sentence"), claim.get("figure")
    start, f_start, f_end = claim.get("start"), claim.get("figure_start"), claim.get("figure_end")
    if not sentence or not figure or None in (start, f_start, f_end):
        return None
    a, b = f_start - start, f_end - start
    if 0 <= a < b <= len(sentence) and sentence[a:b] == figure:
        return a, b
    found = sentence.find(figure)
    return (found, found + len(figure)) if found >= 0 else None


def _claim_view(row: dict, roles: dict[str, list[str]] | None = None) -> dict:
    name = row.get("source")
    if name == "article":
        name = outlet_name(row.get("outlet"), row.get("url")) or "the article itself"
    own = (roles or {}).get(f"{row.get('article_id')}/{row.get('local_claim_id')}", [])
    return {**row, "source_name": name, "figure_in_sentence": figure_in_sentence(row), "roles": own}


def event_detail_view(detail: dict) -> EventDetail:
    """``Store.event(id)`` as the ``EventDetail`` model, with the words a reader needs."""
    mentions = detail.get("mentions") or []
    labels = {m["key"]: f"{m['article_id']} {m['local_event_id']}" for m in mentions}
    roles = claim_labels(detail.get("rationale") or [])
    return EventDetail.model_validate(
        {
            **detail,
            "mentions": [{**m, "merge_text": merge_reason_words(m.get("merge_reason"), labels)} for m in mentions],
            "claims": [_claim_view(c, roles) for c in detail.get("claims") or []],
            "history_claims": [_claim_view(c) for c in detail.get("history_claims") or []],
            "rationale_text": [rationale_words(RationaleItem.model_validate(r)) for r in detail.get("rationale") or []],
            "contradictions_text": [contradiction_words(c) for c in detail.get("contradictions") or []],
        }
    )


def event_detail_json(detail: dict) -> dict:
    """``Store.event(id)`` as JSON (``EventDetail``; dates ISO)."""
    return event_detail_view(detail).model_dump(mode="json")
