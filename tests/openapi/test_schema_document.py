"""The OpenAPI document: valid, warning-free, and readable on a docs page served from our own
static files."""

import re
from collections import defaultdict

import pytest
from django.conf import settings
from django.core.management import call_command

# each API dialect's tag (the OAuth 2 server and the service endpoints have their own)
DIALECT_TAGS = {"Generic photos", "Graph", "Chatter", "Zoho CRM", "Bigin"}


def test_the_schema_validates_without_a_single_warning(tmp_path):
    # --fail-on-warn: an operation drf-spectacular cannot describe is a failure, not a gap
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yml"))


def test_check_deploy_prints_no_schema_warning():
    from django.core import checks

    messages = checks.run_checks(include_deployment_checks=True)
    assert [m.msg for m in messages if m.id.startswith("drf_spectacular")] == []


@pytest.fixture
def document(api, db):
    response = api.get("/api/schema", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


def test_the_document_is_openapi_3_1(document):
    assert document["openapi"].startswith("3.1")


# answers whose success has no body at all
BODILESS = {("post", "/o/revoke_token/")}


def test_every_operation_has_a_tag_an_id_and_a_response_body(document):
    seen_ids = set()
    for path, item in document["paths"].items():
        for method, operation in item.items():
            where = f"{method.upper()} {path}"
            assert operation.get("tags"), f"{where} has no tag"
            assert operation["operationId"] not in seen_ids, where
            seen_ids.add(operation["operationId"])
            for status, response in operation["responses"].items():
                if (status.startswith("2") and status != "204" and method != "head"
                        and (method, path) not in BODILESS):
                    assert response.get("content"), f"{where} {status} has no body"


def test_the_token_transports_and_the_oauth_flows_are_security_schemes(document):
    schemes = document["components"]["securitySchemes"]
    assert set(schemes) >= {"oauth2", "bearer", "salesforce", "zoho", "access_token"}
    flows = schemes["oauth2"]["flows"]
    assert flows["authorizationCode"]["tokenUrl"] == "/o/token/"
    assert "manage_photos" in flows["authorizationCode"]["scopes"]


def test_the_docs_page_loads_swagger_ui_from_our_own_static_files(api, db):
    response = api.get("/api/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in page
    assert "cdn.jsdelivr.net" not in page and "unpkg.com" not in page


def test_a_body_that_breaks_its_schema_is_caught(db):
    from django.http import JsonResponse

    from tests.support.openapi import assert_documented

    assert_documented("GET", "/readyz", JsonResponse(
        {"status": "ok", "checks": {"database": {"ok": True, "ms": 1.0}}}))
    with pytest.raises(AssertionError, match="ok"):
        assert_documented("GET", "/readyz", JsonResponse(
            {"status": "ok", "checks": {"database": {"ok": "yes", "ms": 1.0}}}))
    with pytest.raises(AssertionError, match="not documented"):
        assert_documented("GET", "/readyz", JsonResponse({}, status=418))


def operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def test_every_path_of_the_issue_is_in_the_document(document):
    paths = set(document["paths"])
    assert paths >= {"/o/authorize/", "/o/token/", "/o/revoke_token/", "/o/introspect/",
                     "/healthz", "/readyz", "/api/principal", "/api/scopes", "/photo/{photo_id}",
                     "/photos", "/{kind}/{object_id}/photos", "/media/{key}",
                     "/accounts/login/", "/accounts/logout/"}
    # Graph's version prefix, Chatter's community paths, Zoho CRM and Bigin
    assert any(re.match(r"^/(v\d+\.\d+|\{\w*version\w*\})/", path) for path in paths)
    assert any("/communities/" in path for path in paths)
    assert any(path.startswith("/crm/") for path in paths)
    assert any(path.startswith("/bigin/") for path in paths)
    # the document describes the API, not itself
    assert not paths & {"/api/schema", "/api/docs"}


def test_every_declared_tag_is_used_and_every_used_tag_declared(document):
    declared = [tag["name"] for tag in settings.SPECTACULAR_SETTINGS["TAGS"]]
    assert set(declared) >= DIALECT_TAGS | {"OAuth 2", "Service"}
    used = {tag for _, _, operation in operations(document) for tag in operation["tags"]}
    assert used == set(declared)


def test_each_dialect_answers_its_errors_in_one_body_component_of_its_own(document):
    schemas = document["components"]["schemas"]
    # tag -> for each of its operations, the components of its error bodies
    bodies = defaultdict(list)
    for path, method, operation in operations(document):
        tag, refs = operation["tags"][0], set()
        for status, response in operation["responses"].items():
            json_body = response.get("content", {}).get("application/json")
            if tag not in DIALECT_TAGS or status[0] not in "45" or json_body is None:
                continue  # byte-serving URLs (/media) answer Django's own 404 page
            schema = json_body["schema"]
            # Chatter answers a list of errors: its body is the list's item
            ref = (schema.get("items", {}) if schema.get("type") == "array" else schema).get(
                "$ref", "")
            assert ref.startswith("#/components/schemas/"), f"{method} {path} {status}: {ref}"
            assert ref.rsplit("/", 1)[1] in schemas
            refs.add(ref)
        if refs:
            bodies[tag].append(refs)
    # one body every operation of the dialect answers its errors in (Zoho's insert also has
    # its multi-status shape, for a batch whose every row was refused)
    shared = {tag: set.intersection(*bodies[tag]) for tag in DIALECT_TAGS}
    for tag in DIALECT_TAGS:
        assert len(shared[tag]) == 1, f"{tag}: {sorted(shared[tag])}"
    # Zoho CRM and Bigin share Zoho's body; the other dialects each have their own
    assert len({body for tag in DIALECT_TAGS for body in shared[tag]}) == len(DIALECT_TAGS) - 1


# the parts that carry a file, in each dialect (Graph and generic: source/file; Chatter:
# fileData; Zoho: file)
FILE_PARTS = {"source", "file", "fileData"}


def test_every_multipart_file_part_is_binary(document):
    uploads = 0
    for path, method, operation in operations(document):
        content = operation.get("requestBody", {}).get("content", {})
        if "multipart/form-data" not in content:
            continue
        schema = content["multipart/form-data"]["schema"]
        if "$ref" in schema:
            schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
        for name, part in schema.get("properties", {}).items():
            if name in FILE_PARTS:
                assert part.get("format") == "binary", f"{method.upper()} {path}: {name}"
                uploads += 1
    # every dialect's uploads: generic, Graph (with and without a version), Chatter, Zoho
    assert uploads >= 10


def test_every_dialect_operation_takes_a_token_and_names_its_scopes(document):
    for path, method, operation in operations(document):
        if operation["tags"][0] not in DIALECT_TAGS or {} in operation.get("security", [{}]):
            continue  # public URLs (renditions, signed e-mail photos, /profilephoto)
        oauth = [requirement["oauth2"] for requirement in operation["security"]
                 if "oauth2" in requirement]
        assert oauth, f"{method.upper()} {path} takes no OAuth 2 token"
        assert any(oauth), f"{method.upper()} {path} names no scope"


def test_every_url_serving_bytes_documents_its_validators_ranges_and_conditional_answers(
        document):
    # the operations photos.delivery.serve answers (tests/photos/test_delivery.py reaches each)
    byte_urls = {"/media/{key}", "/profilephoto/{photo_id}/{size}", "/ncsphoto/{token}",
                 "/crm/v2/{module_name}/{record_id}/photo",
                 "/bigin/v2/{module_name}/{record_id}/photo",
                 "/bigin/v1/{module_name}/{record_id}/photo",
                 "/services/data/v{version}/chatter/files/{file_id}/content/",
                 "/services/data/v{version}/connect/files/{file_id}/content/"}
    documented = set()
    for path, item in document["paths"].items():
        responses = item.get("get", {}).get("responses", {})
        if "206" not in responses:
            continue
        documented.add(path)
        assert {"200", "206", "304", "412", "416"} <= set(responses), path
        assert {"ETag", "Last-Modified", "Accept-Ranges", "Cache-Control"} <= set(
            responses["200"]["headers"]), path
        assert responses["206"]["content"] == responses["200"]["content"], path
        assert responses["206"]["headers"]["Content-Range"]["required"] is True, path
        assert responses["416"]["headers"]["Content-Range"]["required"] is True, path
        assert "content" not in responses["304"] and "ETag" in responses["304"]["headers"], path
    assert documented == byte_urls


CONCURRENT_SCHEMA_REQUESTS = """
import json, sys, threading
import django
django.setup()
from django.test import Client

start = threading.Barrier(8)
statuses = []

def fetch():
    client = Client()
    start.wait()
    statuses.append(client.get("/api/schema", HTTP_ACCEPT="application/json").status_code)

threads = [threading.Thread(target=fetch) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(json.dumps(statuses))
"""


def test_the_document_is_served_to_requests_that_arrive_together(tmp_path):
    # a new process: the generator's lazy start, where two threads collided, happens once per
    # process (a threaded server's first requests)
    import json
    import os
    import subprocess
    import sys

    env = {key: value for key, value in os.environ.items()
           if key not in ("REDIS_URL", "CELERY_BROKER_URL", "DATABASE_URL")}
    env.update(DJANGO_SETTINGS_MODULE="config.settings", DATABASE_URL="sqlite://:memory:",
               DATA_DIR=str(tmp_path), ALLOWED_HOSTS="testserver", LOG_LEVEL="CRITICAL",
               PYTHONPATH=str(settings.BASE_DIR))
    run = subprocess.run([sys.executable, "-c", CONCURRENT_SCHEMA_REQUESTS], env=env,
                         capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-5000:]
    assert json.loads(run.stdout.strip().splitlines()[-1]) == [200] * 8
