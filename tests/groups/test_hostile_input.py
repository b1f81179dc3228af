"""Hostile input to the Chatter groups resources is Salesforce's 400 body, never a 500: pages
past any offset PostgreSQL takes, digits that are not ASCII, group names PostgreSQL cannot
store (NUL, lone surrogates), JSON nested thousands deep."""

import pytest

from groups.models import Group
from tests.support.chatter import error_of

pytestmark = pytest.mark.django_db

DEEP = "[" * 3000 + "]" * 3000


@pytest.mark.parametrize("params", [{"page": "999999999999999999"}, {"page": "1000001"},
                                    {"page": "²"}, {"pageSize": "²"}, {"page": "٣"}])
def test_pages_past_any_offset_or_of_other_digits_are_invalid_input(as_alice, group, params):
    for path in ("chatter/groups", f"chatter/groups/{group['id']}/members"):
        assert error_of(as_alice.get("29.0", path, params))[:2] == (400, "INVALID_INPUT")


def test_the_last_page_number_still_answers(as_alice, group):
    body = as_alice.get("29.0", "chatter/groups", {"page": "1000000", "pageSize": "250"}).json()
    assert body["groups"] == []


@pytest.mark.parametrize("name", ["Bird\x00s", "\ud800Birds"])
def test_a_group_name_the_database_cannot_store_is_invalid_input(as_alice, name):
    as_json = as_alice.post_json("29.0", "chatter/groups",
                                 {"name": name, "visibility": "PublicAccess"})
    assert error_of(as_json)[:2] == (400, "INVALID_INPUT")
    assert not Group.objects.exists()


def test_a_group_name_with_a_nul_in_the_parameters_is_invalid_input(as_alice):
    response = as_alice.post_params("29.0", "chatter/groups",
                                    {"name": "Bird\x00s", "visibility": "PublicAccess"})
    assert error_of(response)[:2] == (400, "INVALID_INPUT")
    assert not Group.objects.exists()


def test_a_description_with_a_nul_is_invalid_input(as_alice):
    response = as_alice.post_raw(
        "29.0", "chatter/groups",
        b'{"name": "Birds", "visibility": "PublicAccess", "description": "a\\u0000b"}',
        "application/json")
    assert error_of(response)[:2] == (400, "INVALID_INPUT")
    assert not Group.objects.exists()


def test_a_body_nested_3000_deep_is_a_json_parser_error(as_alice):
    response = as_alice.post_raw("29.0", "chatter/groups", ('{"name": ' + DEEP + "}").encode(),
                                 "application/json")
    status, code, message = error_of(response)
    assert (status, code) == (400, "JSON_PARSER_ERROR") and "nested deeper" in message
