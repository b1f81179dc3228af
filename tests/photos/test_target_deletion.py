"""Deleting what a photo is attached to deletes the photo: its row, its renditions and, once the
deletion commits, its files; for every kind of target (group, record, album, user, workspace),
however it is deleted (the object itself, ``QuerySet.delete()`` as the admin's bulk action does,
or a cascade from a workspace or a user). Photos of other targets stay."""

import threading
import time

import pytest
from django.db import connection, transaction

from accounts.models import User, Workspace
from groups.models import Group
from photos import albums, moderation, services
from photos.models import Album, AlbumPhoto, Photo, Rendition
from records.models import Module, Record
from tests.support.images import jpeg_bytes

pytestmark = pytest.mark.django_db


# --- the objects, each with a rendered photo (the original and its renditions in storage) -------
@pytest.fixture
def person(make_user):
    return make_user("keeper")


@pytest.fixture
def workspace(make_workspace, person):
    return make_workspace("Acme", members=[person])


@pytest.fixture
def elsewhere(make_workspace, make_user):
    """Another workspace with a group and a record that have photos, which must stay."""
    owner = make_user("bystander")
    other = make_workspace("Globex", members=[owner])
    group, record = make_group(other, owner), make_record(other, owner)
    return [photo_of(target, owner) for target in (other, group, record, owner)]


def make_group(workspace, owner, name="Photographers"):
    return Group.objects.create(workspace=workspace, name=name, owner=owner)


def make_record(workspace, owner):
    leads = Module.objects.get(workspace=workspace, product="crm", api_name="Leads")
    return Record.objects.create(workspace=workspace, module=leads, owner=owner,
                                 data={"Last_Name": "Doe"})


def photo_of(target, owner, render=True):
    photo = services.create_photo(jpeg_bytes(), owner=owner, target=target)
    if render:
        services.render_photo(photo.pk)
    return photo


def album_photo(album, owner):
    photo = albums.add_photo(album, jpeg_bytes(), owner=owner, workspace=None, application=None)
    services.render_photo(photo.pk)
    return photo


def files_of(photos, media_root):
    keys = [photo.original for photo in photos]
    keys += Rendition.objects.filter(photo__in=photos).values_list("storage_key", flat=True)
    return [media_root / key for key in keys]


def committed(capture, delete):
    """Run ``delete`` and what its transaction's commit runs (the files' removal)."""
    with capture(execute=True):
        delete()


def assert_gone(photos, files):
    assert not Photo.objects.filter(pk__in=[photo.pk for photo in photos]).exists()
    assert not Rendition.objects.filter(photo_id__in=[photo.pk for photo in photos]).exists()
    assert [path for path in files if path.exists()] == []


def assert_kept(photos, files):
    assert Photo.objects.filter(pk__in=[photo.pk for photo in photos]).count() == len(photos)
    assert files and all(path.exists() for path in files)


# --- groups -------------------------------------------------------------------------------------
GROUP_DELETIONS = {
    "the group": lambda group: group.delete(),
    "a queryset": lambda group: Group.objects.filter(pk=group.pk).delete(),
    "its workspace": lambda group: Workspace.objects.get(pk=group.workspace_id).delete(),
}


@pytest.mark.parametrize("how", GROUP_DELETIONS)
def test_deleting_a_group_deletes_its_photos_and_their_files(
        how, workspace, person, elsewhere, media_root, django_capture_on_commit_callbacks):
    group = make_group(workspace, person)
    # the one it shows, a newer one still waiting for the worker, one that failed and one a
    # moderator took down (which the APIs no longer show): all go
    ready, pending = photo_of(group, person), photo_of(group, person, render=False)
    failed, down = photo_of(group, person, render=False), photo_of(group, person)
    services.mark_failed(failed.pk, "Broken")
    moderation.take_down(Photo.objects.filter(pk=down.pk), moderator=person, reason="Spam")
    photos = [ready, pending, failed, down]
    files = files_of(photos, media_root)  # a taken-down photo's original stays in storage
    assert len(files) > len(photos)  # the renditions of the ready one too

    committed(django_capture_on_commit_callbacks, lambda: GROUP_DELETIONS[how](group))

    assert_gone(photos, files)
    assert_kept(elsewhere, files_of(elsewhere, media_root))


def test_a_groups_files_leave_storage_only_once_its_deletion_commits(
        workspace, person, media_root, django_capture_on_commit_callbacks):
    group = make_group(workspace, person)
    photo = photo_of(group, person)
    files = files_of([photo], media_root)

    with pytest.raises(RuntimeError), transaction.atomic():
        Group.objects.get(pk=group.pk).delete()
        raise RuntimeError("the deletion is rolled back")
    assert Group.objects.filter(pk=group.pk).exists()
    assert_kept([photo], files)

    with django_capture_on_commit_callbacks(execute=True):
        group.delete()
        assert all(path.exists() for path in files)  # not yet committed
    assert_gone([photo], files)


def test_the_admins_delete_page_lists_a_groups_photo_and_deletes_it(
        client, make_user, workspace, person, media_root, django_capture_on_commit_callbacks):
    group = make_group(workspace, person)
    photo = photo_of(group, person)
    files = files_of([photo], media_root)
    client.force_login(make_user("root", is_staff=True, is_superuser=True))
    url = f"/admin/groups/group/{group.pk}/delete/"

    page = client.get(url)
    assert page.status_code == 200
    assert photo.public_id in page.content.decode()  # the moderator sees what else goes

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Group.objects.filter(pk=group.pk).exists()
    assert_gone([photo], files)


# --- records ------------------------------------------------------------------------------------
RECORD_DELETIONS = {
    "the record": lambda record: record.delete(),
    "a queryset": lambda record: Record.objects.filter(pk=record.pk).delete(),
    "its workspace": lambda record: Workspace.objects.get(pk=record.workspace_id).delete(),
}


@pytest.mark.parametrize("how", RECORD_DELETIONS)
def test_deleting_a_record_deletes_its_photos_and_their_files(
        how, workspace, person, elsewhere, media_root, django_capture_on_commit_callbacks):
    record = make_record(workspace, person)
    down = photo_of(record, person)
    moderation.take_down(Photo.objects.filter(pk=down.pk), moderator=person, reason="Spam")
    photos = [down, photo_of(record, person)]
    files = files_of(photos, media_root)

    committed(django_capture_on_commit_callbacks, lambda: RECORD_DELETIONS[how](record))

    assert_gone(photos, files)
    assert_kept(elsewhere, files_of(elsewhere, media_root))


@pytest.mark.parametrize("how", RECORD_DELETIONS)
def test_deleting_a_record_locks_it_before_its_photo_as_the_render_does(
        how, workspace, person):
    """The render locks a record, then its photo (to tell the record its photo is ready); a
    deletion that locked them the other way round would deadlock with it."""
    from django.test.utils import CaptureQueriesContext

    record = make_record(workspace, person)
    photo = photo_of(record, person)
    with CaptureQueriesContext(connection) as queries:
        RECORD_DELETIONS[how](record)
    statements = [query["sql"] for query in queries.captured_queries]

    def first_lock(table):
        return next(n for n, sql in enumerate(statements)
                    if sql.startswith(f'SELECT "{table}"."id"') and sql.endswith("FOR UPDATE"))

    assert first_lock("records_record") < first_lock("photos_photo")
    assert not Photo.objects.filter(pk=photo.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_deleting_a_record_while_the_render_holds_it_waits_instead_of_deadlocking(
        make_user, make_workspace):
    owner = make_user("racer")
    record = make_record(make_workspace("Race", members=[owner]), owner)
    photo = photo_of(record, owner)
    render_holds_record, render_may_go_on = threading.Event(), threading.Event()
    deleter_pid, outcomes = [], {}

    def render():  # the order of services._lock_with_target: the record, then the photo
        try:
            with transaction.atomic():
                list(Record.objects.select_for_update().filter(pk=record.pk))
                render_holds_record.set()
                render_may_go_on.wait(timeout=20)
                list(Photo.objects.select_for_update().filter(pk=photo.pk))
            outcomes["render"] = "done"
        except Exception as exc:  # noqa: BLE001 - reported in the assertion below
            outcomes["render"] = repr(exc)
        finally:
            connection.close()

    def delete():
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                deleter_pid.append(cursor.fetchone()[0])
            render_holds_record.wait(timeout=20)
            Record.objects.get(pk=record.pk).delete()
            outcomes["delete"] = "done"
        except Exception as exc:  # noqa: BLE001
            outcomes["delete"] = repr(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=render), threading.Thread(target=delete)]
    for thread in threads:
        thread.start()
    # once the deletion waits for a lock the render holds, the render goes on to the photo
    deadline = time.monotonic() + 20
    while not render_may_go_on.is_set() and time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s",
                           deleter_pid or [0])
            row = cursor.fetchone()
        if row and row[0] == "Lock":
            render_may_go_on.set()
        time.sleep(0.02)
    render_may_go_on.set()
    for thread in threads:
        thread.join(timeout=30)
    assert outcomes == {"render": "done", "delete": "done"}
    assert not Photo.objects.filter(pk=photo.pk).exists()


# --- albums -------------------------------------------------------------------------------------
ALBUM_DELETIONS = {
    "the album": lambda album: album.delete(),
    "a queryset": lambda album: Album.objects.filter(pk=album.pk).delete(),
    "its owner": lambda album: User.objects.get(pk=album.owner_id).delete(),
}


@pytest.mark.parametrize("how", ALBUM_DELETIONS)
def test_deleting_an_album_deletes_its_photos_and_their_files(
        how, make_user, elsewhere, media_root, django_capture_on_commit_callbacks):
    owner = make_user("traveller")
    album = Album.objects.create(owner=owner, name="Trip")
    photos = [album_photo(album, owner), album_photo(album, owner)]
    files = files_of(photos, media_root)

    committed(django_capture_on_commit_callbacks, lambda: ALBUM_DELETIONS[how](album))

    assert_gone(photos, files)
    assert not AlbumPhoto.objects.filter(album_id=album.pk).exists()
    assert_kept(elsewhere, files_of(elsewhere, media_root))


# --- users --------------------------------------------------------------------------------------
USER_DELETIONS = {
    "the user": lambda user: user.delete(),
    "a queryset": lambda user: User.objects.filter(pk=user.pk).delete(),
}


@pytest.mark.parametrize("how", USER_DELETIONS)
def test_deleting_a_user_deletes_their_profile_photos_and_albums_not_what_they_gave_others(
        how, make_user, workspace, person, elsewhere, media_root,
        django_capture_on_commit_callbacks):
    from accounts.models import Membership

    leaver = make_user("leaver")
    Membership.objects.create(user=leaver, workspace=workspace)
    profile = photo_of(leaver, leaver)
    in_album = album_photo(Album.objects.create(owner=leaver, name="Mine"), leaver)
    # the photo they uploaded for a colleague's group and a record is the group's and the
    # record's: it stays, with no owner
    given = [photo_of(make_group(workspace, person), leaver),
             photo_of(make_record(workspace, person), leaver)]
    files = files_of([profile, in_album], media_root)

    committed(django_capture_on_commit_callbacks, lambda: USER_DELETIONS[how](leaver))

    assert_gone([profile, in_album], files)
    assert_kept(given, files_of(given, media_root))
    assert list(Photo.objects.filter(pk__in=[p.pk for p in given])
                .values_list("owner", flat=True)) == [None, None]
    assert_kept(elsewhere, files_of(elsewhere, media_root))


# --- workspaces ---------------------------------------------------------------------------------
WORKSPACE_DELETIONS = {
    "the workspace": lambda workspace: workspace.delete(),
    "a queryset": lambda workspace: Workspace.objects.filter(pk=workspace.pk).delete(),
}


@pytest.mark.parametrize("how", WORKSPACE_DELETIONS)
def test_deleting_a_workspace_deletes_its_photos_and_those_of_its_groups_and_records(
        how, workspace, person, elsewhere, media_root, django_capture_on_commit_callbacks):
    photos = [photo_of(workspace, person), photo_of(make_group(workspace, person), person),
              photo_of(make_record(workspace, person), person)]
    files = files_of(photos, media_root)

    committed(django_capture_on_commit_callbacks, lambda: WORKSPACE_DELETIONS[how](workspace))

    assert_gone(photos, files)
    assert_kept(elsewhere, files_of(elsewhere, media_root))


def test_a_workspace_takes_the_photo_of_its_group_even_one_filed_under_no_workspace(
        workspace, person, media_root, django_capture_on_commit_callbacks):
    """Photo.workspace is not what takes a group's photo along: the group is."""
    group = make_group(workspace, person)
    photo = photo_of(group, person)
    Photo.objects.filter(pk=photo.pk).update(workspace=None)
    files = files_of([photo], media_root)

    committed(django_capture_on_commit_callbacks, workspace.delete)

    assert_gone([photo], files)
