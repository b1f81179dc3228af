"""Groups, records, users and workspaces show their current photo in the admin, linked to the
photo's own page; their lists show it without a query per row."""

import pytest
from django.urls import reverse

from photos import moderation, services
from photos.delivery import rendition_url
from photos.models import Photo
from tests.support.images import jpeg_bytes

pytestmark = pytest.mark.django_db

KINDS = ["group", "record", "user", "workspace"]


def admin_url(obj, page="change"):
    meta = obj._meta
    args = [obj.pk] if page == "change" else []
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{page}", args=args)


def photo_of(obj, owner):
    photo = services.create_photo(jpeg_bytes(120, 90), owner=owner, target=obj)
    services.render_photo(photo.pk)
    photo.refresh_from_db()
    return photo


@pytest.mark.parametrize("kind", KINDS)
def test_a_target_page_shows_its_photo_linked_to_the_photo_page(moderator_client, rows, kind):
    obj = getattr(rows, kind)
    older = photo_of(obj, rows.user)
    photo = photo_of(obj, rows.user)  # the newest ready photo is the one shown
    page = moderator_client.get(admin_url(obj)).content.decode()
    photo_page = reverse("admin:photos_photo_change", args=[photo.pk])
    small = rendition_url(photo.rendition("small"))
    assert f'<a href="{photo_page}"><img src="{small}"' in page
    assert reverse("admin:photos_photo_change", args=[older.pk]) not in page
    # a record keeps one photo (a new one replaces the old once ready); the others keep both
    count = 1 if kind == "record" else 2
    assert f"all photos of this {kind} ({count})" in page
    listing = f"/admin/photos/photo/?target={kind}&amp;target_id={obj.pk}"
    assert listing in page


@pytest.mark.parametrize("kind", KINDS)
def test_the_photos_of_one_target_are_listed_from_its_page(moderator_client, rows, kind):
    obj = getattr(rows, kind)
    first, second = photo_of(obj, rows.user), photo_of(obj, rows.user)
    services.create_photo(jpeg_bytes(10, 10), owner=rows.user)  # someone else's: not listed
    response = moderator_client.get("/admin/photos/photo/", {"target": kind,
                                                             "target_id": obj.pk})
    shown = {p.public_id for p in response.context["cl"].result_list}
    kept = [second] if kind == "record" else [first, second]  # a record keeps one photo
    assert shown == {p.public_id for p in kept}


@pytest.mark.parametrize("kind", KINDS)
def test_a_target_without_a_photo_says_so(moderator_client, rows, kind):
    obj = getattr(rows, kind)
    page = moderator_client.get(admin_url(obj)).content.decode()
    assert "no photo (the default one shows)" in page


def test_a_taken_down_photo_is_no_longer_the_targets_photo(moderator_client, rows, moderator):
    photo = rows.photo  # the group's
    moderation.take_down(Photo.objects.filter(pk=photo.pk), moderator=moderator, reason="x")
    page = moderator_client.get(admin_url(rows.group)).content.decode()
    assert "no photo (the default one shows)" in page
    assert "all photos of this group (1)" in page  # the moderators still find it


def test_a_target_list_agrees_with_its_page_after_a_take_down(moderator_client, rows,
                                                             moderator):
    replaced = photo_of(rows.group, rows.user)
    showing = photo_of(rows.group, rows.user)  # newer: the group's photo
    moderation.take_down(Photo.objects.filter(pk=showing.pk), moderator=moderator, reason="x")
    page = moderator_client.get(admin_url(rows.group, "changelist")).content.decode()
    # as in the APIs: the default photo, not the one the taken-down photo replaced
    for photo in (replaced, showing):
        assert reverse("admin:photos_photo_change", args=[photo.pk]) not in page


@pytest.mark.parametrize("kind", KINDS)
def test_a_target_list_shows_each_photo_in_a_bounded_number_of_queries(
        moderator_client, rows, kind, make_user, make_workspace, django_assert_max_num_queries):
    obj = getattr(rows, kind)
    photo = photo_of(obj, rows.user)
    model = type(obj)
    # more rows of the same kind, each with a photo: the number of queries must not follow
    for i in range(15):
        if kind == "user":
            other = make_user(f"u{i}")
        elif kind == "workspace":
            other = make_workspace(f"W{i}")
        elif kind == "group":
            from groups.services import create_group

            other = create_group(owner=rows.user, workspace=rows.workspace, name=f"G{i}",
                                 visibility="PublicAccess")
        else:
            other = model.objects.create(workspace=rows.workspace, module=rows.module)
        photo_of(other, rows.user)
    with django_assert_max_num_queries(12):
        response = moderator_client.get(admin_url(obj, "changelist"))
    page = response.content.decode()
    icon = rendition_url(photo.rendition("icon"))
    assert f'<a href="{reverse("admin:photos_photo_change", args=[photo.pk])}"><img ' \
           f'src="{icon}"' in page
    assert page.count('style="max-width:32px; max-height:32px"') >= 16
