"""A photo a moderator took down is gone from Graph exactly as a photo that never existed: every
read and write answers the same bytes, lists, albums and counts leave it out, and a restore
brings it back."""

import pytest

from photos import moderation, services
from photos.models import Photo
from tests.support.generic import auth
from tests.support.graph import MISSING_PHOTO, PHOTO_WRITES, assert_alike, get, publish, send

pytestmark = pytest.mark.django_db

PHOTO_READS = ["/{photo}", "/{photo}/picture", "/{photo}/comments", "/{photo}/likes",
               "/{photo}/tags", "/{uid}_{photo}"]


def take_down(public_id, moderator):
    assert moderation.take_down(Photo.objects.filter(public_id=public_id),
                                moderator=moderator, reason="nudity") != []


@pytest.mark.parametrize("path", PHOTO_READS)
def test_every_read_of_a_taken_down_photo_answers_as_for_a_missing_one(
        api, alice, graph_token, graph_photo, staff_user, path):
    assert get(api, path.format(photo=graph_photo, uid=alice.pk), graph_token).status_code in (200,
                                                                                               302)
    take_down(graph_photo, staff_user)
    assert_alike(get(api, path.format(photo=graph_photo, uid=alice.pk), graph_token),
                 get(api, path.format(photo=MISSING_PHOTO, uid=alice.pk), graph_token))


@pytest.mark.parametrize("method, path, data", PHOTO_WRITES)
def test_every_write_on_a_taken_down_photo_answers_as_on_a_missing_one(
        api, alice, bob, team, graph_token, graph_photo, staff_user, method, path, data):
    take_down(graph_photo, staff_user)

    def answer(photo_id):
        body = {k: v.format(uid=bob.pk) for k, v in data.items()} if data else data
        return send(api, method, path.format(photo=photo_id, uid=bob.pk), body, graph_token)

    assert_alike(answer(graph_photo), answer(MISSING_PHOTO))
    # not deleted by the owner
    assert Photo.objects.get(public_id=graph_photo).status == "taken_down"


def test_lists_albums_and_counts_leave_it_out_and_restore_brings_it_back(
        api, alice, graph_token, staff_user):
    album = api.post("/me/albums", {"name": "Trip"}, **auth(graph_token)).json()["id"]
    first, second, third = (publish(api, graph_token, path=f"/{album}/photos") for _ in range(3))
    take_down(second, staff_user)

    def ids(path):
        return [item["id"] for item in get(api, path, graph_token).json()["data"]]

    assert ids(f"/{album}/photos") == [first, third]
    assert set(ids("/me/photos")) == {first, third}
    assert get(api, f"/{album}", graph_token).json()["count"] == 2
    assert [a["count"] for a in get(api, "/me/albums", graph_token).json()["data"]
            if a["id"] == album] == [2]
    # ranks close up around it: the third photo is now second in the album
    assert get(api, f"/{third}", graph_token, fields="position").json()["position"] == 2

    assert moderation.restore(Photo.objects.filter(public_id=second), moderator=staff_user)
    services.render_photo(Photo.objects.get(public_id=second).pk)  # what the worker does
    assert ids(f"/{album}/photos") == [first, second, third]
    assert get(api, f"/{third}", graph_token, fields="position").json()["position"] == 3
    assert get(api, f"/{album}", graph_token).json()["count"] == 3
    body = get(api, f"/{second}", graph_token).json()
    assert body["id"] == second and body["images"] and body["picture"]
