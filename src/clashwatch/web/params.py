"""Query strings read into the API's parameter models, cheaply.

FastAPI reads a parameter model (``Annotated[Model, Query()]``) by inspecting each of its
fields' annotations again on every request: about a millisecond a request for the events'
18 filters, more than SQLite takes to write the page. ``query_model(Model)`` is a
dependency that hands the query string to the model itself (lists for list fields, the
last value otherwise, as FastAPI does) and turns its errors into the same 422 FastAPI
gives, located in ``query``; ``openapi_parameters(Model)`` documents the same parameters
in the OpenAPI document as FastAPI would. ``tests/web/test_api.py`` holds both to FastAPI's
own behaviour.
"""

from __future__ import annotations

from typing import Any, get_origin

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError


def _is_list(annotation: Any) -> bool:
    return get_origin(annotation) in (list, tuple, set, frozenset)


def query_model(model: type[BaseModel]):
    """A dependency giving ``model`` validated from the request's query string."""
    lists = frozenset(name for name, field in model.model_fields.items() if _is_list(field.annotation))

    async def read(request: Request) -> BaseModel:
        data: dict[str, Any] = {}
        for key, value in request.query_params.multi_items():
            if key in lists:
                data.setdefault(key, []).append(value)
            else:
                data[key] = value
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            errors = [{**error, "loc": ("query", *error["loc"])} for error in exc.errors(include_url=False)]
            raise RequestValidationError(errors) from None

    read.__name__ = f"read_{model.__name__}"
    return read


def openapi_parameters(model: type[BaseModel]) -> dict[str, Any]:
    """``openapi_extra`` naming ``model``'s fields as query parameters, and the 422 their
    errors give (both as FastAPI writes them for ``Annotated[model, Query()]``)."""
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    required = set(schema.get("required", ()))
    parameters = []
    for name, prop in schema["properties"].items():
        parameter = {"name": name, "in": "query", "required": name in required, "schema": prop}
        if "description" in prop:
            parameter["description"] = prop["description"]
        parameters.append(parameter)
    invalid = {"description": "Validation Error",
               "content": {"application/json": {"schema": {"$ref": "#/components/schemas/HTTPValidationError"}}}}
    return {"parameters": parameters, "responses": {"422": invalid}}
