"""The seed's example end to end: a file uploaded through the files endpoint becomes the cropped
group photo through the real Celery worker."""

import pytest

from tests.support.images import (
    BLUE,
    GREEN,
    GREY,
    RED,
    YELLOW,
    close_to,
    corner_target_png,
    open_rgb,
)
from tests.support.responses import bytes_of
from tests.support.waiting import wait_until

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


def wait_for_photo(client, path, photo_version_id, timeout=30.0):
    def current():
        body = client.get("29.0", path).json()
        return body if body["photoVersionId"] == photo_version_id else None

    return wait_until(current, timeout, f"{photo_version_id} as the group's photo", interval=0.2)


def test_seed_example_crops_an_uploaded_file_through_the_worker(celery_worker, as_alice, group):
    file = as_alice.upload_file(corner_target_png(size=300, square=120), "target.png",
                                version="29.0")
    path = f"chatter/groups/{group['id']}/photo"
    # the seed's JSON example, numbers as strings, with the file just uploaded
    response = as_alice.post_json("29.0", path, {"cropSize": "120", "cropX": "0",
                                                 "cropY": "0", "fileId": file["id"]})
    assert response.status_code == 201, response.content
    posted = response.json()

    current = wait_for_photo(as_alice, path, posted["photoVersionId"])
    large = open_rgb(bytes_of(as_alice.fetch(current["largePhotoUrl"])))
    assert large.size == (120, 120)  # the crop, not upscaled to 200
    for point, color in (((30, 30), RED), ((90, 30), GREEN), ((30, 90), BLUE),
                         ((90, 90), YELLOW)):
        assert close_to(large.getpixel(point), color), (point, large.getpixel(point))
    # nothing of the grey outside the crop square made it in
    for corner in ((0, 0), (119, 0), (0, 119), (119, 119)):
        assert not close_to(large.getpixel(corner), GREY, tolerance=30), corner

    small = open_rgb(bytes_of(as_alice.fetch(current["smallPhotoUrl"])))
    assert small.size == (64, 64)
    for point, color in (((16, 16), RED), ((48, 16), GREEN), ((16, 48), BLUE),
                         ((48, 48), YELLOW)):
        assert close_to(small.getpixel(point), color), point
