"""The Zoho CRM / Bigin answers are the ones the OpenAPI document describes: real records,
pages, inserts, photos and errors checked against their operations' schemas, and the document's
per-product tags and scopes."""

import pytest

from photos import services as photo_services
from photos.models import Photo
from tests.support.images import jpeg_bytes, png_bytes
from tests.support.openapi import assert_documented, document
from tests.support.zoho import SUCCESS, auth, photo_url, upload

pytestmark = pytest.mark.django_db

CRM_ALL, BIGIN_ALL = "ZohoCRM.modules.ALL", "ZohoBigin.modules.ALL"
LIST, RECORD = "/{product}/v2/{{module_name}}", "/{product}/v2/{{module_name}}/{{record_id}}"
PHOTO = RECORD + "/photo"


def insert(api, token, rows, product="crm", module="Leads"):
    return api.post(f"/{product}/v2/{module}", {"data": rows}, format="json", **auth(token))


@pytest.mark.parametrize(("product", "module", "scope"), [
    ("crm", "Leads", CRM_ALL), ("bigin", "Contacts", BIGIN_ALL)])
def test_a_page_of_records_and_one_record_match_the_document(api, org, product, module, scope):
    token = org.token(scope)
    empty = api.get(f"/{product}/v2/{module}", **auth(token))
    assert empty.status_code == 204
    assert_documented("GET", LIST.format(product=product), empty)

    with_photo = org.record(module, product, Last_Name="Doe", Email="doe@example.com")
    org.record(module, product, owner=org.owner)
    photo = photo_services.create_photo(png_bytes(120, 80), owner=org.member, target=with_photo)
    photo_services.render_photo(photo.pk)

    page = api.get(f"/{product}/v2/{module}?per_page=1", **auth(token))
    assert page.status_code == 200
    assert page.json()["info"]["more_records"] is True
    assert page.json()["data"][0]["Record_Image"] == photo.public_id
    assert_documented("GET", LIST.format(product=product), page)

    one = api.get(f"/{product}/v2/{module}/{with_photo.zoho_id}", **auth(token))
    assert one.status_code == 200
    assert_documented("GET", RECORD.format(product=product), one)


def test_inserts_added_partly_refused_and_refused_match_the_document(api, org):
    token = org.token(CRM_ALL)
    added = insert(api, token, [{"Last_Name": "Doe"}, {"Last_Name": "Roe", "id": "1"}])
    assert added.status_code == 201
    assert_documented("POST", LIST.format(product="crm"), added)

    partly = insert(api, token, [{"Last_Name": "Doe"}, {"not a name": 1}, "no object"])
    assert partly.status_code == 207
    assert [row["status"] for row in partly.json()["data"]] == ["success", "error", "error"]
    assert_documented("POST", LIST.format(product="crm"), partly)

    refused = insert(api, token, [{"not a name": 1}])
    assert refused.status_code == 400 and "data" in refused.json()
    assert_documented("POST", LIST.format(product="crm"), refused)

    missing = api.post("/crm/v2/Leads", {}, format="json", **auth(token))
    assert (missing.status_code, missing.json()["code"]) == (400, "REQUIRED_PARAM_MISSING")
    assert_documented("POST", LIST.format(product="crm"), missing)


@pytest.mark.parametrize(("product", "module", "scope"), [
    ("crm", "Contacts", CRM_ALL), ("bigin", "Accounts", BIGIN_ALL)])
def test_a_photo_uploaded_downloaded_and_deleted_matches_the_document(api, org, product, module,
                                                                      scope):
    record, token = org.record(module, product), org.token(scope)
    url, path = photo_url(record, product), PHOTO.format(product=product)

    none = api.get(url, **auth(token))
    assert none.status_code == 204
    assert_documented("GET", path, none)

    uploaded = upload(api, url, token, jpeg_bytes(120, 80, (200, 40, 40)))
    assert uploaded.json() == SUCCESS
    assert_documented("POST", path, uploaded)
    photo_services.render_photo(Photo.objects.get().pk)

    downloaded = api.get(url, **auth(token))
    assert (downloaded.status_code, downloaded["Content-Type"]) == (200, "image/jpeg")
    assert_documented("GET", path, downloaded)

    deleted = api.delete(url, **auth(token))
    assert deleted.status_code == 200
    assert_documented("DELETE", path, deleted)

    no_photo = api.delete(url, **auth(token))
    assert (no_photo.status_code, no_photo.json()["code"]) == (400, "INVALID_DATA")
    assert_documented("DELETE", path, no_photo)


def test_errors_match_the_document(api, org, settings):
    record = org.record()
    crm_photo = PHOTO.format(product="crm")
    answers = [
        (api.get(photo_url(record)), 401),
        (api.get(photo_url(record), **auth(org.token("ZohoCRM.modules.Deals.ALL"))), 401),
        (upload(api, photo_url(record), org.token(CRM_ALL), b"no image"), 400),
        (upload(api, photo_url(record), org.token(CRM_ALL, user=org.other_member),
                png_bytes(120, 80)), 403),
        (api.get(photo_url(record, api_name="Nonesuch"), **auth(org.token(CRM_ALL))), 400),
        (api.put(photo_url(record), **auth(org.token(CRM_ALL))), 400),
    ]
    for response, status in answers:
        assert response.status_code == status, response.content
        assert response.json()["status"] == "error"
        assert_documented("GET", crm_photo, response)


def test_bigin_documents_its_415_for_an_oversized_photo_and_crm_does_not(api, org):
    record = org.record("Contacts", "bigin")
    response = upload(api, photo_url(record, "bigin"), org.token(BIGIN_ALL),
                      png_bytes(120, 80) + b"\0" * (10 * 1024 * 1024))
    assert (response.status_code, response.json()["code"]) == (
        415, "FILE_SIZE_MORE_THAN_ALLOWED_SIZE")
    assert_documented("POST", PHOTO.format(product="bigin"), response)
    assert "415" not in document()["paths"][PHOTO.format(product="crm")]["post"]["responses"]


def test_each_product_has_its_tag_and_names_its_module_scopes():
    paths = document()["paths"]
    for product, tag, prefix in (("crm", "Zoho CRM", "ZohoCRM"), ("bigin", "Bigin", "ZohoBigin")):
        upload_operation = paths[PHOTO.format(product=product)]["post"]
        assert upload_operation["tags"] == [tag]
        assert {"oauth2": [f"{prefix}.modules.{{module_name}}.WRITE"]} in (
            upload_operation["security"])
        listing = paths[LIST.format(product=product)]["get"]
        assert {"oauth2": [f"{prefix}.modules.{{module_name}}.READ"]} in listing["security"]
