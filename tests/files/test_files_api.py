"""The Chatter files resources, through HTTP: upload, File Summary, versions, content."""

import hashlib

import pytest

from tests.support.chatter import error_of, json_part, multipart
from tests.support.images import image_bytes
from tests.support.responses import bytes_of
from tests.support.storage import stored_files

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n" + b"x" * 5000


def test_upload_returns_a_file_summary_with_md5_checksum(as_alice, acme_alice):
    content = image_bytes()
    response = as_alice.post_multipart("38.0", "connect/files/users/me", [
        ("fileData", "Team photo.png", "image/png", content),
        json_part({"title": "Team", "desc": "The whole team"}),
    ])
    assert response.status_code == 201
    body = response.json()
    assert body["id"].startswith("069") and len(body["id"]) == 18
    assert body["checksum"] == hashlib.md5(content, usedforsecurity=False).hexdigest()
    assert body["contentSize"] == len(content)
    assert body["title"] == body["name"] == "Team"
    assert body["description"] == "The whole team"
    assert body["mimeType"] == "image/png"
    assert body["fileExtension"] == "png"
    assert body["fileType"] == "Png"
    assert body["type"] == "File"
    assert body["versionNumber"] == "1"
    assert body["origin"] == "Chatter"
    assert body["latestPublishedVersionId"].startswith("068")
    assert body["owner"]["id"].startswith("005") and body["owner"]["name"] == "Alice Liddell"
    assert body["downloadUrl"] == (
        f"/services/data/v38.0/connect/files/{body['id']}/content?versionNumber=1")
    assert body["url"] == f"/services/data/v38.0/connect/files/{body['id']}?versionNumber=1"


def test_up_to_35_the_files_live_under_chatter(as_alice):
    response = as_alice.post_multipart("29.0", "chatter/users/me/files", [
        ("fileData", "report.pdf", "application/pdf", PDF)])
    assert response.status_code == 201
    body = response.json()
    assert body["downloadUrl"].startswith(f"/services/data/v29.0/chatter/files/{body['id']}/")
    assert body["title"] == "report"  # the file name without its extension
    assert body["mimeType"] == "application/pdf"


@pytest.mark.parametrize(("version", "path"), [
    ("36.0", "chatter/users/me/files"), ("35.0", "connect/files/users/me"),
    ("23.0", "chatter/users/me/files")])
def test_a_path_the_version_did_not_have_is_not_found(as_alice, version, path):
    response = as_alice.post_multipart(version, path, [("fileData", "a.pdf", None, PDF)])
    assert error_of(response) == (404, "NOT_FOUND", "The requested resource does not exist")


def test_title_and_desc_may_come_as_request_parameters(as_alice):
    body, content_type = multipart([("fileData", "a.pdf", None, PDF)])
    response = as_alice.api.generic(
        "POST", "/services/data/v38.0/connect/files/users/me?title=Quarterly&desc=Q3", body,
        content_type=content_type, **as_alice.headers)
    assert response.status_code == 201
    assert response.json()["title"] == "Quarterly"
    assert response.json()["description"] == "Q3"


def test_json_part_sent_as_a_file_part_is_read_too(as_alice):
    response = as_alice.post_multipart("38.0", "connect/files/users/me", [
        ("fileData", "a.pdf", None, PDF),
        ("json", "json.json", "application/json", b'{"title": "From a file part"}')])
    assert response.status_code == 201
    assert response.json()["title"] == "From a file part"


def test_get_file_summary_accepts_15_and_18_character_ids_in_any_case(as_alice):
    file_id = as_alice.upload_file(PDF, "a.pdf")["id"]
    for given in (file_id, file_id[:15], file_id.lower(), file_id.upper()):
        response = as_alice.get("38.0", f"connect/files/{given}")
        assert response.status_code == 200, given
        assert response.json()["id"] == file_id


def test_new_version_and_version_number(as_alice):
    file_id = as_alice.upload_file(b"version one", "notes.txt")["id"]
    response = as_alice.post_multipart("38.0", f"connect/files/{file_id}", [
        ("fileData", "notes.txt", "text/plain", b"version two!")])
    assert response.status_code == 201
    second = response.json()
    assert second["id"] == file_id and second["versionNumber"] == "2"
    assert second["title"] == "notes"  # kept from the first version
    assert second["checksum"] == hashlib.md5(b"version two!", usedforsecurity=False).hexdigest()

    latest = as_alice.get("38.0", f"connect/files/{file_id}").json()
    first = as_alice.get("38.0", f"connect/files/{file_id}", {"versionNumber": "1"}).json()
    assert latest["versionNumber"] == "2" and latest["contentSize"] == 12
    assert first["versionNumber"] == "1" and first["contentSize"] == 11
    assert first["latestPublishedVersionId"] == latest["latestPublishedVersionId"]

    assert bytes_of(as_alice.get("38.0", f"connect/files/{file_id}/content")) == b"version two!"
    old = as_alice.get("38.0", f"connect/files/{file_id}/content", {"versionNumber": 1})
    assert bytes_of(old) == b"version one"


def test_download_content_has_type_length_and_name(as_alice):
    content = image_bytes(format="JPEG")
    summary = as_alice.upload_file(content, "holiday.jpg")
    response = as_alice.api.get(summary["downloadUrl"], **as_alice.headers)
    assert response.status_code == 200
    assert bytes_of(response) == content
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Length"] == str(len(content))
    assert response["Content-Disposition"] == 'attachment; filename="holiday.jpg"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_head_answers_headers_without_body(as_alice):
    file_id = as_alice.upload_file(PDF, "a.pdf")["id"]
    summary = as_alice.head("38.0", f"connect/files/{file_id}")
    assert summary.status_code == 200 and summary.content == b""
    assert int(summary["Content-Length"]) > 0
    content = as_alice.head("38.0", f"connect/files/{file_id}/content")
    assert content.status_code == 200 and content.content == b""
    assert content["Content-Length"] == str(len(PDF))


def test_list_my_files(as_alice, as_bob):
    as_alice.upload_file(PDF, "one.pdf")
    as_alice.upload_file(PDF, "two.pdf")
    as_bob.upload_file(PDF, "bobs.pdf")
    body = as_alice.get("38.0", "connect/files/users/me", {"pageSize": 1}).json()
    assert [f["title"] for f in body["files"]] == ["two"]
    assert body["nextPageUrl"].endswith("page=1&pageSize=1")
    second = as_alice.get("38.0", "connect/files/users/me", {"page": 1, "pageSize": 1}).json()
    assert [f["title"] for f in second["files"]] == ["one"] and second["nextPageUrl"] is None


def test_delete_file_removes_it_and_its_content(as_alice, media_root,
                                               django_capture_on_commit_callbacks):
    unique = PDF + b"delete me"
    file_id = as_alice.upload_file(unique, "a.pdf")["id"]
    stored = [p for p in stored_files(media_root) if p.read_bytes() == unique]
    assert len(stored) == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = as_alice.delete("38.0", f"connect/files/{file_id}")
    assert response.status_code == 204 and response.content == b""
    assert not stored[0].exists()
    assert error_of(as_alice.get("38.0", f"connect/files/{file_id}"))[0] == 404


def test_hostile_file_names_stay_names(as_alice, media_root):
    summary = as_alice.upload_file(PDF, "../../../etc/passwd.pdf")
    assert summary["title"] == "passwd" and summary["fileExtension"] == "pdf"
    stored = [p for p in stored_files(media_root) if p.read_bytes() == PDF]
    assert stored and all("files" in p.relative_to(media_root).parts for p in stored)
    odd = as_alice.upload_file(PDF, 'quote" and <tag>.weird-ext!')
    assert odd["mimeType"] == "application/octet-stream" and odd["fileExtension"] is None


def test_a_token_in_the_multipart_body_is_no_salesforce_session(api, make_token, acme_alice):
    # Salesforce takes the session in the Authorization header only; an access_token field
    # (Graph's transport) is not looked for, and the upload is refused
    token = make_token(["api"], user=acme_alice)
    body, content_type = multipart([("access_token", None, None, token),
                                    ("fileData", "a.pdf", None, PDF)])
    response = api.generic("POST", "/services/data/v38.0/connect/files/users/me", body,
                           content_type=content_type)
    assert response.status_code == 401
    assert response.json()[0]["errorCode"] == "INVALID_SESSION_ID"
