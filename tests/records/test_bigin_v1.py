"""``/bigin/v1/{module}/{record_id}/photo``, the URL of the Bigin seed's own Deluge sample,
answers as ``/bigin/v2/...`` does: uploads, downloads, deletes and every error."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from photos.models import Photo
from tests.support.images import image_bytes, jpeg_bytes, png_bytes
from tests.support.zoho import SUCCESS, auth, error, photo_url, ready_photo, upload

pytestmark = pytest.mark.django_db

ALL = "ZohoBigin.modules.ALL"


def v1(url: str) -> str:
    assert url.startswith("/bigin/v2/")
    return url.replace("/bigin/v2/", "/bigin/v1/", 1)


def answer(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, response.get("Content-Type"), body


def both(call, url):
    """``call`` on the v2 URL and on its v1 twin: the two answers."""
    return call(url), call(v1(url))


def test_the_deluge_samples_url_uploads_the_photo(api, org):
    record = org.record("Contacts", "bigin", zoho_id=2034020000000489033)
    token = org.token("ZohoBigin.modules.contacts.CREATE")
    response = upload(api, "/bigin/v1/Contacts/2034020000000489033/photo", token,
                      png_bytes(120, 80), name="w2ub-ATf_400x400.png")
    assert (response.status_code, response.json()) == (200, SUCCESS)
    photo = Photo.objects.get()
    assert photo.target == record
    assert (photo.spec_set, photo.mime_type, photo.width, photo.height) == (
        "zoho", "image/png", 120, 80)


@pytest.mark.parametrize("scenario", [
    "no token", "scope of another module", "read-only scope", "unknown module",
    "module not in Bigin", "CRM record", "unknown record", "not a record id", "no file",
    "not an image", "over 10 MB", "PUT", "PATCH",
])
def test_every_refused_upload_answers_as_v2_does(api, org, scenario):
    record = org.record("Contacts", "bigin")
    crm_record = org.record("Leads", "crm")
    token = org.token(ALL)
    url = photo_url(record, "bigin")
    data = png_bytes(120, 80)
    method = "post"
    if scenario == "no token":
        token = None
    elif scenario == "scope of another module":
        token = org.token("ZohoBigin.modules.products.ALL")
    elif scenario == "read-only scope":
        token = org.token("ZohoBigin.modules.contacts.READ")
    elif scenario == "unknown module":
        url = f"/bigin/v2/Nonsense/{record.zoho_id}/photo"
    elif scenario == "module not in Bigin":
        url = f"/bigin/v2/Leads/{crm_record.zoho_id}/photo"
    elif scenario == "CRM record":
        url = f"/bigin/v2/Contacts/{crm_record.zoho_id}/photo"
    elif scenario == "unknown record":
        url = f"/bigin/v2/Contacts/{record.zoho_id + 1}/photo"
    elif scenario == "not a record id":
        url = "/bigin/v2/Contacts/12ab/photo"
    elif scenario == "not an image":
        data = b"%PDF-1.4 not a photo"
    elif scenario == "over 10 MB":
        data = image_bytes(2000, 1800, (200, 40, 40), "BMP")
    elif scenario in ("PUT", "PATCH"):
        method = scenario.lower()

    def call(target):
        headers = auth(token) if token else {}
        files = {} if scenario == "no file" else {"file": SimpleUploadedFile("p.png", data)}
        return getattr(api, method)(target, files, format="multipart", **headers)

    new, old = both(call, url)
    assert answer(old) == answer(new)
    assert new.status_code >= 400 and new.json()["status"] == "error"
    assert new.json()["code"] != "INVALID_URL_PATTERN"
    assert not Photo.objects.exists()


def test_the_size_limit_is_bigins_415_on_v1_too(api, org):
    record = org.record("Contacts", "bigin")
    response = upload(api, v1(photo_url(record, "bigin")), org.token(ALL),
                      image_bytes(2000, 1800, (200, 40, 40), "BMP"), name="big.bmp")
    assert (response.status_code, response.json()["code"]) == (
        415, "FILE_SIZE_MORE_THAN_ALLOWED_SIZE")


def test_get_and_delete_without_a_photo_answer_as_v2_does(api, org):
    record = org.record("Contacts", "bigin")
    token = org.token(ALL)
    url = photo_url(record, "bigin")
    new, old = both(lambda target: api.get(target, **auth(token)), url)
    assert answer(old) == answer(new) and new.status_code == 204
    new, old = both(lambda target: api.delete(target, **auth(token)), url)
    assert answer(old) == answer(new)
    assert (new.status_code, new.json()) == (400, error("INVALID_DATA", "No such photo exists"))


def test_only_the_photo_resource_is_under_v1(api, org):
    record = org.record("Contacts", "bigin")
    token = org.token(ALL)
    for url in ("/bigin/v1/Contacts", f"/bigin/v1/Contacts/{record.zoho_id}",
                f"/crm/v1/Leads/{record.zoho_id}/photo"):
        response = api.get(url, **auth(token))
        assert (response.status_code, response.json()["code"]) == (404, "INVALID_URL_PATTERN")


@pytest.mark.django_db(transaction=True)
@pytest.mark.worker
def test_v1_uploads_then_both_versions_download_and_v1_deletes(celery_worker, api, org):
    record = org.record("Contacts", "bigin")
    token = org.token(ALL)
    url = photo_url(record, "bigin")
    assert upload(api, v1(url), token, jpeg_bytes(160, 90)).json() == SUCCESS
    photo = ready_photo(record)
    new, old = both(lambda target: api.get(target, **auth(token)), url)
    assert answer(old) == answer(new)
    assert new.status_code == 200 and new["Content-Type"] == "image/jpeg"
    assert new["Cache-Control"] == old["Cache-Control"]
    response = api.delete(v1(url), **auth(token))
    assert (response.status_code, response.json()) == (200, {
        "code": "SUCCESS", "details": {}, "message": "Photo deleted", "status": "success"})
    assert not Photo.objects.filter(pk=photo.pk).exists()
    new, old = both(lambda target: api.get(target, **auth(token)), url)
    assert answer(old) == answer(new) and new.status_code == 204


def test_the_document_describes_v1_as_v2():
    from tests.support.openapi import document

    paths = document()["paths"]
    v1 = paths["/bigin/v1/{module_name}/{record_id}/photo"]
    v2 = paths["/bigin/v2/{module_name}/{record_id}/photo"]
    assert set(v1) == set(v2) >= {"get", "post", "delete"}
    for method in ("get", "post", "delete"):
        ours, theirs = dict(v1[method]), dict(v2[method])
        assert ours.pop("operationId") != theirs.pop("operationId")
        assert ours == theirs, method
        assert ours["tags"] == ["Bigin"]
    assert "/bigin/v1/{module_name}" not in paths
    assert "/bigin/v1/{module_name}/{record_id}" not in paths


def test_v1_answers_are_the_documented_ones(api, org):
    from tests.support.openapi import assert_documented

    record = org.record("Contacts", "bigin")
    path = "/bigin/v1/{module_name}/{record_id}/photo"
    response = upload(api, v1(photo_url(record, "bigin")), org.token(ALL), png_bytes(120, 80))
    assert response.status_code == 200
    assert_documented("POST", path, response)
    response = upload(api, v1(photo_url(record, "bigin")), org.token(ALL),
                      image_bytes(2000, 1800, (200, 40, 40), "BMP"))
    assert response.status_code == 415
    assert_documented("POST", path, response)
