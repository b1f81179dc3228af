"""Hostile input to the Chatter files resources is Salesforce's 400 body, never a 500: titles
PostgreSQL cannot store (NUL, lone surrogates), JSON nested thousands deep, version numbers of
other digits."""

import pytest

from files.models import File
from tests.support.chatter import error_of, json_part

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n" + b"y" * 3000
UPLOAD = "connect/files/users/me"
DEEP = "[" * 3000 + "]" * 3000


@pytest.mark.parametrize("part", [
    json_part({"title": "re\x00port"}),
    json_part({"title": "report", "desc": "\udc00"}),
    ("json", None, "application/json", '{"title": "re\\u0000port"}'),
])
def test_a_title_the_database_cannot_store_is_invalid_input(as_alice, part):
    response = as_alice.post_multipart("38.0", UPLOAD, [("fileData", "a.pdf", None, PDF), part])
    assert error_of(response)[:2] == (400, "INVALID_INPUT")
    assert not File.objects.exists()


def test_a_title_with_a_nul_in_a_form_field_is_invalid_input(as_alice):
    response = as_alice.post_multipart("38.0", UPLOAD, [("fileData", "a.pdf", None, PDF),
                                                        ("title", None, None, "re\x00port")])
    assert error_of(response)[:2] == (400, "INVALID_INPUT")
    assert not File.objects.exists()


def test_a_json_part_nested_3000_deep_is_a_json_parser_error(as_alice):
    response = as_alice.post_multipart("38.0", UPLOAD, [
        ("fileData", "a.pdf", None, PDF), ("json", None, "application/json",
                                           '{"title": ' + DEEP + "}")])
    status, code, message = error_of(response)
    assert (status, code) == (400, "JSON_PARSER_ERROR") and "nested deeper" in message
    assert not File.objects.exists()


@pytest.mark.parametrize("number", ["²", "٣", "99999999999999999999"])
def test_a_version_number_of_other_digits_is_invalid_input(as_alice, number):
    file_id = as_alice.upload_file(PDF, "a.pdf")["id"]
    response = as_alice.get("38.0", f"connect/files/{file_id}", {"versionNumber": number})
    assert error_of(response)[:2] == (400, "INVALID_INPUT")
