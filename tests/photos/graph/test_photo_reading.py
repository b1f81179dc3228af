"""Reading a photo before and after processing, its upload story (``post_id``), and
``/picture``'s parameters."""

import pytest

from tests.support.generic import render, upload
from tests.support.graph import get, graph_error, publish
from tests.support.images import jpeg_bytes

pytestmark = pytest.mark.django_db


def test_a_photo_being_processed_shows_what_exists_only(api, graph_token):
    photo = upload(api, "/me/photos", graph_token, jpeg_bytes(400, 300),
                   message="soon").json()["id"]
    body = get(api, f"/{photo}", graph_token).json()
    assert body["name"] == "soon" and body["position"] == 1
    for missing in ("picture", "source", "images", "icon", "link", "height", "width"):
        assert missing not in body
    response = get(api, f"/{photo}/picture", graph_token)
    assert response.status_code == 400
    assert graph_error(response)["code"] == 100
    assert "not ready" in graph_error(response)["message"]
    render(photo)
    body = get(api, f"/{photo}", graph_token).json()
    assert (body["width"], body["height"]) == (400, 300)
    assert get(api, f"/{photo}/picture", graph_token).status_code == 302


def test_an_unknown_picture_type_is_code_100(api, graph_token):
    photo = publish(api, graph_token)
    response = get(api, f"/{photo}/picture", graph_token, type="huge")
    assert graph_error(response)["code"] == 100
    assert "thumbnail, album, normal" in graph_error(response)["message"]


def test_the_post_id_reads_as_the_upload_story(api, alice, graph_token):
    response = upload(api, "/me/photos", graph_token, jpeg_bytes(200, 100), message="A story")
    photo, post_id = response.json()["id"], response.json()["post_id"]
    render(photo)
    body = get(api, f"/{post_id}", graph_token).json()
    assert body["id"] == post_id and body["object_id"] == photo
    assert body["type"] == "photo" and body["message"] == "A story"
    assert body["from"] == {"id": str(alice.pk), "name": "Alice Liddell"}
    assert body["picture"].startswith("http://testserver/media/")


def test_lists_apply_fields_to_each_photo(api, graph_token):
    publish(api, graph_token, message="one")
    publish(api, graph_token, message="two")
    data = get(api, "/me/photos", graph_token, fields="name,position").json()["data"]
    assert [set(photo) for photo in data] == [{"id", "name", "position"}] * 2
    assert [photo["name"] for photo in data] == ["two", "one"]


def test_a_friend_sees_the_album_and_the_user(api, alice, bob, team, make_token, graph_token):
    publish(api, graph_token)
    friend = make_token(["friends_photos"], user=bob)
    assert get(api, f"/{alice.pk}", friend).json()["name"] == "Alice Liddell"
    [album] = get(api, f"/{alice.pk}/albums", friend).json()["data"]
    assert album["count"] == 1
    assert len(get(api, f"/{album['id']}/photos", friend).json()["data"]) == 1
    assert graph_error(get(api, f"/{album['id']}", make_token([], user=bob)))["code"] == 10
