"""The JSON Schema of clashwatch's output, generated from the data model.

``python -m clashwatch.schema > docs/schema/article-result.json`` regenerates the
committed copy; a test checks that it is up to date.
"""

from __future__ import annotations

import json
import sys

from .model import ArticleResult

SCHEMA_ID = "https://clashwatch.invalid/schema/article-result.json"


def article_result_schema() -> dict:
    schema = ArticleResult.model_json_schema(mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def render() -> str:
    return json.dumps(article_result_schema(), indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render())
