"""A moderator works in the admin in a real browser: finds a photo, sees its renditions, takes
it down with a reason, and restores it; API clients and public URLs see the effect, and both
acts are on record. (See conftest.py for why database fixtures come before ``page``.)"""

import re
import time
from urllib.parse import urlparse

import pytest
from django.core.files.storage import default_storage
from playwright.sync_api import expect

from tests.support.images import jpeg_bytes
from tests.support.waiting import wait_for_status

pytestmark = [pytest.mark.browser, pytest.mark.worker,
              pytest.mark.django_db(transaction=True)]

MODERATOR_PERMISSIONS = [("photos", "view_photo"), ("photos", "change_photo"),
                         ("admin", "view_logentry")]


@pytest.fixture
def photo_moderator(make_user):
    """Staff, not a superuser: only what moderating photos takes."""
    from django.contrib.auth.models import Permission

    user = make_user("moddy", is_staff=True)
    for app_label, codename in MODERATOR_PERMISSIONS:
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return user


@pytest.fixture
def photo_owner(make_user):
    return make_user("alice")


@pytest.fixture
def photo_owner_token(make_token, photo_owner):
    return make_token(["user_photos"], user=photo_owner)


@pytest.fixture
def ready_photo(celery_worker, photo_owner):
    from photos import services
    from photos.models import Photo

    photo = wait_for_status(services.create_photo(jpeg_bytes(800, 600), owner=photo_owner,
                                                  name="Beach day"))
    assert photo.status == Photo.Status.READY, photo.failure_reason
    return photo


@pytest.fixture
def failed_photo(celery_worker, photo_owner):
    """A photo whose original was damaged after upload: the worker fails it, with a reason."""
    from photos import services
    from photos.models import Photo

    photo = services.create_photo(jpeg_bytes(640, 480), owner=photo_owner, name="Broken")
    with default_storage.open(photo.original, "wb") as handle:
        handle.write(b"\xff\xd8\xff\xe0" + b"\x00" * 50)
    services.queue_render(photo)
    photo = wait_for_status(photo)
    assert photo.status == Photo.Status.FAILED
    return photo


# --- steps a moderator takes ----------------------------------------------------------------------
def navigation(page):
    """``with navigation(page) as response: <click>``: the page the click lands on, after
    redirects."""
    return page.expect_response(
        lambda r: r.request.is_navigation_request() and r.frame == page.main_frame
        and not 300 <= r.status < 400)


def visit(page, path):
    response = page.goto(path)
    assert response.status == 200, f"{path} answered {response.status}"


def log_in(page, user):
    visit(page, "/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("pw-" + user.username)
    with navigation(page) as landed:
        page.get_by_role("button", name="Log in").click()
    assert landed.value.status == 200
    expect(page.locator("#user-tools")).to_contain_text(user.username)


def filter_by_status(page, label):
    status_filter = page.locator("#changelist-filter details").filter(has_text="By status")
    with navigation(page) as landed:
        status_filter.get_by_role("link", name=label, exact=True).click()
    assert landed.value.status == 200


def row_of(page, photo):
    return page.locator("#result_list tbody tr").filter(
        has=page.get_by_role("link", name=photo.public_id, exact=True))


def loaded_images(page):
    """The paths of the page's images, once each has loaded for real (a broken image is
    ``complete`` with no width)."""
    sources = []
    for image in page.locator("#content img").all():
        image.scroll_into_view_if_needed()
        expect(image).to_have_js_property("complete", True)
        assert image.evaluate("img => img.naturalWidth") > 0, image.get_attribute("src")
        sources.append(urlparse(image.get_attribute("src")).path)
    return sources


def run_action(page, photo, action):
    row_of(page, photo).locator('input[name="_selected_action"]').check()
    page.locator('select[name="action"]').select_option(action)
    with navigation(page) as landed:
        page.get_by_role("button", name="Go").click()
    assert landed.value.status == 200, f"{action} answered {landed.value.status}"


def api_photo(http, token, photo):
    """The generic photo API's ``GET /photo/{id}``, as the photo's owner's client calls it."""
    return http.get(f"/photo/{photo.public_id}", headers={"Authorization": f"Bearer {token}"})


def served_again(http, token, photo, timeout=30.0):
    """The API's body once the photo is back and ready (its render runs in the worker)."""
    deadline = time.monotonic() + timeout
    while True:
        response = api_photo(http, token, photo)
        if response.status == 200 and response.json()["status"] == "ready":
            return response.json()
        assert time.monotonic() < deadline, (
            f"not served again after {timeout}s: {response.status} {response.text()[:300]}")
        time.sleep(0.2)


# --- the moderator's flow -------------------------------------------------------------------------
def test_a_moderator_finds_a_photo_and_sees_its_renditions(photo_moderator, photo_owner_token,
                                                           ready_photo, failed_photo, http, page):
    body = api_photo(http, photo_owner_token, ready_photo).json()
    rendition_paths = {urlparse(image["url"]).path for image in body["images"].values()}
    assert rendition_paths and None not in rendition_paths

    log_in(page, photo_moderator)
    visit(page, "/admin/photos/photo/")
    expect(row_of(page, ready_photo)).to_have_count(1)
    expect(row_of(page, failed_photo)).to_have_count(1)

    filter_by_status(page, "Failed")
    expect(row_of(page, failed_photo)).to_contain_text(failed_photo.failure_reason[:40])
    expect(row_of(page, ready_photo)).to_have_count(0)
    filter_by_status(page, "Ready")
    expect(row_of(page, ready_photo)).to_have_count(1)
    expect(row_of(page, failed_photo)).to_have_count(0)

    with navigation(page) as landed:
        row_of(page, ready_photo).get_by_role("link", name=ready_photo.public_id).click()
    assert landed.value.status == 200, f"the photo's page answered {landed.value.status}"
    expect(page.locator("#content")).to_contain_text(ready_photo.public_id)
    expect(page.get_by_role("img", name="Beach day")).to_be_visible()  # the original
    assert rendition_paths <= set(loaded_images(page))


REASON = "Shows a private address: reported by its owner's neighbour"


def test_a_moderator_takes_a_photo_down_and_restores_it(photo_moderator, photo_owner_token,
                                                        ready_photo, wait_for_idle_worker, http,
                                                        page):
    served = api_photo(http, photo_owner_token, ready_photo)
    assert served.status == 200
    media_url = served.json()["images"]["small"]["url"]
    assert page.goto(media_url).status == 200

    log_in(page, photo_moderator)
    visit(page, "/admin/photos/photo/")
    run_action(page, ready_photo, "take_down")
    page.locator('textarea[name="reason"]').fill(REASON)
    with navigation(page) as landed:
        page.get_by_role("button", name="Take down", exact=True).click()
    assert landed.value.status == 200, f"the take-down answered {landed.value.status}"

    # gone for API clients and from its public URL
    gone = api_photo(http, photo_owner_token, ready_photo)
    assert gone.status == 404, gone.text()
    assert page.goto(media_url).status in (404, 410)

    # the moderator finds it under its own status and brings it back
    visit(page, "/admin/photos/photo/")
    filter_by_status(page, "Taken down")
    expect(row_of(page, ready_photo)).to_contain_text("Taken down")
    run_action(page, ready_photo, "restore")
    wait_for_idle_worker()
    body = served_again(http, photo_owner_token, ready_photo)
    assert page.goto(body["images"]["small"]["url"]).status == 200

    # both acts are on record, with the moderator's reason
    visit(page, "/admin/admin/logentry/")
    acts = page.locator("#result_list tbody tr").filter(has_text=ready_photo.public_id)
    expect(acts.filter(has_text=REASON)).to_have_count(1)
    expect(acts.filter(has_text=re.compile("restor", re.IGNORECASE))).to_have_count(1)
    expect(acts.filter(has_text=photo_moderator.username)).to_have_count(2)
