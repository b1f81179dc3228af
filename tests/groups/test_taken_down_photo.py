"""A group's or user's photo a moderator took down (``photos.moderation``): Chatter shows the
default photo as if there were none, every URL issued for it stops serving its bytes, nothing
but a restore brings it back, and its owner can neither delete nor replace it away.

The e-mail URLs (``/ncsphoto/``) of a taken-down photo answer 404, as for a deleted photo: such
a URL names one photo version and never shows another, and a taken-down version is gone from
every API until a moderator restores it (then the same URL works again, as the version is the
same). The ``/profilephoto/{photoVersionId}`` URLs are the target's photo URLs: like those of a
photo not ready yet, they show what the target shows now, the default photo."""

import pytest
from django.core.files.storage import default_storage

from tests.support.chatter import Chatter, error_of
from tests.support.images import GREEN, RED, close_to, image_bytes, open_rgb
from tests.support.responses import bytes_of

pytestmark = pytest.mark.django_db

NOT_FOUND = (404, "NOT_FOUND", "The requested resource does not exist")
SIZES = {"largePhotoUrl": "F", "mediumPhotoUrl": "M", "smallPhotoUrl": "T"}
EMAIL_URLS = ("fullEmailPhotoUrl", "standardEmailPhotoUrl")


class GroupTarget:
    """The group's Photo resource (GET, HEAD, POST, DELETE at 37.0) and where else it shows."""

    kind, default_prefix, version = "group", "0F9", "37.0"

    def __init__(self, client, group):
        self.client, self.group = client, group
        self.path = self.head_path = f"chatter/groups/{group['id']}/photo"
        self.head_version = self.version

    def shown_elsewhere(self) -> list:
        """The Photo bodies of the group in its own body and in the group list."""
        body = self.client.get(self.version, f"chatter/groups/{self.group['id']}").json()
        listed = self.client.get(self.version, "chatter/groups").json()["groups"]
        return [body["photo"]] + [g["photo"] for g in listed if g["id"] == self.group["id"]]


class UserTarget:
    """Alice's own photo: GET, POST, DELETE at 38.0 (``connect/user-profiles``), HEAD at 29.0
    (``chatter/users``, the path that has it)."""

    kind, default_prefix, version = "user", "005", "38.0"

    def __init__(self, client, user, group):
        from photos.dialects.chatter.ids import USER, sfid18

        self.client, self.group = client, group
        self.user_id = sfid18(USER, user.pk)
        self.path = f"connect/user-profiles/{self.user_id}/photo"
        self.head_path, self.head_version = f"chatter/users/{self.user_id}/photo", "29.0"

    def shown_elsewhere(self) -> list:
        """The Photo bodies of the user in their User Summary and as the group's owner."""
        summary = self.client.get(self.version, f"chatter/users/{self.user_id}").json()
        owner = self.client.get(self.version, f"chatter/groups/{self.group['id']}").json()
        return [summary["photo"], owner["owner"]["photo"]]


@pytest.fixture(params=["group", "user"])
def target(request, as_alice, acme_alice, group):
    if request.param == "group":
        return GroupTarget(as_alice, group)
    return UserTarget(as_alice, acme_alice, group)


def post(target, color) -> dict:
    response = target.client.post_multipart(target.version, target.path, [
        ("fileUpload", "photo.png", "image/png", image_bytes(400, 300, color))])
    assert response.status_code == 201, response.content
    return response.json()


def photo_of(posted):
    from photos.dialects.chatter.ids import PHOTO
    from photos.dialects.chatter.params import pk_from
    from photos.models import Photo

    return Photo.objects.get(pk=pk_from(posted["photoVersionId"], PHOTO))


def take_down(posted, moderator):
    from photos import moderation
    from photos.models import Photo

    photo = photo_of(posted)
    assert moderation.take_down(Photo.objects.filter(pk=photo.pk), moderator=moderator,
                                reason="Not what this group is about.") == [photo.pk]
    return photo


def restore(posted, moderator):
    from photos import moderation
    from photos.models import Photo

    photo = photo_of(posted)
    assert moderation.restore(Photo.objects.filter(pk=photo.pk), moderator=moderator) == \
        [photo.pk]


def kept_for_the_moderator(photo) -> bool:
    """Still there, down, without renditions, its original in storage and not due to leave
    it (files leave after commit, which these tests' transactions never reach)."""
    from photos.models import UnownedFile

    photo = type(photo).objects.filter(pk=photo.pk).first()
    return photo is not None and photo.status == "taken_down" and \
        not photo.renditions.exists() and default_storage.exists(photo.original) and \
        not UnownedFile.objects.filter(key=photo.original).exists()


def default_bytes(kind, size) -> bytes:
    from photos.dialects.chatter.defaults import default_photo

    return default_photo(kind, size)


def center(response):
    assert response.status_code == 200, response.content
    image = open_rgb(bytes_of(response))
    return image.getpixel((image.width // 2, image.height // 2))


def named(photo: dict) -> tuple:
    """What a Photo body says of the photo (its e-mail URLs carry a time stamp)."""
    return (photo["photoVersionId"], *(photo[field] for field in SIZES))


def assert_body_shows(target, photo_version_id):
    """The Photo body, its HEAD and every body that embeds it name ``photo_version_id``
    (None: the default photo's URLs)."""
    body = target.client.get(target.version, target.path).json()
    assert body["photoVersionId"] == photo_version_id
    if photo_version_id is None:
        for field, size in SIZES.items():
            assert body[field].endswith(f"/profilephoto/{target.default_prefix}/{size}")
    assert all(named(photo) == named(body) for photo in target.shown_elsewhere())
    head = target.client.head(target.head_version, target.head_path)
    assert head.status_code == 200 and head.content == b""
    got = target.client.get(target.head_version, target.head_path)
    assert got.json()["photoVersionId"] == photo_version_id
    assert int(head["Content-Length"]) == len(got.content)


def assert_serves_the_default(target, issued: dict):
    for field, size in SIZES.items():
        response = target.client.fetch(issued[field])
        assert response.status_code == 200, field
        assert bytes_of(response) == default_bytes(target.kind, size), field


def assert_shows_the_default(target, issued: dict):
    """No body names the photo; its ``/profilephoto/`` URLs serve the default photo, its
    ``/ncsphoto/`` URLs nothing."""
    assert_body_shows(target, None)
    assert_serves_the_default(target, issued)
    anonymous = Chatter(target.client.api, None)
    for field in EMAIL_URLS:
        assert error_of(anonymous.fetch(issued[field])) == NOT_FOUND, field


def assert_shows(target, issued: dict, color):
    assert_body_shows(target, issued["photoVersionId"])
    for field in SIZES:
        assert close_to(center(target.client.fetch(issued[field])), color), field
    anonymous = Chatter(target.client.api, None)
    for field in EMAIL_URLS:
        assert close_to(center(anonymous.fetch(issued[field])), color), field


def test_a_taken_down_photo_shows_as_the_default_photo_and_its_urls_stop_serving_it(
        target, staff_user, render_version):
    posted = post(target, RED)
    render_version(posted["photoVersionId"])
    assert_shows(target, posted, RED)

    photo = take_down(posted, staff_user)
    assert_shows_the_default(target, posted)
    assert kept_for_the_moderator(photo)  # the row, and its original in storage


def test_a_take_down_does_not_bring_back_the_photo_it_replaced(target, staff_user, render_version):
    """The photo a target showed before (kept until the next upload, see
    ``groups.services.set_photo``) stays replaced: Chatter shows the default photo."""
    replaced = post(target, GREEN)
    render_version(replaced["photoVersionId"])
    posted = post(target, RED)
    render_version(posted["photoVersionId"])
    assert_shows(target, posted, RED)

    take_down(posted, staff_user)
    assert_shows_the_default(target, posted)
    restore(posted, staff_user)
    assert_body_shows(target, None)  # while it renders again
    render_version(posted["photoVersionId"])
    assert_shows(target, posted, RED)


def test_no_render_brings_a_taken_down_photo_back(target, staff_user, render_version):
    from django.core.management import call_command

    from photos import moderation

    posted = post(target, RED)
    render_version(posted["photoVersionId"])
    photo = take_down(posted, staff_user)

    render_version(posted["photoVersionId"])  # a render queued before the take-down, run after it
    call_command("rerender_photos", "--inline", "--force", "--no-progress")
    assert moderation.rerender(type(photo).objects.filter(pk=photo.pk)) == []
    assert_shows_the_default(target, posted)
    assert kept_for_the_moderator(photo)


def test_the_owner_can_neither_delete_nor_replace_a_taken_down_photo(target, staff_user,
                                                                     render_version):
    posted = post(target, RED)
    render_version(posted["photoVersionId"])
    photo = take_down(posted, staff_user)

    # Chatter's DELETE answers as for a target with no photo, and leaves it to the moderator
    assert target.client.delete(target.version, target.path).status_code == 204
    assert kept_for_the_moderator(photo)

    newer = post(target, GREEN)
    assert kept_for_the_moderator(photo)  # a new upload deletes the photos it replaces
    render_version(newer["photoVersionId"])
    assert_shows(target, newer, GREEN)
    assert bytes_of(target.client.fetch(posted["largePhotoUrl"])) == bytes_of(
        target.client.fetch(newer["largePhotoUrl"]))  # the target's photo, not the old one
    assert error_of(Chatter(target.client.api, None).fetch(posted["fullEmailPhotoUrl"])) == \
        NOT_FOUND
    assert kept_for_the_moderator(photo)


def test_a_restored_photo_shows_again_once_rendered(target, staff_user, render_version):
    posted = post(target, RED)
    render_version(posted["photoVersionId"])
    take_down(posted, staff_user)

    restore(posted, staff_user)
    # pending: the default photo shows until it is rendered again, at every URL
    assert_body_shows(target, None)
    assert_serves_the_default(target, posted)
    anonymous = Chatter(target.client.api, None)
    for field, size in (("fullEmailPhotoUrl", "F"), ("standardEmailPhotoUrl", "T")):
        assert bytes_of(anonymous.fetch(posted[field])) == default_bytes(target.kind, size)
    render_version(posted["photoVersionId"])
    # the same photo version, so the URLs issued before the take-down work again
    assert_shows(target, posted, RED)
