"""Helpers for the Graph API tests."""

from tests.photos.api.helpers import auth, render, upload
from tests.photos.factories import jpeg_bytes


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


def get(api, path, token=None, **params):
    return api.get(path, params, **auth(token))
