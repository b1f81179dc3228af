"""GET /photo/{photo-id} shows every field and computed field of the seed, read through HTTP
after a real upload processed by the real Celery worker."""

from datetime import datetime

import pytest

from tests.support.generic import auth, upload
from tests.support.images import jpeg_bytes
from tests.support.responses import downloaded_image
from tests.support.waiting import wait_for_status

SIZES = {"large": (250, 250), "small": (100, 100), "icon": (32, 32)}


def parse_time(value: str) -> datetime:
    assert value.endswith("Z")
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_every_field_of_an_attached_photo_after_the_worker_processed_it(
        celery_worker, api, client, alice, make_workspace, make_token):
    from accounts.models import Application, Membership
    from photos.models import Photo

    # an admin: publishing onto a workspace takes its update rule
    workspace = make_workspace(members=[alice], role=Membership.Role.ADMIN)
    token = make_token(["user_photos", "manage_photos"], user=alice)
    uploaded = jpeg_bytes(1600, 1200, color=(200, 30, 30))
    response = upload(api, f"/workspace/{workspace.pk}/photos", token, uploaded,
                      name="Team day")
    assert response.status_code == 201, response.content
    photo_id = response.json()["_id"]
    wait_for_status(Photo.objects.get(public_id=photo_id))

    body = api.get(f"/photo/{photo_id}", **auth(token)).json()
    assert body["status"] == "ready"
    assert body["_id"] == photo_id
    assert body["name"] == "Team day"
    assert body["tmp"] is False
    assert body["type"] == "image/jpeg"
    assert body["owner"] == str(alice.pk)
    assert body["target"] == f"workspace:{workspace.pk}"
    assert body["workspace"] == str(workspace.pk)
    app = Application.objects.get(photos__public_id=photo_id)
    assert body["thirdparty"] == app.client_id
    created, updated = parse_time(body["created_time"]), parse_time(body["updated_time"])
    assert created <= updated

    # the original is the photo uploaded, at its own size (a JPEG with nothing to clean away
    # comes back byte for byte)
    expected = {"original": (1600, 1200), **SIZES}
    for name, (width, height) in expected.items():
        image = body["images"][name]
        data, picture = downloaded_image(client, image["url"])
        assert image["size"] == str(len(data))
        assert image["dimensions"] == {"width": width, "height": height}
        assert picture.size == (width, height)
        red, green, blue = picture.convert("RGB").getpixel((width // 2, height // 2))
        assert red > 150 and green < 80 and blue < 80  # the uploaded picture, not another
    original = body["images"]["original"]
    assert downloaded_image(client, original["url"])[0] == uploaded
    assert original["size"] == str(len(uploaded))
    assert body["url"] == original["url"]
    assert body["size"] == original["size"]
    assert body["dimensions"] == original["dimensions"]
    assert body["large_url"] == body["images"]["large"]["url"]
    assert body["small_url"] == body["images"]["small"]["url"]
    assert body["icon_url"] == body["images"]["icon"]["url"]


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_temporary_photo_is_processed_and_attached_to_nothing(
        celery_worker, api, client, alice, make_token):
    from photos.models import Photo

    token = make_token(["user_photos", "manage_photos"], user=alice)
    response = upload(api, "/photos", token, jpeg_bytes(300, 200), part="file")
    assert response.status_code == 201
    photo_id = response.json()["_id"]
    wait_for_status(Photo.objects.get(public_id=photo_id))

    body = api.get(f"/photo/{photo_id}", **auth(token)).json()
    assert body["tmp"] is True
    assert body["target"] is None
    assert body["workspace"] is None
    assert body["owner"] == str(alice.pk)
    assert body["name"] == ""
    # a small photo is not enlarged: the original keeps its size, the squares are cropped
    assert body["dimensions"] == {"width": 300, "height": 200}
    _, picture = downloaded_image(client, body["url"])
    assert picture.size == (300, 200)
