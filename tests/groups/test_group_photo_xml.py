"""The Group Photo resource in XML (seed 000: "Root XML tag <photo>"): the request body as XML
with the JSON body's properties and version rules, XML answers (errors included) to
``Accept: application/xml``, and hostile XML refused by the parser without being expanded."""

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
PHOTO_FIELDS = {"largePhotoUrl", "smallPhotoUrl", "photoVersionId", "url", "fullEmailPhotoUrl",
                "standardEmailPhotoUrl"}


def photo_path(group):
    return f"chatter/groups/{group['id']}/photo"


def pixels(client, url):
    response = client.fetch(url)
    assert response.status_code == 200, response.content
    return open_rgb(bytes_of(response))


# --- the XML body ---------------------------------------------------------------------------------
def test_xml_body_with_crop_and_file_id_gives_the_same_result_as_json(as_alice, group,
                                                                      render_version):
    file = as_alice.upload_file(corner_target_png(), "target.png", version="29.0")
    body = {"cropSize": "120", "cropX": "0", "cropY": "0", "fileId": file["id"]}
    smalls = {}
    for kind, post in (("xml", as_alice.post_xml), ("json", as_alice.post_json)):
        response = post("29.0", photo_path(group), body)
        assert response.status_code == 201, response.content
        # the answer's format is the Accept's, whatever the body's
        assert response["Content-Type"] == "application/json"
        assert set(response.json()) == PHOTO_FIELDS
        render_version(response.json()["photoVersionId"])
        current = as_alice.get("29.0", photo_path(group)).json()
        assert current["photoVersionId"] == response.json()["photoVersionId"]
        smalls[kind] = pixels(as_alice, current["smallPhotoUrl"])
    small_xml, small_json = smalls["xml"], smalls["json"]
    assert small_xml.size == small_json.size == (64, 64)
    assert small_xml.tobytes() == small_json.tobytes()
    assert close_to(small_xml.getpixel((16, 16)), RED)
    assert close_to(small_xml.getpixel((48, 48)), YELLOW)


def test_xml_body_with_declaration_whitespace_and_comments(as_alice, group, render_version):
    file = as_alice.upload_file(image_bytes(100, 100, RED), "a.png")
    body = ('<?xml version="1.0" encoding="UTF-8"?>\n<!-- Photodesk -->\n<photo>\n'
            f"  <fileId> {file['id']} </fileId>\n  <versionNumber>1</versionNumber>\n</photo>\n")
    response = as_alice.post_xml("25.0", photo_path(group), body)
    assert response.status_code == 201, response.content
    render_version(response.json()["photoVersionId"])
    assert close_to(pixels(as_alice, response.json()["largePhotoUrl"]).getpixel((50, 50)), RED)


def test_version_number_in_xml_picks_a_version(as_alice, group, render_version):
    file = as_alice.upload_file(image_bytes(100, 100, RED), "a.png")
    as_alice.post_multipart("38.0", f"connect/files/{file['id']}", [
        ("fileData", "a.png", None, image_bytes(100, 100, YELLOW))])
    for body, color in (({"fileId": file["id"]}, YELLOW),
                        ({"fileId": file["id"], "versionNumber": "1"}, RED)):
        response = as_alice.post_xml("29.0", photo_path(group), body)
        assert response.status_code == 201, response.content
        render_version(response.json()["photoVersionId"])
        assert close_to(pixels(as_alice, response.json()["largePhotoUrl"]).getpixel((50, 50)),
                        color)


def test_text_xml_is_xml_too(as_alice, group):
    file = as_alice.upload_file(image_bytes(), "a.png")
    response = as_alice.api.generic(
        "POST", f"/services/data/v29.0/{photo_path(group)}",
        f"<photo><fileId>{file['id']}</fileId></photo>".encode(), content_type="text/xml",
        **as_alice.headers)
    assert response.status_code == 201, response.content


# --- XML answers ------------------------------------------------------------------------------
def test_get_answers_xml_when_asked_and_json_otherwise(as_alice, group):
    path = f"/services/data/v37.0/{photo_path(group)}"
    as_json = as_alice.api.get(path, **as_alice.headers)
    as_xml = as_alice.api.get(path, HTTP_ACCEPT=XML, **as_alice.headers)
    assert as_json["Content-Type"] == "application/json"
    assert as_xml.status_code == 200 and as_xml["Content-Type"] == "application/xml; charset=utf-8"
    root = xml_of(as_xml)
    assert root.tag == "photo"
    # the same properties, in the same order (the e-mail URLs are signed with the second they
    # were made in, which two requests may straddle)
    assert unsigned(xml_fields(root)) == unsigned(as_json.json())
    assert [child.tag for child in root] == list(as_json.json())
    assert xml_fields(root)["photoVersionId"] is None  # the default photo: nil
    assert "Accept" in as_xml["Vary"] and "Accept" in as_json["Vary"]  # for caches
    for accept in ("application/json", "*/*", "application/json, application/xml"):
        response = as_alice.api.get(path, HTTP_ACCEPT=accept, **as_alice.headers)
        assert response["Content-Type"] == "application/json", accept
    # the Accept header chooses, not a ?format= parameter (Salesforce has none: ignored)
    for query in ("?format=xml", "?format=", "?format=bogus"):
        response = as_alice.api.get(path + query, **as_alice.headers)
        assert response.status_code == 200 and response["Content-Type"] == "application/json"
    response = as_alice.api.get(path + "?format=json", HTTP_ACCEPT=XML, **as_alice.headers)
    assert response["Content-Type"].startswith(XML)


def test_head_in_xml_answers_the_xml_bodys_headers(as_alice, group):
    path = f"/services/data/v29.0/{photo_path(group)}"
    full = as_alice.api.get(path, HTTP_ACCEPT=XML, **as_alice.headers)
    head = as_alice.api.head(path, HTTP_ACCEPT=XML, **as_alice.headers)
    assert head.status_code == 200 and head.content == b""
    assert head["Content-Type"] == full["Content-Type"]
    assert int(head["Content-Length"]) == len(full.content)


def test_post_answers_xml_when_asked(as_alice, group):
    file = as_alice.upload_file(image_bytes(), "a.png")
    response = as_alice.post_xml("29.0", photo_path(group), {"fileId": file["id"]}, accept=XML)
    assert response.status_code == 201
    posted = xml_fields(xml_of(response))
    assert set(posted) == PHOTO_FIELDS
    assert posted["photoVersionId"].startswith("729")
    assert posted["largePhotoUrl"].endswith(f"/profilephoto/{posted['photoVersionId']}/F")
    # a JSON body with an XML answer, too
    response = as_alice.api.generic("POST", f"/services/data/v29.0/{photo_path(group)}",
                                    f'{{"fileId": "{file["id"]}"}}',
                                    content_type="application/json", HTTP_ACCEPT=XML,
                                    **as_alice.headers)
    assert response.status_code == 201 and xml_of(response).tag == "photo"


def test_delete_answers_204_with_no_body_in_xml_too(as_alice, group):
    response = as_alice.api.delete(f"/services/data/v29.0/{photo_path(group)}",
                                   HTTP_ACCEPT=XML, **as_alice.headers)
    assert response.status_code == 204 and response.content == b""


# --- errors, in XML -------------------------------------------------------------------------------
def error_cases(as_alice, as_bob, group):
    """``name -> (json call, xml call)``: the same refusal asked for in each format."""
    file = as_alice.upload_file(image_bytes(300, 200), "a.png")
    path = photo_path(group)
    url = f"/services/data/v29.0/{path}"

    def both(body, client=as_alice, version="29.0"):
        return (lambda: client.post_json(version, photo_path(group), body),
                lambda: client.post_xml(version, photo_path(group), body, accept=XML))

    return {
        "crop before 29.0": both({"fileId": file["id"], "cropSize": "10"}, version="25.0"),
        "file id before 25.0": both({"fileId": file["id"]}, version="24.0"),
        "file id of another type": both({"fileId": group["id"]}),
        "file id that is no id": both({"fileId": "hello"}),
        "unknown file": both({"fileId": "069D00000001IOh"}),
        "unknown version": both({"fileId": file["id"], "versionNumber": "2"}),
        "version that is no number": both({"fileId": file["id"], "versionNumber": "first"}),
        "version without file": both({"versionNumber": "1"}),
        "crop incomplete": both({"fileId": file["id"], "cropX": "0"}),
        "crop not a number": both({"fileId": file["id"], "cropX": "ten", "cropY": "0",
                                   "cropSize": "1"}),
        "crop outside the image": both({"fileId": file["id"], "cropX": "0", "cropY": "0",
                                        "cropSize": "201"}),
        "nothing to post": both({}),
        "standard member": both({"fileId": file["id"]}, client=as_bob),
        "version before 23.0": both({"fileId": file["id"]}, version="22.0"),
        "no token": (lambda: as_alice.api.post(url, {}, format="json"),
                     lambda: as_alice.api.post(url, {}, format="json", HTTP_ACCEPT=XML)),
        "PUT": (lambda: as_alice.api.put(url, **as_alice.headers),
                lambda: as_alice.api.put(url, HTTP_ACCEPT=XML, **as_alice.headers)),
        "invalid group id": (
            lambda: as_alice.get("29.0", "chatter/groups/hello/photo"),
            lambda: as_alice.api.get("/services/data/v29.0/chatter/groups/hello/photo",
                                     HTTP_ACCEPT=XML, **as_alice.headers)),
    }


EXPECTED = {
    "crop before 29.0": (400, "JSON_PARSER_ERROR"),
    "file id before 25.0": (400, "JSON_PARSER_ERROR"),
    "file id of another type": (400, "INVALID_ID_FIELD"),
    "file id that is no id": (400, "INVALID_ID_FIELD"),
    "unknown file": (404, "NOT_FOUND"),
    "unknown version": (404, "NOT_FOUND"),
    "version that is no number": (400, "INVALID_INPUT"),
    "version without file": (400, "INVALID_INPUT"),
    "crop incomplete": (400, "INVALID_INPUT"),
    "crop not a number": (400, "INVALID_INPUT"),
    "crop outside the image": (400, "INVALID_INPUT"),
    "nothing to post": (400, "INVALID_INPUT"),
    "standard member": (403, "INSUFFICIENT_ACCESS_OR_READONLY"),
    "version before 23.0": (404, "NOT_FOUND"),
    "no token": (401, "INVALID_SESSION_ID"),
    "PUT": (405, "METHOD_NOT_ALLOWED"),
    "invalid group id": (400, "INVALID_ID_FIELD"),
}


@pytest.mark.parametrize("case", list(EXPECTED))
def test_every_refusal_answers_salesforces_xml_error_body(as_alice, as_bob, group, case):
    json_call, xml_call = error_cases(as_alice, as_bob, group)[case]
    by_json, by_xml = json_call(), xml_call()
    assert error_of(by_json)[:2] == EXPECTED[case]
    status, code, message = xml_error_of(by_xml)
    assert (status, code) == EXPECTED[case]
    if code != "JSON_PARSER_ERROR":  # the position of a field differs between the formats
        assert message == error_of(by_json)[2]
    for header in ("WWW-Authenticate", "Allow"):
        assert by_xml.get(header) == by_json.get(header)


def test_an_unrecognized_xml_property_is_named_with_its_position(as_alice, group):
    response = as_alice.post_xml("28.0", photo_path(group),
                                 "<photo>\n  <fileId>069D00000001IOh</fileId>\n"
                                 "  <cropSize>120</cropSize>\n</photo>", accept=XML)
    assert xml_error_of(response) == (400, "JSON_PARSER_ERROR",
                                      'Unrecognized field "cropSize" at [line:3, column:3]')
    response = as_alice.post_xml("29.0", photo_path(group),
                                 "<photo><fileId>x</fileId><title>t</title></photo>")
    assert error_of(response) == (400, "JSON_PARSER_ERROR",
                                  'Unrecognized field "title" at [line:1, column:26]')


# --- hostile XML ----------------------------------------------------------------------------------
EXTERNAL_ENTITY = ('<?xml version="1.0"?>\n<!DOCTYPE photo [\n'
                   ' <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n'
                   '<photo><fileId>&xxe;</fileId></photo>')
PARAMETER_ENTITY = ('<?xml version="1.0"?>\n<!DOCTYPE photo [\n'
                    ' <!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd">\n %remote;\n]>\n'
                    '<photo/>')
EXTERNAL_DTD = '<?xml version="1.0"?>\n<!DOCTYPE photo SYSTEM "http://127.0.0.1:9/photo.dtd">\n<photo/>'


@pytest.mark.parametrize("body", [BILLION_LAUGHS, EXTERNAL_ENTITY, PARAMETER_ENTITY,
                                  EXTERNAL_DTD],
                         ids=["billion laughs", "external entity", "parameter entity",
                              "external DTD"])
def test_dtds_and_entities_are_refused_unexpanded(as_alice, group, body):
    started = time.monotonic()
    response = as_alice.post_xml("29.0", photo_path(group), body, accept=XML)
    assert xml_error_of(response) == (400, "JSON_PARSER_ERROR",
                                      "Malformed XML: DTDs and entities are not allowed.")
    assert len(response.content) < 300  # nothing expanded, nothing read, echoed back
    assert b"lol" not in response.content and b"root:" not in response.content
    assert time.monotonic() - started < 5
    # in JSON too, as the client's Accept says
    response = as_alice.post_xml("29.0", photo_path(group), body)
    assert error_of(response)[:2] == (400, "JSON_PARSER_ERROR")


@pytest.mark.parametrize(("body", "message"), [
    ("<photo><fileId>069D00000001IOh</fileId>", "Malformed XML: no element found at "
                                                "[line:1, column:40]"),
    ("<photo><fileId>a</photo>", "Malformed XML: mismatched tag at [line:1, column:19]"),
    ("<photo>&undefined;</photo>", "Malformed XML: undefined entity at [line:1, column:8]"),
    ('{"fileId": "069D00000001IOh"}',
     "Malformed XML: not well-formed (invalid token) at [line:1, column:1]"),
    ("<photo/><photo/>", "Malformed XML: junk after document element at [line:1, column:9]"),
    ("<file><fileId>069D00000001IOh</fileId></file>",
     "Malformed XML: the root element must be <photo>, not <file>."),
    ('<photo xmlns="urn:x"><fileId>069D00000001IOh</fileId></photo>',
     "Malformed XML: the root element must be <photo>, not <{urn:x}photo>."),
    ("<photo><fileId><id>069D00000001IOh</id></fileId></photo>",
     "Malformed XML: <fileId> must hold text only."),
    ('<photo><fileId type="x">069D00000001IOh</fileId></photo>',
     "Malformed XML: <fileId> must hold text only."),
    ("<photo><fileId>a</fileId><fileId>b</fileId></photo>",
     "Malformed XML: <fileId> is given twice."),
], ids=["unclosed", "mismatched", "undefined entity", "JSON as XML", "two roots", "wrong root",
        "namespaced root", "nested element", "attribute", "twice"])
def test_malformed_or_foreign_xml_is_a_parser_error(as_alice, group, body, message):
    response = as_alice.post_xml("29.0", photo_path(group), body, accept=XML)
    assert xml_error_of(response) == (400, "JSON_PARSER_ERROR", message)


def test_deep_nesting_is_refused_without_recursion(as_alice, group):
    body = "<photo><cropX>" + "<a>" * 5000 + "</a>" * 5000 + "</cropX></photo>"
    response = as_alice.post_xml("29.0", photo_path(group), body, accept=XML)
    assert xml_error_of(response) == (400, "JSON_PARSER_ERROR",
                                      "Malformed XML: <cropX> must hold text only.")


@pytest.mark.parametrize("size", [64 * 1024 + 1, 5 * 1024 * 1024])
def test_a_huge_xml_body_is_refused_unparsed(as_alice, group, size):
    head, tail = "<photo><fileId>", "</fileId></photo>"
    body = head + "a" * (size - len(head) - len(tail)) + tail
    assert len(body) == size
    response = as_alice.post_xml("29.0", photo_path(group), body, accept=XML)
    assert xml_error_of(response) == (400, "JSON_PARSER_ERROR",
                                      "Malformed XML: the body is larger than 65,536 bytes.")


def test_a_control_character_in_an_error_message_keeps_the_xml_well_formed(as_alice):
    response = as_alice.api.get("/services/data/v29.0/chatter/groups/a%01b/photo",
                                HTTP_ACCEPT=XML, **as_alice.headers)
    assert xml_error_of(response) == (400, "INVALID_ID_FIELD", "Invalid identifier: a\ufffdb")


def test_other_chatter_resources_still_take_json_only(as_alice):
    # (the user photo took JSON only too, until it took the <photo> body as Salesforce documents)
    response = as_alice.post_xml("38.0", "chatter/groups", "<group><name>XML</name></group>")
    assert error_of(response) == (400, "INVALID_INPUT",
                                  "XML request bodies are not supported: send JSON.")


# --- the OpenAPI document -------------------------------------------------------------------------
# every photo resource: the group's (with its community path) and the user's (both its paths)
PHOTO_PATHS = [
    "/services/data/v{version}/chatter/groups/{group_id}/photo/",
    "/services/data/v{version}/connect/communities/{community_id}/chatter/groups/{group_id}/photo/",
    "/services/data/v{version}/chatter/users/{user_id}/photo/",
    "/services/data/v{version}/connect/user-profiles/{user_id}/photo/",
]


@pytest.mark.parametrize("path", PHOTO_PATHS)
def test_the_document_describes_the_xml_body_and_answers(path):
    from tests.support.openapi import document

    operations = document()["paths"][path]
    content = operations["post"]["requestBody"]["content"]
    xml = dict(content[XML]["schema"])
    assert xml.pop("xml") == {"name": "photo"}
    assert xml == content["application/json"]["schema"]  # the same properties and rules
    for method, status in (("get", "200"), ("post", "201")):
        answer = operations[method]["responses"][status]["content"]
        assert answer[XML]["schema"] == {**answer["application/json"]["schema"],
                                         "xml": {"name": "photo"}}
        for code in ("400", "401", "404"):
            error = operations[method]["responses"][code]["content"][XML]["schema"]
            assert error["xml"] == {"name": "Errors", "wrapped": True}
            assert error["items"]["xml"] == {"name": "Error"}


def test_other_chatter_resources_stay_json_in_the_document():
    from tests.support.openapi import document

    operations = document()["paths"]["/services/data/v{version}/chatter/groups/"]
    assert XML not in operations["post"]["requestBody"]["content"]
    assert XML not in operations["get"]["responses"]["200"]["content"]


def test_xml_answers_are_documented(as_alice, group):
    from tests.support.openapi import assert_documented

    path = PHOTO_PATHS[0]
    url = f"/services/data/v29.0/{photo_path(group)}"
    for response in (as_alice.api.get(url, HTTP_ACCEPT=XML, **as_alice.headers),
                     as_alice.post_xml("29.0", photo_path(group), "<photo/>", accept=XML),
                     as_alice.post_xml("29.0", photo_path(group), BILLION_LAUGHS, accept=XML)):
        assert response["Content-Type"].startswith(XML)
        assert_documented(response.request["REQUEST_METHOD"], path, response)
