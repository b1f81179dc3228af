"""Real answers of the Chatter files resources are the ones the OpenAPI document describes."""

import pytest

from tests.support.chatter import error_of
from tests.support.images import image_bytes
from tests.support.openapi import assert_documented, document

pytestmark = pytest.mark.django_db

V = "/services/data/v{version}/"


@pytest.mark.parametrize("version, files, file", [
    ("36.0", "connect/files/users/{user_id}/", "connect/files/{file_id}/"),
    ("35.0", "chatter/users/{user_id}/files/", "chatter/files/{file_id}/"),
])
def test_a_file_its_versions_and_the_list_are_documented(as_alice, version, files, file):
    created = as_alice.post_multipart(version, files.replace("{user_id}", "me").rstrip("/"), [
        ("fileData", "photo.png", "image/png", image_bytes()),
        ("title", None, None, "Beach"), ("desc", None, None, "At noon")])
    assert created.status_code == 201, created.content
    assert_documented("POST", V + files, created)
    file_id = created.json()["id"]
    path = file.replace("{file_id}", file_id).rstrip("/")

    assert_documented("GET", V + file, as_alice.get(version, path))
    second = as_alice.post_multipart(version, path, [("fileData", "b.txt", "text/plain", b"hi")])
    assert second.status_code == 201, second.content
    assert_documented("POST", V + file, second)
    first = as_alice.get(version, path, {"versionNumber": 1})
    assert first.json()["versionNumber"] == "1"
    assert_documented("GET", V + file, first)
    listed = as_alice.get(version, files.replace("{user_id}", "me").rstrip("/"))
    assert len(listed.json()["files"]) == 1
    assert_documented("GET", V + files, listed)
    content = as_alice.get(version, f"{path}/content")
    assert content.status_code == 200 and content["Content-Type"] == "text/plain"
    # bytes of any type: the document says */*, which assert_documented does not expand
    described = document()["paths"][V + file + "content/"]["get"]["responses"]["200"]
    assert list(described["content"]) == ["*/*"]

    gone = as_alice.delete(version, path)
    assert gone.status_code == 204
    assert_documented("DELETE", V + file, gone)
    missing = as_alice.get(version, path)
    assert error_of(missing)[:2] == (404, "NOT_FOUND")
    assert_documented("GET", V + file, missing)
