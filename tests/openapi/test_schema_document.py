"""The OpenAPI document: valid, warning-free, and readable on a docs page served from our own
static files."""

import pytest
from django.core.management import call_command


def test_the_schema_validates_without_a_single_warning(tmp_path):
    # --fail-on-warn: an operation drf-spectacular cannot describe is a failure, not a gap
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yml"))


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

    assert_documented("GET", "/healthz", JsonResponse(
        {"status": "ok", "checks": {"database": {"ok": True, "ms": 1.0}}}))
    with pytest.raises(AssertionError, match="ok"):
        assert_documented("GET", "/healthz", JsonResponse(
            {"status": "ok", "checks": {"database": {"ok": "yes", "ms": 1.0}}}))
    with pytest.raises(AssertionError, match="not documented"):
        assert_documented("GET", "/healthz", JsonResponse({}, status=418))
