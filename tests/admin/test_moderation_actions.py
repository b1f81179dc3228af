"""A moderator takes photos down (with a reason), restores and re-renders them from the photo
list; every act is in the admin's log, one entry per photo, however many photos."""

import pytest
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType

from photos import services
from photos.delivery import rendition_url
from photos.models import Photo, Rendition
from tests.support.images import jpeg_bytes

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/photos/photo/"


@pytest.fixture
def photos(rows, make_user):
    """Three rendered photos: two of Alice's, one of Bob's."""
    bob = make_user("bob")
    made = []
    for owner in (rows.user, rows.user, bob):
        photo = services.create_photo(jpeg_bytes(80, 60), owner=owner)
        services.render_photo(photo.pk)
        photo.refresh_from_db()
        made.append(photo)
    return made


def act(client, action, photos=(), url=CHANGELIST, **extra):
    """Post ``action`` from the list at ``url`` with ``photos`` ticked, as the page does."""
    if extra.get("select_across"):
        # "select all N": the browser still sends the boxes ticked on the page
        photos = client.get(url).context["cl"].result_list
    data = {"action": action, "index": 0, "_selected_action": [p.pk for p in photos],
            **extra}
    return client.post(url, data)


def log_of(photo):
    return list(LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Photo), object_id=str(photo.pk))
        .order_by("pk").values_list("user__username", "action_flag", "change_message"))


# --- take down ----------------------------------------------------------------------------------
def test_take_down_asks_for_a_reason_first(moderator_client, photos):
    response = act(moderator_client, "take_down", photos[:2])
    assert response.status_code == 200
    page = response.content.decode()
    assert '<textarea name="reason"' in page and " required>" in page
    assert '<button type="submit" class="button default">Take down</button>' in page
    assert "Take down 2 photos?" in page
    for photo in photos:
        photo.refresh_from_db()
        assert photo.status == Photo.Status.READY  # nothing happens before the reason
    assert LogEntry.objects.count() == 0


def test_a_moderator_takes_photos_down_with_a_reason(moderator_client, moderator, photos,
                                                     client, django_capture_on_commit_callbacks):
    down, kept = photos[:2], photos[2]
    urls = [rendition_url(r) for p in down for r in p.renditions.all()]
    with django_capture_on_commit_callbacks(execute=True):
        response = act(moderator_client, "take_down", down, reason="  Copyright claim #12 ",
                       apply="yes")
    assert response.status_code == 302
    for photo in down:
        photo.refresh_from_db()
        assert photo.status == Photo.Status.TAKEN_DOWN
        assert photo.taken_down_by == moderator and photo.taken_down_at is not None
        assert photo.takedown_reason == "Copyright claim #12"
        assert not photo.renditions.exists()
        assert log_of(photo) == [("mod", CHANGE, "Taken down: Copyright claim #12")]
    for url in urls:
        assert client.get(url).status_code == 404
    kept.refresh_from_db()
    assert kept.status == Photo.Status.READY and log_of(kept) == []
    messages = [str(m) for m in moderator_client.get(CHANGELIST).context["messages"]]
    assert "Took down 2 photo(s)." in messages


def test_a_blank_reason_takes_nothing_down(moderator_client, photos):
    response = act(moderator_client, "take_down", photos[:1], reason="   ", apply="yes")
    assert response.status_code == 200
    assert "Say why" in response.content.decode()
    photos[0].refresh_from_db()
    assert photos[0].status == Photo.Status.READY
    assert LogEntry.objects.count() == 0


def test_taking_down_a_photo_already_down_changes_and_logs_nothing(moderator_client, photos,
                                                                   make_user):
    from photos import moderation

    other = make_user("other-mod", is_staff=True)
    moderation.take_down(Photo.objects.filter(pk=photos[0].pk), moderator=other,
                         reason="first")
    page = act(moderator_client, "take_down", photos[:2]).content.decode()
    assert "1 of them is down already" in page
    act(moderator_client, "take_down", photos[:2], reason="second", apply="yes")
    photos[0].refresh_from_db()
    assert (photos[0].taken_down_by, photos[0].takedown_reason) == (other, "first")
    assert log_of(photos[0]) == []
    assert log_of(photos[1]) == [("mod", CHANGE, "Taken down: second")]


def test_the_photo_page_shows_who_took_it_down_when_and_why(moderator_client, photos):
    act(moderator_client, "take_down", photos[:1], reason="Spam", apply="yes")
    page = moderator_client.get(f"/admin/photos/photo/{photos[0].pk}/change/").content.decode()
    photos[0].refresh_from_db()
    assert "Taken down at" in page and "Spam" in page
    moderator = photos[0].taken_down_by
    assert f'<a href="/admin/accounts/user/{moderator.pk}/change/">mod</a>' in page
    # the original is still there for the moderators to look at
    assert f'src="/admin/photos/photo/{photos[0].pk}/original/"' in page
    assert moderator_client.get(f"/admin/photos/photo/{photos[0].pk}/original/"
                                ).status_code == 200


def test_taking_down_everything_a_filter_selects(moderator_client, photos, rows):
    url = f"{CHANGELIST}?owner__id__exact={rows.user.pk}"
    page = act(moderator_client, "take_down", url=url, select_across=1).content.decode()
    assert "Take down 2 photos?" in page
    assert 'name="select_across" value="1"' in page
    act(moderator_client, "take_down", url=url, select_across=1, reason="Account closed",
        apply="yes")
    statuses = {p.pk: Photo.objects.get(pk=p.pk).status for p in photos}
    assert statuses == {photos[0].pk: "taken_down", photos[1].pk: "taken_down",
                        photos[2].pk: "ready"}


# --- restore and re-render ----------------------------------------------------------------------
def test_restore_brings_a_photo_back_and_logs_it(moderator_client, photos,
                                                 django_capture_on_commit_callbacks):
    act(moderator_client, "take_down", photos[:2], reason="Mistake?", apply="yes")
    with django_capture_on_commit_callbacks() as queued:
        response = act(moderator_client, "restore", photos)  # no form: one step
    assert response.status_code == 302
    assert len(queued) == 2  # a render each, for the two that were down
    photo = Photo.objects.get(pk=photos[0].pk)
    assert (photo.status, photo.taken_down_by, photo.takedown_reason) == ("pending", None, "")
    assert log_of(photo) == [("mod", CHANGE, "Taken down: Mistake?"),
                             ("mod", CHANGE, "Restored: rendering again")]
    assert log_of(photos[2]) == []  # was never down: nothing restored, nothing logged
    services.render_photo(photo.pk)  # what the queued task does
    photo.refresh_from_db()
    assert photo.status == "ready" and photo.renditions.count() == 4


def test_rerender_skips_taken_down_photos(moderator_client, photos,
                                          django_capture_on_commit_callbacks):
    act(moderator_client, "take_down", photos[:1], reason="Nudity", apply="yes")
    with django_capture_on_commit_callbacks() as queued:
        act(moderator_client, "rerender", photos)
    assert len(queued) == 2
    assert log_of(photos[0]) == [("mod", CHANGE, "Taken down: Nudity")]
    assert log_of(photos[1]) == [("mod", CHANGE, "Re-render queued")]
    services.render_photo(photos[0].pk, force=True)  # even if a render ran anyway
    assert Photo.objects.get(pk=photos[0].pk).status == "taken_down"
    assert not Rendition.objects.filter(photo_id=photos[0].pk).exists()


# --- who may act --------------------------------------------------------------------------------
def test_staff_who_may_only_view_photos_cannot_act_on_them(client, make_user, photos):
    from tests.support.admin import grant

    viewer = make_user("viewer", is_staff=True)
    grant(viewer, ["photos.view_photo"])
    client.force_login(viewer)
    page = client.get(CHANGELIST).content.decode()
    for action in ("take_down", "restore", "rerender"):
        assert f'value="{action}"' not in page
    act(client, "take_down", photos[:1], reason="no", apply="yes")
    act(client, "rerender", photos[:1])
    photos[0].refresh_from_db()
    assert photos[0].status == "ready" and LogEntry.objects.count() == 0


def test_the_moderator_sees_the_three_actions(moderator_client, photos):
    page = moderator_client.get(CHANGELIST).content.decode()
    for action in ("take_down", "restore", "rerender", "delete_selected"):
        assert f'<option value="{action}">' in page


# --- Django's own acts are logged too -----------------------------------------------------------
def test_a_bulk_delete_logs_each_photo(moderator_client, photos,
                                       django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = act(moderator_client, "delete_selected", photos[:2], post="yes")
    assert response.status_code == 302
    assert not Photo.objects.filter(pk__in=[p.pk for p in photos[:2]]).exists()
    for photo in photos[:2]:
        assert log_of(photo) == [("mod", DELETION, "")]


def test_an_edit_is_logged(moderator_client, photos):
    photo = photos[0]
    url = f"/admin/photos/photo/{photo.pk}/change/"
    data = {"name": "renamed.jpg"}
    for inline in moderator_client.get(url).context["inline_admin_formsets"]:
        formset = inline.formset  # the renditions, shown read-only, sent back as they came
        data.update({f"{formset.prefix}-{key}": value
                     for key, value in formset.management_form.initial.items()})
        for form in formset.forms:
            data.update({form.add_prefix(field.name): field.value()
                         for field in form.hidden_fields()})
    response = moderator_client.post(url, data)
    assert response.status_code == 302
    assert Photo.objects.get(pk=photo.pk).name == "renamed.jpg"
    entries = log_of(photo)
    assert [(user, flag) for user, flag, _ in entries] == [("mod", CHANGE)]
    assert "name" in LogEntry.objects.get().get_change_message().lower()


# --- thousands of photos ------------------------------------------------------------------------
def bulk_photos(n, owner):
    made = Photo.objects.bulk_create([
        Photo(name=f"p{i}", mime_type="image/jpeg", original=f"bulk/{i}.jpg", width=1,
              height=1, byte_size=1, sha256="0" * 64, status="ready", owner=owner)
        for i in range(n)])
    Rendition.objects.bulk_create([
        Rendition(photo=photo, spec="icon", spec_string="fill-32x32", storage_key=f"bulk/{i}",
                  format="JPEG", mime_type="image/jpeg", width=32, height=32, byte_size=1)
        for i, photo in enumerate(made)])
    return made


def test_a_take_down_of_thousands_works_in_chunks(moderator_client, make_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    n = 2500
    owner = make_user("prolific")
    bulk_photos(n, owner)
    url = f"{CHANGELIST}?owner__id__exact={owner.pk}"
    with CaptureQueriesContext(connection) as queries:
        page = act(moderator_client, "take_down", url=url, select_across=1).content.decode()
        act(moderator_client, "take_down", url=url, select_across=1, reason="Bot account",
            apply="yes")
    # queries grow with the number of chunks, not of photos (one per photo would be
    # thousands); each deleted rendition's file is journalled by its own post_delete
    # receiver (photos.services), one insert per rendition, which is not the admin's
    per_rendition = [q for q in queries.captured_queries
                     if q["sql"].startswith('INSERT INTO "photos_unownedfile"')]
    assert len(queries.captured_queries) - len(per_rendition) < 150
    assert f"Take down {n} photos?" in page
    assert Photo.objects.filter(owner=owner, status="taken_down").count() == n
    assert not Rendition.objects.filter(photo__owner=owner).exists()
    assert LogEntry.objects.filter(change_message="Taken down: Bot account").count() == n
    assert len(set(LogEntry.objects.values_list("object_id", flat=True))) == n


def test_a_rerender_and_a_restore_of_thousands_log_each_photo(moderator_client, make_user):
    n = 1200
    owner = make_user("prolific")
    made = bulk_photos(n, owner)
    url = f"{CHANGELIST}?owner__id__exact={owner.pk}"
    act(moderator_client, "rerender", url=url, select_across=1)
    assert LogEntry.objects.filter(change_message="Re-render queued").count() == n
    from photos import moderation

    moderation.take_down(Photo.objects.filter(pk__in=[p.pk for p in made[:700]]),
                         moderator=owner, reason="x")
    act(moderator_client, "restore", url=url, select_across=1)
    restored = LogEntry.objects.filter(change_message="Restored: rendering again")
    assert restored.count() == 700
    assert Photo.objects.filter(owner=owner, status="taken_down").count() == 0
