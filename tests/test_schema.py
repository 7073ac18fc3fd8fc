"""The committed JSON Schema matches the data model, and real output validates against it."""

from __future__ import annotations

from support.paths import REPO


import jsonschema
import pytest

import clashwatch
from clashwatch.schema import article_result_schema, render

COMMITTED = REPO / "docs" / "schema" / "article-result.json"


def test_committed_schema_is_up_to_date():
    assert COMMITTED.read_text(encoding="utf-8") == render(), (
        "docs/schema/article-result.json is stale: run `python -m clashwatch.schema > docs/schema/article-result.json`"
    )


def test_output_validates_against_the_schema():
    result = clashwatch.extract(
        "Gunmen killed 3 villagers in Garissa on Sunday, police said. No one was arrested.", published="2024-03-11"
    )
    assert result.events, "the passage has an event"
    jsonschema.validate(result.model_dump(mode="json"), article_result_schema())


def test_schema_rejects_a_malformed_result():
    bad = {"schema_version": "2", "id": "x", "published": "2024-03-11", "events": [{"event_id": "e1"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, article_result_schema())
