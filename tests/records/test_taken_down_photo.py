"""A record photo a moderator took down (``photos.moderation``): Zoho CRM and Bigin answer as
for a record with no photo, its owner's DELETE and new uploads leave it to the moderator, no
render and no workflow follows the take-down, and a restore brings it back without announcing
it again."""

from types import SimpleNamespace

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from photos import moderation
from photos import services as photo_services
from photos.models import Photo, UnownedFile
from records.models import WebhookDelivery, WorkflowRule
from tests.support.images import jpeg_bytes, png_bytes
from tests.support.zoho import SUCCESS, auth, photo_url, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[("crm", "Leads", "ZohoCRM.modules.ALL"),
                        ("bigin", "Contacts", "ZohoBigin.modules.ALL")],
                ids=["crm", "bigin"])
def zoho(request, api, org):
    """A record with a ready photo and one that never had a photo, in one product's module."""
    product, module, scope = request.param
    z = SimpleNamespace(api=api, org=org, product=product, token=org.token(scope),
                        record=org.record(module, product), bare=org.record(module, product))
    WorkflowRule.objects.create(module=z.record.module, name="photo changed",
                                webhook_url="http://127.0.0.1/hook")
    z.photo = post(z, png_bytes(120, 80))
    rendered(z.photo)
    return z


def post(z, data) -> Photo:
    response = upload(z.api, photo_url(z.record, z.product), z.token, data)
    assert response.json() == SUCCESS
    return photo_services.photos_of(z.record).latest("pk")


def rendered(photo, force=False):
    assert photo_services.render_photo(photo.pk, force=force).status == "ready"


def take_down(photo, z):
    assert moderation.take_down(Photo.objects.filter(pk=photo.pk), moderator=z.org.admin,
                                reason="Not a photo of the contact.") == [photo.pk]


def restore(photo, z):
    assert moderation.restore(Photo.objects.filter(pk=photo.pk), moderator=z.org.admin) == \
        [photo.pk]


def get_photo(z, record):
    response = z.api.get(photo_url(record, z.product), **auth(z.token))
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, content


def delete_photo(z, record):
    response = z.api.delete(photo_url(record, z.product), **auth(z.token))
    return response.status_code, response.json()


def record_image(z, record):
    """``Record_Image`` of the record in its own GET and in its module's list."""
    module = record.module.api_name
    one = z.api.get(f"/{z.product}/v2/{module}/{record.zoho_id}", **auth(z.token))
    listed = z.api.get(f"/{z.product}/v2/{module}", **auth(z.token)).json()["data"]
    (row,) = [row for row in listed if row["id"] == str(record.zoho_id)]
    assert one.json()["data"][0]["Record_Image"] == row["Record_Image"]
    return row["Record_Image"]


def original_bytes(photo) -> bytes:
    with default_storage.open(photo.rendition("original").storage_key, "rb") as handle:
        return handle.read()


def kept_for_the_moderator(photo) -> bool:
    """Still there, down, without renditions, its original in storage and not due to leave
    it (files leave after commit, which these tests' transactions never reach)."""
    photo = Photo.objects.filter(pk=photo.pk).first()
    return photo is not None and photo.status == Photo.Status.TAKEN_DOWN and \
        not photo.renditions.exists() and default_storage.exists(photo.original) and \
        not UnownedFile.objects.filter(key=photo.original).exists()


def deliveries():
    return sorted(WebhookDelivery.objects.values_list("event", "payload__photo__id"))


def test_a_taken_down_photo_answers_as_a_record_with_no_photo(zoho):
    shown = original_bytes(zoho.photo)
    assert get_photo(zoho, zoho.record) == (200, shown)
    assert record_image(zoho, zoho.record) == zoho.photo.public_id
    announced = deliveries()

    take_down(zoho.photo, zoho)
    assert get_photo(zoho, zoho.record) == get_photo(zoho, zoho.bare) == (204, b"")
    assert record_image(zoho, zoho.record) is record_image(zoho, zoho.bare) is None
    assert delete_photo(zoho, zoho.record) == delete_photo(zoho, zoho.bare)
    assert delete_photo(zoho, zoho.record)[0] == 400  # INVALID_DATA, no such photo
    assert kept_for_the_moderator(zoho.photo)
    assert deliveries() == announced  # neither the take-down nor the DELETE is announced


def test_no_render_brings_a_taken_down_photo_back(zoho):
    take_down(zoho.photo, zoho)
    # a render queued before the take-down and run after it, and the operators' re-renders
    assert photo_services.render_photo(zoho.photo.pk, force=True).status == "taken_down"
    call_command("rerender_photos", "--inline", "--force", "--no-progress")
    assert moderation.rerender(Photo.objects.filter(pk=zoho.photo.pk)) == []
    assert get_photo(zoho, zoho.record) == (204, b"")
    assert record_image(zoho, zoho.record) is None
    assert kept_for_the_moderator(zoho.photo)


def test_a_new_upload_becomes_the_photo_and_leaves_the_taken_down_one(zoho):
    take_down(zoho.photo, zoho)
    newer = post(zoho, jpeg_bytes(160, 90))
    rendered(newer)
    newer.refresh_from_db()
    assert get_photo(zoho, zoho.record) == (200, original_bytes(newer))
    assert record_image(zoho, zoho.record) == newer.public_id
    assert kept_for_the_moderator(zoho.photo)
    # the owner's DELETE takes their own photo, never the one taken down
    assert delete_photo(zoho, zoho.record)[0] == 200
    assert get_photo(zoho, zoho.record) == (204, b"")
    assert kept_for_the_moderator(zoho.photo)


def test_restore_brings_the_photo_back_without_announcing_it_again(zoho):
    shown = original_bytes(zoho.photo)
    announced = deliveries()
    assert announced == [("photo.uploaded", zoho.photo.public_id)]
    take_down(zoho.photo, zoho)

    restore(zoho.photo, zoho)
    assert get_photo(zoho, zoho.record) == (204, b"")  # until it is rendered again
    rendered(zoho.photo)
    zoho.photo.refresh_from_db()
    assert get_photo(zoho, zoho.record) == (200, shown)
    assert record_image(zoho, zoho.record) == zoho.photo.public_id
    assert deliveries() == announced  # the record's photo was announced once, at upload


def test_a_photo_taken_down_before_it_was_ready_is_announced_once_restored(zoho):
    """The previous photo stays the record's while the new one is down; restored and rendered,
    the new one replaces it and is announced then (its upload never was)."""
    shown = original_bytes(zoho.photo)
    pending = post(zoho, jpeg_bytes(160, 90))
    take_down(pending, zoho)
    assert photo_services.render_photo(pending.pk).status == "taken_down"  # its queued render
    assert get_photo(zoho, zoho.record) == (200, shown)
    assert record_image(zoho, zoho.record) == zoho.photo.public_id
    assert deliveries() == [("photo.uploaded", zoho.photo.public_id)]

    restore(pending, zoho)
    rendered(pending)
    pending.refresh_from_db()
    assert get_photo(zoho, zoho.record) == (200, original_bytes(pending))
    assert not Photo.objects.filter(pk=zoho.photo.pk).exists()
    assert deliveries() == sorted([("photo.uploaded", zoho.photo.public_id),
                                   ("photo.uploaded", pending.public_id)])


def test_a_take_down_never_brings_back_an_older_photo(zoho):
    """A record's photo is the newest that was ready: taken down, it leaves the record with
    none (here, once a photo restored meanwhile is older than the one taken down), and the
    photo GET and ``Record_Image`` agree."""
    take_down(zoho.photo, zoho)
    newer = post(zoho, jpeg_bytes(160, 90))
    rendered(newer)
    restore(zoho.photo, zoho)
    rendered(zoho.photo)
    newer.refresh_from_db()
    assert get_photo(zoho, zoho.record) == (200, original_bytes(newer))
    assert record_image(zoho, zoho.record) == newer.public_id

    take_down(newer, zoho)
    assert get_photo(zoho, zoho.record) == (204, b"")
    assert record_image(zoho, zoho.record) is None


def test_record_image_is_the_older_photo_until_the_new_one_is_ready(zoho):
    """The current photo's rule (the engine's, ``with_current_photo``) in a record's body: a
    new upload shows once it is ready, and a record with no photo shows none."""
    assert record_image(zoho, zoho.record) == zoho.photo.public_id
    assert record_image(zoho, zoho.bare) is None
    newer = post(zoho, png_bytes(90, 60))
    assert record_image(zoho, zoho.record) == zoho.photo.public_id  # still rendering
    rendered(newer)
    assert record_image(zoho, zoho.record) == newer.public_id
    assert record_image(zoho, zoho.bare) is None
