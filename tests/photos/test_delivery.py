"""Bytes leave the server one way: every URL that serves image or file bytes answers with the
type recorded for them, nosniff, a sandbox CSP and its own cache policy; HEAD answers the same
headers without a body; a file gone from storage is the dialect's 404. Renditions are served
as immutable; originals never are."""

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


def call_the_view(method: str, url: str, headers: dict):
    """The URL's view called directly, as any WSGI server calls it: no test client (it drops
    HEAD bodies itself, hiding a view that sends one)."""
    parts = urlsplit(url)
    match = resolve(parts.path)
    request = getattr(RequestFactory(), method)(
        parts.path + (f"?{parts.query}" if parts.query else ""), **headers)
    return match.func(request, *match.args, **match.kwargs)


@pytest.mark.parametrize("reach", [m for m, _ in URLS], ids=[m.__name__ for m, _ in URLS])
def test_head_answers_the_headers_of_get_without_the_body(site, reach):
    served = reach(site)
    got = call_the_view("get", served.url, served.headers)
    head = call_the_view("head", served.url, served.headers)
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
    if path.startswith("/media/"):
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


def test_a_fresh_process_gives_s3_renditions_a_signed_bucket_url():
    url = rendition_url_in_a_fresh_process(
        PUBLIC_BASE_URL="https://photos.example", AWS_STORAGE_BUCKET_NAME="photos",
        AWS_S3_REGION_NAME="eu-west-1", AWS_ACCESS_KEY_ID="AKIDEXAMPLE",
        AWS_SECRET_ACCESS_KEY="secret")
    parts = urlsplit(url)
    assert parts.scheme == "https" and "photos" in parts.netloc
    assert parts.path.endswith("/photos/ab/abc/small-0123.jpg")
    assert "Signature=" in parts.query


def test_after_storage_settings_change_a_local_rendition_url_is_still_absolute(settings, gps_photo):
    # a change of STORAGES (tests, reloads) leaves Django's default storage unopened again
    settings.PUBLIC_BASE_URL = "https://photos.example"
    settings.STORAGES = {**settings.STORAGES}
    key = gps_photo.rendition("small").storage_key
    assert rendition_url(gps_photo.rendition("small")) == f"https://photos.example/media/{key}"
