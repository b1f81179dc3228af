"""An upload when the disk is full (a real tmpfs, filled to its last byte): each dialect says so
in its own format with ``Retry-After``, instead of a 500, and neither a row nor a partial file
is left."""

import pytest

from tests.support.images import jpeg_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_disk(tmpfs, settings):
    disk = tmpfs("1m")
    (disk.path / "photos").mkdir()
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(disk.path)}}}
    disk.fill()
    return disk


def calls(token, lead):
    return {
        "generic": ("/photos", "source", f"Bearer {token}"),
        "graph": ("/me/photos", "source", f"OAuth {token}"),
        "chatter": ("/services/data/v38.0/connect/user-profiles/me/photo", "fileUpload",
                    f"OAuth {token}"),
        "zoho": (f"/crm/v2/Leads/{lead.zoho_id}/photo", "file", f"Zoho-oauthtoken {token}"),
    }


EXPECTED = {
    "generic": (507, lambda body: body["error"]["code"] == "insufficient_storage"),
    "graph": (503, lambda body: body["error"]["code"] == 2),
    "chatter": (503, lambda body: body[0]["errorCode"] == "SERVER_UNAVAILABLE"),
    "zoho": (503, lambda body: body["code"] == "SERVICE_UNAVAILABLE"),
}


@pytest.mark.parametrize("dialect", list(EXPECTED))
def test_an_upload_on_a_full_disk_is_refused_in_the_dialects_format(api, full_disk,
                                                                    all_dialects_caller, dialect):
    from photos.models import Photo, UnownedFile

    path, field, authorization = calls(all_dialects_caller["token"],
                                       all_dialects_caller["lead"])[dialect]
    photo = jpeg_bytes(800, 600)
    response = api.post(path, {field: _file(photo)}, format="multipart",
                        HTTP_AUTHORIZATION=authorization)
    status, check = EXPECTED[dialect]
    assert response.status_code == status, response.content[:300]
    assert check(response.json()), response.json()
    assert int(response["Retry-After"]) > 0
    assert not Photo.objects.exists() and not UnownedFile.objects.exists()
    assert [p for p in (full_disk.path / "photos").rglob("*") if p.is_file()] == []


def _file(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("photo.jpg", data, content_type="image/jpeg")


def test_a_chatter_file_upload_on_a_full_disk_is_503_and_leaves_nothing(api, full_disk,
                                                                        all_dialects_caller):
    from files.models import File, FileVersion
    from photos.models import UnownedFile

    token = all_dialects_caller["token"]
    response = api.post("/services/data/v38.0/connect/files/users/me",
                        {"fileData": _file(b"%PDF-1.4 " + b"x" * 200_000)}, format="multipart",
                        HTTP_AUTHORIZATION=f"OAuth {token}")
    assert response.status_code == 503, response.content[:300]
    assert response.json()[0]["errorCode"] == "SERVER_UNAVAILABLE"
    assert int(response["Retry-After"]) > 0
    assert not File.objects.exists() and not FileVersion.objects.exists()
    assert not UnownedFile.objects.exists()
    stored = [p for p in full_disk.path.rglob("*") if p.is_file() and p.name != "filler"]
    assert stored == []
