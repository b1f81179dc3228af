"""Upload limits per dialect, with the default settings: Chatter, Graph and the generic photo API
take what today's phones and cameras make (a 12 MP phone photo, a 24 MP camera photo of more
than 10 MB), Zoho keeps its documented 10 MB / 10 MP and its error, and a decompression bomb
just past the pixel limit is refused by every one of them, in its own error body."""

import functools
import io

import pytest
from PIL import Image

from photos.models import Photo
from tests.support import zoho
from tests.support.chatter import error_of
from tests.support.generic import upload

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
SCOPES = ["user_photos", "manage_photos", "publish_stream"]
ZOHO_TOO_LARGE = zoho.error("FILE_SIZE_MORE_THAN_ALLOWED_SIZE",
                            "please check if the file size is in the correct range")


@functools.cache
def photo(width: int, height: int, quality: int) -> bytes:
    """A JPEG with a camera photo's detail (grain over gradients), which JPEG compresses about
    as it compresses a real photo: a 24 MP one at quality 95 is about 13 MB."""
    grain = Image.effect_noise((width // 2, height // 2), 40).resize((width, height))
    ramp = Image.linear_gradient("L").resize((width, height))
    out = io.BytesIO()
    Image.merge("RGB", [grain, ramp, Image.blend(grain, ramp, 0.5)]).save(
        out, "JPEG", quality=quality)
    return out.getvalue()


def phone_photo() -> bytes:
    return photo(4032, 3024, 90)  # 12.2 MP


def camera_photo() -> bytes:
    data = photo(6000, 4000, 95)  # 24 MP
    assert len(data) > 10 * MB  # over the old limit, and Zoho's
    return data


def bomb() -> bytes:
    """A real PNG of 6000x6000 one-bit pixels (36 MP, past the 32 MP limit) in a few kilobytes."""
    out = io.BytesIO()
    Image.new("1", (6000, 6000), 0).save(out, "PNG", optimize=True)
    assert len(out.getvalue()) < 100_000
    return out.getvalue()


@pytest.mark.parametrize("make", [phone_photo, camera_photo], ids=["12MP-phone", "24MP-camera"])
def test_the_generic_api_and_graph_take_phone_and_camera_photos(api, alice, make_token, make):
    token = make_token(SCOPES, user=alice)
    data = make()
    created = upload(api, "/photos", token, data, part="file")
    assert created.status_code == 201, created.content
    assert created.json()["type"] == "image/jpeg"
    posted = upload(api, "/v2.0/me/photos", token, data)
    assert posted.status_code == 200, posted.content
    sizes = {(p.width, p.height) for p in Photo.objects.filter(
        public_id__in=[created.json()["_id"], posted.json()["id"]])}
    assert sizes == {Image.open(io.BytesIO(data)).size}


@pytest.mark.parametrize("make", [phone_photo, camera_photo], ids=["12MP-phone", "24MP-camera"])
def test_chatter_takes_phone_and_camera_photos(as_alice, group, make):
    response = as_alice.post_multipart("29.0", f"chatter/groups/{group['id']}/photo", [
        ("fileUpload", "photo.jpg", "image/jpeg", make())])
    assert response.status_code == 201, response.content


@pytest.mark.parametrize("make", [phone_photo, camera_photo], ids=["12MP-phone", "24MP-camera"])
def test_zoho_keeps_its_documented_limits_and_error(api, org, make):
    record = org.record()
    response = zoho.upload(api, zoho.photo_url(record), org.token("ZohoCRM.modules.ALL"), make(),
                           name="photo.jpg")
    assert (response.status_code, response.json()) == (400, ZOHO_TOO_LARGE)
    assert not Photo.objects.exists()


def test_a_bomb_past_the_pixel_limit_is_refused_in_each_dialects_own_error(
        api, alice, make_token, as_alice, group, org):
    data = bomb()
    token = make_token(SCOPES, user=alice)
    generic = upload(api, "/photos", token, data, part="file", filename="bomb.png",
                     content_type="image/png")
    assert generic.status_code == 413
    assert generic.json()["success"] is False
    assert generic.json()["error"]["code"] == "photo_too_large"
    assert "32,000,000 pixels" in generic.json()["error"]["message"]

    graph = upload(api, "/v2.0/me/photos", token, data, filename="bomb.png",
                   content_type="image/png")
    assert graph.status_code in (400, 413)
    assert set(graph.json()) == {"error"}
    assert {"message", "type", "code"} <= set(graph.json()["error"])
    assert "32,000,000 pixels" in graph.json()["error"]["message"]

    chatter = as_alice.post_multipart("29.0", f"chatter/groups/{group['id']}/photo", [
        ("fileUpload", "bomb.png", "image/png", data)])
    status, code, message = error_of(chatter)
    assert (status, code) == (400, "INVALID_INPUT") and "32,000,000 pixels" in message

    record = org.record()
    crm = zoho.upload(api, zoho.photo_url(record), org.token("ZohoCRM.modules.ALL"), data)
    assert (crm.status_code, crm.json()) == (400, ZOHO_TOO_LARGE)
    assert not Photo.objects.exists()
