"""The e-mail photo URLs (``/ncsphoto/{token}``): public, signed with a key of their own (not one
a webhook receiver holds), and bound to the photo version they were issued for."""

import pytest

from tests.support.chatter import Chatter, error_of
from tests.support.generic import auth
from tests.support.images import GREEN, RED, close_to, image_bytes
from tests.support.responses import bytes_of

pytestmark = pytest.mark.django_db

NOT_FOUND = (404, "NOT_FOUND", "The requested resource does not exist")


def photo_path(group):
    return f"chatter/groups/{group['id']}/photo"


def post_photo(client, group, color) -> dict:
    response = client.post_multipart("29.0", photo_path(group), [
        ("fileUpload", "photo.png", "image/png", image_bytes(400, 300, color))])
    assert response.status_code == 201, response.content
    return response.json()


def shown(response):
    from tests.support.images import open_rgb

    assert response.status_code == 200, response.content
    image = open_rgb(bytes_of(response)).convert("RGB")
    return image.getpixel((image.width // 2, image.height // 2))


def default_photo_bytes(size="F") -> bytes:
    from photos.dialects.chatter.defaults import default_photo

    return default_photo("group", size)


def test_the_e_mail_url_works_without_a_token(api, as_alice, group, render_version):
    posted = post_photo(as_alice, group, GREEN)
    render_version(posted["photoVersionId"])
    assert close_to(shown(Chatter(api, None).fetch(posted["fullEmailPhotoUrl"])), GREEN)


def test_a_url_forged_with_the_webhook_secret_is_refused(api, as_alice, group, render_version,
                                                         settings):
    from django.core import signing

    from groups.models import Group
    from photos.dialects.chatter.params import EMAIL_SALT

    render_version(post_photo(as_alice, group, GREEN)["photoVersionId"])
    target = Group.objects.get(name="Photographers")
    # what a webhook receiver could sign: every field a token has held, the default salt
    forged = signing.dumps({"k": "group", "t": target.pk, "p": None, "v": None, "s": "F"},
                           key=settings.WEBHOOK_SIGNING_SECRET, salt=EMAIL_SALT, compress=True)
    response = Chatter(api, None).fetch(f"/ncsphoto/{forged}")
    assert error_of(response) == NOT_FOUND


def test_a_url_of_a_deleted_photo_is_not_found_even_with_a_newer_photo(
        api, make_token, acme_alice, as_alice, group, render_version):
    from photos.dialects.chatter.ids import PHOTO
    from photos.dialects.chatter.params import pk_from
    from photos.models import Photo

    first = post_photo(as_alice, group, RED)
    render_version(first["photoVersionId"])
    newer = post_photo(as_alice, group, GREEN)
    render_version(newer["photoVersionId"])
    anonymous = Chatter(api, None)
    # while it exists, the first URL shows the first photo, not the newer one
    assert close_to(shown(anonymous.fetch(first["fullEmailPhotoUrl"])), RED)

    old = Photo.objects.get(pk=pk_from(first["photoVersionId"], PHOTO))
    token = make_token(["manage_photos"], user=acme_alice)
    deleted = api.delete(f"/photo/{old.public_id}", **auth(token))
    assert deleted.status_code == 200, deleted.content

    assert error_of(anonymous.fetch(first["fullEmailPhotoUrl"])) == NOT_FOUND
    assert error_of(anonymous.fetch(first["standardEmailPhotoUrl"])) == NOT_FOUND
    assert close_to(shown(anonymous.fetch(newer["fullEmailPhotoUrl"])), GREEN)


def test_a_url_issued_without_a_photo_never_shows_a_later_upload(api, as_alice, group,
                                                                 render_version):
    before = as_alice.get("29.0", photo_path(group)).json()
    assert before["photoVersionId"] is None
    render_version(post_photo(as_alice, group, GREEN)["photoVersionId"])
    response = Chatter(api, None).fetch(before["fullEmailPhotoUrl"])
    assert response.status_code == 200
    assert bytes_of(response) == default_photo_bytes("F")


def test_a_url_issued_at_upload_shows_the_default_photo_until_its_photo_is_ready(
        api, as_alice, group, render_version):
    render_version(post_photo(as_alice, group, RED)["photoVersionId"])
    posted = post_photo(as_alice, group, GREEN)  # not rendered yet
    anonymous = Chatter(api, None)
    pending = anonymous.fetch(posted["fullEmailPhotoUrl"])
    assert pending.status_code == 200
    assert bytes_of(pending) == default_photo_bytes("F")  # not the older red photo either
    assert "no-cache" in pending["Cache-Control"]
    render_version(posted["photoVersionId"])
    assert close_to(shown(anonymous.fetch(posted["fullEmailPhotoUrl"])), GREEN)
