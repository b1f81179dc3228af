"""POST /{crm,bigin}/v2/{module}/{record_id}/photo: the upload and every error it can answer."""

import struct
import zlib

import pytest

from photos.models import Photo
from records.models import Record
from tests.support.images import image_bytes, jpeg_bytes, png_bytes
from tests.support.zoho import SUCCESS, auth, error, photo_url, upload

pytestmark = pytest.mark.django_db

CRM_ALL, BIGIN_ALL = "ZohoCRM.modules.ALL", "ZohoBigin.modules.ALL"


# --- success --------------------------------------------------------------------------------------
@pytest.mark.parametrize(("product", "module", "scope"), [
    ("crm", "Leads", CRM_ALL), ("crm", "Vendors", CRM_ALL),
    ("bigin", "Contacts", BIGIN_ALL), ("bigin", "Accounts", BIGIN_ALL),
])
def test_upload_answers_zohos_success_body_and_attaches_a_pending_photo(
        api, org, product, module, scope):
    record = org.record(module, product)
    response = upload(api, photo_url(record, product), org.token(scope), png_bytes(120, 80),
                      name="contact-profile.png")
    assert response.status_code == 200
    assert response.json() == SUCCESS
    photo = Photo.objects.get()
    assert photo.target == record
    assert (photo.spec_set, photo.mime_type, photo.width, photo.height) == (
        "zoho", "image/png", 120, 80)
    assert photo.status == Photo.Status.PENDING  # the reply did not wait for the renditions
    assert photo.owner == org.member and photo.workspace == org.workspace


@pytest.mark.parametrize(("fmt", "mime"), [
    ("png", "image/png"), ("jpeg", "image/jpeg"), ("gif", "image/gif"), ("bmp", "image/bmp"),
])
def test_every_format_zoho_lists_is_accepted_whatever_the_file_is_called(api, org, fmt, mime):
    record = org.record()
    response = upload(api, photo_url(record), org.token(CRM_ALL), image_bytes(format=fmt),
                      name="no-extension")
    assert response.json() == SUCCESS
    assert Photo.objects.get().mime_type == mime


def test_module_names_in_the_url_are_case_insensitive(api, org):
    record = org.record("Leads")
    response = upload(api, photo_url(record, api_name="leads"), org.token(CRM_ALL), png_bytes(120,
                                                                                              80))
    assert response.json() == SUCCESS


def test_bearer_header_works_like_zoho_oauthtoken(api, org):
    record = org.record()
    response = upload(api, photo_url(record), org.token(CRM_ALL), png_bytes(120, 80),
                      scheme="Bearer")
    assert response.json() == SUCCESS


def test_a_second_upload_keeps_the_first_photo_until_the_new_one_is_ready(api, org):
    record = org.record()
    token = org.token(CRM_ALL)
    upload(api, photo_url(record), token, png_bytes(120, 80))
    upload(api, photo_url(record), token, jpeg_bytes(120, 80))
    # both exist until the worker has rendered the new one (tests/records/test_photo_worker.py)
    assert Photo.objects.filter(target_id=str(record.pk)).count() == 2


def test_deleting_a_record_deletes_its_photos(api, org):
    record = org.record()
    upload(api, photo_url(record), org.token(CRM_ALL), png_bytes(120, 80))
    Record.objects.get(pk=record.pk).delete()
    assert not Photo.objects.exists()


# --- authentication -------------------------------------------------------------------------------
def test_missing_token_is_authentication_failure(api, org):
    record = org.record()
    response = api.post(photo_url(record), {"file": png_bytes(120, 80)}, format="multipart")
    assert response.status_code == 401
    assert response.json() == error("AUTHENTICATION_FAILURE", "Authentication failed")


def test_unknown_token_is_invalid_token(api, org):
    response = upload(api, photo_url(org.record()), "1000.not-a-token", png_bytes(120, 80))
    assert response.status_code == 401
    assert response.json() == error("INVALID_TOKEN", "invalid oauth token")


def test_expired_token_is_invalid_token(api, org):
    from datetime import timedelta

    token = org.make_token([CRM_ALL], user=org.member, lifetime=timedelta(seconds=-1))
    response = upload(api, photo_url(org.record()), token, png_bytes(120, 80))
    assert response.status_code == 401
    assert response.json() == error("INVALID_TOKEN", "invalid oauth token")


# --- URL, module, method --------------------------------------------------------------------------
def test_unknown_module_is_invalid_module(api, org):
    record = org.record()
    response = upload(api, f"/crm/v2/Leadz/{record.zoho_id}/photo", org.token(CRM_ALL),
                      png_bytes(120, 80))
    assert response.status_code == 400
    assert response.json() == error("INVALID_MODULE", "the module name given seems to be invalid",
                                    {"resource_path_index": 0})


def test_a_crm_only_module_is_unknown_to_bigin(api, org):
    record = org.record("Vendors")
    response = upload(api, photo_url(record, "bigin"), org.token(BIGIN_ALL), png_bytes(120, 80))
    assert response.status_code == 400
    assert response.json()["message"] == "the module name given seems to be invalid"


@pytest.mark.parametrize(("product", "module", "scope"), [
    ("crm", "Documents", CRM_ALL), ("crm", "Projects", CRM_ALL),
    ("bigin", "Documents", BIGIN_ALL), ("bigin", "Projects", BIGIN_ALL),
])
def test_module_not_supported_in_api_is_invalid_module(api, org, product, module, scope):
    response = upload(api, f"/{product}/v2/{module}/3409643000003088001/photo",
                      org.token(scope), png_bytes(120, 80))
    assert response.status_code == 400
    assert response.json() == error("INVALID_MODULE", "the given module is not supported in api",
                                    {"resource_path_index": 0})


def test_module_without_photos_is_not_supported_in_api(api, org):
    record = org.record("Deals")
    response = upload(api, photo_url(record), org.token(CRM_ALL), png_bytes(120, 80))
    assert response.status_code == 400
    assert response.json()["message"] == "the given module is not supported in api"
    assert not Photo.objects.exists()


@pytest.mark.parametrize("path", [
    "/crm/v2/Leads/{id}/photos", "/crm/v2/Leads/{id}/photo/extra", "/crm/v2/",
    "/bigin/v2/Contacts/{id}/photo/x", "/crm/v9/Leads/{id}/photo", "/bigin/v2/Contacts//photo",
])
def test_wrong_url_is_invalid_url_pattern(api, org, path):
    record = org.record()
    response = upload(api, path.format(id=record.zoho_id), org.token(CRM_ALL), png_bytes(120, 80))
    assert response.status_code == 404
    assert response.json() == error("INVALID_URL_PATTERN",
                                    "Please check if the URL trying to access is a correct one")


@pytest.mark.parametrize("method", ["put", "patch", "options"])
def test_other_methods_are_invalid_request_method(api, org, method):
    record = org.record()
    response = getattr(api, method)(photo_url(record), **auth(org.token(CRM_ALL)))
    assert response.status_code == 400
    assert response.json() == error("INVALID_REQUEST_METHOD",
                                    "The http request method type is not a valid one")


# --- the record -----------------------------------------------------------------------------------
INVALID_ID = error("INVALID_DATA", "the related id given seems to be invalid",
                   {"resource_path_index": 1})


@pytest.mark.parametrize("record_id", ["3409643000003088001", "abc", "-5", "1" * 25, "12.0"])
def test_unknown_record_is_invalid_data(api, org, record_id):
    org.record()
    response = upload(api, f"/crm/v2/Leads/{record_id}/photo", org.token(CRM_ALL), png_bytes(120,
                                                                                             80))
    assert response.status_code == 400
    assert response.json() == INVALID_ID


def test_record_of_another_module_is_invalid_data(api, org):
    contact = org.record("Contacts")
    response = upload(api, f"/crm/v2/Leads/{contact.zoho_id}/photo", org.token(CRM_ALL),
                      png_bytes(120, 80))
    assert (response.status_code, response.json()) == (400, INVALID_ID)


def test_record_of_another_product_is_invalid_data(api, org):
    crm_contact = org.record("Contacts", "crm")
    response = upload(api, f"/bigin/v2/Contacts/{crm_contact.zoho_id}/photo",
                      org.token(BIGIN_ALL), png_bytes(120, 80))
    assert (response.status_code, response.json()) == (400, INVALID_ID)


def test_record_of_another_workspace_is_invalid_data(api, org, make_org):
    elsewhere = make_org().record()
    response = upload(api, photo_url(elsewhere), org.token(CRM_ALL, user=org.owner),
                      png_bytes(120, 80))
    assert (response.status_code, response.json()) == (400, INVALID_ID)
    response = upload(api, photo_url(elsewhere), org.token(CRM_ALL, workspace_token=True),
                      png_bytes(120, 80))
    assert (response.status_code, response.json()) == (400, INVALID_ID)
    assert not Photo.objects.exists()


# --- the file -------------------------------------------------------------------------------------
FILE_TOO_LARGE = ("FILE_SIZE_MORE_THAN_ALLOWED_SIZE",
                  "please check if the file size is in the correct range")
TEN_MB = 10 * 1024 * 1024


def png_declaring(width, height) -> bytes:
    """A small PNG whose header claims ``width`` x ``height`` (a decompression bomb)."""
    data = bytearray(png_bytes(8, 8))
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


def big_bmp() -> bytes:
    return image_bytes(2000, 1800, (200, 40, 40), "BMP")  # 10.8 MB, 3.6 megapixels


@pytest.mark.parametrize(("product", "module", "scope", "status"), [
    ("crm", "Leads", CRM_ALL, 400), ("bigin", "Contacts", BIGIN_ALL, 415),
])
@pytest.mark.parametrize("content", [
    pytest.param(big_bmp, id="10.8MB-request"),
    pytest.param(lambda: png_bytes(120, 80) + b"\0" * (TEN_MB + 1 - len(png_bytes(120, 80))),
                 id="just-over-10MB"),
    pytest.param(lambda: png_bytes(4000, 2600, 0, mode="L"), id="10.4-megapixels"),
    pytest.param(lambda: png_declaring(50_000, 50_000), id="decompression-bomb"),
])
def test_too_large_photo_is_file_size_more_than_allowed(api, org, product, module, scope,
                                                          status, content):
    record = org.record(module, product)
    response = upload(api, photo_url(record, product), org.token(scope), content())
    assert response.status_code == status
    assert response.json() == error(*FILE_TOO_LARGE)
    assert not Photo.objects.exists()


def padded(image: bytes, size: int) -> bytes:
    """``image`` followed by NUL bytes up to ``size``."""
    return image + b"\0" * (size - len(image))


@pytest.mark.parametrize(("product", "module", "scope", "status"), [
    ("crm", "Leads", CRM_ALL, 400), ("bigin", "Contacts", BIGIN_ALL, 415),
])
@pytest.mark.parametrize(("setting", "content"), [
    pytest.param("PHOTO_MAX_BYTES", lambda: image_bytes(100, 100, format="BMP"),
                 id="30kB-over-20kB"),
    pytest.param("PHOTO_MAX_BYTES", lambda: padded(png_bytes(120, 80), 20_000 + 1),
                 id="just-over-20kB"),
    pytest.param("PHOTO_MAX_PIXELS", lambda: png_bytes(200, 101), id="20200-pixels-over-20000"),
])
def test_an_operator_who_lowers_the_photo_limit_lowers_it_for_zoho(
        api, org, settings, product, module, scope, status, setting, content):
    setattr(settings, setting, 20_000)
    record = org.record(module, product)
    response = upload(api, photo_url(record, product), org.token(scope), content())
    assert response.status_code == status
    assert response.json() == error(*FILE_TOO_LARGE)
    assert not Photo.objects.exists()
    # within the operator's limit, the same upload goes through
    setattr(settings, setting, 10**6)
    response = upload(api, photo_url(record, product), org.token(scope), content())
    assert response.json() == SUCCESS


def test_an_operator_who_raises_the_photo_limit_does_not_raise_zohos(api, org, settings):
    settings.PHOTO_MAX_BYTES, settings.PHOTO_MAX_PIXELS = 4 * TEN_MB, 40_000_000
    record = org.record()
    for content in (padded(png_bytes(120, 80), TEN_MB + 1),
                    image_bytes(4000, 2600, 0, "PNG", mode="L")):
        response = upload(api, photo_url(record), org.token(CRM_ALL), content)
        assert (response.status_code, response.json()) == (400, error(*FILE_TOO_LARGE))
    assert not Photo.objects.exists()


def test_a_photo_of_exactly_ten_megapixels_is_accepted(api, org):
    record = org.record()
    response = upload(api, photo_url(record), org.token(CRM_ALL),
                      png_bytes(4000, 2500, 0, mode="L"))
    assert response.json() == SUCCESS


UNSUPPORTED = error("INVALID_DATA", "the file format is not supported; the allowed image formats "
                    "are PNG, JPEG, JPG, GIF and BMP",
                    {"param_name": "file", "supported_formats": ["PNG", "JPEG", "JPG", "GIF",
                                                                 "BMP"]})


@pytest.mark.parametrize(("content", "name"), [
    (image_bytes(60, 40, (200, 40, 40), "WEBP"),
     "photo.webp"),  # the photo engine takes WebP; Zoho does not
    (b"%PDF-1.4 not an image", "photo.png"),
    (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "photo.svg"),
    (b"", "empty.png"),
])
@pytest.mark.parametrize("product", ["crm", "bigin"])
def test_file_of_another_format_is_refused(api, org, content, name, product):
    record = org.record("Contacts", product)
    scope = CRM_ALL if product == "crm" else BIGIN_ALL
    response = upload(api, photo_url(record, product), org.token(scope), content, name=name)
    assert response.status_code == 400
    assert response.json() == UNSUPPORTED
    assert not Photo.objects.exists()


def jpeg_cut_before_its_end() -> bytes:
    whole = jpeg_bytes(640, 480)
    return whole[:int(len(whole) * 0.9)]  # the header is whole, the scan is not


@pytest.mark.parametrize("content", [
    pytest.param(lambda: png_bytes(120, 80)[:20], id="png-cut-in-its-header"),
    pytest.param(jpeg_cut_before_its_end, id="jpeg-cut-before-its-end"),
])
def test_truncated_image_is_invalid_data(api, org, content):
    record = org.record()
    response = upload(api, photo_url(record), org.token(CRM_ALL), content())
    assert response.status_code == 400
    assert response.json() == error("INVALID_DATA",
                                    "the file is not a valid image or is incomplete",
                                    {"param_name": "file"})
    assert not Photo.objects.exists()


@pytest.mark.parametrize("body", [{"photo": "x"}, {}])
def test_missing_file_part_is_required_param_missing(api, org, body):
    record = org.record()
    response = api.post(photo_url(record), body, format="multipart", **auth(org.token(CRM_ALL)))
    assert response.status_code == 400
    assert response.json() == error("REQUIRED_PARAM_MISSING",
                                    "One of the expected parameter is missing",
                                    {"param_name": "file"})


def test_a_json_body_has_no_file(api, org):
    record = org.record()
    response = api.post(photo_url(record), {"file": "aGVsbG8="}, format="json",
                        **auth(org.token(CRM_ALL)))
    assert response.status_code == 400
    assert response.json()["code"] == "REQUIRED_PARAM_MISSING"


def test_malformed_multipart_is_invalid_data(api, org):
    record = org.record()
    response = api.generic("POST", photo_url(record), b"--x\r\ngarbage",
                           content_type="multipart/form-data; boundary=", **auth(
                               org.token(CRM_ALL)))
    assert response.status_code == 400
    assert response.json()["code"] == "INVALID_DATA"


# --- server failure -------------------------------------------------------------------------------
def test_unexpected_failure_is_internal_error_without_a_traceback(api, org, monkeypatch):
    from photos import services as photo_services

    def broken(*args, **kwargs):
        raise RuntimeError("storage password is hunter2")

    monkeypatch.setattr(photo_services, "create_photo", broken)
    record = org.record()
    response = upload(api, photo_url(record), org.token(CRM_ALL), png_bytes(120, 80))
    assert response.status_code == 500
    assert response.json() == error("INTERNAL_ERROR", "Internal Server Error")
    assert b"hunter2" not in response.content and b"Traceback" not in response.content
