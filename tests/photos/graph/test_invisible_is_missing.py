"""An object the caller cannot see answers every Graph write exactly as one that does not exist,
whatever the token's scopes: the same status and the same bytes, so no answer tells them apart.
"""

import pytest

from tests.support.generic import auth, image_file
from tests.support.graph import (
    GRAPH_ALL,
    MISSING_ALBUM,
    MISSING_PHOTO,
    MISSING_USER,
    PHOTO_WRITES,
    assert_alike,
    publish,
    send,
)
from tests.support.images import jpeg_bytes

pytestmark = pytest.mark.django_db

SCOPES = {
    "no scope": [],
    "read only": ["user_photos", "friends_photos"],
    "publish only": ["publish_stream"],
    "every scope": GRAPH_ALL,
}
@pytest.fixture
def strangers_photo(api, make_user, make_workspace, make_token):
    """A photo of someone who shares no workspace with the callers (Alice and Bob)."""
    dora = make_user()
    make_workspace(members=[dora])
    return publish(api, make_token(GRAPH_ALL, user=dora), data=jpeg_bytes(64, 48)), dora


@pytest.mark.parametrize("scopes", SCOPES.values(), ids=SCOPES)
@pytest.mark.parametrize("method, path, data", PHOTO_WRITES)
def test_a_write_on_an_invisible_photo_answers_as_on_a_missing_one(
        api, alice, bob, team, make_token, strangers_photo, scopes, method, path, data):
    photo, _ = strangers_photo
    token = make_token(scopes, user=alice)

    def answer(photo_id):
        body = {k: v.format(uid=bob.pk) for k, v in data.items()} if data else data
        return send(api, method, path.format(photo=photo_id, uid=bob.pk), body, token)

    assert_alike(answer(photo), answer(MISSING_PHOTO))


@pytest.mark.parametrize("scopes", SCOPES.values(), ids=SCOPES)
def test_publishing_to_an_invisible_album_or_user_answers_as_to_a_missing_one(
        api, alice, make_token, strangers_photo, scopes):
    from photos.models import Album

    _, dora = strangers_photo
    album = Album.objects.get(owner=dora)
    token = make_token(scopes, user=alice)

    def upload_to(path):
        return api.post(path, {"source": image_file(jpeg_bytes(64, 48))}, format="multipart",
                        **auth(token))

    assert_alike(upload_to(f"/{album.public_id}/photos"), upload_to(f"/{MISSING_ALBUM}/photos"))
    assert_alike(upload_to(f"/{dora.pk}/photos"), upload_to(f"/{MISSING_USER}/photos"))
    assert_alike(send(api, "post", f"/{dora.pk}/albums", {"name": "Trip"}, token),
                 send(api, "post", f"/{MISSING_USER}/albums", {"name": "Trip"}, token))
    assert album.entries.count() == 1  # the stranger's own upload only


def test_a_workspace_token_of_another_workspace_gets_the_same_answers(
        api, make_workspace, make_token, strangers_photo):
    token = make_token(GRAPH_ALL, workspace=make_workspace())
    photo, _ = strangers_photo
    for method, path in (("delete", "/{photo}"), ("post", "/{photo}/likes")):
        assert_alike(send(api, method, path.format(photo=photo), None, token),
                     send(api, method, path.format(photo=MISSING_PHOTO), None, token))


def test_a_visible_photo_still_names_the_missing_scope(api, alice, bob, team, make_token):
    # visibility first does not hide what a visible photo needs
    photo = publish(api, make_token(GRAPH_ALL, user=alice))
    response = api.delete(f"/{photo}", **auth(make_token(["friends_photos"], user=bob)))
    assert response.status_code == 403
    assert response.json()["error"]["message"] == \
        "(#200) Requires extended permission: publish_stream"
