"""Every field of the Graph photo (seed 004), read through HTTP after a real upload processed
by the real Celery worker; the URLs download the right bytes at the sizes the body gives."""

import re

import pytest

from photos.models import Photo
from tests.support.generic import auth, upload
from tests.support.graph import GRAPH_ALL
from tests.support.images import jpeg_bytes
from tests.support.responses import downloaded_image
from tests.support.waiting import wait_for_status

GRAPH_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$")


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_every_field_of_a_graph_photo_after_the_worker_processed_it(
        celery_worker, api, client, alice, bob, team, make_token):
    token = make_token(GRAPH_ALL, user=alice, name="Holiday Snaps")
    caption = f"Sunset with @[{bob.pk}] at the lake"
    response = upload(api, "/v2.0/me/photos", token, jpeg_bytes(1200, 900, color=(30, 60, 220)),
                      message=caption, place=str(team.pk))
    assert response.status_code == 200, response.content
    photo_id = response.json()["id"]
    assert response.json()["post_id"] == f"{alice.pk}_{photo_id}"
    wait_for_status(Photo.objects.get(public_id=photo_id))
    assert api.post(f"/{photo_id}/tags", {"to": bob.pk, "x": "25.5", "y": "70"},
                    **auth(token)).json() is True

    body = api.get(f"/{photo_id}", **auth(token)).json()
    assert body["id"] == photo_id
    assert body["from"] == {"id": str(alice.pk), "name": "Alice Liddell"}
    assert body["name"] == "Sunset with Bob Builder at the lake"
    assert body["name_tags"] == [[{"id": str(bob.pk), "name": "Bob Builder", "type": "user",
                                   "offset": 12, "length": 11}]]
    assert body["tags"]["data"] == [{"id": str(bob.pk), "name": "Bob Builder", "x": 25.5,
                                     "y": 70.0, "created_time": body["tags"]["data"][0]
                                     ["created_time"]}]
    assert GRAPH_TIME.match(body["tags"]["data"][0]["created_time"])
    assert body["place"] == {"id": str(team.pk), "name": "Team"}
    assert body["position"] == 1
    assert body["album"]["name"] == "Holiday Snaps"
    assert GRAPH_TIME.match(body["created_time"]) and GRAPH_TIME.match(body["updated_time"])

    # images: the documented representations from 960 down (not the 1200 px original),
    # largest first, each the size it says
    sizes = [(image["width"], image["height"]) for image in body["images"]]
    assert sizes == [(960, 720), (720, 540), (480, 360), (320, 240),
                     (180, 135), (130, 98), (75, 56)]
    for image in body["images"]:
        _, picture = downloaded_image(client, image["source"])
        assert picture.size == (image["width"], image["height"])
        red, green, blue = picture.convert("RGB").getpixel((image["width"] // 2,
                                                            image["height"] // 2))
        assert blue > 150 and red < 90  # the uploaded picture
    # source: the largest up to 960, whose size height and width give
    _, source = downloaded_image(client, body["source"])
    assert source.size == (body["width"], body["height"]) == (960, 720)
    _, picture = downloaded_image(client, body["picture"])
    assert picture.size == (130, 98)
    _, icon = downloaded_image(client, body["icon"])
    assert icon.size == (32, 32)
    _, linked = downloaded_image(client, body["link"])
    assert linked.size == (1200, 900)

    # the album-sized picture, as a redirect and as data
    redirect = api.get(f"/{photo_id}/picture", **auth(token))
    assert redirect.status_code == 302
    _, album_sized = downloaded_image(client, redirect["Location"])
    assert album_sized.size == (180, 135)
    data = api.get(f"/{photo_id}/picture", {"redirect": "false", "type": "thumbnail"},
                   **auth(token)).json()["data"]
    assert data["is_silhouette"] is False
    assert downloaded_image(client, data["url"])[1].size == (130, 98)
    normal = api.get(f"/{photo_id}/picture", {"type": "normal"}, **auth(token))
    assert downloaded_image(client, normal["Location"])[1].size == (960, 720)

    # fields= selects (the id always comes along)
    selected = api.get(f"/{photo_id}", {"fields": "width,height,from"}, **auth(token)).json()
    assert selected == {"id": photo_id, "from": body["from"], "height": 720, "width": 960}
