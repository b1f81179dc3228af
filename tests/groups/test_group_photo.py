"""The Group Photo resource (seed 000) through HTTP, rendered in this process (the real worker
is in test_photo_processing.py)."""

from datetime import timedelta

import pytest

from tests.support.chatter import Chatter, error_of, json_part
from tests.support.images import (
    BLUE,
    GREEN,
    GREY,
    RED,
    YELLOW,
    close_to,
    corner_target_png,
    image_bytes,
    open_rgb,
)
from tests.support.responses import bytes_of
from tests.support.storage import stored_files

pytestmark = pytest.mark.django_db

NOT_FOUND = (404, "NOT_FOUND", "The requested resource does not exist")


def photo_path(group):
    return f"chatter/groups/{group['id']}/photo"


def upload(client, group, content=None, version="29.0", parts=()):
    content = content if content is not None else image_bytes(400, 300)
    return client.post_multipart(version, photo_path(group), [
        ("fileUpload", "photo.png", "image/png", content), *parts])


def pixels(client, url):
    response = client.fetch(url)
    assert response.status_code == 200, response.content
    return open_rgb(bytes_of(response))


# --- versions ---------------------------------------------------------------------------------
def test_before_23_the_resource_does_not_exist(as_alice, group):
    assert error_of(as_alice.get("22.0", photo_path(group))) == NOT_FOUND
    assert error_of(upload(as_alice, group, version="22.0")) == NOT_FOUND
    assert error_of(as_alice.delete("22.0", photo_path(group))) == NOT_FOUND


@pytest.mark.parametrize(("version", "fields"), [
    ("23.0", {"largePhotoUrl", "smallPhotoUrl"}),
    ("24.0", {"largePhotoUrl", "smallPhotoUrl", "photoVersionId"}),
    ("25.0", {"largePhotoUrl", "smallPhotoUrl", "photoVersionId"}),
    ("28.0", {"largePhotoUrl", "smallPhotoUrl", "photoVersionId", "url", "fullEmailPhotoUrl",
              "standardEmailPhotoUrl"}),
    ("29.0", {"largePhotoUrl", "smallPhotoUrl", "photoVersionId", "url", "fullEmailPhotoUrl",
              "standardEmailPhotoUrl"}),
    ("37.0", {"largePhotoUrl", "smallPhotoUrl", "photoVersionId", "url", "fullEmailPhotoUrl",
              "standardEmailPhotoUrl", "mediumPhotoUrl"}),
])
def test_each_field_appears_from_its_version(as_alice, group, version, fields):
    body = as_alice.get(version, photo_path(group)).json()
    assert set(body) == fields
    if "url" in body:
        assert body["url"] == f"/services/data/v{version}/{photo_path(group)}"


def test_without_a_photo_the_urls_serve_the_default_photo_to_anyone(as_alice, api, group):
    body = as_alice.get("37.0", photo_path(group)).json()
    assert body["photoVersionId"] is None
    anonymous = Chatter(api, None)
    for field, size in (("largePhotoUrl", (200, 200)), ("mediumPhotoUrl", (160, 160)),
                        ("smallPhotoUrl", (64, 64)), ("fullEmailPhotoUrl", (200, 200)),
                        ("standardEmailPhotoUrl", (64, 64))):
        response = anonymous.fetch(body[field])
        assert response.status_code == 200 and response["Content-Type"] == "image/png"
        assert open_rgb(bytes_of(response)).size == size, field


def test_head_answers_the_headers_of_the_photo_body(as_alice, group):
    response = as_alice.head("29.0", photo_path(group))
    assert response.status_code == 200 and response.content == b""
    assert response["Content-Type"] == "application/json"
    assert int(response["Content-Length"]) > 0


# --- posting a photo ---------------------------------------------------------------------------
def test_upload_answers_201_with_the_new_photo_then_serves_it_once_rendered(as_alice, group,
                                                                           render_version):
    response = upload(as_alice, group, image_bytes(400, 300, RED), version="37.0")
    assert response.status_code == 201
    posted = response.json()
    assert posted["photoVersionId"].startswith("729") and len(posted["photoVersionId"]) == 18
    assert posted["largePhotoUrl"].endswith(f"/profilephoto/{posted['photoVersionId']}/F")
    assert posted["mediumPhotoUrl"].endswith("/M") and posted["smallPhotoUrl"].endswith("/T")

    # processing is asynchronous: until it is done, the default photo shows
    assert as_alice.get("37.0", photo_path(group)).json()["photoVersionId"] is None
    assert pixels(as_alice, posted["largePhotoUrl"]).size == (200, 200)  # the default

    render_version(posted["photoVersionId"])
    current = as_alice.get("37.0", photo_path(group)).json()
    assert current["photoVersionId"] == posted["photoVersionId"]
    large = pixels(as_alice, current["largePhotoUrl"])
    assert large.size == (200, 150)  # 200 wide, proportional
    assert close_to(large.getpixel((100, 75)), RED)
    assert pixels(as_alice, current["mediumPhotoUrl"]).size == (160, 120)
    assert pixels(as_alice, current["smallPhotoUrl"]).size == (64, 64)
    group_body = as_alice.get("37.0", f"chatter/groups/{group['id']}").json()
    assert group_body["photo"]["photoVersionId"] == posted["photoVersionId"]


def test_upload_crops_with_the_json_part(as_alice, group, render_version):
    response = upload(as_alice, group, corner_target_png(), parts=[
        json_part({"cropX": "0", "cropY": "0", "cropSize": "120"})])
    assert response.status_code == 201
    render_version(response.json()["photoVersionId"])
    large = pixels(as_alice, response.json()["largePhotoUrl"])
    assert large.size == (120, 120)  # never upscaled past the crop
    for point, color in (((30, 30), RED), ((90, 30), GREEN), ((30, 90), BLUE),
                         ((90, 90), YELLOW)):
        assert close_to(large.getpixel(point), color), point
    assert not any(close_to(large.getpixel(p), GREY) for p in ((0, 0), (119, 119)))


def test_existing_file_by_id_in_the_json_body(as_alice, group, render_version):
    file = as_alice.upload_file(corner_target_png(), "target.png", version="29.0")
    response = as_alice.post_json("29.0", photo_path(group), {
        "cropSize": "120", "cropX": "0", "cropY": "0", "fileId": file["id"]})
    assert response.status_code == 201
    render_version(response.json()["photoVersionId"])
    small = pixels(as_alice, response.json()["smallPhotoUrl"])
    assert small.size == (64, 64)
    assert close_to(small.getpixel((16, 16)), RED) and close_to(small.getpixel((48, 48)), YELLOW)


def test_existing_file_by_request_parameters_with_numbers(as_alice, group, render_version):
    file = as_alice.upload_file(corner_target_png(), "target.png", version="29.0")
    response = as_alice.post_params("29.0", photo_path(group), {
        "fileId": file["id"][:15], "cropX": 60, "cropY": 60, "cropSize": 60})
    assert response.status_code == 201
    render_version(response.json()["photoVersionId"])
    large = pixels(as_alice, response.json()["largePhotoUrl"])
    assert large.size == (60, 60) and close_to(large.getpixel((30, 30)), YELLOW)


def test_version_number_picks_a_version_and_defaults_to_the_latest(as_alice, group, render_version):
    file = as_alice.upload_file(image_bytes(100, 100, RED), "a.png")
    as_alice.post_multipart("38.0", f"connect/files/{file['id']}", [
        ("fileData", "a.png", None, image_bytes(100, 100, BLUE))])
    for body, color in (({"fileId": file["id"]}, BLUE),
                        ({"fileId": file["id"], "versionNumber": "1"}, RED),
                        ({"fileId": file["id"], "versionNumber": 2}, BLUE)):
        response = as_alice.post_json("25.0", photo_path(group), body)
        assert response.status_code == 201, response.content
        render_version(response.json()["photoVersionId"])
        assert close_to(pixels(as_alice, response.json()["largePhotoUrl"]).getpixel((50, 50)),
                        color)


def test_at_25_file_id_works_and_crop_does_not(as_alice, group):
    file = as_alice.upload_file(image_bytes(), "a.png", version="25.0")
    assert as_alice.post_json("25.0", photo_path(group), {"fileId": file["id"]}).status_code \
        == 201
    response = as_alice.post_json("25.0", photo_path(group), {"fileId": file["id"],
                                                              "cropSize": "10"})
    assert error_of(response)[:2] == (400, "JSON_PARSER_ERROR")


def test_at_28_crop_parameters_do_not_exist_yet(as_alice, group):
    file = as_alice.upload_file(image_bytes(), "a.png", version="28.0")
    body = {"cropSize": "120", "cropX": "0", "cropY": "0", "fileId": file["id"]}
    response = as_alice.post_json("28.0", photo_path(group), body)
    assert error_of(response) == (400, "JSON_PARSER_ERROR",
                                  'Unrecognized field "cropSize" at [line:1, column:2]')
    response = as_alice.post_params("28.0", photo_path(group), body)
    assert error_of(response)[:2] == (400, "INVALID_INPUT")
    assert "cropSize" in error_of(response)[2] and "29.0" in error_of(response)[2]
    response = upload(as_alice, group, version="28.0", parts=[
        json_part({"cropX": 0, "cropY": 0, "cropSize": 50})])
    assert error_of(response)[:2] == (400, "JSON_PARSER_ERROR")
    # without the crop, 28.0 takes the same file
    assert as_alice.post_json("28.0", photo_path(group), {"fileId": file["id"]}).status_code \
        == 201


@pytest.mark.parametrize("version", ["23.0", "24.0"])
def test_before_25_only_uploads_exist(as_alice, group, version):
    file = as_alice.upload_file(image_bytes(), "a.png", version="29.0")
    response = as_alice.post_json(version, photo_path(group), {"fileId": file["id"]})
    assert error_of(response)[:2] == (400, "JSON_PARSER_ERROR")
    response = as_alice.post_params(version, photo_path(group), {"versionNumber": 1})
    assert error_of(response)[:2] == (400, "INVALID_INPUT")
    assert upload(as_alice, group, version=version).status_code == 201


def test_json_body_wins_over_request_parameters(as_alice, group, render_version):
    file = as_alice.upload_file(image_bytes(100, 100, GREEN), "a.png")
    response = as_alice.api.generic(
        "POST", f"/services/data/v29.0/{photo_path(group)}?fileId=069D00000001IOh&cropSize=5",
        f'{{"fileId": "{file["id"]}"}}', content_type="application/json", **as_alice.headers)
    assert response.status_code == 201


# --- bad input -------------------------------------------------------------------------------
def test_a_file_that_is_not_an_image_is_refused(as_alice, group):
    file = as_alice.upload_file(b"%PDF-1.4 not an image", "doc.pdf")
    response = as_alice.post_json("29.0", photo_path(group), {"fileId": file["id"]})
    assert error_of(response)[:2] == (400, "INVALID_INPUT")
    text_as_png = upload(as_alice, group, b"just some text, honestly")
    assert error_of(text_as_png)[:2] == (400, "INVALID_INPUT")


@pytest.mark.parametrize("content", [
    image_bytes(300, 200, format="JPEG")[:300],                     # truncated JPEG header
    image_bytes(640, 480, format="JPEG")[:-2],                      # JPEG cut before its EOI
    b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,                              # only a signature
    image_bytes(300, 200)[:150],                                    # PNG cut after its header
    b"",                                                            # empty
])
def test_damaged_images_are_refused(as_alice, group, content):
    assert error_of(upload(as_alice, group, content))[:2] == (400, "INVALID_INPUT")


def png_with_damaged_pixel_data() -> bytes:
    """A PNG whose chunks are whole (right lengths and CRCs, as the upload checks) but whose
    compressed pixels are not a zlib stream: only decoding finds out."""
    import struct
    import zlib

    whole = image_bytes(300, 200)
    start = whole.index(b"IDAT") - 4
    length = struct.unpack(">I", whole[start:start + 4])[0]
    damaged = b"\x78\x9c" + b"\xff" * (length - 2)
    idat = struct.pack(">I", length) + b"IDAT" + damaged + struct.pack(
        ">I", zlib.crc32(b"IDAT" + damaged))
    return whole[:start] + idat + whole[start + 12 + length:]


def test_image_damaged_past_its_header_never_replaces_the_photo(as_alice, group, render_version):
    # the file is whole, so the upload is accepted; the pixels are not, so processing fails
    posted = upload(as_alice, group, png_with_damaged_pixel_data()).json()
    assert render_version(posted["photoVersionId"])["status"] == "failed"
    assert as_alice.get("29.0", photo_path(group)).json()["photoVersionId"] is None
    assert pixels(as_alice, posted["largePhotoUrl"]).size == (200, 200)  # the default photo


def test_decompression_bomb_is_refused(as_alice, group):
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data))

    # a PNG header claiming 50000 x 50000 pixels, with almost no data behind it
    bomb = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 50000, 50000, 8, 2,
                                                             0, 0, 0)) + \
        chunk(b"IDAT", zlib.compress(b"\x00" * 1000)) + chunk(b"IEND", b"")
    status, code, message = error_of(upload(as_alice, group, bomb))
    assert (status, code) == (400, "INVALID_INPUT")
    # in the user's terms: not Pillow's exception text
    assert "32,000,000 pixels" in message  # PHOTO_MAX_PIXELS, in the user's terms
    assert "decompression bomb DOS attack" not in message and "exceeds limit of" not in message


def test_too_many_form_fields_are_refused_without_naming_a_setting(as_alice, group):
    fields = [(f"f{n}", None, "text/plain", "x") for n in range(1100)]
    status, code, message = error_of(upload(as_alice, group, parts=fields))
    assert (status, code) == (400, "INVALID_INPUT")
    assert "too many fields" in message
    assert "DATA_UPLOAD" not in message and "settings" not in message


@pytest.mark.parametrize("crop", [
    {"cropX": "250", "cropY": "0", "cropSize": "100"},   # leaves the 300 x 200 image
    {"cropX": "0", "cropY": "0", "cropSize": "201"},
    {"cropX": "-1", "cropY": "0", "cropSize": "10"},
    {"cropX": "0", "cropY": "0", "cropSize": "0"},
])
def test_crop_square_outside_the_image_is_refused(as_alice, group, crop):
    file = as_alice.upload_file(image_bytes(300, 200), "a.png")
    response = as_alice.post_json("29.0", photo_path(group), {"fileId": file["id"], **crop})
    assert error_of(response)[:2] == (400, "INVALID_INPUT")


@pytest.mark.parametrize("crop", [{"cropX": "0"}, {"cropX": "0", "cropY": "0"},
                                  {"cropSize": "10"}])
def test_crop_parameters_go_together(as_alice, group, crop):
    response = upload(as_alice, group, parts=[json_part(crop)])
    assert error_of(response) == (400, "INVALID_INPUT",
                                  "cropX, cropY and cropSize are required together to crop.")


@pytest.mark.parametrize("body", [{"cropX": "ten", "cropY": "0", "cropSize": "1"},
                                  {"fileId": "069D00000001IOh", "versionNumber": "first"},
                                  {"cropX": True, "cropY": 0, "cropSize": 5}])
def test_numbers_that_are_not_numbers_are_refused(as_alice, group, body):
    assert error_of(as_alice.post_json("29.0", photo_path(group), body))[:2] == \
        (400, "INVALID_INPUT")


def test_file_id_of_another_type_is_invalid_id_field(as_alice, group):
    file = as_alice.upload_file(image_bytes(), "a.png")
    for wrong in (group["id"], file["latestPublishedVersionId"], "hello", 12):
        response = as_alice.post_json("29.0", photo_path(group), {"fileId": wrong})
        assert error_of(response) == (400, "INVALID_ID_FIELD", f"Invalid identifier: {wrong}")


def test_unknown_or_invisible_files_and_versions_are_not_found(as_alice, as_bob, group):
    bobs = as_bob.upload_file(image_bytes(), "bob.png")
    mine = as_alice.upload_file(image_bytes(), "mine.png")
    for body in ({"fileId": "069D00000001IOh"}, {"fileId": bobs["id"]},
                 {"fileId": mine["id"], "versionNumber": 2}):
        assert error_of(as_alice.post_json("29.0", photo_path(group), body)) == NOT_FOUND


def test_file_must_be_under_the_file_limit(as_alice, group, settings):
    content = image_bytes(50, 50)
    file = as_alice.upload_file(content, "a.png")
    settings.FILE_MAX_BYTES = len(content)  # a file of exactly the limit is not "less than"
    response = as_alice.post_json("29.0", photo_path(group), {"fileId": file["id"]})
    assert error_of(response)[:2] == (400, "FILE_SIZE_LIMIT_EXCEEDED")


def test_upload_over_the_photo_limit_is_refused_while_streaming(as_alice, group, settings,
                                                                 media_root):
    settings.PHOTO_MAX_BYTES = 2000
    before = set(stored_files(media_root))
    response = upload(as_alice, group, image_bytes(300, 300) + b"\x00" * 2000)
    assert error_of(response)[:2] == (400, "FILE_SIZE_LIMIT_EXCEEDED")
    assert set(stored_files(media_root)) == before


def test_nothing_to_post_or_too_much_is_invalid_input(as_alice, group):
    file = as_alice.upload_file(image_bytes(), "a.png")
    for response in (
        as_alice.post_json("29.0", photo_path(group), {}),
        as_alice.post_params("29.0", photo_path(group), {}),
        as_alice.post_json("29.0", photo_path(group), {"versionNumber": "1"}),
        upload(as_alice, group, parts=[json_part({"fileId": file["id"]})]),
        as_alice.post_multipart("29.0", photo_path(group),
                                [("photo", "a.png", "image/png", image_bytes())]),
    ):
        assert error_of(response)[:2] == (400, "INVALID_INPUT")


def test_malformed_json_is_a_parser_error(as_alice, group):
    response = as_alice.post_raw("29.0", photo_path(group), b'{"fileId": ', "application/json")
    assert error_of(response)[:2] == (400, "JSON_PARSER_ERROR")
    response = as_alice.post_raw("29.0", photo_path(group), b'["fileId"]', "application/json")
    assert error_of(response)[:2] == (400, "JSON_PARSER_ERROR")


# --- who may ------------------------------------------------------------------------------------
def test_standard_member_may_not_change_the_photo(as_bob, group):
    assert error_of(upload(as_bob, group))[:2] == (403, "INSUFFICIENT_ACCESS_OR_READONLY")
    assert error_of(as_bob.delete("29.0", photo_path(group)))[:2] == \
        (403, "INSUFFICIENT_ACCESS_OR_READONLY")
    assert as_bob.get("29.0", photo_path(group)).status_code == 200


def test_manager_and_moderator_may_change_the_photo(chatter_as, acme_carol, staff_user, group):
    assert upload(chatter_as(acme_carol), group).status_code == 201
    assert upload(chatter_as(staff_user), group).status_code == 201
    assert chatter_as(staff_user).delete("29.0", photo_path(group)).status_code == 204


def test_private_group_photo_is_invisible_to_non_members(as_alice, as_bob, chatter_as,
                                                         outsider):
    private = as_alice.post_json("29.0", "chatter/groups",
                                 {"name": "Secret", "visibility": "PrivateAccess"}).json()
    for client in (as_bob, chatter_as(outsider)):
        assert error_of(client.get("29.0", photo_path(private))) == NOT_FOUND
        assert error_of(upload(client, private)) == NOT_FOUND
        assert error_of(client.delete("29.0", photo_path(private))) == NOT_FOUND


def test_public_group_of_another_workspace_is_invisible(chatter_as, outsider, group):
    assert error_of(chatter_as(outsider).get("29.0", photo_path(group))) == NOT_FOUND


def test_tokens_and_scopes(api, chatter_as, make_token, acme_alice, acme, group):
    assert error_of(Chatter(api, None).get("29.0", photo_path(group))) == \
        (401, "INVALID_SESSION_ID", "Session expired or invalid")
    assert error_of(Chatter(api, "nonsense").get("29.0", photo_path(group)))[:2] == \
        (401, "INVALID_SESSION_ID")
    assert error_of(chatter_as(acme_alice, ["manage_photos"]).get("29.0", photo_path(group)))[:2] \
        == (401, "INVALID_SESSION_ID")
    workspace_token = Chatter(api, make_token(["api"], workspace=acme))
    assert error_of(workspace_token.get("29.0", photo_path(group)))[:2] == \
        (403, "INSUFFICIENT_ACCESS")
    assert chatter_as(acme_alice, ["chatter_api"]).get("29.0", photo_path(group)).status_code == 200


def test_ids_in_the_path(as_alice, acme_alice, group):
    from photos.dialects.chatter.ids import USER, sfid18

    user_id = sfid18(USER, acme_alice.pk)
    assert error_of(as_alice.get("29.0", f"chatter/groups/{user_id}/photo")) == \
        (400, "INVALID_ID_FIELD", f"Invalid identifier: {user_id}")
    assert error_of(as_alice.get("29.0", "chatter/groups/0F9D00000000xyz/photo")) == NOT_FOUND
    for given in (group["id"][:15], group["id"].lower()):
        assert as_alice.get("29.0", f"chatter/groups/{given}/photo").status_code == 200


def test_put_is_not_allowed(as_alice, group):
    response = as_alice.api.put(f"/services/data/v29.0/{photo_path(group)}", **as_alice.headers)
    assert error_of(response) == (405, "METHOD_NOT_ALLOWED", "HTTP Method 'PUT' not allowed. "
                                  "Allowed are GET,HEAD,POST,DELETE")


# --- delete, replace, URLs ------------------------------------------------------------------------
def test_delete_falls_back_to_the_default_photo(as_alice, group, render_version):
    posted = upload(as_alice, group).json()
    render_version(posted["photoVersionId"])
    response = as_alice.delete("29.0", photo_path(group))
    assert response.status_code == 204 and response.content == b""
    body = as_alice.get("29.0", photo_path(group)).json()
    assert body["photoVersionId"] is None and body["largePhotoUrl"].endswith("/0F9/F")
    assert error_of(as_alice.fetch(posted["largePhotoUrl"])) == NOT_FOUND
    assert as_alice.delete("29.0", photo_path(group)).status_code == 204  # nothing left: fine


def test_previous_photo_serves_until_the_new_one_is_ready(as_alice, group, render_version):
    first = upload(as_alice, group, image_bytes(200, 200, RED)).json()
    render_version(first["photoVersionId"])
    second = upload(as_alice, group, image_bytes(200, 200, BLUE)).json()
    assert as_alice.get("29.0", photo_path(group)).json()["photoVersionId"] == \
        first["photoVersionId"]
    assert close_to(pixels(as_alice, second["largePhotoUrl"]).getpixel((10, 10)), RED)
    render_version(second["photoVersionId"])
    assert as_alice.get("29.0", photo_path(group)).json()["photoVersionId"] == \
        second["photoVersionId"]
    assert close_to(pixels(as_alice, second["largePhotoUrl"]).getpixel((10, 10)), BLUE)
    # the replaced photo is gone once a third one is posted
    upload(as_alice, group, image_bytes(200, 200, GREEN))
    assert error_of(as_alice.fetch(first["largePhotoUrl"])) == NOT_FOUND


def test_photo_urls_need_a_token_that_sees_the_group(api, as_alice, chatter_as, outsider, group,
                                                     render_version):
    posted = upload(as_alice, group).json()
    render_version(posted["photoVersionId"])
    assert error_of(Chatter(api, None).fetch(posted["largePhotoUrl"]))[:2] == \
        (401, "INVALID_SESSION_ID")
    assert error_of(chatter_as(outsider).fetch(posted["largePhotoUrl"])) == NOT_FOUND
    assert error_of(as_alice.fetch(posted["largePhotoUrl"].replace("/729", "/0F9")))[:2] == \
        (400, "INVALID_ID_FIELD")
    fifteen = posted["largePhotoUrl"].replace(posted["photoVersionId"],
                                              posted["photoVersionId"][:15])
    assert as_alice.fetch(fifteen).status_code == 200


def test_email_urls_work_without_a_token_for_30_days(api, as_alice, group, render_version,
                                                     monkeypatch):
    import time

    posted = upload(as_alice, group, image_bytes(400, 300, GREEN)).json()
    render_version(posted["photoVersionId"])
    anonymous = Chatter(api, None)
    full = anonymous.fetch(posted["fullEmailPhotoUrl"])
    assert full.status_code == 200
    assert open_rgb(bytes_of(full)).size == (200, 150)
    assert open_rgb(bytes_of(anonymous.fetch(posted["standardEmailPhotoUrl"]))).size == \
        (64, 64)
    tampered = posted["fullEmailPhotoUrl"][:-3] + "abc"
    assert error_of(anonymous.fetch(tampered)) == NOT_FOUND

    later = time.time() + timedelta(days=29).total_seconds()
    monkeypatch.setattr(time, "time", lambda: later)
    assert anonymous.fetch(posted["fullEmailPhotoUrl"]).status_code == 200
    expired = later + timedelta(days=2).total_seconds()
    monkeypatch.setattr(time, "time", lambda: expired)
    assert error_of(anonymous.fetch(posted["fullEmailPhotoUrl"])) == NOT_FOUND


def test_community_path_reaches_only_its_groups(as_alice, acme, render_version):
    from groups.models import Community

    community = Community.objects.create(workspace=acme, name="Partners")
    other = Community.objects.create(workspace=acme, name="Others")
    prefix = f"connect/communities/{community.sfid}/"
    group = as_alice.post_json("29.0", f"{prefix}chatter/groups",
                               {"name": "Partner photos", "visibility": "PublicAccess"}).json()
    path = f"{prefix}chatter/groups/{group['id']}/photo"
    response = as_alice.post_multipart("29.0", path, [("fileUpload", "a.png", "image/png",
                                                       image_bytes())])
    assert response.status_code == 201
    assert response.json()["url"] == f"/services/data/v29.0/{path}"
    render_version(response.json()["photoVersionId"])
    assert as_alice.get("23.0", path).json()["largePhotoUrl"] == \
        response.json()["largePhotoUrl"]
    for wrong in (f"connect/communities/{other.sfid}/chatter/groups/{group['id']}/photo",
                  f"chatter/groups/{group['id']}/photo"):
        assert error_of(as_alice.get("29.0", wrong)) == NOT_FOUND
    assert error_of(as_alice.get("29.0", f"connect/communities/{group['id']}/chatter/groups/"
                                 f"{group['id']}/photo"))[:2] == (400, "INVALID_ID_FIELD")


def test_form_encoded_parameters_and_uploads_without_file_ids(as_alice, group):
    from urllib.parse import urlencode

    file = as_alice.upload_file(image_bytes(), "a.png")
    response = as_alice.api.generic(
        "POST", f"/services/data/v29.0/{photo_path(group)}",
        urlencode({"fileId": file["id"], "cropX": 0, "cropY": 0, "cropSize": 50}),
        content_type="application/x-www-form-urlencoded", **as_alice.headers)
    assert response.status_code == 201
    # an image uploaded directly as the photo is no file of the Files page
    assert upload(as_alice, group).status_code == 201
    assert [f["id"] for f in as_alice.get("38.0", "connect/files/users/me").json()["files"]] \
        == [file["id"]]


@pytest.mark.parametrize("value", ["+-5", "²", "1e3", "12.5", " "])
def test_odd_number_strings_are_refused(as_alice, group, value):
    response = as_alice.post_json("29.0", photo_path(group), {
        "fileId": "069D00000001IOh", "cropX": value, "cropY": "0", "cropSize": "5"})
    assert error_of(response)[:2] == (400, "INVALID_INPUT")


def test_photo_urls_answer_head_without_body(api, as_alice, group):
    body = as_alice.get("29.0", photo_path(group)).json()
    response = api.head(body["largePhotoUrl"])
    assert response.status_code == 200 and response.content == b""
    assert response["Content-Type"] == "image/png"


def test_group_photo_belongs_to_the_groups_workspace(as_alice, acme_alice, make_workspace, group):
    from accounts.models import Membership
    from photos.dialects.chatter.ids import PHOTO
    from photos.dialects.chatter.params import pk_from
    from photos.models import Photo

    # Alice joined another workspace first: her token's workspace is not the group's
    Membership.objects.filter(user=acme_alice).update(joined_at="2001-01-01T00:00:00Z")
    other = make_workspace("Earlier")
    Membership.objects.create(user=acme_alice, workspace=other)
    Membership.objects.filter(user=acme_alice, workspace=other).update(
        joined_at="2000-01-01T00:00:00Z")
    posted = upload(as_alice, group).json()
    photo = Photo.objects.get(pk=pk_from(posted["photoVersionId"], PHOTO))
    assert photo.workspace.name == "Acme"
