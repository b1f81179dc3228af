"""The original every API serves is the photo uploaded, cleaned losslessly: uploaded over HTTP,
processed by the real worker, downloaded from the URL the API gives. Its picture is the
uploaded one byte for byte (JPEG scan data, PNG IDAT), what would betray the sender (GPS, a
thumbnail, XMP, comments, text, data after the end) is gone, and it still displays upright at
the size and with the type the API reports."""

import io
import zipfile

import pytest
from PIL import ExifTags, Image

from photos.models import Photo
from tests.support import images as img
from tests.support import zoho
from tests.support.camera import (
    LATITUDE,
    THUMBNAIL,
    UPRIGHT,
    XMP,
    camera_jpeg,
    camera_png,
    chunks,
    image_data,
    payloads,
)
from tests.support.generic import auth, upload
from tests.support.responses import bytes_of
from tests.support.waiting import wait_for_status

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

BETRAYING = (LATITUDE, b"TestCam", THUMBNAIL, XMP, b"adobe:ns:meta", b"Secret", img.HTML,
             b"<script", b"PK\x03\x04", b"PK\x05\x06")


def as_stored(data: bytes) -> Image.Image:
    """The pixels as stored in the file, before any orientation is applied."""
    im = Image.open(io.BytesIO(data))
    im.load()
    return im


def served_original(api, client, token, data: bytes, filename: str):
    """Upload ``data`` as a temporary photo; its body once ready, the served original's
    response and bytes."""
    response = upload(api, "/photos", token, data, part="file", filename=filename)
    assert response.status_code == 201, response.content
    photo_id = response.json()["_id"]
    assert wait_for_status(Photo.objects.get(public_id=photo_id)).status == "ready"
    body = api.get(f"/photo/{photo_id}", **auth(token)).json()
    served = client.get(body["images"]["original"]["url"])
    assert served.status_code == 200
    return body, served, bytes_of(served)


def assert_served_carefully(response, content_type: str):
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_a_camera_jpeg_keeps_its_scan_data_loses_its_metadata_and_displays_upright(
        celery_worker, api, client, alice, make_token):
    uploaded = camera_jpeg(orientation=6)  # stored 64x96, shown 96x64
    for hidden in BETRAYING:
        assert hidden in uploaded
    token = make_token(["user_photos", "manage_photos"], user=alice)
    body, response, original = served_original(api, client, token, uploaded, "camera.jpg")

    assert_served_carefully(response, "image/jpeg")
    assert image_data(original) == image_data(uploaded)  # every scan, byte for byte
    for hidden in BETRAYING:
        assert hidden not in original
    assert original.endswith(b"\xff\xd9") and not zipfile.is_zipfile(io.BytesIO(original))
    exif = Image.open(io.BytesIO(original)).getexif()
    assert dict(exif) == {ExifTags.Base.Orientation: 6}  # the one tag left
    assert not exif.get_ifd(ExifTags.IFD.GPSInfo)

    shown = img.open_image(original)  # as a viewer shows it
    assert shown.size == UPRIGHT.size == (96, 64)
    turned = as_stored(uploaded).transpose(Image.Transpose.ROTATE_270)
    assert shown.tobytes() == turned.tobytes()  # the very pixels of the upload, upright
    assert img.close_to(shown.getpixel((10, 10)), img.RED)  # the camera's top-left

    assert body["type"] == "image/jpeg"
    assert body["dimensions"] == {"width": 96, "height": 64}
    assert body["size"] == str(len(original))
    assert body["images"]["original"]["dimensions"] == body["dimensions"]


def test_a_png_keeps_its_idat_loses_text_exif_and_trailing_data_and_displays_upright(
        celery_worker, api, client, alice, make_token):
    uploaded = camera_png(orientation=6)
    kinds = {kind for kind, _ in chunks(uploaded)}
    assert {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"} <= kinds
    token = make_token(["user_photos", "manage_photos"], user=alice)
    body, response, original = served_original(api, client, token, uploaded, "edited.png")

    assert_served_carefully(response, "image/png")
    assert payloads(original, b"IDAT") == payloads(uploaded, b"IDAT")
    assert not {b"tEXt", b"zTXt", b"iTXt", b"tIME"} & {kind for kind, _ in chunks(original)}
    for hidden in BETRAYING:
        assert hidden not in original
    assert original.endswith(b"IEND\xaeB`\x82")
    assert dict(Image.open(io.BytesIO(original)).getexif()) == {ExifTags.Base.Orientation: 6}

    shown = img.open_image(original)
    assert shown.size == (96, 64)
    assert shown.tobytes() == UPRIGHT.tobytes()  # lossless: exactly what the camera saw
    assert body["type"] == "image/png"
    assert body["dimensions"] == {"width": 96, "height": 64}
    assert body["size"] == str(len(original))


def test_zoho_answers_a_png_photo_as_image_png_with_the_cleaned_png(celery_worker, api, org):
    record = org.record()
    token = org.token("ZohoCRM.modules.ALL")
    uploaded = camera_png(orientation=None)
    response = zoho.upload(api, zoho.photo_url(record), token, uploaded, name="photo.png")
    assert response.json() == zoho.SUCCESS
    zoho.ready_photo(record)
    response = api.get(zoho.photo_url(record), **zoho.auth(token))
    assert response.status_code == 200
    assert_served_carefully(response, "image/png")
    served = bytes_of(response)
    assert payloads(served, b"IDAT") == payloads(uploaded, b"IDAT")
    for hidden in BETRAYING:
        assert hidden not in served
    assert img.open_image(served).size == (64, 96)  # no orientation: as stored
    # its validator describes the bytes served: sent back, nothing is sent again
    again = api.get(zoho.photo_url(record), HTTP_IF_NONE_MATCH=response["ETag"],
                    **zoho.auth(token))
    assert (again.status_code, bytes_of(again)) == (304, b"")
