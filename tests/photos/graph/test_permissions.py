"""Graph permissions: user_photos for one's own photos (and those one is tagged in),
friends_photos for the photos of people sharing a workspace, publish_stream to publish,
comment, like and tag; other people's photos do not exist for the caller."""

import pytest

from tests.support.generic import auth, upload
from tests.support.graph import GRAPH_ALL, get, graph_error, publish
from tests.support.images import jpeg_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def alices_photo(api, alice, make_token):
    return publish(api, make_token(GRAPH_ALL, user=alice))


def test_own_photos_need_user_photos(api, alice, make_token, alices_photo):
    token = make_token(["friends_photos", "publish_stream"], user=alice)
    for path in (f"/{alices_photo}", "/me/photos", f"/{alices_photo}/comments",
                 f"/{alices_photo}/picture"):
        response = get(api, path, token)
        assert response.status_code == 403, path
        assert graph_error(response) == {
            "message": "(#10) Requires extended permission: user_photos",
            "type": "OAuthException", "code": 10}
    assert get(api, f"/{alices_photo}", make_token(["user_photos"], user=alice)).json()["id"] \
        == alices_photo


def test_a_friends_photos_need_friends_photos(api, bob, team, make_token, alices_photo, alice):
    without = make_token(["user_photos", "publish_stream"], user=bob)
    for path in (f"/{alices_photo}", f"/{alice.pk}/photos", f"/{alices_photo}/tags"):
        error = graph_error(get(api, path, without))
        assert error["code"] == 10
        assert error["message"] == "(#10) Requires extended permission: friends_photos"
    with_it = make_token(["friends_photos"], user=bob)
    assert get(api, f"/{alices_photo}", with_it).json()["id"] == alices_photo
    listed = get(api, f"/{alice.pk}/photos", with_it).json()["data"]
    assert [photo["id"] for photo in listed] == [alices_photo]


def test_a_strangers_photos_do_not_exist_for_the_caller(api, carol, make_token, alices_photo,
                                                        alice, team):
    token = make_token(GRAPH_ALL, user=carol)
    for path in (f"/{alices_photo}", f"/{alice.pk}/photos", f"/{alice.pk}",
                 f"/{alices_photo}/likes"):
        response = get(api, path, token)
        assert graph_error(response)["message"] == "Unsupported get request.", path
    assert graph_error(api.post(f"/{alices_photo}/comments", {"message": "hi"},
                                **auth(token)))["code"] == 100


def test_being_tagged_lets_one_read_a_strangers_photo_with_user_photos(
        api, alice, carol, make_workspace, make_token):
    # alice and carol share a workspace for the tag only, then carol leaves
    shared = make_workspace(members=[alice, carol])
    alice_token = make_token(GRAPH_ALL, user=alice)
    photo = publish(api, alice_token)
    assert api.post(f"/{photo}/tags", {"to": carol.pk}, **auth(alice_token)).json() is True
    shared.delete()
    carol_token = make_token(["user_photos"], user=carol)
    assert get(api, f"/{photo}", carol_token).json()["id"] == photo
    assert [p["id"] for p in get(api, "/me/photos", carol_token).json()["data"]] == [photo]
    error = graph_error(get(api, f"/{photo}", make_token(["friends_photos"], user=carol)))
    assert error["code"] == 10


def test_a_workspace_token_reads_its_members_photos_with_friends_photos(
        api, alice, team, make_workspace, make_token, alices_photo):
    assert get(api, f"/{alices_photo}",
               make_token(["friends_photos"], workspace=team)).json()["id"] == alices_photo
    assert graph_error(get(api, f"/{alices_photo}",
                           make_token(["user_photos"], workspace=team)))["code"] == 10
    other = make_token(["friends_photos"], workspace=make_workspace())
    assert graph_error(get(api, f"/{alices_photo}", other))["code"] == 100


@pytest.mark.parametrize("method, path, data", [
    ("post", "/me/photos", None),
    ("post", "/{photo}/comments", {"message": "nice"}),
    ("post", "/{photo}/likes", {}),
    ("delete", "/{photo}/likes", None),
    ("post", "/{photo}/tags", {"tag_text": "sunset"}),
    ("post", "/{photo}/tags/{me}", {}),
    ("delete", "/{photo}/tags/{me}", None),
    ("post", "/me/albums", {"name": "Trip"}),
    ("delete", "/{photo}", None),
])
def test_publishing_needs_publish_stream(api, alice, make_token, alices_photo, method, path,
                                         data):
    token = make_token(["user_photos", "friends_photos"], user=alice)
    path = path.format(photo=alices_photo, me=alice.pk)
    if path == "/me/photos":
        response = upload(api, path, token, jpeg_bytes(64, 48))
    else:
        response = getattr(api, method)(path, data, **auth(token))
    assert response.status_code == 403
    assert graph_error(response) == {
        "message": "(#200) Requires extended permission: publish_stream",
        "type": "OAuthException", "code": 200}


def test_nobody_publishes_to_someone_elses_profile_or_album(api, alice, bob, team, make_token,
                                                            alices_photo):
    from photos.models import Album

    token = make_token(GRAPH_ALL, user=bob)
    response = upload(api, f"/{alice.pk}/photos", token, jpeg_bytes(64, 48))
    assert response.status_code == 403 and graph_error(response)["code"] == 200
    album = Album.objects.get(owner=alice)
    response = upload(api, f"/{album.public_id}/photos", token, jpeg_bytes(64, 48))
    assert response.status_code == 403 and graph_error(response)["code"] == 200
    assert album.entries.count() == 1


def test_only_the_poster_deletes_a_photo(api, alice, bob, team, make_token, alices_photo):
    bob_token = make_token(GRAPH_ALL, user=bob)
    response = api.delete(f"/{alices_photo}", **auth(bob_token))
    assert graph_error(response)["code"] == 200
    alice_token = make_token(GRAPH_ALL, user=alice)
    assert api.delete(f"/{alices_photo}", **auth(alice_token)).json() is True
    assert graph_error(get(api, f"/{alices_photo}", alice_token))["code"] == 100


def test_a_workspace_token_cannot_publish(api, team, make_token, alices_photo):
    token = make_token(GRAPH_ALL, workspace=team)
    response = api.post(f"/{alices_photo}/comments", {"message": "hi"}, **auth(token))
    assert response.status_code == 403
    assert graph_error(response)["code"] == 200
