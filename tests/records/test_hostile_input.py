"""Hostile input to the Zoho dialects is Zoho's 400 body, never a 500: digits that are not
ASCII, pages past any offset PostgreSQL takes, text it cannot store (NUL, lone surrogates) in
record fields, JSON nested thousands deep."""

import pytest

from photos.models import Photo
from records.models import Record
from tests.support.images import png_bytes
from tests.support.zoho import auth, photo_url, upload

pytestmark = pytest.mark.django_db

CRM_ALL = "ZohoCRM.modules.ALL"
DEEP = "[" * 3000 + "]" * 3000


def zoho_error(response, status=400) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert body["status"] == "error" and set(body) == {"code", "details", "message", "status"}
    return body


@pytest.mark.parametrize("query", ["page=²", "per_page=²", "page=٣", "page=1_0",
                                   "page=99999999999999999999", "page=1000001",
                                   "per_page=99999999999999999999"])
def test_paging_of_other_digits_or_past_any_offset_is_invalid_data(api, org, query):
    org.record()
    response = api.get(f"/crm/v2/Leads?{query}", **auth(org.token(CRM_ALL)))
    body = zoho_error(response)
    assert body["code"] == "INVALID_DATA" and "positive whole number" in body["message"]


def test_the_last_page_number_still_answers(api, org):
    org.record()
    response = api.get("/crm/v2/Leads?page=1000000&per_page=200", **auth(org.token(CRM_ALL)))
    assert response.status_code == 204


@pytest.mark.parametrize("record_id", ["²", "٣٣", "1" * 40])
def test_a_record_id_of_other_digits_is_invalid_data(api, org, record_id):
    org.record()
    token = org.token(CRM_ALL)
    body = zoho_error(api.get(f"/crm/v2/Leads/{record_id}", **auth(token)))
    assert body["code"] == "INVALID_DATA"
    body = zoho_error(upload(api, f"/crm/v2/Leads/{record_id}/photo", token, png_bytes(120, 80)))
    assert body["code"] == "INVALID_DATA"
    assert not Photo.objects.exists()


def test_a_module_name_with_a_nul_is_invalid_module(api, org):
    body = zoho_error(api.get("/crm/v2/Le%00ads", **auth(org.token(CRM_ALL))))
    assert body["code"] == "INVALID_MODULE"


def post_raw(api, org, raw: str):
    return api.generic("POST", "/crm/v2/Leads", raw, content_type="application/json",
                       **auth(org.token(CRM_ALL)))


@pytest.mark.parametrize("raw", [
    '{"data": [{"Last_Name": "Do\\u0000e"}]}',
    '{"data": [{"Last_Name": "Doe", "Note\\u0000": "x"}]}',
    '{"data": [{"Last_Name": "Doe", "Address": {"Lines": ["1 Main St", "\\u0000"]}}]}',
    '{"data": [{"Last_Name": "Doe", "Address": {"\\u0000": "x"}}]}',
    '{"data": [{"Last_Name": "\\ud800"}]}',
    '{"data": [{"Last_Name": "Doe", "Tags": [{"name": "\\udfffx"}]}]}',
])
def test_record_fields_the_database_cannot_store_are_invalid_data(api, org, raw):
    body = zoho_error(post_raw(api, org, raw))
    assert body["code"] == "INVALID_DATA"
    assert not Record.objects.exists()


@pytest.mark.parametrize("raw", [
    '{"data": [{"Last_Name": "Doe", "Score": NaN}]}',
    '{"data": [{"Last_Name": "Doe", "Score": 1e400}]}',
    '{"data": [{"Last_Name": "Doe", "Score": ' + "9" * 5000 + "}]}",
])
def test_numbers_no_database_stores_are_invalid_data(api, org, raw):
    assert zoho_error(post_raw(api, org, raw))["code"] == "INVALID_DATA"
    assert not Record.objects.exists()


def test_a_record_nested_3000_deep_is_invalid_data(api, org):
    body = zoho_error(post_raw(api, org, '{"data": [{"Last_Name": "Doe", "X": ' + DEEP + "}]}"))
    assert body["code"] == "INVALID_DATA" and "nested deeper" in body["message"]
    assert not Record.objects.exists()


def test_a_photo_upload_to_a_record_id_with_a_nul_is_invalid_data(api, org):
    record = org.record()
    url = photo_url(record).replace(str(record.zoho_id), f"{record.zoho_id}%00")
    assert zoho_error(upload(api, url, org.token(CRM_ALL), png_bytes(120, 80)))["code"] \
        == "INVALID_DATA"


@pytest.mark.parametrize("where", ["query", "form"])
def test_restrict_triggers_given_twice_is_invalid_data_and_nothing_is_uploaded(api, org, where):
    from django.core.files.uploadedfile import SimpleUploadedFile

    record = org.record()
    url = photo_url(record)
    form = {"file": SimpleUploadedFile("photo.png", png_bytes(120, 80))}
    if where == "query":
        url += "?restrict_triggers=workflow&restrict_triggers=none"
    else:
        form["restrict_triggers"] = ["workflow", "none"]
    response = api.post(url, form, format="multipart", **auth(org.token(CRM_ALL)))
    body = zoho_error(response)
    assert body["code"] == "INVALID_DATA" and "restrict_triggers" in body["message"]
    assert not Photo.objects.exists()
