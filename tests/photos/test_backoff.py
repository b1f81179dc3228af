"""The one backoff both retries use (a render's, a webhook delivery's), each with its own base."""

from photos import queue, tasks


def test_backoff_doubles_from_the_base_up_to_the_cap():
    assert [queue.backoff(2.0, step, 20.0, jitter=(1, 1)) for step in range(5)] == \
        [2.0, 4.0, 8.0, 16.0, 20.0]


def test_backoff_spreads_within_its_jitter():
    delays = [queue.backoff(10.0, 1, 100.0, jitter=(0.5, 1.0)) for _ in range(200)]
    assert all(10.0 <= delay <= 20.0 for delay in delays)
    assert len(set(delays)) > 1


def test_a_renders_retry_grows_from_the_photo_retry_base(settings):
    settings.PHOTO_RETRY_BASE_SECONDS = 4
    assert all(2 <= tasks.backoff(0) <= 4 and 8 <= tasks.backoff(2) <= 16 for _ in range(50))
    settings.PHOTO_RETRY_BASE_SECONDS = 10**6
    assert tasks.backoff(3) <= tasks.MAX_BACKOFF
