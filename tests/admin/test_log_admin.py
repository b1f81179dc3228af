"""The admin's log is browsable by a moderator: filtered by who, what and which kind of object,
searched by object or message, linked to the object; and nobody can change it."""

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType

pytestmark = pytest.mark.django_db

LOG = "/admin/admin/logentry/"


@pytest.fixture
def entries(rows, moderator, make_user):
    other = make_user("other-mod", is_staff=True)
    photo, group = rows.photo, rows.group
    log = LogEntry.objects.log_actions
    return {
        "down": log(moderator.pk, [photo], CHANGE, "Taken down: Copyright", single_object=True),
        "group": log(other.pk, [group], CHANGE, "Changed description.", single_object=True),
        "added": log(other.pk, [rows.record], ADDITION, "", single_object=True),
        "gone": log(moderator.pk, [rows.album], DELETION, "", single_object=True),
    }


def shown(response):
    assert response.status_code == 200
    return {entry.pk for entry in response.context["cl"].result_list}


def pks(entries, *names):
    return {entries[name].pk for name in names}


def test_the_log_lists_every_entry(moderator_client, entries):
    assert shown(moderator_client.get(LOG)) == pks(entries, "down", "group", "added", "gone")


def test_the_log_filters_by_user_action_and_object_type(moderator_client, moderator, entries):
    get = moderator_client.get
    assert shown(get(LOG, {"user__id__exact": moderator.pk})) == pks(entries, "down", "gone")
    assert shown(get(LOG, {"action_flag__exact": CHANGE})) == pks(entries, "down", "group")
    groups = ContentType.objects.get(app_label="groups", model="group")
    assert shown(get(LOG, {"content_type__id__exact": groups.pk})) == pks(entries, "group")
    page = get(LOG).content.decode()
    assert 'data-field-name="user"' in page  # a search for the user, not a list of everyone


def test_the_object_type_filter_lists_only_types_in_the_log(moderator_client, entries):
    response = moderator_client.get(LOG)
    spec = next(f for f in response.context["cl"].filter_specs
                if getattr(f, "field_path", None) == "content_type")
    assert sorted(label for _, label in spec.lookup_choices) == [
        "Groups (Chatter) | group", "Photos | album", "Photos | photo", "Records | record"]


@pytest.mark.parametrize("term, expected", [("Copyright", {"down"}), ("Hikers", {"group"})])
def test_the_log_searches_messages_and_objects(moderator_client, entries, term, expected):
    assert shown(moderator_client.get(LOG, {"q": term})) == pks(entries, *expected)


def test_an_entry_links_to_its_object_unless_deleted(moderator_client, entries, rows):
    page = moderator_client.get(LOG).content.decode()
    photo_page = f"/admin/photos/photo/{rows.photo.pk}/change/"
    assert f'<a href="{photo_page}">{rows.photo}</a>' in page
    assert f"/admin/photos/album/{rows.album.pk}/change/" not in page  # a deletion
    entry = moderator_client.get(f"{LOG}{entries['down'].pk}/change/").content.decode()
    assert f'<a href="{photo_page}">' in entry and "Taken down: Copyright" in entry


def test_nobody_can_add_change_or_delete_an_entry(admin_client, entries):
    entry = entries["down"]
    url = f"{LOG}{entry.pk}/change/"
    assert admin_client.get(f"{LOG}add/").status_code == 403
    assert admin_client.post(url, {"change_message": "nothing happened"}).status_code == 403
    assert admin_client.post(f"{LOG}{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    response = admin_client.post(LOG, {"action": "delete_selected", "index": 0,
                                       "_selected_action": [entry.pk], "post": "yes"})
    assert response.status_code == 200  # no such action: the list again, nothing deleted
    entry.refresh_from_db()
    assert entry.change_message == "Taken down: Copyright"
    assert LogEntry.objects.count() == 4


def test_staff_without_the_log_permission_do_not_see_it(client, make_user, entries):
    client.force_login(make_user("clerk", is_staff=True))
    assert client.get(LOG).status_code == 403
