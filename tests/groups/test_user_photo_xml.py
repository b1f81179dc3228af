"""The User Photo resources in XML, as Salesforce documents them for
``chatter/users/{userId}/photo`` (23.0 to 34.0) and ``connect/user-profiles/{userId}/photo``
(from 35.0): the ``<photo>`` request body with the JSON body's properties and version rules, XML
answers (errors included) to ``Accept: application/xml``, hostile XML refused unexpanded."""

import time

import pytest

from tests.support.chatter import (
    BILLION_LAUGHS,
    error_of,
    unsigned,
    xml_error_of,
    xml_fields,
    xml_of,
)
from tests.support.images import RED, YELLOW, close_to, corner_target_png, image_bytes, open_rgb
from tests.support.responses import bytes_of

pytestmark = pytest.mark.django_db

XML = "application/xml"
OLD, NEW = "29.0", "38.0"  # one version of each path
PHOTO_FIELDS = {"largePhotoUrl", "smallPhotoUrl", "photoVersionId", "url", "fullEmailPhotoUrl",
                "standardEmailPhotoUrl"}


def path(version, who="me"):
    if float(version) <= 34:
        return f"chatter/users/{who}/photo"
    return f"connect/user-profiles/{who}/photo"


def url(version, who="me"):
    return f"/services/data/v{version}/{path(version, who)}"


def user_id(user):
    from photos.dialects.chatter.ids import USER, sfid18

    return sfid18(USER, user.pk)


def pixels(client, photo_url):
    response = client.fetch(photo_url)
    assert response.status_code == 200, response.content
    return open_rgb(bytes_of(response))


# --- the XML body ---------------------------------------------------------------------------------
@pytest.mark.parametrize("version", [OLD, NEW])
def test_xml_body_with_crop_and_file_id_gives_the_same_result_as_json(as_alice, render_version,
                                                                      version):
    file = as_alice.upload_file(corner_target_png(), "target.png", version="29.0")
    body = {"cropSize": "120", "cropX": "0", "cropY": "0", "fileId": file["id"]}
    answers, smalls = {}, {}
    for kind, post in (("xml", as_alice.post_xml), ("json", as_alice.post_json)):
        response = post(version, path(version), body)
        assert response.status_code == 201, response.content
        assert response["Content-Type"] == "application/json"  # the Accept's format
        answers[kind] = response.json()
        render_version(answers[kind]["photoVersionId"])
        current = as_alice.get(version, path(version)).json()
        assert current["photoVersionId"] == answers[kind]["photoVersionId"]
        smalls[kind] = pixels(as_alice, current["smallPhotoUrl"])
    assert set(answers["xml"]) == set(answers["json"])
    assert answers["xml"]["photoVersionId"] != answers["json"]["photoVersionId"]  # two posts
    small_xml, small_json = smalls["xml"], smalls["json"]
    assert small_xml.size == small_json.size == (64, 64)
    assert small_xml.tobytes() == small_json.tobytes()
    assert close_to(small_xml.getpixel((16, 16)), RED)
    assert close_to(small_xml.getpixel((48, 48)), YELLOW)


def test_xml_body_for_a_user_given_by_id(as_alice, acme_alice, render_version):
    file = as_alice.upload_file(image_bytes(100, 100, RED), "a.png")
    response = as_alice.post_xml(
        NEW, path(NEW, user_id(acme_alice)),
        f'<?xml version="1.0"?>\n<photo>\n  <fileId> {file["id"]} </fileId>\n</photo>\n')
    assert response.status_code == 201, response.content
    render_version(response.json()["photoVersionId"])
    assert close_to(pixels(as_alice, response.json()["largePhotoUrl"]).getpixel((50, 50)), RED)


def test_xml_body_follows_the_version_rules(as_alice):
    file = as_alice.upload_file(image_bytes(300, 300), "me.png", version="29.0")
    crop = {"fileId": file["id"], "cropX": "0", "cropY": "0", "cropSize": "100"}
    assert error_of(as_alice.post_xml("28.0", path("28.0"), crop))[:2] == \
        (400, "JSON_PARSER_ERROR")
    assert error_of(as_alice.post_xml("24.0", path("24.0"), {"fileId": file["id"]}))[:2] == \
        (400, "JSON_PARSER_ERROR")
    assert as_alice.post_xml("25.0", path("25.0"), {"fileId": file["id"]}).status_code == 201


# --- XML answers ------------------------------------------------------------------------------
@pytest.mark.parametrize("version", [OLD, NEW])
def test_get_answers_xml_when_asked_and_json_otherwise(as_alice, version):
    as_json = as_alice.api.get(url(version), **as_alice.headers)
    as_xml = as_alice.api.get(url(version), HTTP_ACCEPT=XML, **as_alice.headers)
    assert as_json["Content-Type"] == "application/json"
    assert as_xml.status_code == 200 and as_xml["Content-Type"] == "application/xml; charset=utf-8"
    root = xml_of(as_xml)
    assert root.tag == "photo"
    assert unsigned(xml_fields(root)) == unsigned(as_json.json())
    assert [child.tag for child in root] == list(as_json.json())
    assert xml_fields(root)["photoVersionId"] is None  # the default photo: nil
    assert "Accept" in as_xml["Vary"] and "Accept" in as_json["Vary"]


@pytest.mark.parametrize(("accept", "answer"), [
    ("text/html", "application/json"), ("image/png", "application/json"),
    ("application/json;q=0, text/csv", "application/json"),
    ("text/html, application/xml;q=0.5", "application/xml; charset=utf-8")])
def test_an_accept_it_cannot_satisfy_falls_back_to_json(as_alice, accept, answer):
    response = as_alice.api.get(url(NEW), HTTP_ACCEPT=accept, **as_alice.headers)
    assert response.status_code == 200 and response["Content-Type"] == answer
    if answer == "application/json":  # not a 406: Salesforce answers JSON
        assert response.json()["photoVersionId"] is None


def test_head_in_xml_answers_the_xml_bodys_headers(as_alice):
    full = as_alice.api.get(url(OLD), HTTP_ACCEPT=XML, **as_alice.headers)
    head = as_alice.api.head(url(OLD), HTTP_ACCEPT=XML, **as_alice.headers)
    assert full["Content-Type"].startswith(XML)
    assert head.status_code == 200 and head.content == b""
    assert head["Content-Type"] == full["Content-Type"]
    assert int(head["Content-Length"]) == len(full.content)


@pytest.mark.parametrize("version", [OLD, NEW])
def test_post_answers_xml_when_asked(as_alice, version):
    file = as_alice.upload_file(image_bytes(), "a.png")
    response = as_alice.post_xml(version, path(version), {"fileId": file["id"]}, accept=XML)
    assert response.status_code == 201
    posted = xml_fields(xml_of(response))
    assert set(posted) >= PHOTO_FIELDS
    assert posted["photoVersionId"].startswith("729")
    assert posted["largePhotoUrl"].endswith(f"/profilephoto/{posted['photoVersionId']}/F")
    # a JSON body with an XML answer, too
    response = as_alice.api.generic("POST", url(version), f'{{"fileId": "{file["id"]}"}}',
                                    content_type="application/json", HTTP_ACCEPT=XML,
                                    **as_alice.headers)
    assert response.status_code == 201 and xml_of(response).tag == "photo"


def test_delete_answers_204_with_no_body_in_xml_too(as_alice, render_version):
    file = as_alice.upload_file(image_bytes(), "a.png")
    posted = as_alice.post_xml(NEW, path(NEW), {"fileId": file["id"]}, accept=XML)
    render_version(xml_fields(xml_of(posted))["photoVersionId"])
    response = as_alice.api.delete(url(NEW), HTTP_ACCEPT=XML, **as_alice.headers)
    assert response.status_code == 204 and response.content == b""
    assert as_alice.get(NEW, path(NEW)).json()["photoVersionId"] is None


# --- errors, in XML -------------------------------------------------------------------------------
def error_cases(as_alice, as_bob, acme_alice, group):
    """``name -> (json call, xml call)``: the same refusal asked for in each format."""
    file = as_alice.upload_file(image_bytes(300, 200), "a.png")
    alice = user_id(acme_alice)

    def both(body, client=as_alice, version=NEW, who="me"):
        return (lambda: client.post_json(version, path(version, who), body),
                lambda: client.post_xml(version, path(version, who), body, accept=XML))

    def get_both(version, who):
        return (lambda: as_alice.get(version, path(version, who)),
                lambda: as_alice.api.get(url(version, who), HTTP_ACCEPT=XML, **as_alice.headers))

    return {
        "crop before 29.0": both({"fileId": file["id"], "cropSize": "10"}, version="28.0"),
        "file id that is no id": both({"fileId": "hello"}),
        "unknown file": both({"fileId": "069D00000001IOh"}),
        "crop outside the image": both({"fileId": file["id"], "cropX": "0", "cropY": "0",
                                        "cropSize": "201"}),
        "nothing to post": both({}),
        "another user's photo": both({"fileId": file["id"]}, client=as_bob, who=alice),
        "no token": (lambda: as_alice.api.post(url(NEW), {}, format="json"),
                     lambda: as_alice.api.post(url(NEW), {}, format="json", HTTP_ACCEPT=XML)),
        "DELETE on the old path": (
            lambda: as_alice.delete(OLD, path(OLD)),
            lambda: as_alice.api.delete(url(OLD), HTTP_ACCEPT=XML, **as_alice.headers)),
        "old path in 35.0": (
            lambda: as_alice.get("35.0", path(OLD)),
            lambda: as_alice.api.get(f"/services/data/v35.0/{path(OLD)}", HTTP_ACCEPT=XML,
                                     **as_alice.headers)),
        "a group's id": get_both(NEW, group["id"]),
    }


EXPECTED = {
    "crop before 29.0": (400, "JSON_PARSER_ERROR"),
    "file id that is no id": (400, "INVALID_ID_FIELD"),
    "unknown file": (404, "NOT_FOUND"),
    "crop outside the image": (400, "INVALID_INPUT"),
    "nothing to post": (400, "INVALID_INPUT"),
    "another user's photo": (403, "INSUFFICIENT_ACCESS_OR_READONLY"),
    "no token": (401, "INVALID_SESSION_ID"),
    "DELETE on the old path": (405, "METHOD_NOT_ALLOWED"),
    "old path in 35.0": (404, "NOT_FOUND"),
    "a group's id": (400, "INVALID_ID_FIELD"),
}


@pytest.mark.parametrize("case", list(EXPECTED))
def test_documented_refusals_answer_salesforces_xml_error_body(as_alice, as_bob, acme_alice,
                                                               group, case):
    json_call, xml_call = error_cases(as_alice, as_bob, acme_alice, group)[case]
    by_json, by_xml = json_call(), xml_call()
    assert error_of(by_json)[:2] == EXPECTED[case]
    status, code, message = xml_error_of(by_xml)
    assert (status, code) == EXPECTED[case]
    if code != "JSON_PARSER_ERROR":  # the position of a field differs between the formats
        assert message == error_of(by_json)[2]
    for header in ("WWW-Authenticate", "Allow"):
        assert by_xml.get(header) == by_json.get(header)


def test_a_foreign_root_is_a_parser_error(as_alice):
    response = as_alice.post_xml(NEW, path(NEW), "<user><fileId>x</fileId></user>", accept=XML)
    assert xml_error_of(response) == (400, "JSON_PARSER_ERROR",
                                      "Malformed XML: the root element must be <photo>, not "
                                      "<user>.")


# --- hostile XML ----------------------------------------------------------------------------------
@pytest.mark.parametrize("version", [OLD, NEW])
def test_billion_laughs_is_refused_unexpanded(as_alice, version):
    started = time.monotonic()
    response = as_alice.post_xml(version, path(version), BILLION_LAUGHS, accept=XML)
    assert xml_error_of(response) == (400, "JSON_PARSER_ERROR",
                                      "Malformed XML: DTDs and entities are not allowed.")
    assert len(response.content) < 300 and b"lol" not in response.content
    assert time.monotonic() - started < 5
    response = as_alice.post_xml(version, path(version), BILLION_LAUGHS)
    assert error_of(response)[:2] == (400, "JSON_PARSER_ERROR")
    # nothing was set
    assert as_alice.get(version, path(version)).json()["photoVersionId"] is None


# --- the OpenAPI document -------------------------------------------------------------------------
USER_PHOTO_PATHS = [
    "/services/data/v{version}/chatter/users/{user_id}/photo/",
    "/services/data/v{version}/connect/user-profiles/{user_id}/photo/",
]


# the document's XML bodies of the user photo are checked with the group photo's
# (tests/groups/test_group_photo_xml.py, over every photo resource's paths)


def test_xml_answers_are_documented(as_alice):
    from tests.support.openapi import assert_documented

    for response in (as_alice.api.get(url(NEW), HTTP_ACCEPT=XML, **as_alice.headers),
                     as_alice.post_xml(NEW, path(NEW), "<photo/>", accept=XML),
                     as_alice.post_xml(NEW, path(NEW), BILLION_LAUGHS, accept=XML)):
        assert response["Content-Type"].startswith(XML)
        assert_documented(response.request["REQUEST_METHOD"], USER_PHOTO_PATHS[1], response)
