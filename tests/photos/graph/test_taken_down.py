"""A photo a moderator took down is gone from Graph exactly as a photo that never existed: every
read and write answers the same bytes, lists, albums and counts leave it out, and a restore
brings it back."""

import pytest

from photos import moderation, services
from photos.models import Photo
from tests.photos.api.helpers import auth
from tests.photos.graph.helpers import get, publish
from tests.photos.graph.test_invisible_is_missing import (
    MISSING_PHOTO,
    PHOTO_WRITES,
    assert_alike,
    send,
)

pytestmark = pytest.mark.django_db

PHOTO_READS = ["/{photo}", "/{photo}/picture", "/{photo}/comments", "/{photo}/likes",
               "/{photo}/tags", "/{uid}_{photo}"]


def take_down(public_id, moderator):
    assert moderation.take_down(Photo.objects.filter(public_id=public_id),
                                moderator=moderator, reason="nudity") != []


@pytest.fixture
def moderator(make_user):
    return make_user(is_staff=True)


@pytest.mark.parametrize("path", PHOTO_READS)
def test_every_read_of_a_taken_down_photo_answers_as_for_a_missing_one(
        api, alice, token, photo, moderator, path):
    assert get(api, path.format(photo=photo, uid=alice.pk), token).status_code in (200, 302)
    take_down(photo, moderator)
    assert_alike(get(api, path.format(photo=photo, uid=alice.pk), token),
                 get(api, path.format(photo=MISSING_PHOTO, uid=alice.pk), token))


@pytest.mark.parametrize("method, path, data", PHOTO_WRITES)
def test_every_write_on_a_taken_down_photo_answers_as_on_a_missing_one(
        api, alice, bob, team, token, photo, moderator, method, path, data):
    take_down(photo, moderator)

    def answer(photo_id):
        body = {k: v.format(uid=bob.pk) for k, v in data.items()} if data else data
        return send(api, method, path.format(photo=photo_id, uid=bob.pk), body, token)

    assert_alike(answer(photo), answer(MISSING_PHOTO))
    assert Photo.objects.get(public_id=photo).status == "taken_down"  # not deleted by the owner


def test_lists_albums_and_counts_leave_it_out_and_restore_brings_it_back(
        api, alice, token, moderator):
    album = api.post("/me/albums", {"name": "Trip"}, **auth(token)).json()["id"]
    first, second, third = (publish(api, token, path=f"/{album}/photos") for _ in range(3))
    take_down(second, moderator)

    def ids(path):
        return [item["id"] for item in get(api, path, token).json()["data"]]

    assert ids(f"/{album}/photos") == [first, third]
    assert set(ids("/me/photos")) == {first, third}
    assert get(api, f"/{album}", token).json()["count"] == 2
    assert [a["count"] for a in get(api, "/me/albums", token).json()["data"]
            if a["id"] == album] == [2]
    # ranks close up around it: the third photo is now second in the album
    assert get(api, f"/{third}", token, fields="position").json()["position"] == 2

    assert moderation.restore(Photo.objects.filter(public_id=second), moderator=moderator)
    services.render_photo(Photo.objects.get(public_id=second).pk)  # what the worker does
    assert ids(f"/{album}/photos") == [first, second, third]
    assert get(api, f"/{third}", token, fields="position").json()["position"] == 3
    assert get(api, f"/{album}", token).json()["count"] == 3
    body = get(api, f"/{second}", token).json()
    assert body["id"] == second and body["images"] and body["picture"]
