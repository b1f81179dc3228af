"""Every error of the files resources, in Salesforce's error body."""

from datetime import timedelta

import pytest

from tests.support.chatter import Chatter, error_of, json_part, multipart
from tests.support.storage import stored_files

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n" + b"y" * 3000
UPLOAD = "connect/files/users/me"


def test_missing_token_is_401_invalid_session(api):
    response = Chatter(api, None).post_multipart("38.0", UPLOAD, [("fileData", "a.pdf", None,
                                                                    PDF)])
    assert error_of(response) == (401, "INVALID_SESSION_ID", "Session expired or invalid")


def test_unknown_and_expired_tokens_are_401_invalid_session(api, make_token, acme_alice):
    for token in ("not-a-token", make_token(["api"], user=acme_alice,
                                            lifetime=timedelta(seconds=-1))):
        response = Chatter(api, token).get("38.0", UPLOAD)
        assert error_of(response)[:2] == (401, "INVALID_SESSION_ID")


def test_token_without_a_chatter_scope_is_refused(chatter_as, acme_alice):
    response = chatter_as(acme_alice, scopes=["user_photos"]).get("38.0", UPLOAD)
    assert error_of(response) == (401, "INVALID_SESSION_ID",
                                  "This session is not valid for use with the REST API")


@pytest.mark.parametrize("scope", ["api", "chatter_api", "full"])
def test_each_chatter_scope_is_enough(chatter_as, acme_alice, scope):
    assert chatter_as(acme_alice, scopes=[scope]).get("38.0", UPLOAD).status_code == 200


def test_workspace_token_is_refused(api, make_token, acme):
    response = Chatter(api, make_token(["api"], workspace=acme)).get("38.0", UPLOAD)
    assert error_of(response)[:2] == (403, "INSUFFICIENT_ACCESS")


def test_missing_binary_part_is_invalid_input(as_alice):
    response = as_alice.post_multipart("38.0", UPLOAD, [json_part({"title": "x"})])
    status, code, message = error_of(response)
    assert (status, code) == (400, "INVALID_INPUT") and "fileData" in message


def test_empty_file_is_invalid_input(as_alice):
    response = as_alice.post_multipart("38.0", UPLOAD, [("fileData", "a.txt", None, b"")])
    assert error_of(response) == (400, "INVALID_INPUT", "The file is empty.")


def test_unknown_json_property_is_a_json_parser_error(as_alice):
    response = as_alice.post_multipart("38.0", UPLOAD, [
        ("fileData", "a.pdf", None, PDF), json_part({"title": "t", "colour": "red"})])
    assert error_of(response) == (400, "JSON_PARSER_ERROR",
                                  'Unrecognized field "colour" at [line:1, column:16]')


def test_malformed_json_part_is_a_json_parser_error(as_alice):
    response = as_alice.post_multipart("38.0", UPLOAD, [
        ("fileData", "a.pdf", None, PDF), ("json", None, "application/json", '{"title": ')])
    status, code, message = error_of(response)
    assert (status, code) == (400, "JSON_PARSER_ERROR") and "line:1" in message


def test_too_long_title_is_invalid_input(as_alice):
    response = as_alice.post_multipart("38.0", UPLOAD, [
        ("fileData", "a.pdf", None, PDF), json_part({"title": "t" * 256})])
    assert error_of(response)[:2] == (400, "INVALID_INPUT")


def test_file_over_the_limit_is_refused_while_streaming_and_leaves_nothing(
        as_alice, settings, media_root, tmp_path):
    settings.FILE_MAX_BYTES = 1000
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 100  # the parts stream to temporary files
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    before = set(stored_files(media_root))
    response = as_alice.post_multipart("38.0", UPLOAD, [
        ("fileData", "big.bin", None, b"z" * 1001)])
    status, code, message = error_of(response)
    assert (status, code) == (400, "FILE_SIZE_LIMIT_EXCEEDED") and "1000 bytes" in message
    assert set(stored_files(media_root)) == before
    assert list(tmp_path.iterdir()) == []
    assert as_alice.get("38.0", UPLOAD).json()["files"] == []

    accepted = as_alice.post_multipart("38.0", UPLOAD, [
        ("fileData", "fits.bin", None, b"z" * 1000)])
    assert accepted.status_code == 201 and accepted.json()["contentSize"] == 1000


def test_new_version_over_the_limit_is_refused(as_alice, settings):
    file_id = as_alice.upload_file(b"small", "a.txt")["id"]
    settings.FILE_MAX_BYTES = 10
    response = as_alice.post_multipart("38.0", f"connect/files/{file_id}", [
        ("fileData", "a.txt", None, b"x" * 11)])
    assert error_of(response)[:2] == (400, "FILE_SIZE_LIMIT_EXCEEDED")
    assert as_alice.get("38.0", f"connect/files/{file_id}").json()["versionNumber"] == "1"


def test_someone_elses_file_does_not_exist_for_you(as_alice, as_bob):
    file_id = as_alice.upload_file(PDF, "a.pdf")["id"]
    for response in (as_bob.get("38.0", f"connect/files/{file_id}"),
                     as_bob.get("38.0", f"connect/files/{file_id}/content"),
                     as_bob.post_multipart("38.0", f"connect/files/{file_id}",
                                           [("fileData", "a.pdf", None, PDF)]),
                     as_bob.delete("38.0", f"connect/files/{file_id}")):
        assert error_of(response) == (404, "NOT_FOUND", "The requested resource does not exist")
    assert as_alice.get("38.0", f"connect/files/{file_id}").status_code == 200


def test_moderator_reaches_any_file(as_alice, chatter_as, staff_user):
    file_id = as_alice.upload_file(PDF, "a.pdf")["id"]
    response = chatter_as(staff_user).get("38.0", f"connect/files/{file_id}")
    assert response.status_code == 200 and response.json()["sharingRole"] == "Viewer"


def test_other_users_files_list_is_forbidden(as_bob, acme_alice):
    from photos.dialects.chatter.ids import USER, sfid18

    response = as_bob.get("38.0", f"connect/files/users/{sfid18(USER, acme_alice.pk)}")
    assert error_of(response)[:2] == (403, "INSUFFICIENT_ACCESS")


def test_my_own_id_works_like_me(as_alice, acme_alice):
    from photos.dialects.chatter.ids import USER, sfid18

    as_alice.upload_file(PDF, "a.pdf")
    response = as_alice.get("38.0", f"connect/files/users/{sfid18(USER, acme_alice.pk)}")
    assert len(response.json()["files"]) == 1


def test_id_of_another_type_is_invalid_id_field(as_alice):
    from photos.dialects.chatter.ids import GROUP, sfid18

    group_id = sfid18(GROUP, 1)
    response = as_alice.get("38.0", f"connect/files/{group_id}")
    assert error_of(response) == (400, "INVALID_ID_FIELD", f"Invalid identifier: {group_id}")


@pytest.mark.parametrize("bad", ["069", "not-an-id", "069D00000001IOh!", "069000000000001IAAX"])
def test_malformed_id_is_invalid_id_field(as_alice, bad):
    response = as_alice.get("38.0", f"connect/files/{bad}")
    assert error_of(response) == (400, "INVALID_ID_FIELD", f"Invalid identifier: {bad}")


def test_unknown_file_is_not_found(as_alice):
    response = as_alice.get("38.0", "connect/files/069D00000001IOh")
    assert error_of(response) == (404, "NOT_FOUND", "The requested resource does not exist")


def test_unknown_version_number_is_not_found_and_bad_one_invalid(as_alice):
    file_id = as_alice.upload_file(PDF, "a.pdf")["id"]
    missing = as_alice.get("38.0", f"connect/files/{file_id}", {"versionNumber": 2})
    assert error_of(missing)[:2] == (404, "NOT_FOUND")
    for bad in ("two", "0", "-1"):
        response = as_alice.get("38.0", f"connect/files/{file_id}/content",
                                {"versionNumber": bad})
        assert error_of(response)[:2] == (400, "INVALID_INPUT"), bad


def test_method_not_allowed_names_the_allowed_ones(as_alice):
    file_id = as_alice.upload_file(PDF, "a.pdf")["id"]
    response = as_alice.api.put(f"/services/data/v38.0/connect/files/{file_id}",
                                **as_alice.headers)
    assert error_of(response) == (405, "METHOD_NOT_ALLOWED",
                                  "HTTP Method 'PUT' not allowed. Allowed are GET,HEAD,POST,"
                                  "DELETE")


def test_unsupported_body_type_is_invalid_input(as_alice):
    response = as_alice.post_raw("38.0", UPLOAD, b"<file/>", "application/xml")
    assert error_of(response)[:2] == (400, "INVALID_INPUT")


def test_truncated_multipart_body_stores_nothing(as_alice, media_root):
    body, content_type = multipart([("fileData", "a.pdf", None, PDF)])
    before = set(stored_files(media_root))
    response = as_alice.post_raw("38.0", UPLOAD, body[:len(body) // 2], content_type)
    assert error_of(response) == (400, "INVALID_INPUT",
                                  "The multipart body ends inside a file: it is truncated.")
    assert set(stored_files(media_root)) == before


@pytest.mark.parametrize("path", ["sobjects/Account", "chatter/nothing", "connect/files"])
def test_unknown_resources_answer_salesforce_404(as_alice, path):
    response = as_alice.get("38.0", path)
    assert error_of(response) == (404, "NOT_FOUND", "The requested resource does not exist")


@pytest.mark.parametrize("version", ["19.0", "67.0", "99.9"])
def test_unknown_api_versions_are_not_found(as_alice, version):
    assert error_of(as_alice.get(version, UPLOAD))[:2] == (404, "NOT_FOUND")


def test_oversized_json_part_is_refused(as_alice):
    big = '{"title": "' + "t" * (1024 * 1024) + '"}'
    response = as_alice.post_multipart("38.0", UPLOAD, [
        ("fileData", "a.pdf", None, PDF), ("json", None, "application/json", big)])
    assert error_of(response) == (400, "INVALID_INPUT", "The json part is larger than 1 MB.")


def test_version_list_needs_no_token(api):
    versions = api.get("/services/data/").json()
    assert versions[0] == {"label": "Winter '11", "url": "/services/data/v20.0",
                           "version": "20.0"}
    assert {"label": "Summer '12", "url": "/services/data/v25.0", "version": "25.0"} in versions
    assert versions[-1]["version"] == "66.0" and versions[-1]["label"] == "Spring '26"
