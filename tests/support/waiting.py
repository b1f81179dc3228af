"""The one way the tests wait: for a condition, bounded in time, failing with what was awaited."""

import time


def wait_until(condition, timeout=30.0, what="condition", interval=0.1):
    """``condition()``'s first truthy value, asked every ``interval`` seconds for ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"{what}: not within {timeout}s")


def wait_for_status(photo, statuses=("ready", "failed"), timeout=30.0):
    """``photo`` (refreshed) once its status is one of ``statuses``."""

    def reached():
        photo.refresh_from_db()
        return photo.status in statuses

    wait_until(reached, timeout, f"photo {photo.public_id} to be {' or '.join(statuses)}")
    return photo
