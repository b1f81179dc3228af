"""manage.py rerender_photos: filters, inline or queued, resumable."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from photos import imaging, services
from photos.imaging import specs as spec_registry
from photos.models import Photo, Rendition
from tests.support.images import jpeg_bytes
from tests.support.waiting import wait_for_status

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("rerender_photos", "--no-progress", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def ready_photos(make_user, make_workspace):
    alice, bob = make_user("alice"), make_user("bob")
    team = make_workspace("Team", members=[alice])
    photos = []
    for owner, workspace in ((alice, team), (alice, team), (bob, None), (bob, None)):
        photo = services.create_photo(jpeg_bytes(300, 200), owner=owner, workspace=workspace)
        services.render_photo(photo.pk)
        photos.append(photo)
    return photos


@pytest.fixture
def new_spec(monkeypatch):
    """Adding a spec is one line in the registry; here, in the generic set."""
    spec = imaging.Spec.parse("tiny", "fill-16x16")
    monkeypatch.setitem(spec_registry.SPECS, "tiny", spec)
    monkeypatch.setitem(spec_registry.SETS, "generic", (*spec_registry.SETS["generic"], "tiny"))
    return spec


def test_up_to_date_photos_are_left_alone(ready_photos):
    keys = set(Rendition.objects.values_list("storage_key", flat=True))
    assert "4 up to date" in run("--inline")
    assert set(Rendition.objects.values_list("storage_key", flat=True)) == keys


def test_a_new_spec_is_backfilled_by_a_rerender(ready_photos, new_spec):
    output = run("--inline")
    assert "4 rendered" in output
    tiny = Rendition.objects.filter(spec="tiny")
    assert tiny.count() == 4
    assert {(r.width, r.height) for r in tiny} == {(16, 16)}


def test_a_changed_definition_makes_renditions_stale(ready_photos, monkeypatch):
    monkeypatch.setitem(spec_registry.SPECS, "icon", imaging.Spec.parse("icon", "fill-48x48"))
    run("--inline", "--spec", "icon")
    assert {(r.width, r.spec_string) for r in Rendition.objects.filter(spec="icon")} == {
        (48, "fill-48x48")}


def test_filters_select_by_owner_workspace_status_and_date(ready_photos, new_spec):
    run("--inline", "--owner", "bob")
    assert Rendition.objects.filter(spec="tiny").count() == 2
    assert set(Rendition.objects.filter(spec="tiny").values_list(
        "photo__owner__username", flat=True)) == {"bob"}
    run("--inline", "--workspace", ready_photos[0].workspace.slug, "--status", "ready")
    assert Rendition.objects.filter(spec="tiny").count() == 4
    tomorrow = (timezone.now() + timedelta(days=1)).date().isoformat()
    assert "0 photo(s)" in run("--inline", "--since", tomorrow, "--force")


@pytest.mark.parametrize("option", ["--owner", "--workspace"])
def test_a_name_that_matches_nothing_is_an_error_naming_it(ready_photos, option):
    services.create_photo(jpeg_bytes(120, 90))  # no owner, no workspace
    with pytest.raises(CommandError, match=f"{option}: no .* named 'nosuch'"):
        run("--inline", option, "nosuch")
    with pytest.raises(CommandError, match="named '99999'"):
        run("--inline", option, "99999")


def test_owner_and_workspace_select_only_their_photos_not_the_ones_without(ready_photos):
    orphan = services.create_photo(jpeg_bytes(120, 90))  # no owner, no workspace
    services.render_photo(orphan.pk)
    untouched = set(Rendition.objects.exclude(photo__owner__username="alice")
                    .values_list("storage_key", flat=True))
    alice = ready_photos[0].owner
    assert "2 photo(s): 2 rendered" in run("--inline", "--force", "--owner", str(alice.pk))
    assert "2 photo(s): 2 rendered" in run("--inline", "--force", "--workspace",
                                           ready_photos[0].workspace.slug)
    assert set(Rendition.objects.exclude(photo__owner__username="alice")
               .values_list("storage_key", flat=True)) == untouched


def test_a_taken_down_photo_is_never_selected(ready_photos, new_spec, make_user):
    from photos import moderation

    down = ready_photos[2]
    moderation.take_down(Photo.objects.filter(pk=down.pk), moderator=make_user(),
                         reason="spam")
    output = run("--inline", "--force", "--owner", "bob")
    assert "1 photo(s): 1 rendered" in output
    down.refresh_from_db()
    assert down.status == "taken_down" and not down.renditions.exists()
    with pytest.raises(CommandError, match="invalid choice: 'taken_down'"):
        run("--status", "taken_down")


def test_an_interrupted_run_resumes_without_redoing_what_is_done(ready_photos, new_spec,
                                                                 monkeypatch):
    rendered = []
    real_render = services.render_photo

    def render_then_stop(photo_id, **kwargs):
        if len(rendered) == 2:
            raise KeyboardInterrupt  # the operator presses Ctrl-C
        rendered.append(photo_id)
        return real_render(photo_id, **kwargs)

    monkeypatch.setattr(services, "render_photo", render_then_stop)
    with pytest.raises(KeyboardInterrupt):
        run("--inline")
    assert Rendition.objects.filter(spec="tiny").count() == 2

    monkeypatch.setattr(services, "render_photo",
                        lambda photo_id, **kw: rendered.append(photo_id) or real_render(
                            photo_id, **kw))
    output = run("--inline")
    assert "2 rendered" in output and "2 up to date" in output
    assert len(rendered) == 4 and len(set(rendered)) == 4  # nobody rendered twice
    assert Rendition.objects.filter(spec="tiny").count() == 4


def test_a_forced_run_resumes_from_its_start_time(ready_photos, monkeypatch):
    started = timezone.now()
    first, *rest = ready_photos
    services.render_photo(first.pk, force=True)  # done by a forced run started at `started`
    keys_of_first = set(first.renditions.values_list("storage_key", flat=True))
    output = run("--inline", "--force", "--rendered-before", started.isoformat())
    assert "3 rendered" in output and "1 up to date" in output
    assert set(first.renditions.values_list("storage_key", flat=True)) == keys_of_first


def test_failed_photos_are_tried_again(ready_photos):
    photo = ready_photos[0]
    Rendition.objects.filter(photo=photo).delete()
    Photo.objects.filter(pk=photo.pk).update(status=Photo.Status.FAILED)
    assert "1 rendered" in run("--inline", "--status", "failed")
    photo.refresh_from_db()
    assert photo.status == Photo.Status.READY


def test_unknown_spec_is_an_error():
    with pytest.raises(CommandError, match="--spec"):
        run("--spec", "gigantic")


@pytest.mark.django_db(transaction=True)
def test_without_inline_the_workers_do_the_rendering(celery_worker, make_user):
    import time

    photo = services.create_photo(jpeg_bytes(), owner=make_user())
    wait_for_status(photo)
    lost = photo.renditions.get(spec="icon")
    lost.delete()  # a rendition gone missing: stale for the worker's registry too
    assert "1 queued" in run()
    deadline = time.monotonic() + 30
    while not photo.renditions.filter(spec="icon").exists():
        assert time.monotonic() < deadline, "the worker did not restore the rendition"
        time.sleep(0.1)
    restored = photo.renditions.get(spec="icon")
    assert restored.storage_key != lost.storage_key
    assert (restored.width, restored.height) == (32, 32)


def test_a_forced_run_renders_photos_that_lack_a_rendition(ready_photos, make_user):
    """--force over a selection holding a photo with no renditions (pending) used to crash on
    the missing rendition's ``rendered_at``."""
    pending = services.create_photo(jpeg_bytes(120, 90), owner=make_user())
    output = run("--inline", "--force")
    assert "5 rendered" in output
    pending.refresh_from_db()
    assert pending.status == Photo.Status.READY
    assert pending.renditions.count() == len(imaging.SETS["generic"])


def test_a_resumed_forced_run_backfills_a_new_spec(ready_photos, new_spec):
    cutoff = timezone.now() + timedelta(seconds=1)
    output = run("--inline", "--force", "--rendered-before", cutoff.isoformat())
    assert "4 rendered" in output
    assert Rendition.objects.filter(spec="tiny").count() == 4


def test_a_photo_rendered_under_the_old_scheme_works_until_a_rerender_cleans_its_original(
        api, client, alice, make_token):
    """Before the original was the upload cleaned, it was a JPEG re-encode bounded at 1280 px,
    recorded as ``original-1280x1280``. Such a photo keeps being served as it is; a rerender
    replaces its original with the cleaned upload."""
    from photos import storage
    from tests.support.generic import auth
    from tests.support.images import png, quadrants
    from tests.support.responses import download

    uploaded = png(quadrants(1600, 1200))
    photo = services.create_photo(uploaded, owner=alice)
    services.render_photo(photo.pk)
    old = imaging.render(uploaded, [imaging.Spec.parse("original", "max-1280x1280")])[0]
    old_key = storage.rendition_key(photo.public_id, "original", old.mime)
    storage.save_bytes(old_key, old.data)
    Rendition.objects.filter(photo=photo, spec="original").update(
        spec_string="original-1280x1280", storage_key=old_key, format=old.format,
        mime_type=old.mime, width=old.width, height=old.height, byte_size=len(old.data))
    token = make_token(["user_photos"], user=alice)

    def original():
        return api.get(f"/photo/{photo.public_id}", **auth(token)).json()["images"]["original"]

    before = original()  # the old photo still works, as it was rendered
    assert before["dimensions"] == {"width": 1280, "height": 960}
    assert download(client, before["url"]) == old.data

    assert "1 rendered" in run("--inline")
    after = original()
    assert after["dimensions"] == {"width": 1600, "height": 1200}
    assert download(client, after["url"]) == uploaded  # a PNG with nothing to clean: as it is
    rendition = Rendition.objects.get(photo=photo, spec="original")
    assert (rendition.spec_string, rendition.mime_type) == ("original", "image/png")
    assert "1 up to date" in run("--inline")
