"""What a moderator sees of photos in the admin: the list, its filters and search, a photo's
page with its original, renditions and links, and the original kept from everyone else."""

import hashlib
import json

import pytest
from django.urls import reverse

from photos import services
from photos.delivery import rendition_url
from photos.models import Photo
from tests.support.images import jpeg_bytes, png_bytes

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/photos/photo/"


def change_url(photo):
    return reverse("admin:photos_photo_change", args=[photo.pk])


def original_url(photo):
    return reverse("admin:photos_photo_original", args=[photo.pk])


def listed(response):
    assert response.status_code == 200
    return {photo.public_id for photo in response.context["cl"].result_list}


# --- a photo's page -----------------------------------------------------------------------------
def test_a_photo_page_shows_the_original_and_every_rendition(moderator_client, rows):
    photo = rows.photo
    page = moderator_client.get(change_url(photo)).content.decode()
    assert f'<img src="{original_url(photo)}"' in page
    renditions = list(photo.renditions.all())
    assert {r.spec for r in renditions} == {"original", "large", "small", "icon",
                                            "chatter_large", "chatter_medium", "chatter_small"}
    for rendition in renditions:
        assert f'<img src="{rendition_url(rendition)}"' in page


def test_a_photo_page_links_to_its_owner_workspace_application_and_target(moderator_client,
                                                                          rows):
    photo = rows.photo
    page = moderator_client.get(change_url(photo)).content.decode()
    for url in (reverse("admin:accounts_user_change", args=[rows.user.pk]),
                reverse("admin:accounts_workspace_change", args=[rows.workspace.pk]),
                reverse("admin:accounts_application_change", args=[rows.application.pk])):
        assert f'href="{url}"' in page
    group_url = reverse("admin:groups_group_change", args=[rows.group.pk])
    assert f'<a href="{group_url}">group {rows.group.sfid}: Hikers</a>' in page


@pytest.mark.parametrize("target", ["record", "album", "user", "workspace"])
def test_a_photo_page_links_to_any_kind_of_target(moderator_client, rows, target):
    obj = getattr(rows, target)
    photo = services.create_photo(jpeg_bytes(64, 64), owner=rows.user, target=obj)
    page = moderator_client.get(change_url(photo)).content.decode()
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    assert f'<a href="{url}">{target} ' in page


def test_a_photo_whose_target_is_gone_says_so(moderator_client, rows):
    photo = services.create_photo(jpeg_bytes(64, 64), owner=rows.user, target=rows.album)
    Photo.objects.filter(pk=photo.pk).update(target_id="999999")
    page = moderator_client.get(change_url(photo)).content.decode()
    assert "album 999999 (deleted)" in page


def test_a_failed_photo_shows_why_on_its_page_and_in_the_list(moderator_client, rows):
    photo = services.create_photo(jpeg_bytes(64, 64), owner=rows.user)
    services.mark_failed(photo.pk, "The original file is missing from storage.")
    page = moderator_client.get(change_url(photo)).content.decode()
    assert "The original file is missing from storage." in page
    listing = moderator_client.get(CHANGELIST).content.decode()
    assert "The original file is missing from st" in listing


def test_photos_cannot_be_added_in_the_admin(moderator_client, admin_client):
    assert admin_client.get("/admin/photos/photo/add/").status_code == 403
    assert moderator_client.get("/admin/photos/photo/add/").status_code == 403


# --- the original: to staff who may view the photo, inert, never cached ------------------------
def test_the_original_is_streamed_to_a_moderator_as_uploaded(moderator_client, make_user):
    data = jpeg_bytes(300, 200)
    photo = services.create_photo(data, owner=make_user(), name="as-sent.png")
    response = moderator_client.get(original_url(photo))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert response["Content-Type"] == "image/jpeg"  # from the bytes, not the name
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Cache-Control"] == "private, no-store"


def test_the_original_is_not_found_for_anyone_else(client, make_user, rows):
    photo = rows.photo
    assert client.get(original_url(photo)).status_code == 404  # anonymous
    client.force_login(make_user("member"))  # a user, not staff
    assert client.get(original_url(photo)).status_code == 404
    client.force_login(make_user("clerk", is_staff=True))  # staff without the photo permission
    assert client.get(original_url(photo)).status_code == 404
    client.force_login(make_user("root", is_staff=True, is_superuser=True))
    assert client.get(original_url(photo)).status_code == 200
    assert client.get(reverse("admin:photos_photo_original", args=[10**9])).status_code == 404


def test_the_original_is_never_at_a_public_url(client, rows):
    assert client.get(f"/media/{rows.photo.original}").status_code == 404


# --- the list: filters and search ---------------------------------------------------------------
@pytest.fixture
def mixed(rows, make_user, make_workspace):
    """Photos of two owners, two workspaces, two applications and several target types."""
    from accounts.models import Application

    bob = make_user("bob")
    lab = make_workspace("Lab", members=[bob])
    other_app = Application.objects.create(
        name="Importer", client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS)
    make = services.create_photo
    return {
        "group": rows.photo,  # alice, Studio, Uploader, on the group
        "record": make(png_bytes(50, 50), owner=rows.user, target=rows.record,
                       application=rows.application, name="lead.png"),
        "bob": make(jpeg_bytes(40, 40), owner=bob, workspace=lab, application=other_app,
                    name="bob-temp.jpg"),
        "bob_user": make(jpeg_bytes(30, 30), owner=bob, target=bob, name="avatar.jpg"),
        "nobody": make(jpeg_bytes(20, 20), workspace=lab, name="workspace-upload.jpg"),
        "people": (rows.user, bob), "workspaces": (rows.workspace, lab),
        "applications": (rows.application, other_app),
    }


def ids(*photos):
    return {photo.public_id for photo in photos}


def test_the_list_filters_by_owner_workspace_and_application(moderator_client, mixed):
    alice, bob = mixed["people"]
    studio, lab = mixed["workspaces"]
    uploader, importer = mixed["applications"]
    get = moderator_client.get
    assert listed(get(CHANGELIST, {"owner__id__exact": bob.pk})) == ids(mixed["bob"],
                                                                        mixed["bob_user"])
    assert listed(get(CHANGELIST, {"workspace__id__exact": lab.pk})) == ids(mixed["bob"],
                                                                            mixed["nobody"])
    assert listed(get(CHANGELIST, {"application__id__exact": uploader.pk})) == ids(
        mixed["group"], mixed["record"])
    assert listed(get(CHANGELIST, {"owner__id__exact": alice.pk,
                                   "application__id__exact": importer.pk})) == set()


def test_owner_workspace_and_application_filters_are_searches_not_lists(moderator_client,
                                                                        mixed):
    alice, bob = mixed["people"]
    page = moderator_client.get(CHANGELIST, {"owner__id__exact": bob.pk}).content.decode()
    for field in ("owner", "workspace", "application"):
        assert f'data-field-name="{field}"' in page  # the autocomplete widget, not every row
    assert f'<option value="{bob.pk}" selected>bob</option>' in page  # only the chosen one
    assert f'<option value="{alice.pk}"' not in page
    # the script that applies the choice runs after the admin's jQuery is set up
    assert page.index("admin/js/jquery.init.js") < page.index("accounts/autocomplete_filter.js")


def test_the_filters_search_box_finds_people_for_a_moderator(moderator_client, mixed):
    response = moderator_client.get("/admin/autocomplete/", {
        "app_label": "photos", "model_name": "photo", "field_name": "owner", "term": "bo"})
    assert response.status_code == 200
    assert [r["text"] for r in json.loads(response.content)["results"]] == ["bob"]
    response = moderator_client.get("/admin/autocomplete/", {
        "app_label": "photos", "model_name": "photo", "field_name": "workspace", "term": "stu"})
    assert [r["text"] for r in json.loads(response.content)["results"]] == ["Studio"]
    response = moderator_client.get("/admin/autocomplete/", {
        "app_label": "photos", "model_name": "photo", "field_name": "application",
        "term": "imp"})
    assert [r["text"] for r in json.loads(response.content)["results"]] == ["Importer"]


def test_the_target_filter_offers_only_what_can_hold_photos(moderator_client, mixed):
    response = moderator_client.get(CHANGELIST)
    spec = next(f for f in response.context["cl"].filter_specs
                if getattr(f, "parameter_name", None) == "target")
    assert sorted(key for key, _ in spec.lookup_choices) == [
        "album", "group", "record", "user", "workspace"]
    page = response.content.decode()
    assert "?target=record" in page
    assert "log entry" not in page.lower() and "session" not in page.lower()


@pytest.mark.parametrize("key, expected", [("group", {"group"}), ("record", {"record"}),
                                           ("user", {"bob_user"}), ("album", set())])
def test_the_list_filters_by_target_type(moderator_client, mixed, key, expected):
    shown = listed(moderator_client.get(CHANGELIST, {"target": key}))
    assert shown == ids(*(mixed[name] for name in expected))


def test_the_list_filters_by_status(moderator_client, mixed):
    services.mark_failed(mixed["bob"].pk, "broken")
    assert listed(moderator_client.get(CHANGELIST, {"status__exact": "failed"})) == ids(
        mixed["bob"])
    assert listed(moderator_client.get(CHANGELIST, {"status__exact": "ready"})) == ids(
        mixed["group"])


@pytest.mark.parametrize("term, expected", [
    ("lead.png", {"record"}), ("AVATAR", {"bob_user"}),  # name, any part, any case
    ("bob", {"bob", "bob_user"}),  # owner
    ("Lab", {"bob", "nobody"}),  # workspace
])
def test_the_list_searches_names_owners_and_workspaces(moderator_client, mixed, term,
                                                       expected):
    shown = listed(moderator_client.get(CHANGELIST, {"q": term}))
    assert shown == ids(*(mixed[name] for name in expected))


def test_the_list_searches_public_ids_and_hashes(moderator_client, mixed):
    photo = mixed["record"]
    assert listed(moderator_client.get(CHANGELIST, {"q": photo.public_id})) == ids(photo)
    digest = hashlib.sha256(png_bytes(50, 50)).hexdigest()
    assert listed(moderator_client.get(CHANGELIST, {"q": digest})) == ids(photo)
    assert listed(moderator_client.get(CHANGELIST, {"q": digest[:12]})) == ids(photo)


def test_a_filter_value_that_is_no_id_is_refused_politely(moderator_client, mixed):
    response = moderator_client.get(CHANGELIST, {"owner__id__exact": "nobody"})
    assert response.status_code == 302 and "e=1" in response["Location"]


def test_a_page_of_a_hundred_photos_takes_a_bounded_number_of_queries(
        moderator_client, rows, make_user, django_assert_max_num_queries):
    from accounts.models import Application, User, Workspace
    from photos.models import Rendition

    n = 100
    users = User.objects.bulk_create([User(username=f"owner{i}") for i in range(n)])
    spaces = Workspace.objects.bulk_create([Workspace(name=f"W{i}", slug=f"w{i}")
                                            for i in range(n)])
    apps = [Application.objects.create(name=f"app{i}", client_type="confidential",
                                       authorization_grant_type="client-credentials")
            for i in range(3)]
    template = rows.photo
    photos = Photo.objects.bulk_create([
        Photo(name=f"p{i}", mime_type="image/jpeg", original=f"x/{i}", width=1, height=1,
              byte_size=1, sha256="0" * 64, status="ready", owner=users[i],
              workspace=spaces[i], application=apps[i % 3], target_type=template.target_type,
              target_id=template.target_id, is_temporary=False,
              failure_reason="an earlier render failed")
        for i in range(n)])
    Rendition.objects.bulk_create([
        Rendition(photo=photo, spec="icon", spec_string="fill-32x32", storage_key=f"k/{i}",
                  format="JPEG", mime_type="image/jpeg", width=32, height=32, byte_size=1)
        for i, photo in enumerate(photos)])
    with django_assert_max_num_queries(12):
        response = moderator_client.get(CHANGELIST, {
            "owner__id__exact": users[0].pk, "workspace__id__exact": spaces[0].pk,
            "application__id__exact": apps[0].pk, "target": "group"})
    assert listed(response) == {photos[0].public_id}
    with django_assert_max_num_queries(12):
        response = moderator_client.get(CHANGELIST)
    assert len(listed(response)) == 100
    assert response.content.decode().count('width="32" height="32"') == 100
