"""Bytes leave the server one way: every URL that serves image or file bytes answers with the
type recorded for them, nosniff, a sandbox CSP and its own cache policy; HEAD answers the same
headers without a body; a file gone from storage is the dialect's 404. Renditions are served
as immutable; originals never are."""

import io
import os
import subprocess
import sys
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from django.core.files.storage import default_storage
from django.test import RequestFactory
from django.urls import resolve

from photos import services
from photos.delivery import rendition_url
from tests.support import zoho
from tests.support.chatter import Chatter, error_of
from tests.support.images import image_bytes, jpeg_with_gps, open_image
from tests.support.responses import bytes_of

pytestmark = pytest.mark.django_db

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAFETY = {"X-Content-Type-Options": "nosniff",
          "Content-Security-Policy": "default-src 'none'; sandbox"}


@pytest.fixture
def gps_photo(make_user):
    photo = services.create_photo(jpeg_with_gps(), owner=make_user())
    services.render_photo(photo.pk)
    return photo


def test_a_rendition_url_serves_its_bytes(client, gps_photo):
    rendition = gps_photo.rendition("small")
    response = client.get(rendition_url(rendition))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "immutable" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert open_image(b"".join(response.streaming_content)).size == (100, 100)


def test_the_original_upload_is_never_served(client, gps_photo):
    # it keeps the uploader's EXIF (GPS here): only renditions leave the server
    assert client.get(f"/media/{gps_photo.original}").status_code == 404


@pytest.mark.parametrize("key", ["../../etc/passwd", "photos/zz/nothing.jpg", "%2e%2e/x",
                                 "x%00y.jpg", "photos/ab/%ED%A0%80.jpg", "%C2%B2.jpg"])
def test_unknown_and_hostile_keys_are_404(client, key):
    assert client.get(f"/media/{key}").status_code == 404


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "TRACE", "QUERY"])
def test_a_rendition_url_answers_only_get_and_head(gps_photo, method):
    # with the CSRF check a real client meets: an unsafe method is 405, not its 403 page
    from django.test import Client

    response = Client(enforce_csrf_checks=True).generic(
        method, rendition_url(gps_photo.rendition("small")))
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


# --- every URL that serves bytes ----------------------------------------------------------------
@dataclass
class Served:
    """A URL that serves bytes, and what the stored records say it serves."""

    url: str
    content_type: str
    body: bytes
    key: str | None = None  # the storage key behind it (None: bytes held by the process)
    headers: dict = field(default_factory=dict)
    user: object = None  # a logged-in user (the admin's URL), for a view called directly


class Site:
    """Alice, a member of one workspace, with Chatter and Zoho tokens."""

    def __init__(self, api, make_user, make_workspace, make_token):
        from accounts.models import Membership

        self.api = api
        self.alice = make_user("alice")
        self.workspace = make_workspace("Acme", members=[self.alice],
                                        role=Membership.Role.MEMBER)
        self.chatter = Chatter(api, make_token(["api"], user=self.alice))
        self.zoho_token = make_token(["ZohoCRM.modules.ALL"], user=self.alice)

    def group(self) -> dict:
        response = self.chatter.post_json("29.0", "chatter/groups",
                                          {"name": "Photographers",
                                           "visibility": "PublicAccess"})
        assert response.status_code == 201, response.content
        return response.json()

    def group_photo(self, group: dict, rendered=True) -> dict:
        response = self.chatter.post_multipart("29.0", f"chatter/groups/{group['id']}/photo", [
            ("fileUpload", "photo.png", "image/png", image_bytes(400, 300))])
        assert response.status_code == 201, response.content
        body = response.json()
        if rendered:
            services.render_photo(self.photo_of(body).pk)
        return body

    @staticmethod
    def photo_of(body: dict):
        from photos.dialects.chatter.ids import PHOTO
        from photos.dialects.chatter.params import pk_from
        from photos.models import Photo

        return Photo.objects.get(pk=pk_from(body["photoVersionId"], PHOTO))


def stored(rendition, url, headers=None) -> Served:
    with default_storage.open(rendition.storage_key, "rb") as handle:
        body = handle.read()
    return Served(url, rendition.mime_type, body, rendition.storage_key, headers or {})


def default_photo(kind, url) -> Served:
    from photos.dialects.chatter.defaults import default_photo

    return Served(url, "image/png", default_photo(kind, "F"))


def media(site):
    photo = services.create_photo(jpeg_with_gps(), owner=site.alice)
    services.render_photo(photo.pk)
    rendition = photo.rendition("small")
    return stored(rendition, rendition_url(rendition))


def profilephoto_of_a_ready_version(site):
    body = site.group_photo(site.group())
    photo = site.photo_of(body)
    photo.refresh_from_db()
    return stored(photo.rendition("chatter_large"), body["largePhotoUrl"], site.chatter.headers)


def profilephoto_of_a_pending_version_showing_the_current_photo(site):
    group = site.group()
    shown = site.photo_of(site.group_photo(group))
    pending = site.group_photo(group, rendered=False)
    return stored(shown.rendition("chatter_large"), pending["largePhotoUrl"],
                  site.chatter.headers)


def profilephoto_of_a_pending_version_of_a_target_without_photo(site):
    pending = site.group_photo(site.group(), rendered=False)
    served = default_photo("group", pending["largePhotoUrl"])
    served.headers = site.chatter.headers
    return served


def profilephoto_default_of_users(site):
    return default_photo("user", "/profilephoto/005/F")


def profilephoto_default_of_groups(site):
    return default_photo("group", "/profilephoto/0F9/F")


def ncsphoto_of_a_ready_version(site):
    body = site.group_photo(site.group())
    return stored(site.photo_of(body).rendition("chatter_large"), body["fullEmailPhotoUrl"])


def ncsphoto_issued_without_a_photo(site):
    group = site.group()
    body = site.chatter.get("29.0", f"chatter/groups/{group['id']}/photo").json()
    return default_photo("group", body["fullEmailPhotoUrl"])


def zoho_record_photo(site):
    from records.models import Module, Record

    module = Module.objects.get(workspace=site.workspace, product="crm", api_name="Leads")
    record = Record.objects.create(workspace=site.workspace, module=module, owner=site.alice,
                                   created_by=site.alice, data={"Last_Name": "Doe"})
    url = f"/crm/v2/Leads/{record.zoho_id}/photo"
    headers = zoho.auth(site.zoho_token)
    from django.core.files.uploadedfile import SimpleUploadedFile

    uploaded = site.api.post(url, {"file": SimpleUploadedFile("p.png", image_bytes())},
                             format="multipart", **headers)
    assert uploaded.status_code == 200, uploaded.content
    photo = services.photos_of(record).get()
    services.render_photo(photo.pk)
    photo.refresh_from_db()
    return stored(photo.rendition("original"), url, headers)


def admin_original(site):
    from django.contrib.auth import get_user_model

    staff = get_user_model().objects.create_user("root", is_staff=True, is_superuser=True)
    site.api.force_login(staff)
    photo = services.create_photo(jpeg_with_gps(), owner=site.alice)
    with default_storage.open(photo.original, "rb") as handle:
        body = handle.read()
    return Served(f"/admin/photos/photo/{photo.pk}/original/", photo.mime_type, body,
                  photo.original, user=staff)


def chatter_file_content(site):
    from files.models import FileVersion
    from photos.dialects.chatter.ids import FILE
    from photos.dialects.chatter.params import pk_from

    summary = site.chatter.upload_file(image_bytes(format="JPEG"), "holiday.jpg")
    version = FileVersion.objects.get(file_id=pk_from(summary["id"], FILE))
    with default_storage.open(version.storage_key, "rb") as handle:
        body = handle.read()
    return Served(summary["downloadUrl"], version.mime_type, body, version.storage_key,
                  site.chatter.headers)


# (how the URL is reached, Cache-Control it answers with: the literal a client receives)
URLS = [
    (media, "public, max-age=31536000, immutable"),
    (profilephoto_of_a_ready_version, "private, max-age=86400"),
    (profilephoto_of_a_pending_version_showing_the_current_photo, "private, no-cache"),
    (profilephoto_of_a_pending_version_of_a_target_without_photo, "no-cache"),
    (profilephoto_default_of_users, "public, max-age=86400"),
    (profilephoto_default_of_groups, "public, max-age=86400"),
    (ncsphoto_of_a_ready_version, "private, max-age=86400"),
    (ncsphoto_issued_without_a_photo, "no-cache"),
    (zoho_record_photo, "private, no-cache"),
    (chatter_file_content, "private, max-age=0"),
    (admin_original, "private, no-store"),
]
STORED = [maker for maker, _ in URLS if maker not in (
    profilephoto_of_a_pending_version_of_a_target_without_photo, profilephoto_default_of_users,
    profilephoto_default_of_groups, ncsphoto_issued_without_a_photo)]


@pytest.fixture
def site(api, make_user, make_workspace, make_token):
    return Site(api, make_user, make_workspace, make_token)


@pytest.mark.parametrize(("reach", "cache_control"), URLS, ids=[m.__name__ for m, _ in URLS])
def test_every_url_serving_bytes_has_the_stored_type_the_safety_headers_and_its_cache_policy(
        site, reach, cache_control):
    served = reach(site)
    response = site.api.get(served.url, **served.headers)
    assert response.status_code == 200, response.content
    assert bytes_of(response) == served.body
    assert response["Content-Type"] == served.content_type
    assert response["Content-Length"] == str(len(served.body))
    assert {name: response.get(name) for name in SAFETY} == SAFETY
    assert response["Cache-Control"] == cache_control
    downloaded = response.get("Content-Disposition", "").startswith("attachment")
    assert downloaded == (reach is chatter_file_content)  # only a user's file is a download
    if downloaded:
        assert response["Content-Disposition"] == 'attachment; filename="holiday.jpg"'


def call_the_view(method: str, url: str, headers: dict, user=None):
    """The URL's view called directly, as any WSGI server calls it: no test client (it drops
    HEAD bodies itself, hiding a view that sends one)."""
    parts = urlsplit(url)
    match = resolve(parts.path)
    request = getattr(RequestFactory(), method)(
        parts.path + (f"?{parts.query}" if parts.query else ""), **headers)
    if user is not None:
        request.user = user
    return match.func(request, *match.args, **match.kwargs)


@pytest.mark.parametrize("reach", [m for m, _ in URLS], ids=[m.__name__ for m, _ in URLS])
def test_head_answers_the_headers_of_get_without_the_body(site, reach):
    served = reach(site)
    got = call_the_view("get", served.url, served.headers, served.user)
    head = call_the_view("head", served.url, served.headers, served.user)
    assert head.status_code == got.status_code == 200
    assert bytes_of(head) == b""
    assert bytes_of(got) == served.body
    assert dict(head.items()) == dict(got.items())
    assert head["Content-Length"] == str(len(served.body))


@pytest.mark.parametrize("reach", STORED, ids=[m.__name__ for m in STORED])
def test_a_file_gone_from_storage_is_the_dialects_not_found(site, reach):
    served = reach(site)
    default_storage.delete(served.key)
    response = site.api.get(served.url, **served.headers)
    path = urlsplit(served.url).path
    if path.startswith(("/media/", "/admin/")):
        assert response.status_code == 404
    elif path.startswith("/crm/"):
        assert response.status_code == 404
        assert response.json()["code"] == "INVALID_URL_PATTERN"
    else:
        assert error_of(response) == (404, "NOT_FOUND", "The requested resource does not exist")


# --- rendition URLs -----------------------------------------------------------------------------
def rendition_url_in_a_fresh_process(**environment) -> str:
    """``rendition_url`` as the first thing a new process does (nothing has opened storage)."""
    keep = {k: v for k, v in os.environ.items()
            if k in ("PATH", "HOME", "LANG", "TMPDIR", "DATA_DIR", "MEDIA_ROOT")}
    result = subprocess.run(
        [sys.executable, "-c", "import django, os; os.environ['DJANGO_SETTINGS_MODULE']="
         "'config.settings'; django.setup(); from photos.delivery import rendition_url; "
         "from photos.models import Rendition; "
         "print(rendition_url(Rendition(storage_key='photos/ab/abc/small-0123.jpg')))"],
        cwd=ROOT, env={**keep, **environment}, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_fresh_process_gives_local_renditions_an_absolute_url():
    url = rendition_url_in_a_fresh_process(PUBLIC_BASE_URL="https://photos.example")
    assert url == "https://photos.example/media/photos/ab/abc/small-0123.jpg"


S3_ENVIRONMENT = {"PUBLIC_BASE_URL": "https://photos.example", "AWS_STORAGE_BUCKET_NAME": "photos",
                  "AWS_S3_REGION_NAME": "eu-west-1", "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
                  "AWS_SECRET_ACCESS_KEY": "secret"}


def test_on_s3_a_rendition_url_is_photodesks_own_and_never_expires():
    # not a presigned URL of the bucket (which would expire in a client's cache): /media
    # redirects to one when asked (tests/storage_s3)
    url = rendition_url_in_a_fresh_process(**S3_ENVIRONMENT)
    assert url == "https://photos.example/media/photos/ab/abc/small-0123.jpg"


def test_with_public_media_urls_a_rendition_url_is_under_the_media_domain():
    url = rendition_url_in_a_fresh_process(**S3_ENVIRONMENT, MEDIA_URLS="public",
                                           MEDIA_PUBLIC_URL="https://cdn.photos.example/m")
    assert url == "https://cdn.photos.example/m/photos/ab/abc/small-0123.jpg"


def test_after_storage_settings_change_a_local_rendition_url_is_still_absolute(settings, gps_photo):
    # a change of STORAGES (tests, reloads) leaves Django's default storage unopened again
    settings.PUBLIC_BASE_URL = "https://photos.example"
    settings.STORAGES = {**settings.STORAGES}
    key = gps_photo.rendition("small").storage_key
    assert rendition_url(gps_photo.rendition("small")) == f"https://photos.example/media/{key}"


# --- conditional and range requests (RFC 9110), the same on every URL ---------------------------
ALL = [m for m, _ in URLS]
IDS = [m.__name__ for m in ALL]
STORED_IDS = [m.__name__ for m in STORED]


def get(site, served, **headers):
    return site.api.get(served.url, **served.headers, **headers)


@pytest.mark.parametrize("reach", ALL, ids=IDS)
def test_the_etag_sent_back_is_answered_304_without_a_body_with_the_same_validators(site, reach):
    served = reach(site)
    first = get(site, served)
    etag = first["ETag"]
    assert etag.startswith('"') and etag.endswith('"') and len(etag) > 2  # strong, quoted
    for sent in (etag, f"W/{etag}", f'"other", {etag}', "*"):  # weak comparison, lists, any
        response = get(site, served, HTTP_IF_NONE_MATCH=sent)
        assert response.status_code == 304, sent
        assert bytes_of(response) == b""
        assert "Content-Length" not in response
        for name in ("ETag", "Last-Modified", "Cache-Control"):
            assert response.get(name) == first.get(name), name
    head = call_the_view("head", served.url, {**served.headers, "HTTP_IF_NONE_MATCH": etag},
                         served.user)
    assert head.status_code == 304 and bytes_of(head) == b""


@pytest.mark.parametrize("reach", ALL, ids=IDS)
def test_a_changed_etag_gets_the_whole_body(site, reach):
    served = reach(site)
    response = get(site, served, HTTP_IF_NONE_MATCH='"0123456789abcdef", W/"stale"')
    assert response.status_code == 200
    assert bytes_of(response) == served.body


def test_the_etag_is_the_stored_content_hash(site):
    import hashlib

    file = chatter_file_content(site)  # the version's MD5 checksum
    checksum = hashlib.md5(file.body, usedforsecurity=False).hexdigest()
    assert get(site, file)["ETag"] == f'"{checksum}"'
    original = admin_original(site)  # the photo's sha256
    assert get(site, original)["ETag"] == f'"{hashlib.sha256(original.body).hexdigest()}"'
    default = profilephoto_default_of_users(site)  # drawn bytes: their own hash
    assert get(site, default)["ETag"] == f'"{hashlib.sha256(default.body).hexdigest()[:32]}"'


def test_renditions_have_one_etag_per_key(site):
    # a rendition stores no hash: its never-reused key stands for its bytes, not shown as is
    body = site.group_photo(site.group())
    photo = site.photo_of(body)
    large, small = photo.rendition("chatter_large"), photo.rendition("chatter_small")
    profile = stored(large, body["largePhotoUrl"], site.chatter.headers)
    email = stored(large, body["fullEmailPhotoUrl"])
    media_url = stored(large, rendition_url(large))
    tags = {get(site, served)["ETag"] for served in (profile, email, media_url)}
    assert len(tags) == 1
    assert get(site, stored(small, rendition_url(small)))["ETag"] not in tags
    assert large.storage_key not in tags.pop()


@pytest.mark.parametrize("reach", STORED, ids=STORED_IDS)
def test_if_modified_since_the_stored_time_is_304_and_an_earlier_time_gets_the_body(site, reach):
    served = reach(site)
    last_modified = get(site, served)["Last-Modified"]
    response = get(site, served, HTTP_IF_MODIFIED_SINCE=last_modified)
    assert response.status_code == 304 and bytes_of(response) == b""
    assert response["Last-Modified"] == last_modified
    earlier = get(site, served, HTTP_IF_MODIFIED_SINCE="Mon, 01 Jan 2024 00:00:00 GMT")
    assert earlier.status_code == 200 and bytes_of(earlier) == served.body
    # If-None-Match takes precedence: a changed ETag gets the body whatever the date
    both = get(site, served, HTTP_IF_NONE_MATCH='"changed"', HTTP_IF_MODIFIED_SINCE=last_modified)
    assert both.status_code == 200 and bytes_of(both) == served.body


def test_a_default_photo_has_no_time_so_if_modified_since_gets_the_body(site):
    served = profilephoto_default_of_groups(site)
    response = get(site, served, HTTP_IF_MODIFIED_SINCE="Mon, 01 Jan 2024 00:00:00 GMT")
    assert "Last-Modified" not in response
    assert response.status_code == 200 and bytes_of(response) == served.body


@pytest.mark.parametrize("reach", ALL, ids=IDS)
def test_a_single_range_is_206_with_those_bytes(site, reach):
    served = reach(site)
    size = len(served.body)
    assert get(site, served)["Accept-Ranges"] == "bytes"
    for sent, first, last in (("bytes=0-9", 0, 9), ("bytes=10-", 10, size - 1),
                              ("bytes=-7", size - 7, size - 1),
                              (f"bytes={size - 3}-{size + 100}", size - 3, size - 1),
                              ("bytes=-99999999", 0, size - 1)):
        response = get(site, served, HTTP_RANGE=sent)
        assert response.status_code == 206, sent
        assert bytes_of(response) == served.body[first:last + 1], sent
        assert response["Content-Range"] == f"bytes {first}-{last}/{size}"
        assert response["Content-Length"] == str(last - first + 1)
        assert response["Content-Type"] == served.content_type
        assert response["ETag"] == get(site, served)["ETag"]


@pytest.mark.parametrize("reach", ALL, ids=IDS)
def test_an_unsatisfiable_range_is_416_with_the_size(site, reach):
    served = reach(site)
    size = len(served.body)
    for sent in (f"bytes={size}-", f"bytes={size + 10}-{size + 20}", "bytes=-0"):
        response = get(site, served, HTTP_RANGE=sent)
        assert response.status_code == 416, sent
        assert response["Content-Range"] == f"bytes */{size}"
        assert bytes_of(response) == b""


@pytest.mark.parametrize("sent", ["bytes=0-1,4-5", "bytes=5-2", "bytes=", "items=0-1",
                                  "bytes=a-b", "bytes=0-99999999999999999999999"])
def test_ranges_not_answered_as_one_part_get_the_whole_body(site, sent):
    served = chatter_file_content(site)
    response = get(site, served, HTTP_RANGE=sent)
    assert response.status_code == 200
    assert bytes_of(response) == served.body


@pytest.mark.parametrize("reach", STORED, ids=STORED_IDS)
def test_if_range_gets_the_part_only_while_the_validator_holds(site, reach):
    served = reach(site)
    first = get(site, served)
    etag, last_modified = first["ETag"], first["Last-Modified"]
    for still in (etag, last_modified):
        response = get(site, served, HTTP_RANGE="bytes=0-3", HTTP_IF_RANGE=still)
        assert response.status_code == 206 and bytes_of(response) == served.body[:4], still
    for changed in ('"changed"', f"W/{etag}", "Mon, 01 Jan 2024 00:00:00 GMT"):
        response = get(site, served, HTTP_RANGE="bytes=0-3", HTTP_IF_RANGE=changed)
        assert response.status_code == 200 and bytes_of(response) == served.body, changed


@pytest.mark.parametrize("reach", [admin_original, media], ids=["admin_original", "media"])
def test_head_ignores_range_and_answers_the_whole_length(site, reach):
    served = reach(site)
    head = call_the_view("head", served.url, {**served.headers, "HTTP_RANGE": "bytes=0-3"},
                         served.user)
    assert head.status_code == 200 and bytes_of(head) == b""
    assert head["Content-Length"] == str(len(served.body))


def test_a_range_reads_only_its_part_from_storage(site, monkeypatch):
    from photos import storage

    served = admin_original(site)
    reads = []
    opened = storage.open_to_serve

    class Counting(io.RawIOBase):  # a file of storage whose reads are counted
        def __init__(self, key, size=None):
            reads.append(b"")  # the open itself
            self.handle = opened(key, size=size)

        def readable(self):
            return self.seekable()

        def seekable(self):
            return True

        def seek(self, offset, whence=io.SEEK_SET):
            return self.handle.seek(offset, whence)

        def tell(self):
            return self.handle.tell()

        def read(self, size=-1):
            reads.append(self.handle.read(size))
            return reads[-1]

        def close(self):
            self.handle.close()
            super().close()

    monkeypatch.setattr(storage, "open_to_serve", Counting)
    response = get(site, served, HTTP_RANGE="bytes=100-199")
    assert bytes_of(response) == served.body[100:200]
    assert sum(map(len, reads)) == 100 < len(served.body)
    reads.clear()
    assert get(site, served, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    assert reads == []  # a 304 does not even open the file (on S3: no request)


def test_a_row_without_a_hash_has_no_etag_rather_than_an_empty_one(site):
    from files.models import FileVersion

    served = chatter_file_content(site)
    FileVersion.objects.filter(storage_key=served.key).update(checksum="")
    response = get(site, served, HTTP_IF_NONE_MATCH='""')
    assert response.status_code == 200 and "ETag" not in response
    assert bytes_of(response) == served.body


@pytest.fixture
def s3_storage(settings):
    """Default storage on S3 (django-storages), its client stubbed: each call the test expects is
    answered, any other fails the test."""
    from botocore.stub import Stubber
    from django.core.files.storage import storages

    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"bucket_name": "photos", "region_name": "eu-west-1",
                    "access_key": "AKIDEXAMPLE", "secret_key": "secret"}}}
    stubber = Stubber(storages["default"].connection.meta.client)
    with stubber:
        yield stubber
    stubber.assert_no_pending_responses()


def test_on_s3_a_range_gets_only_its_bytes_from_the_bucket(s3_storage):
    from botocore.response import StreamingBody

    from photos import delivery

    data = bytes(range(256)) * 40
    key = "photos/ab/abc/original-01234567.jpg"
    where = {"Bucket": "photos", "Key": key}
    s3_storage.add_response("head_object", {"ContentLength": len(data)}, where)
    part = data[100:]  # what S3 sends for "bytes=100-"; the response stops after 100 of them
    s3_storage.add_response("get_object", {"Body": StreamingBody(io.BytesIO(part), len(part))},
                            {**where, "Range": "bytes=100-"})
    request = RequestFactory().get("/", HTTP_RANGE="bytes=100-199")
    response = delivery.serve(key, "image/jpeg", cache=delivery.Cache.STAFF_ONLY,
                              request=request, etag="abc")
    assert response.status_code == 206
    assert b"".join(response.streaming_content) == data[100:200]
    assert response["Content-Range"] == f"bytes 100-199/{len(data)}"
    # a 304 makes no request at all (the stubber has no response left to give)
    request = RequestFactory().get("/", HTTP_IF_NONE_MATCH='"abc"')
    assert delivery.serve(key, "image/jpeg", cache=delivery.Cache.STAFF_ONLY, request=request,
                          etag="abc").status_code == 304


def test_on_s3_the_whole_object_streams_with_its_length_and_head_only_asks_its_size(s3_storage):
    from botocore.response import StreamingBody

    from photos import delivery

    data = b"\xff\xd8" + bytes(range(256)) * 100
    key = "photos/ab/abc/original-76543210.jpg"
    where = {"Bucket": "photos", "Key": key}
    s3_storage.add_response("head_object", {"ContentLength": len(data)}, where)
    s3_storage.add_response("get_object", {"Body": StreamingBody(io.BytesIO(data), len(data))},
                            {**where, "Range": "bytes=0-"})
    s3_storage.add_response("head_object", {"ContentLength": len(data)}, where)
    response = delivery.serve(key, "image/jpeg", cache=delivery.Cache.STAFF_ONLY,
                              request=RequestFactory().get("/"), etag="abc")
    assert response.status_code == 200 and response["Content-Length"] == str(len(data))
    assert b"".join(response.streaming_content) == data
    head = delivery.serve(key, "image/jpeg", cache=delivery.Cache.STAFF_ONLY,
                          request=RequestFactory().head("/"), etag="abc")
    assert head.status_code == 200 and head["Content-Length"] == str(len(data))
    assert head.content == b""
