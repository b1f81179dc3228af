"""Does a real response match what the OpenAPI document says of its operation?

Schemathesis mostly meets 404s (it cannot guess the IDs of real objects); the dialects' own
tests make real objects, and check their answers with :func:`assert_documented`.
"""

import functools
import json

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012


@functools.cache
def document() -> dict:
    from drf_spectacular.generators import SchemaGenerator

    # through JSON, as clients read it (enums and lazy strings become plain values)
    return json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True),
                                 default=str))


def response_schema(method: str, path: str, status: int, content_type: str) -> dict | None:
    operation = document()["paths"][path][method.lower()]
    responses = operation["responses"]
    response = responses.get(str(status)) or responses.get(f"{str(status)[0]}XX")
    assert response is not None, f"{method} {path}: {status} is not documented"
    content = response.get("content")
    if not content:
        return None
    media = content.get(content_type.split(";")[0].strip())
    assert media is not None, f"{method} {path} {status}: {content_type} is not documented"
    return media.get("schema")


def assert_documented(method: str, path: str, response) -> None:
    """``response`` (Django's test client's) is one the document lists for ``method path`` (the
    document's path template, ``/photo/{photo_id}``), and its JSON body matches the schema."""
    content_type = response.get("Content-Type", "")
    schema = response_schema(method, path, response.status_code, content_type)
    if schema is None or "json" not in content_type:
        return
    registry = Registry().with_resource("urn:openapi", Resource.from_contents(
        document(), default_specification=DRAFT202012))
    body = json.loads(response.content)
    problems = [f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
                for error in Draft202012Validator(_absolute(schema), registry=registry)
                .iter_errors(body)]
    assert not problems, f"{method} {path} {response.status_code}: " + "; ".join(problems)


def _absolute(schema):
    """The schema with its ``#/components/...`` references made absolute to the document."""
    if isinstance(schema, dict):
        return {key: ("urn:openapi" + value if key == "$ref" and value.startswith("#") else
                      _absolute(value)) for key, value in schema.items()}
    if isinstance(schema, list):
        return [_absolute(item) for item in schema]
    return schema
