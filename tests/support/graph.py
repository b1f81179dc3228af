"""The client helper of the Graph API: the same token transport and uploads as the generic API
(``Bearer``, multipart), Graph's permissions, publishing, and its error body."""

from tests.support.generic import auth, get, image_file, render, upload
from tests.support.images import jpeg_bytes

__all__ = ["GRAPH_ALL", "MISSING_ALBUM", "MISSING_PHOTO", "MISSING_USER", "PHOTO_WRITES",
           "assert_alike", "auth", "get", "graph_error", "image_file", "publish", "render",
           "send", "upload"]

GRAPH_ALL = ["user_photos", "friends_photos", "publish_stream"]


def publish(api, token, path="/me/photos", data=None, **fields) -> str:
    """Upload through Graph, render it (as the worker would) and return the photo id."""
    response = upload(api, path, token, data or jpeg_bytes(640, 480), **fields)
    assert response.status_code == 200, response.content
    photo_id = response.json()["id"]
    render(photo_id)
    return photo_id


def graph_error(response) -> dict:
    body = response.json()
    assert set(body) == {"error"}
    return body["error"]


# --- an object the caller cannot see answers as one that does not exist ------------------------
MISSING_PHOTO = "0123456789abcdef01234567"
MISSING_ALBUM = "1234567890123456"
MISSING_USER = "999999999"
PHOTO_WRITES = [  # (method, path, data); {photo} is the object, {uid} a user to tag
    ("delete", "/{photo}", None),
    ("post", "/{photo}", {"message": "hi"}),
    ("post", "/{photo}/comments", {"message": "nice"}),
    ("post", "/{photo}/likes", {}),
    ("delete", "/{photo}/likes", None),
    ("post", "/{photo}/tags", {"to": "{uid}"}),
    ("post", "/{photo}/tags", {"tag_text": "sunset", "x": "500"}),
    ("delete", "/{photo}/tags", {"to": "{uid}"}),
    ("post", "/{photo}/tags/{uid}", {"x": "10"}),
    ("post", "/{photo}/tags/not-a-user", {}),
    ("delete", "/{photo}/tags/{uid}", None),
    ("delete", "/{photo}/tags/not-a-user", None),
]


def send(api, method, path, data, token):
    return getattr(api, method)(path, data, **auth(token))


def assert_alike(invisible, missing):
    assert missing.status_code == 400
    assert missing.json()["error"]["code"] == 100
    assert (invisible.status_code, invisible.content) == (missing.status_code, missing.content)
